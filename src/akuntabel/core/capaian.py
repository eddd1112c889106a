"""Capaian (achievement) of a performance indicator against its target.

All functions return unrounded, uncapped ``Decimal`` percentages, or ``None`` when a value is
missing or a denominator is zero (shown as "–", never 0). Rounding happens at output only
(:func:`akuntabel.core.angka.format_persen`).

Dasar hukum: Perpres 29/2014 (SAKIP) and Permenpan RB 53/2014 (pengukuran kinerja compares
realisasi with the target of the Perjanjian Kinerja); PermenPAN-RB 6/2022 for the formula of
indicators where lower is better. Range and qualitative targets, aggregation over periods and
the cap for averages are the project's conventions, stated in each docstring.

:func:`compute_capaian_target` is the one entry point for an indicator's capaian: it sends a
single, range or qualitative target to its rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from akuntabel.core.angka import format_angka

__all__ = [
    "SKALA_KETERSEDIAAN",
    "SKALA_KUALITATIF",
    "SKALA_OPINI_BPK",
    "SKALA_PREDIKAT_SAKIP",
    "Agregasi",
    "MetodeTurun",
    "Perubahan",
    "Polaritas",
    "SkalaKualitatif",
    "aggregate",
    "average_capaian",
    "cap_capaian",
    "compute_capaian",
    "compute_capaian_kualitatif",
    "compute_capaian_rentang",
    "compute_capaian_target",
    "compute_persentase",
    "compute_perubahan",
    "describe_rumus_capaian",
    "skala_kualitatif_berlaku",
    "tulis_rumus_capaian",
]

_SERATUS = Decimal(100)


class Polaritas(StrEnum):
    """Which direction of realisasi is better for an indicator."""

    NAIK = "naik"
    """Higher is better (most indicators)."""
    TURUN = "turun"
    """Lower is better (angka kemiskinan, prevalensi stunting)."""
    RENTANG = "rentang"
    """Best inside a range [batas bawah, batas atas]; see :func:`compute_capaian_rentang`."""
    KUALITATIF = "kualitatif"
    """A label (WTP, "tersedia"); see :func:`compute_capaian_kualitatif`."""


class MetodeTurun(StrEnum):
    """Formula for capaian when lower is better; stored with the indicator, printed in reports."""

    SELISIH = "selisih"
    """(2T − R) / T × 100, the default: PermenPAN-RB 6/2022 "(1 + (1 − R/T)) × 100"."""
    RASIO = "rasio"
    """T / R × 100, selectable per indicator."""


class Agregasi(StrEnum):
    """How an indicator's values combine across quarters or years."""

    KUMULATIF = "kumulatif"
    """Counts: sum the filled values (realisasi with realisasi, targets with targets)."""
    NILAI_AKHIR = "nilai_akhir"
    """Rates, percentages, indices: take the last filled value; never sum them."""


def compute_persentase(pembilang: Decimal | None, penyebut: Decimal | None) -> Decimal | None:
    """Return ``pembilang / penyebut × 100``, unrounded; None if a value is missing or 0.

    The formula of every "Persentase ..." indicator, e.g. the seed's IKU "Persentase PPKS yang
    ditangani" = 13.415 / 14.460 × 100 = 92,7731…%.
    """
    if pembilang is None or penyebut is None or penyebut == 0:
        return None
    return pembilang * _SERATUS / penyebut


def compute_capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas = Polaritas.NAIK,
    metode_turun: MetodeTurun = MetodeTurun.SELISIH,
) -> Decimal | None:
    """Capaian of a realisasi against its target, as a percentage, uncapped and unrounded.

    * ``Polaritas.NAIK`` (higher is better): ``R / T × 100`` (Permenpan RB 53/2014).
    * ``Polaritas.TURUN`` (lower is better), ``MetodeTurun.SELISIH`` (default):
      ``(2T − R) / T × 100``, equal to PermenPAN-RB 6/2022 ``(1 + (1 − R/T)) × 100``;
      ``MetodeTurun.RASIO``: ``T / R × 100``. ``(T − R) / T`` is never used: it gives 0% to a
      realisasi exactly on target.

    Returns None when target or realisasi is missing, when T is 0, when T is negative (the
    formulas then invert their meaning) and, under RASIO, when R is 0 or negative. Raises
    ``ValueError`` for ``RENTANG`` and ``KUALITATIF``, which have their own functions, and
    for a value that is not a polaritas or metode (plain strings such as ``"turun"`` from
    the database are accepted).
    """
    polaritas = Polaritas(polaritas)
    metode_turun = MetodeTurun(metode_turun)
    if polaritas in (Polaritas.RENTANG, Polaritas.KUALITATIF):
        raise ValueError(
            f"Polaritas '{polaritas}' dihitung dengan compute_capaian_rentang atau "
            "compute_capaian_kualitatif, bukan compute_capaian."
        )
    if target is None or realisasi is None or target <= 0:
        return None
    if polaritas == Polaritas.NAIK:
        return compute_persentase(realisasi, target)
    if metode_turun == MetodeTurun.SELISIH:
        return compute_persentase(2 * target - realisasi, target)
    if realisasi <= 0:
        return None
    return compute_persentase(target, realisasi)


def compute_capaian_rentang(
    batas_bawah: Decimal | None,
    batas_atas: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas | str = Polaritas.RENTANG,
    metode_turun: MetodeTurun | str = MetodeTurun.SELISIH,
) -> Decimal | None:
    """Capaian for a range target ``[a, b]`` ("60–85 %", "7–8 bulan"), uncapped and unrounded.

    Inside ``[a, b]`` (bounds included) the capaian is 100: the target is met, and no
    regulation rewards a place inside the range (project convention). Outside it, the bound
    and the formula follow the polarity (DESIGN "Computation rules"):

    * ``Polaritas.RENTANG`` (best inside the range, the default): below ``a`` the
      higher-is-better formula ``R / a × 100``; above ``b`` the lower-is-better default
      ``(2b − R) / b × 100`` (project convention).
    * ``Polaritas.NAIK`` (higher is better): below the range ``R / a × 100``; above it
      ``R / b × 100``, above 100.
    * ``Polaritas.TURUN`` (lower is better), the mirror: above the range the indicator's
      ``metode_turun`` against ``b`` (``(2b − R) / b`` or ``b / R``); below it the same formula
      against ``a``, above 100.

    Each side is :func:`compute_capaian` against its bound, so a range of one value is a
    single target. Returns None when a value is missing or the bound compared with is 0 or
    negative (the formulas invert their meaning there, as in :func:`compute_capaian`).
    Raises ``ValueError`` when ``a > b`` (:func:`compute_capaian_target` swaps them instead)
    and for ``KUALITATIF``.
    """
    polaritas = Polaritas(polaritas)
    metode_turun = MetodeTurun(metode_turun)
    if polaritas == Polaritas.KUALITATIF:
        raise ValueError("Target kualitatif tidak memiliki rentang angka.")
    if batas_bawah is None or batas_atas is None or realisasi is None:
        return None
    if batas_bawah > batas_atas:
        raise ValueError(f"Batas bawah {batas_bawah} lebih besar dari batas atas {batas_atas}.")
    if batas_bawah <= realisasi <= batas_atas:
        return _SERATUS
    di_bawah = realisasi < batas_bawah
    if polaritas == Polaritas.RENTANG:
        polaritas = Polaritas.NAIK if di_bawah else Polaritas.TURUN
        metode_turun = MetodeTurun.SELISIH
    return compute_capaian(batas_bawah if di_bawah else batas_atas, realisasi, polaritas,
                           metode_turun)


def _normalkan(label: str) -> str:
    return " ".join(label.split()).casefold()


@dataclass(frozen=True)
class SkalaKualitatif:
    """A dated, cited table mapping the labels of a qualitative target to scores.

    Like the rating scales of :mod:`akuntabel.core.peringkat`: ``berlaku_mulai`` is the date
    the version applies from and ``dasar_hukum`` where its labels come from (the scores are
    the project's convention unless the source fixes them). Labels are matched
    case-insensitively, with surrounding and repeated spaces ignored; two labels that differ
    only in case or spacing are rejected.
    """

    nama: str
    nilai: Mapping[str, Decimal]
    berlaku_mulai: date
    dasar_hukum: str
    catatan: str = ""
    _indeks: Mapping[str, Decimal] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indeks: dict[str, Decimal] = {}
        for label, skor in self.nilai.items():
            kunci = _normalkan(label)
            if kunci in indeks:
                raise ValueError(f"Label '{label}' muncul lebih dari sekali di skala {self.nama}.")
            indeks[kunci] = skor
        object.__setattr__(self, "nilai", MappingProxyType(dict(self.nilai)))
        object.__setattr__(self, "_indeks", MappingProxyType(indeks))

    def __hash__(self) -> int:
        return hash((self.nama, frozenset(self.nilai.items()), self.berlaku_mulai,
                     self.dasar_hukum, self.catatan))

    def skor(self, label: str | None) -> Decimal | None:
        """Score of a label, or None if the label is missing or not in the scale."""
        if label is None:
            return None
        return self._indeks.get(_normalkan(label))


SKALA_OPINI_BPK = SkalaKualitatif(
    nama="Opini BPK atas laporan keuangan",
    nilai={
        "WTP": Decimal(100),
        "Wajar Tanpa Pengecualian": Decimal(100),
        "WDP": Decimal(75),
        "Wajar Dengan Pengecualian": Decimal(75),
        "TW": Decimal(25),
        "Tidak Wajar": Decimal(25),
        "TMP": Decimal(0),
        "Tidak Menyatakan Pendapat": Decimal(0),
    },
    berlaku_mulai=date(2004, 1, 1),
    dasar_hukum=(
        "UU 15/2004 tentang Pemeriksaan Pengelolaan dan Tanggung Jawab Keuangan Negara, "
        "Penjelasan Pasal 16 ayat (1) (empat jenis opini)"
    ),
    catatan=(
        "Label menurut undang-undang; skor 100/75/25/0 adalah konvensi proyek. Tanggal "
        "berlaku_mulai diisi 1 Januari 2004 (tahun undang-undang)."
    ),
)
"""The four audit opinions of UU 15/2004 (Penjelasan Pasal 16 ayat (1)); the scores are the
project's convention."""

SKALA_PREDIKAT_SAKIP = SkalaKualitatif(
    nama="Predikat hasil evaluasi SAKIP",
    nilai={
        "AA": Decimal(90),
        "A": Decimal(80),
        "BB": Decimal(70),
        "B": Decimal(60),
        "CC": Decimal(50),
        "C": Decimal(30),
        "D": Decimal(0),
    },
    berlaku_mulai=date(2021, 1, 1),
    dasar_hukum="Permenpan RB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    catatan=(
        "Predikat AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D selebihnya. Skor tiap "
        "predikat adalah batas bawah pitanya (konvensi proyek), sehingga target A dengan "
        "realisasi BB memberi 70 / 80 × 100 = 87,5%; target D (skor 0) tidak menghasilkan "
        "capaian. Tanggal berlaku_mulai diisi 1 Januari 2021 (tahun peraturan)."
    ),
)
"""An AKIP evaluation grade as a target ("predikat SAKIP A"); scores are the band's lower
bound of Permenpan RB 88/2021 (project convention)."""

SKALA_KETERSEDIAAN = SkalaKualitatif(
    nama="Ketersediaan",
    nilai={
        "tersedia": Decimal(100),
        "ada": Decimal(100),
        "tidak tersedia": Decimal(0),
        "tidak ada": Decimal(0),
        "belum tersedia": Decimal(0),
        "belum ada": Decimal(0),
    },
    berlaku_mulai=date(2014, 1, 1),
    dasar_hukum="Konvensi proyek (target keluaran berupa dokumen atau sistem, Perpres 29/2014)",
    catatan="Tersedia atau ada = 100; tidak atau belum tersedia/ada = 0 (konvensi proyek).",
)
"""A "tersedia / tidak tersedia" target (a document, a system); project convention."""

SKALA_KUALITATIF: tuple[SkalaKualitatif, ...] = (
    SKALA_OPINI_BPK,
    SKALA_PREDIKAT_SAKIP,
    SKALA_KETERSEDIAAN,
)
"""The qualitative scales in force by default. The demo dataset has no qualitative target:
its only target without a number, "Perbaikan ruang data", names a piece of work, not a label
of a scale, so it is left without a capaian rather than scored by a guess."""


def skala_kualitatif_berlaku(
    skala: Sequence[SkalaKualitatif], tanggal: date
) -> tuple[SkalaKualitatif, ...]:
    """The scales in force on ``tanggal``: per ``nama``, the version with the latest
    ``berlaku_mulai`` not after it (a later version of a scale replaces the earlier one).
    Core takes the date as an argument and never reads the clock."""
    terbaru: dict[str, SkalaKualitatif] = {}
    for s in skala:
        if s.berlaku_mulai <= tanggal and (
                s.nama not in terbaru or s.berlaku_mulai > terbaru[s.nama].berlaku_mulai):
            terbaru[s.nama] = s
    return tuple(terbaru.values())


def compute_capaian_kualitatif(
    target_label: str | None, realisasi_label: str | None, skala: SkalaKualitatif
) -> Decimal | None:
    """Capaian of a qualitative target: ``skor(R) / skor(T) × 100``, unrounded.

    Project convention (no regulation fixes it): labels become scores through ``skala``
    (e.g. :data:`SKALA_OPINI_BPK`: target WTP, realisasi WDP → 75). Returns None when a label
    is missing or unknown to the scale, or when the target scores 0.
    """
    return compute_persentase(skala.skor(realisasi_label), skala.skor(target_label))


def compute_capaian_target(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas | str,
    metode_turun: MetodeTurun | str = MetodeTurun.SELISIH,
    *,
    target_atas: Decimal | None = None,
    target_teks: str = "",
    realisasi_teks: str = "",
    skala: Sequence[SkalaKualitatif] = SKALA_KUALITATIF,
) -> Decimal | None:
    """The capaian of any indicator, unrounded and uncapped: the one function the
    application calls, which sends each kind of target to its rule.

    1. **Qualitative** when ``polaritas`` is ``KUALITATIF``, or when the target has no number
       (``target`` is None) and its label ``target_teks`` is known to one of ``skala``:
       ``skor(R) / skor(T) × 100`` (:func:`compute_capaian_kualitatif`) on the scale that
       knows both ``target_teks`` and ``realisasi_teks``. None when no scale knows both, or
       when two scales know both and disagree (never a guess).
    2. **Range** when ``target_atas`` is given: the target is ``[target, target_atas]``
       (:func:`compute_capaian_rentang` with the polarity: 100 inside, the bound on the
       realisasi's side and the polarity's formula outside). Bounds stored the wrong way
       round are swapped: ``[85, 60]`` holds the same values as ``[60, 85]``. A ``RENTANG``
       indicator without ``target_atas`` has no range and gives None.
    3. Otherwise a **single target**: :func:`compute_capaian`.

    Returns None when a value is missing; never raises for data the database can hold (a
    ``polaritas`` or ``metode_turun`` that is not one of the enums is a programming error and
    raises ``ValueError``).
    """
    polaritas = Polaritas(polaritas)
    metode_turun = MetodeTurun(metode_turun)
    if polaritas == Polaritas.KUALITATIF or (
            target is None and any(s.skor(target_teks) is not None for s in skala)):
        hasil = {compute_capaian_kualitatif(target_teks, realisasi_teks, s) for s in skala
                 if s.skor(target_teks) is not None and s.skor(realisasi_teks) is not None}
        return hasil.pop() if len(hasil) == 1 else None
    if target_atas is not None:
        if target is not None and target > target_atas:
            target, target_atas = target_atas, target
        return compute_capaian_rentang(target, target_atas, realisasi, polaritas, metode_turun)
    if polaritas == Polaritas.RENTANG:
        return None
    return compute_capaian(target, realisasi, polaritas, metode_turun)


def tulis_rumus_capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas | str,
    metode_turun: MetodeTurun | str = MetodeTurun.SELISIH,
    *,
    target_atas: Decimal | None = None,
    target_teks: str = "",
    realisasi_teks: str = "",
    skala: Sequence[SkalaKualitatif] = SKALA_KUALITATIF,
) -> str:
    """The worked formula of :func:`compute_capaian_target` with its inputs filled in, in
    Indonesian, as printed beside a capaian ("13.415 ÷ 14.460 × 100", "(2 × 10 − 8) ÷ 10 ×
    100", "90 ÷ 85 × 100, di atas rentang 60–85"); "" when that function gives no capaian.
    The one place the formula is written, so that the text and the figure cannot drift."""
    f = format_angka
    if compute_capaian_target(target, realisasi, polaritas, metode_turun,
                              target_atas=target_atas, target_teks=target_teks,
                              realisasi_teks=realisasi_teks, skala=skala) is None:
        return ""
    polaritas = Polaritas(polaritas)
    metode_turun = MetodeTurun(metode_turun)
    if polaritas == Polaritas.KUALITATIF or target is None:
        s = next(s for s in skala if s.skor(target_teks) is not None
                 and s.skor(realisasi_teks) is not None)
        return (f"skor {realisasi_teks.strip()} ({f(s.skor(realisasi_teks))}) ÷ skor "
                f"{target_teks.strip()} ({f(s.skor(target_teks))}) × 100 ({s.nama})")
    assert realisasi is not None
    keterangan = ""
    if target_atas is not None:
        bawah, atas = sorted((target, target_atas))
        rentang = f"rentang {f(bawah)}–{f(atas)}"
        if bawah <= realisasi <= atas:
            return f"{f(realisasi)} di dalam {rentang} = 100"
        di_bawah = realisasi < bawah
        target = bawah if di_bawah else atas
        keterangan = f", {'di bawah' if di_bawah else 'di atas'} {rentang}"
        if polaritas == Polaritas.RENTANG:
            polaritas = Polaritas.NAIK if di_bawah else Polaritas.TURUN
            metode_turun = MetodeTurun.SELISIH
    if polaritas == Polaritas.NAIK:
        rumus = f"{f(realisasi)} ÷ {f(target)} × 100"
    elif metode_turun == MetodeTurun.SELISIH:
        rumus = f"(2 × {f(target)} − {f(realisasi)}) ÷ {f(target)} × 100"
    else:
        rumus = f"{f(target)} ÷ {f(realisasi)} × 100"
    return rumus + keterangan


def aggregate(nilai: Sequence[Decimal | None], agregasi: Agregasi) -> Decimal | None:
    """Combine an indicator's values over periods (TW I–IV, or years), in period order.

    ``KUMULATIF``: the sum of the filled values; ``NILAI_AKHIR``: the last filled value
    (percentages are never summed). None when no value is filled. Project convention from
    the design's computation rules; the choice is a property of the indicator.
    """
    agregasi = Agregasi(agregasi)
    terisi = [n for n in nilai if n is not None]
    if not terisi:
        return None
    if agregasi == Agregasi.KUMULATIF:
        return sum(terisi, Decimal(0))
    return terisi[-1]


def cap_capaian(capaian: Decimal | None, batas: Decimal = _SERATUS) -> Decimal | None:
    """Limit a capaian to ``batas`` (default 100) for use in an average; None stays None.

    Capaian is stored uncapped; a cap is only an option when averaging (project convention).
    """
    if capaian is None:
        return None
    return min(capaian, batas)


def average_capaian(
    values: Sequence[Decimal | None], batas: Decimal | None = None
) -> Decimal | None:
    """Mean of the filled capaian values, each capped at ``batas`` when it is given.

    Missing values are left out (not counted as 0); None when no value is filled.
    """
    terisi = [v for v in values if v is not None]
    if not terisi:
        return None
    if batas is not None:
        terisi = [min(v, batas) for v in terisi]
    return sum(terisi, Decimal(0)) / len(terisi)


def describe_rumus_capaian(
    polaritas: Polaritas | str,
    metode_turun: MetodeTurun | str = MetodeTurun.SELISIH,
    *,
    rentang: bool = False,
) -> str:
    """The formula used, as one Indonesian sentence to print next to the indicator.

    ``rentang=True`` describes a range target ``[Batas bawah, Batas atas]`` under the
    polarity (:func:`compute_capaian_rentang`); ``Polaritas.RENTANG`` is always a range.
    """
    polaritas = Polaritas(polaritas)
    metode_turun = MetodeTurun(metode_turun)
    if polaritas == Polaritas.KUALITATIF:
        return "Capaian = Skor realisasi / Skor target × 100% menurut skala kualitatif."
    if polaritas == Polaritas.RENTANG:
        return (
            "Capaian = 100% di dalam rentang target; di bawah rentang Realisasi / Batas bawah × "
            "100%; di atas rentang (2 × Batas atas − Realisasi) / Batas atas × 100%."
        )
    if rentang and polaritas == Polaritas.NAIK:
        return (
            "Capaian = 100% di dalam rentang target; di bawah rentang Realisasi / Batas bawah × "
            "100%; di atas rentang Realisasi / Batas atas × 100% (semakin tinggi semakin baik)."
        )
    if rentang and metode_turun == MetodeTurun.SELISIH:
        return (
            "Capaian = 100% di dalam rentang target; di atas rentang (2 × Batas atas − "
            "Realisasi) / Batas atas × 100%; di bawah rentang (2 × Batas bawah − Realisasi) / "
            "Batas bawah × 100% (semakin rendah semakin baik; PermenPAN-RB 6/2022)."
        )
    if rentang:
        return (
            "Capaian = 100% di dalam rentang target; di atas rentang Batas atas / Realisasi × "
            "100%; di bawah rentang Batas bawah / Realisasi × 100% (semakin rendah semakin "
            "baik)."
        )
    if polaritas == Polaritas.NAIK:
        return "Capaian = Realisasi / Target × 100% (semakin tinggi semakin baik)."
    if metode_turun == MetodeTurun.SELISIH:
        return (
            "Capaian = (2 × Target − Realisasi) / Target × 100% (semakin rendah semakin baik; "
            "PermenPAN-RB 6/2022)."
        )
    return "Capaian = Target / Realisasi × 100% (semakin rendah semakin baik)."


class Perubahan(NamedTuple):
    """Year-over-year change: the percentage (None: "–") and whether it is an improvement
    (None when the polarity does not say which direction is better)."""

    persen: Decimal | None
    membaik: bool | None


def compute_perubahan(lalu: Decimal | None, kini: Decimal | None,
                      polaritas: Polaritas | str = Polaritas.NAIK) -> Perubahan:
    """The change of a realisasi from last year (``lalu``) to this year (``kini``).

    ``persen`` is ``(kini − lalu) / |lalu| × 100`` (project convention, DESIGN.md): dividing
    by the absolute value keeps the sign of the change when the base is negative (−10 to −5 is
    +50%). A zero or missing base gives no percentage (shown as "–"), never 0 or infinity.

    ``membaik`` reads the direction by the polarity: up is an improvement when higher is better
    (``NAIK``), down when lower is better (``TURUN``); no change is not an improvement. It is
    read from the difference, so a zero base still says whether the year improved. Range and
    qualitative indicators give None: their direction alone says nothing. Both are None when a
    year has no value.
    """
    polaritas = Polaritas(polaritas)
    if lalu is None or kini is None:
        return Perubahan(None, None)
    selisih = kini - lalu
    persen = None if lalu == 0 else selisih * _SERATUS / abs(lalu)
    if polaritas == Polaritas.NAIK:
        return Perubahan(persen, selisih > 0)
    if polaritas == Polaritas.TURUN:
        return Perubahan(persen, selisih < 0)
    return Perubahan(persen, None)
