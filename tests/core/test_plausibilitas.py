"""Plausibility of a value at entry (akuntabel.core.plausibilitas): warnings, never refusals."""

from decimal import Decimal

import pytest

from akuntabel.core.capaian import Agregasi
from akuntabel.core.plausibilitas import (
    Peringatan,
    capaian_sebagian,
    periksa_plausibilitas,
    riwayat_sebanding,
    skor_z_termodifikasi,
)

D = Decimal
KUM, AKHIR = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR
STABIL = [D(100), D(110), D(90), D(105), D(95), D(100)]   # median 100, MAD 5


def kode(peringatan: list[Peringatan]) -> list[str]:
    return [p.kode for p in peringatan]


@pytest.mark.parametrize(
    ("nilai", "capaian", "riwayat", "sebagian", "hasil"),
    [
        pytest.param(D(100), D(100), STABIL, False, [],
                     id="on target and like its history -> no warning"),
        pytest.param(D(250), D(250), [], False, ["capaian-tinggi"],
                     id="capaian 250% -> far above the target"),
        pytest.param(D(200), D(200), [], False, [],
                     id="capaian exactly 200% -> not above the bound"),
        pytest.param(D(5), D(5), [], False, ["capaian-rendah"],
                     id="capaian 5% -> far below the target"),
        pytest.param(D(10), D(10), [], False, [],
                     id="capaian exactly 10% -> not below the bound"),
        pytest.param(D(0), D(0), [], False, ["capaian-rendah"],
                     id="a zero realisasi against a target -> far below it"),
        pytest.param(D(5), D(5), [], True, [],
                     id="a count's capaian so far before TW IV, 5% -> low is expected"),
        pytest.param(D(250), D(250), [], True, ["capaian-tinggi"],
                     id="a count's capaian so far before TW IV, 250% -> still far above"),
        pytest.param(D(100), None, [], False, [],
                     id="no target in force -> no capaian warning"),
        pytest.param(D(1000), D(100), STABIL, False, ["pencilan"],
                     id="on target but ten times its history -> an outlier"),
        pytest.param(D(1000), D(1000), STABIL, False, ["capaian-tinggi", "pencilan"],
                     id="far above target and its history -> both warnings"),
        pytest.param(D(1000), None, [D(100), D(110), D(90)], False, [],
                     id="three values of history -> too short to judge"),
        pytest.param(D(1000), None, [D(100)] * 5, False, [],
                     id="a constant history -> no spread to judge by"),
    ],
)
def test_periksa_plausibilitas(nilai, capaian, riwayat, sebagian, hasil):
    assert kode(periksa_plausibilitas(nilai, capaian, riwayat,
                                      capaian_sebagian=sebagian)) == hasil


@pytest.mark.parametrize(
    ("nilai", "capaian", "riwayat", "isian"),
    [
        pytest.param(D(250), D(250), [], {"capaian": "250,00%", "batas": "200%"},
                     id="high capaian -> the capaian and the bound for the message"),
        pytest.param(D("4.5"), D("4.5"), [], {"capaian": "4,50%", "batas": "10%"},
                     id="low capaian -> the capaian and the bound for the message"),
        pytest.param(D(1000), None, STABIL,
                     {"nilai": "1.000", "median": "100", "n": "6", "skor": "121,41",
                      "batas": "3,5"},
                     id="outlier -> the value, the median, the score and the bound"),
    ],
)
def test_the_message_names_the_figures(nilai, capaian, riwayat, isian):
    """The figures as shown; the message is worded at the edge (results.views)."""
    assert [p.isian for p in periksa_plausibilitas(nilai, capaian, riwayat)] == [isian]


@pytest.mark.parametrize(
    ("nilai", "riwayat", "skor"),
    [
        pytest.param(D(1000), STABIL, D("121.41"),
                     id="median 100, MAD 5 -> 0,6745 x 900 / 5"),
        pytest.param(D(100), STABIL, D("0.00"), id="the median itself -> 0"),
        pytest.param(D(80), STABIL, D("-2.70"), id="below the median -> negative"),
        pytest.param(D(120), [D(10), D(10), D(10), D(10), D(30)], D("21.94"),
                     id="MAD 0 -> the mean absolute deviation (x 1,253314) instead"),
        pytest.param(D(10), [D(10)] * 4, None, id="no spread at all -> not computable"),
        pytest.param(D(10), [D(1), D(2), D(3)], None,
                     id="fewer than four values -> not computable"),
        pytest.param(D(10), [], None, id="no history -> not computable"),
    ],
)
def test_skor_z_termodifikasi(nilai, riwayat, skor):
    hasil = skor_z_termodifikasi(nilai, riwayat)
    assert (hasil.quantize(D("0.01")) if hasil is not None else None) == skor


@pytest.mark.parametrize(
    ("triwulan", "tahunan", "agregasi", "hasil"),
    [
        pytest.param([D(1), None, D(2)], [D(40)], KUM, [D(1), D(2)],
                     id="a count -> its quarters only: a year's total is not a quarter's"),
        pytest.param([D(80), None, D(85)], [D(90)], AKHIR, [D(80), D(85), D(90)],
                     id="a rate -> its quarters and its years' figures"),
        pytest.param([], [None], AKHIR, [], id="nothing filled -> no history"),
    ],
)
def test_riwayat_sebanding(triwulan, tahunan, agregasi, hasil):
    assert riwayat_sebanding(triwulan, tahunan, agregasi) == hasil


@pytest.mark.parametrize(
    ("agregasi", "triwulan", "hasil"),
    [
        pytest.param(KUM, 1, True, id="a count at TW I -> part of the year"),
        pytest.param(KUM, 3, True, id="a count at TW III -> part of the year"),
        pytest.param(KUM, 4, False, id="a count at TW IV -> the whole year"),
        pytest.param(AKHIR, 1, False, id="a rate at TW I -> its value, comparable"),
    ],
)
def test_capaian_sebagian(agregasi, triwulan, hasil):
    assert capaian_sebagian(agregasi, triwulan) is hasil
