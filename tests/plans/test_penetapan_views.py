"""The penetapan actions of the Renstra editor: the kepala OPD or the admin pemda establishes a
version, only the admin pemda undoes it (with a reason); an operator, a reader of the pemda and
another agency's staff cannot; the editor says when the plan changed since."""

from datetime import date

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans import penetapan
from akuntabel.plans.models import Renstra
from tests.builders import make_indikator, make_opd, make_renstra, make_sasaran, make_user

pytestmark = pytest.mark.django_db

TETAPKAN = {"dasar_hukum": "Peraturan Wali Kota Uji Nomor 5 Tahun 2021",
            "tanggal_dasar_hukum": "2021-08-17", "alasan": ""}


@pytest.fixture
def renstra(opd):
    renstra = make_renstra(opd)
    make_indikator(sasaran=make_sasaran(renstra.tujuan.create(uraian="Tujuan uji")))
    return renstra


def orang(opd, siapa):
    return {
        "kepala": lambda: make_user(Peran.KEPALA_OPD, opd=opd),
        "admin": lambda: make_user(Peran.ADMIN_PEMDA, pemda=opd.pemda),
        "operator": lambda: make_user(Peran.OPERATOR_OPD, opd=opd),
        "verifikator": lambda: make_user(Peran.VERIFIKATOR, pemda=opd.pemda),
        "other agency": lambda: make_user(Peran.KEPALA_OPD, opd=make_opd(opd.pemda)),
    }[siapa]()


@pytest.mark.parametrize("siapa, status", [
    ("kepala", 302), ("admin", 302), ("operator", 403), ("verifikator", 403),
    ("other agency", 404)],
    ids=["the kepala OPD establishes", "the admin pemda establishes",
         "the operator drafts but may not establish", "a reader of the pemda may not",
         "another agency's kepala learns nothing (404)"])
def test_who_may_establish(client, renstra, opd, siapa, status):
    client.force_login(orang(opd, siapa))
    response = client.post(reverse("renstra_tetapkan", args=[renstra.pk]), TETAPKAN)
    assert response.status_code == status
    renstra.refresh_from_db()
    assert (renstra.status == Renstra.Status.DITETAPKAN) == (status == 302)


def test_anonymous_is_sent_to_login(client, renstra):
    response = client.post(reverse("renstra_tetapkan", args=[renstra.pk]), TETAPKAN)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_missing_date_is_refused_with_its_message(client, renstra, opd):
    client.force_login(orang(opd, "kepala"))
    response = client.post(reverse("renstra_tetapkan", args=[renstra.pk]),
                           {**TETAPKAN, "tanggal_dasar_hukum": ""}, follow=True)
    assert "Tanggal dasar hukum" in response.content.decode()
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DRAFT


@pytest.mark.parametrize("siapa, status", [("admin", 302), ("kepala", 403)],
                         ids=["the admin pemda undoes", "the kepala may not undo"])
def test_only_the_admin_undoes(client, renstra, opd, siapa, status):
    penetapan.tetapkan(renstra, dasar_hukum=TETAPKAN["dasar_hukum"],
                       tanggal_dasar_hukum=date(2021, 8, 17), alasan="", user=None)
    client.force_login(orang(opd, siapa))
    response = client.post(reverse("renstra_batal_tetapkan", args=[renstra.pk]),
                           {"alasan": "Nomor perwali keliru"})
    assert response.status_code == status
    renstra.refresh_from_db()
    assert (renstra.status == Renstra.Status.DRAFT) == (status == 302)


def test_the_editor_says_established_and_changed_since(client, renstra, opd):
    kepala = orang(opd, "kepala")
    client.force_login(kepala)
    editor = reverse("renstra_editor", args=[renstra.pk])
    assert "Tetapkan Renstra" in client.get(editor).content.decode()
    client.post(reverse("renstra_tetapkan", args=[renstra.pk]), TETAPKAN)
    body = client.get(editor).content.decode()
    assert "Ditetapkan 17 Agustus 2021 (Peraturan Wali Kota Uji Nomor 5 Tahun 2021)" in body
    assert "telah berubah sejak penetapannya" not in body
    assert reverse("portal:renstra", args=[opd.pemda_id, renstra.pk]) in client.get(
        reverse("renstra_list", args=[opd.pk])).content.decode()   # the list links it
    renstra.tujuan.create(uraian="Tujuan baru setelah penetapan")
    body = client.get(editor).content.decode()
    assert "telah berubah sejak penetapannya (tujuan dan sasaran)" in body
