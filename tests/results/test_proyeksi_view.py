"""The early warning page of an OPD-year: the owner and the pemda's roles read it, outsiders
get 404 (access checked first), a bad triwulan is 404, the flagged indicator is listed with
its projection, interval and method."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_opd,
    make_pemda,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
TAHUN = 2023


@pytest.fixture
def opd():
    opd = make_opd()
    ind = make_indikator(sasaran=make_sasaran(make_tujuan(make_renstra(opd))),
                         uraian="Jumlah penerima bantuan", satuan="orang")
    make_target(ind, 100, tahun=TAHUN)
    for tw, nilai in ((1, 20), (2, 25), (3, 25), (4, 30)):
        make_target(ind, nilai, tahun=TAHUN, triwulan=tw)
    for tw, nilai in ((1, 5), (2, 5)):
        Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=tw, teks=str(nilai),
                                 nilai=Decimal(nilai))
    return opd


def url(opd, triwulan=2):
    return reverse("peringatan_dini", args=[opd.pk, TAHUN, triwulan])


def test_owner_sees_the_flagged_indicator_with_projection_interval_and_method(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(url(opd))
    assert response.status_code == 200
    body = response.content.decode()
    flagged = body.split('data-testid="peringatan-dini"')[1].split("</table>")[0]
    assert "Jumlah penerima bantuan" in flagged
    assert "22,22" in flagged            # 10 + 10/45 × 55
    assert "Laju terhadap rencana triwulan" in flagged
    assert "Sangat Rendah" in flagged
    assert "Peringatan dini" in body and "±10 %" in body   # Indonesian, the floor stated


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.ADMIN_PEMDA])
def test_pemda_wide_roles_read_it(client, opd, peran):
    client.force_login(make_user(peran, pemda=opd.pemda))
    assert client.get(url(opd)).status_code == 200


def test_operator_of_another_agency_gets_not_found(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))
    assert client.get(url(opd)).status_code == 404


def test_verifier_of_another_pemda_gets_not_found(client, opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, opd):
    response = client.get(url(opd))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_triwulan_outside_1_to_4_is_not_found(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    assert client.get(url(opd, 5)).status_code == 404


def test_the_grid_links_to_it(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.get(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2])).content.decode()
    assert url(opd) in body


def test_a_calibrated_interval_says_so(client, opd):
    from akuntabel.plans.models import Indikator

    for i in range(10):
        ind = Indikator.objects.create(perangkat_daerah=opd, sasaran=Indikator.objects.filter(
            perangkat_daerah=opd).first().sasaran, uraian=f"Jumlah {i}")
        for tahun in (2021, 2022):
            make_target(ind, 100, tahun=tahun)
            for tw in (1, 2, 3, 4):
                Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=tw, teks="25",
                                         nilai=Decimal(25))
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.get(url(opd)).content.decode()
    assert "Interval diperlebar agar memuat 80 % galat 20 proyeksi tahun-tahun lalu." in body
