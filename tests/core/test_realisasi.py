"""The year's realisasi from the annual figure or the quarters (akuntabel.core.realisasi)."""

from decimal import Decimal

import pytest

from akuntabel.core.capaian import Agregasi
from akuntabel.core.realisasi import (
    RealisasiTahun,
    SumberTahun,
    realisasi_komponen,
    realisasi_tahun,
)

D = Decimal
KUM, AKHIR = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR
TAHUNAN, TW = SumberTahun.TAHUNAN, SumberTahun.TRIWULAN


@pytest.mark.parametrize(
    ("tahunan", "triwulan", "agregasi", "hasil"),
    [
        pytest.param(None, {1: D(10), 2: D(20), 3: D(30), 4: D(40)}, KUM,
                     RealisasiTahun(D(100), TW, D(100), (1, 2, 3, 4), KUM),
                     id="count, no annual figure -> the sum of the four quarters"),
        pytest.param(None, {1: D(10), 3: D(30)}, KUM, RealisasiTahun(D(40), TW, D(40), (1, 3), KUM),
                     id="count, two quarters filled -> the sum of the filled ones"),
        pytest.param(None, {1: D("90.5"), 2: D("91.2"), 3: None, 4: D("92.77")}, AKHIR,
                     RealisasiTahun(D("92.77"), TW, D("92.77"), (1, 2, 4), AKHIR),
                     id="rate, no annual figure -> the last filled quarter (never a sum)"),
        pytest.param(None, {1: D(80), 2: D(85)}, AKHIR,
                     RealisasiTahun(D(85), TW, D(85), (1, 2), AKHIR),
                     id="rate, TW III and IV empty -> TW II, the last filled"),
        pytest.param(D(13415), {}, KUM, RealisasiTahun(D(13415), TAHUNAN, None, (), KUM),
                     id="annual figure only -> kept as reported"),
        pytest.param(D(100), {1: D(10), 2: D(20)}, KUM,
                     RealisasiTahun(D(100), TAHUNAN, D(30), (1, 2), KUM),
                     id="annual figure and quarters differ -> annual kept, quarters beside it"),
        pytest.param(None, {}, KUM, RealisasiTahun(None, None, None, (), KUM),
                     id="nothing reported -> no figure"),
        pytest.param(None, {1: None, 2: None}, AKHIR, RealisasiTahun(None, None, None, (), AKHIR),
                     id="quarters present but empty -> no figure"),
        pytest.param(None, {4: D(0)}, KUM, RealisasiTahun(D(0), TW, D(0), (4,), KUM),
                     id="a zero is a figure, not a missing value"),
    ],
)
def test_realisasi_tahun(tahunan, triwulan, agregasi, hasil):
    assert realisasi_tahun(tahunan, triwulan, agregasi) == hasil


@pytest.mark.parametrize(
    ("tahunan", "triwulan", "agregasi", "berbeda"),
    [
        pytest.param(D(100), {1: D(10), 2: D(20), 3: D(30), 4: D(30)}, KUM, True,
                     id="count, TW IV filled: annual 100, quarters 90 -> differ"),
        pytest.param(D(100), {1: D(10), 2: D(20)}, KUM, False,
                     id="count, TW II: quarters 30 below the annual 100 -> the year is not over"),
        pytest.param(D(100), {1: D(60), 2: D(50)}, KUM, True,
                     id="count, TW II: quarters 110 already above the annual 100 -> differ"),
        pytest.param(D(90), {1: D(80), 2: D(85)}, AKHIR, False,
                     id="rate, TW II 85 against the annual 90 -> not due before TW IV"),
        pytest.param(D(90), {4: D("92.5")}, AKHIR, True,
                     id="rate, TW IV 92,5 against the annual 90 -> differ"),
        pytest.param(D(30), {1: D(10), 2: D(20), 4: D(0)}, KUM, False,
                     id="annual equals the quarters"),
        pytest.param(D(30), {}, KUM, False, id="no quarters -> nothing to compare"),
        pytest.param(None, {1: D(10)}, KUM, False, id="no annual figure -> nothing to compare"),
    ],
)
def test_berbeda(tahunan, triwulan, agregasi, berbeda):
    assert realisasi_tahun(tahunan, triwulan, agregasi).berbeda is berbeda


@pytest.mark.parametrize(
    ("komponen", "penyebut", "nilai"),
    [
        pytest.param([D(13000), D(415)], D(14460), D(13415) * 100 / D(14460),
                     id="the seed's IKU: 13.415 of 14.460 PPKS -> 92,77...%"),
        pytest.param([D(10), None], D(100), None,
                     id="a component without a value -> no figure (never a partial sum)"),
        pytest.param([], D(100), None, id="no component -> no figure"),
        pytest.param([D(10)], D(0), None, id="a denominator of 0 -> no figure"),
        pytest.param([D(10)], None, None, id="no denominator -> no figure"),
    ],
)
def test_realisasi_komponen(komponen, penyebut, nilai):
    hasil = realisasi_komponen(komponen, penyebut)
    assert (hasil.nilai if hasil else None) == nilai
