"""The Renstra editor and the RPJMD editor: an OPD's Renstra(s) and how one is made, its tree
(tujuan -> sasaran -> indikator, strategi -> arah kebijakan) with inline forms, the
indicators' full definitions and yearly targets; the pemda's RPJMD (visi, misi, tujuan and
sasaran daerah). Every write goes through ``plans.structure`` (targets through
``plans.targets.write_targets``); every view checks access on its first line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import Hak, get_opd_hak_for_user, get_pemda_for_user
from akuntabel.common.waktu import format_waktu
from akuntabel.core.angka import format_angka
from akuntabel.plans import penetapan, perubahan, structure
from akuntabel.plans.models import (
    ArahKebijakan,
    Indikator,
    Misi,
    Renstra,
    Rpjmd,
    Sasaran,
    SasaranDaerah,
    Strategi,
    Target,
    Tujuan,
    TujuanDaerah,
)
from akuntabel.plans.services import renstra_in_force, tahun_kerja, versi_pengganti
from akuntabel.plans.structure import KOLOM, RPJMD_KINDS, StructureError
from akuntabel.plans.targets import AlasanWajib, TargetBasi, TargetTerkunci

RENSTRA_KINDS = ("tujuan", "sasaran", "strategi", "arah_kebijakan", "indikator")
JENIS_NODE = {Tujuan: "tujuan", Sasaran: "sasaran"}


# --- Access -------------------------------------------------------------------------------

def _renstra_for_user(request: HttpRequest, pk: int) -> tuple[Renstra, Hak]:
    """The Renstra ``pk`` and the user's rights on its OPD; Http404 when the user may not read
    the OPD (or there is no such Renstra), so that outsiders learn nothing."""
    opd_pk = Renstra.objects.filter(pk=pk).values_list("perangkat_daerah_id", flat=True).first()
    _opd, hak = get_opd_hak_for_user(request.user, opd_pk or 0)
    renstra = Renstra.objects.select_related("rpjmd", "perangkat_daerah__pemda").get(pk=pk)
    return renstra, hak


def _rpjmd_for_user(request: HttpRequest, pk: int) -> tuple[Rpjmd, bool]:
    """The RPJMD ``pk`` and whether the user administers its pemda; Http404 for anyone
    without a pemda-wide role there."""
    pemda_pk = Rpjmd.objects.filter(pk=pk).values_list("pemda_id", flat=True).first()
    _pemda, admin = get_pemda_for_user(request.user, pemda_pk or 0)
    return Rpjmd.objects.select_related("pemda").get(pk=pk), admin


def _element(container: Renstra | Rpjmd, jenis: str, pk: int) -> Any:
    """The element ``pk`` of kind ``jenis`` of ``container`` (the container itself for its
    own kind); Http404 when it is not there."""
    rows: QuerySet[Any]
    if isinstance(container, Renstra):
        if jenis == "renstra":
            return container
        rows = {
            "tujuan": Tujuan.objects.filter(renstra=container),
            "sasaran": Sasaran.objects.filter(tujuan__renstra=container),
            "strategi": Strategi.objects.filter(renstra=container),
            "arah_kebijakan": ArahKebijakan.objects.filter(renstra=container),
            "indikator": Indikator.objects.filter(Q(tujuan__renstra=container)
                                                  | Q(sasaran__tujuan__renstra=container)),
        }.get(jenis, Tujuan.objects.none())
    else:
        if jenis == "rpjmd":
            return container
        rows = {
            "misi": Misi.objects.filter(rpjmd=container),
            "tujuan_daerah": TujuanDaerah.objects.filter(rpjmd=container),
            "sasaran_daerah": SasaranDaerah.objects.filter(tujuan_daerah__rpjmd=container),
        }.get(jenis, Misi.objects.none())
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- Forms as plain rows ------------------------------------------------------------------

def _choices(jenis: str, nama: str, tempat: Any,
             cache: dict[tuple[str, str], list[tuple[str, str]]]) -> list[tuple[str, str]]:
    if (jenis, nama) not in cache:
        model = structure.MODEL[jenis]
        if KOLOM_BY_NAME[jenis][nama].jenis == "pilihan":
            cache[jenis, nama] = [(str(v), str(label))
                                  for v, label in model._meta.get_field(nama).choices]
            if nama == "agregasi":  # left to the unit: core.rencana.agregasi_menurut_satuan
                cache[jenis, nama].insert(0, ("", str(AGREGASI_SATUAN)))
        else:
            cache[jenis, nama] = [("", "–")] + [
                (str(o.pk), str(o)[:120]) for o in structure.link_choices(jenis, nama, tempat)]
    return cache[jenis, nama]


AGREGASI_SATUAN = gettext_lazy("By the unit: %, persen, indeks, rasio, nilai, skor, per … "
                               "→ last value; a count → cumulative")
def _tahun_dalam(renstra: Renstra) -> int:
    """The OPD's working year (``tahun_kerja``) when it lies in the Renstra, else its first."""
    tahun = tahun_kerja(renstra.perangkat_daerah, timezone.localdate())
    return tahun if renstra.tahun_awal <= tahun <= renstra.tahun_akhir else renstra.tahun_awal


KOLOM_BY_NAME = {jenis: {k.nama: k for k in kolom} for jenis, kolom in KOLOM.items()}


def _shown(obj: Any, kolom: structure.Kolom) -> str:
    if kolom.jenis == "ukuran":
        teks = getattr(obj, f"{kolom.nama}_teks")
        return teks or format_angka(getattr(obj, kolom.nama))
    value = getattr(obj, kolom.nama)
    if kolom.jenis == "tautan":
        return str(value.pk) if value is not None else ""
    if kolom.jenis == "ya":
        return "on" if value else ""
    return "" if value is None else str(value)


def fields(jenis: str, tempat: Any, obj: Any = None, data: Any = None,
           errors: dict[str, str] | None = None,
           cache: dict[tuple[str, str], list[tuple[str, str]]] | None = None
           ) -> list[dict[str, Any]]:
    """The fields of a form for ``jenis``: name, label, kind, the value shown (as typed in
    ``data``, else ``obj``'s, else the default), the choices and the error at the field.
    ``cache`` keeps the choices of one page (the same for every form of a kind)."""
    cache = {} if cache is None else cache
    rows = []
    for kolom in KOLOM[jenis]:
        if data is not None:
            value = data.get(kolom.nama, "")
        elif obj is not None:
            value = _shown(obj, kolom)
        elif kolom.nama == "agregasi":
            value = ""  # a new indicator's aggregation is chosen, or taken from its unit
        else:
            default = structure.MODEL[jenis]._meta.get_field(kolom.nama).default
            value = (default if isinstance(default, str)
                     else "on" if kolom.jenis == "ya" and default is True else "")
        rows.append({
            "nama": kolom.nama, "label": kolom.label, "jenis": kolom.jenis, "value": value,
            "panjang": kolom.jenis == "teks" and kolom.maks > 300,
            "choices": (_choices(jenis, kolom.nama, tempat, cache)
                        if kolom.jenis in ("pilihan", "tautan") else []),
            "error": (errors or {}).get(kolom.nama, ""),
        })
    return rows


# --- The Renstra list and a new Renstra ---------------------------------------------------

def _periode_typed(request: HttpRequest) -> tuple[str, str, dict[str, str]]:
    """The first and last year of a new plan as typed, and a message for each that is not a
    year (the create forms of the Renstra and the RPJMD)."""
    awal, akhir = request.POST.get("tahun_awal", ""), request.POST.get("tahun_akhir", "")
    errors = {nama: _("Write a year like 2025.")
              for nama, teks in (("tahun_awal", awal), ("tahun_akhir", akhir))
              if not (teks.strip().isdigit() and len(teks.strip()) == 4)}
    return awal, akhir, errors


@login_required
def renstra_list(request: HttpRequest, pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not hak.ubah:
            raise PermissionDenied
        awal, akhir, errors = _periode_typed(request)
        if not errors:
            try:
                renstra = structure.buat_renstra(
                    opd, tahun_awal=int(awal), tahun_akhir=int(akhir), user=request.user,
                    alasan=request.POST.get("alasan", "")[:2000])
            except StructureError as exc:
                errors = exc.errors
            else:
                messages.success(request, _("Renstra %(awal)s–%(akhir)s created.") % {
                    "awal": awal, "akhir": akhir})
                return redirect("renstra_editor", renstra.pk)
    # Each period's versions (a Renstra perubahan is a new version), latest period first.
    rows = perubahan.tandai_versi(Renstra.objects.filter(perangkat_daerah=opd)
                                  .select_related("rpjmd"))
    rows.sort(key=lambda r: -r.tahun_awal)
    rpjmd = (Rpjmd.objects.filter(pemda=opd.pemda).order_by("-tahun_awal"))
    return render(request, "plans/renstra_list.html", {
        "opd": opd, "hak": hak, "rows": rows, "rpjmd": list(rpjmd), "admin": hak.kelola,
        "tahun": tahun_kerja(opd, timezone.localdate()) if rows else None, "errors": errors,
        "data": request.POST if errors else None,
    }, status=400 if errors else 200)


# --- The editor ---------------------------------------------------------------------------

def _tree(renstra: Renstra) -> list[Tujuan]:
    targets = Prefetch("target", queryset=Target.objects.filter(
        jenis=Target.Jenis.RENSTRA, triwulan=0), to_attr="target_renstra")
    indikator = Prefetch("indikator", queryset=Indikator.objects.prefetch_related(targets)
                         .order_by("urutan", "id"))
    return list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "id")
                .prefetch_related(indikator, Prefetch("sasaran", queryset=(
                    Sasaran.objects.select_related("sasaran_daerah__tujuan_daerah__misi")
                    .prefetch_related(indikator).order_by("urutan", "id")))))


def _editor_context(request: HttpRequest, renstra: Renstra, hak: Hak,
                    refused: tuple[int, dict[int, str], dict[str, str]] | None = None
                    ) -> dict[str, Any]:
    """The editor's page; ``refused`` is an indicator's targets as typed and refused (its pk,
    the texts by year, the messages by ``target_<year>``), shown again with their messages."""
    tree = _tree(renstra)
    years = list(renstra.tahun)
    cache: dict[tuple[str, str], list[tuple[str, str]]] = {}
    peringatan = structure.peringatan(renstra)
    di: dict[str, list[str]] = {}
    for p in peringatan:
        di.setdefault(p.tempat, []).append(p.pesan)
    for t in tree:
        for node in [t, *t.sasaran.all()]:
            node.peringatan = di.get(f"{JENIS_NODE[type(node)]}-{node.pk}", [])
            for ind in node.indikator.all():
                ind.peringatan = di.get(f"indikator-{ind.pk}", [])
                by_year = {x.tahun: x for x in ind.target_renstra}
                ind.tahun_target = [{
                    "tahun": y, "versi": by_year[y].versi if y in by_year else 0,
                    "teks": (by_year[y].teks or format_angka(by_year[y].nilai))
                    if y in by_year else "", "error": ""} for y in years]
                if refused is not None and refused[0] == ind.pk:
                    for row in ind.tahun_target:
                        row["teks"] = refused[1].get(row["tahun"], "")
                        row["error"] = refused[2].get(f"target_{row['tahun']}", "")
                if hak.ubah:
                    ind.form_fields = fields("indikator", node, ind, cache=cache)
            if hak.ubah and node is not t:
                node.form_fields = fields("sasaran", node, node, cache=cache)
        if hak.ubah:
            t.form_fields = fields("tujuan", renstra, t, cache=cache)
    strategi = list(Strategi.objects.filter(renstra=renstra).select_related("sasaran")
                    .prefetch_related("arah_kebijakan").order_by("urutan", "id"))
    if hak.ubah:
        for s in strategi:
            s.form_fields = fields("strategi", renstra, s, cache=cache)
            for a in s.arah_kebijakan.all():
                a.form_fields = fields("arah_kebijakan", renstra, a, cache=cache)
    return {
        "renstra": renstra, "opd": renstra.perangkat_daerah, "hak": hak, "tree": tree,
        "years": years, "tahun": _tahun_dalam(renstra), "strategi": strategi,
        "arah_lepas": ArahKebijakan.objects.filter(renstra=renstra, strategi__isnull=True),
        "peringatan": peringatan, "scope": "renstra",
        "baru": {j: fields(j, renstra, cache=cache) for j in RENSTRA_KINDS} if hak.ubah else {},
    }


@login_required
def renstra_editor(request: HttpRequest, pk: int) -> HttpResponse:
    renstra, hak = _renstra_for_user(request, pk)
    # A version changed by a Renstra perubahan stays as it was measured: shown, not edited
    # (``plans.structure`` refuses its writes too).
    pengganti = versi_pengganti(renstra)
    if pengganti is not None:
        hak = replace(hak, ubah=False)
    return render(request, "plans/renstra_editor.html", {
        **_editor_context(request, renstra, hak), "pengganti": pengganti,
        "terbaru": renstra_in_force(renstra.perangkat_daerah, renstra.tahun_akhir).filter(
            tahun_awal=renstra.tahun_awal).first() if pengganti else None,
        "berubah": [penetapan.BAGIAN[k] for k in penetapan.bagian_berubah(renstra)]})


# --- Penetapan ----------------------------------------------------------------------------

def _tanggal(teks: str) -> date | None:
    """A date typed as YYYY-MM-DD (the date input); None when empty or not a date (the
    service then names the field)."""
    try:
        return date.fromisoformat(teks.strip()[:10])
    except ValueError:
        return None


@login_required
@require_POST
def tetapkan(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the penetapan of the Renstra (``plans.penetapan``): the kepala OPD or the admin
    pemda (``Hak.tandatangani``, the reason is in ``plans.penetapan``)."""
    renstra, hak = _renstra_for_user(request, pk)
    if not hak.tandatangani:
        raise PermissionDenied
    try:
        penetapan.tetapkan(renstra, dasar_hukum=request.POST.get("dasar_hukum", ""),
                           tanggal_dasar_hukum=_tanggal(request.POST.get("tanggal_dasar_hukum",
                                                                         "")),
                           alasan=request.POST.get("alasan", "")[:2000], user=request.user)
    except StructureError as exc:
        for pesan in exc.errors.values():
            messages.error(request, pesan)
        return _back(renstra, "penetapan")
    messages.success(request, _("The Renstra is established; its document is published on "
                                "the public portal."))
    return _back(renstra, "penetapan")


@login_required
@require_POST
def batal_tetapkan(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a penetapan: the admin pemda only (``Hak.kelola``), with a reason."""
    renstra, hak = _renstra_for_user(request, pk)
    if not hak.kelola:
        raise PermissionDenied
    try:
        penetapan.batalkan(renstra, alasan=request.POST.get("alasan", "")[:2000],
                           user=request.user)
    except StructureError as exc:
        for pesan in exc.errors.values():
            messages.error(request, pesan)
        return _back(renstra, "penetapan")
    messages.success(request, _("The penetapan is undone; the Renstra is a draft again and no "
                                "longer public."))
    return _back(renstra, "penetapan")


def _form_page(request: HttpRequest, container: Renstra | Rpjmd, jenis: str, action: str,
               tempat: Any, obj: Any, errors: dict[str, str]) -> HttpResponse:
    """The one form that was refused, as typed, with each message at its field (400)."""
    back = (reverse("renstra_editor", args=[container.pk]) if isinstance(container, Renstra)
            else reverse("rpjmd_editor", args=[container.pk]))
    return render(request, "plans/renstra_form.html", {
        "container": container, "jenis": jenis,
        "scope": "renstra" if isinstance(container, Renstra) else "rpjmd",
        "action": action, "obj": obj,
        "induk": request.POST.get("induk", ""), "back": back,
        "fields": fields(jenis, tempat, obj, request.POST, errors),
        "umum": errors.get("__all__", ""), "alasan": request.POST.get("alasan", ""),
    }, status=400)


def _writable_container(request: HttpRequest, scope: str, pk: int, jenis: str) -> Any:
    """The Renstra or RPJMD ``pk`` whose ``jenis`` elements the user edits: PermissionDenied
    if the user may not write it, Http404 if it has no such kind."""
    if scope == "renstra":
        container, hak = _renstra_for_user(request, pk)
        can_edit = hak.ubah
    else:
        container, can_edit = _rpjmd_for_user(request, pk)
    if not can_edit:
        raise PermissionDenied
    if jenis not in _kinds(scope):
        raise Http404
    return container


def _kinds(scope: str) -> tuple[str, ...]:
    return RENSTRA_KINDS if scope == "renstra" else RPJMD_KINDS


def _back(container: Any, anchor: str = "") -> HttpResponse:
    name = "renstra_editor" if isinstance(container, Renstra) else "rpjmd_editor"
    return redirect(reverse(name, args=[container.pk]) + (f"#{anchor}" if anchor else ""))


def _induk(container: Any, raw: str) -> Any:
    """The parent named by the form (``"tujuan-5"``), within ``container``; Http404 else."""
    jenis, _sep, pk = raw.partition("-")
    if not pk.isdigit() or len(pk) > 18:
        raise Http404
    return _element(container, jenis, int(pk))


@login_required
@require_POST
def tambah(request: HttpRequest, scope: str, pk: int, jenis: str) -> HttpResponse:
    container = _writable_container(request, scope, pk, jenis)
    induk = _induk(container, request.POST.get("induk", ""))
    if not isinstance(induk, structure.INDUK[jenis][1]):
        raise Http404
    try:
        obj = structure.tambah(induk, jenis, request.POST, user=request.user,
                               alasan=request.POST.get("alasan", "")[:2000])
    except StructureError as exc:
        return _form_page(request, container, jenis, "tambah", induk, None, exc.errors)
    messages.success(request, _("Added: %(uraian)s") % {"uraian": obj})
    return _back(container, f"{jenis}-{obj.pk}")


@login_required
@require_POST
def ubah(request: HttpRequest, scope: str, pk: int, jenis: str, obj_pk: int) -> HttpResponse:
    container = _writable_container(request, scope, pk, jenis)
    obj = _element(container, jenis, obj_pk)
    try:
        n = structure.ubah(obj, request.POST, user=request.user,
                           alasan=request.POST.get("alasan", "")[:2000])
    except StructureError as exc:
        return _form_page(request, container, jenis, "ubah", obj, obj, exc.errors)
    if n:
        messages.success(request, _("Saved: %(uraian)s") % {"uraian": obj})
    else:
        messages.info(request, _("Nothing changed."))
    return _back(container, f"{jenis}-{obj.pk}")


@login_required
@require_POST
def hapus(request: HttpRequest, scope: str, pk: int, jenis: str, obj_pk: int) -> HttpResponse:
    container = _writable_container(request, scope, pk, jenis)
    obj = _element(container, jenis, obj_pk)
    teks = str(obj)
    try:
        structure.hapus(obj, user=request.user, alasan=request.POST.get("alasan", "")[:2000])
    except StructureError as exc:
        messages.error(request, exc.errors.get("__all__", str(exc)))
        return _back(container, f"{jenis}-{obj_pk}")
    except TargetTerkunci as exc:
        messages.error(request, _("The targets of %(tahun)s are locked by a signed Performance "
                                  "Agreement; the indicator cannot be removed.") % {
                                      "tahun": exc.args[0]})
        return _back(container, f"{jenis}-{obj_pk}")
    messages.success(request, _("Removed: %(uraian)s") % {"uraian": teks})
    return _back(container)


@login_required
@require_POST
def periksa(request: HttpRequest, scope: str, pk: int, jenis: str) -> JsonResponse:
    """Check a form as typed without writing: ``{"errors": {field: message}, "peringatan":
    {field: warning}}`` (the editor's script calls this as the user types)."""
    container = _writable_container(request, scope, pk, jenis)
    raw = request.POST.get("objek", "")
    obj = (_element(container, jenis, int(raw)) if raw.isdigit() and len(raw) <= 18 else None)
    tempat = obj or _induk(container, request.POST.get("induk", ""))
    self_pk = obj.pk if obj else None
    return JsonResponse({
        "errors": structure.periksa(jenis, tempat, request.POST, self_pk),
        "peringatan": structure.peringatan_isian(jenis, tempat, request.POST, self_pk)})


@login_required
@require_POST
def target(request: HttpRequest, pk: int, obj_pk: int) -> HttpResponse:
    """Save an indicator's Renstra targets of every year (through ``write_targets``)."""
    renstra, hak = _renstra_for_user(request, pk)
    if not hak.ubah:
        raise PermissionDenied
    ind = _element(renstra, "indikator", obj_pk)
    typed = {y: request.POST.get(f"target_{y}", "") for y in renstra.tahun}
    versi = {}
    for y in renstra.tahun:
        raw = request.POST.get(f"versi_{y}", "0")
        versi[y] = int(raw) if raw.isdigit() and len(raw) <= 9 else -1
    try:
        n = structure.simpan_target_renstra(ind, typed, versi, user=request.user,
                                            alasan=request.POST.get("alasan", "")[:2000])
    except StructureError as exc:
        ctx = _editor_context(request, renstra, hak, (ind.pk, typed, exc.errors))
        return render(request, "plans/renstra_editor.html", ctx, status=400)
    except TargetTerkunci as exc:
        messages.error(request, _("The targets of %(tahun)s are locked because the Performance "
                                  "Agreement has been signed.") % {"tahun": exc.args[0]})
        return _back(renstra, f"indikator-{ind.pk}")
    except AlasanWajib:
        messages.error(request, _("Reason for the change: write why a target that already "
                                  "had a value is changed."))
        return _back(renstra, f"indikator-{ind.pk}")
    except TargetBasi as basi:
        messages.error(request, _(
            "A target was changed by %(oleh)s on %(pada)s after you opened this page, so "
            "nothing was saved; the page now shows the current targets.") % {
                "oleh": basi.oleh or _("another user"),
                "pada": format_waktu(basi.pada) or _("an unknown time")})
        return _back(renstra, f"indikator-{ind.pk}")
    messages.success(request, _("%(n)s target(s) saved.") % {"n": n})
    return _back(renstra, f"indikator-{ind.pk}")


# --- The RPJMD ----------------------------------------------------------------------------

@login_required
def rpjmd_list(request: HttpRequest, pk: int) -> HttpResponse:
    pemda, admin = get_pemda_for_user(request.user, pk)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not admin:
            raise PermissionDenied
        awal, akhir, errors = _periode_typed(request)
        if not errors:
            try:
                rpjmd = structure.buat_rpjmd(
                    pemda, tahun_awal=int(awal), tahun_akhir=int(akhir),
                    visi=request.POST.get("visi", ""),
                    dasar_hukum=request.POST.get("dasar_hukum", ""), user=request.user,
                    alasan=request.POST.get("alasan", "")[:2000])
            except StructureError as exc:
                errors = exc.errors
            else:
                messages.success(request, _("RPJMD %(awal)s–%(akhir)s created.") % {
                    "awal": awal, "akhir": akhir})
                return redirect("rpjmd_editor", rpjmd.pk)
    return render(request, "plans/rpjmd_list.html", {
        "pemda": pemda, "admin": admin, "errors": errors,
        "rows": Rpjmd.objects.filter(pemda=pemda).order_by("-tahun_awal"),
        "data": request.POST if errors else None,
    }, status=400 if errors else 200)


@login_required
def rpjmd_editor(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd, admin = _rpjmd_for_user(request, pk)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not admin:
            raise PermissionDenied
        try:
            structure.ubah_visi(rpjmd, request.POST.get("visi", ""), user=request.user,
                                alasan=request.POST.get("alasan", "")[:2000])
        except StructureError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Vision saved."))
            return redirect("rpjmd_editor", rpjmd.pk)
    misi = list(Misi.objects.filter(rpjmd=rpjmd).order_by("nomor"))
    tujuan = list(TujuanDaerah.objects.filter(rpjmd=rpjmd).select_related("misi")
                  .prefetch_related("sasaran_daerah", "indikator").order_by("urutan", "id"))
    if admin:
        for m in misi:
            m.form_fields = fields("misi", rpjmd, m)
        for t in tujuan:
            t.form_fields = fields("tujuan_daerah", rpjmd, t)
            for s in t.sasaran_daerah.all():
                s.form_fields = fields("sasaran_daerah", t, s)
    return render(request, "plans/rpjmd_editor.html", {
        "rpjmd": rpjmd, "pemda": rpjmd.pemda, "admin": admin, "misi": misi, "tujuan": tujuan,
        "errors": errors, "renstra": Renstra.objects.filter(rpjmd=rpjmd)
        .select_related("perangkat_daerah"),
        "scope": "rpjmd",
        "baru": {j: fields(j, rpjmd) for j in RPJMD_KINDS} if admin else {},
    }, status=400 if errors else 200)
