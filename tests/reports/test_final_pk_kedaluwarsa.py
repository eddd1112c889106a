"""A PK final is outdated by what the PK prints (its rows, budget and parties), said by table,
row and column; a realisasi, which the PK does not print, leaves it current."""

import pytest
from django.utils import translation

from akuntabel.plans.models import PerjanjianKinerjaBaris
from akuntabel.reports.final import make_final
from akuntabel.reports.kesiapan import final_kedaluwarsa
from akuntabel.results.models import Realisasi

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True


def beda(opd):
    with translation.override("id"):
        return final_kedaluwarsa(opd, 2023, "pk")["perbedaan"]


def test_a_realisasi_leaves_the_pk_final_current_and_a_target_makes_it_outdated(demo_opd):
    make_final(demo_opd, 2023, None, formats=("docx",), dokumen="pk", catatan="x")
    r = Realisasi.objects.filter(indikator__perangkat_daerah=demo_opd, tahun=2023,
                                 nilai__isnull=False).first()
    r.nilai += 1
    r.save()
    assert beda(demo_opd) == []
    baris = PerjanjianKinerjaBaris.objects.filter(
        perjanjian_kinerja__perangkat_daerah=demo_opd, perjanjian_kinerja__tahun=2023).first()
    baris.target_teks = "99 persen"
    baris.target = None
    baris.save()
    (satu,) = beda(demo_opd)
    assert satu.baru == "99 persen" and "kolom Target" in satu.tempat
    assert baris.uraian_indikator in satu.tempat
