"""``/api/v1/pemda/{pk}/capaian``: the figures the public portal shows, through the API, for
whoever asks (a token changes nothing; a revoked one is refused): a year of a published final
LKjIP as the final holds it, other figures only from verified quarters, never a submitted
quarter, a hidden indicator or an unpublished final's figures (tests/portal/conftest.py's world
and the demo's printed 2023)."""

import csv
import io

import pytest
from django.urls import reverse

from akuntabel.reports.final import make_final, set_publikasi
from tests.api.helpers import bearer, operator_token, revoked_token
from tests.portal.conftest import DRAF

pytestmark = pytest.mark.django_db


def url(pemda_pk, tahun=2026, **kw):
    query = "&".join(f"{k}={v}" for k, v in {"tahun": tahun, **kw}.items())
    return f"/api/v1/pemda/{pemda_pk}/capaian?{query}"


@pytest.mark.parametrize("siapa", ["anonim", "token OPD", "token OPD lain"])
def test_everyone_reads_only_the_public_figures(client, portal, siapa):
    token = {"anonim": None, "token OPD": operator_token(portal["dinsos"]),
             "token OPD lain": operator_token(portal["dinkes"])}[siapa]
    response = client.get(url(portal["pemda"].pk), **bearer(token))
    assert response.status_code == 200
    body = response.content.decode()
    assert "embargo" not in body and DRAF not in body
    item = next(i for i in response.json()["items"] if i["indikator_id"] == portal["ind"].pk)
    assert [(t["triwulan"], t["realisasi"]) for t in item["triwulan"]] == [(1, "4321.5000")]
    assert item["tahun"]["target"] == "9000.0000"
    assert (item["tahun"]["realisasi"], item["sumber_angka"]) == (None, "")   # TW II unverified


def test_a_revoked_token_is_refused_and_an_unknown_pemda_is_404(client, portal):
    revoked = client.get(url(portal["pemda"].pk), **bearer(revoked_token(portal["dinsos"])))
    assert revoked.status_code == 401
    assert client.get(url(987654)).status_code == 404


def test_pages_and_the_opd_filter(client, portal):
    pk = portal["pemda"].pk
    semua = client.get(url(pk)).json()
    satu = client.get(url(pk, limit=1, offset=0)).json()
    lewat = client.get(url(pk, limit=1, offset=semua["count"])).json()
    assert satu["count"] == lewat["count"] == semua["count"] >= 1
    assert satu["items"] == semua["items"][:1] and lewat["items"] == []
    dinsos = client.get(url(pk, opd=portal["dinsos"].pk)).json()
    assert {i["opd_id"] for i in dinsos["items"]} == {portal["dinsos"].pk}
    assert client.get(url(pk, iku="true")).json()["count"] <= semua["count"]


def test_a_published_final_gives_the_year_as_the_portal_shows_it(client, demo_opd):
    pemda = demo_opd.pemda_id
    final = make_final(demo_opd, 2023, None, formats=("html",),
                       catatan="Uji API: final dari LKjIP tercetak dengan masalah terbuka.")

    def iku1():
        items = client.get(url(pemda, 2023, iku="true")).json()["items"]
        return next(i for i in items if i["kode"] == "IKU-1")

    assert iku1()["tahun"]["realisasi"] is None and iku1()["sumber_angka"] == ""   # unpublished
    for f in final:
        set_publikasi(f, True, None)
    item = iku1()
    assert (item["tahun"]["target"], item["tahun"]["realisasi"], item["tahun"]["capaian"],
            item["tahun"]["peringkat"]) == ("91.5000", "92.7732", "101.3914", "Sangat Tinggi")
    assert item["sumber_angka"] == f"LKjIP final {final[0].sha256}" and item["verifikasi"]
    baris = next(r for r in csv.DictReader(io.StringIO(client.get(reverse(
        "portal:sumber", args=[pemda, 2023, "capaian-indikator"])).content.decode()))
        if r["indikator_kode"] == "IKU-1" and r["tahun"] == "2023")
    assert (baris["realisasi"], baris["capaian"], baris["sumber_angka"]) == (
        item["tahun"]["realisasi"], item["tahun"]["capaian"], item["sumber_angka"])
