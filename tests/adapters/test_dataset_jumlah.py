"""A dataset says how much it holds, so that a file cut short is refused, not loaded.

A file cut at a line boundary is still valid YAML: without a count at its end, ``load --ganti``
replaced an OPD of 77 indicators with 42 without a word. An export now says near its top that
it ends with ``jumlah`` (``jumlah_di_akhir: true``) and ends with the count of what it holds;
the reader checks the count whenever it is there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from akuntabel.adapters.dataset.reader import (
    DatasetError,
    count_contents,
    parse_yaml,
    read_dataset,
    validate,
)
from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.adapters.dataset.yamlio import dump_yaml
from akuntabel.cli import DEMO_FILE, main
from tests.adapters.test_dataset_errors import assert_names, db_counts, make_dataset, write


def _export(opd: Any) -> str:
    return export_dataset_yaml(opd)


def _cut_in_the_middle(text: str) -> str:
    """The text up to the first line, from the middle on, that starts a list item: what a
    copy broken off at a line boundary leaves, still valid YAML."""
    lines = text.splitlines(keepends=True)
    middle = len(lines) // 2
    cut = next(i for i in range(middle, len(lines)) if lines[i].lstrip().startswith("- "))
    return "".join(lines[:cut])


@pytest.mark.django_db
def test_an_export_ends_with_the_count_of_what_it_holds(demo_opd: Any) -> None:
    text = _export(demo_opd)
    raw = yaml.safe_load(text)

    assert list(raw)[-1] == "jumlah"
    assert list(raw)[:2] == ["format", "jumlah_di_akhir"]
    assert raw["jumlah_di_akhir"] is True
    del raw["jumlah"]
    assert yaml.safe_load(text)["jumlah"] == count_contents(raw)
    assert yaml.safe_load(text)["jumlah"]["indikator"] == 77


@pytest.mark.django_db
def test_an_export_cut_in_the_middle_is_refused_by_load_ganti_and_nothing_is_written(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, demo_opd: Any) -> None:
    from akuntabel.plans.models import Indikator

    cut = _cut_in_the_middle(_export(demo_opd))
    assert isinstance(yaml.safe_load(cut), dict)  # still valid YAML
    path = tmp_path / "terpotong.yaml"
    path.write_text(cut, encoding="utf-8")
    before = db_counts()

    code = main(["load", "--ganti", "--ya", str(path)])

    err = capsys.readouterr().err
    assert code == 2
    assert "jumlah: berkas ini menyatakan diakhiri bagian jumlah" in err
    assert "Tidak ada data yang ditulis." in err
    assert db_counts() == before
    assert Indikator.objects.filter(perangkat_daerah=demo_opd).count() == 77


@pytest.mark.django_db
def test_a_file_cut_in_the_middle_is_refused_only_for_its_missing_count(demo_opd: Any) -> None:
    with pytest.raises(DatasetError) as exc:
        validate(parse_yaml(_cut_in_the_middle(_export(demo_opd))))

    assert len(exc.value.masalah) == 1
    assert_names(exc.value, "jumlah", "tidak ada: berkas terpotong?")


@pytest.mark.django_db
def test_a_count_that_does_not_match_names_each_kind_expected_and_found(demo_opd: Any) -> None:
    raw = yaml.safe_load(_export(demo_opd))
    program = raw["program"].pop()  # the last program, its kegiatan, sub kegiatan, lines
    lost_kegiatan = len(program.get("kegiatan", []))

    with pytest.raises(DatasetError) as exc:
        validate(raw)

    jumlah = raw["jumlah"]
    assert_names(exc.value, "jumlah.program",
                 f"tertulis {jumlah['program']}, terhitung {jumlah['program'] - 1}")
    assert_names(exc.value, "jumlah.kegiatan",
                 f"tertulis {jumlah['kegiatan']}, terhitung {jumlah['kegiatan'] - lost_kegiatan}")
    assert all(m.startswith("jumlah.") for m in exc.value.masalah)
    assert not any(m.startswith("jumlah.narasi") for m in exc.value.masalah)


@pytest.mark.parametrize(("jumlah", "tempat", "pesan"), [
    pytest.param({"indikatr": 2}, "jumlah.indikatr", "kunci tidak dikenal",
                 id="a misspelt kind is refused"),
    pytest.param({"indikator": "dua"}, "jumlah.indikator", "harus bilangan bulat",
                 id="a count in words is refused"),
    pytest.param({"indikator": -2}, "jumlah.indikator", "harus bilangan bulat",
                 id="a negative count is refused"),
    pytest.param([2], "jumlah", "harus berupa pemetaan", id="a list instead of counts is refused"),
])
def test_a_malformed_count_is_refused_with_its_place(jumlah: Any, tempat: str,
                                                       pesan: str) -> None:
    with pytest.raises(DatasetError) as exc:
        validate(make_dataset(jumlah=jumlah))
    assert_names(exc.value, tempat, pesan)


def test_a_file_without_a_count_is_read_as_before(tmp_path: Path) -> None:
    assert read_dataset(write(tmp_path, make_dataset())).counts["indikator"] == 2


def test_a_matching_count_is_accepted(tmp_path: Path) -> None:
    data = make_dataset()
    data["jumlah"] = count_contents(data)
    assert read_dataset(write(tmp_path, data)).counts == data["jumlah"]


def test_the_demo_file_ends_with_its_count_computed_by_the_reader() -> None:
    text = DEMO_FILE.read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    assert list(raw)[-1] == "jumlah"
    jumlah = raw.pop("jumlah")
    assert jumlah == count_contents(raw)
    assert text.rstrip().endswith(dump_yaml({"jumlah": jumlah}).rstrip())
