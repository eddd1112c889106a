"""Sessions end after a lifetime and after an idle time, 8 hours each unless the pemda's
administrator sets otherwise; the idle time restarts with each request. Tested with a faked
clock (akuntabel.accounts.session_limits._now)."""

import pytest
from django.urls import reverse

from akuntabel.accounts import session_limits
from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from tests.builders import make_pemda, make_user

pytestmark = pytest.mark.django_db
JAM = 3600


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(session_limits, "_now", lambda: now[0])
    return now


def logged_in(client, user, clock):
    client.force_login(user)
    assert client.get(reverse("home")).wsgi_request.user == user  # the session starts here
    return user


def still_in(client):
    return client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_an_idle_session_ends_after_8_hours_by_default(client, clock, operator_dinsos):
    logged_in(client, operator_dinsos, clock)
    clock[0] += 8 * JAM - 60
    assert still_in(client)
    clock[0] += 8 * JAM + 1
    assert not still_in(client)


def test_each_request_restarts_the_idle_time_but_not_the_lifetime(client, clock,
                                                                   operator_dinsos):
    logged_in(client, operator_dinsos, clock)
    for _ in range(7):
        clock[0] += JAM + 30
        assert still_in(client)  # active: an hour between requests, 7 h 3 min in all
    clock[0] += JAM
    assert not still_in(client)  # 8 h 3 min after logging in: the lifetime is over


def test_an_ended_session_sends_the_user_to_the_login_page_saying_why(client, clock,
                                                                      operator_dinsos):
    logged_in(client, operator_dinsos, clock)
    clock[0] += 9 * JAM
    response = client.get(reverse("ganti_sandi"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Sesi Anda telah berakhir" in response.content.decode()


def test_logging_in_again_restarts_the_lifetime(client, clock, operator_dinsos):
    def login():
        response = client.post(reverse("login"), {"username": operator_dinsos.username,
                                                  "password": "sandi-uji-yang-panjang"})
        assert response.status_code == 302

    login()
    assert still_in(client)
    clock[0] += 7 * JAM
    assert still_in(client)
    login()  # the same user in the same session
    clock[0] += 7 * JAM
    assert still_in(client)  # 14 hours after the first login, 7 after the second


def test_the_pemdas_own_limits_apply_and_the_strictest_for_two_pemdas(client, clock, pemda,
                                                                       operator_dinsos):
    pemda.sesi_diam_menit = 30
    pemda.save()
    logged_in(client, operator_dinsos, clock)
    clock[0] += 29 * 60
    assert still_in(client)
    clock[0] += 31 * 60
    assert not still_in(client)
    other = make_pemda(sesi_maks_menit=60)
    user = make_user(Peran.VERIFIKATOR, pemda=other)
    from akuntabel.accounts.models import Membership
    Membership.objects.create(user=user, pemda=pemda, peran=Peran.REVIEWER)
    logged_in(client, user, clock)
    clock[0] += 25 * 60
    assert still_in(client)  # within the 30 minutes idle of the one, the 60 lifetime of the other
    clock[0] += 25 * 60
    assert still_in(client)
    clock[0] += 11 * 60
    assert not still_in(client)  # 61 minutes: the other pemda's lifetime


def test_the_admin_sets_the_limits_and_the_change_is_recorded(client, pemda, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(reverse("pengguna_sesi", args=[pemda.pk]),
                           {"sesi_maks_menit": "240", "sesi_diam_menit": "30"})
    assert response.status_code == 302
    pemda.refresh_from_db()
    assert (pemda.sesi_maks_menit, pemda.sesi_diam_menit) == (240, 30)
    kolom = set(Perubahan.objects.filter(pemda=pemda, model="Pemda").values_list("kolom",
                                                                                  flat=True))
    assert {"sesi_maks_menit", "sesi_diam_menit"} <= kolom
    assert "Batas sesi" in client.get(reverse("kelola_pengguna", args=[pemda.pk])).content.decode()


@pytest.mark.parametrize("maks, diam", [
    pytest.param("2", "30", id="a lifetime under 5 minutes"),
    pytest.param("480", "2000", id="an idle time over 24 hours"),
    pytest.param("60", "120", id="an idle time longer than the lifetime"),
    pytest.param("delapan", "30", id="not a number"),
])
def test_limits_out_of_bounds_are_refused_and_nothing_is_written(client, pemda, admin_pemda,
                                                                maks, diam):
    client.force_login(admin_pemda)
    response = client.post(reverse("pengguna_sesi", args=[pemda.pk]),
                           {"sesi_maks_menit": maks, "sesi_diam_menit": diam}, follow=True)
    assert "Batas sesi tidak disimpan" in response.content.decode()
    pemda.refresh_from_db()
    assert (pemda.sesi_maks_menit, pemda.sesi_diam_menit) == (None, None)


def test_only_the_admin_of_the_pemda_sets_the_limits(client, pemda, operator_dinsos):
    url = reverse("pengguna_sesi", args=[pemda.pk])
    client.force_login(operator_dinsos)
    assert client.post(url, {"sesi_maks_menit": "60", "sesi_diam_menit": "30"}).status_code == 404
    client.force_login(make_user(Peran.REVIEWER, pemda=pemda))
    assert client.post(url, {"sesi_maks_menit": "60", "sesi_diam_menit": "30"}).status_code == 403
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(url, {"sesi_maks_menit": "60", "sesi_diam_menit": "30"}).status_code == 404
    pemda.refresh_from_db()
    assert pemda.sesi_maks_menit is None
