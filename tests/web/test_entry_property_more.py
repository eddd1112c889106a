"""Property, continued for the other entry paths of a number: the Renja target on the indicator
page and a cell of the Excel workbook. Whatever is typed (any text, any Decimal written any
way, and in the workbook also a real number cell), the path either refuses it, naming the
place, with nothing written, or stores the value typed; afterwards every page of the OPD
answers 200 for every role. (The grids: ``test_entry_property``; the dataset reader:
``tests/adapters/test_dataset_bounds.py``.)"""

from decimal import Decimal, InvalidOperation

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from akuntabel.accounts.models import Peran
from akuntabel.adapters.xlsx.reader import WorkbookError
from akuntabel.adapters.xlsx.workbook import apply_changes, export_workbook, read_workbook
from akuntabel.core.angka import Angka, parse_angka, parse_rentang
from akuntabel.plans.models import Target
from akuntabel.results.models import Realisasi
from tests.builders import make_user
from tests.results.helpers import TAHUN, indikator_of, make_grid_opd, operator_of
from tests.results.test_write_matrix import _edited
from tests.web.opd_pages import failing_pages
from tests.web.test_entry_property import DECIMALS, TEXT, _same_as_stored

pytestmark = pytest.mark.django_db

# A cell holds text (without the control characters no spreadsheet can hold) or a number.
CELL = st.one_of(TEXT.filter(lambda t: not ILLEGAL_CHARACTERS_RE.search(t)),
                 DECIMALS.filter(lambda d: d.is_finite()).map(
                     lambda d: float(d) if abs(d) < Decimal("1e300") else str(d)))


@pytest.fixture
def world():
    opd = make_grid_opd(3)
    client = Client(raise_request_exception=False)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    return opd, client


def _target(world, teks: str) -> None:
    opd, client = world
    ind = indikator_of(opd)[1]
    rows = {t.triwulan: t for t in Target.objects.filter(indikator=ind, jenis="renja",
                                                         tahun=TAHUN)}
    data = {f"versi_{tw}": str(rows[tw].versi if tw in rows else 0) for tw in range(5)}
    data |= {f"nilai_{tw}": (rows[tw].teks if tw in rows else "") for tw in range(5)}
    data |= {"nilai_2": teks, "alasan": "uji"}
    before = {tw: (t.nilai, t.nilai_atas, t.teks) for tw, t in rows.items()}
    response = client.post(reverse("target_edit", args=[ind.pk, TAHUN]), data)
    after = {t.triwulan: (t.nilai, t.nilai_atas, t.teks) for t in Target.objects.filter(
        indikator=ind, jenis="renja", tahun=TAHUN)}
    if response.status_code == 400:
        event("target: refused")
        assert 'aria-invalid="true"' in response.content.decode()
        assert after == before
        return
    assert response.status_code == 302, response.status_code
    event("target: stored")
    if not teks.strip():  # cleared: no row, or the row kept empty (its version goes on)
        assert after.get(2, (None, None, ""))[:2] == (None, None)
        return
    hasil, rentang = parse_angka(teks.strip()), parse_rentang(teks.strip())
    nilai, atas, _teks = after[2]
    if isinstance(hasil, Angka):
        assert _same_as_stored(nilai, hasil.nilai) and atas is None
    elif rentang is not None:
        assert (_same_as_stored(nilai, rentang.bawah), _same_as_stored(atas, rentang.atas)) \
            == (True, True)
    else:  # a label of a qualitative scale, kept as written
        assert nilai is None and atas is None


def _workbook(world, tmp_path, value) -> None:
    opd, _client = world
    ind = indikator_of(opd)[1]
    before = {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)}
    path = tmp_path / "isian.xlsx"
    path.write_bytes(_edited(export_workbook(opd, TAHUN), "Indikator",
                             f"indikator:{ind.pk}", "Realisasi TW II", value).getvalue())
    pratinjau = read_workbook(path, opd)
    if pratinjau.masalah:
        event("workbook: refused in the preview")
        assert all(m.strip() for m in pratinjau.masalah)
        with pytest.raises(WorkbookError):
            apply_changes(pratinjau, operator_of(opd), "uji")
        assert {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)} == before
        return
    apply_changes(pratinjau, operator_of(opd), "uji")
    event("workbook: applied")
    stored = {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)}.get(2)
    if isinstance(value, float):
        typed: Decimal | None = Decimal(repr(value))
    else:
        hasil = parse_angka(value.strip()) if value.strip() else None
        typed = hasil.nilai if isinstance(hasil, Angka) else None
    if typed is None:
        assert stored is None
    else:
        try:
            assert _same_as_stored(stored, typed) or stored == typed.normalize(), (value, stored)
        except InvalidOperation:
            pytest.fail(f"{value!r} stored as {stored!r}")


def test_any_value_typed_into_a_target_or_a_workbook_cell_is_refused_or_stored(world,
                                                                              tmp_path):
    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(target=TEXT, cell=CELL)
    def enter(target, cell):
        _target(world, target)
        _workbook(world, tmp_path, cell)

    enter()
    assert failing_pages(world[0], TAHUN) == []
