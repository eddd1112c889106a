"""The pemda's IKU through the API: anonymous (and a token without a pemda-wide role) get
figures from verified OPD figures only, as the pemda's LKjIP counts them; a verifikator's
token gets the provisional figure the IKU page shows."""

from decimal import Decimal

import pytest

from akuntabel.reporting.models import PelaporanTriwulan
from tests.api.helpers import bearer, token_of
from tests.daerah.conftest import (  # the IKU world of tests/daerah, as fixtures
    admin_pemda,
    iku,
    ind_dinkes,
    ind_dinsos,
    operator_dinkes,
    operator_dinsos,
    pemda,
    perkada,
    rpjmd,
    sasaran_daerah,
    verifikator,
)
from tests.daerah.test_realisasi import entri, link
from tests.personas import dinkes, dinsos

__all__ = ["admin_pemda", "dinkes", "dinsos", "iku", "ind_dinkes", "ind_dinsos",
           "operator_dinkes", "operator_dinsos", "pemda", "perkada", "rpjmd", "sasaran_daerah",
           "verifikator"]  # fixtures of tests/daerah, used here by name

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(iku, ind_dinsos, ind_dinkes, operator_dinsos, operator_dinkes, verifikator):
    link(iku, ind_dinsos, "sos", operator_dinsos, verifikator)
    link(iku, ind_dinkes, "kes", operator_dinkes, verifikator)
    entri(ind_dinsos, 120)
    entri(ind_dinkes, 60)
    PelaporanTriwulan.objects.create(perangkat_daerah=ind_dinsos.perangkat_daerah, tahun=2026,
                                     triwulan=4, status=PelaporanTriwulan.Status.DIVERIFIKASI)
    return iku


def url(pemda):
    return f"/api/v1/pemda/{pemda.pk}/iku?tahun=2026"


def test_anonymous_gets_no_figure_while_an_opd_figure_is_unverified(client, linked, pemda):
    data = client.get(url(pemda)).json()
    (item,) = data["items"]
    assert data["hanya_terverifikasi"] is True
    assert item["realisasi"] is None and item["capaian"] is None
    assert "belum diverifikasi" in item["alasan"]
    assert "180" not in client.get(url(pemda)).content.decode()


def test_an_opd_operators_token_reads_the_public_figure(client, linked, pemda,
                                                         operator_dinsos):
    data = client.get(url(pemda), **bearer(token_of(operator_dinsos))).json()
    assert data["hanya_terverifikasi"] is True and data["items"][0]["realisasi"] is None


def test_a_verifikators_token_reads_the_provisional_figure(client, linked, pemda, verifikator):
    data = client.get(url(pemda), **bearer(token_of(verifikator))).json()
    (item,) = data["items"]
    assert data["hanya_terverifikasi"] is False
    assert Decimal(item["realisasi"]) == 180 and Decimal(item["target"]) == 200
    assert Decimal(item["capaian"]) == 90


def test_an_unknown_pemda_is_404(client, db):
    assert client.get("/api/v1/pemda/999999/iku?tahun=2026").status_code == 404
