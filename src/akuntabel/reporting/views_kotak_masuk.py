"""The verifikator's inbox of the pemda. The view checks access on its first line: a
pemda-wide role there (verifikator, reviewer, admin pemda); anyone else gets a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from akuntabel.accounts.access import get_pemda_for_user
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reporting.kotak_masuk import Antrian, menunggu
from akuntabel.reports.tembolok import data_per_opd


def _int(teks: str | None) -> int | None:
    try:
        return int(teks or "")
    except ValueError:
        return None


def _per_opd(rows: list[Antrian], pks: list[int]) -> dict[int, list[Antrian]]:
    hasil: dict[int, list[Antrian]] = {pk: [] for pk in pks}
    for a in rows:
        hasil[a.opd.pk].append(a)
    return hasil


@login_required
@require_GET
def kotak_masuk(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    pemda, _is_admin = get_pemda_for_user(request.user, pk)
    triwulan = _int(request.GET.get("triwulan"))
    triwulan = triwulan if triwulan in TRIWULAN_ROMAWI else None
    opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama")
                .values_list("pk", "nama"))
    opd_pk = _int(request.GET.get("opd"))
    opd_pk = opd_pk if opd_pk in {p for p, _n in opds} else None
    # Each OPD's waiting quarters by its own data revision (every status change and value is a
    # write that advances it): after a write in one OPD only that OPD is computed again.
    per_opd = data_per_opd(pemda, tahun, "kotak-masuk", [opd_pk] if opd_pk else
                           [p for p, _n in opds], lambda kurang: _per_opd(
                               menunggu(pemda, tahun, triwulan, opd_pks=kurang), kurang),
                           triwulan)
    rows = sorted((a for antrian in per_opd.values() for a in antrian),
                  key=lambda a: a.diajukan_pada)  # oldest submission first
    return render(request, "reporting/kotak_masuk.html", {
        "pemda": pemda, "tahun": tahun, "rows": rows,
        "triwulan": triwulan, "opd_pk": opd_pk, "opds": opds,
        "romawi": TRIWULAN_ROMAWI,
    })
