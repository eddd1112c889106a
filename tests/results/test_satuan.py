"""A number typed with a unit ("12 orang") is accepted only when the unit is the indicator's
(obvious spellings of the same unit count as the same); otherwise the cell is refused with a
message naming both units, never saved with the unit silently dropped."""

from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import reverse

from akuntabel.results.forms import read_grid
from akuntabel.results.grid import build_realisasi_grid
from akuntabel.results.models import Realisasi
from tests.results.helpers import TAHUN, grid_post, indikator_of, make_grid_opd, operator_of

pytestmark = pytest.mark.django_db

DIFFERS = "Baris 2, Realisasi TW II: satuan '{typed}' berbeda dengan satuan indikator '{own}'."
NO_UNIT = ("Baris 2, Realisasi TW II: indikator ini tidak bersatuan; tulis angkanya tanpa "
           "'{typed}'.")

CASES = [
    # satuan indikator, typed, accepted value or the error
    ("orang", "12", Decimal(12)),
    ("orang", "12 orang", Decimal(12)),
    ("Orang", "12 orang", Decimal(12)),
    ("orang", "12  ORANG", Decimal(12)),
    ("orang", "12 org", Decimal(12)),
    ("%", "45,5%", Decimal("45.5")),
    ("%", "45,5 persen", Decimal("45.5")),
    ("persen", "45,5 %", Decimal("45.5")),
    ("Persen", "45,5%", Decimal("45.5")),
    ("Jenis Barang Cetak & Penggandaan Surat", "12 jenis barang cetak & penggandaan surat",
     Decimal(12)),
    ("persen", "12 orang", DIFFERS.format(typed="orang", own="persen")),
    ("orang", "12 jiwa", DIFFERS.format(typed="jiwa", own="orang")),
    ("orang", "45%", DIFFERS.format(typed="%", own="orang")),
    ("dokumen", "3 dokumen rencana", DIFFERS.format(typed="dokumen rencana", own="dokumen")),
    ("", "12 orang", NO_UNIT.format(typed="orang")),
    ("", "12", Decimal(12)),
]
IDS = [
    "no unit typed -> accepted",
    "same unit -> accepted",
    "same unit, other case -> accepted",
    "same unit, extra spaces and capitals -> accepted",
    "org is orang -> accepted",
    "percent sign for % -> accepted",
    "persen for % -> accepted",
    "% for persen -> accepted",
    "% for Persen -> accepted",
    "a long unit typed in full -> accepted",
    "orang for persen -> refused",
    "jiwa for orang -> refused",
    "% for orang -> refused",
    "a longer unit -> refused",
    "a unit for an indicator without unit -> refused",
    "a bare number for an indicator without unit -> accepted",
]


@pytest.mark.parametrize("satuan, typed, expected", CASES, ids=IDS)
def test_typed_unit_against_the_indicators(satuan, typed, expected):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    ind.satuan = satuan
    ind.save()
    data = QueryDict(mutable=True)
    data.update(grid_post(opd, {ind.pk: typed}))
    cell = next(c for c in read_grid(build_realisasi_grid(opd, TAHUN, 2), data, 2)
                if c.row.indikator.pk == ind.pk)
    if isinstance(expected, Decimal):
        assert (cell.error_nilai, cell.nilai) == ("", expected)
    else:
        assert (cell.error_nilai, cell.nilai) == (expected, None)


def test_a_wrong_unit_saves_nothing_and_shows_at_the_cell(client):
    opd = make_grid_opd(3)
    sasaran, jumlah, _ = indikator_of(opd)   # sasaran in "%", jumlah in "orang"
    client.force_login(operator_of(opd))
    response = client.post(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]),
                           grid_post(opd, {sasaran.pk: "12 orang", jumlah.pk: "12 orang"}))
    assert response.status_code == 200
    assert not Realisasi.objects.filter(indikator__perangkat_daerah=opd).exists()
    body = response.content.decode().replace("&#x27;", "'")
    assert (f'<span class="cell-error" role="alert" id="err-nilai-{sasaran.pk}">Baris 1, '
            "Realisasi TW II: satuan 'orang' berbeda dengan satuan indikator '%'.") in body
    assert f'id="err-nilai-{jumlah.pk}"' not in body
