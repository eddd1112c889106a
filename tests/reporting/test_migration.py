"""PelaporanTriwulan moved from the results app to reporting without moving data: the model
keeps the table the results app created, and neither migration of the move touches the
database schema or its rows."""

import pytest
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from akuntabel.reporting.models import PelaporanTriwulan

MOVE = [("reporting", "0001_initial"), ("results", "0004_pelaporantriwulan_to_reporting")]


def test_the_model_keeps_the_table_the_results_app_created() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    before = loader.project_state(("results", "0003_capaiantercetak"), at_end=True)
    old = before.apps.get_model("results", "PelaporanTriwulan")
    assert PelaporanTriwulan._meta.db_table == old._meta.db_table == "results_pelaporantriwulan"
    after = loader.project_state(MOVE[1], at_end=True)
    assert ("results", "pelaporantriwulan") not in after.models
    assert after.models["reporting", "pelaporantriwulan"].options["db_table"] == \
        "results_pelaporantriwulan"


@pytest.mark.parametrize(("app", "name"), MOVE, ids=["reporting takes the model",
                                                   "results lets it go"])
def test_the_move_changes_no_table(app: str, name: str) -> None:
    """Only the state changes (and the content type's label, a row of contenttypes)."""
    migration = MigrationLoader(None, ignore_no_migrations=True).get_migration(app, name)
    for op in migration.operations:
        if isinstance(op, migrations.SeparateDatabaseAndState):
            assert op.database_operations == []
        else:
            assert isinstance(op, migrations.RunPython)


@pytest.mark.django_db
def test_rows_written_before_the_move_are_read_after_it(demo_opd) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO results_pelaporantriwulan (perangkat_daerah_id, tahun, "
                       "triwulan, status, catatan, updated_at) VALUES (%s, 2023, 3, "
                       "'diverifikasi', '', CURRENT_TIMESTAMP)", [demo_opd.pk])
    row = PelaporanTriwulan.objects.get(perangkat_daerah=demo_opd, tahun=2023, triwulan=3)
    assert row.locked
