"""Importing a budget sheet as a budgeting system exports it, into an OPD's DPA of a year."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from akuntabel.adapters.xlsx.budget_import import apply_budget, read_budget_sheet
from akuntabel.adapters.xlsx.reader import WorkbookError
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaLine, DpaSubKegiatan
from akuntabel.budget.services import build_budget_tree
from akuntabel.cli import main

pytestmark = pytest.mark.django_db

ROWS = [
    ("LAPORAN REALISASI ANGGARAN 2024", None, None, None),
    (None, None, None, None),
    ("Uraian", "Kode Rekening", "Realisasi", "Anggaran"),  # columns in an odd order
    ("PROGRAM PEMBERDAYAAN SOSIAL", "1.06.02", "12.000.000", 15_000_000),
    ("Pengumpulan Sumbangan dalam Daerah Kabupaten/Kota", "1.06.02.2.02", 12_000_000,
     15_000_000),
    ("Koordinasi dan Sinkronisasi Penyelenggaraan Undian", "1.06.02.2.02.0003", 12_000_000,
     15_000_000),
    ("Belanja Operasi", "5.1", 12_000_000, 15_000_000),
    ("Belanja Barang dan Jasa", "5.1.02", 12_000_000, 15_000_000),
    ("Belanja Barang Pakai Habis", "5.1.02.01.01", 12_000_000, 15_000_000),
    ("Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", "5.1.02.01.01.0024",
     "7.000.000", "10.000.000"),
    ("Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover", "5.1.02.01.01.0025",
     5_000_000, 4_000_000),  # printed parents say 15.000.000: a mismatch to report
    (None, None, None, None),
    ("JUMLAH", None, 12_000_000, 15_000_000),
]


def sheet(tmp_path, rows=ROWS):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "anggaran.xlsx"
    wb.save(path)
    return path


def test_a_budget_sheet_is_previewed_then_written_as_the_dpa_of_the_year(tmp_path, demo_opd):
    p = read_budget_sheet(sheet(tmp_path), demo_opd, 2024)
    assert p.masalah == []
    assert p.jumlah_rekening == 5
    assert any("1.06.02.2.02.0003" in label for label, _old, _new in p.perubahan)
    # The leaves (14.000.000) are not what the parents print (15.000.000): reported, not fixed.
    assert any(x.tercetak == Decimal("15000000") and x.dihitung == Decimal("14000000")
               for x in p.selisih)
    assert not DpaSubKegiatan.objects.filter(dpa__tahun=2024).exists()  # nothing written yet

    apply_budget(p, None, "uji")
    tree = build_budget_tree(demo_opd, 2024)
    assert tree.total.pagu.nilai == Decimal("15000000")
    assert DpaLine.objects.filter(anggaran__dpa__tahun=2024).count() == 5
    assert Perubahan.objects.filter(model="DpaSubKegiatan").count() == 1


def test_an_unreadable_amount_is_named_and_nothing_is_written(tmp_path, demo_opd):
    rows = list(ROWS)
    rows[9] = (rows[9][0], rows[9][1], "12,5,3", rows[9][3])
    p = read_budget_sheet(sheet(tmp_path, rows), demo_opd, 2024)
    assert any("12,5,3" in m and "baris 10" in m for m in p.masalah), p.masalah
    with pytest.raises(WorkbookError):
        apply_budget(p, None, "uji")
    assert not DpaSubKegiatan.objects.filter(dpa__tahun=2024).exists()


def test_an_old_excel_file_is_refused_with_advice(tmp_path, demo_opd):
    path = tmp_path / "anggaran.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(WorkbookError, match=r"simpan ulang sebagai \.xlsx"):
        read_budget_sheet(path, demo_opd, 2024)


def test_the_command_imports_a_budget_sheet(tmp_path, capsys, demo_opd):
    path = sheet(tmp_path)
    assert main(["import", str(path), "--opd", "dinas-sosial", "--tahun", "2024",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "catatan reviu" in out and "5 baris rekening" in out
    assert main(["import", str(path), "--opd", "dinas-sosial", "--tahun", "2024"]) == 0
    assert DpaSubKegiatan.objects.filter(dpa__tahun=2024).count() == 1


def test_urusan_and_bidang_heading_rows_above_the_programs_are_read_as_grouping(tmp_path,
                                                                                demo_opd):
    rows = [ROWS[2], ("URUSAN PEMERINTAHAN WAJIB", "1", 12_000_000, 15_000_000),
            ("URUSAN PEMERINTAHAN BIDANG SOSIAL", "1.06", 12_000_000, 15_000_000), *ROWS[3:]]
    p = read_budget_sheet(sheet(tmp_path, rows), demo_opd, 2024)
    assert p.masalah == []
    assert p.jumlah_rekening == 5


def many_subs(n: int) -> list[tuple]:
    """A sheet of one program, one kegiatan and ``n`` sub kegiatan of three rekening lines."""
    rows = [("Uraian", "Kode", "Anggaran", "Realisasi"),
            ("PROGRAM", "1.06.02", 3_000 * n, 2_000 * n),
            ("Kegiatan", "1.06.02.2.02", 3_000 * n, 2_000 * n)]
    for s in range(1, n + 1):
        rows += [(f"Sub {s}", f"1.06.02.2.02.{s:04d}", 3_000, 2_000),
                 ("Belanja Operasi", "5.1", 3_000, 2_000),
                 ("ATK", "5.1.02.01.01.0024", 1_000, 500),
                 ("Kertas", "5.1.02.01.01.0025", 2_000, 1_500)]
    return rows


def test_the_write_takes_the_same_number_of_queries_at_any_size(
        tmp_path, demo_opd, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from akuntabel.revisi.services import naikkan_opd

    # Each write is measured as its own committed transaction, as in use: the OPD's revision
    # is advanced once per transaction, so inside the test's one transaction only the first
    # write would pay for it. The OPD's revision row is made once, before either.
    with django_capture_on_commit_callbacks(execute=True):
        naikkan_opd(demo_opd)
    counts = []
    for n, tahun in ((2, 2024), (12, 2025)):
        p = read_budget_sheet(sheet(tmp_path, many_subs(n)), demo_opd, tahun)
        assert p.masalah == []
        with (django_capture_on_commit_callbacks(execute=True),
              CaptureQueriesContext(connection) as queries):
            apply_budget(p, None, "uji")
        counts.append(len(queries))
        assert DpaLine.objects.filter(anggaran__dpa__tahun=tahun).count() == 3 * n
    assert counts[0] == counts[1], counts


def test_lines_hang_under_their_parents_and_a_reimport_replaces_them(tmp_path, demo_opd):
    from tests.builders import make_user

    user = make_user("operator_opd", opd=demo_opd)
    p = read_budget_sheet(sheet(tmp_path, many_subs(3)), demo_opd, 2024)
    apply_budget(p, user, "uji")
    lines = DpaLine.objects.filter(anggaran__dpa__tahun=2024)
    for line in lines.filter(kode_rekening__startswith="5.1.02"):
        assert line.induk.kode_rekening == "5.1" and line.induk.anggaran_id == line.anggaran_id
    assert lines.filter(kode_rekening="5.1", induk__isnull=True).count() == 3
    assert Perubahan.objects.filter(model="DpaSubKegiatan", oleh=user).count() == 3

    rows = many_subs(3)
    rows[3] = ("Sub 1", "1.06.02.2.02.0001", 3_000, 2_999)  # one realisasi changed
    rows[5] = ("ATK", "5.1.02.01.01.0024", 1_000, 1_499)
    p = read_budget_sheet(sheet(tmp_path, rows), demo_opd, 2024)
    assert len(p.perubahan) == 1 and p.tidak_berubah == 2
    apply_budget(p, user, "uji lagi")
    assert lines.count() == 9  # replaced, not added
    assert lines.get(kode_rekening="5.1.02.01.01.0024",
                     anggaran__sub_kegiatan__kode="1.06.02.2.02.0001").realisasi == 1_499
    assert Perubahan.objects.filter(model="DpaSubKegiatan", sumber="uji lagi").count() == 1


def test_a_failure_while_writing_leaves_nothing_written(tmp_path, demo_opd, monkeypatch):
    from akuntabel.budget import writes
    from akuntabel.budget.models import AnggaranTercetak
    from akuntabel.plans.models import Kegiatan, SubKegiatan

    p = read_budget_sheet(sheet(tmp_path, many_subs(3)), demo_opd, 2024)
    before = (SubKegiatan.objects.count(), Kegiatan.objects.count(),
              AnggaranTercetak.objects.count(), DpaSubKegiatan.objects.count(),
              DpaLine.objects.count(), Perubahan.objects.count())

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writes, "_write_lines", broken)
    with pytest.raises(RuntimeError):
        apply_budget(p, None, "uji")
    assert (SubKegiatan.objects.count(), Kegiatan.objects.count(),
            AnggaranTercetak.objects.count(), DpaSubKegiatan.objects.count(),
            DpaLine.objects.count(), Perubahan.objects.count()) == before
