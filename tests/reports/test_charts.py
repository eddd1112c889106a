"""The report charts: valid PNGs of a printable size, drawn whatever the data (gaps, empty
lists), the same bytes for the same data."""

import struct
from decimal import Decimal

import pytest

from akuntabel.reports.charts import (
    chart_capaian_indikator,
    chart_iku_tren,
    chart_serapan_program,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TAHUN = [2021, 2022, 2023, 2024, 2025, 2026]
PROGRAM = ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
           "PROGRAM PEMBERDAYAAN SOSIAL", "PROGRAM REHABILITASI SOSIAL"]


def size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def assert_png(png: bytes, min_bytes: int = 5_000) -> None:
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) > min_bytes
    lebar, tinggi = size(png)
    # About 16 cm wide at 180 dpi: fills an A4 text column without being scaled up.
    assert 1000 <= lebar <= 1300
    assert 250 <= tinggi <= 1800


def D(*values):
    return [None if v is None else Decimal(v) for v in values]


@pytest.mark.parametrize(("target", "realisasi"), [
    (D("89.5", "90.5", "91.5", "92.5", "93.5", "95"), D("88.1", "91.2", "92.77", None, None, None)),
    (D("14000", None, "14460", "14600", None, "15500"), D(None, "13415", None, None, None, None)),
    (D("91.5", "91.5", "91.5", "91.5", "91.5", "91.5"), []),
], ids=["realisasi up to the report year", "gaps in both lines", "no realisasi series"])
def test_iku_tren_is_a_png(target, realisasi):
    assert_png(chart_iku_tren("Persentase PPKS yang tertangani", TAHUN, target, realisasi,
                              satuan="%"))


def test_capaian_indikator_is_a_png():
    assert_png(chart_capaian_indikator(
        ["Persentase PPKS yang tertangani", "Indikator tanpa realisasi",
         "Indikator dengan capaian sangat besar karena target salah ketik", "Capaian negatif"],
        D("101.39", None, "912.5", "-40")))


def test_serapan_program_is_a_png():
    assert_png(chart_serapan_program(PROGRAM, D("95.64", None, "0")))


def test_many_indicators_make_a_taller_chart_within_a_page():
    label = [f"Indikator kinerja nomor {i} dengan nama yang panjang sekali" for i in range(40)]
    png = chart_capaian_indikator(label, [Decimal(50 + i) for i in range(40)])
    assert_png(png)
    lebar, tinggi = size(png)
    assert tinggi > lebar  # grown past 16 × 8 cm ...
    assert tinggi <= 24 / 2.54 * 180 + 2  # ... but never past 24 cm


@pytest.mark.parametrize("make", [
    lambda: chart_iku_tren("Persentase PPKS yang tertangani", [], [], []),
    lambda: chart_iku_tren("Persentase PPKS yang tertangani", TAHUN, [None] * 6, [None] * 6),
    lambda: chart_capaian_indikator([], []),
    lambda: chart_capaian_indikator(["A", "B"], [None, None]),
    lambda: chart_serapan_program([], []),
    lambda: chart_serapan_program(PROGRAM, [None, None, None]),
], ids=["tren, no years", "tren, no values", "capaian, empty lists", "capaian, all None",
        "serapan, empty lists", "serapan, all None"])
def test_no_data_gives_a_small_chart_saying_so(make):
    png = make()
    assert_png(png, min_bytes=2_000)
    lebar, tinggi = size(png)
    assert tinggi < lebar / 3  # a strip saying "Tidak ada data", not an empty frame


def test_the_empty_chart_differs_from_a_drawn_one():
    assert chart_serapan_program([], []) != chart_serapan_program(["A"], [Decimal("50")])


@pytest.mark.parametrize("make", [
    lambda: chart_iku_tren("IKU", TAHUN, D("1", "2", "3", "4", "5", "6"), []),
    lambda: chart_capaian_indikator(["A", "B"], D("101.39", None)),
    lambda: chart_serapan_program(PROGRAM, D("95.64", None, "0")),
], ids=["tren", "capaian", "serapan"])
def test_same_data_same_bytes_without_software_or_time(make):
    png = make()
    assert png == make()
    assert b"tEXt" not in png and b"tIME" not in png and b"Matplotlib" not in png


@pytest.mark.parametrize("make", [
    lambda: chart_iku_tren("IKU", TAHUN, D("1", "2"), []),
    lambda: chart_capaian_indikator(["A", "B"], D("1")),
    lambda: chart_serapan_program(["A"], D("1", "2")),
], ids=["tren: 2 targets for 6 years", "capaian: 2 labels, 1 value",
        "serapan: 1 label, 2 values"])
def test_mismatched_lengths_are_an_error(make):
    with pytest.raises(ValueError):
        make()
