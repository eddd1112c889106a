"""Evidence files (bukti dukung): upload checked by content and size, stored under a random
name, downloaded only through the access check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import BuktiDukung
from tests.builders import make_opd, make_pemda, make_user
from tests.results.helpers import TAHUN, indikator_of, make_grid_opd, operator_of, realisasi

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def opd():
    return make_grid_opd(2)


@pytest.fixture
def ind(opd):
    ind = indikator_of(opd)[1]
    realisasi(ind, 2, "10")
    return ind


def upload_url(opd, ind, triwulan=2):
    return reverse("bukti_upload", args=[opd.pk, TAHUN, triwulan, ind.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_happy_path_stores_under_a_random_name_and_downloads(client, opd, ind, media):
    user = operator_of(opd)
    client.force_login(user)
    response = client.post(upload_url(opd, ind),
                           {"berkas": SimpleUploadedFile("Laporan Bansos.pdf", PDF)}, follow=True)
    bukti = BuktiDukung.objects.get()
    assert bukti.nama == "Laporan Bansos.pdf" and bukti.uploaded_by == user
    assert "Laporan" not in bukti.berkas.name and bukti.berkas.name.endswith(".pdf")
    assert (media / bukti.berkas.name).read_bytes() == PDF
    assert any("ditambahkan" in m for m in messages_of(response))
    change = Perubahan.objects.get(model="Realisasi", kolom="bukti")
    assert change.baru == "Laporan Bansos.pdf" and change.oleh == user
    assert 'data-jumlah="1"' in response.content.decode()
    download = client.get(reverse("bukti_download", args=[bukti.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_a_pdf_that_is_really_html_is_refused(client, opd, ind):
    client.force_login(operator_of(opd))
    fake = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(upload_url(opd, ind), {"berkas": fake}, follow=True)
    assert not BuktiDukung.objects.exists()
    assert any("bukan berkas PDF" in m for m in messages_of(response))


def test_a_png_named_exe_is_refused(client, opd, ind):
    client.force_login(operator_of(opd))
    response = client.post(upload_url(opd, ind),
                           {"berkas": SimpleUploadedFile("gambar.exe", PNG)}, follow=True)
    assert not BuktiDukung.objects.exists()
    assert any("bukan PDF, PNG atau JPEG" in m for m in messages_of(response))


def test_a_file_over_the_limit_is_refused(client, opd, ind, settings):
    settings.AKUNTABEL_BUKTI_MAX_BYTES = 1024
    client.force_login(operator_of(opd))
    big = SimpleUploadedFile("besar.png", PNG + b"\x00" * 2048)
    response = client.post(upload_url(opd, ind), {"berkas": big}, follow=True)
    assert not BuktiDukung.objects.exists()
    assert messages_of(response) == [
        f"Bukti dukung untuk '{ind}': Berkas 'besar.png' berukuran 2 KB; batasnya 1 KB."]


@pytest.mark.parametrize("ukuran, teks", [
    (5 * 1024 * 1024, "5 MB"),
    (int(2.5 * 1024 * 1024), "2,5 MB"),
    (500 * 1024, "500 KB"),
    (1024, "1 KB"),
    (1536, "1,5 KB"),
    (800, "800 byte"),
    (1024 * 1024 * 1024, "1.024 MB"),
], ids=["5 MB limit", "two and a half MB", "500 KB limit", "1 KB", "one and a half KB",
        "under a KB in bytes", "a GB in MB with a thousands dot"])
def test_sizes_read_in_indonesian(ukuran, teks):
    from akuntabel.results.uploads import format_ukuran

    assert format_ukuran(ukuran) == teks


def test_a_size_that_would_read_as_the_limit_shows_a_decimal_more(settings):
    from akuntabel.results.uploads import BuktiDitolak, check_file

    settings.AKUNTABEL_BUKTI_MAX_BYTES = 5 * 1024 * 1024
    with pytest.raises(BuktiDitolak) as refused:
        check_file(SimpleUploadedFile("a.pdf", PDF + b"\x00" * (5 * 1024 * 1024)))
    assert "berukuran 5,00 MB; batasnya 5 MB" in str(refused.value)


def test_the_default_limit_is_5_mb(settings):
    assert settings.AKUNTABEL_BUKTI_MAX_BYTES == 5 * 1024 * 1024


def test_evidence_needs_a_saved_realisasi(client, opd):
    other = indikator_of(opd)[0]  # no realisasi in TW II
    client.force_login(operator_of(opd))
    response = client.post(upload_url(opd, other), {"berkas": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 404


def test_a_locked_quarter_refuses_evidence(client, opd, ind):
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="diajukan")
    client.force_login(operator_of(opd))
    client.post(upload_url(opd, ind), {"berkas": SimpleUploadedFile("a.pdf", PDF)})
    assert not BuktiDukung.objects.exists()


def test_verifier_cannot_upload(client, opd, ind):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    response = client.post(upload_url(opd, ind), {"berkas": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 403


def _stored(client, opd, ind):
    client.force_login(operator_of(opd))
    client.post(upload_url(opd, ind), {"berkas": SimpleUploadedFile("a.pdf", PDF)})
    client.logout()
    return BuktiDukung.objects.get()


def test_outsiders_cannot_upload_or_download(client, opd, ind):
    bukti = _stored(client, opd, ind)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))
    assert client.get(reverse("bukti_download", args=[bukti.pk])).status_code == 404
    assert client.post(upload_url(opd, ind),
                       {"berkas": SimpleUploadedFile("b.pdf", PDF)}).status_code == 404
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(reverse("bukti_download", args=[bukti.pk])).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, opd, ind):
    bukti = _stored(client, opd, ind)
    for response in (client.get(reverse("bukti_download", args=[bukti.pk])),
                     client.post(upload_url(opd, ind))):
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_verifier_of_the_pemda_can_download(client, opd, ind):
    bukti = _stored(client, opd, ind)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    assert client.get(reverse("bukti_download", args=[bukti.pk])).status_code == 200


def test_owner_removes_evidence_and_it_is_recorded(client, opd, ind, media,
                                                  django_capture_on_commit_callbacks):
    bukti = _stored(client, opd, ind)
    path = media / bukti.berkas.name
    client.force_login(operator_of(opd))
    with django_capture_on_commit_callbacks(execute=True):  # the file goes after the commit
        assert client.post(reverse("bukti_hapus", args=[bukti.pk])).status_code == 302
    assert not BuktiDukung.objects.exists() and not path.exists()
    assert Perubahan.objects.filter(model="Realisasi", kolom="bukti", baru="").exists()


def test_verifier_cannot_remove_evidence(client, opd, ind):
    bukti = _stored(client, opd, ind)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    assert client.post(reverse("bukti_hapus", args=[bukti.pk])).status_code == 403
    assert BuktiDukung.objects.exists()
