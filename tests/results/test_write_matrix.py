"""Two ways in write the same value, each from what it read before the other wrote: the first
write stands, the second is refused or shown as a conflict naming the value, in either order.
Nothing is lost silently.

Realisasi of an indicator (TW II): the grid, the Excel workbook and the Django admin.
Budget realisasi of a sub kegiatan (TW II): the budget grid and the Django admin (the OPD
workbook does not carry it). Annual DPA amounts: the Excel workbook and the admin, where the
admin writes first, and the other order (DPA rows carry a version that every write bumps).
"""

from __future__ import annotations

import html
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from akuntabel.adapters.xlsx.workbook import (
    HEADER_ROW,
    apply_changes,
    export_workbook,
    read_workbook,
)
from akuntabel.budget.models import DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.results.models import Realisasi
from tests.audit.test_admin_history import _form_data, _url
from tests.budget.test_realisasi_anggaran_grid import dpa_opd, post_data, subs_of
from tests.budget.test_realisasi_anggaran_grid import url as budget_url
from tests.results.helpers import (
    TAHUN,
    grid_post,
    indikator_of,
    make_grid_opd,
    operator_of,
    realisasi,
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _admin() -> Client:
    return _client(User.objects.create_superuser(f"super{User.objects.count()}",
                                                 password="sandi-uji-yang-panjang"))


def _admin_read(obj):
    client = _admin()
    return client, _form_data(client.get(_url(obj)).context["adminform"].form)


def _admin_write(state, obj, **typed) -> str:
    client, data = state
    response = client.post(_url(obj), {**data, **typed})
    return html.unescape(response.content.decode()) if response.status_code == 200 else ""


def _edited(data: bytes, sheet: str, key: str, kolom: str, value) -> io.BytesIO:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    col = {c.value: c.column for c in ws[HEADER_ROW] if c.value}
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1)
               if ws.cell(row=r, column=1).value == key)
    ws.cell(row=row, column=col[kolom], value=value)
    out = io.BytesIO()
    wb.save(out)
    return out


def _excel_write(tmp_path, opd, data, sheet, key, kolom, value) -> str:
    """Apply the workbook with one cell typed; what it says of conflicts (empty: none)."""
    path = tmp_path / f"{len(list(tmp_path.iterdir()))}.xlsx"
    path.write_bytes(_edited(data, sheet, key, kolom, value).getvalue())
    pratinjau = read_workbook(path, opd)
    apply_changes(pratinjau, operator_of(opd), "uji")
    return " ".join(f"{k.sheet} baris {k.baris} {k.kolom}: berkas {k.di_berkas}, "
                    f"tersimpan {k.sekarang}" for k in pratinjau.konflik)


# -- realisasi of an indicator ---------------------------------------------------------------

class RealisasiWriters:
    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.opd = make_grid_opd(2)
        self.ind = indikator_of(self.opd)[1]
        self.stored = realisasi(self.ind, 2, "10")

    def read(self, way: str):
        if way == "grid":
            return grid_post(self.opd, {})
        if way == "excel":
            return export_workbook(self.opd, TAHUN)
        return _admin_read(self.stored)

    def write(self, way: str, state, value: int) -> str:
        if way == "grid":
            response = _client(operator_of(self.opd)).post(
                reverse("realisasi_grid", args=[self.opd.pk, TAHUN, 2]),
                {**state, f"nilai-{self.ind.pk}": str(value)})
            return html.unescape(response.content.decode())
        if way == "excel":
            return _excel_write(self.tmp_path, self.opd, state, "Indikator",
                                f"indikator:{self.ind.pk}", "Realisasi TW II", value)
        return _admin_write(state, self.stored, nilai=str(value), teks=str(value))

    def now(self) -> Decimal:
        return Realisasi.objects.get(pk=self.stored.pk).nilai


CONFLICT_NAMED = {
    "grid": lambda w: f"Realisasi '{w.ind}' sudah diubah oleh",
    "excel": lambda w: "Indikator baris",
    "admin": lambda w: "setelah Anda membukanya",
}
WAYS = ("grid", "excel", "admin")


@pytest.mark.parametrize("first,second", [(a, b) for a in WAYS for b in WAYS],
                         ids=[f"{a} writes, then {b} opened before it" for a in WAYS
                              for b in WAYS])
def test_a_realisasi_written_by_one_way_is_not_lost_to_another(tmp_path, first, second):
    w = RealisasiWriters(tmp_path)
    before_first, before_second = w.read(first), w.read(second)
    assert CONFLICT_NAMED[first](w) not in w.write(first, before_first, 11)
    assert w.now() == 11
    said = w.write(second, before_second, 12)
    assert w.now() == 11                      # the first write stands
    assert CONFLICT_NAMED[second](w) in said  # and the second is told, naming the value
    if second == "excel":
        assert "berkas 12 orang, tersimpan 11 orang" in said


# -- budget realisasi of a sub kegiatan -------------------------------------------------------

class AnggaranWriters:
    def __init__(self):
        self.opd = dpa_opd(1)
        self.sub = subs_of(self.opd)[0]
        self.stored = RealisasiAnggaranTriwulan.objects.create(
            dpa_sub_kegiatan=self.sub, triwulan=2, nilai=Decimal(100))

    def read(self, way: str):
        if way == "grid":
            return post_data(self.opd, {})
        return _admin_read(self.stored)

    def write(self, way: str, state, value: int) -> str:
        if way == "grid":
            response = _client(operator_of(self.opd)).post(
                budget_url(self.opd), {**state, f"nilai-{self.sub.pk}": str(value)})
            return html.unescape(response.content.decode())
        return _admin_write(state, self.stored, nilai=str(value))

    def now(self) -> Decimal:
        return RealisasiAnggaranTriwulan.objects.get(pk=self.stored.pk).nilai


ANGGARAN_NAMED = {"grid": "sudah diubah oleh", "admin": "setelah Anda membukanya"}


@pytest.mark.parametrize("first,second", [(a, b) for a in ANGGARAN_NAMED
                                          for b in ANGGARAN_NAMED],
                         ids=[f"{a} writes, then {b} opened before it" for a in ANGGARAN_NAMED
                              for b in ANGGARAN_NAMED])
def test_a_budget_realisasi_written_by_one_way_is_not_lost_to_another(first, second):
    w = AnggaranWriters()
    before_first, before_second = w.read(first), w.read(second)
    w.write(first, before_first, 110)
    assert w.now() == 110
    said = w.write(second, before_second, 120)
    assert w.now() == 110
    assert ANGGARAN_NAMED[second] in said


# -- annual DPA amounts -------------------------------------------------------------------------

@pytest.mark.parametrize("first", ["excel", "admin"],
                         ids=["a workbook applied, then an older workbook",
                              "the admin writes, then a workbook exported before it"])
def test_a_dpa_amount_changed_since_the_export_is_a_conflict_of_the_workbook(tmp_path, first):
    opd = dpa_opd(1)
    sub = subs_of(opd)[0]
    key = f"anggaran:{sub.pk}"
    older = export_workbook(opd, TAHUN)
    if first == "excel":
        assert _excel_write(tmp_path, opd, export_workbook(opd, TAHUN), "DPA", key, "Pagu",
                            16_000_000) == ""
    else:
        _admin_write(_admin_read(sub), sub, pagu="16000000")
    assert DpaSubKegiatan.objects.get(pk=sub.pk).pagu == 16_000_000
    said = _excel_write(tmp_path, opd, older, "DPA", key, "Pagu", 17_000_000)
    assert DpaSubKegiatan.objects.get(pk=sub.pk).pagu == 16_000_000
    assert "DPA baris" in said and "tersimpan Rp 16.000.000" in said


def test_an_admin_form_opened_before_a_workbook_applied_does_not_overwrite_its_dpa_amount(
        tmp_path):
    """The other order: the admin opens a DPA row, a workbook changes its pagu, the admin
    saves the form it opened before. DPA rows carry a version now, which the workbook's write
    bumps, so the admin is told and nothing is lost."""
    opd = dpa_opd(1)
    sub = subs_of(opd)[0]
    opened = _admin_read(sub)
    assert _excel_write(tmp_path, opd, export_workbook(opd, TAHUN), "DPA",
                        f"anggaran:{sub.pk}", "Pagu", 16_000_000) == ""
    said = _admin_write(opened, sub, pagu="17000000")
    assert DpaSubKegiatan.objects.get(pk=sub.pk).pagu == 16_000_000
    assert CONFLICT_NAMED["admin"](None) in said
