"""Report downloads: each format for the owner; nothing for an outsider or a visitor."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


def url(opd, dokumen="lakip", fmt="xlsx", tahun=2023):
    return reverse("report_download", args=[opd.pk, tahun, dokumen, fmt])


@pytest.mark.parametrize(("dokumen", "fmt", "content_type", "start"), [
    ("lakip", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     b"PK"),
    ("lakip", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     b"PK"),
    ("lakip", "html", "text/html; charset=utf-8", b"<!"),
    ("pk", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     b"PK"),
    ("pk", "pdf", "application/pdf", b"%PDF"),
])
def test_owner_downloads_the_report(client, demo_opd, dokumen, fmt, content_type, start):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd, dokumen, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(start)
    assert f"-{demo_opd.kode}-2023." in response["Content-Disposition"]


def test_the_html_preview_may_load_nothing_from_elsewhere(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd, "lakip", "html"))
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "Rp 5.093.068.611" in response.content.decode()


def test_outsider_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.get(url(demo_opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    assert client.get(url(demo_opd)).status_code == 302


@pytest.mark.parametrize("path", [("lakip", "exe"), ("rahasia", "pdf")],
                         ids=["unknown format", "unknown document"])
def test_unknown_format_or_document_is_not_found(client, demo_opd, path):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd, *path)).status_code == 404


def test_a_year_without_renstra_is_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd, tahun=2031)).status_code == 404
