"""A small pemda for the IKU of the pemda: an RPJMD 2025–2029 with one sasaran daerah, a
Dinas Sosial and a Dinas Kesehatan each with an indicator, and the people who act on it."""

from datetime import date

import pytest

from akuntabel.accounts.models import Peran
from akuntabel.daerah import services
from akuntabel.plans.models import Misi, Renstra, Rpjmd, SasaranDaerah, TujuanDaerah
from tests.builders import (
    make_indikator,
    make_pemda,
    make_renstra,
    make_sasaran,
    make_tujuan,
    make_user,
)
from tests.personas import dinkes, dinsos

__all__ = ["dinkes", "dinsos"]  # the agencies of tests/personas.py, in this directory's pemda

AWAL, AKHIR = 2025, 2029


@pytest.fixture
def pemda():
    return make_pemda(nama="Kota Uji")


@pytest.fixture
def rpjmd(pemda):
    return Rpjmd.objects.get_or_create(pemda=pemda, tahun_awal=AWAL, tahun_akhir=AKHIR,
                                       defaults={"visi": "Visi"})[0]


@pytest.fixture
def sasaran_daerah(rpjmd):
    misi = Misi.objects.create(rpjmd=rpjmd, nomor=1, uraian="Misi satu")
    tujuan = TujuanDaerah.objects.create(rpjmd=rpjmd, misi=misi, uraian="Tujuan daerah")
    return SasaranDaerah.objects.create(tujuan_daerah=tujuan, kode="S1",
                                        uraian="Menurunnya PPKS")


def indikator_of(opd, uraian, **kw):
    renstra = (Renstra.objects.filter(perangkat_daerah=opd).first()
               or make_renstra(opd, tahun_awal=AWAL, tahun_akhir=AKHIR))
    return make_indikator(sasaran=make_sasaran(make_tujuan(renstra)), uraian=uraian,
                          satuan=kw.pop("satuan", "jiwa"), **kw)


@pytest.fixture
def ind_dinsos(dinsos):
    return indikator_of(dinsos, "PPKS yang ditangani Dinsos")


@pytest.fixture
def ind_dinkes(dinkes):
    return indikator_of(dinkes, "PPKS yang ditangani Dinkes")


@pytest.fixture
def admin_pemda(pemda):
    return make_user(Peran.ADMIN_PEMDA, pemda=pemda)


@pytest.fixture
def verifikator(pemda):
    return make_user(Peran.VERIFIKATOR, pemda=pemda)


@pytest.fixture
def reviewer(pemda):
    return make_user(Peran.REVIEWER, pemda=pemda)


@pytest.fixture
def operator_dinsos(dinsos):
    return make_user(Peran.OPERATOR_OPD, opd=dinsos)


@pytest.fixture
def operator_dinkes(dinkes):
    return make_user(Peran.OPERATOR_OPD, opd=dinkes)


@pytest.fixture
def outsider():
    """The admin of another pemda."""
    return make_user(Peran.ADMIN_PEMDA, pemda=make_pemda())


@pytest.fixture
def perkada(rpjmd, admin_pemda):
    return services.buat_perkada(rpjmd, nomor="12 Tahun 2025", tanggal=date(2025, 3, 1),
                                 tentang="IKU Pemerintah Kota Uji", berlaku_mulai=2025,
                                 user=admin_pemda)


def iku_data(sasaran_daerah, *opd, **kw):
    data = {"sasaran_daerah": str(sasaran_daerah.pk), "kode": "IKU-1",
            "uraian": "Jumlah PPKS yang ditangani", "satuan": "jiwa", "polaritas": "naik",
            "agregasi": "jumlah", "rumus": "", "definisi": "", "sumber_data": "Dinsos, Dinkes",
            "penanggung_jawab": [str(o.pk) for o in opd],
            **{f"target_{th}": "" for th in range(AWAL, AKHIR + 1)}}
    data.update(kw)
    return data


@pytest.fixture
def iku(perkada, sasaran_daerah, dinsos, dinkes, admin_pemda):
    return services.simpan_iku(perkada, iku_data(sasaran_daerah, dinsos, dinkes,
                                                 target_2026="200"), user=admin_pemda)
