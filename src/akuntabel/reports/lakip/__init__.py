"""The LAKIP / LKjIP context: the whole report of one OPD and year as plain data (``Dokumen``),
built once from the database, in the outline of Permenpan RB 53/2014.

Every figure is computed here with ``akuntabel.core`` and carries its formula and inputs
(``Angka.rumus``); renderers only lay it out. The target in force, realisasi, capaian and
peringkat of every indicator are those of the web pages: ``results.capaian.
compute_capaian_many`` computes them, and this module only writes them out with their
formula, source and notes. The number of queries does not grow with the size of the OPD.

The builder is one class assembled from the parts of the report, one module each: ``data``
(reading the data once, each indicator's figures), ``narrative`` (the placeholders' figures
and each section's text), ``bab1``, ``bab2``, ``bab3`` and ``lampiran`` (each chapter's tables
and lists), ``charts``; ``values`` writes a figure as the document prints it. The document's
outline is here (``_Builder.build``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from akuntabel.organizations.models import Pejabat, PerangkatDaerah
from akuntabel.reports.document import Angka, Bagian, Dokumen, Grafik, Penandatangan, Sel, Tabel
from akuntabel.reports.kop import kop_of
from akuntabel.reports.lakip.bab1 import TabelBab1
from akuntabel.reports.lakip.bab2 import TabelBab2
from akuntabel.reports.lakip.bab3 import TabelBab3
from akuntabel.reports.lakip.charts import Charts
from akuntabel.reports.lakip.data import Data
from akuntabel.reports.lakip.lampiran import TabelLampiran
from akuntabel.reports.lakip.narrative import Narrative
from akuntabel.reports.lakip.values import format_tanggal
from akuntabel.reports.pengaturan import pilihan_of

_NOMOR_LAMA = re.compile(r"^(Tabel|Gambar|Grafik)\s+[0-9IVXivx]+(\.\d+)*\.?\s+")
_ROMAWI = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def numbered(bagian: list[Bagian]) -> list[Bagian]:
    """Tables and figures numbered per chapter in order of appearance ("Tabel 3.1",
    "Gambar 3.1"); before BAB I in lower-case Roman ("Tabel i"); the annexes keep their own
    "Lampiran N." titles. A number already in a title is replaced, so no two tables share
    one."""
    out = []
    bab = 0
    tabel_n = gambar_n = 0
    depan_n = 0
    for b in bagian:
        if b.tingkat == 0 and b.nomor.upper().startswith("BAB"):
            bab = _ROMAWI.get(b.nomor.split()[-1].upper(), bab + 1)
            tabel_n = gambar_n = 0
        tabel = []
        for t in b.tabel:
            if t.judul.startswith("Lampiran"):
                tabel.append(t)
                continue
            judul = _NOMOR_LAMA.sub("", t.judul)
            if bab == 0:
                depan_n += 1
                nomor = ("i", "ii", "iii", "iv", "v", "vi")[min(depan_n, 6) - 1]
            else:
                tabel_n += 1
                nomor = f"{bab}.{tabel_n}"
            tabel.append(replace(t, judul=f"Tabel {nomor} {judul}"))
        grafik = []
        for g in b.grafik:
            gambar_n += 1
            grafik.append(replace(g, judul=f"Gambar {max(bab, 1)}.{gambar_n} "
                                           f"{_NOMOR_LAMA.sub('', g.judul)}"))
        out.append(replace(b, tabel=tuple(tabel), grafik=tuple(grafik)))
    return out


class _Builder(Data, Narrative, TabelBab1, TabelBab2, TabelBab3, TabelLampiran, Charts):
    lampiran_reviu = False
    lampiran_perbedaan = False

    def build(self) -> Dokumen:
        f = self.figures()
        kepala = Pejabat.objects.filter(perangkat_daerah=self.opd,
                                        peran=Pejabat.Peran.KEPALA).first()
        ttd = Penandatangan(
            jabatan=kepala.jabatan if kepala else f"Kepala {self.opd.nama}",
            nama=kepala.nama if kepala else "", pangkat=kepala.pangkat if kepala else "",
            nip=kepala.nip if kepala else "",
            tempat_tanggal=f"{self.tempat}, {format_tanggal(self.tanggal)}")

        def section(kunci: str, nomor: str, judul: str, tingkat: int = 1,
                    tabel: tuple[Tabel, ...] = (), grafik: tuple[Grafik, ...] = (),
                    extra: tuple[str, ...] = (), tanda_tangan: bool = False) -> Bagian:
            return Bagian(kunci, nomor, judul, tingkat, self.narasi(kunci, f) + extra, tabel,
                          grafik, tanda_tangan)

        bagian = [
            section("kata_pengantar", "", "Kata Pengantar", 0, tanda_tangan=True),
            section("ikhtisar_eksekutif", "", "Ikhtisar Eksekutif", 0,
                    tabel=(self.tabel_iku_capaian(
                        f, f"Ringkasan Capaian Indikator Kinerja Utama Tahun {self.tahun}"),)),
            Bagian("bab1", "BAB I", "Pendahuluan", 0),
            section("latar_belakang", "1.1", "Latar Belakang"),
            section("maksud_tujuan", "1.2", "Maksud dan Tujuan"),
            section("dasar_hukum", "1.3", "Dasar Hukum"),
            section("gambaran_umum", "1.4", "Gambaran Umum",
                    extra=self.tugas_fungsi()),
            section("isu_strategis", "1.5", "Isu Strategis", tabel=(self.tabel_isu(),)),
            Bagian("bab2", "BAB II", "Perencanaan Kinerja", 0),
            section("perencanaan_kinerja", "2.1", "Rencana Strategis"),
            section("visi_misi", "2.2", "Visi dan Misi", extra=self.visi_misi()),
            section("tujuan_sasaran", "2.3", "Tujuan, Sasaran dan Indikator Kinerja Utama",
                    tabel=(self.tabel_iku_renstra(),)),
            section("strategi", "2.4", "Strategi dan Arah Kebijakan",
                    tabel=(self.tabel_strategi(),)),
            section("program", "2.5", "Program", extra=self.daftar_program()),
            section("perjanjian_kinerja", "2.6", "Perjanjian Kinerja", tabel=(self.tabel_pk(),)),
            Bagian("bab3", "BAB III", "Akuntabilitas Kinerja", 0),
            section("capaian_kinerja_organisasi", "3.1", "Capaian Kinerja Organisasi",
                    tabel=(self.tabel_skala(), self.tabel_iku_capaian(f)),
                    grafik=self.grafik_capaian()),
            section("realisasi_kinerja", "3.2",
                    f"Realisasi Kinerja Program, Kegiatan dan Sub Kegiatan Tahun {self.tahun}",
                    tabel=(self.tabel_realisasi_kinerja(),)),
            section("perbandingan_tahun_lalu", "3.3",
                    f"Perbandingan Realisasi Tahun {self.tahun} dengan Tahun {self.tahun - 1}",
                    tabel=(self.tabel_tahun_lalu(),)),
            section("perbandingan_renstra", "3.4",
                    f"Perbandingan Realisasi Tahun {self.tahun} dengan Target Renstra",
                    tabel=(self.tabel_renstra_progres(), self.tabel_renstra_anggaran()),
                    grafik=self.grafik_tren()),
            section("perhitungan_iku", "3.5", "Perhitungan Indikator Kinerja Utama",
                    tabel=self.tabel_komponen()),
            section("analisis_penyebab", "3.6",
                    "Analisis Penyebab Keberhasilan/Kegagalan dan Alternatif Solusi"),
            section("analisis_efisiensi", "3.7", "Analisis Efisiensi Penggunaan Sumber Daya",
                    tabel=(self.tabel_efisiensi(),)),
            section("analisis_program", "3.8", "Analisis Program/Kegiatan"),
            section("realisasi_anggaran", "3.9", "Realisasi Anggaran",
                    tabel=(self.tabel_anggaran(),), grafik=self.grafik_serapan()),
            section("penutup", "BAB IV", "Penutup", 0, tanda_tangan=True),
            Bagian("lampiran", "", "Lampiran", 0, (),
                   tabel=(self.tabel_pk(f"Lampiran 1. Perjanjian Kinerja Tahun {self.tahun}"),
                          *((self.tabel_reviu(),) if self.lampiran_reviu else ()))),
        ]
        if self.lampiran_perbedaan:
            bagian.append(Bagian(
                "lampiran_perbedaan", "", "Lampiran Perbedaan dengan Sumber", 0,
                ("Catatan penyalinan data dari dokumen sumber, dan nilai yang tercetak di sana "
                 "tetapi berbeda dengan hasil perhitungan dalam laporan ini. Lampiran ini "
                 "menjelaskan asal data kepada pembaca; angka dalam laporan tidak berubah "
                 "karenanya.",),
                tabel=(self.tabel_perbedaan(),)))
        ringkasan = {k: v for k, v in f.items() if isinstance(v, Angka)}
        return Dokumen(
            jenis="lakip", judul="Laporan Kinerja Instansi Pemerintah (LKjIP)",
            subjudul=f"{self.opd.nama} Tahun {self.tahun}", instansi=self.opd.nama,
            pemda=f"Pemerintah {self.opd.pemda.nama}", tahun=self.tahun, penandatangan=ttd,
            bagian=tuple(numbered(bagian)), ringkasan=ringkasan,
            kop=kop_of(self.opd.pemda, self.opd.nama))

    def tabel_perbedaan(self) -> Tabel:
        rows: list[tuple[Sel, ...]] = [(str(i), tempat, catatan)
                                       for i, (tempat, catatan) in enumerate(self.perbedaan, 1)]
        return Tabel("lampiran-perbedaan",
                     f"Lampiran {3 if self.lampiran_reviu else 2}. Perbedaan dengan Dokumen "
                     f"Sumber Tahun {self.tahun}",
                     ("No", "Tempat", "Catatan"), tuple(rows))


def build_lakip_context(opd: PerangkatDaerah, tahun: int, tanggal: date | None = None,
                        lampiran_reviu: bool = False,
                        lampiran_perbedaan: bool | None = None) -> Dokumen:
    """The LAKIP of ``opd`` for ``tahun``. ``tanggal`` is the signature date; without it, the
    one the kepala chose (``reports.pengaturan``), else the due date, never today. With
    ``lampiran_reviu`` the automatic reviu's open findings are annexed; the appendix of
    differences from the source follows the kepala's choice unless ``lampiran_perbedaan``
    says otherwise."""
    pilihan = pilihan_of(opd, tahun, "lakip")
    builder = _Builder(opd, tahun, tanggal or pilihan.tanggal)
    builder.tempat = pilihan.tempat
    builder.lampiran_reviu = lampiran_reviu
    builder.lampiran_perbedaan = (pilihan.lampiran_perbedaan if lampiran_perbedaan is None
                                  else lampiran_perbedaan)
    return builder.build()


__all__ = ["build_lakip_context"]
