"""What a stored number may be: the bounds every numeric input is checked against.

A value is checked before it is written, by every entry path (the grid, the budget grid, the
Excel import, the dataset load, the target forms): a value outside its bounds is refused with
a reason in Indonesian, so that no stored value can make a page or a sum fail.

Two kinds of stored numbers (the model fields ``plans.models.MEASURE`` and ``MONEY``):

* ``UKURAN``: a measure (realisasi, target, component, baseline): at most 4 decimals
  (the field's), magnitude below 10^15. The field holds 20 integer digits; the bound is
  lower so that sums and ×100 of many values stay far inside the field and the decimal
  context (28 digits). 10^15 is a thousand times the largest count an Indonesian region has
  (its population, about 10^8 at most for a province) and any percentage.
* ``UANG``: Rupiah (pagu, realisasi anggaran): at most 2 decimals (sen), magnitude below
  10^15 (a thousand trillion Rupiah, far above any APBD, whose largest are near 10^14).

Both kinds also keep at most 15 significant digits: the precision that survives a
spreadsheet (Excel keeps 15) and SQLite (which stores a decimal as a double), so that a value
read back is the value written on every path and every database. 15 digits hold any APBD
amount to the sen below Rp 10 triliun, and any amount in whole Rupiah below Rp 1.000 triliun.

Project convention, not a regulation: the numbers are chosen for room, not for plausibility,
which is judged elsewhere (``core.plausibilitas``, a warning, never a refusal).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["ANGKA_BERMAKNA", "UANG", "UKURAN", "Batas", "cek_batas"]


@dataclass(frozen=True)
class Batas:
    """The bounds of one kind of stored number."""

    nama: str
    desimal: int          # the most decimals a value may have
    maks: Decimal         # the magnitude must be below this (exclusive)

    @property
    def maks_teks(self) -> str:
        """The bound as written in messages: 10^15 → "1.000.000.000.000.000"."""
        return f"{int(self.maks):,}".replace(",", ".")


ANGKA_BERMAKNA = 15
"""The most significant digits a stored number may have (Excel's and SQLite's precision)."""

UKURAN = Batas("ukuran", 4, Decimal(10) ** 15)
UANG = Batas("uang", 2, Decimal(10) ** 15)


def cek_batas(nilai: Decimal, batas: Batas) -> str | None:
    """Why ``nilai`` cannot be stored as a ``batas`` value, in Indonesian; None when it can.

    Refused: not finite (NaN, Infinity), magnitude at or above ``batas.maks``, more decimals
    than ``batas.desimal`` (trailing zeros do not count: ``1,50`` has one decimal), more than
    :data:`ANGKA_BERMAKNA` significant digits.
    """
    if not nilai.is_finite():
        return "bukan bilangan hingga."
    if abs(nilai) >= batas.maks:
        return f"terlalu besar: nilai harus kurang dari {batas.maks_teks}."
    angka = nilai.normalize().as_tuple()
    assert isinstance(angka.exponent, int)  # finite, checked above
    if -angka.exponent > batas.desimal:
        return f"terlalu banyak angka di belakang koma (paling banyak {batas.desimal})."
    bermakna = len(angka.digits) + max(angka.exponent, 0)
    if bermakna > ANGKA_BERMAKNA:
        return (f"terlalu banyak angka ({bermakna}); paling banyak {ANGKA_BERMAKNA} angka "
                "yang bermakna yang tersimpan utuh.")
    return None
