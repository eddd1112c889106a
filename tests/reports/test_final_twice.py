"""A final is not made twice from the same data (a double click, two heads at once)."""

import pytest

from akuntabel.reports.final import FinalTidakBerubah, make_final
from akuntabel.reports.models import LaporanFinal, Narasi

pytestmark = pytest.mark.django_db


def test_the_same_data_twice_makes_one_final(demo_opd):
    make_final(demo_opd, 2023, None, formats=("docx",), catatan="Diterima.")
    with pytest.raises(FinalTidakBerubah, match="tidak berubah sejak dokumen final"):
        make_final(demo_opd, 2023, None, formats=("docx",), catatan="Diterima.")
    assert LaporanFinal.objects.filter(perangkat_daerah=demo_opd, tahun=2023).count() == 1


def test_changed_text_makes_a_new_final(demo_opd):
    make_final(demo_opd, 2023, None, formats=("docx",), catatan="Diterima.")
    penutup = Narasi.objects.get(perangkat_daerah=demo_opd, tahun=2023, kunci="penutup")
    penutup.teks += " Tambahan."
    penutup.asal = Narasi.Asal.DISUNTING
    penutup.save()
    make_final(demo_opd, 2023, None, formats=("docx",), catatan="Diterima.")
    assert LaporanFinal.objects.filter(perangkat_daerah=demo_opd, tahun=2023).count() == 2
