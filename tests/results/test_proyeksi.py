"""Early warning of an OPD-year (results.proyeksi): every indicator projected from the
quarters entered, the ones likely to end below Sedang, the backtest on past years, and a
fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akuntabel.core.peringkat import DEFAULT_SKALA
from akuntabel.core.proyeksi import MetodeProyeksi
from akuntabel.plans.models import Renstra
from akuntabel.results.models import Realisasi
from akuntabel.results.proyeksi import peringatan_per_opd, proyeksi_opd
from tests.builders import (
    make_indikator,
    make_opd,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
)

pytestmark = pytest.mark.django_db
TAHUN = 2023
D = Decimal
RENCANA = (20, 25, 25, 30)


def realisasi(ind, tahun, quarters, tahunan=None):
    for tw, nilai in enumerate(quarters, start=1):
        if nilai is not None:
            Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=tw, teks=str(nilai),
                                     nilai=D(str(nilai)))
    if tahunan is not None:
        Realisasi.objects.create(indikator=ind, tahun=tahun, teks=str(tahunan),
                                 nilai=D(str(tahunan)))


def sasaran_of(opd):
    """A sasaran of the OPD's one Renstra (made on first use)."""
    renstra = Renstra.objects.filter(perangkat_daerah=opd).first() or make_renstra(opd)
    return make_sasaran(make_tujuan(renstra))


def count(opd, uraian, quarters, plan=True):
    """A count with target 100 in 2023, planned 20/25/25/30 per quarter when ``plan``."""
    sasaran = sasaran_of(opd)
    ind = make_indikator(sasaran=sasaran, uraian=uraian, satuan="orang", agregasi="kumulatif")
    make_target(ind, 100, tahun=TAHUN)
    if plan:
        for tw, nilai in enumerate(RENCANA, start=1):
            make_target(ind, nilai, tahun=TAHUN, triwulan=tw)
    realisasi(ind, TAHUN, quarters)
    return ind


@pytest.fixture
def opd():
    return make_opd()


def by_uraian(hasil):
    return {b.indikator.uraian: b for b in hasil.baris}


def test_a_count_far_behind_its_quarterly_plan_is_likely_below_sedang(opd):
    count(opd, "Jumlah tertinggal", [5, 5])
    count(opd, "Jumlah sesuai rencana", [20, 25])
    hasil = proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA)
    baris = by_uraian(hasil)
    tertinggal = baris["Jumlah tertinggal"]
    assert tertinggal.proyeksi.metode == MetodeProyeksi.RENCANA_TRIWULAN
    assert tertinggal.proyeksi.realisasi == D(10) + D(10) / D(45) * D(55)
    assert tertinggal.hasil.di_bawah_sedang and tertinggal.hasil.peringkat == "Sangat Rendah"
    assert baris["Jumlah sesuai rencana"].hasil.capaian == D(100)
    assert [b.indikator.uraian for b in hasil.di_bawah_sedang] == ["Jumlah tertinggal"]


def test_a_rate_uses_the_ratio_of_its_earlier_years(opd):
    sasaran = sasaran_of(opd)
    ind = make_indikator(sasaran=sasaran, uraian="Persentase", satuan="%",
                         agregasi="nilai_akhir")
    make_target(ind, 90, tahun=TAHUN)
    realisasi(ind, 2021, [40, 50, None, 60])          # year-end / TW II = 1,2
    realisasi(ind, 2022, [40, 50, None, 70], tahunan=55)  # the annual figure: 1,1
    realisasi(ind, TAHUN, [60, 70])
    p = by_uraian(proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA))["Persentase"].proyeksi
    assert p.metode == MetodeProyeksi.RASIO_RIWAYAT
    assert p.realisasi == D(70) * D("1.15")


def test_quarters_after_the_chosen_triwulan_are_not_read(opd):
    count(opd, "Jumlah", [20, 25, 1000])
    p = by_uraian(proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA))["Jumlah"].proyeksi
    assert p.realisasi == D(100) and p.triwulan_terisi == (1, 2)


def test_at_tw_iv_the_years_figure_is_shown_not_a_projection(opd):
    count(opd, "Jumlah", [10, 10, 10, 10])
    b = by_uraian(proyeksi_opd(opd, TAHUN, 4, DEFAULT_SKALA))["Jumlah"]
    assert b.proyeksi.metode == MetodeProyeksi.TAHUN_LENGKAP
    assert (b.proyeksi.realisasi, b.hasil.capaian, b.hasil.di_bawah_sedang) == (40, 40, True)


def test_a_qualitative_indicator_and_one_without_quarters_say_why(opd):
    sasaran = sasaran_of(opd)
    kualitatif = make_indikator(sasaran=sasaran, uraian="Opini", polaritas="kualitatif")
    make_target(kualitatif, None, tahun=TAHUN, teks="WTP")
    kosong = make_indikator(sasaran=sasaran, uraian="Kosong")
    make_target(kosong, 10, tahun=TAHUN)
    baris = by_uraian(proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA))
    assert "kualitatif" in baris["Opini"].metode
    assert "Belum ada realisasi" in baris["Kosong"].metode
    assert not baris["Opini"].hasil.di_bawah_sedang


def test_the_backtest_projects_the_past_two_years_from_the_same_quarters(opd):
    ind = count(opd, "Jumlah", [20, 25])
    for tahun in (2021, 2022):
        make_target(ind, 100, tahun=tahun)
    # 2021, no plan nor history: linear 45 × 2 = 90 against 100 -> 10 % off, outside 85–95.
    realisasi(ind, 2021, [20, 25, 25, 30])
    # 2022: 2021's share at TW II (0,45) gives 100 against 120 -> 16,7 % off, outside ±5,5.
    realisasi(ind, 2022, [20, 25, 25, 50])
    akurasi = proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA).akurasi
    assert set(akurasi) == {"kumulatif", "semua"}
    semua = akurasi["semua"]
    assert (semua.sampai, semua.n, semua.dalam_interval) == (2, 2, 0)
    assert semua.mape == (D(10) + D(20) * 100 / D(120)) / 2


def test_per_opd_lists_only_the_flagged_indicators_of_each_agency(opd):
    other = make_opd(pemda=opd.pemda)
    count(opd, "Jumlah tertinggal", [5, 5])
    count(opd, "Jumlah baik", [20, 25])
    hasil = peringatan_per_opd([opd.pk, other.pk], TAHUN, 2, DEFAULT_SKALA)
    assert [b.indikator.uraian for b in hasil[opd.pk]] == ["Jumlah tertinggal"]
    assert hasil[other.pk] == []


def test_the_number_of_queries_does_not_grow_with_the_indicators(opd):
    count(opd, "Jumlah 1", [5, 5])
    with CaptureQueriesContext(connection) as one:
        proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA)
    for i in range(2, 8):
        count(opd, f"Jumlah {i}", [5, 5])
    with CaptureQueriesContext(connection) as seven:
        proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA)
    assert len(seven) == len(one) <= 10


def test_the_intervals_are_calibrated_on_the_agencys_past_errors_once_ten_exist(opd):
    for i in range(10):
        ind = count(opd, f"Jumlah {i}", [20, 25])
        for tahun in (2021, 2022):
            make_target(ind, 100, tahun=tahun)
            realisasi(ind, tahun, [20, 25, 25, 30 + i])
    baris = proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA).baris
    assert {b.proyeksi.dikalibrasi for b in baris} == {20}
    # 2022 projected from 2021's shape is exact (10 errors of 0); 2021, linear 45 × 2 = 90,
    # fell 11–21 % short (100 + i): the 18th of the 20 sorted errors is 17 / 90.
    assert all(b.proyeksi.atas == 100 + D(17) / D(90) * 100 for b in baris)


def test_fewer_than_ten_past_projections_leave_the_interval_as_it_was(opd):
    ind = count(opd, "Jumlah", [20, 25])
    make_target(ind, 100, tahun=2022)
    realisasi(ind, 2022, [20, 25, 25, 30])
    assert proyeksi_opd(opd, TAHUN, 2, DEFAULT_SKALA).baris[0].proyeksi.dikalibrasi == 0
