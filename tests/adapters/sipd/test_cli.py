"""``akuntabel import FILE --pemda P --opd O --tahun Y [--unit KODE]`` with a SIPD export."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.cli import main
from tests.adapters.sipd.helpers import DISHUB, MENTAH, REKAP, make_opd_kosong
from tests.adapters.sipd.lra_factory import buat_lra

pytestmark = pytest.mark.django_db


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _args(opd, path, *extra):
    return ("import", str(path), "--pemda", opd.pemda.kode, "--opd", opd.kode,
            "--tahun", "2026", *extra)


def _pagu(opd):
    return DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).aggregate(
        s=Sum("pagu"))["s"]


def test_a_dry_run_previews_the_tree_and_totals_and_writes_nothing(capsys):
    opd = make_opd_kosong()
    code, out, err = run(capsys, *_args(opd, DISHUB, "--dry-run"))
    assert code == 0, err
    assert "API" in out and "Dinas Perhubungan" in out
    assert "program 2.15.02" in out and "sub kegiatan 2.15.02.2.06.0004" in out
    assert "Rp 3.246.116.451" in out and "Rp 1.544.180.227" in out
    assert _pagu(opd) is None


def test_the_import_writes_and_a_second_run_changes_nothing(capsys):
    opd = make_opd_kosong()
    code, out, err = run(capsys, *_args(opd, DISHUB, "--ya"))
    assert code == 0, err
    assert "Ditulis" in out
    assert _pagu(opd) == Decimal("3246116451")
    code, out, err = run(capsys, *_args(opd, DISHUB, "--ya"))
    assert code == 0, err
    assert "Tidak ada yang berubah" in out


def test_a_file_of_several_units_lists_them_when_none_is_chosen(capsys):
    opd = make_opd_kosong()
    code, _out, err = run(capsys, *_args(opd, MENTAH, "--ya"))
    assert code == 2
    assert "--unit" in err and "2.15.2.10.0.00.01.0000" in err and "Dinas Perhubungan" in err
    assert _pagu(opd) is None
    code, _out, err = run(capsys, *_args(opd, MENTAH, "--unit", "2.15.2.10.0.00.01.0000", "--ya"))
    assert code == 0, err
    assert _pagu(opd) > 0


def test_a_bad_file_prints_its_problems_and_exits_2(capsys, tmp_path):
    path = tmp_path / "rusak.json"
    path.write_text("[{\"KODE SUB UNIT\": 1", encoding="utf-8")
    opd = make_opd_kosong()
    code, _out, err = run(capsys, *_args(opd, path, "--ya"))
    assert code == 2 and "rusak.json" in err and "Tidak ada yang ditulis" in err


def test_an_lra_of_may_is_previewed_with_a_note_on_its_realisasi(capsys, tmp_path):
    lra = buat_lra(tmp_path / "lra.xlsx", bulan=5)
    opd = make_opd_kosong()
    code, out, err = run(capsys, *_args(opd, lra.path, "--dry-run"))
    assert code == 0, err
    assert "Mei" in out and "triwulan" in out


@pytest.mark.parametrize("path", [DISHUB, REKAP], ids=["API JSON", "Rekap xlsx"])
def test_a_sipd_file_without_opd_and_year_says_what_to_add(capsys, path):
    code, _out, err = run(capsys, "import", str(path), "--ya")
    assert code == 2
    assert "SIPD" in err and "--opd" in err and "--tahun" in err
