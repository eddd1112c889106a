"""The second factor (issue 12; docs/dua-faktor.md): a TOTP authenticator app, with ten one-time
recovery codes, for the pemda's administrators and verifiers and the system administrators
(django-otp's TOTP and static devices).

- Enrolment is confirmed only by a valid code; the recovery codes are shown once.
- A user with a confirmed device is not logged in by the password alone: the login view keeps
  the user as *pending* in the session (``begin``) and the code step (``views_dua_faktor``)
  logs in and marks the session verified (django-otp's ``is_verified``) once a code is right.
- A pemda may require it (``Pemda.dua_faktor_wajib``): its administrators and verifiers who
  have no device are then sent to enrolment and reach no other page (``DuaFaktorMiddleware``).
- A session of a user with a device that is not verified (opened before the device was added,
  or by a test's force_login) is ended. What the session needs is read at login and then at
  most every five minutes (as ``session_limits`` does), and on every request to the Django
  admin, so that a page costs no query for it.
"""

from __future__ import annotations

import time
from base64 import b32encode
from collections.abc import Callable
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from akuntabel.accounts.models import Membership, Peran

PERAN = (Peran.ADMIN_PEMDA, Peran.VERIFIKATOR)  # the roles that may enrol, and may be required to
JUMLAH_KODE_CADANGAN = 10
MENUNGGU = "akuntabel_dua_faktor_menunggu"  # the user whose password was right, awaiting a code
STATUS = "akuntabel_dua_faktor"  # [has a device, is required to, when read]
DIBACA_SETIAP_DETIK = 300


def _now() -> float:
    return time.time()


# -- who ---------------------------------------------------------------------------------------

def may_enrol(user: Any) -> bool:
    """Administrators and verifiers of a pemda, and system administrators."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, peran__in=PERAN).exists()


def is_required(user: Any) -> bool:
    """Whether a pemda in which the user is an administrator or verifier requires it."""
    return Membership.objects.filter(user=user, peran__in=PERAN,
                                     pemda__dua_faktor_wajib=True).exists()


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolled_ids(users: Any) -> set[int]:
    """The ids of those of ``users`` who have a device."""
    return set(TOTPDevice.objects.filter(user__in=list(users), confirmed=True)
               .values_list("user_id", flat=True))


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# -- enrolment ---------------------------------------------------------------------------------

def unconfirmed_device(user: Any) -> TOTPDevice:
    """The device being enrolled: the same key until it is confirmed, so a reload of the page
    shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Aplikasi autentikator",
                                               confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into the app by hand."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code in inline SVG (no script, no style, made
    here: nothing is sent elsewhere)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, title=_("QR code for the authenticator app"), svgclass="qr")


def confirm(user: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm ``device`` with a valid code: it becomes the user's one device, with a new set of
    recovery codes, returned (to be shown once). None when the code is wrong."""
    token = _normalize(token)
    with transaction.atomic():
        device = (TOTPDevice.objects.select_for_update()
                  .filter(pk=device.pk, user=user, confirmed=False).first())
        if device is None or not token.isdigit() or not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        return new_recovery_codes(user)


def new_recovery_codes(user: Any) -> list[str]:
    """A new set of one-time recovery codes; the old ones no longer work."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Kode cadangan", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(JUMLAH_KODE_CADANGAN)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def remove(user: Any) -> bool:
    """Remove the user's device and recovery codes; whether there was a device."""
    with transaction.atomic():
        had = has_device(user)
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    return had


# -- login -------------------------------------------------------------------------------------

def _normalize(token: str) -> str:
    """A code as typed: spaces and dashes ignored, letters in lower case."""
    return "".join(str(token or "").split()).replace("-", "").lower()


def verify(user: Any, token: str) -> Device | None:
    """The device that accepts ``token`` (a TOTP code, or a recovery code, used up), or None."""
    token = _normalize(token)
    if not token or len(token) > 16:
        return None
    with transaction.atomic():
        if token.isdigit():
            for totp in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if totp.verify_token(token):
                    return totp
        for static in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if static.verify_token(token):
                return static
    return None


def begin(request: HttpRequest, user: Any, username: str, next_url: str) -> None:
    """The password of ``user`` was right: wait for the code (not logged in)."""
    request.session[MENUNGGU] = {"user": user.pk, "username": username[:150],
                                 "backend": user.backend, "next": next_url, "at": _now()}


def pending(request: HttpRequest) -> tuple[Any, dict] | None:
    """(user, what ``begin`` kept) while the code is awaited; None when nothing is, or after
    ``AKUNTABEL_DUA_FAKTOR_TUNGGU_DETIK`` (the password must then be typed again)."""
    data = request.session.get(MENUNGGU)
    if not data:
        return None
    if _now() - float(data["at"]) > settings.AKUNTABEL_DUA_FAKTOR_TUNGGU_DETIK:
        del request.session[MENUNGGU]
        return None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    if user is None:
        del request.session[MENUNGGU]
        return None
    return user, data


def forget(request: HttpRequest) -> None:
    request.session.pop(MENUNGGU, None)


def finish(request: HttpRequest, user: Any, device: Device, data: dict) -> None:
    """The code was right: log in, verified by ``device``."""
    request.session.pop(MENUNGGU, None)
    auth_login(request, user, backend=data["backend"])
    mark_verified(request, device)


def mark_verified(request: HttpRequest, device: Device) -> None:
    otp_login(request, device)
    refresh(request)


def refresh(request: HttpRequest) -> tuple[bool, bool]:
    """Read again what the session's user needs: (has a device, is required to)."""
    user = request.user
    status = [has_device(user), is_required(user), _now()]
    request.session[STATUS] = status
    return status[0], status[1]


def start(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """At login (the ``user_logged_in`` signal)."""
    if hasattr(request, "session"):
        request.session[STATUS] = [has_device(user), is_required(user), _now()]


# -- every request -----------------------------------------------------------------------------

def _free_paths() -> tuple[str, ...]:
    """What a user who must enrol first may still reach."""
    return (reverse("dua_faktor"), reverse("logout"), reverse("login"), reverse("login_kode"),
            "/i18n/", "/" + settings.STATIC_URL.lstrip("/"), "/favicon.ico")


class DuaFaktorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        punya, wajib = self._status(request)
        if punya and not request.user.is_verified():
            logout(request)
            messages.info(request, _("Log in again with the code of your authenticator app."))
            return None
        if wajib and not punya and not request.path.startswith(_free_paths()):
            return redirect("dua_faktor")
        return None

    @staticmethod
    def _status(request: HttpRequest) -> tuple[bool, bool]:
        kept = request.session.get(STATUS)
        fresh = request.path.startswith(reverse("admin:index"))
        if kept is not None and not fresh and _now() - kept[2] < DIBACA_SETIAP_DETIK:
            return bool(kept[0]), bool(kept[1])
        return refresh(request)
