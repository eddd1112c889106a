"""The many-OPD indicator list (results.grid.indikator_for_year_many, the API's pemda list)
reads each OPD's Renstra version in force as the one-OPD list does: before a Renstra
perubahan the old version's indicators, from its first year the new one's, beside an OPD
with no Renstra at all."""

import pytest

from akuntabel.results.grid import (
    count_indikator_for_year,
    indikator_for_year,
    indikator_for_year_many,
)
from tests.builders import make_indikator, make_opd, make_target
from tests.plans.conftest import opd, user  # noqa: F401 (fixtures)
from tests.plans.test_perubahan import _ubah, renstra  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tahun", [2025, 2026, 2027, 2028, 2029])
def test_each_year_reads_the_version_in_force_for_every_opd(renstra, user, opd,  # noqa: F811
                                                            tahun):
    _ubah(renstra, user, 2027)
    tanpa = make_opd(pemda=opd.pemda)        # no Renstra: what the year's targets name
    make_target(make_indikator(perangkat_daerah=tanpa, satuan="orang"), 5, tahun=2027)
    opds = [opd.pk, tanpa.pk]
    many = indikator_for_year_many(tahun, opds)
    each = {o: indikator_for_year(o, tahun) for o in opds}
    assert {o: many.get(o, []) for o in opds} == each
    assert each[opd.pk]
    assert count_indikator_for_year(tahun, opds) == {o: len(v) for o, v in each.items() if v}
