"""akuntabel reviu: text, JSON with the codes, XLSX, and clear refusals."""

import io
import json

import pytest
from openpyxl import load_workbook

from akuntabel.cli import main
from akuntabel.core.reviu import ATURAN
from akuntabel.reviews.services import review

pytestmark = pytest.mark.django_db

ARGS = ["reviu", "--pemda", "kota-metro", "--opd", "dinas-sosial", "--tahun", "2023"]


def test_text_lists_every_finding_with_its_code(capsys, demo_opd):
    assert main(ARGS) == 0
    out = capsys.readouterr().out
    temuan = review(demo_opd, 2023)
    assert f"{len(temuan)} temuan" in out
    for t in temuan:
        assert t.finding.code in out


def test_english_text_on_request(capsys, demo_opd):
    assert main([*ARGS, "--bahasa", "en"]) == 0
    assert "findings:" in capsys.readouterr().out


def test_json_carries_the_codes_and_values(capsys, demo_opd):
    assert main([*ARGS, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    codes = {t["code"] for t in data["temuan"]}
    assert codes <= set(ATURAN)
    assert data["jumlah"] == len(data["temuan"]) == len(review(demo_opd, 2023))
    first = data["temuan"][0]
    assert {"tingkat", "pesan", "pesan_en", "lokasi", "diharapkan", "ditemukan",
            "sidik_jari", "dijelaskan"} <= set(first)


def test_xlsx_opens_with_one_row_per_finding(tmp_path, capsys, demo_opd):
    out = tmp_path / "reviu.xlsx"
    assert main([*ARGS, "--format", "xlsx", "--out", str(out)]) == 0
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    sheet = wb["Temuan"]
    assert sheet["A2"].value == "Kode"
    assert sheet.max_row - 2 == len(review(demo_opd, 2023))
    assert wb["Aturan"].max_row - 1 == len(ATURAN)


def test_xlsx_without_a_file_is_refused(capsys, demo_opd):
    assert main([*ARGS, "--format", "xlsx"]) == 2
    assert "--out" in capsys.readouterr().err


def test_unknown_opd_is_refused_without_a_traceback(capsys, db):
    assert main(["reviu", "--pemda", "kota-metro", "--opd", "dinas-tidak-ada",
                 "--tahun", "2023"]) == 2
    err = capsys.readouterr().err
    assert "tidak ditemukan" in err and "Traceback" not in err


def test_a_year_outside_the_renstra_is_refused(capsys, demo_opd):
    assert main([*ARGS[:-1], "2031"]) == 2
    assert "tidak memiliki Renstra yang mencakup tahun 2031" in capsys.readouterr().err
