"""``akuntabel evaluasi``: the LHE of one OPD (docx, pdf), its scores (json), the pemda's recap
(xlsx, json without --opd); a refusal names what is wrong and writes nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from akuntabel.cli import main
from akuntabel.evaluasi import services
from akuntabel.evaluasi.models import Jawaban
from tests.evaluasi.dunia import TAHUN, dinsos, evaluasi, pemda, reviewer, template

__all__ = ["dinsos", "evaluasi", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "var"
    monkeypatch.setenv("AKUNTABEL_VAR_DIR", str(path))
    return path


@pytest.fixture
def dinilai(evaluasi, reviewer):
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan="B")
    return services.kunci_evaluasi(evaluasi, user=reviewer)


def jalankan(pemda, *args: str) -> int:
    return main(["evaluasi", "--pemda", pemda.kode, "--tahun", str(TAHUN), *args])


@pytest.mark.parametrize(("fmt", "awal"), [("pdf", b"%PDF"), ("docx", b"PK\x03\x04")])
def test_the_lhe_of_one_opd(tmp_path, pemda, dinsos, dinilai, fmt, awal):
    out = tmp_path / f"lhe.{fmt}"
    assert jalankan(pemda, "--opd", dinsos.kode, "--format", fmt, "--out", str(out)) == 0
    assert out.read_bytes().startswith(awal)


def test_the_scores_of_one_opd_as_json(tmp_path, pemda, dinsos, dinilai):
    out = tmp_path / "nilai.json"
    assert jalankan(pemda, "--opd", dinsos.kode, "--format", "json", "--out", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["nilai"], data["predikat"], data["komponen"]["1"]) == ("70.00", "B", "21.00")
    assert data["terkunci"] is True


def test_the_recap_of_the_pemda(tmp_path, pemda, dinsos, dinilai):
    out = tmp_path / "rekap.xlsx"
    assert jalankan(pemda, "--format", "xlsx", "--out", str(out)) == 0
    ws = load_workbook(io.BytesIO(out.read_bytes())).active
    assert any(r[1] == "Dinas Sosial" and r[6] == 70 for r in ws.iter_rows(values_only=True))
    rekap = tmp_path / "rekap.json"
    assert jalankan(pemda, "--format", "json", "--out", str(rekap)) == 0
    assert json.loads(rekap.read_text())["opd"][0]["nilai"] == "70.00"


@pytest.mark.parametrize(("args", "pesan"), [
    (("--opd", "tidak-ada", "--format", "pdf"), "tidak-ada"),
    (("--opd", "dinas-sosial-x", "--format", "json"), "tidak ditemukan"),
    (("--format", "docx"), "--opd"),
], ids=["an unknown OPD is named", "an unknown OPD for json too",
        "the LHE needs the OPD (or is the pemda's own)"])
def test_refusals_name_the_fault(tmp_path, capsys, pemda, dinsos, dinilai, args, pesan):
    out = tmp_path / "x"
    assert jalankan(pemda, *args, "--out", str(out)) == 2
    assert pesan in capsys.readouterr().err
    assert not out.exists()


@pytest.fixture
def ev_hari_ini(pemda, dinsos, template, reviewer):
    from django.utils import timezone

    from tests.evaluasi.dunia import jendela
    return services.buat_evaluasi(pemda, TAHUN, template, jendela(timezone.localdate()),
                                  opd=dinsos, user=reviewer)


def buku(tmp_path, ev, ubah) -> Path:
    """The evaluation's workbook changed by ``ubah(ws)``, as a file."""
    from akuntabel.evaluasi import lke_xlsx
    from tests.evaluasi.test_lke_xlsx import baris

    wb = load_workbook(io.BytesIO(lke_xlsx.tulis_lke(ev, dengan_penetapan=True)))
    ubah(wb["LKE"], lambda nomor: baris(wb["LKE"], nomor))
    path = tmp_path / "lke.xlsx"
    wb.save(path)
    return path


def penetapan(ev, nomor):
    return Jawaban.objects.get(evaluasi=ev, kriteria__nomor=nomor).nilai_penetapan


def test_a_workbook_is_imported_as_the_named_user(tmp_path, capsys, pemda, dinsos, reviewer,
                                                  ev_hari_ini):
    def ubah(ws, baris):
        ws.cell(baris("1.a.1"), 6, "A")
        ws.cell(baris("1.a.1"), 7, "Ada pedoman")

    berkas = buku(tmp_path, ev_hari_ini, ubah)
    assert jalankan(pemda, "--opd", dinsos.kode, "--impor", str(berkas),
                    "--pengguna", reviewer.username) == 0
    assert penetapan(ev_hari_ini, "1.a.1") == "A"
    assert "Kriteria yang disimpan dari buku kerja: 1." in capsys.readouterr().out


def test_an_import_refused_by_a_rule_saves_nothing(tmp_path, capsys, pemda, dinsos, reviewer,
                                                    ev_hari_ini):
    def ubah(ws, baris):
        ws.cell(baris("1.a.1"), 6, "A")
        ws.cell(baris("1.a.1"), 7, "Ada pedoman")
        ws.cell(baris("1.a.2"), 6, "B")   # differs from the unit's answer, no note

    berkas = buku(tmp_path, ev_hari_ini, ubah)
    assert jalankan(pemda, "--opd", dinsos.kode, "--impor", str(berkas),
                    "--pengguna", reviewer.username) == 2
    err = capsys.readouterr().err
    assert "1.a.2" in err and "Tidak ada isi buku kerja yang disimpan" in err
    assert penetapan(ev_hari_ini, "1.a.1") == ""


def test_import_faults_name_their_cell_and_save_nothing(tmp_path, capsys, pemda, dinsos,
                                                        reviewer, ev_hari_ini):
    def ubah(ws, baris):
        ws.cell(baris("1.a.1"), 6, "A")
        ws.cell(baris("1.a.2"), 6, "Z")

    berkas = buku(tmp_path, ev_hari_ini, ubah)
    assert jalankan(pemda, "--opd", dinsos.kode, "--impor", str(berkas),
                    "--pengguna", reviewer.username) == 2
    err = capsys.readouterr().err
    assert "F" in err and "1.a.2" in err and "'Z'" in err
    assert penetapan(ev_hari_ini, "1.a.1") == ""


@pytest.mark.parametrize(("pengguna", "pesan"), [
    ("tidak-ada", "tidak-ada"), (None, "--pengguna"), ("luar", "tidak berhak")],
    ids=["an unknown user is named", "the user is required",
         "a user without a right on the evaluation is refused"])
def test_an_import_needs_a_user_with_the_right(tmp_path, capsys, pemda, dinsos, ev_hari_ini,
                                               pengguna, pesan):
    from tests.builders import make_user
    make_user(None, username="luar")
    berkas = buku(tmp_path, ev_hari_ini, lambda ws, baris: ws.cell(baris("1.a.1"), 6, "A"))
    args = ["--opd", dinsos.kode, "--impor", str(berkas)]
    if pengguna:
        args += ["--pengguna", pengguna]
    assert jalankan(pemda, *args) == 2
    assert pesan in capsys.readouterr().err
    assert penetapan(ev_hari_ini, "1.a.1") == ""
