"""The security log (``SecurityEvent``): logins and access denials, written here and nowhere
else; read by a pemda's administrator (``views.catatan_keamanan``) and in the Django admin.

Access denials are recorded by ``DenialLogMiddleware``: a 403 (PermissionDenied) or 404
(Http404, the answer of the access helpers in ``accounts.access`` to outsiders) raised by a view
for a logged-in user. Anonymous visitors are sent to the login page and not recorded.

Writing the log never fails the request it describes: a database error is written to the
``akuntabel.security`` logger instead."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.http import Http404, HttpRequest, HttpResponse

from akuntabel.accounts import throttle
from akuntabel.accounts.models import SecurityEvent

log = logging.getLogger("akuntabel.security")


def record_login(request: HttpRequest, kind: str, username: str, user: Any = None) -> None:
    """A login attempt with the name typed; the account is looked up when not given (none for a
    name of no account)."""
    username = (username or "")[:150]
    if user is None and kind != SecurityEvent.Kind.LOGIN_OK and username:
        user = get_user_model().objects.filter(username=username).first()
    _write(request, kind=kind, username=username, user=user)


def record_denial(request: HttpRequest, status: int) -> None:
    """A 403 or 404 answered to a logged-in user (by an access helper or a view)."""
    _write(request, kind=SecurityEvent.Kind.DENIED, username=request.user.get_username(),
           user=request.user, status=status)


def _write(request: HttpRequest, **fields: Any) -> None:
    ip = throttle.client_ip(request)
    log.info("%s %s %s %s %s", fields["kind"], fields["username"], ip, request.path,
             fields.get("status") or "")
    try:
        with transaction.atomic():
            SecurityEvent.objects.create(ip=ip[:45], path=request.path[:500], **fields)
    except DatabaseError:
        log.exception("security event not stored: %s %s", fields["kind"], fields["username"])


class DenialLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if isinstance(exception, PermissionDenied):
            record_denial(request, 403)
        elif isinstance(exception, Http404):
            record_denial(request, 404)
        return None  # Django answers as usual
