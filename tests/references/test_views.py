"""The code list search as JSON for the pickers: any member of a pemda, on its edition."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_pemda, make_user
from tests.references.helpers import make_kode, make_sosial

pytestmark = pytest.mark.django_db
URL = "/referensi/nomenklatur/"


def test_the_url_is_named():
    assert reverse("referensi_nomenklatur") == URL


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD, Peran.ADMIN_PEMDA,
                                   Peran.VERIFIKATOR, Peran.REVIEWER])
def test_a_member_of_any_role_searches_the_pemdas_edition(client, peran):
    edisi = make_sosial()
    pemda = make_pemda(edisi_referensi=edisi)
    client.force_login(make_user(peran, opd=make_opd(pemda), pemda=pemda))
    body = client.get(URL, {"q": "sandang"}).json()
    assert body["edisi"] == {"kode": "uji", "nama": "Edisi uji"}
    assert body["hasil"] == [{
        "kode": "1.06.04.2.01.0002", "tingkat": "sub_kegiatan", "nama": "Penyediaan Sandang",
        "kinerja": "Kinerja Penyediaan Sandang", "indikator": "Jumlah Penyediaan Sandang",
        "satuan": "Dokumen", "kode_daftar": "1.06.04.2.01.0002"}]


def test_level_parent_and_limit_are_passed_on(client):
    pemda = make_pemda(edisi_referensi=make_sosial())
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=pemda))
    body = client.get(URL, {"induk": "1.06.01", "tingkat": "kegiatan"}).json()
    assert [r["kode"] for r in body["hasil"]] == ["1.06.01.2.01"]
    assert len(client.get(URL, {"batas": "3"}).json()["hasil"]) == 3
    assert len(client.get(URL, {"batas": "999", "tingkat": "x"}).json()["hasil"]) == 13


def test_another_edition_is_asked_by_its_key(client):
    pemda = make_pemda(edisi_referensi=make_sosial())
    lain = make_sosial("lain")
    make_kode(lain, "1.06.04.2.01.0003", "sub_kegiatan", "Penyediaan Alat Bantu")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda)))
    assert client.get(URL, {"q": "alat bantu"}).json()["hasil"] == []
    hasil = client.get(URL, {"q": "alat bantu", "edisi": "lain"}).json()["hasil"]
    assert [r["kode"] for r in hasil] == ["1.06.04.2.01.0003"]
    assert client.get(URL, {"edisi": "tidak-ada"}).status_code == 404


def test_without_a_choice_the_default_edition_of_the_pemdas_kind_applies(client):
    make_sosial("kabkota-lama")
    baru = make_sosial("kabkota-baru")
    baru.bawaan = True
    baru.save()
    provinsi = make_sosial("provinsi")
    provinsi.jenis, provinsi.bawaan = "provinsi", True
    provinsi.save()
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda(jenis="kabupaten")))
    assert client.get(URL).json()["edisi"]["kode"] == "kabkota-baru"
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda(jenis="provinsi")))
    assert client.get(URL).json()["edisi"]["kode"] == "provinsi"


def test_without_any_list_loaded_the_answer_is_empty(client):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(URL, {"q": "sosial"}).json() == {"edisi": None, "hasil": []}


def test_a_member_asks_for_his_own_pemda_only(client):
    pemda = make_pemda(edisi_referensi=make_sosial())
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=pemda))
    assert client.get(URL, {"pemda": pemda.pk}).status_code == 200
    assert client.get(URL, {"pemda": make_pemda().pk}).status_code == 404
    assert client.get(URL, {"pemda": "abc"}).status_code == 404


def test_a_user_without_a_role_in_a_pemda_gets_not_found(client):
    make_sosial()
    client.force_login(make_user())
    assert client.get(URL, {"q": "sandang"}).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL, {"q": "sandang"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_only_get_is_answered(client):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(URL).status_code == 405
