"""A final is an archive: it stays verifiable after the pemda's certificate expires, as long as
there is sound evidence of when it was signed (its record in this Akuntabel, or an RFC 3161
timestamp, PAdES B-T), and only then. The timestamp is asked of the TSA the installation set
(``AKUNTABEL_TSA_URL``); the tests use pyHanko's in-process dummy TSA."""

import hashlib
import io
from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from akuntabel.reports import tanda_tangan
from akuntabel.reports.final import render_signed_pdf
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.verifikasi import lines, periksa, verify
from tests.builders import make_opd, make_pemda
from tests.reports.sample import make_sample_dokumen

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC).replace(microsecond=0)
DITANDATANGANI = NOW - timedelta(days=5)       # when the final was (said to be) signed
KEDALUWARSA = NOW - timedelta(days=1)          # the pemda's certificate ended then


def _sertifikat(nama, mulai, sampai, *, tsa=False):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, nama),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")])
    b = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(mulai).not_valid_after(sampai)
         .add_extension(x509.BasicConstraints(ca=not tsa, path_length=None), critical=True)
         .add_extension(x509.KeyUsage(
             digital_signature=True, content_commitment=True, key_encipherment=False,
             data_encipherment=False, key_agreement=False, key_cert_sign=not tsa,
             crl_sign=False, encipher_only=False, decipher_only=False), critical=True))
    if tsa:
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                            critical=True)
    return key, b.sign(key, hashes.SHA256())


@pytest.fixture
def opd(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = False
    settings.AKUNTABEL_TSA_URL = ""
    return make_opd(pemda=make_pemda(kode="kota-uji", nama="Kota Uji"), nama="Dinas Sosial")


@pytest.fixture
def kunci_kedaluwarsa(opd):
    """The pemda's key, whose certificate was valid for a month until yesterday."""
    key, cert = _sertifikat("Pemerintah Kota Uji", NOW - timedelta(days=30), KEDALUWARSA)
    p12 = pkcs12.serialize_key_and_certificates(
        b"kota-uji", key, cert, None, serialization.BestAvailableEncryption(b"rahasia"))
    tanda_tangan.pasang_pkcs12("kota-uji", p12, b"rahasia")
    return cert


@pytest.fixture
def tsa(monkeypatch):
    """The dummy TSA, stamping the time DITANDATANGANI, put where the signer takes its
    timestamper."""
    key, cert = _sertifikat("TSA Uji", NOW - timedelta(days=365), NOW + timedelta(days=365),
                            tsa=True)
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        fixed_dt=DITANDATANGANI)
    monkeypatch.setattr(tanda_tangan, "pemberi_stempel_waktu", lambda: stamper)
    return stamper


def data_of(opd):
    return {"versi_format": 1, "tahun": 2023, "dokumen": {"jenis": "lakip", "judul": "LKjIP"},
            "opd": {"pk": opd.pk, "kode": opd.kode, "nama": opd.nama, "pemda": opd.pemda.kode,
                    "pemda_nama": opd.pemda.nama},
            "sumber": {"angka": "5093068611"}}


def sign(opd):
    return render_signed_pdf(make_sample_dokumen(), data_of(opd), opd)


def test_an_expired_certificate_is_refused_without_evidence_of_the_signing_time(
        opd, kunci_kedaluwarsa):
    hasil = verify(sign(opd))
    assert not hasil.sah
    alasan = " ".join(hasil.alasan)
    assert "kedaluwarsa" in alasan and KEDALUWARSA.strftime("%d-%m-%Y") in alasan
    assert "tidak tercatat" in alasan and "stempel waktu" in alasan


def test_a_final_recorded_here_while_the_certificate_was_valid_stays_valid(
        opd, kunci_kedaluwarsa):
    hasil = verify(sign(opd), tercatat=True, dicatat_pada=DITANDATANGANI)
    assert hasil.sah, hasil.alasan
    text = "\n".join(lines(hasil))
    assert ("sertifikat berlaku pada saat ditandatangani, "
            f"{DITANDATANGANI.strftime('%d-%m-%Y')}") in text
    assert "menurut catatan Akuntabel" in text


def test_a_final_recorded_after_the_certificate_expired_is_refused(opd, kunci_kedaluwarsa):
    hasil = verify(sign(opd), tercatat=True, dicatat_pada=NOW - timedelta(hours=12))
    assert not hasil.sah
    assert "kedaluwarsa" in " ".join(hasil.alasan)


def test_periksa_takes_the_signing_time_from_the_final_recorded_with_that_hash(
        opd, kunci_kedaluwarsa):
    isi = sign(opd)
    assert not periksa(isi).sah          # not recorded yet
    final = LaporanFinal.objects.create(perangkat_daerah=opd, tahun=2023, dokumen="lakip",
                                        format="pdf", isi=isi, data=data_of(opd),
                                        sha256=hashlib.sha256(isi).hexdigest())
    LaporanFinal.objects.filter(pk=final.pk).update(created_at=DITANDATANGANI)
    hasil = periksa(isi)
    assert hasil.sah, hasil.alasan
    assert hasil.tercatat and hasil.dicatat_pada == DITANDATANGANI


def test_a_timestamped_final_stays_valid_after_the_certificate_expired(
        opd, kunci_kedaluwarsa, tsa):
    hasil = verify(sign(opd))
    assert hasil.sah, hasil.alasan
    assert hasil.stempel_waktu == DITANDATANGANI
    text = "\n".join(lines(hasil))
    assert f"Stempel waktu (RFC 3161): {DITANDATANGANI.isoformat()}" in text
    assert "menurut stempel waktu" in text


def test_a_timestamp_from_a_tsa_not_registered_here_proves_nothing(
        opd, kunci_kedaluwarsa, tsa):
    isi = sign(opd)
    for pem in (tanda_tangan.folder(tanda_tangan.TSA) / tanda_tangan.SERTIFIKAT).glob("*.pem"):
        pem.unlink()
    hasil = verify(isi)
    assert not hasil.sah
    assert "tidak terdaftar" in " ".join(hasil.alasan)


def test_the_signer_asks_the_configured_tsa_and_the_signature_carries_its_token(opd, tsa):
    tanda_tangan.buat_kunci_demo("kota-uji", "Pemerintah Kota Uji", NOW - timedelta(days=10))
    isi = sign(opd)
    sig = PdfFileReader(io.BytesIO(isi)).embedded_signatures[0]
    assert "signature_time_stamp_token" in {
        a["type"].native for a in sig.signer_info["unsigned_attrs"]}
    hasil = verify(isi)
    assert hasil.sah, hasil.alasan
    assert hasil.stempel_waktu == DITANDATANGANI


def test_without_a_tsa_url_the_final_is_signed_b_b(opd):
    tanda_tangan.buat_kunci_demo("kota-uji", "Pemerintah Kota Uji")
    assert tanda_tangan.pemberi_stempel_waktu() is None
    hasil = verify(sign(opd))
    assert hasil.sah and hasil.stempel_waktu is None


def test_with_a_tsa_url_the_signer_asks_it_over_http(opd, settings):
    settings.AKUNTABEL_TSA_URL = "https://tsa.example.go.id/tsr"
    stamper = tanda_tangan.pemberi_stempel_waktu()
    assert isinstance(stamper, HTTPTimeStamper) and stamper.url == settings.AKUNTABEL_TSA_URL


def test_an_unreachable_tsa_refuses_the_final_with_a_clear_message(opd, settings):
    tanda_tangan.buat_kunci_demo("kota-uji", "Pemerintah Kota Uji")
    settings.AKUNTABEL_TSA_URL = "http://127.0.0.1:9/tsr"   # nothing listens there
    with pytest.raises(tanda_tangan.StempelWaktuGagal) as e:
        sign(opd)
    assert "127.0.0.1:9" in str(e.value) and "tidak dibuat" in str(e.value)
    assert isinstance(e.value, tanda_tangan.KunciTidakAda)   # every caller already refuses it


def test_a_timestamp_before_the_certificate_began_is_refused(opd, tsa):
    tanda_tangan.buat_kunci_demo("kota-uji", "Pemerintah Kota Uji")   # valid since yesterday
    hasil = verify(sign(opd))
    assert not hasil.sah
    assert "belum berlaku" in " ".join(hasil.alasan)


def test_a_caller_that_found_the_record_gets_its_time_used(opd, kunci_kedaluwarsa):
    """``akuntabel verifikasi`` and the public page pass ``tercatat`` only."""
    isi = sign(opd)
    final = LaporanFinal.objects.create(perangkat_daerah=opd, tahun=2023, dokumen="lakip",
                                        format="pdf", isi=isi, data=data_of(opd),
                                        sha256=hashlib.sha256(isi).hexdigest())
    LaporanFinal.objects.filter(pk=final.pk).update(created_at=DITANDATANGANI)
    hasil = verify(isi, tercatat=True)
    assert hasil.sah, hasil.alasan
    assert "menurut catatan Akuntabel" in "\n".join(lines(hasil))


def test_the_public_page_says_when_the_certificate_was_valid(opd, kunci_kedaluwarsa, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    isi = sign(opd)
    final = LaporanFinal.objects.create(perangkat_daerah=opd, tahun=2023, dokumen="lakip",
                                        format="pdf", isi=isi, data=data_of(opd),
                                        sha256=hashlib.sha256(isi).hexdigest())
    LaporanFinal.objects.filter(pk=final.pk).update(created_at=DITANDATANGANI)
    r = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("final.pdf", isi)})
    html = r.content.decode()
    assert 'data-testid="sah"' in html
    assert "menurut catatan Akuntabel" in html
