"""/pemda/<id>/iku/: the Perkada versions and their IKU; the admin pemda adds a Perkada
version and an IKU; pemda-wide roles read; anyone else gets a 404."""

import pytest
from django.urls import reverse

from akuntabel.daerah.models import IkuDaerah, Perkada
from tests.daerah.conftest import iku_data

pytestmark = pytest.mark.django_db


def test_a_pemda_wide_role_reads_the_versions_and_their_iku(client, reviewer, perkada, iku):
    client.force_login(reviewer)
    response = client.get(reverse("iku_pemda", args=[perkada.rpjmd.pemda_id]))
    assert response.status_code == 200
    assert response.context["perkada"] == perkada
    assert "Jumlah PPKS yang ditangani" in response.content.decode()
    assert not response.context["hak"].kelola


@pytest.mark.parametrize("who", ["outsider", "operator_dinsos"])
def test_outsiders_and_opd_staff_get_a_404(client, request, perkada, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("iku_pemda", args=[perkada.rpjmd.pemda_id])).status_code == 404


def test_the_admin_adds_a_perkada_version(client, admin_pemda, rpjmd, perkada):
    client.force_login(admin_pemda)
    response = client.post(reverse("perkada_baru", args=[rpjmd.pemda_id]), {
        "rpjmd": rpjmd.pk, "nomor": "7 Tahun 2027", "tanggal": "2027-01-10",
        "tentang": "Perubahan IKU", "berlaku_mulai": "2027"})
    baru = Perkada.objects.get(nomor="7 Tahun 2027")
    assert response.status_code == 302 and baru.menggantikan == perkada


def test_a_bad_perkada_is_refused_with_the_field(client, admin_pemda, rpjmd):
    client.force_login(admin_pemda)
    response = client.post(reverse("perkada_baru", args=[rpjmd.pemda_id]), {
        "rpjmd": rpjmd.pk, "nomor": "", "tanggal": "kemarin", "tentang": "x",
        "berlaku_mulai": "2040"}, follow=True)
    text = [str(m) for m in response.context["messages"]]
    assert any("Perkada" in t for t in text) and not Perkada.objects.exists()


def test_a_verifikator_cannot_add_a_perkada(client, verifikator, rpjmd):
    client.force_login(verifikator)
    response = client.post(reverse("perkada_baru", args=[rpjmd.pemda_id]), {
        "rpjmd": rpjmd.pk, "nomor": "1", "tanggal": "2025-01-01", "tentang": "x",
        "berlaku_mulai": "2025"})
    assert response.status_code == 403 and not Perkada.objects.exists()


def test_the_admin_adds_an_iku(client, admin_pemda, perkada, sasaran_daerah, dinsos):
    client.force_login(admin_pemda)
    response = client.post(reverse("iku_baru", args=[perkada.pk]),
                           iku_data(sasaran_daerah, dinsos, target_2025="10"))
    iku = IkuDaerah.objects.get()
    assert response.status_code == 302 and iku.target.get().tahun == 2025


def test_a_bad_iku_shows_the_form_again_with_its_error(client, admin_pemda, perkada,
                                                       sasaran_daerah, dinsos):
    client.force_login(admin_pemda)
    response = client.post(reverse("iku_baru", args=[perkada.pk]),
                           iku_data(sasaran_daerah, dinsos, rumus="A +"))
    assert response.status_code == 200 and "rumus" in response.context["errors"]
    assert not IkuDaerah.objects.exists()


def test_a_reviewer_cannot_open_the_iku_form(client, reviewer, perkada):
    client.force_login(reviewer)
    assert client.get(reverse("iku_baru", args=[perkada.pk])).status_code == 403


def test_an_outsider_cannot_open_the_iku_form(client, outsider, perkada, iku):
    client.force_login(outsider)
    assert client.get(reverse("iku_baru", args=[perkada.pk])).status_code == 404
    assert client.get(reverse("iku_ubah", args=[iku.pk])).status_code == 404


def test_the_admin_edits_an_iku(client, admin_pemda, iku, sasaran_daerah, dinsos):
    client.force_login(admin_pemda)
    assert client.get(reverse("iku_ubah", args=[iku.pk])).status_code == 200
    client.post(reverse("iku_ubah", args=[iku.pk]),
                iku_data(sasaran_daerah, dinsos, uraian="Jumlah PPKS tertangani"))
    iku.refresh_from_db()
    assert iku.uraian == "Jumlah PPKS tertangani"


def test_the_admin_removes_an_iku_with_a_reason(client, admin_pemda, iku):
    client.force_login(admin_pemda)
    response = client.post(reverse("iku_hapus", args=[iku.pk]), {"alasan": "Salah ketik"})
    assert response.status_code == 302 and not IkuDaerah.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("verifikator", 403)])
def test_only_the_admin_removes_an_iku(client, request, iku, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("iku_hapus", args=[iku.pk]), {"alasan": "x"})
    assert response.status_code == status and IkuDaerah.objects.exists()


def test_the_list_shows_each_iku_realisation_and_achievement_of_the_year(
        client, verifikator, perkada, iku, ind_dinsos, operator_dinsos):
    from akuntabel.daerah import services
    from akuntabel.results.models import Realisasi
    tautan = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="",
                                     user=operator_dinsos)
    services.putuskan_tautan(tautan, setuju=True, catatan="", user=verifikator)
    Realisasi.objects.create(indikator=ind_dinsos, tahun=2026, teks="150", nilai=150)
    client.force_login(verifikator)
    response = client.get(reverse("iku_pemda", args=[perkada.rpjmd.pemda_id]) + "?tahun=2026")
    assert response.context["tahun"] == 2026
    hasil = response.context["hasil"][iku.pk]
    assert hasil.realisasi == 150 and hasil.capaian == 75


@pytest.mark.parametrize("bad", ["9" * 25, "-1", "abc", "1" * 5000])
def test_crafted_ids_and_years_are_refused_not_a_crash(client, admin_pemda, perkada,
                                                       sasaran_daerah, dinsos, bad):
    client.force_login(admin_pemda)
    pemda_pk = perkada.rpjmd.pemda_id
    response = client.post(reverse("perkada_baru", args=[pemda_pk]), {
        "rpjmd": bad, "nomor": "1", "tanggal": "2027-01-01", "tentang": "x",
        "berlaku_mulai": bad}, follow=True)
    assert response.status_code == 200 and Perkada.objects.count() == 1
    data = iku_data(sasaran_daerah, dinsos, penanggung_jawab=[bad])
    data["sasaran_daerah"] = bad
    response = client.post(reverse("iku_baru", args=[perkada.pk]), data)
    assert response.status_code == 200 and not IkuDaerah.objects.exists()
    for q in (f"?perkada={bad}", f"?tahun={bad}"):
        assert client.get(reverse("iku_pemda", args=[pemda_pk]) + q).status_code == 200


def test_each_iku_says_how_many_proposals_wait(client, verifikator, perkada, iku, ind_dinsos,
                                               operator_dinsos):
    from akuntabel.daerah import services
    services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="", user=operator_dinsos)
    client.force_login(verifikator)
    response = client.get(reverse("iku_pemda", args=[perkada.rpjmd.pemda_id]))
    assert response.context["menunggu"] == {iku.pk: 1}


def test_the_admin_corrects_a_perkada(client, admin_pemda, perkada):
    client.force_login(admin_pemda)
    response = client.post(reverse("perkada_ubah", args=[perkada.pk]), {
        "nomor": "13 Tahun 2025", "tanggal": "2025-03-01", "tentang": "IKU", "alasan": "typo"})
    perkada.refresh_from_db()
    assert response.status_code == 302 and perkada.nomor == "13 Tahun 2025"


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("verifikator", 403)])
def test_only_the_admin_corrects_a_perkada(client, request, perkada, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("perkada_ubah", args=[perkada.pk]), {
        "nomor": "X", "tanggal": "2025-03-01", "tentang": "IKU"})
    perkada.refresh_from_db()
    assert response.status_code == status and perkada.nomor == "12 Tahun 2025"


def test_the_list_marks_a_figure_the_pemda_lkjip_does_not_count_yet(
        client, verifikator, perkada, iku, ind_dinsos, operator_dinsos):
    """The list shows the provisional figure while the pemda's LKjIP says the IKU is not
    measured yet (its OPD figure is not verified): the list says so beside the figure."""
    from akuntabel.daerah import services
    from akuntabel.results.models import Realisasi
    tautan = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="",
                                     user=operator_dinsos)
    services.putuskan_tautan(tautan, setuju=True, catatan="", user=verifikator)
    Realisasi.objects.create(indikator=ind_dinsos, tahun=2026, teks="150", nilai=150)
    client.force_login(verifikator)
    response = client.get(reverse("iku_pemda", args=[perkada.rpjmd.pemda_id]) + "?tahun=2026")
    assert response.context["hasil"][iku.pk].sementara
    assert 'data-testid="sementara"' in response.content.decode()


def test_without_a_year_the_list_opens_on_the_latest_year_with_a_linked_realisation(
        client, verifikator, perkada, iku, ind_dinsos, ind_dinkes, operator_dinsos):
    """Kota Contoh's figures are of 2025; this year (2026) has none yet. A figure of an OPD
    indicator not linked to the IKU does not count."""
    from akuntabel.daerah import services
    from akuntabel.results.models import Realisasi
    tautan = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="",
                                     user=operator_dinsos)
    services.putuskan_tautan(tautan, setuju=True, catatan="", user=verifikator)
    Realisasi.objects.create(indikator=ind_dinsos, tahun=2025, teks="150", nilai=150)
    Realisasi.objects.create(indikator=ind_dinkes, tahun=2026, teks="90", nilai=90)
    client.force_login(verifikator)
    response = client.get(reverse("iku_pemda", args=[perkada.rpjmd.pemda_id]))
    assert response.context["tahun"] == 2025
    assert response.context["hasil"][iku.pk].realisasi == 150
