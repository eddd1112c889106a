"""Every logged-in user changes their own password: the old one is asked, the new one follows
the policy, and the session stays valid after the change."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.access import assert_sends_anonymous_to_login
from tests.builders import make_user

pytestmark = pytest.mark.django_db
OLD = "sandi-uji-yang-panjang"  # tests.builders.make_user
NEW = "kebun-mangga-di-tepi-sungai"


def change(client, old=OLD, new=NEW, new2=None):
    return client.post(reverse("ganti_sandi"), {
        "old_password": old, "new_password1": new, "new_password2": new2 or new})


def test_the_page_is_linked_from_the_header_in_indonesian(client, operator_dinsos):
    client.force_login(operator_dinsos)
    body = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("ganti_sandi")}"' in body
    page = client.get(reverse("ganti_sandi"))
    assert page.status_code == 200
    assert "Ganti kata sandi" in page.content.decode()


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.ADMIN_PEMDA, Peran.REVIEWER])
def test_a_user_changes_their_password_and_stays_logged_in(client, dinsos, peran):
    user = make_user(peran, opd=dinsos, pemda=dinsos.pemda)
    client.force_login(user)
    response = change(client)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.check_password(OLD)
    home = client.get(reverse("home"))
    assert home.wsgi_request.user == user  # the session survived the change
    assert "Kata sandi Anda telah diganti" in home.content.decode()


def test_a_wrong_old_password_is_refused(client, operator_dinsos):
    client.force_login(operator_dinsos)
    response = change(client, old="bukan-sandi-lama-ini")
    assert response.status_code == 400
    assert "Sandi lama Anda yang dimasukkan salah" in response.content.decode()
    operator_dinsos.refresh_from_db()
    assert operator_dinsos.check_password(OLD)


@pytest.mark.parametrize("new, message", [
    pytest.param("Metro2024", "12 karakter", id="too short"),
    pytest.param("bismillah2024", "terlalu umum", id="a common Indonesian word with a year"),
    pytest.param("dinas-sosial-juara", "nama daerah atau perangkat daerah",
                 id="the user's own OPD name"),
])
def test_a_weak_new_password_is_refused(client, operator_dinsos, new, message):
    client.force_login(operator_dinsos)
    response = change(client, new=new)
    assert response.status_code == 400
    assert message in response.content.decode()
    operator_dinsos.refresh_from_db()
    assert operator_dinsos.check_password(OLD)


def test_two_different_new_passwords_are_refused(client, operator_dinsos):
    client.force_login(operator_dinsos)
    assert change(client, new2=NEW + "x").status_code == 400


def test_the_change_is_recorded_in_the_pemda_history_without_the_password(client, pemda,
                                                                            operator_dinsos):
    from akuntabel.audit.models import Perubahan

    client.force_login(operator_dinsos)
    change(client)
    row = Perubahan.objects.get(model="User", objek_id=operator_dinsos.pk, kolom="kata sandi")
    assert row.pemda == pemda and row.baru == "diganti sendiri" and NEW not in str(row.__dict__)


def test_anonymous_visitor_is_sent_to_login(client):
    assert_sends_anonymous_to_login(client, reverse("ganti_sandi"))
