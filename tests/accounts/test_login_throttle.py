"""Login throttling: five failures for a username or from an address within 15 minutes lock it
for 15 minutes, with one message whether or not the account exists; a success resets."""

import pytest
from django.urls import reverse

from akuntabel.accounts import throttle
from tests.builders import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "sandi-uji-yang-panjang"
LOCKED = "Terlalu banyak percobaan masuk yang gagal"


def login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def test_five_failures_lock_the_username_even_for_the_right_password(client):
    user = make_user()
    for _ in range(4):
        response = login(client, user.username, "salah")
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()
    fifth = login(client, user.username, "salah")
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    right = login(client, user.username, PASSWORD)
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_from_another_address_for_the_same_username(client):
    user = make_user()
    for i in range(5):
        login(client, user.username, "salah", ip=f"10.0.1.{i}")
    assert login(client, user.username, PASSWORD, ip="10.9.9.9").status_code == 429


def test_five_failures_from_one_address_lock_that_address_for_every_username(client):
    user = make_user()
    for i in range(5):
        login(client, f"tebakan{i}", "salah", ip="10.0.0.7")
    assert login(client, user.username, PASSWORD, ip="10.0.0.7").status_code == 429
    assert login(client, user.username, PASSWORD, ip="10.0.0.8").status_code == 302


def test_an_unknown_username_gets_the_same_message_as_a_known_one(client):
    user = make_user()
    for _ in range(5):
        known = login(client, user.username, "salah", ip="10.0.2.1")
        unknown = login(client, "tidak-ada-orangnya", "salah", ip="10.0.2.2")
    assert known.status_code == unknown.status_code == 429
    message = "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit."
    assert message in known.content.decode()
    assert message in unknown.content.decode()


def test_a_success_resets_the_count(client):
    user = make_user()
    for _ in range(4):
        login(client, user.username, "salah")
    assert login(client, user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, user.username, "salah").status_code == 200
    assert login(client, user.username, PASSWORD).status_code == 302


def test_the_lock_ends_when_the_cache_entry_expires(client, settings):
    settings.AKUNTABEL_LOGIN_KUNCI_DETIK = 1
    user = make_user()
    for _ in range(5):
        login(client, user.username, "salah")
    assert throttle.is_locked(user.username, "10.0.0.1")
    import time

    time.sleep(1.2)
    assert not throttle.is_locked(user.username, "10.0.0.1")
    assert login(client, user.username, PASSWORD).status_code == 302


def test_usernames_are_counted_without_regard_to_case_or_spaces(client):
    user = make_user(username="operator-dinsos")
    for name in ("Operator-Dinsos", " operator-dinsos", "OPERATOR-DINSOS ", "operator-dinsos",
                 "operator-DINSOS"):
        login(client, name, "salah", ip="10.0.3.1")
    assert throttle.is_locked(user.username, "10.0.3.2")


def test_the_settings_are_those_of_the_brief(settings):
    assert settings.AKUNTABEL_LOGIN_MAX_GAGAL == 5
    assert settings.AKUNTABEL_LOGIN_KUNCI_DETIK == 900


def test_the_data_administration_login_goes_through_the_throttled_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_locked_attempt_does_not_even_check_the_password(client, monkeypatch):
    user = make_user()
    for _ in range(5):
        login(client, user.username, "salah")
    checked = []
    from django.contrib.auth import forms

    real = forms.authenticate
    monkeypatch.setattr(forms, "authenticate", lambda *a, **k: checked.append(1) or real(*a, **k))
    assert login(client, user.username, PASSWORD).status_code == 429
    assert checked == []
