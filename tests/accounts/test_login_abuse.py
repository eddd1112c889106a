"""Acceptance (issue 12): failed logins cannot be used to lock the owner out. User A logs in
correctly while an attacker fails 50 times against A and against 50 names that do not exist;
from another address A is never refused, from A's own address A waits at most the pair's
backoff (faked through ``throttle._now``), and every attempt is recorded."""

import pytest
from django.test import Client
from django.urls import reverse

from akuntabel.accounts import throttle
from akuntabel.accounts.models import SecurityEvent
from tests.builders import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "sandi-uji-yang-panjang"
A_ADDRESS = "10.20.0.5"
ATTACKER = "203.0.113.66"


@pytest.fixture
def clock(monkeypatch):
    now = [1_700_000_000.0]
    monkeypatch.setattr(throttle, "_now", lambda: now[0])
    return now


def attempt(client, username, password, ip):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def attack(a, ip, clock):
    """50 wrong passwords at A and 50 at names of no account, interleaved, two a second."""
    attacker = Client()
    statuses = []
    for i in range(50):
        statuses.append(attempt(attacker, a.username, f"tebakan-{i}", ip).status_code)
        statuses.append(attempt(attacker, f"tidak-ada-{i}", "akuntabel", ip).status_code)
        clock[0] += 0.5
    return statuses


def test_a_logs_in_during_an_attack_from_another_address(clock):
    a = make_user(username="operator-dinsos")
    owner = Client()
    attacker = Client()
    for i in range(50):
        attempt(attacker, a.username, f"tebakan-{i}", ATTACKER)
        attempt(attacker, f"tidak-ada-{i}", "akuntabel", ATTACKER)
        if i % 10 == 9:  # A logs in and out again in the middle of the attack
            assert attempt(owner, a.username, PASSWORD, A_ADDRESS).status_code == 302
            owner.logout()
    assert attempt(owner, a.username, PASSWORD, A_ADDRESS).status_code == 302
    assert owner.session["_auth_user_id"] == str(a.pk)


def test_the_attacker_is_slowed(clock):
    a = make_user()
    statuses = attack(a, ATTACKER, clock)
    at_a = statuses[0::2]
    assert at_a[:4] == [200] * 4
    assert set(at_a[4:]) == {429}  # from the fifth failure on, every attempt at A waits
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_FAILED,
                                        username=a.username).count() == 5
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_REFUSED,
                                        username=a.username).count() == 45


def test_a_logs_in_after_the_backoff_when_attacked_from_the_same_address(clock):
    a = make_user()
    attack(a, A_ADDRESS, clock)
    owner = Client()
    assert attempt(owner, a.username, PASSWORD, A_ADDRESS).status_code == 429
    wait = throttle.wait_seconds(a.username, A_ADDRESS)
    assert 0 < wait <= 900
    clock[0] += wait
    assert attempt(owner, a.username, PASSWORD, A_ADDRESS).status_code == 302


def test_another_user_at_the_attackers_address_logs_in_at_once(clock):
    a = make_user()
    colleague = make_user()
    attack(a, A_ADDRESS, clock)
    assert attempt(Client(), colleague.username, PASSWORD, A_ADDRESS).status_code == 302


def test_every_attempt_is_recorded_with_name_address_and_outcome(clock):
    a = make_user()
    attack(a, ATTACKER, clock)
    attempt(Client(), a.username, PASSWORD, A_ADDRESS)
    events = SecurityEvent.objects.filter(kind__startswith="login")
    assert events.count() == 101
    assert events.filter(ip=ATTACKER).count() == 100
    ok = events.get(kind=SecurityEvent.Kind.LOGIN_OK)
    assert (ok.username, ok.ip, ok.user) == (a.username, A_ADDRESS, a)
