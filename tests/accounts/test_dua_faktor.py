"""The optional second factor (TOTP, with one-time recovery codes) of the pemda's administrators
and verifiers: enrolment confirmed by a code, a login that asks for the code after the password,
the pemda's setting that makes it required, removal by the user and reset by the administrator.
Codes are computed from the device's key with django_otp.oath.totp."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from akuntabel.accounts import dua_faktor
from akuntabel.accounts.models import Peran, SecurityEvent
from akuntabel.audit.models import Perubahan
from tests.access import assert_sends_anonymous_to_login
from tests.builders import make_pemda, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "sandi-uji-yang-panjang"  # tests.builders.make_user


def code(device, ahead=0):
    """The device's code now (``ahead`` steps later: a code not yet used, within tolerance)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    return f"{value:06d}"


def wrong(device):
    right = {code(device, k) for k in (-1, 0, 1, 2)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444") if c not in right)


def enrol(user):
    """A confirmed device for ``user``, through the service; (device, recovery codes)."""
    device = dua_faktor.unconfirmed_device(user)
    codes = dua_faktor.confirm(user, device, code(device))
    assert codes
    return TOTPDevice.objects.get(pk=device.pk), codes


def password_step(client, user, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                       REMOTE_ADDR=ip)


def code_step(client, token, ip="10.0.0.1"):
    return client.post(reverse("login_kode"), {"kode": token}, REMOTE_ADDR=ip)


def logged_in(client):
    return client.get(reverse("home")).wsgi_request.user.is_authenticated


# -- enrolment ---------------------------------------------------------------------------------

def test_an_administrator_enrols_with_a_valid_code_and_sees_recovery_codes_once(client,
                                                                               admin_pemda):
    client.force_login(admin_pemda)
    page = client.get(reverse("dua_faktor"))
    assert page.status_code == 200
    body = page.content.decode()
    device = TOTPDevice.objects.get(user=admin_pemda, confirmed=False)
    assert "<svg" in body
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)  # no inline script (CSP)
    assert dua_faktor.secret_text(device) in body  # for manual entry
    response = client.post(reverse("dua_faktor"), {"kode": code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    tokens = list(StaticToken.objects.filter(device__user=admin_pemda)
                  .values_list("token", flat=True))
    assert len(tokens) == 10
    shown = response.content.decode()
    assert all(t in shown for t in tokens)
    again = client.get(reverse("dua_faktor")).content.decode()
    assert not any(t in again for t in tokens)
    assert "Verifikasi dua langkah aktif" in again
    assert response.wsgi_request.user.is_verified()  # this session counts as verified


def test_a_wrong_code_does_not_enrol(client, admin_pemda):
    client.force_login(admin_pemda)
    client.get(reverse("dua_faktor"))
    device = TOTPDevice.objects.get(user=admin_pemda)
    response = client.post(reverse("dua_faktor"), {"kode": wrong(device)})
    assert response.status_code == 400
    assert "Kode salah" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.filter(device__user=admin_pemda).exists()


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD, Peran.REVIEWER])
def test_other_roles_cannot_enrol_and_never_see_the_second_step(client, dinsos, peran):
    user = make_user(peran, opd=dinsos, pemda=dinsos.pemda)
    client.force_login(user)
    assert client.get(reverse("dua_faktor")).status_code == 403
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    response = password_step(client, user)
    assert response.status_code == 302 and response.url == reverse("home")
    assert logged_in(client)


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, "superuser"])
def test_verifiers_and_system_administrators_may_enrol(client, pemda, peran):
    user = (make_user(is_superuser=True, is_staff=True) if peran == "superuser"
            else make_user(peran, pemda=pemda))
    client.force_login(user)
    assert client.get(reverse("dua_faktor")).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client):
    assert_sends_anonymous_to_login(client, reverse("dua_faktor"))


# -- login -------------------------------------------------------------------------------------

def test_the_password_alone_does_not_log_in_an_enrolled_user(client, admin_pemda, pemda):
    enrol(admin_pemda)
    response = password_step(client, admin_pemda)
    assert response.status_code == 302 and response.url.startswith(reverse("login_kode"))
    assert "_auth_user_id" not in client.session
    assert not logged_in(client)
    page = client.get(reverse("kelola_pengguna", args=[pemda.pk]))
    assert page.status_code == 302 and page.url.startswith(reverse("login"))
    step = client.get(reverse("login_kode"))
    assert step.status_code == 200 and 'name="kode"' in step.content.decode()


def test_the_right_code_logs_in_verified_and_is_recorded(client, admin_pemda):
    device, _codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    response = code_step(client, code(device, 1))
    assert response.status_code == 302 and response.url == reverse("home")
    home = client.get(reverse("home"))
    assert home.wsgi_request.user == admin_pemda and home.wsgi_request.user.is_verified()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_OK)
    assert event.user == admin_pemda and event.path == reverse("login_kode")


def test_a_wrong_code_is_refused_and_recorded_as_failed(client, admin_pemda):
    device, _codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    response = code_step(client, wrong(device))
    assert response.status_code == 400
    assert "Kode salah" in response.content.decode()
    assert not logged_in(client)
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED)
    assert event.user == admin_pemda and event.path == reverse("login_kode")
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_OK).exists()


def test_the_security_log_page_tells_a_wrong_code_from_a_wrong_password(client, pemda,
                                                                      admin_pemda):
    device, _codes = enrol(admin_pemda)
    client.post(reverse("login"), {"username": admin_pemda.username, "password": "salah"})
    password_step(client, admin_pemda)
    code_step(client, wrong(device))
    code_step(client, code(device, 1))
    page = client.get(reverse("catatan_keamanan", args=[pemda.pk])).content.decode()
    assert page.count("<td>Masuk gagal</td>") == 2  # the password's and the code's
    assert page.count("kode langkah kedua") == 2  # the code's failure and success


def test_a_new_login_attempt_forgets_the_awaited_code(client, admin_pemda):
    device, _codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    client.post(reverse("login"), {"username": admin_pemda.username, "password": "salah"})
    response = code_step(client, code(device, 1))
    assert response.status_code == 302 and response.url == reverse("login")
    assert not logged_in(client)


def test_wrong_codes_count_in_the_login_throttle(client, admin_pemda):
    device, _codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    for _ in range(4):
        assert code_step(client, wrong(device)).status_code == 400
    assert code_step(client, wrong(device)).status_code == 429
    right = code_step(client, code(device, 1))
    assert right.status_code == 429  # the pair waits, the right code included
    assert "Terlalu banyak percobaan masuk yang gagal" in right.content.decode()
    assert not logged_in(client)
    # Entering the password again does not clear the count.
    assert password_step(client, admin_pemda).status_code == 429


def test_wrong_codes_from_many_addresses_make_the_account_wait(client, admin_pemda):
    """Someone who has the password cannot spread code guesses over many addresses."""
    device, _codes = enrol(admin_pemda)
    for n in range(5):
        ip = f"10.1.0.{n}"
        password_step(client, admin_pemda, ip=ip)
        assert code_step(client, wrong(device), ip=ip).status_code in (400, 429)
    password_step(client, admin_pemda, ip="10.2.0.1")
    assert code_step(client, code(device, 1), ip="10.2.0.1").status_code == 429
    assert not logged_in(client)


def test_a_recovery_code_works_once(client, admin_pemda):
    _device, codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    assert code_step(client, codes[0].upper()).status_code == 302
    assert logged_in(client)
    client.logout()
    password_step(client, admin_pemda)
    assert code_step(client, codes[0]).status_code == 400
    assert not logged_in(client)
    assert StaticToken.objects.filter(device__user=admin_pemda).count() == 9


def test_the_code_step_without_a_password_first_sends_to_login(client):
    response = client.get(reverse("login_kode"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert code_step(client, "123456").status_code == 302


def test_the_code_step_expires(client, admin_pemda, monkeypatch):
    device, _codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    later = dua_faktor._now() + 301
    monkeypatch.setattr(dua_faktor, "_now", lambda: later)
    response = code_step(client, code(device, 1))
    assert response.status_code == 302 and response.url == reverse("login")
    assert not logged_in(client)


def test_a_session_of_an_enrolled_user_that_is_not_verified_is_ended(client, admin_pemda):
    """E.g. a session opened before the device was added, in another browser."""
    enrol(admin_pemda)
    client.force_login(admin_pemda)
    assert not logged_in(client)


def test_the_django_admin_needs_a_verified_session_of_a_user_with_a_device(client):
    root = make_user(is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(reverse("admin:index")).status_code == 200  # no device: as before
    device, _codes = enrol(root)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302  # at once, not after the flags are read again
    password_step(client, root)
    code_step(client, code(device, 1))
    assert client.get(reverse("admin:index")).status_code == 200


# -- required by the pemda ---------------------------------------------------------------------

def test_a_required_second_factor_sends_the_user_to_enrolment_first(client, pemda, admin_pemda,
                                                                   operator_dinsos):
    pemda.dua_faktor_wajib = True
    pemda.save()
    response = password_step(client, admin_pemda)
    assert client.get(response.url).url == reverse("dua_faktor")
    for url in (reverse("kelola_pengguna", args=[pemda.pk]), reverse("ganti_sandi")):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked.url == reverse("dua_faktor"), url
    page = client.get(reverse("dua_faktor"))
    assert page.status_code == 200
    assert "Daerah Anda mewajibkan" in page.content.decode()
    # the enrolment page's icon, asked for by the browser, is the icon, not the enrolment page
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"].startswith("image/")
    device = TOTPDevice.objects.get(user=admin_pemda)
    client.post(reverse("dua_faktor"), {"kode": code(device)})
    assert client.get(reverse("kelola_pengguna", args=[pemda.pk])).status_code == 200
    client.logout()
    password_step(client, operator_dinsos)  # other roles: not concerned
    assert client.get(reverse("ganti_sandi")).status_code == 200


def test_the_administrator_makes_it_required_and_the_change_is_recorded(client, pemda,
                                                                       admin_pemda):
    client.force_login(admin_pemda)
    page = client.get(reverse("kelola_pengguna", args=[pemda.pk])).content.decode()
    assert reverse("pengguna_dua_faktor_wajib", args=[pemda.pk]) in page
    response = client.post(reverse("pengguna_dua_faktor_wajib", args=[pemda.pk]),
                           {"dua_faktor_wajib": "on"})
    assert response.status_code == 302
    pemda.refresh_from_db()
    assert pemda.dua_faktor_wajib
    row = Perubahan.objects.get(model="Pemda", kolom="dua_faktor_wajib")
    assert row.lama == "tidak" and row.baru == "ya" and row.pemda == pemda


def test_only_the_pemdas_administrator_sets_the_requirement(client, pemda):
    url = reverse("pengguna_dua_faktor_wajib", args=[pemda.pk])
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    assert client.post(url, {"dua_faktor_wajib": "on"}).status_code == 403
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(url, {"dua_faktor_wajib": "on"}).status_code == 404
    pemda.refresh_from_db()
    assert not pemda.dua_faktor_wajib


# -- removal and reset -------------------------------------------------------------------------

def test_a_user_removes_their_device_with_their_password(client, pemda, admin_pemda):
    device, _codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    code_step(client, code(device, 1))
    refused = client.post(reverse("dua_faktor_hapus"), {"password": "bukan-sandinya"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=admin_pemda, confirmed=True).exists()
    response = client.post(reverse("dua_faktor_hapus"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=admin_pemda).exists()
    assert not StaticToken.objects.filter(device__user=admin_pemda).exists()
    assert Perubahan.objects.filter(pemda=pemda, model="User", objek_id=admin_pemda.pk,
                                    kolom="dua faktor", baru="dihapus sendiri").exists()
    assert logged_in(client)


def test_the_administrator_resets_a_users_device_and_it_is_recorded(client, pemda, admin_pemda):
    verifikator = make_user(Peran.VERIFIKATOR, pemda=pemda)
    enrol(verifikator)
    client.force_login(admin_pemda)
    page = client.get(reverse("kelola_pengguna", args=[pemda.pk])).content.decode()
    url = reverse("pengguna_dua_faktor_reset", args=[pemda.pk, verifikator.pk])
    assert url in page
    assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=verifikator).exists()
    row = Perubahan.objects.get(model="User", objek_id=verifikator.pk, kolom="dua faktor")
    assert row.pemda == pemda and row.baru == "direset" and row.oleh == admin_pemda
    client.logout()
    password_step(client, verifikator)  # the password alone logs in again
    assert logged_in(client)


def test_an_administrator_of_another_pemda_cannot_reset_a_device(client, pemda):
    verifikator = make_user(Peran.VERIFIKATOR, pemda=pemda)
    enrol(verifikator)
    url = reverse("pengguna_dua_faktor_reset", args=[pemda.pk, verifikator.pk])
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(url).status_code == 404
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=verifikator, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones_with_the_password(client, admin_pemda):
    device, old = enrol(admin_pemda)
    password_step(client, admin_pemda)
    code_step(client, code(device, 1))
    url = reverse("dua_faktor_kode_cadangan")
    assert client.post(url, {"password": "bukan-sandinya"}).status_code == 400
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 200
    new = set(StaticToken.objects.filter(device__user=admin_pemda)
              .values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    assert all(t in response.content.decode() for t in new)


def test_wrong_passwords_at_the_removal_count_in_the_login_throttle(client, admin_pemda):
    device, _codes = enrol(admin_pemda)
    password_step(client, admin_pemda)
    code_step(client, code(device, 1))
    for _ in range(4):
        client.post(reverse("dua_faktor_hapus"), {"password": "bukan-sandinya"})
    assert client.post(reverse("dua_faktor_hapus"),
                       {"password": "bukan-sandinya"}).status_code == 429
    assert client.post(reverse("dua_faktor_hapus"), {"password": PASSWORD}).status_code == 429
    assert TOTPDevice.objects.filter(user=admin_pemda, confirmed=True).exists()
