"""Capaian (achievement) of a performance indicator against its target.

All functions return unrounded, uncapped ``Decimal`` percentages, or ``None`` when a value is
missing or a denominator is zero (shown as "–", never 0). Rounding happens at output only
(:func:`akuntabel.core.angka.format_persen`).

Dasar hukum: Perpres 29/2014 (SAKIP) and Permenpan RB 53/2014 (pengukuran kinerja compares
realisasi with the target of the Perjanjian Kinerja); PermenPAN-RB 6/2022 for the formula of
indicators where lower is better. Range and qualitative targets, aggregation over periods and
the cap for averages are the project's conventions, stated in each docstring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "SKALA_KETERSEDIAAN",
    "SKALA_OPINI_BPK",
    "Agregasi",
    "MetodeTurun",
    "Polaritas",
    "SkalaKualitatif",
    "aggregate",
    "average_capaian",
    "cap_capaian",
    "compute_capaian",
    "compute_capaian_kualitatif",
    "compute_capaian_rentang",
    "compute_persentase",
    "describe_rumus_capaian",
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
    batas_bawah: Decimal | None, batas_atas: Decimal | None, realisasi: Decimal | None
) -> Decimal | None:
    """Capaian for a range target "keep between a and b", uncapped and unrounded.

    Project convention (no regulation fixes a formula for range targets): inside ``[a, b]``
    → 100; below ``a`` the higher-is-better formula ``R / a × 100``; above ``b`` the
    lower-is-better default ``(2b − R) / b × 100``. Returns None when a value is missing or the
    bound used as denominator is 0; raises ``ValueError`` when ``a > b``.
    """
    if batas_bawah is None or batas_atas is None or realisasi is None:
        return None
    if batas_bawah > batas_atas:
        raise ValueError(f"Batas bawah {batas_bawah} lebih besar dari batas atas {batas_atas}.")
    if realisasi < batas_bawah:
        return compute_persentase(realisasi, batas_bawah)
    if realisasi > batas_atas:
        return compute_persentase(2 * batas_atas - realisasi, batas_atas)
    return _SERATUS


def _normalkan(label: str) -> str:
    return " ".join(label.split()).casefold()


@dataclass(frozen=True)
class SkalaKualitatif:
    """A table mapping the labels of a qualitative target to scores (project data).

    Labels are matched case-insensitively, with surrounding and repeated spaces ignored.
    Two labels that differ only in case or spacing are rejected.
    """

    nama: str
    nilai: Mapping[str, Decimal]
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
        return hash((self.nama, frozenset(self.nilai.items())))

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
)
"""The four audit opinions of UU 15/2004 (Penjelasan Pasal 16 ayat (1)); the scores are the
project's convention."""

SKALA_KETERSEDIAAN = SkalaKualitatif(
    nama="Ketersediaan",
    nilai={
        "tersedia": Decimal(100),
        "ada": Decimal(100),
        "tidak tersedia": Decimal(0),
        "tidak ada": Decimal(0),
    },
)
"""A "tersedia / tidak tersedia" target (a document, a system); project convention."""


def compute_capaian_kualitatif(
    target_label: str | None, realisasi_label: str | None, skala: SkalaKualitatif
) -> Decimal | None:
    """Capaian of a qualitative target: ``skor(R) / skor(T) × 100``, unrounded.

    Project convention (no regulation fixes it): labels become scores through ``skala``
    (e.g. :data:`SKALA_OPINI_BPK`: target WTP, realisasi WDP → 75). Returns None when a label
    is missing or unknown to the scale, or when the target scores 0.
    """
    return compute_persentase(skala.skor(realisasi_label), skala.skor(target_label))


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
    polaritas: Polaritas, metode_turun: MetodeTurun = MetodeTurun.SELISIH
) -> str:
    """The formula used, as one Indonesian sentence to print next to the indicator."""
    polaritas = Polaritas(polaritas)
    metode_turun = MetodeTurun(metode_turun)
    if polaritas == Polaritas.NAIK:
        return "Capaian = Realisasi / Target × 100% (semakin tinggi semakin baik)."
    if polaritas == Polaritas.TURUN and metode_turun == MetodeTurun.SELISIH:
        return (
            "Capaian = (2 × Target − Realisasi) / Target × 100% (semakin rendah semakin baik; "
            "PermenPAN-RB 6/2022)."
        )
    if polaritas == Polaritas.TURUN:
        return "Capaian = Target / Realisasi × 100% (semakin rendah semakin baik)."
    if polaritas == Polaritas.RENTANG:
        return (
            "Capaian = 100% di dalam rentang target; di bawah rentang Realisasi / Batas bawah × "
            "100%; di atas rentang (2 × Batas atas − Realisasi) / Batas atas × 100%."
        )
    return "Capaian = Skor realisasi / Skor target × 100% menurut skala kualitatif."
