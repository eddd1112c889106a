"""The HTML and PDF renderings: a valid file comes out and its text holds the figures, the
headings, the provenance of computed figures and the signatory."""

import base64
import io
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from akuntabel.reports.document import Angka, Bagian, Penandatangan, Tabel
from akuntabel.reports.renderers.html import render_html
from akuntabel.reports.renderers.pdf import _data_only_fetcher, render_pdf

from .sample import PNG, make_sample_dokumen

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
BLOCK = {"div", "section", "table", "ul", "ol", "figure", "nav", "h1", "h2", "h3", "h4", "p"}


class Page(HTMLParser):
    """Parses a page and records what the tests look at; ``errors`` lists nesting faults."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.doctype = ""
        self.lang = None
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.titles: list[str] = []
        self.headings: list[str] = []
        self.focusable_with_title: list[dict] = []
        self.text_parts: list[str] = []
        self._heading: list[str] | None = None
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in BLOCK and "p" in self.stack:
            self.errors.append(f"<{tag}> inside <p>")
        if tag == "html":
            self.lang = a.get("lang")
        for name, bucket in (("id", self.ids), ("href", self.hrefs), ("src", self.srcs),
                             ("title", self.titles)):
            if name in a:
                bucket.append(a[name])
        if a.get("tabindex") == "0" and "title" in a:
            self.focusable_with_title.append(a)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data):
        if "script" in self.stack or "style" in self.stack:
            return
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)


def pdf_text(pdf: bytes) -> tuple[int, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.fixture(scope="module")
def sample_html():
    return render_html(make_sample_dokumen())


@pytest.fixture(scope="module")
def sample_page(sample_html):
    return Page(sample_html)


@pytest.fixture(scope="module")
def sample_pdf():
    return render_pdf(make_sample_dokumen())


@pytest.fixture(scope="module")
def sample_pdf_pages(sample_pdf):
    return pdf_text(sample_pdf)[1]


# -- HTML ---------------------------------------------------------------------------------------

def test_html_is_one_well_formed_html5_page_in_indonesian(sample_page):
    assert sample_page.doctype.lower() == "doctype html"
    assert sample_page.lang == "id"
    assert sample_page.errors == []
    assert len(sample_page.ids) == len(set(sample_page.ids)), "ids are unique"


def test_html_is_self_contained(sample_html, sample_page):
    assert "<style>" in sample_html and "<link" not in sample_html
    assert sample_page.srcs == ["data:image/png;base64," + base64.b64encode(PNG).decode()]
    assert not [h for h in sample_page.hrefs if h.startswith(("http:", "https:", "//"))]


@pytest.mark.parametrize("teks", [
    "Laporan Kinerja Instansi Pemerintah (LKjIP)", "Dinas Sosial Kota Metro Tahun 2023",
    "Pemerintah Kota Metro", "Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "99,58%",
    "Tabel 3.9 Realisasi Anggaran Tahun 2023", "bukan ukuran capaian kinerja",
    "Serapan per program", "SRI AMANTO, S.H., M.H.", "Pembina Utama Muda",
    "NIP. 196804201993031009", "Metro, 29 Februari 2024",
])
def test_html_text_holds_the_figures_titles_and_signatory(sample_page, teks):
    assert teks in sample_page.text


def test_html_headings_are_numbered_as_given(sample_page):
    assert {"Kata Pengantar", "Daftar Isi", "Ikhtisar Eksekutif", "BAB III Akuntabilitas Kinerja",
            "3.9 Realisasi Anggaran"} <= set(sample_page.headings)


def test_html_daftar_isi_links_to_every_part(sample_html, sample_page):
    for kunci in ("kata_pengantar", "ikhtisar_eksekutif", "bab3", "realisasi_anggaran",
                  "tabel-3-9-realisasi-anggaran", "grafik-serapan"):
        assert f"#{kunci}" in sample_page.hrefs
        assert kunci in sample_page.ids
    assert sample_html.index('id="kata_pengantar"') < sample_html.index('id="daftar-isi"') \
        < sample_html.index('id="ikhtisar_eksekutif"')


def test_html_figure_shows_its_formula_on_hover_and_its_sources_on_focus(sample_html,
                                                                         sample_page):
    # The serapan of the sample's Jumlah row, and the same figure quoted in the narrative.
    assert len(sample_page.focusable_with_title) == 3
    angka = sample_page.focusable_with_title[-1]
    assert angka["title"].startswith("4.825.424.420 ÷ 5.093.068.611 × 100")
    assert "DPA 2023" in angka["title"]
    popover = angka["aria-describedby"]
    assert popover in sample_page.ids
    body = sample_html[sample_html.index(f'id="{popover}"'):]
    assert body.index("4.825.424.420 ÷ 5.093.068.611 × 100") < body.index("</span></span>")
    assert body.index('<a href="/opd/1/?tahun=2023">DPA 2023</a>') < body.index("</span></span>")


def test_html_figure_without_provenance_is_plain_text(sample_html):
    assert '<td class="num utuh">99,58%</td>' in sample_html


def test_html_tree_rows_are_indented_and_totals_bold(sample_html):
    assert '<td style="padding-left: 1.4em">Perencanaan, Penganggaran</td>' in sample_html
    assert '<tr class="tebal"><td>Jumlah</td>' in sample_html


def test_html_bullets_become_a_list(sample_html):
    assert ("<ul><li>Capaian IKU 101,39% (Sangat Tinggi)</li><li>Serapan anggaran "
            '<span class="angka"') in sample_html


def test_html_a_figure_quoted_in_a_narrative_shows_its_formula(sample_html):
    sentence = sample_html[sample_html.index("<p>Serapan anggaran tahun 2023 sebesar "):]
    sentence = sentence[:sentence.index("</p>")]
    assert 'title="4.825.424.420 ÷ 5.093.068.611 × 100' in sentence


def test_html_escapes_all_text():
    dok = make_sample_dokumen()
    jahat = "<script>alert(1)</script> & \"kutip\""
    tabel = Tabel("t", jahat, (jahat,), ((Angka(None, "teks", jahat, rumus=jahat,
                                                sumber=((jahat, "javascript:alert(1)"),)),),))
    dok = replace(dok, judul=jahat, subjudul=jahat + " </style>", bagian=(
        Bagian("x", "1.1", jahat, 1, (jahat, "- " + jahat), tabel=(tabel,)),))
    html = render_html(dok)
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "</style> " not in html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert Page(html).errors == []
    assert jahat in Page(html).text


def test_html_fragment_for_embedding(sample_html):
    fragment = render_html(make_sample_dokumen(), standalone=False)
    assert fragment.lstrip().startswith('<article class="dokumen dokumen-lakip" lang="id">')
    assert "<html" not in fragment and "<style>" not in fragment
    assert Page(fragment).errors == []


def test_html_perjanjian_kinerja_signed_by_both_parties():
    dok = replace(make_sample_dokumen(), jenis="pk", judul="PERJANJIAN KINERJA TAHUN 2023",
                  pihak_kedua=Penandatangan("Wali Kota Metro", "WAHDI", "", "", ""))
    page = Page(render_html(dok))
    assert page.errors == []
    assert "Pihak Kedua, Wali Kota Metro WAHDI" in page.text
    assert "Pihak Pertama, Kepala Dinas Sosial Kota Metro" in page.text
    assert "Daftar Isi" not in page.headings


# -- PDF ----------------------------------------------------------------------------------------

def test_pdf_is_a_readable_a4_pdf(sample_pdf):
    assert sample_pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(sample_pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert len(reader.pages) > 1


@pytest.mark.parametrize("teks", [
    "Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "Tabel 3.9 Realisasi Anggaran Tahun 2023",
    "SRI AMANTO, S.H., M.H.", "NIP. 196804201993031009", "BAB III", "Akuntabilitas Kinerja",
    "Serapan per program",
])
def test_pdf_text_holds_the_figures_and_headings(sample_pdf_pages, teks):
    assert teks in " ".join(sample_pdf_pages)


def test_pdf_pages_cover_unnumbered_front_matter_roman_chapters_arabic(sample_pdf_pages):
    pages = sample_pdf_pages
    assert "Halaman" not in pages[0]
    assert "Dinas Sosial Kota Metro Tahun 2023" in pages[1]  # the running header
    assert "Halaman i" in pages[1]
    bab = next(i for i, p in enumerate(pages) if "BAB III" in p and "Daftar Isi" not in p)
    assert "Halaman 1" in pages[bab]
    assert pages[bab - 1].count("Halaman") == 1  # a chapter starts on a new page


def test_pdf_popovers_are_not_printed(sample_pdf_pages):
    assert "4.825.424.420 ÷" not in " ".join(sample_pdf_pages)


@pytest.mark.parametrize("url", [
    "http://example.com/logo.png", "https://example.com/font.woff", "file:///etc/passwd"])
def test_pdf_fetches_nothing_but_data_uris(url):
    with pytest.raises(ValueError, match="disallowed"):
        _data_only_fetcher()(url)
    assert _data_only_fetcher()("data:text/plain,ok").read() == b"ok"


# -- the demo LKjIP -----------------------------------------------------------------------------

@pytest.mark.django_db
def test_demo_lakip_in_html_and_pdf(demo_opd):
    from akuntabel.reports.lakip import build_lakip_context

    dok = build_lakip_context(demo_opd, 2023, date(2024, 2, 29))
    page = Page(render_html(dok))
    assert page.errors == []
    assert any(t.startswith("13.415 ÷ 14.460 × 100") for t in page.titles)
    for teks in ("Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "92,77%", "101,39%",
                 "Sangat Tinggi", "BAB III Akuntabilitas Kinerja"):
        assert teks in page.text

    n, pages = pdf_text(render_pdf(dok))
    text = " ".join(pages)
    assert n > 20
    ttd = dok.penandatangan
    for teks in ("Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "101,39%",
                 "Tabel 3.9 Realisasi Anggaran Tahun 2023", ttd.nama, f"NIP. {ttd.nip}"):
        assert teks in text
