"""How a figure is written into the LKjIP: an ``Angka`` with its text, formula and source;
a date in Indonesian; the conventions the tables print."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from akuntabel.core.angka import format_angka, format_persen, format_rupiah
from akuntabel.core.capaian import compute_persentase
from akuntabel.core.efisiensi import Varian
from akuntabel.reports.document import Angka
from akuntabel.results.capaian import TargetTahunan
from akuntabel.results.models import Realisasi

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
# The default method only: the LKjIP reads the pemda's choice (Pemda.efisiensi_metode).
EFISIENSI_VARIAN = Varian.SELISIH
# The order of ``core.reviu.common.target_berlaku``, which ``compute_capaian_many`` applies.
TARGET_BERLAKU = ("Target yang berlaku: PK perubahan, lalu PK, Renja, Renstra; target yang "
                  "kosong atau “-” dilewati.")
def format_tanggal(d: date) -> str:
    """``29 Februari 2024``."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def rupiah(nilai: Decimal | None, rumus: str = "",
           sumber: tuple[tuple[str, str], ...] = ()) -> Angka:
    return Angka(nilai, "rupiah", format_rupiah(nilai), rumus, sumber)


def persen(nilai: Decimal | None, rumus: str = "",
           sumber: tuple[tuple[str, str], ...] = ()) -> Angka:
    return Angka(nilai, "persen", format_persen(nilai), rumus, sumber)


def angka(nilai: Decimal | None, rumus: str = "") -> Angka:
    return Angka(nilai, "angka", format_angka(nilai), rumus)


def teks(value: str) -> Angka:
    return Angka(None, "teks", value or "–")


def _serapan(pagu: Decimal | None, realisasi: Decimal | None, src: tuple[tuple[str, str], ...]
             = ()) -> Angka:
    nilai = compute_persentase(realisasi, pagu)
    rumus = (f"{format_angka(realisasi, 0)} ÷ {format_angka(pagu, 0)} × 100"
             if pagu is not None and realisasi is not None else "")
    return persen(nilai, rumus, src)


def ukuran(nilai: Decimal, satuan: str, rumus: str = "",
           sumber: tuple[tuple[str, str], ...] = ()) -> Angka:
    """A measure with its unit: ``91,50%`` for "%", else ``12 Orang``."""
    if satuan == "%":
        return persen(nilai, rumus, sumber)
    return Angka(nilai, "angka", f"{format_angka(nilai)} {satuan}".strip(), rumus, sumber)


def _nilai_teks(value: TargetTahunan | Realisasi | None) -> Angka:
    """A target or realisasi as a figure: its number when it is one, else its text."""
    if value is None:
        return teks("")
    if value.nilai is not None and value.satuan == "%":
        return persen(value.nilai)
    if value.nilai is not None:
        return Angka(value.nilai, "angka", f"{format_angka(value.nilai)} {value.satuan}".strip())
    return teks(value.teks)
