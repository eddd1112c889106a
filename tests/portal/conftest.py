"""A pemda for the public portal: the pemda IKU fixtures of tests/daerah, an IKU of Dinas
Sosial with verified and unverified quarters, a hidden indicator and an unpublished final
around what is public. Values are unique so that a substring check is meaningful."""

import hashlib
from decimal import Decimal

import pytest

from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.models import LaporanFinal
from akuntabel.results.models import Realisasi
from tests.builders import make_target
from tests.daerah.conftest import (  # noqa: F401 (fixtures)
    admin_pemda,
    iku,
    iku_data,
    indikator_of,
    operator_dinkes,
    operator_dinsos,
    pemda,
    perkada,
    rpjmd,
    sasaran_daerah,
    verifikator,
)
from tests.personas import dinkes, dinsos  # noqa: F401 (fixtures)

TERLIHAT = "4321,5"        # TW I of Dinas Sosial, verified: shown
DRAF = "8765.43"           # TW II, submitted and not verified: never shown
DRAF_TAMPIL = "8.765,43"   # the same as a page would print it


def entri(ind, nilai, triwulan, tahun=2026):
    return Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=triwulan,
                                    teks=nilai, nilai=Decimal(nilai))


def lapor(opd, triwulan, status, tahun=2026):
    PelaporanTriwulan.objects.update_or_create(
        perangkat_daerah=opd, tahun=tahun, triwulan=triwulan, defaults={"status": status})


def make_final(opd, isi, **kw):
    return LaporanFinal.objects.create(
        perangkat_daerah=opd, tahun=2026, dokumen="lakip", format="pdf", isi=isi, data={},
        sha256=hashlib.sha256(isi).hexdigest(), **kw)


@pytest.fixture
def portal(rpjmd, iku, dinsos, dinkes):  # noqa: F811
    rpjmd.visi = "Kota Uji yang terbuka dan akuntabel"
    rpjmd.save()
    ind = indikator_of(dinsos, "Persentase PPKS tertangani portal", iku=True,
                       agregasi="kumulatif")
    make_target(ind, "9000", tahun=2026)
    entri(ind, "4321.5", 1)
    entri(ind, DRAF, 2)
    lapor(dinsos, 1, PelaporanTriwulan.Status.DIVERIFIKASI)
    lapor(dinsos, 2, PelaporanTriwulan.Status.DIAJUKAN)
    hidden = indikator_of(dinkes, "Indikator embargo Dinkes", iku=True, tampil_publik=False)
    entri(hidden, "5555.55", 1)
    lapor(dinkes, 1, PelaporanTriwulan.Status.DIVERIFIKASI)
    terbit = make_final(dinsos, b"%PDF terbit portal", dipublikasikan=True)
    draf = make_final(dinsos, b"%PDF belum terbit")
    return {"ind": ind, "iku": iku, "hidden": hidden, "terbit": terbit, "draf": draf,
            "pemda": rpjmd.pemda,
            "dinsos": dinsos, "dinkes": dinkes}
