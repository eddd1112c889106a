"""The home page: anyone may open it; it lists only the agencies a user may read."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_the_login_link_and_no_agency(client, demo_opd):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("login") in response.content.decode()
    assert demo_opd.nama not in response.content.decode()


def test_operator_sees_own_agency(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(reverse("home"))
    assert demo_opd.nama in response.content.decode()


def test_operator_of_another_agency_does_not_see_it(client, demo_opd):
    other = make_opd(pemda=demo_opd.pemda, nama="Dinas Kesehatan Kota Metro")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=other))
    body = client.get(reverse("home")).content.decode()
    assert "Dinas Kesehatan Kota Metro" in body
    assert demo_opd.nama not in body


def test_page_is_indonesian_by_default_and_english_on_request(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert "Keluar" in client.get(reverse("home")).content.decode()
    english = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log out" in english
