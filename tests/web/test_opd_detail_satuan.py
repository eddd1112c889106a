"""The IKU cards of the agency page print a target and a realisasi with the indicator's own
unit ("per 1.000 KH"), never as a percentage they are not."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import TAHUNAN
from akuntabel.results.models import Realisasi
from tests.builders import make_indikator, make_target, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("satuan", "tampil", "bukan"),
    [
        pytest.param("per 1.000 KH", ["2,5 per 1.000 KH", "3 per 1.000 KH"], ["2,50%", "3,00%"],
                     id="a rate per 1.000 live births -> printed with its unit"),
        pytest.param("Orang", ["2,5 Orang", "3 Orang"], ["2,50%"], id="a count -> its unit"),
        pytest.param("%", ["2,50%", "3,00%"], [], id="a percentage -> the percent sign"),
    ],
)
def test_iku_card_prints_the_unit_as_entered(client, satuan, tampil, bukan):
    ind = make_indikator(iku=True, satuan=satuan, polaritas="turun",
                         uraian="Angka kematian bayi")
    make_target(ind, "3", tahun=2023)
    Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=TAHUNAN, teks="2,5",
                             nilai=Decimal("2.5"))
    opd = ind.perangkat_daerah
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.get(reverse("opd_detail", args=[opd.pk]) + "?tahun=2023").content.decode()
    assert "Angka kematian bayi" in body
    assert "116,67%" in body  # (2 × 3 − 2,5) ÷ 3 × 100: the capaian is a percentage
    for teks in tampil:
        assert teks in body, teks
    for teks in bukan:
        assert teks not in body, teks
