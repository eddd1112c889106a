"""Officials of a pemda's agencies: listed, added and edited by the pemda's administrator, each
change recorded in the agency's history."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.organizations.models import Pejabat
from tests.builders import make_opd, make_pejabat, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def kepala(dinsos):
    return make_pejabat(dinsos, nip="1968042019930310009", jabatan="Kepala Dinas Sosial")


def data(opd, **overrides):
    values = {"perangkat_daerah": opd.pk, "peran": "sekretaris", "nama": "Ani Lestari",
              "nip": "19750101 200003 2 001", "pangkat": "Pembina", "golongan": "IV/a",
              "jabatan": "Sekretaris Dinas Sosial", "urutan": "2", "catatan": ""}
    values.update(overrides)
    return values


def test_admin_lists_the_officials_of_every_agency(client, pemda, admin_pemda, kepala):
    other = make_pejabat(nama="Orang Lain")
    client.force_login(admin_pemda)
    body = client.get(reverse("kelola_pejabat", args=[pemda.pk])).content.decode()
    assert "Sri Amanto" in body and "Kepala Dinas Sosial" in body
    assert other.nama not in body


def test_admin_adds_an_official_and_it_is_recorded(client, pemda, dinsos, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(reverse("kelola_pejabat", args=[pemda.pk]), data(dinsos))
    assert response.status_code == 302
    ani = Pejabat.objects.get(nama="Ani Lestari")
    assert ani.nip == "197501012000032001"
    changes = {c.kolom: c for c in Perubahan.objects.filter(model="Pejabat", objek_id=ani.pk)}
    assert changes["nama"].baru == "Ani Lestari" and changes["nama"].lama == ""
    assert changes["nama"].perangkat_daerah == dinsos and changes["nama"].oleh == admin_pemda


def test_admin_edits_an_official_and_only_the_changed_fields_are_recorded(client, pemda, dinsos,
                                                                         admin_pemda, kepala):
    client.force_login(admin_pemda)
    response = client.post(reverse("ubah_pejabat", args=[pemda.pk, kepala.pk]),
                           data(dinsos, peran="kepala", nama="Sri Amanto, S.H., M.H.",
                                nip="1968042019930310009", jabatan="Kepala Dinas Sosial",
                                pangkat="", golongan="", urutan="0", versi=kepala.versi))
    assert response.status_code == 302
    kepala.refresh_from_db()
    assert kepala.nama == "Sri Amanto, S.H., M.H."
    assert kepala.nip == "1968042019930310009"  # printed 19-digit NIP kept: not retyped
    changes = list(Perubahan.objects.filter(model="Pejabat", objek_id=kepala.pk))
    assert [(c.kolom, c.lama, c.baru) for c in changes] == [
        ("nama", "Sri Amanto", "Sri Amanto, S.H., M.H.")]


def test_a_typed_nip_must_have_18_digits(client, pemda, dinsos, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(reverse("kelola_pejabat", args=[pemda.pk]), data(dinsos, nip="1975"))
    assert response.status_code == 400
    assert "NIP terdiri atas 18 angka" in response.content.decode()
    assert not Pejabat.objects.filter(nama="Ani Lestari").exists()


def test_an_official_cannot_be_put_in_an_agency_of_another_pemda(client, pemda, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(reverse("kelola_pejabat", args=[pemda.pk]), data(make_opd()))
    assert response.status_code == 400
    assert not Pejabat.objects.filter(nama="Ani Lestari").exists()


def test_an_official_of_another_pemda_is_not_found(client, pemda, admin_pemda):
    other = make_pejabat(nama="X")
    client.force_login(admin_pemda)
    assert client.get(reverse("ubah_pejabat", args=[pemda.pk, other.pk])).status_code == 404


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_cannot_edit_officials(client, pemda, dinsos, kepala, peran):
    client.force_login(make_user(peran, pemda=pemda))
    assert client.get(reverse("kelola_pejabat", args=[pemda.pk])).status_code == 403
    response = client.post(reverse("ubah_pejabat", args=[pemda.pk, kepala.pk]),
                           data(dinsos, nama="Diubah"))
    assert response.status_code == 403
    kepala.refresh_from_db()
    assert kepala.nama == "Sri Amanto"


def test_admin_of_another_pemda_gets_not_found(client, pemda, kepala):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(reverse("kelola_pejabat", args=[pemda.pk])).status_code == 404
    assert client.get(reverse("ubah_pejabat", args=[pemda.pk, kepala.pk])).status_code == 404


def test_operator_gets_not_found(client, pemda, dinsos):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=dinsos))
    assert client.get(reverse("kelola_pejabat", args=[pemda.pk])).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, pemda):
    response = client.get(reverse("kelola_pejabat", args=[pemda.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
