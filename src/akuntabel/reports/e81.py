"""The E.81 form of Permendagri 86/2017 ("Evaluasi terhadap Hasil Renja Perangkat Daerah") as
a document to sign: the letterhead, the form's figures in numbered tables, the kepala's
signature with his NIP, on landscape pages (``dokumen-e81`` in ``reports/dokumen.css``).

The figures are the OPD workbook's sheet (``adapters.xlsx.evaluasi.build_evaluasi``: one
reading, one rule); only their layout differs. The form's 18 numbered columns, 11 of them with
a K (kinerja) and an Rp (anggaran) figure, cannot be read on one page, so the document prints
them in three tables that keep the form's row numbers and column numbers (project
convention): Tabel 1 the kinerja (columns 1, 3–5 and 6–16 K), Tabel 2 the anggaran (1, 3, 4 and
6–16 Rp, for the rows that carry a node's budget) and Tabel 3 the sasaran and keterangan (2,
18); the code (3) and the name (4) share a cell; column 17 (the unit in charge) is the OPD on
every row and is said once.

The place and date above the signature are the kepala's choice for the year's LKjIP
(``reports.pengaturan``: the E.81 is the same year-end account of the same Renja; default the
LKjIP's due date, never the day it is generated).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from akuntabel.adapters.xlsx.evaluasi import BarisEvaluasi, Nilai, build_evaluasi
from akuntabel.core.angka import format_rupiah
from akuntabel.organizations.models import Pejabat, PerangkatDaerah
from akuntabel.plans.services import renstra_for
from akuntabel.reports.document import Angka, Bagian, Dokumen, Penandatangan, Sel, Tabel
from akuntabel.reports.kop import kop_of
from akuntabel.reports.lakip.values import angka, format_tanggal, persen, teks
from akuntabel.reports.pengaturan import pilihan_of

JENIS = "e81"
DASAR_HUKUM = "Permendagri 86/2017, formulir evaluasi terhadap hasil Renja Perangkat Daerah"
# The measures of the form that carry a K and an Rp figure, with their short titles.
UKURAN = (6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
PERSEN = (14, 16)
PROGRAM = "(3) Kode dan (4) Program/Kegiatan/Sub Kegiatan"


def _judul_kolom(tahun: int, akhir: int) -> dict[int, str]:
    return {
        6: f"(6) Target Renstra {akhir}",
        7: f"(7) Realisasi Renstra s.d. {tahun - 1}",
        8: f"(8) Target Renja {tahun}",
        9: "(9) Realisasi TW I", 10: "(10) Realisasi TW II", 11: "(11) Realisasi TW III",
        12: "(12) Realisasi TW IV",
        13: f"(13) Realisasi Renja {tahun}",
        14: f"(14) Capaian Renja {tahun} (%)",
        15: f"(15) Realisasi Renstra s.d. {tahun}",
        16: f"(16) Capaian Renstra s.d. {tahun} (%)",
    }


def _kinerja(v: Nilai, nomor: int) -> Sel:
    if isinstance(v, Decimal):
        return persen(v) if nomor in PERSEN else angka(v)
    return teks(v or "")


def _anggaran(v: Nilai, nomor: int) -> Sel:
    if not isinstance(v, Decimal):
        return teks("")
    if nomor in PERSEN:
        return persen(v)
    return Angka(v, "rupiah", format_rupiah(v).replace("Rp ", "", 1))


def _teks(b: BarisEvaluasi, nomor: int) -> str:
    v = b.nilai.get((nomor, ""))
    return "" if v is None else str(v)


def _no(b: BarisEvaluasi) -> str:
    return _teks(b, 1)


def _program(b: BarisEvaluasi) -> str:
    """Columns 3 and 4 in one cell, the code first: the width goes to the names."""
    return f"{_teks(b, 3)} {_teks(b, 4)}".strip()


def build_e81_context(opd: PerangkatDaerah, tahun: int, tanggal: date | None = None) -> Dokumen:
    """The E.81 of ``opd`` and ``tahun``; raises NoRenstra without a Renstra for the year."""
    from akuntabel.references.services import skala_for

    renstra = renstra_for(opd, tahun)
    rows, rata = build_evaluasi(opd, tahun, renstra)
    judul = _judul_kolom(tahun, renstra.tahun_akhir)
    kinerja = tuple(
        (_no(b), _program(b), _teks(b, 5),
         *(_kinerja(b.nilai.get((n, "K")), n) for n in UKURAN))
        for b in rows)
    anggaran = tuple(
        (_no(b), _program(b), *(_anggaran(b.nilai.get((n, "Rp")), n) for n in UKURAN))
        for b in rows if any(b.nilai.get((n, "Rp")) is not None for n in UKURAN))
    keterangan = tuple((_no(b), _teks(b, 4), _teks(b, 2) or "–", _teks(b, 18) or "–")
                       for b in rows)
    skala = skala_for(opd.pemda, date(tahun, 12, 31))
    rata_angka = persen(rata, "rata-rata kolom 14 (K) dari semua baris yang memiliki capaian")
    tabel_kinerja = Tabel(
        "e81-kinerja", f"Tabel 1 Evaluasi Hasil Renja Tahun {tahun}: Kinerja (K)",
        ("(1) No", PROGRAM, "(5) Indikator kinerja program (outcome)/kegiatan (output)",
         *(judul[n] for n in UKURAN)), kinerja,
        catatan=f"Rata-rata capaian kinerja (kolom 14): {rata_angka.teks}; predikat "
                f"{skala.peringkat(rata) or '–'} (skala {skala.nama}, {skala.dasar_hukum}).")
    tabel_anggaran = Tabel(
        "e81-anggaran", f"Tabel 2 Evaluasi Hasil Renja Tahun {tahun}: Anggaran (Rp)",
        ("(1) No", PROGRAM,
         *(judul[n].replace(" (%)", "") + (" (%)" if n in PERSEN else " (Rp)")
           for n in UKURAN)), anggaran,
        catatan="Anggaran sebuah program, kegiatan atau sub kegiatan dicetak pada baris "
                "indikator pertamanya saja, agar setiap kolom dapat dijumlahkan.")
    tabel_keterangan = Tabel(
        "e81-keterangan", f"Tabel 3 Evaluasi Hasil Renja Tahun {tahun}: Sasaran dan Keterangan",
        ("(1) No", "(4) Program/Kegiatan/Sub Kegiatan", "(2) Sasaran", "(18) Keterangan"),
        keterangan)
    pengantar = (
        f"Evaluasi terhadap hasil Rencana Kerja (Renja) {opd.nama} Tahun {tahun}, menurut "
        f"formulir E.81 {DASAR_HUKUM.split(',')[0]}, terhadap Renstra {renstra.tahun_awal}–"
        f"{renstra.tahun_akhir}.",
        "Nomor dalam kurung adalah nomor kolom formulir; K = kinerja, Rp = anggaran. "
        "Kolom 13 = realisasi tahunan (bila tidak ada, gabungan kolom 9–12); 14 = 13 terhadap "
        "8; 15 = 7 digabung dengan 13; 16 = 15 terhadap 6. Capaian dihitung menurut polaritas "
        "indikator; nilai yang tidak ada ditulis “–”.",
        f"Unit perangkat daerah penanggung jawab (kolom 17) untuk semua baris: {opd.nama}.",
    )
    kepala = Pejabat.objects.filter(perangkat_daerah=opd, peran=Pejabat.Peran.KEPALA).first()
    pilihan = pilihan_of(opd, tahun, "lakip")
    ttd = Penandatangan(
        jabatan=kepala.jabatan if kepala else f"Kepala {opd.nama}",
        nama=kepala.nama if kepala else "", pangkat=kepala.pangkat if kepala else "",
        nip=kepala.nip if kepala else "",
        tempat_tanggal=f"{pilihan.tempat}, {format_tanggal(tanggal or pilihan.tanggal)}")
    return Dokumen(
        jenis=JENIS, judul="EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
        subjudul=f"{opd.nama} Tahun {tahun}", instansi=opd.nama,
        pemda=f"Pemerintah {opd.pemda.nama}", tahun=tahun, penandatangan=ttd,
        kop=kop_of(opd.pemda, opd.nama), ringkasan={"rata_rata_capaian": rata_angka},
        bagian=(
            Bagian("e81", "", "Evaluasi terhadap Hasil Renja", 0, pengantar,
                   (tabel_kinerja, tabel_anggaran, tabel_keterangan), tanda_tangan=True),
        ))
