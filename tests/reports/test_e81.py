"""The E.81 evaluation form (Permendagri 86/2017) as a document a kepala signs: the workbook's
figures from the same function, the letterhead, numbered tables, the chosen date and the
kepala's NIP; frozen as a signed final that ``akuntabel verifikasi`` names "E.81"; its page
offers it as the PK's (open problems, a note, outdated)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from akuntabel.accounts.models import Peran
from akuntabel.adapters.xlsx.evaluasi import build_evaluasi
from akuntabel.organizations.models import Pejabat
from akuntabel.plans.models import Target
from akuntabel.plans.services import renstra_for
from akuntabel.reports.document import Angka
from akuntabel.reports.e81 import UKURAN, build_e81_context
from akuntabel.reports.final import make_final
from akuntabel.reports.kesiapan import final_kedaluwarsa, masalah_terbuka
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.verifikasi import verify
from akuntabel.results.models import Realisasi
from tests.builders import make_opd, make_user
from tests.reports.pdf_check import pdfa_problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True


def url(opd):
    return reverse("e81_final", args=[opd.pk, 2023])


def nilai(sel):
    return sel.nilai if isinstance(sel, Angka) else None


def test_the_documents_figures_are_the_workbooks(demo_opd):
    rows, rata = build_evaluasi(demo_opd, 2023, renstra_for(demo_opd, 2023))
    dok = build_e81_context(demo_opd, 2023)
    kinerja, anggaran, _keterangan = dok.bagian[0].tabel
    assert len(kinerja.baris) == len(rows) > 10
    for row, baris in zip(rows, kinerja.baris, strict=True):
        assert baris[0] == str(row.nilai[(1, "")])
        for i, n in enumerate(UKURAN):
            v = row.nilai.get((n, "K"))
            assert nilai(baris[3 + i]) == (v if isinstance(v, Decimal) else None)
    dengan_anggaran = {str(r.nilai[(1, "")]): r for r in rows
                       if any(r.nilai.get((n, "Rp")) is not None for n in UKURAN)}
    assert [b[0] for b in anggaran.baris] == list(dengan_anggaran)
    for baris in anggaran.baris:
        row = dengan_anggaran[baris[0]]
        assert [nilai(c) for c in baris[2:]] == [row.nilai.get((n, "Rp")) for n in UKURAN]
    total = sum(nilai(b[4]) or 0 for b in anggaran.baris)  # column 8 Rp: the DPA pagu
    assert total > 0
    assert dok.ringkasan["rata_rata_capaian"].nilai == rata


def test_it_is_a_form_to_sign_with_letterhead_numbered_tables_date_and_nip(demo_opd):
    kepala = Pejabat.objects.get(perangkat_daerah=demo_opd, peran=Pejabat.Peran.KEPALA)
    dok = build_e81_context(demo_opd, 2023)
    assert dok.jenis == "e81" and dok.kop is not None and "DINAS SOSIAL" in dok.kop.instansi
    assert [t.judul.split(" Evaluasi")[0] for t in dok.tabel()] == ["Tabel 1", "Tabel 2",
                                                                      "Tabel 3"]
    ttd = dok.penandatangan
    assert (ttd.nama, ttd.nip) == (kepala.nama, kepala.nip)
    assert ttd.tempat_tanggal == "Metro, 29 Februari 2024"  # the LKjIP's due date, not today
    assert dok.bagian[-1].tanda_tangan


def test_an_e81_final_verifies_as_e81_and_a_changed_byte_is_rejected(demo_opd):
    made = make_final(demo_opd, 2023, None, dokumen="e81", catatan="NIP dibetulkan.")
    pdf = next(f for f in made if f.format == "pdf")
    isi = bytes(pdf.isi)
    hasil = verify(isi, True)
    assert hasil.sah, hasil.alasan
    assert (hasil.nama_dokumen, hasil.tahun, hasil.opd) == ("E.81", 2023, demo_opd.nama)
    rusak = bytearray(isi)
    rusak[len(rusak) // 3] ^= 1
    assert not verify(bytes(rusak)).sah
    assert pdf.data["dokumen"]["jenis"] == "e81"
    assert pdfa_problems(isi) == []


def test_the_public_verification_page_names_an_e81_final_by_its_hash(client, demo_opd):
    made = make_final(demo_opd, 2023, None, formats=("docx",), dokumen="e81", catatan="x")
    html = client.post(reverse("verifikasi"), {"sha256": made[0].sha256}).content.decode()
    assert "E.81" in html and demo_opd.nama in html


def test_the_e81s_open_problems_are_the_lkjips(demo_opd):
    """The E.81 prints the same realisasi per quarter and the kepala's NIP as the LKjIP: a
    quarter's value a thousand times its target is a plausibility warning for both."""
    t = Target.objects.filter(indikator__perangkat_daerah=demo_opd, tahun=2023, jenis="renja",
                              triwulan=0, nilai__gt=0).exclude(indikator__uraian="").first()
    Realisasi.objects.update_or_create(indikator=t.indikator, tahun=2023, triwulan=1,
                                       defaults={"nilai": t.nilai * 1000, "teks": "x"})
    assert masalah_terbuka(demo_opd, 2023, "e81") == masalah_terbuka(demo_opd, 2023, "lakip")
    assert {m.jenis for m in masalah_terbuka(demo_opd, 2023, "e81")} == {"reviu", "nip",
                                                                          "kewajaran"}


def test_the_e81_final_page_lists_problems_needs_a_note_and_makes_it(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    html = client.get(url(demo_opd)).content.decode()
    assert 'data-testid="masalah-terbuka"' in html and "E.81" in html
    assert reverse("report_download", args=[demo_opd.pk, 2023, "e81", "pdf"]) in html
    assert client.post(url(demo_opd), {"catatan": " "}).status_code == 400
    response = client.post(url(demo_opd), {"catatan": "Diterima."})
    assert response.status_code == 302
    made = LaporanFinal.objects.filter(perangkat_daerah=demo_opd, dokumen="e81")
    assert {f.format for f in made} == {"pdf", "docx"}
    html = client.get(url(demo_opd)).content.decode()
    assert reverse("laporan_final_download", args=[made[0].pk]) in html
    # the kepala publishes it from the same page, as the LKjIP's finals, and is back there
    assert reverse("laporan_final_publikasi", args=[made[0].pk]) in html
    response = client.post(reverse("laporan_final_publikasi", args=[made[0].pk]),
                           {"dipublikasikan": "1"})
    assert response["Location"] == url(demo_opd) + "#laporan-final"
    made[0].refresh_from_db()
    assert made[0].dipublikasikan


def test_the_e81_page_shows_its_final_outdated_after_a_change(client, demo_opd):
    # outdated is read from the final's snapshot, the same in every format: one, not a PDF
    make_final(demo_opd, 2023, None, formats=("docx",), dokumen="e81", catatan="x")
    r = Realisasi.objects.filter(indikator__perangkat_daerah=demo_opd, tahun=2023, triwulan=0,
                                 indikator__sub_kegiatan__isnull=False,
                                 nilai__isnull=False).exclude(indikator__uraian="").first()
    r.nilai += 1
    r.save()
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    html = client.get(url(demo_opd)).content.decode()
    assert 'data-testid="final-kedaluwarsa"' in html


def test_the_lakip_page_links_to_the_e81_final_page(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    html = client.get(reverse("lakip", args=[demo_opd.pk, 2023])).content.decode()
    assert url(demo_opd) in html


def test_an_operator_cannot_make_it_and_an_outsider_does_not_see_it(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd)).status_code == 403
    client.force_login(make_user(Peran.KEPALA_OPD, opd=make_opd()))
    assert client.get(url(demo_opd)).status_code == 404


def test_an_e81_final_is_outdated_by_a_quarters_figure_said_by_its_table_row_and_column(
        demo_opd):
    """The E.81 prints each quarter's realisasi, which the reviu's reading combines: its
    finals are compared by the form's own cells."""
    make_final(demo_opd, 2023, None, formats=("docx",), dokumen="e81", catatan="x")
    t = Target.objects.filter(indikator__perangkat_daerah=demo_opd, tahun=2023, jenis="renja",
                              triwulan=0, nilai__gt=0).exclude(indikator__uraian="").first()
    Realisasi.objects.update_or_create(indikator=t.indikator, tahun=2023, triwulan=3,
                                       defaults={"nilai": Decimal("77.5"), "teks": "77,5"})
    with translation.override("id"):
        beda = final_kedaluwarsa(demo_opd, 2023, "e81")["perbedaan"]
    tw3 = [b for b in beda if "(11) Realisasi TW III" in b.tempat]
    assert len(tw3) == 1 and tw3[0].baru == "77,5" and tw3[0].lama == "–"
    assert tw3[0].tempat.startswith("Tabel 1, baris ") and t.indikator.uraian in tw3[0].tempat


def test_the_word_file_is_landscape_from_its_first_page(demo_opd):
    """The letterhead and title are on the first landscape page, not alone on a portrait
    one before the tables."""
    import io

    from docx import Document

    from akuntabel.reports.renderers.docx import render_docx

    doc = Document(io.BytesIO(render_docx(build_e81_context(demo_opd, 2023))))
    assert [s.page_width > s.page_height for s in doc.sections] == [True]
    teks = "\n".join(p.text for p in doc.paragraphs)
    assert "DINAS SOSIAL" in teks.upper() and "Metro, 29 Februari 2024" in teks
