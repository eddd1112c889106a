"""Reading through the API: anonymous reads only what is verified, a token reads what its
user may see; every read endpoint × anonymous / token of the OPD / token of another OPD /
revoked token; pagination and ETags."""

from decimal import Decimal

import pytest

from akuntabel.accounts.models import Peran
from akuntabel.results.models import Realisasi
from tests.api.helpers import (
    TAHUN,
    VERIFIED,
    bearer,
    operator_token,
    revoked_token,
    set_status,
    token_of,
)
from tests.budget.synthetic import make_dpa
from tests.builders import make_opd, make_user
from tests.results.helpers import indikator_of, make_grid_opd

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Dinas A: TW I verified (realisasi 11), TW II draft (realisasi 777, never public);
    Dinas B of the same pemda."""
    opd = make_grid_opd(2)
    other = make_opd(pemda=opd.pemda)
    ind = indikator_of(opd)[1]
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=1, teks="11",
                             nilai=Decimal(11))
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=2, teks="777",
                             nilai=Decimal(777))
    set_status(opd, 1, VERIFIED)
    return {"opd": opd, "other": other, "ind": ind,
            "tokens": {"anonim": None, "token OPD": operator_token(opd),
                       "token OPD lain": operator_token(other),
                       "token dicabut": revoked_token(opd)}}


def indikator_url(opd, triwulan=4):
    return f"/api/v1/opd/{opd.pk}/indikator?tahun={TAHUN}&triwulan={triwulan}"


def test_anonymous_sees_only_the_verified_quarters_of_an_opd(client, world):
    data = client.get(indikator_url(world["opd"])).json()
    assert data["triwulan"] == 1
    row = next(i for i in data["items"] if i["id"] == world["ind"].pk)
    assert [(r["triwulan"], Decimal(r["nilai"]), r["teks"]) for r in row["realisasi"]] == [
        (1, 11, "11")]
    assert Decimal(row["realisasi_sd"]) == 11
    assert "777" not in client.get(indikator_url(world["opd"])).content.decode()


def test_the_opds_token_sees_the_draft_quarter_with_its_version(client, world):
    data = client.get(indikator_url(world["opd"], 2), **bearer(world["tokens"]["token OPD"])
                      ).json()
    assert data["triwulan"] == 2
    row = next(i for i in data["items"] if i["id"] == world["ind"].pk)
    assert [r["teks"] for r in row["realisasi"]] == ["11", "777"]
    assert row["versi"] == 1
    assert Decimal(row["target"]["nilai"]) == 100 and row["target"]["teks"] == "100"


def test_nothing_verified_is_not_found_anonymously(client, world):
    set_status(world["opd"], 1, "diajukan")
    assert client.get(indikator_url(world["opd"])).status_code == 404


READS = ["pemda", "opd", "indikator", "indikator pemda", "anggaran", "iku"]
EXPECTED = {  # who -> (status of every read, whether the draft quarter shows)
    "anonim": (200, False), "token OPD": (200, True), "token OPD lain": (200, False),
    "token dicabut": (401, False)}


def _url(what, world):
    opd = world["opd"]
    return {"pemda": "/api/v1/pemda", "opd": f"/api/v1/pemda/{opd.pemda_id}/opd",
            "indikator": indikator_url(opd),
            "indikator pemda": f"/api/v1/pemda/{opd.pemda_id}/indikator?tahun={TAHUN}",
            "anggaran": f"/api/v1/opd/{opd.pk}/anggaran?tahun={TAHUN}",
            "iku": f"/api/v1/pemda/{opd.pemda_id}/iku?tahun={TAHUN}"}[what]


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("what", READS)
def test_every_read_endpoint_by_who_asks(client, world, what, who):
    response = client.get(_url(what, world), **bearer(world["tokens"][who]))
    status, draft = EXPECTED[who]
    assert response.status_code == status
    if what.startswith("indikator") and status == 200:
        assert ("777" in response.content.decode()) is draft


def test_an_unknown_token_is_refused_not_read_as_anonymous(client, world):
    response = client.get("/api/v1/pemda", **bearer("akt_tidak-ada"))
    assert response.status_code == 401
    assert client.get("/api/v1/pemda", HTTP_AUTHORIZATION="Basic eDp5").status_code == 401


def test_a_token_limited_to_another_opd_reads_only_the_public_figures(client, world):
    from akuntabel.accounts.models import Membership, Peran
    from tests.api.helpers import token_of

    admin = Membership.objects.create(
        user=__import__("tests.builders", fromlist=["make_user"]).make_user(),
        pemda=world["opd"].pemda, peran=Peran.ADMIN_PEMDA).user
    limited = token_of(admin, opd=world["other"])
    body = client.get(indikator_url(world["opd"]), **bearer(limited)).content.decode()
    assert "777" not in body
    assert "777" in client.get(indikator_url(world["opd"]), **bearer(token_of(admin))
                               ).content.decode()


def test_the_budget_shows_its_pagu_and_its_spending_only_once_tw_iv_is_verified(client):
    opd = make_opd()
    make_dpa(opd, 40)
    from akuntabel.budget.models import DpaSubKegiatan, RealisasiAnggaranTriwulan

    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).first()
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=sub, triwulan=1,
                                             nilai=Decimal(1000), versi=1)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=sub, triwulan=2,
                                             nilai=Decimal(987654), versi=1)
    for tw in (1, 2, 3):
        set_status(opd, tw, VERIFIED)
    url = f"/api/v1/opd/{opd.pk}/anggaran?tahun={TAHUN}"
    anon = client.get(url).json()
    line = next(i for i in anon["items"] if i["anggaran"] == sub.pk)
    assert Decimal(line["pagu"]) == 15_000_000
    assert line["realisasi"] == [] and line["kumulatif"] is None and line["serapan"] is None
    assert "987654" not in client.get(url).content.decode()
    mine = client.get(url, **bearer(operator_token(opd))).json()
    line = next(i for i in mine["items"] if i["anggaran"] == sub.pk)
    assert [Decimal(v) for v in line["realisasi"][:2]] == [1000, 987654]
    set_status(opd, 4, VERIFIED)
    line = next(i for i in client.get(url).json()["items"] if i["anggaran"] == sub.pk)
    assert Decimal(line["kumulatif"]) == 988654 and line["serapan"] is not None


def test_an_indicator_the_opd_does_not_show_is_left_out_anonymously(client, world):
    world["ind"].tampil_publik = False
    world["ind"].save()
    ids = {i["id"] for i in client.get(indikator_url(world["opd"])).json()["items"]}
    assert world["ind"].pk not in ids and ids
    pemda_url = f"/api/v1/pemda/{world['opd'].pemda_id}/indikator?tahun={TAHUN}"
    assert world["ind"].pk not in {i["id"] for i in client.get(pemda_url).json()["items"]}
    mine = client.get(indikator_url(world["opd"]), **bearer(world["tokens"]["token OPD"]))
    assert world["ind"].pk in {i["id"] for i in mine.json()["items"]}


def test_lists_are_paginated(client):
    for _ in range(3):
        make_opd()
    first = client.get("/api/v1/pemda?limit=2&offset=0").json()
    second = client.get("/api/v1/pemda?limit=2&offset=2").json()
    assert len(first["items"]) == 2 and first["count"] >= 3
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}
    assert client.get("/api/v1/pemda?limit=0").status_code == 422


def test_etag_answers_304_until_the_data_changes(client, world):
    url = indikator_url(world["opd"])
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    Realisasi.objects.filter(indikator=world["ind"], triwulan=1).update(nilai=Decimal(12),
                                                                         teks="12")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_pemdas_indicators_leave_out_an_opd_with_nothing_verified(client, world):
    make_grid_opd(3, opd=world["other"])   # nothing verified
    url = f"/api/v1/pemda/{world['opd'].pemda_id}/indikator?tahun={TAHUN}"
    anon = client.get(url).json()
    assert {i["opd_id"] for i in anon["items"]} == {world["opd"].pk}
    assert {i["triwulan"] for i in anon["items"]} == {1}
    admin = token_of(make_user(Peran.ADMIN_PEMDA, pemda=world["opd"].pemda))
    full = client.get(url, **bearer(admin)).json()
    assert full["count"] == 2 + 3
    only = client.get(f"{url}&opd={world['other'].pk}", **bearer(admin)).json()
    assert {i["opd_id"] for i in only["items"]} == {world["other"].pk}
    page = client.get(f"{url}&limit=2&offset=4", **bearer(admin)).json()
    assert len(page["items"]) == 1 and page["count"] == 5
    pages = [client.get(f"{url}&limit=2&offset={o}", **bearer(admin)).json()["items"]
             for o in (0, 2, 4)]
    assert [i["id"] for p in pages for i in p] == [i["id"] for i in full["items"]]


def test_what_a_token_reads_is_kept_by_no_shared_cache(client, world):
    mine = client.get(indikator_url(world["opd"]), **bearer(world["tokens"]["token OPD"]))
    assert "no-store" in mine["Cache-Control"] and "private" in mine["Cache-Control"]
    assert "Authorization" in client.get(indikator_url(world["opd"]))["Vary"]


SCHEMA = {"pemda": "PemdaList", "opd": "OpdList", "indikator": "IndikatorList",
          "indikator pemda": "IndikatorPemdaList", "anggaran": "AnggaranList", "iku": "IkuList"}


@pytest.mark.parametrize("what", READS)
def test_every_answer_is_what_the_openapi_document_says(client, world, what):
    from akuntabel.api import api as module

    for who in ("anonim", "token OPD"):
        response = client.get(_url(what, world), **bearer(world["tokens"][who]))
        schema = getattr(module, SCHEMA[what])
        parsed = schema.model_validate(response.json())
        assert set(response.json()) == set(schema.model_fields)
        for item in response.json()["items"]:
            assert set(item) == set(schema.model_fields["items"].annotation.__args__[0]
                                    .model_fields)
        assert parsed.count >= len(parsed.items)
