"""The Word rendering: a valid file whose text holds the figures, with real Word structure
(Heading styles, a TOC field, repeated table headers, page numbers, the signature block)."""

import io
import time
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm

from akuntabel.reports.document import Angka, Bagian, Tabel
from akuntabel.reports.renderers.docx import TOC_INSTRUCTION, render_docx

from .sample import make_sample_dokumen


def _close(a, b) -> bool:
    """Lengths equal to within a millimetre (Word stores them in twips)."""
    return abs(a - b) < Mm(1)


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _texts(d) -> list[str]:
    """Every paragraph's text, body and table cells (nested in reading order)."""
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            out += [c.text for c in row.cells]
    return out


def _paragraph(d, text: str):
    """The last paragraph with this text (a heading's text is also in the pre-filled TOC)."""
    return [p for p in d.paragraphs if p.text == text][-1]


@pytest.fixture(scope="module")
def sample():
    return _open(render_docx(make_sample_dokumen()))


def test_a_valid_docx_comes_out():
    data = render_docx(make_sample_dokumen())
    assert data[:2] == b"PK"
    d = _open(data)
    assert d.core_properties.title.startswith("Laporan Kinerja Instansi Pemerintah")


@pytest.mark.parametrize("teks", [
    "Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "Rp 3.065.150.561", "99,58%",
    "Tabel 3.9 Realisasi Anggaran Tahun 2023", "BAB III Akuntabilitas Kinerja",
    "3.9 Realisasi Anggaran", "Kata Pengantar", "Capaian IKU 101,39% (Sangat Tinggi)",
    "SRI AMANTO, S.H., M.H.", "NIP. 196804201993031009", "Metro, 29 Februari 2024",
    "Serapan anggaran = realisasi ÷ pagu × 100; bukan ukuran capaian kinerja.",
    "Serapan per program",
])
def test_text_holds_figures_and_headings(sample, teks):
    assert teks in _texts(sample)


def test_cover_holds_title_subtitle_pemda_and_year(sample):
    cover = [p.text for p in sample.paragraphs[:6]]
    assert cover[0] == "Laporan Kinerja Instansi Pemerintah (LKjIP)"
    assert "Dinas Sosial Kota Metro Tahun 2023" in cover
    assert "Pemerintah Kota Metro" in cover
    assert "2023" in cover


@pytest.mark.parametrize(("teks", "style"), [
    ("Kata Pengantar", "Heading 1"),
    ("Ikhtisar Eksekutif", "Heading 1"),
    ("BAB III Akuntabilitas Kinerja", "Heading 1"),
    ("3.9 Realisasi Anggaran", "Heading 2"),
])
def test_headings_use_word_heading_styles(sample, teks, style):
    assert _paragraph(sample, teks).style.name == style


def test_chapters_start_on_a_new_page(sample):
    for teks in ("Kata Pengantar", "Ikhtisar Eksekutif"):
        assert _paragraph(sample, teks).paragraph_format.page_break_before
    # BAB III opens a new section (arabic page numbers from 1): a new page too.
    bab = _paragraph(sample, "BAB III Akuntabilitas Kinerja")
    previous = bab._p.getprevious()
    assert previous.find(qn("w:pPr")).find(qn("w:sectPr")) is not None


def test_daftar_isi_is_a_toc_field_after_the_cover_with_its_instruction(sample):
    body = sample.element.body
    instr = [el.text for el in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instr)
    texts = [p.text for p in sample.paragraphs]
    assert texts.index("Daftar Isi") < texts.index("Kata Pengantar")
    assert TOC_INSTRUCTION in texts
    assert texts.index(TOC_INSTRUCTION) > texts.index("Daftar Isi")
    # Pre-filled with the headings until Word updates it.
    assert "3.9 Realisasi Anggaran" in texts[texts.index("Daftar Isi"):texts.index(TOC_INSTRUCTION)]


def test_pages_are_a4_with_a_binding_margin_and_a_page_number(sample):
    for section in sample.sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert _close(section.page_width, Mm(210)) and _close(section.page_height, Mm(297))
        assert _close(section.left_margin, Cm(3))
    cover, front, body = sample.sections
    assert not cover.footer.paragraphs or not cover.footer.paragraphs[0].text
    footer_xml = front.footer._element.xml
    assert "PAGE" in footer_xml
    assert body.footer.is_linked_to_previous
    assert front._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) == "lowerRoman"
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_body_font_is_arial(sample):
    normal = sample.styles["Normal"]
    assert normal.font.name == "Arial"
    assert 11 <= normal.font.size.pt <= 12


def test_table_header_row_repeats_on_each_page(sample):
    for table in sample.tables:
        trPr = table.rows[0]._tr.trPr
        assert trPr is not None and trPr.find(qn("w:tblHeader")) is not None
        assert table.style.name == "Table Grid"


def test_table_cells_numbers_right_tree_indented_totals_bold(sample):
    table = sample.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Uraian", "Pagu", "Realisasi", "Serapan"]
    program, child, total = table.rows[1], table.rows[2], table.rows[3]
    assert program.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert program.cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    assert not program.cells[0].paragraphs[0].paragraph_format.left_indent
    assert child.cells[0].paragraphs[0].paragraph_format.left_indent > 0
    assert all(r.bold for c in total.cells for r in c.paragraphs[0].runs)
    assert not any(r.bold for c in program.cells for r in c.paragraphs[0].runs)


def test_table_title_above_and_catatan_below(sample):
    body = list(sample.element.body)
    tbl = sample.tables[0]._tbl
    i = body.index(tbl)
    title = docx.text.paragraph.Paragraph(body[i - 1], sample._body)
    note = docx.text.paragraph.Paragraph(body[i + 1], sample._body)
    assert title.text == "Tabel 3.9 Realisasi Anggaran Tahun 2023"
    assert title.paragraph_format.keep_with_next or title.style.paragraph_format.keep_with_next
    assert note.text.startswith("Serapan anggaran = realisasi")
    assert note.style.font.size < sample.styles["Normal"].font.size


def test_chart_is_an_image_with_its_caption(sample):
    assert len(sample.inline_shapes) == 1
    shape = sample.inline_shapes[0]
    # At the text width, or smaller when it would be too tall (this one is square).
    assert Cm(12) < shape.width <= Cm(16)
    texts = [p.text for p in sample.paragraphs]
    assert "Serapan anggaran per program tahun 2023" in texts


def test_bullets_use_the_list_style(sample):
    p = _paragraph(sample, "Capaian IKU 101,39% (Sangat Tinggi)")
    assert p.style.name == "List Bullet"


def test_signature_block_right_name_bold_underlined(sample):
    texts = [p.text for p in sample.paragraphs]
    i = texts.index("Metro, 29 Februari 2024")
    kata_pengantar = len(texts) - 1 - texts[::-1].index("Kata Pengantar")
    assert texts[i:i + 8] == ["Metro, 29 Februari 2024", "Kepala Dinas Sosial Kota Metro",
                              "", "", "", "SRI AMANTO, S.H., M.H.", "Pembina Utama Muda",
                              "NIP. 196804201993031009"]
    # After the Kata Pengantar it signs, before the next chapter.
    assert kata_pengantar < i < len(texts) - 1 - texts[::-1].index("Ikhtisar Eksekutif")
    nama = sample.paragraphs[i + 5]
    assert nama.runs[0].bold and nama.runs[0].underline
    assert nama.paragraph_format.left_indent >= Cm(7)


def _wide_dokumen():
    dok = make_sample_dokumen()
    kolom = ("Indikator", "Satuan", "2021", "2022", "2023", "2024", "2025", "2026")
    wide = Tabel("tabel-2-1-iku", "Tabel 2.1 Indikator Kinerja Utama", kolom,
                 (("Persentase PPKS yang tertangani", "%", *["90,00%"] * 6),))
    bagian = (*dok.bagian[:3],
              Bagian("tujuan_sasaran", "3.1", "Tujuan dan Sasaran", 1, ("Teks.",),
                     tabel=(wide,)),
              *dok.bagian[3:])
    return replace(dok, bagian=bagian)


def test_wide_table_gets_a_landscape_section_then_back_to_portrait():
    d = _open(render_docx(_wide_dokumen()))
    orientations = [s.orientation for s in d.sections]
    assert WD_ORIENT.LANDSCAPE in orientations
    assert orientations[-1] == WD_ORIENT.PORTRAIT
    landscape = next(s for s in d.sections if s.orientation == WD_ORIENT.LANDSCAPE)
    assert _close(landscape.page_width, Mm(297)) and _close(landscape.page_height, Mm(210))
    # The chapter heading with no text of its own moves with its first section.
    bab = _paragraph(d, "BAB III Akuntabilitas Kinerja")
    assert bab._p.getnext() is _paragraph(d, "3.1 Tujuan dan Sasaran")._p
    assert "90,00%" in _texts(d)


def test_an_empty_table_says_so():
    dok = make_sample_dokumen()
    kosong = Tabel("kosong", "Tabel 3.2 Kosong", ("Uraian", "Nilai"), ())
    dok = replace(dok, bagian=(*dok.bagian, Bagian("x", "3.10", "Kosong", 1, tabel=(kosong,))))
    assert "Tidak ada data." in _texts(_open(render_docx(dok)))


def test_a_large_table_renders_quickly():
    rows = tuple((f"Sub kegiatan {i}", Angka(None, "rupiah", f"Rp {i}.000.000"),
                  Angka(None, "persen", "95,00%")) for i in range(5000))
    big = Tabel("besar", "Tabel Besar", ("Uraian", "Pagu", "Serapan"), rows,
                tingkat=tuple(i % 4 for i in range(5000)))
    dok = replace(make_sample_dokumen(), bagian=(Bagian("b", "3.9", "Besar", 1, tabel=(big,)),))
    start = time.perf_counter()
    d = _open(render_docx(dok))
    assert time.perf_counter() - start < 10
    assert len(d.tables[0].rows) == 5001


# --- the real documents from the demo dataset ----------------------------------------------


@pytest.mark.django_db
def test_demo_lakip(demo_opd, tmp_path):
    lakip = pytest.importorskip("akuntabel.reports.lakip")
    dok = lakip.build_lakip_context(demo_opd, 2023, date(2024, 2, 29))
    data = render_docx(dok)
    (tmp_path / "lakip-2023.docx").write_bytes(data)
    d = _open(data)
    text = "\n".join(_texts(d))
    for teks in ("Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "92,77%", "101,39%",
                 "Sangat Tinggi", "BAB III Akuntabilitas Kinerja", "3.9 Realisasi Anggaran"):
        assert teks in text
    headings = {p.text for p in d.paragraphs if p.style.name.startswith("Heading")}
    for b in dok.bagian:
        assert f"{b.nomor} {b.judul}".strip() in headings
    for table in d.tables:
        if table.style is not None and table.style.name == "Table Grid":
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


@pytest.mark.django_db
def test_demo_pk(demo_opd, tmp_path):
    pk = pytest.importorskip("akuntabel.reports.pk")
    build = getattr(pk, "build_pk_context", None)
    if build is None:
        pytest.skip("no PK context builder")
    dok = build(demo_opd, 2023)
    data = render_docx(dok)
    (tmp_path / "pk-2023.docx").write_bytes(data)
    d = _open(data)
    text = "\n".join(_texts(d))
    assert dok.judul in text
    assert "Pihak Pertama," in text and "Pihak Kedua," in text
    assert f"NIP. {dok.penandatangan.nip}" in text


def test_an_item_with_its_own_marker_gets_no_bullet_on_top():
    from akuntabel.reports.document import Bagian
    from akuntabel.reports.renderers.docx import render_docx
    from tests.reports.sample import make_sample_dokumen

    dok = make_sample_dokumen()
    dok = replace(dok, bagian=(*dok.bagian, Bagian("fungsi", "1.4", "Gambaran Umum", 1,
                                                   ("- a. Perumusan kebijakan;",
                                                    "- Pelaksanaan kebijakan"))))
    doc = docx.Document(io.BytesIO(render_docx(dok)))
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["a. Perumusan kebijakan;"] != "List Bullet"
    assert styles["Pelaksanaan kebijakan"] == "List Bullet"
