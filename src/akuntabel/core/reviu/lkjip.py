"""Reviu rules for the LKjIP before it is signed, as Akuntabel prints it (``STR-005`` …
``STR-007``, ``NAR-008``, ``NAR-009``): what the evaluation's criterion 3.b asks a report to
show (PermenPAN-RB 88/2021), narrative that contradicts the figures beside it, a missed target
whose faktor penghambat is not given, quarters whose figures were never verified, and values
saved with a plausibility warning that no one explained (``STR-008``).

The Inspektorat reviews the report before the kepala signs it (PermenPAN-RB 53/2014, reviu atas
Laporan Kinerja); the result is the evidence of LKE criterion 3.a "dokumen laporan kinerja
telah direviu". The rules read ``ReviuData`` like every other rule: built from the stored
report, or from the text Akuntabel drafts and prints (``reviews.lkjip``). As the other
narrative rules they prefer precision to completeness: a sentence is only judged when it names
the indicator (or its sasaran) and says nothing that negates what it claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from akuntabel.core.angka import format_angka, format_persen
from akuntabel.core.reviu.data import Finding, Indikator, Lokasi, Narasi, ReviuData
from akuntabel.core.reviu.narasi import (
    BAGIAN_NARASI,
    capaian_indikator,
    kalimat,
    kutip,
    lokasi_narasi,
    normalkan,
)
from akuntabel.core.reviu.registry import aturan, temuan

PERMENPAN_88_2021 = ("PermenPAN-RB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi "
                     "Pemerintah (LKE kriteria 3.b)")
PERMENPAN_53_2014 = ("Permenpan RB 53/2014 (Bab III Laporan Kinerja: capaian, perbandingan, "
                     "analisis penyebab keberhasilan/kegagalan)")
SERATUS = Decimal(100)
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _teks(data: ReviuData) -> dict[str, str]:
    return {n.kunci: n.teks for n in data.narasi}


def _nama_node(ind: Indikator) -> str:
    terakhir = ind.jalur.split("›")[-1].strip()
    return re.sub(r"^[\d.]+\s+", "", terakhir)


def _menyebut(teks: str, ind: Indikator) -> bool:
    """Whether the (normalised) text names the indicator or its node, as whole words."""
    for nama in (ind.uraian, _nama_node(ind)):
        kunci = normalkan(nama)
        if len(kunci) >= 8 and f" {kunci} " in f" {teks} ":
            return True
    return False


def _nama(ind: Indikator) -> str:
    return f"“{ind.uraian}”"


# --- STR-005: what LKE 3.b asks the report to show ------------------------------------------

_BAGIAN_3B = (
    ("perbandingan_renstra", "3.b.4",
     "perbandingan realisasi kinerja dengan target jangka menengah (Renstra)"),
    ("perbandingan_tahun_lalu", "3.b.5",
     "perbandingan realisasi kinerja dengan realisasi tahun-tahun sebelumnya"),
    ("analisis_penyebab", "3.b.7", "kualitas capaian kinerja beserta upaya nyata dan "
                                   "hambatannya"),
    ("analisis_efisiensi", "3.b.8", "efisiensi penggunaan sumber daya"),
)
_PEMBANDING = re.compile(
    r"\b(nasional|provinsi|benchmark|spm|standar pelayanan minimal|kabupaten/kota lain|"
    r"daerah lain|rata-rata (?:nasional|provinsi))\b", re.IGNORECASE)
_REKOMENDASI = re.compile(
    r"\b(rekomendasi|upaya|perbaikan|langkah|ke depan|tindak lanjut|saran|penyempurnaan)\b",
    re.IGNORECASE)


@aturan("STR-005", "warning", "struktur", "Unsur laporan yang dinilai LKE 3.b tidak ada",
        "A report element LKE criterion 3.b looks for is missing", PERMENPAN_88_2021)
def unsur_lke_3b(data: ReviuData) -> list[Finding]:
    """An element the evaluator grades under LKE 3.b (PermenPAN-RB 88/2021) is missing: the
    comparison with the medium-term target (3.b.4) or with earlier years (3.b.5), the analysis
    of achievements and obstacles (3.b.7) or of efficiency (3.b.8), given as their sections of
    the Permenpan RB 53/2014 outline; a comparison with a national or provincial figure
    (3.b.6: no section names one); recommendations for the years ahead in the Penutup (3.b.9;
    a missing Penutup is STR-001's); an IKU without a Renstra target for the period's last year,
    which leaves nothing to compare with in the medium term (3.b.4)."""
    teks = _teks(data)
    hasil: list[Finding] = []
    for kunci, nomor, unsur in _BAGIAN_3B:
        if teks.get(kunci, "").strip():
            continue
        bagian = BAGIAN_NARASI[kunci]
        hasil.append(temuan(
            "STR-005",
            f"Bagian {bagian} {'kosong' if kunci in teks else 'tidak ada'}: laporan tidak "
            f"menginformasikan {unsur} (LKE {nomor}).",
            f"Section {bagian} is {'empty' if kunci in teks else 'missing'}: LKE {nomor} "
            "looks for it.",
            Lokasi(bagian, f"narasi:{kunci}", bagian), "ada dan berisi",
            "kosong" if kunci in teks else "tidak ada"))
    if not any(_PEMBANDING.search(t) for t in teks.values()):
        hasil.append(temuan(
            "STR-005",
            "Laporan tidak membandingkan realisasi kinerja dengan capaian nasional, provinsi "
            "atau standar lain (benchmark) (LKE 3.b.6).",
            "The report compares no figure with a national, provincial or other benchmark "
            "(LKE 3.b.6).",
            Lokasi("Bab III Akuntabilitas Kinerja", "lke:benchmark", "Seluruh narasi"),
            "pembanding nasional/provinsi", "tidak ada"))
    penutup = teks.get("penutup", "")
    if penutup.strip() and not _REKOMENDASI.search(penutup):
        bagian = BAGIAN_NARASI["penutup"]
        hasil.append(temuan(
            "STR-005",
            f"{bagian} tidak memuat upaya perbaikan atau rekomendasi kinerja ke depan "
            "(LKE 3.b.9).",
            f"{bagian} gives no improvement or recommendation for the years ahead (LKE 3.b.9).",
            Lokasi(bagian, "narasi:penutup", bagian), "rekomendasi ke depan", "tidak ada"))
    akhir = data.identitas.renstra_akhir
    for ind in data.indikator:
        if ind.iku and akhir not in ind.target.get("renstra", {}):
            hasil.append(temuan(
                "STR-005",
                f"IKU {_nama(ind)} tidak memiliki target Renstra tahun {akhir}, sehingga "
                "realisasinya tidak dapat dibandingkan dengan target jangka menengah "
                "(LKE 3.b.4).",
                f"IKU {_nama(ind)} has no Renstra target for {akhir}: nothing to compare "
                "with in the medium term (LKE 3.b.4).",
                Lokasi(BAGIAN_NARASI["perbandingan_renstra"], ind.kunci,
                       f"{ind.jalur} › {ind.uraian}"), f"target Renstra {akhir}", "tidak ada"))
    return hasil


# --- STR-006: a missed target without its faktor penghambat ---------------------------------

@aturan("STR-006", "warning", "struktur", "Target tidak tercapai tanpa faktor penghambat",
        "Target missed without its obstacles", PERMENPAN_53_2014)
def target_tidak_tercapai_tanpa_penghambat(data: ReviuData) -> list[Finding]:
    """An indicator below 100 % of its target in force, whose capaian is not in a low band of
    the rating scale (those are STR-003's), is not named in 3.6 Analisis Penyebab, where the
    report must give what held it back (faktor penghambat) and the solution."""
    tahun = data.identitas.tahun
    analisis = normalkan(_teks(data).get("analisis_penyebab", ""))
    bagian = BAGIAN_NARASI["analisis_penyebab"]
    hasil: list[Finding] = []
    for ind in data.indikator:
        c = capaian_indikator(data, ind, tahun)
        if c is None or c.capaian >= SERATUS:
            continue
        peringkat = data.skala.peringkat(c.capaian)
        if peringkat is not None and "rendah" in peringkat.casefold():
            continue
        if _menyebut(analisis, ind):
            continue
        capaian = format_persen(c.capaian)
        hasil.append(temuan(
            "STR-006",
            f"Indikator {_nama(ind)} tidak mencapai target (capaian {capaian}), tetapi "
            f"{bagian} tidak menguraikan faktor penghambat dan solusinya.",
            f"Indicator {_nama(ind)} missed its target ({capaian}); {bagian} gives no "
            "obstacle or solution for it.",
            Lokasi(bagian, ind.kunci, f"{ind.jalur} › {ind.uraian}"),
            "faktor penghambat diuraikan", f"{capaian}, tidak diuraikan"))
    return hasil


# --- STR-007: quarters not verified ---------------------------------------------------------

@aturan("STR-007", "warning", "struktur", "Realisasi triwulan belum diverifikasi",
        "Quarterly realisasi not verified",
        "Permenpan RB 53/2014 (reviu: keandalan data kinerja); verifikasi triwulan: "
        "konvensi proyek")
def triwulan_belum_diverifikasi(data: ReviuData) -> list[Finding]:
    """A quarter of the report year whose realisasi was not verified by the verifikator: the
    report's figures rest on data no one checked. Not judged when the quarters' state is
    unknown (a report imported from print)."""
    if data.triwulan_status is None:
        return []
    belum = [f"TW {ROMAWI[tw]} ({data.triwulan_status.get(tw) or 'draft'})"
             for tw in range(1, 5) if data.triwulan_status.get(tw) != "diverifikasi"]
    if not belum:
        return []
    tahun = data.identitas.tahun
    return [temuan(
        "STR-007",
        f"Realisasi {', '.join(belum)} tahun {tahun} belum diverifikasi; angka laporan "
        "bersandar pada data yang belum diperiksa verifikator.",
        f"Realisasi of {', '.join(belum)} {tahun} is not verified.",
        Lokasi("Bab III Akuntabilitas Kinerja", f"triwulan:{tahun}", f"Triwulan {tahun}"),
        "keempat triwulan diverifikasi", ", ".join(belum))]


# --- STR-008: plausibility warnings left without a note ------------------------------------

@aturan("STR-008", "warning", "struktur", "Peringatan kewajaran realisasi tanpa catatan",
        "Plausibility warning on a realisasi without a note",
        "Permenpan RB 53/2014 (reviu: keandalan data kinerja); peringatan kewajaran "
        "(core.plausibilitas): konvensi proyek")
def kewajaran_tanpa_catatan(data: ReviuData) -> list[Finding]:
    """Realisasi values of a quarter saved with a plausibility warning (far from the target or
    from their own history, ``core.plausibilitas``) and still without the note the warning
    asked for. Not judged when unknown (a report imported from print)."""
    if data.kewajaran_tanpa_catatan is None:
        return []
    tahun = data.identitas.tahun
    return [temuan(
        "STR-008",
        f"{n} nilai realisasi TW {ROMAWI[tw]} {tahun} bertanda peringatan kewajaran (jauh dari "
        "target atau dari riwayatnya) tanpa catatan penjelasan.",
        f"{n} realisasi value(s) of TW {ROMAWI[tw]} {tahun} carry a plausibility warning "
        "without a note.",
        Lokasi(f"Realisasi TW {ROMAWI[tw]} {tahun}", f"kewajaran:{tahun}:{tw}",
               f"Lembar isian realisasi TW {ROMAWI[tw]}"),
        "catatan pada setiap nilai bertanda", f"TW {ROMAWI[tw]}: {n} nilai")
        for tw, n in sorted(data.kewajaran_tanpa_catatan.items()) if n]


# --- NAR-008, NAR-009: words against figures ------------------------------------------------

_TERCAPAI = re.compile(r"\b(tercapai|berhasil|melampaui target|mencapai target\w*|"
                       r"terpenuhi)\b", re.IGNORECASE)
_INGKAR = re.compile(r"\b(belum|tidak|kurang|gagal|tak)\b", re.IGNORECASE)
_NAIK = re.compile(r"\b(meningkat|naik|peningkatan|bertambah|kenaikan)\b", re.IGNORECASE)
_TURUN = re.compile(r"\b(menurun|turun|penurunan|berkurang)\b", re.IGNORECASE)


def _kalimat_menyebut(data: ReviuData,
                      ind: Indikator) -> Iterator[tuple[Narasi, str, int, int]]:
    """(section, text, start, end) of every sentence naming the indicator or its node."""
    for n in data.narasi:
        for awal, akhir in kalimat(n.teks):
            if _menyebut(normalkan(n.teks[awal:akhir]), ind):
                yield n, n.teks, awal, akhir


@aturan("NAR-008", "warning", "narasi", "Narasi menyebut tercapai di bawah 100%",
        "Narrative calls a target met below 100%", PERMENPAN_53_2014)
def tercapai_di_bawah_target(data: ReviuData) -> list[Finding]:
    """A sentence names an indicator (or its sasaran) and calls it achieved ("tercapai",
    "berhasil", "melampaui target") without any negation ("belum", "tidak", …), while its
    capaian against the target in force is below 100 %."""
    tahun = data.identitas.tahun
    hasil: list[Finding] = []
    for ind in data.indikator:
        c = capaian_indikator(data, ind, tahun)
        if c is None or c.capaian >= SERATUS:
            continue
        dilihat: set[str] = set()  # one finding per indicator and section
        for n, teks, awal, akhir in _kalimat_menyebut(data, ind):
            potong = teks[awal:akhir]
            cocok = _TERCAPAI.search(potong)
            if cocok is None or _INGKAR.search(potong) or n.kunci in dilihat:
                continue
            dilihat.add(n.kunci)
            capaian = format_persen(c.capaian)
            hasil.append(temuan(
                "NAR-008",
                f"Narasi menyebut {_nama(ind)} {cocok.group(0).lower()}, padahal capaiannya "
                f"{capaian} dari target.",
                f"The text calls {_nama(ind)} {cocok.group(0).lower()}, yet its capaian is "
                f"{capaian}.",
                lokasi_narasi(n, kutip(teks, awal, akhir, awal + cocok.start(),
                                       awal + cocok.end())),
                "di bawah 100% disebut belum tercapai", f"{ind.uraian}: {capaian}"))
    return hasil


def _realisasi(ind: Indikator, tahun: int) -> Decimal | None:
    if tahun in ind.realisasi_dihitung:
        return ind.realisasi_dihitung[tahun]
    nilai = ind.realisasi.get(tahun)
    return nilai.nilai if nilai is not None else None


@aturan("NAR-009", "warning", "narasi", "Tren dalam narasi berlawanan dengan data",
        "Narrative trend against the data", PERMENPAN_53_2014)
def tren_berlawanan(data: ReviuData) -> list[Finding]:
    """A sentence names an indicator (higher is better), compares with the year before ("tahun
    lalu", "tahun sebelumnya" or that year's number) and says it rose ("meningkat", "naik") or
    fell ("menurun", "turun") — only one of them — while its realisasi moved the other way."""
    tahun = data.identitas.tahun
    lalu = re.compile(rf"\btahun (lalu|sebelumnya)\b|\b{tahun - 1}\b", re.IGNORECASE)
    hasil: list[Finding] = []
    for ind in data.indikator:
        if ind.polaritas != "naik":
            continue
        kini, dulu = _realisasi(ind, tahun), _realisasi(ind, tahun - 1)
        if kini is None or dulu is None or kini == dulu:
            continue
        dilihat: set[str] = set()  # one finding per indicator and section
        for n, teks, awal, akhir in _kalimat_menyebut(data, ind):
            potong = teks[awal:akhir]
            naik, turun = _NAIK.search(potong), _TURUN.search(potong)
            if not lalu.search(potong) or bool(naik) == bool(turun) or n.kunci in dilihat:
                continue
            kata = naik or turun
            assert kata is not None
            if (naik is not None) == (kini > dulu):
                continue
            dilihat.add(n.kunci)
            arah = "naik" if kini > dulu else "turun"
            hasil.append(temuan(
                "NAR-009",
                f"Narasi menyebut {_nama(ind)} {kata.group(0).lower()}, padahal realisasinya "
                f"{arah} dari {format_angka(dulu)} ({tahun - 1}) menjadi "
                f"{format_angka(kini)} ({tahun}).",
                f"The text says {_nama(ind)} {kata.group(0).lower()}, yet its realisasi went "
                f"{'up' if kini > dulu else 'down'} from {format_angka(dulu)} to "
                f"{format_angka(kini)}.",
                lokasi_narasi(n, kutip(teks, awal, akhir, awal + kata.start(),
                                       awal + kata.end())),
                arah, f"{ind.uraian}: {kata.group(0).lower()}"))
    return hasil
