"""Hierarchical budget sheets as budgeting systems export them (adapters.xlsx.budget)."""

from collections import namedtuple
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from akuntabel.adapters.xlsx.budget import parse_budget_sheet
from akuntabel.adapters.xlsx.budget.header import BATAS_BARIS_JUDUL, JUDUL_KOLOM
from akuntabel.adapters.xlsx.budget.result import (
    BarisAnggaranImpor,
    HasilImpor,
    Masalah,
    SelisihImpor,
)
from akuntabel.adapters.xlsx.reader import open_workbook
from akuntabel.core.angka import format_angka

D = Decimal
JUDUL = ("Kode Rekening", "Uraian", "Anggaran", "Realisasi")
Row = namedtuple("Row", "nomor sel")  # the shape of akuntabel.adapters.xlsx.reader.Row
RUMUS = "rumus tanpa nilai tersimpan; buka dan simpan ulang di Excel"
URAIAN = ", ".join(JUDUL_KOLOM["uraian"])  # the names a header problem lists
PAGU = ", ".join(JUDUL_KOLOM["pagu"])


class Rumus:
    """Stands for the reader's marker of a formula cell without a stored value."""

    def __init__(self, teks: str) -> None:
        self.teks = teks


def make_sheet(*baris: tuple, judul: tuple = JUDUL, mulai: int = 1) -> list[tuple[int, tuple]]:
    """The header, then the data rows, numbered from ``mulai`` as the sheet's rows."""
    return [(mulai + i, tuple(sel)) for i, sel in enumerate([judul, *baris])]


def pohon(hasil: HasilImpor) -> list[tuple]:
    """(nomor, tingkat, kode, induk) per row: the tree as a reader checks it."""
    return [(b.nomor, b.tingkat, b.kode, b.induk) for b in hasil.baris]


def selisih(hasil: HasilImpor) -> list[tuple]:
    """(nomor, ukuran, tercetak, dihitung) per selisih."""
    return [(s.nomor, s.ukuran, s.tercetak, s.dihitung) for s in hasil.selisih]


def pesan(hasil: HasilImpor) -> list[str]:
    return [m.pesan for m in hasil.masalah]


# Seed LAKIP 2023 Dinas Sosial Kota Metro, Tabel 3.2, sub kegiatan "Pemberian Layanan
# Rujukan": the printed Belanja Operasi (23.704.200 / 22.859.900) already includes the Belanja
# Modal printed after it; its own children are only 2.288.200 / 2.210.900.
RUJUKAN = make_sheet(
    ("1.06.04.2.01.0012", "Pemberian Layanan Rujukan", "23.704.200", "22.859.900"),
    ("5.1", "Belanja Operasi", "23.704.200", "22.859.900"),
    ("5.1.02", "Belanja Barang dan Jasa", "2.288.200", "2.210.900"),
    ("5.1.02.01", "Belanja Barang", "2.288.200", "2.210.900"),
    ("5.1.02.01.01", "Belanja Barang Pakai Habis", "2.288.200", "2.210.900"),
    (None, "Belanja Bahan-Bahan Lainnya", "781.000", "718.000"),
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor- Alat Tulis Kantor",
     "476.600", "462.300"),
    ("5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor- Bahan Cetak",
     "780.600", "780.600"),
    ("5.1.02.01.01.0027", "Belanja Alat/Bahan untuk Kegiatan Kantor- Benda Pos",
     "250.000", "250.000"),
    ("5.2", "Belanja Modal", "21.416.000", "20.649.000"),
    ("5.2.02", "Belanja Modal Peralatan dan Mesin", "21.416.000", "20.649.000"),
    (None, "Belanja Modal Mebel", "11.488.000", "11.249.000"),
    (None, "Belanja Modal Alat Pendingin", "6.500.000", "6.200.000"),
    (None, "Belanja Modal Alat Rumah Tangga Lainnya (Home Use)", "3.428.000", "3.200.000"),
)


# -- the tree --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "diharapkan"),
    [
        pytest.param(
            make_sheet(
                ("40.000", "Program Rehabilitasi Sosial", "1.06.04", "50.000"),
                ("40.000", "Rehabilitasi Sosial Dasar …", "1.06.04.2.01", "50.000"),
                ("40.000", "Pemberian Layanan Rujukan", "1.06.04.2.01.0012", "50.000"),
                ("40.000", "Belanja Operasi", "5.1", "50.000"),
                ("40.000", "Belanja Barang dan Jasa", "5.1.02", "50.000"),
                ("30.000", "Belanja Alat Tulis Kantor", "5.1.02.01.01.0024", "35.000"),
                ("10.000", "Belanja Bahan Cetak", "5.1.02.01.01.0026", "15.000"),
                judul=("Realisasi", "Uraian", "Kode Rekening", "Anggaran"),
            ),
            [
                (2, "program", "1.06.04", None),
                (3, "kegiatan", "1.06.04.2.01", 2),
                (4, "sub_kegiatan", "1.06.04.2.01.0012", 3),
                (5, "rekening", "5.1", 4),
                (6, "rekening", "5.1.02", 5),
                (7, "rekening", "5.1.02.01.01.0024", 6),
                (8, "rekening", "5.1.02.01.01.0026", 6),
            ],
            id="clean sheet, columns in odd order -> program > kegiatan > sub > rekening",
        ),
        pytest.param(
            RUJUKAN,
            [
                (2, "sub_kegiatan", "1.06.04.2.01.0012", None),
                (3, "rekening", "5.1", 2),
                (4, "rekening", "5.1.02", 3),
                (5, "rekening", "5.1.02.01", 4),
                (6, "rekening", "5.1.02.01.01", 5),
                (7, "uraian", "", 6),
                (8, "rekening", "5.1.02.01.01.0024", 6),
                (9, "rekening", "5.1.02.01.01.0026", 6),
                (10, "rekening", "5.1.02.01.01.0027", 6),
                (11, "rekening", "5.2", 2),
                (12, "rekening", "5.2.02", 11),
                (13, "uraian", "", 12),
                (14, "uraian", "", 12),
                (15, "uraian", "", 12),
            ],
            id="seed Rujukan: detail lines without a code hang under the coded row above",
        ),
        pytest.param(
            make_sheet(
                ("5", "Belanja Daerah", "100", "90"),
                ("5.1.02.01.01.0024", "Belanja ATK", "60", "50"),
                ("5.2", "Belanja Modal", "40", "40"),
                ("5.1.02.01.01.0026", "Belanja Bahan Cetak", "0", "0"),
                ("5.2.02", "Belanja Modal Peralatan dan Mesin", "40", "40"),
            ),
            [
                (2, "rekening", "5", None),
                (3, "rekening", "5.1.02.01.01.0024", 2),
                (4, "rekening", "5.2", 2),
                (5, "rekening", "5.1.02.01.01.0026", 2),
                (6, "rekening", "5.2.02", 4),
            ],
            id="rekening nest under their longest printed prefix, levels may be skipped",
        ),
        pytest.param(
            make_sheet(
                (" 1 . 06 . 04 ", "Program", None, None),
                ("1.06.04 .2.01.0012", "Sub kegiatan", None, None),
                (5.1, "Belanja Operasi (code typed as a number)", None, None),
                (5, "Belanja (code typed as a whole number)", None, None),
                ("x.xx.01", "Program Penunjang", None, None),
                ("X.XX.01.2.02", "Administrasi Keuangan", None, None),
                ("-", "Catatan", None, None),
            ),
            [
                (2, "program", "1.06.04", None),
                (3, "sub_kegiatan", "1.06.04.2.01.0012", 2),
                (4, "rekening", "5.1", 3),
                (5, "rekening", "5", 3),
                (6, "program", "X.XX.01", None),
                (7, "kegiatan", "X.XX.01.2.02", 6),
                (8, "uraian", "", 7),
            ],
            id="spaces around dots, codes as numbers, X.XX.01 and a dash for no code",
        ),
        pytest.param(
            make_sheet(
                ("1.06.02", "Program A", None, None),
                ("1.06.04.2.01.0001", "Sub kegiatan of a program not in the sheet", None, None),
                ("5.1", "Belanja Operasi", None, None),
                ("1.06.02.2.01", "Kegiatan of program A, after another program's rows", None, None),
                ("5.1", "Belanja Operasi of that kegiatan", None, None),
            ),
            [
                (2, "program", "1.06.02", None),
                (3, "sub_kegiatan", "1.06.04.2.01.0001", None),
                (4, "rekening", "5.1", 3),
                (5, "kegiatan", "1.06.02.2.01", 2),
                (6, "rekening", "5.1", 5),
            ],
            id="program rows nest by code, not by position; rekening restart per kegiatan",
        ),
        pytest.param(
            make_sheet(
                (None, "Belanja tanpa kode", "10", "5"),
                ("5.1", "Belanja Operasi", "10", "5"),
            ),
            [(2, "uraian", "", None), (3, "rekening", "5.1", None)],
            id="rows before any program row are roots",
        ),
    ],
)
def test_rows_form_a_tree(rows: list, diharapkan: list[tuple]) -> None:
    hasil = parse_budget_sheet(rows)
    assert pesan(hasil) == []
    assert pohon(hasil) == diharapkan


def test_a_clean_sheet_gives_rows_with_amounts_and_the_columns_found() -> None:
    hasil = parse_budget_sheet(
        make_sheet(
            ("Belanja Operasi", "5.1", "Rp 1.250.000,00", 1000000),
            judul=("Uraian", "Kode Rekening", "Anggaran", "Realisasi"),
            mulai=4,
        )
    )
    assert hasil == HasilImpor(
        baris=(BarisAnggaranImpor(5, "rekening", "5.1", "Belanja Operasi",
                                  D("1250000.00"), D(1000000), None),),
        masalah=(),
        selisih=(),
        kolom={"kode": 1, "uraian": 0, "pagu": 2, "realisasi": 3},
    )


def test_rows_may_come_as_reader_rows_from_a_single_pass_generator() -> None:
    rows = (Row(nomor, sel) for nomor, sel in RUJUKAN)
    hasil = parse_budget_sheet(rows)
    assert pohon(hasil) == pohon(parse_budget_sheet(RUJUKAN))


# -- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("isi", "nilai"),
    [
        pytest.param(1250000, D(1250000), id="a whole number"),
        pytest.param(1250000.0, D(1250000), id="a float holding a whole number"),
        pytest.param(0.1 + 0.2, D("0.3"), id="float noise is read with Excel's 15 digits"),
        pytest.param(D("1250000.50"), D("1250000.50"), id="a Decimal with sen"),
        pytest.param("1.250.000", D(1250000), id="Indonesian thousands dots"),
        pytest.param("Rp 1.250.000,00", D("1250000.00"), id="Rp with decimal comma"),
        pytest.param(" Rp. 5.000,- ", D(5000), id="Rp. with the no-cents mark and stray spaces"),
        pytest.param("-", D(0), id="a dash is nil -> 0"),
        pytest.param("-1.000", D(-1000), id="a negative correction is kept"),
        pytest.param(None, None, id="an empty cell is no amount, not 0"),
        pytest.param(D("1250000.000"), D("1250000.000"), id="trailing zeros are whole sen"),
        pytest.param("   ", None, id="a cell of spaces is no amount"),
    ],
)
def test_amounts_are_read(isi: object, nilai: Decimal | None) -> None:
    hasil = parse_budget_sheet(make_sheet(("5.1", "Belanja Operasi", isi, None)))
    assert pesan(hasil) == []
    assert hasil.baris[0].pagu == nilai


@pytest.mark.parametrize(
    ("isi", "diharapkan"),
    [
        pytest.param("12,5,3", "Baris 2, kolom Pagu: '12,5,3' bukan angka",
                     id="a text that is no number -> bukan angka"),
        pytest.param("seratus ribu", "Baris 2, kolom Pagu: 'seratus ribu' bukan angka",
                     id="a number in words -> bukan angka"),
        pytest.param("1.25.000", "Baris 2, kolom Pagu: '1.25.000' bukan angka",
                     id="broken thousands grouping -> bukan angka"),
        pytest.param("95%", "Baris 2, kolom Pagu: '95%' bukan angka",
                     id="a percentage is no rupiah amount"),
        pytest.param(True, "Baris 2, kolom Pagu: 'True' bukan angka", id="a boolean cell"),
        pytest.param(date(2023, 12, 31), "Baris 2, kolom Pagu: '2023-12-31' tersimpan sebagai "
                     "tanggal atau waktu; ubah format selnya menjadi Teks dan ketik ulang",
                     id="a date cell"),
        pytest.param(float("nan"), "Baris 2, kolom Pagu: 'nan' bukan angka", id="NaN"),
        pytest.param(D("1E+18"), "Baris 2, kolom Pagu: '1E+18' terlalu besar untuk jumlah "
                     "rupiah", id="Rp 10^18 does not fit the database"),
        pytest.param("1.234,567", "Baris 2, kolom Pagu: '1.234,567' lebih dari dua angka "
                     "desimal; rupiah hanya sampai sen", id="fractions of a sen"),
        pytest.param(Rumus("=SUM(C3:C9)"), f"Baris 2, kolom Pagu: {RUMUS}",
                     id="a formula marker -> save again in Excel"),
        pytest.param("=SUM(C3:C9)", f"Baris 2, kolom Pagu: {RUMUS}",
                     id="a formula as text -> the same message"),
    ],
)
def test_a_cell_that_is_not_an_amount_is_a_problem(isi: object, diharapkan: str) -> None:
    hasil = parse_budget_sheet(make_sheet(("5.1", "Belanja Operasi", isi, "10")))
    assert hasil.masalah == (Masalah(2, "Pagu", diharapkan),)
    assert hasil.baris[0].pagu is None  # the row stays, without the amount
    assert hasil.baris[0].realisasi == D(10)


def test_realisasi_problems_name_the_realisasi_column() -> None:
    hasil = parse_budget_sheet(make_sheet(("5.1", "Belanja Operasi", "10", "12,5,3")))
    assert hasil.masalah == (
        Masalah(2, "Realisasi", "Baris 2, kolom Realisasi: '12,5,3' bukan angka"),
    )


# -- selisih ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "diharapkan"),
    [
        pytest.param(
            RUJUKAN,
            [(3, "pagu", D(23704200), D(2288200)), (3, "realisasi", D(22859900), D(2210900))],
            id="seed Rujukan: Belanja Operasi includes its Belanja Modal sibling -> one row",
        ),
        pytest.param(
            make_sheet(
                ("5.1", "Belanja Operasi", "100", "90"),
                ("5.1.02", "Belanja Barang dan Jasa", "60", "50"),
                ("5.1.01", "Belanja Pegawai", "40", "40"),
            ),
            [],
            id="printed parents equal to their children -> none",
        ),
        pytest.param(
            make_sheet(
                ("5.1", "Belanja Operasi", "999", "90"),
                ("5.1.02", "Belanja Barang dan Jasa", "60", "50"),
                ("5.1.01", "Belanja Pegawai", None, "40"),
            ),
            [],
            id="a child without pagu -> the parent's pagu is not checked",
        ),
        pytest.param(
            make_sheet(
                ("5.1.02.01.01.0024", "Belanja ATK", "100", "80"),
                (None, "Kertas HVS", "70", "60"),
                (None, "[ Keterangan: harga sesuai SSH ]", None, None),
                (None, "Tinta", "20", "20"),
            ),
            [(2, "pagu", D(100), D(90))],
            id="a text-only detail line does not stop its parent from being checked",
        ),
        pytest.param(
            make_sheet(
                ("1.06.04.2.01.0012", "Sub kegiatan", "100", None),
                ("5.1", "Belanja Operasi", "100", None),
                ("5.2", "Belanja Modal", "50", None),
            ),
            [(2, "pagu", D(100), D(150))],
            id="a sub kegiatan printed below the sum of its rekening",
        ),
    ],
)
def test_printed_parents_that_differ_from_their_children(rows: list, diharapkan: list) -> None:
    hasil = parse_budget_sheet(rows)
    assert pesan(hasil) == []
    assert selisih(hasil) == diharapkan


def test_a_selisih_says_what_was_printed_and_what_the_children_add_up_to() -> None:
    pertama = parse_budget_sheet(RUJUKAN).selisih[0]
    assert pertama == SelisihImpor(3, "induk", "5.1", "Belanja Operasi", "pagu",
                                   D(23704200), D(2288200))
    assert pertama.pesan == (
        "Baris 3 (5.1 Belanja Operasi): pagu tercetak Rp 23.704.200, "
        "jumlah rinciannya Rp 2.288.200."
    )


def test_printed_amounts_are_kept_as_printed() -> None:
    belanja_operasi = parse_budget_sheet(RUJUKAN).baris[1]
    assert (belanja_operasi.pagu, belanja_operasi.realisasi) == (D(23704200), D(22859900))


# -- blank and total rows --------------------------------------------------------------------


SUB_A = ("1.06.04.2.01.0001", "Sub kegiatan A", "100", "80")
SUB_A_REKENING = ("5.1.02.01.01.0024", "Belanja ATK", "100", "80")
SUB_B = ("1.06.04.2.01.0002", "Sub kegiatan B", "50", "50")
SUB_B_REKENING = ("5.1.02.01.01.0024", "Belanja ATK", "50", "50")


@pytest.mark.parametrize(
    ("rows", "diharapkan"),
    [
        pytest.param(
            make_sheet(SUB_A, SUB_A_REKENING, (None, None, None, None), ("", "  ", None, ""),
                       SUB_B, SUB_B_REKENING, (None, "Jumlah", "150", "130")),
            [],
            id="blank rows skipped, a Jumlah equal to the tree -> nothing",
        ),
        pytest.param(
            make_sheet(SUB_A, SUB_A_REKENING, SUB_B, SUB_B_REKENING,
                       (None, "JUMLAH TOTAL", "Rp 160.000", "130")),
            [(6, "pagu", D(160000), D(150))],
            id="a JUMLAH TOTAL that differs from the tree -> selisih on the total row",
        ),
        pytest.param(
            make_sheet(SUB_A, SUB_A_REKENING, (None, "Jumlah", "100", "80"),
                       SUB_B, SUB_B_REKENING, (None, "Sub Total", "55", "50"),
                       (None, "Total", "150", "130")),
            [(7, "pagu", D(55), D(50))],
            id="subtotals per sub kegiatan and a grand total -> only the wrong subtotal",
        ),
        pytest.param(
            make_sheet(("1.06.04", "Program", "150", "130"), SUB_A, SUB_A_REKENING,
                       (None, "Jumlah Sub Kegiatan A", "100", "80"),
                       SUB_B, SUB_B_REKENING, (None, "Jumlah Sub Kegiatan B", "50", "50"),
                       ("JUMLAH", None, "150", "130")),
            [],
            id="a subtotal closes its sub kegiatan; a label may stand in the kode column",
        ),
        pytest.param(
            make_sheet((None, "Belanja Pegawai", "100", "80"), (None, "Belanja ATK", "60", "50"),
                       (None, "Jumlah", "999", "999")),
            [],
            id="a sheet without codes: its totals are not compared",
        ),
    ],
)
def test_total_rows_are_compared_not_imported(rows: list, diharapkan: list) -> None:
    hasil = parse_budget_sheet(rows)
    assert pesan(hasil) == []
    assert selisih(hasil) == diharapkan
    assert not any(b.uraian.casefold().startswith(("jumlah", "total", "sub total"))
                   for b in hasil.baris)


def test_a_total_label_merged_over_no_and_kode_stands_in_the_no_column() -> None:
    hasil = parse_budget_sheet(
        make_sheet(
            ("1", "5.1", "Belanja Operasi", "100", "80"),
            ("JUMLAH", None, None, "120", "80"),
            judul=("No", "Kode", "Uraian", "Pagu", "Realisasi"),
        )
    )
    assert pesan(hasil) == []
    assert [b.nomor for b in hasil.baris] == [2]
    assert [s.pesan for s in hasil.selisih] == [
        "Baris 3 (JUMLAH): pagu tercetak Rp 120, jumlah baris anggarannya Rp 100."
    ]


# -- the header ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "kolom", "data"),
    [
        pytest.param(
            make_sheet(("5.1", "Belanja", "10", "5"),
                       judul=(" KODE\nREKENING ", "URAIAN", "ANGGARAN (Rp)", "REALISASI (Rp.)")),
            {"kode": 0, "uraian": 1, "pagu": 2, "realisasi": 3}, [2],
            id="upper case, line breaks, stray spaces and (Rp) in headers",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja", "10", "5"),
                       judul=("Kd. Rek.", "Program / Kegiatan", "Pagu  Anggaran", "SP2D")),
            {"kode": 0, "uraian": 1, "pagu": 2, "realisasi": 3}, [2],
            id="abbreviations and spaces around the slash",
        ),
        pytest.param(
            [(1, ("PEMERINTAH KOTA METRO",)), (2, ("LAPORAN REALISASI ANGGARAN 2023",)),
             (3, ()), (4, ("No", "Kode", "Uraian", None, "Nilai", "Realisasi Anggaran")),
             (5, ("1", "5.1", "Belanja", None, "10", "5"))],
            {"kode": 1, "uraian": 2, "pagu": 4, "realisasi": 5}, [5],
            id="a header below a title block",
        ),
        pytest.param(
            [(1, ("Kode", "Uraian", "Anggaran", None)),
             (2, (None, None, "Pagu", "Realisasi")),
             (3, ("5.1", "Belanja", "10", "5"))],
            {"kode": 0, "uraian": 1, "pagu": 2, "realisasi": 3}, [3],
            id="a two-row header: Anggaran merged over Pagu and Realisasi",
        ),
        pytest.param(
            make_sheet((None, 1, 2, 3, 4), ("5.1", "Belanja", "10", "5")),
            {"kode": 0, "uraian": 1, "pagu": 2, "realisasi": 3}, [3],
            id="the column number row under the header is skipped",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja", "10", "5"), JUDUL, ("1", "2", "3", "4"),
                       ("5.2", "Belanja Modal", "10", "5")),
            {"kode": 0, "uraian": 1, "pagu": 2, "realisasi": 3}, [2, 5],
            id="a header repeated after a page break is skipped",
        ),
        pytest.param(
            [(1, ("Kode", "Uraian", "Anggaran", None)), (2, (None, None, "Pagu", "Realisasi")),
             (3, ("5.1", "Belanja", "10", "5")),
             (4, ("Kode", "Uraian", "Anggaran", None)), (5, (None, None, "Pagu", "Realisasi")),
             (6, ("5.2", "Belanja Modal", "10", "5"))],
            {"kode": 0, "uraian": 1, "pagu": 2, "realisasi": 3}, [3, 6],
            id="a two-row header repeated after a page break is skipped",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja", "10", "12", "5"),
                       judul=("Kode", "Uraian", "Anggaran", "Anggaran Setelah Perubahan",
                              "Realisasi")),
            {"kode": 0, "uraian": 1, "pagu": 3, "realisasi": 4}, [2],
            id="Anggaran Setelah Perubahan wins over Anggaran",
        ),
        pytest.param(
            make_sheet(("Belanja", "10"), judul=("Uraian", "Pagu")),
            {"uraian": 0, "pagu": 1}, [2],
            id="kode and realisasi are optional",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja", None, None, "10"), (None, None, "Kertas", None, "4"),
                       judul=("Kode", "Uraian", None, None, "Pagu")),
            {"kode": 0, "uraian": 1, "pagu": 4}, [2, 3],
            id="an uraian in the merged columns after the Uraian column is read",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja", "Belanja", "Belanja", "10"),
                       ("5.1.02", None, "Kertas", "Kertas", "4"),
                       judul=("Kode", "Uraian", "Uraian", "Uraian", "Pagu")),
            {"kode": 0, "uraian": 1, "pagu": 4}, [2, 3],
            id="a header merged over columns and filled by the reader is one column",
        ),
    ],
)
def test_columns_are_found_by_their_header_names(
    rows: list, kolom: dict[str, int], data: list[int]
) -> None:
    hasil = parse_budget_sheet(rows)
    assert pesan(hasil) == []
    assert hasil.kolom == kolom
    assert [b.nomor for b in hasil.baris] == data
    assert all(b.uraian for b in hasil.baris)


@pytest.mark.parametrize(
    ("rows", "diharapkan"),
    [
        pytest.param(
            make_sheet(("5.1", "Belanja", "5"), judul=("Kode Rekening", "Uraian", "Realisasi")),
            [Masalah(1, None,
                     "Kolom Pagu tidak ditemukan di 20 baris pertama. Judul kolom yang terbaca "
                     "(baris 1): 'Kode Rekening', 'Uraian', 'Realisasi'. Judul yang dikenali — "
                     f"Pagu: {PAGU}.")],
            id="missing pagu column -> one problem naming it and the headers seen",
        ),
        pytest.param(
            [(n, (f"baris {n}",)) for n in range(1, BATAS_BARIS_JUDUL + 1)]
            + make_sheet(("5.1", "Belanja", "10", "5"), mulai=BATAS_BARIS_JUDUL + 1),
            [Masalah(1, None,
                     "Kolom Uraian dan Pagu tidak ditemukan di 20 baris pertama. Judul kolom "
                     "yang terbaca (baris 1): 'baris 1'. Judul yang dikenali — "
                     f"Uraian: {URAIAN}; Pagu: {PAGU}.")],
            id="a header after the first 20 rows is not looked for",
        ),
        pytest.param(
            [(1, (None, "  ")), (2, ())],
            [Masalah(None, None,
                     "Kolom Uraian dan Pagu tidak ditemukan di 20 baris pertama. Tidak ada judul "
                     "kolom yang terbaca. Judul yang dikenali — "
                     f"Uraian: {URAIAN}; Pagu: {PAGU}.")],
            id="rows with nothing written in them",
        ),
        pytest.param(
            [],
            [Masalah(None, None,
                     "Kolom Uraian dan Pagu tidak ditemukan di 20 baris pertama. Lembar ini "
                     "kosong. Judul yang dikenali — "
                     f"Uraian: {URAIAN}; Pagu: {PAGU}.")],
            id="an empty sheet",
        ),
        pytest.param(
            make_sheet((None, None, None, None)),
            [Masalah(None, None, "Tidak ada baris anggaran di bawah judul kolom (baris 1).")],
            id="a header without rows under it",
        ),
        pytest.param(
            make_sheet(("5.1", "10", "Belanja", "10"), judul=("Kode", "Pagu", "Uraian", "Pagu")),
            [Masalah(1, "Pagu", "Baris 1: judul kolom Pagu muncul lebih dari sekali (kolom B "
                                "dan D); kolom B yang dibaca.")],
            id="the same header twice -> a problem, the first is read",
        ),
    ],
)
def test_header_problems(rows: list, diharapkan: list[Masalah]) -> None:
    assert list(parse_budget_sheet(rows).masalah) == diharapkan


# -- other problems --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "diharapkan"),
    [
        pytest.param(
            make_sheet(("5.1", "Belanja Operasi", "10", "5"),
                       ("1.06", "Bidang Sosial", "10", "5"),
                       ("Bidang Sosial", "Bidang Sosial", "10", "5"),
                       ("5.1.2.3.4.5.6", "Tujuh tingkat", "1", "1"),
                       ("5.1.02.01.01.0024.", "Titik di akhir", "1", "1")),
            # "1.06" is a bidang heading (grouping, as budgeting systems print them between
            # the programs of each bidang): no problem.
            ["Baris 5, kolom Kode: '5.1.2.3.4.5.6' bukan kode program, kegiatan, sub kegiatan, "
             "atau rekening belanja",
             "Baris 6, kolom Kode: '5.1.02.01.01.0024.' bukan kode program, kegiatan, sub "
             "kegiatan, atau rekening belanja"],
            id="codes that fit no pattern -> one problem per row; a label merged over both is none",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja Operasi", "10", "5"), (Rumus('=A2&".02"'), "B", "1", "1")),
            [f"Baris 3, kolom Kode: {RUMUS}"],
            id="a formula marker in the kode column",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja Operasi", "10", "5"), ("5.1", "Belanja Operasi", "9", "5")),
            ["Baris 3, kolom Kode: kode '5.1' sudah ada di baris 2 di bawah induk yang sama"],
            id="a rekening code twice under the same sub kegiatan",
        ),
        pytest.param(
            make_sheet(("1.06.04", "Program", None, None), ("1.06.04.2.01", "Kegiatan", None, None),
                       ("1.06.04.2.01", "Kegiatan lagi", None, None)),
            ["Baris 4, kolom Kode: kode '1.06.04.2.01' sudah ada di baris 3 di bawah induk yang "
             "sama"],
            id="a kegiatan code twice under the same program",
        ),
        pytest.param(
            make_sheet(SUB_A, SUB_A_REKENING, SUB_B, SUB_B_REKENING),
            [],
            id="the same rekening under two sub kegiatan is no duplicate",
        ),
        pytest.param(
            make_sheet((datetime(2002, 6, 1), "Program read by Excel as 1 June 2002", "1", "1")),
            ["Baris 2, kolom Kode: '2002-06-01 00:00:00' tersimpan sebagai tanggal atau waktu; "
             "ubah format selnya menjadi Teks dan ketik ulang"],
            id="a code Excel turned into a date",
        ),
        pytest.param(
            make_sheet(("5.1", "Belanja Operasi", "10", "5"), (None, None, "10", None)),
            ["Baris 3: ada angka tetapi tidak ada kode maupun uraian"],
            id="an amount without code or uraian",
        ),
    ],
)
def test_row_problems(rows: list, diharapkan: list[str]) -> None:
    assert pesan(parse_budget_sheet(rows)) == diharapkan


def test_a_workbook_with_merged_cells_read_by_the_xlsx_reader(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DPA"
    ws.append(["REALISASI ANGGARAN DINAS SOSIAL 2023"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["No", "Kode Rekening", "Uraian", None, "Anggaran", None])
    ws.append([None, None, None, None, "Pagu", "Realisasi"])
    for rentang in ("A3:A4", "B3:B4", "C3:D4", "E3:F3"):
        ws.merge_cells(rentang)
    ws.append([1, 2, 3, None, 4, 5])
    ws.append([None, "1.06.04.2.01.0012", "Pemberian Layanan Rujukan", None, 23704200, 22859900])
    ws.append([None, "5.1", "Belanja Operasi", None, "23.704.200", 22859900])
    ws.append([None, "5.1.02", "Belanja Barang dan Jasa", None, 2288200, 2210900])
    ws.append([None, None, None, "Belanja Bahan", 2288200, 2210900])
    ws.append([None, "5.2", "Belanja Modal", None, 21416000, 20649000])
    ws.append(["JUMLAH", None, None, None, "=SUM(E6)", 22859900])
    for rentang in ("C5:D5", "C6:D6", "C7:D7", "C8:D8", "C10:D10", "A11:D11"):
        ws.merge_cells(rentang)
    wb.save(tmp_path / "dpa.xlsx")

    with open_workbook(tmp_path / "dpa.xlsx") as lembar:
        hasil = parse_budget_sheet(lembar.rows("DPA"))

    assert hasil.kolom == {"kode": 1, "uraian": 2, "pagu": 4, "realisasi": 5}
    assert pohon(hasil) == [
        (6, "sub_kegiatan", "1.06.04.2.01.0012", None),
        (7, "rekening", "5.1", 6),
        (8, "rekening", "5.1.02", 7),
        (9, "uraian", "", 8),
        (10, "rekening", "5.2", 6),
    ]
    assert pesan(hasil) == [f"Baris 11, kolom Pagu: {RUMUS}"]  # written by openpyxl, never computed
    assert [(s.nomor, s.ukuran) for s in hasil.selisih] == [(7, "pagu"), (7, "realisasi")]


# -- robustness and size ---------------------------------------------------------------------

_SEL = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["5", "5.1", "5.1.02", "1.06.04", "1.06.04.2.01", "1.06.04.2.01.0001",
                     "X.XX.01", "Jumlah", "Total", "-", "Rp 1.000", "1.250.000,00", "=A1",
                     "Kode", "Uraian", "Anggaran", "Realisasi", "1", "2", " "]),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.booleans(),
    st.builds(Rumus, st.text(max_size=5)),
)
_KODE = st.one_of(
    st.none(),
    st.from_regex(r"5(\.[0-9]{1,2}){0,5}", fullmatch=True),
    st.from_regex(r"1\.06\.0[1-3](\.2\.0[1-3](\.000[1-3])?)?", fullmatch=True),
    st.sampled_from(["JUMLAH", "x", "5.1.", "-"]),
)
_JUMLAH = st.one_of(st.none(), st.integers(-10, 10**6), st.decimals(places=2), st.sampled_from(
    ["-", "1.000", "Rp 2.500,00", "12,5,3"]))
_BARIS = st.tuples(  # (nomor, sel): cells of any kind, or a plausible budget row
    st.integers(min_value=-5, max_value=10**6),
    st.one_of(
        st.lists(_SEL, max_size=7).map(tuple),
        st.tuples(_KODE, st.one_of(st.none(), st.text(max_size=8), st.just("Jumlah")),
                  _JUMLAH, _JUMLAH),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.permutations(JUDUL), st.lists(_BARIS, max_size=60))
@example(True, JUDUL, [(2, (None, "²", None, None))])  # a digit that int() does not read
@example(True, ["Kode Rekening", "Uraian", "Anggaran", "Realisasi"], [(0, (None, "KODE"))])
def test_random_rows_give_problems_never_exceptions(
    dengan_judul: bool, judul: tuple, rows: list
) -> None:
    if dengan_judul:
        rows = [(0, tuple(judul)), *rows]
    hasil = parse_budget_sheet(rows)
    assert all(isinstance(m, Masalah) and m.pesan for m in hasil.masalah)
    terlihat: set[int] = set()
    for b in hasil.baris:  # every parent is a row above
        assert b.induk is None or b.induk in terlihat
        terlihat.add(b.nomor)
    assert all(s.pesan for s in hasil.selisih)


def make_dpa(jumlah_sub: int) -> list[tuple[int, tuple]]:
    """A generated DPA sheet: one program, kegiatan of 100 sub kegiatan each, every sub
    kegiatan with four rekening levels over five leaves; amounts as Indonesian text or numbers,
    printed parents equal to their children, a JUMLAH row at the end."""
    baris: list[tuple] = [("1.06.04", "Program Rehabilitasi Sosial", None, None)]
    total = D(0)
    for s in range(jumlah_sub):
        kegiatan, sub = divmod(s, 100)
        if sub == 0:
            baris.append((f"1.06.04.2.{kegiatan + 1:02d}", f"Kegiatan {kegiatan + 1}", None, None))
        daun = [D(100_000 * (s % 7 + 1) + 1_250 * j) for j in range(1, 6)]
        jumlah = sum(daun, D(0))
        total += jumlah
        teks = format_angka(jumlah)
        baris.append((f"1.06.04.2.{kegiatan + 1:02d}.{sub + 1:04d}", f"Sub kegiatan {s}",
                      f"Rp {teks}", teks))
        for kode in ("5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01"):
            baris.append((kode, f"Belanja {kode}", teks, int(jumlah)))
        for j, nilai in enumerate(daun, 1):
            baris.append((f"5.1.02.01.01.{j:04d}", f"Belanja rinci {j}", int(nilai),
                          format_angka(nilai)))
    baris.append((None, "JUMLAH", format_angka(total), format_angka(total)))
    return make_sheet(*baris)


def test_a_generated_10_000_row_sheet_reads_without_problems() -> None:
    rows = make_dpa(999)
    assert len(rows) >= 10_000
    hasil = parse_budget_sheet(iter(rows))
    assert (pesan(hasil), selisih(hasil)) == ([], [])
    assert len(hasil.baris) == len(rows) - 2  # without the header and the JUMLAH row
    assert sum(b.tingkat == "sub_kegiatan" for b in hasil.baris) == 999
