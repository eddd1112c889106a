"""Reference lists for the pemda's administrator: code lists searchable and paginated, rating
scales read-only with their legal basis."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.references.models import KodeNomenklatur, KodeRekening, PitaPeringkat, SkalaPeringkat
from tests.builders import make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, pemda):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=pemda))
    return client


def url(pemda):
    return reverse("referensi", args=[pemda.pk])


def test_nomenclature_is_searchable_by_code_and_by_name(admin_client, pemda):
    KodeNomenklatur.objects.create(kode="9.99.01", tingkat="program", nama="Program Uji Permakanan")
    KodeNomenklatur.objects.create(kode="9.98.01", tingkat="program", nama="Program Lain Sekali")
    by_code = admin_client.get(url(pemda), {"q": "9.99"}).content.decode()
    assert "Program Uji Permakanan" in by_code and "Program Lain Sekali" not in by_code
    by_name = admin_client.get(url(pemda), {"q": "lain sekali"}).content.decode()
    assert "Program Lain Sekali" in by_name and "Program Uji Permakanan" not in by_name


def test_account_codes_are_listed_and_paginated(admin_client, pemda):
    KodeRekening.objects.bulk_create(
        KodeRekening(kode=f"9.9.{i:03d}", tingkat=3, uraian=f"Rekening uji {i}")
        for i in range(120))
    first = admin_client.get(url(pemda), {"daftar": "rekening", "q": "9.9."}).content.decode()
    assert "Rekening uji 0<" in first and "Rekening uji 60<" not in first
    second = admin_client.get(url(pemda), {"daftar": "rekening", "q": "9.9.",
                                           "halaman": "2"}).content.decode()
    assert "Rekening uji 60<" in second


def test_the_list_uses_a_fixed_number_of_queries(admin_client, pemda,
                                                 django_assert_max_num_queries):
    KodeRekening.objects.bulk_create(KodeRekening(kode=f"7.7.{i}", tingkat=3, uraian="x")
                                     for i in range(3))
    with django_assert_max_num_queries(12) as few:
        admin_client.get(url(pemda), {"daftar": "rekening"})
    KodeRekening.objects.bulk_create(KodeRekening(kode=f"8.8.{i:03d}", tingkat=3, uraian="x")
                                     for i in range(80))
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url(pemda), {"daftar": "rekening"})


def test_rating_scales_show_their_legal_basis(admin_client, pemda):
    skala = SkalaPeringkat.objects.create(pemda=pemda, kode="perwali", nama="Skala Perwali",
                                          berlaku_mulai=date(2024, 1, 1),
                                          dasar_hukum="Peraturan Wali Kota 12/2023")
    PitaPeringkat.objects.create(skala=skala, batas_bawah=Decimal("90.5"), label="Istimewa")
    PitaPeringkat.objects.create(skala=skala, batas_bawah=None, label="Kurang")
    body = admin_client.get(url(pemda)).content.decode()
    assert "Peraturan Wali Kota 12/2023" in body and "1 Januari 2024" in body
    assert "Istimewa" in body and "90,5" in body
    assert "Permendagri 86/2017" in body  # the default, always shown


def test_a_bad_page_or_list_does_not_crash(admin_client, pemda):
    assert admin_client.get(url(pemda), {"daftar": "x", "halaman": "abc"}).status_code == 200


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_are_refused(client, pemda, peran):
    client.force_login(make_user(peran, pemda=pemda))
    assert client.get(url(pemda)).status_code == 403


def test_admin_of_another_pemda_gets_not_found(client, pemda):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(url(pemda)).status_code == 404


def test_django_admin_link_only_for_superusers(client, pemda):
    admin = make_user(Peran.ADMIN_PEMDA, pemda=pemda)
    client.force_login(admin)
    assert "/admin/" not in client.get(url(pemda)).content.decode()
    admin.is_superuser = admin.is_staff = True
    admin.save()
    assert "/admin/" in client.get(url(pemda)).content.decode()


def test_anonymous_visitor_is_sent_to_login(client, pemda):
    assert client.get(url(pemda)).status_code == 302
