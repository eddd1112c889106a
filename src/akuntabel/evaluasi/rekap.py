"""The pemda's recap of the year's evaluations: every OPD's total, predikat, component scores
and change from last year, sortable, with the distribution over the predikat bands (an SVG
drawn here) and the same rows as an Excel workbook. The scores are ``core.evaluasi``'s, from
the evaluator's grades; the queries are a fixed number whatever the number of OPD."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from akuntabel.core.angka import round_half_up
from akuntabel.core.evaluasi import HasilEvaluasi, format_nilai, hitung_evaluasi
from akuntabel.core.rekomendasi import perubahan_nilai
from akuntabel.evaluasi.models import Evaluasi, Jawaban, TemplateLke
from akuntabel.evaluasi.services import template_untuk_skor
from akuntabel.organizations.models import Pemda, PerangkatDaerah


@dataclass(frozen=True)
class BarisRekap:
    opd: PerangkatDaerah
    evaluasi: Evaluasi | None
    hasil: HasilEvaluasi | None
    lalu: HasilEvaluasi | None      # last year's, when that evaluation is locked
    kode_komponen: tuple[str, ...] = ()   # the recap's columns

    @property
    def nama(self) -> str:
        return self.opd.nama

    @property
    def total(self) -> Decimal | None:
        return self.hasil.total if self.hasil else None

    @property
    def predikat(self) -> str:
        return self.hasil.predikat.predikat if self.hasil and self.hasil.predikat else ""

    @property
    def total_lalu(self) -> Decimal | None:
        return self.lalu.total if self.lalu else None

    @property
    def perubahan(self) -> Decimal | None:
        return perubahan_nilai(self.total, self.total_lalu)

    @property
    def terkunci(self) -> bool:
        return bool(self.evaluasi and self.evaluasi.terkunci)

    def komponen(self, kode: str) -> Decimal | None:
        return self.hasil.nilai_komponen.get(kode) if self.hasil else None

    # As the page prints them ("–" for none).
    @property
    def nilai_komponen_teks(self) -> list[str]:
        return [_teks(self.komponen(k)) for k in self.kode_komponen]

    @property
    def total_teks(self) -> str:
        return _teks(self.total)

    @property
    def lalu_teks(self) -> str:
        return _teks(self.total_lalu)

    @property
    def perubahan_teks(self) -> str:
        beda = self.perubahan
        return ("+" if beda is not None and beda > 0 else "") + _teks(beda)


def _teks(nilai: Decimal | None) -> str:
    return format_nilai(nilai) if nilai is not None else "–"


@dataclass(frozen=True)
class Rekap:
    pemda: Pemda
    tahun: int
    template: TemplateLke | None     # the one most of the year's evaluations use
    komponen: list[tuple[str, str]]  # (kode, nama) of that template
    baris: list[BarisRekap]
    pita: list[tuple[str, str]]      # (predikat, sebutan), top band first


def _skor_semua(evaluasi: list[Evaluasi]) -> dict[int, HasilEvaluasi]:
    """The scores of ``evaluasi`` by pk: each template read once, every grade in one query."""
    bentuk = {t.pk: template_untuk_skor(t) for t in {e.template for e in evaluasi}}
    nilai: dict[int, dict[str, str]] = defaultdict(dict)
    for ev, nomor, kode in Jawaban.objects.filter(evaluasi__in=evaluasi).values_list(
            "evaluasi_id", "kriteria__nomor", "nilai_penetapan"):
        nilai[ev][nomor] = kode
    return {e.pk: hitung_evaluasi(*bentuk[e.template_id], nilai[e.pk]) for e in evaluasi}


def _satu_per_opd(evaluasi: list[Evaluasi]) -> dict[int, Evaluasi]:
    """One evaluation per OPD: the latest opened when an OPD has several (two templates)."""
    hasil: dict[int, Evaluasi] = {}
    for e in sorted(evaluasi, key=lambda e: (e.dibuat_pada, e.pk)):
        hasil[e.perangkat_daerah_id] = e   # type: ignore[index]
    return hasil


def baca_rekap(pemda: Pemda, tahun: int) -> Rekap:
    opd = list(pemda.perangkat_daerah.order_by("nama"))
    semua = list(Evaluasi.objects.filter(pemda=pemda, tahun__in=(tahun, tahun - 1),
                                         perangkat_daerah__isnull=False)
                 .select_related("template"))
    ini = _satu_per_opd([e for e in semua if e.tahun == tahun])
    lalu = _satu_per_opd([e for e in semua if e.tahun == tahun - 1 and e.terkunci])
    skor = _skor_semua([*ini.values(), *lalu.values()])
    dipakai = Counter(e.template_id for e in ini.values()).most_common(1)
    template = next((e.template for e in ini.values() if dipakai
                     and e.template_id == dipakai[0][0]), None)
    komponen = [(k.kode, k.nama) for k in template.komponen.all()] if template else []
    kode = tuple(k for k, _n in komponen)
    baris = [BarisRekap(o, ini.get(o.pk), skor.get(ini[o.pk].pk) if o.pk in ini else None,
                        skor.get(lalu[o.pk].pk) if o.pk in lalu else None, kode) for o in opd]
    pita = [(p.predikat, p.label) for p in template.pita.all()] if template else []
    return Rekap(pemda, tahun, template, komponen, baris, pita)


# --- sorting ---------------------------------------------------------------------------------

def _kunci(urut: str) -> Callable[[BarisRekap], Any] | None:
    if urut == "nama":
        return lambda r: r.nama.casefold()
    if urut == "nilai":
        return lambda r: r.total
    if urut == "perubahan":
        return lambda r: r.perubahan
    if urut.startswith("komponen-"):
        kode = urut.removeprefix("komponen-")
        return lambda r: r.komponen(kode)
    return None


def urutkan(baris: list[BarisRekap], urut: str, turun: bool) -> list[BarisRekap]:
    """``baris`` by ``urut`` (nama, nilai, perubahan, komponen-<kode>), a row without a value
    last either way; an unknown column sorts by name."""
    key = _kunci(urut) or _kunci("nama")
    assert key is not None
    ada = [r for r in baris if key(r) is not None]
    return sorted(ada, key=key, reverse=turun) + [r for r in baris if key(r) is None]


def kolom_urut(rekap: Rekap) -> set[str]:
    return {"nama", "nilai", "perubahan", *(f"komponen-{k}" for k, _n in rekap.komponen)}


# --- the distribution chart ------------------------------------------------------------------

def distribusi(rekap: Rekap) -> list[tuple[str, str, int]]:
    """(predikat, sebutan, how many OPD) for each band, top first; OPD without an evaluation
    are not counted."""
    jumlah = Counter(r.predikat for r in rekap.baris if r.hasil is not None)
    return [(p, sebutan, jumlah[p]) for p, sebutan in rekap.pita]


def svg_distribusi(bands: list[tuple[str, str, int]], judul: str, uraian: str) -> SafeString:
    """A horizontal bar chart drawn as inline SVG (no script: the CSP forbids it), with a title
    and a description for screen readers; the table on the page holds the same figures."""
    tinggi, lebar_label, lebar_bar = 26, 230, 300
    maks = max((n for *_x, n in bands), default=0) or 1
    out = [f'<svg class="distribusi" role="img" aria-labelledby="rekap-judul rekap-uraian" '
           f'viewBox="0 0 {lebar_label + lebar_bar + 50} {tinggi * len(bands) + 4}" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="rekap-judul">{escape(judul)}</title>',
           f'<desc id="rekap-uraian">{escape(uraian)}</desc>']
    for i, (predikat, sebutan, n) in enumerate(bands):
        y = i * tinggi + 2
        w = n * lebar_bar // maks
        out.append(f'<g class="bar" data-predikat="{escape(predikat)}" data-jumlah="{n}">'
                   f'<text x="0" y="{y + 17}">{escape(predikat)} ({escape(sebutan)})</text>'
                   f'<rect x="{lebar_label}" y="{y}" width="{w}" height="{tinggi - 6}" '
                   f'fill="#4a6fa5"></rect>'
                   f'<text x="{lebar_label + w + 6}" y="{y + 17}">{n}</text></g>')
    out.append("</svg>")
    return mark_safe("".join(out))  # every text escaped above


# --- the workbook ----------------------------------------------------------------------------

FILL = PatternFill("solid", fgColor="DDE6EE")
NILAI = "0.00"


def tulis_rekap(rekap: Rekap, baris: list[BarisRekap], judul: str,
                kepala: list[str]) -> bytes:
    """The recap's rows, in the page's order, the scores as numbers rounded as printed."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap evaluasi AKIP"
    ws.append([judul])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(kepala)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = Font(bold=True), FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    def angka(nilai: Decimal | None) -> Decimal | None:
        return round_half_up(nilai) if nilai is not None else None

    for i, r in enumerate(baris, 1):
        ws.append([i, r.nama, *(angka(r.komponen(k)) for k, _n in rekap.komponen),
                   angka(r.total), r.predikat, angka(r.total_lalu), r.perubahan,
                   "final" if r.terkunci else ("sementara" if r.evaluasi else "belum ada")])
        for cell in ws[ws.max_row][2:6 + len(rekap.komponen)]:
            cell.number_format = NILAI
    ws.column_dimensions["B"].width = 45
    ws.freeze_panes = "C4"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
