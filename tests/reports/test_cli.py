"""akuntabel report: the four formats from one context, and clear refusals."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from akuntabel.cli import main

pytestmark = pytest.mark.django_db


def test_the_lakip_comes_out_in_four_formats_that_open(tmp_path, capsys, demo_opd):
    assert main(["report", "--opd", "dinas-sosial", "--tahun", "2023", "--format",
                 "docx,pdf,html,xlsx", "--tanggal", "2024-02-29", "--out", str(tmp_path)]) == 0
    base = tmp_path / "LKjIP-kota-metro-dinas-sosial-2023"
    docx_text = "\n".join(p.text for p in Document(str(base.with_suffix(".docx"))).paragraphs)
    assert "Metro, 29 Februari 2024" in docx_text
    pdf = PdfReader(io.BytesIO(base.with_suffix(".pdf").read_bytes()))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    for figure in ("Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "92,77%", "101,39%",
                   "Sangat Tinggi"):
        assert figure in pdf_text, figure
    assert "13.415" in base.with_suffix(".html").read_text(encoding="utf-8")
    wb = load_workbook(base.with_suffix(".xlsx"))
    numbers = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, int | float)]
    assert 5093068611 in numbers


@pytest.mark.parametrize(("argv", "pesan"), [
    (["--format", "odt"], "Format tidak dikenal: odt"),
    (["--tanggal", "29-02-2024"], "bukan tanggal"),
    (["--tahun", "2031"], "tidak memiliki Renstra yang mencakup tahun 2031"),
], ids=["unknown format", "a date in the wrong order", "a year outside the Renstra"])
def test_refusals_are_clear(tmp_path, capsys, demo_opd, argv, pesan):
    args = {"--opd": "dinas-sosial", "--tahun": "2023", "--format": "html",
            "--out": str(tmp_path)}
    for key, value in zip(argv[::2], argv[1::2], strict=True):
        args[key] = value
    flat = [x for pair in args.items() for x in pair]
    assert main(["report", *flat]) == 2
    err = capsys.readouterr().err
    assert pesan in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
