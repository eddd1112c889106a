"""The Django admin is an entry path like the others: a number outside what may be stored
(``core.batas``) is refused at its field with the reason, and nothing is written."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.results.models import Realisasi
from tests.audit.test_admin_history import edit
from tests.builders import make_indikator, make_opd, make_sub_kegiatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("super", password="sandi-uji-yang-panjang")
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("nilai", "alasan"),
    [
        pytest.param("10000000000000000000", "terlalu besar", id="10^19 for a measure"),
        pytest.param("1.23456", "", id="five decimals for a measure (the field's own check)"),
        pytest.param("1234567890123.456", "terlalu banyak angka",
                     id="16 significant digits for a measure"),
    ],
)
def test_a_realisasi_out_of_bounds_is_refused_in_the_admin(client, superuser, nilai, alasan):
    r = Realisasi.objects.create(indikator=make_indikator(), tahun=2023, triwulan=4,
                                 teks="80", nilai=Decimal(80))
    response = edit(client, r, nilai=nilai)
    assert response.status_code == 200
    assert alasan in response.content.decode()
    r.refresh_from_db()
    assert r.nilai == Decimal(80)


def test_a_pagu_out_of_bounds_is_refused_in_the_admin(client, superuser):
    opd = make_opd()
    a = DpaSubKegiatan.objects.create(dpa=Dpa.objects.create(perangkat_daerah=opd, tahun=2023),
                                      sub_kegiatan=make_sub_kegiatan(), pagu=Decimal(1000))
    response = edit(client, a, pagu="1000000000000000")
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
    a.refresh_from_db()
    assert a.pagu == Decimal(1000)
