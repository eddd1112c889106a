"""The trend chart of one indicator across the period: target and verified realisasi per year,
inline SVG with a title and a description (its accessible name), as ``web.ikhtisar`` draws."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from akuntabel.core.angka import format_angka
from akuntabel.portal.data import BarisIndikator

_fmt = format_angka   # the chart's words as its table prints them: 92,77, not 92,7731673…


# The bars' colours, carried by each bar so that a downloaded SVG reads alone (as portal.css
# and pohon.css colour them on the page): the plan light, what was achieved or spent dark.
WARNA = {"target": "#9bb8d9", "pagu": "#9bb8d9", "realisasi": "#0b4f9c"}


def svg_tren(row: BarisIndikator, judul: str, uraian: str, *, dom_id: str) -> SafeString:
    """Bars of the target (light) and realisasi (dark) per year; a year without a verified
    realisasi has no dark bar. The table beside the chart holds the same figures. The bars
    carry their colours and a legend names them, so that the SVG downloaded alone reads as on
    the page."""
    tahunan = row.tahunan
    nilai = [v for a in tahunan for v in (a.target, a.realisasi) if v is not None]
    maks = max((abs(v) for v in nilai), default=Decimal(0)) or Decimal(1)
    kol, tinggi, dasar = 60, 120, 160
    lebar = max(kol * len(tahunan) + 10, 190)
    out = [f'<svg class="tren" role="img" aria-labelledby="{dom_id}-t {dom_id}-d" '
           f'viewBox="0 0 {lebar} 195" font-family="sans-serif" font-size="11" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{dom_id}-t">{escape(judul)}</title>',
           f'<desc id="{dom_id}-d">{escape(uraian)}</desc>']
    for i, (kelas, nama) in enumerate((("target", _("Target")),
                                       ("realisasi", _("Realisasi")))):
        x = 10 + i * 90
        out.append(f'<rect class="{kelas}" x="{x}" y="4" width="12" height="12" '
                   f'fill="{WARNA[kelas]}"></rect><text class="legenda" x="{x + 17}" y="14">'
                   f'{escape(nama)}</text>')
    for i, a in enumerate(tahunan):
        x = 10 + i * kol
        for j, (v, kelas) in enumerate(((a.target, "target"), (a.realisasi, "realisasi"))):
            if v is None:
                continue
            h = int(abs(v) * tinggi / maks)
            out.append(f'<rect class="{kelas}" x="{x + j * 22}" y="{dasar - h}" width="20" '
                       f'height="{h}" fill="{WARNA[kelas]}"><title>{a.tahun} {kelas}: '
                       f'{escape(_fmt(v))}</title></rect>')
        out.append(f'<text x="{x}" y="{dasar + 16}">{a.tahun}</text>')
    out.append(f'<line x1="0" y1="{dasar}" x2="{lebar}" y2="{dasar}" class="sumbu" '
               f'stroke="#4a4a4a"></line>')
    out.append("</svg>")
    return mark_safe("".join(out))  # texts escaped above; numbers formatted here


def uraian_tren(row: BarisIndikator) -> str:
    """The chart's description in words: the figures per year."""
    bagian = [f"{a.tahun}: target {_fmt(a.target)}, realisasi {_fmt(a.realisasi)}"
              for a in row.tahunan]
    return "; ".join(bagian) + "."
