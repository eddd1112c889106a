"""build_budget_totals: the OPD totals of the pemda overview, without building the trees, are
the totals of the budget trees (the DPA rule: sub kegiatan amounts are the truth above them)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.budget.services import build_budget_totals, build_budget_trees
from tests.budget.synthetic import make_dpa
from tests.builders import make_opd

pytestmark = pytest.mark.django_db


def _same_as_trees(opds, tahun):
    totals = build_budget_totals(opds, tahun)
    trees = build_budget_trees(opds, tahun)
    for o in opds:
        tree = trees[o.pk]
        expected = tree.total if len(tree.hasil) > 1 else None
        got = totals[o.pk]
        if expected is None:
            assert got is None
            continue
        assert (got.pagu, got.realisasi, got.serapan) == (
            expected.pagu, expected.realisasi, expected.serapan)
    return totals


def test_the_demo_totals_are_the_trees_totals(demo_opd):
    totals = _same_as_trees([demo_opd], 2023)
    assert totals[demo_opd.pk].pagu.sumber == "data"


def test_a_sub_kegiatan_without_amounts_counts_its_leaf_lines_as_in_the_tree(demo_opd):
    DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, lines__isnull=False).update(
        pagu=None, realisasi=None)
    _same_as_trees([demo_opd], 2023)


def test_a_sub_kegiatan_without_any_amount_leaves_the_total_without_one(demo_opd):
    anggaran = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd).first()
    DpaLine.objects.filter(anggaran=anggaran).delete()
    DpaSubKegiatan.objects.filter(pk=anggaran.pk).update(pagu=None)
    # A printed program total does not reach the OPD's total: the tree's root has none.
    AnggaranTercetak.objects.create(
        perangkat_daerah=demo_opd, tahun=2023, tempat=AnggaranTercetak.TABEL_ANGGARAN,
        program=anggaran.sub_kegiatan.kegiatan.program, pagu=Decimal("1"))
    totals = _same_as_trees([demo_opd], 2023)
    assert totals[demo_opd.pk].pagu.nilai is None
    assert totals[demo_opd.pk].realisasi.nilai is not None


def test_an_opd_without_a_dpa_has_no_total_and_the_queries_are_fixed(demo_opd):
    small, large, none = make_opd(), make_opd(), make_opd()
    make_dpa(small, 30)
    make_dpa(large, 600)
    DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=large).update(pagu=None)
    totals = _same_as_trees([demo_opd, small, large, none], 2023)
    assert totals[none.pk] is None
    with CaptureQueriesContext(connection) as ctx:
        build_budget_totals([demo_opd, small, large, none], 2023)
    assert len(ctx.captured_queries) <= 2
