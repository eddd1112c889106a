"""The realisasi grid of a triwulan: who reads it, who saves it, and what a save writes."""

import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.results.grid import build_realisasi_grid
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_pemda,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
    make_user,
)
from tests.results.helpers import (
    TAHUN,
    grid_post,
    indikator_of,
    make_grid_opd,
    operator_of,
    realisasi,
)

pytestmark = pytest.mark.django_db


def url(opd, triwulan=2, tahun=TAHUN):
    return reverse("realisasi_grid", args=[opd.pk, tahun, triwulan])


# --- reading ----------------------------------------------------------------------------------

def test_owner_sees_all_65_demo_indicators_in_cascade_order(client, demo_opd):
    client.force_login(operator_of(demo_opd))
    response = client.get(url(demo_opd))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<tr data-indikator=") == 65
    assert '<form id="realisasi-grid" method="post"' in body
    assert 'data-testid="simpan"' in body
    assert 'inputmode="decimal"' in body
    rows = [line["row"] for line in response.context["lines"]]
    assert [r.node_jenis for r in rows[:3]] == ["tujuan", "sasaran", "program"]
    assert "Persentase PPKS yang tertangani" in body


def test_lines_follow_the_cascade_by_each_nodes_order_not_by_when_it_was_entered():
    """Tujuan, sasaran, then each program followed by its kegiatan and their sub kegiatan,
    every level by its ``urutan`` (entered here in the reverse order), indicators of one node
    by their own order; kegiatan outputs without a target of the year are not listed."""
    renstra = make_renstra(tahun_awal=2021, tahun_akhir=2026)
    tujuan_2, tujuan_1 = make_tujuan(renstra, urutan=2), make_tujuan(renstra, urutan=1)
    sasaran_b = make_sasaran(tujuan_2, urutan=1, uraian="Sasaran B")
    sasaran_a = make_sasaran(tujuan_1, urutan=5, uraian="Sasaran A")
    prog_2, prog_1 = make_program(renstra, urutan=2), make_program(renstra, urutan=1)
    keg_1b, keg_1a = make_kegiatan(prog_1, urutan=2), make_kegiatan(prog_1, urutan=1)
    keg_2a = make_kegiatan(prog_2, urutan=1)
    sub_1a2, sub_1a1 = make_sub_kegiatan(keg_1a, urutan=2), make_sub_kegiatan(keg_1a, urutan=1)
    sub_2a = make_sub_kegiatan(keg_2a, urutan=1)
    made = {}
    for name, node, urutan in [
            ("sub 2a", {"sub_kegiatan": sub_2a}, 0), ("sub 1a2", {"sub_kegiatan": sub_1a2}, 0),
            ("keg 2a", {"kegiatan": keg_2a}, 0), ("sub 1a1", {"sub_kegiatan": sub_1a1}, 0),
            ("keg 1b", {"kegiatan": keg_1b}, 0), ("keg 1a", {"kegiatan": keg_1a}, 0),
            ("prog 2", {"program": prog_2}, 0), ("prog 1 second", {"program": prog_1}, 2),
            ("prog 1 first", {"program": prog_1}, 1), ("sasaran B", {"sasaran": sasaran_b}, 0),
            ("sasaran A", {"sasaran": sasaran_a}, 0), ("tujuan 2", {"tujuan": tujuan_2}, 0),
            ("tujuan 1", {"tujuan": tujuan_1}, 0),
            ("keg 2a, no target", {"kegiatan": keg_2a}, 9)]:
        made[name] = make_indikator(uraian=name, urutan=urutan, **node)
        if name != "keg 2a, no target":
            make_target(made[name], 10, tahun=TAHUN)
    rows = build_realisasi_grid(renstra.perangkat_daerah, TAHUN, 1)
    assert [str(r.indikator) for r in rows] == [
        "tujuan 1", "tujuan 2", "sasaran A", "sasaran B",
        "prog 1 first", "prog 1 second", "keg 1a", "sub 1a1", "sub 1a2", "keg 1b",
        "prog 2", "keg 2a", "sub 2a"]
    assert [r.nomor for r in rows] == list(range(1, 14))
    by_name = {str(r.indikator): r for r in rows}
    assert (by_name["sub 1a1"].node_jenis, by_name["sub 1a1"].node_label) == (
        "sub_kegiatan", f"{sub_1a1.kode} {sub_1a1.nama}")
    assert (by_name["sasaran A"].node_jenis, by_name["sasaran A"].node_label) == (
        "sasaran", "Sasaran A")


def test_previous_quarters_show_read_only_and_capaian_so_far_sums_counts(client):
    opd = make_grid_opd(3)
    sasaran, jumlah, _ = indikator_of(opd)
    realisasi(jumlah, 1, "30")
    Realisasi.objects.create(indikator=jumlah, tahun=TAHUN, triwulan=2, teks="20", nilai=20)
    realisasi(sasaran, 1, "80")
    realisasi(sasaran, 2, "45")  # a rate: the last value counts, not the sum
    client.force_login(operator_of(opd))
    body = client.get(url(opd)).content.decode()
    row = {line["row"].indikator.pk: line["row"] for line in
           client.get(url(opd)).context["lines"]}
    assert row[jumlah.pk].realisasi_sd == Decimal(50)      # 30 + 20 of target 100
    assert row[jumlah.pk].capaian_sd == Decimal(50)
    assert row[sasaran.pk].realisasi_sd == Decimal(45)     # last value of a rate
    assert row[sasaran.pk].capaian_sd == Decimal(50)       # 45 of target 90
    assert "50,00%" in body
    assert f'name="nilai-{jumlah.pk}"' in body and 'value="20"' in body


def test_a_missing_capaian_is_a_dash(client):
    opd = make_grid_opd(2)
    client.force_login(operator_of(opd))
    lines = client.get(url(opd)).context["lines"]
    assert all(line["row"].capaian_sd is None for line in lines)


def test_stored_values_are_shown_in_indonesian_format(client):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=2, teks="1234.5",
                             nilai=Decimal("1234.5"))
    client.force_login(operator_of(opd))
    assert 'value="1.234,5"' in client.get(url(opd)).content.decode()


@pytest.mark.parametrize("triwulan", [0, 5])
def test_a_quarter_outside_1_to_4_is_not_found(client, triwulan):
    opd = make_grid_opd(2)
    client.force_login(operator_of(opd))
    assert client.get(url(opd, triwulan)).status_code == 404


def test_operator_of_another_agency_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.get(url(demo_opd)).status_code == 404
    assert client.post(url(demo_opd), {"aksi": "simpan"}).status_code == 404


def test_verifier_of_another_pemda_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(demo_opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    response = client.get(url(demo_opd))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_verifier_reads_the_grid_without_inputs_and_cannot_save(client):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    body = client.get(url(opd)).content.decode()
    assert "<tr data-indikator=" in body
    assert f'name="nilai-{ind.pk}"' not in body and 'data-testid="simpan"' not in body
    response = client.post(url(opd), {"aksi": "simpan", f"nilai-{ind.pk}": "5",
                                      f"versi-{ind.pk}": "0"})
    assert response.status_code == 403
    assert not Realisasi.objects.filter(indikator=ind).exists()


# --- saving -----------------------------------------------------------------------------------

def test_indonesian_number_is_stored_as_decimal_with_the_text_as_typed(client):
    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    client.force_login(operator_of(opd))
    response = client.post(url(opd), grid_post(opd, {a.pk: "1.234,5", b.pk: "12"},
                                               catatan={b.pk: "Data dinas"}), follow=True)
    r = Realisasi.objects.get(indikator=a, tahun=TAHUN, triwulan=2)
    assert r.nilai == Decimal("1234.5") and r.teks == "1.234,5" and r.versi == 1
    assert Realisasi.objects.get(indikator=b, triwulan=2).catatan == "Data dinas"
    messages = [str(m) for m in response.context["messages"]]
    assert any("3 nilai" in m for m in messages), messages  # two values and one note


def test_only_changed_cells_are_written_and_recorded(client):
    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    realisasi(a, 2, "10")
    realisasi(b, 2, "20")
    user = operator_of(opd)
    client.force_login(user)
    client.post(url(opd), grid_post(opd, {a.pk: "10,0", b.pk: "25"}))  # a: same value
    ra, rb = (Realisasi.objects.get(indikator=i, triwulan=2) for i in (a, b))
    assert (ra.versi, ra.teks) == (1, "10")
    assert (rb.versi, rb.nilai, rb.teks) == (2, Decimal(25), "25")
    change = Perubahan.objects.get(model="Realisasi", objek_id=rb.pk)
    assert (change.kolom, change.lama, change.baru, change.oleh) == ("nilai", "20", "25", user)
    assert change.sumber == "Isian realisasi TW II 2023"
    assert not Perubahan.objects.filter(model="Realisasi", objek_id=ra.pk).exists()


def test_clearing_a_cell_deletes_its_realisasi_and_records_it(client):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    r = realisasi(ind, 2, "10")
    client.force_login(operator_of(opd))
    client.post(url(opd), grid_post(opd, {ind.pk: ""}))
    assert not Realisasi.objects.filter(pk=r.pk).exists()
    assert Perubahan.objects.get(model="Realisasi", objek_id=r.pk).baru == ""


def test_one_invalid_cell_saves_nothing_and_keeps_every_typed_value(client):
    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    client.force_login(operator_of(opd))
    response = client.post(url(opd), grid_post(opd, {a.pk: "77", b.pk: "12,5,3"},
                                               catatan={a.pk: "catatan saya"}))
    assert response.status_code == 200
    assert not Realisasi.objects.filter(indikator__perangkat_daerah=opd).exists()
    assert not Perubahan.objects.filter(perangkat_daerah=opd).exists()
    body = html.unescape(response.content.decode())
    assert 'value="77"' in body and 'value="catatan saya"' in body and 'value="12,5,3"' in body
    assert (f'<span class="cell-error" role="alert" id="err-nilai-{b.pk}">Baris 3, '
            "Realisasi TW II: '12,5,3' bukan angka.") in body
    assert f'name="nilai-{b.pk}" id="nilai-{b.pk}" value="12,5,3"' in body
    assert body.count('aria-invalid="true"') == 1
    assert "tidak ada yang disimpan" in body  # the summary at the top


def test_a_locked_quarter_refuses_a_save(client):
    from akuntabel.reporting.models import PelaporanTriwulan

    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="diajukan")
    client.force_login(operator_of(opd))
    assert f'name="nilai-{ind.pk}"' not in client.get(url(opd)).content.decode()
    response = client.post(url(opd), grid_post(opd, {ind.pk: "5"}), follow=True)
    assert not Realisasi.objects.filter(indikator=ind).exists()
    assert any("terkunci" in str(m) for m in response.context["messages"])


def test_get_only_and_post_methods(client):
    opd = make_grid_opd(2)
    client.force_login(operator_of(opd))
    assert client.put(url(opd)).status_code == 405


# --- queries ----------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [3, 30])
def test_the_grid_uses_a_fixed_number_of_queries(client, n):
    opd = make_grid_opd(n)
    for ind in indikator_of(opd):
        realisasi(ind, 1, "1")
        realisasi(ind, 2, "2")
    client.force_login(operator_of(opd))
    client.get(url(opd))  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(opd))
    assert response.content.decode().count("<tr data-indikator=") == n
    assert len(ctx.captured_queries) == FIXED_QUERIES, [q["sql"] for q in ctx.captured_queries]


# 10: the rows of the Perjanjian Kinerja documents are read for the target in force
# (core.target), as the LKjIP and the pages read them. 11: the earlier years' realisasi, the
# history the plausibility warnings compare each value with (core.plausibilitas). 12: the OPD's
# data revision, the key of the page's entry in the cache of computed data (reports.tembolok).
FIXED_QUERIES = 12


def test_text_typed_by_people_is_escaped_in_every_cell(client):
    """Figures are prepared in the view (numbers marked safe); text stays escaped."""
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    ind.uraian, ind.satuan = "<b>Jumlah</b>", "<i>orang</i>"
    ind.save()
    ind.sub_kegiatan.nama = "<script>x</script>"
    ind.sub_kegiatan.save()
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=2, teks="<u>ada</u>",
                             catatan='"><img src=x>')
    client.force_login(operator_of(opd))
    body = client.get(url(opd)).content.decode()
    for raw in ("<b>Jumlah</b>", "<i>orang</i>", "<script>x</script>", "<u>ada</u>",
                "<img src=x>"):
        assert raw not in body
    assert "&lt;b&gt;Jumlah&lt;/b&gt;" in body and "&lt;u&gt;ada&lt;/u&gt;" in body


def test_the_grid_is_laid_out_as_a_spreadsheet(client):
    """Fixed columns (colgroup), the node as a small line under the indicator text, numbers in
    right-aligned cells, and the header row sticky in the grid's stylesheet."""
    from django.contrib.staticfiles import finders

    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    client.force_login(operator_of(opd))
    body = client.get(url(opd)).content.decode()
    assert '<table class="realisasi-grid tw-2">' in body and "<colgroup>" in body
    assert (f'<td class="indikator"><span class="uraian">{ind}</span><span class="node" '
            'title="1.06.02.2.01.0001 Sub kegiatan 1">1.06.02.2.01.0001 Sub kegiatan 1</span>'
            ) in body
    assert '<td class="num">100</td>' in body  # the annual target
    css = open(finders.find("results/grid.css"), encoding="utf-8").read()
    assert "position: sticky" in css.split("thead th", 1)[1].split("}", 1)[0]


def test_typed_text_stays_escaped_read_only_in_earlier_quarters_evidence_and_errors(client):
    """The lines are written in Python (results.grid_html): what people typed is escaped there
    too, in the read-only grid, the earlier quarters, the evidence names and the error that
    quotes the input."""
    from akuntabel.results.models import BuktiDukung

    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    earlier = Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=1,
                                       teks="<u>awal</u>", catatan="<i>c</i>")
    current = Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=2,
                                       teks="<u>kini</u>", catatan="<i>c</i>")
    BuktiDukung.objects.create(realisasi=current, berkas="bukti/x.pdf",
                               nama='"><script>b</script>.pdf')
    assert earlier.pk
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    body = client.get(url(opd)).content.decode()
    client.force_login(operator_of(opd))
    body += client.get(url(opd)).content.decode()
    body += client.post(url(opd), grid_post(opd, {ind.pk: "<s>12,5,3</s>"})).content.decode()
    for raw in ("<u>", "<i>", "<script>", "<s>"):
        assert raw not in body
    assert "&lt;u&gt;awal&lt;/u&gt;" in body and "&lt;u&gt;kini&lt;/u&gt;" in body
    assert "&quot;&gt;&lt;script&gt;b&lt;/script&gt;.pdf" in body
    assert "&lt;s&gt;12,5,3&lt;/s&gt;" in body


def test_an_agency_without_indicators_sees_a_one_line_note(client):
    opd = make_opd()
    client.force_login(operator_of(opd))
    body = client.get(url(opd)).content.decode()
    assert "<tr data-indikator=" not in body
    assert "Perangkat daerah ini tidak memiliki indikator untuk tahun ini." in body
