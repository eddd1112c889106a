"""The public portal's pages and downloads: no login, GET only. Every answer is cached under a
key holding the pemda's data revision (``revisi.services.revisi_pemda``) and the list of its
published finals (a publication is no data write the revision counts), so a verification or a
publication shows on the next request."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from akuntabel.converters import parse_tahun
from akuntabel.daerah.lkjip_final import final_terbit
from akuntabel.daerah.models import LaporanFinalPemda
from akuntabel.evaluasi import lhe_final
from akuntabel.evaluasi.models import LheFinal
from akuntabel.organizations.models import Pemda
from akuntabel.plans import penetapan
from akuntabel.portal import data, tujuan
from akuntabel.portal.grafik import svg_tren, uraian_tren
from akuntabel.portal.tabel import (
    Tabel,
    ke_csv,
    ke_xlsx,
    tabel_anggaran,
    tabel_capaian,
    tabel_iku_daerah,
    tabel_indikator,
    tabel_triwulan,
)
from akuntabel.portal.terbit import final_terbit as final_terbit_opd
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.tembolok import versi_kode
from akuntabel.revisi.services import revisi_pemda

LISENSI = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
TIPE = {"csv": "text/csv; charset=utf-8", "svg": "image/svg+xml",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json", "zip": "application/zip"}
TTL = 24 * 3600   # a stale entry is never read (the key changes); this only frees space


def _kunci(request: HttpRequest, pemda: Pemda) -> str:
    terbit = list(LaporanFinal.objects.filter(perangkat_daerah__pemda=pemda,
                                              dipublikasikan=True)
                  .order_by("pk").values_list("pk", flat=True))
    # the pemda's own finals and the evaluation results (LHE) published, in one query
    sendiri = (LaporanFinalPemda.objects.filter(pemda=pemda, dipublikasikan=True)
               .annotate(jenis=Value("lkjip")).order_by().values_list("jenis", "pk"))
    lhe = (LheFinal.objects.filter(evaluasi__pemda=pemda, dipublikasikan=True)
           .annotate(jenis=Value("lhe")).order_by().values_list("jenis", "pk"))
    terbit.append(sorted(sendiri.union(lhe, all=True)))
    mentah = json.dumps([request.path, sorted(request.GET.lists()), get_language(),
                         revisi_pemda(pemda), terbit, versi_kode()])
    return "portal:" + hashlib.sha256(mentah.encode()).hexdigest()


def _tembolok(request: HttpRequest, pemda: Pemda,
              buat: Callable[[], tuple[bytes, str, int]]) -> HttpResponse:
    """The cached answer of the request, else ``buat()``'s (body, content type, status)."""
    kunci = _kunci(request, pemda)
    etag = f'"{kunci.removeprefix("portal:")[:32]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
        response["ETag"], response["Cache-Control"] = etag, "public, no-cache"
        return response
    hit = cache.get(kunci)
    if hit is None:
        hit = buat()
        if hit[2] == 200:
            cache.set(kunci, hit, TTL)
    isi, tipe, status = hit
    response = HttpResponse(isi, content_type=tipe, status=status)
    # no-cache: a browser or proxy asks again each time (a 304 while the revision holds), so
    # a verification or publication shows at once there too
    response["ETag"], response["Cache-Control"] = etag, "public, no-cache"
    return response


def _pemda(pemda_id: int) -> Pemda:
    return get_object_or_404(Pemda, pk=pemda_id)


class _Saring:
    """The view's filters from the query string: year, OPD, sasaran (a shareable link)."""

    def __init__(self, request: HttpRequest, pemda: Pemda):
        self.tahun = (parse_tahun(request.GET.get("tahun"))
                      or data.tahun_bawaan(pemda, timezone.localdate()))
        self.opd = _angka(request.GET.get("opd"))
        self.sasaran = _angka(request.GET.get("sasaran"))


def _angka(teks: str | None) -> int | None:
    return int(teks) if teks and teks.isdigit() and len(teks) < 12 else None


def _isi(pemda: Pemda, tahun: int, opd_pks: list[int] | None = None,
         sasaran: int | None = None, *, ringkas: bool = False) -> dict[str, Any]:
    """Everything a page shows: the pemda's IKU, the OPD's IKU, budget and documents. With
    ``ringkas`` (the home of every agency) the agencies' IKU are read for ``tahun`` only and
    shown in one table; their trends are on each agency's page."""
    today = timezone.localdate()
    years = data.tahun_periode(pemda, tahun)
    if tahun not in years:
        years = sorted({*years, tahun})
    opds = list(pemda.perangkat_daerah.order_by("nama"))
    dipilih = [o for o in opds if opd_pks is None or o.pk in opd_pks]
    pks = [o.pk for o in dipilih]
    ind = data.indikator_publik(pks, tahun, sasaran=sasaran)
    # the agencies' published finals, read once for the indicators and the budget
    terbit_opd = final_terbit_opd(pks, years)
    iku_opd = data.baris_opd(pemda, ind, tahun, [tahun] if ringkas else years, today,
                             terbit_opd)
    anggaran = data.anggaran(dipilih, tahun, dari_final=True, terbit=terbit_opd)
    nama = {o.pk: o.nama for o in opds}
    # the published finals whose figures the page shows, each named once under the tables
    terbit = {a.final.pk: a.final for r in iku_opd for a in r.tahunan if a.final}
    terbit.update({b.final.pk: b.final for b in anggaran if b.final})
    return {"pemda": pemda, "tahun": tahun, "years": years, "opds": opds, "dipilih": dipilih,
            "pilihan_tahun": sorted({*years, *data.tahun_publik(pemda)}),
            "rpjmd": data.rpjmd_of(pemda, tahun),
            "iku_daerah": (data.baris_daerah(pemda, data.iku_daerah(pemda, tahun), years, today)
                           if opd_pks is None and sasaran is None else []),
            "tujuan_daerah": (tujuan.beranda(pemda, tahun)
                              if opd_pks is None and sasaran is None else []),
            "iku_opd": iku_opd,
            "ringkas": ringkas,
            "anggaran": anggaran,
            "terbit": [(t, nama.get(t.opd_id, "")) for t in sorted(
                terbit.values(), key=lambda t: (nama.get(t.opd_id, ""), -t.tahun))],
            "dokumen": data.dokumen_terbit(pks),
            "dokumen_pemda": final_terbit(pemda) if opd_pks is None else [],
            "dokumen_lhe": lhe_final.final_terbit(pemda, None if opd_pks is None else pks),
            "dokumen_renstra": penetapan.ditetapkan(pks)}


def _grafik(ctx: dict[str, Any]) -> None:
    """Attach to each row its chart (SVG with its accessible name) and its year's figure."""
    for awalan, rows in (("d", ctx["iku_daerah"]), ("o", ctx["iku_opd"])):
        if awalan == "o" and ctx["ringkas"]:
            for r in rows:
                r.ini = r.tahun_ini(ctx["tahun"])
            continue
        for r in rows:
            r.svg = svg_tren(r, _("Trend of %(indikator)s") % {"indikator": r.uraian},
                             uraian_tren(r), dom_id=f"g{awalan}{r.pk}")
            r.ini = r.tahun_ini(ctx["tahun"])


@require_GET
def beranda(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """The pemda's public home, filtered by the query string (opd, sasaran, tahun)."""
    pemda = _pemda(pemda_id)

    def buat() -> tuple[bytes, str, int]:
        s = _Saring(request, pemda)
        ctx = _isi(pemda, s.tahun, [s.opd] if s.opd else None, s.sasaran,
                   ringkas=not s.opd and not s.sasaran)
        _grafik(ctx)
        ctx.update(saring=s, sasaran_pilihan=_sasaran_pilihan(ctx))
        html = render(request, "portal/beranda.html", ctx).content
        return html, "text/html; charset=utf-8", 200
    return _tembolok(request, pemda, buat)


def _sasaran_pilihan(ctx: dict[str, Any]) -> list[tuple[int, str]]:
    from akuntabel.plans.models import Sasaran
    return list(Sasaran.objects.filter(tujuan__renstra__perangkat_daerah__in=ctx["dipilih"],
                                       indikator__iku=True, indikator__tampil_publik=True)
                .distinct().order_by("uraian").values_list("pk", "uraian")[:200])


@require_GET
def opd(request: HttpRequest, pemda_id: int, opd_id: int) -> HttpResponse:
    """One agency's public page."""
    pemda = _pemda(pemda_id)
    unit = get_object_or_404(pemda.perangkat_daerah, pk=opd_id)

    def buat() -> tuple[bytes, str, int]:
        s = _Saring(request, pemda)
        ctx = _isi(pemda, s.tahun, [unit.pk])
        _grafik(ctx)
        ctx.update(unit=unit, saring=s)
        return (render(request, "portal/opd.html", ctx).content,
                "text/html; charset=utf-8", 200)
    return _tembolok(request, pemda, buat)


def _baris(pemda: Pemda, jenis: str, pk: int, tahun: int) -> data.BarisIndikator:
    today = timezone.localdate()
    years = data.tahun_periode(pemda, tahun)
    if jenis == "iku-daerah":
        rows = data.baris_daerah(pemda, [i for i in data.iku_daerah(pemda, tahun)
                                         if i.pk == pk], years, today)
    else:
        ind = [i for i in data.indikator_publik(
            list(pemda.perangkat_daerah.values_list("pk", flat=True)), tahun, hanya_iku=False)
            if i.pk == pk]
        rows = data.baris_opd(pemda, ind, tahun, years, today)
    if not rows:
        raise Http404
    return rows[0]


@require_GET
def grafik(request: HttpRequest, pemda_id: int, jenis: str, pk: int, fmt: str) -> HttpResponse:
    """The table behind a trend chart (CSV, XLSX) or the chart itself (SVG)."""
    pemda = _pemda(pemda_id)
    if jenis not in ("iku-daerah", "indikator") or fmt not in ("csv", "xlsx", "svg"):
        raise Http404

    def buat() -> tuple[bytes, str, int]:
        s = _Saring(request, pemda)
        row = _baris(pemda, jenis, pk, s.tahun)
        if fmt == "svg":
            svg = svg_tren(row, _("Trend of %(indikator)s") % {"indikator": row.uraian},
                           uraian_tren(row), dom_id="g")
            isi = ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg).encode()
        else:
            t = tabel_iku_daerah([row]) if jenis == "iku-daerah" else tabel_capaian([row])
            isi = ke_csv(t) if fmt == "csv" else ke_xlsx(t)
        return isi, TIPE[fmt], 200
    response = _tembolok(request, pemda, buat)
    response["Content-Disposition"] = f'attachment; filename="{jenis}-{pk}.{fmt}"'
    return response


# -- open data -------------------------------------------------------------------------------
def _indikator_paket(pemda: Pemda, tahun: int) -> list[Any]:
    opds = list(pemda.perangkat_daerah.order_by("nama"))
    return data.indikator_publik([o.pk for o in opds], tahun, hanya_iku=False)


def _baris_paket(pemda: Pemda, tahun: int, **hanya: bool
                 ) -> tuple[list[Any], list[data.BarisIndikator]]:
    """The package's indicators and their rows (``hanya``: ``tahunan``/``triwulan`` False for
    a table that shows only the other, as in ``data.baris_opd``)."""
    semua = _indikator_paket(pemda, tahun)
    return semua, data.baris_opd(pemda, semua, tahun, [tahun], timezone.localdate(), **hanya)


# The package's resources in order, each computed alone (a CSV reads only its own table).
SUMBER: dict[str, Callable[[Pemda, int], Tabel]] = {
    "indikator": lambda p, th: tabel_indikator(_indikator_paket(p, th)),
    "capaian-indikator": lambda p, th: tabel_capaian(_baris_paket(p, th, triwulan=False)[1]),
    "realisasi-triwulan": lambda p, th: tabel_triwulan(_baris_paket(p, th, tahunan=False)[1]),
    "iku-daerah": lambda p, th: tabel_iku_daerah(data.baris_daerah(
        p, data.iku_daerah(p, th), [th], timezone.localdate())),
    tujuan.JENIS: tujuan.paket,
    "anggaran": lambda p, th: tabel_anggaran(
        data.anggaran(list(p.perangkat_daerah.order_by("nama")), th, dari_final=True), th),
}
# Their schemas: the same tables without rows (the descriptor reads no data).
SKEMA = [tabel_indikator([]), tabel_capaian([]), tabel_triwulan([]), tabel_iku_daerah([]),
         tujuan.tabel_tujuan_daerah([]), tabel_anggaran([], 0)]


def tabel_paket(pemda: Pemda, tahun: int) -> list[Tabel]:
    """The data package's resources for a pemda and year, in order, with their rows."""
    semua, baris = _baris_paket(pemda, tahun)
    return [tabel_indikator(semua), tabel_capaian(baris), tabel_triwulan(baris),
            SUMBER["iku-daerah"](pemda, tahun), tujuan.paket(pemda, tahun),
            SUMBER["anggaran"](pemda, tahun)]


def paket(request: HttpRequest, pemda: Pemda, tahun: int,
          tabel: list[Tabel]) -> dict[str, Any]:
    """The Frictionless Data Package descriptor (https://specs.frictionlessdata.io/)."""
    return {
        "profile": "tabular-data-package",
        "name": f"akuntabel-{pemda.kode}-{tahun}".lower(),
        "title": f"Kinerja {pemda.nama} {tahun}",
        "description": _("Plans, targets, verified realisasi, capaian and budget of %(pemda)s "
                         "for %(tahun)s, as published on its Akuntabel portal. Only verified "
                         "figures and indicators the agencies show are included.")
        % {"pemda": pemda.nama, "tahun": tahun},
        "licenses": [LISENSI],
        "sources": [{"title": f"Akuntabel — {pemda.nama}",
                     "path": request.build_absolute_uri(reverse("portal:beranda",
                                                                args=[pemda.pk]))}],
        "created": timezone.now().isoformat(timespec="seconds"),
        "resources": [{
            "name": t.nama, "title": t.judul, "profile": "tabular-data-resource",
            "path": f"{t.nama}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": k.name, "type": k.type,
                                   "description": k.description} for k in t.kolom]},
        } for t in tabel],
    }


@require_GET
def datapackage(request: HttpRequest, pemda_id: int, tahun: int) -> HttpResponse:
    pemda = _pemda(pemda_id)

    def buat() -> tuple[bytes, str, int]:
        isi = json.dumps(paket(request, pemda, tahun, SKEMA),
                         ensure_ascii=False, indent=2, default=str)
        return isi.encode(), TIPE["json"], 200
    return _tembolok(request, pemda, buat)


@require_GET
def sumber_data(request: HttpRequest, pemda_id: int, tahun: int, nama: str) -> HttpResponse:
    """One resource of the package as CSV, at the path the descriptor names."""
    pemda = _pemda(pemda_id)

    def buat() -> tuple[bytes, str, int]:
        if nama not in SUMBER:
            raise Http404
        return ke_csv(SUMBER[nama](pemda, tahun)), TIPE["csv"], 200
    return _tembolok(request, pemda, buat)


@require_GET
def paket_zip(request: HttpRequest, pemda_id: int, tahun: int) -> HttpResponse:
    """The whole package: the descriptor and its CSV files in one zip."""
    pemda = _pemda(pemda_id)

    def buat() -> tuple[bytes, str, int]:
        tabel = tabel_paket(pemda, tahun)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("datapackage.json", json.dumps(paket(request, pemda, tahun, tabel),
                                                      ensure_ascii=False, indent=2,
                                                      default=str))
            for t in tabel:
                z.writestr(f"{t.nama}.csv", ke_csv(t))
        return out.getvalue(), TIPE["zip"], 200
    response = _tembolok(request, pemda, buat)
    response["Content-Disposition"] = (f'attachment; filename="akuntabel-{pemda.kode}-'
                                       f'{tahun}.zip"')
    return response


@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    """The pemda with a portal (every pemda): the entry from the list of published reports."""
    return render(request, "portal/daftar.html",
                  {"pemda": Pemda.objects.order_by("nama").only("nama")})
