"""The data revisions: each write service advances its OPD's (or pemda's) revision, precisely,
in its own transaction; any other write to a document's tables advances the installation's
(the net); every table a computed document reads is watched."""

import re
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from akuntabel.accounts.access import Hak
from akuntabel.accounts.models import Peran
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans import structure
from akuntabel.plans.models import Indikator, Rpjmd
from akuntabel.reporting import workflow
from akuntabel.reports.models import Narasi
from akuntabel.reports.services import build_context
from akuntabel.results.models import Realisasi
from akuntabel.reviews.context import build_reviu_data
from akuntabel.revisi.jaring import BUKAN_DATA, tabel_dipantau, tabel_ditulis
from akuntabel.revisi.services import naikkan_opd, revisi_opd, revisi_pemda
from tests.builders import make_opd, make_user
from tests.revisi.test_tembolok import (
    tulis_anggaran,
    tulis_narasi,
    tulis_realisasi,
    tulis_target,
)

pytestmark = pytest.mark.django_db


def ubah_indikator(opd, user):
    ind = Indikator.objects.filter(perangkat_daerah=opd, iku=True).order_by("pk").first()
    structure.ubah(ind, {"uraian": ind.uraian + " (diubah)"}, user=user, alasan="uji")


def ajukan_triwulan(opd, user):
    workflow.apply_action(opd, 2023, 1, "ajukan", hak=Hak(ubah=True), user=user)


@pytest.mark.parametrize("tulis", [
    pytest.param(tulis_realisasi, id="results.writes advances the OPD's revision"),
    pytest.param(tulis_target, id="plans.targets advances the OPD's revision"),
    pytest.param(tulis_anggaran, id="budget.writes advances the OPD's revision"),
    pytest.param(tulis_narasi, id="a narrative save advances the OPD's revision"),
    pytest.param(ubah_indikator, id="plans.structure advances the OPD's revision"),
    pytest.param(ajukan_triwulan, id="a reporting state change advances the OPD's revision"),
])
def test_a_write_service_advances_its_opd_revision_and_no_other(demo_opd, tulis):
    user = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    lain = make_opd(demo_opd.pemda)
    semua, pemda, opd = revisi_opd(demo_opd)
    sebelum_lain = revisi_opd(lain)
    tulis(demo_opd, user)
    assert revisi_opd(demo_opd) == (semua, pemda, opd + 1)  # once, however many rows
    assert revisi_opd(lain)[2] == sebelum_lain[2]  # another OPD's documents stay valid


def test_a_change_to_the_rpjmd_advances_the_pemda_revision(demo_opd):
    rpjmd = Rpjmd.objects.filter(pemda=demo_opd.pemda).first()
    semua, pemda, opd = revisi_opd(demo_opd)
    structure.ubah_visi(rpjmd, rpjmd.visi + " Baru.", user=make_user(), alasan="uji")
    assert revisi_opd(demo_opd) == (semua, pemda + 1, opd)


def test_the_pemda_revision_moves_with_any_of_its_opd(demo_opd):
    sebelum = revisi_pemda(demo_opd.pemda)
    tulis_narasi(demo_opd, make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert revisi_pemda(demo_opd.pemda) > sebelum


def test_a_rolled_back_savepoint_takes_its_advance_with_it_and_the_next_write_advances_again(
        demo_opd):
    awal = revisi_opd(demo_opd)[2]
    with pytest.raises(RuntimeError), transaction.atomic():
        naikkan_opd(demo_opd)
        raise RuntimeError
    assert revisi_opd(demo_opd)[2] == awal
    naikkan_opd(demo_opd)
    naikkan_opd(demo_opd)  # once per transaction
    assert revisi_opd(demo_opd)[2] == awal + 1


@pytest.mark.parametrize("tulis", [
    pytest.param(lambda opd: PerangkatDaerah.objects.filter(pk=opd.pk).update(nama="X"),
                 id="QuerySet.update"),
    pytest.param(lambda opd: Realisasi.objects.bulk_create([Realisasi(
        indikator=Indikator.objects.filter(perangkat_daerah=opd).first(), tahun=2030,
        triwulan=0, teks="1")]), id="bulk_create"),
    pytest.param(lambda opd: Narasi.objects.filter(
        pk=Narasi.objects.filter(perangkat_daerah=opd).first().pk).delete(), id="delete"),
    pytest.param(lambda opd: connection.cursor().execute(
        "UPDATE plans_indikator SET satuan = satuan WHERE id = %s", [0]), id="raw SQL"),
])
def test_a_write_no_service_made_advances_the_installation_revision(demo_opd, tulis):
    semua = revisi_opd(demo_opd)[0]
    with transaction.atomic():
        tulis(demo_opd)
    assert revisi_opd(demo_opd)[0] == semua + 1


def test_a_write_outside_a_documents_tables_advances_nothing(demo_opd):
    sebelum = revisi_opd(demo_opd)
    make_user(Peran.OPERATOR_OPD, opd=demo_opd)  # users and memberships: no document shows
    assert revisi_opd(demo_opd) == sebelum


@pytest.mark.parametrize(("sql", "tabel"), [
    ('INSERT INTO "plans_target" ("a") VALUES (%s)', "plans_target"),
    ('UPDATE "results_realisasi" SET "nilai" = %s', "results_realisasi"),
    ('DELETE FROM "budget_dpaline" WHERE id = 1', "budget_dpaline"),
    ("INSERT OR IGNORE INTO budget_dpa (x) VALUES (1)", "budget_dpa"),
    ('SELECT "x" FROM "plans_target"', None),
    ("", None),
], ids=["an insert", "an update", "a delete", "sqlite's insert or ignore", "a read", "nothing"])
def test_the_net_reads_the_table_a_statement_writes(sql, tabel):
    assert tabel_ditulis(sql) == tabel


def _tables_read(fn) -> set[str]:
    with CaptureQueriesContext(connection) as c:
        fn()
    return {t for q in c.captured_queries
            for t in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', q["sql"])}


def test_every_table_the_lkjip_and_its_snapshot_read_is_watched(demo_opd):
    """The LKjIP, its snapshot's ``sumber`` (reports.final) and the PK read only tables whose
    writes advance a revision: a table added to them tomorrow fails here until watched."""
    read = (_tables_read(lambda: build_context(demo_opd, 2023, "lakip"))
            | _tables_read(lambda: build_reviu_data(demo_opd, 2023)))
    assert read - tabel_dipantau() - {"revisi_revisi"} == set()
    assert {"results_realisasi", "plans_target", "budget_dpaline", "reports_narasi"} <= read


def test_only_named_tables_are_left_unwatched():
    from django.apps import apps

    unwatched = {m._meta.label for label in ("organizations", "plans", "results", "budget",
                                             "reports", "reporting", "daerah", "references",
                                             "reviews")
                 for m in apps.get_app_config(label).get_models()
                 if m._meta.db_table not in tabel_dipantau()}
    assert unwatched == set(BUKAN_DATA)


def test_revisions_are_read_in_one_query(demo_opd, django_assert_num_queries):
    pemda = demo_opd.pemda
    with django_assert_num_queries(1):
        revisi_opd(demo_opd)
    with django_assert_num_queries(1):
        revisi_pemda(pemda)


def test_a_new_opd_starts_from_nothing_and_counts_up(demo_opd):
    opd = make_opd(demo_opd.pemda)
    assert revisi_opd(opd)[2] == 0
    naikkan_opd(opd)
    assert revisi_opd(opd)[2] == 1
    assert Decimal(revisi_pemda(demo_opd.pemda)[2]) >= 1
