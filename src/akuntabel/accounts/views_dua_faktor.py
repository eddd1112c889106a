"""The pages of the second factor (accounts.dua_faktor): the code step of the login, one's own
enrolment and removal, and the pemda administrator's requirement and reset. Changes are
recorded in the change history of each pemda the user holds a role in (never a code or key)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from akuntabel.accounts import dua_faktor, security_log, throttle
from akuntabel.accounts.models import SecurityEvent
from akuntabel.accounts.views import (
    _account_to_manage,
    _admin_pemda,
    _locked_message,
    _record,
)
from akuntabel.organizations.models import Pemda

SUMBER = "Verifikasi dua langkah"


class KodeForm(forms.Form):
    kode = forms.CharField(label=gettext_lazy("Code"), max_length=32, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}))


class HapusForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))


def _refused(form_class: type[forms.Form], field: str | None, message: str) -> forms.Form:
    """An empty form (nothing typed is shown again) carrying ``message``."""
    form = form_class(data={})
    form._errors, form.cleaned_data = ErrorDict(), {}
    form.add_error(field, message)
    return form


# -- the code step of the login ----------------------------------------------------------------

@sensitive_post_parameters("kode")
@never_cache
def login_kode(request: HttpRequest) -> HttpResponse:
    """After a right password: the code of the authenticator app or a recovery code. Wrong
    codes count in the login throttle as wrong passwords do, and per account."""
    menunggu = dua_faktor.pending(request)
    if menunggu is None:
        return redirect("login")
    user, data = menunggu
    username, ip = data["username"], throttle.client_ip(request)
    form = KodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        wait = max(throttle.wait_seconds(username, ip), throttle.wait_code_seconds(user.pk))
        if wait:
            security_log.record_login(request, SecurityEvent.Kind.LOGIN_REFUSED, username, user)
            form = _refused(KodeForm, None, _locked_message(wait))
            status = 429
        else:
            device = dua_faktor.verify(user, form.data.get("kode", ""))
            if device is not None:
                throttle.reset(username, ip)
                throttle.reset_code(user.pk)
                dua_faktor.finish(request, user, device, data)
                security_log.record_login(request, SecurityEvent.Kind.LOGIN_OK,
                                          user.get_username(), user)
                return redirect(data["next"])
            security_log.record_login(request, SecurityEvent.Kind.LOGIN_FAILED, username, user)
            wait = max(throttle.record_failure(username, ip),
                       throttle.record_code_failure(user.pk))
            form = _refused(KodeForm, None, _locked_message(wait) if wait else _(
                "Wrong code. Enter the code your authenticator app shows now, or a recovery "
                "code not used before."))
            status = 429 if wait else 400
    return render(request, "accounts/login_kode.html", {"form": form}, status=status)


# -- one's own device --------------------------------------------------------------------------

@sensitive_post_parameters("kode")
@login_required
def atur_dua_faktor(request: HttpRequest) -> HttpResponse:
    """Enrol (QR code and key, confirmed by a code; recovery codes shown once), or, once
    enrolled, the state and the removal form."""
    user = request.user
    if dua_faktor.has_device(user):
        return _aktif(request, HapusForm())
    if not dua_faktor.may_enrol(user):
        raise PermissionDenied
    device = dua_faktor.unconfirmed_device(user)
    form = KodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        codes = form.is_valid() and dua_faktor.confirm(user, device, form.cleaned_data["kode"])
        if codes:
            dua_faktor.mark_verified(request, device)
            _record_own(request, user, lama="", baru="diaktifkan")
            return render(request, "accounts/dua_faktor.html", {
                "aktif": True, "kode_cadangan": codes, "hapus_form": HapusForm()})
        form = _refused(KodeForm, "kode", _("Wrong code. Enter the code your authenticator "
                                            "app shows now."))
        status = 400
    return render(request, "accounts/dua_faktor.html", {
        "aktif": False, "form": form, "qr": dua_faktor.qr_svg(device),
        "kunci": dua_faktor.secret_text(device), "wajib": dua_faktor.is_required(user),
    }, status=status)


def _aktif(request: HttpRequest, hapus_form: HapusForm, status: int = 200) -> HttpResponse:
    return render(request, "accounts/dua_faktor.html", {
        "aktif": True, "hapus_form": hapus_form, "wajib": dua_faktor.is_required(request.user),
        "sisa": dua_faktor.recovery_codes_left(request.user)}, status=status)


def _own_device_refused(request: HttpRequest) -> HttpResponse | None:
    """None when the user has a device and the form holds their password; else the response:
    back to the page without a device, the page again with an error on a wrong password
    (wrong passwords count in the login throttle: a session left open does not let anyone
    guess it)."""
    user = request.user
    if not dua_faktor.has_device(user):
        return redirect("dua_faktor")
    form = HapusForm(request.POST)
    username, ip = user.get_username(), throttle.client_ip(request)
    wait = throttle.wait_seconds(username, ip)
    if not wait and form.is_valid() and user.check_password(form.cleaned_data["password"]):
        return None
    if not wait:
        wait = throttle.record_failure(username, ip)
    form = _refused(HapusForm, "password", _locked_message(wait) if wait
                    else _("Your password is not right; nothing was changed."))
    return _aktif(request, form, status=429 if wait else 400)


@sensitive_post_parameters("password")
@login_required
@require_POST
def kode_cadangan_baru(request: HttpRequest) -> HttpResponse:
    """A new set of recovery codes (the old ones stop working), shown once."""
    refused = _own_device_refused(request)
    if refused is not None:
        return refused
    user = request.user
    codes = dua_faktor.new_recovery_codes(user)
    _record_own(request, user, lama="", baru="kode cadangan baru")
    return render(request, "accounts/dua_faktor.html", {
        "aktif": True, "kode_cadangan": codes, "hapus_form": HapusForm()})


@sensitive_post_parameters("password")
@login_required
@require_POST
def hapus_dua_faktor(request: HttpRequest) -> HttpResponse:
    """Remove one's own device, with one's password."""
    refused = _own_device_refused(request)
    if refused is not None:
        return refused
    user = request.user
    dua_faktor.remove(user)
    dua_faktor.refresh(request)
    _record_own(request, user, lama="aktif", baru="dihapus sendiri")
    messages.success(request, _("Two-step verification was turned off for your account."))
    return redirect("dua_faktor")


def _record_own(request: HttpRequest, user: Any, *, lama: str, baru: str) -> None:
    user = get_user_model().objects.get(pk=user.pk)  # the account, not request.user's wrapper
    with transaction.atomic():
        for pemda in Pemda.objects.filter(memberships__user=user).distinct():
            _record(request, pemda, f"dua faktor {user.get_username()} {baru}", obj=user,
                    kolom="dua faktor", lama=lama, baru=baru, sumber=SUMBER)


# -- the pemda administrator -------------------------------------------------------------------

@login_required
@require_POST
def wajibkan_dua_faktor(request: HttpRequest, pk: int) -> HttpResponse:
    """Require (or no longer require) the second factor of the pemda's administrators and
    verifiers; it applies at their next login, and within five minutes to open sessions."""
    pemda = _admin_pemda(request.user, pk)
    wajib = request.POST.get("dua_faktor_wajib") in {"on", "1"}
    if pemda.dua_faktor_wajib != wajib:
        with transaction.atomic():
            Pemda.objects.filter(pk=pemda.pk).update(dua_faktor_wajib=wajib)
            _record(request, pemda, f"dua_faktor_wajib: {not wajib} -> {wajib}", obj=pemda,
                    kolom="dua_faktor_wajib", lama="tidak" if wajib else "ya",
                    baru="ya" if wajib else "tidak", sumber=SUMBER)
        dua_faktor.refresh(request)
    messages.success(request, _("Two-step verification is now required of this region's "
                                "administrators and verifiers.") if wajib else
                     _("Two-step verification is now optional in this region."))
    return redirect(reverse("kelola_pengguna", args=[pemda.pk]) + "#dua-faktor")


@login_required
@require_POST
def reset_dua_faktor(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    """Remove a user's device (a lost phone): the password alone logs them in again, or, where
    the pemda requires it, leads them to a new enrolment."""
    pemda, target, refused = _account_to_manage(request, pk, user_pk)
    if refused is not None:
        return refused
    with transaction.atomic():
        if dua_faktor.remove(target):
            _record(request, pemda, f"dua faktor {target.username} direset", obj=target,
                    kolom="dua faktor", lama="aktif", baru="direset", sumber=SUMBER)
    messages.success(request, _("The second factor of %(nama)s was reset.")
                     % {"nama": target.username})
    return redirect("kelola_pengguna", pk=pemda.pk)
