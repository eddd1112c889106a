"""The workflow's locks hold whatever the way in: a workbook read by the CLI or the web cannot
change a submitted triwulan's realisasi nor the targets of a year with a signed PK, and a lock
that arrives between preview and apply stops the write."""

import pytest
from openpyxl import load_workbook

from akuntabel.adapters.xlsx.reader import WorkbookError
from akuntabel.adapters.xlsx.workbook import apply_changes, read_workbook
from akuntabel.plans.models import Indikator, PerjanjianKinerja
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.adapters.xlsx.test_workbook import columns, exported, row_of

pytestmark = pytest.mark.django_db


def _changed(tmp_path, opd, kolom, value):
    path = exported(tmp_path, opd)
    wb = load_workbook(path)
    ws = wb["Indikator"]
    ind = (Indikator.objects.filter(perangkat_daerah=opd, sub_kegiatan__isnull=False)
           .exclude(uraian="").order_by("urutan").first())
    ws.cell(row=row_of(ws, f"indikator:{ind.pk}"), column=columns(ws)[kolom], value=7)
    wb.save(path)
    return path, ind


def _lock(opd, triwulan):
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=2023, triwulan=triwulan,
                                     status=PelaporanTriwulan.Status.DIAJUKAN)


def test_a_submitted_triwulan_is_named_as_a_problem(tmp_path, demo_opd):
    _lock(demo_opd, 2)
    path, _ind = _changed(tmp_path, demo_opd, "Realisasi TW II", 7)
    masalah = read_workbook(path).masalah
    assert len(masalah) == 1 and "Realisasi TW II" in masalah[0] and "terkunci" in masalah[0]


def test_a_signed_pk_locks_the_targets_of_its_year(tmp_path, demo_opd):
    PerjanjianKinerja.objects.filter(perangkat_daerah=demo_opd, tahun=2023).update(
        status=PerjanjianKinerja.Status.DITANDATANGANI)
    path, _ind = _changed(tmp_path, demo_opd, "Target 2023", 7)
    assert any("PK Perubahan" in m for m in read_workbook(path).masalah)


def test_a_lock_arriving_after_the_preview_stops_the_write(tmp_path, demo_opd):
    path, ind = _changed(tmp_path, demo_opd, "Realisasi TW III", 7)
    pratinjau = read_workbook(path)
    assert pratinjau.masalah == []
    _lock(demo_opd, 3)
    with pytest.raises(WorkbookError, match="terkunci"):
        apply_changes(pratinjau, None, "uji")
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()
