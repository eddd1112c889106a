"""Efficiency: does a capaian cost less budget than it achieves?

The LAKIP outline asks for an analysis of the efficiency of resource use (Permenpan RB
53/2014, Bab III Akuntabilitas Kinerja); no regulation fixes the formula. Akuntabel offers two
variants and the report must state which one it uses (:func:`describe_efisiensi` gives the
sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from akuntabel.core.angka import format_angka

__all__ = ["Efisiensi", "Varian", "compute_efisiensi", "describe_efisiensi"]

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
    ``efisien`` are None when a value is missing, or serapan is 0 under ``RASIO``.
    """
    varian = Varian(varian)
    if capaian is None or serapan is None:
        return Efisiensi(varian, None, None)
    if varian == Varian.SELISIH:
        selisih = capaian - serapan
        return Efisiensi(varian, selisih, selisih > ambang_selisih)
    if serapan == 0:
        return Efisiensi(varian, None, None)
    rasio = capaian / serapan
    return Efisiensi(varian, rasio, rasio >= 1)


def describe_efisiensi(varian: Varian, ambang_selisih: Decimal = _AMBANG_SELISIH) -> str:
    """The sentence a report prints to say which efficiency variant it uses."""
    if Varian(varian) == Varian.SELISIH:
        return (
            "Efisiensi dihitung sebagai selisih capaian kinerja dan serapan anggaran (poin "
            f"persen); dinyatakan efisien bila selisihnya lebih dari {format_angka(ambang_selisih)}"
            " poin."
        )
    return (
        "Efisiensi dihitung sebagai rasio capaian kinerja terhadap serapan anggaran; "
        "dinyatakan efisien bila rasionya 1 atau lebih."
    )
