"""A pemda's final LKjIP is verified as an OPD's: `verify`, the public page (upload or hash)
and `akuntabel verifikasi` find it in the database and say of which pemda, document and year;
a one-byte change is rejected; an anonymous reader sees only its identity."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from akuntabel.cli import main
from akuntabel.daerah import lkjip_final
from akuntabel.reports.verifikasi import final_tercatat, lines, verify
from tests.daerah.test_lkjip import TAHUN, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
URL = "/verifikasi/"


@pytest.fixture
def final(settings, tmp_path, world, pemda, admin_pemda):  # noqa: F811
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True
    [pdf] = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",),
                                   catatan="LKjIP Perangkat Daerah menyusul")
    return pdf


def satu_byte_berubah(isi: bytes) -> bytes:
    ubah = bytearray(isi)
    ubah[len(ubah) // 2] ^= 0x01
    return bytes(ubah)


def test_an_untouched_pemda_final_verifies_and_is_found_by_its_hash(final):
    assert final_tercatat(final.sha256) == final
    hasil = verify(bytes(final.isi), tercatat=True)
    assert hasil.sah, hasil.alasan
    teks = "\n".join(lines(hasil))
    for fakta in ("Pemda: Kota Uji", "Dokumen: LKjIP pemda", f"Tahun: {TAHUN}",
                  "Tercatat di basis data: ya"):
        assert fakta in teks, fakta
    assert "Perangkat daerah:" not in teks
    ubah = satu_byte_berubah(bytes(final.isi))
    assert not verify(ubah).sah
    assert final_tercatat(verify(ubah).sha256) is None


def test_the_cli_finds_a_pemda_final_in_the_database(final, tmp_path, capsys):
    berkas = tmp_path / "lkjip-pemda.pdf"
    berkas.write_bytes(bytes(final.isi))
    assert main(["verifikasi", str(berkas)]) == 0
    assert "Tercatat di basis data: ya" in capsys.readouterr().out
    berkas.write_bytes(satu_byte_berubah(bytes(final.isi)))
    assert main(["verifikasi", str(berkas)]) == 1
    assert "Tercatat di basis data: tidak" in capsys.readouterr().out


def test_the_public_page_checks_an_uploaded_pemda_final(client, final):
    html = client.post(URL, {"berkas": SimpleUploadedFile(
        "lkjip.pdf", bytes(final.isi), "application/pdf")}).content.decode()
    assert 'data-testid="sah"' in html and "Kota Uji" in html and "LKjIP pemda" in html
    assert 'data-testid="tercatat-berkas">ya' in html
    html = client.post(URL, {"berkas": SimpleUploadedFile(
        "lkjip.pdf", satu_byte_berubah(bytes(final.isi)), "application/pdf")}).content.decode()
    assert 'data-testid="tidak-sah"' in html


def test_an_anonymous_hash_lookup_shows_only_the_identity_of_a_pemda_final(client, final):
    html = client.post(URL, {"sha256": final.sha256}).content.decode()
    assert 'data-testid="tercatat"' in html
    for fakta in ("Kota Uji", "LKjIP pemda", f"<dd>{TAHUN}</dd>", "(PDF)"):
        assert fakta in html, fakta
    iku = final.data["sumber"]["iku"][-1]
    assert iku["uraian"] not in html and "menyusul" not in html
    assert "/laporan-final/" not in html  # not published: no download


def test_the_pemda_final_is_signed_by_the_one_signing_function_of_reports(
        settings, tmp_path, world, pemda, admin_pemda, monkeypatch):  # noqa: F811
    from akuntabel.reports import final as opd_final

    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True
    dipanggil = []
    asli = opd_final.tandatangani_final   # called by the one make-final, simpan_final
    monkeypatch.setattr(opd_final, "tandatangani_final",
                        lambda *a, **k: dipanggil.append(a[3]) or asli(*a, **k))
    [pdf] = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",),
                                   catatan="LKjIP Perangkat Daerah menyusul")
    assert dipanggil == ["Pemerintah Kota Uji"]
    assert verify(bytes(pdf.isi)).sah
