"""Generating the LKjIP in a real browser: the Word download is a real DOCX of the agency's
report, and making it final lists the frozen documents with their SHA-256."""

import zipfile

from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.reports.models import LaporanFinal
from tests.builders import make_user

TAHUN = 2023


def test_kepala_downloads_the_word_file_and_makes_the_report_final(
        page, login, screenshot, demo_opd_live, tmp_path):
    opd = demo_opd_live
    kepala = make_user(Peran.KEPALA_OPD, opd=opd)
    login(page, kepala.username)
    page.goto(reverse("lakip", args=[opd.pk, TAHUN]))
    assert page.locator("table#laporan-final tbody tr[id^=final-]").count() == 0
    screenshot(page, "lakip")

    with page.expect_download(timeout=60_000) as info:
        page.click("[data-testid=unduh-docx]", timeout=60_000)
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert zipfile.is_zipfile(path)
    with zipfile.ZipFile(path) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert opd.nama.upper() in document.upper()

    page.click("[data-testid=finalkan]")   # the open problems, and the note they need
    page.fill("[name=catatan]", "Temuan reviu diketahui; diterima untuk dokumen ini.")
    with page.expect_navigation(timeout=90_000):  # PDF and Word are rendered and frozen
        page.click("[data-testid=finalkan-kirim]", timeout=90_000)
    assert page.locator("ul.messages li.success").is_visible()
    finals = list(LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=TAHUN))
    assert {f.format for f in finals} >= {"docx"}
    table = page.locator("table#laporan-final")
    for final in finals:
        row = table.locator(f"tr#final-{final.pk}")
        assert row.is_visible()
        assert final.sha256 in row.inner_text()
    screenshot(page, "final")
