"""The user's own choice of how the reporting calendar's notices arrive."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from akuntabel.accounts.models import PreferensiNotifikasi


@login_required
@require_http_methods(["GET", "POST"])
def notifikasi(request: HttpRequest) -> HttpResponse:
    pref = PreferensiNotifikasi.objects.filter(user=request.user).first()
    if request.method == "POST":
        ringkasan = request.POST.get("cara") == "ringkasan"
        PreferensiNotifikasi.objects.update_or_create(
            user=request.user, defaults={"ringkasan_harian": ringkasan})
        messages.success(request, _("Your choice was saved."))
        return redirect("akun_notifikasi")
    return render(request, "reporting/akun_notifikasi.html", {
        "ringkasan": bool(pref and pref.ringkasan_harian),
    })
