"""USG scoring of strategic issues (akuntabel.core.usg): total U + S + G, rank with ties,
scores checked against the pemda's scale."""

from decimal import Decimal

import pytest

from akuntabel.core.usg import (
    DEFAULT_SKALA_USG,
    SkalaUsg,
    nilai_usg,
    periksa_skor,
    peringkat_usg,
    total_usg,
)

D = Decimal


@pytest.mark.parametrize(
    ("u", "s", "g", "total"),
    [
        pytest.param(D(5), D(4), D(3), D(12), id="5 + 4 + 3 -> 12"),
        pytest.param(D(1), D(1), D(1), D(3), id="the lowest scores -> 3"),
        pytest.param(D("4.33"), D("3.67"), D(5), D(13), id="panel averages add up exactly"),
        pytest.param(None, D(4), D(3), None, id="urgency not scored -> no total"),
        pytest.param(D(5), None, D(3), None, id="seriousness not scored -> no total"),
        pytest.param(D(5), D(4), None, None, id="growth not scored -> no total"),
        pytest.param(None, None, None, None, id="nothing scored (the seed) -> no total"),
    ],
)
def test_total_usg(u, s, g, total) -> None:
    assert total_usg(u, s, g) == total


@pytest.mark.parametrize(
    ("totals", "ranks"),
    [
        pytest.param({"a": D(12), "b": D(9), "c": D(14)}, {"c": 1, "a": 2, "b": 3},
                     id="distinct totals -> ranked from the highest"),
        pytest.param({"a": D(12), "b": D(12), "c": D(10)}, {"a": 1, "b": 1, "c": 3},
                     id="two issues tied at the top share rank 1, the next is 3"),
        pytest.param({"a": D(15), "b": D(12), "c": D(12), "d": D(11)},
                     {"a": 1, "b": 2, "c": 2, "d": 4},
                     id="a tie in the middle shares a rank and skips the next"),
        pytest.param({"a": D(12), "b": None}, {"a": 1, "b": None},
                     id="an issue without a total has no rank"),
        pytest.param({"a": None, "b": None}, {"a": None, "b": None},
                     id="no issue scored -> no ranks"),
        pytest.param({"a": D("12.00"), "b": D(12)}, {"a": 1, "b": 1},
                     id="12,00 and 12 are the same total"),
        pytest.param({}, {}, id="no issues -> nothing ranked"),
    ],
)
def test_peringkat_usg(totals, ranks) -> None:
    assert peringkat_usg(totals) == ranks


@pytest.mark.parametrize(
    ("skala", "nilai", "ok"),
    [
        pytest.param(DEFAULT_SKALA_USG, D(1), True, id="1 is on the default scale 1-5"),
        pytest.param(DEFAULT_SKALA_USG, D(5), True, id="5 is on the default scale 1-5"),
        pytest.param(DEFAULT_SKALA_USG, D("3.5"), True, id="an average of 3,5 is on the scale"),
        pytest.param(DEFAULT_SKALA_USG, D(6), False, id="6 is above the default scale"),
        pytest.param(DEFAULT_SKALA_USG, D(0), False, id="0 is below the default scale"),
        pytest.param(DEFAULT_SKALA_USG, D(-1), False, id="a negative score is refused"),
        pytest.param(DEFAULT_SKALA_USG, D("4.555"), False,
                     id="more than two decimals are refused"),
        pytest.param(SkalaUsg(D(1), D(10)), D(8), True, id="8 is on a pemda's scale 1-10"),
        pytest.param(SkalaUsg(D(1), D(3)), D(4), False, id="4 is above a pemda's scale 1-3"),
        pytest.param(DEFAULT_SKALA_USG, None, True, id="an empty score is allowed"),
    ],
)
def test_periksa_skor(skala, nilai, ok) -> None:
    pesan = periksa_skor("Urgensi", nilai, skala)
    assert (pesan is None) is ok
    if not ok:
        assert "Urgensi" in pesan  # the message names the field


def test_a_score_outside_the_scale_says_the_scale() -> None:
    assert periksa_skor("Pertumbuhan", D(7), DEFAULT_SKALA_USG) == (
        "Pertumbuhan 7 di luar skala USG pemda (1–5).")


def test_a_scale_must_run_upwards() -> None:
    with pytest.raises(ValueError):
        SkalaUsg(D(5), D(5))


def test_nilai_usg_gives_total_rank_and_whether_highest() -> None:
    hasil = nilai_usg({"ppks": (D(5), D(5), D(4)), "dtks": (D(4), D(4), D(4)),
                       "data": (D(5), D(4), D(5)), "baru": (None, D(3), D(2))})
    assert [(k, h.total, h.peringkat, h.tertinggi) for k, h in hasil.items()] == [
        ("ppks", D(14), 1, True), ("dtks", D(12), 3, False), ("data", D(14), 1, True),
        ("baru", None, None, False)]


def test_the_method_is_cited() -> None:
    from akuntabel.core import usg

    assert "Permendagri 86/2017" in usg.DASAR
    assert "konvensi proyek" in usg.DASAR
