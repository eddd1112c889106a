"""The bounds of stored numbers (akuntabel.core.batas)."""

from decimal import Decimal

import pytest

from akuntabel.core.batas import UANG, UKURAN, cek_batas

D = Decimal


@pytest.mark.parametrize(
    ("nilai", "batas", "alasan"),
    [
        pytest.param(D("92.7731"), UKURAN, None, id="a percentage with 4 decimals -> stored"),
        pytest.param(D("14460"), UKURAN, None, id="a count -> stored"),
        pytest.param(D("-3.5"), UKURAN, None, id="a negative change -> stored"),
        pytest.param(D("999999999999999"), UKURAN, None,
                     id="just below 10^15, 15 digits -> stored"),
        pytest.param(D("999999999999999.9999"), UKURAN, "terlalu banyak angka (19); paling "
                     "banyak 15 angka yang bermakna yang tersimpan utuh.",
                     id="19 significant digits -> refused, a spreadsheet or SQLite would round"),
        pytest.param(D("12345678901234.56"), UANG, "terlalu banyak angka (16); paling "
                     "banyak 15 angka yang bermakna yang tersimpan utuh.",
                     id="Rp 12 triliun to the sen -> refused (16 digits)"),
        pytest.param(D("80000000000000"), UANG, None,
                     id="Rp 80 triliun in whole Rupiah -> stored"),
        pytest.param(D("123456789012.34"), UANG, None,
                     id="Rp 123 miliar to the sen -> stored (14 digits)"),
        pytest.param(D("1E15"), UKURAN, "terlalu besar: nilai harus kurang dari "
                     "1.000.000.000.000.000.", id="exactly 10^15 -> too large"),
        pytest.param(D("1E308"), UKURAN, "terlalu besar: nilai harus kurang dari "
                     "1.000.000.000.000.000.", id="1e308 from a spreadsheet -> too large"),
        pytest.param(D("-1E20"), UKURAN, "terlalu besar: nilai harus kurang dari "
                     "1.000.000.000.000.000.", id="a huge negative -> too large"),
        pytest.param(D("1.23456"), UKURAN,
                     "terlalu banyak angka di belakang koma (paling banyak 4).",
                     id="five decimals for a measure -> refused"),
        pytest.param(D("1.50000"), UKURAN, None, id="trailing zeros do not count as decimals"),
        pytest.param(D("5093068611"), UANG, None, id="the seed's pagu -> stored"),
        pytest.param(D("5093068611.005"), UANG,
                     "terlalu banyak angka di belakang koma (paling banyak 2).",
                     id="money below one sen -> refused"),
        pytest.param(D("999999999999999999999.99"), UANG, "terlalu besar: nilai harus kurang "
                     "dari 1.000.000.000.000.000.", id="the budget grid's old maximum -> refused"),
        pytest.param(D("NaN"), UKURAN, "bukan bilangan hingga.", id="NaN -> refused"),
        pytest.param(D("Infinity"), UANG, "bukan bilangan hingga.", id="Infinity -> refused"),
    ],
)
def test_cek_batas(nilai, batas, alasan):
    assert cek_batas(nilai, batas) == alasan
