"""Session limits: a session ends a lifetime after login and an idle time after its last request
(8 hours each by default, set per pemda by its administrator). Django's own expiry is a fixed
cookie age (SESSION_COOKIE_AGE, here 24 hours, the longest a pemda may choose); this middleware
keeps the two moments in the session and logs the user out when either has passed.

A user with roles in several pemdas gets the strictest of their limits; a user with none (a
system administrator) the installation's defaults.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

MULAI = "akuntabel_sesi_mulai"  # when the user logged in (seconds since the epoch)
TERAKHIR = "akuntabel_sesi_terakhir"  # when the user was last active
BATAS = "akuntabel_sesi_batas"  # [lifetime, idle timeout, when read] (see _limits)
BATAS_DIBACA_SETIAP_DETIK = 300
# The last activity is saved at most this often, so that a busy user does not cost a session
# write per request; the idle limit is thus exact to within a minute.
SIMPAN_SETIAP_DETIK = 60


def _now() -> float:
    return time.time()


def session_limits(user: Any) -> tuple[int, int]:
    """(lifetime, idle timeout) in seconds for ``user``."""
    from akuntabel.organizations.models import Pemda

    limits = Pemda.objects.filter(memberships__user=user).aggregate(
        maks=Min("sesi_maks_menit"), diam=Min("sesi_diam_menit"))
    maks = limits["maks"] or settings.AKUNTABEL_SESI_MAKS_MENIT
    diam = limits["diam"] or settings.AKUNTABEL_SESI_DIAM_MENIT
    return maks * 60, diam * 60


def start(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """At login (the ``user_logged_in`` signal): both times start now, also when the session
    of the same user is kept across a second login."""
    if hasattr(request, "session"):
        now = _now()
        request.session[MULAI] = request.session[TERAKHIR] = now
        request.session[BATAS] = [*session_limits(user), now]


class SessionLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now, session = _now(), request.session
        mulai, terakhir = session.get(MULAI), session.get(TERAKHIR)
        if mulai is None or terakhir is None:  # logged in without the signal (a test client)
            session[MULAI] = session[TERAKHIR] = now
            return
        maks, diam = self._limits(request, now)
        if now - mulai > maks or now - terakhir > diam:
            logout(request)
            messages.info(request, _("Your session has ended (time limit or inactivity). "
                                     "Please log in again."))
            return
        if now - terakhir >= SIMPAN_SETIAP_DETIK:
            session[TERAKHIR] = now

    @staticmethod
    def _limits(request: HttpRequest, now: float) -> tuple[int, int]:
        """The user's limits, read from the database at login and then at most every five
        minutes, kept in the session meanwhile (a query on every request was a twelfth of a
        page's queries); a change by the administrator thus applies within five minutes."""
        session = request.session
        kept = session.get(BATAS)
        if kept is not None and now - kept[2] < BATAS_DIBACA_SETIAP_DETIK:
            return int(kept[0]), int(kept[1])
        maks, diam = session_limits(request.user)
        session[BATAS] = [maks, diam, now]
        return maks, diam
