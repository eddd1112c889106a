"""The plain-data shape of a generated document (LAKIP, Perjanjian Kinerja): what the context
builders produce and the renderers (HTML, PDF, DOCX, XLSX) consume. No ORM objects, no
formatting decisions left to the renderers: every figure arrives as an ``Angka`` with its
Indonesian text already written and its provenance (formula and inputs) attached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Angka:
    """A figure: its value, how it is written, and where it comes from.

    ``format`` is "rupiah", "persen", "angka" or "teks"; ``teks`` is the Indonesian text to
    print ("Rp 5.093.068.611", "94,74%", "–" for no value). ``rumus`` is the formula with the
    inputs filled in ("4.825.424.420 ÷ 5.093.068.611 × 100"); ``sumber`` lists (label, url)
    links to the data it came from (urls relative to the web app; may be empty).
    """

    nilai: Decimal | None
    format: str
    teks: str
    rumus: str = ""
    sumber: tuple[tuple[str, str], ...] = ()


Sel = Angka | str  # a table cell: a figure, or plain text


@dataclass(frozen=True)
class Tabel:
    """A table: ``kolom`` headers, ``baris`` rows of cells. ``tingkat`` gives each row's depth
    in a tree (0 = top) for indentation; ``tebal`` marks rows to print bold (totals)."""

    kunci: str  # stable id, e.g. "tabel-3-2-realisasi-anggaran" (also the XLSX sheet name base)
    judul: str  # "Tabel 3.9 Realisasi Anggaran Tahun 2023"
    kolom: tuple[str, ...]
    baris: tuple[tuple[Sel, ...], ...]
    tingkat: tuple[int, ...] = ()
    tebal: tuple[bool, ...] = ()
    catatan: str = ""  # a note printed under the table (e.g. which efficiency variant is used)


@dataclass(frozen=True)
class Grafik:
    kunci: str
    judul: str
    png: bytes  # the same image in HTML, PDF and DOCX
    keterangan: str = ""  # alt text / caption


@dataclass(frozen=True)
class Bagian:
    """A part of the outline: a chapter (tingkat 0, "BAB I") or a section (1, "1.1")."""

    kunci: str
    nomor: str  # "BAB I", "1.1", "" for unnumbered parts (Kata Pengantar, Lampiran)
    judul: str
    tingkat: int
    paragraf: tuple[str, ...] = ()  # plain text paragraphs; a line starting "- " is a bullet
    tabel: tuple[Tabel, ...] = ()
    grafik: tuple[Grafik, ...] = ()
    tanda_tangan: bool = False  # print the signature block after the paragraphs


@dataclass(frozen=True)
class Penandatangan:
    jabatan: str  # "Kepala Dinas Sosial Kota Metro"
    nama: str
    pangkat: str
    nip: str
    tempat_tanggal: str  # "Metro, 29 Februari 2024"


@dataclass(frozen=True)
class Kop:
    """The letterhead (kop surat) the pemda's administrator set: printed at the top of the
    document's first page. ``logo`` is PNG or JPEG bytes (may be empty)."""

    pemda: str  # "PEMERINTAH KOTA METRO"
    instansi: str  # "DINAS SOSIAL"; empty for a document of the pemda itself
    alamat: str = ""
    kontak: str = ""
    logo: bytes = b""

    @staticmethod
    def from_json(d: dict[str, str] | None) -> Kop | None:
        """The letterhead back from a final's snapshot (``final.to_json``: logo as base64)."""
        if not d:
            return None
        import base64

        return Kop(d["pemda"], d["instansi"], d["alamat"], d["kontak"],
                   base64.b64decode(d["logo"]))


@dataclass(frozen=True)
class Dokumen:
    """A whole document, in order: title page data, then the parts."""

    jenis: str  # "lakip" | "pk"
    judul: str  # "Laporan Kinerja Instansi Pemerintah (LKjIP)"
    subjudul: str  # "Dinas Sosial Kota Metro Tahun 2023"
    instansi: str  # "Dinas Sosial Kota Metro"
    pemda: str  # "Pemerintah Kota Metro"
    tahun: int
    penandatangan: Penandatangan | None
    bagian: tuple[Bagian, ...]
    pihak_kedua: Penandatangan | None = None  # the Perjanjian Kinerja's second party
    ringkasan: dict[str, Angka] = field(default_factory=dict)  # headline figures by name
    kop: Kop | None = None  # the letterhead (reports.kop.kop_of)

    def tabel(self) -> list[Tabel]:
        """Every table of the document, in order (for the XLSX renderer)."""
        return [t for b in self.bagian for t in b.tabel]
