"""Security headers: a Content-Security-Policy without inline script, a Permissions-Policy that
denies the browser's sensors, and no copy of a private page kept by a browser or a proxy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import akuntabel
from tests.builders import make_user
from tests.web.opd_pages import opd_pages

TEMPLATES = sorted(Path(akuntabel.__file__).parent.rglob("templates/**/*.html"))
# The downloadable LKjIP in HTML is a file of its own, opened offline too: its script is inline
# and its response carries its own policy (nothing may load, reports.views.download).
STANDALONE = {"reports/templates/reports/dokumen.html",
              "reports/templates/reports/_tabel.html"}  # a part of it only


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.strip() for d in policy.split(";") if d.strip()}


def assert_app_policy(url: str, response) -> None:
    csp = directives(response)
    assert csp["default-src"] == "default-src 'self'", url
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in csp.get(directive, csp["default-src"]), url
        assert "'unsafe-eval'" not in csp.get(directive, csp["default-src"]), url
    assert csp["object-src"] == "object-src 'none'", url
    assert csp["frame-ancestors"] == "frame-ancestors 'none'", url
    assert csp["base-uri"] == "base-uri 'none'", url
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"], url


def assert_private(url: str, response) -> None:
    assert "no-store" in response.get("Cache-Control", ""), url


@pytest.mark.django_db
def test_every_page_of_an_opd_has_the_policies_and_is_not_stored(demo_opd):
    client = Client()
    client.force_login(make_user("admin_pemda", opd=demo_opd, is_staff=True, is_superuser=True))
    urls = [*opd_pages(demo_opd, 2023), reverse("admin:index"),
            reverse("admin:auth_user_changelist"), "/halaman-yang-tidak-ada/"]
    standalone = reverse("report_download", args=[demo_opd.pk, 2023, "lakip", "html"])
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_private(url, response)
        if not response["Content-Type"].startswith("text/html"):
            continue  # a workbook or a Word file: only the cache matters
        if url == standalone:
            # The standalone report keeps its own, stricter policy: nothing loads at all.
            assert directives(response)["default-src"] == "default-src 'none'", url
        else:
            assert_app_policy(url, response)


@pytest.mark.django_db
def test_the_login_page_has_the_policies_and_is_not_stored():
    response = Client().get(reverse("login"))
    assert_app_policy("/login/", response)
    assert_private("/login/", response)


@pytest.mark.django_db
def test_a_public_page_for_a_visitor_may_be_cached_but_has_the_policies():
    response = Client().get(reverse("publikasi"))
    assert response.status_code == 200
    assert_app_policy("/publikasi/", response)
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_page_that_sets_its_own_cache_control_gets_no_store_for_a_logged_in_user(demo_opd):
    client = Client()
    client.force_login(make_user("operator_opd", opd=demo_opd))
    response = client.get(reverse("report_download", args=[demo_opd.pk, 2023, "lakip", "xlsx"]))
    assert response.status_code == 200
    assert_private("xlsx", response)


@pytest.mark.parametrize("template", [str(t) for t in TEMPLATES],
                         ids=[str(t.relative_to(Path(akuntabel.__file__).parent))
                              for t in TEMPLATES])
def test_no_template_has_inline_script_or_inline_style(template):
    text = Path(template).read_text(encoding="utf-8")
    relative = Path(template).relative_to(Path(akuntabel.__file__).parent).as_posix()
    if relative in STANDALONE:
        return
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler (onclick= …)"
    assert not re.search(r"\sstyle\s*=", text), "style attribute"
    assert "javascript:" not in text
