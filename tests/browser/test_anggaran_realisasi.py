"""The budget realisasi grid of a triwulan in a real browser: a bad amount in one row keeps
the whole form unsaved (the valid cell keeps what was typed), and once fixed it saves."""

from decimal import Decimal

from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import RealisasiAnggaranTriwulan
from tests.builders import make_user

TAHUN, TW = 2023, 1


def stored(opd):
    return RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__dpa__perangkat_daerah=opd)


def test_a_bad_amount_saves_nothing_and_the_fixed_grid_saves(
        page, login, screenshot, demo_opd_live):
    opd = demo_opd_live
    operator = make_user(Peran.OPERATOR_OPD, opd=opd)
    before = stored(opd).count()

    login(page, operator.username)
    page.goto(reverse("anggaran_realisasi", args=[opd.pk, TAHUN, TW]))
    rows = page.locator("#realisasi-grid tr.t-sub_kegiatan[data-anggaran]")
    assert rows.count() >= 2
    good = int(rows.nth(0).get_attribute("data-anggaran"))
    bad = int(rows.nth(1).get_attribute("data-anggaran"))
    bad_awal = page.input_value(f"[name=nilai-{bad}]")
    assert page.input_value(f"[name=nilai-{good}]") != "1.500.000"

    page.fill(f"[name=nilai-{good}]", "1.500.000")
    page.fill(f"[name=nilai-{bad}]", "12,5,3")
    with page.expect_navigation():
        page.click("[data-testid=simpan]")
    bad_row = page.locator(f"tr[data-anggaran='{bad}']")
    assert "12,5,3" in bad_row.locator(".cell-error").inner_text()
    assert page.locator(f"tr[data-anggaran='{good}'] .cell-error").count() == 0
    assert page.input_value(f"[name=nilai-{good}]") == "1.500.000"  # what was typed, kept
    assert page.input_value(f"[name=nilai-{bad}]") == "12,5,3"
    assert page.locator("ul.messages li.error").is_visible()
    screenshot(page, "tidak-disimpan")
    assert stored(opd).count() == before  # all or nothing: the valid cell was not written
    assert not stored(opd).filter(dpa_sub_kegiatan_id=good, triwulan=TW).exists()

    page.fill(f"[name=nilai-{bad}]", bad_awal)
    with page.expect_navigation():
        page.click("[data-testid=simpan]")
    assert page.locator("ul.messages li.success").is_visible()
    assert page.locator(".cell-error").count() == 0
    assert page.input_value(f"[name=nilai-{good}]") == "1.500.000"
    screenshot(page, "disimpan")
    assert stored(opd).count() == before + 1
    assert stored(opd).get(dpa_sub_kegiatan_id=good, triwulan=TW).nilai == Decimal("1500000")
