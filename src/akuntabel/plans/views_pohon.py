"""The performance tree (pohon kinerja) of an OPD for a year: the page with the tree drawn on
the server and the orphans and dead ends listed beside it, and the tree as an SVG file and as
a PDF (WeasyPrint, as the reports). A cycle in the tree is refused with its nodes named."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from akuntabel.accounts.access import Hak, get_opd_hak_for_user
from akuntabel.core.pohon import SiklusPohon
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Renstra
from akuntabel.plans.pohon import NodePohon, Pohon, build_pohon
from akuntabel.plans.pohon_svg import render_pohon_svg
from akuntabel.plans.services import NoRenstra, renstra_for

# The largest side of a PDF page (14 400 pt, PDF's own limit) in CSS pixels, with a margin.
PDF_MAKS_PX = 19000


def _anchor(node: NodePohon) -> str:
    """The node's anchor on the plan page (``plans.cascade.node_anchor``)."""
    jenis, _, pk = node.kunci.partition("-")
    return f"node-{'rpjmd' if jenis == 'visi' else jenis}-{pk}"


def _read(request: HttpRequest, pk: int, tahun: int
          ) -> tuple[PerangkatDaerah, Hak, Renstra | None, Pohon | None, str]:
    """The OPD, the user's rights, the Renstra of the year, the tree and why it is refused
    ("" when it is not)."""
    opd, hak = get_opd_hak_for_user(request.user, pk)
    try:
        renstra = renstra_for(opd, tahun)
    except NoRenstra:
        return opd, hak, None, None, ""
    try:
        return opd, hak, renstra, build_pohon(opd, renstra, tahun), ""
    except SiklusPohon as err:
        return opd, hak, renstra, None, str(err)


@login_required
def pohon(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak, renstra, tree, siklus = _read(request, pk, tahun)
    ctx: dict[str, object] = {
        "opd": opd, "hak": hak, "tahun": tahun, "renstra": renstra, "pohon": tree,
        "siklus": siklus, "years": list(renstra.tahun) if renstra else [],
        "periods": list(Renstra.objects.filter(perangkat_daerah=opd).order_by("tahun_awal")
                        .values_list("tahun_awal", "tahun_akhir").distinct())}
    if tree is not None:
        plan = reverse("plan", args=[opd.pk, tahun])
        ctx["svg"] = mark_safe(render_pohon_svg(  # built escaped by render_pohon_svg
            tree, link=lambda n: f"{plan}#{_anchor(n)}"))
    return render(request, "plans/pohon_page.html", ctx, status=409 if siklus else 200)


def _tree_or_refuse(request: HttpRequest, pk: int, tahun: int
                    ) -> tuple[PerangkatDaerah, Pohon] | HttpResponse:
    opd, _hak, _renstra, tree, siklus = _read(request, pk, tahun)
    if siklus:
        return HttpResponse(siklus, status=409, content_type="text/plain; charset=utf-8")
    if tree is None:
        raise Http404
    return opd, tree


@login_required
def pohon_svg(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    got = _tree_or_refuse(request, pk, tahun)
    if isinstance(got, HttpResponse):
        return got
    opd, tree = got
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + render_pohon_svg(tree)
    response = HttpResponse(body.encode(), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="pohon-kinerja-{opd.kode}-{tahun}.svg"')
    return response


@login_required
def pohon_pdf(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    got = _tree_or_refuse(request, pk, tahun)
    if isinstance(got, HttpResponse):
        return got
    opd, tree = got
    response = HttpResponse(render_pohon_pdf(tree), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="pohon-kinerja-{opd.kode}-{tahun}.pdf"')
    return response


def render_pohon_pdf(tree: Pohon) -> bytes:
    """The tree on one PDF page of its own size (shrunk to PDF's largest page when bigger),
    to print as it is or fitted to A3/A0. Nothing is fetched: the SVG is inline."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    svg = render_pohon_svg(tree)
    lebar, tinggi = (int(svg.split(f'{side}="', 1)[1].split('"', 1)[0])
                     for side in ("width", "height"))
    skala = min(1.0, PDF_MAKS_PX / lebar, PDF_MAKS_PX / tinggi)
    w, h = int(lebar * skala) + 1, int(tinggi * skala) + 1
    html = (f"<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><style>"
            f"@page {{ size: {w}px {h}px; margin: 0 }} body {{ margin: 0 }} "
            f"svg {{ width: {w - 1}px; height: {h - 1}px; display: block }}</style></head>"
            f"<body>{svg}</body></html>")
    return weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",))
                           ).write_pdf()
