"""A ``Dokumen`` as HTML: the web preview, the downloadable file and the source of the PDF.

``render_html(dok)`` gives one self-contained HTML5 file: the stylesheet inline, every chart as
a ``data:`` URI, nothing fetched from anywhere. ``render_html(dok, standalone=False)`` gives
only the ``<article class="dokumen">`` to embed in a page that links ``reports/dokumen.css``
(see :func:`render_css`).

Every figure with a formula or a source shows them: as a tooltip (``title``) on hover, and as
a small popover with the formula and the links to the data when it is clicked or reached
with the keyboard. In print the popovers are hidden.

The layout decisions live in the templates (``reports/templates/reports/``); this module only
turns the plain ``Dokumen`` into rows the templates can loop over. Numbers are never formatted
here: every ``Angka`` arrives with its Indonesian text.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import TypeVar

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from akuntabel.reports.document import Angka, Bagian, Dokumen, Grafik, Tabel

TEMPLATE = "reports/dokumen.html"
STYLESHEET = "reports/dokumen.css"

# Column headers that are not the one to indent for tree rows ("No", "Kode").
_KOLOM_BUKAN_URAIAN = {"no", "no.", "nomor", "kode", "kode rekening"}
# A table with more columns than this goes on a landscape page in print.
KOLOM_LANSKAP = 8
# A figure's text up to this length is never wrapped; longer ones ("12 Jenis Barang Cetak …") may.
_TEKS_UTUH = 16
# A document with more parts than this gets a Daftar Isi.
BAGIAN_TANPA_DAFTAR_ISI = 3
# Forms (the PK, the E.81): a letterhead and a title block, no cover page, no Daftar Isi.
TANPA_SAMPUL = ("pk", "e81")


@dataclass
class _Sel:
    teks: str
    angka: bool = False  # a figure (right-aligned) rather than text
    utuh: bool = False  # never wrapped ("Rp 5.093.068.611", "94,74%")
    title: str = ""
    rumus: str = ""
    sumber: list[tuple[str, str]] = field(default_factory=list)  # (label, safe url or "")
    pid: str = ""  # id of the provenance popover
    indent: str = ""  # CSS padding-left for tree rows


@dataclass
class _Baris:
    sel: list[_Sel]
    tebal: bool


@dataclass
class _Tabel:
    id: str
    judul: str
    kolom: list[tuple[str, bool]]  # (header, numeric column)
    baris: list[_Baris]
    catatan: str
    lanskap: bool
    depan: bool = False


@dataclass
class _Grafik:
    id: str
    judul: str
    alt: str
    src: str
    depan: bool = False


_T = TypeVar("_T", _Tabel, _Grafik)
# "a. ", "1. ", "2) ", "iv. ": list markers typed into the narrative itself.
_PENANDA = re.compile(r"^(\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s")


@dataclass
class _Blok:
    jenis: str  # "p" or "ul"
    teks: str = ""
    butir: list[str] = field(default_factory=list)
    segmen: list[_Sel] = field(default_factory=list)  # "p": the text, figures with provenance
    butir_segmen: list[list[_Sel]] = field(default_factory=list)  # "ul": the same per item

    @property
    def bertanda(self) -> bool:
        """Text that carries its own marker ("a. …", "1) …"): no bullet, a hanging indent."""
        if self.jenis == "p":
            return bool(_PENANDA.match(self.teks))
        return all(_PENANDA.match(b) for b in self.butir)


@dataclass
class _Bagian:
    id: str
    nomor: str
    judul: str
    tingkat: int
    heading: str  # "h2" … "h6"
    depan: bool  # front matter (before BAB I): numbered i, ii, iii in print
    blok: list[_Blok]
    tabel: list[_Tabel]
    grafik: list[_Grafik]
    tanda_tangan: bool
    daftar_isi: bool = False  # this part is the Daftar Isi
    tampil_judul: bool = True  # False where the heading would repeat the document's title


class _Ids:
    """Unique, HTML-safe ids from the documents' keys."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.popover = 0

    def make(self, kunci: str, awalan: str) -> str:
        base = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in kunci)
        base = base.strip("-") or awalan
        if not base[0].isalpha():
            base = f"{awalan}-{base}"
        candidate, n = base, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{base}-{n}"
        self.seen.add(candidate)
        return candidate

    def next_popover(self) -> str:
        self.popover += 1
        return f"asal-{self.popover}"


def render_html(dok: Dokumen, *, standalone: bool = True) -> str:
    """The document as HTML5 (``lang="id"``); a whole file when ``standalone``."""
    ids = _Ids()
    ids.seen.update({"sampul", "daftar-isi"})
    pertama_bab = next((i for i, b in enumerate(dok.bagian) if b.nomor.upper().startswith("BAB")),
                       None)
    angka = _angka_narasi(dok)
    bagian = [_bagian(b, ids, angka, depan=pertama_bab is not None and i < pertama_bab)
              for i, b in enumerate(dok.bagian)]
    bagian = _with_daftar_isi(dok, bagian)
    sampul = dok.jenis not in TANPA_SAMPUL
    if not sampul and bagian and dok.judul.lower().startswith(bagian[0].judul.lower()):
        bagian[0].tampil_judul = False  # "Perjanjian Kinerja" under "PERJANJIAN KINERJA TAHUN …"
    for b in bagian:
        for x in (*b.tabel, *b.grafik):
            x.depan = b.depan
    context = {
        "dok": dok,
        "standalone": standalone,
        "sampul": sampul,
        "tahun_di_sampul": str(dok.tahun) not in dok.subjudul,
        "depan": [b for b in bagian if b.depan],
        "isi": [b for b in bagian if not b.depan],
        "daftar_isi": [b for b in bagian if b.tingkat <= 1 and not b.daftar_isi],
        "daftar_tabel": _sekali([t for b in bagian for t in b.tabel]),
        "daftar_grafik": _sekali([g for b in bagian for g in b.grafik]),
        # The running header is the subjudul's first line; further lines (the LHE's number
        # and date) are printed on the cover and the title block only.
        "kepala_halaman": _css_string(dok.subjudul.split("\n")[0]),
        "penandatangan": dok.penandatangan,
        "pihak_kedua": dok.pihak_kedua,
        "kop": _kop(dok),
    }
    if standalone:
        context["css"] = render_css()
    return render_to_string(TEMPLATE, context)


def render_css() -> SafeString:
    """The document's stylesheet (screen and print), for pages that embed the fragment."""
    return mark_safe(render_to_string(STYLESHEET))  # a static file of ours, no variables


def _with_daftar_isi(dok: Dokumen, bagian: list[_Bagian]) -> list[_Bagian]:
    """Mark or insert the Daftar Isi: where the builder put one (kunci ``daftar_isi``),
    otherwise after the Kata Pengantar (or first) for documents with more than a few parts."""
    for b in bagian:
        if b.id == "daftar_isi" or b.id == "daftar-isi":
            b.daftar_isi = True
            return bagian
    if dok.jenis in TANPA_SAMPUL or len(bagian) <= BAGIAN_TANPA_DAFTAR_ISI:
        return bagian
    posisi = 1 if bagian and bagian[0].id == "kata_pengantar" else 0
    depan = bool(bagian) and bagian[min(posisi, len(bagian) - 1)].depan
    daftar = _Bagian(id="daftar-isi", nomor="", judul="Daftar Isi", tingkat=0, heading="h2",
                     depan=depan, blok=[], tabel=[], grafik=[], tanda_tangan=False,
                     daftar_isi=True)
    return [*bagian[:posisi], daftar, *bagian[posisi:]]


def _sekali(items: list[_T]) -> list[_T]:
    """One entry per title in the Daftar Tabel / Grafik: a table shown twice (in the Ikhtisar
    Eksekutif and again in its chapter) is listed where it belongs, in the chapter."""
    pertama: dict[str, _T] = {}
    for x in items:
        if x.judul not in pertama or (pertama[x.judul].depan and not x.depan):
            pertama[x.judul] = x
    return [x for x in items if pertama[x.judul] is x]


def _angka_narasi(dok: Dokumen) -> dict[str, Angka]:
    """The headline figures with a provenance, by their text: where a narrative quotes one
    ("serapan anggaran sebesar 94,74%"), it shows the same formula as in the tables."""
    return {a.teks: a for a in dok.ringkasan.values()
            if (a.rumus or a.sumber) and a.format in ("rupiah", "persen")}


def _segmen(teks: str, angka: dict[str, Angka], ids: _Ids) -> list[_Sel]:
    if not angka:
        return [_Sel(teks=teks)]
    pola = re.compile("|".join(re.escape(t) for t in sorted(angka, key=len, reverse=True)))
    out: list[_Sel] = []
    awal = 0
    for m in pola.finditer(teks):
        if m.start() > awal:
            out.append(_Sel(teks=teks[awal:m.start()]))
        sel = _sel(angka[m.group(0)], ids)
        sel.angka = False  # inline in a sentence: no column alignment
        out.append(sel)
        awal = m.end()
    if awal < len(teks):
        out.append(_Sel(teks=teks[awal:]))
    return out


def _bagian(b: Bagian, ids: _Ids, angka: dict[str, Angka], *, depan: bool) -> _Bagian:
    blok = _blok(b.paragraf)
    for x in blok:
        if x.jenis == "p":
            x.segmen = _segmen(x.teks, angka, ids)
        else:
            x.butir_segmen = [_segmen(butir, angka, ids) for butir in x.butir]
    return _Bagian(
        id=ids.make(b.kunci, "bagian"), nomor=b.nomor, judul=b.judul, tingkat=b.tingkat,
        heading=f"h{min(b.tingkat + 2, 6)}", depan=depan, blok=blok,
        tabel=[_tabel(t, ids) for t in b.tabel], grafik=[_grafik(g, ids) for g in b.grafik],
        tanda_tangan=b.tanda_tangan)


def _blok(paragraf: tuple[str, ...]) -> list[_Blok]:
    """Paragraphs and bullet lists: a line starting "- " is a bullet; consecutive bullets
    (in one paragraph or in consecutive ones) make one list."""
    blok: list[_Blok] = []
    for p in paragraf:
        for line in p.splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("- "):
                if not blok or blok[-1].jenis != "ul":
                    blok.append(_Blok("ul"))
                blok[-1].butir.append(line[2:].strip())
            else:
                blok.append(_Blok("p", teks=line))
    return blok


def _tabel(t: Tabel, ids: _Ids) -> _Tabel:
    numeric = [
        any(isinstance(row[i], Angka) and row[i].format != "teks"
            for row in t.baris if i < len(row))
        for i in range(len(t.kolom))]
    uraian = next((i for i, k in enumerate(t.kolom)
                   if k.strip().lower() not in _KOLOM_BUKAN_URAIAN), 0)
    baris = []
    for n, row in enumerate(t.baris):
        tingkat = t.tingkat[n] if n < len(t.tingkat) else 0
        sel = [_sel(c, ids) for c in row]
        if tingkat and uraian < len(sel):
            sel[uraian].indent = f"{0.4 + 1.0 * min(tingkat, 8):.1f}em"
        baris.append(_Baris(sel, tebal=n < len(t.tebal) and t.tebal[n]))
    return _Tabel(id=ids.make(t.kunci, "tabel"), judul=t.judul,
                  kolom=list(zip(t.kolom, numeric, strict=True)), baris=baris,
                  catatan=t.catatan, lanskap=len(t.kolom) > KOLOM_LANSKAP)


def _sel(c: Angka | str, ids: _Ids) -> _Sel:
    if not isinstance(c, Angka):
        return _Sel(teks=c)
    sel = _Sel(teks=c.teks, angka=c.format != "teks",
               utuh=c.format in ("rupiah", "persen") or len(c.teks) <= _TEKS_UTUH)
    if c.rumus or c.sumber:
        sel.rumus = c.rumus
        sel.sumber = [(label, url if _safe_url(url) else "") for label, url in c.sumber]
        sumber = ", ".join(label for label, _ in c.sumber)
        sel.title = "\n".join(filter(None, [c.rumus, f"Sumber: {sumber}" if sumber else ""]))
        sel.pid = ids.next_popover()
    return sel


def _safe_url(url: str) -> bool:
    """Links to the web app's data (relative) or to the web; never ``javascript:`` and such."""
    return (url.startswith(("/", "?", "#")) and not url.startswith("//")) or url.startswith(
        ("https://", "http://"))


def _grafik(g: Grafik, ids: _Ids) -> _Grafik:
    src = "data:image/png;base64," + base64.b64encode(g.png).decode("ascii")
    return _Grafik(id=ids.make(g.kunci, "grafik"), judul=g.judul, alt=g.keterangan or g.judul,
                   src=src)


def _kop(dok: Dokumen) -> dict[str, str] | None:
    """The letterhead for the template, its logo as a ``data:`` URI."""
    kop = getattr(dok, "kop", None)
    if kop is None:
        return None
    return {"pemda": kop.pemda, "instansi": kop.instansi, "alamat": kop.alamat,
            "kontak": kop.kontak, "logo": logo_src(kop.logo)}


def logo_src(logo: bytes) -> str:
    """A PNG or JPEG logo as a ``data:`` URI ("" for none)."""
    if not logo:
        return ""
    jenis = "image/jpeg" if logo[:3] == b"\xff\xd8\xff" else "image/png"
    return f"data:{jenis};base64," + base64.b64encode(logo).decode("ascii")


def _css_string(teks: str) -> SafeString:
    """A CSS string literal, safe inside a ``<style>`` element (for the running header)."""
    out = []
    for ch in teks:
        if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return mark_safe('"' + "".join(out) + '"')

