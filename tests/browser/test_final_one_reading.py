"""A final LKjIP is computed from one reading of the database (``reports.final.one_reading``):
a save committed by someone else while the document is being read does not show in half of
it. On PostgreSQL the reading is a REPEATABLE READ snapshot; on SQLite a transaction already
reads one state of the file (in-memory test databases cannot show a second writer, so the
check runs on PostgreSQL, as in CI). Kept among the browser tests, whose set-up reloads the
demo after a test that commits outside a transaction (``live_server``)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from akuntabel.reports.final import one_reading
from akuntabel.results.models import Realisasi
from tests.builders import make_indikator


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a second writer")
def test_a_save_committed_during_the_reading_is_not_seen_by_it(live_server):
    ind = make_indikator()

    def save_elsewhere() -> None:  # another thread: its own connection, autocommit
        try:
            Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=4, teks="5",
                                     nilai=Decimal(5))
        finally:
            connection.close()

    with one_reading():
        before = Realisasi.objects.filter(indikator=ind).count()
        writer = threading.Thread(target=save_elsewhere)
        writer.start()
        writer.join()
        during = Realisasi.objects.filter(indikator=ind).count()
    after = Realisasi.objects.filter(indikator=ind).count()
    assert (before, during, after) == (0, 0, 1)
