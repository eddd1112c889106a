"""Two people on the same PK: every form names the version of the PK it was read from; a save
or an action on an older version is refused, naming who changed it and when, and nothing is
written. A form without a version, or with one that is not a number, is refused too."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.plans.models import PerjanjianKinerja
from tests.builders import make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023


@pytest.fixture
def pk(demo_opd):
    return PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")


def post(client, user, name, pk, **data):
    client.force_login(user)
    return client.post(reverse(name, args=[pk.perangkat_daerah_id, pk.tahun]),
                       {"perjanjian": pk.pk, **data}, follow=True)


def target(pk):
    return pk.baris.values_list("target_teks", flat=True).get()


def test_the_page_carries_the_version_in_every_form(client, pk, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(reverse("pk_detail", args=[demo_opd.pk, TAHUN])).content.decode()
    assert body.count(f'name="versi" value="{pk.versi}"') == 2  # edit and submit


def test_the_later_of_two_edits_from_the_same_version_is_refused(client, pk, demo_opd):
    ani = make_user(Peran.OPERATOR_OPD, opd=demo_opd, first_name="Ani", last_name="Lestari")
    budi = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    versi = pk.versi
    row = f"target_{pk.baris.get().pk}"
    first = post(client, ani, "pk_ubah", pk, versi=versi, **{row: "92"})
    assert "Perjanjian Kinerja disimpan." in first.content.decode()
    second = post(client, budi, "pk_ubah", pk, versi=versi, **{row: "95"})
    body = second.content.decode()
    assert second.status_code == 409
    assert "diubah oleh Ani Lestari pada" in body and "tidak disimpan" in body
    assert 'value="95"' in body  # what was typed is shown again, not lost
    assert target(pk) == "92"
    assert not Perubahan.objects.filter(oleh=budi).exists()
    pk.refresh_from_db()
    assert pk.versi == versi + 1


@pytest.mark.parametrize("versi", [None, "", "dua", "-1", "1.0"],
                         ids=["no version", "empty version", "a word", "negative", "decimal"])
def test_a_save_without_a_usable_version_is_refused(client, pk, demo_opd, versi):
    data = {f"target_{pk.baris.get().pk}": "99"}
    if versi is not None:
        data["versi"] = versi
    response = post(client, make_user(Peran.OPERATOR_OPD, opd=demo_opd), "pk_ubah", pk, **data)
    assert response.status_code == 400
    assert "versi" in response.content.decode()
    assert target(pk) == "91.5 %"


def test_signing_what_changed_since_the_page_was_read_is_refused(client, pk, demo_opd):
    operator = make_user(Peran.OPERATOR_OPD, opd=demo_opd, first_name="Ani", last_name="Lestari")
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd)
    post(client, operator, "pk_ajukan", pk, versi=pk.versi)
    pk.refresh_from_db()
    seen = pk.versi  # the kepala opens the page to sign it
    post(client, kepala, "pk_kembalikan", pk, versi=seen, alasan="cek lagi")
    pk.refresh_from_db()
    post(client, operator, "pk_ubah", pk, versi=pk.versi, **{f"target_{pk.baris.get().pk}": "50"})
    pk.refresh_from_db()
    post(client, operator, "pk_ajukan", pk, versi=pk.versi)
    body = post(client, kepala, "pk_tandatangani", pk, versi=seen).content.decode()
    assert "diubah oleh Ani Lestari pada" in body
    pk.refresh_from_db()
    assert pk.status == "diajukan" and pk.ditandatangani_oleh is None


@pytest.mark.parametrize("action", ["pk_ajukan", "pk_tandatangani", "pk_kembalikan"])
def test_an_action_without_a_version_is_refused(client, pk, demo_opd, action):
    if action != "pk_ajukan":
        pk.status = "diajukan"
        pk.save()
    user = make_user(Peran.KEPALA_OPD, opd=demo_opd)
    body = post(client, user, action, pk, alasan="x").content.decode()
    assert "versi" in body
    status = pk.status
    pk.refresh_from_db()
    assert pk.status == status


def test_a_change_in_the_django_admin_makes_an_open_pk_form_stale(client, pk, demo_opd):
    superuser = make_user(is_superuser=True, is_staff=True, first_name="Dewi", last_name="Admin")
    versi = pk.versi
    client.force_login(superuser)
    url = reverse("admin:plans_perjanjiankinerja_change", args=[pk.pk])
    assert client.get(url).status_code == 200
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(versi=versi + 1)  # as an admin save does
    response = post(client, make_user(Peran.OPERATOR_OPD, opd=demo_opd), "pk_ubah", pk,
                    versi=versi, **{f"target_{pk.baris.get().pk}": "70"})
    assert response.status_code == 409
    assert target(pk) == "91.5 %"
    assert Decimal("91.5") == pk.baris.get().target
