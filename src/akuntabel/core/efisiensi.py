"""Efficiency: does a capaian cost less budget than it achieves?

The LAKIP outline asks for an analysis of the efficiency of resource use (Permenpan RB
53/2014, Bab III Akuntabilitas Kinerja); no regulation fixes the formula. Akuntabel offers two
variants, the pemda chooses one (``Pemda.efisiensi_metode`` and its threshold), and the report
must state which one it uses (:func:`describe_efisiensi` gives the sentence) and why each row is
judged as it is (:func:`jelaskan_efisiensi`).

Where no budget was spent (serapan 0 %) efficiency cannot be judged: a capaian reached without
spending says nothing about how the budget was used (project convention; a difference of
"capaian − 0" would otherwise call any such program efisien).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from akuntabel.core.angka import format_angka

__all__ = ["Efisiensi", "Penjelasan", "Varian", "compute_efisiensi", "describe_efisiensi",
           "jelaskan_efisiensi"]

_AMBANG_SELISIH = Decimal(5)


class Varian(StrEnum):
    """Which efficiency formula is used."""

    SELISIH = "selisih"
    """capaian − serapan, in percentage points; efisien above the threshold (+5)."""
    RASIO = "rasio"
    """capaian ÷ serapan; efisien at 1 or more."""


@dataclass(frozen=True)
class Efisiensi:
    """The variant used, its unrounded value and the verdict (None when not computable)."""

    varian: Varian
    nilai: Decimal | None
    efisien: bool | None


def compute_efisiensi(
    capaian: Decimal | None,
    serapan: Decimal | None,
    varian: Varian = Varian.SELISIH,
    ambang_selisih: Decimal = _AMBANG_SELISIH,
) -> Efisiensi:
    """Compare a capaian (%) with the serapan (%) of the budget behind it.

    * ``Varian.SELISIH`` (default): ``capaian − serapan``; efisien when it is more than
      ``ambang_selisih`` points (default +5).
    * ``Varian.RASIO``: ``capaian ÷ serapan``; efisien when it is 1 or more.

    Project convention from the design's computation rules (Permenpan RB 53/2014 asks for the
    analysis, not a formula): the report must state which variant it uses. ``nilai`` and
    ``efisien`` are None when a value is missing or serapan is 0 (nothing spent).
    """
    varian = Varian(varian)
    if capaian is None or serapan is None or serapan == 0:
        return Efisiensi(varian, None, None)
    if varian == Varian.SELISIH:
        selisih = capaian - serapan
        return Efisiensi(varian, selisih, selisih > ambang_selisih)
    rasio = capaian / serapan
    return Efisiensi(varian, rasio, rasio >= 1)


_TIDAK_DINILAI = (" Bila tidak ada anggaran yang direalisasikan (serapan 0%), tanpa pagu, atau "
                  "capaian kinerja tidak dapat dihitung, efisiensi tidak dapat dinilai.")


def describe_efisiensi(varian: Varian, ambang_selisih: Decimal = _AMBANG_SELISIH) -> str:
    """The sentence a report prints to say which efficiency variant it uses."""
    if Varian(varian) == Varian.SELISIH:
        return (
            "Efisiensi dihitung sebagai selisih capaian kinerja − serapan anggaran (poin "
            f"persen); dinyatakan efisien bila selisihnya lebih dari {format_angka(ambang_selisih)}"
            " poin, dan tidak efisien bila tidak." + _TIDAK_DINILAI
        )
    return (
        "Efisiensi dihitung sebagai rasio capaian kinerja ÷ serapan anggaran; "
        "dinyatakan efisien bila rasionya 1 atau lebih, dan tidak efisien bila kurang dari 1."
        + _TIDAK_DINILAI
    )


@dataclass(frozen=True)
class Penjelasan:
    """A row's verdict as printed ("efisien", "tidak efisien", "tidak dapat dinilai") and the
    sentence that says why, with the figures it compared."""

    efisiensi: Efisiensi
    kesimpulan: str
    alasan: str


def jelaskan_efisiensi(
    capaian: Decimal | None,
    serapan: Decimal | None,
    varian: Varian = Varian.SELISIH,
    ambang_selisih: Decimal = _AMBANG_SELISIH,
) -> Penjelasan:
    """The verdict of :func:`compute_efisiensi` and why, in Indonesian."""
    e = compute_efisiensi(capaian, serapan, varian, ambang_selisih)
    if capaian is None:
        return Penjelasan(e, "tidak dapat dinilai", "capaian kinerja tidak dapat dihitung")
    if serapan is None:
        return Penjelasan(e, "tidak dapat dinilai", "tidak ada pagu anggaran")
    if serapan == 0:
        return Penjelasan(e, "tidak dapat dinilai",
                          "tidak ada anggaran yang direalisasikan (serapan 0%)")
    assert e.nilai is not None
    kesimpulan = "efisien" if e.efisien else "tidak efisien"
    c, s = format_angka(capaian, 2), format_angka(serapan, 2)
    if e.varian == Varian.SELISIH:
        banding = "lebih dari" if e.efisien else "tidak lebih dari"
        return Penjelasan(e, kesimpulan,
                          f"capaian {c}% − serapan {s}% = selisih {format_angka(e.nilai, 2)} poin "
                          f"{banding} ambang {format_angka(ambang_selisih)} poin")
    banding = "mencapai" if e.efisien else "kurang dari"
    return Penjelasan(e, kesimpulan,
                      f"capaian {c}% ÷ serapan {s}% = rasio {format_angka(e.nilai, 2)} "
                      f"{banding} 1")
