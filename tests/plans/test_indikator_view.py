"""The indicator page: its place in the cascade, how it is scored, its targets and
realisasi per year and quarter, the trend chart, its components and its change history."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.services import record_change
from akuntabel.plans.models import Indikator, Target
from akuntabel.results.models import Realisasi
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def iku(demo_opd):
    return Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")


def url(indikator, tahun=None):
    return reverse("indikator_detail", args=[indikator.pk]) + (f"?tahun={tahun}" if tahun else "")


def test_owner_sees_the_iku_with_its_years_and_computation(client, demo_opd, iku):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(iku, 2023))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Persentase PPKS yang tertangani" in body
    # how it is scored, in Indonesian
    assert "Capaian = Realisasi / Target × 100% (semakin tinggi semakin baik)." in body
    assert "semakin tinggi semakin baik" in body and "Indikator Kinerja Utama (IKU)" in body
    # Renstra targets 2021–2026 and the 2023 result computed from the components
    for figure in ("85,3%", "88,4%", "91,5%", "94,6%", "97,7%", "100%", "92,77%",
                   "13.415 ÷ 14.460 × 100", "101,39%", "Sangat Tinggi", "7.587", "14.460"):
        assert figure in body, figure
    assert "92.78%" in body  # the value the report printed, shown beside the computed one
    # the breadcrumb links into the plan page's anchors
    assert reverse("plan", args=[demo_opd.pk, 2023]) + f"#node-sasaran-{iku.sasaran_id}" in body
    assert 'aria-current="page">Rencana</a>' in body


def test_the_trend_chart_is_inline_svg_with_the_years(client, demo_opd, iku):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(iku)).content.decode()
    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    root = ET.fromstring(svg)
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert "2023: Target yang berlaku 91,5%, Realisasi 92,77%" in desc
    assert "2026: Target yang berlaku 100%, Realisasi –" in desc


def test_without_a_year_the_latest_year_with_data_is_chosen(client, demo_opd, iku):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(iku))
    assert response.context["tahun"] == 2023
    for bad in ("abc", "1999", ""):
        response = client.get(reverse("indikator_detail", args=[iku.pk]) + f"?tahun={bad}")
        assert response.status_code == 200
        assert response.context["tahun"] == 2023


def test_quarterly_values_and_history_are_shown(client, demo_opd, iku):
    operator = make_user(Peran.OPERATOR_OPD, opd=demo_opd, first_name="Sari",
                         last_name="Operator")
    realisasi = Realisasi.objects.create(indikator=iku, tahun=2024, triwulan=2, teks="45,5",
                                         nilai=Decimal("45.5"), catatan="data dinas")
    target = Target.objects.create(indikator=iku, jenis="renja", tahun=2024, triwulan=2,
                                   teks="47", nilai=Decimal(47))
    record_change(demo_opd, realisasi, "nilai", "", Decimal("45.5"), sumber="Isian TW II",
                  oleh=operator)
    record_change(demo_opd, target, "nilai", "40", "47", sumber="Uji", oleh=operator,
                  alasan="revisi anggaran")
    client.force_login(operator)
    body = client.get(url(iku, 2024)).content.decode()
    assert "45,5%" in body and "47%" in body and "data dinas" in body
    assert "Sari Operator" in body and "revisi anggaran" in body and "Isian TW II" in body


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_read_it_without_the_target_form(client, demo_opd, iku, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    response = client.get(url(iku))
    assert response.status_code == 200
    assert "form" not in response.context
    assert reverse("target_edit", args=[iku.pk, 2023]) not in response.content.decode()


def test_owner_gets_the_target_form_of_the_year(client, demo_opd, iku):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(iku, 2024)).content.decode()
    assert reverse("target_edit", args=[iku.pk, 2024]) in body
    assert "Target Renja TW II" in body


def test_operator_of_another_agency_gets_not_found(client, demo_opd, iku):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.get(url(iku)).status_code == 404


def test_verifier_of_another_pemda_gets_not_found(client, iku):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(iku)).status_code == 404


def test_unknown_indicator_is_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(reverse("indikator_detail", args=[999999])).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, iku):
    response = client.get(url(iku))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
