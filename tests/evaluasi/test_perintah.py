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
