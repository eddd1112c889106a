"""Tabel 3.4 of the LKjIP: the year-over-year change of each indicator's realisasi, computed by
``core.capaian.compute_perubahan`` and read by the indicator's polarity."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.reports.lakip import build_lakip_context
from akuntabel.results.models import Realisasi
from tests.builders import make_indikator, make_program, make_renstra

pytestmark = pytest.mark.django_db


def _row(polaritas: str, lalu: str, kini: str):
    program = make_program(renstra=make_renstra())
    ind = make_indikator(program=program, uraian="Angka uji", satuan="%", polaritas=polaritas)
    for tahun, nilai in ((2022, lalu), (2023, kini)):
        Realisasi.objects.create(indikator=ind, tahun=tahun, teks=nilai, nilai=Decimal(nilai),
                                 satuan="%")
    dok = build_lakip_context(ind.perangkat_daerah, 2023, date(2024, 2, 29))
    tabel = next(t for b in dok.bagian for t in b.tabel if t.kunci == "tabel-3-4-tahun-lalu")
    assert tabel.kolom[4:] == ("Perubahan", "Keterangan")
    return next(r for r in tabel.baris if r[1] == "Angka uji")


@pytest.mark.parametrize(("polaritas", "lalu", "kini", "perubahan", "keterangan"), [
    pytest.param("naik", "80", "92", "15,00%", "membaik", id="higher is better and up: improved"),
    pytest.param("turun", "12", "9", "-25,00%", "membaik",
                 id="lower is better and down: improved"),
    pytest.param("turun", "9", "12", "33,33%", "tidak membaik",
                 id="lower is better and up: not improved"),
    pytest.param("naik", "-10", "-5", "50,00%", "membaik",
                 id="negative base keeps the sign of the improvement"),
    pytest.param("naik", "0", "5", "–", "membaik", id="zero base gives no percentage"),
])
def test_year_over_year_change_in_table_3_4(polaritas, lalu, kini, perubahan, keterangan):
    row = _row(polaritas, lalu, kini)
    assert (row[4].teks, row[5].teks) == (perubahan, keterangan)
