"""The final PDF is PDF/A-3b with its data snapshot embedded and signed with the pemda's key;
``verifikasi.verify`` accepts it untouched and rejects every altered or re-signed copy."""

import hashlib
import io
import json
import os
import stat

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter

from akuntabel.reports import pdfa, tanda_tangan
from akuntabel.reports.final import render_signed_pdf
from akuntabel.reports.verifikasi import lines, verify
from tests.builders import make_opd, make_pemda
from tests.reports.pdf_check import pdfa_problems
from tests.reports.sample import make_sample_dokumen

pytestmark = pytest.mark.django_db


@pytest.fixture
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = False
    return settings.AKUNTABEL_KUNCI_DIR


def data_of(opd, tahun=2023):
    return {"versi_format": 1, "tahun": tahun, "dokumen": {"jenis": "lakip", "judul": "LKjIP"},
            "opd": {"pk": opd.pk, "kode": opd.kode, "nama": opd.nama, "pemda": opd.pemda.kode,
                    "pemda_nama": opd.pemda.nama},
            "sumber": {"angka": "5093068611"}}


@pytest.fixture
def signed(kunci_dir):
    opd = make_opd(pemda=make_pemda(kode="kota-uji", nama="Kota Uji"), nama="Dinas Sosial")
    tanda_tangan.buat_kunci_demo("kota-uji", "Pemerintah Kota Uji")
    data = data_of(opd)
    isi = render_signed_pdf(make_sample_dokumen(), data, opd)
    return {"opd": opd, "data": data, "isi": isi}


def other_signer(tmp_path, nama="Pemalsu"):
    """A key the verifier does not know: made in another folder."""
    from django.conf import settings

    asli = settings.AKUNTABEL_KUNCI_DIR
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "lain"
    try:
        tanda_tangan.buat_kunci_demo("lain", nama)
        return tanda_tangan._signer("lain")
    finally:
        settings.AKUNTABEL_KUNCI_DIR = asli


def resign(unsigned: bytes, signer) -> bytes:
    meta = signers.PdfSignatureMetadata(field_name=tanda_tangan.FIELD, md_algorithm="sha256",
                                        subfilter=SigSeedSubFilter.PADES)
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(unsigned)), meta,
                            signer=signer).getvalue()


def test_an_untouched_final_verifies_and_says_whose_it_is(signed):
    hasil = verify(signed["isi"])
    assert hasil.sah, hasil.alasan
    assert (hasil.pemda, hasil.opd, hasil.dokumen, hasil.tahun) == (
        "Kota Uji", "Dinas Sosial", "lakip", 2023)
    assert hasil.snapshot_sha256 == hashlib.sha256(pdfa.snapshot_bytes(signed["data"])).hexdigest()
    assert "Pemerintah Kota Uji" in hasil.penandatangan
    text = "\n".join(lines(hasil))
    assert text.startswith("SAH") and hasil.snapshot_sha256 in text


def test_the_final_pdf_is_pdfa_3b_with_the_snapshot_embedded(signed):
    assert pdfa_problems(signed["isi"]) == []
    assert json.loads(pdfa.embedded_snapshot(signed["isi"])) == signed["data"]


def test_the_signature_is_an_increment_over_the_unsigned_pdfa(signed):
    unsigned = pdfa.render_pdfa(make_sample_dokumen(), pdfa.snapshot_bytes(signed["data"]))
    assert signed["isi"].startswith(unsigned)
    assert pdfa_problems(unsigned) == []


def test_a_one_byte_change_is_rejected(signed):
    isi = bytearray(signed["isi"])
    at = len(isi) // 3
    isi[at] = (isi[at] + 1) % 256
    hasil = verify(bytes(isi))
    assert not hasil.sah
    assert hasil.alasan


def test_a_byte_appended_after_signing_is_rejected(signed):
    hasil = verify(signed["isi"] + b"\n%x\n")
    assert not hasil.sah


def _replace_snapshot(isi: bytes, baru: bytes) -> bytes:
    """An incremental update that swaps the embedded snapshot's stream, the signature kept."""
    w = IncrementalPdfFileWriter(io.BytesIO(isi))
    names = w.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    stream = generic.StreamObject({generic.NameObject("/Type"):
                                   generic.NameObject("/EmbeddedFile")}, stream_data=baru)
    spec["/EF"][generic.NameObject("/F")] = w.add_object(stream)
    w.update_container(spec)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_a_changed_embedded_snapshot_is_rejected(signed):
    palsu = dict(signed["data"], sumber={"angka": "9999999999"})
    isi = _replace_snapshot(signed["isi"], pdfa.snapshot_bytes(palsu))
    assert json.loads(pdfa.embedded_snapshot(isi))["sumber"] == {"angka": "9999999999"}
    hasil = verify(isi)
    assert not hasil.sah
    assert any("setelah tanda tangan" in a for a in hasil.alasan)


def test_a_changed_snapshot_re_signed_with_another_key_is_rejected(signed, tmp_path):
    palsu = dict(signed["data"], sumber={"angka": "9999999999"})
    unsigned = pdfa.render_pdfa(make_sample_dokumen(), pdfa.snapshot_bytes(palsu))
    hasil = verify(resign(unsigned, other_signer(tmp_path)))
    assert not hasil.sah
    assert any("bukan sertifikat yang terdaftar" in a for a in hasil.alasan)


def test_the_same_document_re_signed_with_another_key_is_rejected(signed, tmp_path):
    unsigned = pdfa.render_pdfa(make_sample_dokumen(), pdfa.snapshot_bytes(signed["data"]))
    hasil = verify(resign(unsigned, other_signer(tmp_path, "Pemerintah Kota Uji")))
    assert not hasil.sah
    assert hasil.pemda == "Kota Uji"   # the identity is read, the signer is not the pemda's


def test_another_pemdas_registered_key_does_not_sign_for_this_pemda(signed):
    tanda_tangan.buat_kunci_demo("kota-lain", "Pemerintah Kota Lain")
    unsigned = pdfa.render_pdfa(make_sample_dokumen(), pdfa.snapshot_bytes(signed["data"]))
    hasil = verify(resign(unsigned, tanda_tangan._signer("kota-lain")))
    assert not hasil.sah


def test_an_unsigned_pdf_or_another_file_is_rejected(signed):
    unsigned = pdfa.render_pdfa(make_sample_dokumen(), pdfa.snapshot_bytes(signed["data"]))
    assert not verify(unsigned).sah
    assert not verify(b"bukan pdf").sah
    assert not verify(b"").sah


def test_a_renewed_key_leaves_earlier_finals_valid(signed):
    tanda_tangan.buat_kunci_demo("kota-uji", "Pemerintah Kota Uji")
    assert verify(signed["isi"]).sah


def test_the_key_is_kept_encrypted_with_its_passphrase_readable_by_the_owner_only(signed,
                                                                                   kunci_dir):
    d = kunci_dir / "kota-uji"
    for name in (tanda_tangan.P12, tanda_tangan.SANDI):
        assert stat.S_IMODE(os.stat(d / name).st_mode) == 0o600
    p12 = (d / tanda_tangan.P12).read_bytes()
    from cryptography.hazmat.primitives.serialization import pkcs12
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(p12, b"salah")


def test_a_real_pkcs12_is_plugged_in_and_signs(kunci_dir, tmp_path):
    opd = make_opd(pemda=make_pemda(kode="kab-uji", nama="Kabupaten Uji"))
    other_signer(tmp_path, "Pemerintah Kabupaten Uji (BSrE)")
    p12 = (tmp_path / "lain" / "lain" / tanda_tangan.P12).read_bytes()
    sandi = (tmp_path / "lain" / "lain" / tanda_tangan.SANDI).read_bytes()
    with pytest.raises(tanda_tangan.KunciTidakAda):
        tanda_tangan.pasang_pkcs12("kab-uji", p12, b"salah")
    tanda_tangan.pasang_pkcs12("kab-uji", p12, sandi)
    isi = render_signed_pdf(make_sample_dokumen(), data_of(opd), opd)
    hasil = verify(isi)
    assert hasil.sah, hasil.alasan
    assert "BSrE" in hasil.penandatangan


def test_without_a_key_the_final_pdf_is_refused_with_what_to_do(kunci_dir):
    opd = make_opd(pemda=make_pemda(kode="kota-tanpa"))
    with pytest.raises(tanda_tangan.KunciTidakAda, match="akuntabel kunci --pemda kota-tanpa"):
        render_signed_pdf(make_sample_dokumen(), data_of(opd), opd)


def test_where_no_certificate_is_registered_the_verifier_says_where_it_looked(signed, settings,
                                                                             tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kosong"  # e.g. run outside the installation
    hasil = verify(signed["isi"])
    assert not hasil.sah
    assert any(str(tmp_path / "kosong") in a and "AKUNTABEL_VAR_DIR" in a for a in hasil.alasan)
