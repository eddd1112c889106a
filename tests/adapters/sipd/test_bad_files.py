"""Bad SIPD files never crash and never write: each problem a message naming its place."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook, load_workbook

from akuntabel.adapters.sipd import read_sipd
from akuntabel.adapters.xlsx.reader import MAX_PART, WorkbookError
from akuntabel.budget.models import Dpa
from akuntabel.budget.sipd_apply import SipdRefused, pratinjau_sipd, terapkan_sipd
from akuntabel.plans.models import Renstra
from tests.adapters.sipd.helpers import DISHUB, make_opd_kosong
from tests.adapters.sipd.lra_factory import buat_lra
from tests.adapters.xlsx.test_zip_bomb import make_bomb

pytestmark = pytest.mark.django_db


def _spoil_lra(tmp_path, kode, kolom, nilai):
    lra = buat_lra(tmp_path / "lra.xlsx", bulan=3)
    wb = load_workbook(lra.path)
    ws = wb["Rekap Belanja"]
    row = next(r for (_s, k), r in lra.baris.items() if k.startswith(kode))
    ws.cell(row, kolom, nilai)
    wb.save(lra.path)
    return lra.path, row


def _nothing_written(path, opd):
    p = pratinjau_sipd(read_sipd(path), opd, 2026)
    assert p.masalah
    with pytest.raises(SipdRefused):
        terapkan_sipd(p, None, "uji")
    assert not Renstra.objects.filter(perangkat_daerah=opd).exists()
    assert not Dpa.objects.filter(perangkat_daerah=opd).exists()
    return p.masalah


def test_text_that_is_no_number_in_an_amount_is_named_and_nothing_is_written(tmp_path):
    path, row = _spoil_lra(tmp_path, "2.16.01.2.01.0001/5.1.02.02.002.", 6, "dua juta")
    masalah = _nothing_written(path, make_opd_kosong())
    assert len(masalah) == 1
    assert masalah[0].startswith(f"Lembar 'Rekap Belanja', baris {row}, kolom F (Operasi "
                                 "Anggaran): ")
    assert "dua juta" in masalah[0]


def test_a_code_in_no_known_format_is_named(tmp_path):
    path, row = _spoil_lra(tmp_path, "2.16.01.2.01.0001", 3, "2.16.01.2.01.1")
    masalah = _nothing_written(path, make_opd_kosong())
    assert masalah[0].startswith(f"Lembar 'Rekap Belanja', baris {row}, kolom C (Kode): "
                                 "'2.16.01.2.01.1'")


@pytest.mark.parametrize(("nilai", "kata"), [
    pytest.param("1e308", "1E+308", id="1e308 as a JSON number"),
    pytest.param("NaN", "NaN", id="NaN"),
    pytest.param('"1.0.0,5"', "1.0.0,5", id="text that is no number"),
    pytest.param("0.001", "0.001", id="a thousandth of a Rupiah"),
])
def test_a_json_amount_that_cannot_be_stored_is_named(tmp_path, nilai, kata):
    data = json.loads(DISHUB.read_text(encoding="utf-8"))
    teks = json.dumps(data).replace('"PAGU": 666000', f'"PAGU": {nilai}', 1)
    path = tmp_path / "dishub.json"
    path.write_text(teks, encoding="utf-8")
    masalah = _nothing_written(path, make_opd_kosong())
    assert len(masalah) == 1
    assert "dishub.json" in masalah[0]
    assert "element 1" in masalah[0] or "elemen 1" in masalah[0] or kata in masalah[0]


def test_broken_json_is_a_message(tmp_path):
    path = tmp_path / "rusak.json"
    path.write_text('[{"KODE SUB UNIT": ', encoding="utf-8")
    berkas = read_sipd(path)
    assert berkas.masalah and "rusak.json" in berkas.masalah[0]


def test_an_empty_workbook_is_no_sipd_file_and_an_empty_sheet_beside_an_lra_is_noted(tmp_path):
    wb = Workbook()
    wb.save(tmp_path / "kosong.xlsx")
    assert read_sipd(tmp_path / "kosong.xlsx") is None
    lra = buat_lra(tmp_path / "lra.xlsx", bulan=3)
    wb = load_workbook(lra.path)
    wb.create_sheet("Lembar kosong")
    wb.save(lra.path)
    berkas = read_sipd(lra.path)
    assert berkas.masalah == [] and any("Lembar kosong" in c for c in berkas.catatan)


def test_an_lra_with_a_header_and_no_rows_is_a_message(tmp_path):
    lra = buat_lra(tmp_path / "lra.xlsx", bulan=3)
    wb = load_workbook(lra.path)
    ws = wb["Rekap Belanja"]
    ws.delete_rows(10, ws.max_row)
    wb.save(lra.path)
    berkas = read_sipd(lra.path)
    assert len(berkas.masalah) == 1 and "Rekap Belanja" in berkas.masalah[0]


def test_a_zip_bomb_is_refused_by_the_upload_bounds(tmp_path):
    path = make_bomb(tmp_path / "bom.xlsx", sheet_xml=b"", extra_parts=1,
                     part_size=MAX_PART + 1)
    with pytest.raises(WorkbookError):
        read_sipd(path)
