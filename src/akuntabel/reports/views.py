"""Report downloads: the LKjIP and the Perjanjian Kinerja in every format, and an HTML preview."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from akuntabel.accounts.access import get_opd_for_user
from akuntabel.plans.services import NoRenstra
from akuntabel.reports.pk import NoPerjanjianKinerja
from akuntabel.reports.services import DOKUMEN, FORMATS, build_context, render


@login_required
def download(request: HttpRequest, pk: int, tahun: int, dokumen: str, fmt: str) -> HttpResponse:
    opd, _can_edit = get_opd_for_user(request.user, pk)
    if dokumen not in DOKUMEN or fmt not in FORMATS:
        raise Http404
    try:
        dok = build_context(opd, tahun, dokumen)
    except (NoRenstra, NoPerjanjianKinerja):
        raise Http404 from None
    rendered = render(dok, fmt, opd)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rendered.filename}"'
    if fmt == "html":
        # The standalone report carries its own styles and images; nothing else may load.
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'")
    return response
