"""Rate limits per address and per token: 429 with Retry-After."""

import pytest
from django.test import override_settings

from tests.api.helpers import bearer, operator_token, revoked_token
from tests.builders import make_opd

pytestmark = pytest.mark.django_db


@override_settings(AKUNTABEL_API_BATAS_ALAMAT="2/min")
def test_an_address_over_its_limit_is_429_with_retry_after(client):
    assert client.get("/api/v1/pemda").status_code == 200
    assert client.get("/api/v1/pemda").status_code == 200
    response = client.get("/api/v1/pemda")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    other = client.get("/api/v1/pemda", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@override_settings(AKUNTABEL_API_BATAS_TOKEN="2/min")
def test_a_token_over_its_limit_is_429_whatever_its_address(client):
    opd = make_opd()
    token, spare = operator_token(opd), operator_token(opd)
    for addr in ("10.0.0.1", "10.0.0.2"):
        assert client.get("/api/v1/pemda", REMOTE_ADDR=addr, **bearer(token)).status_code == 200
    response = client.get("/api/v1/pemda", REMOTE_ADDR="10.0.0.3", **bearer(token))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert client.get("/api/v1/pemda", **bearer(spare)).status_code == 200
    assert client.get("/api/v1/pemda").status_code == 200   # anonymous is counted apart


@override_settings(AKUNTABEL_API_BATAS_ALAMAT="2/min")
def test_a_forged_forwarded_for_does_not_escape_the_address_limit(client):
    for n in range(2):
        client.get("/api/v1/pemda", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    response = client.get("/api/v1/pemda", HTTP_X_FORWARDED_FOR="10.9.9.7")
    assert response.status_code == 429


@override_settings(AKUNTABEL_API_BATAS_ALAMAT="2/min", AKUNTABEL_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client):
    for _ in range(2):
        client.get("/api/v1/pemda", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert client.get("/api/v1/pemda", REMOTE_ADDR="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="10.1.1.1").status_code == 429
    assert client.get("/api/v1/pemda", REMOTE_ADDR="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="10.1.1.2").status_code == 200


@override_settings(AKUNTABEL_API_BATAS_GAGAL="3/min")
def test_wrong_and_revoked_tokens_from_one_address_are_429_with_retry_after(client):
    opd = make_opd()
    good = operator_token(opd)
    for secret in ("akt_salah-1", revoked_token(opd), "akt_salah-2"):
        assert client.get("/api/v1/pemda", **bearer(secret)).status_code == 401
    response = client.get("/api/v1/pemda", **bearer("akt_salah-3"))
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 60
    # Once blocked, even the right token waits: a guess that hits is not told apart.
    assert client.get("/api/v1/pemda", **bearer(good)).status_code == 429
    assert client.get("/api/v1/pemda", REMOTE_ADDR="10.0.0.8", **bearer(good)).status_code == 200
    assert client.get("/api/v1/pemda").status_code == 200   # reading anonymously is not guessing


@override_settings(AKUNTABEL_API_BATAS_GAGAL="2/min")
def test_a_header_that_is_no_bearer_token_counts_as_a_failure(client):
    for _ in range(2):
        assert client.get("/api/v1/pemda", HTTP_AUTHORIZATION="Basic eDp5").status_code == 401
    assert client.get("/api/v1/pemda", HTTP_AUTHORIZATION="Basic eDp5").status_code == 429


@override_settings(AKUNTABEL_API_BATAS_GAGAL="2/min")
def test_a_good_token_is_never_counted_as_a_failure(client):
    good = operator_token(make_opd())
    for _ in range(5):
        assert client.get("/api/v1/pemda", **bearer(good)).status_code == 200
