"""The year's realisasi of an indicator: the figure reported for the year, or its quarters.

Realisasi is recorded per triwulan (Permendagri 86/2017, form E.81 of the evaluation of the
Renja: realisasi of triwulan I–IV beside the year's; Permenpan RB 53/2014: the annual LKjIP
reports the year). What a quarter holds depends on the indicator's ``agregasi`` (project
convention, see ``core.capaian.Agregasi``): for a count (``kumulatif``) what was achieved IN
that quarter, for a rate, percentage or index (``nilai_akhir``) the value AT THE END of it.

The year's figure, one rule for every reader (the LKjIP, the reviu, the E.81 form, the
dashboards, the pages, the exports):

* an annual figure reported as such (the LKjIP as printed, a dataset's annual value, an
  annual row of an Excel sheet) is the year's figure and is KEPT as reported;
* otherwise the quarters combined by ``agregasi``: the sum of the filled quarters for a count,
  the last filled quarter for a rate;
* the two are never silently reconciled: when both exist and differ, :attr:`RealisasiTahun.
  berbeda` says so, the reviu reports it (rule HIT-009) and the pages show both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from akuntabel.core.capaian import Agregasi, aggregate

__all__ = ["TRIWULAN", "RealisasiTahun", "SumberTahun", "realisasi_tahun"]

TRIWULAN = (1, 2, 3, 4)


class SumberTahun(StrEnum):
    """Where the year's figure comes from."""

    TAHUNAN = "tahunan"
    """Reported for the whole year."""
    TRIWULAN = "triwulan"
    """Combined from the quarters by the indicator's ``agregasi``."""


@dataclass(frozen=True)
class RealisasiTahun:
    """The year's realisasi, where it comes from, and the quarters' figure beside it."""

    nilai: Decimal | None
    sumber: SumberTahun | None          # None when there is no figure
    dari_triwulan: Decimal | None       # the quarters combined, whether used or not
    triwulan_terisi: tuple[int, ...]    # the quarters holding a number, in order

    @property
    def berbeda(self) -> bool:
        """An annual figure was reported and the quarters give another one."""
        return (self.sumber == SumberTahun.TAHUNAN and self.dari_triwulan is not None
                and self.dari_triwulan != self.nilai)


def realisasi_tahun(tahunan: Decimal | None, triwulan: Mapping[int, Decimal | None],
                    agregasi: Agregasi | str) -> RealisasiTahun:
    """The year's realisasi from the annual figure reported (``tahunan``, None when none)
    and the quarters' figures (``triwulan``: quarter 1–4 -> value; missing quarters may be
    left out), by the indicator's ``agregasi``. See the module's rule."""
    nilai_tw = [triwulan.get(tw) for tw in TRIWULAN]
    terisi = tuple(tw for tw, n in zip(TRIWULAN, nilai_tw, strict=True) if n is not None)
    dari_triwulan = aggregate(nilai_tw, Agregasi(agregasi))
    if tahunan is not None:
        return RealisasiTahun(tahunan, SumberTahun.TAHUNAN, dari_triwulan, terisi)
    if dari_triwulan is not None:
        return RealisasiTahun(dari_triwulan, SumberTahun.TRIWULAN, dari_triwulan, terisi)
    return RealisasiTahun(None, None, None, terisi)
