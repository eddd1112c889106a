"""The indicator's trend chart: a valid SVG document whatever the data (nothing, one year,
gaps, zero and negative values), accessible (title, desc), with Indonesian number labels."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from akuntabel.plans.charts import render_tren_svg

SVG = "{http://www.w3.org/2000/svg}"
TAHUN = [2021, 2022, 2023, 2024, 2025, 2026]


def D(*values):
    return [None if v is None else Decimal(v) for v in values]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


CASES = [
    pytest.param([], [], [], 0, 0, id="no years at all -> a message, no line"),
    pytest.param(TAHUN, D(None, None, None, None, None, None), [], 0, 0,
                 id="years but no value -> a message, no line"),
    pytest.param([2023], D("91.5"), D("92.7731"), 0, 2,
                 id="one year -> two points, no line"),
    pytest.param(TAHUN, D("85.3", "88.4", "91.5", "94.6", "97.7", "100"),
                 D(None, None, "92.7731", None, None, None), 1, 7,
                 id="realisasi only in 2023 -> the target line and one realisasi point"),
    pytest.param(TAHUN, D("85.3", None, "91.5", "94.6", None, "100"),
                 D("80", "82", None, None, None, None), 2, 6,
                 id="gaps break the lines instead of dropping to zero"),
    pytest.param([2022, 2023], D("0", "0"), D("0", "0"), 2, 4,
                 id="zero targets and realisasi -> an axis from 0, flat lines"),
    pytest.param([2022, 2023, 2024], D("-5", "-2.5", "0"), D("-10", "3", "-1"), 2, 6,
                 id="negative values -> the axis goes below zero"),
]


@pytest.mark.parametrize(("tahun", "target", "realisasi", "lines", "points"), CASES)
def test_chart_is_valid_svg_for_every_shape_of_data(tahun, target, realisasi, lines, points):
    root = parse(render_tren_svg(tahun, target, realisasi, judul="Persentase PPKS",
                                 satuan="%"))
    assert len(list(root.iter(f"{SVG}polyline"))) == lines
    assert len(list(root.iter(f"{SVG}circle"))) == points
    assert root.find(f"{SVG}title").text == "Persentase PPKS"
    assert root.find(f"{SVG}desc").text


def test_empty_chart_says_there_is_nothing_to_draw():
    root = parse(render_tren_svg([], [], [], judul="X", teks_kosong="Belum ada data."))
    assert "Belum ada data." in texts(root)


def test_labels_and_description_are_indonesian_numbers():
    root = parse(render_tren_svg([2023], D("14460"), D("13415.5"), judul="Jumlah PPKS",
                                 satuan="Jiwa"))
    labels = texts(root)
    assert "14.460" in labels and "13.415,5" in labels
    desc = root.find(f"{SVG}desc").text
    assert desc == "2023: Target 14.460 Jiwa, Realisasi 13.415,5 Jiwa"


def test_negative_values_put_zero_inside_the_axis():
    root = parse(render_tren_svg([2022, 2023], D("-5", "10"), D("-10", "3"), judul="X"))
    labels = texts(root)
    assert "0" in labels and any(label.startswith("-") for label in labels)


def test_values_close_together_get_an_axis_that_shows_the_difference():
    root = parse(render_tren_svg([2023, 2024], D("91.5", "94.6"), D("92.7731", None),
                                 judul="X", satuan="%"))
    ys = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert max(ys) - min(ys) > 60  # pixels: not one flat line near the top


def test_text_is_escaped():
    root = parse(render_tren_svg([2023], D("1"), D("2"), judul="A < B & C",
                                 label_target="<script>", satuan="m²"))
    assert root.find(f"{SVG}title").text == "A < B & C"
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))


def test_shorter_series_are_padded_and_same_data_gives_same_svg():
    a = render_tren_svg(TAHUN, D("1", "2"), [], judul="X")
    assert a == render_tren_svg(TAHUN, D("1", "2"), [], judul="X")
    assert len(list(parse(a).iter(f"{SVG}circle"))) == 2
