"""A workbook is bounded by what it unpacks to before anything is parsed: the zip's total
uncompressed size, the size of one part, the number of parts, the compression ratio; and, while
a sheet is read, its rows, columns and merged cells. The bombs are built here, small on disk."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from akuntabel.adapters.xlsx.reader import (
    MAX_ENTRIES,
    MAX_MERGED_CELLS,
    MAX_PART,
    MAX_UNCOMPRESSED,
    WorkbookError,
    open_workbook,
)

SHEET_XML = "xl/worksheets/sheet1.xml"
MB = 1024 * 1024
_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
         b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_TAIL = b"</sheetData></worksheet>"


def minimal_workbook() -> dict[str, bytes]:
    """The parts of a one-sheet workbook as openpyxl writes it."""
    wb = openpyxl.Workbook()
    wb.active.title = "Indikator"
    wb.active["A1"] = "Kode"
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rows(megabytes: int):
    """Sheet rows of about 2 KB each, with a random cell so that deflate gains ~57 times (the
    finding's 3,3 MB for 190 MB), as a bomb made to slip under a ratio check would."""
    padding = b"x" * 1900
    nomor = 1
    tulis = 0
    while tulis < megabytes * MB:
        blok = b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" '
            b't="inlineStr"><is><t>%s</t></is></c></row>'
            % (n, n, os.urandom(6).hex().encode(), n, padding)
            for n in range(nomor, nomor + 1000))
        nomor += 1000
        tulis += len(blok)
        yield blok


def make_bomb(path: Path, megabytes: int = 190, sheet_xml: bytes | None = None,
              extra_parts: int = 0, part_size: int = 0) -> Path:
    """A valid xlsx whose sheet XML is ``megabytes`` MB (or ``sheet_xml``), plus optionally
    ``extra_parts`` parts of ``part_size`` zero bytes each."""
    parts = minimal_workbook()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in parts.items():
            if name != SHEET_XML:
                z.writestr(name, data)
        with z.open(SHEET_XML, "w", force_zip64=True) as entry:
            entry.write(_HEAD)
            if sheet_xml is not None:
                entry.write(sheet_xml)
            else:
                for blok in _rows(megabytes):
                    entry.write(blok)
            entry.write(_TAIL)
        for i in range(extra_parts):
            z.writestr(f"xl/media/image{i}.bin", bytes(part_size))
    return path


def refusal(path: Path) -> tuple[str, float]:
    """The reader's message for ``path`` and the seconds it took, reading every row."""
    start = time.monotonic()
    with pytest.raises(WorkbookError) as info:  # the rows are read lazily: read them all
        with open_workbook(path) as sheets:
            for _row in sheets.rows(sheets.names[0]):
                pass
    return info.value.pesan, time.monotonic() - start


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bomb(tmp_path_factory.mktemp("bom") / "bom.xlsx")


def test_the_190_mb_bomb_is_small_on_disk_and_slips_under_the_ratio_check(bomb: Path) -> None:
    with zipfile.ZipFile(bomb) as z:
        info = z.getinfo(SHEET_XML)
    assert info.file_size > 190 * MB
    assert bomb.stat().st_size < 4 * MB
    assert info.file_size < 100 * info.compress_size  # a ratio below 100: the old check let it in


def test_the_190_mb_bomb_is_refused_in_under_5_seconds_naming_file_and_limit(bomb: Path) -> None:
    pesan, detik = refusal(bomb)
    assert detik < 5
    assert pesan.startswith("bom.xlsx: Isi berkas ini terlalu besar setelah dibuka (19")
    assert f"paling besar {MAX_UNCOMPRESSED // MB},0 MB" in pesan


def test_one_part_over_its_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = make_bomb(tmp_path / "lembar.xlsx", megabytes=MAX_PART // MB + 1)
    pesan, detik = refusal(path)
    assert detik < 5
    assert pesan.startswith("lembar.xlsx: Bagian 'xl/worksheets/sheet1.xml' berkas ini terlalu "
                            "besar setelah dibuka")
    assert f"paling besar {MAX_PART // MB},0 MB" in pesan


def test_many_parts_of_1_mb_each_cannot_dodge_the_ratio_check(tmp_path: Path) -> None:
    # Each part just under the size from which the ratio is checked; together over the total.
    path = make_bomb(tmp_path / "serpih.xlsx", sheet_xml=b"",
                     extra_parts=MAX_UNCOMPRESSED // MB + 5, part_size=MB)
    assert path.stat().st_size < MB
    pesan, _detik = refusal(path)
    assert pesan.startswith("serpih.xlsx: Isi berkas ini terlalu besar setelah dibuka")


def test_too_many_parts_are_refused_naming_the_limit(tmp_path: Path) -> None:
    path = make_bomb(tmp_path / "bagian.xlsx", sheet_xml=b"", extra_parts=MAX_ENTRIES, part_size=1)
    pesan, _detik = refusal(path)
    assert pesan.startswith("bagian.xlsx: Berkas ini memuat terlalu banyak bagian")
    assert f"paling banyak {MAX_ENTRIES:,}".replace(",", ".") in pesan


def test_merged_cells_covering_too_much_are_refused_quickly(tmp_path: Path) -> None:
    # 20.000 ranges down to row 200.000: tiny XML, but following them row by row is quadratic.
    baris = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n)
                     for n in range(1, 20001))
    gabung = b"".join(b'<mergeCell ref="B%d:C200000"/>' % n for n in range(1, 20001))
    xml = baris + b"</sheetData><mergeCells>" + gabung + b"</mergeCells><sheetData>"
    path = make_bomb(tmp_path / "gabung.xlsx", sheet_xml=xml)
    pesan, detik = refusal(path)
    assert detik < 5
    assert pesan.startswith("gabung.xlsx, lembar 'Indikator': Sel gabungan di lembar ini terlalu "
                            "luas")
    assert f"paling banyak {MAX_MERGED_CELLS:,} sel".replace(",", ".") in pesan


def test_the_limits_can_be_set_lower_in_settings(tmp_path: Path, settings) -> None:
    settings.AKUNTABEL_EXCEL_MAX_UNCOMPRESSED = 2 * MB
    settings.AKUNTABEL_EXCEL_MAX_ROWS = 10
    path = make_bomb(tmp_path / "kecil.xlsx", megabytes=3)
    assert refusal(path)[0].startswith("kecil.xlsx: Isi berkas ini terlalu besar setelah dibuka")
    settings.AKUNTABEL_EXCEL_MAX_UNCOMPRESSED = 10 * MB
    assert "melebihi batas 10 baris" in refusal(path)[0]


def test_a_workbook_within_the_limits_is_read(tmp_path: Path) -> None:
    path = make_bomb(tmp_path / "wajar.xlsx", megabytes=2)
    with open_workbook(path) as sheets:
        assert sum(1 for _row in sheets.rows("Indikator")) >= 1000
