"""A target printed as a range ("60–85 %") is stored as a range: its lower bound in ``nilai``,
its upper bound in ``nilai_atas``, so that its capaian can be computed."""

from decimal import Decimal

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import validate
from akuntabel.plans.models import TAHUNAN, Target
from tests.adapters.test_dataset_errors import make_dataset

pytestmark = pytest.mark.django_db

SUB_TARGET = "program[0].kegiatan[0].sub_kegiatan[0].indikator[0].target.renja.2023"


@pytest.mark.parametrize(
    ("teks", "nilai", "nilai_atas", "satuan"),
    [
        pytest.param("60–85 %", Decimal(60), Decimal(85), "%", id="a range -> both bounds"),
        pytest.param("7 s.d. 8 bulan", Decimal(7), Decimal(8), "bulan",
                     id="a range written with s.d. -> both bounds and the unit"),
        pytest.param("10 KK", Decimal(10), None, "KK", id="one number -> no upper bound"),
        pytest.param("100 Orang dan 13 kegiatan", None, None, "",
                     id="two counts of a list -> kept as text, not a range"),
        pytest.param("85–60 %", None, None, "", id="bounds the wrong way round -> kept as text"),
    ],
)
def test_a_printed_range_target_is_stored_with_both_bounds(teks, nilai, nilai_atas, satuan):
    opd = load_dataset(validate(make_dataset(**{SUB_TARGET: teks}))).perangkat_daerah
    target = Target.objects.get(indikator__perangkat_daerah=opd, jenis="renja",
                                triwulan=TAHUNAN)
    assert (target.teks, target.nilai, target.nilai_atas, target.satuan) == (
        teks, nilai, nilai_atas, satuan)
    assert bool(target.catatan) == (nilai is None)
