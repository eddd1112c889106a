"""The project's icon: every page of ours names it, and /favicon.ico answers with it for the
pages that name none (the API's documentation, the data administration), so no browser meets
a 404 there, an error in the console of every first visit."""

from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

LINK = '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">'


@pytest.mark.parametrize("url", [
    pytest.param(lambda: reverse("login"), id="the app's base template (login page)"),
    pytest.param(lambda: reverse("portal:daftar"), id="the portal's base template"),
])
def test_our_pages_name_the_icon_which_is_an_svg_the_policy_allows(client, settings, url):
    assert LINK in client.get(url()).content.decode()
    svg = ElementTree.parse(finders.find("web/favicon.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert "'self'" in settings.AKUNTABEL_CONTENT_SECURITY_POLICY.split("img-src")[1].split(";")[0]


def test_favicon_ico_answers_with_the_icon_to_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file's header: reserved 0, type 1 (icon)
    assert body == open(finders.find("web/favicon.ico"), "rb").read()
