"""Renstra perubahan pages: the form that makes a new version of a Renstra (through
``plans.perubahan.buat_perubahan``) and the page that shows what a version changed from the
one it changes, and why. Every view checks access on its first line."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akuntabel.accounts.access import Hak, get_opd_hak_for_user
from akuntabel.plans import perubahan
from akuntabel.plans.models import Renstra
from akuntabel.plans.services import versi_pengganti
from akuntabel.plans.structure import StructureError

STATUS = {"tambah": "added", "hapus": "removed", "ubah": "changed"}


def _renstra_for_user(request: HttpRequest, pk: int) -> tuple[Renstra, Hak]:
    """The Renstra version ``pk`` and the user's rights on its OPD; Http404 when the user may
    not read the OPD or there is no such version."""
    opd_pk = Renstra.objects.filter(pk=pk).values_list("perangkat_daerah_id", flat=True).first()
    if opd_pk is None:
        raise Http404
    _opd, hak = get_opd_hak_for_user(request.user, opd_pk)
    return (Renstra.objects.select_related("perangkat_daerah__pemda", "versi_dari")
            .get(pk=pk), hak)


@login_required
def perbandingan(request: HttpRequest, pk: int) -> HttpResponse:
    """What the version ``pk`` changed from the version it changes, with its basis and reason."""
    renstra, hak = _renstra_for_user(request, pk)
    beda = perubahan.bandingkan(renstra)
    kinds = [(jenis, [b for b in beda if b.jenis == jenis]) for jenis in perubahan.KINDS]
    return render(request, "plans/perubahan_banding.html", {
        "renstra": renstra, "opd": renstra.perangkat_daerah, "hak": hak,
        "tahun": renstra.berlaku_mulai, "beda": beda,
        "kinds": [(jenis, rows) for jenis, rows in kinds if rows],
        "versi": perubahan.versi(renstra)})


def _read_form(data: dict[str, str]) -> tuple[int | None, date | None, dict[str, str]]:
    """The year and the date typed (the date in ISO form, empty allowed), and the messages of
    those not read."""
    errors: dict[str, str] = {}
    teks = data.get("berlaku_mulai", "").strip()
    tahun = int(teks) if teks.isdigit() and len(teks) == 4 else None
    if tahun is None:
        errors["berlaku_mulai"] = _("Choose the year the change is in force from.")
    teks = data.get("tanggal_dasar_hukum", "").strip()
    tanggal = None
    if teks:
        try:
            tanggal = date.fromisoformat(teks)
        except ValueError:
            errors["tanggal_dasar_hukum"] = _(
                "'%(teks)s' is not a date; write it like 2026-11-03.") % {"teks": teks}
    return tahun, tanggal, errors


@login_required
def buat(request: HttpRequest, pk: int) -> HttpResponse:
    """The form of a new version of the Renstra ``pk`` (its latest version), and its save."""
    renstra, hak = _renstra_for_user(request, pk)
    if not hak.ubah:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        tahun, tanggal, errors = _read_form(request.POST)
        if tahun is not None and not errors:
            try:
                baru = perubahan.buat_perubahan(
                    renstra, berlaku_mulai=tahun, dasar_hukum=request.POST.get("dasar_hukum", ""),
                    alasan=request.POST.get("alasan", ""), tanggal_dasar_hukum=tanggal,
                    user=request.user)
            except StructureError as exc:
                errors = exc.errors
            else:
                messages.success(request, _(
                    "The changed Renstra, in force from %(tahun)s, is ready to edit; the "
                    "years before keep the previous version.") % {"tahun": baru.berlaku_mulai})
                return redirect("renstra_editor", baru.pk)
    return render(request, "plans/perubahan_form.html", {
        "renstra": renstra, "opd": renstra.perangkat_daerah, "hak": hak,
        "tahun": renstra.berlaku_mulai, "pilihan": perubahan.pilihan_tahun(renstra),
        "pengganti": versi_pengganti(renstra),
        "errors": errors, "umum": errors.get("__all__", ""),
        "data": request.POST if request.method == "POST" else None,
    }, status=400 if errors else 200)
