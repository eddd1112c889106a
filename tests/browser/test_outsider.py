"""An outsider in a real browser: the operator of another OPD of the same pemda gets the
not-found page on the demo OPD's pages, which says nothing of that OPD."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_user

PAGES = [
    ("dashboard", "opd_detail", []),
    ("realisasi", "realisasi_grid", [2023, 1]),
    ("lakip", "lakip", [2023]),
]


@pytest.fixture
def outsider(demo_opd_live):
    return make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd_live.pemda))


def test_operator_of_another_opd_gets_not_found_on_the_demo_opds_pages(
        page, login, screenshot, demo_opd_live, outsider):
    login(page, outsider.username)
    for step, name, args in PAGES:
        response = page.goto(reverse(name, args=[demo_opd_live.pk, *args]))
        assert response.status == 404, (name, response.status)
        assert page.locator("h1").inner_text() == "Halaman tidak ditemukan", name
        body = page.locator("body").inner_text()
        assert demo_opd_live.nama not in body, name
        assert "Traceback" not in body
        screenshot(page, step)
    page.goto(reverse("home"))  # and the home page does not list it
    assert page.get_by_role("link", name=demo_opd_live.nama).count() == 0
