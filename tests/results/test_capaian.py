"""The capaian of indicators in a year (results.capaian.compute_capaian_many): one batch behind
the single indicator, the dashboard's IKU and the plan pages, so all three show one figure; the
target in force is the reviu's; a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akuntabel.core.peringkat import DEFAULT_SKALA
from akuntabel.plans.cascade import capaian_per_tahun
from akuntabel.plans.models import PerjanjianKinerja, PerjanjianKinerjaBaris
from akuntabel.results.capaian import compute_capaian_indikator, compute_capaian_many
from akuntabel.results.models import KomponenPerhitungan, Perhitungan, Realisasi
from akuntabel.web.ikhtisar import capaian_iku
from tests.builders import make_indikator, make_target

pytestmark = pytest.mark.django_db
TAHUN = 2023


def realisasi(ind, nilai):
    return Realisasi.objects.create(indikator=ind, tahun=TAHUN, teks=str(nilai),
                                    nilai=Decimal(nilai))


def blank_pk_then_renja_80(teks):
    """An IKU whose PK target is printed as ``teks`` (blank or a dash), with a Renja target of
    80 and a realisasi of 60."""
    ind = make_indikator(iku=True)
    make_target(ind, None, "pk", teks=teks)
    make_target(ind, 80)
    realisasi(ind, 60)
    return ind


@pytest.mark.parametrize("teks", ["", "-"])
def test_a_pk_target_left_blank_is_passed_over_for_the_renja(teks):
    c = compute_capaian_indikator(blank_pk_then_renja_80(teks), TAHUN)
    assert (c.jenis_target, c.target, c.capaian) == ("renja", Decimal(80), Decimal(75))


def test_a_row_of_the_perjanjian_kinerja_counts_as_the_pk_target():
    ind = make_indikator()
    make_target(ind, 80)
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=ind.perangkat_daerah, tahun=TAHUN)
    PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=pk, sasaran=ind.sasaran,
                                          indikator=ind, target_teks="50", target=50)
    realisasi(ind, 60)
    c = compute_capaian_indikator(ind, TAHUN)
    assert (c.jenis_target, c.target, c.capaian) == ("pk", Decimal(50), Decimal(120))


def test_realisasi_is_computed_from_its_components_and_the_reported_value_kept():
    ind = make_indikator(satuan="%")
    make_target(ind, 90)
    realisasi(ind, 99)
    p = Perhitungan.objects.create(indikator=ind, tahun=TAHUN, penyebut_uraian="Sasaran",
                                   penyebut=Decimal(200))
    for nilai in (100, 80):
        KomponenPerhitungan.objects.create(perhitungan=p, uraian="Komponen", nilai=nilai)
    c = compute_capaian_indikator(ind, TAHUN)
    assert (c.realisasi.sumber, c.realisasi.nilai, c.realisasi.dilaporkan) == (
        "komponen", Decimal(90), Decimal(99))
    assert (c.capaian, c.capaian_dilaporkan) == (Decimal(100), Decimal(110))
    assert c.peringkat == "Sangat Tinggi"


def test_the_dashboard_and_the_plan_page_show_the_single_indicator_figures():
    ind = blank_pk_then_renja_80("")
    one = compute_capaian_indikator(ind, TAHUN)
    assert capaian_iku([ind.perangkat_daerah_id], TAHUN, DEFAULT_SKALA)[
        ind.perangkat_daerah_id] == [one]
    plan = capaian_per_tahun([ind], [TAHUN], lambda _t: DEFAULT_SKALA,
                             {"indikator": ind})[ind.pk, TAHUN]
    assert (plan.jenis_berlaku, plan.target_berlaku, plan.realisasi, plan.capaian,
            plan.peringkat) == ("renja", one.target, one.realisasi.nilai, one.capaian,
                                one.peringkat)


def target_10_realisasi_8(n):
    """``n`` indicators of one sasaran, each with target 10 and realisasi 8 in TAHUN."""
    first = make_indikator()
    indikator = [first] + [make_indikator(sasaran=first.sasaran) for _ in range(n - 1)]
    for ind in indikator:
        make_target(ind, 10)
        realisasi(ind, 8)
    return indikator


@pytest.mark.parametrize("n", [1, 20])
def test_four_queries_whatever_the_number_of_indicators(n):
    indikator = target_10_realisasi_8(n)
    with CaptureQueriesContext(connection) as ctx:
        hasil = compute_capaian_many(indikator, [TAHUN, TAHUN + 1])
    assert len(ctx) == 4  # no computation from components: their query is not made
    assert [hasil[i.pk, TAHUN].capaian for i in indikator] == [Decimal(80)] * n
    assert all(hasil[i.pk, TAHUN + 1].capaian is None for i in indikator)


@pytest.mark.parametrize("n", [1, 20])
def test_five_queries_with_components_whatever_the_number_of_indicators(n):
    indikator = target_10_realisasi_8(n)
    for ind in indikator:
        p = Perhitungan.objects.create(indikator=ind, tahun=TAHUN, penyebut_uraian="Sasaran",
                                       penyebut=Decimal(200))
        for nilai in (10, 8):
            KomponenPerhitungan.objects.create(perhitungan=p, uraian="Komponen", nilai=nilai)
    with CaptureQueriesContext(connection) as ctx:
        hasil = compute_capaian_many(indikator, [TAHUN, TAHUN + 1])
    assert len(ctx) == 5
    # 18 ÷ 200 × 100 = 9 against the target 10: capaian 90 from the components, not 80
    assert [hasil[i.pk, TAHUN].realisasi.nilai for i in indikator] == [Decimal(9)] * n
    assert [hasil[i.pk, TAHUN].capaian for i in indikator] == [Decimal(90)] * n
