"""Access checks shared by the page tests: every page of an agency hides itself from outsiders
(404, so they learn nothing) and sends anonymous visitors to the login page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.organizations.models import PerangkatDaerah
from tests.builders import make_opd, make_pemda, make_user


def assert_hidden_from_outsiders(client: Client, url: str, opd: PerangkatDaerah) -> None:
    """An operator of another agency of ``opd``'s pemda, and the pemda-wide roles (admin,
    verifier, reviewer) of another pemda, each get 404 on GET ``url``."""
    other_pemda = make_pemda()
    outsiders = [("operator of another agency",
                  make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))]
    outsiders += [(f"{peran} of another pemda", make_user(peran, pemda=other_pemda))
                  for peran in (Peran.ADMIN_PEMDA, Peran.VERIFIKATOR, Peran.REVIEWER)]
    for label, user in outsiders:
        client.force_login(user)
        status = client.get(url).status_code
        assert status == 404, f"{label} got {status} on {url}"
    client.logout()


def assert_sends_anonymous_to_login(client: Client, url: str) -> None:
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"], url
