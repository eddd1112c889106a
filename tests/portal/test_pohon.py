"""The public pohon kinerja: from the RPJMD's visi down to the agencies' programs, each node
with its public indicators; anonymous, verified figures only, hidden indicators left out."""

import io
import itertools
import re

import pytest
from django.urls import reverse
from lxml import html
from openpyxl import load_workbook

from akuntabel.accounts.access import hak_for
from akuntabel.reporting import workflow
from tests.builders import make_indikator, make_kegiatan, make_program, make_target
from tests.portal.conftest import DRAF, DRAF_TAMPIL, entri

pytestmark = pytest.mark.django_db


@pytest.fixture
def pohon(portal, sasaran_daerah):
    """The portal's pemda with Dinas Sosial's sasaran serving the sasaran daerah, a program of
    that sasaran with an indicator (a draft realisasi only) and a kegiatan; Dinas Kesehatan's
    hidden indicator hangs on a sasaran serving the same sasaran daerah."""
    sasaran = portal["ind"].sasaran
    sasaran.sasaran_daerah = sasaran_daerah
    sasaran.uraian = "Meningkatnya perlindungan sosial pohon"
    sasaran.save()
    hidden_sasaran = portal["hidden"].sasaran
    hidden_sasaran.sasaran_daerah = sasaran_daerah
    hidden_sasaran.uraian = "Sasaran Dinkes pohon"
    hidden_sasaran.save()
    program = make_program(sasaran.tujuan.renstra, sasaran=sasaran,
                           nama="Program Perlindungan Sosial pohon")
    ind_program = make_indikator(program=program, uraian="Cakupan bantuan program pohon",
                                 satuan="%", agregasi="nilai_akhir")
    make_target(ind_program, "75", tahun=2026)
    entri(ind_program, "61.17", 2)   # TW II of Dinas Sosial: submitted, not verified
    kegiatan = make_kegiatan(program, nama="Kegiatan Rehabilitasi pohon")
    return {**portal, "sasaran_daerah": sasaran_daerah, "program": program,
            "kegiatan": kegiatan, "ind_program": ind_program}


def url(p, fmt=None, **query):
    pemda = p["pemda"]
    base = (reverse("portal:pohon", args=[pemda.pk]) if fmt is None
            else reverse("portal:pohon_unduh", args=[pemda.pk, fmt]))
    query = {"tahun": 2026, **query}
    return base + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def never_private(body):
    assert DRAF not in body and DRAF_TAMPIL not in body and "8765" not in body
    assert "61,17" not in body and "61.17" not in body
    assert "Indikator embargo Dinkes" not in body and "5555" not in body


def test_the_tree_answers_anonymously_from_the_vision_down_to_the_programs(client, pohon):
    response = client.get(url(pohon))
    assert response.status_code == 200
    body = response.content.decode()
    for teks in ("Kota Uji yang terbuka dan akuntabel", "Misi satu", "Tujuan daerah",
                 "Menurunnya PPKS", "Jumlah PPKS yang ditangani",
                 "Meningkatnya perlindungan sosial pohon", "Persentase PPKS tertangani portal",
                 "Program Perlindungan Sosial pohon", "Cakupan bantuan program pohon",
                 pohon["dinsos"].nama):
        assert teks in body, teks
    never_private(body)


def test_each_node_is_nested_in_the_one_it_serves(client, pohon):
    doc = html.fromstring(client.get(url(pohon)).content)

    def node(teks):
        [li] = doc.xpath(f'//li[./*[contains(@class, "simpul")][contains(., "{teks}")]]')
        return li

    sasaran_daerah = node("Menurunnya PPKS")
    sasaran = node("Meningkatnya perlindungan sosial pohon")
    program = node("Program Perlindungan Sosial pohon")
    assert sasaran in sasaran_daerah.iterdescendants()
    assert program in sasaran.iterdescendants()
    assert sasaran_daerah in node("Tujuan daerah").iterdescendants()
    assert node("Tujuan daerah") in node("Misi satu").iterdescendants()
    # the pemda's IKU belongs to its sasaran daerah, the agency's indicator to its sasaran
    assert "Jumlah PPKS yang ditangani" in sasaran_daerah.text_content()
    assert "Persentase PPKS tertangani portal" not in program.text_content()


def test_a_hidden_indicator_is_left_out_but_its_sasaran_stays(client, pohon):
    body = client.get(url(pohon)).content.decode()
    assert "Sasaran Dinkes pohon" in body
    assert "Indikator embargo Dinkes" not in body


def test_an_annual_figure_shows_only_once_its_quarters_are_verified(client, pohon,
                                                                   verifikator):
    assert "13.086,93" not in client.get(url(pohon)).content.decode()
    workflow.apply_action(pohon["dinsos"], 2026, 2, "verifikasi", user=verifikator,
                          hak=hak_for(verifikator, pohon["dinsos"]))
    body = client.get(url(pohon)).content.decode()
    assert "13.086,93" in body   # TW I + TW II of a cumulative indicator
    assert "61,17" in body       # the program's indicator, TW II now verified


def test_the_kegiatan_show_when_asked(client, pohon):
    assert "Kegiatan Rehabilitasi pohon" not in client.get(url(pohon)).content.decode()
    body = client.get(url(pohon, kegiatan=1)).content.decode()
    assert "Kegiatan Rehabilitasi pohon" in body


def test_a_filter_by_agency_is_a_shareable_link(client, pohon):
    body = client.get(url(pohon, opd=pohon["dinkes"].pk)).content.decode()
    assert "Meningkatnya perlindungan sosial pohon" not in body
    assert "Sasaran Dinkes pohon" in body
    assert f'<option value="{pohon["dinkes"].pk}" selected>' in body


def test_the_table_behind_the_tree_downloads_as_csv_and_xlsx(client, pohon):
    response = client.get(url(pohon, "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    teks = response.content.decode()
    assert "Cakupan bantuan program pohon" in teks and "Menurunnya PPKS" in teks
    assert "Jumlah PPKS yang ditangani" in teks
    never_private(teks)
    response = client.get(url(pohon, "xlsx"))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][0] == "tingkat"
    assert any("Program Perlindungan Sosial pohon" in (r[3] or "") for r in rows)
    assert not any("Indikator embargo Dinkes" in str(r) for r in rows)
    assert client.get(url(pohon, "pdf")).status_code == 404


def test_one_h1_and_headings_in_order(client, pohon):
    body = client.get(url(pohon, kegiatan=1)).content.decode()
    assert body.count("<h1") == 1
    levels = [int(n) for n in re.findall(r"<h([1-6])", body)]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_a_pemda_without_rpjmd_says_so_and_an_unknown_pemda_is_404(client, pohon):
    assert client.get(reverse("portal:pohon", args=[99999])).status_code == 404
    from tests.builders import make_pemda
    lain = make_pemda(nama="Kabupaten Tanpa Rencana")
    response = client.get(reverse("portal:pohon", args=[lain.pk]))
    assert response.status_code == 200


def test_the_home_links_to_the_tree(client, pohon):
    body = client.get(reverse("portal:beranda", args=[pohon["pemda"].pk])
                      + "?tahun=2026").content.decode()
    assert reverse("portal:pohon", args=[pohon["pemda"].pk]) + "?tahun=2026" in body


def test_the_tree_reads_a_fixed_number_of_queries_whatever_the_agencies(pohon):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from akuntabel.portal.pohon import build_pohon
    from tests.builders import make_opd, make_renstra, make_sasaran, make_tujuan

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            build_pohon(pohon["pemda"], 2026, kegiatan=True)
        return len(ctx.captured_queries)

    queries()   # a published final's figures are read once, then kept by its id
    before = queries()
    for n in range(3):
        opd = make_opd(pemda=pohon["pemda"], nama=f"Dinas tambahan {n}")
        sasaran = make_sasaran(make_tujuan(make_renstra(opd, tahun_awal=2025, tahun_akhir=2029)),
                               sasaran_daerah=pohon["sasaran_daerah"])
        program = make_program(sasaran.tujuan.renstra, sasaran=sasaran)
        make_kegiatan(program)
        make_indikator(program=program, uraian=f"Indikator tambahan {n}")
    assert queries() == before


def test_a_published_final_s_figures_show_in_the_tree_and_say_where_they_are_from(client,
                                                                                 demo_opd):
    from akuntabel.reports.final import make_final, set_publikasi
    from akuntabel.reports.models import LaporanFinal

    for f in LaporanFinal.objects.filter(perangkat_daerah=demo_opd, dipublikasikan=True):
        set_publikasi(f, False, None)   # the demo publishes its own: start from none
    final = make_final(demo_opd, 2023, None, formats=("html",), catatan="Uji pohon")
    url = reverse("portal:pohon", args=[demo_opd.pemda_id]) + "?tahun=2023"
    body = client.get(url).content.decode()
    assert "Persentase PPKS yang tertangani" in body
    assert "92,77" not in body and final[0].sha256 not in body   # not published yet
    for f in final:
        set_publikasi(f, True, None)
    body = client.get(url).content.decode()
    assert "92,77" in body and "101,39%" in body   # 13.415 ÷ 14.460, as the final holds it
    assert final[0].sha256 in body and f'href="#final-{final[0].pk}"' in body
    assert "dari LKjIP final yang diterbitkan" in body
    teks = client.get(reverse("portal:pohon_unduh", args=[demo_opd.pemda_id, "csv"])
                      + "?tahun=2023").content.decode()
    assert f"LKjIP final {final[0].sha256}" in teks


def test_an_agency_s_tree_downloads_as_a_picture(client, pohon):
    response = client.get(url(pohon, "svg", opd=pohon["dinsos"].pk))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert 'role="img"' in svg and "<title" in svg
    for teks in ("Meningkatnya perlindungan sosial pohon", "Program Perlindungan Sosial pohon",
                 "Persentase PPKS tertangani portal", "Misi satu"):
        assert teks in svg, teks
    assert DRAF not in svg and "8.765" not in svg and "61,17" not in svg
    dinkes = client.get(url(pohon, "svg", opd=pohon["dinkes"].pk)).content.decode()
    assert "Sasaran Dinkes pohon" in dinkes
    assert "Indikator embargo Dinkes" not in dinkes and "5.555" not in dinkes
    assert client.get(url(pohon, "svg")).status_code == 404   # a picture of one agency
    body = client.get(url(pohon, opd=pohon["dinsos"].pk)).content.decode()
    assert reverse("portal:pohon_unduh", args=[pohon["pemda"].pk, "svg"]) in body
