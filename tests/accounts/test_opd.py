"""The agencies of a pemda: listed and added by its administrator."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.organizations.models import PerangkatDaerah
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


def test_admin_lists_and_adds_agencies(client, pemda):
    make_opd(pemda=pemda, nama="Dinas Sosial")
    admin = make_user(Peran.ADMIN_PEMDA, pemda=pemda)
    client.force_login(admin)
    assert "Dinas Sosial" in client.get(reverse("kelola_opd", args=[pemda.pk])).content.decode()
    response = client.post(reverse("kelola_opd", args=[pemda.pk]),
                           {"kode": "dinas-kesehatan", "nama": "Dinas Kesehatan",
                            "singkatan": "Dinkes"})
    assert response.status_code == 302
    dinkes = PerangkatDaerah.objects.get(pemda=pemda, kode="dinas-kesehatan")
    assert Perubahan.objects.filter(perangkat_daerah=dinkes, kolom="nama",
                                    baru="Dinas Kesehatan", oleh=admin).exists()


def test_a_key_taken_in_the_pemda_is_refused(client, pemda):
    make_opd(pemda=pemda, kode="dinas-sosial")
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=pemda))
    response = client.post(reverse("kelola_opd", args=[pemda.pk]),
                           {"kode": "dinas-sosial", "nama": "Dinas Sosial Kedua"})
    assert response.status_code == 400
    assert PerangkatDaerah.objects.filter(pemda=pemda, kode="dinas-sosial").count() == 1


def test_the_same_key_in_another_pemda_is_allowed(client, pemda):
    make_opd(kode="dinas-sosial")
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=pemda))
    response = client.post(reverse("kelola_opd", args=[pemda.pk]),
                           {"kode": "dinas-sosial", "nama": "Dinas Sosial"})
    assert response.status_code == 302


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_cannot_add_agencies(client, pemda, peran):
    client.force_login(make_user(peran, pemda=pemda))
    response = client.post(reverse("kelola_opd", args=[pemda.pk]), {"kode": "x", "nama": "X"})
    assert response.status_code == 403
    assert not PerangkatDaerah.objects.filter(pemda=pemda, kode="x").exists()


def test_admin_of_another_pemda_gets_not_found(client, pemda):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(reverse("kelola_opd", args=[pemda.pk]),
                       {"kode": "x", "nama": "X"}).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, pemda):
    assert client.get(reverse("kelola_opd", args=[pemda.pk])).status_code == 302
