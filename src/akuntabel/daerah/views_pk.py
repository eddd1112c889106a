"""The kepala daerah's Perjanjian Kinerja (/pemda/<id>/pk/<tahun>/): its versions of the year,
the rows with their targets, the workflow, and the document. Pemda-wide roles read; the admin
pemda writes, through ``daerah.pk``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from akuntabel.daerah import pk as pkd
from akuntabel.daerah.access import get_pemda_iku_for_user
from akuntabel.daerah.models import PkDaerah
from akuntabel.daerah.services import baca_id, perkada_berlaku
from akuntabel.reports.services import FORMATS, renderer

AKSI = ("susun", "ubah", "ajukan", "kembalikan", "tandatangani", "perubahan")
ISIAN = ("kepala_nama", "kepala_jabatan", "kepala_nip", "tanggal")


@login_required
@require_GET
def pk_daerah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    pemda, hak = get_pemda_iku_for_user(request.user, pk)
    versions = list(pkd.pk_tahun(pemda, tahun).select_related("perkada", "ditandatangani_oleh"))
    chosen = baca_id(request.GET.get("versi"))
    shown = next((p for p in versions if p.pk == chosen), None) or \
        (versions[-1] if versions else None)
    return render(request, "daerah/pk_daerah.html", {
        "pemda": pemda, "hak": hak, "tahun": tahun, "versions": versions, "pk": shown,
        "baris": list(shown.baris.all()) if shown else [],
        "berlaku": pkd.pk_berlaku(versions), "perkada": perkada_berlaku(pemda, tahun),
        "terakhir": shown is not None and shown == versions[-1],
        "formats": ("html", "pdf", "docx"),
    })


@login_required
@require_POST
def pk_daerah_aksi(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    pemda, hak = get_pemda_iku_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    aksi = request.POST.get("aksi", "")
    if aksi not in AKSI:
        return HttpResponseBadRequest("aksi")
    url = reverse("pk_daerah", args=[pemda.pk, tahun])
    user, post = request.user, request.POST
    try:
        if aksi == "susun":
            pkd.susun_pk(pemda, tahun, user)
        elif aksi == "perubahan":
            pkd.susun_perubahan(pemda, tahun, user, post.get("alasan", ""))
        else:
            obj = PkDaerah.objects.filter(pemda=pemda, tahun=tahun,
                                          pk=baca_id(post.get("pk"))).first()
            if obj is None:
                raise Http404
            versi = baca_id(post.get("versi")) or 0
            if aksi == "ubah":
                isian = {k: v for k, v in post.items()
                         if k in ISIAN or k.startswith("target_")}
                pkd.ubah_pk(obj, isian, user, post.get("alasan", ""), versi=versi)
            elif aksi == "ajukan":
                pkd.ajukan_pk(obj, user, versi=versi)
            elif aksi == "kembalikan":
                pkd.kembalikan_pk(obj, user, post.get("alasan", ""), versi=versi)
            else:
                pkd.tandatangani_pk(obj, user, alasan=post.get("alasan", ""), versi=versi)
            url += f"?versi={obj.pk}"
    except pkd.PkDaerahError as err:
        for pesan in err.kesalahan:
            messages.error(request, pesan)
        messages.error(request, _("Nothing was saved."))
    else:
        messages.success(request, _("Performance agreement saved."))
    return redirect(url)


@login_required
@require_GET
def pk_daerah_dokumen(request: HttpRequest, pk: int, tahun: int, fmt: str) -> HttpResponse:
    """The document of the PK (``?versi=`` one version, else the one in force, else the
    latest draft), rendered by the report pipeline."""
    pemda, _hak = get_pemda_iku_for_user(request.user, pk)
    if fmt not in ("html", "pdf", "docx"):
        raise Http404
    try:
        dok = pkd.dokumen_pk(pemda, tahun, baca_id(request.GET.get("versi")))
    except pkd.NoPkDaerah as err:
        raise Http404(str(err)) from None
    out = renderer(fmt)(dok)
    content = out.encode("utf-8") if isinstance(out, str) else out
    response = HttpResponse(content, content_type=FORMATS[fmt][1])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = (f'{disposition}; filename="Perjanjian-Kinerja-'
                                       f'{pemda.kode}-{tahun}.{FORMATS[fmt][2]}"')
    if fmt == "html":   # the standalone report carries its own styles and images
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'")
    return response
