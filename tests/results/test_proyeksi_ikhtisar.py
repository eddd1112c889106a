"""The pemda overview counts, per agency, the IKU projected to end below Sedang at the chosen
triwulan (every indicator is on the agency's early warning page, which it links to)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_opd,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
TAHUN = 2023


def behind(opd, n, iku=True):
    """``n`` counts of the OPD with target 100 and only 5 in TW I (on pace for 20)."""
    sasaran = make_sasaran(make_tujuan(make_renstra(opd)))
    for i in range(n):
        ind = make_indikator(sasaran=sasaran, uraian=f"Jumlah {i}", iku=iku)
        make_target(ind, 100, tahun=TAHUN)
        Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=1, teks="5",
                                 nilai=Decimal(5))


def test_the_overview_counts_each_agencys_flagged_iku(client):
    dinsos = make_opd(nama="Dinas Sosial Uji")
    dinkes = make_opd(pemda=dinsos.pemda, nama="Dinas Kesehatan Uji")
    behind(dinsos, 2)
    behind(dinkes, 3, iku=False)    # not IKU: on Dinas Kesehatan's own page only
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=dinsos.pemda))
    body = client.get(reverse("pemda_overview", args=[dinsos.pemda.pk, TAHUN])
                      + "?triwulan=1").content.decode()
    section = body.split('data-testid="peringatan-dini"')[1].split("</ul>")[0]
    assert reverse("peringatan_dini", args=[dinsos.pk, TAHUN, 1]) in section
    assert "Dinas Sosial Uji" in section and "di bawah Sedang: 2" in section
    assert "Dinas Kesehatan Uji" not in section
