"""The budget page's tree comes from the cache of computed data (``reports.tembolok``) while
the OPD's data did not change: a second request computes nothing, and an amount written
through ``budget.writes`` shows on the very next request, for every reader."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.budget import views
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.budget.writes import NilaiDpa, write_dpa_amounts
from akuntabel.core.angka import format_rupiah
from tests.builders import make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023


def get(client, opd, query="") -> str:
    response = client.get(reverse("anggaran", args=[opd.pk, TAHUN]) + query)
    assert response.status_code == 200
    return response.content.decode()


def gagal(*args, **kwargs):
    raise AssertionError("computed again although no data changed")


def test_a_second_request_computes_nothing(client, demo_opd, monkeypatch):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    first = get(client, demo_opd)
    monkeypatch.setattr(views, "build_budget_tree", gagal)
    monkeypatch.setattr(views, "build_line_rollup_murni", gagal)
    assert get(client, demo_opd).count("<details") == first.count("<details") > 10


def test_an_amount_written_through_the_service_shows_right_after(client, demo_opd):
    operator = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    reader = make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda)
    client.force_login(reader)
    sub = (DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, dpa__tahun=TAHUN,
                                         realisasi__isnull=False).order_by("pk").first())
    baru = sub.realisasi - Decimal("1234567")
    assert format_rupiah(baru) not in get(client, demo_opd)
    write_dpa_amounts(demo_opd, [NilaiDpa(sub, "realisasi", sub.realisasi, baru)],
                      user=operator, sumber="uji")
    assert format_rupiah(baru) in get(client, demo_opd)


def test_the_opened_sub_kegiatan_is_part_of_the_key(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    sub = (DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, dpa__tahun=TAHUN)
           .order_by("pk").first())
    get(client, demo_opd)
    assert f'id="node-sub_kegiatan-{sub.sub_kegiatan_id}" class="t-sub_kegiatan" open' in get(
        client, demo_opd, f"?sub={sub.sub_kegiatan_id}")


def test_a_sub_kegiatan_not_in_the_dpa_is_the_page_without_one(client, demo_opd, monkeypatch):
    """Any number in ``?sub=`` would otherwise be an entry of its own in the cache."""
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    first = get(client, demo_opd)
    monkeypatch.setattr(views, "build_budget_tree", gagal)
    assert get(client, demo_opd, "?sub=987654").count("<details") == first.count("<details")
