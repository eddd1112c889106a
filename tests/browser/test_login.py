"""Login in a real browser: a wrong password is refused with a message; the right one lands on
the home page with the user's agencies."""

from urllib.parse import urlparse

from akuntabel.accounts.models import Peran
from tests.builders import make_user


def test_wrong_password_shows_the_message_and_stays_on_the_form(page, login, screenshot):
    user = make_user()
    login(page, user.username, "kata-sandi-yang-salah")
    assert page.url.endswith("/login/")
    assert page.locator("form.login").is_visible()
    assert "benar" in page.locator("form.login").inner_text()  # "… yang benar" (Django, id)
    assert page.locator("input[name=password]").input_value() == ""
    screenshot(page, "wrong-password")


def test_right_password_lands_on_home_with_the_users_agency(page, login, screenshot,
                                                            demo_opd_live):
    user = make_user(Peran.OPERATOR_OPD, opd=demo_opd_live)
    login(page, user.username)
    assert urlparse(page.url).path == "/"  # home, not the form again
    link = page.get_by_role("link", name=demo_opd_live.nama)
    assert link.is_visible()
    assert page.get_by_role("button", name="Keluar").is_visible()
    screenshot(page, "home")
    link.click()
    page.wait_for_url(f"**/opd/{demo_opd_live.pk}/**")
    assert demo_opd_live.nama in page.locator("h1").inner_text()
    screenshot(page, "opd-dashboard")
