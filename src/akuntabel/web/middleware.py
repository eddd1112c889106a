"""Indonesian by default: the interface follows the user's explicit choice of language (the
language cookie set by the language selector), never the browser's Accept-Language. Every
answer carries the security headers, and no private page is kept by a browser or a proxy."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # For this request only: the thread goes back to the default afterwards, so that work
        # done later in the same thread (a command, a test) is not left in a visitor's language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """The Content-Security-Policy and Permissions-Policy of ``settings`` on every answer that
    has none of its own (the standalone HTML report sets a stricter one), and ``no-store`` on
    every answer to a logged-in user and on the login page: a shared computer's browser cache
    or a proxy must not keep a copy of private data. Static files are served without this
    (by the web server, or by Django's static handler before any middleware) and stay cached.

    Django 5.2 has no setting for these headers (``SECURE_CSP`` comes with Django 6.0); the
    policy has no nonce because no page has inline script, so django-csp would add a
    dependency for one header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.login_path = reverse(settings.LOGIN_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy",
                                    settings.AKUNTABEL_CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.AKUNTABEL_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path == self.login_path:
            patch_cache_control(response, private=True, no_store=True)
        return response
