"""The LRA "Rekapitulasi Belanja" in the variations users download (lra_factory), its sums
checked against every parent row and the footer, its cumulative realisasi turned into the
triwulan's."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from openpyxl import load_workbook

from akuntabel.adapters.sipd import read_sipd
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaLine, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.budget.sipd_apply import SipdRefused, pratinjau_sipd, terapkan_sipd
from akuntabel.plans.models import Program, Renstra, SubKegiatan
from akuntabel.reporting.models import PelaporanTriwulan
from tests.adapters.sipd.helpers import make_opd_kosong
from tests.adapters.sipd.lra_factory import buat_lra

pytestmark = pytest.mark.django_db

VARIASI = [
    pytest.param({}, id="amounts as numbers, four groups, one sheet"),
    pytest.param({"teks": True}, id="amounts as Indonesian text"),
    pytest.param({"format_rekening": "2025"}, id="rekening codes in the format up to 2025"),
    pytest.param({"kelompok": ("Operasi", "Modal", "Total")}, id="a Total group"),
    pytest.param({"penutup": "JUMLAH", "geser_penutup": True},
                 id="JUMLAH footer shifted one column right"),
    pytest.param({"penutup": "Total", "kolom_pengguna": True, "baris_pengguna": True},
                 id="Total footer with the user's columns and rows"),
    pytest.param({"lembar": "per_bidang"}, id="a sheet per bidang"),
    pytest.param({"lembar": "skpd_dan_bidang"}, id="the SKPD, then each bidang again"),
    pytest.param({"kode_penuh": True}, id="every row repeats the codes left of its own"),
    pytest.param({"satu_kolom_kode": True}, id="every code in one column"),
]


@pytest.mark.parametrize("variasi", VARIASI)
def test_an_lra_imports_into_an_empty_opd_with_its_totals(tmp_path, variasi):
    lra = buat_lra(tmp_path / "lra.xlsx", bulan=12, **variasi)
    berkas = read_sipd(lra.path)
    assert (berkas.jenis, berkas.masalah, berkas.selisih) == ("lra", [], [])
    assert (berkas.pagu(), berkas.realisasi()) == (lra.total_pagu, lra.total_realisasi)
    opd = make_opd_kosong()
    p = pratinjau_sipd(berkas, opd, 2026)
    assert p.masalah == []
    assert len(p.berubah) == len(lra.sub_kegiatan)
    terapkan_sipd(p, None, "uji lra")
    stored = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).aggregate(
        pagu=Sum("pagu"), realisasi=Sum("realisasi"))
    assert stored == {"pagu": lra.total_pagu, "realisasi": lra.total_realisasi}
    # December with no TW I-III stored: the year's realisasi, no TW IV (it would be the year's).
    assert not RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__dpa__perangkat_daerah=opd).exists()
    assert any("TW IV" in c for c in p.catatan)


def test_every_parent_row_and_the_footer_are_checked(tmp_path):
    lra = buat_lra(tmp_path / "lra.xlsx")
    wb = load_workbook(lra.path)
    ws = wb["Rekap Belanja"]
    row = lra.baris[("Rekap Belanja", "2.16.01.2.01")]
    ws.cell(row, lra.kolom_pagu["Operasi"], ws.cell(row, lra.kolom_pagu["Operasi"]).value + 1)
    wb.save(lra.path)
    berkas = read_sipd(lra.path)
    assert berkas.masalah == []
    tempat = f"Lembar 'Rekap Belanja', baris {row}, kolom F (Operasi Anggaran)"
    kegiatan = [s for s in berkas.selisih if s.startswith(tempat)]
    assert len(kegiatan) == 1 and "Rp 1)" in kegiatan[0]
    program = lra.baris[("Rekap Belanja", "2.16.01")]
    assert any(s.startswith(f"Lembar 'Rekap Belanja', baris {program}, kolom F")
               for s in berkas.selisih)


def _lra(tmp_path, bulan, **kw):
    return buat_lra(tmp_path / f"lra-{bulan}.xlsx", bulan=bulan, **kw)


def _apply(path, opd):
    p = pratinjau_sipd(read_sipd(path), opd, 2026)
    assert p.masalah == []
    terapkan_sipd(p, None, "uji")
    return p


def _tw(opd, triwulan):
    return dict(RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__dpa__perangkat_daerah=opd, triwulan=triwulan)
        .values_list("dpa_sub_kegiatan__sub_kegiatan__kode", "nilai"))


def test_an_lra_to_june_after_one_to_march_gives_tw_ii_as_the_difference(tmp_path):
    maret, juni = _lra(tmp_path, 3), _lra(tmp_path, 6)
    opd = make_opd_kosong()
    _apply(maret.path, opd)
    assert _tw(opd, 1) == {k: r for k, (_p, r) in maret.sub_kegiatan.items()}
    _apply(juni.path, opd)
    assert _tw(opd, 2) == {k: juni.sub_kegiatan[k][1] - maret.sub_kegiatan[k][1]
                           for k in juni.sub_kegiatan}
    assert _tw(opd, 1) == {k: r for k, (_p, r) in maret.sub_kegiatan.items()}
    # The DPA's annual realisasi is the year's, written by December's LRA only.
    assert set(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd)
               .values_list("realisasi", flat=True)) == {None}


def test_an_lra_to_june_without_march_stored_is_refused(tmp_path):
    p = pratinjau_sipd(read_sipd(_lra(tmp_path, 6).path), make_opd_kosong(), 2026)
    assert len(p.masalah) == 1 and "TW I" in p.masalah[0] and "Maret" in p.masalah[0]


def test_an_lra_of_a_month_not_at_a_triwulans_end_writes_the_pagu_only(tmp_path):
    lra = _lra(tmp_path, 5)
    opd = make_opd_kosong()
    p = _apply(lra.path, opd)
    assert any("Mei" in c and "triwulan" in c for c in p.catatan)
    assert not RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__dpa__perangkat_daerah=opd).exists()
    assert DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).aggregate(
        s=Sum("pagu"))["s"] == lra.total_pagu


def test_the_same_lra_twice_changes_nothing(tmp_path):
    lra = _lra(tmp_path, 3)
    opd = make_opd_kosong()
    _apply(lra.path, opd)
    history = Perubahan.objects.filter(perangkat_daerah=opd).count()
    p = pratinjau_sipd(read_sipd(lra.path), opd, 2026)
    assert (p.ada_perubahan, p.tw_berubah) == (False, 0)
    assert terapkan_sipd(p, None, "lagi") == 0
    assert Perubahan.objects.filter(perangkat_daerah=opd).count() == history


def test_a_locked_triwulan_rolls_everything_back(tmp_path):
    """All or nothing: the tree and the DPA are written before the triwulan's realisasi; when
    the triwulan's report is already submitted, none of it stays."""
    opd = make_opd_kosong()
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=2026, triwulan=1,
                                     status="diajukan")
    p = pratinjau_sipd(read_sipd(_lra(tmp_path, 3).path), opd, 2026)
    assert p.masalah == []
    with pytest.raises(SipdRefused):
        terapkan_sipd(p, None, "uji")
    assert not Renstra.objects.filter(perangkat_daerah=opd).exists()
    assert not Program.objects.filter(renstra__perangkat_daerah=opd).exists()
    assert not DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd).exists()
    assert not Perubahan.objects.filter(perangkat_daerah=opd).exists()


def test_the_tree_has_the_official_names_and_the_lines_their_levels(tmp_path):
    lra = _lra(tmp_path, 12, program=1, kegiatan=1, sub=1, rekening=4)
    opd = make_opd_kosong()
    _apply(lra.path, opd)
    sub = SubKegiatan.objects.get(kegiatan__program__renstra__perangkat_daerah=opd,
                                  kode="2.16.01.2.01.0001")
    assert sub.nama != "Sub Kegiatan 2.16.01.2.01.0001"  # the list's name
    assert sub.nama_tercetak == ["Sub Kegiatan 2.16.01.2.01.0001"]
    lines = DpaLine.objects.filter(anggaran__sub_kegiatan=sub).select_related("induk")
    assert [x.kode_rekening for x in lines.filter(induk=None)] == ["5.1.02", "5.2.02"]
    for line in lines.exclude(induk=None):
        assert line.kode_rekening.startswith(line.induk.kode_rekening + ".")
    leaves = [x for x in lines if x.kode_rekening.count(".") == 5]
    assert len(leaves) == 4
    assert sum(x.pagu for x in leaves) == lra.sub_kegiatan["2.16.01.2.01.0001"][0]


def test_a_changed_amount_changes_that_sub_kegiatan_only(tmp_path):
    lra = _lra(tmp_path, 3)
    opd = make_opd_kosong()
    _apply(lra.path, opd)
    wb = load_workbook(lra.path)
    ws = wb["Rekap Belanja"]
    leaf = next(r for (_s, k), r in lra.baris.items()
                if k.startswith("2.16.02.2.01.0002/") and k.count(".") == 10)
    ws.cell(leaf, 6, ws.cell(leaf, 6).value + 1000)
    wb.save(lra.path)
    p = pratinjau_sipd(read_sipd(lra.path), opd, 2026)
    assert p.masalah == [] and p.node_baru == []
    assert [label.split()[0] for label, _l, _b in p.perubahan] == ["2.16.02.2.01.0002"]
    # The leaf's parent no longer adds up (the rows above compare with their printed children).
    assert len(p.catatan) == 1 and "(Operasi Anggaran)" in p.catatan[0]
    assert "selisih -Rp 1.000" in p.catatan[0]
    terapkan_sipd(p, None, "uji")
    anggaran = DpaSubKegiatan.objects.get(dpa__perangkat_daerah=opd,
                                          sub_kegiatan__kode="2.16.02.2.01.0002")
    assert anggaran.pagu == lra.sub_kegiatan["2.16.02.2.01.0002"][0]  # as printed on its row
    assert anggaran.versi == 2


@pytest.mark.parametrize(("judul", "bulan"), [
    pytest.param("Periode s.d. Juni 2026", 6, id="a month name"),
    pytest.param("SAMPAI DENGAN 30 SEPTEMBER 2026", 9, id="a date in capitals"),
    pytest.param("s.d. Triwulan II", 6, id="a triwulan in numerals"),
    pytest.param("Tahun Anggaran 2026", None, id="no month at all"),
])
def test_the_month_is_read_from_the_title(tmp_path, judul, bulan):
    lra = buat_lra(tmp_path / "lra.xlsx", bulan=3)
    wb = load_workbook(lra.path)
    wb["Rekap Belanja"]["A4"] = judul
    wb.save(lra.path)
    assert read_sipd(lra.path).bulan == bulan


def test_amount_titles_with_a_unit_and_a_users_percentage_column(tmp_path):
    lra = buat_lra(tmp_path / "lra.xlsx", bulan=3)
    wb = load_workbook(lra.path)
    ws = wb["Rekap Belanja"]
    for c in range(6, 14, 2):
        ws.cell(8, c, "Anggaran (Rp)")
    ws.cell(6, 16, "Realisasi (%)")  # the user's own column, no group above it
    wb.save(lra.path)
    berkas = read_sipd(lra.path)
    assert berkas.masalah == [] and berkas.pagu() == lra.total_pagu


def test_in_one_code_column_urusan_5_is_an_urusan_and_akun_5_a_rekening(tmp_path):
    lra = buat_lra(tmp_path / "lra.xlsx", bidang=("5.01",), skpd="5.01.5.02.0.00.01.0000",
                   satu_kolom_kode=True)
    wb = load_workbook(lra.path)
    ws = wb["Rekap Belanja"]
    sub = lra.baris[("Rekap Belanja", "5.01.01.2.01.0001")]
    ws.insert_rows(sub + 1)  # an akun row "5 Belanja" under the sub kegiatan
    ws.cell(sub + 1, 1, "5")
    ws.cell(sub + 1, 5, "BELANJA DAERAH")
    for c in range(6, 14):
        ws.cell(sub + 1, c, ws.cell(sub, c).value)
    wb.save(lra.path)
    berkas = read_sipd(lra.path)
    assert berkas.masalah == [] and berkas.pagu() == lra.total_pagu
    node = next(n for n in berkas.unit[0].nodes() if n.kode == "5.01.01.2.01.0001")
    assert [a.kode for a in node.anak] == ["5"]
