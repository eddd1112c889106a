"""akuntabel final / verifikasi / kunci: a final made from the command line as on the page
(the open problems printed, a note required), checked by 'verifikasi' (exit 0 only for an
unaltered final), its pages rendered to images."""

import shutil
import subprocess

import pytest

from akuntabel.cli import main
from akuntabel.reports import tanda_tangan
from akuntabel.reports.kesiapan import masalah_terbuka
from akuntabel.reports.models import LaporanFinal
from tests.reports.pdf_check import pdfa_problems

pytestmark = pytest.mark.django_db

FINAL = ["final", "--pemda", "kota-metro", "--opd", "dinas-sosial", "--tahun", "2023"]


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = False
    return settings.AKUNTABEL_KUNCI_DIR


@pytest.fixture
def kunci(demo_opd, capsys):
    assert main(["kunci", "--pemda", "kota-metro"]) == 0
    out = capsys.readouterr().out
    assert "SWATANDA" in out and "SHA-256 sertifikat" in out
    return out


@pytest.fixture
def out_dir(tmp_path):
    d = tmp_path / "final"
    d.mkdir()
    return d


def test_without_a_note_the_open_problems_are_printed_and_nothing_is_made(kunci, out_dir,
                                                                          capsys, demo_opd):
    masalah = masalah_terbuka(demo_opd, 2023)
    assert main([*FINAL, "--out", str(out_dir)]) == 2
    captured = capsys.readouterr()
    assert f"Masalah yang masih terbuka ({len(masalah)}):" in captured.out
    assert masalah[0].pesan in captured.out
    assert "--catatan" in captured.err
    assert list(out_dir.iterdir()) == []
    assert not LaporanFinal.objects.exists()


def test_without_a_key_outside_a_local_install_the_final_is_refused(out_dir, capsys, demo_opd):
    assert main([*FINAL, "--catatan", "Diterima.", "--out", str(out_dir)]) == 2
    assert "akuntabel kunci --pemda kota-metro" in capsys.readouterr().err
    assert not LaporanFinal.objects.exists()


def test_a_final_from_the_cli_verifies_and_a_changed_copy_does_not(kunci, out_dir, capsys,
                                                                  tmp_path):
    assert main([*FINAL, "--tanggal", "2024-02-29", "--catatan",
                 "Galat reviu diketahui dan diterima.", "--out", str(out_dir)]) == 0
    [pdf] = sorted(out_dir.glob("*.pdf"))
    final = LaporanFinal.objects.get(format="pdf")
    assert final.catatan == "Galat reviu diketahui dan diterima." and final.masalah
    assert pdf.read_bytes() == bytes(final.isi)
    assert pdfa_problems(pdf.read_bytes()) == []
    capsys.readouterr()

    assert main(["verifikasi", str(pdf)]) == 0
    out = capsys.readouterr().out
    for fakta in ("SAH", "Pemda: Kota Metro", "Perangkat daerah: Dinas Sosial Kota Metro",
                  "Tahun: 2023", f"SHA-256 berkas: {final.sha256}", "SHA-256 cuplikan data: ",
                  "Penanda tangan: ", "Tercatat di basis data: ya"):
        assert fakta in out, fakta

    isi = bytearray(pdf.read_bytes())
    isi[len(isi) // 2] ^= 0x01
    ubah = tmp_path / "diubah.pdf"
    ubah.write_bytes(bytes(isi))
    assert main(["verifikasi", str(ubah)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("TIDAK SAH") and "Tercatat di basis data: tidak" in out

    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdfsig, pdftoppm) is not installed")
    # A second, independent validator (poppler's): the signature is valid and covers it all.
    sig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    assert "Signature is Valid" not in subprocess.run(
        ["pdfsig", str(ubah)], capture_output=True, text=True).stdout
    # Its pages, rendered to images.
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", str(pdf),
                    str(tmp_path / "halaman")], check=True)
    pages = sorted(tmp_path.glob("halaman-*.png"))
    assert len(pages) == 3
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 2000 for p in pages)


def test_the_pk_is_made_final_and_signed_too(kunci, out_dir, capsys):
    assert main([*FINAL, "--dokumen", "pk", "--catatan", "Diterima.", "--out",
                 str(out_dir)]) == 0
    [pdf] = sorted(out_dir.glob("Perjanjian-Kinerja-*.pdf"))
    capsys.readouterr()
    assert main(["verifikasi", str(pdf)]) == 0
    assert "Dokumen: Perjanjian Kinerja" in capsys.readouterr().out


def test_the_e81_form_is_made_final_with_its_open_problems_and_verified(kunci, out_dir,
                                                                        capsys):
    assert main([*FINAL, "--dokumen", "e81", "--out", str(out_dir)]) != 0   # problems open
    assert "Masalah yang masih terbuka (35)" in capsys.readouterr().out
    assert main([*FINAL, "--dokumen", "e81", "--catatan", "Diterima.", "--out",
                 str(out_dir)]) == 0
    [pdf] = [p for p in out_dir.glob("*.pdf")]
    capsys.readouterr()
    assert main(["verifikasi", str(pdf)]) == 0
    assert "Dokumen: E.81" in capsys.readouterr().out


def test_kunci_keeps_an_existing_key_unless_asked_and_plugs_in_a_pkcs12(kunci, capsys,
                                                                      kunci_dir, monkeypatch):
    assert main(["kunci", "--pemda", "kota-metro"]) == 0
    assert "tidak diganti" in capsys.readouterr().out
    p12 = kunci_dir / "kota-metro" / tanda_tangan.P12
    sandi = (kunci_dir / "kota-metro" / tanda_tangan.SANDI).read_text()
    salinan = kunci_dir.parent / "resmi.p12"
    salinan.write_bytes(p12.read_bytes())
    monkeypatch.setenv("AKUNTABEL_PKCS12_SANDI", "salah")
    assert main(["kunci", "--pemda", "kota-metro", "--pkcs12", str(salinan)]) == 2
    assert "sandinya salah" in capsys.readouterr().err
    monkeypatch.setenv("AKUNTABEL_PKCS12_SANDI", sandi)
    assert main(["kunci", "--pemda", "kota-metro", "--pkcs12", str(salinan)]) == 0
    assert "Sertifikat terpasang" in capsys.readouterr().out


def test_verifikasi_of_a_missing_file_or_no_pdf_fails(tmp_path, capsys):
    assert main(["verifikasi", str(tmp_path / "tidak-ada.pdf")]) == 2
    bukan = tmp_path / "bukan.pdf"
    bukan.write_bytes(b"bukan pdf")
    assert main(["verifikasi", str(bukan)]) == 1
    assert "TIDAK SAH" in capsys.readouterr().out
