"""/pemda/<id>/pk/<tahun>/: the kepala daerah's PK. Pemda-wide roles read; the admin pemda
composes, edits, submits, signs on behalf of the kepala daerah and amends; the document in
HTML, PDF and DOCX; anyone else gets a 404."""

import pytest
from django.urls import reverse

from akuntabel.daerah import pk as pkd
from akuntabel.daerah.models import PkDaerah

pytestmark = pytest.mark.django_db


def _url(pemda, name="pk_daerah", *extra):
    return reverse(name, args=[pemda.pk, 2026, *extra])


def test_a_reviewer_reads_the_pk_but_gets_no_forms(client, reviewer, pemda, iku, admin_pemda):
    pkd.susun_pk(pemda, 2026, admin_pemda)
    client.force_login(reviewer)
    response = client.get(_url(pemda))
    assert response.status_code == 200 and "Jumlah PPKS yang ditangani" in response.content.decode()
    assert not response.context["hak"].kelola and 'name="aksi"' not in response.content.decode()


def test_the_page_without_a_pk_offers_to_compose_it(client, admin_pemda, pemda, iku):
    client.force_login(admin_pemda)
    response = client.get(_url(pemda))
    assert response.status_code == 200 and response.context["pk"] is None
    assert 'value="susun"' in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "operator_dinsos"])
def test_outsiders_and_opd_staff_get_a_404(client, request, pemda, iku, admin_pemda, who):
    pkd.susun_pk(pemda, 2026, admin_pemda)
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(pemda)).status_code == 404
    assert client.post(_url(pemda, "pk_daerah_aksi"), {"aksi": "susun"}).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "operator_dinsos"])
def test_outsiders_get_no_document(client, request, pemda, iku, admin_pemda, who):
    pkd.susun_pk(pemda, 2026, admin_pemda)
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(pemda, "pk_daerah_dokumen", "html")).status_code == 404


def test_anonymous_is_sent_to_login(client, pemda):
    assert client.get(_url(pemda)).status_code == 302


def test_a_verifikator_cannot_write(client, verifikator, pemda, iku):
    client.force_login(verifikator)
    assert client.post(_url(pemda, "pk_daerah_aksi"), {"aksi": "susun"}).status_code == 403
    assert not PkDaerah.objects.exists()


def test_the_admin_goes_through_the_workflow(client, admin_pemda, pemda, iku):
    client.force_login(admin_pemda)
    aksi = _url(pemda, "pk_daerah_aksi")
    assert client.post(aksi, {"aksi": "susun"}).status_code == 302
    pk = PkDaerah.objects.get()
    row = pk.baris.get()
    client.post(aksi, {"aksi": "ubah", "pk": pk.pk, "versi": pk.versi, f"target_{row.pk}": "210",
                       "kepala_nama": "Budi", "kepala_jabatan": "Wali Kota Uji",
                       "kepala_nip": "", "tanggal": "02-01-2026"})
    pk.refresh_from_db()
    client.post(aksi, {"aksi": "ajukan", "pk": pk.pk, "versi": pk.versi})
    pk.refresh_from_db()
    client.post(aksi, {"aksi": "tandatangani", "pk": pk.pk, "versi": pk.versi,
                       "alasan": "Ditandatangani basah oleh Wali Kota"})
    pk.refresh_from_db()
    assert (pk.status, pk.kepala_nama, pk.ditandatangani_oleh) == (
        "ditandatangani", "Budi", admin_pemda)
    client.post(aksi, {"aksi": "perubahan", "alasan": "Refocusing"})
    assert PkDaerah.objects.filter(jenis="perubahan", status="draft").count() == 1


def test_bad_input_shows_the_message_and_writes_nothing(client, admin_pemda, pemda, iku):
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    row = pk.baris.get()
    client.force_login(admin_pemda)
    response = client.post(_url(pemda, "pk_daerah_aksi"), {
        "aksi": "ubah", "pk": pk.pk, "versi": pk.versi, f"target_{row.pk}": "banyak",
        "kepala_nama": "Budi"}, follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Baris 1" in text and "banyak" in text
    pk.refresh_from_db()
    assert pk.kepala_nama == "" and pk.versi == 1


def test_an_unknown_action_or_pk_is_refused(client, admin_pemda, pemda, iku):
    client.force_login(admin_pemda)
    aksi = _url(pemda, "pk_daerah_aksi")
    assert client.post(aksi, {"aksi": "hapus"}).status_code == 400
    assert client.post(aksi, {"aksi": "ajukan", "pk": "99999", "versi": "1"}).status_code == 404


@pytest.mark.parametrize(("fmt", "type_"), [("html", "text/html"), ("pdf", "application/pdf"),
                                            ("docx", "application/vnd")])
def test_the_document_in_each_format(client, reviewer, admin_pemda, pemda, iku, fmt, type_):
    pkd.susun_pk(pemda, 2026, admin_pemda)
    client.force_login(reviewer)
    response = client.get(_url(pemda, "pk_daerah_dokumen", fmt))
    assert response.status_code == 200 and response["Content-Type"].startswith(type_)
    if fmt == "html":
        assert "masyarakat" in response.content.decode()


def test_the_document_without_a_pk_is_a_404(client, reviewer, pemda):
    client.force_login(reviewer)
    assert client.get(_url(pemda, "pk_daerah_dokumen", "html")).status_code == 404
    assert client.get(_url(pemda, "pk_daerah_dokumen", "exe")).status_code == 404


def test_the_iku_page_links_to_the_pk(client, reviewer, perkada, iku):
    client.force_login(reviewer)
    response = client.get(reverse("iku_pemda", args=[perkada.rpjmd.pemda_id]) + "?tahun=2026")
    assert reverse("pk_daerah", args=[perkada.rpjmd.pemda_id, 2026]) in response.content.decode()


def test_a_stale_form_is_refused_and_a_submitted_pk_can_be_sent_back(client, admin_pemda, pemda,
                                                                      iku):
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    client.force_login(admin_pemda)
    aksi = _url(pemda, "pk_daerah_aksi")
    response = client.post(aksi, {"aksi": "ajukan", "pk": pk.pk, "versi": pk.versi + 5},
                           follow=True)
    assert "muat ulang" in " ".join(str(m) for m in response.context["messages"])
    pk.refresh_from_db()
    assert pk.status == "draft"
    client.post(aksi, {"aksi": "ajukan", "pk": pk.pk, "versi": pk.versi})
    pk.refresh_from_db()
    client.post(aksi, {"aksi": "kembalikan", "pk": pk.pk, "versi": pk.versi,
                       "alasan": "Target IKU-1 keliru"})
    pk.refresh_from_db()
    assert pk.status == "draft" and pk.ditandatangani_oleh is None


def test_the_document_of_a_signed_pk_states_who_recorded_the_signing(client, reviewer,
                                                                     admin_pemda, pemda, iku):
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    pk = pkd.ajukan_pk(pk, admin_pemda, versi=pk.versi)
    pkd.tandatangani_pk(pk, admin_pemda, alasan="Ditandatangani basah", versi=pk.versi)
    client.force_login(reviewer)
    html = client.get(_url(pemda, "pk_daerah_dokumen", "html")).content.decode()
    assert "atas nama" in html and "Ditandatangani basah" in html
    assert admin_pemda.get_username() in html or admin_pemda.get_full_name() in html
