"""The Renstra editor and the RPJMD editor: the operator of the OPD builds its Renstra through
the pages; a user of another OPD gets 404, an anonymous visitor the login page; a refused form
comes back with the message at its field and nothing written."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.plans import structure
from akuntabel.plans.models import Indikator, Renstra, Rpjmd, Sasaran, Target, Tujuan
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rpjmd(opd):
    return Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2025, tahun_akhir=2029, visi="Sehat")


@pytest.fixture
def renstra(opd, rpjmd, operator):
    return structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=operator)


@pytest.fixture
def tujuan(renstra, operator):
    return structure.tambah(renstra, "tujuan", {"uraian": "Meningkatnya derajat kesehatan"},
                            user=operator)


@pytest.fixture
def sasaran(tujuan, operator):
    return structure.tambah(tujuan, "sasaran", {"uraian": "Menurunnya stunting"}, user=operator)


@pytest.fixture
def indikator(sasaran, operator):
    return structure.tambah(sasaran, "indikator", {"uraian": "Prevalensi stunting",
                                                   "satuan": "%", "polaritas": "turun",
                                                   "iku": "on"}, user=operator)


@pytest.fixture
def logged_in(client, operator):
    client.force_login(operator)
    return client


# --- The list and a new Renstra -------------------------------------------------------------

def test_the_operator_sees_the_list_and_creates_a_renstra(logged_in, opd, rpjmd):
    url = reverse("renstra_list", args=[opd.pk])
    page = logged_in.get(url)
    assert page.status_code == 200 and "Buat Renstra" in page.content.decode()
    response = logged_in.post(url, {"tahun_awal": "2025", "tahun_akhir": "2029",
                                    "alasan": "Renstra baru"})
    renstra = Renstra.objects.get(perangkat_daerah=opd)
    assert response.status_code == 302
    assert response["Location"] == reverse("renstra_editor", args=[renstra.pk])
    assert renstra.rpjmd == rpjmd


def test_without_an_rpjmd_the_list_says_so_and_nothing_is_written(logged_in, opd):
    response = logged_in.post(reverse("renstra_list", args=[opd.pk]),
                              {"tahun_awal": "2025", "tahun_akhir": "2029"})
    assert response.status_code == 400
    assert "RPJMD" in response.context["errors"]["rpjmd"]
    assert not Renstra.objects.filter(perangkat_daerah=opd).exists()


@pytest.mark.parametrize("url_name", ["renstra_list", "rpjmd_list"])
def test_a_period_year_not_written_as_a_year_is_refused_at_its_field(client, opd, url_name):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=opd.pemda))
    pk = opd.pk if url_name == "renstra_list" else opd.pemda.pk
    response = client.post(reverse(url_name, args=[pk]),
                           {"tahun_awal": "20x5", "tahun_akhir": "2029", "visi": "Maju"})
    assert response.status_code == 400
    assert response.context["errors"] == {"tahun_awal": "Tulis tahun seperti 2025."}
    assert 'value="20x5"' in response.content.decode()
    assert not Renstra.objects.filter(perangkat_daerah=opd).exists()
    assert not Rpjmd.objects.filter(pemda=opd.pemda).exists()


@pytest.mark.parametrize("awal", ["", "20x5", "99999"])
def test_a_bad_year_is_refused_at_its_field(logged_in, opd, rpjmd, awal):
    response = logged_in.post(reverse("renstra_list", args=[opd.pk]),
                              {"tahun_awal": awal, "tahun_akhir": "2029"})
    assert response.status_code == 400 and "tahun_awal" in response.context["errors"]
    assert not Renstra.objects.filter(perangkat_daerah=opd).exists()


def test_a_reader_without_rights_cannot_create(client, opd, rpjmd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    url = reverse("renstra_list", args=[opd.pk])
    assert client.get(url).status_code == 200
    assert "Buat Renstra" not in client.get(url).content.decode()
    assert client.post(url, {"tahun_awal": "2025", "tahun_akhir": "2029"}).status_code == 403
    assert not Renstra.objects.filter(perangkat_daerah=opd).exists()


# --- The editor -----------------------------------------------------------------------------

def test_the_editor_shows_the_tree_the_definitions_targets_and_warnings(
        logged_in, renstra, sasaran, indikator, operator):
    structure.simpan_target_renstra(indikator, {2025: "20", 2026: "18–19 %"}, {}, user=operator)
    page = logged_in.get(reverse("renstra_editor", args=[renstra.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Meningkatnya derajat kesehatan" in html and "Menurunnya stunting" in html
    assert "Prevalensi stunting" in html and "18–19 %" in html
    assert [p.kode for p in page.context["peringatan"]] == ["REN-002"]
    assert "2027, 2028, 2029" in html   # the IKU's missing years, at the indicator
    assert 'data-periksa="' in html and "plans/renstra.js" in html


def test_a_sasaran_is_added_through_the_page(logged_in, renstra, tujuan):
    response = logged_in.post(reverse("renstra_tambah", args=[renstra.pk, "sasaran"]),
                              {"induk": f"tujuan-{tujuan.pk}", "uraian": "Menurunnya AKI",
                               "kode": "S2", "alasan": "Rancangan"})
    assert response.status_code == 302
    s = Sasaran.objects.get(tujuan=tujuan, uraian="Menurunnya AKI")
    assert response["Location"].endswith(f"#sasaran-{s.pk}")
    change = Perubahan.objects.get(model="Sasaran", objek_id=s.pk, kolom="uraian")
    assert change.alasan == "Rancangan"


def test_a_duplicate_sasaran_comes_back_with_the_message_at_its_field(
        logged_in, renstra, tujuan, sasaran):
    before = Sasaran.objects.count()
    response = logged_in.post(reverse("renstra_tambah", args=[renstra.pk, "sasaran"]),
                              {"induk": f"tujuan-{tujuan.pk}", "uraian": "menurunnya  stunting."})
    assert response.status_code == 400
    uraian = next(f for f in response.context["fields"] if f["nama"] == "uraian")
    assert "Menurunnya stunting" in uraian["error"]
    assert uraian["value"] == "menurunnya  stunting."   # as typed
    assert Sasaran.objects.count() == before


def test_an_indicator_is_added_and_changed_with_its_full_definition(logged_in, renstra, sasaran):
    url = reverse("renstra_tambah", args=[renstra.pk, "indikator"])
    data = {"induk": f"sasaran-{sasaran.pk}", "uraian": "Angka kematian ibu", "satuan": "per "
            "100.000 KH", "polaritas": "turun", "metode_turun": "selisih",
            "agregasi": "nilai_akhir", "definisi_operasional": "Kematian ibu per 100.000 KH",
            "formula": "Kematian ibu / KH x 100.000", "sumber_data": "Dinkes",
            "kondisi_awal_tahun": "2024", "kondisi_awal": "120", "kondisi_akhir": "90",
            "iku": "on"}
    assert logged_in.post(url, data).status_code == 302
    ind = Indikator.objects.get(sasaran=sasaran, uraian="Angka kematian ibu")
    assert (ind.iku, ind.kondisi_awal, ind.definisi_operasional) == (
        True, Decimal(120), "Kematian ibu per 100.000 KH")
    data.pop("iku")
    response = logged_in.post(reverse("renstra_ubah", args=[renstra.pk, "indikator", ind.pk]),
                              {**data, "kondisi_akhir": "85"})
    assert response.status_code == 302
    ind.refresh_from_db()
    assert (ind.iku, ind.kondisi_akhir) == (False, Decimal(85))


def test_a_bad_number_is_refused_at_its_field(logged_in, renstra, indikator):
    response = logged_in.post(
        reverse("renstra_ubah", args=[renstra.pk, "indikator", indikator.pk]),
        {"uraian": indikator.uraian, "kondisi_awal": "1.000.000.000.000.000"})
    assert response.status_code == 400
    field = next(f for f in response.context["fields"] if f["nama"] == "kondisi_awal")
    assert "1.000.000.000.000.000" in field["error"]
    indikator.refresh_from_db()
    assert indikator.kondisi_awal is None


def test_targets_are_saved_by_year_range_and_label(logged_in, renstra, indikator):
    url = reverse("renstra_target", args=[renstra.pk, indikator.pk])
    data = {f"versi_{y}": "0" for y in renstra.tahun} | {f"target_{y}": "" for y in renstra.tahun}
    data |= {"target_2025": "20", "target_2026": "18–19 %"}
    assert logged_in.post(url, data).status_code == 302
    rows = structure.renstra_targets(indikator)
    assert (rows[2026].nilai, rows[2026].nilai_atas) == (Decimal(18), Decimal(19))


def test_a_bad_target_comes_back_at_its_year_and_nothing_is_written(logged_in, renstra,
                                                                    indikator):
    url = reverse("renstra_target", args=[renstra.pk, indikator.pk])
    data = {f"versi_{y}": "0" for y in renstra.tahun} | {f"target_{y}": "" for y in renstra.tahun}
    data |= {"target_2025": "20", "target_2027": "sekitar dua puluh"}
    response = logged_in.post(url, data)
    assert response.status_code == 400
    assert "sekitar dua puluh" in response.content.decode()
    assert not Target.objects.filter(indikator=indikator).exists()


def test_a_stale_target_version_is_refused(logged_in, renstra, indikator, operator):
    structure.simpan_target_renstra(indikator, {2025: "20"}, {}, user=operator)
    url = reverse("renstra_target", args=[renstra.pk, indikator.pk])
    response = logged_in.post(url, {"target_2025": "19", "versi_2025": "0"}, follow=True)
    assert structure.renstra_targets(indikator)[2025].nilai == Decimal(20)
    assert "nothing was saved" in response.content.decode() or "tidak ada yang disimpan" in (
        response.content.decode())


def test_an_element_is_removed_and_a_tujuan_with_sasaran_is_not(logged_in, renstra, tujuan,
                                                                sasaran):
    url = reverse("renstra_hapus", args=[renstra.pk, "tujuan", tujuan.pk])
    assert logged_in.post(url, {"alasan": "x"}).status_code == 302
    assert Tujuan.objects.filter(pk=tujuan.pk).exists()
    url = reverse("renstra_hapus", args=[renstra.pk, "sasaran", sasaran.pk])
    assert logged_in.post(url, {"alasan": "Digabung"}).status_code == 302
    assert not Sasaran.objects.filter(pk=sasaran.pk).exists()


def test_the_validation_endpoint_answers_without_writing(logged_in, renstra, tujuan, sasaran):
    before = Perubahan.objects.count()
    url = reverse("renstra_periksa", args=[renstra.pk, "sasaran"])
    answer = logged_in.post(url, {"induk": f"tujuan-{tujuan.pk}", "uraian": "MENURUNNYA STUNTING"})
    assert "uraian" in answer.json()["errors"]
    answer = logged_in.post(url, {"induk": f"tujuan-{tujuan.pk}", "uraian": "Sasaran baru"})
    assert answer.json()["errors"] == {}
    answer = logged_in.post(url, {"objek": str(sasaran.pk), "uraian": "Menurunnya stunting"})
    assert answer.json()["errors"] == {}   # itself is no duplicate
    assert Perubahan.objects.count() == before


def test_an_element_of_another_renstra_is_not_found(logged_in, renstra, operator):
    other_opd = make_opd(pemda=renstra.perangkat_daerah.pemda)
    other = structure.buat_renstra(other_opd, tahun_awal=2025, tahun_akhir=2029, user=operator)
    foreign = structure.tambah(other, "tujuan", {"uraian": "T"}, user=operator)
    url = reverse("renstra_ubah", args=[renstra.pk, "tujuan", foreign.pk])
    assert logged_in.post(url, {"uraian": "Diubah"}).status_code == 404
    url = reverse("renstra_tambah", args=[renstra.pk, "sasaran"])
    assert logged_in.post(url, {"induk": f"tujuan-{foreign.pk}", "uraian": "S"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.uraian == "T"


# --- Access ---------------------------------------------------------------------------------

def urls(renstra, tujuan, indikator):
    return [
        ("get", reverse("renstra_list", args=[renstra.perangkat_daerah.pk])),
        ("get", reverse("renstra_editor", args=[renstra.pk])),
        ("post", reverse("renstra_tambah", args=[renstra.pk, "tujuan"])),
        ("post", reverse("renstra_ubah", args=[renstra.pk, "tujuan", tujuan.pk])),
        ("post", reverse("renstra_hapus", args=[renstra.pk, "tujuan", tujuan.pk])),
        ("post", reverse("renstra_periksa", args=[renstra.pk, "tujuan"])),
        ("post", reverse("renstra_target", args=[renstra.pk, indikator.pk])),
    ]


def test_every_renstra_view_hides_itself_from_outsiders(client, renstra, tujuan, indikator):
    for method, url in urls(renstra, tujuan, indikator):
        if method == "get":
            assert_hidden_from_outsiders(client, url, renstra.perangkat_daerah)
            assert_sends_anonymous_to_login(client, url)
        client.force_login(make_user(Peran.OPERATOR_OPD,
                                     opd=make_opd(pemda=renstra.perangkat_daerah.pemda)))
        assert client.post(url, {"uraian": "X", "induk": f"renstra-{renstra.pk}"}
                           ).status_code == 404, url
        client.logout()
        response = client.post(url, {"uraian": "X"})
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    tujuan.refresh_from_db()
    assert tujuan.uraian == "Meningkatnya derajat kesehatan"


def test_a_reader_of_the_opd_reads_but_cannot_write(client, renstra, tujuan, indikator):
    client.force_login(make_user(Peran.REVIEWER, pemda=renstra.perangkat_daerah.pemda))
    page = client.get(reverse("renstra_editor", args=[renstra.pk]))
    assert page.status_code == 200 and "data-periksa" not in page.content.decode()
    for method, url in urls(renstra, tujuan, indikator):
        if method == "post":
            assert client.post(url, {"uraian": "X"}).status_code == 403, url


# --- The RPJMD ------------------------------------------------------------------------------

def test_the_admin_pemda_creates_an_rpjmd_with_misi_tujuan_and_sasaran_daerah(client, opd):
    admin = make_user(Peran.ADMIN_PEMDA, pemda=opd.pemda)
    client.force_login(admin)
    url = reverse("rpjmd_list", args=[opd.pemda.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"tahun_awal": "2025", "tahun_akhir": "2029", "visi": "Maju"})
    rpjmd = Rpjmd.objects.get(pemda=opd.pemda)
    assert response["Location"] == reverse("rpjmd_editor", args=[rpjmd.pk])
    add = reverse("rpjmd_tambah", args=[rpjmd.pk, "misi"])
    assert client.post(add, {"induk": f"rpjmd-{rpjmd.pk}", "nomor": "1",
                             "uraian": "SDM unggul"}).status_code == 302
    add = reverse("rpjmd_tambah", args=[rpjmd.pk, "tujuan_daerah"])
    assert client.post(add, {"induk": f"rpjmd-{rpjmd.pk}", "uraian": "SDM sehat"}
                       ).status_code == 302
    td = rpjmd.tujuan_daerah.get()
    add = reverse("rpjmd_tambah", args=[rpjmd.pk, "sasaran_daerah"])
    assert client.post(add, {"induk": f"tujuan_daerah-{td.pk}", "uraian": "AHH naik"}
                       ).status_code == 302
    page = client.get(reverse("rpjmd_editor", args=[rpjmd.pk]))
    assert "AHH naik" in page.content.decode() and "SDM unggul" in page.content.decode()
    refused = client.post(reverse("rpjmd_tambah", args=[rpjmd.pk, "misi"]),
                          {"induk": f"rpjmd-{rpjmd.pk}", "nomor": "1", "uraian": "Lagi"})
    assert refused.status_code == 400


def test_the_rpjmd_pages_are_hidden_from_opd_users_and_outsiders(client, rpjmd, operator):
    pages = [reverse("rpjmd_list", args=[rpjmd.pemda.pk]),
             reverse("rpjmd_editor", args=[rpjmd.pk])]
    for url in pages:
        assert_sends_anonymous_to_login(client, url)
        client.force_login(operator)   # an OPD's operator reads no pemda page
        assert client.get(url).status_code == 404
        client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_opd().pemda))
        assert client.get(url).status_code == 404
        assert client.post(url, {"visi": "X", "tahun_awal": "2030", "tahun_akhir": "2034"}
                           ).status_code == 404
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=rpjmd.pemda))
    assert client.get(pages[1]).status_code == 200
    assert client.post(pages[1], {"visi": "X"}).status_code == 403
    rpjmd.refresh_from_db()
    assert rpjmd.visi == "Sehat"


def test_the_opd_page_links_to_the_renstra_editor(logged_in, opd):
    page = logged_in.get(reverse("opd_detail", args=[opd.pk]))
    assert reverse("renstra_list", args=[opd.pk]) in page.content.decode()


def test_the_rpjmd_writes_are_refused_to_outsiders_and_readers(client, rpjmd):
    misi = structure.tambah(rpjmd, "misi", {"nomor": "1", "uraian": "SDM"}, user=None)
    writes = [reverse("rpjmd_tambah", args=[rpjmd.pk, "misi"]),
              reverse("rpjmd_ubah", args=[rpjmd.pk, "misi", misi.pk]),
              reverse("rpjmd_hapus", args=[rpjmd.pk, "misi", misi.pk]),
              reverse("rpjmd_periksa", args=[rpjmd.pk, "misi"])]
    data = {"induk": f"rpjmd-{rpjmd.pk}", "nomor": "2", "uraian": "X"}
    for url in writes:
        client.logout()
        assert reverse("login") in client.post(url, data)["Location"], url
        client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=rpjmd.pemda)))
        assert client.post(url, data).status_code == 404, url
        client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_opd().pemda))
        assert client.post(url, data).status_code == 404, url
        client.force_login(make_user(Peran.VERIFIKATOR, pemda=rpjmd.pemda))
        assert client.post(url, data).status_code == 403, url
    misi.refresh_from_db()
    assert (misi.uraian, rpjmd.misi.count()) == ("SDM", 1)


def test_the_editor_shows_the_rpjmd_misi_tujuan_and_sasaran_a_sasaran_serves(
        logged_in, renstra, rpjmd, sasaran, operator):
    misi = structure.tambah(rpjmd, "misi", {"nomor": "3", "uraian": "SDM"}, user=operator)
    td = structure.tambah(rpjmd, "tujuan_daerah", {"uraian": "SDM sehat", "misi": misi.pk},
                          user=operator)
    sd = structure.tambah(td, "sasaran_daerah", {"uraian": "AHH naik"}, user=operator)
    response = logged_in.post(reverse("renstra_ubah", args=[renstra.pk, "sasaran", sasaran.pk]),
                              {"uraian": sasaran.uraian, "sasaran_daerah": str(sd.pk)})
    assert response.status_code == 302
    html = logged_in.get(reverse("renstra_editor", args=[renstra.pk])).content.decode()
    assert "Misi 3 › SDM sehat › AHH naik" in html


def test_the_validation_endpoint_warns_of_a_formula_without_unit_and_an_iku_without_targets(
        logged_in, renstra, sasaran, indikator, operator):
    url = reverse("renstra_periksa", args=[renstra.pk, "indikator"])
    answer = logged_in.post(url, {"induk": f"sasaran-{sasaran.pk}", "uraian": "AKI",
                                  "formula": "A / B x 100", "satuan": "", "iku": "on"}).json()
    assert answer["errors"] == {}
    assert set(answer["peringatan"]) == {"satuan", "iku"}
    structure.simpan_target_renstra(indikator, {y: "10" for y in renstra.tahun}, {},
                                    user=operator)
    answer = logged_in.post(url, {"objek": str(indikator.pk), "uraian": indikator.uraian,
                                  "satuan": "%", "iku": "on"}).json()
    assert answer == {"errors": {}, "peringatan": {}}
