"""What a budget sheet gives (``HasilImpor``): its budget rows, the problems that stop the
import and the printed amounts that are not the sum of what they cover."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from akuntabel.core.angka import format_rupiah


@dataclass(frozen=True)
class BarisAnggaranImpor:
    """One budget row of the sheet; ``induk`` is the sheet row number of its parent."""

    nomor: int
    tingkat: str  # "program" | "kegiatan" | "sub_kegiatan" | "rekening" | "uraian"
    kode: str  # "" for "uraian"
    uraian: str
    pagu: Decimal | None
    realisasi: Decimal | None
    induk: int | None


@dataclass(frozen=True)
class Masalah:
    """A problem that stops the import, in the active language (Indonesian by default):
    "Baris 14, kolom Pagu: … bukan angka".

    ``kolom`` is the column's label (``"Kode"``, ``"Uraian"``, ``"Pagu"``, ``"Realisasi"``)
    or None when the problem is the row's or the sheet's.
    """

    nomor: int | None
    kolom: str | None
    pesan: str


@dataclass(frozen=True)
class SelisihImpor:
    """A printed amount that is not the sum of what it covers, kept as printed.

    ``jenis`` is ``"induk"`` (a row with children; ``dihitung`` is their sum) or ``"total"``
    (a Jumlah/Total row; ``dihitung`` is the sum of the budget rows it is compared with).
    ``ukuran`` is ``"pagu"`` or ``"realisasi"``.
    """

    nomor: int
    jenis: str
    kode: str
    uraian: str
    ukuran: str
    tercetak: Decimal
    dihitung: Decimal

    @property
    def pesan(self) -> str:
        nama = f"{self.kode} {self.uraian}".strip() or _("no description")
        dasar = (_("the sum of its details") if self.jenis == "induk"
                 else _("the sum of its budget rows"))
        return _("Row %(baris)s (%(nama)s): %(ukuran)s printed %(tercetak)s, %(dasar)s "
                 "%(dihitung)s.") % {
            "baris": self.nomor, "nama": nama, "ukuran": self.ukuran,
            "tercetak": format_rupiah(self.tercetak), "dasar": dasar,
            "dihitung": format_rupiah(self.dihitung)}


@dataclass(frozen=True)
class HasilImpor:
    """What a sheet holds: its budget rows in sheet order, problems, selisih, columns found.

    ``kolom`` maps ``"kode"``, ``"uraian"``, ``"pagu"``, ``"realisasi"`` (those found) to the
    0-based index of the column in each row's ``sel``. The import may proceed only when
    ``masalah`` is empty; ``selisih`` are findings, not errors.
    """

    baris: tuple[BarisAnggaranImpor, ...]
    masalah: tuple[Masalah, ...]
    selisih: tuple[SelisihImpor, ...]
    kolom: dict[str, int]
    catatan: tuple[str, ...] = ()
    """What the reader did that the user should know, in the active language: a scale applied, code
    prefixes left out, pendapatan/pembiayaan rows not imported."""
    skala: Decimal = Decimal(1)
    """The factor every amount was multiplied by ("dalam ribuan": 1.000)."""
