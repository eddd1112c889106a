"""End to end through the database: malformed budget sheets (blanks, text in number cells,
duplicate codes, broken hierarchy, huge numbers, formulas, dates) never crash the import with
anything but a WorkbookError, and a sheet with any problem writes nothing."""

import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from akuntabel.adapters.xlsx.budget_import import apply_budget, read_budget_sheet
from akuntabel.adapters.xlsx.reader import WorkbookError
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import AnggaranTercetak, Dpa, DpaLine, DpaSubKegiatan
from akuntabel.plans.models import Kegiatan, Program, SubKegiatan

pytestmark = pytest.mark.django_db

TABLES = (Program, Kegiatan, SubKegiatan, Dpa, DpaSubKegiatan, DpaLine, AnggaranTercetak,
          Perubahan)

BASE = [
    ["Kode", "Uraian", "Anggaran", "Realisasi"],
    ["1.06.02", "PROGRAM PEMBERDAYAAN SOSIAL", 3_000, 2_500],
    ["1.06.02.2.02", "Pengumpulan Sumbangan", 3_000, 2_500],
    ["1.06.02.2.02.0003", "Koordinasi Undian", 2_000, 1_500],
    ["5.1", "Belanja Operasi", 2_000, 1_500],
    ["5.1.02.01.01.0024", "ATK", 1_000, 700],
    [None, "Kertas HVS", 1_000, 800],
    ["1.06.02.2.02.0004", "Pengawasan Undian", 1_000, 1_000],
    ["5.2.02", "Belanja Modal Peralatan", 1_000, 1_000],
    [None, "Jumlah", 3_000, 2_500],
]

CELL = st.one_of(
    st.none(),
    st.just(""),
    st.just("  "),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),  # writable
    st.sampled_from(["12,5,3", "1.234,5", "Rp 1.250.000,00", "-", "n/a", "Jumlah", "Total",
                     "1.06.02", "1.06.02.2.02", "1.06.02.2.02.0003", "1.06.02.2.02.0003",
                     "5.1", "5.1.02.01.01.0024", "4.1.01", "6.1", "X.XX.01", "1.06",
                     "1.06.0.00.0.00.01.0000.1.06.02", "=SUM(C2:C4)", "=A1", "#REF!",
                     "dalam ribuan", "Uraian", "Anggaran"]),
    st.integers(min_value=-(10**21), max_value=10**21),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
)

MUTATION = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 40), st.integers(0, 5), CELL),
    st.tuples(st.just("duplicate"), st.integers(0, 40), st.integers(0, 40)),
    st.tuples(st.just("delete"), st.integers(0, 40)),
    st.tuples(st.just("blank"), st.integers(0, 40)),
    st.tuples(st.just("swap"), st.integers(0, 40), st.integers(0, 40)),
)


def mutate(mutations: list[tuple]) -> list[list]:
    rows = [list(r) for r in BASE]
    for m in mutations:
        n = len(rows)
        if n == 0:
            rows.append([])
            continue
        if m[0] == "set":
            row = rows[m[1] % n]
            row.extend([None] * (m[2] + 1 - len(row)))
            row[m[2]] = m[3]
        elif m[0] == "duplicate":
            rows.insert(m[2] % (n + 1), list(rows[m[1] % n]))
        elif m[0] == "delete":
            del rows[m[1] % n]
        elif m[0] == "blank":
            rows.insert(m[1] % (n + 1), [])
        else:
            a, b = m[1] % n, m[2] % n
            rows[a], rows[b] = rows[b], rows[a]
    return rows


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in TABLES)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations=st.lists(MUTATION, max_size=8))
def test_a_malformed_sheet_never_crashes_and_a_sheet_with_problems_writes_nothing(
        demo_opd, mutations):
    rows = mutate(mutations)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "anggaran.xlsx"
        wb = Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
        before = counts()
        try:
            p = read_budget_sheet(path, demo_opd, 2024)
        except WorkbookError as exc:
            event("refused while reading")
            assert exc.pesan
            assert counts() == before
            return
        assert counts() == before  # reading writes nothing
        assert all(isinstance(m, str) and m.startswith("Lembar ") for m in p.masalah)
        if p.masalah:
            event("problems: nothing written")
            with pytest.raises(WorkbookError):
                apply_budget(p, None, "uji fuzz")
            assert counts() == before
            return
        event("written")
        apply_budget(p, None, "uji fuzz")
    subs = {b.kode for b in p.baris if b.tingkat == "sub_kegiatan"}
    assert set(DpaSubKegiatan.objects.filter(dpa__tahun=2024, sub_kegiatan__kode__in=subs)
               .values_list("sub_kegiatan__kode", flat=True)) == subs
    written = DpaLine.objects.filter(anggaran__dpa__tahun=2024,
                                     anggaran__sub_kegiatan__kode__in=subs).count()
    expected = sum(1 for b in p.baris if b.tingkat in ("rekening", "uraian")
                   and _under_sub(b, p.baris))
    assert written == expected


def _under_sub(b, baris) -> bool:
    by_nomor = {x.nomor: x for x in baris}
    while b.induk is not None:
        b = by_nomor[b.induk]
        if b.tingkat == "sub_kegiatan":
            return True
    return False
