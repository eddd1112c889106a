"""The LHE's context (evaluasi/lhe.py): the outline, the scores of core.evaluasi with last
year's beside them, what should be improved, last year's recommendations with their
follow-up, this year's grouped per component, the Inspektur's signature; and that the report
renderers make a valid PDF and DOCX holding those figures."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from akuntabel.evaluasi import rekomendasi as rk
from akuntabel.evaluasi import services
from akuntabel.evaluasi.lhe import build_lhe
from akuntabel.evaluasi.models import Jawaban, LaporanHasilEvaluasi
from akuntabel.organizations.models import Pejabat
from akuntabel.reports.renderers.docx import render_docx
from akuntabel.reports.renderers.pdf import render_pdf
from tests.builders import make_opd, make_pejabat
from tests.evaluasi.dunia import (
    TAHUN,
    dinsos,
    evaluasi,
    jendela,
    operator_dinsos,
    pemda,
    reviewer,
    template,
)

__all__ = ["dinsos", "evaluasi", "operator_dinsos", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db


def nilai_semua(evaluasi, nilai: str, **kecuali: str) -> None:
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan=nilai)
    for nomor, kode in kecuali.items():
        Jawaban.objects.filter(evaluasi=evaluasi, kriteria__nomor=nomor.replace("_", ".")) \
            .update(nilai_penetapan=kode, catatan_penetapan=f"Catatan {nomor}")


def bagian(dok, kunci):
    return next(b for b in dok.bagian if b.kunci == kunci)


@pytest.fixture
def tahun_lalu(pemda, dinsos, template, reviewer, operator_dinsos):
    """Last year's evaluation, graded B everywhere (70,00), locked, with a recommendation the
    OPD followed up."""
    lalu = services.buat_evaluasi(pemda, TAHUN - 1, template, jendela(), opd=dinsos,
                                  user=reviewer)
    r = rk.tambah_rekomendasi(lalu, "2", "Agar capaian diukur setiap triwulan", None,
                              user=reviewer)
    nilai_semua(lalu, "B")
    services.kunci_evaluasi(lalu, user=reviewer)
    rk.catat_tindak_lanjut(r, "Pengukuran triwulanan di Akuntabel", "/opd/1/", r.versi,
                           user=operator_dinsos)
    return lalu


def test_the_lhe_carries_the_letterhead_of_the_pemdas_inspektorat(evaluasi, pemda):
    pemda.kop_alamat = "Jl. Inspektorat No. 2"
    pemda.save()
    dok = build_lhe(evaluasi)
    assert dok.kop is not None and dok.kop.alamat == "Jl. Inspektorat No. 2"
    assert dok.kop.pemda == f"PEMERINTAH {pemda.nama}".upper()
    assert dok.kop.instansi == "INSPEKTORAT"


def test_the_outline_and_the_scores(evaluasi, tahun_lalu, reviewer, pemda):
    nilai_semua(evaluasi, "A", **{"1_a_1": "C"})
    rk.tambah_rekomendasi(evaluasi, "1", "Agar menyusun pedoman teknis perencanaan kinerja",
                          date(2024, 6, 30), user=reviewer)
    LaporanHasilEvaluasi.objects.create(evaluasi=evaluasi, nomor="700/15/LHE/2024",
                                        tanggal=date(2024, 3, 28))
    dok = build_lhe(evaluasi)
    assert [b.nomor for b in dok.bagian if b.tingkat == 0] == ["BAB I", "BAB II", "BAB III",
                                                                 "BAB IV"]
    assert "700/15/LHE/2024" in dok.subjudul and "28 Maret 2024" in dok.subjudul
    assert "DRAF" in dok.subjudul   # not locked yet
    # A everywhere but one criterion of 1.a (7 criteria, weight 6) at C: 90 − 6 × 40/7 /100.
    assert dok.ringkasan["nilai"].teks == "89,66"
    assert dok.ringkasan["predikat"].teks == "A"
    tabel = bagian(dok, "nilai").tabel[0]
    total = tabel.baris[-1]
    assert [c.teks for c in total[2:]] == ["100,00", "70,00", "89,66", "+19,66"]
    perbaikan = bagian(dok, "komponen-1").paragraf
    assert any(p.startswith("- 1.a.1 ") and "Catatan 1_a_1" in p for p in perbaikan)
    assert "Tidak ada kriteria" in bagian(dok, "komponen-2").paragraf[1]
    tl = bagian(dok, "tindak-lanjut").tabel[0].baris
    assert [(r[1], r[2], r[4], r[5]) for r in tl] == [
        ("2022", "2", "Pengukuran triwulanan di Akuntabel",
         "Dalam proses (menunggu penilaian Inspektorat)")]
    assert bagian(dok, "rekomendasi-1").paragraf == (
        "1. Agar menyusun pedoman teknis perencanaan kinerja (batas waktu 30 Juni 2024)",)
    assert bagian(dok, "rekomendasi-2").paragraf == ("Tidak ada rekomendasi untuk komponen ini.",)
    assert bagian(dok, "bab4").tanda_tangan


def test_the_inspektur_signs_from_the_pemdas_officials(evaluasi, pemda):
    assert build_lhe(evaluasi).penandatangan.nama.startswith("…")   # left to fill
    inspektorat = make_opd(pemda=pemda, nama="Inspektorat")
    make_pejabat(inspektorat, peran=Pejabat.Peran.KEPALA, nama="Drs. Hendra Wijaya",
                 nip="197001011995031001", jabatan="Inspektur Kota Metro")
    ttd = build_lhe(evaluasi).penandatangan
    assert (ttd.nama, ttd.nip, ttd.jabatan) == ("Drs. Hendra Wijaya", "197001011995031001",
                                                "Inspektur Kota Metro")


def test_pdf_and_docx_hold_the_figures(evaluasi, reviewer):
    nilai_semua(evaluasi, "B")
    rk.tambah_rekomendasi(evaluasi, "3", "Agar LKjIP membandingkan capaian dengan target "
                          "jangka menengah", None, user=reviewer)
    services.kunci_evaluasi(evaluasi, user=reviewer)
    dok = build_lhe(evaluasi)
    assert "DRAF" not in dok.subjudul
    pdf = render_pdf(dok)
    assert pdf.startswith(b"%PDF")
    docx = render_docx(dok)
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml").decode()
    for teks in ("70,00", "HASIL EVALUASI", "Agar LKjIP membandingkan capaian", "Inspektur"):
        assert teks in xml


def test_the_reviu_of_the_lkjip_appears_under_its_component(evaluasi):
    """The reviu of the LKjIP as Akuntabel prints it is the evidence of criterion 3.a.4
    (evaluasi.bukti); the LHE reports it where the template shows it."""
    paragraf = bagian(build_lhe(evaluasi), "komponen-3").paragraf
    reviu = [p for p in paragraf if p.startswith("Reviu LKjIP")]
    assert len(reviu) == 1 and "3.a.4" in reviu[0]
    assert not any(p.startswith("Reviu LKjIP") for p in bagian(build_lhe(evaluasi),
                                                                "komponen-1").paragraf)


def test_the_lhe_of_the_pemdas_own_evaluation(pemda, template, reviewer):
    sendiri = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=reviewer)
    nilai_semua(sendiri, "A")
    dok = build_lhe(sendiri)
    assert dok.subjudul.startswith(f"{pemda.nama} Tahun {TAHUN}")
    assert dok.ringkasan["nilai"].teks == "90,00" and dok.ringkasan["predikat"].teks == "A"
    assert render_pdf(dok).startswith(b"%PDF")
