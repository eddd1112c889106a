"""The ``akuntabel`` command: what a user sees, the exit code, and what ends up in the database.

Exit codes: 0 done, 2 refused with a reason the user can act on ("Gagal: …"), 1 unexpected
error (explained in Indonesian, the traceback goes to the log), 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from akuntabel import cli
from akuntabel.adapters.dataset.reader import read_dataset
from akuntabel.adapters.dataset.yamlio import dump_yaml
from akuntabel.cli import DEMO_FILE, main
from tests.adapters.test_dataset_errors import (
    DELETE,
    IKU,
    REKENING,
    SUB,
    db_counts,
    make_dataset,
)

TREE = ("program", "kegiatan", "sub_kegiatan", "rekening")


@pytest.fixture(autouse=True)
def var_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The error log of every test goes to its own folder, never to the repository's var/."""
    path = tmp_path / "var"
    monkeypatch.setenv("AKUNTABEL_VAR_DIR", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write(tmp_path: Path, data: Any, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def opd_exists(pemda: str = "kota-uji", opd: str = "dinas-uji") -> bool:
    from akuntabel.organizations.models import PerangkatDaerah

    return PerangkatDaerah.objects.filter(pemda__kode=pemda, kode=opd).exists()


# -- check ----------------------------------------------------------------------------------------

def test_check_of_the_demo_file_says_it_is_valid_and_counts_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(DEMO_FILE))

    assert code == 0
    assert "sah (Dinas Sosial Kota Metro, Kota Metro)" in out
    for count in ("7 program", "16 kegiatan", "53 sub kegiatan", "582 baris rekening"):
        assert count in out
    assert err == ""


def _data_file(**overrides: Any) -> Any:
    return lambda tmp_path: write(tmp_path, make_dataset(**overrides))


def _text_file(text: str) -> Any:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / "data.yaml"
        path.write_text(text, encoding="utf-8")
        return path
    return make


BROKEN_FILES = [
    pytest.param(_data_file(**{f"{REKENING}.pagu": 150.0}),
                 ".sub_kegiatan[0] (1.06.02.2.01.0001).rekening.2023[0].pagu: jumlah uang harus "
                 "ditulis sebagai teks berkutip",
                 id="a bare-number pagu is refused with its place"),
    pytest.param(_data_file(**{"perjanjian_kinerja[0].baris[0].indikator": "IKU-9"}),
                 "perjanjian_kinerja[0].baris[0].indikator: merujuk indikator 'IKU-9'",
                 id="a reference to a missing indicator is refused with its place"),
    pytest.param(_text_file('format: "akuntabel-dataset/1"\npemda: [\n'),
                 "data.yaml, baris 3, kolom 1: bukan YAML yang sah",
                 id="invalid YAML is refused with line and column"),
    pytest.param(lambda tmp_path: tmp_path / "hilang.yaml", "hilang.yaml: berkas tidak ditemukan",
                 id="a missing file is named"),
    pytest.param(lambda tmp_path: tmp_path, ": adalah folder, bukan berkas data",
                 id="a folder is refused"),
    pytest.param(_text_file(""), "berkas: harus berupa pemetaan", id="an empty file is refused"),
    pytest.param(_data_file(**{f"{IKU}.target_triwulan.2023.5": "100%"}),
                 "target_triwulan.2023.5: kunci tidak dikenal",
                 id="a fifth quarter is refused with its place"),
]


@pytest.mark.parametrize(("make_file", "tempat"), BROKEN_FILES)
def test_check_of_a_broken_file_exits_2_and_names_the_place(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, make_file: Any, tempat: str) -> None:
    code, out, err = run(capsys, "check", str(make_file(tmp_path)))

    assert code == 2
    assert err.startswith("Gagal: ")
    assert tempat in err
    assert "Tidak ada data yang ditulis." in err
    assert out == ""


# -- load -----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_load_of_a_valid_file_exits_0_and_the_opd_exists(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "load", str(write(tmp_path, make_dataset())))

    assert code == 0
    assert "Dimuat: Dinas Sosial Kota Uji (Kota Uji)" in out
    assert "1 program, 1 kegiatan, 1 sub kegiatan" in out
    assert opd_exists()
    assert opd_exists("kota-metro", "dinas-sosial")  # the demo OPD is untouched


@pytest.mark.django_db
def test_load_of_an_opd_that_exists_exits_2_and_points_to_ganti(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, make_dataset())
    assert run(capsys, "load", str(path))[0] == 0
    after_first = db_counts()

    code, _, err = run(capsys, "load", str(path))

    assert code == 2
    assert "opd.kode: perangkat daerah 'dinas-uji' sudah ada di Kota Uji" in err
    assert "--ganti" in err
    assert db_counts() == after_first


@pytest.mark.django_db
def test_load_with_ganti_replaces_the_opd(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "load", str(write(tmp_path, make_dataset())))[0] == 0
    after_first = db_counts()

    code, out, _ = run(capsys, "load", "--ganti", "--ya",
                       str(write(tmp_path, make_dataset(**{"opd.nama": "Dinas Sosial Baru"}))))

    assert code == 0
    assert "Dimuat: Dinas Sosial Baru (Kota Uji)" in out
    assert db_counts() == after_first


def _smaller(tmp_path: Path) -> Path:
    """The small dataset with its sub kegiatan's indicator left out: one indicator fewer."""
    return write(tmp_path, make_dataset(**{f"{SUB}.indikator": DELETE}), "kecil.yaml")


@pytest.mark.django_db
def test_load_ganti_without_a_terminal_and_without_ya_deletes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "load", str(write(tmp_path, make_dataset())))[0] == 0
    after_first = db_counts()

    code, out, err = run(capsys, "load", "--ganti", str(_smaller(tmp_path)))

    assert code == 2
    assert "sudah ada" in out  # what it would delete is shown all the same
    assert "--ya" in err
    assert "Tidak ada yang dihapus." in err
    assert db_counts() == after_first


@pytest.mark.django_db
@pytest.mark.parametrize(("answer", "replaced"), [
    pytest.param("", False, id="Enter keeps the OPD's data"),
    pytest.param("tidak", False, id="tidak keeps the OPD's data"),
    pytest.param("y", True, id="y replaces it"),
])
def test_load_ganti_on_a_terminal_says_what_it_deletes_and_adds_then_asks(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, terminal: Terminal, answer: str,
        replaced: bool) -> None:
    from akuntabel.plans.models import Indikator

    assert run(capsys, "load", str(write(tmp_path, make_dataset())))[0] == 0
    terminal.answers.append(answer)

    code, out, _ = run(capsys, "load", "--ganti", str(_smaller(tmp_path)))

    assert code == 0
    assert "Dinas Sosial Kota Uji (Kota Uji) sudah ada" in out
    indikator_line = next(line for line in out.splitlines()
                          if line.strip().startswith("indikator"))
    assert indikator_line.split()[1:] == ["2", "1"]  # deleted, added
    assert len(terminal.asked) == 1
    count = Indikator.objects.filter(perangkat_daerah__kode="dinas-uji").count()
    assert count == (1 if replaced else 2)


@pytest.mark.django_db
def test_load_and_load_ganti_leave_a_history_row_naming_the_opd(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from akuntabel.audit.models import Perubahan
    from akuntabel.organizations.models import PerangkatDaerah

    assert run(capsys, "load", str(write(tmp_path, make_dataset())))[0] == 0
    assert run(capsys, "load", "--ganti", "--ya", str(_smaller(tmp_path)))[0] == 0

    opd = PerangkatDaerah.objects.get(pemda__kode="kota-uji", kode="dinas-uji")
    first, second = Perubahan.objects.filter(perangkat_daerah=opd).order_by("id")
    assert (first.model, first.objek_id, first.objek) == ("PerangkatDaerah", opd.pk, opd.nama)
    assert (first.sumber, first.lama) == ("akuntabel load data.yaml", "")
    assert first.baru.startswith("dimuat: 1 tujuan, 1 sasaran, 1 program, 1 kegiatan, "
                                 "1 sub kegiatan, 2 indikator")
    assert second.sumber == "akuntabel load kecil.yaml"
    assert "2 indikator" in second.lama and second.lama.startswith("dihapus: ")
    assert "1 indikator" in second.baru and second.baru.startswith("dimuat: ")


@pytest.mark.django_db
def test_the_load_row_reads_on_the_opds_history_page(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, client: Any) -> None:
    from django.urls import reverse

    from akuntabel.accounts.models import Peran
    from akuntabel.organizations.models import PerangkatDaerah
    from tests.builders import make_user

    assert run(capsys, "load", str(write(tmp_path, make_dataset())))[0] == 0
    assert run(capsys, "load", "--ganti", "--ya", str(_smaller(tmp_path)))[0] == 0
    opd = PerangkatDaerah.objects.get(pemda__kode="kota-uji", kode="dinas-uji")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))

    page = client.get(reverse("riwayat_opd", args=[opd.pk])).content.decode()

    for text in (opd.nama, "isi data", "dihapus: 1 tujuan, 1 sasaran, 1 program",
                 "dimuat: 1 tujuan", "akuntabel load kecil.yaml", "akuntabel load data.yaml"):
        assert text in page, text


@pytest.mark.django_db
def test_load_that_fails_while_writing_exits_2_and_writes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = make_dataset(**{"komponen_iku[0].item[0].sub_kegiatan": "1.06.05.2.02.0004"})
    before = db_counts()

    code, _, err = run(capsys, "load", str(write(tmp_path, data)))

    assert code == 2
    assert "komponen_iku[0].item[0].sub_kegiatan: sub kegiatan 1.06.05.2.02.0004" in err
    assert "Tidak ada data yang ditulis." in err
    assert db_counts() == before
    assert not opd_exists()


@pytest.mark.django_db
def test_load_that_crashes_while_writing_writes_nothing_and_shows_no_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, var_dir: Path) -> None:
    # An rpjmd ending before it starts passes the reader today and crashes the loader.
    before = db_counts()

    code, _, err = run(capsys, "load",
                       str(write(tmp_path, make_dataset(**{"rpjmd.tahun_akhir": 2020}))))

    assert code != 0
    assert "Tidak ada data yang ditulis" in err
    assert db_counts() == before
    assert not opd_exists()


@pytest.mark.django_db
def test_load_of_an_rpjmd_ending_before_it_starts_is_refused_with_its_place(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:

    code, _, err = run(capsys, "load",
                       str(write(tmp_path, make_dataset(**{"rpjmd.tahun_akhir": 2020}))))

    assert code == 2
    assert "rpjmd.tahun_akhir" in err


# -- export ---------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_export_of_the_demo_opd_gives_a_valid_file_with_the_same_tree(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, demo_dataset: Any) -> None:
    out_file = tmp_path / "ekspor.yaml"

    code, out, _ = run(capsys, "export", "--pemda", "kota-metro", "--opd", "dinas-sosial",
                       "--out", str(out_file))

    assert code == 0
    assert f"Ditulis: {out_file}" in out
    exported = read_dataset(out_file)
    # Indicator counts differ by design (per-node values become indicators without text).
    assert {k: exported.counts[k] for k in TREE} == {k: demo_dataset.counts[k] for k in TREE}
    assert (exported.pemda["kode"], exported.opd["kode"]) == ("kota-metro", "dinas-sosial")


@pytest.mark.django_db
def test_an_exported_file_loads_back_over_its_opd_with_the_same_counts(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "ekspor.yaml"
    assert run(capsys, "export", "--pemda", "kota-metro", "--opd", "dinas-sosial",
               "--out", str(out_file))[0] == 0
    before = db_counts()

    code, _, _ = run(capsys, "load", "--ganti", "--ya", str(out_file))

    assert code == 0
    assert db_counts() == before


@pytest.mark.django_db
def test_export_to_the_screen_writes_the_yaml_to_stdout(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--pemda", "kota-metro", "--opd", "dinas-sosial",
                       "--out", "-")

    assert code == 0
    assert out.startswith("# Akuntabel dataset: Dinas Sosial Kota Metro, Kota Metro.")
    assert yaml.safe_load(out)["format"] == "akuntabel-dataset/1"


@pytest.mark.django_db
@pytest.mark.parametrize(("pemda", "opd"), [
    pytest.param("kota-metro", "dinas-tidak-ada", id="an unknown OPD of a known pemda"),
    pytest.param("kota-tidak-ada", "dinas-sosial", id="a known OPD code under an unknown pemda"),
])
def test_export_of_an_unknown_opd_exits_2_and_says_what_was_not_found(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, pemda: str, opd: str) -> None:
    out_file = tmp_path / "ekspor.yaml"

    code, _, err = run(capsys, "export", "--pemda", pemda, "--opd", opd, "--out", str(out_file))

    assert code == 2
    assert err == (f"Gagal: Perangkat daerah {opd!r} di pemda {pemda!r} tidak ditemukan.\n")
    assert not out_file.exists()


@pytest.mark.django_db
def test_export_into_a_missing_folder_names_the_path_without_a_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "tidak-ada" / "ekspor.yaml"

    code, _, err = run(capsys, "export", "--pemda", "kota-metro", "--opd", "dinas-sosial",
                       "--out", str(out_file))

    assert code != 0
    assert str(out_file) in err
    assert not out_file.exists()


# -- import ---------------------------------------------------------------------------------------

def _workbook_with(tmp_path: Path, opd: Any, cells: dict[tuple[int, str], Any]) -> Path:
    """The OPD's 2023 workbook as exported, with ``cells`` typed in its Indikator sheet."""
    from akuntabel.adapters.xlsx.workbook import export_workbook
    from tests.adapters.xlsx.test_workbook_writes import edited
    from tests.results.helpers import TAHUN

    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), cells)
    return path


@pytest.mark.django_db
def test_import_of_a_changed_renja_target_without_alasan_is_refused_then_applied_with_it(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from akuntabel.audit.services import history_for
    from akuntabel.plans.models import Target
    from tests.results.helpers import TAHUN, indikator_of, make_grid_opd

    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    target = Target.objects.get(indikator=ind, jenis="renja", tahun=TAHUN, triwulan=0)
    path = _workbook_with(tmp_path, opd, {(ind.pk, "Target 2023"): 120})

    code, _, err = run(capsys, "import", str(path), "--ya")

    assert code == 2
    assert "--alasan" in err
    assert "Tidak ada yang ditulis" in err
    target.refresh_from_db()
    assert (target.nilai, target.versi) == (Decimal(100), 1)

    code, _, err = run(capsys, "import", str(path), "--ya", "--alasan", "Renja perubahan")

    assert code == 0, err
    target.refresh_from_db()
    assert (target.nilai, target.versi) == (Decimal(120), 2)
    assert {p.alasan for p in history_for(target)} == {"Renja perubahan"}


@pytest.mark.django_db
def test_import_prints_the_conflicts_and_warnings_of_the_preview_and_writes_the_rest(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from akuntabel.adapters.xlsx.workbook import VERSI_SHEET, export_workbook
    from akuntabel.results.models import Realisasi
    from tests.adapters.xlsx.test_workbook_writes import edited
    from tests.results.helpers import TAHUN, indikator_of, make_grid_opd, realisasi

    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    realisasi(a, 2, "10")
    data = export_workbook(opd, TAHUN)
    Realisasi.objects.filter(indikator=a).update(nilai=15, teks="15", versi=2)
    path, where = edited(tmp_path, data, {(a.pk, "Realisasi TW II"): 12,
                                          (b.pk, "Realisasi TW II"): 7})

    code, out, err = run(capsys, "import", str(path), "--ya")

    assert code == 0, err
    assert "1 konflik" in out
    assert (f"Indikator baris {where[(a.pk, 'Realisasi TW II')]}, Realisasi TW II: "
            f"{a.uraian}: di berkas 12 orang, sekarang 15 orang") in out
    assert Realisasi.objects.get(indikator=a, triwulan=2).nilai == 15
    assert Realisasi.objects.get(indikator=b, triwulan=2).nilai == 7

    # A workbook without versions nor export time: the preview's warning is printed.
    path, _ = edited(tmp_path, export_workbook(opd, TAHUN), {(b.pk, "Realisasi TW II"): 8},
                     drop=(VERSI_SHEET,), name="tanpa-versi.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    meta = wb["_akuntabel"]
    for row in list(meta.iter_rows()):
        if row[0].value == "diekspor":
            meta.delete_rows(row[0].row)
    wb.save(path)

    code, out, err = run(capsys, "import", str(path), "--dry-run")

    assert code == 0, err
    assert "Peringatan:" in out and "versi" in out


@pytest.mark.django_db
def test_import_over_a_value_saved_while_the_preview_was_read_exits_2_and_writes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, terminal: Terminal,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The operator reads the preview; before he answers, the grid saves one of its cells."""
    from akuntabel.results.models import Realisasi
    from tests.results.helpers import indikator_of, make_grid_opd, realisasi

    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    realisasi(a, 2, "10")
    path = _workbook_with(tmp_path, opd, {(a.pk, "Realisasi TW II"): 12,
                                          (b.pk, "Realisasi TW II"): 7})

    def saved_meanwhile(question: str) -> str:
        terminal.asked.append(question)
        Realisasi.objects.filter(indikator=a, triwulan=2).update(nilai=15, teks="15", versi=2)
        return "y"

    monkeypatch.setattr("builtins.input", saved_meanwhile)

    code, _, err = run(capsys, "import", str(path))

    assert code == 2
    assert len(terminal.asked) == 1
    assert "Gagal:" in err and "Realisasi TW II" in err
    assert "tidak ada yang ditulis" in err.lower()
    assert Realisasi.objects.get(indikator=a, triwulan=2).nilai == 15
    assert not Realisasi.objects.filter(indikator=b).exists()


# -- demo ---------------------------------------------------------------------------------------

_final_asked: list = []  # the OPD the demo asked a final for, per call
_lhe_asked: list = []  # the OPD the demo asked its LHE final for, per call


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """``demo`` sets DEBUG and friends for the process; put them back after the test."""
    for key in ("DEBUG", "AKUNTABEL_LOCAL", "AKUNTABEL_ALLOW_DEV_KEY", "EMAIL_BACKEND",
                "AKUNTABEL_SITE_URL"):
        monkeypatch.setenv(key, os.environ.get(key, "x"))
        if key not in os.environ or os.environ[key] == "x":
            monkeypatch.delenv(key)
    # The demo's final LKjIP (a 75-page signed PDF) and LHE are tested in tests/portal/
    # (test_demo_final.py, test_demo_lhe.py); here they are only asked for, which costs nothing.
    _final_asked.clear()
    _lhe_asked.clear()
    monkeypatch.setattr("akuntabel.reports.demo.terbitkan_final_demo", _final_asked.append)
    monkeypatch.setattr("akuntabel.reports.demo.terbitkan_lhe_demo", _lhe_asked.append)


def _entered_realisasi() -> Any:
    """A realisasi of the demo OPD changed as a user would have changed it."""
    from akuntabel.results.models import Realisasi

    r = Realisasi.objects.filter(indikator__perangkat_daerah__kode="dinas-sosial",
                                 indikator__kode="IKU-1").first()
    r.teks, r.nilai = "12.345", Decimal("12345")
    r.save()
    return r


def _demo_users_work() -> None:
    from django.contrib.auth import authenticate

    for username, peran, _, password in cli.DEMO_USERS:
        user = authenticate(username=username, password=password)
        assert user is not None, username
        assert user.memberships.get().peran == peran
        assert user.memberships.get().pemda.kode == "kota-metro"


@dataclass
class Terminal:
    answers: list[str] = field(default_factory=list)   # typed, in order
    asked: list[str] = field(default_factory=list)     # the questions shown


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """stdin is a terminal on which the user types ``terminal.answers``."""
    t = Terminal()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)

    def answer(question: str) -> str:
        t.asked.append(question)
        return t.answers.pop(0)

    monkeypatch.setattr("builtins.input", answer)
    return t


@pytest.mark.django_db
def test_demo_into_a_database_with_data_keeps_it_and_says_so(
        capsys: pytest.CaptureFixture[str], demo_env: None) -> None:
    from akuntabel.results.models import Realisasi

    entered = _entered_realisasi()

    code, out, _ = run(capsys, "demo", "--no-serve")

    assert code == 0
    assert Realisasi.objects.get(pk=entered.pk).teks == "12.345"
    assert "tidak dimuat ulang" in out
    assert "akuntabel demo --reset" in out
    assert "Data demo dimuat" not in out
    _demo_users_work()


@pytest.mark.django_db
def test_demo_into_an_empty_database_loads_the_demo_and_records_it(
        capsys: pytest.CaptureFixture[str], demo_env: None) -> None:
    from akuntabel.audit.models import Perubahan
    from akuntabel.organizations.models import Pemda, PerangkatDaerah
    from akuntabel.plans.models import Renstra

    Renstra.objects.all().delete()  # the RPJMD it points at is protected
    Pemda.objects.all().delete()

    code, out, _ = run(capsys, "demo", "--no-serve")

    assert code == 0
    assert "Data demo dimuat: Dinas Sosial Kota Metro (Kota Metro)." in out
    opd = PerangkatDaerah.objects.get(pemda__kode="kota-metro", kode="dinas-sosial")
    assert opd.indikator.count() == 77
    # The load is one history row; the illustrative evaluation (evaluasi.demo) writes its own
    # through the evaluation's write services.
    row = Perubahan.objects.get(perangkat_daerah=opd, model="PerangkatDaerah")
    assert (row.objek_id, row.sumber) == (opd.pk, "akuntabel demo")
    assert "Evaluasi AKIP 2023 Dinas Sosial Kota Metro dimuat sebagai ILUSTRASI" in out
    assert _final_asked == [opd]  # and its final LKjIP 2023 is made and published
    assert _lhe_asked == [opd]  # and the LHE of its evaluation (tests/portal/test_demo_lhe.py)
    _demo_users_work()


@pytest.mark.django_db
def test_demo_reset_without_a_terminal_and_without_ya_deletes_nothing(
        capsys: pytest.CaptureFixture[str], demo_env: None) -> None:
    from akuntabel.results.models import Realisasi

    entered = _entered_realisasi()
    before = db_counts()

    code, _, err = run(capsys, "demo", "--reset", "--no-serve")

    assert code == 2
    assert "--ya" in err
    assert "Tidak ada yang dihapus." in err
    assert Realisasi.objects.get(pk=entered.pk).teks == "12.345"
    assert db_counts() == before


@pytest.mark.django_db
def test_demo_reset_with_ya_says_what_it_deletes_then_reloads(
        capsys: pytest.CaptureFixture[str], demo_env: None) -> None:
    from akuntabel.audit.models import Perubahan
    from akuntabel.results.models import Realisasi

    entered = _entered_realisasi()
    before = db_counts()

    code, out, _ = run(capsys, "demo", "--reset", "--ya", "--no-serve")

    assert code == 0
    assert "akan dihapus" in out
    for line in ("indikator", "77", "target", "realisasi", "baris rekening", "582",
                 "Riwayat perubahan"):
        assert line in out
    assert not Realisasi.objects.filter(pk=entered.pk, teks="12.345").exists()
    assert db_counts() == before
    row = Perubahan.objects.filter(model="PerangkatDaerah", sumber="akuntabel demo --reset").get()
    assert "77 indikator" in row.lama and "77 indikator" in row.baru
    _demo_users_work()


@pytest.mark.django_db
@pytest.mark.parametrize(("answer", "reloaded"), [
    pytest.param("", False, id="Enter on the question keeps the data"),
    pytest.param("t", False, id="t (tidak) keeps the data"),
    pytest.param("y", True, id="y reloads"),
])
def test_demo_reset_on_a_terminal_asks_first(
        capsys: pytest.CaptureFixture[str], demo_env: None, terminal: Terminal,
        answer: str, reloaded: bool) -> None:
    from akuntabel.results.models import Realisasi

    entered = _entered_realisasi()
    terminal.answers.append(answer)

    code, out, _ = run(capsys, "demo", "--reset", "--no-serve")

    assert code == 0
    assert "akan dihapus" in out
    assert len(terminal.asked) == 1
    kept = Realisasi.objects.filter(pk=entered.pk, teks="12.345").exists()
    assert kept is not reloaded
    if not reloaded:
        assert "Tidak ada yang dihapus" in out
    _demo_users_work()


# -- the last line of defence ---------------------------------------------------------------------

UNEXPECTED = [
    pytest.param("cmd_check", RuntimeError("rusak di dalam"), 1,
                 "Terjadi kesalahan tak terduga (RuntimeError: rusak di dalam). "
                 "Tidak ada data yang ditulis sebagian.",
                 id="a RuntimeError in check exits 1 with an Indonesian message"),
    pytest.param("cmd_load", RuntimeError("rusak di dalam"), 1,
                 "Terjadi kesalahan tak terduga (RuntimeError: rusak di dalam).",
                 id="a RuntimeError in load exits 1 with an Indonesian message"),
    pytest.param("cmd_export", OSError(28, "No space left on device"), 1,
                 "Terjadi kesalahan tak terduga (OSError: [Errno 28] No space left on device).",
                 id="a full disk during export exits 1 with an Indonesian message"),
    pytest.param("cmd_check", KeyboardInterrupt(), 130, "Dihentikan.",
                 id="Ctrl+C exits 130 quietly"),
]
_ARGV = {"cmd_check": ["check", "x.yaml"], "cmd_load": ["load", "x.yaml"],
         "cmd_export": ["export", "--pemda", "p", "--opd", "o", "--out", "x.yaml"]}


@pytest.mark.parametrize(("command", "error", "exit_code", "pesan"), UNEXPECTED)
def test_an_unexpected_error_is_explained_and_its_traceback_goes_to_the_log(
        capsys: pytest.CaptureFixture[str], var_dir: Path, monkeypatch: pytest.MonkeyPatch,
        command: str, error: BaseException, exit_code: int, pesan: str) -> None:
    def broken(args: Any) -> int:
        raise error

    monkeypatch.setattr(cli, command, broken)

    code, out, err = run(capsys, *_ARGV[command])

    assert code == exit_code
    assert pesan in err
    assert out == ""
    log = var_dir / "akuntabel-error.log"
    if exit_code == 1:
        assert f"Rincian teknis ditulis ke {log}." in err
        logged = log.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" in logged
        assert f"{type(error).__name__}: " in logged
        assert "in broken" in logged
    else:
        assert not log.exists()


def test_an_unexpected_error_is_still_explained_when_the_log_cannot_be_written(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: Any) -> int:
        raise RuntimeError("rusak di dalam")

    monkeypatch.setattr(cli, "cmd_check", broken)
    not_a_folder = tmp_path / "berkas-biasa"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("AKUNTABEL_VAR_DIR", str(not_a_folder))

    code, _, err = run(capsys, "check", "x.yaml")

    assert code == 1
    assert "Terjadi kesalahan tak terduga (RuntimeError: rusak di dalam)." in err
    assert "Rincian teknis" not in err


def test_the_log_keeps_earlier_tracebacks(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    errors = iter([RuntimeError("pertama"), RuntimeError("kedua")])

    def broken(args: Any) -> int:
        raise next(errors)

    monkeypatch.setattr(cli, "cmd_check", broken)
    monkeypatch.setenv("AKUNTABEL_VAR_DIR", str(tmp_path))

    assert run(capsys, "check", "x.yaml")[0] == 1
    assert run(capsys, "check", "x.yaml")[0] == 1

    logged = (tmp_path / "akuntabel-error.log").read_text(encoding="utf-8")
    assert logged.count("Traceback (most recent call last)") == 2
    assert logged.index("RuntimeError: pertama") < logged.index("RuntimeError: kedua")


@pytest.mark.parametrize(("argv", "pesan"), [
    (["load"], "argumen berikut wajib diisi: file"),
    (["hapus-semua"], "pilihan tidak dikenal"),
    (["demo", "--port", "delapan"], "bukan bilangan bulat"),
], ids=["a missing file argument", "an unknown command", "a port that is not a number"])
def test_a_mistyped_command_is_explained_in_indonesian(
        capsys: pytest.CaptureFixture[str], argv: list[str], pesan: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert pesan in err
    assert "Traceback" not in err
