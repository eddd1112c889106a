"""Submitting and verifying a triwulan in a real browser: the operator submits, the
verifikator verifies, and the grid is then read-only for both."""

from decimal import Decimal

from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.builders import make_user

TAHUN, TW = 2023, 2


def test_operator_submits_verifikator_verifies_and_the_grid_is_locked(
        page, new_page, login, screenshot, demo_opd_live):
    opd = demo_opd_live
    operator = make_user(Peran.OPERATOR_OPD, opd=opd)
    verifikator = make_user(Peran.VERIFIKATOR, pemda=opd.pemda)
    url = reverse("realisasi_grid", args=[opd.pk, TAHUN, TW])

    login(page, operator.username)
    page.goto(url)
    assert page.locator(".status-pelaporan").first.get_attribute("data-status") == "draft"
    first = page.locator("#realisasi-grid tr[data-indikator]").first
    pk = int(first.get_attribute("data-indikator"))
    page.fill(f"[name=nilai-{pk}]", "88,25")
    with page.expect_navigation():
        page.click("[data-testid=simpan]")
    assert Realisasi.objects.get(indikator_id=pk, tahun=TAHUN, triwulan=TW).nilai \
        == Decimal("88.25")
    with page.expect_navigation():
        page.click("[data-testid=ajukan]")
    assert page.locator(".status-pelaporan").first.get_attribute("data-status") == "diajukan"
    assert page.locator("#realisasi-grid").count() == 0  # submitted: locked for the OPD
    assert page.locator("[data-testid=ajukan]").count() == 0
    screenshot(page, "diajukan")

    checker = new_page()
    login(checker, verifikator.username)
    checker.goto(url)
    assert checker.locator("[data-testid=kembalikan]").is_visible()
    with checker.expect_navigation():
        checker.click("[data-testid=verifikasi]")
    badge = checker.locator(".status-pelaporan").first
    assert badge.get_attribute("data-status") == "diverifikasi"
    assert checker.locator("ul.messages li.success").is_visible()
    assert checker.locator("[data-testid=buka]").is_visible()  # only the verifikator reopens
    assert checker.locator("#realisasi-grid, input[name^=nilai-]").count() == 0
    screenshot(checker, "diverifikasi")

    checker.goto(reverse("pemda_overview", args=[opd.pemda.pk, TAHUN]) + f"?triwulan={TW}")
    row = checker.locator("table.ikhtisar tbody tr").filter(has_text=opd.nama)
    assert row.locator(".badge.status-diverifikasi").inner_text().startswith("II")
    screenshot(checker, "ikhtisar-pemda")

    page.reload()  # the operator sees it verified and read-only, with the saved value
    assert page.locator(".status-pelaporan").first.get_attribute("data-status") \
        == "diverifikasi"
    assert page.locator("input[name^=nilai-], [data-testid=simpan]").count() == 0
    assert "88,25" in page.locator(f"tr[data-indikator='{pk}']").inner_text()
    assert PelaporanTriwulan.objects.get(perangkat_daerah=opd, tahun=TAHUN,
                                         triwulan=TW).status == "diverifikasi"
