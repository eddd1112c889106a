"""A PK target must fit what a measure may hold (``core.batas.UKURAN``): a target too large or
with too many decimals is refused at its row, with the reason, and nothing is written."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import PerjanjianKinerja
from tests.builders import make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023
IKU = "Persentase PPKS yang tertangani"


@pytest.fixture
def pk(demo_opd):
    return PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")


def save(client, pk, teks):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=pk.perangkat_daerah))
    return client.post(reverse("pk_ubah", args=[pk.perangkat_daerah_id, TAHUN]),
                       {"perjanjian": pk.pk, "versi": pk.versi,
                        f"target_{pk.baris.get().pk}": teks, "pihak_kedua_nama": "dr. Wahdi"})


@pytest.mark.parametrize("teks, alasan", [
    ("1.000.000.000.000.000", "terlalu besar"),
    ("-1.000.000.000.000.000", "terlalu besar"),
    ("99.999.999.999.999.999.999", "terlalu besar"),
    ("12,34567", "terlalu banyak angka di belakang koma"),
], ids=["ten to the fifteenth is too large", "so is its negative",
        "twenty digits are too large", "five decimals are too many"])
def test_an_out_of_bounds_target_is_refused_at_its_row(client, pk, teks, alasan):
    response = save(client, pk, teks)
    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert f"Baris 1 ({IKU}), target: '{teks}' {alasan}" in body
    assert pk.baris.values_list("target", flat=True).get() == Decimal("91.5")
    pk.refresh_from_db()
    assert pk.pihak_kedua_nama == "" and pk.versi == 1  # nothing written


@pytest.mark.parametrize("teks, nilai", [
    ("999.999.999.999.999", Decimal("999999999999999")),
    ("12,3456", Decimal("12.3456")),
    ("12,50000", Decimal("12.5")),
], ids=["just below the bound is kept", "four decimals are kept",
        "trailing zeros do not count as decimals"])
def test_a_target_within_bounds_is_saved(client, pk, teks, nilai):
    assert save(client, pk, teks).status_code == 302
    assert pk.baris.values_list("target", flat=True).get() == nilai
