"""The open data: every download answers anonymously; the data package is a valid
Frictionless Data Package whose CSV headers match their schemas; nothing unverified or hidden
is in any file."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.portal.conftest import DRAF

pytestmark = pytest.mark.django_db

TIPE = {"string", "number", "integer", "boolean", "date", "datetime", "year", "object",
        "array", "any"}


def descriptor(client, pemda):
    response = client.get(reverse("portal:datapackage", args=[pemda.pk, 2026]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def rows_of(body: bytes):
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def test_the_data_package_is_valid_and_every_csv_matches_its_schema(client, portal):
    pemda = portal["pemda"]
    dp = descriptor(client, pemda)
    assert dp["name"] and dp["name"] == dp["name"].lower()
    assert dp["licenses"][0]["name"] == "CC-BY-4.0" and dp["sources"][0]["path"]
    names = [r["name"] for r in dp["resources"]]
    assert names == ["indikator", "capaian-indikator", "realisasi-triwulan", "iku-daerah",
                     "tujuan-daerah", "anggaran"]
    assert len(set(names)) == len(names)
    base = reverse("portal:datapackage", args=[pemda.pk, 2026]).rsplit("/", 1)[0]
    for r in dp["resources"]:
        assert r["path"].endswith(".csv") and "/" not in r["path"]
        fields = r["schema"]["fields"]
        assert fields and all(f["name"] and f["type"] in TIPE and f["description"]
                              for f in fields)
        response = client.get(f"{base}/{r['path']}")
        assert response.status_code == 200, r["path"]
        assert rows_of(response.content)[0] == [f["name"] for f in fields]


def test_the_package_holds_verified_figures_only(client, portal):
    pemda = portal["pemda"]
    base = reverse("portal:datapackage", args=[pemda.pk, 2026]).rsplit("/", 1)[0]
    triwulan = rows_of(client.get(f"{base}/realisasi-triwulan.csv").content)
    header = triwulan[0]
    values = {(r[header.index("indikator_uraian")], r[header.index("triwulan")]):
              r[header.index("realisasi")] for r in triwulan[1:]}
    assert values == {("Persentase PPKS tertangani portal", "1"): "4321.5000"}
    for r in ("indikator", "capaian-indikator", "realisasi-triwulan", "anggaran"):
        body = client.get(f"{base}/{r}.csv").content.decode()
        assert DRAF not in body and "8765" not in body and "embargo" not in body
        assert "5555" not in body


def test_the_zip_holds_the_descriptor_and_its_files(client, portal):
    response = client.get(reverse("portal:paket_zip", args=[portal["pemda"].pk, 2026]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        dp = json.loads(z.read("datapackage.json"))
        for r in dp["resources"]:
            assert rows_of(z.read(r["path"]))[0] == [f["name"] for f in r["schema"]["fields"]]


def test_an_unknown_resource_is_404(client, portal):
    base = reverse("portal:datapackage", args=[portal["pemda"].pk, 2026]).rsplit("/", 1)[0]
    assert client.get(f"{base}/rahasia.csv").status_code == 404


def test_the_table_behind_a_chart_downloads_as_csv_xlsx_and_the_chart_as_svg(client, portal):
    pemda, ind = portal["pemda"], portal["ind"]
    url = reverse("portal:grafik", args=[pemda.pk, "indikator", ind.pk, "csv"]) + "?tahun=2026"
    rows = rows_of(client.get(url).content)
    header = rows[0]
    assert [r[header.index("tahun")] for r in rows[1:]] == [str(y) for y in range(2025, 2030)]
    assert all(r[header.index("realisasi")] == "" for r in rows[1:])   # no year verified
    xlsx = client.get(url.replace(".csv", ".xlsx"))
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in ws[1]] == header
    svg = client.get(url.replace(".csv", ".svg"))
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"<title" in svg.content and b"<desc" in svg.content


def test_the_pemda_iku_table_has_its_target_and_no_unverified_realisasi(client, portal):
    url = reverse("portal:grafik", args=[portal["pemda"].pk, "iku-daerah", portal["iku"].pk,
                                         "csv"]) + "?tahun=2026"
    rows = rows_of(client.get(url).content)
    header = rows[0]
    tahun_2026 = next(r for r in rows[1:] if r[header.index("tahun")] == "2026")
    assert tahun_2026[header.index("target")] == "200.0000"
    assert tahun_2026[header.index("realisasi")] == ""   # an input not verified


def test_a_hidden_indicator_has_no_download(client, portal):
    url = reverse("portal:grafik", args=[portal["pemda"].pk, "indikator", portal["hidden"].pk,
                                         "csv"]) + "?tahun=2026"
    assert client.get(url).status_code == 404
