"""The Kota Metro demo: the figures a planner and an auditor check first."""

from decimal import Decimal

import pytest

from akuntabel.budget.services import ROOT, build_budget_tree
from akuntabel.core.angka import format_persen, format_rupiah
from akuntabel.plans.models import Indikator, Program, SubKegiatan, Target
from akuntabel.results.capaian import compute_capaian_indikator, compute_realisasi
from akuntabel.results.models import Realisasi

pytestmark = pytest.mark.django_db


def test_total_pagu_realisasi_and_serapan_are_the_seeds_true_figures(demo_opd):
    tree = build_budget_tree(demo_opd, 2023)
    assert format_rupiah(tree.total.pagu.nilai) == "Rp 5.093.068.611"
    assert format_rupiah(tree.total.realisasi.nilai) == "Rp 4.825.424.420"
    assert format_persen(tree.total.serapan) == "94,74%"


@pytest.mark.parametrize(("kode", "pagu", "realisasi"), [
    ("1.06.01", "3.065.150.561", "2.931.414.904"),
    ("1.06.02", "399.911.850", "390.405.300"),
    ("1.06.03", "3.000.000", "0"),
    ("1.06.04", "882.701.400", "834.059.927"),
    ("1.06.05", "188.301.300", "180.861.485"),
    ("1.06.06", "120.000.000", "89.594.594"),
    ("1.06.07", "434.003.500", "399.088.210"),
], ids=lambda v: str(v))
def test_each_program_adds_up_to_its_printed_pagu_and_realisasi(demo_opd, kode, pagu,
                                                                realisasi):
    tree = build_budget_tree(demo_opd, 2023)
    key = next(k for k in tree.children(ROOT) if tree.info[k].kode == kode)
    node = tree.hasil[key]
    assert format_rupiah(node.pagu.nilai) == f"Rp {pagu}"
    assert format_rupiah(node.realisasi.nilai) == f"Rp {realisasi}"
    assert node.pagu.nilai == node.pagu_tercetak
    assert node.realisasi.nilai == node.realisasi_tercetak


def test_the_dpa_has_the_seven_programs_in_printed_order(demo_opd):
    tree = build_budget_tree(demo_opd, 2023)
    assert [tree.info[k].kode for k in tree.children(ROOT)] == [
        "1.06.01", "1.06.02", "1.06.03", "1.06.04", "1.06.05", "1.06.06", "1.06.07"]


def test_iku_is_computed_from_its_eleven_components_not_taken_from_print(demo_opd):
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")
    realisasi = compute_realisasi(iku, 2023)
    assert realisasi.sumber == "komponen"
    assert realisasi.pembilang == Decimal("13415")
    assert realisasi.penyebut == Decimal("14460")
    assert format_persen(realisasi.nilai) == "92,77%"
    assert realisasi.dilaporkan_teks == "92.78%"  # kept as reported
    assert format_persen(realisasi.dilaporkan) == "92,78%"


def test_iku_capaian_against_the_pk_target_is_sangat_tinggi(demo_opd):
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")
    capaian = compute_capaian_indikator(iku, 2023)
    assert capaian.jenis_target == Target.Jenis.PK
    assert capaian.target == Decimal("91.5")
    assert format_persen(capaian.capaian) == "101,39%"
    assert format_persen(capaian.capaian_dilaporkan) == "101,40%"  # on the printed 92,78
    assert capaian.peringkat == "Sangat Tinggi"


def test_iku_has_baseline_and_renstra_targets_for_every_year_of_the_period(demo_opd):
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")
    assert iku.kondisi_awal == Decimal("81.79")
    assert iku.kondisi_akhir == Decimal("100")
    targets = dict(Target.objects.filter(indikator=iku, jenis=Target.Jenis.RENSTRA)
                   .values_list("tahun", "nilai"))
    assert targets == {2021: Decimal("85.3"), 2022: Decimal("88.4"), 2023: Decimal("91.5"),
                       2024: Decimal("94.6"), 2025: Decimal("97.7"), 2026: Decimal("100")}


def test_the_renstra_year_columns_as_printed_are_kept_for_the_reviu(demo_opd):
    renstra = demo_opd.renstra.get()
    assert (renstra.tahun_awal, renstra.tahun_akhir) == (2021, 2026)
    assert renstra.tabel_tahun_tercetak == [2020, 2021, 2022, 2023, 2024]


def test_the_68_printed_indicator_rows_are_on_their_nodes(demo_opd):
    numbers = set(Indikator.objects.filter(perangkat_daerah=demo_opd, nomor_tercetak__isnull=False)
                  .values_list("nomor_tercetak", flat=True))
    # Rows 33, 34 and 50 print neither indicator text nor values.
    assert numbers == set(range(1, 69)) - {33, 34, 50}


def test_text_that_is_not_a_number_is_kept_with_its_reason(demo_opd):
    r = Realisasi.objects.get(indikator__perangkat_daerah=demo_opd, indikator__nomor_tercetak=42,
                              tahun=2023)
    assert r.teks == "UEP 10 org; sosialisasi keluarga penyandang disabilitas 30 org"
    assert r.nilai is None
    assert "lebih dari satu angka" in r.catatan


def test_units_are_read_from_printed_values(demo_opd):
    r = Realisasi.objects.get(indikator__perangkat_daerah=demo_opd, indikator__nomor_tercetak=52,
                              tahun=2023)
    assert (r.nilai, r.satuan) == (Decimal("9205"), "Jiwa")


def test_seed_errors_are_kept_as_printed(demo_opd):
    # The Renstra target typo 125.000 against a realisation of 235.776.750 (Tabel 3.4).
    sub = SubKegiatan.objects.get(kegiatan__program__renstra__perangkat_daerah=demo_opd,
                                  nama__startswith="Peningkatan Kemampuan Potensi Pekerja Sosial")
    ra = sub.renstra_anggaran.get(tahun=2023)
    assert (ra.target, ra.realisasi_dilaporkan) == (Decimal("125000"), Decimal("235776750"))
    # The closing's "Dinas Sosial Kabupaten Kuningan" stays in the narrative as printed.
    assert "Kabupaten Kuningan" in demo_opd.narasi.get(kunci="penutup").teks
    assert not demo_opd.narasi.filter(kunci="ikhtisar_eksekutif").exists()


def test_codes_come_only_from_the_nomenclature(demo_opd):
    codes = set(Program.objects.filter(renstra__perangkat_daerah=demo_opd)
                .values_list("kode", flat=True))
    assert codes == {"1.06.01", "1.06.02", "1.06.03", "1.06.04", "1.06.05", "1.06.06",
                     "1.06.07"}
    # Coded from the complete list by its name (tests/adapters/test_demo_codes.py).
    sub = SubKegiatan.objects.get(kegiatan__program__renstra__perangkat_daerah=demo_opd,
                                  nama="Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota")
    assert sub.kode == "1.06.07.2.01.0003"
