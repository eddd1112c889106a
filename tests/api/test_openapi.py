"""The OpenAPI document is generated, valid OpenAPI 3, and its documentation page loads
nothing from elsewhere."""

import re

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_openapi_document_validates_and_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    validate(doc)
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {
        "/api/v1/pemda", "/api/v1/pemda/{pk}/opd", "/api/v1/pemda/{pk}/iku",
        "/api/v1/pemda/{pk}/tujuan",
        "/api/v1/pemda/{pk}/indikator", "/api/v1/pemda/{pk}/capaian",
        "/api/v1/pemda/{pk}/data/{tahun}",
        "/api/v1/opd/{pk}/indikator", "/api/v1/opd/{pk}/anggaran",
        "/api/v1/opd/{pk}/realisasi", "/api/v1/opd/{pk}/anggaran/realisasi"}
    assert "409" in doc["paths"]["/api/v1/opd/{pk}/realisasi"]["post"]["responses"]
    assert doc["components"]["securitySchemes"]["TokenBearer"]["scheme"] == "bearer"
    for path, methods in doc["paths"].items():   # the errors every client may meet
        for method, op in methods.items():
            assert {"401", "422", "429"} <= set(op["responses"]), (method, path)


def test_the_documentation_page_uses_the_bundled_swagger_ui_and_no_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html   # no badge fetched from validator.swagger.io
    # Served from the installed package by the static files, like the site's own.
    assert finders.find("ninja/swagger-ui-bundle.js")
    assert finders.find("ninja/swagger-ui.css")
