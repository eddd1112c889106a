"""The IKU of the pemda: the Perkada versions and their IKU (/pemda/<id>/iku/), an IKU with
its links, proposals and realisasi (/iku-pemda/<id>/), and the OPD's page to propose a link
(/opd/<id>/iku-pemda/). Every view checks access on its first line (``daerah.access``,
``accounts.access``); writes go through ``daerah.services``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from akuntabel.accounts.access import get_opd_hak_for_user, visible_pemda
from akuntabel.audit.models import Perubahan
from akuntabel.converters import parse_tahun
from akuntabel.daerah import services
from akuntabel.daerah.access import (
    get_iku_for_user,
    get_pemda_iku_for_user,
    get_perkada_for_user,
    get_tautan_for_user,
)
from akuntabel.daerah.models import IkuDaerah, Perkada, TautanIku
from akuntabel.daerah.realisasi import realisasi_iku_many, tahun_berlaku
from akuntabel.daerah.services import baca_id
from akuntabel.organizations.models import Pemda
from akuntabel.plans.models import Indikator, Rpjmd, SasaranDaerah
from akuntabel.results.models import Realisasi


def _tahun(request: HttpRequest) -> int:
    tahun = parse_tahun(request.GET.get("tahun"))
    return tahun if tahun is not None else timezone.localdate().year


def _perkada_shown(pemda: Pemda, tahun: int) -> Perkada | None:
    """The Perkada in force in ``tahun``, else the latest one of the pemda."""
    return (services.perkada_berlaku(pemda, tahun)
            or Perkada.objects.filter(rpjmd__pemda=pemda).select_related("rpjmd")
            .order_by("-rpjmd__tahun_awal", "-berlaku_mulai").first())


def _tahun_berisi(perkada: Perkada, berlaku: list[int], tahun_ini: int) -> int | None:
    """The latest year of ``berlaku`` not after ``tahun_ini`` with a figure of an OPD
    indicator linked (approved) to one of the Perkada's IKU: the page opens on data, not on a
    year that has none yet."""
    return (Realisasi.objects.filter(
        indikator__tautan_iku_daerah__iku__perkada=perkada,
        indikator__tautan_iku_daerah__status=TautanIku.Status.DISETUJUI,
        tahun__in=[t for t in berlaku if t <= tahun_ini])
        .order_by("-tahun").values_list("tahun", flat=True).first())


def _errors(request: HttpRequest, err: services.IkuError) -> None:
    for message in err.errors.values():
        messages.error(request, message)
    messages.error(request, _("Nothing was saved."))


@login_required
@require_GET
def iku_pemda(request: HttpRequest, pk: int) -> HttpResponse:
    pemda, hak = get_pemda_iku_for_user(request.user, pk)
    versions = list(Perkada.objects.filter(rpjmd__pemda=pemda).select_related("rpjmd")
                    .order_by("rpjmd__tahun_awal", "berlaku_mulai"))
    chosen = baca_id(request.GET.get("perkada"))
    perkada = next((p for p in versions if p.pk == chosen), None) or \
        _perkada_shown(pemda, _tahun(request))
    iku = (list(perkada.iku.select_related("sasaran_daerah").prefetch_related(
        "penanggung_jawab", "target", "tautan")) if perkada else [])
    menunggu: dict[int, int] = {}
    for i in iku:   # the links are prefetched
        n = sum(1 for t in i.tautan.all() if t.status == TautanIku.Status.DIUSULKAN)
        if n:
            menunggu[i.pk] = n
    berlaku = tahun_berlaku(perkada) if perkada else []
    tahun = _tahun(request)
    if not request.GET.get("tahun") and perkada:
        tahun = _tahun_berisi(perkada, berlaku, tahun) or tahun
    if berlaku and tahun not in berlaku:
        tahun = min(max(tahun, berlaku[0]), berlaku[-1])
    hasil = ({i: h for (i, _th), h in realisasi_iku_many(iku, [tahun]).items()}
             if iku else {})
    return render(request, "daerah/iku_pemda.html", {
        "pemda": pemda, "hak": hak, "versions": versions, "perkada": perkada,
        "iku": [(i, hasil.get(i.pk)) for i in iku], "hasil": hasil, "tahun": tahun,
        "berlaku": berlaku,
        "rpjmd": Rpjmd.objects.filter(pemda=pemda).order_by("-tahun_awal"),
        "usulan": sum(menunggu.values()), "menunggu": menunggu,
    })


def _tanggal(request: HttpRequest) -> date | None:
    try:
        return date.fromisoformat(request.POST.get("tanggal", "").strip()[:10])
    except ValueError:
        return None


@login_required
@require_POST
def perkada_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    perkada, hak = get_perkada_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    try:
        services.ubah_perkada(perkada, nomor=request.POST.get("nomor", ""),
                              tanggal=_tanggal(request), tentang=request.POST.get("tentang", ""),
                              user=request.user, alasan=request.POST.get("alasan", ""))
    except services.IkuError as err:
        _errors(request, err)
    else:
        messages.success(request, _("Perkada saved."))
    return redirect(f"{reverse('iku_pemda', args=[perkada.rpjmd.pemda_id])}?perkada={perkada.pk}")


@login_required
@require_POST
def perkada_baru(request: HttpRequest, pk: int) -> HttpResponse:
    pemda, hak = get_pemda_iku_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    rpjmd = Rpjmd.objects.filter(pemda=pemda, pk=baca_id(request.POST.get("rpjmd"))).first()
    tanggal = _tanggal(request)
    if rpjmd is None:
        messages.error(request, _("Choose an RPJMD of this pemda."))
        return redirect("iku_pemda", pemda.pk)
    try:
        perkada = services.buat_perkada(
            rpjmd, nomor=request.POST.get("nomor", ""), tanggal=tanggal,
            tentang=request.POST.get("tentang", ""),
            berlaku_mulai=parse_tahun(request.POST.get("berlaku_mulai")), user=request.user,
            alasan=request.POST.get("alasan", ""))
    except services.IkuError as err:
        _errors(request, err)
        return redirect("iku_pemda", pemda.pk)
    messages.success(request, _("Perkada %(nomor)s added.") % {"nomor": perkada.nomor})
    return redirect(f"{reverse('iku_pemda', args=[pemda.pk])}?perkada={perkada.pk}")


def _iku_form(request: HttpRequest, perkada: Perkada, iku: IkuDaerah | None) -> HttpResponse:
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            iku = services.simpan_iku(perkada, request.POST, user=request.user, iku=iku,
                                      alasan=request.POST.get("alasan", ""))
        except services.IkuError as err:
            errors = err.errors
        else:
            messages.success(request, _("IKU saved."))
            return redirect("iku_detail", iku.pk)
    targets = {t.tahun: t.teks for t in iku.target.all()} if iku else {}
    posted = request.POST if request.method == "POST" else None
    return render(request, "daerah/iku_form.html", {
        "perkada": perkada, "iku": iku, "errors": errors, "posted": posted,
        "sasaran": SasaranDaerah.objects.filter(tujuan_daerah__rpjmd=perkada.rpjmd),
        "opd": perkada.rpjmd.pemda.perangkat_daerah.all(),
        "terpilih": ({baca_id(v) for v in posted.getlist("penanggung_jawab")} if posted else
                     set(iku.penanggung_jawab.values_list("pk", flat=True)) if iku else set()),
        "tahun": [(th, posted.get(f"target_{th}", "") if posted else targets.get(th, ""))
                  for th in services.tahun_rpjmd(perkada.rpjmd)],
    })


@login_required
@require_http_methods(["GET", "POST"])
def iku_baru(request: HttpRequest, pk: int) -> HttpResponse:
    perkada, hak = get_perkada_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    return _iku_form(request, perkada, None)


@login_required
@require_http_methods(["GET", "POST"])
def iku_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    iku, hak = get_iku_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    return _iku_form(request, iku.perkada, iku)


@login_required
@require_POST
def iku_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    iku, hak = get_iku_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    perkada = iku.perkada
    try:
        services.hapus_iku(iku, user=request.user, alasan=request.POST.get("alasan", ""))
    except services.IkuError as err:
        _errors(request, err)
        return redirect("iku_detail", pk)
    messages.success(request, _("IKU removed."))
    return redirect(f"{reverse('iku_pemda', args=[perkada.rpjmd.pemda_id])}?perkada={perkada.pk}")


@login_required
@require_GET
def iku_detail(request: HttpRequest, pk: int) -> HttpResponse:
    iku, hak = get_iku_for_user(request.user, pk)
    years = tahun_berlaku(iku.perkada)
    hasil = realisasi_iku_many([iku], years)
    tautan = list(iku.tautan.select_related("indikator__perangkat_daerah", "diusulkan_oleh",
                                            "diputuskan_oleh"))
    riwayat = Perubahan.objects.filter(
        Q(model="IkuDaerah", objek_id=iku.pk)
        | Q(model="TautanIku", objek_id__in=[t.pk for t in tautan])).order_by("-created_at",
                                                                             "-id")[:100]
    return render(request, "daerah/iku_detail.html", {
        "iku": iku, "hak": hak, "pemda": iku.perkada.rpjmd.pemda,
        "tautan": tautan, "riwayat": riwayat,
        "target": iku.target.all(), "penanggung_jawab": iku.penanggung_jawab.all(),
        "hasil": [hasil[iku.pk, th] for th in years],
    })


@login_required
@require_POST
def tautan_putuskan(request: HttpRequest, pk: int) -> HttpResponse:
    tautan, hak = get_tautan_for_user(request.user, pk)
    if not hak.putuskan:
        raise PermissionDenied
    try:
        services.putuskan_tautan(tautan, setuju=request.POST.get("keputusan") == "setuju",
                                 catatan=request.POST.get("catatan", ""), user=request.user)
    except services.IkuError as err:
        _errors(request, err)
    else:
        messages.success(request, _("Decision saved."))
    return redirect("iku_detail", tautan.iku_id)


@login_required
@require_http_methods(["GET", "POST"])
def opd_iku_pemda(request: HttpRequest, pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    tahun = _tahun(request)
    perkada = _perkada_shown(opd.pemda, tahun)
    iku = list(IkuDaerah.objects.filter(perkada=perkada, penanggung_jawab=opd)
               .select_related("sasaran_daerah")) if perkada else []
    if request.method == "POST":
        if not hak.ubah:
            raise PermissionDenied
        chosen = next((i for i in iku if i.pk == baca_id(request.POST.get("iku"))), None)
        indikator = Indikator.objects.filter(
            perangkat_daerah=opd, pk=baca_id(request.POST.get("indikator"))).first()
        if chosen is None or indikator is None:
            messages.error(request, _("Choose an IKU this agency answers for and one of its "
                                      "own indicators."))
        else:
            try:
                services.usulkan_tautan(chosen, indikator, nama=request.POST.get("nama", ""),
                                        catatan=request.POST.get("catatan", ""),
                                        user=request.user)
            except services.IkuError as err:
                _errors(request, err)
            else:
                messages.success(request, _("Link proposed; Bappeda will decide on it."))
        return redirect(f"{request.path}?tahun={tahun}")
    return render(request, "daerah/opd_iku_pemda.html", {
        "opd": opd, "hak": hak, "tahun": tahun, "perkada": perkada, "iku": iku,
        "pemda_wide": visible_pemda(request.user).filter(pk=opd.pemda_id).exists(),
        "tautan": TautanIku.objects.filter(iku__in=iku, indikator__perangkat_daerah=opd)
        .select_related("iku", "indikator"),
        "indikator": Indikator.objects.filter(perangkat_daerah=opd).only(
            "pk", "kode", "uraian", "satuan") if hak.ubah else [],
    })
