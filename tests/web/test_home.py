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


def test_page_is_indonesian_even_when_the_browser_asks_for_english(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Keluar" in body


def test_english_once_the_user_chooses_it(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log out" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert "Keluar" in client.get(reverse("home")).content.decode()


def test_operator_sees_the_status_of_the_quarter_being_reported(client, demo_opd, monkeypatch):
    from datetime import date
    monkeypatch.setattr("akuntabel.web.views.timezone.localdate", lambda: date(2026, 11, 29))
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(reverse("home")).content.decode()
    assert "TW III" in body and "status-terlambat" in body and "10 Oktober 2026" in body
    assert "ikhtisar" not in body.lower()  # no pemda-wide role, no overview link


def test_pemda_wide_role_gets_the_overview_link_at_the_latest_dpa_year(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    body = client.get(reverse("home")).content.decode()
    assert reverse("pemda_overview", args=[demo_opd.pemda.pk, 2023]) in body
    assert demo_opd.nama in body


def test_admin_pemda_finds_the_administration_from_home(client, demo_opd):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=demo_opd.pemda))
    body = client.get(reverse("home")).content.decode()
    assert reverse("kelola_pengguna", args=[demo_opd.pemda.pk]) in body
    assert reverse("riwayat_pemda", args=[demo_opd.pemda.pk]) in body


def test_verifier_gets_the_history_but_not_the_administration(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    body = client.get(reverse("home")).content.decode()
    assert reverse("riwayat_pemda", args=[demo_opd.pemda.pk]) in body
    assert reverse("kelola_pengguna", args=[demo_opd.pemda.pk]) not in body


def test_an_english_request_leaves_the_thread_in_the_default_language(client, demo_opd):
    from django.utils import translation

    client.cookies["django_language"] = "en"
    client.get(reverse("home"))
    assert translation.get_language() == "id"
