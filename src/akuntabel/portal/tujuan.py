"""The pemda's own goals on its portal: the indicators of the tujuan daerah of its RPJMD (IPM,
angka kemiskinan …) with their target, realisasi and capaian per year of the RPJMD and its end
target; the table behind them (CSV, XLSX), their chart (SVG) and their resource of the open
data package; the API reads the same rows.

What is public (project convention, issue 17): the RPJMD is a published plan, so its
indicators, yearly targets and end target are always shown. A realisasi is shown when Bappeda
recorded it with its source (``REALISASI_PUBLIK``): these figures are published statistics
(BPS …) that ``daerah.tujuan`` writes as final, with no draft or verification state, and
its write refuses a figure without its source; a row without one (written around that
service) is never shown. The RPJMD's indicators have no visibility flag of their own (nor
have the pemda's IKU). Figures and capaian are the pemda LKjIP's (Tabel 3.2:
``daerah.tujuan.baca_tahun``, ``core.capaian``); a missing figure is named, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from akuntabel.daerah.tujuan import BarisTujuan, baca_indikator, baca_tahun, tahun_rpjmd
from akuntabel.organizations.models import Pemda
from akuntabel.plans.models import RealisasiTujuanDaerah
from akuntabel.portal.data import rpjmd_of
from akuntabel.portal.grafik import svg_tren, uraian_tren
from akuntabel.portal.tabel import Kolom, Tabel, ke_csv, ke_xlsx

JENIS = "tujuan-daerah"


def realisasi_publik() -> Any:
    """The realisasi the public sees: recorded with a figure and its source (the rule above)."""
    return RealisasiTujuanDaerah.objects.filter(nilai__isnull=False).exclude(sumber="")


@dataclass(frozen=True)
class AngkaTujuan:
    """One year of an indicator as the public sees it (``baris``: the LKjIP's reading)."""

    baris: BarisTujuan

    @property
    def tahun(self) -> int:
        return self.baris.tahun

    @property
    def target(self) -> Decimal | None:
        return self.baris.target.nilai if self.baris.target else None

    @property
    def realisasi(self) -> Decimal | None:
        return self.baris.realisasi.nilai if self.baris.realisasi else None

    @property
    def capaian(self) -> Decimal | None:
        return self.baris.capaian

    @property
    def sumber(self) -> str:
        return self.baris.realisasi.sumber if self.baris.realisasi else ""


@dataclass
class BarisTujuanPublik:
    """An indicator of a tujuan daerah with its years (those of the RPJMD asked for)."""

    pk: int
    kode: str
    uraian: str
    satuan: str
    tujuan: str
    polaritas: str
    sumber_data: str
    target_akhir: Decimal | None
    target_akhir_teks: str
    tahun_akhir: int
    tahunan: list[AngkaTujuan] = field(default_factory=list)
    jenis: str = JENIS
    svg: SafeString | str = ""        # the home's trend chart
    ini: AngkaTujuan | None = None    # the home's year

    def tahun_ini(self, tahun: int) -> AngkaTujuan | None:
        return next((a for a in self.tahunan if a.tahun == tahun), None)


def baris_tujuan(pemda: Pemda, tahun: int, *, periode: bool = True,
                 pk: int | None = None) -> list[BarisTujuanPublik]:
    """The public rows of the RPJMD covering ``tahun`` (else the latest), ordered by tujuan:
    every year of the period (``periode``), else ``tahun`` alone when it lies in the period
    (no rows otherwise). ``pk``: that indicator only. Four queries."""
    rpjmd = rpjmd_of(pemda, tahun)
    if rpjmd is None:
        return []
    semua = tahun_rpjmd(rpjmd)
    years = semua if periode else [th for th in semua if th == tahun]
    if not years:
        return []
    indikator = [i for i in baca_indikator(rpjmd, realisasi_publik())
                 if pk is None or i.pk == pk]
    indikator.sort(key=lambda i: (i.tujuan_daerah.urutan, i.tujuan_daerah_id, i.urutan, i.pk))
    rows = {i.pk: BarisTujuanPublik(
        i.pk, i.kode, i.uraian, i.satuan, i.tujuan_daerah.uraian, i.polaritas, i.sumber_data,
        i.kondisi_akhir, i.kondisi_akhir_teks, rpjmd.tahun_akhir) for i in indikator}
    for th in years:
        for per_tujuan in baca_tahun(rpjmd, th, indikator).values():
            for b in per_tujuan:
                rows[b.indikator.pk].tahunan.append(AngkaTujuan(b))
    return list(rows.values())


def keterangan(a: AngkaTujuan) -> str:
    """The source of the year's realisasi, else why a figure is missing (the LKjIP's words)."""
    return a.sumber or a.baris.kurang


def tabel_tujuan_daerah(rows: list[BarisTujuanPublik]) -> Tabel:
    """The table behind the section, a download and a resource of the data package."""
    kolom = (Kolom("kode", "string", "Key of the indicator of the tujuan daerah "
                                     "(rpjmd.tujuan.indikator.kode); may be empty."),
             Kolom("uraian", "string", "The indicator as worded in the RPJMD, e.g. Indeks "
                                       "Pembangunan Manusia (rpjmd.tujuan.indikator.uraian)."),
             Kolom("satuan", "string", "Unit of the indicator (rpjmd.tujuan.indikator.satuan)."),
             Kolom("tujuan_daerah", "string", "The RPJMD's tujuan daerah it measures "
                                              "(rpjmd.tujuan.uraian)."),
             Kolom("polaritas", "string", "naik (higher is better) | turun (lower is "
                                          "better) (rpjmd.tujuan.indikator.polaritas)."),
             Kolom("tahun", "integer", "Year of the figure (a year of the RPJMD)."),
             Kolom("target", "number", "The RPJMD's target of the year, as a number "
                                       "(rpjmd.tujuan.indikator.target); empty when the RPJMD "
                                       "sets none."),
             Kolom("realisasi", "number", "The figure of the year as Bappeda recorded it from "
                                          "its source (rpjmd.tujuan.indikator.realisasi), not "
                                          "from OPD figures; empty when none is recorded with "
                                          "its source."),
             Kolom("capaian", "number", "Capaian in percent, computed by Akuntabel as the "
                                        "pemda's LKjIP (Tabel 3.2) computes it: realisasi ÷ "
                                        "target × 100, lower is better (2 × target − "
                                        "realisasi) ÷ target × 100 or target ÷ realisasi × "
                                        "100; empty without both figures."),
             Kolom("target_akhir", "number", "The RPJMD's end target, of its last year "
                                             "(rpjmd.tujuan.indikator.kondisi_akhir)."),
             Kolom("capaian_target_akhir", "number", "The year's realisasi against the end "
                                                     "target, in percent, computed the same "
                                                     "way."),
             Kolom("sumber_realisasi", "string", "The publication the realisasi was taken "
                                                 "from, e.g. BPS and its number "
                                                 "(rpjmd.tujuan.indikator.realisasi.sumber)."),
             Kolom("keterangan", "string", "Why a figure is missing, in Indonesian; empty "
                                           "when the year's realisasi and capaian are "
                                           "there."))
    return Tabel(JENIS, "Indikator tujuan daerah", kolom, [
        (r.kode, r.uraian, r.satuan, r.tujuan, r.polaritas, a.tahun, a.target, a.realisasi,
         a.capaian, r.target_akhir, a.baris.capaian_akhir, a.sumber, a.baris.kurang)
        for r in rows for a in r.tahunan])


def paket(pemda: Pemda, tahun: int) -> Tabel:
    """The resource of the open data package: the indicators' figures of ``tahun``."""
    return tabel_tujuan_daerah(baris_tujuan(pemda, tahun, periode=False))


def _svg(r: BarisTujuanPublik, dom_id: str) -> SafeString:
    return svg_tren(r, _("Trend of %(indikator)s") % {"indikator": r.uraian},
                    uraian_tren(r), dom_id=dom_id)


def beranda(pemda: Pemda, tahun: int) -> list[BarisTujuanPublik]:
    """The home's rows, each with its trend chart (SVG with its accessible name)."""
    rows = baris_tujuan(pemda, tahun)
    for r in rows:
        r.svg, r.ini = _svg(r, f"gt{r.pk}"), r.tahun_ini(tahun)
    return rows


@require_GET
def unduh(request: HttpRequest, pemda_id: int, pk: int, fmt: str) -> HttpResponse:
    """One indicator's table over the RPJMD (CSV, XLSX) or its chart (SVG)."""
    from akuntabel.portal import views  # views reads this module's rows

    pemda = views._pemda(pemda_id)
    if fmt not in ("csv", "xlsx", "svg"):
        raise Http404

    def buat() -> tuple[bytes, str, int]:
        s = views._Saring(request, pemda)
        rows = baris_tujuan(pemda, s.tahun, pk=pk)
        if not rows:
            raise Http404
        if fmt == "svg":
            svg = _svg(rows[0], "g")
            return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg).encode(), views.TIPE[
                fmt], 200
        t = tabel_tujuan_daerah(rows)
        return (ke_csv(t) if fmt == "csv" else ke_xlsx(t)), views.TIPE[fmt], 200
    response = views._tembolok(request, pemda, buat)
    response["Content-Disposition"] = f'attachment; filename="{JENIS}-{pk}.{fmt}"'
    return response
