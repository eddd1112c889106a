"""Reviu rules on the structure and completeness of the LAKIP (``STR``).

Permenpan RB 53/2014 fixes what a Laporan Kinerja contains (Ikhtisar Eksekutif, Bab I
Pendahuluan, Bab II Perencanaan Kinerja, Bab III Akuntabilitas Kinerja with the capaian, its
analysis and the realisasi anggaran, Bab IV Penutup). These rules check that the required
sections are there, that what the text claims about the program tree agrees with the data,
that every indicator scored low is explained in the analysis, and that the signatory's NIP is
well formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from akuntabel.core.angka import format_persen
from akuntabel.core.reviu.common import target_berlaku
from akuntabel.core.reviu.data import Finding, Indikator, Lokasi, Pejabat, ReviuData
from akuntabel.core.reviu.narasi import (
    BAGIAN_NARASI,
    CapaianIndikator,
    bagian_narasi,
    capaian_indikator,
    kalimat,
    kutip,
    lokasi_narasi,
    normalkan,
)
from akuntabel.core.reviu.registry import aturan, temuan

# --------------------------------------------------------------------------------------------
# Required sections
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Wajib:
    kunci: tuple[str, ...]  # any one of these sections satisfies the requirement
    bab: str
    nama: str


BAGIAN_WAJIB: tuple[_Wajib, ...] = (
    _Wajib(("ikhtisar_eksekutif",), "Ikhtisar Eksekutif", "Ikhtisar Eksekutif"),
    _Wajib(("latar_belakang",), "Bab I Pendahuluan", "Latar Belakang"),
    _Wajib(("perencanaan_kinerja", "perjanjian_kinerja"), "Bab II Perencanaan Kinerja",
           "Perencanaan Kinerja / Perjanjian Kinerja"),
    _Wajib(("capaian_kinerja_organisasi",), "Bab III Akuntabilitas Kinerja",
           "Capaian Kinerja Organisasi"),
    _Wajib(("realisasi_anggaran",), "Bab III Akuntabilitas Kinerja", "Realisasi Anggaran"),
    _Wajib(("penutup",), "Bab IV Penutup", "Penutup"),
)
"""The sections a LAKIP must have (Permenpan RB 53/2014, sistematika Laporan Kinerja)."""

_BAB_EN = {"Ikhtisar Eksekutif": "Executive Summary", "Bab I Pendahuluan": "Chapter I",
           "Bab II Perencanaan Kinerja": "Chapter II", "Bab III Akuntabilitas Kinerja":
           "Chapter III", "Bab IV Penutup": "Chapter IV"}


@aturan("STR-001", "warning", "struktur", "Bagian wajib LAKIP tidak ada atau kosong",
        "Required LAKIP section missing or empty",
        "Permenpan RB 53/2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan "
        "Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah (sistematika Laporan Kinerja)")
def bagian_wajib(data: ReviuData) -> list[Finding]:
    """A section that the LAKIP outline of Permenpan RB 53/2014 requires is missing or empty.

    Required: the Ikhtisar Eksekutif; Bab I's Latar Belakang; Bab II's Perencanaan Kinerja or
    Perjanjian Kinerja (either will do); Bab III's Capaian Kinerja Organisasi and Realisasi
    Anggaran; Bab IV Penutup. Text made only of blanks counts as missing. The seed has no
    Ikhtisar Eksekutif.
    """
    teks = {n.kunci: n.teks for n in data.narasi}
    findings = []
    for wajib in BAGIAN_WAJIB:
        if any(teks.get(k, "").strip() for k in wajib.kunci):
            continue
        ada = any(k in teks for k in wajib.kunci)
        ditemukan = "kosong" if ada else "tidak ada"
        bagian = " / ".join(BAGIAN_NARASI.get(k, k) for k in wajib.kunci)
        lokasi = Lokasi(
            bagian=wajib.bab if wajib.bab == bagian else f"{wajib.bab}, {bagian}",
            kunci=f"narasi:{wajib.kunci[0]}",
            uraian=wajib.bab if wajib.nama == wajib.bab else f"{wajib.bab} › {wajib.nama}")
        bab_en = _BAB_EN.get(wajib.bab, wajib.bab)
        nama = wajib.nama if wajib.nama == wajib.bab else f"{wajib.nama} ({wajib.bab})"
        nama_en = bab_en if wajib.nama == wajib.bab else f"{wajib.nama} ({bab_en})"
        findings.append(temuan(
            "STR-001",
            f"{nama} {'kosong' if ada else 'tidak ada'}; bagian ini wajib dalam Laporan Kinerja "
            "menurut Permenpan RB 53/2014.",
            f"{nama_en} is {'empty' if ada else 'missing'}; Permenpan RB 53/2014 requires it in "
            "the performance report.",
            lokasi, "ada dan berisi", ditemukan))
    return findings


# --------------------------------------------------------------------------------------------
# Counts of the program tree claimed in the text
# --------------------------------------------------------------------------------------------

_JUMLAH = re.compile(
    r"(?<!\d)(?<!\d[.,])(?P<angka>\d{1,4})\s*(?:\(\s*[A-Za-z ]+\s*\)\s*)?"
    r"(?P<unit>sub\s*-?\s*kegiatan|kegiatan|program)\b", re.IGNORECASE)
_TAHUN_DI_KALIMAT = re.compile(r"(?<![\d./])((?:19|20)\d{2})(?!\d)(?!\s*[-–—]\s*\d)")
_UNIT = {"program": ("program", "programs"), "kegiatan": ("kegiatan", "kegiatan (activities)"),
         "sub_kegiatan": ("sub kegiatan", "sub kegiatan (sub-activities)")}


def _unit(teks: str) -> str:
    t = teks.casefold()
    return "sub_kegiatan" if t.startswith("sub") else t


@aturan("STR-002", "error", "struktur",
        "Jumlah program/kegiatan/sub kegiatan dalam teks tidak sesuai data",
        "Number of programs/kegiatan/sub kegiatan in the text differs from the data",
        "Permenpan RB 53/2014 (reviu atas Laporan Kinerja: keandalan informasi)")
def jumlah_program_kegiatan(data: ReviuData) -> list[Finding]:
    """A sentence that counts the program tree ("terdapat 7 (Tujuh) Program, 15 kegiatan dan
    46 Sub Kegiatan") gives a number other than the data's count for the report year.

    Only summary sentences are read: at least two of program, kegiatan and sub kegiatan must be
    counted in the same sentence (so "3. Program Rehabilitasi Sosial" or "13 kegiatan" as an
    indicator's value are not claims). A sentence about another year is skipped, and so is a
    count the data does not hold (0). Counts of tujuan or sasaran are not in the data.
    """
    benar = {"program": data.jumlah_program, "kegiatan": data.jumlah_kegiatan,
             "sub_kegiatan": data.jumlah_sub_kegiatan}
    tahun = data.identitas.tahun
    findings: dict[tuple[str, str, str], Finding] = {}
    for n in data.narasi:
        for a, b in kalimat(n.teks):
            isi = n.teks[a:b]
            klaim = [(m, _unit(m.group("unit")), int(m.group("angka")))
                     for m in _JUMLAH.finditer(isi)]
            if len({u for _, u, _ in klaim}) < 2:
                continue
            tahun_disebut = {int(t) for t in _TAHUN_DI_KALIMAT.findall(isi)}
            if tahun_disebut and tahun not in tahun_disebut:
                continue
            for m, unit, angka in klaim:
                if benar[unit] <= 0 or angka == benar[unit]:
                    continue
                nama, nama_en = _UNIT[unit]
                ditemukan, diharapkan = f"{angka} {nama}", f"{benar[unit]} {nama}"
                if (n.kunci, unit, ditemukan) in findings:
                    continue
                bagian = bagian_narasi(n)
                kutipan = kutip(n.teks, a, b, a + m.start(), a + m.end())
                findings[(n.kunci, unit, ditemukan)] = temuan(
                    "STR-002",
                    f"{bagian} menyebut {ditemukan}, tetapi data tahun {tahun} memuat "
                    f"{diharapkan}: {kutipan}",
                    f"{bagian} states {angka} {nama_en}, but the {tahun} data has "
                    f"{benar[unit]}.",
                    lokasi_narasi(n, kutipan), diharapkan, ditemukan)
    return list(findings.values())


# --------------------------------------------------------------------------------------------
# Low capaian not explained in 3.6
# --------------------------------------------------------------------------------------------

ANALISIS = "analisis_penyebab"


def _nama_node(ind: Indikator) -> str:
    """The name of the indicator's node: the last segment of its path, without its code."""
    terakhir = ind.jalur.split("›")[-1].strip()
    return re.sub(r"^[\d.]+\s+", "", terakhir)


def _disebut(teks_analisis: str, ind: Indikator) -> bool:
    """Whether the normalised analysis text names the indicator or its node, as whole words
    ("layanan 1" is not named by "layanan 10")."""
    for nama in (ind.uraian, _nama_node(ind)):
        kunci = normalkan(nama)
        if len(kunci) >= 8 and f" {kunci} " in f" {teks_analisis} ":
            return True
    return False


def _teks_nilai(c: CapaianIndikator, data: ReviuData, tahun: int) -> tuple[str, str]:
    ind = c.indikator
    berlaku = target_berlaku(data, ind, tahun)
    target = berlaku[1] if berlaku else None
    target_teks = target.teks.strip() if target is not None else str(c.target)
    if tahun in ind.realisasi_dihitung:
        realisasi_teks = format_persen(c.realisasi)
    else:
        realisasi_teks = ind.realisasi[tahun].teks.strip()
    return target_teks, realisasi_teks


@aturan("STR-003", "warning", "struktur",
        "Capaian rendah tanpa penjelasan di analisis penyebab",
        "Low capaian not explained in the analysis of causes",
        "Permenpan RB 53/2014 (Bab III Laporan Kinerja: analisis penyebab keberhasilan/kegagalan"
        "); kategori capaian menurut skala peringkat (Permendagri 86/2017)")
def capaian_rendah_tanpa_penjelasan(data: ReviuData) -> list[Finding]:
    """An indicator whose capaian for the report year falls in a low band of the rating scale
    ("Rendah" or "Sangat Rendah": below 66 on the Permendagri 86/2017 scale) is not mentioned
    in 3.6, where the LAKIP must explain its failures.

    Capaian is computed (``compute_capaian``) against the target in force (PK perubahan, PK,
    Renja, Renstra) from the computed realisasi if there is one, else the printed one; only
    numbers in the same unit are compared. "Mentioned" means the indicator's text or its
    node's name appears in 3.6 (ignoring case and punctuation). Seed: "Koordinasi dan
    Penyusunan Dokumen RKA-SKPD", 1 of 2 dokumen (50%), is not in 3.6.
    """
    tahun = data.identitas.tahun
    analisis = next((n for n in data.narasi if n.kunci == ANALISIS), None)
    teks_analisis = normalkan(analisis.teks) if analisis is not None else ""
    bagian = BAGIAN_NARASI[ANALISIS]
    findings = []
    for ind in data.indikator:
        c = capaian_indikator(data, ind, tahun)
        if c is None:
            continue
        peringkat = data.skala.peringkat(c.capaian)
        if peringkat is None or "rendah" not in peringkat.casefold():
            continue
        if _disebut(teks_analisis, ind):
            continue
        target_teks, realisasi_teks = _teks_nilai(c, data, tahun)
        capaian = format_persen(c.capaian)
        node = _nama_node(ind)
        nama = f"“{ind.uraian}”" + (f" ({node})" if node and node != ind.uraian else "")
        sebab = ("tidak menyebutnya" if analisis is not None
                 else "tidak ada, sehingga tidak ada penjelasan")
        findings.append(temuan(
            "STR-003",
            f"Indikator {nama} mencapai {capaian} ({peringkat}): realisasi {realisasi_teks} "
            f"dari target {target_teks}; bagian {bagian} {sebab}.",
            f"Indicator {nama} reached {capaian} ({peringkat}): realisasi {realisasi_teks} "
            f"against a target of {target_teks}; section {bagian} does not explain it.",
            Lokasi(bagian=bagian, kunci=ind.kunci, uraian=f"{ind.jalur} › {ind.uraian}"),
            f"penjelasan di {bagian.split()[0]}", f"{capaian} ({peringkat}), tidak dijelaskan"))
    return findings


# --------------------------------------------------------------------------------------------
# NIP of the signatories
# --------------------------------------------------------------------------------------------

_USIA_MINIMUM_CPNS = 18
_USIA_MAKSIMUM_AKTIF = 70


def _masalah_nip(nip: str, tahun: int) -> tuple[str, str, str, str] | None:
    """What is wrong with a NIP, as (diharapkan, ditemukan, pesan, pesan_en); None if fine.

    The NIP (Perka BKN 22/2007) has 18 digits: date of birth YYYYMMDD, month of appointment
    as CPNS YYYYMM, sex (1 or 2) and a serial number of three digits.
    """
    angka = re.sub(r"[\s.]", "", nip)
    if not angka.isdigit() or len(angka) != 18:
        jumlah = sum(ch.isdigit() for ch in angka)
        return ("18 digit", f"{jumlah} digit",
                f"tercetak “{nip}” ({jumlah} digit); NIP terdiri atas 18 digit",
                f"is printed “{nip}” ({jumlah} digits); a NIP has 18 digits")
    try:
        lahir = date(int(angka[0:4]), int(angka[4:6]), int(angka[6:8]))
    except ValueError:
        return ("tanggal lahir yang sah", angka[0:8],
                f"“{nip}” memuat tanggal lahir {angka[0:8]} yang tidak ada",
                f"“{nip}” holds a date of birth {angka[0:8]} that does not exist")
    tmt_tahun, tmt_bulan = int(angka[8:12]), int(angka[12:14])
    if not 1 <= tmt_bulan <= 12:
        return ("TMT CPNS yang sah", angka[8:14],
                f"“{nip}” memuat TMT CPNS {angka[8:14]} dengan bulan {tmt_bulan:02d}",
                f"“{nip}” holds an appointment date {angka[8:14]} with month {tmt_bulan:02d}")
    if tmt_tahun - lahir.year < _USIA_MINIMUM_CPNS or tmt_tahun > tahun + 1:
        return (f"TMT CPNS antara {lahir.year + _USIA_MINIMUM_CPNS} dan {tahun + 1}",
                angka[8:14],
                f"“{nip}” memuat TMT CPNS {angka[8:14]}, mustahil untuk kelahiran "
                f"{lahir.year} dan laporan tahun {tahun}",
                f"“{nip}” holds an appointment date {angka[8:14]}, impossible for someone born "
                f"in {lahir.year} in a {tahun} report")
    if not tahun - _USIA_MAKSIMUM_AKTIF <= lahir.year <= tahun - _USIA_MINIMUM_CPNS:
        return ("tahun lahir yang mungkin", str(lahir.year),
                f"“{nip}” memuat tahun lahir {lahir.year}, mustahil bagi pejabat aktif tahun "
                f"{tahun}", f"“{nip}” holds a birth year {lahir.year}, impossible for an "
                f"official in office in {tahun}")
    if angka[14] not in "12":
        return ("kode jenis kelamin 1 atau 2", angka[14],
                f"“{nip}” memuat kode jenis kelamin {angka[14]} (seharusnya 1 atau 2)",
                f"“{nip}” holds a sex code {angka[14]} (should be 1 or 2)")
    return None


@aturan("STR-004", "error", "struktur", "NIP pejabat penandatangan tidak sah",
        "Malformed NIP of a signatory",
        "Peraturan Kepala BKN Nomor 22 Tahun 2007 tentang Nomor Identitas Pegawai Negeri Sipil "
        "(NIP 18 digit)")
def nip_pejabat(data: ReviuData) -> list[Finding]:
    """A signatory's NIP that is not 18 digits, or whose embedded date of birth, CPNS
    appointment (TMT) or sex code is impossible.

    Spaces and dots used for grouping ("19680420 199303 1 009") are ignored. The seed prints
    "1968042019930310009": 19 digits. An empty NIP (not printed) is not checked here.
    """
    findings = []
    for pejabat in data.identitas.pejabat:
        if not pejabat.nip.strip():
            continue
        masalah = _masalah_nip(pejabat.nip.strip(), data.identitas.tahun)
        if masalah is None:
            continue
        diharapkan, ditemukan, pesan, pesan_en = masalah
        findings.append(temuan(
            "STR-004",
            f"NIP {pejabat.nama} ({pejabat.jabatan}) {pesan}.",
            f"The NIP of {pejabat.nama} ({pejabat.jabatan}) {pesan_en}.",
            _lokasi_pejabat(pejabat), diharapkan, ditemukan))
    return findings


def _lokasi_pejabat(pejabat: Pejabat) -> Lokasi:
    return Lokasi(bagian="Tanda tangan pejabat (Kata Pengantar, Perjanjian Kinerja, Penutup)",
                  kunci=f"pejabat:{pejabat.nama}",
                  uraian=f"{pejabat.nama}, {pejabat.jabatan}, NIP {pejabat.nip}")


__all__ = ["BAGIAN_WAJIB"]
