"""An explanation applies to the finding as it is: it survives a reload of the same data and
lapses when the data it refers to changes."""

from decimal import Decimal

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import parse_yaml, validate
from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.budget.models import DpaLine
from akuntabel.reviews.services import explain, review

pytestmark = pytest.mark.django_db


def _rujukan(opd):
    return next(t for t in review(opd, 2023) if t.finding.code == "ANG-005"
                and "Rujukan" in t.finding.pesan)


def test_an_explanation_survives_a_reload_of_the_same_data(demo_opd):
    finding = _rujukan(demo_opd).finding
    explain(demo_opd, 2023, finding.sidik_jari, "Belanja Modal tercetak di dalam Belanja Operasi.",
            None)
    load_dataset(validate(parse_yaml(export_dataset_yaml(demo_opd))), replace=True)
    assert _rujukan(demo_opd).explained


def test_an_explanation_lapses_when_the_data_it_refers_to_changes(demo_opd):
    finding = _rujukan(demo_opd).finding
    explain(demo_opd, 2023, finding.sidik_jari, "Sudah dicek.", None)
    line = DpaLine.objects.get(anggaran__sub_kegiatan__nama="Pemberian Layanan Rujukan",
                               uraian="Belanja Operasi")
    line.pagu = Decimal("23704300")
    line.save()
    again = _rujukan(demo_opd)
    assert again.finding.ditemukan == "Rp 23.704.300"
    assert not again.explained


def test_explaining_a_finding_that_no_longer_exists_is_refused(demo_opd):
    from akuntabel.reviews.services import UnknownFinding

    finding = _rujukan(demo_opd).finding
    DpaLine.objects.filter(anggaran__sub_kegiatan__nama="Pemberian Layanan Rujukan",
                           uraian="Belanja Operasi").update(pagu=Decimal("2288200"))
    with pytest.raises(UnknownFinding):
        explain(demo_opd, 2023, finding.sidik_jari, "x", None)
