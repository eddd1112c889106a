"""The public verification page: no login; a file uploaded is checked as `akuntabel
verifikasi` does, a hash entered names the final it is of; only the identity of a document is
shown, never its data; rate-limited per address."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akuntabel.reports import pdfa, tanda_tangan
from akuntabel.reports.final import render_signed_pdf, sha256_of
from akuntabel.reports.models import LaporanFinal
from tests.builders import make_opd, make_pemda
from tests.reports.sample import make_sample_dokumen

pytestmark = pytest.mark.django_db
URL = "/verifikasi/"


@pytest.fixture
def signed(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    opd = make_opd(pemda=make_pemda(kode="kota-uji", nama="Kota Uji"), nama="Dinas Sosial Uji")
    tanda_tangan.buat_kunci_demo("kota-uji", "Pemerintah Kota Uji")
    data = {"versi_format": 1, "tahun": 2023,
            "dokumen": {"jenis": "lakip", "judul": "Laporan Kinerja Instansi Pemerintah"},
            "opd": {"pk": opd.pk, "kode": opd.kode, "nama": opd.nama, "pemda": "kota-uji",
                    "pemda_nama": "Kota Uji"},
            "sumber": {"rahasia": "ANGKA-RAHASIA-123"}}
    isi = render_signed_pdf(make_sample_dokumen(), data, opd)
    final = LaporanFinal.objects.create(
        perangkat_daerah=opd, tahun=2023, dokumen="lakip", format="pdf", isi=isi, data=data,
        sha256=sha256_of(isi), catatan="CATATAN-INTERNAL")
    return {"opd": opd, "isi": isi, "final": final}


def upload(client, isi, name="lkjip.pdf"):
    return client.post(URL, {"berkas": SimpleUploadedFile(name, isi, "application/pdf")})


def test_the_url_is_the_named_route():
    assert reverse("verifikasi") == URL


def test_anyone_opens_the_page_without_logging_in(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="berkas"' in response.content.decode()


def test_an_untouched_final_is_valid_and_says_whose_it_is(client, signed):
    html = upload(client, signed["isi"]).content.decode()
    assert 'data-testid="sah"' in html
    for fakta in ("Kota Uji", "Dinas Sosial Uji", "2023", signed["final"].sha256,
                  "Pemerintah Kota Uji"):
        assert fakta in html, fakta
    assert "ANGKA-RAHASIA-123" not in html and "CATATAN-INTERNAL" not in html


def test_a_changed_file_is_not_valid(client, signed):
    isi = bytearray(signed["isi"])
    isi[len(isi) // 2] ^= 0x01
    html = upload(client, bytes(isi)).content.decode()
    assert 'data-testid="tidak-sah"' in html and 'data-testid="sah"' not in html


def test_an_unsigned_copy_is_not_valid(client, signed):
    unsigned = pdfa.render_pdfa(make_sample_dokumen(), pdfa.embedded_snapshot(signed["isi"]))
    assert 'data-testid="tidak-sah"' in upload(client, unsigned).content.decode()


def test_a_hash_of_an_unpublished_final_names_only_the_document(client, signed):
    html = client.post(URL, {"sha256": signed["final"].sha256.upper()}).content.decode()
    assert 'data-testid="tercatat"' in html
    assert "Dinas Sosial Uji" in html and "Kota Uji" in html
    assert reverse("laporan_final_download", args=[signed["final"].pk]) not in html
    assert "CATATAN-INTERNAL" not in html and "ANGKA-RAHASIA-123" not in html


def test_a_hash_of_a_published_final_links_its_download(client, signed):
    LaporanFinal.objects.filter(pk=signed["final"].pk).update(dipublikasikan=True)
    html = client.post(URL, {"sha256": signed["final"].sha256}).content.decode()
    assert reverse("laporan_final_download", args=[signed["final"].pk]) in html


def test_an_unknown_hash_or_no_input_is_said(client, db):
    assert 'data-testid="tidak-tercatat"' in client.post(
        URL, {"sha256": "0" * 64}).content.decode()
    response = client.post(URL, {"sha256": "bukan hash"})
    assert response.status_code == 400
    assert "64 karakter heksadesimal" in response.content.decode()


def test_checks_are_rate_limited_per_address(client, settings, db):
    settings.AKUNTABEL_VERIFIKASI_PER_MENIT = 3
    for _ in range(3):
        assert client.post(URL, {"sha256": "0" * 64}).status_code == 200
    response = client.post(URL, {"sha256": "0" * 64})
    assert response.status_code == 429
    assert "Terlalu banyak pemeriksaan" in response.content.decode()
    assert client.post(URL, {"sha256": "0" * 64},
                       REMOTE_ADDR="10.0.0.9").status_code == 200
