"""akuntabel final --pemda P --tahun Y --dokumen lkjip-pemda: the pemda's LKjIP final made from
the command line as on its page: the open problems printed, nothing made without --catatan
while any is open, the files written with their hashes."""

import pytest

from akuntabel.cli import main
from akuntabel.daerah import lkjip_final
from akuntabel.daerah.models import LaporanFinalPemda
from tests.daerah.test_lkjip import TAHUN, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True


def _argv(pemda, out, *extra):
    return ["final", "--pemda", pemda.kode, "--tahun", str(TAHUN), "--dokumen", "lkjip-pemda",
            *extra, "--out", str(out)]


def test_without_a_note_the_problems_are_printed_and_nothing_is_made(world, pemda, tmp_path,  # noqa: F811
                                                                     capsys):
    masalah = lkjip_final.masalah_terbuka(pemda, TAHUN)
    assert masalah   # the world's agencies have no final LKjIP
    assert main(_argv(pemda, tmp_path)) == 2
    captured = capsys.readouterr()
    assert f"Masalah yang masih terbuka ({len(masalah)}):" in captured.out
    assert masalah[0].pesan in captured.out and "[LKjIP OPD belum final]" in captured.out
    assert "--catatan" in captured.err
    assert not LaporanFinalPemda.objects.exists()


def test_with_a_note_the_final_is_written(world, pemda, tmp_path, capsys):  # noqa: F811
    assert main(_argv(pemda, tmp_path, "--tanggal", "2027-02-20", "--catatan",
                      "LKjIP OPD menyusul.")) == 0
    assert "Ditulis:" in capsys.readouterr().out
    finals = LaporanFinalPemda.objects.filter(pemda=pemda, tahun=TAHUN)
    assert sorted(f.format for f in finals) == ["docx", "pdf"]
    assert {f.catatan for f in finals} == {"LKjIP OPD menyusul."}
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.read_bytes() == bytes(finals.get(format="pdf").isi)
    assert main(["verifikasi", str(pdf)]) == 0


def test_an_unknown_pemda_is_refused(world, tmp_path, capsys):  # noqa: F811
    assert main(["final", "--pemda", "tidak-ada", "--tahun", str(TAHUN), "--dokumen",
                 "lkjip-pemda", "--out", str(tmp_path)]) == 2
    assert "tidak-ada" in capsys.readouterr().err
