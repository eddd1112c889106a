"""The safe spreadsheet reader: real-world workbooks read right, broken ones refused clearly.

Every file is made in the test (openpyxl or raw bytes) in a temporary folder: a budget workbook
as planners keep it (merged title and codes, blank and subtotal rows, numbers typed as
Indonesian text, stray spaces, hidden sheets), CSV files in the separators Excel writes, and a
corpus of files that must be refused with a clear Indonesian message.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from akuntabel.adapters.xlsx.reader import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    Row,
    Rumus,
    Sheets,
    WorkbookError,
    cell_number,
    cell_place,
    cell_text,
    column_letter,
    open_workbook,
)
from akuntabel.core.angka import format_angka, format_rupiah

SHEET_XML = "xl/worksheets/sheet1.xml"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# -- builders ---------------------------------------------------------------------------------


def save_workbook(path: Path, build: Callable[[openpyxl.Workbook], None]) -> Path:
    """An .xlsx written by openpyxl after ``build`` filled its first sheet."""
    wb = openpyxl.Workbook()
    build(wb)
    wb.save(path)
    return path


def rewrite_entry(path: Path, entry: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one zip entry in place, as a hand-edited or foreign-made workbook would be."""
    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            zout.writestr(name, change(data) if name == entry else data)
    return path


def read_all(path: Path, *, hidden: bool = False) -> dict[str, list[Row]]:
    with open_workbook(path) as sheets:
        names = sheets.names + (sheets.hidden_names if hidden else [])
        return {name: list(sheets.rows(name, hidden=hidden)) for name in names}


def build_anggaran(wb: openpyxl.Workbook) -> None:
    """A DPA sheet as planners keep it, a second visible sheet and two hidden ones."""
    ws = wb.active
    ws.title = "DPA"
    ws["A1"] = "DPA Dinas Sosial Tahun 2023"
    ws.merge_cells("A1:E1")
    # Row 2 is left blank.
    rows = {
        3: ["Kode", "  Uraian ", "Pagu\xa0", "Realisasi", "Keterangan"],
        4: ["1.06.02", "Program Rehabilitasi Sosial", "1.250.000.000", "1.187.500.000,50"],
        5: ["1.06.02.2.01", "Kegiatan A", 750000000, 712500000.5, "  refocusing  "],
        6: [None, "Kegiatan A lanjutan", "Rp 500.000.000", "475.000.000"],
        7: ["   ", "\xa0", None, "\u200b"],
        8: [None, "Jumlah", "1.250.000.000", "1.187.500.000,50"],
        9: ["5.1.02", "Belanja  barang", " 1 250 ", "94,74%", "-"],
    }
    for nomor, values in rows.items():
        for kolom, value in enumerate(values, start=1):
            ws.cell(row=nomor, column=kolom, value=value)
    ws.merge_cells("A5:A6")  # one code for two rows
    ws.merge_cells("E12:F13")  # an empty merged range covers nothing
    ringkasan = wb.create_sheet("Ringkasan")
    ringkasan["A1"] = "Total"
    ringkasan["B1"] = 1187500000.5
    kunci = wb.create_sheet("Kunci")
    kunci.sheet_state = "hidden"
    kunci["A1"] = "opd"
    kunci["B1"] = "dinas-sosial"
    catatan = wb.create_sheet("Catatan")
    catatan.sheet_state = "veryHidden"
    catatan["A1"] = "rahasia"


@pytest.fixture(scope="module")
def anggaran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Row]]:
    path = save_workbook(tmp_path_factory.mktemp("xlsx") / "DPA 2023.xlsx", build_anggaran)
    return read_all(path, hidden=True)


# -- a valid workbook -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nomor", "sel"),
    [
        pytest.param(1, ("DPA Dinas Sosial Tahun 2023",) * 5,
                     id="a title merged over A1:E1 fills the five cells"),
        pytest.param(3, ("Kode", "Uraian", "Pagu", "Realisasi", "Keterangan"),
                     id="header text loses stray and non-breaking spaces"),
        pytest.param(4, ("1.06.02", "Program Rehabilitasi Sosial", "1.250.000.000",
                         "1.187.500.000,50"),
                     id="numbers typed as Indonesian text stay text for cell_number"),
        pytest.param(5, ("1.06.02.2.01", "Kegiatan A", 750000000, 712500000.5, "refocusing"),
                     id="real numbers stay numbers"),
        pytest.param(6, ("1.06.02.2.01", "Kegiatan A lanjutan", "Rp 500.000.000", "475.000.000"),
                     id="a code merged over two rows is given to the second row"),
        pytest.param(8, (None, "Jumlah", "1.250.000.000", "1.187.500.000,50"),
                     id="a subtotal row is kept for the importer to recognise"),
        pytest.param(9, ("5.1.02", "Belanja  barang", "1 250", "94,74%", "-"),
                     id="inner spaces of text are kept, only the ends are stripped"),
    ],
)
def test_valid_workbook_row(anggaran: dict[str, list[Row]], nomor: int, sel: tuple) -> None:
    rows = {r.nomor: r for r in anggaran["DPA"]}
    assert rows[nomor].sel == sel


@pytest.mark.parametrize(
    ("sheet", "nomor_list"),
    [
        pytest.param("DPA", [1, 3, 4, 5, 6, 8, 9],
                     id="blank rows, spaces-only rows and empty merged ranges are skipped"),
        pytest.param("Ringkasan", [1], id="a second visible sheet is read too"),
        pytest.param("Kunci", [1], id="a hidden sheet is read only when asked for"),
        pytest.param("Catatan", [1], id="a very hidden sheet is read only when asked for"),
    ],
)
def test_valid_workbook_row_numbers(
    anggaran: dict[str, list[Row]], sheet: str, nomor_list: list[int]
) -> None:
    assert [r.nomor for r in anggaran[sheet]] == nomor_list


def test_hidden_sheets_are_not_listed_as_sheets(tmp_path: Path) -> None:
    path = save_workbook(tmp_path / "DPA.xlsx", build_anggaran)
    with open_workbook(path) as sheets:
        assert sheets.names == ["DPA", "Ringkasan"]
        assert sheets.hidden_names == ["Kunci", "Catatan"]
        hidden = r"lembar 'Kunci' tidak ada \(lembar itu tersembunyi\)"
        with pytest.raises(WorkbookError, match=hidden):
            sheets.rows("Kunci")
        with pytest.raises(WorkbookError, match="lembar 'Tidak Ada' tidak ada"):
            sheets.rows("Tidak Ada")


def test_subtotal_matches_its_children_through_cell_number(
    anggaran: dict[str, list[Row]],
) -> None:
    rows = {r.nomor: r for r in anggaran["DPA"]}
    pagu = [cell_number(rows[n].cell(2), f"baris {n}") for n in (5, 6, 8)]
    assert pagu == [Decimal("750000000"), Decimal("500000000"), Decimal("1250000000")]
    assert pagu[0] + pagu[1] == pagu[2]


def test_row_cell_beyond_the_last_value_is_none(anggaran: dict[str, list[Row]]) -> None:
    row = next(r for r in anggaran["DPA"] if r.nomor == 8)
    assert (row.cell(0), row.cell(1), row.cell(4), row.cell(99)) == (None, "Jumlah", None, None)


def test_closed_sheets_refuse_to_read(tmp_path: Path) -> None:
    path = save_workbook(tmp_path / "DPA.xlsx", build_anggaran)
    with open_workbook(path) as sheets:
        assert isinstance(sheets, Sheets)
    with pytest.raises(ValueError, match="ditutup"):
        sheets.rows("DPA")


MACRO_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSX_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        pytest.param("DPA.xlsm", MACRO_TYPE, id="a macro-enabled workbook (.xlsm) is read"),
        pytest.param("DPA.XLSX", XLSX_TYPE, id="an upper-case extension is read"),
        pytest.param("unduhan.zip", XLSX_TYPE, id="a workbook named .zip is read by its content"),
    ],
)
def test_workbook_is_recognised_by_content(tmp_path: Path, name: str, content_type: bytes) -> None:
    path = save_workbook(tmp_path / name, lambda wb: wb.active.append(["Kode", 1]))
    rewrite_entry(path, "[Content_Types].xml", lambda d: d.replace(XLSX_TYPE, content_type))
    assert read_all(path)["Sheet"] == [Row(1, ("Kode", 1))]


def test_dates_arrive_as_datetime(tmp_path: Path) -> None:
    tanggal = datetime(2023, 12, 31)
    path = save_workbook(tmp_path / "t.xlsx", lambda wb: wb.active.append(["Batas", tanggal]))
    assert read_all(path)["Sheet"] == [Row(1, ("Batas", tanggal))]


# -- formulas ---------------------------------------------------------------------------------


def build_formulas(wb: openpyxl.Workbook) -> None:
    ws = wb.active
    ws.append([1, 2, "=A1+B1", '=""'])


@pytest.mark.parametrize(
    ("old", "new", "sel"),
    [
        pytest.param(b"", b"", (1, 2, Rumus("=A1+B1"), Rumus('=""')),
                     id="formulas openpyxl wrote have no cached value -> Rumus markers"),
        pytest.param(b"<f>A1+B1</f><v></v>", b"<f>A1+B1</f><v>3</v>", (1, 2, 3, Rumus('=""')),
                     id="a formula saved by Excel gives its cached value"),
        pytest.param(b'<c r="D1"><f>""</f><v></v>', b'<c r="D1" t="str"><f>""</f><v></v>',
                     (1, 2, Rumus("=A1+B1")),
                     id="a formula whose saved result is empty text is an empty cell"),
        pytest.param(b"<f>A1+B1</f><v></v>", b"<f>A1+B1</f>", (1, 2, Rumus("=A1+B1"), Rumus('=""')),
                     id="a formula without any value element is a Rumus marker"),
    ],
)
def test_formula_cells(tmp_path: Path, old: bytes, new: bytes, sel: tuple) -> None:
    path = save_workbook(tmp_path / "rumus.xlsx", build_formulas)
    rewrite_entry(path, SHEET_XML, lambda data: data.replace(old, new))
    assert read_all(path)["Sheet"] == [Row(1, sel)]


def test_a_formula_without_value_is_refused_by_cell_number(tmp_path: Path) -> None:
    path = save_workbook(tmp_path / "rumus.xlsx", build_formulas)
    value = read_all(path)["Sheet"][0].sel[2]
    with pytest.raises(WorkbookError) as info:
        cell_number(value, "Lembar 'DPA', baris 1, kolom C")
    assert info.value.pesan.startswith("Lembar 'DPA', baris 1, kolom C: berisi rumus =A1+B1")
    assert "simpan ulang" in info.value.pesan


# -- limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        pytest.param(MAX_ROWS, 1, None, id="a value in the last allowed row is read"),
        pytest.param(1, MAX_COLUMNS, None, id="a value in the last allowed column is read"),
        pytest.param(MAX_ROWS + 1, 1, "lembar 'Sheet', baris 200.001: Lembar ini melebihi batas "
                     "200.000 baris", id="a value beyond MAX_ROWS is refused naming the sheet"),
        pytest.param(1, MAX_COLUMNS + 1, "lembar 'Sheet', baris 1, kolom GS: Ada isi di luar "
                     "batas 200 kolom",
                     id="a value beyond MAX_COLUMNS is refused naming the sheet"),
    ],
)
def test_row_and_column_limits(tmp_path: Path, row: int, column: int, fragment: str | None) -> None:
    def build(wb: openpyxl.Workbook) -> None:
        wb.active["A1"] = "judul"
        wb.active.cell(row=row, column=column, value="isi")

    path = save_workbook(tmp_path / "batas.xlsx", build)
    if fragment is None:
        assert read_all(path)["Sheet"][-1].nomor == row
    else:
        with pytest.raises(WorkbookError, match=re.escape(fragment)):
            read_all(path)


def test_a_formatted_but_empty_cell_beyond_the_limits_is_ignored(tmp_path: Path) -> None:
    def build(wb: openpyxl.Workbook) -> None:
        wb.active["A1"] = "isi"
        wb.active.cell(row=MAX_ROWS + 5, column=MAX_COLUMNS + 5).number_format = "0.00"

    path = save_workbook(tmp_path / "format.xlsx", build)
    assert read_all(path)["Sheet"] == [Row(1, ("isi",))]


# -- CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        pytest.param(b"Kode;Uraian;Pagu\r\n1.06.02;Program;1.250.000,50\r\n;;\r\n"
                     b'5.1.02;"Belanja; barang";-\r\n',
                     [Row(1, ("Kode", "Uraian", "Pagu")),
                      Row(2, ("1.06.02", "Program", "1.250.000,50")),
                      Row(4, ("5.1.02", "Belanja; barang", "-"))],
                     id="semicolons as Excel writes them in Indonesia, blank row skipped"),
        pytest.param(b'Kode,Uraian,Pagu\n1.06.02,Program,"1,250,000.50"\n',
                     [Row(1, ("Kode", "Uraian", "Pagu")),
                      Row(2, ("1.06.02", "Program", "1,250,000.50"))],
                     id="commas with an English number in quotes"),
        pytest.param(b"Kode\tUraian\n1.06.02\t Program \n",
                     [Row(1, ("Kode", "Uraian")), Row(2, ("1.06.02", "Program"))],
                     id="tabs, with stray spaces stripped"),
        pytest.param(b"sep=;\nKode;Pagu\n1;1,5\n",
                     [Row(1, ("Kode", "Pagu")), Row(2, ("1", "1,5"))],
                     id="a sep= first line sets the separator and is not a row"),
        pytest.param(b"\xef\xbb\xbfKode;Uraian\n1;Dinas Sosial\n",
                     [Row(1, ("Kode", "Uraian")), Row(2, ("1", "Dinas Sosial"))],
                     id="UTF-8 with a byte order mark"),
        pytest.param("Uraian;Pagu\r\nPerjalanan dinas – luar daerah;1.000\r\n".encode("cp1252"),
                     [Row(1, ("Uraian", "Pagu")),
                      Row(2, ("Perjalanan dinas – luar daerah", "1.000"))],
                     id="Windows-1252 when the text is not UTF-8"),
        pytest.param(b'Kode;Uraian\n1;"baris satu\nbaris dua"\n2;x\n',
                     [Row(1, ("Kode", "Uraian")), Row(2, ("1", "baris satu\nbaris dua")),
                      Row(3, ("2", "x"))],
                     id="a quoted line break stays inside its cell"),
        pytest.param(b"Kode\n1\n\n2\n",
                     [Row(1, ("Kode",)), Row(2, ("1",)), Row(4, ("2",))],
                     id="one column"),
        pytest.param(b"Kode;Uraian;;\n1;;;\n",
                     [Row(1, ("Kode", "Uraian")), Row(2, ("1",))],
                     id="trailing empty fields are dropped"),
    ],
)
def test_csv_rows(tmp_path: Path, data: bytes, rows: list[Row]) -> None:
    path = tmp_path / "anggaran.csv"
    path.write_bytes(data)
    with open_workbook(path) as sheets:
        assert sheets.names == ["anggaran"]
        assert list(sheets.rows("anggaran")) == rows


def test_csv_numbers_read_through_cell_number(tmp_path: Path) -> None:
    path = tmp_path / "pagu.csv"
    path.write_bytes(b"Pagu;Realisasi\n1.250.000,50;94,74%\n")
    with open_workbook(path) as sheets:
        row = list(sheets.rows("pagu"))[1]
    assert [cell_number(v, "csv") for v in row.sel] == [Decimal("1250000.50"), Decimal("94.74")]


def test_csv_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lebar.csv"
    path.write_text(";".join(["x"] * (MAX_COLUMNS + 1)) + "\n")
    with open_workbook(path) as sheets, pytest.raises(WorkbookError, match="kolom GS"):
        list(sheets.rows("lebar"))


# -- broken files -----------------------------------------------------------------------------


def make_bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def make_zip(name: str, entries: dict[str, bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for entry, data in entries.items():
                z.writestr(entry, data)
        return path

    return make


def make_zeros_zip(name: str, megabytes: int) -> Callable[[Path], Path]:
    """A zip with one entry of zeros, written in chunks so the test stays light."""

    def make(folder: Path) -> Path:
        path = folder / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", b"<Types/>")
            with z.open(SHEET_XML, "w", force_zip64=True) as entry:
                chunk = bytes(1024 * 1024)
                for _ in range(megabytes):
                    entry.write(chunk)
        return path

    return make


def make_sparse(name: str, size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as f:
            f.truncate(size)
        return path

    return make


def make_changed(
    name: str, change: Callable[[bytes], bytes], entry: str = SHEET_XML
) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = save_workbook(folder / name, lambda wb: wb.active.append(["Kode", 1]))
        return rewrite_entry(path, entry, change)

    return make


def make_truncated(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = save_workbook(folder / name, build_anggaran)
        path.write_bytes(path.read_bytes()[:3000])
        return path

    return make


def make_missing(folder: Path) -> Path:
    return folder / "tidak-ada.xlsx"


def make_folder(folder: Path) -> Path:
    path = folder / "laporan.xlsx"
    path.mkdir()
    return path


ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
ENCRYPTED_OLE2 = OLE2 + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
RANDOM_BYTES = random.Random(6).randbytes(4096)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
    )
    + b"]>"
)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(make_missing, "tidak-ada.xlsx: Berkas tidak ditemukan.",
                     id="a missing file"),
        pytest.param(make_folder, "laporan.xlsx: Ini sebuah folder", id="a folder"),
        pytest.param(make_bytes("kosong.xlsx", b""), "kosong.xlsx: Berkas kosong (0 bita).",
                     id="an empty file"),
        pytest.param(make_sparse("besar.xlsx", MAX_BYTES + 1),
                     "besar.xlsx: Berkas terlalu besar (20,0 MB; paling besar 20,0 MB)",
                     id="a file over MAX_BYTES"),
        pytest.param(make_sparse("besar50.xlsx", 50 * 1024 * 1024),
                     "besar50.xlsx: Berkas terlalu besar (50,0 MB", id="a 50 MB file"),
        pytest.param(make_bytes("catatan.xlsx", b"Ini catatan rapat, bukan tabel.\n"),
                     "catatan.xlsx: Berkas ini berisi teks biasa, bukan buku kerja Excel",
                     id="a text file named .xlsx"),
        pytest.param(make_bytes("laporan.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
                     "laporan.xlsx: Berkas ini PDF, bukan buku kerja", id="a PDF named .xlsx"),
        pytest.param(make_bytes("acak.xlsx", RANDOM_BYTES),
                     "acak.xlsx: Berkas ini bukan buku kerja Excel (.xlsx) maupun CSV",
                     id="random bytes named .xlsx"),
        pytest.param(make_bytes("acak.csv", RANDOM_BYTES),
                     "acak.csv: Berkas ini bukan buku kerja Excel (.xlsx) maupun CSV",
                     id="random bytes named .csv"),
        pytest.param(make_bytes("dpa.xls", OLE2 + bytes(1024)),
                     "dpa.xls: Berkas ini berformat Excel 97-2003 (.xls); simpan ulang sebagai "
                     ".xlsx dari Excel lalu unggah lagi.", id="an old .xls"),
        pytest.param(make_bytes("dpa.xlsx", OLE2 + bytes(1024)),
                     "dpa.xlsx: Berkas ini berformat Excel 97-2003 (.xls)",
                     id="an old .xls renamed .xlsx"),
        pytest.param(make_bytes("dpa.xlsx", ENCRYPTED_OLE2),
                     "dpa.xlsx: Buku kerja ini dilindungi kata sandi",
                     id="a password-protected workbook"),
        pytest.param(make_zip("dpa.ods", {"mimetype": ODS_MIME, "content.xml": b"<x/>"}),
                     "dpa.ods: Berkas ini berformat OpenDocument (.ods",
                     id="an OpenDocument spreadsheet"),
        pytest.param(make_zip("dpa.xlsx", {"mimetype": ODS_MIME, "content.xml": b"<x/>"}),
                     "dpa.xlsx: Berkas ini berformat OpenDocument (.ods",
                     id="an OpenDocument spreadsheet renamed .xlsx"),
        pytest.param(make_zip("dpa.xlsx", {"[Content_Types].xml": b"<T/>",
                                           "xl/workbook.bin": b"\x00"}),
                     "dpa.xlsx: Berkas ini berformat Excel Biner (.xlsb)", id="an .xlsb"),
        pytest.param(make_zip("surat.xlsx", {"[Content_Types].xml": b"<T/>",
                                             "word/document.xml": b"<w/>"}),
                     "surat.xlsx: Berkas ini dokumen Word (.docx)", id="a Word document"),
        pytest.param(make_zip("arsip.xlsx", {"data.txt": b"isi"}),
                     "arsip.xlsx: Berkas ini arsip zip biasa", id="a plain zip"),
        pytest.param(make_zeros_zip("bom.xlsx", 300),
                     "bom.xlsx: Isi berkas ini terlalu besar setelah dibuka (300,0 MB",
                     id="a zip bomb declaring 300 MB"),
        pytest.param(make_zeros_zip("bom.xlsx", 30),
                     "bom.xlsx: Berkas ini tampak seperti bom zip",
                     id="a zip bomb of 30 MB zeros inflating a thousand times"),
        pytest.param(make_truncated("putus.xlsx"), "putus.xlsx: Berkas rusak",
                     id="a workbook cut short in transfer"),
        pytest.param(make_changed("rahasia.xlsx",  # openpyxl refuses to write this itself
                                  lambda d: d.replace(b'state="visible"', b'state="hidden"'),
                                  "xl/workbook.xml"),
                     "rahasia.xlsx: Buku kerja ini tidak memiliki lembar yang terlihat",
                     id="a workbook whose only sheet is hidden"),
        pytest.param(make_changed("rusak.xlsx", lambda d: d[: len(d) // 2]),
                     "rusak.xlsx, lembar 'Sheet': Isi lembar ini rusak",
                     id="a sheet whose XML is cut short"),
        pytest.param(make_changed("urutan.xlsx",
                                  lambda d: d.replace(b"</row>", b'</row><row r="1"></row>')),
                     "urutan.xlsx, lembar 'Sheet': Urutan baris dalam berkas rusak",
                     id="rows out of order"),
        pytest.param(make_changed("tawa.xlsx", lambda d: LAUGHS + d.replace(b"<t>Kode", b"<t>&i;")),
                     "tawa.xlsx, lembar 'Sheet': Isi lembar ini rusak",
                     id="an XML entity bomb (billion laughs)"),
        pytest.param(make_changed("xxe.xlsx", lambda d: (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            + d.replace(b"<t>Kode", b"<t>&e;"))),
                     "xxe.xlsx, lembar 'Sheet': Isi lembar ini rusak",
                     id="an XML external entity is never fetched"),
        pytest.param(make_changed("buku.xlsx", lambda d: b"<bukan xml", "xl/workbook.xml"),
                     "buku.xlsx: Buku kerja ini rusak atau tidak dapat dibaca",
                     id="a damaged workbook part"),
        pytest.param(make_bytes("ekspor.xls", b"<html><body><table><tr><td>1</td></tr></table>"),
                     "ekspor.xls: Berkas ini halaman web (HTML)",
                     id="an HTML table named .xls, as some budgeting systems export"),
        pytest.param(make_bytes("ekspor.xml", b'<?xml version="1.0"?>\n<Workbook xmlns='
                                b'"urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'),
                     "ekspor.xml: Berkas ini berformat XML Spreadsheet 2003",
                     id="an XML Spreadsheet 2003"),
    ],
)
def test_broken_file_is_refused_clearly(
    tmp_path: Path, make: Callable[[Path], Path], fragment: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(WorkbookError) as info:
        read_all(path, hidden=True)
    assert fragment in info.value.pesan
    assert str(info.value) == info.value.pesan


# -- cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, None, id="an empty cell is None"),
        pytest.param("", None, id="empty text is None"),
        pytest.param(" \xa0 ", None, id="spaces only are None"),
        pytest.param("-", None, id="a lone dash is None"),
        pytest.param(1250000, Decimal("1250000"), id="an integer"),
        pytest.param(0.1, Decimal("0.1"), id="a float without binary noise"),
        pytest.param(712500000.5, Decimal("712500000.5"), id="a large float with a half"),
        pytest.param(Decimal("12.50"), Decimal("12.50"), id="a Decimal as it is"),
        pytest.param("1.234.567", Decimal("1234567"), id="Indonesian thousands dots"),
        pytest.param("12,5", Decimal("12.5"), id="Indonesian decimal comma"),
        pytest.param("1.250.000,50", Decimal("1250000.50"), id="Indonesian with both marks"),
        pytest.param("1,250,000.50", Decimal("1250000.50"), id="English with both marks"),
        pytest.param("92.78", Decimal("92.78"), id="an English decimal point"),
        pytest.param("Rp 1.250.000", Decimal("1250000"), id="rupiah with Rp"),
        pytest.param("Rp 5.000,-", Decimal("5000"), id="rupiah with the no-cents mark"),
        pytest.param("94,74%", Decimal("94.74"), id="a percentage as written"),
        pytest.param(" 1 250 ", Decimal("1250"), id="a space as thousands separator"),
        pytest.param("1\xa0250\xa0000", Decimal("1250000"), id="non-breaking spaces in thousands"),
        pytest.param("-12,5", Decimal("-12.5"), id="a negative number"),
    ],
)
def test_cell_number(value: object, expected: Decimal | None) -> None:
    result = cell_number(value, "Lembar 'DPA', baris 4, kolom C")
    assert result == expected
    if expected is not None:
        assert str(result) == str(expected)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        pytest.param("12,5,3", "Baris 14, kolom Realisasi TW II: '12,5,3' bukan angka. Pemisah",
                     id="a mistyped number names the place and the reason"),
        pytest.param("refocusing", "'refocusing' bukan angka", id="a word"),
        pytest.param("10 orang", "memuat satuan 'orang'", id="a number with a unit"),
        pytest.param("2021-2026", "lebih dari satu angka", id="two numbers"),
        pytest.param("1 25", "lebih dari satu angka", id="a space that is no thousands separator"),
        pytest.param("#DIV/0!", "galat rumus Excel #DIV/0!", id="an Excel error value"),
        pytest.param(True, "nilai logika TRUE", id="a logical value"),
        pytest.param(datetime(2023, 1, 5), "tanggal atau waktu", id="a date"),
        pytest.param(Rumus("=SUM(C5:C6)"), "rumus =SUM(C5:C6) yang belum dihitung",
                     id="a formula without value"),
        pytest.param(float("nan"), "bukan bilangan berhingga", id="not a number"),
        pytest.param("9" * 150, "teksnya terlalu panjang", id="very long text"),
        pytest.param(object(), "jenis nilai object tidak dikenal", id="an unknown type"),
    ],
)
def test_cell_number_refuses(value: object, fragment: str) -> None:
    with pytest.raises(WorkbookError) as info:
        cell_number(value, "Baris 14, kolom Realisasi TW II")
    assert info.value.pesan.startswith("Baris 14, kolom Realisasi TW II: ")
    assert fragment in info.value.pesan


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, "", id="an empty cell is empty text"),
        pytest.param("  Dinas Sosial\xa0", "Dinas Sosial", id="text is stripped"),
        pytest.param(12.0, "12", id="a whole float without .0"),
        pytest.param(1.02, "1.02", id="a code typed as a number"),
        pytest.param(1250000, "1250000", id="an integer"),
        pytest.param(Decimal("5.0"), "5", id="a whole Decimal"),
        pytest.param(Decimal("1.50"), "1.50", id="a Decimal as written"),
        pytest.param("x" * 500, "x" * 500, id="text at the length limit"),
    ],
)
def test_cell_text(value: object, expected: str) -> None:
    assert cell_text(value, "Lembar 'DPA', baris 4, kolom B") == expected


@pytest.mark.parametrize(
    ("value", "max_length", "fragment"),
    [
        pytest.param("x" * 501, 500, "teks terlalu panjang (501 karakter; paling banyak 500)",
                     id="text over the limit"),
        pytest.param("1.06.02", 5, "teks terlalu panjang (7 karakter; paling banyak 5)",
                     id="a code over a short limit"),
        pytest.param(datetime(2023, 1, 2), 500, "ubah format sel menjadi Teks",
                     id="a code Excel turned into a date"),
        pytest.param(False, 500, "nilai logika FALSE", id="a logical value"),
        pytest.param(Rumus("=A1"), 500, "rumus =A1", id="a formula without value"),
        pytest.param(float("inf"), 500, "bukan bilangan berhingga", id="infinity"),
    ],
)
def test_cell_text_refuses(value: object, max_length: int, fragment: str) -> None:
    with pytest.raises(WorkbookError) as info:
        cell_text(value, "Lembar 'DPA', baris 4, kolom B", max_length)
    assert info.value.pesan.startswith("Lembar 'DPA', baris 4, kolom B: ")
    assert fragment in info.value.pesan


@pytest.mark.parametrize(
    ("index0", "letter"),
    [
        pytest.param(0, "A", id="the first column is A"),
        pytest.param(25, "Z", id="the 26th column is Z"),
        pytest.param(26, "AA", id="after Z comes AA"),
        pytest.param(27, "AB", id="then AB"),
        pytest.param(MAX_COLUMNS - 1, "GR", id="the last allowed column is GR"),
        pytest.param(16383, "XFD", id="Excel's last column is XFD"),
    ],
)
def test_column_letter(index0: int, letter: str) -> None:
    assert column_letter(index0) == letter


def test_cell_place_names_sheet_row_and_column() -> None:
    assert cell_place("DPA", 14, 3, "Realisasi TW II") == (
        "Lembar 'DPA', baris 14, kolom D (Realisasi TW II)"
    )


# -- properties -------------------------------------------------------------------------------

SLOW = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def read_everything(path: Path) -> None:
    """Open and read every sheet and cell the way an importer does."""
    with open_workbook(path) as sheets:
        for name in sheets.names + sheets.hidden_names:
            for row in sheets.rows(name, hidden=True):
                for value in row.sel:
                    for read in (cell_number, cell_text):
                        try:
                            read(value, "sel")
                        except WorkbookError:
                            pass


@SLOW
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".xlsx", ".csv", ".xls", ""]))
def test_random_bytes_only_ever_give_workbook_error(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"acak{suffix}"
    path.write_bytes(data)
    try:
        read_everything(path)
    except WorkbookError:
        pass


@pytest.fixture(scope="module")
def valid_xlsx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = save_workbook(tmp_path_factory.mktemp("sah") / "sah.xlsx", build_anggaran)
    return path.read_bytes()


@SLOW
@given(data=st.data())
def test_a_damaged_workbook_only_ever_gives_workbook_error(
    tmp_path: Path, valid_xlsx: bytes, data: st.DataObject
) -> None:
    rusak = bytearray(valid_xlsx)
    for _ in range(data.draw(st.integers(1, 8), label="changes")):
        where = data.draw(st.integers(0, len(rusak) - 1), label="where")
        rusak[where] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(0, len(rusak)), label="cut")
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(bytes(rusak[: max(cut, 4)]))
    try:
        read_everything(path)
    except WorkbookError:
        pass


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\xa0 -.,%"),
    max_size=30,
)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.from_regex(r" ?(Rp ?)?-?[0-9]{1,3}([.,][0-9]{3})*([.,][0-9]{1,2})?%? ?", fullmatch=True),
    st.integers(-(10**15), 10**15),
    st.floats(min_value=-1e300, max_value=1e300),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
)


@SLOW
@given(rows=st.lists(st.lists(CELL, max_size=6), max_size=8))
@example(rows=[["="]])  # a lone "=" is no formula (Excel refuses it): read back as the text
def test_random_cells_read_back_as_written(tmp_path: Path, rows: list[list[object]]) -> None:
    def build(wb: openpyxl.Workbook) -> None:
        for row in rows:
            wb.active.append(row)

    path = save_workbook(tmp_path / "acak.xlsx", build)
    read_everything(path)  # never anything but WorkbookError, checked here by not catching
    for row in read_all(path)["Sheet"]:
        for value, original in zip(row.sel, rows[row.nomor - 1], strict=False):
            if isinstance(original, str) and original.startswith("=") and original != "=":
                assert value == Rumus(original)
            elif isinstance(original, str):
                assert value == as_read(original)
            elif isinstance(original, float):  # openpyxl writes 17 significant digits at most
                assert value == pytest.approx(original, rel=1e-15)
            elif isinstance(original, bool | int):
                assert value == original


def as_read(text: str) -> str | None:
    """What the reader makes of a text cell: ends stripped, inner non-breaking spaces plain."""
    text = re.sub(r"^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$",
                  "", text)
    return re.sub("[\u00a0\u2007\u202f]", " ", text) or None


@SLOW
@given(text=st.text(max_size=300), sep=st.sampled_from([";", ",", "\t"]))
def test_random_csv_only_ever_gives_workbook_error(tmp_path: Path, text: str, sep: str) -> None:
    path = tmp_path / "acak.csv"
    path.write_bytes(text.replace("|", sep).encode("utf-8", "surrogatepass"))
    try:
        read_everything(path)
    except WorkbookError:
        pass


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(TEXT, st.text(max_size=200), st.floats(), st.integers(), st.decimals()))
def test_cell_number_and_cell_text_only_ever_give_workbook_error(value: object) -> None:
    for read in (cell_number, cell_text):
        try:
            read(value, "sel")
        except WorkbookError:
            pass


@settings(max_examples=300, deadline=None)
@given(nilai=st.decimals(min_value=-(10**15), max_value=10**15, places=2))
def test_numbers_formatted_the_Indonesian_way_read_back_exactly(nilai: Decimal) -> None:
    assert cell_number(format_angka(nilai, 2), "sel") == nilai
    assert cell_number(format_rupiah(nilai.copy_abs()), "sel") == nilai.copy_abs()
