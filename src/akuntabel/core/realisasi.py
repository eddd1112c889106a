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
* the two are never silently reconciled: when both exist and differ once the comparison is
  due (:attr:`RealisasiTahun.dibandingkan`), :attr:`RealisasiTahun.berbeda` says so, the
  reviu reports it (rule HIT-009) and the pages show both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from akuntabel.core.capaian import Agregasi, aggregate, compute_persentase

__all__ = ["TRIWULAN", "RealisasiKomponen", "RealisasiTahun", "SumberTahun",
           "realisasi_komponen", "realisasi_tahun"]

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
    agregasi: Agregasi = Agregasi.KUMULATIF

    @property
    def dibandingkan(self) -> bool:
        """Whether the annual figure reported is due to be compared with its quarters: when
        TW IV is filled (the quarters then make a year), or, for a count, as soon as the
        quarters already sum above it (they can only grow). Before that a difference is the
        year not yet complete, and flagging it would teach users to ignore the flag (the
        budget's rule, ``core.anggaran.selisih_ditandai``)."""
        if self.sumber != SumberTahun.TAHUNAN or self.dari_triwulan is None:
            return False
        if 4 in self.triwulan_terisi:
            return True
        return (self.agregasi == Agregasi.KUMULATIF and self.nilai is not None
                and self.dari_triwulan > self.nilai)

    @property
    def berbeda(self) -> bool:
        """An annual figure was reported, and its quarters, due to be compared, give another."""
        return self.dibandingkan and self.dari_triwulan != self.nilai


def realisasi_tahun(tahunan: Decimal | None, triwulan: Mapping[int, Decimal | None],
                    agregasi: Agregasi | str) -> RealisasiTahun:
    """The year's realisasi from the annual figure reported (``tahunan``, None when none)
    and the quarters' figures (``triwulan``: quarter 1–4 -> value; missing quarters may be
    left out), by the indicator's ``agregasi``. See the module's rule."""
    agregasi = Agregasi(agregasi)
    nilai_tw = [triwulan.get(tw) for tw in TRIWULAN]
    terisi = tuple(tw for tw, n in zip(TRIWULAN, nilai_tw, strict=True) if n is not None)
    dari_triwulan = aggregate(nilai_tw, agregasi)
    if tahunan is not None:
        return RealisasiTahun(tahunan, SumberTahun.TAHUNAN, dari_triwulan, terisi, agregasi)
    if dari_triwulan is not None:
        return RealisasiTahun(dari_triwulan, SumberTahun.TRIWULAN, dari_triwulan, terisi,
                              agregasi)
    return RealisasiTahun(None, None, None, terisi, agregasi)


@dataclass(frozen=True)
class RealisasiKomponen:
    """A realisasi computed from components: Σ komponen ÷ penyebut × 100."""

    nilai: Decimal
    pembilang: Decimal
    penyebut: Decimal


def realisasi_komponen(komponen: Sequence[Decimal | None],
                       penyebut: Decimal | None) -> RealisasiKomponen | None:
    """The realisasi of an indicator computed from its components (e.g. the seed's IKU
    "Persentase PPKS yang ditangani" = 13.415 PPKS handled by the sub kegiatan ÷ 14.460 PPKS ×
    100 = 92,77 %): the sum of the top-level components over the denominator, × 100. None
    when there is no component, when one has no value (a partial sum would understate it), or
    when the denominator is missing or 0. Dasar: the indicator's own formula (Permenpan RB
    53/2014: pengukuran with the indicator's formula); the sum of the components is the
    numerator as the Renstra defines it."""
    if not komponen or any(k is None for k in komponen) or penyebut is None:
        return None
    pembilang = sum((k for k in komponen if k is not None), Decimal(0))
    nilai = compute_persentase(pembilang, penyebut)
    if nilai is None:
        return None
    return RealisasiKomponen(nilai, pembilang, penyebut)
