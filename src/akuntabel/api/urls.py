from functools import wraps

from django.conf import settings
from django.urls import URLPattern, URLResolver, path
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from akuntabel.api import publik
from akuntabel.api.api import api

BAHASA = {code for code, _name in settings.LANGUAGES}


def bahasa_api(request) -> str:
    """The API's language: the first of the client's ``Accept-Language`` preferences (by
    weight) that Akuntabel speaks, else Indonesian (``LANGUAGE_CODE``). A browser's language
    cookie, which the web pages follow, is not read: a client asks with the standard header."""
    for kode, _bobot in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        utama = kode.split("-")[0].lower()
        if utama in BAHASA:
            return utama
    return settings.LANGUAGE_CODE


def _berbahasa(view):
    @wraps(view)
    def dalam_bahasa(request, *args, **kwargs):
        bahasa = bahasa_api(request)
        with translation.override(bahasa):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = bahasa
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        response["Vary"] = ", ".join([*vary, "Accept-Language"])
        return response
    return dalam_bahasa


def _semua(patterns):
    for p in patterns:
        if isinstance(p, URLResolver):
            _semua(p.url_patterns)
        elif isinstance(p, URLPattern):
            p.callback = _berbahasa(p.callback)
    return patterns


api.add_router("", publik.router)   # the portal's public figures (api/publik.py)
patterns, app_name_, namespace = api.urls
# Included at /api/v1/: the endpoints, /api/v1/openapi.json and the documentation at /api/v1/docs,
# each answering in the client's language (``bahasa_api``).
urlpatterns = [path("", (_semua(patterns), app_name_, namespace))]
