"""The year a visitor sees first: the latest with something public (a verified quarter or a
published final), never just the calendar year; the year selector lists those years."""

from datetime import date

import pytest
from django.urls import reverse

from akuntabel.portal import data
from akuntabel.reporting.models import PelaporanTriwulan
from tests.portal.conftest import lapor

pytestmark = pytest.mark.django_db

HARI_INI = date(2026, 12, 6)


@pytest.fixture
def hanya_final_2023(portal):
    """Nothing verified in 2026; Dinas Sosial's published final is of 2023 (as the demo's
    LKjIP 2023), its unpublished final of 2025."""
    PelaporanTriwulan.objects.update(status=PelaporanTriwulan.Status.DIAJUKAN)
    portal["terbit"].tahun = 2023
    portal["terbit"].save()
    portal["draf"].tahun = 2025
    portal["draf"].save()
    return portal


def test_a_published_final_alone_makes_its_year_the_first_seen(hanya_final_2023):
    assert data.tahun_publik(hanya_final_2023["pemda"]) == [2023]
    assert data.tahun_bawaan(hanya_final_2023["pemda"], HARI_INI) == 2023


def test_a_later_verified_quarter_wins_over_an_older_final(hanya_final_2023):
    lapor(hanya_final_2023["dinsos"], 1, PelaporanTriwulan.Status.DIVERIFIKASI, tahun=2024)
    assert data.tahun_publik(hanya_final_2023["pemda"]) == [2023, 2024]
    assert data.tahun_bawaan(hanya_final_2023["pemda"], HARI_INI) == 2024


def test_nothing_public_opens_on_the_calendar_year(hanya_final_2023):
    hanya_final_2023["terbit"].dipublikasikan = False
    hanya_final_2023["terbit"].save()
    assert data.tahun_publik(hanya_final_2023["pemda"]) == []
    assert data.tahun_bawaan(hanya_final_2023["pemda"], HARI_INI) == 2026


def test_the_home_opens_on_that_year_and_its_selector_lists_it(client, hanya_final_2023):
    pemda = hanya_final_2023["pemda"]
    response = client.get(reverse("portal:beranda", args=[pemda.pk]))
    assert response.context["tahun"] == 2023
    assert '<option value="2023" selected>2023</option>' in response.content.decode()


def test_the_selector_lists_a_public_year_outside_the_period(client, hanya_final_2023):
    pemda = hanya_final_2023["pemda"]   # RPJMD 2025-2029; the published final is of 2023
    body = client.get(reverse("portal:beranda", args=[pemda.pk]) + "?tahun=2027"
                      ).content.decode()
    assert '<option value="2023">2023</option>' in body
    assert '<option value="2027" selected>2027</option>' in body
