"""The pemda's LKjIP (/pemda/<id>/lkjip/<tahun>/): the page with the documents and the
finals, the document in each format (HTML is the preview), making and publishing a final
(admin pemda) and downloading a final, its hash checked first (a published one by anyone).
The pemda-wide roles read; access is checked on each view's first line (``daerah.access``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from akuntabel.common.waktu import format_waktu
from akuntabel.daerah import lkjip_final
from akuntabel.daerah.access import get_pemda_iku_for_user
from akuntabel.daerah.lkjip import JENIS, NoRpjmd, build_lkjip_pemda, filename
from akuntabel.daerah.models import LaporanFinalPemda
from akuntabel.reports.final import CatatanDiperlukan, FinalTidakBerubah
from akuntabel.reports.services import FORMATS, renderer
from akuntabel.reports.tanda_tangan import KunciTidakAda, alasan_tidak_ditandatangani
from akuntabel.reports.tembolok import dokumen_pemda

CSP_HTML = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'")


def _finals(pemda_pk: int, tahun: int) -> list[LaporanFinalPemda]:
    return list(LaporanFinalPemda.objects.filter(pemda=pemda_pk, tahun=tahun, dokumen=JENIS)
                .select_related("dibuat_oleh").defer("isi", "data")
                .order_by("-created_at", "-pk"))


@login_required
@require_GET
def lkjip(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    pemda, hak = get_pemda_iku_for_user(request.user, pk)
    masalah = lkjip_final.masalah_terbuka(pemda, tahun)
    return render(request, "daerah/lkjip.html", {
        "pemda": pemda, "hak": hak, "tahun": tahun, "formats": tuple(FORMATS),
        "finals": _finals(pemda.pk, tahun), "masalah": masalah,
        "belum": [(m.tempat, m.pesan) for m in masalah if m.jenis == "iku"],
        **lkjip_final.final_kedaluwarsa(pemda, tahun),
    })


@login_required
@require_GET
def lkjip_dokumen(request: HttpRequest, pk: int, tahun: int, fmt: str) -> HttpResponse:
    pemda, _hak = get_pemda_iku_for_user(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    try:  # cached by the data revisions of the pemda and its OPD (reports.tembolok)
        out = dokumen_pemda(pemda, tahun, "lkjip-pemda", fmt,
                            lambda: renderer(fmt)(build_lkjip_pemda(pemda, tahun)))
    except NoRpjmd as err:
        raise Http404(str(err)) from None
    response = HttpResponse(out.encode("utf-8") if isinstance(out, str) else out,
                            content_type=FORMATS[fmt][1])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(pemda, tahun, fmt)}"'
    if fmt == "html":   # the standalone report carries its own styles and images
        response["Content-Security-Policy"] = CSP_HTML
    return response


@login_required
@require_POST
def lkjip_final_buat(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    pemda, hak = get_pemda_iku_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    url = reverse("daerah:lkjip", args=[pemda.pk, tahun]) + "#laporan-final"
    try:
        made = lkjip_final.make_final(pemda, tahun, request.user,
                                      catatan=request.POST.get("catatan", "")[:4000])
    except (NoRpjmd, CatatanDiperlukan) as err:
        messages.error(request, str(err))
        return redirect(url)
    except FinalTidakBerubah as err:
        messages.info(request, str(err))
        return redirect(url)
    except KunciTidakAda as err:   # no key, or the TSA set did not answer
        messages.error(request, alasan_tidak_ditandatangani(err))
        return redirect(url)
    messages.success(request, _("The final LKjIP is made: %(files)s.") % {
        "files": "; ".join(f"{f.format.upper()} SHA-256 {f.sha256}" for f in made)})
    return redirect(url)


@login_required
@require_POST
def lkjip_final_publikasi(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or withdraw a final: the one who may make it (the admin pemda)."""
    final = (LaporanFinalPemda.objects.select_related("pemda").defer("isi", "data")
             .filter(pk=pk).first())
    if final is None:
        raise Http404
    _pemda, hak = get_pemda_iku_for_user(request.user, final.pemda_id)
    if not hak.kelola:
        raise PermissionDenied
    publish = request.POST.get("dipublikasikan") == "1"
    if lkjip_final.set_publikasi(final, publish, request.user):
        waktu = {"waktu": format_waktu(final.created_at)}
        messages.success(request, _("The final LKjIP of %(waktu)s is published.") % waktu
                         if publish else
                         _("The final LKjIP of %(waktu)s is no longer published.") % waktu)
    return redirect(reverse("daerah:lkjip", args=[final.pemda_id, final.tahun])
                    + "#laporan-final")


@require_GET
def lkjip_final_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    """A final's stored bytes, served while they still have their hash: a published one to
    anyone (the public portal links it), an unpublished one to the pemda's readers only."""
    final = LaporanFinalPemda.objects.select_related("pemda").filter(pk=pk).first()
    if final is None:
        raise Http404
    if not final.dipublikasikan:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        get_pemda_iku_for_user(request.user, final.pemda_id)
    if not lkjip_final.is_intact(final):
        return render(request, "daerah/lkjip_final_rusak.html", {"final": final}, status=409)
    response = HttpResponse(bytes(final.isi), content_type=FORMATS[final.format][1])
    response["Content-Disposition"] = (f'attachment; filename="'
                                       f'{lkjip_final.filename_of(final)}"')
    response["X-Content-SHA256"] = final.sha256
    response["Cache-Control"] = "no-cache" if final.dipublikasikan else "private, no-cache"
    return response
