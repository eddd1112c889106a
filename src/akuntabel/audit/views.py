"""The change history as pages: one OPD's, one object's, and a whole pemda's, searchable and
paginated, with a fixed number of queries whatever the number of changes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akuntabel.accounts.access import (
    get_opd_hak_for_user,
    get_pemda_for_user,
    visible_opd,
    visible_pemda,
)
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import Dpa
from akuntabel.converters import parse_tahun
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah

PER_HALAMAN = 50

# The kinds of object the history holds, as a person names them; others show as stored.
JENIS = {
    "target": gettext_lazy("Target"),
    "realisasi": gettext_lazy("Realisation"),
    "Target": gettext_lazy("Target"),
    "Realisasi": gettext_lazy("Realisation"),
    "DpaLine": gettext_lazy("Budget line"),
    "DpaSubKegiatan": gettext_lazy("Sub-activity budget"),
    "Narasi": gettext_lazy("Narrative"),
    "PelaporanTriwulan": gettext_lazy("Quarterly report status"),
    "PerjanjianKinerja": gettext_lazy("Performance agreement"),
    "Membership": gettext_lazy("Role"),
    "Pejabat": gettext_lazy("Official"),
    "PerangkatDaerah": gettext_lazy("Agency"),
}


def _tanggal(teks: str) -> date | None:
    """A date typed as 2026-11-29 (the date picker) or 29-11-2026; None when unreadable."""
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(teks.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _search(request: HttpRequest, rows: QuerySet[Perubahan]) -> tuple[QuerySet[Perubahan], dict,
                                                                       list[str]]:
    """Apply the search form; return the rows, the form's values and messages about it."""
    get = request.GET
    f = {k: get.get(k, "").strip()[:200] for k in ("q", "jenis", "oleh", "dari", "sampai", "opd")}
    pesan = []
    if f["q"]:
        rows = rows.filter(Q(objek__icontains=f["q"]) | Q(kolom__icontains=f["q"])
                           | Q(lama__icontains=f["q"]) | Q(baru__icontains=f["q"])
                           | Q(alasan__icontains=f["q"]) | Q(sumber__icontains=f["q"]))
    if f["jenis"]:
        rows = rows.filter(model=f["jenis"])
    if f["oleh"]:
        rows = rows.filter(Q(oleh__username__icontains=f["oleh"])
                           | Q(oleh_nama__icontains=f["oleh"])
                           | Q(oleh__first_name__icontains=f["oleh"])
                           | Q(oleh__last_name__icontains=f["oleh"]))
    tz = timezone.get_current_timezone()
    for key, label in (("dari", _("From")), ("sampai", _("Until"))):
        if not f[key]:
            continue
        hari = _tanggal(f[key])
        if hari is None:
            pesan.append(_("%(kolom)s: '%(teks)s' is not a date (use dd-mm-yyyy).")
                         % {"kolom": label, "teks": f[key]})
            f[key] = ""
            continue
        f[key] = hari.isoformat()
        if key == "dari":
            rows = rows.filter(created_at__gte=datetime.combine(hari, time.min, tz))
        else:
            rows = rows.filter(created_at__lt=datetime.combine(hari + timedelta(days=1),
                                                               time.min, tz))
    if f["opd"].isdigit():
        rows = rows.filter(perangkat_daerah_id=int(f["opd"]))
    else:
        f["opd"] = ""
    return rows, f, pesan


def _page(request: HttpRequest, rows: QuerySet[Perubahan]):
    rows = rows.select_related("oleh", "perangkat_daerah", "pemda").order_by("-created_at", "-id")
    page = Paginator(rows, PER_HALAMAN).get_page(request.GET.get("halaman"))
    page.object_list = list(page.object_list)
    for r in page.object_list:
        r.jenis_label = JENIS.get(r.model, r.model)
    page.jumlah = format_angka(Decimal(page.paginator.count))
    return page


def _jenis_choices(rows: QuerySet[Perubahan]) -> list[tuple[str, str]]:
    kinds = rows.order_by().values_list("model", flat=True).distinct()
    return sorted(((k, str(JENIS.get(k, k))) for k in kinds), key=lambda x: x[1])


def _tahun(request: HttpRequest, opd: PerangkatDaerah) -> int:
    """The year the section nav links to: ?tahun=, else the newest DPA, else this year."""
    tahun = parse_tahun(request.GET.get("tahun"))
    if tahun is not None:
        return tahun
    newest = (Dpa.objects.filter(perangkat_daerah=opd).order_by("-tahun")
              .values_list("tahun", flat=True).first())
    return newest or timezone.localdate().year


@login_required
def riwayat_opd(request: HttpRequest, pk: int) -> HttpResponse:
    opd, _hak = get_opd_hak_for_user(request.user, pk)
    base = Perubahan.objects.filter(perangkat_daerah=opd)
    rows, f, pesan = _search(request, base)
    return render(request, "audit/riwayat.html", {
        "opd": opd, "tahun": _tahun(request, opd), "page": _page(request, rows), "f": f,
        "pesan": pesan, "jenis_choices": _jenis_choices(base),
        "section": "riwayat", "lingkup": "opd",
    })


@login_required
def riwayat_objek(request: HttpRequest, model: str, objek_id: int) -> HttpResponse:
    rows = Perubahan.objects.filter(
        Q(perangkat_daerah__in=visible_opd(request.user))
        | Q(perangkat_daerah__isnull=True, pemda__in=visible_pemda(request.user)),
        model=model, objek_id=objek_id)
    page = _page(request, rows)
    if not page.object_list:
        raise Http404
    first = page.object_list[0]
    return render(request, "audit/riwayat.html", {
        "page": page, "f": {}, "pesan": [], "lingkup": "objek",
        "objek": first.objek, "objek_jenis": JENIS.get(model, model),
        "opd_objek": first.perangkat_daerah,
    })


@login_required
def riwayat_pemda(request: HttpRequest, pk: int) -> HttpResponse:
    pemda, is_admin = get_pemda_for_user(request.user, pk)
    base = Perubahan.objects.filter(Q(perangkat_daerah__pemda=pemda) | Q(pemda=pemda))
    rows, f, pesan = _search(request, base)
    return render(request, "audit/riwayat.html", {
        "pemda": pemda, "page": _page(request, rows), "f": f, "pesan": pesan,
        "jenis_choices": _jenis_choices(base), "lingkup": "pemda",
        "opds": PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"),
        "section": "riwayat", "is_admin": is_admin,
    })
