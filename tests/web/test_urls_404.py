"""Crafted URL values are "not found": for every URL of the project with a year or an id, a
year 0 or 99999 and an id of 25 digits give 404, never an error. The URLs are read from the
resolver, so a new URL is covered as soon as it exists."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from akuntabel.accounts.models import Peran
from akuntabel.converters import parse_tahun
from tests.builders import make_user

pytestmark = pytest.mark.django_db

PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
BAD_YEARS = ("0", "99999", "0000", "1899", "2201")
BAD_ID = "1" * 25
GOOD = {"tahun": "2023", "id": "1", "int": "1", "str": "x", "slug": "x", "path": "x"}


def _routes(patterns=None, prefix=""):
    """Every route of the project (outside the data administration) as written."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if not route.startswith("admin/"):
                yield from _routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def _fill(route, name, value):
    """The route with ``name`` set to ``value`` and every other parameter a valid value."""
    def one(m):
        if m["name"] == name:
            return value
        return GOOD[m["conv"] or "str"]
    return "/" + PARAM.sub(one, route)


def _kind(conv, name):
    if name == "tahun":
        return "tahun"
    if name == "triwulan":
        return "triwulan"
    if conv in ("int", "id"):
        return "id"
    return "text"


ROUTES = list(_routes())
CASES = [(route, m["name"], bad)
         for route in ROUTES for m in PARAM.finditer(route)
         for kind in [_kind(m["conv"], m["name"])] if kind in ("tahun", "id")
         for bad in (BAD_YEARS if kind == "tahun" else (BAD_ID,))]


def test_the_project_has_urls_with_years_and_ids():
    assert sum(1 for _r, name, _b in CASES if name == "tahun") >= 20
    assert sum(1 for _r, name, _b in CASES if name != "tahun") >= 30


def test_every_year_is_written_with_the_year_converter_and_every_id_with_the_id_converter():
    wrong = [f"{route}: <{m[0]}>" for route in ROUTES for m in PARAM.finditer(route)
             if (m["name"] == "tahun" and m["conv"] != "tahun")
             or (m["conv"] == "int" and m["name"] != "triwulan")]
    assert wrong == []


@pytest.mark.parametrize("route,name,bad", CASES, ids=[f"{r} {n}={b}" for r, n, b in CASES])
def test_a_crafted_year_or_id_is_not_found(client, route, name, bad):
    resolve(_fill(route, name, GOOD["tahun"] if name == "tahun" else "1"))  # valid: matches
    client.force_login(make_user(Peran.ADMIN_PEMDA))
    client.raise_request_exception = False
    assert client.get(_fill(route, name, bad)).status_code == 404


@pytest.mark.parametrize("teks,tahun", [
    ("2023", 2023), (" 2024 ", 2024), ("1900", 1900), ("2200", 2200),
    ("0", None), ("99999", None), ("1899", None), ("2201", None), ("-2023", None),
    ("20 23", None), ("٢٠٢٣", None), ("2023.0", None), ("", None), (None, None),
    ("1" * 5000, None),
], ids=lambda v: repr(v)[:20])
def test_a_year_in_a_query_string_is_read_within_the_same_bounds(teks, tahun):
    assert parse_tahun(teks) == tahun


QUERY_YEARS = ("0", "99999", "-1", "1e5", "1" * 25, "abc", "2023.5", "9" * 5000)


@pytest.mark.parametrize("tahun", QUERY_YEARS, ids=lambda v: v[:25])
def test_a_bad_year_in_the_query_string_gives_the_default_page_or_not_found(client, demo_opd,
                                                                            tahun):
    from akuntabel.plans.models import Indikator

    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    client.raise_request_exception = False
    ind = Indikator.objects.filter(perangkat_daerah=demo_opd).first()
    for url in (f"/opd/{demo_opd.pk}/", f"/indikator/{ind.pk}/", f"/opd/{demo_opd.pk}/riwayat/",
                f"/pemda/{demo_opd.pemda_id}/ikhtisar/2023/"):
        assert client.get(url, {"tahun": tahun, "triwulan": tahun}).status_code in (200, 404), url
