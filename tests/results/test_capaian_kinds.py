"""Range and qualitative targets are computed by the application, on the pages and on the grid
alike (``core.capaian.compute_capaian_target``), where they once showed "–"."""

from decimal import Decimal

import pytest

from akuntabel.results.capaian import compute_capaian_indikator
from akuntabel.results.grid import build_realisasi_grid
from akuntabel.results.models import Realisasi
from tests.builders import make_indikator, make_renstra, make_sasaran, make_target, make_tujuan

pytestmark = pytest.mark.django_db
TAHUN = 2023
D = Decimal


def indikator(**kw):
    return make_indikator(sasaran=make_sasaran(make_tujuan(make_renstra())), **kw)


@pytest.mark.parametrize(
    ("polaritas", "realisasi", "capaian"),
    [
        pytest.param("naik", "90", D(90) * 100 / D(85),
                     id="higher is better, above the range -> against the upper bound"),
        pytest.param("naik", "70", D(100), id="inside the range -> 100"),
        pytest.param("naik", "30", D(50), id="higher is better, below -> against the lower"),
        pytest.param("turun", "90", (2 * D(85) - D(90)) * 100 / D(85),
                     id="lower is better, above the range -> against the upper bound"),
    ],
)
def test_a_range_target_is_computed_with_the_indicators_polarity(polaritas, realisasi,
                                                                 capaian):
    ind = indikator(polaritas=polaritas, satuan="%", agregasi="nilai_akhir")
    make_target(ind, 60, teks="60–85 %", nilai_atas=D(85))
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, teks=realisasi, nilai=D(realisasi))
    c = compute_capaian_indikator(ind, TAHUN)
    assert (c.capaian, c.target_atas) == (capaian, D(85))


def test_a_range_target_on_the_grid_is_the_pages_capaian():
    ind = indikator(polaritas="naik", satuan="%", agregasi="nilai_akhir")
    make_target(ind, 60, teks="60–85 %", nilai_atas=D(85))
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=4, teks="90", nilai=D(90))
    (row,) = build_realisasi_grid(ind.perangkat_daerah, TAHUN, 4)
    assert row.capaian_sd == compute_capaian_indikator(ind, TAHUN).capaian is not None


@pytest.mark.parametrize(
    ("target", "realisasi", "capaian"),
    [
        pytest.param("WTP", "WTP", D(100), id="opinion WTP reached -> 100"),
        pytest.param("WTP", "WDP", D(75), id="WTP targeted, WDP obtained -> 75"),
        pytest.param("Tersedia", "tersedia", D(100), id="availability, any case -> 100"),
        pytest.param("WTP", "belum diaudit", None, id="a realisasi label unknown -> no value"),
    ],
)
def test_a_qualitative_target_is_scored_on_its_scale(target, realisasi, capaian):
    ind = indikator()
    make_target(ind, None, teks=target)
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, teks=realisasi)
    assert compute_capaian_indikator(ind, TAHUN).capaian == capaian
