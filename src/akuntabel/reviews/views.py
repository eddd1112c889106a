"""The reviu page: findings of an OPD and year, filterable, each explainable with a note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import can_explain_findings, get_opd_for_user
from akuntabel.core.reviu import ATURAN, KELOMPOK
from akuntabel.plans.services import NoRenstra
from akuntabel.reviews.links import links_for
from akuntabel.reviews.lkjip import reviu_lkjip
from akuntabel.reviews.services import UnknownFinding, explain, review


@login_required
def findings(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, _can_edit = get_opd_for_user(request.user, pk)
    # "cetak": the LKjIP as Akuntabel prints it (its drafted text, its quarters' state), the
    # reviu before signature and the evidence of LKE criterion 3.a; else the stored report.
    cetak = request.GET.get("sumber") == "cetak"
    try:
        temuan = reviu_lkjip(opd, tahun) if cetak else review(opd, tahun)
    except NoRenstra:
        raise Http404 from None
    tingkat = request.GET.get("tingkat", "")
    kelompok = request.GET.get("kelompok", "")
    status = request.GET.get("status", "")
    shown = [t for t in temuan
             if (not tingkat or t.finding.tingkat == tingkat)
             and (not kelompok or ATURAN[t.finding.code].kelompok == kelompok)
             and (not status or t.explained == (status == "dijelaskan"))]
    counts = {k: sum(1 for t in temuan if t.finding.tingkat == k)
              for k in ("error", "warning", "info")}
    links = links_for([t.finding for t in shown], opd, tahun)
    return render(request, "reviews/findings.html", {
        "opd": opd, "tahun": tahun, "temuan": list(zip(shown, links, strict=True)),
        "total": len(temuan), "counts": counts,
        "aturan": ATURAN, "kelompok": KELOMPOK, "filters": {"tingkat": tingkat,
                                                           "kelompok": kelompok,
                                                           "status": status},
        "can_explain": can_explain_findings(request.user, opd), "cetak": cetak,
    })


@login_required
@require_POST
def explain_finding(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, _can_edit = get_opd_for_user(request.user, pk)
    if not can_explain_findings(request.user, opd):
        raise PermissionDenied
    try:
        explain(opd, tahun, request.POST.get("sidik_jari", ""), request.POST.get("catatan", ""),
                request.user)
    except (ValueError, UnknownFinding) as exc:
        messages.error(request, str(exc))
    except NoRenstra:
        raise Http404 from None
    else:
        messages.success(request, _("The finding is marked as explained."))
    kembali = redirect("reviu", pk=opd.pk, tahun=tahun)
    if request.POST.get("sumber") == "cetak":
        kembali["Location"] += "?sumber=cetak"
    return kembali
