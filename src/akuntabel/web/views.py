"""The web application's pages. Each view checks access on its first line."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from akuntabel.accounts.access import get_opd_for_user, visible_opd
from akuntabel.budget.models import Dpa
from akuntabel.budget.services import ROOT, build_budget_tree
from akuntabel.plans.models import Indikator
from akuntabel.references.services import skala_for
from akuntabel.results.services import compute_capaian_indikator


def home(request: HttpRequest) -> HttpResponse:
    opds = visible_opd(request.user).select_related("pemda").order_by("pemda__nama", "nama")
    return render(request, "web/home.html", {"opds": opds})


@login_required
def opd_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opd, can_edit = get_opd_for_user(request.user, pk)
    years = list(Dpa.objects.filter(perangkat_daerah=opd).order_by("-tahun")
                 .values_list("tahun", flat=True))
    try:
        tahun = int(request.GET.get("tahun", years[0] if years else 0))
    except ValueError:
        tahun = years[0] if years else 0
    tree = build_budget_tree(opd, tahun) if tahun else None
    programs = []
    if tree is not None:
        for key in tree.children(ROOT):
            programs.append((tree.info[key], tree.hasil[key]))
    iku = []
    if tahun:
        skala = skala_for(opd.pemda, date(tahun, 12, 31))
        iku = [compute_capaian_indikator(i, tahun, skala)
               for i in Indikator.objects.filter(perangkat_daerah=opd, iku=True)]
    return render(request, "web/opd_detail.html", {
        "opd": opd, "can_edit": can_edit, "tahun": tahun, "years": years,
        "total": tree.total if tree else None, "programs": programs, "iku": iku,
    })
