"""The performance tree drawn as SVG on the server: a top-down tidy tree, one row per level
(visi, misi, tujuan, sasaran, program, kegiatan, sub kegiatan), each parent centred over its
children (leaves under one parent stacked below it), nodes not linked above drawn as trees
of their own to the right.

Each indicator carries its capaian and peringkat as text on a band coloured by the peringkat
(never colour alone), with a legend of the scale on top. The same SVG is shown on the page
(zoomed and panned by ``plans/static/plans/pohon.js``), downloaded as a file and laid in the
PDF. A pure function of the plain tree (``plans.pohon.Pohon``); every text is escaped; pixel
positions are layout, not measures; the figures are written from the Decimals by
``format_angka``. The document is in Indonesian, like the other official documents.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from akuntabel.core.angka import format_angka
from akuntabel.core.pohon import JENJANG, NAMA
from akuntabel.plans.cascade import tingkat_warna
from akuntabel.plans.pohon import IndikatorPohon, NodePohon, Pohon

__all__ = ["WARNA", "render_pohon_svg"]

LEBAR = 240          # node width
CELAH_X, CELAH_Y = 20, 56
INDEN, CELAH_TUMPUK = 24, 12  # stacked leaves: indent and gap
TEPI = 24            # margin around the drawing
BARIS = 14           # line height
HURUF = 11           # font size
MUAT = 38            # characters per line of a node
MAKS_INDIKATOR = 3
# Colour steps of the peringkat (plans.cascade.tingkat_warna), as on the plan page: fill, text.
WARNA = {0: ("#1a7f37", "#ffffff"), 1: ("#7fc47f", "#10321a"), 2: ("#f2d16b", "#3d2f00"),
         3: ("#f0a35e", "#3a1d00"), 4: ("#b3261e", "#ffffff")}
TANPA_WARNA = ("#e6e6e6", "#333333")


def _bungkus(teks: str, baris: int, muat: int = MUAT) -> list[str]:
    lines = textwrap.wrap(" ".join(teks.split()), muat) or [""]
    if len(lines) > baris:
        lines = lines[:baris]
        lines[-1] = lines[-1][:muat - 1].rstrip() + "…"
    return lines


def _ukuran(nilai: object, satuan: str) -> str:
    if nilai is None:
        return "–"
    teks = format_angka(nilai)  # type: ignore[arg-type]
    return f"{teks}%" if satuan == "%" else f"{teks} {satuan}".strip()


def _target_realisasi(ind: IndikatorPohon) -> str:
    target = _ukuran(ind.target, ind.satuan) if ind.target is not None else (
        ind.target_teks or "–")
    return f"T {target} · R {_ukuran(ind.realisasi, ind.satuan)}"


def _badge(ind: IndikatorPohon) -> str:
    if ind.capaian is None:
        return "– belum ada capaian"
    return f"{format_angka(ind.capaian)}% · {ind.peringkat}"


class _Kotak:
    """A node laid out: its lines (text, kind) and its height."""

    def __init__(self, node: NodePohon, catatan: list[str]) -> None:
        self.node = node
        kepala = NAMA.get(node.jenis, node.jenis)
        self.baris: list[tuple[str, str, IndikatorPohon | None]] = [
            (f"{kepala}{' · ' + node.kode if node.kode else ''}", "kepala", None)]
        self.baris += [(t, "label", None) for t in _bungkus(node.label, 4)]
        for ind in node.indikator[:MAKS_INDIKATOR]:
            self.baris += [(t, "indikator", None)
                           for t in _bungkus(ind.uraian or "(indikator tidak tercantum)", 2)]
            self.baris.append((_bungkus(_target_realisasi(ind), 1, MUAT + 4)[0], "catatan",
                               None))
            self.baris.append((_badge(ind), "badge", ind))
        if len(node.indikator) > MAKS_INDIKATOR:
            self.baris.append((f"+ {len(node.indikator) - MAKS_INDIKATOR} indikator lain",
                               "catatan", None))
        self.baris += [(f"⚠ {t}", "peringatan", None) for t in catatan]
        self.tinggi = 10 + sum(BARIS + (6 if k == "badge" else 0) for _, k, _i in self.baris)
        self.x = 0
        self.y = 0


def _legenda(pohon: Pohon) -> list[tuple[tuple[str, str], str]]:
    out = []
    for p in pohon.skala.pita:
        warna = WARNA.get(tingkat_warna(pohon.skala, p.label), TANPA_WARNA)  # type: ignore[arg-type]
        batas = ""
        if p.batas_bawah is not None:
            batas = f" {'≥' if p.inklusif else '>'} {format_angka(p.batas_bawah)}%"
        out.append((warna, f"{p.label}{batas}"))
    out.append((TANPA_WARNA, "– belum ada capaian"))
    return out


def render_pohon_svg(pohon: Pohon, *, link: Callable[[NodePohon], str] | None = None) -> str:
    """The tree as one ``<svg>`` element; ``link(node)`` gives each node's link (none when
    None, as in the downloaded file)."""
    catatan: dict[str, list[str]] = {}
    for t in pohon.periksa.yatim:
        catatan.setdefault(t.kunci, []).append("tidak melayani simpul di atasnya")
    for t in pohon.periksa.buntu:
        catatan.setdefault(t.kunci, []).append(
            "tanpa indikator" if t.kode == "POH-TANPA-INDIKATOR" else "buntu: tanpa turunan")
    kotak = {n.kunci: _Kotak(n, catatan.get(n.kunci, [])) for n in pohon.nodes}
    induk_pohon: dict[str, str] = {}
    anak: dict[str, list[str]] = {k: [] for k in kotak}
    for n in pohon.nodes:
        atas = next((k for k in n.induk if k in kotak), None)
        if atas is not None:
            induk_pohon[n.kunci] = atas
            anak[atas].append(n.kunci)
    akar = [n.kunci for n in pohon.nodes if n.kunci not in induk_pohon]

    tingkat: dict[str, int] = {}
    for n in pohon.nodes:  # parents come before their children in pohon.nodes
        atas = induk_pohon.get(n.kunci)
        tingkat[n.kunci] = (JENJANG.index(n.jenis) if n.jenis in JENJANG
                            else (tingkat[atas] + 1 if atas in tingkat else 0))

    # Leaves under one parent (the sub kegiatan of a kegiatan) are stacked one below the other,
    # indented, rather than side by side: the tree stays as wide as its kegiatan, not as its
    # sub kegiatan, and prints on fewer pages.
    bertumpuk: dict[str, int] = {}  # key of a stacked leaf -> its offset down its stack

    def letakkan(kunci: str, x: int) -> int:
        turunan = anak[kunci]
        if not turunan:
            kotak[kunci].x = x
            return x + LEBAR + CELAH_X
        if len(turunan) > 1 and not any(anak[k] for k in turunan):
            kotak[kunci].x = x
            turun = 0
            for k in turunan:
                kotak[k].x = x + INDEN
                bertumpuk[k] = turun
                turun += kotak[k].tinggi + CELAH_TUMPUK
            return x + LEBAR + INDEN + CELAH_X
        for k in turunan:
            x = letakkan(k, x)
        kotak[kunci].x = (kotak[turunan[0]].x + kotak[turunan[-1]].x) // 2
        return x

    legenda = _legenda(pohon)
    judul = f"Pohon Kinerja {pohon.opd.nama} Tahun {pohon.tahun}"
    sub = (f"Renstra {pohon.renstra.tahun_awal}–{pohon.renstra.tahun_akhir} · "
           f"RPJMD {pohon.renstra.rpjmd.tahun_awal}–{pohon.renstra.rpjmd.tahun_akhir} · "
           f"T = target berlaku, R = realisasi, lalu capaian dan peringkat "
           f"({pohon.skala.nama}, {pohon.skala.dasar_hukum.split(' tentang')[0]})")
    kepala = TEPI + 3 * 20
    x = TEPI
    for k in akar:
        x = letakkan(k, x) + CELAH_X
    lebar_pohon = x - 2 * CELAH_X + TEPI

    tinggi_tingkat: dict[int, int] = {}
    for k, b in kotak.items():
        tinggi_tingkat[tingkat[k]] = max(tinggi_tingkat.get(tingkat[k], 0),
                                         bertumpuk.get(k, 0) + b.tinggi)
    y_tingkat: dict[int, int] = {}
    y = kepala + CELAH_Y // 2
    for t in sorted(tinggi_tingkat):
        y_tingkat[t] = y
        y += tinggi_tingkat[t] + CELAH_Y
    for k, b in kotak.items():
        b.y = y_tingkat[tingkat[k]] + bertumpuk.get(k, 0)
    lebar_legenda = TEPI + sum(24 + 7 * len(label) for _w, label in legenda)
    lebar = max(lebar_pohon, lebar_legenda, TEPI * 2 + 7 * len(sub) // 1, 480)
    tinggi = y - CELAH_Y + TEPI if kotak else kepala + TEPI

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{lebar}" height="{tinggi}" '
           f'viewBox="0 0 {lebar} {tinggi}" role="img" aria-labelledby="pohon-judul" '
           f'font-family="DejaVu Sans, Arial, sans-serif" font-size="{HURUF}" class="pohon-svg">',
           f'<title id="pohon-judul">{escape(judul)}</title>',
           f'<rect width="{lebar}" height="{tinggi}" fill="#ffffff"/>',
           f'<text x="{TEPI}" y="{TEPI + 8}" font-size="16" font-weight="bold">'
           f'{escape(judul)}</text>',
           f'<text x="{TEPI}" y="{TEPI + 26}" fill="#444444">{escape(sub)}</text>']
    lx = TEPI
    for (isi, _teks), label in legenda:
        out.append(f'<rect x="{lx}" y="{TEPI + 36}" width="16" height="12" fill="{isi}" '
                   f'stroke="#888888"/><text x="{lx + 20}" y="{TEPI + 46}">{escape(label)}</text>')
        lx += 24 + 7 * len(label)
    # Links first, so that the boxes are drawn over them.
    for n in pohon.nodes:
        b = kotak[n.kunci]
        for k in n.induk:
            if k not in kotak:
                continue
            a = kotak[k]
            x1, y1 = a.x + LEBAR // 2, a.y + a.tinggi
            x2, y2 = b.x + LEBAR // 2, b.y
            if induk_pohon.get(n.kunci) == k and n.kunci in bertumpuk:
                out.append(f'<path d="M{a.x + INDEN // 2} {y1} V{y2 + BARIS} H{b.x}" '
                           f'fill="none" stroke="#777777" stroke-width="1.2"/>')
            elif induk_pohon.get(n.kunci) == k:
                tengah = y2 - CELAH_Y // 2
                out.append(f'<path d="M{x1} {y1} V{tengah} H{x2} V{y2}" fill="none" '
                           f'stroke="#777777" stroke-width="1.2"/>')
            else:  # a second node served: a dashed line
                out.append(f'<path d="M{x1} {y1} L{x2} {y2}" fill="none" stroke="#777777" '
                           f'stroke-dasharray="4 3"/>')
    for n in pohon.nodes:
        out.append(_simpul(kotak[n.kunci], link(n) if link else ""))
    out.append("</svg>")
    return "\n".join(out)


def _simpul(b: _Kotak, href: str) -> str:
    n = b.node
    bermasalah = any(k == "peringatan" for _, k, _i in b.baris)
    garis = ' stroke="#b3261e" stroke-dasharray="5 3"' if bermasalah else ' stroke="#555555"'
    isi = "#f4f6fb" if n.jenis in ("visi", "misi") else "#ffffff"
    out = [f'<g id={quoteattr("simpul-" + n.kunci)} class={quoteattr("simpul " + n.jenis)}>',
           f"<title>{escape(NAMA.get(n.jenis, n.jenis))}: {escape(n.kode + ' ' + n.label)}"
           "</title>"]
    if href:
        out.append(f"<a href={quoteattr(href)}>")
    out.append(f'<rect x="{b.x}" y="{b.y}" width="{LEBAR}" height="{b.tinggi}" rx="4" '
               f'fill="{isi}"{garis}/>')
    y = b.y + 6
    for teks, jenis, ind in b.baris:
        if jenis == "badge" and ind is not None:
            latar, warna = WARNA.get(ind.tingkat, TANPA_WARNA)  # type: ignore[arg-type]
            out.append(f'<rect x="{b.x + 4}" y="{y + 1}" width="{LEBAR - 8}" '
                       f'height="{BARIS + 4}" rx="2" fill="{latar}"/>')
            out.append(f'<text x="{b.x + 8}" y="{y + BARIS}" fill="{warna}" '
                       f'font-size="{HURUF - 1}">{escape(teks)}</text>')
            y += BARIS + 6
            continue
        gaya = {"kepala": ' font-weight="bold" fill="#333333" font-size="10"',
                "label": "", "indikator": ' fill="#333333" font-size="10" font-style="italic"',
                "catatan": ' fill="#555555" font-size="10"',
                "peringatan": ' fill="#b3261e" font-size="10" font-weight="bold"'}[jenis]
        out.append(f'<text x="{b.x + 8}" y="{y + BARIS - 2}"{gaya}>{escape(teks)}</text>')
        y += BARIS
    if href:
        out.append("</a>")
    out.append("</g>")
    return "".join(out)
