"""The XLSX rendering of a document: every table of the report, with real numbers.

A first sheet "Ringkasan" holds the document's title, its headline figures and a list of the
tables with links; then one sheet per ``Tabel`` (a table printed twice in the document, like
the PK in Bab II and in the Lampiran, gets one sheet).

A figure (``Angka``) with a value becomes a numeric cell holding the unrounded ``Decimal``,
with a number format that shows it the way the report writes it, with as many decimals as the
report's text: rupiah ``"Rp "#,##0`` (Rp 5.093.068.611 in an Indonesian Excel), a percentage
as percent points ``#,##0.00"%"`` (the cell holds 94.7449, shown 94,74%, never 0.947449),
other numbers ``#,##0``. Format codes are stored in Excel's neutral notation (``,`` groups,
``.`` marks decimals) and each Excel shows them with its own locale's separators. A figure
without a value is the text "–"; the formula behind a figure (``rumus``) and its sources are
in a comment on its cell.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from akuntabel.core.angka import TANPA_NILAI
from akuntabel.reports.document import Angka, Dokumen, Sel, Tabel

__all__ = ["render_xlsx", "sheet_names"]

NAMA_RINGKASAN = "Ringkasan"
PANJANG_NAMA = 31  # Excel's limit for a sheet name
BARIS_HEADER = 4  # title, document, blank, then the header row

FONT_JUDUL = Font(bold=True, size=12)
FONT_SUBJUDUL = Font(italic=True, color="555555")
FONT_HEADER = Font(bold=True)
FONT_TEBAL = Font(bold=True)
FONT_CATATAN = Font(italic=True, size=9, color="444444")
FONT_TAUTAN = Font(color="1F4E79", underline="single")
FILL_HEADER = PatternFill("solid", start_color="DCE6F1")
GARIS = Side(style="thin", color="A6A6A6")
BINGKAI = Border(left=GARIS, right=GARIS, top=GARIS, bottom=GARIS)

# Widths in characters (Excel's unit); text longer than the cap wraps.
LEBAR_MIN = 6
LEBAR_MAKS_TEKS = 60
LEBAR_MAKS_TEKS_LAIN = 45
LEBAR_MAKS_ANGKA = 22

_DESIMAL = re.compile(r",(\d+)\D*$")
_TIDAK_BOLEH = re.compile(r"[\[\]:*?]")
_GARIS_MIRING = re.compile(r"[/\\]")


def render_xlsx(dok: Dokumen) -> bytes:
    """The document's tables as an XLSX workbook (bytes): "Ringkasan", then one sheet each."""
    wb = Workbook()
    ringkasan = wb.active
    ringkasan.title = NAMA_RINGKASAN
    tabel = _tanpa_ulangan(dok.tabel())
    nama = sheet_names(tabel, dok.tahun)
    for t, n in zip(tabel, nama, strict=True):
        _tulis_tabel(wb.create_sheet(n), t, dok)
    _tulis_ringkasan(ringkasan, dok, list(zip(nama, tabel, strict=True)))

    wb.properties.title = _bersih(dok.judul)
    wb.properties.subject = _bersih(dok.subjudul)
    wb.properties.creator = "Akuntabel"
    wb.properties.language = "id-ID"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _tanpa_ulangan(tabel: list[Tabel]) -> list[Tabel]:
    """Each table once: a document may print the same table twice (the PK in Bab II and in
    the Lampiran), a workbook needs it once."""
    hasil: list[Tabel] = []
    for t in tabel:
        if t not in hasil:
            hasil.append(t)
    return hasil


def sheet_names(tabel: Iterable[Tabel], tahun: int | None = None) -> list[str]:
    """A valid, unique sheet name (≤ 31 characters) for each table, in order.

    From the title without its leading "Tabel" ("3.9 Realisasi Anggaran Tahun 2023"); a title
    too long loses a final "Tahun <tahun>" (the workbook is that year's) and is then shortened
    at a word boundary. From ``kunci`` when the title is empty. Of the characters Excel
    forbids, ``/`` and ``\\`` become "-" and ``[]:*?`` are dropped; a name already taken
    (case-insensitive, "Ringkasan" included) gets " (2)", " (3)" ….
    """
    dipakai = {NAMA_RINGKASAN.casefold()}
    hasil = []
    for t in tabel:
        dasar = re.sub(r"^tabel\s+", "", " ".join(t.judul.split()), flags=re.IGNORECASE)
        dasar = _GARIS_MIRING.sub("-", _TIDAK_BOLEH.sub("", _bersih(dasar or t.kunci)))
        dasar = " ".join(dasar.split()).strip("' ") or "Tabel"
        if dasar.casefold() == "history":  # reserved by Excel
            dasar = "Tabel History"
        akhiran_tahun = f" Tahun {tahun}"
        if len(dasar) > PANJANG_NAMA and tahun and dasar.endswith(akhiran_tahun):
            dasar = dasar[: -len(akhiran_tahun)]
        nama, nomor = _potong(dasar, PANJANG_NAMA), 1
        while nama.casefold() in dipakai:
            nomor += 1
            akhiran = f" ({nomor})"
            nama = _potong(dasar, PANJANG_NAMA - len(akhiran)) + akhiran
        dipakai.add(nama.casefold())
        hasil.append(nama)
    return hasil


# --- sheets ----------------------------------------------------------------------------------


def _tulis_ringkasan(ws: Worksheet, dok: Dokumen, daftar: list[tuple[str, Tabel]]) -> None:
    ws["A1"] = _bersih(dok.judul)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = _bersih(dok.subjudul)
    ws["A2"].font = Font(bold=True, size=11)
    ws["A3"] = _bersih(f"{dok.instansi} — {dok.pemda}")
    ws["A3"].font = FONT_SUBJUDUL
    baris = 5
    lebar = [24, 20, 50]

    if dok.ringkasan:
        ws.cell(baris, 1, "Angka utama").font = Font(bold=True, size=11)
        baris += 1
        for kolom, teks in enumerate(("Uraian", "Nilai", "Rumus"), start=1):
            _header(ws.cell(baris, kolom, teks))
        baris += 1
        for kunci, angka in dok.ringkasan.items():
            label = _label_ringkasan(kunci)
            ws.cell(baris, 1, label).border = BINGKAI
            sel = ws.cell(baris, 2)
            _isi(sel, angka, komentar=False)
            sel.border = BINGKAI
            rumus = _bersih(angka.rumus) if isinstance(angka, Angka) else ""
            ws.cell(baris, 3, rumus).border = BINGKAI
            ws.cell(baris, 3).alignment = Alignment(wrap_text=True, vertical="top")
            _tinggi(ws, baris, _jumlah_baris(rumus, lebar[2] - 1))
            lebar[0] = max(lebar[0], len(label) + 2)
            lebar[1] = max(lebar[1], len(_teks_sel(angka)) + 2)
            baris += 1
        baris += 1

    if daftar:
        ws.cell(baris, 1, "Daftar Tabel").font = Font(bold=True, size=11)
        baris += 1
        _header(ws.cell(baris, 1, "Lembar"))
        _header(ws.cell(baris, 2, "Judul tabel"))
        baris += 1
        for nama, t in daftar:
            sel = ws.cell(baris, 1, nama)
            sel.hyperlink = Hyperlink(ref=sel.coordinate, location=f"{quote_sheetname(nama)}!A1",
                                      display=nama)
            sel.font = FONT_TAUTAN
            ws.cell(baris, 2, _bersih(t.judul or t.kunci))
            lebar[0] = max(lebar[0], len(nama) + 2)
            baris += 1

    for kolom, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(kolom)].width = min(w, LEBAR_MAKS_TEKS)
    _cetak(ws, lanskap=False)


def _tulis_tabel(ws: Worksheet, t: Tabel, dok: Dokumen) -> None:
    n_kolom = max([len(t.kolom), *(len(b) for b in t.baris)], default=1) or 1
    ws["A1"] = _bersih(t.judul or t.kunci)
    ws["A1"].font = FONT_JUDUL
    ws["A2"] = _bersih(dok.subjudul)
    ws["A2"].font = FONT_SUBJUDUL
    for kolom, judul in enumerate(t.kolom, start=1):
        _header(ws.cell(BARIS_HEADER, kolom, _bersih(judul)))

    tingkat = [max(t.tingkat[i], 0) if i < len(t.tingkat) else 0 for i in range(len(t.baris))]
    lebar = _lebar_kolom(t, n_kolom, tingkat)
    for i, isi in enumerate(t.baris):
        r = BARIS_HEADER + 1 + i
        tebal = t.tebal[i] if i < len(t.tebal) else False
        baris_teks = 1
        for kolom, nilai in enumerate(isi, start=1):
            sel = ws.cell(r, kolom)
            _isi(sel, nilai)
            sel.border = BINGKAI
            if tebal:
                sel.font = FONT_TEBAL
            if _rata_kiri(nilai):
                # Excel applies an indent only to a cell aligned left, not to "general".
                indent = tingkat[i] if kolom == 1 else 0
                sel.alignment = Alignment(horizontal="left", indent=indent, vertical="top",
                                          wrap_text=True)
                ruang = lebar[kolom - 1] - 2 * indent - 1
                baris_teks = max(baris_teks, _jumlah_baris(_teks_sel(nilai), ruang))
            else:
                sel.alignment = Alignment(horizontal="right", vertical="top")
        _tinggi(ws, r, baris_teks)
    for kolom, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(kolom)].width = w

    akhir = BARIS_HEADER + len(t.baris)
    ws.freeze_panes = ws.cell(BARIS_HEADER + 1, 1)
    if t.kolom:
        ws.auto_filter.ref = f"A{BARIS_HEADER}:{get_column_letter(n_kolom)}{akhir}"
        ws.print_title_rows = f"{BARIS_HEADER}:{BARIS_HEADER}"

    if t.catatan:
        r = akhir + 2
        sel = ws.cell(r, 1, _bersih(f"Catatan: {t.catatan}"))
        sel.font = FONT_CATATAN
        sel.alignment = Alignment(wrap_text=True, vertical="top")
        if n_kolom > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_kolom)
        # The note is in a smaller font: more of its characters fit a width unit.
        _tinggi(ws, r, _jumlah_baris(sel.value, sum(lebar) * 1.15 - 2), tinggi_baris=12.5)

    _cetak(ws, lanskap=sum(lebar) > 100)


def _lebar_kolom(t: Tabel, n_kolom: int, tingkat: list[int]) -> list[float]:
    """Column widths (characters) fitted to the content: a header wraps, so its longest word
    sets the minimum; a column of figures is at most ``LEBAR_MAKS_ANGKA`` wide even when a
    few of its cells are long text, the first (label) column at most ``LEBAR_MAKS_TEKS``,
    other text columns a little less, and longer text wraps."""
    lebar = [float(LEBAR_MIN)] * n_kolom
    for kolom, judul in enumerate(t.kolom):
        kata = max((len(k) for k in judul.split()), default=0)
        lebar[kolom] = max(lebar[kolom], kata + 2, min(len(judul), 24) + 2)
    angka = [0] * n_kolom
    teks = [0] * n_kolom
    for i, isi in enumerate(t.baris):
        for kolom, nilai in enumerate(isi):
            if _rata_kiri(nilai):
                teks[kolom] += 1
            elif isinstance(nilai, Angka) and nilai.nilai is not None:
                angka[kolom] += 1
            lebar[kolom] = max(lebar[kolom], _perlu(nilai, tingkat[i] if kolom == 0 else 0))
    for kolom in range(n_kolom):
        if angka[kolom] >= teks[kolom] and angka[kolom]:
            batas = LEBAR_MAKS_ANGKA
        else:
            batas = LEBAR_MAKS_TEKS if kolom == 0 else LEBAR_MAKS_TEKS_LAIN
        lebar[kolom] = min(lebar[kolom], max(batas, LEBAR_MIN))
    return lebar


def _jumlah_baris(teks: str, lebar: float) -> int:
    """About how many lines a wrapped text takes in a column ``lebar`` units wide (a unit is
    the width of a digit; ordinary text fits about 1.15 characters per unit)."""
    lebar_int = max(int(lebar * 1.15), 1)
    return sum(max(len(textwrap.wrap(p, lebar_int)), 1) for p in teks.split("\n")) or 1


def _tinggi(ws: Worksheet, baris: int, jumlah_baris: int, tinggi_baris: float = 15) -> None:
    """Set a row's height for its wrapped text. Excel fits rows to wrapped text by itself,
    LibreOffice does not when it opens the file, and neither fits merged cells."""
    if jumlah_baris > 1:
        ws.row_dimensions[baris].height = tinggi_baris * jumlah_baris + 2


def _rata_kiri(nilai: Sel) -> bool:
    """Text is left-aligned; figures, and the dash of a missing figure, are right-aligned."""
    if isinstance(nilai, str):
        return True
    return nilai.nilai is not None and nilai.format == "teks"


def _perlu(nilai: Sel, indent: int) -> float:
    """The width a cell's text needs on one line; an indent level is about two characters."""
    return len(_teks_sel(nilai)) + 2 * indent + 2


# --- cells -----------------------------------------------------------------------------------


def _isi(sel: Cell, nilai: Sel, komentar: bool = True) -> None:
    """Write a text as text, a figure with a value as a number with its format."""
    if isinstance(nilai, str):
        sel.value = _bersih(nilai)
        sel.data_type = "s"  # never a formula, even when the text starts with "="
        return
    if nilai.nilai is None or nilai.format == "teks":
        sel.value = _bersih(nilai.teks) if nilai.nilai is not None else TANPA_NILAI
        sel.data_type = "s"
        if nilai.nilai is None:
            sel.alignment = Alignment(horizontal="right")
    else:
        sel.value = nilai.nilai
        sel.number_format = _format_angka(nilai)
    if komentar and (nilai.rumus or nilai.sumber):
        sel.comment = _komentar(nilai)


def _format_angka(angka: Angka) -> str:
    """The number format that shows the value as ``angka.teks`` shows it."""
    cocok = _DESIMAL.search(angka.teks)
    desimal = len(cocok.group(1)) if cocok else 0
    pola = "#,##0" + ("." + "0" * desimal if desimal else "")
    if angka.format == "rupiah":
        return f'"Rp "{pola};-"Rp "{pola}'
    if angka.format == "persen":
        return f'{pola}"%"'
    return pola


def _komentar(angka: Angka) -> Comment:
    baris = []
    if angka.rumus:
        baris.append(f"Rumus: {angka.rumus}")
    if angka.sumber:
        baris.append("Sumber: " + "; ".join(label for label, _url in angka.sumber))
    teks = _bersih("\n".join(baris))
    komentar = Comment(teks, "Akuntabel")
    komentar.width = 300
    komentar.height = 40 + 18 * math.ceil(len(teks) / 40)
    return komentar


def _header(sel: Cell) -> None:
    sel.font = FONT_HEADER
    sel.fill = FILL_HEADER
    sel.border = BINGKAI
    sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _teks_sel(nilai: Sel) -> str:
    return nilai if isinstance(nilai, str) else (nilai.teks or TANPA_NILAI)


def _cetak(ws: Worksheet, lanskap: bool) -> None:
    """A4, fitted to the page width, landscape for wide tables."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if lanskap else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# --- text ------------------------------------------------------------------------------------

_SINGKATAN = {"iku": "IKU", "opd": "OPD", "pk": "PK", "dpa": "DPA", "rpjmd": "RPJMD",
              "renstra": "Renstra", "usg": "USG"}
_LABEL_RINGKASAN = {
    "pagu": "Pagu anggaran",
    "realisasi": "Realisasi anggaran",
    "serapan": "Serapan anggaran",
    "serapan_anggaran": "Serapan anggaran",
    "iku_capaian": "Capaian IKU",
    "iku_target": "Target IKU",
    "iku_realisasi": "Realisasi IKU",
    "iku_peringkat": "Peringkat capaian IKU",
    "iku_kondisi_akhir": "Kondisi akhir IKU (target akhir Renstra)",
    "jumlah_iku": "Jumlah IKU",
}


def _label_ringkasan(kunci: str) -> str:
    """A readable label for a headline figure's key: "jumlah_sub_kegiatan" → "Jumlah sub
    kegiatan"; a key that is already a label is kept."""
    if kunci in _LABEL_RINGKASAN:
        return _LABEL_RINGKASAN[kunci]
    if not re.fullmatch(r"[a-z0-9_]+", kunci):
        return _bersih(kunci)
    kata = [_SINGKATAN.get(k, k) for k in kunci.split("_") if k]
    if not kata:
        return kunci
    return " ".join([kata[0][:1].upper() + kata[0][1:], *kata[1:]])


def _bersih(teks: str) -> str:
    """Text without the control characters an XLSX file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", teks)


_KATA_SAMBUNG = {"dan", "atau", "serta", "per", "dengan", "terhadap", "yang", "di", "ke",
                 "dari", "pada", "untuk", "tahun", "dalam", "oleh", "sampai", "s.d."}


def _potong(teks: str, panjang: int) -> str:
    """Shorten to ``panjang`` characters at a word boundary when there is one, without a
    dangling joining word at the end ("… Anggaran dan" → "… Anggaran")."""
    if len(teks) <= panjang:
        return teks
    potong = teks[:panjang]
    if teks[panjang] != " " and " " in potong:
        potong = potong.rsplit(" ", 1)[0]
    kata = potong.split(" ")
    while len(kata) > 1 and kata[-1].casefold() in _KATA_SAMBUNG:
        kata.pop()
    return " ".join(kata).rstrip(" -'(,") or teks[:panjang]
