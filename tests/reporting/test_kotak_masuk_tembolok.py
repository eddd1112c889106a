"""The verifikator's inbox comes from the cache of computed data (``reports.tembolok``) while
no data of the pemda changed: a second request computes nothing, and a quarter verified or
submitted through ``reporting.workflow`` leaves or enters the inbox on the very next
request."""

import pytest
from django.urls import reverse

from akuntabel.accounts.access import hak_for
from akuntabel.accounts.models import Peran
from akuntabel.reporting import views_kotak_masuk, workflow
from tests.builders import make_opd, make_pemda, make_user
from tests.results.helpers import TAHUN, make_grid_opd, operator_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinas(client, django_capture_on_commit_callbacks):
    """Two agencies of a pemda, Dinsos's TW I submitted, as if committed (a page computed
    inside an open write is never cached); a verifikator logged in."""
    with django_capture_on_commit_callbacks(execute=True):
        pemda = make_pemda()
        dinsos = make_grid_opd(3, make_opd(pemda=pemda, nama="Dinsos"))
        dinkes = make_grid_opd(3, make_opd(pemda=pemda, nama="Dinkes"))
        operator = operator_of(dinsos)
        workflow.apply_action(dinsos, TAHUN, 1, "ajukan", hak=hak_for(operator, dinsos),
                              user=operator)
    verifikator = make_user(Peran.VERIFIKATOR, pemda=pemda)
    client.force_login(verifikator)
    return dinsos, dinkes, verifikator


def listed(client, opd) -> list[tuple[str, int]]:
    response = client.get(reverse("kotak_masuk", args=[opd.pemda_id, TAHUN]))
    assert response.status_code == 200
    return [(a.opd.nama, a.triwulan) for a in response.context["rows"]]


def gagal(*args, **kwargs):
    raise AssertionError("computed again although no data changed")


def test_a_second_request_computes_nothing(client, dinas, monkeypatch):
    dinsos, _dinkes, _v = dinas
    assert listed(client, dinsos) == [("Dinsos", 1)]
    monkeypatch.setattr(views_kotak_masuk, "menunggu", gagal)
    assert listed(client, dinsos) == [("Dinsos", 1)]


def test_a_verified_quarter_leaves_the_inbox_right_after(client, dinas):
    dinsos, _dinkes, verifikator = dinas
    assert listed(client, dinsos) == [("Dinsos", 1)]
    workflow.apply_action(dinsos, TAHUN, 1, "verifikasi", hak=hak_for(verifikator, dinsos),
                          user=verifikator)
    assert listed(client, dinsos) == []


def test_a_submitted_quarter_enters_the_inbox_right_after(client, dinas):
    dinsos, dinkes, _v = dinas
    assert listed(client, dinsos) == [("Dinsos", 1)]
    operator = operator_of(dinkes)
    workflow.apply_action(dinkes, TAHUN, 2, "ajukan", hak=hak_for(operator, dinkes),
                          user=operator)
    assert sorted(listed(client, dinsos)) == [("Dinkes", 2), ("Dinsos", 1)]


def test_after_a_write_in_one_agency_only_that_agency_is_computed_again(client, dinas,
                                                                       monkeypatch):
    dinsos, dinkes, _v = dinas
    listed(client, dinsos)
    asked = []
    real = views_kotak_masuk.menunggu
    monkeypatch.setattr(views_kotak_masuk, "menunggu",
                        lambda *a, **k: asked.append(k["opd_pks"]) or real(*a, **k))
    operator = operator_of(dinkes)
    workflow.apply_action(dinkes, TAHUN, 2, "ajukan", hak=hak_for(operator, dinkes),
                          user=operator)
    assert sorted(listed(client, dinsos)) == [("Dinkes", 2), ("Dinsos", 1)]
    assert asked == [[dinkes.pk]]
