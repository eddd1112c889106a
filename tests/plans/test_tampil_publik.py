"""The agency's operator shows or hides an indicator on the public portal
(``Indikator.tampil_publik``) in the planning screens, through the Renstra's write service,
with a reason the history keeps; an operator of another agency cannot."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.plans import structure
from akuntabel.plans.models import Indikator, Rpjmd
from tests.access import assert_sends_anonymous_to_login
from tests.builders import make_indikator, make_opd, make_program, make_user

pytestmark = pytest.mark.django_db

ALASAN = "Angka masih embargo BPS sampai rilis resmi"


@pytest.fixture
def renstra(opd, operator):
    Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2025, tahun_akhir=2029, visi="Sehat")
    return structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=operator)


@pytest.fixture
def indikator(renstra, operator):
    tujuan = structure.tambah(renstra, "tujuan", {"uraian": "Meningkatnya kesehatan"},
                              user=operator)
    sasaran = structure.tambah(tujuan, "sasaran", {"uraian": "Menurunnya stunting"},
                               user=operator)
    return structure.tambah(sasaran, "indikator", {"uraian": "Prevalensi stunting",
                                                   "satuan": "%", "polaritas": "turun"},
                            user=operator)


def form(ind, **kw):
    """The editor's indicator form as the page posts it: every field, the flag's hidden
    empty value first and its checkbox only when ticked."""
    data = {"kode": "", "uraian": ind.uraian, "satuan": ind.satuan, "polaritas": ind.polaritas,
            "metode_turun": ind.metode_turun, "agregasi": ind.agregasi, "iku": "",
            "tampil_publik": "", "definisi_operasional": "", "formula": "", "sumber_data": "",
            "kondisi_awal_tahun": "", "kondisi_awal": "", "kondisi_akhir": "", "catatan": ""}
    data.update(kw)
    return data


def ubah(renstra, ind):
    return reverse("renstra_ubah", args=[renstra.pk, "indikator", ind.pk])


def test_an_indicator_added_without_the_field_stays_public(indikator):
    assert indikator.tampil_publik is True


def test_the_editor_shows_the_flag_ticked_for_a_public_indicator(client, operator, renstra,
                                                                indikator):
    client.force_login(operator)
    body = client.get(reverse("renstra_editor", args=[renstra.pk])).content.decode()
    assert 'name="tampil_publik" value="on" checked' in body


def test_the_operator_hides_it_with_a_reason_and_the_history_says_who_and_why(
        client, operator, renstra, indikator):
    client.force_login(operator)
    response = client.post(ubah(renstra, indikator), form(indikator, alasan=ALASAN))
    assert response.status_code == 302
    indikator.refresh_from_db()
    assert indikator.tampil_publik is False
    change = Perubahan.objects.get(model="Indikator", objek_id=indikator.pk,
                                   kolom="tampil_publik", baru="tidak")
    assert (change.lama, change.baru, change.oleh, change.alasan) == (
        "ya", "tidak", operator, ALASAN)
    page = client.get(reverse("indikator_detail", args=[indikator.pk])).content.decode()
    assert ALASAN in page   # the indicator page's history
    editor = client.get(reverse("renstra_editor", args=[renstra.pk])).content.decode()
    assert "disembunyikan dari portal publik" in editor


def test_hiding_without_a_reason_is_refused_at_its_field_and_nothing_is_written(
        client, operator, renstra, indikator):
    client.force_login(operator)
    response = client.post(ubah(renstra, indikator), form(indikator, satuan="persen"))
    assert response.status_code == 400
    assert "portal publik" in response.content.decode()
    indikator.refresh_from_db()
    assert (indikator.tampil_publik, indikator.satuan) == (True, "%")


def test_ticking_the_box_keeps_it_public_without_a_reason(client, operator, renstra,
                                                          indikator):
    client.force_login(operator)
    data = form(indikator, satuan="persen")
    response = client.post(ubah(renstra, indikator), {**data, "tampil_publik": ["", "on"]})
    assert response.status_code == 302
    indikator.refresh_from_db()
    assert (indikator.tampil_publik, indikator.satuan) == (True, "persen")


def test_an_indicator_of_a_program_is_shown_again_from_its_page(client, operator, renstra):
    ind = make_indikator(program=make_program(renstra), uraian="Cakupan layanan",
                         tampil_publik=False)
    client.force_login(operator)
    url = reverse("indikator_tampil_publik", args=[ind.pk])
    page = client.get(reverse("indikator_detail", args=[ind.pk])).content.decode()
    assert f'action="{url}"' in page
    refused = client.post(url, {"tampil_publik": "on"})   # no reason
    assert refused.status_code == 400
    assert 'name="tampil_publik" value="on" checked' in refused.content.decode()   # as typed
    ind.refresh_from_db()
    assert ind.tampil_publik is False
    response = client.post(url, {"tampil_publik": "on", "alasan": "Rilis BPS sudah terbit"})
    assert response.status_code == 302
    ind.refresh_from_db()
    assert ind.tampil_publik is True
    assert Perubahan.objects.filter(model="Indikator", objek_id=ind.pk, kolom="tampil_publik",
                                    oleh=operator, alasan="Rilis BPS sudah terbit").exists()


def test_an_operator_of_another_agency_cannot_see_or_set_it(client, opd, renstra, indikator):
    lain = make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda))
    client.force_login(lain)
    assert client.post(ubah(renstra, indikator), form(indikator, alasan=ALASAN)
                       ).status_code == 404
    url = reverse("indikator_tampil_publik", args=[indikator.pk])
    assert client.post(url, {"alasan": ALASAN}).status_code == 404
    assert client.get(reverse("indikator_detail", args=[indikator.pk])).status_code == 404
    indikator.refresh_from_db()
    assert indikator.tampil_publik is True
    assert not Perubahan.objects.filter(kolom="tampil_publik", baru="tidak").exists()


def test_a_reader_cannot_set_it_and_an_anonymous_visitor_is_sent_to_login(client, opd,
                                                                          indikator):
    client.force_login(make_user(Peran.REVIEWER, pemda=opd.pemda))
    url = reverse("indikator_tampil_publik", args=[indikator.pk])
    assert client.post(url, {"alasan": ALASAN}).status_code == 403
    page = client.get(reverse("indikator_detail", args=[indikator.pk])).content.decode()
    assert f'action="{url}"' not in page
    assert client.get(url).status_code == 405
    client.logout()
    response = client.post(url, {"alasan": ALASAN})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert_sends_anonymous_to_login(client, reverse("indikator_detail", args=[indikator.pk]))
    assert Indikator.objects.get(pk=indikator.pk).tampil_publik is True
