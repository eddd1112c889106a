"""The indicator's trend chart as inline SVG, drawn on the server: target line against
realisasi line over the years of the Renstra.

A pure function of plain values (years, Decimals or None, labels): no Django, no JavaScript, no
plotting library, so the page works without scripts and the chart is the same for the same
data. Every text is escaped; numbers are written the Indonesian way (``format_angka``). Pixel
positions are layout, not measures, and are computed in float; the values printed come from
the Decimals unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from xml.sax.saxutils import escape, quoteattr

from akuntabel.core.angka import format_angka

__all__ = ["render_tren_svg"]

LEBAR, TINGGI = 640, 280
KIRI, KANAN, ATAS, BAWAH = 64, 16, 40, 44  # margins of the plot area
WARNA_TARGET, WARNA_REALISASI = "#4a6fa5", "#1a7f37"


def _langkah_rapi(rentang: Decimal, jumlah: int = 4) -> Decimal:
    """A "nice" tick step (1, 2, 2,5 or 5 × 10^k) that cuts ``rentang`` into about
    ``jumlah`` parts."""
    kasar = rentang / jumlah
    pangkat = Decimal(10) ** kasar.adjusted()
    for kali in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if kali * pangkat >= kasar:
            return kali * pangkat
    return 10 * pangkat  # pragma: no cover - the loop ends at 10


def _skala_y(nilai: list[Decimal]) -> tuple[Decimal, Decimal, list[Decimal], int | None]:
    """Bottom, top and ticks of the y axis. The axis starts at 0 (or below it, for negative
    values) unless every value is positive and close together (91,5 against 92,77 would
    otherwise be one flat line): then it spans the values with a margin."""
    rendah, tinggi = min(nilai), max(nilai)
    rentang = tinggi - rendah
    if rendah > 0 and rentang * 2 < rendah:
        margin = rentang / 4 if rentang else rendah / 10
        rendah, tinggi = rendah - margin, tinggi + margin
    else:
        rendah, tinggi = min(rendah, Decimal(0)), max(tinggi, Decimal(0))
    if tinggi == rendah:
        tinggi = rendah + 1
    langkah = _langkah_rapi(tinggi - rendah)
    bawah = (rendah / langkah).to_integral_value(rounding=ROUND_FLOOR) * langkah
    atas = (tinggi / langkah).to_integral_value(rounding=ROUND_CEILING) * langkah
    ticks = []
    t = bawah
    while t <= atas:
        ticks.append(t)
        t += langkah
    # Tick labels keep the step's decimals when it is finer than the usual two (0,0005).
    desimal = -int(langkah.normalize().as_tuple().exponent)
    return bawah, atas, ticks, desimal if desimal > 2 else None


def _segmen(titik: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points: a missing value breaks the line instead of drawing 0."""
    hasil: list[list[tuple[float, float]]] = [[]]
    for p in titik:
        if p is None:
            if hasil[-1]:
                hasil.append([])
        else:
            hasil[-1].append(p)
    return [s for s in hasil if s]


def render_tren_svg(
    tahun: Sequence[int],
    target: Sequence[Decimal | None],
    realisasi: Sequence[Decimal | None],
    *,
    judul: str,
    satuan: str = "",
    label_target: str = "Target",
    label_realisasi: str = "Realisasi",
    teks_kosong: str = "Belum ada target maupun realisasi untuk digambar.",
) -> str:
    """An SVG document (a string) of the target line and the realisasi line per year.

    ``target`` and ``realisasi`` are aligned with ``tahun``; a shorter list is padded with
    None; None leaves a gap. The chart carries ``<title>`` (``judul``) and ``<desc>`` (every
    value, as a sentence a screen reader can read). With no value at all it shows
    ``teks_kosong`` instead of axes.
    """
    tahun = list(tahun)
    n = len(tahun)
    target = (list(target) + [None] * n)[:n]
    realisasi = (list(realisasi) + [None] * n)[:n]
    unit = f" {satuan}" if satuan and satuan != "%" else ("%" if satuan == "%" else "")

    def tulis(v: Decimal | None) -> str:
        return format_angka(v) + (unit if v is not None else "")

    desc = "; ".join(
        f"{t}: {label_target} {tulis(tg)}, {label_realisasi} {tulis(r)}"
        for t, tg, r in zip(tahun, target, realisasi, strict=True))
    kepala = (f'<svg xmlns="http://www.w3.org/2000/svg" class="tren" role="img" '
              f'viewBox="0 0 {LEBAR} {TINGGI}" width="{LEBAR}" height="{TINGGI}" '
              f'aria-labelledby="tren-judul tren-desc">'
              f'<title id="tren-judul">{escape(judul)}</title>'
              f'<desc id="tren-desc">{escape(desc or teks_kosong)}</desc>')
    nilai = [v for v in (*target, *realisasi) if v is not None]
    if not nilai:
        return (kepala + f'<text x="{LEBAR / 2:.0f}" y="{TINGGI / 2:.0f}" text-anchor="middle" '
                f'font-size="14" fill="#555">{escape(teks_kosong)}</text></svg>')

    bawah, atas, ticks, desimal = _skala_y(nilai)
    lebar_plot = LEBAR - KIRI - KANAN
    tinggi_plot = TINGGI - ATAS - BAWAH

    def x(i: int) -> float:
        return KIRI + (lebar_plot / 2 if n == 1 else lebar_plot * i / (n - 1))

    def y(v: Decimal) -> float:
        return ATAS + tinggi_plot * float((atas - v) / (atas - bawah))

    bagian = [kepala]
    # Legend above the plot; the second entry starts after the first label (about 7 px a
    # character at 12 px).
    kedua = KIRI + 30 + 7 * len(label_target) + 24
    bagian.append(
        f'<g font-size="12"><line x1="{KIRI}" y1="18" x2="{KIRI + 24}" y2="18" '
        f'stroke="{WARNA_TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{KIRI + 30}" y="22">{escape(label_target)}</text>'
        f'<line x1="{kedua}" y1="18" x2="{kedua + 24}" y2="18" '
        f'stroke="{WARNA_REALISASI}" stroke-width="2"/>'
        f'<text x="{kedua + 30}" y="22">{escape(label_realisasi)}</text></g>')
    # Y grid and labels.
    bagian.append('<g font-size="11" fill="#444">')
    for t in ticks:
        yy = y(t)
        bagian.append(f'<line x1="{KIRI}" y1="{yy:.1f}" x2="{LEBAR - KANAN}" y2="{yy:.1f}" '
                      f'stroke="{"#888" if t == 0 else "#ddd"}" stroke-width="1"/>'
                      f'<text x="{KIRI - 6}" y="{yy + 4:.1f}" text-anchor="end">'
                      f'{escape(format_angka(t, desimal))}</text>')
    # X labels.
    for i, t in enumerate(tahun):
        bagian.append(f'<text x="{x(i):.1f}" y="{TINGGI - BAWAH + 18}" '
                      f'text-anchor="middle">{t}</text>')
    bagian.append("</g>")
    # Lines and points with their values. Where both series have a value in a year, the
    # higher one is labelled above its point and the lower one below, so labels do not collide.
    for seri, lain, warna, garis in ((target, realisasi, WARNA_TARGET, ' stroke-dasharray="6 4"'),
                                     (realisasi, target, WARNA_REALISASI, "")):
        titik = [None if v is None else (x(i), y(v)) for i, v in enumerate(seri)]
        for segmen in _segmen(titik):
            if len(segmen) > 1:
                poin = " ".join(f"{px:.1f},{py:.1f}" for px, py in segmen)
                bagian.append(f'<polyline points="{poin}" fill="none" stroke="{warna}" '
                              f'stroke-width="2"{garis}/>')
        for i, v in enumerate(seri):
            if v is None:
                continue
            px, py = x(i), y(v)
            bawah_titik = lain[i] is not None and (v < lain[i] or (v == lain[i]
                                                                    and seri is realisasi))
            geser = 16 if bawah_titik else -8
            bagian.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{warna}">'
                          f'<title>{escape(f"{tahun[i]}: {tulis(v)}")}</title></circle>'
                          f'<text x="{px:.1f}" y="{py + geser:.1f}" font-size="11" '
                          f'text-anchor="middle" fill={quoteattr(warna)}>'
                          f'{escape(format_angka(v))}</text>')
    bagian.append("</svg>")
    return "".join(bagian)
