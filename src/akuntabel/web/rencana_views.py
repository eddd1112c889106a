"""The plan workbook in the browser: the Renstra/Renja template of an OPD, filled with its
current plan (``adapters.xlsx.rencana.write_rencana``, as ``akuntabel export --out FILE.xlsx``
without a year). A filled one is uploaded on the Excel page, recognised by its sheets and
previewed there (``web.excel_views``, ``plans.rencana_import``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from akuntabel.accounts.access import get_opd_hak_for_user
from akuntabel.adapters.xlsx.rencana import write_rencana
from akuntabel.plans.rencana_import import renstra_terakhir

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def rencana_templat(request: HttpRequest, pk: int) -> HttpResponse:
    opd, _hak = get_opd_hak_for_user(request.user, pk)
    response = HttpResponse(write_rencana(opd, renstra_terakhir(opd)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="rencana-{opd.kode}.xlsx"'
    return response
