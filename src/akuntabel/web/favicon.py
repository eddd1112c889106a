"""/favicon.ico: the project's icon for the pages that name none (the API's documentation, the
data administration), which browsers then ask for at the site's root. Our own pages name
``web/favicon.svg`` in their base templates."""

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

ICO = Path(__file__).parent / "static" / "web" / "favicon.ico"


@cache
def _isi() -> bytes:
    return ICO.read_bytes()


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_isi(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
