"""The Perjanjian Kinerja in a real browser: the operator edits the demo's draft PK 2023 and
submits it, the kepala OPD signs it, and the Renja targets of the year are then locked on the
indicator page (a form opened before the signature is refused too, and nothing is written)."""

from decimal import Decimal

from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import PerjanjianKinerja, Target
from tests.builders import make_user

TAHUN = 2023
TERKUNCI = f"Target tahun {TAHUN} terkunci"


def renja_targets(indikator_id):
    return sorted(Target.objects.filter(indikator_id=indikator_id, jenis="renja", tahun=TAHUN)
                  .values_list("triwulan", "nilai", "teks", "versi"))


def test_operator_submits_kepala_signs_and_the_renja_targets_are_locked(
        page, new_page, login, screenshot, demo_opd_live):
    opd = demo_opd_live
    operator = make_user(Peran.OPERATOR_OPD, opd=opd)
    kepala = make_user(Peran.KEPALA_OPD, opd=opd)
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN, jenis="induk")
    assert pk.status == "draft"
    baris = pk.baris.order_by("urutan", "pk").first()
    url = reverse("pk_detail", args=[opd.pk, TAHUN])
    indikator_url = reverse("indikator_detail", args=[baris.indikator_id]) + f"?tahun={TAHUN}"

    login(page, operator.username)
    page.goto(url)
    section = page.locator(f"#pk-{pk.pk}")
    assert section.locator("span.status-pk[data-status]").get_attribute("data-status") \
        == "draft"
    page.fill(f"[name=target_{baris.pk}]", "92,5")
    with page.expect_navigation():
        section.locator("form.pk-ubah button[type=submit]").click()
    assert page.locator("ul.messages li.success").is_visible()
    baris.refresh_from_db()
    assert (baris.target_teks, baris.target) == ("92,5", Decimal("92.5"))
    with page.expect_navigation():
        page.click("[data-testid=pk-ajukan]")
    assert page.locator(f"#pk-{pk.pk} span.status-pk[data-status]").get_attribute(
        "data-status") == "diajukan"
    assert page.locator("[data-testid=pk-tandatangani]").count() == 0  # not the operator's
    assert page.locator(f"[name=target_{baris.pk}]").count() == 0  # submitted: read-only
    screenshot(page, "diajukan")

    # The operator opens the indicator's Renja target form while the PK awaits signature.
    stale = new_page()
    login(stale, operator.username)
    stale.goto(indikator_url)
    assert stale.locator("form.target-form").is_visible()
    before = renja_targets(baris.indikator_id)

    boss = new_page()
    login(boss, kepala.username)
    boss.goto(url)
    with boss.expect_navigation():
        boss.click("[data-testid=pk-tandatangani]")
    badge = boss.locator(f"#pk-{pk.pk} span.status-pk[data-status]")
    assert badge.get_attribute("data-status") == "ditandatangani"
    assert "92,5" in boss.locator(f"#pk-{pk.pk} table.pk-baris").inner_text()
    assert boss.locator("[data-testid=pk-perubahan]").is_visible()
    screenshot(boss, "ditandatangani")
    pk.refresh_from_db()
    assert (pk.status, pk.ditandatangani_oleh_id) == ("ditandatangani", kepala.pk)

    # The form opened before the signature is refused with the lock message.
    stale.fill("[name=nilai_1]", "10")
    stale.fill("[name=nilai_0]", "99")
    stale.fill("[name=alasan]", "Percobaan setelah PK ditandatangani")
    with stale.expect_navigation():
        stale.click("form.target-form button[type=submit]")
    assert TERKUNCI in stale.locator("p.terkunci").inner_text()
    assert stale.locator("form.target-form").count() == 0
    screenshot(stale, "target-terkunci")
    assert renja_targets(baris.indikator_id) == before

    # Opened afresh, the indicator page offers no form, only the lock message.
    page.goto(indikator_url)
    assert TERKUNCI in page.locator("p.terkunci").inner_text()
    assert page.locator("form.target-form, [name=nilai_0]").count() == 0
    assert renja_targets(baris.indikator_id) == before
