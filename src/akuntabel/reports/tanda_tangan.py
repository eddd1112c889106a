"""The pemda's signing key and certificate, and the digital signature of a final PDF (PAdES
B-B, with pyHanko). How keys are kept, protected and replaced: docs/tanda-tangan.md.

Per pemda, under ``settings.AKUNTABEL_KUNCI_DIR`` (``var/kunci`` by default)::

    <kode pemda>/tanda-tangan.p12    key and certificate (PKCS#12, encrypted with the passphrase)
    <kode pemda>/sandi               the passphrase (mode 0600), unless the environment gives
                                     it in AKUNTABEL_KUNCI_SANDI_<KODE> (dashes as underscores)
    <kode pemda>/sertifikat/*.pem    every certificate the pemda has signed with (public): the
                                     verifier trusts these, so a final signed before a renewal
                                     still verifies

``buat_kunci_demo`` makes a self-signed certificate (for the demo and tests); ``pasang_pkcs12``
plugs in a real one (e.g. from BSrE, the national electronic certification body). No revocation
check (project convention; a certificate is trusted because the pemda registered it here, see
docs/tanda-tangan.md). The network is used only when the installation sets a time-stamping
authority (``settings.AKUNTABEL_TSA_URL``): the signature then carries its RFC 3161 timestamp
(PAdES B-T), evidence of the signing time that outlives the certificate; the TSA's certificate
is registered under ``<AKUNTABEL_KUNCI_DIR>/tsa.d/sertifikat/`` for the verifier.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import extract_certificate_info, find_unique_cms_attribute
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

P12 = "tanda-tangan.p12"
SANDI = "sandi"
SERTIFIKAT = "sertifikat"
FIELD = "TandaTanganAkuntabel"
DEMO_BERLAKU_HARI = 10 * 365
RSA_BITS = 3072
TSA = "tsa.d"    # the folder of the TSAs' certificates (a dot: never a pemda's code, a slug)
TSA_BATAS_DETIK = 20


class KunciTidakAda(Exception):
    """The pemda has no signing key, or it cannot be opened (the message says which and what
    to do, in Indonesian)."""


class StempelWaktuGagal(KunciTidakAda):
    """The time-stamping authority set for this installation did not give a timestamp: no
    final is made (a subclass of ``KunciTidakAda``, so every caller already refuses it)."""


def alasan_tidak_ditandatangani(exc: KunciTidakAda) -> str:
    """What a page says when a final could not be signed: the TSA's own reason (address and
    error), else that the pemda's key is missing and who sets it up. No file is written."""
    if isinstance(exc, StempelWaktuGagal):
        return str(exc)
    return _("The pemda has no signing key yet, or it cannot be opened; no final document was "
             "made. The administrator sets it up (docs/tanda-tangan.md).")


@dataclass(frozen=True)
class Penanda:
    """Who signs: the certificate's holder as a person reads it and its SHA-256."""

    subjek: str
    sidik_jari: str


def folder(pemda_kode: str) -> Path:
    return Path(settings.AKUNTABEL_KUNCI_DIR) / pemda_kode


def _env_sandi(pemda_kode: str) -> str | None:
    return os.environ.get("AKUNTABEL_KUNCI_SANDI_" + pemda_kode.upper().replace("-", "_"))


def _sandi(pemda_kode: str) -> bytes:
    dari_env = _env_sandi(pemda_kode)
    if dari_env:
        return dari_env.encode()
    path = folder(pemda_kode) / SANDI
    try:
        return path.read_bytes().strip()
    except OSError:
        raise KunciTidakAda(
            f"Sandi kunci tanda tangan pemda {pemda_kode} tidak ada ({path} atau variabel "
            f"lingkungan AKUNTABEL_KUNCI_SANDI_{pemda_kode.upper().replace('-', '_')}).") \
            from None


def sidik_jari(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _subjek(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string()


def _daftarkan(pemda_kode: str, cert: x509.Certificate) -> Path:
    """Keep ``cert`` among the pemda's certificates the verifier trusts."""
    d = folder(pemda_kode) / SERTIFIKAT
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{sidik_jari(cert)[:16]}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def _simpan(pemda_kode: str, p12: bytes, sandi: bytes | None) -> None:
    d = folder(pemda_kode)
    d.mkdir(parents=True, exist_ok=True)
    os.chmod(d, 0o700)
    if sandi is not None:
        path = d / SANDI
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(sandi)
    target = d / P12
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(p12)


def ada_kunci(pemda_kode: str) -> bool:
    return (folder(pemda_kode) / P12).is_file()


def buat_kunci_demo(pemda_kode: str, pemda_nama: str, today: datetime | None = None) -> Penanda:
    """A self-signed RSA 3072 key and certificate for the pemda (the demo, tests): the
    certificate names the pemda and says it is made by Akuntabel, not by a certification
    body. The passphrase is random, written to the pemda's ``sandi`` file (0600) unless the
    environment already gives one. Replaces an earlier key; earlier certificates stay
    trusted."""
    start = (today or datetime.now(UTC)).replace(microsecond=0)
    # RSA, not ECDSA: pyHanko marks a file signed with a P-256 key as PDF 2.0 (ISO 32002),
    # which a PDF/A-3 file (PDF 1.7) may not be.
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, pemda_nama),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME,
                           "Sertifikat swatanda Akuntabel (bukan dari penyelenggara sertifikasi)"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, pemda_nama),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
    ])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start - timedelta(days=1))
            .not_valid_after(start + timedelta(days=DEMO_BERLAKU_HARI))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    sandi_env = _env_sandi(pemda_kode)
    sandi = sandi_env.encode() if sandi_env else secrets.token_urlsafe(32).encode()
    p12 = pkcs12.serialize_key_and_certificates(
        pemda_kode.encode(), key, cert, None, serialization.BestAvailableEncryption(sandi))
    _simpan(pemda_kode, p12, None if sandi_env else sandi)
    _daftarkan(pemda_kode, cert)
    return Penanda(_subjek(cert), sidik_jari(cert))


def pasang_pkcs12(pemda_kode: str, isi: bytes, sandi: bytes) -> Penanda:
    """Plug in a real key and certificate (a PKCS#12 file, e.g. issued by BSrE): checked that
    it opens with ``sandi`` and holds a key and its certificate, then kept as the pemda's
    key. The passphrase is written to the ``sandi`` file unless the environment gives it."""
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(isi, sandi)
    except ValueError:
        raise KunciTidakAda("Berkas PKCS#12 tidak dapat dibuka: sandinya salah atau berkasnya "
                            "bukan PKCS#12.") from None
    if key is None or cert is None:
        raise KunciTidakAda("Berkas PKCS#12 tidak berisi kunci privat beserta sertifikatnya.")
    _simpan(pemda_kode, isi, None if _env_sandi(pemda_kode) else sandi)
    _daftarkan(pemda_kode, cert)
    return Penanda(_subjek(cert), sidik_jari(cert))


def _signer(pemda_kode: str) -> signers.SimpleSigner:
    path = folder(pemda_kode) / P12
    if not path.is_file():
        raise KunciTidakAda(
            f"Pemda {pemda_kode} belum punya kunci tanda tangan ({path}). Buat dengan "
            f"'akuntabel kunci --pemda {pemda_kode}' (sertifikat swatanda untuk demo) atau "
            f"pasang sertifikat resmi dengan 'akuntabel kunci --pemda {pemda_kode} --pkcs12 "
            "BERKAS.p12' (docs/tanda-tangan.md).")
    signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=_sandi(pemda_kode))
    if signer is None:
        raise KunciTidakAda(f"Kunci tanda tangan pemda {pemda_kode} tidak dapat dibuka dengan "
                            "sandinya.")
    return signer


def penanda(pemda_kode: str) -> Penanda:
    cert = _signer(pemda_kode).signing_cert
    return Penanda(cert.subject.human_friendly, cert.sha256.hex())


def pemberi_stempel_waktu() -> TimeStamper | None:
    """The time-stamping authority the installation set (``AKUNTABEL_TSA_URL``), else None
    (PAdES B-B). Tests put pyHanko's in-process dummy TSA here."""
    url = settings.AKUNTABEL_TSA_URL
    return HTTPTimeStamper(url, timeout=TSA_BATAS_DETIK) if url else None


def _daftarkan_tsa(signed: bytes) -> None:
    """Keep the certificate of the TSA that stamped ``signed`` among the TSAs the verifier
    trusts: this installation asked that TSA itself."""
    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    token = find_unique_cms_attribute(sig.signer_info["unsigned_attrs"],
                                      "signature_time_stamp_token")
    cert = extract_certificate_info(token["content"]).signer_cert
    d = folder(TSA) / SERTIFIKAT
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{cert.sha256.hex()[:16]}.pem").write_bytes(pem.armor("CERTIFICATE", cert.dump()))


def tanda_tangani(pdf: bytes, pemda_kode: str, alasan: str, tempat: str) -> bytes:
    """``pdf`` signed by the pemda's key: an incremental update with one PAdES signature
    (SHA-256) over the whole file, so the signed file begins with the unsigned bytes. With a
    TSA set, the signature carries its timestamp (B-T); when the TSA gives none,
    ``StempelWaktuGagal`` and nothing is signed (docs/tanda-tangan.md says why)."""
    signer = _signer(pemda_kode)
    stamper = pemberi_stempel_waktu()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=alasan, location=tempat)
    try:
        signed = signers.sign_pdf(writer, meta, signer=signer, timestamper=stamper).getvalue()
        if stamper is not None:
            _daftarkan_tsa(signed)
    except (TimestampRequestError, ValueError, KeyError) as exc:
        if stamper is None:
            raise
        # ValueError, KeyError: an answer that is no RFC 3161 token with its certificate
        raise StempelWaktuGagal(
            f"Penyedia stempel waktu ({settings.AKUNTABEL_TSA_URL}) tidak memberi stempel "
            f"waktu yang dapat dipakai ({exc.__cause__ or exc}); dokumen final tidak dibuat. "
            "Coba lagi nanti, atau periksa AKUNTABEL_TSA_URL (docs/tanda-tangan.md).") from None
    return signed


def sertifikat_terdaftar() -> dict[str, list[asn1_x509.Certificate]]:
    """By pemda code: the certificates the pemda has registered (what the verifier trusts),
    in the form pyHanko's validator takes; ``.sha256.hex()`` is ``sidik_jari``."""
    root = Path(settings.AKUNTABEL_KUNCI_DIR)
    hasil: dict[str, list[asn1_x509.Certificate]] = {}
    if not root.is_dir():
        return hasil
    for d in sorted(p for p in root.iterdir() if p.is_dir() and p.name != TSA):
        certs = [load_cert_from_pemder(str(f)) for f in sorted((d / SERTIFIKAT).glob("*.pem"))]
        if certs:
            hasil[d.name] = certs
    return hasil


def sertifikat_tsa() -> list[asn1_x509.Certificate]:
    """The certificates of the TSAs this installation got timestamps from (or an
    administrator put in ``tsa.d/sertifikat/``): what the verifier trusts for a timestamp."""
    return [load_cert_from_pemder(str(f))
            for f in sorted((folder(TSA) / SERTIFIKAT).glob("*.pem"))]
