"""What real budget sheets carry that the plain layout does not: codes with the SKPD prefix,
codes split over columns, subtotal rows, amounts in thousands, other header wordings, and
pendapatan/pembiayaan lines. Each sheet is built with openpyxl and read through the importer."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from akuntabel.adapters.xlsx.budget import parse_budget_sheet
from akuntabel.adapters.xlsx.budget_import import apply_budget, read_budget_sheet
from akuntabel.adapters.xlsx.reader import open_workbook
from akuntabel.budget.models import DpaLine, DpaSubKegiatan

pytestmark = pytest.mark.django_db

SUB = "1.06.02.2.02.0003"
SKPD = "1.06.0.00.0.00.01.0000"


def xlsx(tmp_path, rows, merge: tuple[str, ...] = ()):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    for cells in merge:
        wb.active.merge_cells(cells)
    path = tmp_path / "anggaran.xlsx"
    wb.save(path)
    return path


def parsed(tmp_path, rows, merge: tuple[str, ...] = ()):
    with open_workbook(xlsx(tmp_path, rows, merge)) as sheets:
        return parse_budget_sheet(sheets.rows(sheets.names[0]))


def tree(hasil) -> list[tuple[str, str, Decimal | None]]:
    return [(b.tingkat, b.kode, b.pagu) for b in hasil.baris]


PLAIN = [("1.06.02", "program"), ("1.06.02.2.02", "kegiatan"), (SUB, "sub_kegiatan"),
         ("5.1", "rekening"), ("5.1.02.01.01.0024", "rekening")]


# -- codes carrying the SKPD / urusan prefix -------------------------------------------------

def test_codes_with_the_skpd_prefix_are_read_without_it(tmp_path, demo_opd):
    rows = [("Kode", "Uraian", "Anggaran", "Realisasi"),
            (f"{SKPD}.1.06.02", "PROGRAM PEMBERDAYAAN SOSIAL", 100, 90),
            (f"{SKPD}.1.06.02.2.02", "Pengumpulan Sumbangan", 100, 90),
            (f"1.06.{SUB}", "Koordinasi Undian", 100, 90),  # urusan.bidang prefix only
            (f"{SUB}.5.1", "Belanja Operasi", 100, 90),  # rekening under its sub kegiatan
            (f"{SKPD}.{SUB}.5.1.02.01.01.0024", "ATK", 100, 90)]
    p = read_budget_sheet(xlsx(tmp_path, rows), demo_opd, 2024)
    assert p.masalah == []
    assert [(b.kode, b.tingkat) for b in p.baris] == PLAIN
    assert any("5 baris membawa awalan kode SKPD/urusan" in c and f"'{SKPD}.1.06.02' -> "
               "'1.06.02'" in c for c in p.catatan), p.catatan
    apply_budget(p, None, "uji")
    assert DpaSubKegiatan.objects.get(dpa__tahun=2024).sub_kegiatan.kode == SUB


def test_a_prefix_is_not_stripped_when_the_rest_is_no_code_or_another_node(tmp_path):
    rows = [("Kode", "Uraian", "Anggaran"),
            ("1.06.02", "PROGRAM", 100), ("1.06.02.2.02", "Kegiatan", 100),
            (SUB, "Sub", 100),
            (f"{SKPD}.9.9", "Bukan kode", 100),
            ("1.06.02.2.02.0009.5.1", "Rekening sub kegiatan lain", 100)]
    hasil = parsed(tmp_path, rows)
    assert [m.pesan for m in hasil.masalah] == [
        f"Baris 5, kolom Kode: '{SKPD}.9.9' bukan kode program, kegiatan, sub kegiatan, atau "
        "rekening belanja",
        "Baris 6, kolom Kode: '1.06.02.2.02.0009.5.1' bukan kode program, kegiatan, sub "
        "kegiatan, atau rekening belanja"]


# -- codes split over columns ----------------------------------------------------------------

def test_a_code_split_over_columns_is_joined(tmp_path, demo_opd):
    # Numbers typed into Excel lose their leading zeros: bidang 6, program 2, sub 3.
    rows = [("Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan", "Kode Rekening",
             "Uraian", "Anggaran", "Realisasi"),
            (1, 6, 2, None, None, None, "PROGRAM PEMBERDAYAAN SOSIAL", 100, 90),
            (1, 6, 2, 2.02, None, None, "Pengumpulan Sumbangan", 100, 90),
            (1, 6, 2, "2.02", 3, None, "Koordinasi Undian", 100, 90),
            (1, 6, 2, "2.02", 3, "5.1", "Belanja Operasi", 100, 90),
            (None, None, None, None, None, "5.1.02.01.01.0024", "ATK", 100, 90)]
    p = read_budget_sheet(xlsx(tmp_path, rows), demo_opd, 2024)
    assert p.masalah == []
    assert [(b.kode, b.tingkat) for b in p.baris] == PLAIN
    assert any("Kode dibaca dari kolom terpisah (A urusan, B bidang, C program, D kegiatan, "
               "E sub kegiatan, F rekening)" in c for c in p.catatan), p.catatan
    apply_budget(p, None, "uji")
    assert DpaLine.objects.filter(anggaran__dpa__tahun=2024).count() == 2


def test_a_kode_header_merged_over_its_parts(tmp_path):
    rows = [("Kode", None, None, None, None, "Uraian", "Pagu"),
            ("Urusan", "Bidang", "Program", "Kegiatan", "Sub", None, None),
            (1, "06", "02", None, None, "PROGRAM", 100),
            (1, "06", "02", "2.02", None, "Kegiatan", 100),
            (1, "06", "02", "2.02", "0003", "Sub kegiatan", 100)]
    hasil = parsed(tmp_path, rows, merge=("A1:E1", "F1:F2", "G1:G2"))
    assert hasil.masalah == ()
    assert [b.kode for b in hasil.baris] == ["1.06.02", "1.06.02.2.02", SUB]


# -- subtotal rows ---------------------------------------------------------------------------

def test_uncoded_subtotal_rows_are_checked_never_imported(tmp_path, demo_opd):
    rows = [("Kode", "Uraian", "Anggaran"),
            ("1.06.02", "PROGRAM", 300), ("1.06.02.2.02", "Kegiatan", 300),
            (SUB, "Sub kegiatan", 300), ("5.1.02.01.01.0024", "ATK", 100),
            ("5.1.02.01.01.0025", "Kertas", 200),
            (None, "Sub Total", 300),
            (None, "Jumlah", 300),
            ("Total", None, 999)]  # a label in the Kode column: compared, and wrong
    p = read_budget_sheet(xlsx(tmp_path, rows), demo_opd, 2024)
    assert p.masalah == []
    assert [(x.nomor, x.tercetak, x.dihitung) for x in p.selisih] == [(9, 999, 300)]
    apply_budget(p, None, "uji")
    assert sorted(DpaLine.objects.filter(anggaran__dpa__tahun=2024)
                  .values_list("uraian", flat=True)) == ["ATK", "Kertas"]


# -- amounts in thousands --------------------------------------------------------------------

def test_amounts_in_thousands_are_multiplied_and_the_preview_says_so(tmp_path, demo_opd):
    rows = [("DPA SKPD Dinas Sosial", None, None, None),
            ("(dalam ribuan rupiah)", None, None, None),
            ("Kode", "Uraian", "Anggaran", "Realisasi"),
            ("1.06.02", "PROGRAM", "1.500", 1200), ("1.06.02.2.02", "Kegiatan", "1.500", 1200),
            (SUB, "Sub kegiatan", "1.500", 1200),
            ("5.1.02.01.01.0024", "ATK", "1.234,5", 1200),  # 1.234,5 thousand = 1.234.500
            ("5.1.02.01.01.0025", "Kertas", 265.5, None)]
    p = read_budget_sheet(xlsx(tmp_path, rows), demo_opd, 2024)
    assert p.masalah == []
    assert [b.pagu for b in p.baris] == [1_500_000, 1_500_000, 1_500_000, 1_234_500, 265_500]
    assert p.baris[0].realisasi == 1_200_000
    assert any("dalam ribuan rupiah (baris 2: '(dalam ribuan rupiah)'); setiap jumlah "
               "dikalikan 1.000" in c for c in p.catatan), p.catatan
    apply_budget(p, None, "uji")
    assert DpaSubKegiatan.objects.get(dpa__tahun=2024).pagu == Decimal("1500000")


@pytest.mark.parametrize("header", ["Anggaran (Rp 000)", "Anggaran (Rp. 000)",
                                    "Anggaran (dalam ribuan)"])
def test_a_scale_in_the_header_name_is_read(tmp_path, header):
    hasil = parsed(tmp_path, [("Kode", "Uraian", header), ("5.1", "Belanja", 2)])
    assert hasil.masalah == ()
    assert hasil.skala == 1000 and hasil.baris[0].pagu == 2000


def test_two_different_scales_are_a_problem(tmp_path):
    hasil = parsed(tmp_path, [("dalam ribuan rupiah", None, None),
                              ("Kode", "Uraian", "Anggaran (Rp 000.000)"),
                              ("5.1", "Belanja", 2)])
    assert [m.pesan for m in hasil.masalah] == [
        "Satuan angka tidak jelas (baris 1: 'dalam ribuan rupiah'; baris 2: 'Anggaran (Rp "
        "000.000)'); sisakan satu keterangan ribuan atau jutaan."]


# -- header wordings -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("header", "pagu", "realisasi"),
    [
        pytest.param(("Kode Rekening", "Uraian Rekening", "Pagu Indikatif",
                      "Realisasi s.d. TW IV"), 100, 90, id="pagu indikatif, realisasi s.d. TW IV"),
        pytest.param(("Kode", "Uraian", "Anggaran Murni", "Anggaran Perubahan", "Realisasi"),
                     120, 90, id="murni and perubahan: the pagu is the perubahan"),
        pytest.param(("Kode", "Uraian", "Anggaran Murni", "Realisasi s/d Triwulan IV"), 100, 90,
                     id="murni alone is the pagu"),
    ],
)
def test_other_header_wordings(tmp_path, header, pagu, realisasi):
    amounts = (100, 120, 90) if len(header) == 5 else (100, 90)
    hasil = parsed(tmp_path, [header, ("5.1", "Belanja", *amounts)])
    assert hasil.masalah == ()
    assert (hasil.baris[0].pagu, hasil.baris[0].realisasi) == (pagu, realisasi)


# -- pendapatan and pembiayaan ---------------------------------------------------------------

def test_pendapatan_and_pembiayaan_lines_are_listed_by_row_not_imported(tmp_path, demo_opd):
    rows = [("Kode", "Uraian", "Anggaran", "Realisasi"),
            ("4", "PENDAPATAN DAERAH", 5000, 4000),
            ("4.1", "Pendapatan Asli Daerah", 5000, 4000),
            ("4.1.02.01.01.0001", "Retribusi Pelayanan", 5000, 4000),
            (None, "Retribusi panti", 5000, 4000),
            (None, "Jumlah Pendapatan", 7777, 4000),  # not compared with the belanja tree
            ("1", "URUSAN WAJIB", None, None),
            ("1.06.02", "PROGRAM", 100, 90), ("1.06.02.2.02", "Kegiatan", 100, 90),
            (SUB, "Sub kegiatan", 100, 90), ("5.1.02.01.01.0024", "ATK", 100, 90),
            ("6.1", "Penerimaan Pembiayaan", 300, 300),
            ("6.1.01", "SiLPA", 300, 300)]
    p = read_budget_sheet(xlsx(tmp_path, rows), demo_opd, 2024)
    assert p.masalah == [] and p.selisih == []
    assert [b.kode for b in p.baris] == ["1.06.02", "1.06.02.2.02", SUB, "5.1.02.01.01.0024"]
    assert [c.removeprefix("Lembar Sheet: ") for c in p.catatan] == [
        "Baris 2 (4 PENDAPATAN DAERAH): pendapatan, tidak diimpor; hanya belanja (kode 5) yang "
        "diimpor.",
        "Baris 3 (4.1 Pendapatan Asli Daerah): pendapatan, tidak diimpor; hanya belanja "
        "(kode 5) yang diimpor.",
        "Baris 4 (4.1.02.01.01.0001 Retribusi Pelayanan): pendapatan, tidak diimpor beserta 2 "
        "baris di bawahnya; hanya belanja (kode 5) yang diimpor.",
        "Baris 12 (6.1 Penerimaan Pembiayaan): pembiayaan, tidak diimpor; hanya belanja (kode "
        "5) yang diimpor.",
        "Baris 13 (6.1.01 SiLPA): pembiayaan, tidak diimpor; hanya belanja (kode 5) yang "
        "diimpor."]
    apply_budget(p, None, "uji")
    assert list(DpaLine.objects.filter(anggaran__dpa__tahun=2024)
                .values_list("kode_rekening", flat=True)) == ["5.1.02.01.01.0024"]


def test_a_lone_4_without_pendapatan_words_is_still_an_urusan_heading(tmp_path):
    hasil = parsed(tmp_path, [("Kode", "Uraian", "Anggaran"),
                              ("4", "URUSAN PEMERINTAHAN FUNGSI PENUNJANG", None),
                              ("1.06.02", "PROGRAM", 100)])
    assert hasil.masalah == () and hasil.catatan == ()
    assert [b.kode for b in hasil.baris] == ["1.06.02"]
