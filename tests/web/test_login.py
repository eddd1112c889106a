"""Login page: CSRF-protected form, works, wrong password refused."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders import make_user

pytestmark = pytest.mark.django_db


def test_login_with_the_right_password_reaches_home():
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"))
    token = page.cookies["csrftoken"].value
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": "sandi-uji-yang-panjang",
                                              "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_login_without_csrf_token_is_refused():
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": "sandi-uji-yang-panjang"})
    assert response.status_code == 403


def test_wrong_password_is_refused_with_a_message(client):
    user = make_user()
    response = client.post(reverse("login"), {"username": user.username, "password": "salah"})
    assert response.status_code == 200
    assert "benar" in response.content.decode()  # Django's Indonesian "… yang benar"
