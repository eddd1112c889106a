"""The program tree page and the Renja grid: the owner picks programs, kegiatan and sub
kegiatan by code (search as you type, or the server-side search without script), sees each
node's indicators and funding, removes and changes them; the Renja is copied from the Renstra
and adjusted with a reason. Outsiders get 404, anonymous visitors the login page, readers
without the right to change get 403 on every write."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.plans.models import Program, RenjaAnggaran, RenstraAnggaran, SubKegiatan, Target
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import (
    make_indikator,
    make_opd,
    make_pemda,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)
from tests.plans.test_tree import make_edisi

pytestmark = pytest.mark.django_db
TAHUN = 2026


@pytest.fixture
def opd():
    return make_opd(pemda=make_pemda(edisi_referensi=make_edisi()), nama="Dinas Sosial")


@pytest.fixture
def renstra(opd):
    return make_renstra(opd, tahun_awal=2025, tahun_akhir=2029)


@pytest.fixture
def sasaran(renstra):
    return make_sasaran(make_tujuan(renstra), uraian="Meningkatnya pemberdayaan sosial")


@pytest.fixture
def operator(opd):
    return make_user(Peran.OPERATOR_OPD, opd=opd, first_name="Sri", last_name="Wahyuni")


@pytest.fixture
def verifikator(opd):
    return make_user(Peran.VERIFIKATOR, pemda=opd.pemda)


def tree_url(opd):
    return reverse("program_tree", args=[opd.pk])


def add(client, opd, renstra, tingkat, kode, induk="", **extra):
    return client.post(reverse("program_tambah", args=[opd.pk]), {
        "renstra": renstra.pk, "tingkat": tingkat, "kode": kode, "induk": induk,
        "dengan_indikator": "1", **extra})


def test_the_owner_builds_a_tree_by_code(client, opd, renstra, sasaran, operator):
    client.force_login(operator)
    response = add(client, opd, renstra, "program", "1.06.02", sasaran=sasaran.pk)
    assert response.status_code == 302
    program = Program.objects.get(renstra=renstra)
    assert program.sasaran == sasaran
    assert add(client, opd, renstra, "kegiatan", "1.06.02.2.01", program.pk).status_code == 302
    kegiatan = program.kegiatan.get()
    assert add(client, opd, renstra, "sub_kegiatan", "1.06.02.2.01.0001",
               kegiatan.pk).status_code == 302
    body = client.get(tree_url(opd)).content.decode()
    for text in ("PROGRAM PEMBERDAYAAN SOSIAL", "1.06.02.2.01.0001",
                 "Jumlah Komunitas Adat Terpencil yang Diberdayakan",  # the list's indicator
                 "kinerja “Komunitas Adat Terpencil yang Diberdayakan”",  # and its kinerja
                 "Meningkatnya pemberdayaan sosial", 'src="/static/plans/tree.js"',
                 "data-cari="):
        assert text in body, text
    assert "<script>" not in body  # CSP: external script only


def test_a_code_not_in_the_list_is_refused_at_the_field_with_nothing_written(
        client, opd, renstra, operator):
    client.force_login(operator)
    response = add(client, opd, renstra, "program", "1.06.99")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="galat-tambah-program-"' in body and "1.06.99" in body
    assert "tidak ada dalam daftar kode" in body
    assert not Program.objects.filter(renstra=renstra).exists()


def test_a_kegiatan_of_another_program_is_refused_at_its_parent_s_field(
        client, opd, renstra, operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.01")
    program = Program.objects.get(renstra=renstra)
    response = add(client, opd, renstra, "kegiatan", "1.06.02.2.01", program.pk)
    assert response.status_code == 400
    assert f'id="galat-tambah-kegiatan-{program.pk}"' in response.content.decode()
    assert not program.kegiatan.exists()


def test_the_search_answers_as_json_and_without_script(client, opd, renstra, operator):
    client.force_login(operator)
    data = client.get(reverse("program_cari", args=[opd.pk]),
                      {"q": "komunitas adat", "tingkat": "sub_kegiatan"}).json()
    assert [h["kode"] for h in data["hasil"]] == ["1.06.02.2.01.0001"]
    children = client.get(reverse("program_cari", args=[opd.pk]),
                          {"q": "", "tingkat": "sub_kegiatan", "induk": "1.06.01.2.01"}).json()
    assert [h["kode"] for h in children["hasil"]] == ["1.06.01.2.01.0001"]  # the OPD's bidang
    body = client.get(tree_url(opd), {"q": "penunjang", "renstra": renstra.pk}).content.decode()
    assert "X.XX.01" in body and "PROGRAM PENUNJANG" in body


def test_removal_with_dpa_rows_is_refused_with_its_message(client, opd, renstra, operator):
    from akuntabel.budget.models import Dpa, DpaSubKegiatan

    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.02")
    program = Program.objects.get(renstra=renstra)
    add(client, opd, renstra, "kegiatan", "1.06.02.2.01", program.pk)
    add(client, opd, renstra, "sub_kegiatan", "1.06.02.2.01.0001", program.kegiatan.get().pk)
    sub = SubKegiatan.objects.get(kegiatan__program=program)
    DpaSubKegiatan.objects.create(dpa=Dpa.objects.create(perangkat_daerah=opd, tahun=2025),
                                  sub_kegiatan=sub, pagu=Decimal(5))
    response = client.post(reverse("program_node_hapus", args=[opd.pk, "program", program.pk]),
                           {"alasan": "Salah"})
    assert response.status_code == 400
    assert "sudah ada anggaran DPA tahun 2025" in response.content.decode()
    assert Program.objects.filter(pk=program.pk).exists()


def test_the_indicative_funding_is_saved_per_year(client, opd, renstra, operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.02")
    program = Program.objects.get(renstra=renstra)
    url = reverse("program_node_pagu", args=[opd.pk, "program", program.pk])
    assert client.post(url, {"pagu_2026": "1.500.000", "pagu_2027": "Rp 2.000.000,50"}
                       ).status_code == 302
    assert dict(RenstraAnggaran.objects.filter(program=program).values_list(
        "tahun", "target")) == {2026: Decimal(1500000), 2027: Decimal("2000000.50")}
    response = client.post(url, {"pagu_2026": "satu juta"})
    assert response.status_code == 400 and "satu juta" in response.content.decode()
    assert "Rp 1.500.000" in client.get(tree_url(opd)).content.decode()


def test_the_renja_is_copied_then_changed_with_a_reason(client, opd, renstra, sasaran,
                                                        operator):
    iku = make_indikator(sasaran=sasaran, satuan="%")
    make_target(iku, "80", jenis="renstra", tahun=TAHUN)
    client.force_login(operator)
    grid = reverse("renja_grid", args=[opd.pk, TAHUN])
    assert client.post(reverse("renja_salin", args=[opd.pk, TAHUN])).status_code == 302
    row = Target.objects.get(indikator=iku, jenis="renja", tahun=TAHUN, triwulan=0)
    assert row.nilai == Decimal(80)
    data = {f"i{iku.pk}-versi_{tw}": "0" for tw in range(5)} | {
        f"i{iku.pk}-nilai_{tw}": "" for tw in range(5)}
    data |= {f"i{iku.pk}-versi_0": str(row.versi), f"i{iku.pk}-nilai_0": "75",
             f"i{iku.pk}-nilai_1": "20"}
    response = client.post(grid, data)
    assert response.status_code == 400 and "alasan" in response.content.decode()
    row.refresh_from_db()
    assert row.nilai == Decimal(80)
    data[f"i{iku.pk}-alasan"] = "Refocusing anggaran"
    assert client.post(grid, data).status_code == 302
    row.refresh_from_db()
    assert row.nilai == Decimal(75)
    assert Perubahan.objects.filter(model="Target", objek_id=row.pk, baru="75",
                                    alasan="Refocusing anggaran").exists()
    body = client.get(grid).content.decode()
    assert f'name="i{iku.pk}-nilai_1" value="20"' in body


def test_the_renja_ceiling_is_copied_and_shown(client, opd, renstra, operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.02")
    program = Program.objects.get(renstra=renstra)
    RenstraAnggaran.objects.create(program=program, tahun=TAHUN, target=Decimal(1500000))
    client.post(reverse("renja_salin", args=[opd.pk, TAHUN]))
    assert RenjaAnggaran.objects.get(program=program).pagu_indikatif == Decimal(1500000)
    body = client.get(reverse("renja_grid", args=[opd.pk, TAHUN])).content.decode()
    assert "Rp 1.500.000" in body and 'value="1.500.000"' in body


@pytest.mark.parametrize("name", ["tree", "renja"])
def test_a_reader_sees_but_may_not_change(client, opd, renstra, verifikator, name):
    client.force_login(verifikator)
    url = tree_url(opd) if name == "tree" else reverse("renja_grid", args=[opd.pk, TAHUN])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="kode"' not in response.content.decode()
    assert add(client, opd, renstra, "program", "1.06.02").status_code == 403
    assert client.post(reverse("renja_salin", args=[opd.pk, TAHUN])).status_code == 403
    assert client.post(reverse("renja_grid", args=[opd.pk, TAHUN]), {}).status_code == 403
    assert not Program.objects.filter(renstra=renstra).exists()


def test_every_page_is_hidden_from_outsiders_and_anonymous(client, opd, renstra):
    program = Program.objects.create(renstra=renstra, kode="1.06.02", nama="P")
    for url in (tree_url(opd), reverse("program_cari", args=[opd.pk]) + "?q=sosial",
                reverse("renja_grid", args=[opd.pk, TAHUN])):
        assert_hidden_from_outsiders(client, url, opd)
        assert_sends_anonymous_to_login(client, url)
    outsider = make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda))
    client.force_login(outsider)
    indikator = make_indikator(program=program)
    posts = [reverse("program_tambah", args=[opd.pk]),
             reverse("renja_salin", args=[opd.pk, TAHUN]),
             reverse("program_indikator_target", args=[opd.pk, indikator.pk])] + [
        reverse(name, args=[opd.pk, "program", program.pk])
        for name in ("program_node_ubah", "program_node_hapus", "program_node_indikator",
                     "program_node_pagu")]
    for url in posts:
        assert client.post(url, {"alasan": "x", "renstra": renstra.pk, "tingkat": "program",
                                 "kode": "1.06.02"}).status_code == 404, url
    assert Program.objects.filter(renstra=renstra).count() == 1
    assert not Target.objects.filter(indikator=indikator).exists()


def test_a_node_of_another_opd_is_not_found_under_mine(client, opd, renstra, operator):
    other = Program.objects.create(renstra=make_renstra(), kode="1.06.02", nama="P")
    client.force_login(operator)
    assert client.post(reverse("program_node_hapus", args=[opd.pk, "program", other.pk]),
                       {"alasan": "x"}).status_code == 404
    assert client.post(reverse("program_node_hapus", args=[opd.pk, "bukan", other.pk]),
                       {"alasan": "x"}).status_code == 404
    assert Program.objects.filter(pk=other.pk).exists()


def test_the_demo_s_tree_and_renja_are_shown(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    tree_body = client.get(tree_url(demo_opd)).content.decode()
    assert "1.06.01.2.01.0001" in tree_body and "Rp " in tree_body
    grid = client.get(reverse("renja_grid", args=[demo_opd.pk, 2023]))
    assert grid.status_code == 200
    assert "Persentase PPKS yang tertangani" in grid.content.decode()


def test_a_year_without_a_renstra_says_so(client, opd, operator):
    client.force_login(operator)
    response = client.get(reverse("renja_grid", args=[opd.pk, 2040]))
    assert response.status_code == 404
    assert "tidak memiliki Renstra yang mencakup tahun 2040" in response.content.decode()


def test_the_tree_page_reads_in_a_fixed_number_of_queries(client, opd, renstra, operator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(operator)

    def queries():
        with CaptureQueriesContext(connection) as q:
            assert client.get(tree_url(opd)).status_code == 200
        return len(q)

    for kode in ("1.06.01", "1.06.02"):
        add(client, opd, renstra, "program", kode)
        program = Program.objects.get(renstra=renstra, kode=kode)
        add(client, opd, renstra, "kegiatan", f"{kode}.2.01", program.pk)
        add(client, opd, renstra, "sub_kegiatan", f"{kode}.2.01.0001", program.kegiatan.get().pk)
        if kode == "1.06.01":
            one = queries()  # one node of each level, with the list's indicator
    assert SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).count() == 2
    assert queries() == one


def test_the_renja_grid_reads_in_a_fixed_number_of_queries(client, opd, renstra, sasaran,
                                                            operator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(operator)
    grid = reverse("renja_grid", args=[opd.pk, TAHUN])

    def queries():
        with CaptureQueriesContext(connection) as q:
            assert client.get(grid).status_code == 200
        return len(q)

    for n, kode in enumerate(("1.06.01", "1.06.02")):
        make_target(make_indikator(sasaran=make_sasaran(make_tujuan(renstra))), n, jenis="renstra",
                    tahun=TAHUN)
        add(client, opd, renstra, "program", kode)
        program = Program.objects.get(renstra=renstra, kode=kode)
        add(client, opd, renstra, "kegiatan", f"{kode}.2.01", program.pk)
        add(client, opd, renstra, "sub_kegiatan", f"{kode}.2.01.0001", program.kegiatan.get().pk)
        client.post(reverse("renja_salin", args=[opd.pk, TAHUN]))
        if n == 0:
            one = queries()
    assert queries() == one


def test_a_change_refused_for_its_sasaran_writes_nothing(client, opd, renstra, sasaran,
                                                         operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.02", sasaran=sasaran.pk)
    program = Program.objects.get(renstra=renstra)
    before = Perubahan.objects.count()
    response = client.post(reverse("program_node_ubah", args=[opd.pk, "program", program.pk]),
                           {"nama_tercetak": "Prog. Pemberdayaan", "catatan": "",
                            "sasaran": make_sasaran().pk, "alasan": "x"})
    assert response.status_code == 400
    assert "bukan sasaran Renstra program ini" in response.content.decode()
    program.refresh_from_db()
    assert (program.sasaran, program.nama_tercetak) == (sasaran, [])
    assert Perubahan.objects.count() == before


def test_a_program_moves_to_another_sasaran_from_the_page(client, opd, renstra, sasaran,
                                                          operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.02")
    program = Program.objects.get(renstra=renstra)
    assert client.post(reverse("program_node_ubah", args=[opd.pk, "program", program.pk]),
                       {"nama_tercetak": "", "catatan": "", "sasaran": sasaran.pk,
                        "alasan": "Cascading"}).status_code == 302
    program.refresh_from_db()
    assert program.sasaran == sasaran


def test_a_funding_form_of_some_years_leaves_the_others(client, opd, renstra, operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.02")
    program = Program.objects.get(renstra=renstra)
    url = reverse("program_node_pagu", args=[opd.pk, "program", program.pk])
    client.post(url, {"pagu_2026": "1.000", "pagu_2027": "2.000"})
    client.post(url, {"pagu_2027": "3.000"})
    assert dict(RenstraAnggaran.objects.filter(program=program).values_list(
        "tahun", "target")) == {2026: Decimal(1000), 2027: Decimal(3000)}


def test_a_parent_s_renja_ceiling_is_the_sum_of_its_sub_kegiatan(client, opd, renstra,
                                                                 operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.01")
    program = Program.objects.get(renstra=renstra)
    add(client, opd, renstra, "kegiatan", "1.06.01.2.01", program.pk)
    kegiatan = program.kegiatan.get()
    add(client, opd, renstra, "sub_kegiatan", "1.06.01.2.01.0001", kegiatan.pk)
    sub = kegiatan.sub_kegiatan.get()
    RenstraAnggaran.objects.create(program=program, tahun=TAHUN, target=Decimal(5000))
    RenstraAnggaran.objects.create(sub_kegiatan=sub, tahun=TAHUN, target=Decimal(3000))
    client.post(reverse("renja_salin", args=[opd.pk, TAHUN]))
    body = client.get(reverse("renja_grid", args=[opd.pk, TAHUN])).content.decode()
    assert f'name="p-sub_kegiatan-{sub.pk}-pagu"' in body
    assert f'name="p-program-{program.pk}-pagu"' not in body  # a sum, not an input
    assert f'name="p-kegiatan-{kegiatan.pk}-pagu"' not in body
    assert body.count("<strong class=\"angka\">Rp 3.000</strong>") == 2  # kegiatan, program
    assert "dicatat untuknya: Rp 5.000" in body  # the program's copied Renstra figure


def test_the_pages_take_the_renstra_version_in_force(client, opd, renstra, operator):
    """A Renstra perubahan in force from 2027: the Renja of 2026 keeps the first version, the
    Renja of 2028 takes the new one, whose programs it shows."""
    baru = make_renstra(opd, tahun_awal=2025, tahun_akhir=2029, berlaku_mulai=2027,
                        rpjmd=renstra.rpjmd)
    Program.objects.create(renstra=renstra, kode="1.06.01", nama="Program lama")
    Program.objects.create(renstra=baru, kode="1.06.02", nama="Program baru")
    client.force_login(operator)
    assert "Program lama" in client.get(reverse("renja_grid", args=[opd.pk, 2026])).content.decode()
    assert "Program baru" in client.get(reverse("renja_grid", args=[opd.pk, 2028])).content.decode()
    body = client.get(tree_url(opd), {"renstra": baru.pk}).content.decode()
    assert "Program baru" in body and "versi berlaku mulai 2027" in body


@pytest.mark.parametrize(("agregasi", "tw", "shown"), [
    pytest.param("kumulatif", ["2", "3", "3", "2"], "", id="quarters adding up to the year"),
    pytest.param("kumulatif", ["2", "3", "3", "3"], "TW I–IV berjumlah 11,",
                 id="quarters adding up to more than the year"),
    pytest.param("nilai_akhir", ["7", "8", "9", "9"], "TW IV (9) tidak sama",
                 id="a last-value indicator ending below the year"),
    pytest.param("nilai_akhir", ["7", "8", "9", "10"], "", id="a last value ending on the year"),
])
def test_quarterly_targets_that_miss_the_year_s_are_pointed_out(client, opd, renstra, sasaran,
                                                                 operator, agregasi, tw, shown):
    iku = make_indikator(sasaran=sasaran, agregasi=agregasi)
    make_target(iku, "10", tahun=TAHUN)
    for n, value in enumerate(tw, start=1):
        make_target(iku, value, tahun=TAHUN, triwulan=n)
    client.force_login(operator)
    body = client.get(reverse("renja_grid", args=[opd.pk, TAHUN])).content.decode()
    if shown:
        assert shown in body
    else:
        assert "berjumlah" not in body and "tidak sama dengan target tahunan" not in body


def test_a_node_s_own_indicator_and_its_renstra_targets_are_written(client, opd, renstra,
                                                                    operator):
    client.force_login(operator)
    add(client, opd, renstra, "program", "1.06.02")
    program = Program.objects.get(renstra=renstra)
    url = reverse("program_node_indikator", args=[opd.pk, "program", program.pk])
    assert client.post(url, {"uraian": "Persentase KAT berdaya", "satuan": "%"}
                       ).status_code == 302
    indikator = program.indikator.get()
    target_url = reverse("program_indikator_target", args=[opd.pk, indikator.pk])
    assert client.post(target_url, {"target_2026": "40", "target_2027": "45,5",
                                    "versi_2026": "0", "versi_2027": "0"}).status_code == 302
    assert dict(Target.objects.filter(indikator=indikator, jenis="renstra").values_list(
        "tahun", "nilai")) == {2026: Decimal(40), 2027: Decimal("45.5")}
    response = client.post(target_url, {"target_2028": "banyak", "versi_2028": "0"})
    assert response.status_code == 400 and "banyak" in response.content.decode()
    assert not Target.objects.filter(indikator=indikator, tahun=2028).exists()
    body = client.get(tree_url(opd)).content.decode()
    assert 'name="target_2027" form="target-' in body and 'value="45,5"' in body


def test_targets_of_an_indicator_outside_the_tree_are_not_found(client, opd, renstra, sasaran,
                                                                 operator):
    iku = make_indikator(sasaran=sasaran)  # written in the Renstra editor, not here
    other = make_indikator(program=Program.objects.create(renstra=make_renstra(), kode="1",
                                                          nama="P"))
    client.force_login(operator)
    for ind in (iku, other):
        assert client.post(reverse("program_indikator_target", args=[opd.pk, ind.pk]),
                           {"target_2026": "1"}).status_code == 404
    assert not Target.objects.filter(indikator__in=[iku, other]).exists()


def test_a_signed_pk_leaves_the_renja_of_its_year_read_only(client, opd, renstra, sasaran,
                                                            operator):
    from akuntabel.plans.models import PerjanjianKinerja

    iku = make_indikator(sasaran=sasaran)
    make_target(iku, "80", tahun=TAHUN)
    PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=TAHUN, status="ditandatangani")
    client.force_login(operator)
    grid = reverse("renja_grid", args=[opd.pk, TAHUN])
    body = client.get(grid).content.decode()
    assert "targetnya terkunci" in body and f'name="i{iku.pk}-nilai_0"' not in body
    data = {f"i{iku.pk}-versi_{tw}": "0" for tw in range(5)} | {
        f"i{iku.pk}-nilai_{tw}": "" for tw in range(5)}
    row = Target.objects.get(indikator=iku, jenis="renja", tahun=TAHUN)
    data |= {f"i{iku.pk}-versi_0": str(row.versi), f"i{iku.pk}-nilai_0": "75",
             f"i{iku.pk}-alasan": "x"}
    assert client.post(grid, data).status_code == 409
    row.refresh_from_db()
    assert row.nilai == Decimal(80)
