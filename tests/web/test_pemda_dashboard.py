"""The pemda dashboard: the overview's table sorted and filtered by GET parameters kept in the
URL, a chart of the distribution of IKU capaian over the pemda's bands drawn from the same
rows, and the same table as an Excel workbook; a fixed number of queries throughout."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_pemda, make_user
from tests.web.test_pemda_overview import make_filled_opd

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(pemda, query=""):
    return reverse("pemda_overview", args=[pemda.pk, 2023]) + "?triwulan=1" + query


@pytest.fixture
def pemda(client):
    """Six agencies, IKU capaian 87,5% (Dinas 00) up to 93,75% (Dinas 05), serapan 90,0% up
    to 90,5%, and one agency without IKU or DPA; a verifikator logged in."""
    pemda = make_pemda()
    for n in range(6):
        make_filled_opd(pemda, n)
    make_opd(pemda, nama="Dinas Kosong")
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    return pemda


def names(body):
    return re.findall(r'<tr><td><a href="[^"]*">([^<]*)</a>', body)


def bars(body):
    return {m[0]: int(m[1]) for m in re.findall(r'data-pita="([^"]+)" data-jumlah="(\d+)"', body)}


def get(client, pemda, query=""):
    response = client.get(url(pemda, query))
    assert response.status_code == 200
    return response.content.decode()


ALL = ["Dinas 00", "Dinas 01", "Dinas 02", "Dinas 03", "Dinas 04", "Dinas 05", "Dinas Kosong"]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ALL),
    ("&urut=nama&arah=turun", ALL[::-1]),
    ("&urut=capaian&arah=turun", [*ALL[5::-1], "Dinas Kosong"]),
    ("&urut=capaian&arah=naik", ALL),
    ("&urut=serapan&arah=turun", [*ALL[5::-1], "Dinas Kosong"]),
    ("&urut=kelengkapan&arah=naik", ALL),
    ("&urut=status&arah=naik", ["Dinas Kosong", *ALL[:6]]),
], ids=["by name by default", "name descending", "capaian descending, no IKU last",
        "capaian ascending, no IKU still last", "serapan descending, no DPA last",
        "a tie keeps the name order", "by the status of the chosen quarter, late first"])
def test_sorting_by_a_column(client, pemda, query, expected):
    assert names(get(client, pemda, query)) == expected


def test_the_sorted_column_says_so_and_its_header_links_reverse_it(client, pemda):
    body = get(client, pemda, "&urut=serapan&arah=turun&cari=dinas")
    assert 'aria-sort="descending"' in body
    assert body.count("aria-sort=") == 1
    assert "urut=serapan&amp;arah=naik" in body and "cari=dinas" in body


@pytest.mark.parametrize(("query", "expected"), [
    ("&cari=05", ["Dinas 05"]),
    ("&cari=KOSONG", ["Dinas Kosong"]),
    ("&pita=Sangat+Tinggi", ["Dinas 00", "Dinas 01", "Dinas 02"]),
    ("&status=diverifikasi", ALL[:6]),
    ("&status=terlambat", ["Dinas Kosong"]),
    ("&lengkap_bawah=100", []),
    ("&pita=Sangat+Tinggi&urut=capaian&arah=turun", ["Dinas 02", "Dinas 01", "Dinas 00"]),
], ids=["text search on the name", "search ignores case", "capaian below a band",
        "status of the quarter", "late quarter", "completeness below a threshold",
        "filter and sort together"])
def test_filters(client, pemda, query, expected):
    assert names(get(client, pemda, query)) == expected


@pytest.mark.parametrize("query", [
    "&urut=x&arah=y", "&urut=capaian&arah=sideways", "&lengkap_bawah=abc", "&lengkap_bawah=NaN",
    "&lengkap_bawah=1e999", "&pita=Nope", "&status=zzz", "&cari=" + "x" * 500 + "%00",
], ids=["unknown column", "unknown direction", "threshold not a number", "threshold NaN",
        "threshold huge", "unknown band", "unknown status", "long search text"])
def test_bad_parameters_are_ignored(client, pemda, query):
    body = get(client, pemda, query)
    if "cari" not in query:
        assert names(body) == ALL


def test_the_chart_counts_the_rows_of_the_table(client, pemda):
    body = get(client, pemda)
    assert bars(body) == {"Sangat Tinggi": 3, "Tinggi": 3, "Sedang": 0, "Rendah": 0,
                          "Sangat Rendah": 0}
    svg = body[body.index("<svg"):body.index("</svg>")]
    assert "<title" in svg and "<desc" in svg and "<script" not in svg
    filtered = get(client, pemda, "&cari=05")
    assert bars(filtered)["Sangat Tinggi"] == 1 and bars(filtered)["Tinggi"] == 0


def test_the_page_links_its_export_with_the_same_view(client, pemda):
    body = get(client, pemda, "&pita=Tinggi&urut=serapan&arah=turun")
    assert ('href="?triwulan=1&amp;pita=Tinggi&amp;urut=serapan&amp;arah=turun&amp;format=xlsx"'
            in body)


def test_the_export_holds_the_rows_of_the_page(client, pemda):
    query = "&pita=Sangat+Tinggi&urut=capaian&arah=turun"
    response = client.get(url(pemda, query + "&format=xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    title = " ".join(str(v) for v in values[0] if v)
    assert pemda.nama in title and "2023" in title and "TW I" in title
    assert "Sangat Tinggi" in " ".join(str(v) for row in values[:4] for v in row if v)
    start = next(i for i, row in enumerate(values) if row[0] == "No") + 1
    rows = values[start:]
    assert [r[1] for r in rows] == names(get(client, pemda, query))
    first = rows[0]  # Dinas 02: capaian 90%, serapan 902 / 1000
    assert isinstance(first[2], (int, float)) and round(first[2], 2) == 90
    assert round(first[3], 2) == 90.2
    number_format = sheet.cell(row=start + 1, column=3).number_format
    assert "0" in number_format


def _count(client, pemda, query):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(pemda, query))
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("query", ["&urut=capaian&arah=turun&pita=Sedang&cari=dinas",
                                   "&format=xlsx&urut=serapan"],
                         ids=["sorted and filtered page", "export"])
def test_the_same_number_of_queries_for_2_and_6_agencies(client, query):
    small, large = make_pemda(), make_pemda()
    for n in range(2):
        make_filled_opd(small, n)
    for n in range(6):
        make_filled_opd(large, n)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=small))
    n_small = _count(client, small, query)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=large))
    assert _count(client, large, query) == n_small


def test_outsiders_cannot_export(client, demo_opd):
    export = url(demo_opd.pemda, "&format=xlsx")
    assert client.get(export).status_code == 302
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(export).status_code == 404
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(export).status_code == 404
