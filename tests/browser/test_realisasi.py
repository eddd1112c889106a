"""Entering a triwulan's realisasi in a real browser: one invalid cell among several typed
values shows its message at the cell, keeps everything else that was typed and writes
nothing; once fixed, the save writes every value as a Decimal."""

from decimal import Decimal

from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.results.models import Realisasi
from tests.builders import make_user

TAHUN, TW = 2023, 1


def test_one_invalid_cell_keeps_the_typing_and_saves_nothing_until_fixed(
        page, login, screenshot, demo_opd_live):
    opd = demo_opd_live
    operator = make_user(Peran.OPERATOR_OPD, opd=opd)
    saved = Realisasi.objects.filter(indikator__perangkat_daerah=opd, tahun=TAHUN, triwulan=TW)
    assert not saved.exists()  # the demo holds annual realisasi only
    login(page, operator.username)
    page.goto(reverse("realisasi_grid", args=[opd.pk, TAHUN, TW]))
    rows = page.locator("#realisasi-grid tr[data-indikator]")
    assert rows.count() >= 4
    a, b, c, d = (int(rows.nth(i).get_attribute("data-indikator")) for i in range(4))

    page.fill(f"[name=nilai-{a}]", "1.234,5")
    page.fill(f"[name=nilai-{b}]", "12,5,3")  # not a number
    page.fill(f"[name=nilai-{c}]", "7")
    page.fill(f"[name=catatan-{a}]", "Data dari laporan bulanan")
    page.fill(f"[name=catatan-{d}]", "Belum ada data")
    with page.expect_navigation():
        page.click("[data-testid=simpan]")

    error = page.locator(f"tr[data-indikator='{b}'] .cell-error[role=alert]")
    assert error.is_visible()
    assert "12,5,3" in error.inner_text()
    assert page.locator(".cell-error").count() == 1  # only the bad cell
    assert page.input_value(f"[name=nilai-{a}]") == "1.234,5"
    assert page.input_value(f"[name=nilai-{b}]") == "12,5,3"
    assert page.input_value(f"[name=nilai-{c}]") == "7"
    assert page.input_value(f"[name=catatan-{a}]") == "Data dari laporan bulanan"
    assert page.input_value(f"[name=catatan-{d}]") == "Belum ada data"
    assert not saved.exists()  # nothing half-written
    screenshot(page, "invalid-cell")

    page.fill(f"[name=nilai-{b}]", "12,5")
    with page.expect_navigation():
        page.click("[data-testid=simpan]")
    assert page.locator(".cell-error").count() == 0
    assert page.locator("ul.messages li.success").is_visible()
    values = {r.indikator_id: r for r in saved}
    assert values[a].nilai == Decimal("1234.5")
    assert values[b].nilai == Decimal("12.5")
    assert values[c].nilai == Decimal("7")
    assert values[a].catatan == "Data dari laporan bulanan"
    assert page.input_value(f"[name=nilai-{a}]") == "1.234,5"  # shown back in Indonesian
    screenshot(page, "saved")
