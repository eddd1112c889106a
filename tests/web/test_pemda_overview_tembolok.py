"""The pemda dashboard's rows come from the cache of computed data (``reports.tembolok``) while
no data of the pemda changed: a second request computes nothing, and a write through a
service shows on the very next request."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.budget.writes import NilaiDpa, write_dpa_amounts
from akuntabel.results.grid import RealisasiBaris
from akuntabel.results.models import Realisasi
from akuntabel.results.writes import NilaiRealisasi, write_realisasi
from akuntabel.web import views
from tests.builders import make_pemda, make_user
from tests.web.test_pemda_overview import make_filled_opd

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinas(client, django_capture_on_commit_callbacks):
    """Two agencies of a pemda (Dinas 01: IKU capaian 88,75%, serapan 90,10%), as if committed
    (the revisions' commit callbacks run: a page computed inside an open write is never
    cached); a verifikator logged in."""
    with django_capture_on_commit_callbacks(execute=True):
        pemda = make_pemda()
        make_filled_opd(pemda, 0)
        opd = make_filled_opd(pemda, 1)
    user = make_user(Peran.VERIFIKATOR, pemda=pemda)
    client.force_login(user)
    return opd, user


def get(client, opd) -> str:
    """The page, its per-request CSRF tokens left out."""
    response = client.get(reverse("pemda_overview", args=[opd.pemda_id, 2023]) + "?triwulan=1")
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def gagal(*args, **kwargs):
    raise AssertionError("computed again although no data changed")


def test_a_second_request_computes_no_figure_and_no_projection(client, dinas, monkeypatch):
    opd, _user = dinas
    first = get(client, opd)
    for name in ("capaian_iku", "build_budget_totals", "kelengkapan", "status_pelaporan",
                 "peringatan_dini"):
        monkeypatch.setattr(views, name, gagal)
    assert get(client, opd) == first


def test_a_budget_write_shows_right_after(client, dinas):
    opd, user = dinas
    assert "90,10%" in get(client, opd)
    sub = DpaSubKegiatan.objects.get(dpa__perangkat_daerah=opd)
    write_dpa_amounts(opd, [NilaiDpa(sub, "realisasi", sub.realisasi, Decimal(950))],
                      user=user, sumber="uji")
    body = get(client, opd)
    assert "95,00%" in body and "90,10%" not in body


def test_a_realisasi_write_shows_right_after(client, dinas):
    opd, user = dinas
    assert "88,75%" in get(client, opd)  # (71 / 80) for both IKU
    writes = []
    for r in Realisasi.objects.filter(indikator__perangkat_daerah=opd, triwulan=0):
        lama = RealisasiBaris(r.pk, r.teks, r.nilai, r.catatan, r.versi)
        writes.append(NilaiRealisasi(r.indikator_id, 0, lama, r.versi, "80", Decimal(80), ""))
    write_realisasi(opd, 2023, writes, user=user, sumber="uji")
    body = get(client, opd)
    assert "100,00%" in body and "88,75%" not in body


def test_after_a_write_in_one_agency_only_that_agency_is_computed_again(client, dinas,
                                                                       monkeypatch):
    opd, user = dinas
    get(client, opd)
    asked = []
    real = views.capaian_iku
    monkeypatch.setattr(views, "capaian_iku", lambda pks, *a: asked.append(pks) or real(pks, *a))
    sub = DpaSubKegiatan.objects.get(dpa__perangkat_daerah=opd)
    write_dpa_amounts(opd, [NilaiDpa(sub, "realisasi", sub.realisasi, Decimal(950))],
                      user=user, sumber="uji")
    body = get(client, opd)
    assert asked == [[opd.pk]]
    assert "95,00%" in body and "90,00%" in body  # the other agency's, from the cache
