"""Bounds on the Renja targets of the indicator page: a target its field cannot hold, or so
large that sums and pages would fail (``core.batas.UKURAN``), is refused at its field;
nothing is written and what was typed stays."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import Indikator, Target
from tests.builders import make_user
from tests.web.opd_pages import failing_pages

pytestmark = pytest.mark.django_db
TAHUN = 2024  # a year of the demo Renstra without a PK


@pytest.fixture
def iku(demo_opd):
    return Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")


def post(**values):
    data = {f"versi_{tw}": "0" for tw in range(5)} | {f"nilai_{tw}": "" for tw in range(5)}
    data.update(values)
    return data


def renja(indikator):
    return Target.objects.filter(indikator=indikator, jenis="renja", tahun=TAHUN)


@pytest.mark.parametrize("field,teks,alasan", [
    pytest.param("nilai_0", "12345678901234567890", "terlalu besar: nilai harus kurang dari "
                 "1.000.000.000.000.000.", id="20 digits for the year -> too large"),
    pytest.param("nilai_3", "1.000.000.000.000.000 %", "terlalu besar: nilai harus kurang dari "
                 "1.000.000.000.000.000.", id="10^15 for TW III -> too large"),
    pytest.param("nilai_0", "9" * 90, "terlalu besar: nilai harus kurang dari "
                 "1.000.000.000.000.000.", id="90 digits -> too large"),
    pytest.param("nilai_1", "94,12345", "terlalu banyak angka di belakang koma (paling banyak 4).",
                 id="five decimals -> too many"),
])
def test_a_target_out_of_bounds_is_refused_at_its_field_and_nothing_is_written(
        client, demo_opd, iku, field, teks, alasan):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    before = list(renja(iku).values_list("pk", "nilai", "versi"))
    response = client.post(reverse("target_edit", args=[iku.pk, TAHUN]),
                           post(nilai_2="25", **{field: teks}, alasan="Renja"))
    assert response.status_code == 400
    assert list(renja(iku).values_list("pk", "nilai", "versi")) == before
    errors = response.context["form"].errors[field]
    label = response.context["form"][field].label
    assert errors == [f"{label}: '{teks}' tidak dapat disimpan: {alasan}"]
    body = html.unescape(response.content.decode())
    assert f'value="{teks}"' in body and 'value="25"' in body  # nothing typed is lost


def test_the_largest_target_within_bounds_is_stored_and_the_pages_stay_up(client, demo_opd, iku):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.post(reverse("target_edit", args=[iku.pk, TAHUN]),
                           post(nilai_0="999.999.999.999.999", nilai_1="0,0001", alasan="Renja"))
    assert response.status_code == 302
    assert {t.triwulan: t.nilai for t in renja(iku)} == {0: Decimal("999999999999999"),
                                                         1: Decimal("0.0001")}
    assert failing_pages(demo_opd, TAHUN, [iku]) == []
