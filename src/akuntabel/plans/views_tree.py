"""The program tree page of an OPD's Renstra (programs, kegiatan and sub kegiatan picked from
the code list by code or name, each with its indicators and indicative funding per year) and
the Renja grid of a year (targets per year and per triwulan, pagu indikatif), copied from the
Renstra and adjusted. Writes go through ``plans.tree`` and ``plans.renja``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import get_opd_hak_for_user
from akuntabel.core.anggaran import BarisAnggaran, rollup
from akuntabel.core.angka import Angka, format_angka, parse_angka
from akuntabel.core.capaian import Agregasi, aggregate
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans import renja, tree
from akuntabel.plans.forms import PERIODE, TargetForm, nama_periode
from akuntabel.plans.models import (
    TAHUNAN,
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    RenstraAnggaran,
    Sasaran,
    SubKegiatan,
    Target,
)
from akuntabel.plans.services import NoRenstra, renstra_for, tahun_kerja, targets_locked
from akuntabel.plans.structure import StructureError, simpan_target_renstra
from akuntabel.plans.targets import NilaiTarget, TargetBasi, TargetTerkunci
from akuntabel.references.services import cari_nomenklatur

MODEL = {"program": Program, "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}
INDUK = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}
OWNER = {"program": "renstra__perangkat_daerah",
         "kegiatan": "program__renstra__perangkat_daerah",
         "sub_kegiatan": "kegiatan__program__renstra__perangkat_daerah"}
BATAS_CARI = 20   # the picker's answers to a search
BATAS_ANAK = 100  # the children of one parent listed (the largest kegiatan has 70)


# --- reading -----------------------------------------------------------------------------------

def _renstra(opd: PerangkatDaerah, raw: str | None) -> Renstra | None:
    """The Renstra asked for (``?renstra=<pk>``), else the version in force this year, else the
    latest; None when the OPD has none."""
    rows = Renstra.objects.filter(perangkat_daerah=opd).select_related(
        "perangkat_daerah__pemda", "edisi_referensi")
    if raw and raw.isdigit():
        found = rows.filter(pk=int(raw)).first()
        if found is not None:
            return found
    try:
        return renstra_for(opd, tahun_kerja(opd, timezone.localdate()))
    except NoRenstra:
        return rows.first()  # the latest period's latest version


def _node(opd: PerangkatDaerah, tingkat: str, pk: int) -> Any:
    model = MODEL.get(tingkat)
    node = model.objects.filter(pk=pk, **{OWNER[tingkat]: opd}).first() if model else None
    if node is None:
        raise Http404
    return node


def _funding(renstra: Renstra) -> dict[tuple[str, int], dict[int, Decimal | None]]:
    found: dict[tuple[str, int], dict[int, Decimal | None]] = {}
    for row in RenstraAnggaran.objects.filter(
            Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
            | Q(sub_kegiatan__kegiatan__program__renstra=renstra)):
        for name in ("program", "kegiatan", "sub_kegiatan"):
            if getattr(row, f"{name}_id") is not None:
                found.setdefault((name, getattr(row, f"{name}_id")), {})[row.tahun] = row.target
    return found


CHILD = {"program": "kegiatan", "kegiatan": "sub_kegiatan"}


def _tree(renstra: Renstra, galat: dict[str, str], typed: dict[str, str]) -> list[Program]:
    """The Renstra's programs with their kegiatan, sub kegiatan, indicators (with their Renstra
    targets) and funding per year, read in a fixed number of queries."""
    indikator = Indikator.objects.prefetch_related(Prefetch(
        "target", Target.objects.filter(jenis=Target.Jenis.RENSTRA, triwulan=0),
        to_attr="renstra_targets"))
    programs = list(Program.objects.filter(renstra=renstra).select_related("sasaran")
                    .prefetch_related(
                        Prefetch("indikator", indikator),
                        Prefetch("kegiatan__indikator", indikator),
                        Prefetch("kegiatan__sub_kegiatan__indikator", indikator)))
    funding = _funding(renstra)
    years = list(renstra.tahun)
    daftar = tree.referensi_semua(renstra, [
        n.kode for p in programs
        for n in [p, *p.kegiatan.all(), *(s for k in p.kegiatan.all()
                                          for s in k.sub_kegiatan.all())]])

    def decorate(node: Any, tingkat: str) -> None:
        node.tingkat = tingkat
        node.daftar = daftar.get(node.kode)  # the list's kinerja, indikator and satuan
        node.anchor = f"{tingkat}-{node.pk}"
        node.galat = [msg for key, msg in galat.items() if key.startswith(node.anchor + "-")]
        if tingkat in CHILD:  # the form adding a child under it
            child = CHILD[tingkat]
            node.tambah = {"tingkat": child, "place": f"tambah-{child}-{node.pk}"}
            node.tambah["galat"] = " ".join(v for k, v in galat.items()
                                            if k.startswith(node.tambah["place"] + "-"))
            node.tambah["typed"] = typed.get(node.tambah["place"], "")
        per_year = funding.get((tingkat, node.pk), {})
        node.pagu = [(th, per_year.get(th)) for th in years]
        for ind in node.indikator.all():
            by_year = {t.tahun: t for t in ind.renstra_targets}
            ind.per_tahun = [(th, by_year.get(th)) for th in years]

    for p in programs:
        decorate(p, "program")
        for k in p.kegiatan.all():
            decorate(k, "kegiatan")
            for s in k.sub_kegiatan.all():
                decorate(s, "sub_kegiatan")
    return programs


def _cari(renstra: Renstra, q: str, tingkat: str, induk: str) -> list[Any]:
    edisi = tree.edisi_of(renstra)
    if edisi is None or (not q.strip() and not induk):
        return []
    return cari_nomenklatur(edisi, q, tingkat=tingkat or None, induk=induk or None,
                            batas=BATAS_CARI if q.strip() else BATAS_ANAK)


def _form_tambah(kode: str, programs: list[Program]) -> str:
    """The id of the add form a code of the list goes into: the program form for a program,
    the form under its program for a kegiatan, under its kegiatan for a sub kegiatan; "" when
    its parent is not in the tree yet."""
    bagian = kode.split(".")
    if len(bagian) <= 3:
        return "tambah-program"
    for p in programs:
        if len(bagian) == 5 and kode.startswith(p.kode + "."):
            return f"tambah-kegiatan-{p.pk}"
        for k in p.kegiatan.all():
            if len(bagian) > 5 and kode.startswith(k.kode + "."):
                return f"tambah-sub_kegiatan-{k.pk}"
    return ""


def _page(request: HttpRequest, opd: PerangkatDaerah, hak: Any, renstra: Renstra | None, *,
          galat: dict[str, str] | None = None, typed: dict[str, str] | None = None,
          status: int = 200) -> HttpResponse:
    ctx: dict[str, Any] = {"opd": opd, "hak": hak, "renstra": renstra,
                           "tahun": tahun_kerja(opd, timezone.localdate()),
                           "galat": galat or {},
                           "typed": typed or {}}
    if renstra is not None:
        q = request.GET.get("q", "")[:200]
        tingkat = request.GET.get("tingkat", "")
        induk = request.GET.get("induk", "")
        typed = dict(typed or {})
        pakai = request.GET.get("pakai", "")[:60].strip()  # a search result picked
        if pakai and not typed:
            programs = _tree(renstra, {}, {})
            form = _form_tambah(pakai, programs)
            typed[form + "-" if form == "tambah-program" else form] = pakai
        programs = _tree(renstra, galat or {}, typed)
        ctx.update({
            "programs": programs, "years": list(renstra.tahun),
            "tahun": ctx["tahun"] if ctx["tahun"] in renstra.tahun else renstra.tahun_awal,
            "edisi": tree.edisi_of(renstra),
            "sasaran": Sasaran.objects.filter(tujuan__renstra=renstra),
            "semua_renstra": Renstra.objects.filter(perangkat_daerah=opd),
            "q": q, "q_tingkat": tingkat if tingkat in MODEL else "", "q_induk": induk,
            "induk_pilihan": [(p.kode, p) for p in programs]
            + [(k.kode, k) for p in programs for k in p.kegiatan.all()],
            "hasil": [(h, _form_tambah(h.kode, programs)) for h in _cari(
                renstra, q, tingkat if tingkat in MODEL else "", induk)] if q or induk else [],
            "dicari": bool(q or induk),
            "tambah_program": {"tingkat": "program", "place": "tambah-program-",
                               "galat": " ".join(v for k, v in (galat or {}).items()
                                                 if k.startswith("tambah-program--")),
                               "typed": typed.get("tambah-program-", "")},
        })
    return render(request, "plans/tree_page.html", ctx, status=status)


@login_required
def program_tree(request: HttpRequest, pk: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    return _page(request, opd, hak, _renstra(opd, request.GET.get("renstra")))


@login_required
def program_cari(request: HttpRequest, pk: int) -> JsonResponse:
    """The picker's search as you type: codes of the Renstra's edition matching ``q``."""
    opd, _hak = get_opd_hak_for_user(request.user, pk)
    renstra = _renstra(opd, request.GET.get("renstra"))
    if renstra is None:
        return JsonResponse({"hasil": []})
    tingkat = request.GET.get("tingkat", "")
    hasil = _cari(renstra, request.GET.get("q", "")[:200], tingkat if tingkat in MODEL else "",
                  request.GET.get("induk", "")[:40])
    return JsonResponse({"hasil": [{"kode": h.kode, "nama": h.nama, "tingkat": h.tingkat}
                                   for h in hasil]})


# --- writing -----------------------------------------------------------------------------------

def _editor(request: HttpRequest, pk: int) -> tuple[PerangkatDaerah, Any]:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    return opd, hak


def _back(opd: PerangkatDaerah, renstra: Renstra, anchor: str = "") -> HttpResponse:
    url = reverse("program_tree", args=[opd.pk]) + f"?renstra={renstra.pk}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def program_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    opd, hak = _editor(request, pk)
    renstra = _renstra(opd, request.POST.get("renstra"))
    if renstra is None:
        raise Http404
    tingkat = request.POST.get("tingkat", "")
    if tingkat not in MODEL:
        raise Http404
    kode, alasan = request.POST.get("kode", "")[:60], request.POST.get("alasan", "")[:2000]
    how = {"nama_tercetak": request.POST.get("nama_tercetak", "")[:500],
           "dengan_indikator": request.POST.get("dengan_indikator") == "1",
           "indikator_sendiri": (request.POST.get("indikator_uraian", "")[:6000],
                                 request.POST.get("indikator_satuan", "")[:200]),
           "user": request.user, "alasan": alasan}
    place = f"tambah-{tingkat}-{request.POST.get('induk', '')}"
    try:
        if tingkat == "program":
            node = tree.tambah_program(renstra, kode,
                                       sasaran=_sasaran(request.POST.get("sasaran", "")), **how)
        else:
            induk = _node(opd, INDUK[tingkat], _int(request.POST.get("induk")))
            if tree.renstra_of(induk).pk != renstra.pk:
                raise Http404
            add = tree.tambah_kegiatan if tingkat == "kegiatan" else tree.tambah_sub_kegiatan
            node = add(induk, kode, **how)
    except tree.NodeRefused as refused:
        return _page(request, opd, hak, renstra, galat={f"{place}-{refused.field}":
                                                        refused.pesan},
                     typed={place: kode}, status=400)
    messages.success(request, _("%(kode)s %(nama)s added.") % {"kode": node.kode,
                                                              "nama": node.nama})
    if how["dengan_indikator"] and not node.indikator.exists():
        messages.warning(request, _("The code list has no indicator for %(kode)s; write its own "
                                    "indicator (Change → Own indicator).") % {"kode": node.kode})
    return _back(opd, renstra, f"{tingkat}-{node.pk}")


def _sasaran(raw: str) -> Sasaran | None:
    """The sasaran chosen (None: none); one of another Renstra is refused by ``plans.tree``."""
    if not raw.strip():
        return None
    found = Sasaran.objects.select_related("tujuan").filter(pk=_int(raw.strip())).first()
    if found is None:
        raise tree.NodeRefused("sasaran", _("The chosen objective no longer exists; reload the "
                                            "page."))
    return found


def _int(raw: str | None) -> int:
    if raw is None or not raw.isdigit():
        raise Http404
    return int(raw)


def _refused_on_node(request: HttpRequest, opd: PerangkatDaerah, hak: Any, node: Any,
                     tingkat: str, refused: tree.NodeRefused) -> HttpResponse:
    return _page(request, opd, hak, tree.renstra_of(node),
                 galat={f"{tingkat}-{node.pk}-{refused.field}": refused.pesan}, status=400)


@login_required
@require_POST
def node_hapus(request: HttpRequest, pk: int, tingkat: str, node_pk: int) -> HttpResponse:
    opd, hak = _editor(request, pk)
    node = _node(opd, tingkat, node_pk)
    renstra = tree.renstra_of(node)
    label = str(node)
    try:
        tree.hapus_node(node, user=request.user, alasan=request.POST.get("alasan", "")[:2000])
    except tree.NodeRefused as refused:
        return _refused_on_node(request, opd, hak, node, tingkat, refused)
    messages.success(request, _("%(node)s removed.") % {"node": label})
    return _back(opd, renstra)


@login_required
@require_POST
def node_ubah(request: HttpRequest, pk: int, tingkat: str, node_pk: int) -> HttpResponse:
    opd, hak = _editor(request, pk)
    node = _node(opd, tingkat, node_pk)
    alasan = request.POST.get("alasan", "")[:2000]
    try:
        with transaction.atomic():  # the printed name, the note and the sasaran together
            tree.ubah_node(node, nama_tercetak=request.POST.get("nama_tercetak", "")[:500],
                           catatan=request.POST.get("catatan", "")[:2000], user=request.user,
                           alasan=alasan)
            if tingkat == "program" and "sasaran" in request.POST:
                sasaran = _sasaran(request.POST["sasaran"])
                if sasaran != node.sasaran:
                    tree.pindah_program(node, sasaran, user=request.user, alasan=alasan)
    except tree.NodeRefused as refused:
        return _refused_on_node(request, opd, hak, node, tingkat, refused)
    messages.success(request, _("%(node)s saved.") % {"node": node})
    return _back(opd, tree.renstra_of(node), f"{tingkat}-{node.pk}")


@login_required
@require_POST
def node_indikator(request: HttpRequest, pk: int, tingkat: str, node_pk: int) -> HttpResponse:
    opd, hak = _editor(request, pk)
    node = _node(opd, tingkat, node_pk)
    try:
        if "uraian" in request.POST:  # the planner's own text
            indikator = tree.tambah_indikator(
                node, request.POST["uraian"][:6000], request.POST.get("satuan", "")[:200],
                user=request.user, alasan=request.POST.get("alasan", "")[:2000])
        else:
            indikator = tree.tambah_indikator_referensi(node, user=request.user)
    except tree.NodeRefused as refused:
        return _refused_on_node(request, opd, hak, node, tingkat, refused)
    messages.success(request, _("Indicator “%(uraian)s” added; complete its definition and "
                                "targets on its page.") % {"uraian": indikator.uraian})
    return _back(opd, tree.renstra_of(node), f"{tingkat}-{node.pk}")


@login_required
@require_POST
def indikator_target(request: HttpRequest, pk: int, indikator_pk: int) -> HttpResponse:
    """The Renstra targets per year of an indicator of the program tree (through
    ``plans.structure.simpan_target_renstra``, hence ``write_targets``)."""
    opd, hak = _editor(request, pk)
    indikator = Indikator.objects.filter(
        Q(program__isnull=False) | Q(kegiatan__isnull=False) | Q(sub_kegiatan__isnull=False),
        pk=indikator_pk, perangkat_daerah=opd).first()
    if indikator is None:
        raise Http404
    node = indikator.node
    tingkat = tree.TINGKAT[type(node)]
    renstra = tree.renstra_of(node)
    typed = {th: request.POST[f"target_{th}"][:300] for th in renstra.tahun
             if f"target_{th}" in request.POST}
    versi = {th: _versi(request.POST.get(f"versi_{th}")) for th in typed}
    try:
        changed = simpan_target_renstra(indikator, typed, versi, user=request.user,
                                        alasan=request.POST.get("alasan", "")[:2000])
    except StructureError as refused:
        pesan = "; ".join(refused.errors.values())
    except TargetBasi as basi:
        pesan = _("A target of “%(indikator)s” was changed by %(oleh)s after you opened this "
                  "page, so nothing was saved; the page now shows the current values.") % {
            "indikator": indikator, "oleh": basi.oleh or _("another user")}
    else:
        if changed:
            messages.success(request, _("%(n)s Renstra target(s) of “%(indikator)s” saved.")
                             % {"n": changed, "indikator": indikator})
        else:
            messages.info(request, _("Nothing changed."))
        return _back(opd, renstra, f"{tingkat}-{node.pk}")
    return _page(request, opd, hak, renstra,
                 galat={f"{tingkat}-{node.pk}-target": f"{indikator}: {pesan}"}, status=400)


def _versi(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else 0


def _rupiah(teks: str, tempat: str) -> Decimal | None:
    """An amount typed the Indonesian way ("Rp 1.500.000"); None for empty."""
    teks = teks.strip()
    if not teks:
        return None
    hasil = parse_angka(teks.removeprefix("Rp").removeprefix("rp").strip())
    if not isinstance(hasil, Angka):
        raise tree.NodeRefused(tempat, _("'%(teks)s' is not an amount; write it like "
                                         "1.500.000.") % {"teks": teks})
    return hasil.nilai


@login_required
@require_POST
def node_pagu(request: HttpRequest, pk: int, tingkat: str, node_pk: int) -> HttpResponse:
    opd, hak = _editor(request, pk)
    node = _node(opd, tingkat, node_pk)
    renstra = tree.renstra_of(node)
    try:
        values = {th: _rupiah(request.POST[f"pagu_{th}"][:60], f"pagu_{th}")
                  for th in renstra.tahun if f"pagu_{th}" in request.POST}
        with transaction.atomic():
            changed = sum(tree.tulis_pagu_indikatif(node, th, nilai, user=request.user,
                                                    alasan=request.POST.get("alasan", "")[:2000])
                          for th, nilai in values.items())
    except tree.NodeRefused as refused:
        return _refused_on_node(request, opd, hak, node, tingkat, refused)
    if changed:
        messages.success(request, _("Indicative funding of %(kode)s saved.") % {"kode": node.kode})
    else:
        messages.info(request, _("Nothing changed."))
    return _back(opd, renstra, f"{tingkat}-{node.pk}")


# --- the Renja grid ----------------------------------------------------------------------------

class PaguForm(forms.Form):
    """One node's Renja ceiling as typed, the version read and the reason of a change."""

    pagu = forms.CharField(required=False, max_length=60,
                           widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 14}))
    versi = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    alasan = forms.CharField(required=False, max_length=2000)


def _renja_rows(renstra: Renstra, tahun: int, data: Any = None) -> list[dict[str, Any]]:
    """The grid's rows: every node of the plan in order, with its indicators' target forms and,
    for a sub kegiatan (or a program or kegiatan with nothing under it yet), its ceiling form;
    a program's or kegiatan's ceiling is the sum of its children's (``core.anggaran.rollup``),
    a value recorded for it beside (copied from the Renstra) and marked when it differs."""
    indikator = list(renja.indikator_renstra(renstra).select_related(
        "tujuan", "sasaran__tujuan", "program", "kegiatan__program",
        "sub_kegiatan__kegiatan__program"))
    targets: dict[int, dict[tuple[str, int], Target]] = {}
    for t in Target.objects.filter(indikator__in=indikator, tahun=tahun,
                                   jenis__in=[Target.Jenis.RENSTRA, Target.Jenis.RENJA]):
        targets.setdefault(t.indikator_id, {})[t.jenis, t.triwulan] = t
    by_node: dict[tuple[str, int], list[Indikator]] = {}
    for ind in indikator:
        for name in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"):
            if getattr(ind, f"{name}_id"):
                by_node.setdefault((name, getattr(ind, f"{name}_id")), []).append(ind)
    funding = _funding(renstra)
    pagu = renja.pagu_renja(renstra, tahun)
    rows: list[dict[str, Any]] = []

    baris: list[BarisAnggaran] = []

    def add(node: Any, tingkat: str, depth: int, induk: str | None = None,
            leaf: bool = True) -> None:
        forms_ = []
        for ind in by_node.get((tingkat, node.pk), []):
            mine = targets.get(ind.pk, {})
            renja_rows = {tw: t for (j, tw), t in mine.items() if j == Target.Jenis.RENJA}
            prefix = f"i{ind.pk}"
            form = (TargetForm(data, indikator=ind, prefix=prefix) if data is not None
                    else _target_form(ind, renja_rows, prefix))
            for tw in PERIODE:  # the grid's cells are named by row and column for readers
                form.fields[f"nilai_{tw}"].widget.attrs["aria-label"] = \
                    f"{ind} — {nama_periode(tw)}"
            form.fields["alasan"].widget.attrs.update({"rows": 1, "cols": 24,
                                                       "aria-label": f"{ind} — {_('Reason')}"})
            forms_.append({"indikator": ind, "form": form, "renja": renja_rows,
                           "renstra": mine.get((Target.Jenis.RENSTRA, 0)),
                           "dari_triwulan": _dari_triwulan(ind, renja_rows),
                           # where its aggregation is changed: the Renstra editor's indicator
                           "ubah_agregasi": (reverse("renstra_editor", args=[renstra.pk])
                                             + f"#indikator-{ind.pk}"
                                             if tingkat in ("tujuan", "sasaran") else "")})
        row: dict[str, Any] = {"node": node, "tingkat": tingkat, "depth": depth,
                               "targets": forms_}
        if tingkat in MODEL:
            ada = pagu.get((tingkat, node.pk))
            prefix = f"p-{tingkat}-{node.pk}"
            row["renstra_pagu"] = funding.get((tingkat, node.pk), {}).get(tahun)
            row["kunci"] = f"{tingkat}-{node.pk}"
            baris.append(BarisAnggaran(row["kunci"], induk,
                                       ada.pagu_indikatif if ada else None, None))
            row["tercatat"] = ada.pagu_indikatif if ada else None
        if tingkat in MODEL and leaf:  # a parent's ceiling is the sum of its children's
            row["pagu"] = PaguForm(data, prefix=prefix) if data is not None else PaguForm(
                prefix=prefix, initial={"versi": ada.versi if ada else 0,
                                        "pagu": format_angka(ada.pagu_indikatif)
                                        if ada and ada.pagu_indikatif is not None else ""})
            row["pagu"].fields["alasan"].widget.attrs["aria-label"] = \
                f"{node.kode} — {_('Reason')}"
        rows.append(row)

    for tujuan in renstra.tujuan.prefetch_related("sasaran"):
        add(tujuan, "tujuan", 0)
        for sasaran in tujuan.sasaran.all():
            add(sasaran, "sasaran", 1)
    for program in Program.objects.filter(renstra=renstra).prefetch_related(
            "kegiatan__sub_kegiatan"):
        add(program, "program", 0, leaf=not program.kegiatan.all())
        for kegiatan in program.kegiatan.all():
            add(kegiatan, "kegiatan", 1, f"program-{program.pk}",
                leaf=not kegiatan.sub_kegiatan.all())
            for sub in kegiatan.sub_kegiatan.all():
                add(sub, "sub_kegiatan", 2, f"kegiatan-{kegiatan.pk}")
    hasil = rollup(baris)
    for row in rows:
        if "kunci" in row and "pagu" not in row:
            row["jumlah"] = hasil[row["kunci"]].pagu
            row["berbeda"] = (row["tercatat"] is not None and row["jumlah"].sumber == "data"
                              and row["jumlah"].nilai != row["tercatat"])
    return rows


def _dari_triwulan(ind: Indikator, rows: dict[int, Target]) -> Decimal | None:
    """The year the four quarterly Renja targets give by the indicator's aggregation
    (``core.capaian.aggregate``), when all four are set and it is not the year's target; None
    otherwise (nothing to point out)."""
    tahunan = rows.get(TAHUNAN)
    per_tw = [rows[tw].nilai if tw in rows else None for tw in (1, 2, 3, 4)]
    if tahunan is None or tahunan.nilai is None or None in per_tw:
        return None
    dari = aggregate(per_tw, Agregasi(ind.agregasi))
    return dari if dari != tahunan.nilai else None


def _target_form(ind: Indikator, rows: dict[int, Target], prefix: str) -> TargetForm:
    form = TargetForm.for_rows(ind, rows)
    form.prefix = prefix
    return form


def _renja_renstra(opd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra version the year is planned and measured against."""
    try:
        return renstra_for(opd, tahun)
    except NoRenstra:
        return None


def _renja_page(request: HttpRequest, opd: PerangkatDaerah, hak: Any, renstra: Renstra,
                tahun: int, rows: list[dict[str, Any]], *, galat: str = "",
                status: int = 200) -> HttpResponse:
    return render(request, "plans/renja_grid.html", {
        "opd": opd, "hak": hak, "renstra": renstra, "tahun": tahun, "rows": rows,
        "years": list(renstra.tahun), "periode": PERIODE, "galat": galat,
        "locked": targets_locked(opd, tahun)}, status=status)


@login_required
def renja_grid(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    renstra = _renja_renstra(opd, tahun)
    if renstra is None:
        if request.method == "POST" and not hak.ubah:
            raise PermissionDenied
        return render(request, "plans/renja_grid.html", {
            "opd": opd, "hak": hak, "renstra": None, "tahun": tahun}, status=404)
    if request.method == "POST":
        return _renja_save(request, opd, hak, renstra, tahun)
    return _renja_page(request, opd, hak, renstra, tahun, _renja_rows(renstra, tahun))


def _renja_save(request: HttpRequest, opd: PerangkatDaerah, hak: Any, renstra: Renstra,
                tahun: int) -> HttpResponse:
    if not hak.ubah:
        raise PermissionDenied
    rows = _renja_rows(renstra, tahun, request.POST)
    valid = all([t["form"].is_valid() for r in rows for t in r["targets"]]
                + [r["pagu"].is_valid() for r in rows if "pagu" in r])
    if not valid:
        return _renja_page(request, opd, hak, renstra, tahun, rows, status=400)
    baru_t, baru_p = [], []
    for r in rows:
        for t in r["targets"]:
            form, ind = t["form"], t["indikator"]
            values = [NilaiTarget(ind, Target.Jenis.RENJA, tahun, tw, t["renja"].get(tw),
                                  form.cleaned_data[f"versi_{tw}"],
                                  *(v if v is not None else ("", None, None)))
                      for tw, v in form.values().items()]
            baru_t.append(renja.TargetBaru(values, form.cleaned_data["alasan"],
                                           f"{form.prefix}-alasan"))
        if "pagu" in r:
            form = r["pagu"]
            try:
                nilai = _rupiah(form.cleaned_data["pagu"], "pagu")
            except tree.NodeRefused as refused:
                form.add_error("pagu", refused.pesan)
                return _renja_page(request, opd, hak, renstra, tahun, rows, status=400)
            baru_p.append(renja.PaguBaru(r["node"], nilai, form.cleaned_data["versi"],
                                         form.cleaned_data["alasan"], f"{form.prefix}-pagu"))
    try:
        changed = renja.simpan_renja(renstra, tahun, baru_t, baru_p, user=request.user)
    except renja.RenjaRefused as refused:
        _place_errors(rows, refused.errors)
        return _renja_page(request, opd, hak, renstra, tahun, rows, status=400,
                           galat=refused.errors.get("__all__", ""))
    except TargetTerkunci:
        return _renja_page(request, opd, hak, renstra, tahun, rows, status=409, galat=_(
            "The targets of %(tahun)s are locked because the Performance Agreement has been "
            "signed; change them through an amended Performance Agreement.")
            % {"tahun": tahun})
    except TargetBasi as basi:
        return _renja_page(request, opd, hak, renstra, tahun, _renja_rows(renstra, tahun),
                           status=409, galat=_(
                               "A target of “%(indikator)s” was changed by %(oleh)s after you "
                               "opened this page, so nothing was saved; the grid now shows "
                               "the current values.") % {
                               "indikator": basi.nilai.indikator if basi.nilai else "",
                               "oleh": basi.oleh or _("another user")})
    if changed:
        messages.success(request, _("%(n)s value(s) of the Renja %(tahun)s saved.")
                         % {"n": changed, "tahun": tahun})
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("renja_grid", pk=opd.pk, tahun=tahun)


def _place_errors(rows: list[dict[str, Any]], errors: dict[str, str]) -> None:
    """Put each refused place's message on its form field."""
    for r in rows:
        for t in r["targets"]:
            form = t["form"]
            if (msg := errors.get(f"{form.prefix}-alasan")) is not None:
                form.add_error("alasan", msg)
        if "pagu" in r:
            form = r["pagu"]
            for suffix, name in (("-pagu", "pagu"), ("-pagu_alasan", "alasan")):
                if (msg := errors.get(f"{form.prefix}{suffix}")) is not None:
                    form.add_error(name, msg)


@login_required
@require_POST
def renja_salin(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, _hak = _editor(request, pk)
    renstra = _renja_renstra(opd, tahun)
    if renstra is None:
        raise Http404
    try:
        n_target, n_pagu = renja.salin_dari_renstra(renstra, tahun, user=request.user)
    except TargetTerkunci:
        messages.error(request, _("The targets of %(tahun)s are locked because the "
                                  "Performance Agreement has been signed.") % {"tahun": tahun})
        return redirect("renja_grid", pk=opd.pk, tahun=tahun)
    messages.success(request, _("Copied from the Renstra: %(t)s target(s) and %(p)s "
                                "indicative ceiling(s); values already in the Renja were "
                                "kept.") % {"t": n_target, "p": n_pagu})
    return redirect("renja_grid", pk=opd.pk, tahun=tahun)
