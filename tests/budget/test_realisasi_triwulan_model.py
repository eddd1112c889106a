"""RealisasiAnggaranTriwulan: one value per sub kegiatan of the DPA and triwulan; the quarterly
sums up the tree; the sum of the quarters compared with the annual realisasi, never put in its
place."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from akuntabel.budget.models import Dpa, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.budget.services import (
    ROOT,
    build_budget_tree,
    build_triwulan_sums,
)
from akuntabel.core.anggaran import jumlah_triwulan, selisih_ditandai, selisih_tahunan
from tests.budget.synthetic import make_dpa
from tests.builders import make_opd

D = Decimal


def _subs(opd):
    return list(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd)
                .select_related("sub_kegiatan__kegiatan").order_by("sub_kegiatan__kode"))


@pytest.mark.django_db
def test_one_value_per_sub_kegiatan_and_triwulan():
    opd = make_opd()
    make_dpa(opd, 20)
    (a,) = _subs(opd)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=1, nilai=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=1, nilai=6)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=2, nilai=6)
    assert RealisasiAnggaranTriwulan.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("triwulan", [0, 5])
def test_the_triwulan_is_one_to_four(triwulan):
    opd = make_opd()
    make_dpa(opd, 20)
    (a,) = _subs(opd)
    with pytest.raises(IntegrityError), transaction.atomic():
        RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=triwulan, nilai=1)


@pytest.mark.django_db
def test_a_new_value_starts_at_version_one_and_names_its_sub_kegiatan():
    opd = make_opd()
    make_dpa(opd, 20)
    (a,) = _subs(opd)
    r = RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=3, nilai=D("1.50"))
    r.refresh_from_db()
    assert (r.versi, r.nilai) == (1, D("1.50"))
    assert str(r).startswith("Realisasi anggaran TW 3: ") and a.sub_kegiatan.kode in str(r)


@pytest.mark.django_db
def test_the_quarters_go_with_their_dpa():
    opd = make_opd()
    make_dpa(opd, 20)
    (a,) = _subs(opd)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=1, nilai=1)
    Dpa.objects.filter(perangkat_daerah=opd).delete()
    assert not RealisasiAnggaranTriwulan.objects.exists()


@pytest.mark.django_db
def test_the_annual_realisasi_is_untouched_when_all_four_quarters_are_filled():
    opd = make_opd()
    make_dpa(opd, 20)
    (a,) = _subs(opd)
    for tw in (1, 2, 3, 4):
        RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=tw, nilai=1)
    a.refresh_from_db()
    assert a.realisasi == D(13_500_000)
    assert build_budget_tree(opd, 2023).total.realisasi.nilai == D(13_500_000)


@pytest.mark.django_db
def test_quarterly_sums_roll_up_and_nodes_without_values_are_left_out():
    opd = make_opd()
    make_dpa(opd, 60, subs_per_kegiatan=2)
    a, b, c = _subs(opd)
    for anggaran, tw, nilai in ((a, 1, 100), (a, 2, 50), (b, 1, D("0.50"))):
        RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=anggaran, triwulan=tw,
                                                 nilai=nilai)
    tree = build_budget_tree(opd, 2023)
    sums = build_triwulan_sums(opd, 2023, tree)
    assert sums[f"s{a.sub_kegiatan_id}"] == (D(100), D(50), None, None)
    assert sums[f"k{a.sub_kegiatan.kegiatan_id}"] == (D("100.50"), D(50), None, None)
    assert f"s{c.sub_kegiatan_id}" not in sums and f"k{c.sub_kegiatan.kegiatan_id}" not in sums
    assert sums[ROOT] == (D("100.50"), D(50), None, None)


@pytest.mark.django_db
def test_no_quarterly_value_gives_no_sums():
    opd = make_opd()
    make_dpa(opd, 20)
    assert build_triwulan_sums(opd, 2023, build_budget_tree(opd, 2023)) == {}


@pytest.mark.parametrize("tahunan, per_tw, selisih", [
    pytest.param(D(100), (D(25), D(25), D(25), D(25)), None,
                 id="four quarters adding up to the year -> no difference"),
    pytest.param(D(100), (D(25), None, None, None), D(-75),
                 id="one quarter below the year -> a negative difference"),
    pytest.param(D(100), (D(60), D(60), None, None), D(20),
                 id="quarters above the year -> a positive difference"),
    pytest.param(None, (D(25), None, None, None), None,
                 id="no annual figure -> nothing to compare"),
    pytest.param(D(100), (None, None, None, None), None,
                 id="no quarter filled -> nothing to compare"),
    pytest.param(D(0), (D(0), None, None, None), None,
                 id="nil and nil -> no difference"),
])
def test_the_sum_of_the_quarters_against_the_annual_figure(tahunan, per_tw, selisih):
    assert selisih_tahunan(tahunan, per_tw) == selisih


@pytest.mark.parametrize("tahunan, per_tw, ditandai", [
    pytest.param(D(100), (D(25), None, None, None), None,
                 id="below the year before TW IV is filled -> not flagged yet"),
    pytest.param(D(100), (D(25), None, None, D(25)), D(-50),
                 id="below the year with TW IV filled -> flagged"),
    pytest.param(D(100), (D(60), D(60), None, None), D(20),
                 id="above the year already at TW II -> flagged at once"),
    pytest.param(D(100), (D(25), D(25), D(25), D(25)), None,
                 id="adding up to the year -> not flagged"),
])
def test_which_differences_the_screens_flag(tahunan, per_tw, ditandai):
    assert selisih_ditandai(tahunan, per_tw) == ditandai


@pytest.mark.parametrize("nilai, jumlah", [
    pytest.param((None, None), None, id="nothing filled -> none, not zero"),
    pytest.param((D(1), None, D("2.5")), D("3.5"), id="filled values add up"),
    pytest.param((D(0),), D(0), id="a nil quarter is zero"),
])
def test_jumlah_triwulan(nilai, jumlah):
    assert jumlah_triwulan(nilai) == jumlah
