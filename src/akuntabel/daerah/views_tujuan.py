"""The indicators of the tujuan daerah (RPJMD): the RPJMD's page of tujuan indicators with
their targets, realisasi and capaian of a year (/rpjmd/<id>/indikator-tujuan/), the form of an
indicator with its targets (admin pemda), and the form of a year's realisasi with its source
and reason (Bappeda). Every view checks access on its first line (``daerah.access``); writes
go through ``daerah.tujuan``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from akuntabel.audit.services import history_for
from akuntabel.converters import parse_tahun
from akuntabel.daerah import tujuan as layanan
from akuntabel.daerah.access import (
    get_indikator_tujuan_for_user,
    get_rpjmd_tujuan_for_user,
    get_tujuan_daerah_for_user,
)
from akuntabel.plans.models import (
    IndikatorTujuanDaerah,
    RealisasiTujuanDaerah,
    Rpjmd,
    TujuanDaerah,
)


def _tahun(request: HttpRequest, rpjmd: Rpjmd) -> int:
    tahun = parse_tahun(request.GET.get("tahun"))
    if tahun is None:
        tahun = timezone.localdate().year - 1   # the year last reported
    return min(max(tahun, rpjmd.tahun_awal), rpjmd.tahun_akhir)


def _halaman(rpjmd: Rpjmd, tahun: int | None = None, anchor: str = "") -> str:
    url = reverse("rpjmd_tujuan", args=[rpjmd.pk])
    return url + (f"?tahun={tahun}" if tahun else "") + (f"#{anchor}" if anchor else "")


@login_required
@require_http_methods(["GET"])
def rpjmd_tujuan(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd, hak = get_rpjmd_tujuan_for_user(request.user, pk)
    tahun = _tahun(request, rpjmd)
    tahun_list = layanan.tahun_rpjmd(rpjmd)
    baris = layanan.baca_tahun(rpjmd, tahun)
    tujuan = []
    for t in TujuanDaerah.objects.filter(rpjmd=rpjmd).order_by("urutan", "id"):
        rows = []
        for b in baris.get(t.pk, []):
            target = {x.tahun: x for x in b.indikator.target.all()}
            realisasi = {x.tahun: x for x in b.indikator.realisasi.all()}
            rows.append((b, [(th, target.get(th), realisasi.get(th)) for th in tahun_list]))
        tujuan.append((t, rows))
    return render(request, "daerah/tujuan.html", {
        "rpjmd": rpjmd, "pemda": rpjmd.pemda, "hak": hak, "tahun": tahun,
        "tahun_list": tahun_list, "tujuan": tujuan})


def _form_context(rpjmd: Rpjmd, data: Any, indikator: IndikatorTujuanDaerah | None
                  ) -> dict[str, Any]:
    """The typed values (``data``), else the stored ones, of the indicator form."""
    target = {t.tahun: t.teks for t in indikator.target.all()} if indikator else {}
    if data is not None:
        nilai = {k: data.get(k, "") for k in (*layanan.TEKS, "polaritas", "metode_turun",
                                              "kondisi_awal_tahun", "kondisi_awal",
                                              "kondisi_akhir")}
        tahun = [(th, data.get(f"target_{th}", "")) for th in layanan.tahun_rpjmd(rpjmd)]
    else:
        i = indikator
        nilai = {k: getattr(i, k) if i else "" for k in (*layanan.TEKS, "polaritas",
                                                         "metode_turun")}
        nilai.update(kondisi_awal_tahun=(i.kondisi_awal_tahun or "") if i else "",
                     kondisi_awal=i.kondisi_awal_teks if i else "",
                     kondisi_akhir=i.kondisi_akhir_teks if i else "")
        tahun = [(th, target.get(th, "")) for th in layanan.tahun_rpjmd(rpjmd)]
    return {"nilai": nilai, "tahun": tahun}


def _form(request: HttpRequest, tujuan: TujuanDaerah, indikator: IndikatorTujuanDaerah | None,
          errors: dict[str, str] | None = None) -> HttpResponse:
    rpjmd = tujuan.rpjmd
    data = request.POST if errors else None
    return render(request, "daerah/tujuan_form.html", {
        "rpjmd": rpjmd, "tujuan": tujuan, "indikator": indikator, "errors": errors or {},
        "alasan": request.POST.get("alasan", ""),
        "riwayat": list(history_for(indikator)[:20]) if indikator else [],
        **_form_context(rpjmd, data, indikator)}, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def indikator_baru(request: HttpRequest, pk: int) -> HttpResponse:
    tujuan, hak = get_tujuan_daerah_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    if request.method == "POST":
        try:
            i = layanan.simpan_indikator(tujuan, request.POST, user=request.user,
                                         alasan=request.POST.get("alasan", "")[:2000])
        except layanan.TujuanError as err:
            return _form(request, tujuan, None, err.errors)
        messages.success(request, _("Added: %(uraian)s") % {"uraian": i})
        return redirect(_halaman(tujuan.rpjmd, anchor=f"indikator-tujuan-{i.pk}"))
    return _form(request, tujuan, None)


def _versi(raw: str | None) -> int:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else -1


@login_required
@require_http_methods(["GET", "POST"])
def indikator_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    indikator, hak = get_indikator_tujuan_for_user(request.user, pk)
    tujuan = indikator.tujuan_daerah
    if request.method == "POST":
        if not hak.kelola:
            raise PermissionDenied
        try:
            layanan.simpan_indikator(tujuan, request.POST, user=request.user,
                                     indikator=indikator,
                                     versi=_versi(request.POST.get("versi")),
                                     alasan=request.POST.get("alasan", "")[:2000])
        except layanan.TujuanError as err:
            return _form(request, tujuan, indikator, err.errors)
        messages.success(request, _("Saved: %(uraian)s") % {"uraian": indikator})
        return redirect(_halaman(tujuan.rpjmd, anchor=f"indikator-tujuan-{indikator.pk}"))
    if not hak.kelola:
        raise PermissionDenied
    return _form(request, tujuan, indikator)


@login_required
@require_POST
def indikator_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    indikator, hak = get_indikator_tujuan_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    rpjmd, teks = indikator.tujuan_daerah.rpjmd, str(indikator)
    try:
        layanan.hapus_indikator(indikator, user=request.user,
                                alasan=request.POST.get("alasan", "")[:2000])
    except layanan.TujuanError as err:
        for message in err.errors.values():
            messages.error(request, message)
        return redirect(_halaman(rpjmd, anchor=f"indikator-tujuan-{indikator.pk}"))
    messages.success(request, _("Removed: %(uraian)s") % {"uraian": teks})
    return redirect(_halaman(rpjmd))


@login_required
@require_http_methods(["GET", "POST"])
def realisasi(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """A year's realisasi of a tujuan indicator: read by the pemda-wide roles (the LKjIP links
    here), written by Bappeda with its source and, for a change, a reason."""
    indikator, hak = get_indikator_tujuan_for_user(request.user, pk)
    rpjmd = indikator.tujuan_daerah.rpjmd
    if tahun not in layanan.tahun_rpjmd(rpjmd):
        raise Http404
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not hak.isi:
            raise PermissionDenied
        try:
            layanan.simpan_realisasi(indikator, tahun, teks=request.POST.get("teks", ""),
                                     sumber=request.POST.get("sumber", ""),
                                     versi=_versi(request.POST.get("versi")),
                                     user=request.user,
                                     alasan=request.POST.get("alasan", "")[:2000])
        except layanan.TujuanError as err:
            errors = err.errors
        else:
            messages.success(request, _("Realisasi %(tahun)s saved.") % {"tahun": tahun})
            return redirect(_halaman(rpjmd, tahun, f"indikator-tujuan-{indikator.pk}"))
    row = RealisasiTujuanDaerah.objects.filter(indikator=indikator, tahun=tahun).first()
    baris = next(b for b in layanan.baca_tahun(rpjmd, tahun)[indikator.tujuan_daerah_id]
                 if b.indikator.pk == indikator.pk)
    return render(request, "daerah/tujuan_realisasi.html", {
        "rpjmd": rpjmd, "indikator": indikator, "tahun": tahun, "hak": hak, "row": row,
        "baris": baris, "errors": errors, "posted": request.POST if errors else None,
        "riwayat": list(history_for(row)[:20]) if row else [],
    }, status=400 if errors else 200)
