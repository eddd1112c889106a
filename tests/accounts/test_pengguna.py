"""Users and roles of a pemda: only its administrator manages them; roles stay in the pemda;
passwords pass the validators; every change is recorded."""

import logging

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from akuntabel.accounts.models import Membership, Peran
from akuntabel.audit.models import Perubahan
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db
STRONG = "kebun-mangga-di-tepi-sungai"


def url(pemda, name="kelola_pengguna", *args):
    return reverse(name, args=[pemda.pk, *args])


def new_user(pemda, **overrides):
    data = {"username": "budi", "nama_lengkap": "Budi Santoso", "email": "budi@example.org",
            "password": STRONG, "peran": Peran.VERIFIKATOR, "perangkat_daerah": ""}
    data.update(overrides)
    return data


def test_admin_sees_the_users_of_the_pemda_with_their_roles(client, pemda, admin_pemda,
                                                            operator_dinsos):
    outsider = make_user(Peran.OPERATOR_OPD, opd=make_opd(), username="orang-lain")
    client.force_login(admin_pemda)
    body = client.get(url(pemda)).content.decode()
    assert "operator-dinsos" in body and "Sri Wahyuni" in body
    assert "Operator perangkat daerah" in body or "Operator OPD" in body
    assert "Dinas Sosial" in body
    assert outsider.username not in body


def test_user_list_uses_a_fixed_number_of_queries(client, pemda, dinsos, admin_pemda,
                                                  django_assert_max_num_queries):
    client.force_login(admin_pemda)
    make_user(Peran.OPERATOR_OPD, opd=dinsos)
    with django_assert_max_num_queries(12) as few:
        client.get(url(pemda))
    for _ in range(15):
        make_user(Peran.KEPALA_OPD, opd=dinsos)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(pemda)).status_code == 200


def test_admin_creates_a_user_with_a_role(client, pemda, admin_pemda, caplog):
    client.force_login(admin_pemda)
    with caplog.at_level(logging.INFO, logger="akuntabel.audit"):
        response = client.post(url(pemda), new_user(pemda))
    assert response.status_code == 302
    budi = User.objects.get(username="budi")
    assert budi.check_password(STRONG)
    assert (budi.first_name, budi.last_name) == ("Budi", "Santoso")
    assert Membership.objects.filter(user=budi, pemda=pemda, peran=Peran.VERIFIKATOR,
                                     perangkat_daerah=None).exists()
    assert "pengguna budi dibuat" in caplog.text and "admin-metro" in caplog.text


def test_a_weak_password_is_refused_with_the_validators_message(client, pemda, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(url(pemda), new_user(pemda, password="12345678"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kata sandi ini terlalu umum." in body
    assert "Kata sandi ini seluruhnya terdiri dari angka." in body
    assert not User.objects.filter(username="budi").exists()


def test_a_password_like_the_username_is_refused(client, pemda, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(url(pemda), new_user(pemda, username="mangga-sungai-kebun",
                                                password="mangga-sungai-kebun"))
    assert response.status_code == 400
    assert not User.objects.filter(username="mangga-sungai-kebun").exists()


def test_an_agency_role_needs_an_agency(client, pemda, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(url(pemda), new_user(pemda, peran=Peran.OPERATOR_OPD))
    assert response.status_code == 400
    assert "Peran ini memerlukan perangkat daerah" in response.content.decode()
    assert not User.objects.filter(username="budi").exists()


def test_an_agency_of_another_pemda_is_refused(client, pemda, admin_pemda):
    other_opd = make_opd()
    client.force_login(admin_pemda)
    response = client.post(url(pemda), new_user(pemda, peran=Peran.OPERATOR_OPD,
                                                perangkat_daerah=other_opd.pk))
    assert response.status_code == 400
    assert not Membership.objects.filter(perangkat_daerah=other_opd).exclude(
        user__username__startswith="user").exists()
    assert not User.objects.filter(username="budi").exists()


def test_a_taken_username_is_refused(client, pemda, admin_pemda, operator_dinsos):
    client.force_login(admin_pemda)
    response = client.post(url(pemda), new_user(pemda, username="Operator-Dinsos"))
    assert response.status_code == 400
    assert User.objects.filter(username__iexact="operator-dinsos").count() == 1


def test_admin_gives_an_agency_role_and_it_is_recorded(client, pemda, dinsos, admin_pemda,
                                                       operator_dinsos):
    client.force_login(admin_pemda)
    response = client.post(url(pemda, "pengguna_tambah_peran", operator_dinsos.pk),
                           {"peran": Peran.KEPALA_OPD, "perangkat_daerah": dinsos.pk})
    assert response.status_code == 302
    m = Membership.objects.get(user=operator_dinsos, peran=Peran.KEPALA_OPD)
    assert m.perangkat_daerah == dinsos
    change = Perubahan.objects.get(model="Membership", objek_id=m.pk)
    assert change.perangkat_daerah == dinsos and change.oleh == admin_pemda
    assert change.lama == "" and "Dinas Sosial" in change.baru


def test_a_role_in_an_agency_of_another_pemda_cannot_be_given(client, pemda, admin_pemda,
                                                              operator_dinsos):
    other_opd = make_opd()
    client.force_login(admin_pemda)
    client.post(url(pemda, "pengguna_tambah_peran", operator_dinsos.pk),
                {"peran": Peran.OPERATOR_OPD, "perangkat_daerah": other_opd.pk})
    assert not Membership.objects.filter(user=operator_dinsos,
                                         perangkat_daerah=other_opd).exists()


def test_a_user_outside_the_pemda_cannot_be_given_a_role(client, pemda, dinsos, admin_pemda):
    stranger = make_user(Peran.OPERATOR_OPD, opd=make_opd())
    client.force_login(admin_pemda)
    response = client.post(url(pemda, "pengguna_tambah_peran", stranger.pk),
                           {"peran": Peran.OPERATOR_OPD, "perangkat_daerah": dinsos.pk})
    assert response.status_code == 404
    assert not Membership.objects.filter(user=stranger, pemda=pemda).exists()


def test_admin_removes_a_role_and_it_is_recorded(client, pemda, dinsos, admin_pemda,
                                                 operator_dinsos):
    m = Membership.objects.get(user=operator_dinsos)
    client.force_login(admin_pemda)
    assert client.post(url(pemda, "pengguna_hapus_peran", m.pk)).status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    change = Perubahan.objects.get(model="Membership", objek_id=m.pk)
    assert change.baru == "" and "Dinas Sosial" in change.lama


def test_admin_cannot_remove_their_own_admin_role(client, pemda, admin_pemda):
    m = Membership.objects.get(user=admin_pemda)
    client.force_login(admin_pemda)
    client.post(url(pemda, "pengguna_hapus_peran", m.pk))
    assert Membership.objects.filter(pk=m.pk).exists()


def test_admin_deactivates_and_activates_a_user(client, pemda, admin_pemda, operator_dinsos):
    client.force_login(admin_pemda)
    client.post(url(pemda, "pengguna_status", operator_dinsos.pk), {"aktif": "0"})
    operator_dinsos.refresh_from_db()
    assert not operator_dinsos.is_active
    client.post(url(pemda, "pengguna_status", operator_dinsos.pk), {"aktif": "1"})
    operator_dinsos.refresh_from_db()
    assert operator_dinsos.is_active


def test_a_user_who_also_serves_another_pemda_is_not_deactivated_here(client, pemda,
                                                                       admin_pemda,
                                                                       operator_dinsos):
    Membership.objects.create(user=operator_dinsos, pemda=make_pemda(), peran=Peran.REVIEWER)
    client.force_login(admin_pemda)
    client.post(url(pemda, "pengguna_status", operator_dinsos.pk), {"aktif": "0"})
    operator_dinsos.refresh_from_db()
    assert operator_dinsos.is_active


def test_admin_sets_a_password_that_passes_the_validators(client, pemda, admin_pemda,
                                                          operator_dinsos):
    client.force_login(admin_pemda)
    client.post(url(pemda, "pengguna_sandi", operator_dinsos.pk), {"password": "password"})
    operator_dinsos.refresh_from_db()
    assert not operator_dinsos.check_password("password")
    client.post(url(pemda, "pengguna_sandi", operator_dinsos.pk), {"password": STRONG})
    operator_dinsos.refresh_from_db()
    assert operator_dinsos.check_password(STRONG)


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_cannot_administer_users(client, pemda, operator_dinsos, peran):
    client.force_login(make_user(peran, pemda=pemda))
    assert client.get(url(pemda)).status_code == 403
    assert client.post(url(pemda), new_user(pemda)).status_code == 403
    assert client.post(url(pemda, "pengguna_status", operator_dinsos.pk),
                       {"aktif": "0"}).status_code == 403
    assert not User.objects.filter(username="budi").exists()


def test_an_operator_gets_not_found(client, pemda, operator_dinsos):
    client.force_login(operator_dinsos)
    assert client.get(url(pemda)).status_code == 404


def test_admin_of_another_pemda_cannot_touch_this_one(client, pemda, operator_dinsos):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(url(pemda)).status_code == 404
    assert client.post(url(pemda), new_user(pemda)).status_code == 404
    m = Membership.objects.get(user=operator_dinsos)
    assert client.post(url(pemda, "pengguna_hapus_peran", m.pk)).status_code == 404
    assert client.post(url(pemda, "pengguna_status", operator_dinsos.pk),
                       {"aktif": "0"}).status_code == 404
    assert Membership.objects.filter(pk=m.pk).exists()


def test_admin_of_pemda_a_cannot_remove_a_role_of_pemda_b_through_own_url(client, pemda,
                                                                         admin_pemda):
    other = make_user(Peran.OPERATOR_OPD, opd=make_opd())
    m = Membership.objects.get(user=other)
    client.force_login(admin_pemda)
    assert client.post(url(pemda, "pengguna_hapus_peran", m.pk)).status_code == 404
    assert Membership.objects.filter(pk=m.pk).exists()


def test_anonymous_visitor_is_sent_to_login(client, pemda):
    response = client.get(url(pemda))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_changes_are_post_only(client, pemda, admin_pemda, operator_dinsos):
    client.force_login(admin_pemda)
    assert client.get(url(pemda, "pengguna_status", operator_dinsos.pk)).status_code == 405
