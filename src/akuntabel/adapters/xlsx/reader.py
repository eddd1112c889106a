"""Open a spreadsheet a user uploaded, safely, and hand over its rows as plain values.

Everything an importer needs to read ``.xlsx``/``.xlsm`` and ``.csv`` files lives here:
:func:`open_workbook` gives :class:`Sheets`, whose :meth:`Sheets.rows` yields :class:`Row`
values; :func:`cell_number` and :func:`cell_text` turn one cell into a ``Decimal`` or a ``str``.
Every refusal is a :class:`WorkbookError` whose ``pesan`` names the file, the sheet, the row and
the column where it applies and says, in the active language (Indonesian unless a web request
asks for English), what the user can do about it. Nothing else escapes: a broken file never
surfaces as a ``KeyError`` from deep inside openpyxl.

What is refused, checked in this order
--------------------------------------
1. A missing file, a folder, anything that is not a regular file, an empty file, a file over
   :data:`MAX_BYTES`.
2. By content, whatever the name says: an Excel 97-2003 file (OLE2 signature ``D0 CF 11 E0``,
   also when renamed ``.xlsx``), a password-protected workbook (Excel stores those in the same
   OLE2 container, with an ``EncryptedPackage`` stream), a Word 97-2003 document, a PDF.
3. A zip, before openpyxl opens it: more than :data:`MAX_ENTRIES` entries, a declared
   uncompressed total over :data:`MAX_UNCOMPRESSED`, one entry over :data:`MAX_PART`, or an
   entry over 1 MiB that inflates more than :data:`MAX_RATIO` times (a zip bomb); a zip with
   password-protected entries; an OpenDocument file (``.ods``, recognised by its ``mimetype``
   entry); an Excel binary workbook (``.xlsb``); a Word or PowerPoint file; any other zip.
   Python's ``zipfile`` never
   inflates an entry beyond its declared size, so checking the declared sizes bounds the work.
4. Text: a web page (HTML) or an XML Spreadsheet 2003 named like an Excel file (what several
   budgeting systems export); any other text unless the name ends in ``.csv`` or ``.tsv``;
   bytes that decode to no text (random data).
5. A workbook openpyxl cannot read, or with no visible worksheet.
6. While reading rows: a value beyond row :data:`MAX_ROWS` or column :data:`MAX_COLUMNS`,
   more than :data:`MAX_MERGED` merged ranges or :data:`MAX_MERGED_CELLS` cells merged, rows
   out of order, a damaged sheet. Every limit can be set in settings (``AKUNTABEL_EXCEL_`` + its
   name); docs/excel.md gives them with their reasons.

Reading mode: always streaming
------------------------------
Every workbook is opened with ``load_workbook(..., read_only=True, data_only=True)``, whatever
its size, so memory stays bounded and reading stays close to openpyxl's own read-only speed.
openpyxl does not report merged cells in read-only mode, and it lists them after the cell data,
so before a sheet is read its XML is scanned once, as raw bytes (no XML parsing, a few percent
of the reading time), for ``<mergeCell ref="...">``. This replaces the first plan (normal mode
below 5 MB for merged cells, read-only above): merged cells are now filled in files of any size.

The rows of a sheet are parsed by openpyxl's own sheet parser
(``openpyxl.worksheet._reader.WorkSheetParser``, also used by its read-only worksheets), with one
addition: a cell holding a formula but no cached value becomes a :class:`Rumus`, where openpyxl
would give ``None``. That class and ``ReadOnlyWorksheet._get_source``/``_shared_strings`` are
private openpyxl names (stable since openpyxl 2.6, checked with 3.1); the tests exercise them.

Values in a row
---------------
* ``Row.nomor`` is the row number Excel shows (1-based); for CSV the record number.
* ``Row.sel[i]`` is the value of column ``i`` (0-based; ``column_letter(i)`` gives "A", "B" …):
  ``str``, ``int``, ``float``, ``bool``, ``datetime``/``time``/``timedelta`` (cells with a date
  or time number format), a :class:`Rumus`, or ``None``. Rows are as long as their last
  non-empty cell; ``Row.cell(i)`` returns ``None`` beyond it.
* Text is stripped at both ends of spaces, non-breaking spaces and zero-width characters;
  non-breaking spaces inside become plain spaces; empty text is ``None``.
* Formulas give their cached value (what Excel last computed and saved). A workbook written by
  a program other than Excel may hold formulas without one: those cells are ``Rumus("=A1+B1")``
  so that the importer can ask the user to open and save the file in Excel.
* A merged range gives its top-left value to every cell it covers, in every row that has a
  value of its own; a row whose own cells are all empty is skipped even when a merged range
  covers it (a title merged over two rows yields one row). Fully blank rows are skipped.
* Excel error values (``#DIV/0!``, ``#REF!`` …) arrive as their text.
* Excel stores a percentage typed as ``94,74%`` as the number ``0.9474`` with a percent format;
  this reader gives that number as stored. The text ``"94,74%"`` in a text cell or a CSV gives
  ``94.74`` through :func:`cell_number`. An importer of a percentage column decides.

CSV
---
The encoding is UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. A first line
``sep=;`` (written by Excel) sets the separator; otherwise it is the one of ``;``, ``,`` and tab
that splits the first lines into the most rows of equal width (ties go in that order; a file
with one column uses ``,``). All values are text; :func:`cell_number` reads Indonesian and
English numbers from them. The only sheet is named after the file (``anggaran.csv`` →
``"anggaran"``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import stat
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from akuntabel.common.alasan import alasan_angka
from akuntabel.core.angka import BukanAngka, format_angka, parse_angka

__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ENTRIES",
    "MAX_MERGED_CELLS",
    "MAX_PART",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED",
    "Row",
    "Rumus",
    "Sheets",
    "WorkbookError",
    "cell_number",
    "cell_place",
    "cell_text",
    "column_letter",
    "open_workbook",
]

# The limits below bound the time and memory one upload can take from a web worker (gunicorn
# kills it after 120 s). Each may be set lower or higher in settings as ``AKUNTABEL_EXCEL_`` +
# its name, e.g. ``AKUNTABEL_EXCEL_MAX_UNCOMPRESSED``; docs/excel.md lists them.
MAX_BYTES = 20 * 1024 * 1024
"""The largest file accepted, in bytes: an OPD's DPA with 10.000 rekening is about 1 MB."""
MAX_UNCOMPRESSED = 50 * 1024 * 1024
"""The largest total a workbook's zip entries may declare once uncompressed. openpyxl's
streaming parser reads 10-15 MB of sheet XML a second here, so this keeps a whole read within
a few seconds; an OPD's DPA with 10.000 rekening unpacks to about 10 MB."""
MAX_PART = 30 * 1024 * 1024
"""The largest one part (a sheet, the shared strings) may be once uncompressed; openpyxl holds
the shared strings in memory whole, and the importers hold a sheet's rows."""
MAX_ROWS = 200_000
"""The last row number that may hold a value (also the most records of a CSV)."""
MAX_COLUMNS = 200
"""The last column (GR) that may hold a value; Akuntabel's widest sheet has 40."""
MAX_RATIO = 100
"""An entry over 1 MiB that inflates more than this many times is taken for a zip bomb; sheet
XML written by Excel inflates 5 to 30 times."""
MAX_ENTRIES = 1_000
"""The most parts a zip may hold: real workbooks have tens, a hundred sheets with their images
a few hundred."""
MAX_MERGED = 250_000
"""Merged ranges per sheet."""
MAX_MERGED_CELLS = 2_000_000
"""The most cells a sheet's merged ranges may cover together: every row read walks the ranges
open over it, so a few thousand ranges each reaching far down would take hours; real sheets
merge titles and a few code columns, some ten thousand cells."""

CSV_SUFFIXES = (".csv", ".tsv")

_RATIO_MIN_SIZE = 1024 * 1024
_MAX_NUMBER_TEXT = 100  # longer text is not one number; spares the parser pathological input
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")

# Stripped from both ends of text: every Unicode space (NBSP, narrow NBSP, ideographic …) and
# the zero-width characters that copying from web pages and PDFs leaves behind.
_SPASI = "".join(chr(i) for i in range(0x3001) if chr(i).isspace()) + (
    "\u200b\u200c\u200d\u2060\ufeff"
)
_SPASI_DALAM = re.compile("[\u00a0\u2007\u202f]")
# "1 250 000": digits grouped by spaces in threes, a thousands separator.
_RIBUAN_SPASI = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2007\u202f]\d{3})+(?!\d)")
_GALAT_EXCEL = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
_MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']"
    rb"([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?[\"']"
)
_KENDALI = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f]")  # control characters, not in text
_SEP_LINE = re.compile(r'"?sep=(.)"?[,;\t]*')


class WorkbookError(Exception):
    """A spreadsheet or a cell that cannot be read; ``pesan`` says where and why, in the
    active language (Indonesian by default, as the CLI prints it)."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


@dataclass(frozen=True)
class Rumus:
    """A cell holding a formula whose value was never computed and saved (``teks`` = "=A1+B1")."""

    teks: str

    def __repr__(self) -> str:
        return f"Rumus({self.teks!r})"

    def __str__(self) -> str:
        return self.teks


@dataclass(frozen=True)
class Row:
    """One non-blank row: its number as Excel shows it and its cell values from column A."""

    nomor: int
    sel: tuple[object, ...]

    def cell(self, index0: int) -> object:
        """The value in column ``index0`` (0 = A), ``None`` beyond the last non-empty cell."""
        return self.sel[index0] if 0 <= index0 < len(self.sel) else None


class Sheets:
    """The readable sheets of one opened file; close it, or use it in a ``with`` block.

    ``names`` lists the visible worksheets in workbook order; ``hidden_names`` the hidden and
    very hidden ones, read only when asked for (``rows(name, hidden=True)``), e.g. the key sheet
    of a workbook Akuntabel exported.
    """

    def __init__(
        self,
        file_name: str,
        names: list[str],
        hidden_names: list[str],
        read_rows: Callable[[str], Iterator[Row]],
        close: Callable[[], None] | None = None,
    ) -> None:
        self.file_name = file_name
        self.names = names
        self.hidden_names = hidden_names
        self._read_rows = read_rows
        self._close = close
        self._closed = False

    def rows(self, name: str, *, hidden: bool = False) -> Iterator[Row]:
        """The non-blank rows of sheet ``name``, in order, read as they are consumed."""
        if self._closed:
            raise ValueError("Sheets sudah ditutup.")
        if name not in self.names and not (hidden and name in self.hidden_names):
            isi = {"berkas": self.file_name, "lembar": name,
                   "daftar": ", ".join(f"'{n}'" for n in self.names)}
            if name in self.hidden_names:
                raise WorkbookError(_("%(berkas)s: sheet '%(lembar)s' does not exist (that sheet "
                                      "is hidden); sheets read: %(daftar)s.") % isi)
            raise WorkbookError(_("%(berkas)s: sheet '%(lembar)s' does not exist; sheets read: "
                                  "%(daftar)s.") % isi)
        return self._read_rows(name)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            if self._close is not None:
                self._close()

    def __enter__(self) -> Sheets:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Sheets {self.file_name!r} {self.names!r}>"


# -- public helpers ---------------------------------------------------------------------------


def column_letter(index0: int) -> str:
    """The Excel name of column ``index0`` (0-based): 0 → "A", 25 → "Z", 27 → "AB"."""
    if index0 < 0:
        raise ValueError(f"indeks kolom tidak boleh negatif: {index0}")
    huruf = ""
    n = index0 + 1
    while n:
        n, sisa = divmod(n - 1, 26)
        huruf = chr(ord("A") + sisa) + huruf
    return huruf


def cell_place(sheet: str, nomor: int, index0: int, judul: str | None = None) -> str:
    """Where a cell is, for a message: "Lembar 'DPA', baris 14, kolom C (Realisasi TW II)"."""
    kolom = column_letter(index0)
    if judul:
        kolom = f"{kolom} ({judul})"
    return _("Sheet '%(lembar)s', row %(baris)s, column %(kolom)s") % {
        "lembar": sheet, "baris": nomor, "kolom": kolom}


def cell_number(value: object, tempat: str) -> Decimal | None:
    """A numeric cell as ``Decimal``; ``None`` when empty or a lone dash.

    Numbers stay exact (a float goes through its shortest repr, so ``0.1`` is
    ``Decimal("0.1")``). Text is read with :func:`akuntabel.core.angka.parse_angka`:
    ``"1.234.567"``, ``"12,5"``, ``"Rp 1.250.000"``, ``"94,74%"`` (→ 94.74), ``" 1 250 "``.
    Anything else raises :class:`WorkbookError` whose ``pesan`` starts with ``tempat``.
    """
    if value is None:
        return None
    if isinstance(value, Rumus):
        raise WorkbookError(_pesan_rumus(tempat, value))
    if isinstance(value, bool):
        raise WorkbookError(_("%(tempat)s: holds the logical value %(nilai)s, not a number.") % {
            "tempat": tempat, "nilai": "TRUE" if value else "FALSE"})
    if isinstance(value, date | time | timedelta):
        raise WorkbookError(
            _("%(tempat)s: holds a date or time (%(nilai)s), not a number; change the cell format "
              "to Number in Excel.")
            % {"tempat": tempat, "nilai": value})
    if isinstance(value, int | float | Decimal):
        try:
            angka = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except (ValueError, ArithmeticError):
            raise WorkbookError(_terlalu_panjang(tempat)) from None
        if not angka.is_finite():
            raise WorkbookError(_tak_berhingga(tempat, value))
        return angka
    if not isinstance(value, str):
        raise WorkbookError(_jenis_tak_dikenal(tempat, value))

    teks = _rapikan(value)
    if not teks:
        return None
    if teks.upper() in _GALAT_EXCEL:
        raise WorkbookError(
            _("%(tempat)s: holds the Excel formula error %(galat)s, not a number; fix the formula "
              "in Excel.")
            % {"tempat": tempat, "galat": teks})
    if len(teks) > _MAX_NUMBER_TEXT:
        raise WorkbookError(_("%(tempat)s: %(teks)s is not a number (the text is too long).") % {
            "tempat": tempat, "teks": _kutip(teks)})
    hasil = parse_angka(_RIBUAN_SPASI.sub(lambda m: re.sub(r"\s", "", m.group()), teks))
    if isinstance(hasil, BukanAngka):
        if hasil.jenis in ("kosong", "strip"):
            return None
        raise WorkbookError(_("%(tempat)s: %(teks)s is not a number. %(alasan)s") % {
            "tempat": tempat, "teks": _kutip(teks), "alasan": alasan_angka(hasil)})
    if hasil.satuan not in (None, "Rp", "%"):
        raise WorkbookError(
            _("%(tempat)s: %(teks)s is not a number alone (it holds the unit '%(satuan)s'); write "
              "the number only.")
            % {"tempat": tempat, "teks": _kutip(teks), "satuan": hasil.satuan})
    return hasil.nilai


def cell_text(value: object, tempat: str, max_length: int = 500) -> str:
    """A text cell as ``str`` (``""`` when empty), at most ``max_length`` characters.

    Numbers are written back as typed: ``12.0`` → ``"12"``, ``1.5`` → ``"1.5"``. A date, a
    logical value or a formula without value raises :class:`WorkbookError`: in a text column
    (a code, a name) they mean Excel changed what the user typed.
    """
    if value is None:
        return ""
    if isinstance(value, Rumus):
        raise WorkbookError(_pesan_rumus(tempat, value))
    if isinstance(value, bool):
        raise WorkbookError(_("%(tempat)s: holds the logical value %(nilai)s, not text.") % {
            "tempat": tempat, "nilai": "TRUE" if value else "FALSE"})
    if isinstance(value, date | time | timedelta):
        raise WorkbookError(
            _("%(tempat)s: holds a date or time (%(nilai)s), not text; if this is a code or a "
              "description, change the cell format to Text in Excel, then type its content again.")
            % {"tempat": tempat, "nilai": value})
    if isinstance(value, str):
        teks = _rapikan(value)
    elif isinstance(value, int | float | Decimal):
        teks = _angka_sebagai_teks(value, tempat)
    else:
        raise WorkbookError(_jenis_tak_dikenal(tempat, value))
    if len(teks) > max_length:
        raise WorkbookError(
            _("%(tempat)s: the text is too long (%(panjang)s characters; at most %(batas)s).")
            % {"tempat": tempat, "panjang": format_angka(Decimal(len(teks))),
               "batas": format_angka(Decimal(max_length))})
    return teks


# -- opening ----------------------------------------------------------------------------------


def open_workbook(path: str | Path) -> Sheets:
    """Open an ``.xlsx``/``.xlsm`` workbook or a ``.csv`` file after the safety checks in the
    module docstring; raise :class:`WorkbookError` with the reason otherwise."""
    path = Path(path)
    nama = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise WorkbookError(_("%(berkas)s: File not found.") % {"berkas": nama}) from None
    except OSError as exc:
        raise WorkbookError(_tak_terbuka(nama, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookError(_("%(berkas)s: This is a folder, not a file; choose an .xlsx file.")
                            % {"berkas": nama})
    if not stat.S_ISREG(info.st_mode):
        raise WorkbookError(_("%(berkas)s: This is not a regular file; choose an .xlsx file.")
                            % {"berkas": nama})
    if info.st_size == 0:
        raise WorkbookError(_("%(berkas)s: The file is empty (0 bytes).") % {"berkas": nama})
    if info.st_size > _batas("MAX_BYTES", MAX_BYTES):
        raise WorkbookError(
            _("%(berkas)s: The file is too large (%(ukuran)s MB; at most %(batas)s MB). Delete the "
              "sheets that are not needed or split it into several files.")
            % {"berkas": nama, "ukuran": _mb(info.st_size),
               "batas": _mb(_batas("MAX_BYTES", MAX_BYTES))})
    try:
        with path.open("rb") as berkas:
            kepala = berkas.read(8)
        if kepala.startswith(_OLE2):
            raise WorkbookError(f"{nama}: {_jenis_ole2(path)}")
        if kepala[:4] in _ZIP:
            return _open_xlsx(path, nama)
        if kepala.startswith(b"%PDF"):
            raise WorkbookError(
                _("%(berkas)s: This file is a PDF, not a workbook; upload the original Excel file "
                  "(.xlsx).")
                % {"berkas": nama})
        return _open_text(path, nama)
    except OSError as exc:
        raise WorkbookError(_tak_terbuka(nama, exc)) from None


def _jenis_ole2(path: Path) -> str:
    """Why an OLE2 file (the pre-2007 Office container) is refused."""
    data = path.read_bytes()  # at most MAX_BYTES
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _("This workbook is protected by a password (encrypted), so it cannot be read. Open "
                 "it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
                 "Password, leave it empty), save, then upload it again.")
    if "WordDocument".encode("utf-16-le") in data:
        return _("This file is a Word 97-2003 document (.doc), not an Excel workbook.")
    return _("This file is in the Excel 97-2003 format (.xls); %(saran)s") % {
        "saran": _simpan_xlsx()}


def _open_xlsx(path: Path, nama: str) -> Sheets:
    try:
        with zipfile.ZipFile(path) as arsip:
            _periksa_zip(arsip, nama)
    except WorkbookError:
        raise
    except Exception as exc:  # BadZipFile, a truncated archive, a bad header …
        raise WorkbookError(
            _("%(berkas)s: The file is damaged (its archive is incomplete) and cannot be read; "
              "save it again from Excel, then upload it again.")
            % {"berkas": nama}) from exc

    berkas = path.open("rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions, data validation …
            wb = load_workbook(berkas, read_only=True, data_only=True)
    except Exception as exc:
        berkas.close()
        raise WorkbookError(
            _("%(berkas)s: This workbook is damaged or cannot be read; open it in Excel, %(saran)s")
            % {"berkas": nama, "saran": _simpan_xlsx()}) from exc

    def tutup() -> None:
        wb.close()
        berkas.close()

    lembar: dict[str, ReadOnlyWorksheet] = {}
    terlihat: list[str] = []
    tersembunyi: list[str] = []
    for ws in wb.worksheets:
        if not isinstance(ws, ReadOnlyWorksheet):
            continue
        lembar[ws.title] = ws
        (terlihat if ws.sheet_state in (None, "visible") else tersembunyi).append(ws.title)
    if not terlihat:
        tutup()
        if tersembunyi:
            raise WorkbookError(
                _("%(berkas)s: This workbook has no visible sheet (all its sheets are hidden); "
                  "show the data sheet in Excel (right-click the tab > Unhide), save, then upload "
                  "it again.")
                % {"berkas": nama})
        raise WorkbookError(_("%(berkas)s: This workbook has no worksheet.") % {"berkas": nama})

    def baca(nama_lembar: str) -> Iterator[Row]:
        return _baris_xlsx(wb, lembar[nama_lembar], _tempat_lembar(nama, nama_lembar))

    return Sheets(nama, terlihat, tersembunyi, baca, tutup)


def _periksa_zip(arsip: zipfile.ZipFile, nama: str) -> None:
    """Refuse a zip that is no workbook or could exhaust memory, before anything inflates."""
    daftar = arsip.infolist()
    max_entries = _batas("MAX_ENTRIES", MAX_ENTRIES)
    if len(daftar) > max_entries:
        raise WorkbookError(
            _("%(berkas)s: This file holds too many parts (%(jumlah)s; at most %(batas)s); it is "
              "not a sensible Excel workbook.")
            % {"berkas": nama, "jumlah": format_angka(Decimal(len(daftar))),
               "batas": format_angka(Decimal(max_entries))})
    total = sum(i.file_size for i in daftar)
    max_total = _batas("MAX_UNCOMPRESSED", MAX_UNCOMPRESSED)
    if total > max_total:
        raise WorkbookError(
            _("%(berkas)s: The content of this file is too large once unpacked (%(ukuran)s MB; at "
              "most %(batas)s MB) and is not read, for safety. Split the data into several files.")
            % {"berkas": nama, "ukuran": _mb(total), "batas": _mb(max_total)})
    max_part = _batas("MAX_PART", MAX_PART)
    max_ratio = _batas("MAX_RATIO", MAX_RATIO)
    for info in daftar:
        if info.file_size > max_part:
            raise WorkbookError(
                _("%(berkas)s: Part '%(bagian)s' of this file is too large once unpacked "
                  "(%(ukuran)s MB; at most %(batas)s MB) and is not read, for safety. Split the "
                  "data into several files.")
                % {"berkas": nama, "bagian": info.filename, "ukuran": _mb(info.file_size),
                   "batas": _mb(max_part)})
        if info.file_size > _RATIO_MIN_SIZE and info.file_size > max_ratio * info.compress_size:
            raise WorkbookError(
                _("%(berkas)s: This file looks like a zip bomb (part '%(bagian)s' expands more "
                  "than %(rasio)s times when unpacked) and is not read, for safety.")
                % {"berkas": nama, "bagian": info.filename, "rasio": max_ratio})
    if any(i.flag_bits & 0x1 for i in daftar):
        raise WorkbookError(
            _("%(berkas)s: This archive is protected by a password, so it cannot be read.")
            % {"berkas": nama})

    isi = {i.filename: i for i in daftar}
    mimetype = isi.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200:
        jenis = arsip.read(mimetype).decode("ascii", "replace").strip()
        if jenis == "application/vnd.oasis.opendocument.spreadsheet":
            raise WorkbookError(
                _("%(berkas)s: This file is in the OpenDocument format (.ods, from LibreOffice or "
                  "WPS); save it again as .xlsx, then upload it again.")
                % {"berkas": nama})
        if jenis.startswith("application/vnd.oasis.opendocument"):
            raise WorkbookError(_("%(berkas)s: This file is an OpenDocument document, not a "
                                  "workbook.")
                                % {"berkas": nama})
    if "xl/workbook.bin" in isi:
        raise WorkbookError(_("%(berkas)s: This file is in the Excel Binary format (.xlsb); "
                              "%(saran)s")
                            % {"berkas": nama, "saran": _simpan_xlsx()})
    if "[Content_Types].xml" not in isi or not any(n.startswith("xl/") for n in isi):
        if any(n.startswith("word/") for n in isi):
            raise WorkbookError(_("%(berkas)s: This file is a Word document (.docx), not a "
                                  "workbook.")
                                % {"berkas": nama})
        if any(n.startswith("ppt/") for n in isi):
            raise WorkbookError(_("%(berkas)s: This file is a PowerPoint presentation, not a "
                                  "workbook.")
                                % {"berkas": nama})
        raise WorkbookError(
            _("%(berkas)s: This file is a plain zip archive, not an Excel workbook (.xlsx).")
            % {"berkas": nama})


def _open_text(path: Path, nama: str) -> Sheets:
    teks = _dekode(path.read_bytes())
    if teks is None:
        raise WorkbookError(
            _("%(berkas)s: This file is neither an Excel workbook (.xlsx) nor a CSV; choose an "
              ".xlsx file saved from Excel.")
            % {"berkas": nama})
    awal = teks[:4096].lstrip(_SPASI).lower()
    if awal.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in awal:
            raise WorkbookError(
                _("%(berkas)s: This file is in the XML Spreadsheet 2003 format; %(saran)s")
                % {"berkas": nama, "saran": _simpan_xlsx()})
        if "<html" in awal or "<table" in awal or awal.startswith("<!doctype html"):
            raise WorkbookError(
                _("%(berkas)s: This file is a web page (HTML) named like an Excel file; open it in "
                  "Excel, then %(saran)s")
                % {"berkas": nama, "saran": _simpan_xlsx()})
    if path.suffix.lower() not in CSV_SUFFIXES:
        raise WorkbookError(
            _("%(berkas)s: This file holds plain text, not an Excel workbook. If it is a CSV, give "
              "it a name ending in .csv, then upload it again.")
            % {"berkas": nama})

    baris = teks.split("\n", 1)
    sep = _SEP_LINE.fullmatch(baris[0].strip("\r"))
    if sep:
        teks = baris[1] if len(baris) > 1 else ""
    pemisah = sep.group(1) if sep else _tebak_pemisah(teks)
    nama_lembar = path.stem or "CSV"

    def baca(_nama_lembar: str) -> Iterator[Row]:
        return _baris_csv(teks, pemisah, _tempat_lembar(nama, nama_lembar))

    return Sheets(nama, [nama_lembar], [], baca)


def _dekode(data: bytes) -> str | None:
    """The text of a CSV file, or None when the bytes are not text."""
    if data.startswith(codecs.BOM_UTF8):
        cara = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        cara = ["utf-16"]
    else:
        cara = ["utf-8", "cp1252"]
    for encoding in cara:
        try:
            teks = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in teks or len(_KENDALI.findall(teks)) > len(teks) / 100:
            return None  # control characters: binary data, not text
        return teks
    return None


def _tebak_pemisah(teks: str) -> str:
    """The separator that splits the first lines into the most rows of one width (> 1)."""
    contoh = teks[:65536]
    if len(teks) > len(contoh) and "\n" in contoh:
        contoh = contoh[: contoh.rindex("\n")]
    terbaik, skor_terbaik = ",", (0, 0)
    for pemisah in (";", ",", "\t"):
        try:
            lebar = [
                len(r)
                for r in csv.reader(io.StringIO(contoh, newline=""), delimiter=pemisah)
                if any(f.strip(_SPASI) for f in r)
            ][:50]
        except csv.Error:
            continue
        if not lebar:
            continue
        lebar_umum, jumlah = Counter(lebar).most_common(1)[0]
        if lebar_umum > 1 and (jumlah, lebar_umum) > skor_terbaik:
            terbaik, skor_terbaik = pemisah, (jumlah, lebar_umum)
    return terbaik


# -- reading rows -----------------------------------------------------------------------------


class _SheetParser(WorkSheetParser):
    """openpyxl's sheet parser in data-only mode, marking formulas that have no cached value."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if cell["value"] is None:
            rumus = element.find(FORMULA_TAG)
            if rumus is not None:
                nilai = element.find(VALUE_TAG)
                # Excel saves a formula giving "" as t="str" with an empty <v>: a cached value.
                if nilai is None or (not nilai.text and element.get("t") != "str"):
                    # A shared formula's other cells carry no text: Rumus("=").
                    cell["value"] = Rumus("=" + (rumus.text or ""))
        return cell


def _baris_xlsx(wb: Any, ws: ReadOnlyWorksheet, tempat: str) -> Iterator[Row]:
    try:
        gabungan = _merged_ranges(ws, tempat)
        with ws._get_source() as sumber:
            parser = _SheetParser(
                sumber,
                ws._shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            baris = ((nomor, ((c["column"], c["value"]) for c in sel)) for nomor, sel in
                     parser.parse())
            yield from _susun_baris(baris, gabungan, tempat)
    except WorkbookError:
        raise
    except Exception as exc:  # damaged XML or zip data, a bad shared-string index …
        raise WorkbookError(
            _("%(tempat)s: The content of this sheet is damaged and cannot be read; open it in "
              "Excel, %(saran)s")
            % {"tempat": tempat, "saran": _simpan_xlsx()}) from exc


def _merged_ranges(ws: ReadOnlyWorksheet, tempat: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet as (first row, first column, last row, last column)."""
    ditemukan: set[tuple[bytes, ...]] = set()
    sisa = b""
    with ws._get_source() as sumber:
        while potongan := sumber.read(1 << 20):
            data = sisa + potongan
            if b"mergeCell" in data:
                ditemukan.update(m.groups(b"") for m in _MERGE.finditer(data))
                if len(ditemukan) > _batas("MAX_MERGED", MAX_MERGED):
                    raise WorkbookError(
                        _("%(tempat)s: This sheet holds too many merged cells (more than "
                          "%(batas)s); unmerge them.")
                        % {"tempat": tempat,
                           "batas": format_angka(Decimal(_batas("MAX_MERGED", MAX_MERGED)))})
            sisa = data[-1024:]
    hasil = []
    for kolom1, baris1, kolom2, baris2 in ditemukan:
        awal = (int(baris1), _kolom_ke(kolom1))
        akhir = (int(baris2), _kolom_ke(kolom2)) if kolom2 else awal
        hasil.append((min(awal[0], akhir[0]), min(awal[1], akhir[1]),
                      max(awal[0], akhir[0]), max(awal[1], akhir[1])))
    hasil.sort()
    luas = sum((b2 - b1 + 1) * (k2 - k1 + 1) for b1, k1, b2, k2 in hasil)
    max_luas = _batas("MAX_MERGED_CELLS", MAX_MERGED_CELLS)
    if luas > max_luas:
        raise WorkbookError(
            _("%(tempat)s: The merged cells of this sheet cover too much (%(jumlah)s cells; at "
              "most %(batas)s cells); unmerge them.")
            % {"tempat": tempat, "jumlah": format_angka(Decimal(luas)),
               "batas": format_angka(Decimal(max_luas))})
    return hasil


def _kolom_ke(huruf: bytes) -> int:
    """1-based column number of b"A", b"AB" …"""
    n = 0
    for b in huruf.upper():
        n = n * 26 + b - ord("A") + 1
    return n


def _susun_baris(
    baris: Iterable[tuple[int, Iterable[tuple[int, object]]]],
    gabungan: list[tuple[int, int, int, int]],
    tempat: str,
) -> Iterator[Row]:
    """Build rows from (row number, (column, value)…): normalise, check limits, fill merges."""
    aktif: list[list[Any]] = []  # [first row, first col, last row, last col, top-left value]
    max_baris = _batas("MAX_ROWS", MAX_ROWS)
    max_kolom = _batas("MAX_COLUMNS", MAX_COLUMNS)
    berikut = 0
    sebelumnya = 0
    for nomor, sel in baris:
        if nomor <= sebelumnya:
            raise WorkbookError(
                _("%(tempat)s: The order of the rows in the file is broken (row %(baris)s after "
                  "row %(sebelumnya)s); open it in Excel, %(saran)s")
                % {"tempat": tempat, "baris": nomor, "sebelumnya": sebelumnya,
                   "saran": _simpan_xlsx()})
        sebelumnya = nomor
        nilai: dict[int, object] = {}
        for kolom, mentah in sel:
            isi = _normalkan(mentah)
            if isi is None:
                continue
            if kolom > max_kolom:
                raise WorkbookError(
                    _("%(tempat)s, row %(baris)s, column %(kolom)s: There is content beyond the "
                      "limit of %(batas)s columns (last column %(terakhir)s); delete the content "
                      "of that column or move the data.")
                    % {"tempat": tempat, "baris": nomor, "kolom": column_letter(kolom - 1),
                       "batas": max_kolom, "terakhir": column_letter(max_kolom - 1)})
            nilai[kolom] = isi
        if nilai and nomor > max_baris:
            raise WorkbookError(
                _("%(tempat)s, row %(baris)s: This sheet exceeds the limit of %(batas)s rows; "
                  "split the data into several files.")
                % {"tempat": tempat, "baris": format_angka(Decimal(nomor)),
                   "batas": format_angka(Decimal(max_baris))})
        while berikut < len(gabungan) and gabungan[berikut][0] <= nomor:
            b1, k1, b2, k2 = gabungan[berikut]
            aktif.append([b1, k1, b2, k2, nilai.get(k1) if b1 == nomor else None])
            berikut += 1
        if aktif:
            aktif = [g for g in aktif if g[2] >= nomor]
        if not nilai:
            continue
        for _awal, k1, _akhir, k2, isi in aktif:
            if isi is not None:
                for kolom in range(k1, min(k2, max_kolom) + 1):
                    nilai[kolom] = isi
        yield Row(nomor, tuple(nilai.get(k) for k in range(1, max(nilai) + 1)))


def _baris_csv(teks: str, pemisah: str, tempat: str) -> Iterator[Row]:
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    rekaman = ((nomor, enumerate(r, start=1)) for nomor, r in enumerate(pembaca, start=1))
    try:
        yield from _susun_baris(rekaman, [], tempat)
    except csv.Error as exc:
        raise WorkbookError(
            _("%(tempat)s, row %(baris)s: This CSV row cannot be read (%(sebab)s).")
            % {"tempat": tempat, "baris": pembaca.line_num, "sebab": exc}) from exc


# -- small helpers ----------------------------------------------------------------------------


def _normalkan(nilai: object) -> object:
    if isinstance(nilai, str):
        teks = _rapikan(nilai)
        return teks or None
    return nilai


def _rapikan(teks: str) -> str:
    return _SPASI_DALAM.sub(" ", teks.strip(_SPASI))


def _kutip(teks: str, batas: int = 60) -> str:
    return f"'{teks}'" if len(teks) <= batas else f"'{teks[:batas]}…'"


def _pesan_rumus(tempat: str, rumus: Rumus) -> str:
    if rumus.teks == "=":
        return _("%(tempat)s: holds a formula that has not been computed (no value saved); open "
                 "the file in Excel, save it again so that its value is computed, then upload it "
                 "again, or type the value.") % {
            "tempat": tempat}
    return _("%(tempat)s: holds the formula %(rumus)s that has not been computed (no value saved); "
             "open the file in Excel, save it again so that its value is computed, then upload it "
             "again, or type the value.") % {
        "tempat": tempat, "rumus": rumus.teks}


def _angka_sebagai_teks(nilai: int | float | Decimal, tempat: str) -> str:
    try:
        if isinstance(nilai, int):
            return str(nilai)
        if isinstance(nilai, float):
            if nilai != nilai or nilai in (float("inf"), float("-inf")):
                raise WorkbookError(_tak_berhingga(tempat, nilai))
            return str(int(nilai)) if nilai.is_integer() else repr(nilai)
        if not nilai.is_finite():
            raise WorkbookError(_tak_berhingga(tempat, nilai))
        if nilai == nilai.to_integral_value():
            return str(int(nilai))
        return format(nilai, "f")
    except (ValueError, InvalidOperation):
        raise WorkbookError(_terlalu_panjang(tempat)) from None


def _simpan_xlsx() -> str:
    """The advice that ends several refusals."""
    return _("save it again as .xlsx from Excel, then upload it again.")


def _tempat_lembar(berkas: str, lembar: str) -> str:
    return _("%(berkas)s, sheet '%(lembar)s'") % {"berkas": berkas, "lembar": lembar}


def _tak_terbuka(berkas: str, exc: OSError) -> str:
    return _("%(berkas)s: The file cannot be opened (%(sebab)s).") % {
        "berkas": berkas, "sebab": exc.strerror}


def _terlalu_panjang(tempat: str) -> str:
    return _("%(tempat)s: this number is too long to read.") % {"tempat": tempat}


def _tak_berhingga(tempat: str, nilai: object) -> str:
    return _("%(tempat)s: '%(nilai)s' is not a finite number.") % {
        "tempat": tempat, "nilai": nilai}


def _jenis_tak_dikenal(tempat: str, nilai: object) -> str:
    return _("%(tempat)s: unknown value type %(jenis)s.") % {
        "tempat": tempat, "jenis": type(nilai).__name__}


def _batas(nama: str, bawaan: int) -> int:
    """The limit ``nama`` from settings (``AKUNTABEL_EXCEL_<nama>``), else its default here."""
    if not settings.configured:
        return bawaan
    return int(getattr(settings, f"AKUNTABEL_EXCEL_{nama}", bawaan))


def _mb(jumlah_bita: int) -> str:
    return format_angka(Decimal(jumlah_bita) / (1024 * 1024), 1)
