"""The year an OPD is working on (``plans.services.tahun_kerja``), which the pages outside a
year (the strategic issues, the program tree) and the menu open on: the latest year of the
Renstra period with a Renja target, a PK or a realisasi; else the Renstra's first year not yet
past; else the calendar year (issue 13, onboarding walkthrough)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import PerjanjianKinerja
from akuntabel.plans.services import tahun_kerja
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_opd,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
HARI_INI = date(2026, 12, 6)


def _indikator(renstra):
    return make_indikator(sasaran=make_sasaran(make_tujuan(renstra)))


def test_without_a_renstra_the_calendar_year():
    assert tahun_kerja(make_opd(), HARI_INI) == 2026


def test_a_renstra_about_to_start_gives_its_first_year():
    opd = make_opd()
    make_renstra(opd, 2027, 2031)
    assert tahun_kerja(opd, HARI_INI) == 2027


def test_a_current_renstra_without_entries_gives_the_calendar_year():
    opd = make_opd()
    make_renstra(opd, 2025, 2029)
    assert tahun_kerja(opd, HARI_INI) == 2026


def test_the_latest_year_with_a_renja_target_pk_or_realisasi():
    opd = make_opd()
    ind = _indikator(make_renstra(opd, 2025, 2029))
    Realisasi.objects.create(indikator=ind, tahun=2025, nilai=Decimal(1))
    assert tahun_kerja(opd, HARI_INI) == 2025
    PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2026)
    assert tahun_kerja(opd, HARI_INI) == 2026
    make_target(ind, 5, "renja", 2027)
    assert tahun_kerja(opd, HARI_INI) == 2027
    make_target(ind, 5, "renstra", 2029)  # a Renstra target is the plan, not work on a year
    assert tahun_kerja(opd, HARI_INI) == 2027


def test_the_isu_page_and_the_tree_link_the_working_year(client):
    """A Renstra 2025–2029 with the Renja 2027 being prepared: not the calendar year."""
    opd = make_opd()
    renstra = make_renstra(opd, 2025, 2029)
    make_target(_indikator(renstra), 5, "renja", 2027)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    isu = client.get(reverse("isu_list", args=[opd.pk])).content.decode()
    assert reverse("pohon", args=[opd.pk, 2027]) in isu
    pohon = client.get(reverse("program_tree", args=[opd.pk])).content.decode()
    assert reverse("renja_grid", args=[opd.pk, 2027]) in pohon
    assert reverse("pk_detail", args=[opd.pk, 2027]) in pohon  # the menu
