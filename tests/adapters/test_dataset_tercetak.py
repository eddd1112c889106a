"""Printed capaian and serapan in a dataset: read, stored as printed (text and value), exported
back the same, and refused with their place when malformed."""

from decimal import Decimal
from pathlib import Path

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import DatasetError, parse_yaml, validate
from akuntabel.adapters.dataset.writer import export_dataset, export_dataset_yaml
from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.results.models import CapaianTercetak
from tests.adapters.test_dataset_errors import make_dataset

pytestmark = pytest.mark.django_db

IKU = "renstra.tujuan[0].sasaran[0].indikator[0]"
PROGRAM = "program[0]"
SUB = "program[0].kegiatan[0].sub_kegiatan[0]"
REKENING = f"{SUB}.rekening.2023[0]"

PRINTED = {
    f"{IKU}.capaian": {2023: "101,40%"},
    f"{PROGRAM}.anggaran.2023.serapan": "93,33%",
    f"{SUB}.anggaran": {2023: {"pagu": "150.000", "realisasi": "140.000", "serapan": "93.33 %"}},
    f"{REKENING}.serapan": "93,3%",
}


def _load(**overrides: object) -> PerangkatDaerah:
    return load_dataset(validate(make_dataset(**overrides))).perangkat_daerah


def test_printed_capaian_and_serapan_are_stored_as_printed() -> None:
    opd = _load(**PRINTED)
    capaian = CapaianTercetak.objects.get(indikator__perangkat_daerah=opd)
    assert (capaian.tahun, capaian.teks, capaian.nilai, capaian.satuan) == (
        2023, "101,40%", Decimal("101.40"), "%")
    program = AnggaranTercetak.objects.get(perangkat_daerah=opd, program__isnull=False)
    assert (program.serapan_teks, program.serapan) == ("93,33%", Decimal("93.33"))
    sub = DpaSubKegiatan.objects.get(dpa__perangkat_daerah=opd)
    assert (sub.serapan_teks, sub.serapan) == ("93.33 %", Decimal("93.33"))
    line = DpaLine.objects.get(anggaran__dpa__perangkat_daerah=opd, induk__isnull=True)
    assert (line.serapan_teks, line.serapan) == ("93,3%", Decimal("93.3"))


def test_printed_values_survive_export_and_load() -> None:
    opd = _load(**PRINTED)
    doc = export_dataset(opd)
    iku = doc["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]
    program = doc["program"][0]
    sub = program["kegiatan"][0]["sub_kegiatan"][0]
    assert iku["capaian"] == {2023: "101,40%"}
    assert program["anggaran"][2023]["serapan"] == "93,33%"
    assert sub["anggaran"][2023]["serapan"] == "93.33 %"
    assert sub["rekening"][2023][0]["serapan"] == "93,3%"
    first = export_dataset_yaml(opd)
    load_dataset(validate(parse_yaml(first)), replace=True)
    assert export_dataset_yaml(PerangkatDaerah.objects.get(pk=opd.pk)) == first


def test_no_printed_value_writes_no_key() -> None:
    doc = export_dataset(_load())
    iku = doc["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]
    assert "capaian" not in iku
    assert "serapan" not in doc["program"][0]["anggaran"][2023]


@pytest.mark.parametrize(("path", "value", "tempat"), [
    pytest.param(f"{IKU}.capaian", {2023: 101.4}, "capaian.2023",
                 id="a capaian written as a bare YAML number"),
    pytest.param(f"{IKU}.capaian", {"dua ribu": "100%"}, "capaian.dua ribu",
                 id="a capaian keyed by something that is not a year"),
    pytest.param(f"{REKENING}.serapan", 93.3, "rekening.2023[0].serapan",
                 id="a rekening line's serapan written as a bare number"),
    pytest.param(f"{PROGRAM}.anggaran.2023.serapan", 93, "anggaran.2023.serapan",
                 id="a program's serapan written as a bare number"),
])
def test_a_malformed_printed_value_is_refused_with_its_place(tmp_path: Path, path: str,
                                                             value: object,
                                                             tempat: str) -> None:
    with pytest.raises(DatasetError) as exc:
        validate(make_dataset(**{path: value}))
    assert any(tempat in m for m in exc.value.masalah), exc.value.masalah
