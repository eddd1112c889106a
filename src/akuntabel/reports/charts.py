"""The report's charts as PNG bytes: the same image goes into the HTML, PDF and DOCX renderings.

Drawn with matplotlib's Agg canvas directly (no pyplot, no display, no network), in
Indonesian, about 16 × 8 cm at 180 dpi so that a chart fills the width of an A4 page and its
text prints at 6–8 pt. Values arrive as ``Decimal`` (``None`` for a missing value) and are
converted to float only to place the marks; every number printed on a chart is written by
:mod:`akuntabel.core.angka` (``94,74%``, ``13.415``). Rendering the same data twice gives the
same bytes: the PNG carries no software name and no timestamp.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from decimal import Decimal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from akuntabel.core.angka import TANPA_NILAI, format_angka, format_persen
from akuntabel.core.peringkat import DEFAULT_SKALA, Skala

__all__ = ["chart_capaian_indikator", "chart_iku_tren", "chart_serapan_program"]

CM = 1 / 2.54
LEBAR_CM = 16.0
TINGGI_CM = 8.0
TINGGI_MAKS_CM = 24.0
UKURAN_LABEL = 7.0
DPI = 180
TIDAK_ADA_DATA = "Tidak ada data"

# Fixed style, independent of any matplotlibrc on the machine. DejaVu Sans ships with
# matplotlib, so the same text gives the same pixels everywhere.
_GAYA = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "axes.titlesize": 8.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 7.5,
    "axes.edgecolor": "#555555",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "legend.fontsize": 7,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "path.simplify": False,
}

WARNA_TARGET = "#7f7f7f"
WARNA_REALISASI = "#1f4e79"
WARNA_BATANG = "#1f4e79"
WARNA_GARIS_ACUAN = "#333333"
# Light fills for the rating bands, from the highest band down (green to red).
WARNA_PITA = ("#d5ecd4", "#e8f4d9", "#fbf3d0", "#fbe3cf", "#f8d3d3")


def chart_iku_tren(
    judul: str,
    tahun: Sequence[int],
    target: Sequence[Decimal | None],
    realisasi: Sequence[Decimal | None],
    satuan: str = "",
) -> bytes:
    """Target and realisasi of one indicator over the Renstra years, as two marked lines.

    A missing value (``None``) leaves a gap in its line; each point is labelled with its value.
    ``target`` or ``realisasi`` may be an empty list (no series); otherwise every list has one
    value per year. ``satuan`` ("%", "Orang") names the unit on the vertical axis.
    """
    target = _seri(target, len(tahun), "target")
    realisasi = _seri(realisasi, len(tahun), "realisasi")
    if not tahun or all(v is None for v in (*target, *realisasi)):
        return _kosong(judul)

    with matplotlib.rc_context(_GAYA):
        fig = _figure(LEBAR_CM, TINGGI_CM)
        ax = fig.add_subplot()
        x = list(range(len(tahun)))
        ax.plot(x, _float(target), color=WARNA_TARGET, linestyle="--", linewidth=1.2,
                marker="s", markersize=4, label="Target")
        ax.plot(x, _float(realisasi), color=WARNA_REALISASI, linewidth=1.6, marker="o",
                markersize=4.5, label="Realisasi")
        ax.set_xticks(x, [str(t) for t in tahun])
        ax.set_xlim(-0.5, len(tahun) - 0.5)
        ax.set_xlabel("Tahun")
        ax.set_ylabel(f"Nilai ({satuan})" if satuan else "Nilai indikator")
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(FuncFormatter(_tick))
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)

        # Room above and below the points for their labels.
        nilai = [float(v) for v in (*target, *realisasi) if v is not None]
        bawah, atas = min(nilai), max(nilai)
        ruang = (atas - bawah) * 0.25 or abs(atas) * 0.1 or 1.0
        ax.set_ylim(bawah - ruang, atas + ruang)

        akhiran = "%" if satuan == "%" else ""
        for i, (t, r) in enumerate(zip(target, realisasi, strict=True)):
            # The larger of the two values is labelled above its marker, the other below.
            for v, warna, lain in ((t, WARNA_TARGET, r), (r, WARNA_REALISASI, t)):
                if v is None:
                    continue
                di_atas = lain is None or v > lain or (v == lain and warna == WARNA_REALISASI)
                ax.annotate(
                    format_angka(v) + akhiran, (i, float(v)),
                    xytext=(0, 5 if di_atas else -6), textcoords="offset points",
                    ha="center", va="bottom" if di_atas else "top", fontsize=6.5, color=warna,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.8},
                )

        fig.suptitle(_bungkus(judul, 100, 2), x=0.01, ha="left",
                     fontsize=_GAYA["axes.titlesize"], fontweight="bold")
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False,
                  borderaxespad=0.1)
        return _png(fig)


def chart_capaian_indikator(
    label: Sequence[str],
    capaian: Sequence[Decimal | None],
    batas: Decimal = Decimal(100),
    skala: Skala = DEFAULT_SKALA,
) -> bytes:
    """Capaian kinerja per indicator as horizontal bars, first indicator on top.

    A dashed line marks ``batas`` (100%: realisasi equal to target) and the bands of ``skala``
    (Permendagri 86/2017 by default: ≥ 91 Sangat Tinggi, 76–91 Tinggi, 66–76 Sedang, 51–66
    Rendah, < 51 Sangat Rendah) are shaded lightly behind the bars. An indicator without a
    capaian gets no bar and the text "tidak ada data".
    """
    _sama_panjang(label, capaian, "capaian")
    if all(v is None for v in capaian):
        return _kosong("Capaian kinerja per indikator")

    teks_label, tinggi, ukuran = _tata_label(label)
    with matplotlib.rc_context(_GAYA):
        fig = _figure(LEBAR_CM, tinggi)
        ax = fig.add_subplot()
        xmin, xmax = _rentang_x(capaian, float(batas))
        ax.set_xlim(xmin, xmax)
        _arsir_pita(ax, skala, xmin, xmax)
        _batang(ax, teks_label, capaian, format_persen, ukuran)
        ax.axvline(float(batas), color=WARNA_GARIS_ACUAN, linestyle="--", linewidth=0.9,
                   zorder=3)
        ax.set_xlabel(f"Capaian kinerja (%); garis putus-putus = {format_angka(batas)}%")
        return _png(fig)


def chart_serapan_program(label: Sequence[str], serapan: Sequence[Decimal | None]) -> bytes:
    """Serapan anggaran (realisasi ÷ pagu × 100) per program as horizontal bars.

    Each bar is labelled with its value ("94,74%"); a program without a serapan gets no bar and
    the text "tidak ada data". Serapan measures spending against the budget, not performance:
    the chart says "Serapan anggaran", never "capaian".
    """
    _sama_panjang(label, serapan, "serapan")
    if all(v is None for v in serapan):
        return _kosong("Serapan anggaran per program")

    teks_label, tinggi, ukuran = _tata_label(label)
    with matplotlib.rc_context(_GAYA):
        fig = _figure(LEBAR_CM, tinggi)
        ax = fig.add_subplot()
        xmin, xmax = _rentang_x(serapan, 100.0)
        ax.set_xlim(xmin, xmax)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        _batang(ax, teks_label, serapan, format_persen, ukuran)
        ax.axvline(100, color="#999999", linewidth=0.7, zorder=1)
        ax.set_xlabel("Serapan anggaran (%) = realisasi ÷ pagu × 100")
        return _png(fig)


# --- helpers ---------------------------------------------------------------------------------


def _figure(lebar_cm: float, tinggi_cm: float) -> Figure:
    fig = Figure(figsize=(lebar_cm * CM, tinggi_cm * CM), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.set_facecolor("white")
    return fig


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def _kosong(judul: str) -> bytes:
    """A small chart that says there is nothing to show, instead of an empty frame."""
    with matplotlib.rc_context(_GAYA):
        fig = _figure(LEBAR_CM, 4.0)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(_bungkus(judul, 90, 2), loc="left")
        ax.text(0.5, 0.45, TIDAK_ADA_DATA, ha="center", va="center", fontsize=9,
                color="#666666", transform=ax.transAxes)
        return _png(fig)


def _seri(nilai: Sequence[Decimal | None], n: int, nama: str) -> list[Decimal | None]:
    """One value per year; an empty list is a series with no values."""
    if not nilai:
        return [None] * n
    if len(nilai) != n:
        raise ValueError(f"{nama}: {len(nilai)} nilai untuk {n} tahun.")
    return list(nilai)


def _sama_panjang(label: Sequence[str], nilai: Sequence[object], nama: str) -> None:
    if len(label) != len(nilai):
        raise ValueError(f"{len(label)} label untuk {len(nilai)} nilai {nama}.")


def _float(nilai: Sequence[Decimal | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in nilai]


def _tick(x: float, _pos: object = None) -> str:
    return format_angka(Decimal(f"{x:.10g}"))


def _bungkus(teks: str, lebar: int, baris: int) -> str:
    """Wrap a label to at most ``baris`` lines, shortening the last one with "…"."""
    return "\n".join(textwrap.wrap(" ".join(teks.split()), lebar, max_lines=baris,
                                   placeholder=" …")) or " "


def _tata_label(label: Sequence[str]) -> tuple[list[str], float, float]:
    """Labels of a bar chart, its height (cm) and the label font size (pt).

    The chart is 8 cm high, taller for many or multi-line labels, never past 24 cm (a page).
    Labels wrap to up to three lines; when that does not fit they are cut to one line with
    "…", and when even that does not fit the text gets smaller. Past about 70 bars the chart
    is no longer readable on a page: give it fewer bars.
    """
    for lebar, baris in ((48, 3), (48, 2), (75, 1)):
        teks = [_bungkus(t, lebar, baris) for t in label]
        jumlah_baris = sum(t.count("\n") + 1 for t in teks)
        tinggi = max(TINGGI_CM, 2.2 + 0.38 * jumlah_baris + 0.25 * len(teks))
        if tinggi <= TINGGI_MAKS_CM:
            return teks, tinggi, UKURAN_LABEL
    skala = (TINGGI_MAKS_CM - 2.2) / (tinggi - 2.2)
    return teks, TINGGI_MAKS_CM, max(UKURAN_LABEL * skala, 3.0)


def _rentang_x(nilai: Sequence[Decimal | None], acuan: float) -> tuple[float, float]:
    """The x range: from 0 (or the lowest negative value) to past the largest value or the
    reference line, with room on the right for the value labels. Outliers beyond twice the
    reference (a capaian of 900% from a mistyped target) do not squash the other bars: the
    range stops there and their bars run off the edge, labelled with their true value."""
    ada = [float(v) for v in nilai if v is not None]
    kiri = max(min(0.0, *ada), -acuan)
    kanan = min(max(acuan, *ada), 2 * acuan)
    return (kiri * 1.15 if kiri < 0 else 0.0), kanan * 1.15 + (kanan - kiri) * 0.02


def _arsir_pita(ax, skala: Skala, xmin: float, xmax: float) -> None:  # type: ignore[no-untyped-def]
    """Shade the rating bands of ``skala`` across the x range, named in a legend across the top."""
    atas: Decimal | None = None
    tanda_atas = ""
    kotak = []
    for i, pita in enumerate(skala.pita):
        bawah = pita.batas_bawah
        kiri = max(float(bawah), xmin) if bawah is not None else xmin
        kanan = min(float(atas), xmax) if atas is not None else xmax
        if bawah is None:
            rentang = f"{'≤' if tanda_atas == '>' else '<'} {format_angka(atas)}"
        elif atas is None:
            rentang = f"{'≥' if pita.inklusif else '>'} {format_angka(bawah)}"
        else:
            rentang = f"{format_angka(bawah)}–{format_angka(atas)}"
        warna = WARNA_PITA[min(i, len(WARNA_PITA) - 1)]
        if kanan > kiri:
            ax.axvspan(kiri, kanan, color=warna, linewidth=0, zorder=0)
        kotak.append(Patch(facecolor=warna, edgecolor="#bbbbbb", linewidth=0.4,
                           label=f"{pita.label} ({rentang})"))
        atas, tanda_atas = bawah, ("≥" if pita.inklusif else ">")
    ax.figure.legend(handles=kotak, loc="outside upper center", ncol=len(kotak),
                     frameon=False, fontsize=6, handlelength=1.2, handletextpad=0.4,
                     columnspacing=1.0, borderaxespad=0.2)


def _batang(ax, label: Sequence[str], nilai: Sequence[Decimal | None], tulis,  # type: ignore[no-untyped-def]
            ukuran: float = 7.0) -> None:
    """Horizontal bars, first on top, each labelled with its value written by ``tulis``."""
    xmin, xmax = ax.get_xlim()
    y = list(range(len(label)))
    lebar = [0.0 if v is None else float(v) for v in nilai]
    ax.barh(y, lebar, height=0.6, color=WARNA_BATANG, zorder=2)
    ax.set_xlim(xmin, xmax)
    ax.set_yticks(y, label)
    ax.set_ylim(len(label) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0, labelsize=ukuran)
    ax.xaxis.set_major_formatter(FuncFormatter(_tick))
    jarak = (xmax - xmin) * 0.008
    gaya = {"va": "center", "fontsize": min(6.5, ukuran), "zorder": 4}
    for i, (v, w) in enumerate(zip(nilai, lebar, strict=True)):
        if v is None:
            ax.text(jarak, i, f"{TANPA_NILAI} tidak ada data", ha="left", color="#666666",
                    **gaya)
        elif w > xmax:  # runs off the right edge: the value inside the bar's end
            ax.text(xmax - jarak, i, f"{tulis(v)} ▸", ha="right", color="white",
                    fontweight="bold", **gaya)
        elif w < xmin:
            ax.text(xmin + jarak, i, f"◂ {tulis(v)}", ha="left", color="white",
                    fontweight="bold", **gaya)
        elif w >= 0:
            ax.text(w + jarak, i, tulis(v), ha="left", color="#111111", **gaya)
        else:  # negative: the value right of the zero line
            ax.text(jarak, i, tulis(v), ha="left", color="#111111", **gaya)
