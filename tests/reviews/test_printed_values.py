"""Printed capaian and serapan reach the reviu from the database and are compared there with
the computed ones (HIT-005, HIT-006, ANG-016)."""

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import validate
from akuntabel.core.reviu import run_reviu
from akuntabel.reviews.context import build_reviu_data
from tests.adapters.test_dataset_errors import make_dataset

pytestmark = pytest.mark.django_db

IKU = "renstra.tujuan[0].sasaran[0].indikator[0]"
SUB = "program[0].kegiatan[0].sub_kegiatan[0]"


def _data(**overrides: object):
    opd = load_dataset(validate(make_dataset(**overrides))).perangkat_daerah
    return build_reviu_data(opd, 2023)


def test_printed_values_reach_the_reviu_data() -> None:
    data = _data(**{f"{IKU}.capaian": {2023: "101,40%"},
                    "program[0].anggaran.2023.serapan": "93,33%",
                    f"{SUB}.rekening.2023[0].serapan": "93,3 %"})
    iku = next(i for i in data.indikator if i.kunci == "indikator:IKU-1")
    assert iku.capaian_tercetak[2023].teks == "101,40%"
    rows = {b.kunci: b for b in data.anggaran}
    assert rows["program:1.06.02"].serapan_tercetak.teks == "93,33%"
    rekening = next(b for b in data.anggaran if b.tingkat == "rekening" and b.kode == "5.1")
    assert rekening.serapan_tercetak.teks == "93,3 %"


# The small dataset: IKU realisasi printed 92.78%, 93 / 100 = 93% from its components, PK
# target 91.5 %; the program, sub kegiatan and Belanja Operasi spend 140.000 of 150.000.
@pytest.mark.parametrize(("overrides", "codes"), [
    pytest.param({f"{IKU}.capaian": {2023: "101,40%"}}, [],
                 id="capaian from the printed realisasi 92,78 / 91,5 -> consistent"),
    pytest.param({f"{IKU}.capaian": {2023: "101,64%"}}, [],
                 id="capaian from the realisasi computed from components 93 / 91,5 -> right"),
    pytest.param({f"{IKU}.capaian": {2023: "50%"}}, ["HIT-006"],
                 id="capaian 50% that no input gives -> HIT-006"),
    pytest.param({f"{IKU}.capaian": {2023: "100%"}}, ["HIT-005"],
                 id="capaian capped at 100% -> HIT-005"),
    pytest.param({"program[0].anggaran.2023.serapan": "93,33%"}, [],
                 id="a program's serapan printed right"),
    pytest.param({"program[0].anggaran.2023.serapan": "95%"}, ["ANG-016"],
                 id="a program's serapan that is not 140.000 / 150.000 -> ANG-016"),
    pytest.param({f"{SUB}.anggaran": {2023: {"pagu": "150.000", "realisasi": "140.000",
                                             "serapan": "93,34%"}}}, ["ANG-016"],
                 id="a sub kegiatan's serapan one hundredth off -> ANG-016"),
    pytest.param({f"{SUB}.rekening.2023[0].serapan": "93,34%"}, ["ANG-016"],
                 id="a rekening line's serapan one hundredth off -> ANG-016"),
])
def test_printed_values_are_compared_from_the_database(overrides, codes) -> None:
    found = run_reviu(_data(**overrides), ["HIT-005", "HIT-006", "ANG-016"])
    assert [f.code for f in found] == codes
