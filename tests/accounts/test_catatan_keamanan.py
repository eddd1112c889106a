"""The security log of a pemda: logins (successful, failed, refused while waiting) and the access
denials (403/404) of its users, newest first, with filters; read by its administrator only.
Attempts at names of no account are the system administrator's (Django admin, read-only)."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from akuntabel.accounts.models import Peran, SecurityEvent
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "sandi-uji-yang-panjang"


def url(pemda):
    return reverse("catatan_keamanan", args=[pemda.pk])


def login(username, password, ip="10.0.0.9"):
    return Client().post(reverse("login"), {"username": username, "password": password},
                         REMOTE_ADDR=ip)


def rows(response):
    return [(e.kind, e.username) for e in response.context["page"]]


def test_a_failed_and_a_successful_login_are_recorded(operator_dinsos):
    login(operator_dinsos.username, "salah", ip="10.0.0.9")
    login(operator_dinsos.username, PASSWORD, ip="10.0.0.10")
    failed, ok = SecurityEvent.objects.order_by("id")
    assert (failed.kind, failed.username, failed.ip, failed.user) == (
        SecurityEvent.Kind.LOGIN_FAILED, "operator-dinsos", "10.0.0.9", operator_dinsos)
    assert (ok.kind, ok.ip, ok.user) == (SecurityEvent.Kind.LOGIN_OK, "10.0.0.10",
                                         operator_dinsos)
    assert failed.created_at <= ok.created_at


def test_a_name_of_no_account_is_recorded_without_a_user():
    login("tidak-ada-orangnya", "salah")
    event = SecurityEvent.objects.get()
    assert (event.kind, event.username, event.user) == (
        SecurityEvent.Kind.LOGIN_FAILED, "tidak-ada-orangnya", None)


def test_a_denial_by_an_access_helper_is_recorded(client, pemda, dinkes, operator_dinsos):
    client.force_login(operator_dinsos)
    assert client.get(reverse("kelola_opd", args=[pemda.pk])).status_code == 404
    verifikator = make_user(Peran.VERIFIKATOR, pemda=pemda, username="verifikator-metro")
    client.force_login(verifikator)
    assert client.get(reverse("kelola_opd", args=[pemda.pk])).status_code == 403
    denials = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.DENIED).order_by("id")
    assert [(e.user, e.status, e.path) for e in denials] == [
        (operator_dinsos, 404, f"/pemda/{pemda.pk}/opd/"),
        (verifikator, 403, f"/pemda/{pemda.pk}/opd/")]


def test_an_anonymous_visitor_is_not_recorded_as_denied(client, pemda):
    client.get(reverse("kelola_opd", args=[pemda.pk]))
    assert not SecurityEvent.objects.exists()


def test_admin_reads_the_log_of_its_users_newest_first(client, pemda, admin_pemda,
                                                       operator_dinsos):
    login(operator_dinsos.username, "salah")
    login(operator_dinsos.username, PASSWORD)
    client.force_login(admin_pemda)
    client.get(reverse("kelola_opd", args=[make_pemda().pk]))  # the admin's own denial
    response = client.get(url(pemda))
    assert response.status_code == 200
    assert rows(response) == [("denied", "admin-metro"), ("login_ok", "operator-dinsos"),
                              ("login_failed", "operator-dinsos")]
    assert "10.0.0.9" in response.content.decode()


def test_the_log_filters_by_kind_name_and_address(client, pemda, admin_pemda, operator_dinsos):
    login(operator_dinsos.username, "salah", ip="10.0.0.1")
    login(operator_dinsos.username, PASSWORD, ip="10.0.0.2")
    login(admin_pemda.username, "salah", ip="10.0.0.2")
    client.force_login(admin_pemda)
    assert rows(client.get(url(pemda), {"jenis": "login_failed"})) == [
        ("login_failed", "admin-metro"), ("login_failed", "operator-dinsos")]
    assert rows(client.get(url(pemda), {"q": "dinsos"})) == [
        ("login_ok", "operator-dinsos"), ("login_failed", "operator-dinsos")]
    assert rows(client.get(url(pemda), {"alamat": "10.0.0.1"})) == [
        ("login_failed", "operator-dinsos")]
    assert client.get(url(pemda), {"jenis": "<script>"}).status_code == 200


def test_the_log_shows_no_other_pemda_and_no_name_of_no_account(client, pemda, admin_pemda):
    other = make_user(Peran.OPERATOR_OPD, opd=make_opd(), username="operator-lain")
    login(other.username, "salah")
    login("tidak-ada-orangnya", "salah")
    client.force_login(admin_pemda)
    response = client.get(url(pemda))
    assert rows(response) == []
    assert "operator-lain" not in response.content.decode()
    assert "tidak-ada-orangnya" not in response.content.decode()


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_are_refused(client, pemda, peran):
    client.force_login(make_user(peran, pemda=pemda))
    assert client.get(url(pemda)).status_code == 403


def test_outsiders_get_not_found(client, pemda, operator_dinsos):
    client.force_login(operator_dinsos)
    assert client.get(url(pemda)).status_code == 404
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(url(pemda)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, pemda):
    response = client.get(url(pemda))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_django_admin_lists_the_log_read_only(client):
    superuser = make_user(is_superuser=True, is_staff=True)
    login("tidak-ada-orangnya", "salah")
    client.force_login(superuser)
    listing = client.get(reverse("admin:accounts_securityevent_changelist"))
    assert listing.status_code == 200
    assert "tidak-ada-orangnya" in listing.content.decode()
    model_admin = admin.site._registry[SecurityEvent]
    request = listing.wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
