"""Export then load gives the same data: the dataset format loses nothing."""

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import parse_yaml, validate
from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.organizations.models import PerangkatDaerah

pytestmark = pytest.mark.django_db


def test_export_load_export_gives_the_same_file(demo_opd):
    first = export_dataset_yaml(demo_opd)
    renstra_before = demo_opd.renstra.get().pk
    load_dataset(validate(parse_yaml(first)), replace=True)
    again = PerangkatDaerah.objects.get(pemda__kode="kota-metro", kode="dinas-sosial")
    assert again.renstra.get().pk != renstra_before  # really reloaded
    assert export_dataset_yaml(again) == first


def test_replacing_an_opds_data_keeps_the_opd_and_its_members(demo_opd):
    from akuntabel.accounts.models import Peran
    from tests.builders import make_user

    operator = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    load_dataset(validate(parse_yaml(export_dataset_yaml(demo_opd))), replace=True)
    assert PerangkatDaerah.objects.get(pk=demo_opd.pk)
    assert operator.memberships.get().perangkat_daerah_id == demo_opd.pk


def test_an_export_keeps_every_budget_line_and_indicator(demo_opd, demo_dataset):
    exported = validate(parse_yaml(export_dataset_yaml(demo_opd)))
    for what in ("program", "kegiatan", "sub_kegiatan", "rekening"):
        assert exported.counts[what] == demo_dataset.counts[what], what
