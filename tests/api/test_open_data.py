"""The portal's open data package as JSON through the API (issue 17: "the same as JSON
through the API"): anonymous, the same resources and field descriptions as the Frictionless
package, verified and published figures only, with an ETag."""

import pytest

from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.revisi.services import naikkan_opd
from tests.api.helpers import bearer, operator_token
from tests.portal.conftest import DRAF, lapor

pytestmark = pytest.mark.django_db


def url(pemda, tahun=2026):
    return f"/api/v1/pemda/{pemda.pk}/data/{tahun}"


def test_the_json_package_has_the_csv_packages_resources_and_fields(client, portal):
    response = client.get(url(portal["pemda"]))
    assert response.status_code == 200 and response["ETag"].startswith('W/"')
    dp = response.json()
    csv_dp = client.get(f"/publik/{portal['pemda'].pk}/data/2026/datapackage.json").json()
    assert [r["name"] for r in dp["resources"]] == [r["name"] for r in csv_dp["resources"]]
    assert dp["licenses"] == csv_dp["licenses"] and dp["sources"] == csv_dp["sources"]
    for mine, theirs in zip(dp["resources"], csv_dp["resources"], strict=True):
        assert mine["schema"] == theirs["schema"]
        assert mine["csv"].endswith(f"/{theirs['path']}")
        names = [f["name"] for f in mine["schema"]["fields"]]
        assert all(list(row) == names for row in mine["data"])
    triwulan = next(r for r in dp["resources"] if r["name"] == "realisasi-triwulan")
    assert [(r["indikator_uraian"], r["triwulan"], r["realisasi"]) for r in triwulan["data"]
            ] == [("Persentase PPKS tertangani portal", 1, "4321.5000")]


def test_nothing_unverified_hidden_or_unpublished_appears(client, portal):
    body = client.get(url(portal["pemda"])).content.decode()
    assert DRAF not in body and "8765" not in body
    assert "Indikator embargo Dinkes" not in body and "5555" not in body
    assert portal["draf"].sha256 not in body
    # A token changes nothing: this is the public package, never a user's view.
    mine = client.get(url(portal["pemda"]), **bearer(operator_token(portal["dinsos"])))
    assert DRAF not in mine.content.decode() and "8765" not in mine.content.decode()


def test_the_etag_answers_304_until_a_quarter_is_verified(client, portal):
    first = client.get(url(portal["pemda"]))
    again = client.get(url(portal["pemda"]), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    lapor(portal["dinsos"], 2, PelaporanTriwulan.Status.DIVERIFIKASI)
    naikkan_opd(portal["dinsos"])   # as the workflow's write does (the net: in its own
    # transaction, which the test's one transaction has already used up)
    changed = client.get(url(portal["pemda"]), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and DRAF in changed.content.decode()


def test_an_unknown_pemda_or_a_year_out_of_range_is_404(client, portal):
    """The year is read by the site's year converter, as in every URL: a crafted year is a
    page that does not exist (tests/web/test_urls_404.py)."""
    assert client.get("/api/v1/pemda/999999/data/2026").status_code == 404
    assert client.get(url(portal["pemda"], 1800)).status_code == 404


def test_the_openapi_document_describes_the_package(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    op = doc["paths"]["/api/v1/pemda/{pk}/data/{tahun}"]["get"]
    ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"resources", "licenses", "sources"} <= set(schema["properties"])
