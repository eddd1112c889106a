"""The performance tree (pohon kinerja): the tree read from the database (plans.pohon), its
page with the SVG drawn on the server, the SVG and PDF downloads, orphans and dead ends listed
beside it; for the agency's people and the pemda's roles only."""

import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from akuntabel.accounts.models import Peran
from akuntabel.core.pohon import SiklusPohon
from akuntabel.plans.models import Misi, SasaranDaerah, TujuanDaerah
from akuntabel.plans.pohon import build_pohon
from akuntabel.plans.services import renstra_for
from akuntabel.results.models import Realisasi
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db


def make_tree(opd, programs=1, kegiatan=1, sub=1, tahun=2023):
    """A Renstra serving one misi, one tujuan and sasaran, a program tree of the given size;
    every node has an indicator with target 10 and realisasi 8 (capaian 80 %, Tinggi)."""
    renstra = make_renstra(opd)
    renstra.misi.add(Misi.objects.create(rpjmd=renstra.rpjmd, nomor=1, uraian="Misi satu"))
    tujuan = make_tujuan(renstra, kode="T1", uraian="Tujuan satu")
    sasaran = make_sasaran(tujuan, kode="S1", uraian="Sasaran satu")
    nodes = [{"tujuan": tujuan}, {"sasaran": sasaran}]
    for p in range(programs):
        program = make_program(renstra, sasaran=sasaran, kode=f"1.06.{p:02}", nama=f"Program {p}")
        nodes.append({"program": program})
        for k in range(kegiatan):
            keg = make_kegiatan(program, kode=f"1.06.{p:02}.2.{k:02}", nama=f"Kegiatan {p}.{k}")
            nodes.append({"kegiatan": keg})
            for s in range(sub):
                nodes.append({"sub_kegiatan": make_sub_kegiatan(
                    keg, kode=f"1.06.{p:02}.2.{k:02}.{s:04}", nama=f"Sub {p}.{k}.{s}")})
    for n, node in enumerate(nodes):
        ind = make_indikator(uraian=f"Indikator {n}", satuan="Orang", **node)
        make_target(ind, 10, tahun=tahun)
        Realisasi.objects.create(indikator=ind, tahun=tahun, teks="8", nilai=Decimal(8))
    return renstra


def url(opd, tahun=2023, name="pohon"):
    return reverse(name, args=[opd.pk, tahun])


# --- the tree read from the database ----------------------------------------------------------

def test_a_complete_tree_has_every_node_linked_and_no_finding():
    opd = make_opd()
    renstra = make_tree(opd, 2, 2, 2)
    pohon = build_pohon(opd, renstra, 2023)
    kinds = [n.jenis for n in pohon.nodes]
    assert [kinds.count(k) for k in ("visi", "misi", "tujuan", "sasaran", "program",
                                     "kegiatan", "subkegiatan")] == [1, 1, 1, 1, 2, 4, 8]
    assert len(pohon.edges) == len(pohon.nodes) - 1
    assert pohon.periksa.yatim == () and pohon.periksa.buntu == ()
    sub = next(n for n in pohon.nodes if n.jenis == "subkegiatan")
    ind = sub.indikator[0]
    assert (ind.target, ind.realisasi, ind.capaian, ind.peringkat) == (
        Decimal(10), Decimal(8), Decimal(80), "Tinggi")


def test_the_demo_tree_lists_its_unlinked_programs_as_orphans(demo_opd):
    pohon = build_pohon(demo_opd, renstra_for(demo_opd, 2023), 2023)
    kinds = [n.jenis for n in pohon.nodes]
    assert len(pohon.nodes) == 73
    assert [kinds.count(k) for k in ("visi", "misi", "tujuan", "sasaran", "program",
                                     "kegiatan", "subkegiatan")] == [1, 1, 1, 1, 7, 15, 47]
    # The seed links none of its seven programs to the sasaran: each is an orphan, and the
    # sasaran a dead end with no program below it.
    yatim = [t.pesan for t in pohon.periksa.yatim]
    assert len(yatim) == 7 and all(p.startswith("Program “1.06.0") for p in yatim)
    assert "Program “1.06.04 PROGRAM REHABILITASI SOSIAL” tidak melayani sasaran mana pun" \
        " di atasnya." in yatim
    assert any(t.kode == "POH-BUNTU" and t.kunci.startswith("sasaran-")
               for t in pohon.periksa.buntu)
    iku = next(i for n in pohon.nodes if n.jenis == "sasaran" for i in n.indikator)
    assert (iku.capaian.quantize(Decimal("0.01")), iku.peringkat) == (Decimal("101.39"),
                                                                      "Sangat Tinggi")


def test_a_tujuan_serves_the_misi_its_sasaran_serve_through_the_sasaran_daerah():
    opd = make_opd()
    renstra = make_tree(opd)
    dua = Misi.objects.create(rpjmd=renstra.rpjmd, nomor=2, uraian="Misi dua")
    renstra.misi.add(dua)
    pohon = build_pohon(opd, renstra, 2023)
    tujuan = next(n for n in pohon.nodes if n.jenis == "tujuan")
    assert tujuan.induk == ()  # two misi and no link: which one is unknown
    assert [t.kunci for t in pohon.periksa.yatim] == [tujuan.kunci]
    td = TujuanDaerah.objects.create(rpjmd=renstra.rpjmd, misi=dua, uraian="Tujuan daerah")
    sd = SasaranDaerah.objects.create(tujuan_daerah=td, uraian="Sasaran daerah")
    renstra.tujuan.get().sasaran.update(sasaran_daerah=sd)
    pohon = build_pohon(opd, renstra, 2023)
    assert next(n for n in pohon.nodes if n.jenis == "tujuan").induk == (f"misi-{dua.pk}",)
    assert pohon.periksa.yatim == ()


def test_a_program_not_active_in_the_year_is_left_out():
    opd = make_opd()
    renstra = make_tree(opd)
    program = renstra.program.get()
    program.aktif_tahun = [2021]
    program.save()
    pohon = build_pohon(opd, renstra, 2023)
    assert [n.jenis for n in pohon.nodes if n.jenis in ("program", "kegiatan",
                                                         "subkegiatan")] == []


def test_the_number_of_queries_does_not_grow_with_the_tree():
    small, large = make_opd(), make_opd()
    counts = []
    for opd, size in ((small, 1), (large, 3)):
        renstra = make_tree(opd, size, size, size)
        with CaptureQueriesContext(connection) as queries:
            build_pohon(opd, renstra, 2023)
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the page and its downloads ---------------------------------------------------------------

def test_owner_sees_the_tree_drawn_with_peringkat_as_colour_and_text(client):
    opd = make_opd()
    make_tree(opd)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(url(opd))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "Sub 0.0.0" in body
    assert "80%" in body and "Tinggi" in body  # the peringkat written, not colour alone
    assert "Sangat Rendah" in body  # the legend lists every band
    assert "<script>" not in body and "pohon.js" in body  # CSP: no inline script
    assert response.context["pohon"].periksa.yatim == ()


def test_the_demo_page_lists_orphans_and_dead_ends_beside_the_tree(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd))
    assert response.status_code == 200
    body = response.content.decode()
    assert "PROGRAM REHABILITASI SOSIAL” tidak melayani sasaran mana pun di atasnya." in body
    assert "tidak memiliki program di bawahnya." in body
    assert "101,39%" in body and "Sangat Tinggi" in body


def test_the_svg_download_is_a_valid_svg_file(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd, name="pohon_svg"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in response["Content-Disposition"]
    assert ".svg" in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Sangat Tinggi" in text and "1.06.04" in text


def test_the_pdf_download_holds_the_tree(client):
    opd = make_opd()
    make_tree(opd)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(url(opd, name="pohon_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = "".join(text.split())  # pypdf drops the spaces between the SVG's words
    assert "Sub0.0.0" in flat and "80%·Tinggi" in flat


def test_a_year_without_renstra_is_told_and_has_no_downloads(client):
    opd = make_opd()
    make_tree(opd)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(url(opd, 2030))
    assert response.status_code == 200 and response.context["pohon"] is None
    assert client.get(url(opd, 2030, "pohon_svg")).status_code == 404
    assert client.get(url(opd, 2030, "pohon_pdf")).status_code == 404


def test_a_cycle_is_refused_with_its_nodes_named(client, monkeypatch):
    opd = make_opd()
    make_tree(opd)

    def cycle(*args, **kwargs):
        raise SiklusPohon(("a", "b", "a"), {"a": "“Sasaran A”", "b": "“Sasaran B”"})

    monkeypatch.setattr("akuntabel.plans.views_pohon.build_pohon", cycle)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(url(opd))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Pohon kinerja memuat siklus: “Sasaran A” → “Sasaran B” → “Sasaran A”." in body
    assert "<svg" not in body
    assert client.get(url(opd, name="pohon_svg")).status_code == 409


@pytest.mark.parametrize("name", ["pohon", "pohon_svg", "pohon_pdf"])
def test_outsiders_see_nothing(client, name):
    opd = make_opd()
    make_tree(opd)
    assert_hidden_from_outsiders(client, url(opd, name=name), opd)
    assert_sends_anonymous_to_login(client, url(opd, name=name))


def test_the_pemdas_verifier_may_read_the_tree(client):
    opd = make_opd()
    make_tree(opd)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    assert client.get(url(opd)).status_code == 200


def test_the_opd_page_links_to_the_tree_and_the_strategic_issues(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(reverse("opd_detail", args=[demo_opd.pk]) + "?tahun=2023"
                      ).content.decode()
    assert url(demo_opd) in body
    assert reverse("isu_list", args=[demo_opd.pk]) in body


def test_the_misi_a_sasaran_serves_through_the_rpjmd_is_in_the_tree_without_being_chosen():
    """A Renstra made on the screens names no misi of its own: the misi its sasaran serve
    through the sasaran daerah are drawn, and its tujuan serve them (no orphan)."""
    opd = make_opd()
    renstra = make_renstra(opd)
    misi = Misi.objects.create(rpjmd=renstra.rpjmd, nomor=1, uraian="Misi satu")
    td = TujuanDaerah.objects.create(rpjmd=renstra.rpjmd, misi=misi, uraian="Tujuan daerah")
    sd = SasaranDaerah.objects.create(tujuan_daerah=td, uraian="Sasaran daerah")
    tujuan = make_tujuan(renstra, uraian="Tujuan satu")
    make_sasaran(tujuan, uraian="Sasaran satu", sasaran_daerah=sd)
    pohon = build_pohon(opd, renstra, 2023)
    assert f"misi-{misi.pk}" in {n.kunci for n in pohon.nodes}
    assert [t.kunci for t in pohon.periksa.yatim] == []


def _width(svg):
    return int(svg.split('width="', 1)[1].split('"', 1)[0])


def test_the_sub_kegiatan_of_a_kegiatan_are_stacked_not_side_by_side():
    from akuntabel.plans.pohon_svg import render_pohon_svg

    one, five = make_opd(), make_opd()
    width = [_width(render_pohon_svg(build_pohon(opd, make_tree(opd, 1, 1, n), 2023)))
             for opd, n in ((one, 1), (five, 5))]
    assert width[0] == width[1]


def test_every_text_of_the_drawing_is_escaped():
    from akuntabel.plans.pohon_svg import render_pohon_svg

    opd = make_opd(nama="Dinas <Uji> & Co")
    renstra = make_tree(opd)
    renstra.tujuan.update(uraian='Tujuan <script>alert("x")</script> & "kutip"')
    svg = render_pohon_svg(build_pohon(opd, renstra, 2023))
    assert "<script>" not in svg
    root = ET.fromstring(svg)  # well-formed XML
    text = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Dinas <Uji> & Co" in text and '<script>alert("x")</script>' in text
