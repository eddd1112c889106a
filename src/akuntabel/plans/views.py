"""The plan pages: the cascade of an agency for a year, an indicator's page (targets,
realisasi, capaian per year, trend chart, computation, history) and its target form."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import Hak, get_indikator_for_user, get_opd_hak_for_user
from akuntabel.audit.models import Perubahan
from akuntabel.common.waktu import format_waktu
from akuntabel.converters import parse_tahun
from akuntabel.core.capaian import describe_rumus_capaian
from akuntabel.core.peringkat import Skala
from akuntabel.plans import structure
from akuntabel.plans.cascade import (
    JENIS_TARGET,
    NODE_PATH,
    build_rencana,
    capaian_per_tahun,
    jalur_indikator,
    tingkat_warna,
    years_with_data,
)
from akuntabel.plans.charts import render_tren_svg
from akuntabel.plans.forms import PERIODE, ROMAWI, TargetForm, nama_periode
from akuntabel.plans.models import Indikator, Renstra, Target
from akuntabel.plans.services import NoRenstra, renstra_for, targets_locked
from akuntabel.plans.targets import (
    AlasanWajib,
    TargetBasi,
    TargetTerkunci,
    renja_rows,
    save_renja_targets,
)
from akuntabel.references.services import skala_for
from akuntabel.results.models import KomponenPerhitungan, Perhitungan, Realisasi


def _legend(skala: Skala) -> list[tuple[int | None, str, object]]:
    """The bands of the scale with their colour step, for the page's legend."""
    return [(tingkat_warna(skala, p.label), p.label, p.batas_bawah) for p in skala.pita]


@login_required
def plan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    periods = list(Renstra.objects.filter(perangkat_daerah=opd).order_by("tahun_awal")
                   .values_list("tahun_awal", "tahun_akhir").distinct())  # once per version
    try:
        renstra = renstra_for(opd, tahun)
    except NoRenstra:
        return render(request, "plans/plan.html", {
            "opd": opd, "tahun": tahun, "hak": hak, "rencana": None, "periods": periods,
            "nearest": [p[0] if tahun < p[0] else p[1] for p in periods]})
    skala = skala_for(opd.pemda, date(tahun, 12, 31))
    rencana = build_rencana(opd, renstra, tahun, skala)
    return render(request, "plans/plan.html", {
        "opd": opd, "tahun": tahun, "hak": hak, "rencana": rencana, "skala": skala,
        "legend": _legend(skala), "periods": periods,
        "years": list(renstra.tahun)})


def _default_tahun(raw: str | None, years: list[int], with_data: list[int]) -> int:
    tahun = parse_tahun(raw)
    if tahun in years:
        return tahun  # type: ignore[return-value]
    if with_data:
        return max(with_data)
    today = timezone.localdate().year
    return today if today in years else years[0]


def _indikator_context(request: HttpRequest, indikator: Indikator, hak: Hak,
                       tahun_raw: str | None) -> dict:
    indikator = Indikator.objects.select_related(
        "perangkat_daerah__pemda", *NODE_PATH).get(pk=indikator.pk)
    opd = indikator.perangkat_daerah
    renstra, jalur = jalur_indikator(indikator)
    years = list(renstra.tahun)
    skala_tahun = {th: skala_for(opd.pemda, date(th, 12, 31)) for th in years}
    capaian = capaian_per_tahun([indikator], years, skala_tahun.__getitem__,
                                {"indikator": indikator})
    rows = [capaian[indikator.pk, th] for th in years]
    tahun = _default_tahun(tahun_raw, years, years_with_data(rows))
    terpilih = capaian[indikator.pk, tahun]
    triwulan = [{"tw": tw, "romawi": ROMAWI[tw],
                 "target": {j: terpilih.target_triwulan.get((j, tw)) for j in JENIS_TARGET},
                 "renja": terpilih.target_triwulan.get((Target.Jenis.RENJA.value, tw)),
                 "realisasi": terpilih.realisasi_triwulan.get(tw)} for tw in (1, 2, 3, 4)]
    svg = render_tren_svg(
        years, [r.target_berlaku for r in rows], [r.realisasi for r in rows],
        judul=_("Trend of %(indikator)s: target in force and realisation per year")
        % {"indikator": indikator.uraian or _("(indicator not stated)")},
        satuan=indikator.satuan, label_target=_("Target in force"),
        label_realisasi=_("Realisation"), teks_kosong=_("No target or realisation to draw yet."))
    perhitungan = list(Perhitungan.objects.filter(indikator=indikator).order_by("-tahun"))
    komponen = list(KomponenPerhitungan.objects.filter(perhitungan__indikator=indikator)
                    .select_related("sub_kegiatan").order_by("urutan", "pk"))
    for p in perhitungan:
        p.baris = [k for k in komponen if k.perhitungan_id == p.pk and k.induk_id is None]
        for k in p.baris:
            k.rincian_list = [r for r in komponen if r.induk_id == k.pk]
    target_ids = list(Target.objects.filter(indikator=indikator).values_list("pk", flat=True))
    realisasi_ids = list(Realisasi.objects.filter(indikator=indikator)
                         .values_list("pk", flat=True))
    riwayat = list(Perubahan.objects.filter(
        Q(model="Target", objek_id__in=target_ids)
        | Q(model="Realisasi", objek_id__in=realisasi_ids)
        | Q(model="Indikator", objek_id=indikator.pk, kolom="tampil_publik"))
        .select_related("oleh")[:200])
    return {
        "opd": opd, "indikator": indikator, "hak": hak, "renstra": renstra, "jalur": jalur,
        "years": years, "tahun": tahun, "rows": rows, "terpilih": terpilih,
        "triwulan": triwulan, "svg": mark_safe(svg),  # built escaped by render_tren_svg
        "rumus": describe_rumus_capaian(indikator.polaritas, indikator.metode_turun),
        "jenis_list": [("renstra", "Renstra"), ("renja", "Renja"), ("pk", "PK"),
                       ("pk_perubahan", _("amended PK"))],
        "perhitungan": perhitungan,
        "riwayat": riwayat, "locked": targets_locked(opd, tahun),
        "legend": _legend(skala_tahun[tahun]),
    }


@login_required
def indikator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indikator, hak = get_indikator_for_user(request.user, pk)
    ctx = _indikator_context(request, indikator, hak, request.GET.get("tahun"))
    if hak.ubah:
        ctx["form"] = TargetForm.for_rows(indikator, renja_rows(indikator, ctx["tahun"]))
    return render(request, "plans/indikator_detail.html", ctx)


@login_required
@require_POST
def indikator_tampil_publik(request: HttpRequest, pk: int) -> HttpResponse:
    """Show or hide the indicator on the public portal, with a reason: the Renstra's write
    service (``structure.ubah``) for an indicator of any node, the program tree's too."""
    indikator, hak = get_indikator_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    try:
        n = structure.ubah(indikator, {"tampil_publik": request.POST.get("tampil_publik", "")},
                           user=request.user, alasan=request.POST.get("alasan", "")[:2000])
    except structure.StructureError as exc:
        ctx = _indikator_context(request, indikator, hak, request.GET.get("tahun"))
        ctx["form"] = TargetForm.for_rows(indikator, renja_rows(indikator, ctx["tahun"]))
        ctx["galat_publik"] = " ".join(exc.errors.values())
        ctx["centang_publik"] = request.POST.get("tampil_publik") == "on"   # as typed
        return render(request, "plans/indikator_detail.html", ctx, status=400)
    if n:
        messages.success(request, _("Shown on the public portal.") if indikator.tampil_publik
                         else _("Hidden from the public portal."))
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("indikator_detail", indikator.pk)


@login_required
@require_POST
def target_edit(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    indikator, hak = get_indikator_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    renstra = jalur_indikator(Indikator.objects.select_related(*NODE_PATH).get(pk=pk))[0]
    if tahun not in renstra.tahun:
        raise Http404  # a year outside the indicator's Renstra
    form = TargetForm(request.POST, indikator=indikator)

    def page(status: int, **extra: object) -> HttpResponse:
        """The indicator page again, with the form as typed and what went wrong."""
        ctx = _indikator_context(request, indikator, hak, str(tahun))
        ctx.update({"form": form, **extra})
        return render(request, "plans/indikator_detail.html", ctx, status=status)

    if not form.is_valid():
        return page(400)
    versi = {tw: form.cleaned_data[f"versi_{tw}"] for tw in PERIODE}
    try:
        changed = save_renja_targets(
            indikator, tahun, form.values(), versi, oleh=request.user,
            alasan=form.cleaned_data["alasan"],
            sumber=_("Indicator page: Renja targets %(tahun)s") % {"tahun": tahun})
    except TargetTerkunci:
        form.add_error(None, _("The targets of %(tahun)s are locked because the Performance "
                               "Agreement has been signed; change them through an amended "
                               "Performance Agreement.") % {"tahun": tahun})
        return page(409)
    except AlasanWajib:
        form.add_error("alasan", _("Reason for the change: write why a target that already "
                                   "had a value is changed."))
        return page(400)
    except TargetBasi as basi:
        typed = "; ".join(f"{nama_periode(tw)}: {request.POST.get(f'nilai_{tw}', '')}"
                          for tw in PERIODE if request.POST.get(f"nilai_{tw}", "").strip())
        konflik = _(
            "%(tempat)s was changed by %(oleh)s on %(pada)s after you opened this page, so "
            "nothing was saved. The form now shows the current targets; what you typed was: "
            "%(typed)s.") % {
                "tempat": nama_periode(basi.triwulan), "oleh": basi.oleh or _("another user"),
                "pada": format_waktu(basi.pada) or _("an unknown time"),
                "typed": typed or "–"}
        form = TargetForm.for_rows(indikator, renja_rows(indikator, tahun))
        return page(409, konflik=konflik)
    if changed:
        messages.success(request, _("%(n)s target(s) of %(tahun)s saved.")
                         % {"n": changed, "tahun": tahun})
    else:
        messages.info(request, _("Nothing changed."))
    return redirect(reverse("indikator_detail", args=[indikator.pk]) + f"?tahun={tahun}")
