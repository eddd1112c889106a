"""The XLSX rendering: a workbook openpyxl opens, one sheet per table after "Ringkasan", and
figures stored as real numbers (percent points for percentages) with Indonesian-looking
formats, not as text."""

import io
import re
from datetime import date
from decimal import Decimal
from numbers import Number

import openpyxl
import pytest

from akuntabel.reports.document import Angka, Dokumen, Tabel
from akuntabel.reports.renderers.xlsx import render_xlsx, sheet_names
from tests.reports.sample import make_sample_dokumen

SHEET = "3.9 Realisasi Anggaran"


def open_xlsx(dok: Dokumen) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(dok)))


def cells(ws) -> dict[object, openpyxl.cell.Cell]:
    """Every non-empty cell of a sheet by its value (numbers and text alike)."""
    return {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}


def tabel(baris, kolom=("Uraian", "Nilai"), **kw) -> Tabel:
    return Tabel(kunci="tabel-uji", judul="Tabel 9.9 Uji", kolom=kolom, baris=baris, **kw)


def with_tables(*tabel: Tabel) -> Dokumen:
    from dataclasses import replace

    dok = make_sample_dokumen()
    bagian = replace(dok.bagian[-1], tabel=tabel)
    return replace(dok, bagian=(*dok.bagian[:-1], bagian))


@pytest.fixture
def wb():
    return open_xlsx(make_sample_dokumen())


def test_ringkasan_first_then_one_sheet_per_table(wb):
    assert wb.sheetnames == ["Ringkasan", SHEET]


def test_ringkasan_holds_the_title_and_headline_figures(wb):
    ws = wb["Ringkasan"]
    isi = cells(ws)
    assert ws["A1"].value == "Laporan Kinerja Instansi Pemerintah (LKjIP)"
    assert "Dinas Sosial Kota Metro Tahun 2023" in isi
    assert "Serapan anggaran" in isi
    assert ws["A7"].value == "Serapan anggaran"
    assert (ws["B7"].value, ws["B7"].number_format) == (pytest.approx(94.7449), '#,##0.00"%"')
    assert "4.825.424.420 ÷ 5.093.068.611 × 100" in isi
    # The table list links to its sheet.
    link = isi[SHEET].hyperlink
    assert link.location == f"'{SHEET}'!A1"


@pytest.mark.parametrize(("koordinat", "nilai", "format_"), [
    ("B7", 5093068611, '"Rp "#,##0;-"Rp "#,##0'),
    ("C7", 4825424420, '"Rp "#,##0;-"Rp "#,##0'),
    ("D7", 94.7449, '#,##0.00"%"'),
    ("D5", 95.64, '#,##0.00"%"'),
], ids=["pagu in rupiah", "realisasi in rupiah", "serapan in percent points, unrounded",
        "a row's serapan"])
def test_figures_are_numbers_with_indonesian_formats(wb, koordinat, nilai, format_):
    sel = wb[SHEET][koordinat]
    assert isinstance(sel.value, Number) and not isinstance(sel.value, bool)
    assert sel.value == pytest.approx(nilai)
    assert sel.data_type == "n"
    assert sel.number_format == format_


def test_table_sheet_layout(wb):
    ws = wb[SHEET]
    assert ws["A1"].value == "Tabel 3.9 Realisasi Anggaran Tahun 2023"
    assert ws["A1"].font.b
    assert [c.value for c in ws[4]] == ["Uraian", "Pagu", "Realisasi", "Serapan"]
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("DCE6F1") for c in ws[4])
    assert ws.freeze_panes == "A5"
    assert ws.auto_filter.ref == "A4:D7"
    assert ws.print_title_rows == "$4:$4"
    # Tree rows indented, totals bold.
    assert ws["A6"].value == "Perencanaan, Penganggaran"
    assert ws["A6"].alignment.indent == 1 and ws["A5"].alignment.indent == 0
    assert all(c.font.b for c in ws[7]) and not ws["A5"].font.b
    # The note under the table.
    assert ws["A9"].value.startswith("Catatan: Serapan anggaran = realisasi ÷ pagu × 100")
    # Columns wide enough for their text and for "Rp 5.093.068.611".
    assert ws.column_dimensions["A"].width >= len("Perencanaan, Penganggaran")
    assert ws.column_dimensions["B"].width >= len("Rp 5.093.068.611")


def test_formula_in_a_comment(wb):
    komentar = wb[SHEET]["D7"].comment
    assert "Rumus: 4.825.424.420 ÷ 5.093.068.611 × 100" in komentar.text
    assert "Sumber: DPA 2023" in komentar.text
    assert wb[SHEET]["B7"].comment is None


def test_missing_value_is_a_dash_and_text_stays_text():
    dok = with_tables(tabel((
        ("Tanpa nilai", Angka(None, "persen", "–")),
        ("=SUM(A1:A9)", Angka(Decimal("9205"), "angka", "9.205")),
        ("Desimal", Angka(Decimal("91.5"), "angka", "91,5")),
        ("Rupiah bersen", Angka(Decimal("1250000.5"), "rupiah", "Rp 1.250.000,50")),
        ("Teks", Angka(Decimal("3"), "teks", "3 (tiga) kegiatan")),
        ("2021-2026", "Rp 5.000"),
    )))
    ws = open_xlsx(dok)["9.9 Uji"]
    assert (ws["B5"].value, ws["B5"].data_type) == ("–", "s")
    assert (ws["A6"].value, ws["A6"].data_type) == ("=SUM(A1:A9)", "s")  # not a formula
    assert (ws["B6"].value, ws["B6"].number_format) == (9205, "#,##0")
    assert (ws["B7"].value, ws["B7"].number_format) == (91.5, "#,##0.0")
    assert ws["B8"].value == pytest.approx(1250000.5)
    assert ws["B8"].number_format == '"Rp "#,##0.00;-"Rp "#,##0.00'
    assert (ws["B9"].value, ws["B9"].data_type) == ("3 (tiga) kegiatan", "s")
    assert (ws["A10"].value, ws["B10"].value) == ("2021-2026", "Rp 5.000")


@pytest.mark.parametrize(("judul", "nama"), [
    ("Tabel 3.9 Realisasi Anggaran Tahun 2023", "3.9 Realisasi Anggaran"),
    ("Tabel 2.1 Indikator Kinerja Utama", "2.1 Indikator Kinerja Utama"),
    ("Tabel 3.3 Perbandingan Realisasi dan Capaian Tahun 2023 dengan Tahun 2022",
     "3.3 Perbandingan Realisasi"),
    ("Tabel 3.5 Sasaran/Indikator: [IKU]?*", "3.5 Sasaran-Indikator IKU"),
    ("", "tabel-kunci"),
    ("Ringkasan", "Ringkasan (2)"),
], ids=["drops the report's year when too long", "short title kept",
        "cut at a word, no dangling joining word", "forbidden characters replaced",
        "empty title uses the key", "clash with the summary sheet"])
def test_sheet_names(judul, nama):
    t = Tabel(kunci="tabel-kunci", judul=judul, kolom=(), baris=())
    assert sheet_names([t], 2023) == [nama]


def test_sheet_names_are_unique_and_valid():
    t = Tabel(kunci="k", judul="Tabel 3.1 Capaian Kinerja Sasaran Strategis Organisasi",
              kolom=(), baris=())
    nama = sheet_names([t, t, t], 2023)
    assert len({n.casefold() for n in nama}) == 3
    assert all(len(n) <= 31 for n in nama)
    assert nama[1].endswith(" (2)") and nama[2].endswith(" (3)")


def test_a_table_printed_twice_gets_one_sheet():
    t = tabel((("Jumlah", Angka(Decimal("1"), "angka", "1")),))
    assert open_xlsx(with_tables(t, t)).sheetnames == ["Ringkasan", "9.9 Uji"]


def test_table_without_rows_or_columns_still_opens():
    dok = with_tables(tabel(()), tabel((), kolom=()))
    wb = open_xlsx(dok)
    assert wb.sheetnames == ["Ringkasan", "9.9 Uji", "9.9 Uji (2)"]


@pytest.mark.django_db
def test_demo_lakip_workbook(demo_opd):
    from akuntabel.reports.lakip import build_lakip_context

    dok = build_lakip_context(demo_opd, 2023, date(2024, 2, 29))
    wb = open_xlsx(dok)
    assert wb.sheetnames[0] == "Ringkasan"
    distinct = []
    for t in dok.tabel():
        if t not in distinct:
            distinct.append(t)
    assert len(wb.sheetnames) == len(distinct) + 1  # the PK of Bab II and the Lampiran once
    assert all(len(n) <= 31 for n in wb.sheetnames)

    angka = [c.value for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, Number)]
    assert 5093068611 in angka and 4825424420 in angka
    assert any(v == pytest.approx(94.7449, abs=1e-4) for v in angka)  # serapan, unrounded
    assert any(v == pytest.approx(101.39, abs=5e-3) for v in angka)  # capaian IKU
    # No figure slipped through as text ("Rp 5.093.068.611", "94,74%").
    figure = re.compile(r"-?(Rp \d[\d.]*(,\d+)?|\d[\d.]*(,\d+)?%|\d{1,3}(\.\d{3})+(,\d+)?)")
    teks = [c.value for ws in wb for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and figure.fullmatch(c.value)]
    assert teks == []
