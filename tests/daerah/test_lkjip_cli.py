"""akuntabel report --pemda P --tahun Y --dokumen lkjip-pemda: the pemda's LKjIP written in
each format, and clear refusals."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from akuntabel.cli import main
from tests.daerah.test_lkjip import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_the_pemda_lkjip_is_written_in_four_formats(tmp_path, capsys, pemda, world):  # noqa: F811
    assert main(["report", "--pemda", pemda.kode, "--tahun", "2026", "--dokumen",
                 "lkjip-pemda", "--format", "docx,pdf,html,xlsx", "--tanggal", "2027-02-20",
                 "--out", str(tmp_path)]) == 0
    base = tmp_path / f"LKjIP-{pemda.kode}-2026"
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".html", ".pdf", ".xlsx"]
    docx_text = "\n".join(p.text for p in Document(str(base.with_suffix(".docx"))).paragraphs)
    assert "Uji, 20 Februari 2027" in docx_text
    pdf = PdfReader(io.BytesIO(base.with_suffix(".pdf").read_bytes()))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    for figure in ("180 jiwa", "90,00%", "Rp 3.500.000", "82,86%"):
        assert figure in pdf_text, figure
    wb = load_workbook(base.with_suffix(".xlsx"))
    numbers = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, int | float)]
    assert 3500000 in numbers and 180 in numbers


@pytest.mark.parametrize(("argv", "pesan"), [
    (["--pemda", "tidak-ada"], "Pemda 'tidak-ada' tidak ditemukan"),
    (["--tahun", "2031"], "belum memiliki RPJMD yang mencakup tahun 2031"),
    (["--pemda", ""], "Sebutkan --pemda"),
], ids=["an unknown pemda", "a year outside the RPJMD", "no pemda named"])
def test_refusals_are_clear(tmp_path, capsys, pemda, world, argv, pesan):  # noqa: F811
    args = {"--pemda": pemda.kode, "--tahun": "2026", "--dokumen": "lkjip-pemda",
            "--format": "html", "--out": str(tmp_path)}
    for key, value in zip(argv[::2], argv[1::2], strict=True):
        args[key] = value
    flat = [x for pair in args.items() for x in pair]
    assert main(["report", *flat]) == 2
    err = capsys.readouterr().err
    assert pesan in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_opd_report_still_needs_its_opd(tmp_path, capsys, pemda):
    assert main(["report", "--pemda", pemda.kode, "--tahun", "2026", "--out",
                 str(tmp_path)]) == 2
    assert "Sebutkan --opd" in capsys.readouterr().err
