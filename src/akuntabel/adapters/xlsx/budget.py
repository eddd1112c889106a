"""Hierarchical budget sheets as budgeting systems export them (DPA, realisasi per rekening).

:func:`parse_budget_sheet` receives the rows of one sheet (``(nomor, sel)``: the 1-based sheet
row number and the cell values) and returns the budget tree it finds, every problem as a
:class:`Masalah` in Indonesian, and the printed amounts that are not the sum of what they
cover, as :class:`SelisihImpor`. It reads no file and never raises on cell contents: whatever
a sheet holds becomes a row, a problem or a selisih. Printed amounts are kept as printed and
never corrected; the mismatches are findings for the reviu.

Columns
    The header row is looked for in the first :data:`BATAS_BARIS_JUDUL` rows by the names in
    :data:`JUDUL_KOLOM`, in any order, ignoring case, stray spaces, dots, line breaks and a
    ``(Rp)`` suffix. Uraian and pagu are required, kode and realisasi optional. When several
    columns match one measure the name listed first wins (``Anggaran Setelah Perubahan`` over
    ``Anggaran``); the same name twice is a problem, unless side by side: a header merged over
    several columns, which the xlsx reader fills into each, is one column (for Uraian, text in
    the columns it covers is read when the Uraian cell itself is empty, as for indented detail
    lines). A second header row right below the first (``Anggaran`` merged over
    ``Pagu | Realisasi``) is merged into it; a column-number row (``1 2 3 4``) and repeated
    header rows (page breaks) are skipped wherever they appear.

    A code split over three or more columns side by side, named by :data:`KODE_BAGIAN`
    (``Urusan | Bidang | Program | Kegiatan | Sub Kegiatan | Kode Rekening``, in one header
    row or under a merged ``Kode``), is read as one Kode column: the filled parts joined with
    dots, numbers given back their leading zeros (program ``2`` -> ``02``, sub kegiatan ``3``
    -> ``0003``); a filled rekening part is the code by itself.

    A scale note in the header area or in a header name ("dalam ribuan rupiah", "(Rp 000)",
    "dalam jutaan", "(Rp 000.000)") multiplies every amount by 1.000 (or 1.000.000); two
    different notes are a problem. What the reader did this way is listed in
    ``HasilImpor.catatan``, for the preview.

Levels, by code (spaces around the dots are ignored)
    * program ``U.BB.PP`` (``1.06.02``, ``X.XX.01``), kegiatan ``U.BB.PP.X.KK``
      (``1.06.02.2.01``), sub kegiatan ``U.BB.PP.X.KK.SSSS`` (``1.06.02.2.01.0001``):
      nomenclature of Kepmendagri 050-5889/2021. Each hangs under the nearest preceding row
      whose code is its prefix, or is a root.
    * kode rekening belanja (Permendagri 90/2019): ``5`` and up to five more dotted groups of
      digits (``5.1``, ``5.1.02.01.01.0024``). A rekening hangs under the rekening of the
      current program/kegiatan/sub kegiatan whose code is its longest prefix, else under that
      program/kegiatan/sub kegiatan.
    * a row without a code (a detail line) is ``"uraian"`` and hangs under the nearest
      preceding coded row; so is a row whose Kode cell holds the same text as its Uraian cell
      (a label merged over both). A detail line with text but no amount stays in the result
      but not in the roll-up, so a heading line does not stop a parent from being checked.
      Any other text in the Kode column, or a code Excel turned into a date, is a problem and
      the row is left out.
    * a code carrying the SKPD or urusan prefix (``1.06.0.00.0.00.01.0000.1.06.02``,
      ``1.06.1.06.02``) is read without it when the rest is a program, kegiatan or sub
      kegiatan code; a rekening code prefixed with the code of the program, kegiatan or sub
      kegiatan it stands under (``1.06.02.2.02.0003.5.1``) likewise. Only codes that match no
      pattern as printed are tried, the shortest prefix first.
    * pendapatan (``4.1 …``) and pembiayaan (``6.1 …``) accounts, and ``4`` / ``6`` whose
      uraian names them, are not imported: each is listed by row in ``catatan`` with the
      uncoded and Jumlah rows under it, until the next program or belanja code. Only belanja
      (``5``) is imported.

Amounts
    Numbers, or Indonesian number text read by :func:`akuntabel.core.angka.parse_rupiah`
    (``1.250.000``, ``Rp 1.250.000,00``; ``-`` is 0). A float cell is read with Excel's own 15
    significant digits, so ``0.1 + 0.2`` stored by Excel is ``0.3``. An amount must fit the
    database (below Rp 10^18, at most two decimals, i.e. whole sen). A blank cell is no amount.
    A formula without a stored value (a cell object of a class named ``Rumus``, or text
    starting with ``=``) is a problem: the workbook was written by a program that did not
    compute it.

Totals
    Rows labelled ``Jumlah``, ``Total``, ``Sub Total``, ``JUMLAH TOTAL`` … without a code (the
    label in the Kode or Uraian column or a column left of them, e.g. merged over ``No`` and
    ``Kode``) are not budget rows. Their amounts are compared with the tree: a total matches
    when it equals the sum of the top-level rows since the previous total, the rolled-up amount
    of the last row above it or of one of that row's ancestors, or the sum of all top-level
    rows above it. Otherwise it is a selisih against the first of: the top-level rows since the
    previous total, the program/kegiatan/sub kegiatan it closes, all top-level rows. Totals are
    compared only when the sheet has codes, since without them the levels are unknown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from decimal import Context, Decimal, localcontext
from functools import reduce
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

from akuntabel.core.anggaran import BarisAnggaran, HasilNode, find_induk_tidak_sama, rollup
from akuntabel.core.angka import AngkaError, format_angka, format_rupiah, parse_rupiah

__all__ = [
    "BATAS_BARIS_JUDUL",
    "JUDUL_KOLOM",
    "BarisAnggaranImpor",
    "HasilImpor",
    "Masalah",
    "SelisihImpor",
    "parse_budget_sheet",
]

BATAS_BARIS_JUDUL = 20
"""The header row is looked for in this many first rows."""

JUDUL_KOLOM: dict[str, tuple[str, ...]] = {
    "kode": ("kode rekening", "kode", "kd rek", "no rekening", "kode akun"),
    "uraian": (
        "uraian",
        "uraian kegiatan",
        "uraian rekening",
        "nama rekening",
        "uraian program/kegiatan/sub kegiatan",
        "program/kegiatan/sub kegiatan",
        "program/kegiatan",
        "kegiatan",
        "nama",
    ),
    "pagu": (
        "anggaran setelah perubahan",
        "anggaran perubahan",
        "pagu perubahan",
        "pagu anggaran",
        "jumlah anggaran",
        "pagu",
        "anggaran",
        "anggaran murni",
        "pagu murni",
        "pagu indikatif",
        "nilai",
    ),
    "realisasi": (
        "realisasi",
        "realisasi anggaran",
        "realisasi s d tw iv",
        "realisasi s/d tw iv",
        "realisasi sd tw iv",
        "realisasi s d triwulan iv",
        "realisasi s/d triwulan iv",
        "realisasi sampai dengan triwulan iv",
        "realisasi belanja",
        "sp2d",
    ),
}
"""Header names per column, normalised; when several columns match, the first name wins."""

KODE_BAGIAN: dict[str, tuple[str, ...]] = {
    "urusan": ("kode urusan", "kd urusan", "urusan"),
    "bidang": ("kode bidang", "kode bidang urusan", "kd bidang", "bidang", "bidang urusan"),
    "program": ("kode program", "kd program", "kd prog", "program"),
    "kegiatan": ("kode kegiatan", "kd kegiatan", "kd keg", "kegiatan"),
    "sub_kegiatan": ("kode sub kegiatan", "kode subkegiatan", "kd sub kegiatan", "kd sub keg",
                     "sub kegiatan", "sub"),
    "rekening": ("kode rekening", "kd rek", "rekening"),
}
"""Header names of the parts of a code split over several columns, in their order."""

_WAJIB = ("uraian", "pagu")
_LABEL = {"kode": "Kode", "uraian": "Uraian", "pagu": "Pagu", "realisasi": "Realisasi"}
_UKURAN = ("pagu", "realisasi")

_U_BB_PP = r"(?:[0-9]\.[0-9]{2}|X\.XX)\.[0-9]{2}"
_TINGKAT_KODE = (
    ("program", re.compile(_U_BB_PP)),
    ("kegiatan", re.compile(_U_BB_PP + r"\.[0-9]\.[0-9]{2}")),
    ("sub_kegiatan", re.compile(_U_BB_PP + r"\.[0-9]\.[0-9]{2}\.[0-9]{4}")),
    ("rekening", re.compile(r"5(?:\.[0-9]{1,4}){0,5}")),
)
# Urusan and bidang urusan rows that budgeting systems print above the programs.
_URUSAN_BIDANG = re.compile(r"(?:[0-9]|X)(?:\.(?:[0-9]{2}|XX))?")
_TINGKAT_PROGRAM = ("program", "kegiatan", "sub_kegiatan")
_PANJANG_INDUK = {"kegiatan": (3,), "sub_kegiatan": (5, 3)}  # prefix lengths, nearest first

_TOTAL = re.compile(r"(?:sub\s*-?\s*)?(?:jumlah|total)\b", re.IGNORECASE)
_NOMOR = re.compile(r"[0-9]{1,3}")
_SPASI_TITIK = re.compile(r"\s*\.\s*")
_RP_DALAM_KURUNG = re.compile(r"\(\s*(?:rp|rupiah|idr)\s*\)")
_GARIS_MIRING = re.compile(r"\s*/\s*")
# A scale note in a header name ("Anggaran (Rp 000)", after dots became spaces), left out.
_SKALA_DI_JUDUL = re.compile(
    r"\(\s*(?:rp|rupiah|idr)?\s*(?:000(?:\s000)?|ribuan|jutaan)\s*\)"
    r"|\(?\s*dalam\s+(?:ribuan|jutaan|ribu|juta)(?:\s+rupiah)?\s*\)?"
)
# Scale notes in the header area: the amounts are in thousands (or millions) of rupiah.
_SKALA = (
    (Decimal(1_000_000), re.compile(
        r"dalam\s+(?:jutaan|juta)\b|jutaan\s+rupiah|\(\s*(?:rp\.?\s*)?000\.000\s*\)"
        r"|rp\.?\s*000\.000(?![0-9.,])", re.IGNORECASE)),
    (Decimal(1_000), re.compile(
        r"dalam\s+(?:ribuan|ribu)\b|ribuan\s+rupiah|\(\s*(?:rp\.?\s*)?000\s*\)"
        r"|rp\.?\s*000(?![0-9.,])", re.IGNORECASE)),
)
# Pendapatan (4) and pembiayaan (6) accounts of Permendagri 90/2019: akun.kelompok.jenis
# .objek.rincian objek.sub rincian objek. A lone "4" or "6" is one only when its uraian says
# so; otherwise it is an urusan heading.
_BUKAN_BELANJA = re.compile(r"[46]\.[0-9](?:\.[0-9]{2}){0,3}(?:\.[0-9]{4})?")
_URAIAN_BUKAN_BELANJA = re.compile(r"pendapatan|pembiayaan|penerimaan|pengeluaran",
                                   re.IGNORECASE)
_JENIS_AKUN = {"4": "pendapatan", "6": "pembiayaan"}
# The SKPD / urusan code some systems print before a program's code: urusan.bidang pairs,
# then optionally unit.sub unit ("1.06.0.00.0.00.01.0000").
_AWALAN_SKPD = re.compile(r"(?:(?:[0-9]|X)\.(?:[0-9]{2}|XX)\.)+(?:[0-9]{2}\.[0-9]{4}\.)?")
_BATAS_RUPIAH = Decimal(10) ** 18  # DecimalField(max_digits=20, decimal_places=2)
_SEN = Decimal("0.01")
_LEBAR = Context(prec=60)
_WAKTU = (date, time, timedelta)  # datetime is a date


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


@dataclass(frozen=True)
class _Judul:
    nomor: int  # the (first) header row
    sesudah: int  # position of the first row after the header among the rows read
    kolom: dict[str, int]
    lanjutan_uraian: tuple[int, ...]  # columns an uraian may spill into (merged cells)
    kode_bagian: tuple[tuple[int, str], ...] = ()  # a code split over columns: (index, part)
    skala: Decimal = Decimal(1)
    catatan: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Total:
    nomor: int
    label: str
    jumlah: dict[str, Decimal | None]
    akar_awal: int  # roots since the previous total: akar[akar_awal:akar_akhir]
    akar_akhir: int
    terakhir: int | None  # index of the last tree row above it


def parse_budget_sheet(rows: Iterable[Any]) -> HasilImpor:
    """Read a hierarchical budget sheet; see the module docstring for the rules.

    ``rows`` yields ``(nomor, sel)`` tuples or objects with ``.nomor`` and ``.sel`` (the xlsx
    reader's ``Row``), in sheet order; it is read once, so a streaming reader works.
    """
    iterator = iter(rows)
    awal: list[tuple[int, Sequence[object]]] = []
    for row in iterator:
        awal.append(_baris(row))
        if len(awal) >= BATAS_BARIS_JUDUL:
            break

    judul, masalah_judul = _cari_judul(awal)
    if judul is None:
        return HasilImpor((), tuple(masalah_judul), (), {})
    judul, masalah_skala = _cari_skala(judul, awal[: judul.sesudah])
    masalah_judul.extend(masalah_skala)

    pembaca = _Pembaca(judul)
    pembaca.masalah.extend(masalah_judul)
    for nomor, sel in _gabung(awal[judul.sesudah :], (_baris(row) for row in iterator)):
        pembaca.baca(nomor, sel)
    return pembaca.selesai()


def _baris(row: Any) -> tuple[int, Sequence[object]]:
    """``(nomor, sel)`` from a reader's ``Row`` or a plain tuple; a ``sel`` that is not a
    sequence of cells counts as an empty row."""
    if hasattr(row, "nomor") and hasattr(row, "sel"):
        nomor, sel = row.nomor, row.sel
    else:
        nomor, sel = row
    return nomor, sel if isinstance(sel, Sequence) and not isinstance(sel, str) else ()


def _gabung(
    pertama: list[tuple[int, Sequence[object]]], lanjut: Iterator[tuple[int, Sequence[object]]]
) -> Iterator[tuple[int, Sequence[object]]]:
    yield from pertama
    yield from lanjut


# -- the header ------------------------------------------------------------------------------


def _cari_judul(
    awal: list[tuple[int, Sequence[object]]],
) -> tuple[_Judul | None, list[Masalah]]:
    """The header row (and a second header row under it), or the problem naming what's missing."""
    kecocokan = [_cocokkan_judul(sel) for _, sel in awal]
    for i, cocok in enumerate(kecocokan):
        if not cocok:
            continue
        gabungan = dict(cocok)
        atas = [awal[i][1]]
        bawah = _cocokkan_bagian(awal[i + 1][1]) if i + 1 < len(awal) else ()
        if i + 1 < len(awal) and (kecocokan[i + 1] or bawah):
            gabungan.update(kecocokan[i + 1])  # the lower header row names the column
            atas.append(awal[i + 1][1])
        bagian = bawah or _cocokkan_bagian(awal[i][1])
        for j, _bagian in bagian:  # the parts of a split code are one Kode column
            gabungan.pop(j, None)
        if bagian:
            gabungan[bagian[0][0]] = ("kode", -1)
        if all(k in {kunci for kunci, _ in gabungan.values()} for k in _WAJIB):
            judul, masalah = _susun_judul(awal[i][0], i + len(atas), gabungan, atas)
            if judul is not None and bagian:
                judul = replace(judul, kode_bagian=bagian, catatan=(
                    _("The code is read from separate columns (%(kolom)s) joined with dots.")
                    % {"kolom": ", ".join(f"{_huruf(j)} {b.replace('_', ' ')}"
                                          for j, b in bagian)},))
            return judul, masalah

    # No usable header: name what is missing and what was seen.
    terbaik = max(range(len(awal)), key=lambda i: len(kecocokan[i]), default=None)
    if terbaik is not None and not kecocokan[terbaik]:
        terbaik = next((i for i, (_, sel) in enumerate(awal) if _teks_sel(sel)), None)
    ditemukan = {k for k, _ in kecocokan[terbaik].values()} if terbaik is not None else set()
    # Every required name may be seen on a row that still is no usable header (a "KODE" read
    # as one part of a split code, say): then the header as a whole is what is missing.
    hilang = [_LABEL[k] for k in _WAJIB if k not in ditemukan] or [_LABEL[k] for k in _WAJIB]
    pesan = [_("Column %(kolom)s not found in the first %(batas)s rows.") % {
        "kolom": _dan(hilang), "batas": BATAS_BARIS_JUDUL}]
    nomor: int | None = None
    if terbaik is not None:
        nomor = awal[terbaik][0]
        terbaca = ", ".join(f"'{t}'" for t in _teks_sel(awal[terbaik][1])[:12])
        pesan.append(_("Column headings read (row %(baris)s): %(judul)s.") % {
            "baris": nomor, "judul": terbaca})
    elif awal:
        pesan.append(_("No column heading was read."))
    else:
        pesan.append(_("This sheet is empty."))
    dikenal = "; ".join(
        f"{_LABEL[k]}: {', '.join(JUDUL_KOLOM[k])}" for k in _WAJIB if _LABEL[k] in hilang
    )
    pesan.append(_("Headings recognised — %(dikenal)s.") % {"dikenal": dikenal})
    return None, [Masalah(nomor, None, " ".join(pesan))]


def _dan(daftar: list[str]) -> str:
    """"A dan B dan C" in the active language ("" for no item)."""
    if not daftar:
        return ""
    return reduce(lambda a, b: _("%(a)s and %(b)s") % {"a": a, "b": b}, daftar)


def _cocokkan_bagian(sel: Sequence[object]) -> tuple[tuple[int, str], ...]:
    """The columns of a code split over several columns (``Urusan | Bidang | Program |
    Kegiatan | Sub Kegiatan``): three or more side by side, parts in their order."""
    urutan = list(KODE_BAGIAN)
    nama = [_normal_judul(isi) for isi in sel]
    terbaik: list[tuple[int, str]] = []
    deret: list[tuple[int, str]] = []
    for j, n in enumerate(nama):
        bagian = next((b for b in urutan if n and n in KODE_BAGIAN[b]), None)
        if bagian is not None and deret and j == deret[-1][0] + 1 \
                and urutan.index(bagian) > urutan.index(deret[-1][1]):
            deret.append((j, bagian))
        else:
            deret = [(j, bagian)] if bagian is not None else []
        if len(deret) > len(terbaik):
            terbaik = list(deret)
    return tuple(terbaik) if len(terbaik) >= 3 else ()


def _cari_skala(judul: _Judul, atas: list[tuple[int, Sequence[object]]]
                ) -> tuple[_Judul, list[Masalah]]:
    """A "dalam ribuan" / "(Rp 000)" note above or in the header: the factor of every amount."""
    temuan: dict[Decimal, tuple[int, str]] = {}
    for nomor, sel in atas:
        for isi in sel:
            if not isinstance(isi, str):
                continue
            for faktor, pola in _SKALA:
                if pola.search(isi):
                    temuan.setdefault(faktor, (nomor, _tampil(isi)))
                    break
    if not temuan:
        return judul, []
    if len(temuan) > 1:
        daftar = "; ".join(_("row %(baris)s: '%(teks)s'") % {"baris": n, "teks": teks}
                           for n, teks in temuan.values())
        return judul, [Masalah(judul.nomor, None, _("Unclear number unit (%(daftar)s); keep one "
                                                    "note of thousands or millions.")
                               % {"daftar": daftar})]
    faktor, (nomor, teks) = next(iter(temuan.items()))
    isi = {"baris": nomor, "teks": teks, "faktor": format_angka(faktor)}
    if faktor == 1_000:
        catatan = _("The amounts on this sheet are in thousands of rupiah (row %(baris)s: "
                    "'%(teks)s'); every amount is multiplied by %(faktor)s.") % isi
    else:
        catatan = _("The amounts on this sheet are in millions of rupiah (row %(baris)s: "
                    "'%(teks)s'); every amount is multiplied by %(faktor)s.") % isi
    return replace(judul, skala=faktor, catatan=(*judul.catatan, catatan)), []


def _cocokkan_judul(sel: Sequence[object]) -> dict[int, tuple[str, int]]:
    """Column index -> (column key, rank of the name) for the cells that are known headers."""
    hasil: dict[int, tuple[str, int]] = {}
    for i, isi in enumerate(sel):
        nama = _normal_judul(isi)
        if not nama:
            continue
        for kunci, daftar in JUDUL_KOLOM.items():
            if nama in daftar:
                hasil[i] = (kunci, daftar.index(nama))
                break
    return hasil


def _susun_judul(
    nomor: int,
    sesudah: int,
    cocok: dict[int, tuple[str, int]],
    sel_judul: list[Sequence[object]],
) -> tuple[_Judul, list[Masalah]]:
    masalah: list[Masalah] = []
    kolom: dict[str, int] = {}
    sambungan: dict[str, list[int]] = {}
    for kunci in JUDUL_KOLOM:
        calon = sorted((rank, i) for i, (k, rank) in cocok.items() if k == kunci)
        if not calon:
            continue
        kolom[kunci] = calon[0][1]
        sama = {i for rank, i in calon if rank == calon[0][0]}
        # A header merged over several columns comes filled into each: one column, continued.
        sambungan[kunci] = []
        while kolom[kunci] + len(sambungan[kunci]) + 1 in sama:
            sambungan[kunci].append(kolom[kunci] + len(sambungan[kunci]) + 1)
        kembar = sorted(sama - {kolom[kunci], *sambungan[kunci]})
        if kembar:
            daftar = _dan([_huruf(i) for i in [calon[0][1], *kembar]])
            masalah.append(
                Masalah(
                    nomor,
                    _LABEL[kunci],
                    _("Row %(baris)s: the column heading %(kolom)s appears more than once (columns "
                      "%(daftar)s); column %(dibaca)s is read.")
                    % {"baris": nomor, "kolom": _LABEL[kunci], "daftar": daftar,
                       "dibaca": _huruf(calon[0][1])},
                )
            )

    def kosong(i: int) -> bool:
        return all(_kosong(sel[i]) for sel in sel_judul if i < len(sel))

    dipakai = set(kolom.values())
    lanjutan = sambungan["uraian"]
    batas = max(len(sel) for sel in sel_judul)
    i = kolom["uraian"] + len(lanjutan) + 1
    while i < batas and i not in dipakai and kosong(i):
        lanjutan.append(i)
        i += 1
    return _Judul(nomor, sesudah, kolom, tuple(lanjutan)), masalah


def _normal_judul(isi: object) -> str:
    if not isinstance(isi, str):
        return ""
    teks = isi.casefold().replace(".", " ")
    teks = _RP_DALAM_KURUNG.sub(" ", teks)
    teks = _SKALA_DI_JUDUL.sub(" ", teks)
    teks = _GARIS_MIRING.sub("/", teks)
    return " ".join(teks.split()).rstrip(":").strip()


def _huruf(indeks: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": the column as Excel names it."""
    huruf = ""
    indeks += 1
    while indeks:
        indeks, sisa = divmod(indeks - 1, 26)
        huruf = chr(ord("A") + sisa) + huruf
    return huruf


# -- the rows --------------------------------------------------------------------------------


class _Pembaca:
    """Reads the rows after the header one by one, building the tree as it goes."""

    def __init__(self, judul: _Judul) -> None:
        self.judul = judul
        self.kolom = judul.kolom
        self.baris: list[BarisAnggaranImpor] = []
        self.induk: list[int | None] = []  # parent index per row
        self.masalah: list[Masalah] = []
        self.akar: list[int] = []  # indexes of the roots, in order
        self.total: list[_Total] = []
        self.ada_kode = False
        self.program: dict[str, int] = {}  # code -> index, program/kegiatan/sub kegiatan
        self.kembar_program: dict[tuple[int | None, str], int] = {}
        self.lingkup: int | None = None  # the current program/kegiatan/sub kegiatan
        self.rekening: dict[str, int] = {}  # code -> index, within the current lingkup
        self.berkode: int | None = None  # the nearest coded row above
        self.akar_sejak_total = 0
        self.skala = judul.skala
        self.catatan: list[str] = list(judul.catatan)
        self.awalan: list[tuple[int, str, str]] = []  # (row, code as printed, code read)
        # Pendapatan / pembiayaan rows left out: [row, code, uraian, kind, rows under it]
        self.bukan_belanja: list[list[Any]] = []
        self.dalam_bukan_belanja = False
        jumlah = {judul.kolom[k] for k in _UKURAN if k in judul.kolom}
        kiri = max(judul.kolom.get("kode", 0), judul.kolom["uraian"])
        self.kolom_label = [
            i for i in [*range(kiri + 1), *judul.lanjutan_uraian] if i not in jumlah
        ]

    def sel(self, sel: Sequence[object], kunci: str) -> object:
        if kunci == "kode" and self.judul.kode_bagian:
            return self._kode_bagian(sel)
        i = self.kolom.get(kunci)
        return sel[i] if i is not None and i < len(sel) else None

    def _kode_bagian(self, sel: Sequence[object]) -> object:
        """A code split over columns, joined: ``1 | 06 | 02 | 2.01 | 0001`` ->
        ``1.06.02.2.01.0001``; the rekening part alone when it is filled. A formula or
        a date in a part is returned as it is, for the usual message."""
        bagian: dict[str, object] = {}
        for j, nama in self.judul.kode_bagian:
            isi = sel[j] if j < len(sel) else None
            if _rumus(isi) or isinstance(isi, _WAKTU):
                return isi
            if not _kosong(isi):
                bagian[nama] = isi
        if not bagian:
            return None
        if "rekening" in bagian:
            return bagian["rekening"]
        return ".".join(_bagian_kode(nama, isi) for nama, isi in bagian.items())

    def baca(self, nomor: int, sel: Sequence[object]) -> None:
        if _nomor_kolom(sel, self.kolom) or self._judul_berulang(sel):
            return
        isi_kode = self.sel(sel, "kode")
        isi_uraian = self.sel(sel, "uraian")
        if _kosong(isi_uraian):
            isi_uraian = next(
                (
                    sel[i]
                    for i in self.judul.lanjutan_uraian
                    if i < len(sel) and not _kosong(sel[i])
                ),
                None,
            )

        if _rumus(isi_kode):
            self._masalah(nomor, "kode", _pesan_rumus())
            return
        kode = _baca_kode(isi_kode)
        tingkat = _tingkat(kode) if kode else None
        if kode and tingkat is None:
            jenis = _bukan_belanja(kode, _teks(isi_uraian))
            if jenis is not None:
                self.bukan_belanja.append([nomor, kode, _teks(isi_uraian), jenis, 0])
                self.dalam_bukan_belanja = True
                return
            tanpa_awalan = self._tanpa_awalan(nomor, kode)
            if tanpa_awalan is not None:
                self.awalan.append((nomor, kode, tanpa_awalan))
                kode, tingkat = tanpa_awalan, _tingkat(tanpa_awalan)
        if tingkat is not None:
            self.dalam_bukan_belanja = False
        elif self.dalam_bukan_belanja and (not kode or _TOTAL.match(kode)):
            if any(not _kosong(isi) for isi in sel):
                self.bukan_belanja[-1][4] += 1  # a row under a pendapatan/pembiayaan row
            return
        if kode and tingkat is None and _URUSAN_BIDANG.fullmatch(kode):
            return  # an urusan ("1") or bidang ("1.06") heading above the programs: grouping only
        if kode and tingkat is None:
            if isinstance(isi_kode, _WAKTU):
                self._masalah(nomor, "kode", _pesan_tanggal(isi_kode))
                return
            merged_label = isinstance(isi_kode, str) and _teks(isi_kode) == _teks(isi_uraian)
            if not (merged_label or _TOTAL.match(kode)):
                self._masalah(
                    nomor,
                    "kode",
                    _("'%(isi)s' is not a code of a program, kegiatan, sub kegiatan or belanja "
                      "rekening")
                    % {"isi": _tampil(isi_kode)},
                )
                return
            kode = ""  # a label merged over Kode and Uraian, or a Jumlah/Total label

        if _rumus(isi_uraian):
            self._masalah(nomor, "uraian", _pesan_rumus())
            isi_uraian = None
        uraian = _teks(isi_uraian)

        jumlah: dict[str, Decimal | None] = {}
        for ukuran in _UKURAN:
            nilai, salah = _baca_jumlah(self.sel(sel, ukuran), self.skala)
            if salah:
                self._masalah(nomor, ukuran, salah)
            jumlah[ukuran] = nilai

        if not kode:
            label = self._label_total(sel)
            if label is not None:
                self._catat_total(nomor, label, jumlah)
                return
            if not uraian:
                if any(v is not None for v in jumlah.values()):
                    self._masalah(nomor, None, _("there are amounts but neither a code nor an "
                                                 "uraian"))
                return
        self._tambah(nomor, tingkat or "uraian", kode, uraian, jumlah)

    def _tanpa_awalan(self, nomor: int, kode: str) -> str | None:
        """The code without an SKPD / urusan prefix, when the rest is a program, kegiatan or
        sub kegiatan code, or a rekening code prefixed by the code of the program, kegiatan or
        sub kegiatan it is under; None otherwise."""
        bagian = kode.split(".")
        for k in range(1, len(bagian)):
            awalan, sisa = ".".join(bagian[:k]) + ".", ".".join(bagian[k:])
            tingkat = _tingkat(sisa)
            if tingkat in _TINGKAT_PROGRAM and _AWALAN_SKPD.fullmatch(awalan):
                return sisa
            if tingkat == "rekening" and self.lingkup is not None:
                induk = awalan[:-1]
                if _tingkat(induk) not in _TINGKAT_PROGRAM:
                    induk = self._tanpa_awalan(nomor, induk) or ""
                if induk == self.baris[self.lingkup].kode:
                    return sisa
        return None

    def _tambah(
        self, nomor: int, tingkat: str, kode: str, uraian: str, jumlah: dict[str, Decimal | None]
    ) -> None:
        indeks = len(self.baris)
        if tingkat == "uraian":
            induk = self.berkode
        elif tingkat == "rekening":
            induk = self._induk_rekening(nomor, kode, indeks)
        else:
            induk = self._induk_program(nomor, tingkat, kode, indeks)
        if tingkat != "uraian":
            self.ada_kode = True
            self.berkode = indeks
        if induk is None:
            self.akar.append(indeks)
        self.induk.append(induk)
        self.baris.append(
            BarisAnggaranImpor(
                nomor=nomor,
                tingkat=tingkat,
                kode=kode,
                uraian=uraian,
                pagu=jumlah["pagu"],
                realisasi=jumlah["realisasi"],
                induk=None if induk is None else self.baris[induk].nomor,
            )
        )

    def _induk_program(self, nomor: int, tingkat: str, kode: str, indeks: int) -> int | None:
        bagian = kode.split(".")
        induk = None
        for panjang in _PANJANG_INDUK.get(tingkat, ()):
            induk = self.program.get(".".join(bagian[:panjang]))
            if induk is not None:
                break
        self._cek_kembar(nomor, kode, self.kembar_program, (induk, kode))
        self.kembar_program[(induk, kode)] = indeks
        self.program[kode] = indeks
        self.lingkup = indeks
        self.rekening = {}
        return induk

    def _induk_rekening(self, nomor: int, kode: str, indeks: int) -> int | None:
        bagian = kode.split(".")
        induk = self.lingkup
        for panjang in range(len(bagian) - 1, 0, -1):
            awalan = self.rekening.get(".".join(bagian[:panjang]))
            if awalan is not None:
                induk = awalan
                break
        self._cek_kembar(nomor, kode, self.rekening, kode)
        self.rekening[kode] = indeks
        return induk

    def _cek_kembar(
        self, nomor: int, kode: str, terlihat: Mapping[Any, int], kunci: object
    ) -> None:
        lama = terlihat.get(kunci)
        if lama is not None:
            self._masalah(
                nomor,
                "kode",
                _("code '%(kode)s' already appears on row %(baris)s under the same parent")
                % {"kode": kode, "baris": self.baris[lama].nomor},
            )

    def _catat_total(self, nomor: int, label: str, jumlah: dict[str, Decimal | None]) -> None:
        terakhir = len(self.baris) - 1 if self.baris else None
        self.total.append(
            _Total(nomor, label, jumlah, self.akar_sejak_total, len(self.akar), terakhir)
        )
        self.akar_sejak_total = len(self.akar)

    def _label_total(self, sel: Sequence[object]) -> str | None:
        """The Jumlah/Total label of a row without a code: in the kode or uraian column, or in
        a column left of them (a label merged over No and Kode)."""
        for i in self.kolom_label:
            isi = sel[i] if i < len(sel) else None
            if isinstance(isi, str) and _TOTAL.match(isi.strip()):
                return " ".join(isi.split())
        return None

    def _judul_berulang(self, sel: Sequence[object]) -> bool:
        """A header row repeated further down (page breaks of an exported report): at least two
        of the columns read hold one of their own header names, and nothing else."""
        terisi = 0
        for kunci, i in self.kolom.items():
            isi = sel[i] if i < len(sel) else None
            if _kosong(isi):
                continue
            if not isinstance(isi, str) or _normal_judul(isi) not in JUDUL_KOLOM[kunci]:
                return False  # the usual row: decided at its first filled cell
            terisi += 1
        return terisi >= 2

    def _masalah(self, nomor: int, kunci: str | None, isi: str) -> None:
        if kunci is None:
            self.masalah.append(Masalah(nomor, None, _("Row %(baris)s: %(isi)s") % {
                "baris": nomor, "isi": isi}))
        else:
            label = _LABEL[kunci]
            self.masalah.append(Masalah(nomor, label, _("Row %(baris)s, column %(kolom)s: "
                                                        "%(isi)s") % {
                "baris": nomor, "kolom": label, "isi": isi}))

    def selesai(self) -> HasilImpor:
        if not self.baris and not self.total and not self.masalah:
            self.masalah.append(
                Masalah(
                    None,
                    None,
                    _("There are no budget rows under the column headings (row %(baris)s).")
                    % {"baris": self.judul.nomor},
                )
            )
        hasil = self._rollup()
        selisih = []
        for s in find_induk_tidak_sama(hasil):
            b = self.baris[int(s.kunci)]
            selisih.append(
                SelisihImpor(b.nomor, "induk", b.kode, b.uraian, s.ukuran, s.tercetak, s.dihitung)
            )
        if self.ada_kode:
            selisih.extend(s for total in self.total for s in self._cek_total(total, hasil))
        selisih.sort(key=lambda s: (s.nomor, _UKURAN.index(s.ukuran)))
        return HasilImpor(tuple(self.baris), tuple(self.masalah), tuple(selisih), self.kolom,
                          tuple(self._catatan()), self.skala)

    def _catatan(self) -> list[str]:
        catatan = list(self.catatan)
        if self.awalan:
            contoh = "; ".join(_("row %(baris)s: '%(lama)s' -> '%(baru)s'") % {
                "baris": n, "lama": lama, "baru": baru} for n, lama, baru in self.awalan[:3])
            catatan.append(_("The codes on %(jumlah)s rows carry an SKPD/urusan code prefix and "
                             "are read without it (%(contoh)s).")
                           % {"jumlah": len(self.awalan),
                              "contoh": contoh + ("; …" if len(self.awalan) > 3 else "")})
        for nomor, kode, uraian, jenis, rincian in self.bukan_belanja:
            isi = {"baris": nomor, "nama": f"{kode} {uraian}".rstrip(), "jenis": jenis,
                   "rincian": rincian}
            if rincian:
                catatan.append(_("Row %(baris)s (%(nama)s): %(jenis)s, not imported, with the "
                                 "%(rincian)s rows under it; only belanja (code 5) is "
                                 "imported.") % isi)
            else:
                catatan.append(_("Row %(baris)s (%(nama)s): %(jenis)s, not imported; only belanja "
                                 "(code 5) is imported.") % isi)
        return catatan

    def _rollup(self) -> dict[str, HasilNode]:
        """Roll the tree up, keyed by row index; text-only detail lines carry nothing."""
        return rollup(
            BarisAnggaran(
                kunci=str(i),
                induk=None if self.induk[i] is None else str(self.induk[i]),
                pagu=b.pagu,
                realisasi=b.realisasi,
            )
            for i, b in enumerate(self.baris)
            if not (b.tingkat == "uraian" and b.pagu is None and b.realisasi is None)
        )

    def _cek_total(self, total: _Total, hasil: Mapping[str, HasilNode]) -> list[SelisihImpor]:
        """Compare a Jumlah/Total row with what it may close (see the module docstring)."""
        rantai: list[int] = []  # the last row above the total and its ancestors
        i = total.terakhir
        while i is not None:
            rantai.append(i)
            i = self.induk[i]
        blok = next((i for i in rantai if self.baris[i].tingkat in _TINGKAT_PROGRAM), None)
        temuan = []
        for ukuran in _UKURAN:
            tercetak = total.jumlah[ukuran]
            if tercetak is None:
                continue

            def nilai(i: int, ukuran: str = ukuran) -> Decimal | None:
                node = hasil.get(str(i))
                return None if node is None else getattr(node, ukuran).nilai

            sejak_total = _jumlah([nilai(i) for i in self.akar[total.akar_awal : total.akar_akhir]])
            semua = _jumlah([nilai(i) for i in self.akar[: total.akar_akhir]])
            cocok = {sejak_total, semua, *(nilai(i) for i in rantai)} - {None}
            if not cocok or tercetak in cocok:
                continue
            # The sum to report: what the total most likely closes.
            for dihitung in (sejak_total, None if blok is None else nilai(blok), semua):
                if dihitung is not None:
                    break
            else:
                dihitung = next(iter(cocok))
            temuan.append(
                SelisihImpor(total.nomor, "total", "", total.label, ukuran, tercetak, dihitung)
            )
        return temuan


def _jumlah(nilai: list[Decimal | None]) -> Decimal | None:
    """The exact sum, or None when there is nothing to add or a value is unknown."""
    if not nilai or any(n is None for n in nilai):
        return None
    with localcontext(Context(prec=60)):
        return sum((n for n in nilai if n is not None), Decimal(0))


# -- cells -----------------------------------------------------------------------------------


def _rumus(isi: object) -> bool:
    """A formula cell without a stored value (the xlsx reader's ``Rumus``), by class name."""
    return type(isi).__name__ == "Rumus"


def _pesan_rumus() -> str:
    return _("formula without a saved value; open and save it again in Excel")


def _pesan_tanggal(isi: object) -> str:
    return _("'%(isi)s' is stored as a date or time; change the cell format to Text and type it "
             "again") % {
        "isi": _tampil(isi)}


def _kosong(isi: object) -> bool:
    return isi is None or (isinstance(isi, str) and not isi.strip())


def _tampil(isi: object) -> str:
    """A cell as quoted in a message: trimmed, shortened."""
    try:
        teks = " ".join(str(isi).split())
    except ValueError:  # an integer too long to print
        teks = _("a very long number")
    return teks if len(teks) <= 60 else teks[:57] + "..."


def _teks(isi: object) -> str:
    if isi is None or _rumus(isi):
        return ""
    if isinstance(isi, float) and math.isfinite(isi):
        return f"{isi:.15g}"
    return _tampil(isi) if not isinstance(isi, str) else " ".join(isi.split())


def _teks_sel(sel: Sequence[object]) -> list[str]:
    return [_tampil(isi) for isi in sel if not _kosong(isi) and not _rumus(isi)]


def _baca_kode(isi: object) -> str:
    """The code in a cell, normalised (no spaces around dots); "" when there is none."""
    if isi is None or isinstance(isi, bool):
        return "" if isi is None else str(isi)
    if isinstance(isi, int):
        return _tampil(isi)
    if isinstance(isi, float):
        return f"{isi:.15g}" if math.isfinite(isi) else str(isi)
    if isinstance(isi, Decimal):
        return f"{isi:f}" if isi.is_finite() and abs(isi.adjusted()) < 30 else str(isi)
    teks = " ".join(_tampil(isi).split()) if not isinstance(isi, str) else isi.strip()
    teks = _SPASI_TITIK.sub(".", teks)
    if teks in ("-", "–", "—"):
        return ""
    return teks.upper() if teks[:1] in ("x", "X") else teks


def _bukan_belanja(kode: str, uraian: str) -> str | None:
    """"pendapatan" or "pembiayaan" for such an account code, else None."""
    if _BUKAN_BELANJA.fullmatch(kode) or (
        kode in _JENIS_AKUN and _URAIAN_BUKAN_BELANJA.search(uraian)
    ):
        return _JENIS_AKUN[kode[0]]
    return None


_LEBAR_BAGIAN = {"bidang": 2, "program": 2, "sub_kegiatan": 4}


def _bagian_kode(nama: str, isi: object) -> str:
    """One part of a split code as text: a number Excel stripped of its leading zeros gets
    them back (program 2 -> "02", sub kegiatan 1 -> "0001"; kegiatan 2.1 -> "2.10")."""
    if isinstance(isi, int | float | Decimal) and not isinstance(isi, bool):
        if nama == "kegiatan" and not float(isi).is_integer():
            return f"{float(isi):.2f}"
        if float(isi).is_integer() and nama in _LEBAR_BAGIAN:
            return f"{int(isi):0{_LEBAR_BAGIAN[nama]}d}"
    return _baca_kode(isi)


def _tingkat(kode: str) -> str | None:
    for tingkat, pola in _TINGKAT_KODE:
        if pola.fullmatch(kode):
            return tingkat
    return None


def _baca_jumlah(isi: object, skala: Decimal = Decimal(1)) -> tuple[Decimal | None, str | None]:
    """A cell's amount, or the reason it is not one (the text after "kolom Pagu: ")."""
    if _kosong(isi):
        return None, None
    if _rumus(isi) or (isinstance(isi, str) and isi.strip().startswith("=")):
        return None, _pesan_rumus()
    nilai: Decimal | None = None
    if isinstance(isi, _WAKTU):
        return None, _pesan_tanggal(isi)
    if isinstance(isi, bool):
        nilai = None
    elif isinstance(isi, int):
        nilai = Decimal(isi)
    elif isinstance(isi, float):
        nilai = Decimal(f"{isi:.15g}") if math.isfinite(isi) else None
    elif isinstance(isi, Decimal):
        nilai = isi if isi.is_finite() else None
    elif isinstance(isi, str):
        try:
            nilai = parse_rupiah(isi)
        except AngkaError:
            nilai = None
    if nilai is None:
        return None, _("'%(isi)s' is not a number") % {"isi": _tampil(isi)}
    if skala != 1 and abs(nilai) < _BATAS_RUPIAH:
        with localcontext(_LEBAR):
            nilai = nilai * skala
    if abs(nilai) >= _BATAS_RUPIAH:
        return None, _("'%(isi)s' is too large for an amount in rupiah") % {"isi": _tampil(isi)}
    if nilai != nilai.quantize(_SEN, context=_LEBAR):
        return None, _("'%(isi)s' has more than two decimals; rupiah go down to sen only") % {
            "isi": _tampil(isi)}
    return nilai, None


def _nomor_kolom(sel: Sequence[object], kolom: Mapping[str, int]) -> bool:
    """The row that numbers the columns (1 2 3 4 …) under a header: the uraian cell and every
    other filled column read hold small whole numbers, increasing from left to right (a merged
    column may skip one)."""
    angka: list[tuple[int, int]] = []
    for kunci, i in kolom.items():
        isi = sel[i] if i < len(sel) else None
        if _kosong(isi) and kunci != "uraian":
            continue
        if isinstance(isi, int) and not isinstance(isi, bool) and 0 < isi < 1000:
            angka.append((i, isi))
        elif isinstance(isi, str) and _NOMOR.fullmatch(isi.strip()):
            angka.append((i, int(isi.strip())))
        else:
            return False
    urut = [n for _, n in sorted(angka)]
    return len(urut) >= 2 and all(a < b for a, b in pairwise(urut))
