"""A final LKjIP is made as a PDF and a Word file at once: the evaluation's evidence counts it
as one version of the final and links its PDF, not the Word file made after it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from akuntabel.reports.models import LaporanFinal
from tests.evaluasi.test_bukti import dinsos, evaluasi_of, final, of  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_final_made_as_pdf_and_word_is_one_version_linking_its_pdf(dinsos):  # noqa: F811
    pdf = final(dinsos, 2023, date(2024, 2, 20))
    docx = final(dinsos, 2023, date(2024, 2, 20))
    LaporanFinal.objects.filter(pk=docx.pk).update(format="docx", sha256="cd" * 32)
    item = next(i for i in of(evaluasi_of(dinsos), "3.a.3").bukti if i.jenis == "lkjip")
    assert item.fakta[0].endswith("1 versi final.")
    assert "SHA-256 abababababab" in item.fakta[0]
    assert item.url == reverse("laporan_final_download", args=[pdf.pk])
