"""The public budget of a pemda and year per urusan (and bidang urusan) and per program, with
pagu, realisasi and serapan: a sortable table each, an SVG bar chart per bidang urusan and the
tables as CSV / XLSX.

The portal's rule holds (``portal.data``): the pagu always; an agency's spending only when the
per-agency table shows it (its TW IV report of the year verified), read from
``data.anggaran`` itself. A bidang urusan is the first two parts of the sub kegiatan's code
(Kepmendagri 050-5889/2021, as the pemda's LKjIP counts it, ``core.angka_opd.bidang_urusan``);
its amounts are the roll-up of its sub kegiatan (``core.anggaran.rollup``), so its spending
shows only when every agency spending in it shows its own."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from akuntabel.budget.services import build_budget_trees
from akuntabel.core.anggaran import BarisAnggaran, rollup
from akuntabel.core.angka import format_persen, format_rupiah
from akuntabel.core.angka_opd import bidang_urusan
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.portal import data
from akuntabel.portal.grafik import WARNA
from akuntabel.portal.tabel import Kolom, Tabel, ke_csv, ke_xlsx
from akuntabel.portal.terbit import PROGRAM, Terbit, final_terbit, isi_final_many
from akuntabel.portal.views import TIPE, _pemda, _Saring, _tembolok
from akuntabel.references.models import KodeNomenklatur
from akuntabel.references.services import edisi_pemda

ROOT = "apbd"
PENUNJANG = "X"   # the urusan part of X.XX: the support programmes of every bidang


@dataclass(frozen=True)
class BarisUang:
    tingkat: str                      # urusan | bidang | program
    kode: str
    uraian: str
    opd: PerangkatDaerah | None       # a program's agency
    pagu: Decimal | None
    realisasi: Decimal | None         # None until every agency in it shows its spending
    serapan: Decimal | None
    final: Terbit | None = None       # the published final LKjIP a program's figures are from


@dataclass(frozen=True)
class Anggaran:
    tahun: int
    urusan: list[BarisUang]           # each urusan followed by its bidang
    program: list[BarisUang]
    total: BarisUang

    @property
    def terbit(self) -> list[Terbit]:
        """The published finals the programs' figures are from, each once."""
        return list({b.final.pk: b.final for b in self.program if b.final}.values())


def _terbuka(opds: list[PerangkatDaerah], tahun: int) -> set[int]:
    """The agencies whose spending of the year the portal shows (the per-agency table's)."""
    return {b.opd.pk for b in data.anggaran(opds, tahun) if b.realisasi is not None}


def _nama(pemda: Pemda, kode: list[str]) -> dict[str, str]:
    """The names of urusan and bidang codes in the pemda's code list edition (else any)."""
    qs = KodeNomenklatur.objects.filter(tingkat__in=(KodeNomenklatur.Tingkat.URUSAN,
                                                     KodeNomenklatur.Tingkat.BIDANG),
                                        kode__in=kode)
    edisi = edisi_pemda(pemda)
    if edisi is not None and qs.filter(edisi=edisi).exists():
        qs = qs.filter(edisi=edisi)
    return dict(qs.order_by("edisi__berlaku_mulai").values_list("kode", "nama"))  # newest wins


def baca_anggaran(pemda: Pemda, tahun: int, opd: int | None = None) -> Anggaran:
    """The budget of ``tahun`` per urusan, bidang urusan and program (of one agency with
    ``opd``). The same fixed number of queries for one agency or forty."""
    opds = [o for o in pemda.perangkat_daerah.order_by("nama") if opd is None or o.pk == opd]
    trees = build_budget_trees(opds, tahun)
    terbuka = _terbuka(opds, tahun)
    terbit = final_terbit([o.pk for o in opds], [tahun])
    isi = isi_final_many(list(terbit.values()), PROGRAM)
    program: list[BarisUang] = []
    daun: list[tuple[str, str, Decimal | None, Decimal | None]] = []   # key, bidang, amounts
    for o in opds:
        fin = terbit.get((o.pk, tahun))
        if fin is not None and isi[fin.pk].program:   # as its published final holds them
            for n, u in enumerate(isi[fin.pk].program):
                if u.tingkat == "program":
                    program.append(BarisUang("program", u.kode, u.uraian, o, u.pagu,
                                             u.realisasi, u.serapan, fin))
                else:
                    daun.append((f"o{o.pk}f{n}", bidang_urusan(u.kode) or "", u.pagu,
                                 u.realisasi))
            continue
        tree, ok = trees[o.pk], o.pk in terbuka
        for kunci, info in tree.info.items():
            h = tree.hasil[kunci]
            if info.tingkat == "program":
                program.append(BarisUang("program", info.kode, info.uraian, o, h.pagu.nilai,
                                         h.realisasi.nilai if ok else None,
                                         h.serapan if ok else None))
            elif info.tingkat == "sub_kegiatan":
                daun.append((f"o{o.pk}{kunci}", bidang_urusan(info.kode) or "",
                             h.pagu.nilai, h.realisasi.nilai if ok else None))
    bidang = sorted({b for _k, b, _p, _r in daun})
    urusan = sorted({b.partition(".")[0] for b in bidang})
    hasil = rollup([BarisAnggaran(ROOT, None, None, None),
                    *(BarisAnggaran(f"u{u}", ROOT, None, None) for u in urusan),
                    *(BarisAnggaran(f"b{b}", f"u{b.partition('.')[0]}", None, None)
                      for b in bidang),
                    *(BarisAnggaran(k, f"b{b}", p, r) for k, b, p, r in daun)])
    nama = _nama(pemda, [*urusan, *bidang])

    def baris(tingkat: str, kode: str, uraian: str) -> BarisUang:
        h = hasil[f"{tingkat[0]}{kode}" if tingkat != "total" else ROOT]
        return BarisUang(tingkat, kode, uraian, None, h.pagu.nilai, h.realisasi.nilai,
                         h.serapan)

    rows: list[BarisUang] = []
    for u in urusan:
        if not u:
            rows.append(baris("urusan", u, _("Without an urusan code")))
            continue
        rows.append(baris("urusan", u, _("Support of every urusan") if u == PENUNJANG
                          else nama.get(u, "")))
        rows.extend(baris("bidang", b, _("Support of every bidang urusan") if b == "X.XX"
                          else nama.get(b, ""))
                    for b in bidang if b.partition(".")[0] == u)
    return Anggaran(tahun, rows, program, baris("total", "", _("Total")))


# --- Tables, chart --------------------------------------------------------------------------

URUT = {"kode": lambda b: b.kode, "uraian": lambda b: b.uraian,
        "opd": lambda b: b.opd.nama if b.opd else "", "pagu": lambda b: b.pagu,
        "realisasi": lambda b: b.realisasi, "serapan": lambda b: b.serapan}


def urutkan(rows: list[BarisUang], kolom: str, turun: bool) -> list[BarisUang]:
    """The programs sorted by a column; an unknown figure last whatever the direction."""
    kunci = URUT[kolom]
    ada = [r for r in rows if kunci(r) is not None]
    return sorted(ada, key=kunci, reverse=turun) + [r for r in rows if kunci(r) is None]


_UANG = (Kolom("tahun", "integer", "Budget year (the DPA's)."),
         Kolom("pagu", "number", "Budget in Rupiah: the sum of the DPA's sub kegiatan."),
         Kolom("realisasi", "number", "Spending in Rupiah; shown only when every agency "
                                      "counted in the row has its TW IV report verified."),
         Kolom("serapan", "number", "realisasi ÷ pagu × 100, computed by Akuntabel."))


def tabel_urusan(a: Anggaran) -> Tabel:
    kolom = (Kolom("tingkat", "string", "urusan or bidang (bidang urusan)."),
             Kolom("kode", "string", "The code of the urusan or bidang urusan (Kepmendagri "
                                     "050-5889/2021): the first parts of the sub kegiatan's "
                                     "code; X.XX are the support programmes."),
             Kolom("uraian", "string", "Its name in the official code list."), *_UANG)
    return Tabel("anggaran-urusan", "Anggaran per urusan", kolom, [
        (r.tingkat, r.kode, r.uraian, a.tahun, r.pagu, r.realisasi, r.serapan)
        for r in a.urusan])


def tabel_program(a: Anggaran) -> Tabel:
    kolom = (Kolom("opd_kode", "string", "Key of the perangkat daerah (opd.kode)."),
             Kolom("opd_nama", "string", "Name of the perangkat daerah (opd.nama)."),
             Kolom("program_kode", "string", "Code of the program (program.kode)."),
             Kolom("program_nama", "string", "Name of the program (program.nama)."), *_UANG)
    return Tabel("anggaran-program", "Anggaran per program", kolom, [
        (r.opd.kode if r.opd else "", r.opd.nama if r.opd else "", r.kode, r.uraian, a.tahun,
         r.pagu, r.realisasi, r.serapan) for r in a.program])


def svg_urusan(a: Anggaran, *, dom_id: str) -> SafeString:
    """Horizontal bars per bidang urusan: pagu (light) and, when public, realisasi (dark);
    its title and description (the figures in words) are its accessible name."""
    rows = [r for r in a.urusan if r.tingkat == "bidang" or (r.tingkat == "urusan"
                                                              and not r.kode)]
    maks = max((r.pagu for r in rows if r.pagu), default=Decimal(0)) or Decimal(1)
    lebar, baris, atas = 400, 42, 24
    judul = _("Budget per bidang urusan, %(tahun)s") % {"tahun": a.tahun}
    uraian = "; ".join(
        f"{r.kode or '–'} {r.uraian}: pagu {format_rupiah(r.pagu)}, realisasi "
        f"{format_rupiah(r.realisasi)}, serapan {format_persen(r.serapan)}" for r in rows)
    out = [f'<svg class="batang" role="img" aria-labelledby="{dom_id}-t {dom_id}-d" '
           f'viewBox="0 0 {lebar} {atas + baris * len(rows) + 6}" '
           f'font-family="sans-serif" font-size="13" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{dom_id}-t">{escape(judul)}</title>',
           f'<desc id="{dom_id}-d">{escape(uraian or _("No budget."))}</desc>']
    for j, kelas in enumerate(("pagu", "realisasi")):   # the legend
        out.append(f'<rect class="{kelas}" x="{j * 110}" y="4" width="14" height="12" '
                   f'fill="{WARNA[kelas]}"></rect>'
                   f'<text x="{j * 110 + 20}" y="15">{kelas}</text>')
    for i, r in enumerate(rows):
        y = atas + i * baris
        nama = r.uraian.removeprefix("URUSAN PEMERINTAHAN BIDANG ")
        label = f"{r.kode} {nama}".strip()
        label = label if len(label) <= 48 else label[:47] + "…"
        out.append(f'<text x="0" y="{y + 12}">{escape(label)}</text>')
        for j, (v, kelas) in enumerate(((r.pagu, "pagu"), (r.realisasi, "realisasi"))):
            if v is None:
                continue
            w = max(int(v * (lebar - 4) / maks), 1)
            out.append(f'<rect class="{kelas}" x="0" y="{y + 17 + j * 11}" width="{w}" '
                       f'height="10" fill="{WARNA[kelas]}"><title>{kelas} '
                       f'{escape(format_rupiah(v))}</title></rect>')
    out.append("</svg>")
    return mark_safe("".join(out))  # texts escaped above; numbers formatted here


# --- The page and its downloads -----------------------------------------------------------

@require_GET
def halaman(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """The budget page, filtered (tahun, opd) and sorted (urut, arah) by the query string."""
    pemda = _pemda(pemda_id)

    def buat() -> tuple[bytes, str, int]:
        s = _Saring(request, pemda)
        a = baca_anggaran(pemda, s.tahun, s.opd)
        urut = request.GET.get("urut", "")
        turun = request.GET.get("arah") == "turun"
        program = urutkan(a.program, urut, turun) if urut in URUT else a.program
        kolom = [(k, label, "descending" if urut == k and turun else
                  "ascending" if urut == k else "",
                  "naik" if urut == k and turun else "turun" if urut == k else
                  ("naik" if k in ("kode", "uraian", "opd") else "turun"))
                 for k, label in (("opd", _("Agency")), ("kode", _("Code")),
                                  ("uraian", _("Program")), ("pagu", _("Pagu")),
                                  ("realisasi", _("Realisasi")), ("serapan", _("Serapan")))]
        nama = {o.pk: o.nama for o in pemda.perangkat_daerah.all()}
        ctx = {"pemda": pemda, "tahun": s.tahun, "saring": s, "a": a, "program": program,
               "terbit": [(t, nama.get(t.opd_id, "")) for t in a.terbit],
               "kolom": kolom, "svg": svg_urusan(a, dom_id="gu"),
               "opds": list(pemda.perangkat_daerah.order_by("nama")),
               "pilihan_tahun": sorted({*data.tahun_periode(pemda, s.tahun),
                                        *data.tahun_publik(pemda), s.tahun}),
               "dasar": f"?tahun={s.tahun}" + (f"&opd={s.opd}" if s.opd else "")}
        return (render(request, "portal/anggaran.html", ctx).content,
                "text/html; charset=utf-8", 200)
    return _tembolok(request, pemda, buat)


@require_GET
def unduh(request: HttpRequest, pemda_id: int, tingkat: str, fmt: str) -> HttpResponse:
    """A table as CSV or XLSX (``urusan``, ``program``), the chart as SVG (``urusan``)."""
    pemda = _pemda(pemda_id)
    if (tingkat, fmt) not in {("urusan", "csv"), ("urusan", "xlsx"), ("urusan", "svg"),
                              ("program", "csv"), ("program", "xlsx")}:
        raise Http404

    def buat() -> tuple[bytes, str, int]:
        s = _Saring(request, pemda)
        a = baca_anggaran(pemda, s.tahun, s.opd)
        if fmt == "svg":
            isi = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                   + svg_urusan(a, dom_id="g")).encode()
        else:
            t = tabel_urusan(a) if tingkat == "urusan" else tabel_program(a)
            isi = ke_csv(t) if fmt == "csv" else ke_xlsx(t)
        return isi, TIPE[fmt], 200
    response = _tembolok(request, pemda, buat)
    response["Content-Disposition"] = f'attachment; filename="anggaran-{tingkat}.{fmt}"'
    return response
