"""The public pohon kinerja (performance tree) of a pemda and year: the RPJMD's visi and misi,
its tujuan and sasaran daerah with the IKU of the pemda, the agencies' tujuan and sasaran that
serve each sasaran daerah, their programs (and, when asked, kegiatan), each node with its
indicators. The figures are the portal's own (``portal.data``: verified only, indicators an
agency hides left out); this module only arranges them into a tree, a page and its table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from akuntabel.core.pohon import JENJANG, HasilPohon
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans import pohon as plans_pohon
from akuntabel.plans.cascade import tingkat_warna
from akuntabel.plans.models import (
    NODE_FIELDS,
    Kegiatan,
    Misi,
    Program,
    Sasaran,
    SasaranDaerah,
    Tujuan,
    TujuanDaerah,
)
from akuntabel.plans.pohon_svg import render_pohon_svg
from akuntabel.plans.services import renstra_in_force
from akuntabel.portal import data
from akuntabel.portal.tabel import _SUMBER, Kolom, Tabel, ke_csv, ke_xlsx, sumber_angka
from akuntabel.portal.views import TIPE, _pemda, _Saring, _tembolok
from akuntabel.references.services import skala_for

LABEL: dict[str, Promise] = {
    "misi": _("Mission"), "tujuan_daerah": _("Regional goal"),
    "sasaran_daerah": _("Regional objective"), "lepas": _("Not linked to the RPJMD"),
    "tujuan": _("Agency goal"), "sasaran": _("Agency objective"), "program": _("Program"),
    "kegiatan": _("Activity"),
}
DAERAH = ("misi", "tujuan_daerah", "sasaran_daerah", "lepas")  # the pemda's own levels


@dataclass
class Simpul:
    """A node of the tree: its kind (a key of ``LABEL``), id (``sasaran-12``), code, text, the
    agency it belongs to (none for the pemda's levels), its indicators with the year's figure
    and its children."""

    jenis: str
    id: str
    kode: str
    uraian: str
    opd: PerangkatDaerah | None = None
    indikator: list[tuple[data.BarisIndikator, data.Angka | None]] = field(default_factory=list)
    anak: list[Simpul] = field(default_factory=list)
    h: int = 3   # its heading level on the page (h3 … h6; the list's nesting says the rest)

    @property
    def label(self) -> Promise:
        return LABEL[self.jenis]


@dataclass
class Pohon:
    tahun: int
    visi: str
    akar: list[Simpul]

    def semua(self) -> Iterator[tuple[Simpul, Simpul | None]]:
        """Every node with its parent, parents first (the table's order)."""
        tumpukan: list[tuple[Simpul, Simpul | None]] = [(s, None) for s in reversed(self.akar)]
        while tumpukan:
            s, induk = tumpukan.pop()
            yield s, induk
            tumpukan.extend((a, s) for a in reversed(s.anak))


def _renstra_berlaku(opd_pks: list[int], tahun: int) -> dict[int, int]:
    """Per OPD, the pk of its Renstra version in force in ``tahun`` (one query)."""
    sub = Subquery(renstra_in_force(OuterRef("pk"), tahun).values("pk")[:1])
    return {o: r for o, r in PerangkatDaerah.objects.filter(pk__in=opd_pks)
            .annotate(r=sub).values_list("pk", "r") if r is not None}


def _indikator(pemda: Pemda, opd_pks: list[int], tahun: int
               ) -> dict[str, list[tuple[data.BarisIndikator, data.Angka | None]]]:
    """The public indicators of the OPD with the year's figure, by the id of their node."""
    ind = data.indikator_publik(opd_pks, tahun, hanya_iku=False)
    rows = {r.pk: r for r in data.baris_opd(pemda, ind, tahun, [tahun], timezone.localdate())}
    out: dict[str, list[tuple[data.BarisIndikator, data.Angka | None]]] = defaultdict(list)
    for i in ind:
        jenis = next(f for f in NODE_FIELDS if getattr(i, f"{f}_id") is not None)
        row = rows[i.pk]
        out[f"{jenis}-{getattr(i, f'{jenis}_id')}"].append((row, row.tahun_ini(tahun)))
    return out


def build_pohon(pemda: Pemda, tahun: int, *, opd: int | None = None,
                kegiatan: bool = False) -> Pohon:
    """The tree of ``tahun`` (of one agency's part of it with ``opd``; kegiatan with
    ``kegiatan``). A fixed number of queries whatever the number of agencies."""
    rpjmd = data.rpjmd_of(pemda, tahun)
    if rpjmd is None:
        return Pohon(tahun, "", [])
    opds = {o.pk: o for o in pemda.perangkat_daerah.all() if opd is None or o.pk == opd}
    renstra = list(_renstra_berlaku(list(opds), tahun).values())
    ind = _indikator(pemda, list(opds), tahun)

    def simpul(jenis: str, obj: object, kode: str, uraian: str, opd_pk: int | None = None,
               anak: list[Simpul] | None = None) -> Simpul:
        sid = f"{jenis}-{obj.pk}"  # type: ignore[attr-defined]
        return Simpul(jenis, sid, kode, uraian, opds.get(opd_pk) if opd_pk else None,
                      ind.get(sid, []), anak or [])

    keg: dict[int, list[Simpul]] = defaultdict(list)
    if kegiatan:
        for k in (Kegiatan.objects.filter(program__renstra__in=renstra)
                  .select_related("program__renstra").order_by("program", "urutan", "pk")):
            if k.is_aktif(tahun):
                keg[k.program_id].append(simpul("kegiatan", k, k.kode, k.nama,
                                                k.program.renstra.perangkat_daerah_id))
    prog: dict[int | None, list[Simpul]] = defaultdict(list)
    for p in (Program.objects.filter(renstra__in=renstra).select_related("renstra")
              .order_by("renstra__perangkat_daerah__nama", "urutan", "pk")):
        if p.is_aktif(tahun):
            prog[p.sasaran_id].append(simpul("program", p, p.kode, p.nama,
                                             p.renstra.perangkat_daerah_id, keg[p.pk]))
    sasaran_daerah = {s.pk: s for s in SasaranDaerah.objects.filter(tujuan_daerah__rpjmd=rpjmd)}
    # Per sasaran daerah (None: none of this RPJMD), the agencies' tujuan with those of their
    # sasaran that serve it; the tujuan repeats under each sasaran daerah its sasaran serve.
    melayani: dict[int | None, dict[int, Simpul]] = defaultdict(dict)
    for s in (Sasaran.objects.filter(tujuan__renstra__in=renstra)
              .select_related("tujuan__renstra")
              .order_by("tujuan__renstra__perangkat_daerah__nama", "tujuan__urutan",
                        "tujuan__pk", "urutan", "pk")):
        t = s.tujuan
        sd = s.sasaran_daerah_id if s.sasaran_daerah_id in sasaran_daerah else None
        if t.pk not in melayani[sd]:
            melayani[sd][t.pk] = simpul("tujuan", t, t.kode, t.uraian,
                                        t.renstra.perangkat_daerah_id)
        melayani[sd][t.pk].anak.append(simpul("sasaran", s, s.kode, s.uraian,
                                              t.renstra.perangkat_daerah_id, prog.pop(s.pk, [])))
    for t in (Tujuan.objects.filter(renstra__in=renstra, sasaran__isnull=True)
              .select_related("renstra")):   # a tujuan with no sasaran yet
        melayani[None][t.pk] = simpul("tujuan", t, t.kode, t.uraian,
                                      t.renstra.perangkat_daerah_id)

    today = timezone.localdate()
    iku = data.iku_daerah(pemda, tahun)
    iku_rows = {r.pk: r for r in data.baris_daerah(pemda, iku, [tahun], today)}
    iku_of: dict[int, list[tuple[data.BarisIndikator, data.Angka | None]]] = defaultdict(list)
    for i in iku:
        iku_of[i.sasaran_daerah_id].append((iku_rows[i.pk], iku_rows[i.pk].tahun_ini(tahun)))
    tujuan_daerah: dict[int | None, list[Simpul]] = defaultdict(list)
    sd_of: dict[int, list[Simpul]] = defaultdict(list)
    for sd in sasaran_daerah.values():
        node = simpul("sasaran_daerah", sd, sd.kode, sd.uraian,
                      anak=list(melayani.get(sd.pk, {}).values()))
        node.indikator = iku_of[sd.pk]
        sd_of[sd.tujuan_daerah_id].append(node)
    for td in TujuanDaerah.objects.filter(rpjmd=rpjmd).order_by("urutan", "pk"):
        tujuan_daerah[td.misi_id].append(simpul("tujuan_daerah", td, td.kode, td.uraian,
                                                anak=sd_of[td.pk]))
    akar = [simpul("misi", m, str(m.nomor), m.uraian, anak=tujuan_daerah[m.pk])
            for m in Misi.objects.filter(rpjmd=rpjmd).order_by("nomor")]
    lepas = [*tujuan_daerah[None], *melayani.get(None, {}).values(),
             *(p for ps in prog.values() for p in ps)]
    if lepas:
        akar.append(Simpul("lepas", "lepas", "", str(_("Agencies' goals and programs not "
                                                       "linked to a regional objective")),
                           anak=lepas))
    if opd is not None:
        akar = _pangkas(akar)
    pohon = Pohon(tahun, rpjmd.visi, akar)
    for s, induk in pohon.semua():
        s.h = min(induk.h + 1, 6) if induk else 3
    return pohon


def _pangkas(nodes: list[Simpul]) -> list[Simpul]:
    """The pemda's levels that lead to an agency's node (the tree filtered by an agency)."""
    out = []
    for s in nodes:
        if s.jenis in DAERAH:
            s.anak = _pangkas(s.anak)
            if not s.anak:
                continue
        out.append(s)
    return out


def tabel_pohon(pohon: Pohon) -> Tabel:
    """The table behind the tree: one row per node and indicator (a node without indicator
    once), with its parent's id so the tree can be rebuilt."""
    kolom = (Kolom("tingkat", "string", "Level: misi, tujuan_daerah, sasaran_daerah, tujuan, "
                                        "sasaran, program, kegiatan (lepas: not linked to "
                                        "the RPJMD)."),
             Kolom("id", "string", "The node's id: its level and database key."),
             Kolom("induk", "string", "The id of the node it serves (empty at the top)."),
             Kolom("uraian", "string", "The node as worded in the RPJMD or Renstra."),
             Kolom("kode", "string", "Its code (kode), if any."),
             Kolom("opd_kode", "string", "Key of the perangkat daerah (opd.kode); empty for "
                                         "the pemda's levels."),
             Kolom("opd_nama", "string", "Name of the perangkat daerah."),
             Kolom("indikator_kode", "string", "Key of the indicator (an IKU of the pemda on "
                                               "a sasaran daerah)."),
             Kolom("indikator_uraian", "string", "The indicator as worded."),
             Kolom("satuan", "string", "Unit of the indicator."),
             Kolom("tahun", "integer", "Year of the figure."),
             Kolom("target", "number", "Target of the year in force."),
             Kolom("realisasi", "number", "Realisasi of the year, only when verified or as "
                                          "a published final LKjIP holds it (sumber_angka)."),
             Kolom("capaian", "number", "Capaian in percent, computed by Akuntabel."),
             Kolom("peringkat", "string", "Band of the capaian on the pemda's scale."), _SUMBER)
    baris = []
    for s, induk in pohon.semua():
        simpul = (s.jenis, s.id, induk.id if induk else "", s.uraian, s.kode,
                  s.opd.kode if s.opd else "", s.opd.nama if s.opd else "")
        if not s.indikator:
            baris.append((*simpul, "", "", "", pohon.tahun, None, None, None, "", ""))
        for r, a in s.indikator:
            baris.append((*simpul, r.kode, r.uraian, r.satuan, pohon.tahun,
                          a.target if a else None, a.realisasi if a else None,
                          a.capaian if a else None, (a.peringkat if a else "") or "",
                          sumber_angka(a) if a else ""))
    return Tabel("pohon-kinerja", "Pohon kinerja", kolom, baris)


def svg_pohon(pemda: Pemda, tahun: int, opd: PerangkatDaerah, *, kegiatan: bool) -> str:
    """One agency's public tree drawn as the planning screens draw it (``plans.pohon_svg``):
    visi, misi, its tujuan, sasaran, programs (and kegiatan) with the public figures; the
    pemda's tujuan and sasaran daerah are the links between a misi and the tujuan, as there.
    No findings of the tree's check (orphans, dead ends) are drawn for the public."""
    renstra = renstra_in_force(opd, tahun).select_related("rpjmd").first()
    if renstra is None:
        raise Http404
    pohon = build_pohon(pemda, tahun, opd=opd.pk, kegiatan=kegiatan)
    skala = skala_for(pemda, date(tahun, 12, 31))
    visi = f"visi-{renstra.rpjmd_id}"
    nodes: dict[str, plans_pohon.NodePohon] = {
        visi: plans_pohon.NodePohon(visi, "visi", "", pohon.visi)}
    atas: dict[str, str | None] = {}   # a node's id -> the nearest drawn node above it
    for s, induk in pohon.semua():
        naik = atas.get(induk.id) if induk else visi
        if s.jenis not in JENJANG:
            atas[s.id] = naik
            continue
        atas[s.id] = s.id
        if s.id in nodes:   # a tujuan serving several sasaran daerah: one box, more links
            if naik and naik not in nodes[s.id].induk:
                nodes[s.id].induk += (naik,)
            continue
        nodes[s.id] = plans_pohon.NodePohon(
            s.id, s.jenis, s.kode, s.uraian, (naik,) if naik else (),
            [plans_pohon.IndikatorPohon(r.pk, r.uraian, r.satuan, "", a.target, a.realisasi,
                                        a.capaian, a.peringkat,
                                        tingkat_warna(skala, a.peringkat))
             for r, a in s.indikator if a is not None])
    return render_pohon_svg(plans_pohon.Pohon(opd, renstra, tahun, skala, list(nodes.values()),
                                              HasilPohon((), ())))


# --- The page and its download ------------------------------------------------------------

def _kegiatan(request: HttpRequest) -> bool:
    return request.GET.get("kegiatan") == "1"


@require_GET
def halaman(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """The tree as a nested list with headings, filtered by the query string (tahun, opd,
    kegiatan): a shareable link."""
    pemda = _pemda(pemda_id)

    def buat() -> tuple[bytes, str, int]:
        s = _Saring(request, pemda)
        pohon = build_pohon(pemda, s.tahun, opd=s.opd, kegiatan=_kegiatan(request))
        opds = list(pemda.perangkat_daerah.order_by("nama"))
        nama = {o.pk: o.nama for o in opds}
        # the published finals whose figures the tree shows: named, with their verification
        terbit = {a.final.pk: a.final for s_, _i in pohon.semua() for _r, a in s_.indikator
                  if a is not None and a.final is not None}
        ctx = {"pemda": pemda, "tahun": s.tahun, "saring": s, "pohon": pohon,
               "kegiatan": _kegiatan(request),
               "opds": opds,
               "pilihan_tahun": sorted({*data.tahun_periode(pemda, s.tahun),
                                        *data.tahun_publik(pemda), s.tahun}),
               "query": request.GET.urlencode(),
               "terbit": [(t, nama.get(t.opd_id, "")) for t in sorted(
                   terbit.values(), key=lambda t: (nama.get(t.opd_id, ""), -t.tahun))]}
        return (render(request, "portal/pohon.html", ctx).content,
                "text/html; charset=utf-8", 200)
    return _tembolok(request, pemda, buat)


@require_GET
def unduh(request: HttpRequest, pemda_id: int, fmt: str) -> HttpResponse:
    """The table behind the tree as CSV or XLSX, for the same query string; one agency's
    tree as SVG (``opd`` required: a whole pemda's tree is too wide a picture)."""
    pemda = _pemda(pemda_id)
    if fmt not in ("csv", "xlsx", "svg"):
        raise Http404

    def buat() -> tuple[bytes, str, int]:
        s = _Saring(request, pemda)
        if fmt == "svg":
            unit = pemda.perangkat_daerah.filter(pk=s.opd).first() if s.opd else None
            if unit is None:
                raise Http404
            svg = svg_pohon(pemda, s.tahun, unit, kegiatan=_kegiatan(request))
            return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg).encode(), TIPE[fmt], 200
        t = tabel_pohon(build_pohon(pemda, s.tahun, opd=s.opd, kegiatan=_kegiatan(request)))
        return (ke_csv(t) if fmt == "csv" else ke_xlsx(t)), TIPE[fmt], 200
    response = _tembolok(request, pemda, buat)
    response["Content-Disposition"] = f'attachment; filename="pohon-kinerja.{fmt}"'
    return response
