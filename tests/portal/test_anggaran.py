"""The public budget per urusan and per program: pagu always, spending and serapan only once
the agency's TW IV is verified (the per-agency table's rule), downloads, a sortable table and
a named chart; anonymous."""

import io
import itertools
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from akuntabel.accounts.access import hak_for
from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.references.models import EdisiReferensi, KodeNomenklatur
from akuntabel.reporting import workflow
from akuntabel.reporting.models import PelaporanTriwulan
from tests.builders import make_kegiatan, make_program, make_renstra, make_sub_kegiatan
from tests.portal.conftest import DRAF, DRAF_TAMPIL, lapor

pytestmark = pytest.mark.django_db


def dpa(opd, renstra, kode, nama, pagu, realisasi):
    program = make_program(renstra, kode=kode, nama=nama)
    sub = make_sub_kegiatan(make_kegiatan(program))
    DpaSubKegiatan.objects.create(
        dpa=Dpa.objects.get_or_create(perangkat_daerah=opd, tahun=2026)[0], sub_kegiatan=sub,
        pagu=Decimal(pagu), realisasi=Decimal(realisasi))
    return program


@pytest.fixture
def anggaran(portal):
    """Dinas Sosial (TW IV not verified) spends on a program of bidang 1.06; Dinas Kesehatan
    (TW IV verified) on one of bidang 1.02; the code list names the urusan and bidang."""
    edisi = EdisiReferensi.objects.create(
        kode="uji-nomenklatur", nama="Nomenklatur uji", daftar="nomenklatur", jenis="kabkota",
        dasar_hukum="Kepmendagri 050-5889/2021", berlaku_mulai=date(2021, 1, 1), bawaan=True)
    for tingkat, kode, nama in (
            ("urusan", "1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"),
            ("bidang", "1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN"),
            ("bidang", "1.06", "URUSAN PEMERINTAHAN BIDANG SOSIAL")):
        KodeNomenklatur.objects.create(edisi=edisi, tingkat=tingkat, kode=kode, nama=nama)
    dinsos, dinkes = portal["dinsos"], portal["dinkes"]
    dpa(dinsos, portal["ind"].sasaran.tujuan.renstra, "1.06.02", "PROGRAM PEMBERDAYAAN SOSIAL",
        "987654321", "123456789")
    renstra_dinkes = portal["hidden"].sasaran.tujuan.renstra
    dpa(dinkes, renstra_dinkes, "1.02.02", "PROGRAM UPAYA KESEHATAN", "555000000",
        "444000000")
    lapor(dinkes, 4, PelaporanTriwulan.Status.DIVERIFIKASI)
    return portal


def url(p, **query):
    query = {"tahun": 2026, **query}
    return (reverse("portal:anggaran", args=[p["pemda"].pk]) + "?"
            + "&".join(f"{k}={v}" for k, v in query.items()))


def unduh(p, tingkat, fmt):
    return reverse("portal:anggaran_unduh", args=[p["pemda"].pk, tingkat, fmt]) + "?tahun=2026"


def never_private(body):
    assert "123.456.789" not in body and "123456789" not in body   # TW IV not verified
    assert "567.456.789" not in body and "567456789" not in body   # the urusan's sum with it
    assert DRAF not in body and DRAF_TAMPIL not in body
    assert "Indikator embargo Dinkes" not in body


def test_the_page_answers_anonymously_with_pagu_and_only_verified_spending(client, anggaran):
    response = client.get(url(anggaran))
    assert response.status_code == 200
    body = response.content.decode()
    for teks in ("URUSAN PEMERINTAHAN BIDANG SOSIAL", "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
                 "PELAYANAN DASAR", "PROGRAM PEMBERDAYAAN SOSIAL", "PROGRAM UPAYA KESEHATAN",
                 "987.654.321", "555.000.000", "1.542.654.321",
                 "444.000.000", "80,00"):   # Dinas Kesehatan: TW IV verified, 444 ÷ 555
        assert teks in body, teks
    never_private(body)


def test_spending_of_an_urusan_shows_once_every_agency_in_it_is_verified(client, anggaran,
                                                                         verifikator):
    dinsos = anggaran["dinsos"]
    lapor(dinsos, 4, PelaporanTriwulan.Status.DIAJUKAN)
    workflow.apply_action(dinsos, 2026, 4, "verifikasi", user=verifikator,
                          hak=hak_for(verifikator, dinsos))
    body = client.get(url(anggaran)).content.decode()
    assert "123.456.789" in body
    assert "567.456.789" in body   # urusan 1: both agencies now verified
    assert "36,78" in body         # 567.456.789 ÷ 1.542.654.321 × 100


def test_the_tables_download_as_csv_and_xlsx_and_the_chart_as_svg(client, anggaran):
    for tingkat in ("urusan", "program"):
        response = client.get(unduh(anggaran, tingkat, "csv"))
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        teks = response.content.decode()
        assert "987654321" in teks and "444000000" in teks
        never_private(teks)
        rows = list(load_workbook(io.BytesIO(
            client.get(unduh(anggaran, tingkat, "xlsx")).content)).active.values)
        assert any(r[-3] == 987654321 for r in rows[1:])   # pagu, a number
    svg = client.get(unduh(anggaran, "urusan", "svg"))
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert 'role="img"' in svg.content.decode() and "<title" in svg.content.decode()
    # a file read alone, without the page's stylesheet: each bar carries its colour
    warna = dict(re.findall(r'<rect class="(pagu|realisasi)"[^>]*fill="(#[0-9a-f]{6})"',
                            svg.content.decode()))
    assert set(warna) == {"pagu", "realisasi"} and warna["pagu"] != warna["realisasi"]
    never_private(svg.content.decode())
    assert client.get(unduh(anggaran, "program", "pdf")).status_code == 404
    assert client.get(unduh(anggaran, "opd", "csv")).status_code == 404


def test_the_program_table_sorts_by_a_column_in_the_link(client, anggaran):
    turun = client.get(url(anggaran, urut="pagu", arah="turun")).content.decode()
    assert turun.index("PROGRAM PEMBERDAYAAN SOSIAL") < turun.index("PROGRAM UPAYA KESEHATAN")
    assert 'aria-sort="descending"' in turun
    naik = client.get(url(anggaran, urut="pagu", arah="naik")).content.decode()
    bagian = naik[naik.index('id="program"'):]
    assert bagian.index("PROGRAM UPAYA KESEHATAN") < bagian.index("PROGRAM PEMBERDAYAAN SOSIAL")
    assert client.get(url(anggaran, urut="bukan-kolom")).status_code == 200


def test_a_filter_by_agency_is_a_shareable_link(client, anggaran):
    body = client.get(url(anggaran, opd=anggaran["dinkes"].pk)).content.decode()
    assert "PROGRAM UPAYA KESEHATAN" in body and "PROGRAM PEMBERDAYAAN SOSIAL" not in body
    assert "987.654.321" not in body
    assert f'<option value="{anggaran["dinkes"].pk}" selected>' in body


def test_one_h1_headings_in_order_captions_and_a_named_chart(client, anggaran):
    body = client.get(url(anggaran)).content.decode()
    assert body.count("<h1") == 1
    levels = [int(n) for n in re.findall(r"<h([1-6])", body)]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert body.count("<table") == body.count("<caption") >= 2
    [svg] = re.findall(r"<svg[^>]*>", body)
    for i in re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split():
        assert re.search(rf'<(title|desc) id="{i}">[^<]+<', body)


def test_a_program_without_an_urusan_code_is_counted_apart(client, anggaran):
    lain = make_renstra(anggaran["dinkes"], tahun_awal=2030, tahun_akhir=2034)
    dpa(anggaran["dinkes"], lain, "", "PROGRAM TANPA KODE", "1000", "10")
    body = client.get(url(anggaran)).content.decode()
    assert "PROGRAM TANPA KODE" in body
    assert "555.001.000" not in body   # not added to bidang 1.02


def test_the_home_links_to_the_budget_page(client, anggaran):
    body = client.get(reverse("portal:beranda", args=[anggaran["pemda"].pk])
                      + "?tahun=2026").content.decode()
    assert reverse("portal:anggaran", args=[anggaran["pemda"].pk]) + "?tahun=2026" in body


def test_the_budget_reads_a_fixed_number_of_queries_whatever_the_agencies(anggaran):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from akuntabel.portal.anggaran import baca_anggaran
    from tests.builders import make_opd

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            baca_anggaran(anggaran["pemda"], 2026)
        return len(ctx.captured_queries)

    queries()   # a published final's figures are read once, then kept by its id
    before = queries()
    for n in range(3):
        opd = make_opd(pemda=anggaran["pemda"], nama=f"Badan tambahan {n}")
        dpa(opd, make_renstra(opd, tahun_awal=2025, tahun_akhir=2029), f"2.0{n + 1}.02",
            f"PROGRAM TAMBAHAN {n}", "1000", "10")
        lapor(opd, 4, PelaporanTriwulan.Status.DIVERIFIKASI)
    assert queries() == before
