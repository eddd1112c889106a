"""The OPD workbook writes through the services every other way in uses: an imported value
gets a new version and a history row naming it, a value changed since the export is a
conflict (never a revert), a Renja target that had a value needs a reason, and a cell that
cannot be stored is a problem of the preview."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from akuntabel.adapters.xlsx.reader import WorkbookError
from akuntabel.adapters.xlsx.workbook import (
    HEADER_ROW,
    VERSI_SHEET,
    apply_changes,
    export_workbook,
    read_workbook,
)
from akuntabel.audit.services import history_for
from akuntabel.plans.models import Target
from akuntabel.results.models import Realisasi
from tests.builders import make_target
from tests.results.helpers import (
    TAHUN,
    grid_post,
    indikator_of,
    make_grid_opd,
    operator_of,
    realisasi,
)

pytestmark = pytest.mark.django_db


def edited(tmp_path, data: bytes, cells: dict, drop: tuple[str, ...] = (), name="opd.xlsx"):
    """The workbook ``data`` with ``cells`` ({(indikator pk, column): value}) typed in the
    Indikator sheet and the sheets ``drop`` removed; its path and the row of each cell."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Indikator"]
    col = {c.value: c.column for c in ws[HEADER_ROW] if c.value}
    rows = {ws.cell(row=r, column=1).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    where = {}
    for (pk, kolom), value in cells.items():
        r = rows[f"indikator:{pk}"]
        ws.cell(row=r, column=col[kolom], value=value)
        where[(pk, kolom)] = r
    for sheet in drop:
        del wb[sheet]
    path = tmp_path / name
    wb.save(path)
    return path, where


def grid_save(opd, data):
    client = Client()
    client.force_login(operator_of(opd))
    return client.post(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]), data)


def test_an_imported_realisasi_gets_a_new_version_and_is_in_its_own_history(tmp_path):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    stored = realisasi(ind, 2, "10")
    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), {(ind.pk, "Realisasi TW II"): 12})
    apply_changes(read_workbook(path), operator_of(opd), "uji")
    stored.refresh_from_db()
    assert (stored.nilai, stored.versi) == (Decimal(12), 2)
    assert [(p.kolom, p.baru) for p in history_for(stored)] == [("nilai", "12 orang")]


def test_an_old_workbook_does_not_revert_a_newer_grid_save_it_names_the_conflict(tmp_path):
    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    realisasi(a, 2, "10")
    realisasi(b, 2, "20")
    data = export_workbook(opd, TAHUN)            # exported at versi 1
    grid_save(opd, grid_post(opd, {a.pk: "15", b.pk: "25"}))   # then saved in the grid
    # In the old workbook a is typed over (a conflict), b is left as exported (no change).
    path, where = edited(tmp_path, data, {(a.pk, "Realisasi TW II"): 12})
    pratinjau = read_workbook(path)
    assert pratinjau.masalah == []
    assert pratinjau.perubahan == []
    [k] = pratinjau.konflik
    assert (k.sheet, k.baris, k.kolom, k.di_berkas, k.sekarang) == (
        "Indikator", where[(a.pk, "Realisasi TW II")], "Realisasi TW II", "12 orang",
        "15 orang")
    assert k.oleh and k.pada is not None
    apply_changes(pratinjau, operator_of(opd), "uji")
    assert Realisasi.objects.get(indikator=a, triwulan=2).nilai == 15
    assert Realisasi.objects.get(indikator=b, triwulan=2).nilai == 25


def test_the_rest_of_a_workbook_with_a_conflict_is_applied(tmp_path):
    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    realisasi(a, 2, "10")
    data = export_workbook(opd, TAHUN)
    grid_save(opd, grid_post(opd, {a.pk: "15"}))
    path, _ = edited(tmp_path, data, {(a.pk, "Realisasi TW II"): 12,
                                      (b.pk, "Realisasi TW II"): 7})
    pratinjau = read_workbook(path)
    assert [k.kolom for k in pratinjau.konflik] == ["Realisasi TW II"]
    assert [(c.objek, c.baru) for c in pratinjau.perubahan] == [(b.uraian, "7 orang")]
    assert apply_changes(pratinjau, operator_of(opd), "uji") == 1
    assert Realisasi.objects.get(indikator=a, triwulan=2).nilai == 15
    assert Realisasi.objects.get(indikator=b, triwulan=2).nilai == 7


def test_a_grid_opened_before_an_import_is_refused_as_stale(tmp_path):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    realisasi(ind, 2, "10")
    page = grid_post(opd, {ind.pk: "20"})          # the grid as opened (versi 1)
    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), {(ind.pk, "Realisasi TW II"): 12})
    apply_changes(read_workbook(path), operator_of(opd), "uji")
    body = grid_save(opd, page).content.decode()
    assert "setelah Anda membuka halaman ini; nilai Anda belum disimpan" in body
    assert "Tersimpan sekarang: 12" in body
    assert Realisasi.objects.get(indikator=ind, triwulan=2).nilai == 12


def test_a_changed_workbook_cell_applied_after_a_later_grid_save_is_refused_whole(tmp_path):
    """The preview was clean; the grid saved the same value before the apply: nothing of the
    workbook is written, and the message names the cell."""
    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    realisasi(a, 2, "10")
    path, where = edited(tmp_path, export_workbook(opd, TAHUN),
                         {(a.pk, "Realisasi TW II"): 12, (b.pk, "Realisasi TW II"): 7})
    pratinjau = read_workbook(path)
    assert pratinjau.konflik == [] and len(pratinjau.perubahan) == 2
    grid_save(opd, grid_post(opd, {a.pk: "15"}))
    with pytest.raises(WorkbookError) as refused:
        apply_changes(pratinjau, operator_of(opd), "uji")
    assert f"baris {where[(a.pk, 'Realisasi TW II')]}, kolom Realisasi TW II" in \
        refused.value.pesan
    assert Realisasi.objects.get(indikator=a, triwulan=2).nilai == 15
    assert not Realisasi.objects.filter(indikator=b).exists()


def test_a_renja_target_that_had_a_value_needs_a_reason(tmp_path):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    target = Target.objects.get(indikator=ind, jenis="renja", tahun=TAHUN, triwulan=0)
    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), {(ind.pk, "Target 2023"): 120})
    pratinjau = read_workbook(path)
    assert pratinjau.perlu_alasan
    with pytest.raises(WorkbookError, match="alasan"):
        apply_changes(pratinjau, operator_of(opd), "uji")
    target.refresh_from_db()
    assert (target.nilai, target.versi) == (Decimal(100), 1)
    apply_changes(pratinjau, operator_of(opd), "uji", alasan="Renja perubahan")
    target.refresh_from_db()
    assert (target.nilai, target.versi) == (Decimal(120), 2)
    assert {p.alasan for p in history_for(target)} == {"Renja perubahan"}


def test_a_new_renja_target_needs_no_reason(tmp_path):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), {(ind.pk, "Target TW I"): 25})
    pratinjau = read_workbook(path)
    assert not pratinjau.perlu_alasan
    apply_changes(pratinjau, operator_of(opd), "uji")
    target = Target.objects.get(indikator=ind, jenis="renja", tahun=TAHUN, triwulan=1)
    assert (target.nilai, target.versi) == (Decimal(25), 1)
    assert [p.kolom for p in history_for(target)] == ["nilai"]


@pytest.mark.parametrize("kolom,value,why", [
    ("Realisasi TW II", "dua", "bukan angka"),
    ("Realisasi 2023", "dua", "bukan angka"),
    ("Target TW I", "dua", "bukan angka"),
    ("Realisasi TW I", 1e308, "terlalu besar"),
    ("Target 2023", 1e16, "terlalu besar"),
    ("Realisasi TW III", "0,12345", "di belakang koma"),
], ids=["a word in a quarter's realisasi cell is a problem",
        "a word in the year's realisasi cell is a problem",
        "a word in a numeric target cell is a problem",
        "1e308 in a realisasi cell is too large",
        "10^16 in a target cell is too large",
        "five decimals in a realisasi cell are too many"])
def test_a_value_that_cannot_be_stored_is_a_problem_of_the_preview(tmp_path, kolom, value, why):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    path, where = edited(tmp_path, export_workbook(opd, TAHUN), {(ind.pk, kolom): value})
    pratinjau = read_workbook(path)
    [masalah] = pratinjau.masalah
    assert f"Lembar Indikator, baris {where[(ind.pk, kolom)]}, kolom {kolom}" in masalah
    assert why in masalah
    with pytest.raises(WorkbookError):
        apply_changes(pratinjau, operator_of(opd), "uji")
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_a_qualitative_target_stays_text(tmp_path):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    make_target(ind, None, teks="WTP", triwulan=1)
    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), {(ind.pk, "Target TW I"): "WDP"})
    pratinjau = read_workbook(path)
    assert pratinjau.masalah == []
    apply_changes(pratinjau, operator_of(opd), "uji", alasan="")
    target = Target.objects.get(indikator=ind, jenis="renja", tahun=TAHUN, triwulan=1)
    assert (target.teks, target.nilai, target.versi) == ("WDP", None, 2)


def test_a_workbook_without_versions_warns_and_applies(tmp_path):
    """An export made before versions were carried (no version sheet, no export time)."""
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    realisasi(ind, 2, "10")
    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), {(ind.pk, "Realisasi TW II"): 12},
                     drop=(VERSI_SHEET,))
    wb = load_workbook(path)
    meta = wb["_akuntabel"]
    for row in list(meta.iter_rows()):
        if row[0].value == "diekspor":
            meta.delete_rows(row[0].row)
    wb.save(path)
    pratinjau = read_workbook(path)
    assert pratinjau.konflik == [] and len(pratinjau.perubahan) == 1
    assert any("versi" in p for p in pratinjau.peringatan)
    apply_changes(pratinjau, operator_of(opd), "uji")
    stored = Realisasi.objects.get(indikator=ind, triwulan=2)
    assert (stored.nilai, stored.versi) == (Decimal(12), 2)


def test_without_versions_a_value_changed_after_the_export_time_is_a_conflict(tmp_path):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    realisasi(ind, 2, "10")
    data = export_workbook(opd, TAHUN)
    Realisasi.objects.filter(indikator=ind).update(
        nilai=15, teks="15", versi=2, updated_at=timezone.now() + timezone.timedelta(minutes=1))
    path, _ = edited(tmp_path, data, {(ind.pk, "Realisasi TW II"): 12}, drop=(VERSI_SHEET,))
    pratinjau = read_workbook(path)
    assert [k.kolom for k in pratinjau.konflik] == ["Realisasi TW II"]
    assert pratinjau.perubahan == []
