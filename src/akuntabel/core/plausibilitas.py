"""Plausibility of a realisasi at entry: a value far from its target or from its own history is
SAVED with a warning that asks for a note (catatan), never refused.

Project convention (no regulation sets these checks; they serve the verifikator, who must
trust every figure, as the data-quality checks of health information systems such as DHIS2
flag a value outside its usual range at entry and ask for a comment rather than block it):

* **Far from the target**: a capaian above :data:`BATAS_CAPAIAN_TINGGI` (200 %) or below
  :data:`BATAS_CAPAIAN_RENDAH` (10 %) of the target in force. For a count (``kumulatif``)
  before TW IV the capaian so far covers only part of the year, so a low one is expected and
  only a high one is flagged (:func:`capaian_sebagian`).
* **Far from its history**: the modified z-score of Iglewicz & Hoaglin (B. Iglewicz and
  D. C. Hoaglin, *How to Detect and Handle Outliers*, ASQC 1993): ``M = 0,6745 (x − median) /
  MAD``, MAD the median of the absolute deviations from the median; ``|M| > 3,5`` is an
  outlier (their recommended bound). Median and MAD are used rather than the mean and the
  standard deviation because one wrong value in the history moves the latter.

  The rules where the formula says nothing (project convention):

  - fewer than :data:`MIN_RIWAYAT` earlier values: not judged (a median of two or three values
    says little about what is usual);
  - MAD 0 (more than half the history equal): the mean absolute deviation from the median,
    times 1,253314 (√(π/2), which makes it estimate the standard deviation as 0,6745 / MAD
    does), stands in for it;
  - no spread at all (the whole history equal): not judged; there is nothing to measure the
    distance by, and a rate that held at 100 for years is not an error when it moves. A value
    far off is still caught by the target check.

  The history compares like with like (:func:`riwayat_sebanding`): the indicator's earlier
  quarters (this year's and those of the :data:`RIWAYAT_TAHUN` years before), and for a rate
  (``nilai_akhir``) also the years' figures, which are values at a year's end like a quarter's;
  a count's annual figure is the sum of four quarters and is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from akuntabel.core.angka import format_angka, format_persen
from akuntabel.core.capaian import Agregasi

__all__ = [
    "BATAS_CAPAIAN_RENDAH",
    "BATAS_CAPAIAN_TINGGI",
    "BATAS_SKOR_Z",
    "MIN_RIWAYAT",
    "RIWAYAT_TAHUN",
    "Peringatan",
    "capaian_sebagian",
    "periksa_plausibilitas",
    "riwayat_sebanding",
    "skor_z_termodifikasi",
]

BATAS_CAPAIAN_TINGGI = Decimal(200)
"""A capaian above this (percent) is far above the target: twice what was planned."""
BATAS_CAPAIAN_RENDAH = Decimal(10)
"""A capaian below this (percent) is far below the target: a tenth of what was planned."""
BATAS_SKOR_Z = Decimal("3.5")
"""Iglewicz & Hoaglin's bound for the absolute modified z-score of an outlier."""
MIN_RIWAYAT = 4
"""The fewest earlier values the outlier check judges by: a year of quarters."""
RIWAYAT_TAHUN = 5
"""How many years before the current one the history reaches back: a Renstra period."""

_KONSTANTA_MAD = Decimal("0.6745")        # the 0,75 quantile of the standard normal
_KONSTANTA_RATA_RATA = Decimal("1.253314")  # √(π/2): mean absolute deviation → σ


@dataclass(frozen=True)
class Peringatan:
    """A warning on a value that was saved: a stable code and the figures its message names,
    already written as numbers are shown. The message itself is worded where it is shown, in
    the reader's language through the catalogue (``results.views.pesan_plausibilitas``)."""

    kode: str   # "capaian-tinggi" | "capaian-rendah" | "pencilan"
    isian: dict[str, str]
    """capaian-tinggi, capaian-rendah: ``capaian``, ``batas``; pencilan: ``nilai``,
    ``median``, ``n`` (earlier values), ``skor``, ``batas``."""


def capaian_sebagian(agregasi: Agregasi | str, triwulan: int) -> bool:
    """Whether the capaian so far at ``triwulan`` measures only part of the year: a count
    (``kumulatif``) before TW IV, whose quarters add up to the year's target."""
    return Agregasi(agregasi) == Agregasi.KUMULATIF and triwulan < 4


def riwayat_sebanding(triwulan: Iterable[Decimal | None], tahunan: Iterable[Decimal | None],
                      agregasi: Agregasi | str) -> list[Decimal]:
    """The earlier values a quarter's value is compared with: the filled ``triwulan`` values,
    and for a rate (``nilai_akhir``) also the filled ``tahunan`` (years') figures."""
    hasil = [v for v in triwulan if v is not None]
    if Agregasi(agregasi) == Agregasi.NILAI_AKHIR:
        hasil += [v for v in tahunan if v is not None]
    return hasil


def _median(nilai: Sequence[Decimal]) -> Decimal:
    urut = sorted(nilai)
    tengah = len(urut) // 2
    return urut[tengah] if len(urut) % 2 else (urut[tengah - 1] + urut[tengah]) / 2


def skor_z_termodifikasi(nilai: Decimal, riwayat: Sequence[Decimal]) -> Decimal | None:
    """The modified z-score of ``nilai`` against ``riwayat`` (see the module's note); None
    when the history is shorter than :data:`MIN_RIWAYAT` or has no spread."""
    if len(riwayat) < MIN_RIWAYAT:
        return None
    median = _median(riwayat)
    simpangan = [abs(v - median) for v in riwayat]
    mad = _median(simpangan)
    if mad:
        return _KONSTANTA_MAD * (nilai - median) / mad
    rata_rata = sum(simpangan, Decimal(0)) / len(simpangan)
    if not rata_rata:
        return None
    return (nilai - median) / (_KONSTANTA_RATA_RATA * rata_rata)


def periksa_plausibilitas(nilai: Decimal, capaian: Decimal | None,
                          riwayat: Sequence[Decimal], *,
                          capaian_sebagian: bool = False) -> list[Peringatan]:
    """The warnings on ``nilai`` (a quarter's realisasi) whose ``capaian`` against the target
    in force is given (None without a target) and whose comparable earlier values are
    ``riwayat`` (:func:`riwayat_sebanding`). ``capaian_sebagian``: the capaian covers part
    of the year, so a low one is not flagged. An empty list when the value is plausible."""
    hasil = []
    if capaian is not None and capaian > BATAS_CAPAIAN_TINGGI:
        hasil.append(Peringatan("capaian-tinggi", {
            "capaian": format_persen(capaian), "batas": format_persen(BATAS_CAPAIAN_TINGGI, 0)}))
    elif capaian is not None and capaian < BATAS_CAPAIAN_RENDAH and not capaian_sebagian:
        hasil.append(Peringatan("capaian-rendah", {
            "capaian": format_persen(capaian), "batas": format_persen(BATAS_CAPAIAN_RENDAH, 0)}))
    skor = skor_z_termodifikasi(nilai, riwayat)
    if skor is not None and abs(skor) > BATAS_SKOR_Z:
        hasil.append(Peringatan("pencilan", {
            "nilai": format_angka(nilai), "median": format_angka(_median(riwayat)),
            "n": str(len(riwayat)), "skor": format_angka(skor, 2),
            "batas": format_angka(BATAS_SKOR_Z)}))
    return hasil
