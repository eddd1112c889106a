"""Login throttling keyed by the name tried and the address together: five failures of one pair
make that pair wait (30 s, doubling with each further failure, at most 15 minutes), with one
message whether or not the account exists; nobody else's failures refuse a correct password; a
success resets the pair. The clock is faked through ``throttle._now``."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from akuntabel.accounts import throttle
from tests.builders import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "sandi-uji-yang-panjang"
LOCKED = "Terlalu banyak percobaan masuk yang gagal"


@pytest.fixture
def clock(monkeypatch):
    now = [1_700_000_000.0]
    monkeypatch.setattr(throttle, "_now", lambda: now[0])
    return now


def login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


@pytest.mark.parametrize(("gagal", "tunggu"), [
    (0, 0), (4, 0),
    (5, 30), (6, 60), (7, 120), (8, 240), (9, 480),
    (10, 900), (50, 900), (10_000, 900),
], ids=lambda v: str(v))
def test_the_wait_after_failures_doubles_from_30_seconds_up_to_15_minutes(gagal, tunggu):
    assert throttle.tunda_detik(gagal, bebas=5, awal=30, batas=900) == tunggu


@pytest.mark.parametrize(("bebas", "gagal", "tunggu"), [
    (1, 0, 0), (1, 1, 30), (1, 2, 60),
], ids=["a spent address: no failure yet, no wait",
        "a spent address: one failure of a pair makes it wait",
        "a spent address: the wait doubles from there"])
def test_an_address_that_spent_its_budget_gives_each_name_one_free_failure(bebas, gagal, tunggu):
    assert throttle.tunda_detik(gagal, bebas=bebas, awal=30, batas=900) == tunggu


def test_five_failures_make_the_pair_wait_even_for_the_right_password(client, clock):
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
    assert "_auth_user_id" not in client.session
    clock[0] += 31
    assert login(client, user.username, PASSWORD).status_code == 302


def test_the_wait_grows_with_each_failure_after_it(client, clock):
    user = make_user()
    for _ in range(5):
        login(client, user.username, "salah")
    clock[0] += 31
    assert login(client, user.username, "salah").status_code == 429  # the sixth failure
    clock[0] += 31
    assert login(client, user.username, PASSWORD).status_code == 429  # now 60 s
    clock[0] += 30
    assert login(client, user.username, PASSWORD).status_code == 302


def test_attempts_during_the_wait_are_not_counted(client, clock):
    user = make_user()
    for _ in range(5):
        login(client, user.username, "salah")
    for _ in range(20):
        assert login(client, user.username, "salah").status_code == 429
    assert throttle.wait_seconds(user.username, "10.0.0.1") == 30


def test_failures_from_one_address_do_not_refuse_the_same_name_from_another(client, clock):
    user = make_user()
    for _ in range(10):
        login(client, user.username, "salah", ip="10.0.1.1")
    assert login(client, user.username, PASSWORD, ip="10.0.1.1").status_code == 429
    assert login(client, user.username, PASSWORD, ip="10.9.9.9").status_code == 302


def test_failures_at_other_names_never_refuse_a_correct_login_from_that_address(client, clock):
    user = make_user()
    for i in range(60):
        login(client, f"tebakan{i}", "salah", ip="10.0.0.7")
    assert login(client, user.username, PASSWORD, ip="10.0.0.7").status_code == 302


def test_a_name_tried_from_a_spent_address_waits_after_its_first_failure(client, clock,
                                                                          settings):
    settings.AKUNTABEL_LOGIN_MAX_GAGAL_ALAMAT = 10
    user = make_user()
    for i in range(10):
        login(client, f"tebakan{i}", "salah", ip="10.0.0.7")
    assert login(client, user.username, "salah", ip="10.0.0.7").status_code == 429
    assert login(client, user.username, PASSWORD, ip="10.0.0.7").status_code == 429
    assert login(client, user.username, PASSWORD, ip="10.0.0.8").status_code == 302


def test_failures_are_forgotten_15_minutes_after_the_last(client, clock):
    user = make_user()
    for _ in range(4):
        login(client, user.username, "salah")
    clock[0] += 901
    for _ in range(4):
        assert login(client, user.username, "salah").status_code == 200


def test_an_unknown_username_gets_the_same_message_as_a_known_one(client, clock):
    user = make_user()
    for _ in range(5):
        known = login(client, user.username, "salah", ip="10.0.2.1")
        unknown = login(client, "tidak-ada-orangnya", "salah", ip="10.0.2.2")
    assert known.status_code == unknown.status_code == 429
    message = "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1 menit."
    assert message in known.content.decode()
    assert message in unknown.content.decode()


def test_a_success_resets_the_count(client, clock):
    user = make_user()
    for _ in range(4):
        login(client, user.username, "salah")
    assert login(client, user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, user.username, "salah").status_code == 200
    assert login(client, user.username, PASSWORD).status_code == 302


def test_usernames_are_counted_without_regard_to_case_or_spaces(client, clock):
    user = make_user(username="operator-dinsos")
    for name in ("Operator-Dinsos", " operator-dinsos", "OPERATOR-DINSOS ", "operator-dinsos",
                 "operator-DINSOS"):
        login(client, name, "salah", ip="10.0.3.1")
    assert throttle.wait_seconds(user.username, "10.0.3.1") == 30
    assert throttle.wait_seconds(user.username, "10.0.3.2") == 0


def test_the_settings_are_those_of_the_brief(settings):
    assert settings.AKUNTABEL_LOGIN_MAX_GAGAL == 5
    assert settings.AKUNTABEL_LOGIN_TUNDA_DETIK == 30
    assert settings.AKUNTABEL_LOGIN_KUNCI_DETIK == 900
    assert settings.AKUNTABEL_LOGIN_MAX_GAGAL_ALAMAT == 50


def test_the_data_administration_login_goes_through_the_throttled_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_refused_attempt_does_not_even_check_the_password(client, clock, monkeypatch):
    user = make_user()
    for _ in range(5):
        login(client, user.username, "salah")
    checked = []
    from django.contrib.auth import forms

    real = forms.authenticate
    monkeypatch.setattr(forms, "authenticate", lambda *a, **k: checked.append(1) or real(*a, **k))
    assert login(client, user.username, PASSWORD).status_code == 429
    assert checked == []


# -- the client's address -----------------------------------------------------------------------

def _request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.AKUNTABEL_TRUSTED_PROXIES = []
    assert throttle.client_ip(_request("203.0.113.5", "10.1.1.1")) == "203.0.113.5"


@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
    ("127.0.0.1", "10.1.1.1, 203.0.113.5", "203.0.113.5"),
    ("127.0.0.1", "203.0.113.5, 127.0.0.1", "203.0.113.5"),
    ("127.0.0.1", "", "127.0.0.1"),
    ("127.0.0.1", "bukan-alamat", "127.0.0.1"),
    ("198.51.100.7", "203.0.113.5", "198.51.100.7"),
], ids=["behind the proxy: the address the proxy saw",
        "a forged first entry is ignored: the right-most one the proxy appended counts",
        "the proxy's own entries are skipped",
        "no header from the proxy: the proxy's address",
        "a header that is not an address: the proxy's address",
        "a direct client cannot name its own address through the header"])
def test_behind_a_trusted_proxy_the_address_it_forwarded_counts(settings, remote, forwarded,
                                                                expected):
    settings.AKUNTABEL_TRUSTED_PROXIES = ["127.0.0.1"]
    assert throttle.client_ip(_request(remote, forwarded)) == expected


def test_the_throttle_counts_the_forwarded_address_behind_the_proxy(client, clock, settings):
    settings.AKUNTABEL_TRUSTED_PROXIES = ["127.0.0.1"]
    user = make_user()
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "salah"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    owner = client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert owner.status_code == 302
