"""Early warning page of an OPD-year at a triwulan: the indicators likely to end the year below
Sedang, every indicator's projection with its interval and method, and the backtest of the
method on the OPD's own past years (``results.proyeksi``). Access is checked first."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from akuntabel.accounts.access import get_opd_for_user
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.proyeksi import LEBAR_MIN, batas_sedang
from akuntabel.references.services import skala_for
from akuntabel.results.proyeksi import proyeksi_opd


@login_required
@require_GET
def peringatan_dini(request: HttpRequest, pk: int, tahun: int, triwulan: int) -> HttpResponse:
    opd, _can_edit = get_opd_for_user(request.user, pk)
    if triwulan not in TRIWULAN_ROMAWI:
        raise Http404
    skala = skala_for(opd.pemda, date(tahun, 12, 31))
    hasil = proyeksi_opd(opd, tahun, triwulan, skala)
    return render(request, "results/peringatan_dini.html", {
        "opd": opd, "tahun": tahun, "triwulan": triwulan, "tw": TRIWULAN_ROMAWI[triwulan],
        "tabs": list(TRIWULAN_ROMAWI.items()), "skala": skala, "sedang": batas_sedang(skala),
        "baris": hasil.baris, "rendah": hasil.di_bawah_sedang,
        "akurasi": sorted(hasil.akurasi.items()), "lebar_min": LEBAR_MIN * 100,
    })
