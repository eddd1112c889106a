"""A pemda's own, dated rating scale replaces the Permendagri 86/2017 default from its date."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.core.peringkat import DEFAULT_SKALA
from akuntabel.references.models import PitaPeringkat, SkalaPeringkat
from akuntabel.references.services import skala_for
from tests.builders import make_user

pytestmark = pytest.mark.django_db


def make_six_band_scale(pemda, berlaku_mulai=date(2022, 1, 1)):
    skala = SkalaPeringkat.objects.create(
        pemda=pemda, kode="perwali-6", nama="Skala enam tingkat", berlaku_mulai=berlaku_mulai,
        dasar_hukum="Peraturan Wali Kota (contoh uji)")
    for batas, label in ((101, "Melampaui"), (91, "Sangat Tinggi"), (76, "Tinggi"),
                         (66, "Sedang"), (51, "Rendah"), (None, "Sangat Rendah")):
        PitaPeringkat.objects.create(skala=skala, label=label,
                                     batas_bawah=Decimal(batas) if batas is not None else None)
    return skala


def test_without_its_own_scale_a_pemda_uses_permendagri_86_2017(demo_opd):
    assert skala_for(demo_opd.pemda, date(2023, 12, 31)) == DEFAULT_SKALA


@pytest.mark.parametrize(("tanggal", "expected"), [
    (date(2021, 12, 31), "Sangat Tinggi"),
    (date(2023, 12, 31), "Melampaui"),
], ids=["before the pemda scale is in force -> default bands",
        "once in force -> the pemda's sixth band"])
def test_a_six_band_pemda_scale_applies_from_its_date(demo_opd, tanggal, expected):
    make_six_band_scale(demo_opd.pemda)
    assert skala_for(demo_opd.pemda, tanggal).peringkat(Decimal("101.39")) == expected


def test_the_agency_page_rates_with_the_pemda_scale(client, demo_opd):
    make_six_band_scale(demo_opd.pemda)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(reverse("opd_detail", args=[demo_opd.pk])).content.decode()
    assert "Melampaui" in body


def test_a_scale_with_bad_bands_is_refused_with_a_reason(demo_opd):
    skala = SkalaPeringkat.objects.create(pemda=demo_opd.pemda, kode="rusak", nama="Rusak",
                                          berlaku_mulai=date(2022, 1, 1), dasar_hukum="-")
    PitaPeringkat.objects.create(skala=skala, label="Baik", batas_bawah=Decimal(50))
    with pytest.raises(ValueError, match="pita terakhir harus tanpa batas bawah"):
        skala_for(demo_opd.pemda, date(2023, 1, 1))


def test_the_admin_refuses_bands_that_do_not_form_a_scale(client, demo_opd):
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(reverse("admin:references_skalaperingkat_add"), {
        "pemda": demo_opd.pemda.pk, "kode": "rusak", "nama": "Rusak",
        "berlaku_mulai": "2022-01-01", "dasar_hukum": "-",
        "pita-TOTAL_FORMS": "2", "pita-INITIAL_FORMS": "0",
        "pita-0-label": "Baik", "pita-0-batas_bawah": "50", "pita-0-inklusif": "on",
        "pita-1-label": "Cukup", "pita-1-batas_bawah": "40", "pita-1-inklusif": "on",
    })
    assert response.status_code == 200  # the form again, not a redirect
    assert "pita terakhir harus tanpa batas bawah" in response.content.decode()
    assert not SkalaPeringkat.objects.filter(kode="rusak").exists()
