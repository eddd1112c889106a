"""The pemda's tujuan daerah indicators through the API (``/pemda/{pk}/tujuan``): the figures
of the portal (``portal.tujuan``) for whoever asks, anonymous / token of the OPD / token of
another OPD alike (public figures), a revoked token refused; never a realisasi without its
source nor another pemda's indicator; pagination and ETag."""

from decimal import Decimal

import pytest

from tests.api.helpers import bearer, operator_token, revoked_token
from tests.portal.test_tujuan import TANPA_SUMBER, TETANGGA, tujuan_publik

__all__ = ["tujuan_publik"]   # the portal's world of goals, used here by name

pytestmark = pytest.mark.django_db


def url(p, **kw):
    query = "&".join(f"{k}={v}" for k, v in {"tahun": 2026, **kw}.items())
    return f"/api/v1/pemda/{p['pemda'].pk}/tujuan?{query}"


@pytest.mark.parametrize("siapa", ["anonim", "token OPD", "token OPD lain"])
def test_everyone_reads_the_public_figures_of_the_year(client, tujuan_publik, siapa):
    p = tujuan_publik
    token = {"anonim": None, "token OPD": operator_token(p["dinsos"]),
             "token OPD lain": operator_token(p["dinkes"])}[siapa]
    response = client.get(url(p), **bearer(token))
    assert response.status_code == 200
    body = response.content.decode()
    assert TANPA_SUMBER not in body and TETANGGA not in body
    ipm, miskin = response.json()["items"]
    assert (ipm["uraian"], ipm["realisasi"], ipm["capaian"]) == (
        "Indeks Pembangunan Manusia", None, None)
    assert Decimal(ipm["target"]) == Decimal("72.3") and "belum diisi" in ipm["alasan"]
    assert Decimal(miskin["capaian"]) == 104 and miskin["sumber"].startswith("BPS")
    assert Decimal(miskin["target_akhir"]) == Decimal("6.5") and miskin["tahun_akhir"] == 2029


def test_a_revoked_token_is_refused(client, tujuan_publik):
    response = client.get(url(tujuan_publik), **bearer(revoked_token(tujuan_publik["dinsos"])))
    assert response.status_code == 401


def test_pages_etag_and_unknown_pemda(client, tujuan_publik):
    p = tujuan_publik
    page = client.get(url(p, limit=1, offset=1)).json()
    assert page["count"] == 2 and [i["uraian"] for i in page["items"]] == [
        "Persentase penduduk miskin"]
    first = client.get(url(p))
    assert client.get(url(p), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url(p, tahun=2031)).json()["items"] == []   # outside the RPJMD
    # a data file's figure: at most four decimals, as the portal's CSV (core.angka.angka_data)
    ipm_2025 = client.get(url(p, tahun=2025)).json()["items"][0]
    assert (ipm_2025["capaian"], ipm_2025["capaian_target_akhir"]) == ("100.3482", "97.3649")
    assert client.get("/api/v1/pemda/999999/tujuan?tahun=2026").status_code == 404
