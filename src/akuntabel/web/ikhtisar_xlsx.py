"""The pemda dashboard's table as an Excel workbook: the rows the page shows, filtered and
sorted the same, with the figures as numbers (Indonesian-style formats) and a title naming the
pemda, the year, the triwulan and the filters applied. Written with openpyxl, as the other
workbooks (``adapters.xlsx``)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from akuntabel.web.ikhtisar import Baris

FILL = PatternFill("solid", fgColor="DDE6EE")
PERSEN = '#,##0.00'
RUPIAH = '"Rp "#,##0'


class BarisXlsx(Baris, Protocol):
    """A row of the overview as the workbook writes it: what the page sorts and filters on
    (``web.ikhtisar.Baris``) and the figures behind it."""

    @property
    def realisasi(self) -> Decimal | None: ...
    @property
    def pagu(self) -> Decimal | None: ...
    @property
    def terisi(self) -> int: ...
    @property
    def diharapkan(self) -> int: ...
    @property
    def status_teks(self) -> str: ...


def tulis_ikhtisar(judul: str, keterangan: Sequence[str], triwulan_romawi: str,
                   rows: Sequence[BarisXlsx]) -> bytes:
    """The workbook: ``judul`` on the first row, each of ``keterangan`` (filters, order) on
    the next, then the table, one row per agency of ``rows`` in their order."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Overview")[:31]
    ws.append([judul])
    ws["A1"].font = Font(bold=True, size=13)
    for teks in keterangan:
        ws.append([teks])
    ws.append([])
    header = ["No", _("Agency"), _("Average IKU achievement") + " (%)",
              _("Budget absorption (serapan)") + " (%)", _("Budget realisation") + " (Rp)",
              _("Pagu") + " (Rp)", _("Indicators filled") + f" TW {triwulan_romawi}",
              _("Indicators expected"), _("Completeness") + " (%)", _("Rating"),
              _("Report status") + f" TW {triwulan_romawi}"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = Font(bold=True), FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    formats = [None, None, PERSEN, PERSEN, RUPIAH, RUPIAH, "0", "0", PERSEN, None, None]
    for i, r in enumerate(rows, 1):
        ws.append([i, r.nama, r.rata, r.serapan, r.realisasi, r.pagu, r.terisi, r.diharapkan,
                   r.persen_lengkap, r.peringkat or "", r.status_teks])
        for cell, fmt in zip(ws[ws.max_row], formats, strict=True):
            if fmt:
                cell.number_format = fmt
    ws.column_dimensions["B"].width = 45
    for col in "CDEFGHIJK":
        ws.column_dimensions[col].width = 18
    ws.freeze_panes = ws.cell(row=len(keterangan) + 4, column=3)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
