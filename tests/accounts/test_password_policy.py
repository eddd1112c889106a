"""The password policy: at least 12 characters, no common password or Indonesian word (with or
without numbers), no name of the user's pemda or OPD; in Indonesian; applied wherever a user is
created (the pemda's user page, the demo users)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.cli import DEMO_USERS
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def metro():
    return make_pemda(kode="kota-metro-uji", nama="Kota Metro")


@pytest.fixture
def dinas_sosial(metro):
    return make_opd(pemda=metro, kode="dinsos-uji", nama="Dinas Sosial", singkatan="Dinsos")


def refused(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


@pytest.mark.parametrize("password", [
    pytest.param("akuntabel", id="the application's name, too short"),
    pytest.param("Metro2024", id="the city and a year, too short"),
    pytest.param("dinsos123", id="the agency's abbreviation and digits, too short"),
    pytest.param("sebelas-hur", id="eleven characters"),
])
def test_a_password_shorter_than_12_characters_is_refused(password):
    assert "12 karakter" in refused(password)


@pytest.mark.parametrize("password", [
    pytest.param("bismillah123", id="a religious phrase with digits"),
    pytest.param("Indonesia2024!", id="the country with a year and a symbol"),
    pytest.param("katasandi2025", id="'password' in Indonesian with a year"),
    pytest.param("akusayangkamu", id="a term of endearment"),
    pytest.param("Password12345", id="an English common password with digits"),
    pytest.param("123qwertyuiop", id="a keyboard row behind digits"),
])
def test_a_common_password_or_indonesian_word_is_refused_with_or_without_numbers(password):
    assert "terlalu umum" in refused(password)


@pytest.mark.parametrize("password", [
    pytest.param("kotametro-kuat", id="the pemda's name without its space"),
    pytest.param("KOTA METRO 2024 aman", id="the pemda's name in capitals with spaces"),
    pytest.param("di-metro-saja-lah", id="the distinctive word of the pemda's name"),
    pytest.param("dinsos-hebat-2024", id="the OPD's abbreviation"),
    pytest.param("Dinas Sosial 1945!", id="the OPD's name"),
    pytest.param("sosial-media-ok", id="the distinctive word of the OPD's name"),
])
def test_a_password_with_the_users_pemda_or_opd_name_is_refused(password, dinas_sosial):
    user = make_user(Peran.OPERATOR_OPD, opd=dinas_sosial)
    assert "nama daerah atau perangkat daerah" in refused(password, user)


def test_the_name_of_another_pemda_is_not_refused(dinas_sosial):
    user = make_user(Peran.OPERATOR_OPD, opd=make_opd())
    assert refused("kotametro-kuat", user) == ""


@pytest.mark.parametrize("password", [
    pytest.param("kebun-mangga-di-tepi-sungai", id="a few unrelated words"),
    pytest.param("Tiga ekor bebek berenang", id="a sentence with spaces"),
])
def test_a_long_uncommon_password_passes(password, dinas_sosial):
    assert refused(password, make_user(Peran.OPERATOR_OPD, opd=dinas_sosial)) == ""


def test_the_demo_passwords_pass_the_policy(metro, dinas_sosial):
    for username, peran, _, password in DEMO_USERS:
        user = make_user(peran, opd=dinas_sosial, pemda=metro, username=username)
        assert refused(password, user) == "", username


def test_the_pemda_user_page_refuses_a_new_password_with_the_chosen_opd_name(client, metro,
                                                                             dinas_sosial):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=metro))
    response = client.post(reverse("kelola_pengguna", args=[metro.pk]), {
        "username": "budi", "nama_lengkap": "Budi Santoso", "email": "",
        "password": "dinsos-jaya-selalu", "peran": Peran.OPERATOR_OPD,
        "perangkat_daerah": dinas_sosial.pk})
    assert response.status_code == 400
    assert "nama daerah atau perangkat daerah" in response.content.decode()


def test_the_pemda_user_page_refuses_the_pemda_name_for_a_pemda_wide_role(client, metro):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=metro))
    response = client.post(reverse("kelola_pengguna", args=[metro.pk]), {
        "username": "budi", "nama_lengkap": "Budi Santoso", "email": "",
        "password": "Kota Metro Lampung", "peran": Peran.VERIFIKATOR, "perangkat_daerah": ""})
    assert response.status_code == 400
    assert "nama daerah atau perangkat daerah" in response.content.decode()
