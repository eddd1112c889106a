"""The agency page: owner reads it; an outsider and an anonymous visitor do not."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


def url(opd):
    return reverse("opd_detail", args=[opd.pk])


def test_owner_sees_iku_and_budget_figures_in_indonesian_format(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    for figure in ("Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "92,77%", "101,39%",
                   "Sangat Tinggi", "13.415", "14.460"):
        assert figure in body, figure
    assert "bukan ukuran capaian kinerja" in body  # serapan labelled as what it is
    assert "13.415 ÷ 14.460 × 100" in body  # the IKU's inputs, as a person reads them


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER, Peran.ADMIN_PEMDA])
def test_pemda_wide_roles_read_every_agency_of_their_pemda(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    assert client.get(url(demo_opd)).status_code == 200


def test_operator_of_another_agency_gets_not_found(client, demo_opd):
    other = make_opd(pemda=demo_opd.pemda)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=other))
    assert client.get(url(demo_opd)).status_code == 404


def test_verifier_of_another_pemda_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(demo_opd)).status_code == 404


def test_user_without_membership_gets_not_found(client, demo_opd):
    client.force_login(make_user())
    assert client.get(url(demo_opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    response = client.get(url(demo_opd))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_bad_year_does_not_crash(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd) + "?tahun=abc").status_code == 200
    assert client.get(url(demo_opd) + "?tahun=1999").status_code == 200


def test_not_found_page_is_indonesian_and_says_nothing_of_the_agency(client, demo_opd):
    client.force_login(make_user())
    body = client.get(url(demo_opd)).content.decode()
    assert "Halaman tidak ditemukan" in body
    assert demo_opd.nama not in body
