"""Efficiency of capaian against serapan (akuntabel.core.efisiensi)."""

from decimal import Decimal

import pytest

from akuntabel.core.efisiensi import (
    Efisiensi,
    Varian,
    compute_efisiensi,
    describe_efisiensi,
    jelaskan_efisiensi,
)

D = Decimal
SELISIH, RASIO = Varian.SELISIH, Varian.RASIO


@pytest.mark.parametrize(
    ("capaian", "serapan", "varian", "hasil"),
    [
        pytest.param(D("101.39"), D("94.74"), SELISIH, Efisiensi(SELISIH, D("6.65"), True),
                     id="difference, seed IKU 6,65 points above serapan -> efisien"),
        pytest.param(D(100), D(95), SELISIH, Efisiensi(SELISIH, D(5), False),
                     id="difference of exactly 5 points -> not efisien"),
        pytest.param(D(100), D(100), SELISIH, Efisiensi(SELISIH, D(0), False),
                     id="difference of 0 -> not efisien"),
        pytest.param(D(80), D(95), SELISIH, Efisiensi(SELISIH, D(-15), False),
                     id="capaian below serapan -> not efisien"),
        pytest.param(D(100), D(80), RASIO, Efisiensi(RASIO, D("1.25"), True),
                     id="ratio above 1 -> efisien"),
        pytest.param(D(90), D(90), RASIO, Efisiensi(RASIO, D(1), True),
                     id="ratio of exactly 1 -> efisien"),
        pytest.param(D(72), D(90), RASIO, Efisiensi(RASIO, D("0.8"), False),
                     id="ratio below 1 -> not efisien"),
        pytest.param(D(90), D(0), RASIO, Efisiensi(RASIO, None, None),
                     id="ratio with no budget spent -> no value"),
        pytest.param(D(90), D(0), SELISIH, Efisiensi(SELISIH, None, None),
                     id="difference with no budget spent -> cannot be judged, not efisien"),
        pytest.param(None, D(90), SELISIH, Efisiensi(SELISIH, None, None),
                     id="missing capaian -> no value"),
        pytest.param(D(90), None, RASIO, Efisiensi(RASIO, None, None),
                     id="missing serapan -> no value"),
        pytest.param(D(100), D(80), "rasio", Efisiensi(RASIO, D("1.25"), True),
                     id="plain string from the database"),
    ],
)
def test_compute_efisiensi(
    capaian: Decimal | None, serapan: Decimal | None, varian: Varian, hasil: Efisiensi
) -> None:
    assert compute_efisiensi(capaian, serapan, varian) == hasil


def test_difference_is_the_default_variant() -> None:
    assert compute_efisiensi(D(100), D(90)).varian is SELISIH


def test_threshold_of_the_difference_is_configurable() -> None:
    assert compute_efisiensi(D(100), D(95), ambang_selisih=D(2)).efisien is True


def test_unknown_variant_is_rejected() -> None:
    with pytest.raises(ValueError):
        compute_efisiensi(D(100), D(95), "kira-kira")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("varian", "ambang", "potongan"),
    [
        pytest.param(SELISIH, D(5), "lebih dari 5 poin", id="difference names its threshold"),
        pytest.param(SELISIH, D("2.5"), "lebih dari 2,5 poin", id="threshold in Indonesian"),
        pytest.param(RASIO, D(5), "1 atau lebih", id="ratio names its threshold"),
    ],
)
def test_describe_efisiensi_states_the_variant(
    varian: Varian, ambang: Decimal, potongan: str
) -> None:
    assert potongan in describe_efisiensi(varian, ambang)


@pytest.mark.parametrize(
    ("capaian", "serapan", "varian", "kesimpulan", "potongan"),
    [
        pytest.param(D("97.5"), D("95.6"), SELISIH, "tidak efisien",
                     "selisih 1,90 poin tidak lebih dari ambang 5 poin",
                     id="difference: 97,5% capaian at 95,6% serapan says why it is not efisien"),
        pytest.param(D("97.5"), D("95.6"), RASIO, "efisien",
                     "rasio 1,02 mencapai 1",
                     id="ratio: the same program is efisien and the row says why"),
        pytest.param(D("101.39"), D("94.74"), SELISIH, "efisien",
                     "selisih 6,65 poin lebih dari ambang 5 poin",
                     id="difference above the threshold names both figures"),
        pytest.param(D(90), D(0), SELISIH, "tidak dapat dinilai",
                     "tidak ada anggaran yang direalisasikan",
                     id="no spending -> cannot be judged, with the reason"),
        pytest.param(None, D(80), SELISIH, "tidak dapat dinilai",
                     "capaian kinerja tidak dapat dihitung",
                     id="no capaian -> cannot be judged, with the reason"),
        pytest.param(D(80), None, RASIO, "tidak dapat dinilai", "tidak ada pagu",
                     id="no pagu -> cannot be judged, with the reason"),
    ],
)
def test_every_verdict_is_explained(capaian, serapan, varian, kesimpulan, potongan) -> None:
    penjelasan = jelaskan_efisiensi(capaian, serapan, varian, D(5))
    assert penjelasan.kesimpulan == kesimpulan
    assert potongan in penjelasan.alasan


def test_the_method_states_its_basis_and_the_no_spending_rule() -> None:
    teks = describe_efisiensi(SELISIH, D(5))
    assert "capaian kinerja − serapan anggaran" in teks
    assert "tidak dapat dinilai" in teks
