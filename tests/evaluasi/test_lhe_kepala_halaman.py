"""The LHE's running header stays on one line whatever its number: it names the unit and
year (and the draft), while the number and date are printed on the cover only."""

from datetime import date

import pytest
from pypdf import PdfReader

from akuntabel.evaluasi.lhe import build_lhe
from akuntabel.evaluasi.models import LaporanHasilEvaluasi
from akuntabel.reports.renderers.pdf import render_pdf
from tests.evaluasi.dunia import dinsos, evaluasi, pemda, reviewer, template

__all__ = ["dinsos", "evaluasi", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db
NOMOR = "700.04/1234/LHE-SAKIP/INSP.PEMB-II/XII/2024"


def test_a_long_number_stays_on_the_cover_and_the_header_is_one_short_line(evaluasi):
    import io

    LaporanHasilEvaluasi.objects.create(evaluasi=evaluasi, nomor=NOMOR,
                                        tanggal=date(2024, 12, 16))
    dok = build_lhe(evaluasi)
    pdf = PdfReader(io.BytesIO(render_pdf(dok)))
    sampul = pdf.pages[0].extract_text()
    assert NOMOR in sampul.replace("\n", "") and "16 Desember 2024" in sampul
    baris = pdf.pages[2].extract_text().splitlines()   # BAB I, after the cover and contents
    assert "700.04/1234" not in " ".join(baris)
    kepala = next(b.strip() for b in baris if "Dinas Sosial Tahun" in b)
    assert kepala in ("Dinas Sosial Tahun 2023 (DRAF)",
                      "Dinas Sosial Tahun 2023 (DRAF) BAB I PENDAHULUAN")   # one line
