"""Writing through the API: the grid's reading, versions (a stale write is 409 with the
current value), lock, plausibility warnings and history naming the token; who may write."""

from decimal import Decimal

import pytest

from akuntabel.api.models import TokenApi
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.results.models import Realisasi
from tests.api.helpers import (
    TAHUN,
    VERIFIED,
    bearer,
    operator_token,
    revoked_token,
    set_status,
)
from tests.budget.synthetic import make_dpa
from tests.builders import make_opd
from tests.results.helpers import indikator_of, make_grid_opd

pytestmark = pytest.mark.django_db


def post(client, url, body, token):
    return client.post(url, body, content_type="application/json", **bearer(token))


@pytest.fixture
def opd():
    return make_grid_opd(2)


def realisasi_url(opd):
    return f"/api/v1/opd/{opd.pk}/realisasi"


def isian(ind, nilai, versi, triwulan=2, catatan=""):
    return {"tahun": TAHUN, "triwulan": triwulan,
            "nilai": [{"indikator": ind.pk, "nilai": nilai, "catatan": catatan,
                       "versi": versi}]}


def test_a_write_then_a_stale_write_is_409_with_the_current_value(client, opd):
    ind = indikator_of(opd)[1]
    token = operator_token(opd, nama="SIPD sinkron")
    first = post(client, realisasi_url(opd), isian(ind, "1.234,5", 0), token)
    assert first.status_code == 200, first.content
    assert first.json()["diubah"] == 1
    stored = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=2)
    assert stored.nilai == Decimal("1234.5") and stored.versi == 1
    stale = post(client, realisasi_url(opd), isian(ind, "50", 0), token)
    assert stale.status_code == 409
    konflik = stale.json()["konflik"]
    assert konflik[0]["id"] == ind.pk and konflik[0]["versi"] == 1
    assert Decimal(konflik[0]["nilai"]) == Decimal("1234.5")
    assert Realisasi.objects.get(pk=stored.pk).nilai == Decimal("1234.5")  # nothing written
    again = post(client, realisasi_url(opd), isian(ind, "50", 1), token)
    assert again.status_code == 200
    assert Realisasi.objects.get(pk=stored.pk).versi == 2


def test_the_history_names_the_token_used(client, opd):
    ind = indikator_of(opd)[1]
    token = operator_token(opd, nama="SIPD sinkron")
    post(client, realisasi_url(opd), isian(ind, "40", 0), token)
    change = Perubahan.objects.get(model="Realisasi", kolom="nilai")
    awalan = TokenApi.objects.get(nama="SIPD sinkron").awalan
    assert "API, token SIPD sinkron" in change.sumber and awalan in change.sumber
    assert change.oleh.token_api.filter(nama="SIPD sinkron").exists()


def test_a_value_the_grid_refuses_is_422_naming_its_row_and_nothing_is_written(client, opd):
    ind = indikator_of(opd)[1]
    response = post(client, realisasi_url(opd), isian(ind, "12 kg", 0), operator_token(opd))
    assert response.status_code == 422
    (galat,) = response.json()["galat"]
    assert "Baris 2" in galat or "Row 2" in galat
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_an_indicator_of_another_opd_is_422(client, opd):
    foreign = indikator_of(make_grid_opd(2))[1]
    response = post(client, realisasi_url(opd), isian(foreign, "1", 0), operator_token(opd))
    assert response.status_code == 422


def test_a_verified_triwulan_is_locked_409(client, opd):
    set_status(opd, 2, VERIFIED)
    ind = indikator_of(opd)[1]
    response = post(client, realisasi_url(opd), isian(ind, "40", 0), operator_token(opd))
    assert response.status_code == 409
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_an_implausible_value_is_saved_with_its_warning(client, opd):
    ind = indikator_of(opd)[1]  # target 100
    response = post(client, realisasi_url(opd), isian(ind, "100000", 0, triwulan=1),
                    operator_token(opd))
    assert response.status_code == 200
    assert response.json()["peringatan"], response.json()
    assert "Baris 2" in response.json()["peringatan"][0]


@pytest.mark.parametrize("who,status", [
    ("anonim", 401), ("token OPD baca", 403), ("token OPD lain", 404),
    ("token dicabut", 401)])
def test_who_may_not_write(client, opd, who, status):
    ind = indikator_of(opd)[1]
    token = {"anonim": None,
             "token OPD baca": operator_token(opd, lingkup=TokenApi.Lingkup.BACA),
             "token OPD lain": operator_token(make_opd(pemda=opd.pemda)),
             "token dicabut": revoked_token(opd)}[who]
    assert post(client, realisasi_url(opd), isian(ind, "40", 0), token).status_code == status
    assert post(client, f"/api/v1/opd/{opd.pk}/anggaran/realisasi",
                {"tahun": TAHUN, "triwulan": 2, "nilai": [{"anggaran": 1, "nilai": "1",
                                                           "versi": 0}]},
                token).status_code == status
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_a_verifikator_token_may_not_write(client, opd):
    from akuntabel.accounts.models import Peran
    from tests.api.helpers import token_of
    from tests.builders import make_user

    token = token_of(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    ind = indikator_of(opd)[1]
    assert post(client, realisasi_url(opd), isian(ind, "40", 0), token).status_code == 403


# -- budget realisasi ---------------------------------------------------------------------------

@pytest.fixture
def dpa_opd():
    opd = make_opd()
    make_dpa(opd, 40)
    return opd


def anggaran_body(sub, nilai, versi, triwulan=2):
    return {"tahun": TAHUN, "triwulan": triwulan,
            "nilai": [{"anggaran": sub.pk, "nilai": nilai, "versi": versi}]}


def test_a_budget_write_then_a_stale_write_is_409(client, dpa_opd):
    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=dpa_opd).first()
    token = operator_token(dpa_opd, nama="aplikasi keuangan")
    url = f"/api/v1/opd/{dpa_opd.pk}/anggaran/realisasi"
    assert post(client, url, anggaran_body(sub, "Rp 1.250.000", 0), token).status_code == 200
    row = RealisasiAnggaranTriwulan.objects.get(dpa_sub_kegiatan=sub, triwulan=2)
    assert row.nilai == 1_250_000 and row.versi == 1
    stale = post(client, url, anggaran_body(sub, "5", 0), token)
    assert stale.status_code == 409
    assert Decimal(stale.json()["konflik"][0]["nilai"]) == 1_250_000
    assert stale.json()["konflik"][0]["versi"] == 1
    change = Perubahan.objects.get(model="RealisasiAnggaranTriwulan")
    assert "API, token aplikasi keuangan" in change.sumber


def test_budget_realisation_above_pagu_is_saved_with_a_warning(client, dpa_opd):
    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=dpa_opd).first()
    response = post(client, f"/api/v1/opd/{dpa_opd.pk}/anggaran/realisasi",
                    anggaran_body(sub, "99.000.000", 0), operator_token(dpa_opd))
    assert response.status_code == 200
    assert "melebihi pagu" in response.json()["peringatan"][0]


def test_a_budget_amount_the_grid_refuses_is_422(client, dpa_opd):
    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=dpa_opd).first()
    response = post(client, f"/api/v1/opd/{dpa_opd.pk}/anggaran/realisasi",
                    anggaran_body(sub, "sejuta", 0), operator_token(dpa_opd))
    assert response.status_code == 422
    assert not RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan=sub).exists()


def test_an_indicator_sent_twice_is_422_and_nothing_is_written(client, opd):
    ind = indikator_of(opd)[1]
    body = isian(ind, "40", 0)
    body["nilai"].append({"indikator": ind.pk, "nilai": "41", "catatan": "", "versi": 0})
    response = post(client, realisasi_url(opd), body, operator_token(opd))
    assert response.status_code == 422 and "lebih dari sekali" in response.json()["galat"][0]
    assert not Realisasi.objects.filter(indikator=ind).exists()
