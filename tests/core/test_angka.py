"""Reading and writing Indonesian number text (akuntabel.core.angka)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akuntabel.core.angka import (
    Angka,
    AngkaError,
    BukanAngka,
    angka_data,
    format_angka,
    format_persen,
    format_rupiah,
    parse_angka,
    parse_rupiah,
    round_half_up,
)

D = Decimal


@pytest.mark.parametrize(
    ("teks", "nilai", "satuan"),
    [
        pytest.param("5.093.068.611", D("5093068611"), None,
                     id="pagu with dots in groups of three -> thousands"),
        pytest.param("91,5%", D("91.5"), "%", id="decimal comma with percent sign"),
        pytest.param("91.50 %", D("91.50"), "%",
                     id="dot followed by two digits is a decimal point"),
        pytest.param("92.78%", D("92.78"), "%", id="percent glued to a dotted decimal"),
        pytest.param("95.64%", D("95.64"), "%", id="another dotted decimal percent from the seed"),
        pytest.param("92.7", D("92.7"), None, id="dot followed by one digit is a decimal point"),
        pytest.param("0.1234", D("0.1234"), None,
                     id="dot followed by four digits is a decimal point"),
        pytest.param("163,06 %", D("163.06"), "%", id="decimal comma, space before percent"),
        pytest.param("100 %", D("100"), "%", id="whole percent with a space"),
        pytest.param("-5,2%", D("-5.2"), "%", id="negative percent"),
        pytest.param("−5", D("-5"), None, id="unicode minus sign is a minus"),
        pytest.param("+3", D("3"), None, id="explicit plus sign"),
        pytest.param("91,5 persen", D("91.5"), "%", id="the word persen is the percent unit"),
        pytest.param("9.205 Jiwa", D("9205"), "Jiwa", id="thousands with a unit word"),
        pytest.param("8000 kpm", D("8000"), "kpm", id="integer without separator with a unit"),
        pytest.param("1.485 lansia", D("1485"), "lansia", id="one thousands dot with a unit"),
        pytest.param("2 dokumen", D("2"), "dokumen", id="small count with a unit"),
        pytest.param("30 Orang", D("30"), "Orang", id="unit keeps its capitalisation"),
        pytest.param("20 jenis alat listrik", D("20"), "jenis alat listrik",
                     id="unit of several words"),
        pytest.param("12 Jenis Barang Cetak & Penggandaan Surat", D("12"),
                     "Jenis Barang Cetak & Penggandaan Surat",
                     id="leading number followed by a long phrase -> number with unit"),
        pytest.param("5 m2", D("5"), "m2", id="digit glued to a unit word belongs to the unit"),
        pytest.param("450000000", D("450000000"), None, id="pagu typed without separators"),
        pytest.param("Rp 5.093.068.611", D("5093068611"), "Rp", id="rupiah with Rp and a space"),
        pytest.param("Rp. 1.250.000,00", D("1250000.00"), "Rp",
                     id="Rp with a dot, thousands dots and decimal comma"),
        pytest.param("Rp5.000,-", D("5000"), "Rp", id="Rp glued to the amount, no-cents mark"),
        pytest.param("-Rp 5.000", D("-5000"), "Rp", id="minus before Rp"),
        pytest.param("Rp -5.000", D("-5000"), "Rp", id="minus after Rp"),
        pytest.param("1.250.000,50", D("1250000.50"), None,
                     id="both marks, comma last -> comma is decimal"),
        pytest.param("1,234.5", D("1234.5"), None,
                     id="both marks, dot last -> dot is decimal"),
        pytest.param("1,234,567", D("1234567"), None,
                     id="several commas in groups of three -> thousands"),
        pytest.param("1,234", D("1.234"), None,
                     id="a single comma is always the decimal comma"),
        pytest.param("  2 dokumen  ", D("2"), "dokumen", id="surrounding spaces are ignored"),
        pytest.param("\xa091,5\xa0%", D("91.5"), "%", id="non-breaking spaces from a PDF"),
    ],
)
def test_parse_angka_reads_one_number(teks: str, nilai: Decimal, satuan: str | None) -> None:
    hasil = parse_angka(teks)
    assert hasil == Angka(nilai, satuan, teks)


@pytest.mark.parametrize(
    ("teks", "jenis"),
    [
        pytest.param("", "kosong", id="empty cell -> kosong"),
        pytest.param("   ", "kosong", id="whitespace only -> kosong"),
        pytest.param("-", "strip", id="lone dash -> strip"),
        pytest.param("–", "strip", id="lone en dash -> strip"),
        pytest.param("--", "strip", id="double dash -> strip"),
        pytest.param("Rp -", "strip", id="Rp with a dash -> strip"),
        pytest.param("refocusing", "teks", id="a word -> teks"),
        pytest.param("recufusing", "teks", id="a misspelt word -> teks"),
        pytest.param("Perbaikan ruang data", "teks", id="a phrase -> teks"),
        pytest.param("P3K", "teks", id="digit inside a word is not a number -> teks"),
        pytest.param("%", "teks", id="percent sign alone -> teks"),
        pytest.param("UEP 10 org; sosialisasi keluarga penyandang disabilitas 30 org",
                     "majemuk", id="two counts joined by a semicolon -> majemuk"),
        pytest.param("75 paket dan dapur untuk konsumsi 1000 orang", "majemuk",
                     id="two counts joined by dan -> majemuk"),
        pytest.param("100 Orang dan 13 kegiatan", "majemuk",
                     id="two counts with different units -> majemuk"),
        pytest.param("2021-2026", "majemuk", id="a range of years -> majemuk"),
        pytest.param("0.500", "ambigu", id="thousands dot after a leading zero -> ambigu"),
        pytest.param("1.25.000", "ambigu", id="dot groups not of three -> ambigu"),
        pytest.param("1234.567", "ambigu", id="first group longer than three -> ambigu"),
        pytest.param("1,2,3", "ambigu", id="several commas not in groups of three -> ambigu"),
        pytest.param("1.2,5", "ambigu", id="grouping before the decimal comma is wrong -> ambigu"),
        pytest.param("1.234,5,6", "ambigu", id="decimal comma twice -> ambigu"),
        pytest.param("UEP 10 org", "ambigu", id="words before the number -> ambigu"),
        pytest.param("- 5", "ambigu", id="dash separated from the number by a space -> ambigu"),
        pytest.param("--5", "ambigu", id="two signs -> ambigu"),
        pytest.param("5 (lima) orang", "ambigu", id="parenthesis after the number -> ambigu"),
        pytest.param("92,78%)", "ambigu", id="stray character after percent -> ambigu"),
        pytest.param("10 org; lainnya", "ambigu", id="a list after the number -> ambigu"),
        pytest.param("Rp 5.000 per bulan", "ambigu", id="Rp followed by words -> ambigu"),
        pytest.param("Rp 50%", "ambigu", id="Rp and percent together -> ambigu"),
        pytest.param("1e5", "ambigu", id="scientific notation -> ambigu"),
    ],
)
def test_parse_angka_keeps_what_is_not_one_number(teks: str, jenis: str) -> None:
    hasil = parse_angka(teks)
    assert isinstance(hasil, BukanAngka)
    assert (hasil.teks, hasil.jenis) == (teks, jenis)
    assert hasil.alasan


def test_majemuk_reason_names_the_numbers_in_indonesian() -> None:
    hasil = parse_angka("UEP 10 org; sosialisasi 30 org")
    assert hasil == BukanAngka(
        "UEP 10 org; sosialisasi 30 org",
        "majemuk",
        "'UEP 10 org; sosialisasi 30 org' memuat lebih dari satu angka (10, 30); "
        "tidak dapat diringkas menjadi satu nilai.",
    )


@pytest.mark.parametrize(
    ("teks", "potongan"),
    [
        pytest.param("refocusing", "tidak memuat angka", id="teks says there is no number"),
        pytest.param("0.500", "pola ribuan", id="ambiguous separators are named"),
        pytest.param("UEP 10 org", "diawali teks 'UEP'", id="the leading words are quoted"),
        pytest.param("5 (lima) orang", "(lima) orang", id="the unreadable unit is quoted"),
    ],
)
def test_reason_explains_the_problem(teks: str, potongan: str) -> None:
    hasil = parse_angka(teks)
    assert isinstance(hasil, BukanAngka)
    assert potongan in hasil.alasan


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        pytest.param("5.093.068.611", D("5093068611"), id="seed pagu without Rp"),
        pytest.param("4.825.424.420", D("4825424420"), id="seed realisasi without Rp"),
        pytest.param("Rp 5.093.068.611", D("5093068611"), id="amount with Rp"),
        pytest.param("Rp. 1.250.000,00", D("1250000"), id="amount with sen"),
        pytest.param("450000000", D("450000000"), id="amount typed without separators"),
        pytest.param("-", D(0), id="a dash in a money column means nil -> 0"),
        pytest.param("Rp -", D(0), id="Rp with a dash means nil -> 0"),
        pytest.param("-Rp 5.000", D("-5000"), id="a negative correction"),
    ],
)
def test_parse_rupiah_reads_amounts(teks: str, nilai: Decimal) -> None:
    assert parse_rupiah(teks) == nilai


@pytest.mark.parametrize(
    ("teks", "potongan"),
    [
        pytest.param("", "kosong", id="empty cell is missing data, not zero"),
        pytest.param("refocusing", "tidak memuat angka", id="a word is not an amount"),
        pytest.param("91,5%", "bersatuan '%'", id="a percentage is not an amount"),
        pytest.param("9.205 Jiwa", "bersatuan 'Jiwa'", id="a count is not an amount"),
        pytest.param("UEP 10 org; 30 org", "lebih dari satu angka", id="several numbers"),
        pytest.param("0.500", "tidak dapat dipastikan", id="ambiguous separators"),
    ],
)
def test_parse_rupiah_rejects_what_is_not_an_amount(teks: str, potongan: str) -> None:
    with pytest.raises(AngkaError) as info:
        parse_rupiah(teks)
    assert issubclass(AngkaError, ValueError)
    assert info.value.alasan.startswith("Bukan jumlah uang")
    assert potongan in info.value.alasan
    assert str(info.value) == info.value.alasan


@pytest.mark.parametrize(
    ("nilai", "places", "hasil"),
    [
        pytest.param(D("92.775"), 2, D("92.78"), id="half goes up"),
        pytest.param(D("92.7749"), 2, D("92.77"), id="below half goes down"),
        pytest.param(D("-92.775"), 2, D("-92.78"), id="negative half goes away from zero"),
        pytest.param(D("2.5"), 0, D("3"), id="half-up, not banker's rounding"),
        pytest.param(D("0.125"), 2, D("0.13"), id="0,125 -> 0,13"),
        pytest.param(D("1.23456"), 4, D("1.2346"), id="four places"),
        pytest.param(D("7"), 2, D("7.00"), id="integers gain the requested places"),
        pytest.param(D("123456789012345678901234567890.125"), 2,
                     D("123456789012345678901234567890.13"),
                     id="numbers longer than the default precision"),
    ],
)
def test_round_half_up(nilai: Decimal, places: int, hasil: Decimal) -> None:
    dibulatkan = round_half_up(nilai, places)
    assert dibulatkan == hasil
    assert dibulatkan.as_tuple().exponent == -places


@pytest.mark.parametrize(
    "nilai",
    [
        pytest.param(D("NaN"), id="not a number"),
        pytest.param(D("Infinity"), id="infinity"),
    ],
)
def test_round_half_up_rejects_non_finite(nilai: Decimal) -> None:
    with pytest.raises(ValueError):
        round_half_up(nilai)


def test_round_half_up_rejects_negative_places() -> None:
    with pytest.raises(ValueError):
        round_half_up(D("1.5"), -1)


@pytest.mark.parametrize(
    ("nilai", "places", "teks"),
    [
        pytest.param(D("13415"), None, "13.415", id="thousands get a dot"),
        pytest.param(D("5093068611"), None, "5.093.068.611", id="billions get three dots"),
        pytest.param(D("100"), None, "100", id="below a thousand no dot"),
        pytest.param(D("91.50"), None, "91,5", id="only significant decimals, with a comma"),
        pytest.param(D("13415.0000"), None, "13.415", id="a stored measure shows no zero decimals"),
        pytest.param(D("91.5"), None, "91,5", id="one stored decimal stays one"),
        pytest.param(D("1.005"), None, "1,01", id="at most two decimals, half-up"),
        pytest.param(D("1E+3"), None, "1.000", id="exponent notation is written out"),
        pytest.param(D("1234.5"), 2, "1.234,50", id="fixed places pad with zeros"),
        pytest.param(D("2.5"), 0, "3", id="fixed places round half-up"),
        pytest.param(D("-2.5"), 0, "-3", id="negative rounds away from zero"),
        pytest.param(D("-1234.5"), None, "-1.234,5", id="negative with grouping"),
        pytest.param(D("-0.001"), 2, "0,00", id="no negative zero"),
        pytest.param(D("999.995"), 2, "1.000,00", id="rounding carries into a new group"),
        pytest.param(D("123456789012345678901234567890.125"), 2,
                     "123.456.789.012.345.678.901.234.567.890,13", id="very long numbers"),
        pytest.param(D("0.995"), None, "1", id="rounding to two places may leave no decimals"),
        pytest.param(D("1.0950"), None, "1,1", id="rounding to two places may leave one decimal"),
        pytest.param(D("10.05"), None, "10,05", id="an inner zero decimal is kept"),
        pytest.param(D("-0.004"), None, "0", id="no negative zero without places"),
        pytest.param(D("-999.9951"), None, "-1.000", id="negative carry into a new group"),
        pytest.param(D("1.5E+29"), None, "150.000.000.000.000.000.000.000.000.000",
                     id="longer than the default precision, no decimals"),
        pytest.param(D("1.23456789"), 9, "1,234567890", id="many fixed places"),
        pytest.param(None, None, "–", id="missing value -> en dash"),
        pytest.param(None, 2, "–", id="missing value with places -> en dash"),
    ],
)
def test_format_angka(nilai: Decimal | None, places: int | None, teks: str) -> None:
    assert format_angka(nilai, places) == teks


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        pytest.param(D("5093068611"), "Rp 5.093.068.611", id="whole rupiah without decimals"),
        pytest.param(D("1250000.50"), "Rp 1.250.000,50", id="amount with sen shows two decimals"),
        pytest.param(D("1250000.5"), "Rp 1.250.000,50", id="one decimal of sen is padded"),
        pytest.param(D("1250000.00"), "Rp 1.250.000", id="zero sen is not shown"),
        pytest.param(D("-5000"), "-Rp 5.000", id="negative amount"),
        pytest.param(D("0.004"), "Rp 0", id="below half a sen rounds to nothing"),
        pytest.param(D("0.005"), "Rp 0,01", id="half a sen rounds up"),
        pytest.param(D("-0.004"), "Rp 0", id="no negative zero rupiah"),
        pytest.param(D("999.995"), "Rp 1.000", id="sen rounding carries into whole rupiah"),
        pytest.param(D("-1250000.10"), "-Rp 1.250.000,10", id="negative amount with sen"),
        pytest.param(D("123456789012345678901234567890.125"),
                     "Rp 123.456.789.012.345.678.901.234.567.890,13", id="very long amount"),
        pytest.param(None, "–", id="missing amount -> en dash"),
    ],
)
def test_format_rupiah(nilai: Decimal | None, teks: str) -> None:
    assert format_rupiah(nilai) == teks


@pytest.mark.parametrize(
    ("nilai", "places", "teks"),
    [
        pytest.param(D("94.7449"), 2, "94,74%", id="two places by default"),
        pytest.param(D("100"), 2, "100,00%", id="whole percent keeps two places"),
        pytest.param(D("101.3914"), 1, "101,4%", id="one place on request"),
        pytest.param(None, 2, "–", id="missing percentage -> en dash"),
    ],
)
def test_format_persen(nilai: Decimal | None, places: int, teks: str) -> None:
    assert format_persen(nilai, places) == teks


def test_iku_ppks_is_92_77_percent_although_the_report_printed_92_78() -> None:
    # Seed LAKIP 2023, 3.5: 13.415 / 14.460 × 100 = 92,7731…, which rounds half-up to 92,77.
    persen = parse_rupiah("13.415") * 100 / parse_rupiah("14.460")
    assert format_persen(persen) == "92,77%"
    assert format_persen(persen) != "92,78%"


# --- properties --------------------------------------------------------------------------

_DESIMAL = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(Decimal),
    st.decimals(allow_nan=False, allow_infinity=False, places=1),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)


@given(_DESIMAL)
def test_format_then_parse_round_trips(nilai: Decimal) -> None:
    hasil = parse_angka(format_angka(nilai))
    assert isinstance(hasil, Angka)
    assert hasil.nilai == nilai
    assert hasil.satuan is None


@given(_DESIMAL)
def test_format_persen_then_parse_round_trips(nilai: Decimal) -> None:
    hasil = parse_angka(format_persen(nilai))
    assert isinstance(hasil, Angka)
    assert (hasil.nilai, hasil.satuan) == (nilai, "%")


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2))
def test_format_rupiah_then_parse_rupiah_round_trips(nilai: Decimal) -> None:
    assert parse_rupiah(format_rupiah(nilai)) == nilai


_JENIS = {"kosong", "strip", "teks", "majemuk", "ambigu"}


@given(st.one_of(st.text(), st.text(alphabet="0123456789.,-–−+%Rrp ()eE;\xa0ab")))
def test_parse_angka_never_raises(teks: str) -> None:
    hasil = parse_angka(teks)
    if isinstance(hasil, BukanAngka):
        assert hasil.jenis in _JENIS
        assert hasil.alasan
    else:
        assert hasil.nilai.is_finite()
    assert hasil.teks == teks


@pytest.mark.parametrize(
    ("nilai", "ditulis"),
    [
        pytest.param("92.77316735822959889349930844", "92.7732", id="a ratio keeps four decimals"),
        pytest.param("101.39143973577005343551836", "101.3914", id="a capaian keeps four"),
        pytest.param("0.00005", "0.0001", id="half rounds up"),
        pytest.param("-0.00005", "-0.0001", id="half rounds away from zero when negative"),
        pytest.param("85.3000", "85.3000", id="a stored measure is written as stored"),
        pytest.param("5093068611.00", "5093068611.00", id="money keeps its two decimals"),
        pytest.param("12", "12", id="a whole number stays whole"),
        pytest.param("1E+3", "1E+3", id="a positive exponent is left alone"),
    ],
)
def test_angka_data_writes_at_most_four_decimals(nilai: str, ditulis: str) -> None:
    assert str(angka_data(Decimal(nilai))) == ditulis
