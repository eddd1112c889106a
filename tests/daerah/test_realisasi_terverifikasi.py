"""The pemda's LKjIP counts only verified OPD figures in an IKU (core.angka_opd): an OPD's
figure not verified, or missing, gives the IKU no value and names the OPD; never a silent
0 or a partial sum."""

from decimal import Decimal

import pytest

from akuntabel.core.angka_opd import StatusAngka
from akuntabel.daerah.realisasi import realisasi_iku
from akuntabel.reporting.models import PelaporanTriwulan
from tests.daerah.test_realisasi import entri, link

pytestmark = pytest.mark.django_db

D = Decimal


def verify(opd, *triwulan, tahun=2026):
    for tw in triwulan:
        PelaporanTriwulan.objects.update_or_create(
            perangkat_daerah=opd, tahun=tahun, triwulan=tw,
            defaults={"status": PelaporanTriwulan.Status.DIVERIFIKASI})


@pytest.fixture
def linked(iku, ind_dinsos, ind_dinkes, operator_dinsos, operator_dinkes, verifikator):
    link(iku, ind_dinsos, "sos", operator_dinsos, verifikator)
    link(iku, ind_dinkes, "kes", operator_dinkes, verifikator)
    return iku


def test_an_unverified_opd_figure_does_not_count(linked, ind_dinsos, ind_dinkes, dinsos):
    entri(ind_dinsos, 120)
    entri(ind_dinkes, 60)
    verify(dinsos, 4)
    hasil = realisasi_iku(linked, 2026, hanya_terverifikasi=True)
    assert hasil.realisasi is None and hasil.capaian is None
    assert "belum diverifikasi" in hasil.alasan and "Dinas Kesehatan" in hasil.alasan
    status = {m.nama: m.status for m in hasil.masukan}
    assert status == {"sos": StatusAngka.TERVERIFIKASI, "kes": StatusAngka.BELUM_DIVERIFIKASI}


def test_every_opd_figure_verified_counts(linked, ind_dinsos, ind_dinkes, dinsos, dinkes):
    entri(ind_dinsos, 120)
    entri(ind_dinkes, 60)
    verify(dinsos, 4)
    verify(dinkes, 4)
    hasil = realisasi_iku(linked, 2026, hanya_terverifikasi=True)
    assert hasil.realisasi == D(180) and hasil.capaian == D(90)


def test_a_missing_opd_figure_is_named_not_read_as_zero(linked, ind_dinsos, dinsos):
    entri(ind_dinsos, 120)
    verify(dinsos, 4)
    hasil = realisasi_iku(linked, 2026, hanya_terverifikasi=True)
    assert hasil.realisasi is None
    assert "tidak ada" in hasil.alasan and "Dinas Kesehatan" in hasil.alasan


def test_the_pages_still_show_the_provisional_figure(linked, ind_dinsos, ind_dinkes):
    entri(ind_dinsos, 120)
    entri(ind_dinkes, 60)
    assert realisasi_iku(linked, 2026).realisasi == D(180)
