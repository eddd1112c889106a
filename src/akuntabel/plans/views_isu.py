"""The strategic issues page of an OPD's Renstra: the issues with their USG scores, total and
rank (``core.usg``), the priority chosen with its reason and the tujuan/sasaran that answer
each; added, changed and removed through ``plans.isu``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import Hak, get_opd_hak_for_user
from akuntabel.common.alasan import alasan_angka
from akuntabel.common.waktu import format_waktu
from akuntabel.core.angka import Angka, parse_angka
from akuntabel.core.usg import DASAR, nilai_usg
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.isu import (
    SKOR,
    DataIsu,
    IsuBasi,
    IsuTidakSah,
    delete_isu,
    save_isu,
    set_prioritas,
    set_skala_usg,
    skala_usg_for,
)
from akuntabel.plans.models import IsuStrategis, Misi, Renstra, Sasaran, Tujuan
from akuntabel.plans.services import tahun_kerja


class IsuForm(forms.Form):
    uraian = forms.CharField(label=gettext_lazy("Strategic issue"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    misi_nomor = forms.TypedChoiceField(label=gettext_lazy("RPJMD mission"), required=False,
                                        coerce=int, empty_value=None)
    urgensi = forms.CharField(label="Urgensi (U)", required=False, max_length=20)
    keseriusan = forms.CharField(label="Keseriusan (S)", required=False, max_length=20)
    pertumbuhan = forms.CharField(label="Pertumbuhan (G)", required=False, max_length=20)
    tujuan = forms.TypedMultipleChoiceField(label=gettext_lazy("Goals (tujuan) that answer it"),
                                            required=False, coerce=int,
                                            widget=forms.CheckboxSelectMultiple)
    sasaran = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Objectives (sasaran) that answer it"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple)
    catatan = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    versi = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    alasan = forms.CharField(label=gettext_lazy("Reason for the change"), required=False,
                             max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, renstra: Renstra, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["misi_nomor"].choices = [("", "–")] + [  # type: ignore[attr-defined]
            (m.nomor, f"Misi {m.nomor}: {m.uraian}") for m in
            Misi.objects.filter(rpjmd_id=renstra.rpjmd_id).order_by("nomor")]
        self.fields["tujuan"].choices = [  # type: ignore[attr-defined]
            (t.pk, t.uraian) for t in Tujuan.objects.filter(renstra=renstra)]
        self.fields["sasaran"].choices = [  # type: ignore[attr-defined]
            (s.pk, s.uraian) for s in Sasaran.objects.filter(tujuan__renstra=renstra)]
        for field, _nama in SKOR:
            self.fields[field].widget.attrs.update({"inputmode": "decimal", "size": 4})

    @classmethod
    def of(cls, isu: IsuStrategis) -> IsuForm:
        skor = {f: (format(getattr(isu, f).normalize(), "f").replace(".", ",")
                    if getattr(isu, f) is not None else "") for f, _n in SKOR}
        return cls(renstra=isu.renstra, initial={
            "uraian": isu.uraian, "misi_nomor": isu.misi_nomor, "catatan": isu.catatan,
            "tujuan": [t.pk for t in isu.tujuan.all()],
            "sasaran": [s.pk for s in isu.sasaran.all()], "versi": isu.versi, **skor})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for field, _nama in SKOR:
            teks = (data.get(field) or "").strip()
            if not teks:
                data[field] = None
                continue
            hasil = parse_angka(teks)
            if not isinstance(hasil, Angka) or hasil.satuan:
                self.add_error(field, alasan_angka(hasil) if not isinstance(hasil, Angka)
                               else _("Write the score as a number only."))
                continue
            data[field] = hasil.nilai
        return data

    def data_isu(self) -> DataIsu:
        d = self.cleaned_data
        skor: dict[str, Decimal | None] = {f: d[f] for f, _n in SKOR}
        return DataIsu(uraian=d["uraian"], misi_nomor=d["misi_nomor"],
                       catatan=d["catatan"], tujuan=frozenset(d["tujuan"]),
                       sasaran=frozenset(d["sasaran"]), **skor)

    def add_galat(self, galat: dict[str, str]) -> None:
        for field, pesan in galat.items():
            self.add_error(field if field in self.fields else None, pesan)


def _renstra(opd: PerangkatDaerah, raw: str | None) -> Renstra | None:
    """The Renstra asked for (``?renstra=<pk>``), else the OPD's latest (its latest version)."""
    rows = Renstra.objects.filter(perangkat_daerah=opd).select_related("rpjmd")
    if raw and raw.isdigit() and len(raw) <= 18:
        return rows.filter(pk=int(raw)).first()
    return rows.order_by("-tahun_awal", "-berlaku_mulai").first()


def _isu(opd: PerangkatDaerah, pk: int) -> IsuStrategis:
    isu = (IsuStrategis.objects.select_related("renstra__perangkat_daerah__pemda")
           .filter(pk=pk, renstra__perangkat_daerah=opd).first())
    if isu is None:
        raise Http404
    return isu


def _list_url(opd: PerangkatDaerah, renstra: Renstra) -> str:
    return reverse("isu_list", args=[opd.pk]) + f"?renstra={renstra.pk}"


def _rows(renstra: Renstra) -> list[dict[str, Any]]:
    issues = list(IsuStrategis.objects.filter(renstra=renstra)
                  .prefetch_related("tujuan", "sasaran").order_by("urutan", "pk"))
    usg = nilai_usg({i.pk: (i.urgensi, i.keseriusan, i.pertumbuhan) for i in issues})
    return [{"isu": i, "usg": usg[i.pk]} for i in issues]


def _list_page(request: HttpRequest, opd: PerangkatDaerah, hak: Hak, renstra: Renstra | None,
               form: IsuForm | None = None, status: int = 200, **extra: Any) -> HttpResponse:
    ctx: dict[str, Any] = {
        "opd": opd, "hak": hak, "renstra": renstra, "dasar": DASAR,
        "periods": Renstra.objects.filter(perangkat_daerah=opd).order_by("tahun_awal"),
        "tahun": tahun_kerja(opd, timezone.localdate())}
    if renstra is not None:
        ctx["skala"] = skala_usg_for(opd.pemda)
        ctx["rows"] = _rows(renstra)
        ctx["tahun"] = max(min(renstra.tahun_akhir, ctx["tahun"]), renstra.tahun_awal)
        if hak.ubah:
            ctx["form"] = form or IsuForm(renstra=renstra)
    if hak.kelola:
        skala = skala_usg_for(opd.pemda)
        ctx["skala_form"] = SkalaForm(initial={"nilai_min": skala.nilai_min,
                                               "nilai_maks": skala.nilai_maks})
    ctx.update(extra)
    return render(request, "plans/isu_list.html", ctx, status=status)


SUMBER = gettext_lazy("Strategic issues page")


@login_required
def isu_list(request: HttpRequest, pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    renstra = _renstra(opd, request.GET.get("renstra"))
    if request.method != "POST":
        return _list_page(request, opd, hak, renstra)
    if not hak.ubah:
        raise PermissionDenied
    if renstra is None:
        raise Http404
    form = IsuForm(request.POST, renstra=renstra)
    if form.is_valid():
        try:
            save_isu(renstra, form.data_isu(), oleh=request.user, alasan="",
                     sumber=str(SUMBER))
        except IsuTidakSah as err:
            form.add_galat(err.galat)
        else:
            messages.success(request, _("Strategic issue added."))
            return redirect(_list_url(opd, renstra))
    return _list_page(request, opd, hak, renstra, form, 400)


def _edit_page(request: HttpRequest, opd: PerangkatDaerah, hak: Hak, isu: IsuStrategis,
               status: int = 200, **extra: Any) -> HttpResponse:
    rows = _rows(isu.renstra)
    usg = next(r["usg"] for r in rows if r["isu"].pk == isu.pk)
    ctx = {"opd": opd, "hak": hak, "isu": isu, "renstra": isu.renstra, "usg": usg,
           "skala": skala_usg_for(opd.pemda), "tahun": isu.renstra.tahun_awal,
           "list_url": _list_url(opd, isu.renstra), "dasar": DASAR}
    if hak.ubah:
        ctx["form"] = IsuForm.of(isu)
    ctx.update(extra)
    return render(request, "plans/isu_ubah.html", ctx, status=status)


def _konflik(err: IsuBasi) -> str:
    return _("This strategic issue was changed by %(oleh)s on %(pada)s after you opened this "
             "page, so nothing was saved. The page now shows what is stored.") % {
        "oleh": err.oleh or _("another user"),
        "pada": format_waktu(err.pada) or _("an unknown time")}


@login_required
def isu_ubah(request: HttpRequest, pk: int, isu_pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    isu = _isu(opd, isu_pk)
    if request.method != "POST":
        return _edit_page(request, opd, hak, isu)
    if not hak.ubah:
        raise PermissionDenied
    form = IsuForm(request.POST, renstra=isu.renstra)
    if form.is_valid():
        try:
            save_isu(isu.renstra, form.data_isu(), isu=isu, versi=form.cleaned_data["versi"] or 0,
                     oleh=request.user, alasan=form.cleaned_data["alasan"],
                     sumber=str(SUMBER))
        except IsuTidakSah as err:
            form.add_galat(err.galat)
        except IsuBasi as err:
            isu = _isu(opd, isu_pk)
            return _edit_page(request, opd, hak, isu, 409, konflik=_konflik(err))
        else:
            messages.success(request, _("Strategic issue saved."))
            return redirect(_list_url(opd, isu.renstra))
    return _edit_page(request, opd, hak, isu, 400, form=form)


def _versi(request: HttpRequest) -> int:
    raw = request.POST.get("versi", "")
    return int(raw) if raw.isdigit() else 0


@login_required
@require_POST
def isu_prioritas(request: HttpRequest, pk: int, isu_pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    isu = _isu(opd, isu_pk)
    if not hak.ubah:
        raise PermissionDenied
    alasan = request.POST.get("alasan_prioritas", "")[:2000]
    try:
        set_prioritas(isu, request.POST.get("prioritas") == "on", alasan, _versi(request),
                      oleh=request.user, sumber=str(SUMBER))
    except IsuTidakSah as err:
        return _edit_page(request, opd, hak, isu, 400,
                          galat_prioritas=err.galat["alasan_prioritas"], alasan_prioritas=alasan)
    except IsuBasi as err:
        return _edit_page(request, opd, hak, _isu(opd, isu_pk), 409, konflik=_konflik(err))
    messages.success(request, _("Priority saved."))
    return redirect(_list_url(opd, isu.renstra))


@login_required
@require_POST
def isu_hapus(request: HttpRequest, pk: int, isu_pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    isu = _isu(opd, isu_pk)
    if not hak.ubah:
        raise PermissionDenied
    try:
        delete_isu(isu, _versi(request), oleh=request.user,
                   alasan=request.POST.get("alasan", "")[:2000], sumber=str(SUMBER))
    except IsuTidakSah as err:
        return _edit_page(request, opd, hak, isu, 400, galat_hapus=err.galat["alasan"])
    except IsuBasi as err:
        return _edit_page(request, opd, hak, _isu(opd, isu_pk), 409, konflik=_konflik(err))
    messages.success(request, _("Strategic issue removed."))
    return redirect(_list_url(opd, isu.renstra))


class SkalaForm(forms.Form):
    nilai_min = forms.IntegerField(label=gettext_lazy("Lowest score"), min_value=0,
                                   max_value=100)
    nilai_maks = forms.IntegerField(label=gettext_lazy("Highest score"), min_value=1,
                                    max_value=100)


@login_required
@require_POST
def isu_skala(request: HttpRequest, pk: int) -> HttpResponse:
    """The pemda's USG scale, set by its administrator from any of its OPD's pages."""
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    renstra = _renstra(opd, request.GET.get("renstra"))
    form = SkalaForm(request.POST)
    if form.is_valid():
        try:
            set_skala_usg(opd.pemda, form.cleaned_data["nilai_min"],
                          form.cleaned_data["nilai_maks"], oleh=request.user,
                          sumber=str(SUMBER))
        except IsuTidakSah as err:
            form.add_error(None, err.galat["skala"])
        else:
            messages.success(request, _("USG scale of the pemda saved."))
            return redirect(reverse("isu_list", args=[opd.pk])
                            + (f"?renstra={renstra.pk}" if renstra else ""))
    return _list_page(request, opd, hak, renstra, status=400, skala_form=form)
