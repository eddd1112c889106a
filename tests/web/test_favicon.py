"""Every page names its icon, so the browser does not ask for /favicon.ico, a 404 that shows
as an error in the console of every first visit."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_names_an_icon_the_policy_allows(client, settings):
    html = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="data:,">' in html
    assert "data:" in settings.AKUNTABEL_CONTENT_SECURITY_POLICY.split("img-src")[1].split(";")[0]
