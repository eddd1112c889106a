"""The Word rendering of a ``Dokumen``: the file users edit, sign and submit.

``render_docx(dok)`` writes real Word structure rather than a picture of the report: Heading 1 /
Heading 2 styles (so Word's navigation pane and Daftar Isi work), a TOC field that fills when the
user updates fields, PAGE fields in the footer, tables whose header row repeats on every page,
and sections for the cover (no page number), the front matter (roman page numbers), the chapters
(arabic, from 1) and any part whose tables are too wide for a portrait page (landscape).

Figures are printed as their ``Angka.teks``: this module never formats a number.

Tables are written as WordprocessingML directly (not through python-docx's cell API, which is
quadratic in the number of rows): a DPA tree of thousands of lines renders in about a second.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from akuntabel.reports.document import Angka, Bagian, Dokumen, Grafik, Penandatangan, Tabel
from akuntabel.reports.renderers.html import TANPA_SAMPUL

FONT = "Arial"
BODY_PT = 11
TABLE_PT = 10  # tables on a portrait page
WIDE_TABLE_PT = 9  # tables of five columns or more, and tables in a landscape section
WIDE_COLUMNS = 6  # a table with more columns than this gets a landscape section
TOC_INSTRUCTION = "Klik kanan → Perbarui bidang untuk memperbarui daftar isi"
HEADER_FILL = "D9D9D9"
INDENT_PER_LEVEL = 198  # twips (0,35 cm) per Tabel.tingkat level
BLACK = RGBColor(0, 0, 0)
# "a. ", "1. ", "2) ", "iv. ": list markers typed into the narrative itself.
OWN_MARKER = re.compile(r"^(\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s")
FORM_LINE = re.compile(r"^(Nama|Jabatan|NIP|Pangkat(?:/Gol(?:ongan)?)?)\s*:\s*(.*)$")

TWIPS_PER_CM = 567
EMU_PER_TWIP = 635


@dataclass(frozen=True)
class _Halaman:
    """A page layout: A4 portrait (binding margin on the left) or landscape (binding on top).
    Widths and heights of the text area are in twips."""

    landscape: bool
    lebar_isi: int
    tinggi_isi: int


# A4 less the margins set in _set_page: 3 + 2 cm across a portrait page, 3 + 2 cm down a
# landscape one (binding on the left of the book is the top of a landscape page).
PORTRAIT = _Halaman(False, lebar_isi=16 * TWIPS_PER_CM, tinggi_isi=int(24.7 * TWIPS_PER_CM))
LANDSCAPE = _Halaman(True, lebar_isi=int(24.7 * TWIPS_PER_CM), tinggi_isi=16 * TWIPS_PER_CM)


def render_docx(dok: Dokumen) -> bytes:
    """The document as a .docx file (bytes)."""
    doc = Document()
    _set_up_styles(doc)
    _set_properties(doc, dok)
    writer = _Writer(doc, dok)
    writer.write()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the writer -----------------------------------------------------------------------------


class _Writer:
    def __init__(self, doc, dok: Dokumen):
        self.doc = doc
        self.dok = dok
        self.halaman = PORTRAIT
        self.at_page_top = True  # the next paragraph starts a fresh page
        self.skip_heading = ""  # kunci of a part whose heading the title block already gives

    def write(self) -> None:
        dok = self.dok
        first = self.doc.sections[0]
        has_cover = dok.jenis not in TANPA_SAMPUL
        orientasi = _orientations(dok.bagian)
        # A form without a cover whose first part is landscape (the E.81) starts landscape:
        # its letterhead and title are not left alone on a portrait page.
        self.halaman = (orientasi[0] if not has_cover and orientasi else PORTRAIT)
        _set_page(first, self.halaman)
        bab_pertama = next((i for i, b in enumerate(dok.bagian) if b.tingkat == 0 and b.nomor),
                           None)
        # Roman page numbers for what comes before the first numbered chapter, when there is any.
        front_matter = bab_pertama is not None and (bab_pertama > 0 or self._wants_toc())
        if getattr(dok, "kop", None) is not None:
            self._kop()
        if has_cover:
            self._cover()
            section = self._section_break(PORTRAIT, "lowerRoman" if front_matter else "decimal", 1)
        else:
            section = first
            _set_page_numbers(section, "lowerRoman" if front_matter else "decimal", 1)
            self._title_block()
        _add_page_number_footer(section)

        toc_done = False
        if self._wants_toc() and not any(b.kunci == "daftar_isi" for b in dok.bagian):
            self._daftar_isi()
            toc_done = True

        for i, bagian in enumerate(dok.bagian):
            if bagian.kunci == "daftar_isi" and not toc_done:
                if self.halaman.landscape:
                    self._section_break(PORTRAIT)
                self._daftar_isi()
                toc_done = True
                continue
            halaman = orientasi[i]
            restart = front_matter and i == bab_pertama
            if restart or halaman != self.halaman:
                self._section_break(halaman, "decimal", 1 if restart else None)
            self._bagian(bagian)

    def _wants_toc(self) -> bool:
        return self.dok.jenis not in TANPA_SAMPUL and len(self.dok.bagian) > 3

    # --- page structure

    def _section_break(self, halaman: _Halaman, fmt: str | None = None,
                       start: int | None = None):
        """End the current section on its last paragraph and start a new one on a new page."""
        body = self.doc.element.body
        sentinel = body.sectPr
        last = sentinel.getprevious()
        if last is None or last.tag != qn("w:p"):
            # A section must end on a paragraph: a tiny empty one (after a table, typically).
            last = body.add_p()
            p = Paragraph(last, self.doc._body)
            p.paragraph_format.space_before = Pt(0)
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = Pt(1)
            p.add_run().font.size = Pt(1)
        last.set_sectPr(sentinel.clone())
        for ref in sentinel.xpath("w:headerReference|w:footerReference|w:titlePg"):
            sentinel.remove(ref)
        section = self.doc.sections[-1]
        _set_page(section, halaman)
        _set_page_numbers(section, fmt, start)
        self.halaman = halaman
        self.at_page_top = True
        return section

    def _paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        p = self.doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        self.at_page_top = False
        return p

    # --- cover and table of contents

    def _cover(self) -> None:
        dok = self.dok

        def line(text, size, bold=False, before=0, after=6, caps=False):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt = p.paragraph_format
            fmt.space_before = Pt(before)
            fmt.space_after = Pt(after)
            fmt.line_spacing = 1.15
            run = p.add_run(text)
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.all_caps = caps
            return p

        line(dok.judul, 20, bold=True, before=96, after=18)
        if dok.subjudul:
            line(dok.subjudul, 14, after=6)
        line(dok.pemda, 14, bold=True, before=300, after=6, caps=True)
        if dok.instansi and dok.instansi not in dok.subjudul:
            line(dok.instansi, 13, bold=True, after=6, caps=True)
        line(str(dok.tahun), 14, bold=True, after=0)
        self.at_page_top = False

    def _kop(self) -> None:
        """The letterhead: the logo on the left, the pemda, agency, address and contact
        centred beside it, a double rule below."""
        kop = self.dok.kop
        table = self.doc.add_table(rows=1, cols=2)
        logo_w = Cm(2.4)
        text_w = Emu(self.halaman.lebar_isi * EMU_PER_TWIP) - logo_w
        left, right = table.rows[0].cells
        left.width, right.width = logo_w, text_w
        if kop.logo:
            left.paragraphs[0].add_run().add_picture(io.BytesIO(kop.logo), height=Cm(2.2))
        lines = [(kop.pemda, 13, True), (kop.instansi, 15, True), (kop.alamat, 9, False),
                 (kop.kontak, 9, False)]
        first = True
        for text, size, bold in lines:
            if not text:
                continue
            p = right.paragraphs[0] if first else right.add_paragraph()
            first = False
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = 1.0
            run = p.add_run(text)
            run.font.size = Pt(size)
            run.font.bold = bold
        rule = self.doc.add_paragraph()
        borders = _el(rule._p.get_or_add_pPr(), "w:pBdr")  # before w:spacing (schema order)
        _el(borders, "w:bottom", val="double", sz="12", space="1", color="000000")
        rule.paragraph_format.space_after = Pt(12)
        self.at_page_top = False

    def _title_block(self) -> None:
        """The title at the top of the first page, for a document without a cover (the PK).
        The first part's heading is left out when the title already says it."""
        dok = self.dok
        for text, size, after in ((dok.judul, 14, 2), (dok.subjudul, 12, 18)):
            if text:
                p = self.doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(after)
                p.paragraph_format.line_spacing = 1.15
                run = p.add_run(text)
                run.font.size = Pt(size)
                run.font.bold = True
        first = dok.bagian[0] if dok.bagian else None
        if first and not first.nomor and dok.judul.lower().startswith(first.judul.lower()):
            self.skip_heading = first.kunci
        self.at_page_top = False

    def _daftar_isi(self) -> None:
        judul = self.doc.add_paragraph(style="Judul Daftar Isi")
        judul.add_run("Daftar Isi")
        judul.paragraph_format.page_break_before = not self.at_page_top

        entries = [b for b in self.dok.bagian
                   if b.tingkat <= 1 and b.kunci != "daftar_isi" and _heading_text(b)]
        # The field's result is pre-filled with the headings (without page numbers), so the list
        # reads sensibly before the user updates it; Word replaces it on update.
        paragraphs = []
        for b in entries or [None]:
            style = "toc 1" if b is None or b.tingkat == 0 else "toc 2"
            p = self.doc.add_paragraph(style=style)
            paragraphs.append((p, _heading_text(b) if b else ""))
        first, last = paragraphs[0][0], paragraphs[-1][0]
        _field_begin(first, 'TOC \\o "1-2" \\h \\z \\u')
        for p, text in paragraphs:
            if text:
                p.add_run(text)
        _field_end(last)
        for judul, style, items in (
                ("Daftar Tabel", "Judul Tabel", [t.judul for b in self.dok.bagian
                                                 for t in b.tabel]),
                ("Daftar Gambar", "Judul Grafik", [g.judul for b in self.dok.bagian
                                                   for g in b.grafik])):
            items = list(dict.fromkeys(i for i in items if i))
            if not items:
                continue
            head = self.doc.add_paragraph(style="Judul Daftar Isi")
            head.paragraph_format.space_before = Pt(18)
            head.add_run(judul)
            rows = [self.doc.add_paragraph(style="toc 2") for _ in items]
            _field_begin(rows[0], f'TOC \\h \\z \\t "{style},1"')
            for p, text in zip(rows, items, strict=True):
                p.add_run(text)
            _field_end(rows[-1])
        note = self.doc.add_paragraph(style="Catatan Tabel")
        note.paragraph_format.space_before = Pt(12)
        note.add_run(TOC_INSTRUCTION).font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        self.at_page_top = False

    # --- parts

    def _bagian(self, bagian: Bagian) -> None:
        if bagian.kunci != self.skip_heading:
            level = min(bagian.tingkat + 1, 3)
            heading = self.doc.add_paragraph(style=f"Heading {level}")
            run = heading.add_run(_heading_text(bagian))
            if bagian.tingkat == 0 and bagian.nomor.upper().startswith("BAB"):
                run.font.all_caps = True
            if bagian.tingkat == 0 and not self.at_page_top:
                heading.paragraph_format.page_break_before = True
            self.at_page_top = False

        for teks in bagian.paragraf:
            for baris in teks.split("\n"):
                baris = baris.strip()
                if not baris:
                    continue
                form = FORM_LINE.match(baris) if self.dok.jenis == "pk" else None
                if baris.startswith("- ") and OWN_MARKER.match(baris[2:].strip()):
                    # "- a. Perumusan …": the item carries its own marker; no bullet on top,
                    # a hanging indent instead (as the HTML rendering does).
                    p = self._paragraph(baris[2:].strip())
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    p.paragraph_format.left_indent = Cm(1.25)
                    p.paragraph_format.first_line_indent = Cm(-0.6)
                elif baris.startswith("- "):
                    self._paragraph(baris[2:].strip(), "List Bullet")
                elif form:
                    # "Nama: …" in the PK statement: a form line, labels aligned.
                    p = self._paragraph(f"{form[1]}\t: {form[2]}")
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    p.paragraph_format.left_indent = Cm(1)
                    p.paragraph_format.space_after = Pt(0)
                    p.paragraph_format.tab_stops.add_tab_stop(Cm(3.5))
                else:
                    self._paragraph(baris)
        for tabel in bagian.tabel:
            self._tabel(tabel)
        for grafik in bagian.grafik:
            self._grafik(grafik)
        if bagian.tanda_tangan and self.dok.penandatangan is not None:
            self._tanda_tangan()

    # --- tables

    def _tabel(self, tabel: Tabel) -> None:
        if tabel.judul:
            # Kept with the table's first rows: never stranded at a page bottom.
            self._paragraph(tabel.judul, "Judul Tabel").paragraph_format.keep_with_next = True
        n = len(tabel.kolom)
        crowded = n >= 5 or self.halaman.landscape
        size = WIDE_TABLE_PT if crowded else TABLE_PT
        half_points = size * 2
        numeric = [_is_numeric_column(tabel, j) for j in range(n)]
        widths = _column_widths(tabel, numeric, self.halaman.lebar_isi, size)

        table = self.doc.add_table(rows=0, cols=n)
        table.style = self.doc.styles["Table Grid"]
        tbl = table._tbl
        _set_table_properties(tbl, sum(widths))
        for gc, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            gc.set(qn("w:w"), str(w))

        header = _tr(tbl, header=True)
        for j, kolom in enumerate(tabel.kolom):
            _tc(header, kolom, widths[j], align="center", bold=True, fill=HEADER_FILL,
                size=half_points, v_center=True)

        if not tabel.baris:
            row = _tr(tbl)
            _tc(row, "Tidak ada data.", sum(widths), align="center", bold=False, fill=None,
                size=half_points, span=n)
        for i, sel_baris in enumerate(tabel.baris):
            tingkat = tabel.tingkat[i] if i < len(tabel.tingkat) else 0
            tebal = tabel.tebal[i] if i < len(tabel.tebal) else False
            row = _tr(tbl)
            for j in range(n):
                sel = sel_baris[j] if j < len(sel_baris) else ""
                right = isinstance(sel, Angka) and sel.format != "teks"
                _tc(row, _cell_text(sel), widths[j], align="right" if right else None,
                    bold=tebal, fill=None, size=half_points,
                    indent=INDENT_PER_LEVEL * tingkat if j == 0 else 0)
        self.at_page_top = False
        if tabel.catatan:
            self._paragraph(tabel.catatan, "Catatan Tabel")
        else:
            self._paragraph("", "Catatan Tabel")  # a little space before what follows

    # --- charts

    def _grafik(self, grafik: Grafik) -> None:
        if not grafik.png:
            return
        p = self._paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(12)
        p.paragraph_format.line_spacing = 1.0
        width = Emu(self.halaman.lebar_isi * EMU_PER_TWIP)
        shape = p.add_run().add_picture(io.BytesIO(grafik.png), width=width)
        max_height = Emu(int(self.halaman.tinggi_isi * 0.6) * EMU_PER_TWIP)
        if shape.height > max_height:
            ratio = max_height / shape.height
            shape.width = Emu(int(shape.width * ratio))
            shape.height = Emu(int(shape.height * ratio))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", grafik.keterangan or grafik.judul)
        doc_pr.set("title", grafik.judul)
        if grafik.judul:
            self._paragraph(grafik.judul, "Judul Grafik")
        if grafik.keterangan and grafik.keterangan != grafik.judul:
            self._paragraph(grafik.keterangan, "Keterangan Grafik")

    # --- signature

    def _tanda_tangan(self) -> None:
        dok = self.dok
        pertama = dok.penandatangan
        assert pertama is not None
        if dok.pihak_kedua is None:
            lines = _signature_lines(pertama, with_date=True)
            indent = Emu(self.halaman.lebar_isi // 2 * EMU_PER_TWIP)
            for k, (text, bold_underline) in enumerate(lines):
                p = self._paragraph(style="Tanda Tangan")
                p.paragraph_format.left_indent = indent
                if k == 0:
                    p.paragraph_format.space_before = Pt(24)
                if k < len(lines) - 1:
                    p.paragraph_format.keep_with_next = True
                if text:
                    run = p.add_run(text)
                    run.font.bold = bold_underline
                    run.font.underline = bold_underline
            return
        # The Perjanjian Kinerja: pihak kedua on the left, pihak pertama on the right.
        table = self.doc.add_table(rows=1, cols=2)
        half = self.halaman.lebar_isi // 2
        _set_table_properties(table._tbl, half * 2)
        for gc in table._tbl.tblGrid.findall(qn("w:gridCol")):
            gc.set(qn("w:w"), str(half))
        kiri = [("", False), ("Pihak Kedua,", False), *_signature_lines(dok.pihak_kedua, False)]
        kanan = [(pertama.tempat_tanggal, False), ("Pihak Pertama,", False),
                 *_signature_lines(pertama, False)]
        for cell, lines in zip(table.rows[0].cells, (kiri, kanan), strict=True):
            cell.width = Emu(half * EMU_PER_TWIP)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            for text, bold_underline in lines:
                p = cell.add_paragraph(style="Tanda Tangan")
                p.paragraph_format.keep_with_next = True
                if text:
                    run = p.add_run(text)
                    run.font.bold = bold_underline
                    run.font.underline = bold_underline
        _tr_flags(table._tbl.findall(qn("w:tr"))[0], header=False)
        self._paragraph("")


def _signature_lines(orang: Penandatangan, with_date: bool) -> list[tuple[str, bool]]:
    """(text, bold and underlined) lines: date, jabatan, space to sign, name, pangkat, NIP."""
    lines: list[tuple[str, bool]] = []
    if with_date and orang.tempat_tanggal:
        lines.append((orang.tempat_tanggal, False))
    lines.append((orang.jabatan, False))
    lines += [("", False)] * 3
    # No name on record: a dotted line to write it on, rather than nothing under the space.
    lines.append((orang.nama, True) if orang.nama else ("(" + "." * 40 + ")", False))
    if orang.pangkat:
        lines.append((orang.pangkat, False))
    if orang.nip:
        lines.append((f"NIP. {orang.nip}", False))
    return lines


def _heading_text(bagian: Bagian) -> str:
    return f"{bagian.nomor} {bagian.judul}".strip()


def _has_content(bagian: Bagian) -> bool:
    return bool(bagian.paragraf or bagian.tabel or bagian.grafik or bagian.tanda_tangan)


def _orientations(bagian: tuple[Bagian, ...]) -> list[_Halaman]:
    """Landscape for a part holding a wide table; a part with only a heading (a chapter whose
    text is all in its sections) follows the part after it, so it is not left alone on a page."""
    result = [LANDSCAPE if any(len(t.kolom) > WIDE_COLUMNS for t in b.tabel) else PORTRAIT
              for b in bagian]
    for i in range(len(bagian) - 2, -1, -1):
        if not _has_content(bagian[i]) and bagian[i + 1].tingkat > bagian[i].tingkat:
            result[i] = result[i + 1]
    return result


# --- table helpers --------------------------------------------------------------------------


def _cell_text(sel) -> str:
    if isinstance(sel, Angka):
        return sel.teks
    return "" if sel is None else str(sel)


def _is_numeric_column(tabel: Tabel, j: int) -> bool:
    cells = [r[j] for r in tabel.baris if j < len(r) and _cell_text(r[j])]
    numbers = sum(1 for c in cells if isinstance(c, Angka) and c.format != "teks")
    return bool(cells) and numbers * 2 >= len(cells)


def _column_widths(tabel: Tabel, numeric: list[bool], usable: int, size: int) -> list[int]:
    """Column widths in twips, as a browser lays out an automatic table: each column gets at
    least its longest unbreakable piece (a word, a figure such as "Rp 5.093.068.611", a
    header word), and the rest of the width goes where the text is long."""
    n = len(tabel.kolom)
    char = 10.5 * size  # an average Arial character (digits are 0,56 em, dots 0,28), in twips
    pad = 280  # the cell's left and right margins, and some air
    minimum = [0.0] * n  # characters
    natural = [0.0] * n
    for j in range(n):
        # Headers wrap between words; they are bold, hence the wider characters.
        minimum[j] = 1.15 * max((len(w) for w in tabel.kolom[j].split()), default=1)
        natural[j] = minimum[j]
    for i, r in enumerate(tabel.baris):
        indent = tabel.tingkat[i] * INDENT_PER_LEVEL / char if i < len(tabel.tingkat) else 0
        for j in range(min(n, len(r))):
            sel = r[j]
            for line in _cell_text(sel).split("\n"):
                figure = isinstance(sel, Angka) and len(line) <= (
                    20 if sel.format in ("rupiah", "persen") else 10 if sel.format == "angka"
                    else 0)
                if figure:
                    piece = len(line)  # a figure is not broken
                else:
                    piece = min(max((len(w) for w in line.split()), default=0), 18)
                extra = indent if j == 0 else 0
                minimum[j] = max(minimum[j], piece + extra)
                if figure or not numeric[j]:
                    # A long text in a column of figures ("12 Jenis Barang Cetak") wraps
                    # rather than widening the column.
                    natural[j] = max(natural[j], min(len(line), 45) + extra)
    low = [max(int(c * char) + pad, 500) for c in minimum]
    high = [max(int(max(c, m) * char) + pad, lo) for c, m, lo in zip(natural, minimum, low,
                                                                       strict=True)]
    if sum(high) <= usable:
        # Everything fits on one line: the spare width goes to the text columns.
        grow = [j for j in range(n) if not numeric[j]] or list(range(n))
        spare = usable - sum(high)
        weight = sum(high[j] for j in grow)
        widths = [w + (spare * w // weight if j in grow else 0) for j, w in enumerate(high)]
    elif sum(low) <= usable:
        spare = usable - sum(low)
        stretch = sum(h - lo for h, lo in zip(high, low, strict=True))
        widths = [lo + (h - lo) * spare // stretch for h, lo in zip(high, low, strict=True)]
    else:
        widths = [lo * usable // sum(low) for lo in low]
    # Absorb rounding so the table is exactly as wide as the text area.
    widths[0] += usable - sum(widths)
    return widths


def _el(parent, tag: str, **attrs):
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), str(value))
    parent.append(child)
    return child


def _set_table_properties(tbl, width: int) -> None:
    tblPr = tbl.tblPr
    for tag in ("w:tblW", "w:jc", "w:tblLayout", "w:tblLook"):
        for old in tblPr.findall(qn(tag)):
            tblPr.remove(old)
    # Schema order: tblStyle, ..., tblW, jc, ..., tblLayout, tblCellMar, tblLook.
    tblW = OxmlElement("w:tblW")
    tblW.set(qn("w:w"), str(width))
    tblW.set(qn("w:type"), "dxa")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    style = tblPr.find(qn("w:tblStyle"))
    anchor = style if style is not None else None
    for el in (tblW, jc, layout):
        if anchor is None:
            tblPr.insert(0, el)
        else:
            anchor.addnext(el)
        anchor = el
    _el(tblPr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
        lastColumn="0", noHBand="1", noVBand="1")


def _tr(tbl, header: bool = False):
    tr = _el(tbl, "w:tr")
    _tr_flags(tr, header)
    return tr


def _tr_flags(tr, header: bool) -> None:
    trPr = tr.find(qn("w:trPr"))
    if trPr is None:
        trPr = OxmlElement("w:trPr")
        tr.insert(0, trPr)
    _el(trPr, "w:cantSplit")
    if header:
        _el(trPr, "w:tblHeader")


def _tc(tr, text: str, width: int, *, align: str | None, bold: bool, fill: str | None,
        size: int, indent: int = 0, v_center: bool = False, span: int = 1) -> None:
    tc = _el(tr, "w:tc")
    tcPr = _el(tc, "w:tcPr")
    _el(tcPr, "w:tcW", w=width, type="dxa")
    if span > 1:
        _el(tcPr, "w:gridSpan", val=span)
    if fill:
        _el(tcPr, "w:shd", val="clear", color="auto", fill=fill)
    if v_center:
        _el(tcPr, "w:vAlign", val="center")
    p = _el(tc, "w:p")
    pPr = _el(p, "w:pPr")
    _el(pPr, "w:pStyle", val="IsiTabel")
    if indent:
        _el(pPr, "w:ind", left=indent)
    if align:
        _el(pPr, "w:jc", val=align)
    if not text:
        return
    r = _el(p, "w:r")
    rPr = _el(r, "w:rPr")
    if bold:
        _el(rPr, "w:b")
        _el(rPr, "w:bCs")
    _el(rPr, "w:sz", val=size)
    _el(rPr, "w:szCs", val=size)
    for k, line in enumerate(text.split("\n")):
        if k:
            _el(r, "w:br")
        t = _el(r, "w:t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# --- fields ---------------------------------------------------------------------------------


def _field_begin(paragraph: Paragraph, instruction: str) -> None:
    p = paragraph._p
    _el(_el(p, "w:r"), "w:fldChar", fldCharType="begin")
    instr = _el(_el(p, "w:r"), "w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    _el(_el(p, "w:r"), "w:fldChar", fldCharType="separate")


def _field_end(paragraph: Paragraph) -> None:
    _el(_el(paragraph._p, "w:r"), "w:fldChar", fldCharType="end")


def _add_page_number_footer(section) -> None:
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field_begin(p, "PAGE")
    run = p.add_run("1")
    run.font.size = Pt(10)
    _field_end(p)


# --- sections -------------------------------------------------------------------------------


def _set_page(section, halaman: _Halaman) -> None:
    if halaman.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Cm(3), Cm(2)
        section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)


def _set_page_numbers(section, fmt: str | None, start: int | None) -> None:
    """Page number format and restart of a section (None: continue the previous section)."""
    sectPr = section._sectPr
    for old in sectPr.findall(qn("w:pgNumType")):
        sectPr.remove(old)
    if fmt is None and start is None:
        return
    pg = OxmlElement("w:pgNumType")
    if fmt:
        pg.set(qn("w:fmt"), fmt)
    if start is not None:
        pg.set(qn("w:start"), str(start))
    # Schema order: ... pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols, ...
    after = None
    for tag in ("w:lnNumType", "w:pgBorders", "w:paperSrc", "w:pgMar", "w:pgSz", "w:type"):
        after = sectPr.find(qn(tag))
        if after is not None:
            break
    if after is not None:
        after.addnext(pg)
    else:
        sectPr.insert(0, pg)


# --- styles and properties ------------------------------------------------------------------


def _set_fonts(rPr_owner_font, name: str = FONT) -> None:
    """Set a style's font to ``name`` for every script, dropping the theme font references
    (which Word would otherwise prefer over the named font)."""
    rPr = rPr_owner_font.element.get_or_add_rPr()
    rFonts = rPr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rFonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rFonts.set(qn(f"w:{attr}"), name)


def _set_color_black(style) -> None:
    rPr = style.element.get_or_add_rPr()
    for color in rPr.findall(qn("w:color")):
        rPr.remove(color)
    style.font.color.rgb = BLACK


def _paragraph_style(doc, name: str, *, size: float, bold: bool = False, italic: bool = False,
                     align=None, before: float = 0, after: float = 0, keep_next: bool = False,
                     base: str = "Normal"):
    styles = doc.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Pt(0)
    fmt.keep_with_next = keep_next
    return style


def _set_up_styles(doc) -> None:
    styles = doc.styles
    # Defaults for everything: Arial, Indonesian spelling.
    defaults = styles.element.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rFonts = rPr.find(qn("w:rFonts"))
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rFonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rFonts.set(qn(f"w:{attr}"), FONT)
    lang = rPr.find(qn("w:lang"))
    lang.set(qn("w:val"), "id-ID")

    normal = styles["Normal"]
    _set_fonts(normal)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.5
    fmt.widow_control = True

    for level, size, align, before, after in ((1, 14, WD_ALIGN_PARAGRAPH.CENTER, 0, 18),
                                              (2, 12, WD_ALIGN_PARAGRAPH.LEFT, 12, 6),
                                              (3, 11, WD_ALIGN_PARAGRAPH.LEFT, 12, 6)):
        style = styles[f"Heading {level}"]
        _set_fonts(style)
        _set_color_black(style)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        hf = style.paragraph_format
        hf.alignment = align
        hf.space_before = Pt(before)
        hf.space_after = Pt(after)
        hf.line_spacing = 1.15
        hf.keep_with_next = True

    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(3)
    bullet.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # short items, no gaps

    _paragraph_style(doc, "Isi Tabel", size=TABLE_PT, before=1, after=1,
                     align=WD_ALIGN_PARAGRAPH.LEFT)
    styles["Isi Tabel"].element.set(qn("w:styleId"), "IsiTabel")
    _paragraph_style(doc, "Judul Tabel", size=10, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                     before=12, after=4, keep_next=True)
    _paragraph_style(doc, "Catatan Tabel", size=9, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
                     before=3, after=12)
    _paragraph_style(doc, "Judul Grafik", size=10, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                     before=4, after=2)
    _paragraph_style(doc, "Keterangan Grafik", size=9, italic=True,
                     align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _paragraph_style(doc, "Tanda Tangan", size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, "Judul Daftar Isi", size=14, bold=True,
                     align=WD_ALIGN_PARAGRAPH.CENTER, after=18)
    toc1 = _paragraph_style(doc, "toc 1", size=BODY_PT, bold=True, before=6, after=2)
    toc2 = _paragraph_style(doc, "toc 2", size=BODY_PT, after=2)
    toc2.paragraph_format.left_indent = Cm(0.75)
    for style, style_id in ((toc1, "TOC1"), (toc2, "TOC2")):
        style.element.set(qn("w:styleId"), style_id)
        style.element.find(qn("w:name")).set(qn("w:val"), style.name)


def _set_properties(doc, dok: Dokumen) -> None:
    props = doc.core_properties
    props.title = f"{dok.judul} {dok.subjudul}".strip()
    props.subject = dok.subjudul
    props.author = dok.instansi
    props.last_modified_by = dok.instansi
    props.language = "id-ID"
    props.keywords = f"{dok.jenis.upper()} {dok.tahun}"
    props.comments = "Dibuat oleh Akuntabel."
