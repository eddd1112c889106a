"""The plan and an indicator's page in a real browser: the operator reads the demo's cascade,
follows the IKU to its page (realisasi computed from its components, capaian, rating, the
trend chart) and sets a Renja quarterly target typed the Indonesian way; the page shows it back
and the change history names it."""

from decimal import Decimal

from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import Indikator, Target
from tests.builders import make_user

TAHUN = 2023
IKU = "Persentase PPKS yang tertangani"


def test_operator_follows_the_plan_to_the_iku_and_sets_a_quarterly_target(
        page, login, screenshot, demo_opd_live):
    opd = demo_opd_live
    operator = make_user(Peran.OPERATOR_OPD, opd=opd)
    iku = Indikator.objects.get(perangkat_daerah=opd, uraian=IKU)
    renja_tw1 = Target.objects.filter(indikator=iku, jenis="renja", tahun=TAHUN, triwulan=1)
    assert not renja_tw1.exists()  # the demo holds annual targets only

    login(page, operator.username)
    page.goto(reverse("plan", args=[opd.pk, TAHUN]))
    assert page.locator("nav.opd-nav a[aria-current=page]").inner_text() == "Rencana"
    link = page.get_by_role("link", name=IKU, exact=True).first
    assert link.is_visible()
    screenshot(page, "rencana")

    with page.expect_navigation():
        link.click()
    assert IKU in page.locator("h1").inner_text()
    assert page.locator("h1 .badge").inner_text() == "IKU"
    tahun_row = page.locator("tr", has=page.locator(f"th:text-is('{TAHUN}')")).first
    row_text = tahun_row.inner_text()
    assert "92,77" in row_text      # 13.415 ÷ 14.460 × 100, from the eleven components
    assert "101,39%" in row_text    # against the PK target 91,5
    assert "Sangat Tinggi" in row_text
    assert page.locator("figure.tren-wadah svg").count() == 1
    assert "14.460" in page.locator("table.komponen caption").first.inner_text()
    screenshot(page, "indikator")

    page.fill("[name=nilai_1]", "25,5")
    with page.expect_navigation():
        page.click("form.target-form button[type=submit]")
    assert page.locator("ul.messages li.success").is_visible()
    target = renja_tw1.get()
    assert (target.nilai, target.teks) == (Decimal("25.5"), "25,5")
    assert page.input_value("[name=nilai_1]") == "25,5"
    history = page.locator("h2:text-is('Riwayat perubahan') + table").inner_text()
    assert "25,5" in history and operator.username in history
    screenshot(page, "target-tersimpan")
