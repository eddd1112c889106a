"""The request log: one line per request, and the request's id on every log line written while
it is served (an error's traceback included), so that an operator finds the traceback from the
id a user quotes from the error page.

    2025-01-06 10:12:03,512 INFO akuntabel.request [3f9c0e1a2b4d] id=3f9c0e1a2b4d user=17
    method=GET path=/opd/3/ status=200 ms=41

The path is logged without its query string (it may carry a token or a search typed by the
user); the user by id, "-" when nobody is logged in.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from logging.handlers import RotatingFileHandler
from pathlib import Path

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("akuntabel.request")
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")

HEADER = "X-Request-ID"
# An id sent by the reverse proxy (nginx: proxy_set_header X-Request-ID $request_id) is kept so
# that both logs tell the same request; anything else could forge a log line and is replaced.
PLAIN_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def new_request_id(sent: str | None) -> str:
    return sent if sent and PLAIN_ID.fullmatch(sent) else uuid.uuid4().hex[:12]


class RequestLogMiddleware:
    """First in the middleware list: it times everything after it and sees the final status,
    a failing view's 500 included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            user = getattr(request, "user", None)
            logger.info("id=%s user=%s method=%s path=%s status=%s ms=%d", request_id,
                        user.pk if user is not None and user.is_authenticated else "-",
                        request.method, request.path.replace(" ", "%20"),
                        response.status_code, (time.monotonic() - started) * 1000)
            return response
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Gives every record a ``request_id`` ("-" outside a request) for the formatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class LogFileHandler(RotatingFileHandler):
    """A rotating log file whose folder is made when the first line is written."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()
