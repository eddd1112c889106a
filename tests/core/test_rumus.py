"""The formula of an IKU of the pemda over named OPD indicators (akuntabel.core.rumus):
Decimal arithmetic, SUM of the linked values, and 'tidak dapat dihitung' with its reason."""

from decimal import Decimal

import pytest

from akuntabel.core.rumus import (
    AgregasiIku,
    RumusError,
    hitung_rumus,
    nama_masukan,
    periksa_rumus,
    rumus_bawaan,
)

D = Decimal


@pytest.mark.parametrize(
    ("rumus", "masukan", "nilai"),
    [
        pytest.param("A + B", {"A": D(120), "B": D(80)}, D(200),
                     id="two counts added -> their sum"),
        pytest.param("A / B * 100", {"A": D(13415), "B": D(14460)},
                     D(13415) / D(14460) * 100,
                     id="persentase of two OPD figures -> A over B times 100, in Decimal"),
        pytest.param("(A + B) / (C + D) * 100",
                     {"A": D(30), "B": D(20), "C": D(50), "D": D(50)}, D(50),
                     id="parentheses group sums before the division"),
        pytest.param("A - B * 2", {"A": D(10), "B": D(3)}, D(4),
                     id="multiplication before subtraction"),
        pytest.param("-A + 5", {"A": D(2)}, D(3), id="a leading minus negates"),
        pytest.param("SUM", {"a": D(1), "b": D("2.5"), "c": D(3)}, D("6.5"),
                     id="SUM alone -> the sum of every linked value"),
        pytest.param("SUM()", {"a": D(1), "b": D(2)}, D(3), id="SUM() is the same as SUM"),
        pytest.param("SUM(a,b)", {"a": D(1), "b": D(2)}, D(3),
                     id="names separated by a comma without a space"),
        pytest.param("SUM(a, b) / c * 100", {"a": D(1), "b": D(3), "c": D(8), "d": D(99)},
                     D(50), id="SUM of named inputs only, the others left out"),
        pytest.param("0.5 * A", {"A": D(10)}, D("5.0"), id="a decimal constant with a point"),
        pytest.param("0,5 * A", {"A": D(10)}, D("5.0"),
                     id="a decimal constant with an Indonesian comma"),
        pytest.param("A", {"A": D(0)}, D(0), id="a zero input is a value, not missing"),
    ],
)
def test_a_formula_gives_its_value(rumus, masukan, nilai):
    hasil = hitung_rumus(rumus, masukan)
    assert hasil.nilai == nilai and hasil.alasan == ""
    assert isinstance(hasil.nilai, Decimal)


@pytest.mark.parametrize(
    ("rumus", "masukan", "alasan"),
    [
        pytest.param("A / B", {"A": D(5), "B": D(0)}, "pembagian dengan nol",
                     id="division by a zero input -> not computable, division by zero"),
        pytest.param("A / (B - C)", {"A": D(5), "B": D(2), "C": D(2)}, "pembagian dengan nol",
                     id="division by a zero expression -> not computable"),
        pytest.param("A + B", {"A": D(5), "B": None}, "'B' belum ada nilainya",
                     id="an input without a value -> not computable, names the input"),
        pytest.param("A + X", {"A": D(5)}, "'X' tidak dikenal",
                     id="a name that is no linked indicator -> not computable, names it"),
        pytest.param("SUM", {"a": D(5), "b": None}, "'b' belum ada nilainya",
                     id="SUM with one value missing -> not computable (no partial sum)"),
        pytest.param("SUM", {}, "belum ada indikator",
                     id="SUM with nothing linked -> not computable"),
        pytest.param("", {"A": D(1)}, "rumus kosong", id="an empty formula -> not computable"),
    ],
)
def test_a_formula_that_cannot_be_computed_says_why(rumus, masukan, alasan):
    hasil = hitung_rumus(rumus, masukan)
    assert hasil.nilai is None
    assert hasil.alasan.startswith("tidak dapat dihitung")
    assert alasan in hasil.alasan


@pytest.mark.parametrize(
    ("rumus", "pesan"),
    [
        pytest.param("A +", "akhir rumus", id="an operator without its right side"),
        pytest.param("(A + B", "')'", id="an unclosed parenthesis"),
        pytest.param("A + B)", "')'", id="a closing parenthesis too many"),
        pytest.param("__import__('os')", "'_'", id="python code is not a formula"),
        pytest.param("A ** 2", "'*'", id="a power operator is refused"),
        pytest.param("A B", "'B'", id="two names without an operator between them"),
        pytest.param("MAX(A, B)", "MAX", id="an unknown function is named"),
        pytest.param("1.2.3", "1.2.3", id="a malformed number is named"),
        pytest.param("(" * 300 + "A" + ")" * 300, "bertingkat",
                     id="parentheses nested hundreds deep -> refused, not a crash"),
        pytest.param("-" * 400 + "A", "bertingkat",
                     id="hundreds of signs in a row -> refused, not a crash"),
        pytest.param("A + " * 300 + "A", "panjang", id="a formula over 1000 characters -> refused"),
    ],
)
def test_a_malformed_formula_is_refused_with_the_place(rumus, pesan):
    with pytest.raises(RumusError) as err:
        periksa_rumus(rumus)
    assert pesan in str(err.value)


def test_a_malformed_formula_is_not_computable_rather_than_a_crash():
    hasil = hitung_rumus("A +", {"A": D(1)})
    assert hasil.nilai is None and "rumus tidak sah" in hasil.alasan


def test_the_names_a_formula_reads():
    assert nama_masukan("SUM(a, b) / (c + 2)") == {"a", "b", "c"}
    assert nama_masukan("SUM") == set()


@pytest.mark.parametrize(
    ("agregasi", "nama", "rumus"),
    [
        pytest.param(AgregasiIku.JUMLAH, ["a", "b", "c"], "SUM",
                     id="counts of the same unit -> the sum of the linked values"),
        pytest.param(AgregasiIku.JUMLAH, ["a"], "SUM", id="one count -> still its sum"),
        pytest.param(AgregasiIku.NILAI, ["a"], "a",
                     id="a rate measured by one indicator -> that indicator's value"),
        pytest.param(AgregasiIku.NILAI, ["a", "b"], None,
                     id="a rate measured by several indicators -> no default, write the formula"),
        pytest.param(AgregasiIku.NILAI, [], None, id="a rate with nothing linked -> no default"),
    ],
)
def test_the_default_formula_by_the_iku_aggregation(agregasi, nama, rumus):
    assert rumus_bawaan(agregasi, nama) == rumus
