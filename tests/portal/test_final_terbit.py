"""A published final LKjIP makes its figures public (docs/portal.md): the demo's 2023 figures
come from the printed LKjIP, with no verified quarter, and show once its final is published,
as the final's snapshot holds them; never an unpublished final's, never a later change."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.core.angka import angka_data
from akuntabel.plans.models import Indikator
from akuntabel.reports.final import make_final, set_publikasi
from akuntabel.results.models import KomponenPerhitungan, Realisasi
from akuntabel.reviews.context import kunci_indikator
from akuntabel.revisi.services import naikkan_opd

pytestmark = pytest.mark.django_db

TAHUN = 2023
# The demo's IKU 2023 as its LKjIP prints it: realisasi 13.415 ÷ 14.460 × 100 against the PK
# target 91,5 %; and the budget of Dinas Sosial.
REALISASI, CAPAIAN, PERINGKAT = "92,77", "101,39%", "Sangat Tinggi"
BELANJA = "4.825.424.420"
ASAL = "dari LKjIP final yang diterbitkan"


@pytest.fixture
def final(demo_opd):
    """The demo's final LKjIP 2023 as the service makes it (its real snapshot), unpublished."""
    return make_final(demo_opd, TAHUN, None, formats=("html",),
                      catatan="Uji portal: final dari LKjIP tercetak dengan masalah terbuka.")


def terbitkan(final, ya=True):
    for f in final:
        set_publikasi(f, ya, None)


def halaman(client, opd, url_name="portal:opd"):
    args = [opd.pemda_id, opd.pk] if url_name == "portal:opd" else [opd.pemda_id]
    return client.get(reverse(url_name, args=args) + f"?tahun={TAHUN}").content.decode()


def csv_capaian(client, opd):
    url = reverse("portal:datapackage", args=[opd.pemda_id, TAHUN]).rsplit("/", 1)[0]
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"{url}/capaian-indikator.csv").content.decode())))
    return {r["indikator_uraian"]: r for r in rows if r["tahun"] == str(TAHUN)}


def semua_jawaban(client, opd):
    """Every page and download of the portal for the demo's 2023, as text (a zip's and a
    workbook's members read out)."""
    pemda = opd.pemda_id
    iku = Indikator.objects.get(perangkat_daerah=opd, kode="IKU-1")
    urls = [reverse("portal:beranda", args=[pemda]),
            reverse("portal:beranda", args=[pemda]) + f"?opd={opd.pk}",
            reverse("portal:opd", args=[pemda, opd.pk]),
            reverse("portal:pohon", args=[pemda]),
            reverse("portal:anggaran", args=[pemda]),
            *(reverse("portal:grafik", args=[pemda, "indikator", iku.pk, fmt])
              for fmt in ("csv", "xlsx", "svg")),
            *(reverse("portal:sumber", args=[pemda, TAHUN, nama])
              for nama in ("capaian-indikator", "realisasi-triwulan", "anggaran")),
            reverse("portal:paket_zip", args=[pemda, TAHUN])]
    for url in urls:
        response = client.get(url + ("&" if "?" in url else "?") + f"tahun={TAHUN}")
        assert response.status_code == 200, url
        isi = response.content
        if isi[:2] == b"PK":   # a zip: the package, or a workbook
            with zipfile.ZipFile(io.BytesIO(isi)) as z:
                isi = b"".join(z.read(n) for n in z.namelist())
        yield url, isi.decode("utf-8", "replace")


def test_a_final_made_but_not_published_shows_nothing_anywhere(client, demo_opd, final):
    for url, body in semua_jawaban(client, demo_opd):
        for angka in (REALISASI, "92.77", CAPAIAN, "101.39", BELANJA, "4825424420"):
            assert angka not in body, (url, angka)
        assert ASAL not in body and final[0].sha256 not in body, url
    assert all(r["realisasi"] == "" for r in csv_capaian(client, demo_opd).values())


def test_a_published_final_shows_its_figures_and_says_where_they_come_from(
        client, demo_opd, final):
    terbitkan(final)
    for url_name in ("portal:opd", "portal:beranda"):
        body = halaman(client, demo_opd, url_name)
        assert REALISASI in body and CAPAIAN in body and PERINGKAT in body, url_name
        assert ASAL in body and final[0].sha256 in body, url_name
        assert reverse("verifikasi") in body
    assert BELANJA in halaman(client, demo_opd)          # the budget as the final printed it
    assert "94,74%" in halaman(client, demo_opd)
    iku = csv_capaian(client, demo_opd)["Persentase PPKS yang tertangani"]
    assert Decimal(iku["capaian"]).quantize(Decimal("0.01")) == Decimal("101.39")
    assert iku["sumber_angka"] == f"LKjIP final {final[0].sha256}"


def test_unpublishing_removes_them(client, demo_opd, final):
    terbitkan(final)
    assert CAPAIAN in halaman(client, demo_opd)
    terbitkan(final, ya=False)
    body = halaman(client, demo_opd)
    assert CAPAIAN not in body and REALISASI not in body and BELANJA not in body
    assert ASAL not in body


def test_a_later_change_and_a_newer_unpublished_final_do_not_leak(client, demo_opd, final):
    terbitkan(final)
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")
    # the live figures change after the publication: a component of the IKU, and an
    # unverified quarter; then a newer final is made from them and left unpublished
    komponen = KomponenPerhitungan.objects.filter(
        perhitungan__indikator=iku, perhitungan__tahun=TAHUN, induk__isnull=True).first()
    komponen.nilai += 1000
    komponen.save()
    Realisasi.objects.create(indikator=iku, tahun=TAHUN, triwulan=1, teks="77,77",
                             nilai=Decimal("77.77"))
    naikkan_opd(demo_opd)
    baru = make_final(demo_opd, TAHUN, None, formats=("html",), catatan="Final kedua, draf.")
    body = halaman(client, demo_opd)
    assert REALISASI in body and CAPAIAN in body
    assert "99,69" not in body   # (13.415 + 1.000) ÷ 14.460 × 100
    assert "77,77" not in body
    assert baru[0].sha256 not in body and final[0].sha256 in body


def _tercetak(final):
    """Each indicator's capaian as the final's document prints it (Tabel 3.2 and 3.3), by the
    indicator's wording; wordings printed twice with two figures are left out."""
    dicetak: dict[str, set[Decimal]] = {}
    for bagian in final.data["dokumen"]["bagian"]:
        for tabel in bagian["tabel"]:
            if tabel["kunci"] not in ("tabel-3-2-capaian-iku", "tabel-3-3-realisasi-kinerja"):
                continue
            kolom = tabel["kolom"].index("Capaian kinerja" if "3-2" in tabel["kunci"]
                                         else "Capaian")
            for baris in tabel["baris"]:
                sel = baris[kolom]
                if isinstance(sel, dict) and sel["nilai"] is not None:
                    dicetak.setdefault(baris[1], set()).add(Decimal(sel["nilai"]))
    return {uraian: nilai.pop() for uraian, nilai in dicetak.items() if len(nilai) == 1}


def test_the_portal_figures_equal_the_final_printed_ones(client, demo_opd, final):
    terbitkan(final)
    dicetak = _tercetak(final[0])
    portal = csv_capaian(client, demo_opd)
    sama = [u for u in dicetak if u in portal]
    assert len(sama) >= 10, sorted(dicetak)
    for uraian in sama:
        # as data files write every figure: at most four decimals, half-up
        assert Decimal(portal[uraian]["capaian"]) == angka_data(dicetak[uraian]), uraian
    # and the IKU as the OPD page prints it
    body = halaman(client, demo_opd)
    assert final[0].data["dokumen"]["ringkasan"]["iku_capaian"]["teks"] in body


def test_the_final_is_named_by_its_pdf_when_both_formats_are_published(client, demo_opd):
    made = make_final(demo_opd, TAHUN, None, formats=("pdf", "docx"),
                      catatan="Uji portal: dua format.")
    pdf, docx = sorted(made, key=lambda f: f.format != "pdf")
    set_publikasi(docx, True, None)
    body = halaman(client, demo_opd)
    assert ASAL in body and CAPAIAN in body   # the DOCX alone is published: named by it
    set_publikasi(pdf, True, None)
    body = halaman(client, demo_opd)
    note = body[body.index(ASAL):]
    assert note.index(pdf.sha256) < note.index(docx.sha256)   # the note names the PDF first
    assert "unduh (PDF)" in note[:note.index(pdf.sha256) + 300]


def test_a_later_budget_change_does_not_leak_on_any_budget_page(client, demo_opd, final):
    """The final's budget is the agency's total as printed; a DPA row changed after it (not
    verified: no TW IV report) changes no page, not the budget per urusan and program."""
    terbitkan(final)
    pemda = demo_opd.pemda_id
    urls = (reverse("portal:anggaran", args=[pemda]) + f"?tahun={TAHUN}",
            reverse("portal:anggaran_unduh", args=[pemda, "program", "csv"]) + f"?tahun={TAHUN}",
            reverse("portal:opd", args=[pemda, demo_opd.pk]) + f"?tahun={TAHUN}",
            reverse("portal:sumber", args=[pemda, TAHUN, "anggaran"]))
    before = [client.get(url).content for url in urls]
    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, dpa__tahun=TAHUN,
                                        realisasi__gt=0).order_by("pk").first()
    sub.realisasi += 1000
    sub.save()
    naikkan_opd(demo_opd)
    for url, body in zip(urls, before, strict=True):
        assert client.get(url).content == body, url
    assert BELANJA in halaman(client, demo_opd)


def test_the_public_map_gives_the_keys_the_snapshot_holds(demo_opd, demo_reviu_data):
    peta = kunci_indikator(demo_opd, TAHUN)
    assert len(peta) == len(demo_reviu_data.indikator) == 77
    assert sorted(peta.values()) == sorted(i.kunci for i in demo_reviu_data.indikator)
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")
    assert peta[iku.pk] == "indikator:IKU-1"


def test_an_indicator_keyed_by_its_place_shows_no_figure_of_another_after_a_reorder(
        client, demo_opd, final):
    """75 of the demo's 77 indicators have no kode: their key is their place under their
    node. Two swapped after the publication must not show each other's figures."""
    terbitkan(final)
    dokumen = Indikator.objects.get(perangkat_daerah=demo_opd,
                                    kegiatan__kode="1.06.01.2.01", urutan__isnull=False,
                                    uraian__startswith="Tersedianya Dokumen Perencanaan")
    uraian = dokumen.uraian
    assert csv_capaian(client, demo_opd)[uraian]["realisasi"].startswith("2")   # 2 dokumen
    lain = (Indikator.objects.filter(kegiatan=dokumen.kegiatan).exclude(pk=dokumen.pk)
            .order_by("urutan").first())
    dokumen.urutan, lain.urutan = lain.urutan, dokumen.urutan
    dokumen.save()
    lain.save()
    naikkan_opd(demo_opd)
    row = csv_capaian(client, demo_opd)[uraian]
    assert not row["realisasi"].startswith("95.64")   # the other one's figure
    assert row["realisasi"] == "" and row["sumber_angka"] == ""


def program_csv(client, opd):
    url = reverse("portal:anggaran_unduh", args=[opd.pemda_id, "program", "csv"])
    rows = csv.DictReader(io.StringIO(client.get(url + f"?tahun={TAHUN}").content.decode()))
    return [r for r in rows if r["opd_kode"] == opd.kode]


def test_the_budget_per_program_shows_a_published_finals_programs_and_nothing_later(
        client, demo_opd, final):
    """An agency whose spending of the year is public only by its final (no verified TW IV)
    shows its programs' spending as the final's snapshot holds it: not before publication,
    never a DPA change made after it."""
    assert program_csv(client, demo_opd)
    assert all(r["realisasi"] == "" for r in program_csv(client, demo_opd))
    terbitkan(final)
    sub = [b for b in final[0].data["sumber"]["anggaran"] if b["tingkat"] == "sub_kegiatan"]
    rows = program_csv(client, demo_opd)
    assert rows and all(r["realisasi"] != "" for r in rows)
    assert (sum(Decimal(r["realisasi"]) for r in rows)
            == sum(Decimal(b["realisasi"]) for b in sub if b["realisasi"] is not None))
    assert sum(Decimal(r["pagu"]) for r in rows) == sum(Decimal(b["pagu"]) for b in sub
                                                        if b["pagu"] is not None)
    body = client.get(reverse("portal:anggaran", args=[demo_opd.pemda_id])
                      + f"?tahun={TAHUN}").content.decode()
    assert body.count(f'href="#final-{final[0].pk}"') == len(rows)   # each row marked
    assert ASAL in body and final[0].sha256 in body
    DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, dpa__tahun=TAHUN).update(
        realisasi=1, pagu=2)
    naikkan_opd(demo_opd)
    assert program_csv(client, demo_opd) == rows


def test_the_map_of_a_few_indicators_is_the_whole_maps_for_them(demo_opd):
    """The portal reads the keys of a page's indicators only (their nodes): the same keys."""
    from akuntabel.reviews.context import kunci_indikator_many

    peta = kunci_indikator(demo_opd, TAHUN)
    semua = list(Indikator.objects.filter(pk__in=peta).order_by("pk"))
    bukan_pertama = [i for i in semua if not i.kode and not peta[i.pk].endswith("#0")]
    for sebagian in (semua[::7], bukan_pertama[:1], bukan_pertama[-3:],
                     [i for i in semua if i.kode]):
        assert sebagian
        dibaca = kunci_indikator_many([demo_opd.pk], TAHUN, sebagian)
        assert {i.pk: dibaca.get(i.pk) for i in sebagian} == {i.pk: peta[i.pk]
                                                               for i in sebagian}
    assert kunci_indikator_many([demo_opd.pk], TAHUN) == peta
