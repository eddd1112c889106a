"""The triwulan's report workflow: ajukan (operator), verifikasi / kembalikan / buka
(verifikator), with the rights, the required notes, the lock and the history."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.builders import make_opd, make_pemda, make_user
from tests.results.helpers import TAHUN, grid_post, indikator_of, make_grid_opd, operator_of

pytestmark = pytest.mark.django_db


def status_url(opd, triwulan=2):
    return reverse("realisasi_status", args=[opd.pk, TAHUN, triwulan])


def status_of(opd, triwulan=2):
    row = PelaporanTriwulan.objects.filter(perangkat_daerah=opd, tahun=TAHUN,
                                           triwulan=triwulan).first()
    return row.status if row else "draft"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def opd():
    return make_grid_opd(2)


@pytest.fixture
def verifikator(opd):
    return make_user(Peran.VERIFIKATOR, pemda=opd.pemda)


def test_full_cycle_with_history_on_the_page(client, opd, verifikator):
    client.force_login(operator_of(opd))
    body = client.get(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2])).content.decode()
    assert 'data-testid="ajukan"' in body and 'data-status="draft"' in body
    client.post(status_url(opd), {"aksi": "ajukan"})
    assert status_of(opd) == "diajukan"
    client.force_login(verifikator)
    client.post(status_url(opd), {"aksi": "kembalikan", "catatan": "TW II belum lengkap"})
    assert status_of(opd) == "dikembalikan"
    client.force_login(operator_of(opd))
    client.post(status_url(opd), {"aksi": "ajukan"})
    client.force_login(verifikator)
    response = client.post(status_url(opd), {"aksi": "verifikasi"}, follow=True)
    assert status_of(opd) == "diverifikasi"
    body = response.content.decode()
    assert 'data-status="diverifikasi"' in body and 'data-testid="buka"' in body
    assert "TW II belum lengkap" in body  # the history shows the note
    pelaporan = PelaporanTriwulan.objects.get(perangkat_daerah=opd, tahun=TAHUN, triwulan=2)
    changes = list(Perubahan.objects.filter(model="PelaporanTriwulan", objek_id=pelaporan.pk,
                                            kolom="status").order_by("id"))
    assert [(c.lama, c.baru) for c in changes] == [
        ("draft", "diajukan"), ("diajukan", "dikembalikan"), ("dikembalikan", "diajukan"),
        ("diajukan", "diverifikasi")]
    assert changes[1].alasan == "TW II belum lengkap" and changes[1].oleh == verifikator
    assert changes[0].sumber == "Status realisasi TW II 2023"


def test_operator_cannot_verify(client, opd):
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="diajukan")
    client.force_login(operator_of(opd))
    assert client.post(status_url(opd), {"aksi": "verifikasi"}).status_code == 403
    assert status_of(opd) == "diajukan"


def test_verifier_cannot_submit_for_the_agency(client, opd, verifikator):
    client.force_login(verifikator)
    assert client.post(status_url(opd), {"aksi": "ajukan"}).status_code == 403
    assert status_of(opd) == "draft"


def test_returning_needs_a_note(client, opd, verifikator):
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="diajukan")
    client.force_login(verifikator)
    response = client.post(status_url(opd), {"aksi": "kembalikan", "catatan": "  "}, follow=True)
    assert status_of(opd) == "diajukan"
    assert any("memerlukan catatan" in m for m in messages_of(response))


def test_reopening_needs_a_reason_and_unlocks(client, opd, verifikator):
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="diverifikasi")
    client.force_login(verifikator)
    response = client.post(status_url(opd), {"aksi": "buka"}, follow=True)
    assert status_of(opd) == "diverifikasi"
    assert any("memerlukan alasan" in m for m in messages_of(response))
    client.post(status_url(opd), {"aksi": "buka", "catatan": "Salah ketik di baris 2"})
    assert status_of(opd) == "dikembalikan"
    assert Perubahan.objects.get(model="PelaporanTriwulan", kolom="status",
                                 baru="dikembalikan").alasan == "Salah ketik di baris 2"
    ind = indikator_of(opd)[1]
    client.force_login(operator_of(opd))
    client.post(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]), grid_post(opd, {ind.pk: "7"}))
    assert Realisasi.objects.get(indikator=ind, triwulan=2).teks == "7"


def test_a_wrong_state_gets_a_clear_message(client, opd, verifikator):
    client.force_login(verifikator)
    response = client.post(status_url(opd), {"aksi": "verifikasi"}, follow=True)
    assert status_of(opd) == "draft"
    assert any("tidak dapat dilakukan sekarang" in m for m in messages_of(response))


def test_verified_quarter_is_locked_for_the_operator(client, opd):
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="diverifikasi")
    ind = indikator_of(opd)[1]
    client.force_login(operator_of(opd))
    client.post(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]), grid_post(opd, {ind.pk: "7"}))
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_outsiders_get_not_found(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))
    assert client.post(status_url(opd), {"aksi": "ajukan"}).status_code == 404
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.post(status_url(opd), {"aksi": "verifikasi"}).status_code == 404
    assert status_of(opd) == "draft"


def test_anonymous_visitor_is_sent_to_login(client, opd):
    response = client.post(status_url(opd), {"aksi": "ajukan"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_get_is_not_allowed(client, opd):
    client.force_login(operator_of(opd))
    assert client.get(status_url(opd)).status_code == 405
