"""Grading an evaluation changes no computed document (LKjIP, PK, dashboard, portal): no write
to an evaluation's tables may advance a data revision, or every saved grade would empty the
cache of every document of the installation (each then computed again, seconds each)."""

from __future__ import annotations

from django.apps import apps

from akuntabel.revisi.jaring import tabel_dipantau


def test_no_table_of_an_evaluation_is_watched_by_the_revision_net():
    evaluasi_tables = {m._meta.db_table
                       for m in apps.get_app_config("evaluasi").get_models(
                           include_auto_created=True)}
    assert evaluasi_tables
    assert evaluasi_tables & tabel_dipantau() == set()
