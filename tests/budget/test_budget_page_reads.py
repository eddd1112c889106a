"""What the budget page reads with fewer queries gives what the separate reads give: the tree's
line counts and pagu murni, and the lines with their pagu murni in one query."""

from dataclasses import replace

import pytest
from django.db.models import Count

from akuntabel.budget.models import DpaLine, DpaSubKegiatan
from akuntabel.budget.services import (
    build_budget_tree,
    build_line_rollup,
    build_line_rollup_murni,
    build_pagu_murni,
)

pytestmark = pytest.mark.django_db


def test_the_tree_counts_every_line_of_each_sub_kegiatan_and_keeps_its_figures(demo_opd):
    tree = build_budget_tree(demo_opd, 2023, jumlah_baris=True)
    expected = dict(DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=demo_opd)
                    .values("anggaran").annotate(n=Count("pk")).values_list("anggaran", "n"))
    assert tree.jumlah_baris == expected
    assert sum(expected.values()) == 582
    plain = build_budget_tree(demo_opd, 2023)
    assert plain.jumlah_baris is None
    assert tree.hasil == plain.hasil


def test_leaf_sums_with_counts_are_those_without(demo_opd):
    DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, lines__isnull=False).update(
        pagu=None, realisasi=None)
    assert (build_budget_tree(demo_opd, 2023, jumlah_baris=True).hasil
            == build_budget_tree(demo_opd, 2023).hasil)


def test_lines_and_their_pagu_murni_in_one_query_are_the_separate_reads(
        demo_opd, django_assert_num_queries):
    tree = build_budget_tree(demo_opd, 2023)
    anggaran = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd,
                                             lines__isnull=False).first().pk
    for only in (None, anggaran):
        with django_assert_num_queries(1):
            lines, murni = build_line_rollup_murni(demo_opd, 2023, only)
        separate = build_line_rollup(demo_opd, 2023, only)
        assert (lines.hasil, lines.info) == (separate.hasil, separate.info)
        whole = build_pagu_murni(demo_opd, 2023, tree, only)
        assert build_pagu_murni(demo_opd, 2023, tree, rekening=False) | murni == whole
        assert murni and all(k.startswith("l") for k in murni)


def test_the_pagu_murni_read_with_the_tree_is_the_one_read_apart(demo_opd):
    tree = build_budget_tree(demo_opd, 2023)
    assert tree.pagu_murni
    apart = replace(tree, pagu_murni=None)
    assert (build_pagu_murni(demo_opd, 2023, apart, rekening=False)
            == build_pagu_murni(demo_opd, 2023, tree, rekening=False))
