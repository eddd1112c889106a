"""Two administrators editing the same official: the edit form names the version it read; the
later save from an older version is refused, naming who saved and when, and nothing is written.
A form without a version, or with one that is not a number, is refused too."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from tests.builders import make_pejabat, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def kepala(dinsos):
    return make_pejabat(dinsos, jabatan="Kepala Dinas Sosial")


def data(kepala, **overrides):
    values = {"perangkat_daerah": kepala.perangkat_daerah_id, "peran": "kepala",
              "nama": kepala.nama, "nip": "", "pangkat": "", "golongan": "",
              "jabatan": kepala.jabatan, "urutan": "0", "catatan": "", "versi": kepala.versi}
    values.update(overrides)
    return values


def url(pemda, kepala):
    return reverse("ubah_pejabat", args=[pemda.pk, kepala.pk])


def test_the_edit_form_carries_the_version(client, pemda, admin_pemda, kepala):
    client.force_login(admin_pemda)
    body = client.get(url(pemda, kepala)).content.decode()
    assert 'type="hidden" name="versi" value="1"' in body


def test_the_later_of_two_saves_from_the_same_version_is_refused(client, pemda, admin_pemda,
                                                                 kepala):
    ani = make_user(Peran.ADMIN_PEMDA, pemda=pemda, first_name="Ani", last_name="Lestari")
    client.force_login(ani)
    first = client.post(url(pemda, kepala), data(kepala, nama="Sri Amanto, S.H."))
    assert first.status_code == 302
    client.force_login(admin_pemda)
    second = client.post(url(pemda, kepala), data(kepala, nama="Sri Amanto, M.H."))
    body = second.content.decode()
    assert second.status_code == 409
    assert "diubah oleh Ani Lestari pada" in body and "tidak disimpan" in body
    assert "Sri Amanto, M.H." in body  # what was typed is shown again
    kepala.refresh_from_db()
    assert kepala.nama == "Sri Amanto, S.H." and kepala.versi == 2
    assert not Perubahan.objects.filter(oleh=admin_pemda).exists()


@pytest.mark.parametrize("versi", [None, "", "dua", "-1"],
                         ids=["no version", "empty version", "a word", "negative"])
def test_a_save_without_a_usable_version_is_refused(client, pemda, admin_pemda, kepala, versi):
    values = data(kepala, nama="Diubah")
    if versi is None:
        del values["versi"]
    else:
        values["versi"] = versi
    client.force_login(admin_pemda)
    response = client.post(url(pemda, kepala), values)
    assert response.status_code == 400
    assert "versi" in response.content.decode()
    kepala.refresh_from_db()
    assert kepala.nama == "Sri Amanto"


def test_a_django_admin_save_makes_an_open_form_stale(client, pemda, admin_pemda, kepala):
    from akuntabel.organizations.models import Pejabat
    opened = kepala.versi
    Pejabat.objects.filter(pk=kepala.pk).update(versi=opened + 1, nama="Dari Admin")
    client.force_login(admin_pemda)
    response = client.post(url(pemda, kepala), data(kepala, versi=opened, nama="Dari Form"))
    assert response.status_code == 409
    kepala.refresh_from_db()
    assert kepala.nama == "Dari Admin"


def test_adding_an_official_needs_no_version(client, pemda, dinsos, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(reverse("kelola_pejabat", args=[pemda.pk]),
                           {"perangkat_daerah": dinsos.pk, "peran": "sekretaris", "nama": "Ani",
                            "jabatan": "Sekretaris", "urutan": "1"})
    assert response.status_code == 302
