"""The token page (/akun/token/): create (the secret shown once, only its hash stored),
list, revoke; a user never sees nor revokes another's token."""

import hashlib
import re

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.api.models import TokenApi
from tests.api.helpers import bearer, token_of
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    return make_user(Peran.OPERATOR_OPD, opd=make_opd(), username="operator-api")


def test_the_account_menu_links_to_the_token_page(client, operator):
    client.force_login(operator)
    page = client.get(reverse("ganti_sandi")).content.decode()
    assert f'href="{reverse("token_api")}"' in page


def test_creating_a_token_shows_its_secret_once_and_stores_only_its_hash(client, operator):
    client.force_login(operator)
    opd = operator.memberships.get().perangkat_daerah
    response = client.post(reverse("token_api"), {"nama": "Portal data", "lingkup": "tulis",
                                                  "perangkat_daerah": opd.pk})
    assert response.status_code == 200
    rahasia = re.search(r'<code id="token-baru">(akt_[^<]+)</code>',
                        response.content.decode()).group(1)
    token = TokenApi.objects.get(user=operator)
    assert token.hash == hashlib.sha256(rahasia.encode()).hexdigest()
    assert token.perangkat_daerah == opd and token.lingkup == "tulis"
    assert rahasia not in client.get(reverse("token_api")).content.decode()
    assert client.get("/api/v1/pemda", **bearer(rahasia)).status_code == 200
    token.refresh_from_db()
    assert token.digunakan_at is not None


def test_a_token_cannot_be_limited_to_an_opd_the_user_may_not_see(client, operator):
    client.force_login(operator)
    response = client.post(reverse("token_api"), {"nama": "x", "lingkup": "baca",
                                                  "perangkat_daerah": make_opd().pk})
    assert response.status_code == 200
    assert not TokenApi.objects.exists()


def test_revoking_closes_the_api_to_the_token(client, operator):
    rahasia = token_of(operator)
    token = TokenApi.objects.get(user=operator)
    client.force_login(operator)
    response = client.post(reverse("token_api_cabut", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.dicabut_at is not None
    client.logout()
    assert client.get("/api/v1/pemda", **bearer(rahasia)).status_code == 401


def test_an_outsider_neither_sees_nor_revokes_anothers_token(client, operator):
    rahasia = token_of(operator, nama="rahasia-operator")
    token = TokenApi.objects.get(user=operator)
    outsider = make_user(Peran.OPERATOR_OPD, opd=make_opd())
    client.force_login(outsider)
    assert "rahasia-operator" not in client.get(reverse("token_api")).content.decode()
    assert client.post(reverse("token_api_cabut", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.dicabut_at is None
    client.logout()
    assert client.get("/api/v1/pemda", **bearer(rahasia)).status_code == 200


def test_the_token_page_needs_a_login(client):
    response = client.get(reverse("token_api"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_an_inactive_users_token_is_refused(client, operator):
    rahasia = token_of(operator)
    operator.is_active = False
    operator.save()
    assert client.get("/api/v1/pemda", **bearer(rahasia)).status_code == 401
