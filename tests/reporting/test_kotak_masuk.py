"""The verifikator's inbox (/pemda/<id>/kotak-masuk/<tahun>/): every quarter waiting for
verification across the pemda's OPD, oldest submission first, with completeness and the
grid's count of plausibility warnings, in a fixed number of queries; outsiders get a 404."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from akuntabel.accounts.models import Peran
from akuntabel.reporting.models import PelaporanTriwulan
from tests.builders import make_opd, make_pemda, make_user
from tests.results.helpers import TAHUN, indikator_of, make_grid_opd, realisasi
from tests.results.test_plausibilitas_grid import history

pytestmark = pytest.mark.django_db


def url(pemda, **query):
    base = reverse("kotak_masuk", args=[pemda.pk, TAHUN])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def submit(opd, triwulan, hari_lalu, status="diajukan"):
    """A quarter of ``opd`` submitted ``hari_lalu`` days ago."""
    p = PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=triwulan,
                                         status=status)
    PelaporanTriwulan.objects.filter(pk=p.pk).update(
        updated_at=timezone.now() - timedelta(days=hari_lalu))


@pytest.fixture
def pemda():
    return make_pemda()


@pytest.fixture
def verifikator(pemda):
    return make_user(Peran.VERIFIKATOR, pemda=pemda)


def grid_opd(pemda, nama):
    return make_grid_opd(3, make_opd(pemda=pemda, nama=nama))


def listed(response):
    return [(a.opd.nama, a.triwulan) for a in response.context["rows"]]


def test_waiting_quarters_oldest_first_and_only_those_waiting(client, pemda, verifikator):
    dinsos, dinkes, bappeda = (grid_opd(pemda, n) for n in ("Dinsos", "Dinkes", "Bappeda"))
    submit(dinsos, 2, hari_lalu=1)
    submit(dinkes, 1, hari_lalu=9)
    submit(bappeda, 2, hari_lalu=5)
    submit(bappeda, 1, hari_lalu=20, status="diverifikasi")
    submit(dinsos, 1, hari_lalu=30, status="dikembalikan")
    client.force_login(verifikator)
    response = client.get(url(pemda))
    assert listed(response) == [("Dinkes", 1), ("Bappeda", 2), ("Dinsos", 2)]
    body = response.content.decode()
    assert reverse("realisasi_grid", args=[dinkes.pk, TAHUN, 1]) in body


def test_filters_by_triwulan_and_by_opd(client, pemda, verifikator):
    dinsos, dinkes = grid_opd(pemda, "Dinsos"), grid_opd(pemda, "Dinkes")
    submit(dinsos, 1, 3)
    submit(dinsos, 2, 2)
    submit(dinkes, 2, 1)
    client.force_login(verifikator)
    assert listed(client.get(url(pemda, triwulan=2))) == [("Dinsos", 2), ("Dinkes", 2)]
    assert listed(client.get(url(pemda, opd=dinkes.pk))) == [("Dinkes", 2)]
    assert listed(client.get(url(pemda, triwulan=9, opd="x"))) == [
        ("Dinsos", 1), ("Dinsos", 2), ("Dinkes", 2)]   # a bad filter is ignored


def test_completeness_and_warnings_match_the_grid(client, pemda, verifikator):
    opd = grid_opd(pemda, "Dinsos")
    rate, count, other = indikator_of(opd)
    realisasi(rate, 2, "250")          # far above its target of 90: a warning
    realisasi(count, 1, "20")
    realisasi(count, 2, "25")          # plausible
    history(other, 10)
    realisasi(other, 2, "60")          # near its target, far from its history: a warning
    submit(opd, 2, 1)
    client.force_login(verifikator)
    grid = client.get(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]))
    [antrian] = client.get(url(pemda)).context["rows"]
    assert antrian.peringatan == grid.context["jumlah_peringatan"] == 2
    assert (antrian.kelengkapan.terisi, antrian.kelengkapan.diharapkan) == (3, 3)


def test_a_fixed_number_of_queries_whatever_the_number_of_opd(client, pemda, verifikator):
    client.force_login(verifikator)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(pemda)).status_code == 200
        return len(ctx)

    opd = grid_opd(pemda, "OPD 0")
    realisasi(indikator_of(opd)[0], 4, "250")
    submit(opd, 4, 1)
    satu = queries()
    for i in range(1, 4):
        opd = grid_opd(pemda, f"OPD {i}")
        realisasi(indikator_of(opd)[0], 4, "250")
        realisasi(indikator_of(opd)[1], 2, "50")
        submit(opd, 4, 1)
        submit(opd, 2, 2)
    assert len(client.get(url(pemda)).context["rows"]) == 7
    assert queries() == satu


@pytest.mark.parametrize("who", ["operator of an OPD of the pemda", "admin of another pemda",
                                 "verifikator of another pemda"])
def test_outsiders_get_404(client, pemda, who):
    opd = grid_opd(pemda, "Dinsos")
    user = {"operator of an OPD of the pemda": lambda: make_user(Peran.OPERATOR_OPD, opd=opd),
            "admin of another pemda": lambda: make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()),
            "verifikator of another pemda":
                lambda: make_user(Peran.VERIFIKATOR, pemda=make_pemda())}[who]()
    client.force_login(user)
    assert client.get(url(pemda)).status_code == 404


def test_anonymous_is_sent_to_login(client, pemda):
    assert client.get(url(pemda)).status_code == 302


def test_at_tw_iv_the_warnings_read_the_years_figures_as_the_grid_does(client, pemda,
                                                                         verifikator):
    from akuntabel.plans.models import TAHUNAN

    opd = grid_opd(pemda, "Dinsos")
    rate, count, _other = indikator_of(opd)
    realisasi(rate, 4, "250")          # far above 90 by the quarter...
    realisasi(rate, TAHUNAN, "85")     # ...but the year's reported figure is plausible
    realisasi(count, 4, "500")         # far above 100: a warning either way
    submit(opd, 4, 1)
    client.force_login(verifikator)
    grid = client.get(reverse("realisasi_grid", args=[opd.pk, TAHUN, 4]))
    [antrian] = client.get(url(pemda)).context["rows"]
    assert antrian.peringatan == grid.context["jumlah_peringatan"]
