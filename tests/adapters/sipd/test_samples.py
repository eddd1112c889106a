"""Every real SIPD export in samples/ imports into an empty OPD with the file's own totals."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest
from django.db.models import Sum

from akuntabel.adapters.sipd import read_sipd
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaLine, DpaSubKegiatan
from akuntabel.budget.sipd_apply import pratinjau_sipd, terapkan_sipd
from akuntabel.plans.models import Program, SubKegiatan
from tests.adapters.sipd.helpers import DISHUB, MENTAH, REKAP, make_edisi_900, make_opd_kosong

pytestmark = pytest.mark.django_db


def _import(path, opd, unit=""):
    berkas = read_sipd(path)
    p = pratinjau_sipd(berkas, opd, 2026, unit)
    assert p.masalah == []
    terapkan_sipd(p, None, f"uji {path.name}")
    return p


def _stored(opd):
    return DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=2026).aggregate(
        pagu=Sum("pagu"), realisasi=Sum("realisasi"))


def test_the_dishub_api_json_imports_with_its_pagu_and_realisasi():
    opd = make_opd_kosong(nama="Dinas Perhubungan")
    p = _import(DISHUB, opd)
    assert p.berkas.jenis == "api"
    assert _stored(opd) == {"pagu": Decimal("3246116451"), "realisasi": Decimal("1544180227")}
    assert SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=opd).count() == 9
    assert DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd).count() == 39
    assert Perubahan.objects.filter(perangkat_daerah=opd, model="DpaSubKegiatan").count() == 9


def test_a_reimport_of_the_same_file_changes_nothing():
    opd = make_opd_kosong()
    _import(DISHUB, opd)
    versi = sorted(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd)
                   .values_list("pk", "versi"))
    lines = sorted(DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd)
                   .values_list("pk", flat=True))
    history = Perubahan.objects.filter(perangkat_daerah=opd).count()
    p = pratinjau_sipd(read_sipd(DISHUB), opd, 2026)
    assert (p.ada_perubahan, p.tidak_berubah, p.node_baru) == (False, 9, [])
    assert terapkan_sipd(p, None, "uji lagi") == 0
    assert sorted(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd)
                  .values_list("pk", "versi")) == versi
    assert sorted(DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd)
                  .values_list("pk", flat=True)) == lines
    assert Perubahan.objects.filter(perangkat_daerah=opd).count() == history


def test_the_file_is_recognised_by_its_content_not_its_name(tmp_path):
    renamed = tmp_path / "anggaran.xlsx"
    shutil.copy(DISHUB, renamed)
    assert read_sipd(renamed).jenis == "api"


def test_official_names_come_from_the_code_list_the_exports_text_kept_where_it_differs():
    opd = make_opd_kosong()
    _import(DISHUB, opd)
    program = Program.objects.get(renstra__perangkat_daerah=opd, kode="2.15.02")
    assert program.nama == "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)"
    subs = SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=opd)
    assert all(s.nama for s in subs)
    # The support programme of the Dinas, stored under the bidang the export names.
    assert Program.objects.get(renstra__perangkat_daerah=opd, kode="1.01.01").nama == \
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"


def test_the_raw_api_json_every_unit_imports_and_they_add_up_to_its_own_sum():
    berkas = read_sipd(MENTAH)
    data = json.loads(MENTAH.read_text(encoding="utf-8"))
    assert berkas.jenis == "mentah" and len(berkas.unit) == 66
    edisi = make_edisi_900()
    stored = Decimal(0)
    for unit in berkas.unit:
        opd = make_opd_kosong(edisi)
        p = pratinjau_sipd(berkas, opd, 2026, unit.kode)
        assert p.masalah == [], unit.kode
        terapkan_sipd(p, None, "uji mentah")
        assert (_stored(opd)["pagu"] or 0) == unit.total(), unit.kode
        stored += _stored(opd)["pagu"] or 0
    assert stored == sum(Decimal(r["pagu"]) for r in data) == Decimal("887046653833")


def test_a_file_of_several_units_asks_which_one():
    opd = make_opd_kosong()
    p = pratinjau_sipd(read_sipd(MENTAH), opd, 2026)
    assert len(p.units) == 66
    assert len(p.masalah) == 1 and "66" in p.masalah[0]
    p = pratinjau_sipd(read_sipd(MENTAH), opd, 2026, "dinas perhubungan")
    assert p.masalah == [] and p.unit.nama == "Dinas Perhubungan"
    p = pratinjau_sipd(read_sipd(MENTAH), opd, 2026, p.unit.kode)
    assert p.masalah == [] and p.unit.nama == "Dinas Perhubungan"


def test_the_rekap_units_add_up_to_its_total_and_every_unit_imports_with_its_own():
    berkas = read_sipd(REKAP)
    assert (berkas.jenis, berkas.masalah, len(berkas.unit)) == ("rekap", [], 66)
    assert berkas.pagu() == Decimal("877198093733.68")
    edisi = make_edisi_900()
    stored = Decimal(0)
    for unit in berkas.unit:
        opd = make_opd_kosong(edisi, nama=unit.nama[:200])
        p = pratinjau_sipd(berkas, opd, 2026, unit.kode)
        assert p.masalah == [], unit.kode
        terapkan_sipd(p, None, "uji rekap")
        stored += _stored(opd)["pagu"] or 0
        assert (_stored(opd)["pagu"] or 0) == unit.total(), unit.kode
    assert stored == Decimal("877198093733.68")


def test_a_rekap_unit_keeps_its_pakets_as_lines_and_a_reimport_changes_nothing():
    berkas = read_sipd(REKAP)
    unit = berkas.pilih_unit("1.01.2.22.0.00.01.0000")[0]
    opd = make_opd_kosong()
    p = pratinjau_sipd(berkas, opd, 2026, unit.kode)
    terapkan_sipd(p, None, "uji")
    pakets = DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd, kode_rekening="")
    assert pakets.exists() and all(x.induk_id for x in pakets)
    assert _stored(opd)["pagu"] == Decimal("268421976455")
    history = Perubahan.objects.filter(perangkat_daerah=opd).count()
    p = pratinjau_sipd(read_sipd(REKAP), opd, 2026, unit.kode)
    assert not p.ada_perubahan and p.tidak_berubah > 250
    assert p.perubahan == [] and p.node_baru == []
    assert Perubahan.objects.filter(perangkat_daerah=opd).count() == history


def test_a_renstra_that_overlaps_the_new_frame_is_a_problem_in_the_preview():
    from tests.builders import make_renstra

    opd = make_opd_kosong()
    make_renstra(opd, tahun_awal=2021, tahun_akhir=2025)
    p = pratinjau_sipd(read_sipd(DISHUB), opd, 2026)
    assert len(p.masalah) == 1 and "2021–2025" in p.masalah[0]
