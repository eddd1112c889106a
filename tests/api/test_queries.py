"""The list of a pemda's indicators costs a fixed number of queries, whatever the number of
OPD and indicators (issue 17: 40 OPD x 300 under 300 ms): counted and paged in bulk, the
figures of a page computed together, never one OPD or one indicator at a time."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akuntabel.accounts.models import Peran
from akuntabel.results.models import Realisasi
from tests.api.helpers import TAHUN, VERIFIED, bearer, set_status, token_of
from tests.builders import make_opd, make_user
from tests.results.helpers import indikator_of, make_grid_opd

pytestmark = pytest.mark.django_db


def _add_opd(pemda, indicators, verified=(1, 2)):
    opd = make_grid_opd(indicators, opd=make_opd(pemda=pemda))
    for ind in indikator_of(opd):
        Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=1, teks="5",
                                 nilai=Decimal(5))
    for tw in verified:
        set_status(opd, tw, VERIFIED)
    return opd


def _queries(client, url, headers):
    client.get(url, **headers)   # the token's "last used" is written once a minute
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()


@pytest.mark.parametrize("who", ["anonim", "admin pemda"])
@pytest.mark.parametrize("query", ["", "&limit=3", "&limit=3&offset=4", "&triwulan=1"])
def test_the_pemda_list_makes_as_many_queries_for_six_opd_as_for_two(client, who, query):
    first = _add_opd(None, 3)
    pemda = first.pemda
    _add_opd(pemda, 2)
    headers = bearer(token_of(make_user(Peran.ADMIN_PEMDA, pemda=pemda))) if who != "anonim" \
        else {}
    url = f"/api/v1/pemda/{pemda.pk}/indikator?tahun={TAHUN}{query}"
    small, data = _queries(client, url, headers)
    assert data["count"] == 5
    for n in (4, 6, 5, 3):
        _add_opd(pemda, n)
    _add_opd(pemda, 2, verified=())          # nothing public: left out anonymously
    big, data = _queries(client, url, headers)
    assert data["count"] == 5 + 18 + (2 if who != "anonim" else 0)
    assert big == small


def test_a_page_across_opd_with_different_quarters_keeps_each_opds_own(client):
    a = _add_opd(None, 2, verified=(1,))
    b = _add_opd(a.pemda, 2, verified=(1, 2, 3))
    data = client.get(f"/api/v1/pemda/{a.pemda_id}/indikator?tahun={TAHUN}").json()
    assert {(i["opd_id"], i["triwulan"]) for i in data["items"]} == {(a.pk, 1), (b.pk, 3)}
    assert [i["opd_id"] for i in data["items"]] == sorted(
        (i["opd_id"] for i in data["items"]),
        key=lambda pk: [o["id"] for o in client.get(
            f"/api/v1/pemda/{a.pemda_id}/opd").json()["items"]].index(pk))


@pytest.mark.parametrize("tahun", [TAHUN, 2031], ids=["a year of the Renstra",
                                                      "a year no Renstra covers"])
def test_the_many_opd_list_is_each_opds_own_list(tahun):
    from akuntabel.results.grid import (
        count_indikator_for_year,
        indikator_for_year,
        indikator_for_year_many,
    )
    from tests.builders import make_target

    a = _add_opd(None, 4)
    b = _add_opd(a.pemda, 3)
    make_target(indikator_of(b)[2], 100, tahun=2031)   # named by a target only
    opds = [a.pk, b.pk]
    many = indikator_for_year_many(tahun, opds)
    assert {o: many.get(o, []) for o in opds} == {o: indikator_for_year(o, tahun) for o in opds}
    assert count_indikator_for_year(tahun, opds) == {
        o: len(v) for o, v in many.items() if v}
    assert sum(len(v) for v in many.values()) == (7 if tahun == TAHUN else 1)
