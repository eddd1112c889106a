"""The guided onboarding page of an OPD (``plans.mulai``): every step from an empty agency to
a signed Perjanjian Kinerja with its state, and the next one highlighted with its link. Anyone
who may read the OPD sees it; outsiders get 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from akuntabel.accounts.access import get_opd_hak_for_user
from akuntabel.converters import parse_tahun
from akuntabel.plans.models import Renstra
from akuntabel.plans.mulai import langkah_mulai
from akuntabel.plans.services import tahun_kerja


@login_required
def mulai(request: HttpRequest, pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    tahun = parse_tahun(request.GET.get("tahun")) or tahun_kerja(opd, timezone.localdate())
    steps = langkah_mulai(opd, tahun, hak)
    periods = list(Renstra.objects.filter(perangkat_daerah=opd).order_by("tahun_awal")
                   .values_list("tahun_awal", "tahun_akhir"))
    years = sorted({y for awal, akhir in periods for y in range(awal, akhir + 1)} | {tahun})
    return render(request, "plans/mulai.html", {
        "opd": opd, "hak": hak, "tahun": tahun, "years": years, "langkah": steps,
        "selesai": sum(1 for s in steps if s.selesai)})
