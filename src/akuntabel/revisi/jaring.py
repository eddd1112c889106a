"""The net under the explicit calls: every write to a table of a document's data that runs in a
transaction which advanced no revision advances the installation's revision (``naikkan_semua``).

Installed on every database connection (``connection_created``) as a Django execute wrapper, so
it sees each statement the ORM or a raw cursor sends: ``save``, ``delete``, ``bulk_create``,
``bulk_update``, ``QuerySet.update``, raw INSERTs. Inside a transaction the revision advances
before the write, in the same transaction; in autocommit mode (one statement, one transaction)
it advances right after the write, so that no reader can pair the new revision with the old
data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps

# The apps whose data feeds a computed document (the LKjIP's snapshot ``sumber``, the PK, the
# pemda's dashboard and LKjIP): their tables, the automatic many-to-many tables included.
# Not "evaluasi": no cached document reads an evaluation's answers, grades or recommendations
# (the LHE and the worksheet are computed on each request), and every saved grade would
# otherwise empty the cache of the whole installation.
APPS = ("organizations", "plans", "results", "budget", "reports", "reporting", "daerah",
        "references", "reviews")
# Tables of those apps that no document shows, with the reason.
BUKAN_DATA = {
    "reporting.Pemberitahuan": "the e-mail notices sent; no document or dashboard shows them",
    "reports.LaporanFinal": "the frozen finals: stored bytes, never computed again",
    "reports.RingkasFinal": "a final's public summary, made once from its frozen snapshot",
}
_TULIS = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)',
                    re.IGNORECASE)


@cache
def tabel_dipantau() -> frozenset[str]:
    tabel = set()
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label not in BUKAN_DATA:
                tabel.add(model._meta.db_table)
    return frozenset(tabel)


def tabel_ditulis(sql: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE writes; None for any other statement."""
    if not sql or sql.lstrip()[:1] not in "IUDiud":
        return None
    m = _TULIS.match(sql)
    return m.group(1) if m else None


def _siap(conn: Any) -> bool:
    """Whether the revisions' table exists: not yet while the migrations that precede it run
    (a database being built has no documents to keep fresh)."""
    if getattr(conn, "_akuntabel_revisi_siap", False):
        return True
    from akuntabel.revisi.models import Revisi

    with conn.cursor() as cursor:
        siap = Revisi._meta.db_table in conn.introspection.table_names(cursor)
    conn._akuntabel_revisi_siap = siap
    return siap


def jaring(execute: Callable[..., Any], sql: str, params: Any, many: bool,
           context: dict[str, Any]) -> Any:
    tabel = tabel_ditulis(sql)
    if tabel is None or tabel not in tabel_dipantau():
        return execute(sql, params, many, context)
    from akuntabel.revisi.services import naikkan_semua, sudah_naik

    conn = context["connection"]
    if not _siap(conn):
        return execute(sql, params, many, context)
    if conn.in_atomic_block:
        if not sudah_naik(conn):
            naikkan_semua()
        return execute(sql, params, many, context)
    hasil = execute(sql, params, many, context)
    naikkan_semua()
    return hasil


def pasang(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Put the net on a new database connection (once)."""
    if jaring not in connection.execute_wrappers:
        connection.execute_wrappers.append(jaring)
