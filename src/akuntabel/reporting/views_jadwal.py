"""The pemda's deadlines page (the admin pemda sets them) and its late list. Every view checks
access on its first line: a pemda-wide role there (verifikator, reviewer, admin pemda);
anyone else gets a 404."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from akuntabel.accounts.access import get_pemda_for_user
from akuntabel.core.jadwal import DOKUMEN, Dokumen
from akuntabel.reporting.jadwal import batas_pemda, daftar_terlambat, simpan_batas
from akuntabel.reporting.notifikasi import tanpa_email

MAX_DASAR = 300


def _read(post: dict, batas: dict) -> tuple[dict[Dokumen, tuple[date | None, str]], list[str]]:
    """The deadlines typed in, or the errors naming each bad field."""
    nilai: dict[Dokumen, tuple[date | None, str]] = {}
    errors = []
    for dokumen in DOKUMEN:
        teks = post.get(f"batas-{dokumen.value}", "").strip()
        dasar = post.get(f"dasar-{dokumen.value}", "").strip()
        label = batas[dokumen].label
        if len(dasar) > MAX_DASAR:
            errors.append(_("%(dokumen)s: the legal basis is longer than %(n)s characters.")
                          % {"dokumen": label, "n": MAX_DASAR})
        if not teks:
            nilai[dokumen] = (None, "")
            continue
        try:
            nilai[dokumen] = (date.fromisoformat(teks), dasar)
        except ValueError:
            errors.append(_("%(dokumen)s: '%(teks)s' is not a date (YYYY-MM-DD).")
                          % {"dokumen": label, "teks": teks})
            continue
        if not dasar:
            errors.append(_("%(dokumen)s: name the regulation that sets this date (Perkada, "
                            "circular).") % {"dokumen": label})
    return nilai, errors


@login_required
@require_http_methods(["GET", "POST"])
def jadwal(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    pemda, is_admin = get_pemda_for_user(request.user, pk)
    batas = batas_pemda(pemda, tahun)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied
        nilai, errors = _read(request.POST, batas)
        if errors:
            for e in errors:
                messages.error(request, e)
            messages.error(request, _("Nothing was saved."))
        else:
            n = simpan_batas(pemda, tahun, nilai, request.user)
            messages.success(request, _("Deadlines saved: %(n)s changed.") % {"n": n})
            return redirect("jadwal_pemda", pemda.pk, tahun)
    return render(request, "reporting/jadwal.html", {
        "pemda": pemda, "tahun": tahun, "is_admin": is_admin, "batas": list(batas.values()),
        "posted": request.POST if request.method == "POST" else None,
        "tanpa_email": tanpa_email(pemda) if is_admin else [],
    })


@login_required
@require_GET
def terlambat(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    pemda, _is_admin = get_pemda_for_user(request.user, pk)
    today = timezone.localdate()
    return render(request, "reporting/terlambat.html", {
        "pemda": pemda, "tahun": tahun, "today": today,
        "rows": daftar_terlambat(pemda, tahun, today),
    })
