"""Reference lists for the pemda's administrator: the code list editions with their legal basis,
the one the pemda plans with (chosen here), each edition searchable and paginated; rating
scales read-only with their legal basis."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.organizations.models import Pemda
from akuntabel.references.models import KodeRekening, PitaPeringkat, SkalaPeringkat
from tests.builders import make_pemda, make_user
from tests.references.helpers import make_edisi, make_kode, make_sosial

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, pemda):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=pemda))
    return client


def url(pemda):
    return reverse("referensi", args=[pemda.pk])


def test_nomenclature_is_searchable_by_code_and_by_name(admin_client, pemda):
    edisi = make_edisi("uji", bawaan=True)
    make_kode(edisi, "9.99.01", "program", "Program Uji Permakanan")
    make_kode(edisi, "9.98.01", "program", "Program Lain Sekali")
    by_code = admin_client.get(url(pemda), {"q": "9.99"}).content.decode()
    assert "Program Uji Permakanan" in by_code and "Program Lain Sekali" not in by_code
    by_name = admin_client.get(url(pemda), {"q": "sekali LAIN"}).content.decode()
    assert "Program Lain Sekali" in by_name and "Program Uji Permakanan" not in by_name


def rekening_edition(n, prefix="9.9"):
    edisi = make_edisi(f"rek-{prefix}", daftar="rekening", jenis="semua")
    KodeRekening.objects.bulk_create(
        KodeRekening(edisi=edisi, kode=f"{prefix}.{i:03d}", tingkat=3, uraian=f"Rekening uji {i}")
        for i in range(n))
    return edisi


def test_account_codes_are_listed_and_paginated(admin_client, pemda):
    edisi = rekening_edition(120)
    query = {"edisi": edisi.kode, "q": "9.9."}
    first = admin_client.get(url(pemda), query).content.decode()
    assert "Rekening uji 0<" in first and "Rekening uji 60<" not in first
    second = admin_client.get(url(pemda), {**query, "halaman": "2"}).content.decode()
    assert "Rekening uji 60<" in second


def test_the_list_uses_a_fixed_number_of_queries(admin_client, pemda,
                                                 django_assert_max_num_queries):
    edisi = rekening_edition(3, "7.7")
    make_sosial()
    with django_assert_max_num_queries(14) as few:
        admin_client.get(url(pemda), {"edisi": edisi.kode})
    KodeRekening.objects.bulk_create(KodeRekening(edisi=edisi, kode=f"8.8.{i:03d}", tingkat=3,
                                                  uraian="x") for i in range(80))
    make_sosial("lain")
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url(pemda), {"edisi": edisi.kode})


def test_the_editions_are_listed_with_their_legal_basis_and_the_one_in_use(admin_client, pemda):
    make_sosial("kepmendagri-uji")
    sipd = make_sosial("sipd-uji")
    sipd.bawaan, sipd.dasar_hukum = True, "SIPD pemutakhiran (uji)"
    sipd.save()
    rekening_edition(2)
    body = admin_client.get(url(pemda)).content.decode()
    assert "Edisi kepmendagri-uji" in body and "SIPD pemutakhiran (uji)" in body
    assert "Edisi rek-9.9" in body and "1 Januari 2024" in body
    assert "PROGRAM REHABILITASI SOSIAL" in body  # the edition in use is browsed first
    assert 'value="sipd-uji" selected' not in body  # the default, not a choice of the pemda
    pemda.edisi_referensi = sipd
    pemda.save()
    assert 'value="sipd-uji" selected' in admin_client.get(url(pemda)).content.decode()


def test_another_edition_is_browsed_by_its_key(admin_client, pemda):
    pemda.edisi_referensi = make_sosial("uji")
    pemda.save()
    lain = make_edisi("lain")
    make_kode(lain, "1.06.04.2.01.0099", "sub_kegiatan", "Penyediaan Khusus Edisi Lain")
    assert "Penyediaan Khusus" not in admin_client.get(url(pemda)).content.decode()
    body = admin_client.get(url(pemda), {"edisi": "lain"}).content.decode()
    assert "Penyediaan Khusus Edisi Lain" in body


def test_the_admin_chooses_the_edition_and_the_choice_is_in_the_history(admin_client, pemda):
    make_sosial("lama")
    baru = make_sosial("baru")
    response = admin_client.post(url(pemda), {"edisi_referensi": "baru"})
    assert response.status_code == 302
    assert Pemda.objects.get(pk=pemda.pk).edisi_referensi == baru
    row = Perubahan.objects.get(pemda=pemda, kolom="edisi_referensi")
    assert row.baru == "Edisi baru"
    admin_client.post(url(pemda), {"edisi_referensi": ""})
    assert Pemda.objects.get(pk=pemda.pk).edisi_referensi is None


@pytest.mark.parametrize("pilihan", ["rek-9.9", "tidak-ada"])
def test_an_account_code_edition_or_an_unknown_one_is_refused(admin_client, pemda, pilihan):
    rekening_edition(1)
    response = admin_client.post(url(pemda), {"edisi_referensi": pilihan}, follow=True)
    assert Pemda.objects.get(pk=pemda.pk).edisi_referensi is None
    assert "tidak disimpan" in response.content.decode()


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_only_the_admin_chooses_the_edition(client, pemda, peran):
    make_sosial("baru")
    client.force_login(make_user(peran, pemda=pemda))
    assert client.post(url(pemda), {"edisi_referensi": "baru"}).status_code == 403
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(url(pemda), {"edisi_referensi": "baru"}).status_code == 404
    assert Pemda.objects.get(pk=pemda.pk).edisi_referensi is None


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
