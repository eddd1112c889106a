"""The budget roll-up: DPA totals per node, and the breakdowns that do not add up."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.budget.services import LINES_ROOT, build_budget_tree, build_line_rollup
from akuntabel.core.anggaran import find_induk_tidak_sama

pytestmark = pytest.mark.django_db

RUJUKAN = "Pemberian Layanan Rujukan"
BIMBINGAN_SOSIAL = ("Pemberian Bimbingan Sosial kepada Keluarga Penyandang Disabilitas "
                    "Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan "
                    "Pengemis dan Masyarakat")


def _anggaran(demo_opd, nama):
    return DpaSubKegiatan.objects.get(dpa__perangkat_daerah=demo_opd, dpa__tahun=2023,
                                      sub_kegiatan__nama=nama)


def test_rujukan_belanja_operasi_that_includes_belanja_modal_is_found(demo_opd):
    anggaran = _anggaran(demo_opd, RUJUKAN)
    lines = build_line_rollup(demo_opd, 2023, anggaran.pk)
    mismatches = {(lines.info[s.kunci].uraian, s.ukuran): (s.tercetak, s.dihitung)
                  for s in find_induk_tidak_sama(lines.hasil[anggaran.pk])}
    assert mismatches[("Belanja Operasi", "pagu")] == (Decimal("23704200"), Decimal("2288200"))
    assert mismatches[("Belanja Operasi", "realisasi")] == (Decimal("22859900"),
                                                           Decimal("2210900"))


def test_every_sub_kegiatan_with_lines_is_rolled_up_when_all_are_asked_for(demo_opd):
    lines = build_line_rollup(demo_opd, 2023)
    assert len(lines.hasil) == DpaSubKegiatan.objects.filter(
        dpa__perangkat_daerah=demo_opd, lines__isnull=False).distinct().count()
    assert len(lines.info) == 582


def test_a_sub_kegiatan_keeps_its_dpa_amount_when_its_lines_are_incomplete(demo_opd):
    anggaran = _anggaran(demo_opd, BIMBINGAN_SOSIAL)
    tree = build_budget_tree(demo_opd, 2023)
    assert tree.hasil[f"s{anggaran.sub_kegiatan_id}"].realisasi.nilai == Decimal("61414600")
    lines = build_line_rollup(demo_opd, 2023, anggaran.pk).hasil[anggaran.pk]
    assert lines[LINES_ROOT].realisasi.sumber != "data"  # some lines lack their realisasi


def test_a_sub_kegiatan_without_amounts_of_its_own_counts_its_leaf_lines(demo_opd):
    anggaran = _anggaran(demo_opd, RUJUKAN)
    DpaSubKegiatan.objects.filter(pk=anggaran.pk).update(pagu=None, realisasi=None)
    tree = build_budget_tree(demo_opd, 2023)
    node = tree.hasil[f"s{anggaran.sub_kegiatan_id}"]
    # The leaves: 2.288.200 of Belanja Barang dan Jasa plus 21.416.000 of Belanja Modal.
    assert (node.pagu.nilai, node.realisasi.nilai) == (Decimal("23704200"), Decimal("22859900"))


def test_the_budget_tree_is_built_with_a_fixed_number_of_queries(demo_opd):
    with CaptureQueriesContext(connection) as ctx:
        build_budget_tree(demo_opd, 2023)
    assert len(ctx.captured_queries) <= 5


def test_the_line_rollup_is_one_query(demo_opd):
    with CaptureQueriesContext(connection) as ctx:
        build_line_rollup(demo_opd, 2023)
    assert len(ctx.captured_queries) == 1
