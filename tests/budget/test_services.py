"""The budget roll-up finds the breakdowns that do not add up, without changing the totals."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akuntabel.budget.services import build_budget_tree
from akuntabel.core.anggaran import find_induk_tidak_sama

pytestmark = pytest.mark.django_db


def _sub(tree, nama):
    return next(k for k, i in tree.info.items() if i.tingkat == "sub_kegiatan" and i.uraian == nama)


def test_rujukan_belanja_operasi_that_includes_belanja_modal_is_found(demo_opd):
    tree = build_budget_tree(demo_opd, 2023)
    lines = tree.lines[_sub(tree, "Pemberian Layanan Rujukan")]
    mismatches = {(tree.info[s.kunci].uraian, s.ukuran): (s.tercetak, s.dihitung)
                  for s in find_induk_tidak_sama(lines) if s.kunci in tree.info}
    assert mismatches[("Belanja Operasi", "pagu")] == (Decimal("23704200"), Decimal("2288200"))


def test_a_sub_kegiatan_keeps_its_dpa_amount_when_its_lines_are_incomplete(demo_opd):
    tree = build_budget_tree(demo_opd, 2023)
    key = _sub(tree, "Pemberian Bimbingan Sosial kepada Keluarga Penyandang Disabilitas "
                     "Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan "
                     "Pengemis dan Masyarakat")
    assert tree.hasil[key].realisasi.nilai == Decimal("61414600")
    assert tree.lines[key]["__sub__"].realisasi.sumber != "data"  # lines lack realisasi


def test_the_budget_tree_is_built_with_a_fixed_number_of_queries(demo_opd):
    with CaptureQueriesContext(connection) as ctx:
        build_budget_tree(demo_opd, 2023)
    assert len(ctx.captured_queries) <= 6
