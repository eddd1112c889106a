"""Reviu rules of the group "hitungan": numbers the report computed against what their inputs give.

A LAKIP prints results it computed by hand: an IKU from its components (Σ komponen ÷ penyebut
× 100), a component from its breakdown, a capaian from target and realisasi. These rules redo
each computation from the printed inputs and compare at the printed precision, so that
"92.78%" and "92,78%" are the same value and "93%" is right for 92,77…%; only a difference
that shows in the printed digits is a finding.

Printed text is read with :func:`akuntabel.core.angka.parse_angka`; results are rounded only
with :func:`akuntabel.core.angka.round_half_up`, to the number of decimals printed.

Keys (``Lokasi.kunci``): an indicator's own key for its realisasi and capaian; a computation
is ``<indikator kunci>/perhitungan:<tahun>`` and one of its components
``<indikator kunci>/perhitungan:<tahun>/komponen:<nomor>`` (nested breakdowns join their
numbers with ``/``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from akuntabel.core.angka import (
    Angka,
    format_angka,
    format_persen,
    parse_angka,
    round_half_up,
)
from akuntabel.core.capaian import MetodeTurun, Polaritas, compute_capaian, compute_persentase
from akuntabel.core.reviu.common import target_berlaku
from akuntabel.core.reviu.data import (
    Finding,
    Indikator,
    Komponen,
    Lokasi,
    Nilai,
    Perhitungan,
    ReviuData,
)
from akuntabel.core.reviu.registry import aturan, temuan

BAGIAN_PERHITUNGAN = "3.5 Perhitungan IKU"
BAGIAN_CAPAIAN = "Bab III Capaian Kinerja"

_ARITMETIKA = "Prinsip akuntansi/aritmetika"
_PENGUKURAN = (
    "Permenpan RB 53/2014 (pengukuran kinerja: realisasi dibandingkan dengan target "
    "Perjanjian Kinerja); PermenPAN-RB 6/2022 (rumus capaian indikator semakin rendah "
    "semakin baik)"
)
_SERATUS = Decimal(100)
_URAIAN_MAKS = 200

# Which target is in force for a year's capaian, most authoritative first.


# ---------------------------------------------------------------------------------------------
# Reading printed values


@dataclass(frozen=True)
class _Tercetak:
    """A printed number: its value, how many decimals were printed, and its unit."""

    nilai: Decimal
    desimal: int
    satuan: str | None


def _baca(n: Nilai | None) -> _Tercetak | None:
    """The number printed in ``n``, or None when nothing readable was printed.

    The printed text decides (``parse_angka``); when it does not read as one number, the value
    the importer stored (``Nilai.nilai``) is used, unless the text is empty or a dash.
    """
    if n is None:
        return None
    hasil = parse_angka(n.teks)
    if isinstance(hasil, Angka):
        return _Tercetak(hasil.nilai, _desimal(hasil.nilai), hasil.satuan)
    if n.nilai is None or hasil.jenis in ("kosong", "strip"):
        return None
    # A stored value carries the column's scale (92.7800), not the printed one.
    return _Tercetak(n.nilai, _desimal(n.nilai.normalize()), n.satuan)


def _desimal(nilai: Decimal) -> int:
    eksponen = nilai.as_tuple().exponent
    return -eksponen if isinstance(eksponen, int) and eksponen < 0 else 0


def _tanpa_isi(n: Nilai | None) -> bool:
    """True when nothing was printed (no value, empty text or a lone dash)."""
    if n is None:
        return True
    hasil = parse_angka(n.teks)
    return not isinstance(hasil, Angka) and hasil.jenis in ("kosong", "strip") and n.nilai is None


def _jumlah(komponen: tuple[Komponen, ...]) -> Decimal | None:
    """Σ of the printed values; a dash counts as nil; None if one value cannot be read."""
    total = Decimal(0)
    for k in komponen:
        if _tanpa_isi(k.nilai) and k.nilai is not None:
            continue  # "-" or blank: nil
        dibaca = _baca(k.nilai)
        if dibaca is None:
            return None
        total += dibaca.nilai
    return total


def _sama(dihitung: Decimal, tercetak: _Tercetak) -> bool:
    """Whether ``dihitung`` prints as ``tercetak`` at the printed number of decimals."""
    return round_half_up(dihitung, tercetak.desimal) == round_half_up(
        tercetak.nilai, tercetak.desimal
    )


def _persen(nilai: Decimal, desimal: int) -> str:
    return format_persen(nilai, desimal)


def _tulis(nilai: Decimal, desimal: int, satuan: str | None) -> str:
    """A value as a person writes it: "92,77%", "13.415", "12,5 Orang"."""
    if satuan is not None and satuan.strip().casefold() in ("%", "persen"):
        return format_persen(nilai, desimal)
    teks = format_angka(nilai, desimal)
    return f"{teks} {satuan.strip()}" if satuan and satuan.strip() else teks


def _potong(teks: str, maks: int = _URAIAN_MAKS) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= maks else teks[: maks - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Places


def _kunci_perhitungan(p: Perhitungan) -> str:
    return f"{p.indikator_kunci}/perhitungan:{p.tahun}"


def _nama_indikator(data: ReviuData, kunci: str) -> str:
    for ind in data.indikator:
        if ind.kunci == kunci:
            return ind.uraian
    return kunci


def _lokasi_perhitungan(data: ReviuData, p: Perhitungan) -> Lokasi:
    nama = _nama_indikator(data, p.indikator_kunci)
    return Lokasi(BAGIAN_PERHITUNGAN, _kunci_perhitungan(p),
                  _potong(f"Perhitungan {nama} tahun {p.tahun}"))


def _lokasi_indikator(ind: Indikator, tahun: int, apa: str) -> Lokasi:
    jalur = f"{ind.jalur} › {ind.uraian}" if ind.jalur else ind.uraian
    return Lokasi(BAGIAN_CAPAIAN, ind.kunci, _potong(f"{jalur} › {apa} {tahun}"))


def _jenis_indikator(ind: Indikator) -> str:
    return "IKU" if ind.iku else "indikator"


# ---------------------------------------------------------------------------------------------
# HIT-001 … HIT-003, HIT-008: the computation of an indicator from its components


def _pembilang(p: Perhitungan) -> tuple[Decimal, str] | None:
    """The numerator and where it comes from: Σ komponen when they can all be read,
    otherwise the printed numerator."""
    if p.komponen:
        total = _jumlah(p.komponen)
        if total is not None:
            return total, "jumlah komponen"
    tercetak = _baca(p.pembilang_tercetak)
    if tercetak is not None:
        return tercetak.nilai, "pembilang tercetak"
    return None


@aturan("HIT-001", "error", "hitungan",
        "Persentase tercetak tidak sama dengan hasil pembilang ÷ penyebut",
        "Printed percentage differs from numerator ÷ denominator",
        _ARITMETIKA)
def hasil_perhitungan_tidak_sama(data: ReviuData) -> list[Finding]:
    """An indicator computed as pembilang ÷ penyebut × 100 whose printed result is not what its
    printed inputs give, at the printed precision.

    The numerator is the sum of the printed components (what the result claims to count) or,
    without readable components, the printed numerator. The seed prints 13.415 / 14.460 ×
    100% = 92.78%, which is 92,77%: a reader who redoes the division cannot reproduce the
    figure the whole report rests on.
    """
    hasil: list[Finding] = []
    for p in data.perhitungan:
        tercetak = _baca(p.hasil_tercetak)
        penyebut = _baca(p.penyebut)
        pembilang = _pembilang(p)
        if tercetak is None or penyebut is None or pembilang is None:
            continue
        dihitung = compute_persentase(pembilang[0], penyebut.nilai)
        if dihitung is None or _sama(dihitung, tercetak):
            continue
        d = tercetak.desimal
        nama = _nama_indikator(data, p.indikator_kunci)
        rumus = (f"{format_angka(pembilang[0])} ÷ {format_angka(penyebut.nilai)} × 100 = "
                 f"{_persen(dihitung, d)}")
        sumber = pembilang[1]
        sumber_en = "sum of components" if sumber == "jumlah komponen" else "printed numerator"
        hasil.append(temuan(
            "HIT-001",
            f"Hasil perhitungan {nama} tahun {p.tahun} tercetak {_persen(tercetak.nilai, d)}, "
            f"tetapi {rumus} ({sumber} ÷ penyebut).",
            f"The computed result of {nama} for {p.tahun} is printed as "
            f"{_persen(tercetak.nilai, d)}, but {rumus} ({sumber_en} ÷ denominator).",
            _lokasi_perhitungan(data, p),
            diharapkan=_persen(dihitung, d), ditemukan=_persen(tercetak.nilai, d)))
    return hasil


@aturan("HIT-002", "error", "hitungan",
        "Realisasi tercetak tidak sama dengan hasil perhitungannya",
        "Printed realisasi differs from its computed value",
        _ARITMETIKA)
def realisasi_tidak_sama_dihitung(data: ReviuData) -> list[Finding]:
    """The realisasi printed for a computed indicator (in the capaian or target tables) that
    is not, at the printed precision, the value computed from its components.

    The seed's IKU table prints 92.78% while its components give 92,77%; the capaian, the
    rating and every sentence quoting the figure inherit the error.
    """
    hasil: list[Finding] = []
    for ind in data.indikator:
        for tahun, dihitung in sorted(ind.realisasi_dihitung.items()):
            tercetak = _baca(ind.realisasi.get(tahun))
            if tercetak is None or _sama(dihitung, tercetak):
                continue
            d = tercetak.desimal
            satuan = tercetak.satuan or ind.satuan or None
            diharapkan = _tulis(dihitung, d, satuan)
            ditemukan = _tulis(tercetak.nilai, d, satuan)
            jenis = _jenis_indikator(ind)
            hasil.append(temuan(
                "HIT-002",
                f"Realisasi {jenis} {ind.uraian} tahun {tahun} tercetak {ditemukan}, tetapi "
                f"dihitung dari komponennya {diharapkan}.",
                f"The realisasi of {ind.uraian} for {tahun} is printed as {ditemukan}, but its "
                f"components give {diharapkan}.",
                _lokasi_indikator(ind, tahun, "realisasi"),
                diharapkan=diharapkan, ditemukan=ditemukan))
    return hasil


@aturan("HIT-003", "error", "hitungan",
        "Pembilang tercetak tidak sama dengan jumlah komponennya",
        "Printed numerator differs from the sum of its components",
        _ARITMETIKA)
def pembilang_tidak_sama_jumlah(data: ReviuData) -> list[Finding]:
    """The numerator printed in an indicator's formula (the seed's 13.415) that is not the sum
    of the components listed for it: either a component or the numerator is misprinted, and
    the result cannot be traced back to its data."""
    hasil: list[Finding] = []
    for p in data.perhitungan:
        tercetak = _baca(p.pembilang_tercetak)
        if tercetak is None or not p.komponen:
            continue
        total = _jumlah(p.komponen)
        if total is None or total == tercetak.nilai:
            continue
        nama = _nama_indikator(data, p.indikator_kunci)
        hasil.append(temuan(
            "HIT-003",
            f"Pembilang perhitungan {nama} tahun {p.tahun} tercetak "
            f"{format_angka(tercetak.nilai)}, tetapi {len(p.komponen)} komponennya berjumlah "
            f"{format_angka(total)}.",
            f"The numerator of {nama} for {p.tahun} is printed as "
            f"{format_angka(tercetak.nilai)}, but its {len(p.komponen)} components sum to "
            f"{format_angka(total)}.",
            _lokasi_perhitungan(data, p),
            diharapkan=format_angka(total), ditemukan=format_angka(tercetak.nilai)))
    return hasil


@aturan("HIT-008", "warning", "hitungan",
        "Persentase tercetak tanpa penyebut atau pembilang",
        "Percentage printed without a denominator or numerator",
        _ARITMETIKA)
def persentase_tanpa_masukan(data: ReviuData) -> list[Finding]:
    """A computed percentage printed while its denominator is missing, unreadable or zero, or
    while neither a numerator nor readable components are given: the figure cannot be
    checked, and with a zero denominator it cannot exist."""
    hasil: list[Finding] = []
    for p in data.perhitungan:
        tercetak = _baca(p.hasil_tercetak)
        if tercetak is None:
            continue
        nama = _nama_indikator(data, p.indikator_kunci)
        cetak = _persen(tercetak.nilai, tercetak.desimal)
        penyebut = _baca(p.penyebut)
        if penyebut is None or penyebut.nilai == 0:
            kosong = penyebut is None
            keadaan = "tidak tercantum atau tidak terbaca" if kosong else "bernilai 0"
            keadaan_en = "is missing or unreadable" if kosong else "is 0"
            ditemukan = "penyebut " + ("tidak ada" if kosong else "0")
            if kosong and p.penyebut is not None and not _tanpa_isi(p.penyebut):
                # printed, but not as one number
                ditemukan = f"penyebut '{_potong(p.penyebut.teks, 60)}'"
            hasil.append(temuan(
                "HIT-008",
                f"Hasil perhitungan {nama} tahun {p.tahun} tercetak {cetak}, tetapi "
                f"penyebutnya {keadaan}; persentase itu tidak dapat diperiksa.",
                f"The computed result of {nama} for {p.tahun} is printed as {cetak}, but its "
                f"denominator {keadaan_en}; the percentage cannot be checked.",
                _lokasi_perhitungan(data, p),
                diharapkan="penyebut lebih dari 0", ditemukan=ditemukan))
        elif _pembilang(p) is None:
            hasil.append(temuan(
                "HIT-008",
                f"Hasil perhitungan {nama} tahun {p.tahun} tercetak {cetak}, tetapi "
                "pembilangnya tidak tercantum dan komponennya tidak dapat dijumlahkan; "
                "persentase itu tidak dapat diperiksa.",
                f"The computed result of {nama} for {p.tahun} is printed as {cetak}, but no "
                "numerator is printed and its components cannot be summed; the percentage "
                "cannot be checked.",
                _lokasi_perhitungan(data, p),
                diharapkan="pembilang atau komponen", ditemukan="pembilang tidak ada"))
    return hasil


# ---------------------------------------------------------------------------------------------
# HIT-004, HIT-007: the components


def _telusuri(komponen: tuple[Komponen, ...], awalan: str = "") -> Iterator[tuple[str, Komponen]]:
    """Every component with a breakdown, nested ones included, with its numbered path."""
    for i, k in enumerate(komponen, start=1):
        nomor = f"{awalan}{k.nomor or i}"
        if k.rincian:
            yield nomor, k
            yield from _telusuri(k.rincian, f"{nomor}/")


@aturan("HIT-004", "error", "hitungan",
        "Rincian komponen tidak sama dengan nilai komponennya",
        "Breakdown of a component does not sum to the component",
        _ARITMETIKA)
def rincian_komponen_tidak_sama(data: ReviuData) -> list[Finding]:
    """A component of an indicator's computation printed with a breakdown whose items do not
    sum to the component's value. The seed's item 07 (Rehabilitasi Sosial dasar Penyandang
    Disabilitas terlantar di Luar Panti) says 314 while its seven items sum to 284; four
    other items have the same fault. One finding per component."""
    hasil: list[Finding] = []
    for p in data.perhitungan:
        nama = _nama_indikator(data, p.indikator_kunci)
        for nomor, k in _telusuri(p.komponen):
            tercetak = _baca(k.nilai)
            total = _jumlah(k.rincian)
            if tercetak is None or total is None or total == tercetak.nilai:
                continue
            uraian = _potong(k.uraian, 120)
            hasil.append(temuan(
                "HIT-004",
                f"Komponen butir {nomor} \"{uraian}\" pada perhitungan {nama} tahun {p.tahun} "
                f"tercetak {format_angka(tercetak.nilai)}, tetapi {len(k.rincian)} "
                f"rinciannya berjumlah {format_angka(total)}.",
                f"Component item {nomor} \"{uraian}\" of {nama} for {p.tahun} is printed as "
                f"{format_angka(tercetak.nilai)}, but its {len(k.rincian)} breakdown items "
                f"sum to {format_angka(total)}.",
                Lokasi(BAGIAN_PERHITUNGAN, f"{_kunci_perhitungan(p)}/komponen:{nomor}",
                       _potong(f"{nama} tahun {p.tahun} › butir {nomor} {k.uraian}")),
                diharapkan=format_angka(total), ditemukan=format_angka(tercetak.nilai)))
    return hasil


# Words that do not tell two components apart: Indonesian function words, the administrative
# frame of the nomenclature, and the generic service words of social-affairs sub kegiatan.
_KATA_UMUM = frozenset("""
    dan atau di ke dari pada bagi untuk yang dengan dalam serta saat oleh sebagai setelah
    sesudah paska pasca para lainnya bukan khususnya melalui terhadap tahun
    program kegiatan sub subkegiatan urusan kabupaten kota provinsi daerah sumber apbd apbn
    orang jiwa paket unit kk
    sosial perlindungan jaminan rehabilitasi pemberian penyediaan penyedia pelayanan layanan
    fasilitasi fasilitas bantuan dasar luar diluar panti penanganan pengelolaan pelaksanaan
    penyelenggaraan peningkatan pemberdayaan kesejahteraan masyarakat
""".split())
_KATA = re.compile(r"[^\W\d_]+")


def _kata_pembeda(komponen: tuple[Komponen, ...]) -> list[frozenset[str]]:
    """For each component, the words of its description that can tell it apart from the
    others: not a common word, at least three letters, and not in more than half of the
    components (a word every component shares, like "PPKS", names the indicator)."""
    kata = [frozenset(w for w in _KATA.findall(k.uraian.casefold())
                      if len(w) >= 3 and w not in _KATA_UMUM) for k in komponen]
    if len(komponen) >= 3:
        frekuensi = Counter(w for ks in kata for w in ks)
        batas = len(komponen) / 2
        kata = [frozenset(w for w in ks if frekuensi[w] <= batas) for ks in kata]
    return kata


@aturan("HIT-007", "warning", "hitungan",
        "Komponen dengan nilai dan kegiatan yang sama: mungkin terhitung dua kali",
        "Components with the same value and activity: possibly counted twice",
        _ARITMETIKA)
def komponen_terhitung_dua_kali(data: ReviuData) -> list[Finding]:
    """Two components of the same computation with the same value whose descriptions name the
    same activity, a sign that one count entered the numerator twice.

    "The same activity" is made precise as: at least two distinctive words in common, and
    those are at least half of the distinctive words of the shorter description (see
    :func:`_kata_pembeda`). The seed's items 04 ("Perlindungan sosial korban bencana alam …")
    and 11 ("Perlindungan dan Jaminan Sosial Pada Saat Tanggap dan Paska Bencana bagi Korban
    Bencana …") are both 92 and share "korban" and "bencana": item 11 is the sub kegiatan of
    the kegiatan item 04 names. A warning, not an error: the report does not say whether they
    are the same people.
    """
    hasil: list[Finding] = []
    for p in data.perhitungan:
        nama = _nama_indikator(data, p.indikator_kunci)
        kata = _kata_pembeda(p.komponen)
        nilai = [_baca(k.nilai) for k in p.komponen]
        for i, a in enumerate(p.komponen):
            for j in range(i + 1, len(p.komponen)):
                b = p.komponen[j]
                na, nb = nilai[i], nilai[j]
                if na is None or nb is None or na.nilai != nb.nilai or na.nilai <= 0:
                    continue
                sama = kata[i] & kata[j]
                terkecil = min(len(kata[i]), len(kata[j]))
                if len(sama) < 2 or 2 * len(sama) < terkecil:
                    continue
                nomor_a, nomor_b = a.nomor or str(i + 1), b.nomor or str(j + 1)
                angka = format_angka(na.nilai)
                daftar = ", ".join(f'"{w}"' for w in sorted(sama))
                hasil.append(temuan(
                    "HIT-007",
                    f"Komponen butir {nomor_a} \"{_potong(a.uraian, 120)}\" dan butir {nomor_b} "
                    f"\"{_potong(b.uraian, 120)}\" pada perhitungan {nama} tahun {p.tahun} "
                    f"sama-sama bernilai {angka} dan sama-sama menyebut {daftar}; periksa "
                    "apakah jumlah yang sama terhitung dua kali dalam pembilang.",
                    f"Component items {nomor_a} and {nomor_b} of {nama} for {p.tahun} both "
                    f"count {angka} and both name {daftar}; check whether the same count "
                    "entered the numerator twice.",
                    Lokasi(BAGIAN_PERHITUNGAN,
                           f"{_kunci_perhitungan(p)}/komponen:{nomor_a}+{nomor_b}",
                           _potong(f"{nama} tahun {p.tahun} › butir {nomor_a} dan "
                                   f"{nomor_b}")),
                    diharapkan=f"{angka} dihitung sekali",
                    ditemukan=f"{angka} pada butir {nomor_a} dan {nomor_b}"))
    return hasil


# ---------------------------------------------------------------------------------------------
# HIT-005, HIT-006: capaian as printed against target and realisasi


_NAMA_TARGET = {"pk_perubahan": "PK perubahan", "pk": "PK", "renja": "Renja",
                "renstra": "Renstra"}


def _target(data: ReviuData, ind: Indikator, tahun: int) -> tuple[Nilai, str] | None:
    berlaku = target_berlaku(data, ind, tahun)
    return (berlaku[1], berlaku[0]) if berlaku else None


def _satuan_beda(a: _Tercetak, b: _Tercetak) -> bool:
    sa = (a.satuan or "").strip().casefold()
    sb = (b.satuan or "").strip().casefold()
    return bool(sa and sb and sa != sb)


@dataclass(frozen=True)
class _Capaian:
    """A printed capaian with what its inputs give: ``dihitung`` from ``realisasi`` (the exact
    realisasi when it is computed from components, else the printed one), and ``kandidat``,
    every (capaian, realisasi) the report may have computed it from."""

    ind: Indikator
    tahun: int
    tercetak: _Tercetak
    dihitung: Decimal
    target: _Tercetak
    realisasi: _Tercetak
    jenis_target: str
    kandidat: tuple[tuple[Decimal, _Tercetak], ...] = ()


def _realisasi_masukan(ind: Indikator, tahun: int) -> list[_Tercetak]:
    """The realisasi a printed capaian may come from: the exact one computed from components
    first, then the one printed (rounded to its printed decimals, as the report used it)."""
    hasil = []
    if tahun in ind.realisasi_dihitung:
        hasil.append(_Tercetak(ind.realisasi_dihitung[tahun], 2, "%"))
    tercetak = _baca(ind.realisasi.get(tahun))
    if tercetak is not None:
        hasil.append(tercetak)
    return hasil


def _capaian(data: ReviuData) -> Iterator[_Capaian]:
    """Every printed capaian that can be recomputed from a target and a realisasi."""
    for ind in data.indikator:
        try:
            polaritas = Polaritas(ind.polaritas)
        except ValueError:
            continue
        if polaritas not in (Polaritas.NAIK, Polaritas.TURUN):
            continue  # ranges and qualitative targets have their own formulas
        try:
            metode = MetodeTurun(ind.metode_turun)
        except ValueError:
            if polaritas == Polaritas.TURUN:
                continue  # lower is better with no known formula: nothing to compare
            metode = MetodeTurun.SELISIH  # not used when higher is better
        for tahun, nilai in sorted(ind.capaian_tercetak.items()):
            tercetak = _baca(nilai)
            berlaku = _target(data, ind, tahun)
            if tercetak is None or berlaku is None:
                continue
            target = _baca(berlaku[0])
            if target is None:
                continue
            kandidat = []
            for realisasi in _realisasi_masukan(ind, tahun):
                if _satuan_beda(target, realisasi):
                    continue
                dihitung = compute_capaian(target.nilai, realisasi.nilai, polaritas, metode)
                if dihitung is not None:
                    kandidat.append((dihitung, realisasi))
            if kandidat:
                yield _Capaian(ind, tahun, tercetak, kandidat[0][0], target, kandidat[0][1],
                               berlaku[1], tuple(kandidat))


def _cocok(c: _Capaian) -> bool:
    """Whether the printed capaian is what one of its possible inputs gives, at the printed
    precision: the exact realisasi, or the realisasi as printed (a report computes from the
    rounded figures it prints: 92,78 / 91,5 = 101,40%, while 92,7731 / 91,5 = 101,39%)."""
    return any(_sama(dihitung, c.tercetak) for dihitung, _ in c.kandidat)


def _dibatasi(c: _Capaian) -> bool:
    """Printed as exactly 100 while every computed capaian, at the printed precision, is
    above."""
    return c.tercetak.nilai == _SERATUS and all(
        round_half_up(dihitung, c.tercetak.desimal) > 100 for dihitung, _ in c.kandidat)


def _asal_capaian(c: _Capaian) -> tuple[str, str]:
    satuan = c.realisasi.satuan or c.target.satuan or c.ind.satuan or None
    realisasi = _tulis(c.realisasi.nilai, c.realisasi.desimal, satuan)
    target = _tulis(c.target.nilai, c.target.desimal, satuan)
    jenis = _NAMA_TARGET[c.jenis_target]
    return (f"realisasi {realisasi} terhadap target {jenis} {target}",
            f"realisasi {realisasi} against the {jenis} target {target}")


@aturan("HIT-005", "error", "hitungan",
        "Capaian dibatasi 100% padahal hasil hitungnya lebih",
        "Capaian silently capped at 100%",
        _PENGUKURAN)
def capaian_dibatasi_seratus(data: ReviuData) -> list[Finding]:
    """A capaian printed as 100% while its target and realisasi give more. Capping hides an
    over-achievement, which is itself a sign of a target set too low, and makes the capaian
    disagree with the realisasi printed beside it. Capaian is compared with the target in
    force (PK perubahan, PK, Renja, Renstra) using the indicator's polarity."""
    hasil: list[Finding] = []
    for c in _capaian(data):
        if not _dibatasi(c):
            continue
        d = c.tercetak.desimal
        asal, asal_en = _asal_capaian(c)
        hasil.append(temuan(
            "HIT-005",
            f"Capaian {_jenis_indikator(c.ind)} {c.ind.uraian} tahun {c.tahun} tercetak "
            f"{_persen(c.tercetak.nilai, d)}, padahal {asal} memberi {_persen(c.dihitung, d)}; "
            "capaian tampaknya dipotong menjadi 100% tanpa penjelasan.",
            f"The capaian of {c.ind.uraian} for {c.tahun} is printed as "
            f"{_persen(c.tercetak.nilai, d)}, but {asal_en} gives {_persen(c.dihitung, d)}; "
            "the capaian appears to have been cut to 100% without explanation.",
            _lokasi_indikator(c.ind, c.tahun, "capaian"),
            diharapkan=_persen(c.dihitung, d), ditemukan=_persen(c.tercetak.nilai, d)))
    return hasil


@aturan("HIT-006", "error", "hitungan",
        "Capaian tercetak tidak sama dengan hasil hitung dari target dan realisasi",
        "Printed capaian differs from target and realisasi",
        _PENGUKURAN)
def capaian_tidak_sama(data: ReviuData) -> list[Finding]:
    """A printed capaian that is not, at the printed precision, what the target in force (PK
    perubahan, PK, Renja, Renstra) and the realisasi give with the indicator's polarity
    (lower-is-better by its chosen method). A figure derived from rounded inputs is compared
    within their rounding: the capaian is right when the exact realisasi (computed from
    components) or the realisasi as printed gives it; a finding only when neither does. A
    capaian capped at 100% is HIT-005."""
    hasil: list[Finding] = []
    for c in _capaian(data):
        if _dibatasi(c) or _cocok(c):
            continue
        d = c.tercetak.desimal
        asal, asal_en = _asal_capaian(c)
        hasil.append(temuan(
            "HIT-006",
            f"Capaian {_jenis_indikator(c.ind)} {c.ind.uraian} tahun {c.tahun} tercetak "
            f"{_persen(c.tercetak.nilai, d)}, tetapi {asal} memberi "
            f"{_persen(c.dihitung, d)}.",
            f"The capaian of {c.ind.uraian} for {c.tahun} is printed as "
            f"{_persen(c.tercetak.nilai, d)}, but {asal_en} gives {_persen(c.dihitung, d)}.",
            _lokasi_indikator(c.ind, c.tahun, "capaian"),
            diharapkan=_persen(c.dihitung, d), ditemukan=_persen(c.tercetak.nilai, d)))
    return hasil


# ---------------------------------------------------------------------------------------------
# HIT-009: the annual realisasi against its quarters


@aturan("HIT-009", "warning", "hitungan",
        "Realisasi tahunan berbeda dengan realisasi triwulannya",
        "Annual realisasi differs from its quarters",
        "Permendagri 86/2017 (form E.81: realisasi triwulan I–IV dan realisasi tahunan); "
        "konvensi proyek (core.realisasi)")
def realisasi_tahunan_beda_triwulan(data: ReviuData) -> list[Finding]:
    """An annual realisasi reported beside quarterly ones that combine (by the indicator's
    aggregation: the sum for a count, the last filled quarter for a rate) to another figure,
    at the precision printed. The annual figure is kept as the year's; the difference is for
    the OPD to explain or correct, never reconciled silently."""
    hasil: list[Finding] = []
    for ind in data.indikator:
        for tahun, dari_tw in sorted(ind.realisasi_triwulan.items()):
            tercetak = _baca(ind.realisasi.get(tahun))
            if tercetak is None or round_half_up(dari_tw, tercetak.desimal) == tercetak.nilai:
                continue
            satuan = tercetak.satuan or ind.satuan or None
            cara, cara_en = (("jumlah triwulan", "the sum of the quarters")
                             if ind.agregasi == "kumulatif" else
                             ("nilai triwulan terakhir yang terisi", "the last filled quarter"))
            hasil.append(temuan(
                "HIT-009",
                f"Realisasi tahunan {_jenis_indikator(ind)} {ind.uraian} tahun {tahun} "
                f"tercatat {_tulis(tercetak.nilai, tercetak.desimal, satuan)}, sedangkan "
                f"{cara} memberi {_tulis(dari_tw, tercetak.desimal, satuan)}. Angka tahunan "
                "dipakai; jelaskan atau perbaiki selisihnya.",
                f"The annual realisasi of {ind.uraian} for {tahun} is recorded as "
                f"{_tulis(tercetak.nilai, tercetak.desimal, satuan)}, while {cara_en} gives "
                f"{_tulis(dari_tw, tercetak.desimal, satuan)}. The annual figure is used; "
                "explain or correct the difference.",
                _lokasi_indikator(ind, tahun, "Realisasi"),
                diharapkan=format_angka(round_half_up(dari_tw, tercetak.desimal)),
                ditemukan=format_angka(tercetak.nilai)))
    return hasil
