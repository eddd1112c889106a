"""The budget page: an OPD's DPA of a year as a tree program > kegiatan > sub kegiatan >
rekening lines, with pagu murni and pagu, realisasi and serapan per node, and the printed
totals that do not match the computed ones.

A large DPA shows its sub kegiatan closed, their rekening lines loaded on demand through
``anggaran_sub`` (a fragment; without JavaScript a link reloads the page with that sub
kegiatan open). Both pages use a fixed number of queries whatever the size of the DPA.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from akuntabel.accounts.access import Hak, get_opd_hak_for_user
from akuntabel.budget.forms import read_realisasi_anggaran, shown_amount, stored_error
from akuntabel.budget.models import (
    AnggaranTercetak,
    DpaSubKegiatan,
    RealisasiAnggaranTriwulan,
)
from akuntabel.budget.services import (
    LINES_ROOT,
    ROOT,
    BarisRealisasiAnggaran,
    BudgetTree,
    LineRollup,
    PerTriwulan,
    build_budget_tree,
    build_line_rollup_murni,
    build_pagu_murni,
    build_realisasi_anggaran_grid,
    build_triwulan_sums,
    find_rincian_tidak_sama,
)
from akuntabel.budget.writes import IsianAnggaran, KonflikAnggaran, save_realisasi_anggaran
from akuntabel.common.konflik import KonflikVersi, TriwulanTerkunci
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.common.waktu import format_waktu
from akuntabel.core.anggaran import (
    HasilNode,
    Jumlah,
    Selisih,
    find_induk_tidak_sama,
    selisih_ditandai,
)
from akuntabel.core.angka import format_persen, format_rupiah
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reporting import workflow
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.tembolok import data_opd

# A DPA with at most this many rekening lines is shown whole; a larger one loads the lines
# of a sub kegiatan when it is opened.
INLINE_MAX_LINES = 1000

@dataclass(slots=True)
class Baris:
    """One row of the tree as the template draws it: ``aksi`` is "buka" (a node with
    children: opens a <details>), "daun" (a leaf) or "tutup" (closes the <details>).

    Figures and labels come formatted (``*_teks``): the page may hold thousands of rows, and
    a template filter per cell costs more than the formatting itself."""

    aksi: str
    tingkat: str = ""
    pk: int | None = None
    kode: str = ""
    uraian: str = ""
    kedalaman: str = "0"
    murni_teks: str = ""
    pagu_teks: str = ""
    realisasi_teks: str = ""
    serapan_teks: str = ""
    pagu_tercetak: bool = False       # the amount is the printed one (parts lack amounts)
    realisasi_tercetak: bool = False
    selisih: tuple[str, ...] = ()     # printed amounts that differ, as sentences
    terbuka: bool = False
    lazy_url: str = ""                # a sub kegiatan whose lines are loaded on demand
    lazy_label: str = ""
    tw_html: str = ""                 # the TW I-IV cells, when the year has quarterly values
    selisih_tw: str = ""              # Σ TW I-IV against the annual realisasi, as a sentence

    @property
    def anchor(self) -> str:
        return f"node-{self.tingkat}-{self.pk}"


def render_baris(rows: list[Baris]) -> SafeString:
    """The rows as HTML, one line each, as ``budget/_rekening.html`` places them: built here
    because a template loop over thousands of rows cost more than the rest of the page.
    Every text is escaped (``html.escape``, what Django's ``escape`` does); ``tw_html`` is
    already safe."""
    judul = escape(_("as printed: some parts below have no amount"))
    tercetak = f'<abbr title="{judul}">*</abbr>'
    out: list[str] = []
    add = out.append
    for r in rows:
        if r.aksi == "tutup":
            add("</div></details>\n")
            continue
        anchor = escape(f"node-{r.tingkat}-{r.pk}")
        tingkat, d = escape(r.tingkat), escape(r.kedalaman)
        if r.aksi == "buka":
            rincian = f' data-rincian="{escape(r.lazy_url)}"' if r.lazy_url else ""
            add(f'<details id="{anchor}" class="t-{tingkat}"{" open" if r.terbuka else ""}'
                f'{rincian}><summary class="baris d-{d}">')
        else:
            add(f'<div id="{anchor}" class="baris daun t-{tingkat} d-{d}">')
        add(f'<span class="uraian"><span class="kode">{escape(r.kode)}</span> '
            f'{escape(r.uraian)}')
        for s in r.selisih:
            add(f'<span class="selisih">{escape(s)}</span>')
        if r.selisih_tw:
            add(f'<span class="selisih selisih-tw">{escape(r.selisih_tw)}</span>')
        add(f'</span><span class="num">{escape(r.murni_teks)}</span>'
            f'<span class="num">{escape(r.pagu_teks)}{tercetak if r.pagu_tercetak else ""}'
            f'</span><span class="num">{escape(r.realisasi_teks)}'
            f'{tercetak if r.realisasi_tercetak else ""}</span>'
            f'<span class="num">{escape(r.serapan_teks)}</span>{r.tw_html}')
        if r.aksi == "buka":
            add('</summary><div class="anak">')
            if r.lazy_url:
                add(f'<p class="muat d-{d}"><a href="?sub={escape(str(r.pk))}'
                    f'#{anchor}">{escape(r.lazy_label)}</a></p>')
            add("\n")
        else:
            add("</div>\n")
    return mark_safe("".join(out))  # every text escaped above


def describe_selisih(s: Selisih, tingkat: str) -> str:
    """A printed amount that differs from the computed one, as a sentence."""
    if tingkat == "sub_kegiatan":
        return _("%(ukuran)s in the DPA %(dpa)s ≠ sum of its account lines %(rincian)s") % {
            "ukuran": s.ukuran, "dpa": format_rupiah(s.tercetak),
            "rincian": format_rupiah(s.dihitung)}
    return _("%(ukuran)s printed %(tercetak)s ≠ sum of its parts %(dihitung)s") % {
        "ukuran": s.ukuran, "tercetak": format_rupiah(s.tercetak),
        "dihitung": format_rupiah(s.dihitung)}


def _baris_node(aksi: str, tingkat: str, pk: int | None, kode: str, uraian: str,
                kedalaman: int, hasil: HasilNode, murni: Jumlah | None,
                selisih: list[Selisih], **extra: object) -> Baris:
    return Baris(
        aksi, tingkat, pk, kode, uraian, str(kedalaman),
        format_rupiah(murni.nilai if murni else None), format_rupiah(hasil.pagu.nilai),
        format_rupiah(hasil.realisasi.nilai), format_persen(hasil.serapan),
        hasil.pagu.sumber == "tercetak", hasil.realisasi.sumber == "tercetak",
        tuple(describe_selisih(s, tingkat) for s in selisih),
        **extra)  # type: ignore[arg-type]


def _tw_cells(per_tw: PerTriwulan) -> SafeString:
    """The TW I-IV cells of a row: formatted amounts only (nothing to escape)."""
    return mark_safe("".join(f'<span class="num tw">{format_rupiah(v)}</span>'
                             for v in per_tw))


# Rekening lines carry no quarterly values (they are entered per sub kegiatan).
TW_REKENING = _tw_cells((None, None, None, None))


def _selisih_tw(tahunan: Decimal | None, per_tw: PerTriwulan) -> str:
    selisih = selisih_ditandai(tahunan, per_tw)
    if selisih is None:
        return ""
    return _("TW I–IV sum %(jumlah)s ≠ annual realisation in the DPA %(tahunan)s") % {
        "jumlah": format_rupiah(tahunan + selisih),  # type: ignore[operator]
        "tahunan": format_rupiah(tahunan)}


def _baris_rekening(lines: LineRollup, anggaran: int, murni: dict[str, Jumlah],
                    kedalaman: int, ada_tw: bool = False) -> list[Baris]:
    """The rekening lines of one sub kegiatan, depth first, as rows (with "–" in the TW
    columns when the year has quarterly values: ``ada_tw``)."""
    hasil = lines.hasil.get(anggaran)
    if hasil is None:
        return []
    selisih: dict[str, list[Selisih]] = {}
    for s in find_induk_tidak_sama(hasil):
        selisih.setdefault(s.kunci, []).append(s)
    rows: list[Baris] = []
    stack: list[tuple[str, int, bool]] = [(k, kedalaman, False)
                                          for k in reversed(hasil[LINES_ROOT].anak)]
    while stack:
        kunci, d, tutup = stack.pop()
        if tutup:
            rows.append(Baris("tutup"))
            continue
        node, info = hasil[kunci], lines.info[kunci]
        aksi = "buka" if node.anak else "daun"
        rows.append(_baris_node(aksi, "rekening", info.pk, info.kode, info.uraian, d, node,
                                murni.get(kunci), selisih.get(kunci, []),
                                tw_html=TW_REKENING if ada_tw else ""))
        if node.anak:
            stack.append((kunci, d, True))
            stack.extend((k, d + 1, False) for k in reversed(node.anak))
    return rows


def _baris_pohon(tree: BudgetTree, lines: LineRollup, per_sub: dict[int, int],
                 murni: dict[str, Jumlah],
                 selisih: dict[str, list[Selisih]], inline: bool,
                 buka_sub: int | None, fragment_url: str,
                 tw: dict[str, PerTriwulan]) -> list[Baris]:
    """``fragment_url`` is the fragment's URL with ``{}`` for the sub kegiatan pk; ``tw`` the
    TW I-IV sums by key (empty when the year has no quarterly value: no TW columns)."""
    rows: list[Baris] = []
    tampilkan = _("Show the account lines (%(n)s)")
    for p in tree.children(ROOT):
        rows.append(_node(tree, p, 0, murni, selisih, tw, terbuka=True))
        for k in tree.children(p):
            rows.append(_node(tree, k, 1, murni, selisih, tw, terbuka=True))
            for s in tree.children(k):
                anggaran = tree.anggaran_pk[s]
                n = per_sub.get(anggaran, 0)
                pk = tree.info[s].pk
                show = inline or pk == buka_sub
                lazy = bool(n) and not show
                rows.append(_node(
                    tree, s, 2, murni, selisih, tw, terbuka=pk == buka_sub,
                    lazy_url=fragment_url.format(pk) if lazy else "",
                    lazy_label=tampilkan % {"n": n} if lazy else ""))
                if show:
                    rows.extend(_baris_rekening(lines, anggaran, murni, 3, bool(tw)))
                rows.append(Baris("tutup"))
            rows.append(Baris("tutup"))
        rows.append(Baris("tutup"))
    return rows


def _node(tree: BudgetTree, kunci: str, kedalaman: int, murni: dict[str, Jumlah],
          selisih: dict[str, list[Selisih]], tw: dict[str, PerTriwulan],
          **extra: object) -> Baris:
    info = tree.info[kunci]
    if tw:
        per_tw = tw.get(kunci, (None, None, None, None))
        extra["tw_html"] = _tw_cells(per_tw)
        if info.tingkat == "sub_kegiatan":
            extra["selisih_tw"] = _selisih_tw(tree.hasil[kunci].realisasi.nilai, per_tw)
    return _baris_node("buka", info.tingkat, info.pk, info.kode, info.uraian, kedalaman,
                       tree.hasil[kunci], murni.get(kunci), selisih.get(kunci, []), **extra)


@login_required
def anggaran(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    try:
        buka_sub: int | None = int(request.GET.get("sub", ""))
    except ValueError:
        buka_sub = None
    if buka_sub is not None and not DpaSubKegiatan.objects.filter(
            dpa__perangkat_daerah=opd, dpa__tahun=tahun, sub_kegiatan_id=buka_sub).exists():
        buka_sub = None  # the same page; not an entry of the cache per number asked
    isi = data_opd(opd, tahun, "anggaran", lambda: _isi_anggaran(opd, tahun, buka_sub),
                   buka_sub)  # by data revision: the same for every reader of the OPD
    return render(request, "budget/anggaran.html",
                  {"opd": opd, "tahun": tahun, "hak": hak, **isi})


def _isi_anggaran(opd: PerangkatDaerah, tahun: int, buka_sub: int | None) -> dict[str, object]:
    """What the budget page shows of the DPA (the tree drawn, the totals, the printed amounts
    that differ), the sub kegiatan ``buka_sub`` open; the same for every user who may read it."""
    tree = build_budget_tree(opd, tahun, jumlah_baris=True)
    tw = build_triwulan_sums(opd, tahun, tree)
    per_sub = tree.jumlah_baris or {}
    jumlah_baris = sum(per_sub.values())
    inline = jumlah_baris <= INLINE_MAX_LINES
    # The lines shown: all of them, or only those of the sub kegiatan opened by ?sub=.
    hanya = None if inline else tree.anggaran_pk.get(f"s{buka_sub}", 0)
    lines, murni_lines = build_line_rollup_murni(opd, tahun, hanya)
    murni = build_pagu_murni(opd, tahun, tree, rekening=False) | murni_lines
    selisih_rincian = find_rincian_tidak_sama(tree, lines)
    selisih: dict[str, list[Selisih]] = {}
    for s in find_induk_tidak_sama(tree.hasil):
        selisih.setdefault(s.kunci, []).append(s)
    for kunci, daftar in selisih_rincian.items():
        selisih.setdefault(kunci, []).extend(s for s in daftar if s.kunci == kunci)
    ringkasan = _ringkasan_selisih(tree, lines, selisih, selisih_rincian)
    tercetak = [
        (t, (t.pagu is not None and t.pagu != tree.total.pagu.nilai)
         or (t.realisasi is not None and t.realisasi != tree.total.realisasi.nilai))
        for t in AnggaranTercetak.objects.filter(
            perangkat_daerah=opd, tahun=tahun, program__isnull=True, kegiatan__isnull=True)
    ]
    return {
        "ada_dpa": len(tree.info) > 1,
        "total": tree.total,
        "total_murni": murni.get(ROOT),
        "ada_murni": any(j.nilai is not None for j in murni.values()),
        "rows_html": render_baris(_baris_pohon(
            tree, lines, per_sub, murni, selisih, inline, buka_sub,
            reverse("anggaran_sub", args=[opd.pk, tahun, 0])[:-2] + "{}/", tw)),
        "ada_tw": bool(tw), "total_tw": _tw_cells(tw[ROOT]) if tw else "",
        "total_selisih_tw": _selisih_tw(tree.total.realisasi.nilai, tw[ROOT]) if tw else "",
        "jumlah_selisih_tw": sum(
            1 for k in tree.anggaran_pk
            if k in tw and selisih_ditandai(tree.hasil[k].realisasi.nilai, tw[k]) is not None),
        "triwulan_links": [(r, reverse("anggaran_realisasi", args=[opd.pk, tahun, n]))
                           for n, r in TRIWULAN_ROMAWI.items()],
        "inline": inline, "jumlah_baris": jumlah_baris, "ringkasan": ringkasan,
        "tercetak": tercetak,
    }


def _ringkasan_selisih(tree: BudgetTree, lines: LineRollup, selisih: dict[str, list[Selisih]],
                       rincian: dict[str, list[Selisih]]) -> list[dict[str, object]]:
    """Every printed amount that differs from the computed one, with where it is."""
    out: list[dict[str, object]] = []
    for kunci, daftar in selisih.items():
        info = tree.info[kunci]
        for s in daftar:
            out.append({"info": info, "sub": None, "selisih": s,
                        "anchor": f"node-{info.tingkat}-{info.pk}",
                        "rincian": s.kunci in tree.anggaran_pk})
    for sub_kunci, daftar in rincian.items():
        sub_info = tree.info[sub_kunci]
        for s in daftar:
            if s.kunci == sub_kunci:
                continue
            info = lines.info[s.kunci]
            out.append({"info": info, "sub": sub_info, "selisih": s,
                        "anchor": f"node-rekening-{info.pk}", "rincian": False})
    return out


@login_required
def anggaran_sub(request: HttpRequest, pk: int, tahun: int, sub_pk: int) -> HttpResponse:
    """The rekening lines of one sub kegiatan of the DPA, as a fragment for the budget page."""
    opd, _hak = get_opd_hak_for_user(request.user, pk)
    anggaran_pk = (DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=tahun,
                                                 sub_kegiatan_id=sub_pk)
                   .values_list("pk", flat=True).first())
    if anggaran_pk is None:
        raise Http404
    lines, murni = build_line_rollup_murni(opd, tahun, anggaran_pk)
    ada_tw = RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__dpa__perangkat_daerah=opd, dpa_sub_kegiatan__dpa__tahun=tahun).exists()
    return render(request, "budget/_rekening.html", {
        "opd": opd, "tahun": tahun,
        "rows_html": render_baris(_baris_rekening(lines, anggaran_pk, murni, 3, ada_tw)),
    })


# --- Realisasi anggaran per triwulan: the entry grid ------------------------------------------


def _realisasi_url(opd_pk: int, tahun: int, triwulan: int) -> str:
    return reverse("anggaran_realisasi", args=[opd_pk, tahun, triwulan])


def _rp(nilai: object) -> SafeString:
    """A formatted amount or percentage (digits, separators, "Rp", "–", "%"): nothing to
    escape."""
    return mark_safe(nilai)


@login_required
@require_http_methods(["GET", "POST"])
def anggaran_realisasi(request: HttpRequest, pk: int, tahun: int,
                       triwulan: int) -> HttpResponse:
    """Realisasi anggaran of one triwulan, per sub kegiatan of the DPA: all or nothing, with
    the indicators' grid's guards (versi, the triwulan's lock, the change history)."""
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if triwulan not in TRIWULAN_ROMAWI:
        raise Http404
    tw = TRIWULAN_ROMAWI[triwulan]
    pelaporan = workflow.pelaporan_for(opd, tahun, triwulan)
    rows = build_realisasi_anggaran_grid(opd, tahun, triwulan)
    if request.method != "POST":
        return _render_realisasi(request, opd, hak, tahun, triwulan, pelaporan, rows)
    if request.POST.get("aksi") != "simpan" or not hak.ubah:
        raise PermissionDenied
    if pelaporan.locked:
        return _refuse_locked(request, opd, pelaporan)
    isian = read_realisasi_anggaran(rows, request.POST, triwulan)
    bad = [i for i in isian if i.error]
    if bad:
        messages.error(request, _("Invalid cells: %(n)s; nothing was saved. Fix them and save "
                                  "again.") % {"n": len(bad)})
        return _render_realisasi(request, opd, hak, tahun, triwulan, pelaporan, rows, isian)
    try:
        changed = save_realisasi_anggaran(opd, tahun, triwulan, isian, user=request.user)
    except TriwulanTerkunci as e:   # submitted or verified since we read the status
        return _refuse_locked(request, opd, e.pelaporan)
    except KonflikVersi as e:
        for k in e.konflik:
            messages.error(request, _conflict_message(k, tw))  # type: ignore[arg-type]
        return _render_realisasi(request, opd, hak, tahun, triwulan, pelaporan, rows, isian,
                                 e.konflik)  # type: ignore[arg-type]
    if changed:
        messages.success(request, _("Saved: %(n)s value(s) changed in TW %(tw)s %(tahun)s.")
                         % {"n": changed, "tw": tw, "tahun": tahun})
        _warn_above_pagu(request, opd, tahun, triwulan, {i.baris.anggaran for i in isian
                                                         if i.changed})
    else:
        messages.info(request, _("No value was changed."))
    return redirect(_realisasi_url(opd.pk, tahun, triwulan))


def _warn_above_pagu(request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int,
                     changed: set[int | None]) -> None:
    """Saved, but the realisasi so far of a changed line is above its pagu or has no pagu:
    said now, and flagged on the line (core.anggaran's rules; the review reports them as
    ANG-008 and ANG-009). Not refused: the figure is what was spent, as reported."""
    tw = TRIWULAN_ROMAWI[triwulan]
    for b in build_realisasi_anggaran_grid(opd, tahun, triwulan):
        if b.anggaran not in changed:
            continue
        place = {"baris": b.nomor, "kode": b.tempat, "tw": tw,
                 "kumulatif": format_rupiah(b.kumulatif), "pagu": format_rupiah(b.pagu)}
        if b.melebihi_pagu:
            messages.warning(request, _("Row %(baris)s (%(kode)s): the realisation up to TW "
                                        "%(tw)s, %(kumulatif)s, is above its pagu %(pagu)s. "
                                        "Check the figures; the review reports it.") % place)
        elif b.tanpa_pagu:
            messages.warning(request, _("Row %(baris)s (%(kode)s): a realisation of "
                                        "%(kumulatif)s up to TW %(tw)s but no pagu in the DPA. "
                                        "Check the figures; the review reports it.") % place)


def _refuse_locked(request: HttpRequest, opd: PerangkatDaerah,
                   pelaporan: PelaporanTriwulan) -> HttpResponse:
    messages.error(request, workflow.locked_message(pelaporan))
    return redirect(_realisasi_url(opd.pk, pelaporan.tahun, pelaporan.triwulan))


def _conflict_message(k: KonflikAnggaran, tw: str) -> str:
    pada = format_waktu(k.pada)
    place = {"sub": f"{k.baris.kode} {k.baris.uraian}".strip(), "tw": tw,
             "oleh": k.oleh or _("another user"), "pada": pada}
    if k.sekarang is None:
        return _("Budget realisation TW %(tw)s of '%(sub)s' was removed by someone else after "
                 "you opened this page; your values were not saved.") % place
    return _("Budget realisation TW %(tw)s of '%(sub)s' was changed by %(oleh)s on %(pada)s "
             "after you opened this page; your values were not saved.") % place


def _flags(b: BarisRealisasiAnggaran) -> list[str]:
    """What to check on a sub kegiatan line, as sentences."""
    out = []
    if b.melebihi_pagu:
        out.append(_("realisation so far above the pagu"))
    elif b.tanpa_pagu:
        out.append(_("realisation without pagu"))
    selisih = b.selisih
    if selisih is not None:
        out.append(_("TW I–IV sum %(jumlah)s ≠ annual realisation in the DPA %(tahunan)s")
                   % {"jumlah": format_rupiah(b.tahunan + selisih),  # type: ignore[operator]
                      "tahunan": format_rupiah(b.tahunan)})
    return out


def _render_realisasi(request: HttpRequest, opd: PerangkatDaerah, hak: Hak, tahun: int,
                      triwulan: int, pelaporan: PelaporanTriwulan,
                      rows: list[BarisRealisasiAnggaran],
                      isian: list[IsianAnggaran] | None = None,
                      konflik: list[KonflikAnggaran] | None = None) -> HttpResponse:
    """The grid page; every cell's text is prepared here (the template only places it)."""
    submitted = {i.baris.anggaran: i for i in isian or []}
    current = {k.baris.anggaran: k for k in konflik or []}
    editable = hak.ubah and not pelaporan.locked
    lines = []
    for b in rows:
        i, k = submitted.get(b.anggaran), current.get(b.anggaran)
        versi = ((k.sekarang.versi if k.sekarang else 0) if k else (i.versi if i else b.versi))
        lines.append({
            "b": b,
            "sub": b.anggaran is not None,
            "pagu": _rp(format_rupiah(b.pagu)),
            "sebelumnya": [_rp(format_rupiah(v)) for v in b.sebelumnya],
            "nilai_teks": _rp(format_rupiah(b.nilai)),
            "nilai": i.teks if i else shown_amount(b.nilai),
            "versi": versi,
            "kumulatif": _rp(format_rupiah(b.kumulatif)),
            "serapan": _rp(format_persen(b.serapan)),
            "tahunan": _rp(format_rupiah(b.tahunan)),
            "error": i.error if i else stored_error(b, triwulan),
            "konflik": k,
            "tersimpan": (format_rupiah(k.sekarang.nilai) if k.sekarang else "–") if k else "",
            "flags": _flags(b) if b.anggaran is not None else [],
        })
    subs = [b for b in rows if b.anggaran is not None]
    return render(request, "budget/anggaran_realisasi.html", {
        "opd": opd, "hak": hak, "tahun": tahun, "triwulan": triwulan,
        "tw": TRIWULAN_ROMAWI[triwulan], "tabs": TRIWULAN_ROMAWI.items(),
        "sebelumnya": [TRIWULAN_ROMAWI[t] for t in range(1, triwulan)],
        "pelaporan": pelaporan, "lines": lines, "editable": editable and bool(subs),
        "ada_dpa": bool(subs), "ada_error": any(i.error for i in isian or []),
        "jumlah_sub": len(subs),
    })
