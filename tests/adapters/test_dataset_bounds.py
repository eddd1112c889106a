"""Numbers a dataset may hold: the bounds of ``akuntabel.core.batas``, checked at each place.

The reader accepted any measure below 10^20 and any amount below 10^18; a value that large,
once stored, made the OPD's pages fail. Measures (targets, realisasi, components, baselines)
are checked with ``UKURAN``, Rupiah (pagu, realisasi anggaran, Renstra funding) with ``UANG``;
a value outside is a problem at its dataset path and the whole file is refused.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import DatasetError, read_dataset
from tests.adapters.test_dataset_errors import (
    IKU,
    REKENING,
    REKENING_TEMPAT,
    SUB,
    SUB_TEMPAT,
    assert_names,
    db_counts,
    make_dataset,
    write,
)

BESAR = "terlalu besar: nilai harus kurang dari 1.000.000.000.000.000"
KOMA_4 = "terlalu banyak angka di belakang koma (paling banyak 4)"
KOMA_2 = "terlalu banyak angka di belakang koma (paling banyak 2)"
PROGRAM = "program[0] (1.06.02)"

OUT_OF_RANGE = [
    pytest.param({f"{IKU}.realisasi.2023": "1.000.000.000.000.000"}, f"{IKU}.realisasi.2023",
                 BESAR, id="a realisasi of 10^15 is too large"),
    pytest.param({f"{IKU}.realisasi.2023": "-1.000.000.000.000.000 %"}, f"{IKU}.realisasi.2023",
                 BESAR, id="a negative realisasi of 10^15 is too large as well"),
    pytest.param({f"{IKU}.target.pk.2023": "91,12345%"}, f"{IKU}.target.pk.2023", KOMA_4,
                 id="a target with five decimals has more than the field keeps"),
    pytest.param({f"{IKU}.target_triwulan.2023.1": "99.999.999.999.999.999"},
                 f"{IKU}.target_triwulan.2023.1", BESAR,
                 id="a quarterly target just below the old 10^20 limit is too large"),
    pytest.param({f"{IKU}.kondisi_awal.nilai": "5.000.000.000.000.000"},
                 f"{IKU}.kondisi_awal.nilai", BESAR, id="a baseline that large is too large"),
    pytest.param({"komponen_iku[0].item[0].nilai": "2.000.000.000.000.000"},
                 "komponen_iku[0].item[0].nilai", BESAR,
                 id="an IKU component that large is too large"),
    pytest.param({"komponen_iku[0].penyebut.nilai": "1.000.000.000.000.000"},
                 "komponen_iku[0].penyebut.nilai", BESAR,
                 id="an IKU denominator that large is too large"),
    pytest.param({f"{REKENING}.pagu": "1.000.000.000.000.000"}, f"{REKENING_TEMPAT}.pagu",
                 BESAR, id="a pagu of 10^15 Rupiah (below the old 10^18) is too large"),
    pytest.param({f"{REKENING}.rincian[0].realisasi": "140.000,125"},
                 f"{REKENING_TEMPAT}.rincian[0].realisasi", KOMA_2,
                 id="a realisasi anggaran with three decimals has more than sen"),
    pytest.param({f"{SUB}.anggaran": {2023: {"pagu": "9.000.000.000.000.000"}}},
                 f"{SUB_TEMPAT}.anggaran.2023.pagu", BESAR,
                 id="a sub kegiatan's DPA pagu that large is too large"),
    pytest.param({"program[0].anggaran.2023.realisasi": "1.000.000.000.000.000"},
                 f"{PROGRAM}.anggaran.2023.realisasi", BESAR,
                 id="a program's printed realisasi that large is too large"),
    pytest.param({"program[0].renstra_anggaran": {2023: {"target": "1.000.000.000.000.000"}}},
                 f"{PROGRAM}.renstra_anggaran.2023.target", BESAR,
                 id="a Renstra funding target that large is too large"),
    pytest.param({"anggaran_tercetak[0].pagu": "1.000.000.000.000.000"},
                 "anggaran_tercetak[0].pagu", BESAR,
                 id="a printed total that large is too large"),
    pytest.param({"perjanjian_kinerja[0].program[0].anggaran": "1.000.000.000.000.000"},
                 "perjanjian_kinerja[0].program[0].anggaran", BESAR,
                 id="a PK programme budget that large is too large"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "tempat", "pesan"), OUT_OF_RANGE)
def test_a_number_outside_its_bounds_refuses_the_file_at_its_place(
        tmp_path: Path, overrides: dict[str, Any], tempat: str, pesan: str) -> None:
    path = write(tmp_path, make_dataset(**overrides))
    before = db_counts()

    with pytest.raises(DatasetError) as exc:
        load_dataset(read_dataset(path))

    assert_names(exc.value, tempat, pesan)
    assert db_counts() == before


@pytest.mark.django_db
def test_numbers_just_inside_their_bounds_are_stored(tmp_path: Path) -> None:
    from akuntabel.budget.models import DpaLine
    from akuntabel.plans.models import Target
    from akuntabel.results.models import Realisasi

    data = make_dataset(**{f"{IKU}.realisasi.2023": "999.999.999.999.999",
                           f"{IKU}.target.pk.2023": "91,1234%",
                           f"{REKENING}.rincian[0].pagu": "999.999.999.999.999"})

    opd = load_dataset(read_dataset(write(tmp_path, data))).perangkat_daerah

    realisasi = Realisasi.objects.get(indikator__perangkat_daerah=opd, indikator__kode="IKU-1")
    assert realisasi.nilai == Decimal("999999999999999")
    target = Target.objects.get(indikator=realisasi.indikator, jenis="pk", tahun=2023)
    assert target.nilai == Decimal("91.1234")
    line = DpaLine.objects.get(anggaran__dpa__perangkat_daerah=opd, kode_rekening="5.1.02")
    assert line.pagu == Decimal("999999999999999")


@pytest.mark.django_db
@pytest.mark.parametrize("teks", ["\x1f", "12\x0c orang", "Dinas\x00Sosial"],
                         ids=["a lone U+001F", "a PDF's form feed in a value",
                              "a NUL in a text"])
def test_a_control_character_refuses_the_file_at_its_place(tmp_path: Path, teks: str) -> None:
    """Found by the property test of the entry paths: a realisasi printed as U+001F was stored
    as text, and the OPD's Excel download then failed (no spreadsheet can hold it)."""
    path = write(tmp_path, make_dataset(**{f"{IKU}.realisasi.2023": teks}))
    before = db_counts()
    with pytest.raises(DatasetError) as exc:
        load_dataset(read_dataset(path))
    assert_names(exc.value, f"{IKU}.realisasi.2023", "karakter kendali")
    assert db_counts() == before
