"""The OPD workbook round trip: export, fill in Excel, read back with a preview, apply."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from akuntabel.adapters.xlsx.reader import WorkbookError
from akuntabel.adapters.xlsx.workbook import (
    HEADER_ROW,
    apply_changes,
    export_workbook,
    read_workbook,
)
from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import history_for
from akuntabel.budget.models import DpaLine
from akuntabel.cli import main
from akuntabel.plans.models import Indikator, Target
from akuntabel.results.models import Realisasi
from tests.builders import make_opd

pytestmark = pytest.mark.django_db


def exported(tmp_path: Path, opd, name="opd.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(export_workbook(opd, 2023))
    return path


def columns(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[HEADER_ROW] if c.value}


def row_of(ws, key: str) -> int:
    return next(r for r in range(HEADER_ROW + 1, ws.max_row + 1)
                if ws.cell(row=r, column=1).value == key)


def test_an_untouched_export_reads_back_with_zero_changes(tmp_path, demo_opd):
    pratinjau = read_workbook(exported(tmp_path, demo_opd))
    assert pratinjau.masalah == []
    assert pratinjau.perubahan == []
    assert pratinjau.tidak_berubah > 500


def test_figures_are_real_numbers_in_the_workbook(tmp_path, demo_opd):
    wb = load_workbook(exported(tmp_path, demo_opd))
    ws = wb["DPA"]
    values = [c.value for row in ws.iter_rows(min_row=HEADER_ROW + 1) for c in row]
    assert Decimal("2993950") in [Decimal(str(v)) for v in values if isinstance(v, int | float)]


def test_ten_changed_cells_are_previewed_then_applied_and_recorded(tmp_path, demo_opd):
    path = exported(tmp_path, demo_opd)
    wb = load_workbook(path)
    ws = wb["Indikator"]
    col = columns(ws)
    inds = list(Indikator.objects.filter(perangkat_daerah=demo_opd, sub_kegiatan__isnull=False)
                .exclude(uraian="").order_by("urutan")[:3])
    expected = set()
    for n, ind in enumerate(inds):
        r = row_of(ws, f"indikator:{ind.pk}")
        for tw in ("I", "II"):
            ws.cell(row=r, column=col[f"Realisasi TW {tw}"], value=10 + n)
            expected.add((r, f"Realisasi TW {tw}"))
    # Six realisasi added, two targets changed, two DPA amounts changed: ten cells.
    for ind in inds[:2]:
        r = row_of(ws, f"indikator:{ind.pk}")
        ws.cell(row=r, column=col["Target 2023"], value=999)
        expected.add((r, "Target 2023"))
    dpa = wb["DPA"]
    dcol = columns(dpa)
    lines = list(DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=demo_opd,
                                        pagu__isnull=False, realisasi__isnull=False)[:1])
    for line in lines:
        r = row_of(dpa, f"rekening:{line.pk}")
        dpa.cell(row=r, column=dcol["Pagu"], value=float(line.pagu) + 1000)
        dpa.cell(row=r, column=dcol["Realisasi"], value="1.234.567")  # Indonesian text
        expected |= {(r, "Pagu"), (r, "Realisasi")}
    wb.save(path)

    pratinjau = read_workbook(path)
    assert pratinjau.masalah == []
    assert len(expected) == 10
    assert {(c.baris, c.kolom) for c in pratinjau.perubahan} == expected
    assert len(pratinjau.perubahan) == 10

    assert pratinjau.perlu_alasan  # the Renja targets had values
    assert apply_changes(pratinjau, None, "uji", alasan="Renja perubahan") == len(expected)
    realisasi = Realisasi.objects.filter(indikator=inds[0], tahun=2023, triwulan=1).get()
    assert realisasi.nilai == 10
    target = Target.objects.get(indikator=inds[0], jenis="renja", tahun=2023, triwulan=0)
    assert (target.nilai, target.versi) == (999, 2)
    line = DpaLine.objects.get(pk=lines[0].pk)
    assert line.realisasi == Decimal("1234567")
    # Each change is in the history of the object itself (a target: its text and value).
    recorded = Perubahan.objects.filter(perangkat_daerah=demo_opd)
    assert {(p.model, p.kolom) for p in recorded} == {
        ("Realisasi", "nilai"), ("Target", "teks"), ("Target", "nilai"), ("DpaLine", "pagu"),
        ("DpaLine", "realisasi")}
    assert len({(p.model, p.objek_id, p.kolom) for p in recorded}) == 12
    assert [p.kolom for p in history_for(realisasi)] == ["nilai"]
    assert read_workbook(path).perubahan == []  # applied: nothing left to change


def test_a_cell_that_is_not_a_number_is_named_and_nothing_is_written(tmp_path, demo_opd):
    path = exported(tmp_path, demo_opd)
    wb = load_workbook(path)
    ws = wb["Indikator"]
    col = columns(ws)
    ind = Indikator.objects.filter(perangkat_daerah=demo_opd, sub_kegiatan__isnull=False,
                                   satuan="Orang").exclude(uraian="").first()
    r = row_of(ws, f"indikator:{ind.pk}")
    ws.cell(row=r, column=col["Realisasi TW II"], value="12,5,3")
    ws.cell(row=r, column=col["Realisasi TW I"], value=5)
    wb.save(path)
    pratinjau = read_workbook(path)
    assert any(f"baris {r}, kolom Realisasi TW II" in m and "12,5,3" in m
               for m in pratinjau.masalah), pratinjau.masalah
    with pytest.raises(WorkbookError):
        apply_changes(pratinjau, None, "uji")
    assert not Realisasi.objects.filter(indikator=ind, triwulan=1).exists()


def test_a_workbook_of_another_opd_is_refused(tmp_path, demo_opd):
    other = make_opd(pemda=demo_opd.pemda)
    path = tmp_path / "lain.xlsx"
    path.write_bytes(export_workbook(demo_opd, 2023))
    with pytest.raises(WorkbookError, match="milik perangkat daerah"):
        read_workbook(path, opd=other)


def test_a_foreign_workbook_is_refused_clearly(tmp_path, demo_opd):
    from openpyxl import Workbook

    path = tmp_path / "asing.xlsx"
    wb = Workbook()
    wb.active.append(["Kode", "Uraian"])
    wb.save(path)
    with pytest.raises(WorkbookError, match="bukan buku kerja yang diekspor Akuntabel"):
        read_workbook(path)


def test_the_command_previews_then_applies(tmp_path, capsys, demo_opd):
    out = tmp_path / "dinsos.xlsx"
    assert main(["export", "--opd", "dinas-sosial", "--tahun", "2023", "--out", str(out)]) == 0
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    ws = wb["Indikator"]
    ind = Indikator.objects.filter(perangkat_daerah=demo_opd, sub_kegiatan__isnull=False) \
        .exclude(uraian="").first()
    ws.cell(row=row_of(ws, f"indikator:{ind.pk}"), column=columns(ws)["Realisasi TW III"],
            value=7)
    wb.save(out)
    assert main(["import", str(out), "--dry-run"]) == 0
    assert "1 ditambah, 0 diubah" in capsys.readouterr().out
    assert not Realisasi.objects.filter(indikator=ind, triwulan=3).exists()
    assert main(["import", str(out)]) == 0
    assert Realisasi.objects.get(indikator=ind, tahun=2023, triwulan=3).nilai == 7


def test_a_renstra_target_changed_in_the_renstra_sheet_is_applied(tmp_path, demo_opd):
    path = exported(tmp_path, demo_opd)
    wb = load_workbook(path)
    ws = wb["Renstra"]
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")
    r = row_of(ws, f"indikator:{iku.pk}")
    assert ws.cell(row=r, column=columns(ws)["Target 2024"]).value == 94.6
    ws.cell(row=r, column=columns(ws)["Target 2024"], value=95)
    wb.save(path)
    pratinjau = read_workbook(path)
    assert [(c.sheet, c.kolom, c.lama, c.baru) for c in pratinjau.perubahan] == [
        ("Renstra", "Target 2024", "94,6%", "95%")]
    apply_changes(pratinjau, None, "uji")
    assert Target.objects.get(indikator=iku, jenis="renstra", tahun=2024).nilai == 95
