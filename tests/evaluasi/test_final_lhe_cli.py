"""akuntabel final --dokumen lhe: the LHE final made from the command line as on the results
page: the evaluation's open problems printed, nothing made without --catatan while any is
open, the files written with their hashes and recognised by 'verifikasi'."""

from __future__ import annotations

import re

import pytest

from akuntabel.cli import main
from akuntabel.evaluasi import lhe_final, services
from akuntabel.evaluasi.models import Jawaban, LheFinal
from tests.evaluasi.dunia import (
    TAHUN,
    dinsos,
    evaluasi,
    jendela,
    pemda,
    reviewer,
    template,
)

__all__ = ["dinsos", "evaluasi", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True


@pytest.fixture
def out_dir(tmp_path):
    d = tmp_path / "final"
    d.mkdir()
    return d


def _kunci(evaluasi, reviewer):
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan="B")
    return services.kunci_evaluasi(evaluasi, user=reviewer)


def _argv(pemda, out_dir, *extra):
    return ["final", "--pemda", pemda.kode, "--tahun", str(TAHUN), "--dokumen", "lhe",
            *extra, "--out", str(out_dir)]


def test_without_a_note_the_problems_are_printed_and_nothing_is_made(
        evaluasi, reviewer, pemda, dinsos, out_dir, capsys):
    ev = _kunci(evaluasi, reviewer)   # no Inspektur recorded: one problem open
    [masalah] = lhe_final.masalah_terbuka(ev)
    assert main(_argv(pemda, out_dir, "--opd", dinsos.kode)) == 2
    captured = capsys.readouterr()
    assert "Masalah yang masih terbuka (1):" in captured.out
    assert masalah.pesan in captured.out and "[Inspektur]" in captured.out
    assert "--catatan" in captured.err
    assert list(out_dir.iterdir()) == [] and not LheFinal.objects.exists()


def test_with_a_note_the_final_is_written_and_verifies(evaluasi, reviewer, pemda, dinsos,
                                                       out_dir, capsys):
    _kunci(evaluasi, reviewer)
    assert main(_argv(pemda, out_dir, "--opd", dinsos.kode, "--catatan",
                      "Nama Inspektur diisi tangan.")) == 0
    assert "Ditulis:" in capsys.readouterr().out
    finals = LheFinal.objects.filter(evaluasi=evaluasi)
    assert sorted(f.format for f in finals) == ["docx", "pdf"]
    assert {f.catatan for f in finals} == {"Nama Inspektur diisi tangan."}
    [pdf] = out_dir.glob("LHE-*.pdf")
    assert pdf.read_bytes() == bytes(finals.get(format="pdf").isi)
    assert main(["verifikasi", str(pdf)]) == 0
    assert "Dokumen: LHE" in capsys.readouterr().out
    # The same data again: refused, nothing more made.
    assert main(_argv(pemda, out_dir, "--opd", dinsos.kode, "--catatan", "Lagi.")) == 2
    assert capsys.readouterr().err and finals.count() == 2


def test_the_pemdas_own_evaluation_is_named_without_opd(pemda, template, reviewer, out_dir,
                                                        capsys):
    sendiri = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=reviewer)
    _kunci(sendiri, reviewer)
    assert main(_argv(pemda, out_dir, "--catatan", "Diterima.")) == 0
    assert LheFinal.objects.filter(evaluasi=sendiri).count() == 2
    [pdf] = out_dir.glob("*.pdf")
    assert pdf.name.startswith(f"LHE-{pemda.kode}-pemda-")


@pytest.mark.parametrize(("buat", "extra", "pesan"), [
    pytest.param(False, ["--opd", "DINSOS"], r"belum dibuka", id="no evaluation opened"),
    pytest.param(True, ["--opd", "DINSOS"], r"dikunci|locked", id="an evaluation not locked"),
    pytest.param(True, ["--opd", "tidak-ada"], r"tidak ditemukan", id="an unknown OPD"),
    pytest.param(True, ["--opd", "DINSOS", "--tanggal", "2024-03-01"], r"--tanggal",
                 id="a signing date, which the LHE takes from its register"),
])
def test_refusals_are_clear(pemda, dinsos, template, reviewer, out_dir, capsys, buat, extra,
                            pesan):
    if buat:
        services.buat_evaluasi(pemda, TAHUN, template, jendela(), opd=dinsos, user=reviewer)
    extra = [dinsos.kode if a == "DINSOS" else a for a in extra]
    assert main(_argv(pemda, out_dir, *extra)) == 2
    assert re.search(pesan, capsys.readouterr().err)
    assert not LheFinal.objects.exists()
