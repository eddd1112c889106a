"""What a SIPD file gives, whatever its layout: per unit (SKPD or sub unit) the program /
kegiatan / sub kegiatan tree with the codes and names as exported, the DPA lines by kode
rekening with their pagu, and the realisasi where the file has one.

Codes (Kepmendagri 050-5889/2021 and 900.1.15.5-1317/2023 for the nomenclature; Permendagri
90/2019 for the kode rekening):

* program ``U.BB.PP`` (``2.16.01``, ``X.XX.01``), kegiatan ``U.BB.PP.K.KK`` (``2.16.01.2.01``),
  sub kegiatan ``U.BB.PP.K.KK.SSSS`` (``2.16.01.2.01.0001``);
* urusan ``2``, bidang ``2.16``, SKPD / sub unit ``2.16.2.20.2.21.01.0000``;
* kode rekening belanja ``5`` down to sub rincian objek, in the format up to 2025
  (``5.1.02.01.01.0024``) or from 2026 (``5.1.02.01.001.00024``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from akuntabel.adapters.xlsx.reader import WorkbookError, cell_number
from akuntabel.core.batas import UANG, cek_batas

TINGKAT = ("program", "kegiatan", "sub_kegiatan", "rekening", "uraian")

_U = r"(?:\d|X)"
_BB = r"(?:\d{2}|XX)"
POLA = {
    "urusan": re.compile(rf"^{_U}$"),
    "bidang": re.compile(rf"^{_U}\.{_BB}$"),
    "skpd": re.compile(r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$"),
    "program": re.compile(rf"^{_U}\.{_BB}\.\d{{2}}$"),
    "kegiatan": re.compile(rf"^{_U}\.{_BB}\.\d{{2}}\.\d\.\d{{2}}$"),
    "sub_kegiatan": re.compile(rf"^{_U}\.{_BB}\.\d{{2}}\.\d\.\d{{2}}\.\d{{4}}$"),
    "rekening": re.compile(r"^5(?:\.\d(?:\.\d{2}(?:\.\d{2}(?:\.\d{2,3}(?:\.\d{4,5})?)?)?)?)?$"),
}


def rapikan_kode(teks: object) -> str:
    """A code as text, spaces around its dots removed; "" for an empty cell."""
    if teks is None:
        return ""
    return re.sub(r"\s*\.\s*", ".", str(teks).strip()).upper()


def cocok(kode: str, tingkat: str) -> bool:
    return bool(POLA[tingkat].match(kode))


def baca_jumlah(nilai: object, tempat: str) -> Decimal | None:
    """An amount of a cell or a JSON value: a number, or Indonesian text (``'1.250.000,50'``,
    ``'0,00'``); None when empty. Raises WorkbookError naming ``tempat`` when it is not a
    number or cannot be stored (beyond Rp 10^15, more than two decimals, 1e308)."""
    if isinstance(nilai, float) and nilai != nilai:  # NaN from a JSON file
        raise WorkbookError(_("%(tempat)s: not a number.") % {"tempat": tempat})
    angka = cell_number(nilai, tempat)
    if angka is None:
        return None
    alasan = cek_batas(angka, UANG)
    if alasan:
        raise WorkbookError(_("%(tempat)s: the amount %(nilai)s cannot be stored: %(alasan)s")
                            % {"tempat": tempat, "nilai": str(nilai)[:40], "alasan": alasan})
    return angka


def jumlah(nilai: list[Decimal | None]) -> Decimal | None:
    """The sum of amounts, None when none is given."""
    ada = [n for n in nilai if n is not None]
    return sum(ada, Decimal(0)) if ada else None


@dataclass
class Node:
    """One row of the tree: a program, kegiatan, sub kegiatan, a rekening line or a detail
    line (``uraian``: a paket of the Rekap). ``tempat`` names where it was read."""

    tingkat: str
    kode: str
    uraian: str
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    tempat: str = ""
    anak: list[Node] = field(default_factory=list)

    def semua(self) -> list[Node]:
        """This node and every node under it, in order."""
        hasil = [self]
        for a in self.anak:
            hasil.extend(a.semua())
        return hasil


@dataclass
class Unit:
    """One SKPD or sub unit of the file and its programs."""

    kode: str
    nama: str
    program: list[Node] = field(default_factory=list)

    def nodes(self) -> list[Node]:
        return [n for p in self.program for n in p.semua()]

    def total(self, ukuran: str = "pagu") -> Decimal:
        return sum((getattr(n, ukuran) or Decimal(0) for n in self.nodes()
                    if n.tingkat == "sub_kegiatan"), Decimal(0))


@dataclass
class BerkasSipd:
    """What a SIPD file holds. ``jenis``: ``"rekap"`` (the Rekap xlsx), ``"api"`` (the API
    drill-down JSON), ``"mentah"`` (the raw SIPD-RI API JSON) or ``"lra"``. ``bulan``: the
    month the realisasi is cumulative to (LRA), None when the file does not say.
    ``masalah`` stop the import; ``selisih`` (printed sums that are not the sum of what they
    cover) and ``catatan`` are shown in the preview."""

    nama: str
    jenis: str
    unit: list[Unit] = field(default_factory=list)
    tahun: int | None = None
    bulan: int | None = None
    ada_realisasi: bool = False
    masalah: list[str] = field(default_factory=list)
    selisih: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    total_pagu: Decimal | None = None  # as the file prints it (a footer), when it does
    total_realisasi: Decimal | None = None

    def pagu(self) -> Decimal:
        return sum((u.total() for u in self.unit), Decimal(0))

    def realisasi(self) -> Decimal:
        return sum((u.total("realisasi") for u in self.unit), Decimal(0))

    def pilih_unit(self, kunci: str) -> list[Unit]:
        """The units named by ``kunci``: a code exactly, else a name containing it."""
        k = kunci.strip().lower()
        persis = [u for u in self.unit if u.kode.lower() == k]
        return persis or [u for u in self.unit if k and k in u.nama.lower()]


BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def nama_jenis(berkas: BerkasSipd) -> str:
    """What the file is, for the preview: "LRA Rekapitulasi Belanja s.d. Juni 2026"."""
    if berkas.jenis == "lra":
        bulan = _(" up to %(bulan)s") % {"bulan": BULAN[berkas.bulan - 1]} if berkas.bulan else ""
        return _("SIPD LRA Rekapitulasi Belanja%(bulan)s") % {"bulan": bulan}
    return {"rekap": _("SIPD-RI Rekap (pagu per paket/kelompok)"),
            "api": _("SIPD API drill-down (statistik belanja)"),
            "mentah": _("SIPD-RI API JSON (per sub kegiatan)")}.get(berkas.jenis, berkas.jenis)
