"""Pages stay up for out-of-range values already in the database (stored before the bounds
were checked at entry, or written by raw SQL): every page of the OPD answers 200 for every
role, and the grid shows such a value as invalid so that the operator can correct it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.plans.models import Indikator, Target
from akuntabel.results.models import Realisasi
from tests.builders import make_user
from tests.web.opd_pages import failing_pages

pytestmark = pytest.mark.django_db

TAHUN = 2023


def _first_indikator(opd):
    """The demo's first indicator with a 2023 Renja target, its realisasi and its page."""
    return (Indikator.objects.filter(perangkat_daerah=opd, target__tahun=TAHUN,
                                     target__jenis="renja", realisasi__tahun=TAHUN)
            .order_by("pk").first())


def _sub(opd):
    return (DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=TAHUN)
            .order_by("pk").first())


def _store_with_orm(opd):
    ind = _first_indikator(opd)
    Realisasi.objects.update_or_create(indikator=ind, tahun=TAHUN, triwulan=2,
                                       defaults={"nilai": Decimal("1E19"), "teks": "1E19"})
    Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=None).update(
        nilai=Decimal("1E19"))
    Target.objects.filter(indikator=ind, tahun=TAHUN).update(nilai=Decimal("1E19"))
    sub = _sub(opd)
    # 10^17: out of core.batas yet within what a Rupiah field holds on every database
    # (PostgreSQL refuses 10^18 in numeric(20, 2); SQLite stored it, hence the SQL case below).
    DpaSubKegiatan.objects.filter(pk=sub.pk).update(pagu=Decimal("1E17"),
                                                    realisasi=Decimal("1E17"))
    RealisasiAnggaranTriwulan.objects.update_or_create(
        dpa_sub_kegiatan=sub, triwulan=2, defaults={"nilai": Decimal("1E17")})
    return [ind]


def _store_with_sql(opd):
    """More digits than the fields hold (24 for a measure, 20 for money), as SQLite lets raw
    SQL write them; the stored text then reads back as a number with too many digits."""
    ind = _store_with_orm(opd)[0]
    sub = _sub(opd)
    huge = "123456789012345678901234567.891"
    with connection.cursor() as c:
        c.execute(f"UPDATE results_realisasi SET nilai = '{huge}' WHERE indikator_id = %s "
                  "AND tahun = %s", [ind.pk, TAHUN])
        c.execute(f"UPDATE plans_target SET nilai = '{huge}' WHERE indikator_id = %s",
                  [ind.pk])
        c.execute(f"UPDATE budget_dpasubkegiatan SET pagu = '{huge}' WHERE id = %s", [sub.pk])
        c.execute(f"UPDATE budget_realisasianggarantriwulan SET nilai = '{huge}' "
                  "WHERE dpa_sub_kegiatan_id = %s", [sub.pk])
    return [ind]


def test_values_far_out_of_range_stored_with_the_orm_leave_every_page_up(demo_opd):
    indikator = _store_with_orm(demo_opd)
    assert failing_pages(demo_opd, TAHUN, indikator) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite stores more digits")
def test_values_with_more_digits_than_the_field_stored_by_sql_leave_every_page_up(demo_opd):
    indikator = _store_with_sql(demo_opd)
    assert failing_pages(demo_opd, TAHUN, indikator) == []


def test_the_grid_marks_a_stored_value_out_of_bounds_at_its_cell_so_it_can_be_fixed(
        client, demo_opd):
    ind = _store_with_orm(demo_opd)[0]
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(reverse("realisasi_grid", args=[demo_opd.pk, TAHUN, 2])).content.decode()
    row = body.split(f'<tr data-indikator="{ind.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "di luar batas" in row
    assert 'aria-invalid="true"' in row


def test_the_budget_grid_marks_a_stored_amount_out_of_bounds_at_its_cell(client, demo_opd):
    _store_with_orm(demo_opd)
    sub = _sub(demo_opd)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(reverse("anggaran_realisasi", args=[demo_opd.pk, TAHUN, 2])
                      ).content.decode()
    cell = body.split(f'id="err-nilai-{sub.pk}"', 1)[1].split("</span>", 1)[0]
    assert "jumlah tersimpan di luar batas" in cell
    assert "100.000.000.000.000.000" in body
    assert "tidak ada yang disimpan" not in body.lower()  # a GET saved nothing, refused nothing


def test_the_out_of_bounds_value_is_refused_until_corrected_then_saved(client, demo_opd):
    ind = _store_with_orm(demo_opd)[0]
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    grid = reverse("realisasi_grid", args=[demo_opd.pk, TAHUN, 2])
    line = next(li for li in client.get(grid).context["lines"] if li["pk"] == ind.pk)
    data = {"aksi": "simpan", f"nilai-{ind.pk}": line["nilai"], f"versi-{ind.pk}": line["versi"],
            f"catatan-{ind.pk}": ""}
    assert client.post(grid, data).status_code == 200  # as shown: refused at the cell
    assert Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=2).nilai == Decimal("1E19")
    assert client.post(grid, data | {f"nilai-{ind.pk}": "75"}).status_code == 302
    assert Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=2).nilai == 75
