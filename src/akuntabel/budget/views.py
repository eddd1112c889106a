"""The budget page: an OPD's DPA of a year as a tree program > kegiatan > sub kegiatan >
rekening lines, with pagu murni and pagu, realisasi and serapan per node, and the printed
totals that do not match the computed ones.

A large DPA shows its sub kegiatan closed, their rekening lines loaded on demand through
``anggaran_sub`` (a fragment; without JavaScript a link reloads the page with that sub
kegiatan open). Both pages use a fixed number of queries whatever the size of the DPA.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from akuntabel.accounts.access import get_opd_hak_for_user
from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.budget.services import (
    LINES_ROOT,
    ROOT,
    BudgetTree,
    LineRollup,
    build_budget_tree,
    build_line_rollup,
    build_pagu_murni,
    find_rincian_tidak_sama,
)
from akuntabel.core.anggaran import HasilNode, Jumlah, Selisih, find_induk_tidak_sama
from akuntabel.core.angka import format_persen, format_rupiah

# A DPA with at most this many rekening lines is shown whole; a larger one loads the lines
# of a sub kegiatan when it is opened.
INLINE_MAX_LINES = 1000

@dataclass(frozen=True)
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

    @property
    def anchor(self) -> str:
        return f"node-{self.tingkat}-{self.pk}"


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


def _baris_rekening(lines: LineRollup, anggaran: int, murni: dict[str, Jumlah],
                    kedalaman: int) -> list[Baris]:
    """The rekening lines of one sub kegiatan, depth first, as rows."""
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
                                murni.get(kunci), selisih.get(kunci, [])))
        if node.anak:
            stack.append((kunci, d, True))
            stack.extend((k, d + 1, False) for k in reversed(node.anak))
    return rows


def _baris_pohon(tree: BudgetTree, lines: LineRollup, per_sub: dict[int, int],
                 murni: dict[str, Jumlah],
                 selisih: dict[str, list[Selisih]], inline: bool,
                 buka_sub: int | None, fragment_url: str) -> list[Baris]:
    """``fragment_url`` is the fragment's URL with ``{}`` for the sub kegiatan pk."""
    rows: list[Baris] = []
    for p in tree.children(ROOT):
        rows.append(_node(tree, p, 0, murni, selisih, terbuka=True))
        for k in tree.children(p):
            rows.append(_node(tree, k, 1, murni, selisih, terbuka=True))
            for s in tree.children(k):
                anggaran = tree.anggaran_pk[s]
                n = per_sub.get(anggaran, 0)
                pk = tree.info[s].pk
                show = inline or pk == buka_sub
                lazy = bool(n) and not show
                rows.append(_node(
                    tree, s, 2, murni, selisih, terbuka=pk == buka_sub,
                    lazy_url=fragment_url.format(pk) if lazy else "",
                    lazy_label=_("Show the account lines (%(n)s)") % {"n": n} if lazy else ""))
                if show:
                    rows.extend(_baris_rekening(lines, anggaran, murni, 3))
                rows.append(Baris("tutup"))
            rows.append(Baris("tutup"))
        rows.append(Baris("tutup"))
    return rows


def _node(tree: BudgetTree, kunci: str, kedalaman: int, murni: dict[str, Jumlah],
          selisih: dict[str, list[Selisih]], **extra: object) -> Baris:
    info = tree.info[kunci]
    return _baris_node("buka", info.tingkat, info.pk, info.kode, info.uraian, kedalaman,
                       tree.hasil[kunci], murni.get(kunci), selisih.get(kunci, []), **extra)


@login_required
def anggaran(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    try:
        buka_sub = int(request.GET.get("sub", ""))
    except ValueError:
        buka_sub = None
    tree = build_budget_tree(opd, tahun)
    per_sub = dict(DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd,
                                          anggaran__dpa__tahun=tahun)
                   .values("anggaran").annotate(n=Count("pk")).values_list("anggaran", "n"))
    jumlah_baris = sum(per_sub.values())
    inline = jumlah_baris <= INLINE_MAX_LINES
    # The lines shown: all of them, or only those of the sub kegiatan opened by ?sub=.
    hanya = None if inline else tree.anggaran_pk.get(f"s{buka_sub}", 0)
    lines = build_line_rollup(opd, tahun, hanya)
    murni = build_pagu_murni(opd, tahun, tree, hanya)
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
    return render(request, "budget/anggaran.html", {
        "opd": opd, "tahun": tahun, "hak": hak, "ada_dpa": len(tree.info) > 1,
        "total": tree.total,
        "total_murni": murni.get(ROOT),
        "ada_murni": any(j.nilai is not None for j in murni.values()),
        "rows": _baris_pohon(tree, lines, per_sub, murni, selisih, inline, buka_sub,
                             reverse("anggaran_sub", args=[opd.pk, tahun, 0])[:-2] + "{}/"),
        "inline": inline, "jumlah_baris": jumlah_baris, "ringkasan": ringkasan,
        "tercetak": tercetak,
    })


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
    lines = build_line_rollup(opd, tahun, anggaran_pk)
    murni = _murni_lines(opd, tahun, anggaran_pk)
    return render(request, "budget/_rekening.html", {
        "opd": opd, "tahun": tahun, "rows": _baris_rekening(lines, anggaran_pk, murni, 3),
    })


def _murni_lines(opd: object, tahun: int, anggaran_pk: int) -> dict[str, Jumlah]:
    empty = BudgetTree(tahun=tahun, hasil={}, info={}, anggaran_pk={})
    return build_pagu_murni(opd, tahun, empty, anggaran_pk)  # type: ignore[arg-type]
