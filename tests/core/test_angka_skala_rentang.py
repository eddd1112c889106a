"""Amounts written with scale words ("Rp 14 miliar"), "percent", and range targets
("60–85 %") read from Indonesian text (akuntabel.core.angka)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akuntabel.core.angka import (
    Angka,
    AngkaError,
    BukanAngka,
    Rentang,
    parse_angka,
    parse_rentang,
    parse_rupiah,
)

D = Decimal


@pytest.mark.parametrize(
    ("teks", "nilai", "satuan", "kata_skala"),
    [
        pytest.param("Rp 14 miliar", D("14000000000"), "Rp", "miliar",
                     id="rupiah in miliar -> times 10^9"),
        pytest.param("41,02 triliun", D("41020000000000"), None, "triliun",
                     id="triliun with a decimal comma -> times 10^12, exactly"),
        pytest.param("2,5 juta", D("2500000"), None, "juta", id="juta -> times 10^6"),
        pytest.param("Rp 500 ribu", D("500000"), "Rp", "ribu", id="ribu -> times 10^3"),
        pytest.param("1,5 Milyar", D("1500000000"), None, "Milyar",
                     id="milyar, the older spelling, any case -> times 10^9"),
        pytest.param("2,5 juta jiwa", D("2500000"), "jiwa", "juta",
                     id="a scale word then the unit -> the unit kept"),
        pytest.param("-2,5 juta", D("-2500000"), None, "juta", id="a negative amount in juta"),
        pytest.param("1.250 juta", D("1250000000"), None, "juta",
                     id="thousands dots before the scale word"),
        pytest.param("1,234567 ribu", D("1234.567"), None, "ribu",
                     id="more decimals than the scale -> still exact"),
        pytest.param("91,5 percent", D("91.5"), "%", "", id="the English word percent -> %"),
        pytest.param("91,5 Percent", D("91.5"), "%", "", id="Percent with a capital -> %"),
    ],
)
def test_parse_angka_reads_scale_words(
    teks: str, nilai: Decimal, satuan: str | None, kata_skala: str
) -> None:
    assert parse_angka(teks) == Angka(nilai, satuan, teks, kata_skala)


@pytest.mark.parametrize(
    ("teks", "jenis"),
    [
        pytest.param("Rp 3,5 M", "ambigu", id="M may be miliar or million -> ambigu"),
        pytest.param("14 miliar %", "ambigu", id="a scale word before percent -> ambigu"),
        pytest.param("Rp 14 miliar rupiah", "ambigu", id="Rp and a unit word -> ambigu"),
        pytest.param("2 juta dan 3 juta", "majemuk", id="two amounts -> majemuk"),
    ],
)
def test_parse_angka_does_not_guess_a_scale(teks: str, jenis: str) -> None:
    hasil = parse_angka(teks)
    assert isinstance(hasil, BukanAngka)
    assert hasil.jenis == jenis


def test_an_abbreviation_is_a_unit_not_a_scale() -> None:
    # "jt" and "M" are not read as scales: the number stays as written, with its unit.
    assert parse_angka("3,5 jt") == Angka(D("3.5"), "jt", "3,5 jt")


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        pytest.param("Rp 14 miliar", D("14000000000"), id="Rp 14 miliar"),
        pytest.param("41,02 triliun", D("41020000000000"), id="41,02 triliun without Rp"),
        pytest.param("2,5 juta", D("2500000"), id="2,5 juta"),
    ],
)
def test_parse_rupiah_reads_scale_words(teks: str, nilai: Decimal) -> None:
    assert parse_rupiah(teks) == nilai


def test_parse_rupiah_refuses_a_count_in_juta() -> None:
    with pytest.raises(AngkaError, match="bersatuan 'jiwa'"):
        parse_rupiah("2,5 juta jiwa")


@pytest.mark.parametrize(
    ("teks", "rentang"),
    [
        pytest.param("60–85 %", Rentang(D(60), D(85), "%"), id="en dash and percent"),
        pytest.param("60 - 85%", Rentang(D(60), D(85), "%"), id="hyphen with spaces"),
        pytest.param("60-85%", Rentang(D(60), D(85), "%"), id="hyphen without spaces"),
        pytest.param("7–8 bulan", Rentang(D(7), D(8), "bulan"), id="months"),
        pytest.param("60 s.d. 85", Rentang(D(60), D(85), None), id="s.d."),
        pytest.param("60 s/d 85 %", Rentang(D(60), D(85), "%"), id="s/d"),
        pytest.param("60 sampai 85", Rentang(D(60), D(85), None), id="sampai"),
        pytest.param("60 sampai dengan 85", Rentang(D(60), D(85), None), id="sampai dengan"),
        pytest.param("60 hingga 85 persen", Rentang(D(60), D(85), "%"), id="hingga, persen"),
        pytest.param("60% – 85%", Rentang(D(60), D(85), "%"), id="the unit on both bounds"),
        pytest.param("7 Bulan - 8 bulan", Rentang(D(7), D(8), "bulan"),
                     id="the same unit in another case on both bounds"),
        pytest.param("60,5–85,5 %", Rentang(D("60.5"), D("85.5"), "%"), id="decimal commas"),
        pytest.param("1.000-2.000 orang", Rentang(D(1000), D(2000), "orang"),
                     id="thousands dots"),
        pytest.param("-5 s.d. 5", Rentang(D(-5), D(5), None), id="a negative lower bound"),
        pytest.param("-5 - 5", Rentang(D(-5), D(5), None),
                     id="a negative lower bound and a hyphen"),
        pytest.param("60 – 60", Rentang(D(60), D(60), None), id="a range of one value"),
        pytest.param("Rp 1 juta - Rp 2 juta", Rentang(D(1000000), D(2000000), "Rp"),
                     id="amounts with scale words"),
        pytest.param("2021-2026", Rentang(D(2021), D(2026), None),
                     id="a year span reads as a range: call it only for a target's text"),
    ],
)
def test_parse_rentang_reads_a_range(teks: str, rentang: Rentang) -> None:
    assert parse_rentang(teks) == rentang


@pytest.mark.parametrize(
    "teks",
    [
        pytest.param("91,5%", id="one number -> not a range"),
        pytest.param("", id="empty"),
        pytest.param("refocusing", id="a word"),
        pytest.param("60 orang - 85 %", id="two different units -> not guessed"),
        pytest.param("85–60 %", id="bounds the wrong way round -> not guessed"),
        pytest.param("60 - 85 - 90", id="three numbers"),
        pytest.param("UEP 10 org; sosialisasi 30 org", id="two counts of a list"),
        pytest.param("60 – dewasa", id="a number and a word"),
        pytest.param("Rp 5.000,-", id="the no-cents mark is no range"),
        pytest.param("0.500 - 1", id="an ambiguous bound"),
    ],
)
def test_parse_rentang_gives_none_for_what_is_not_a_range(teks: str) -> None:
    assert parse_rentang(teks) is None


def test_a_year_span_stays_two_numbers_for_parse_angka() -> None:
    hasil = parse_angka("2021-2026")
    assert isinstance(hasil, BukanAngka)
    assert hasil.jenis == "majemuk"


@given(st.one_of(st.text(), st.text(alphabet="0123456789.,-–−+% sd/ampihngRrjut")))
def test_parse_rentang_never_raises(teks: str) -> None:
    hasil = parse_rentang(teks)
    assert hasil is None or hasil.bawah <= hasil.atas
