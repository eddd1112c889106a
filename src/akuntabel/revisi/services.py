"""Advancing and reading the data revisions (see the package's docstring).

Write services call ``naikkan_opd(opd)`` (or ``naikkan_pemda``, ``naikkan_semua``) inside their
transaction, before their first write; a key is advanced once per transaction. Readers take the
revision BEFORE they compute (``revisi_opd``, ``revisi_pemda``): a write committed while they
compute then only makes their entry one nobody asks for again, never a stale one.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from akuntabel.revisi.models import SEMUA, Revisi, kunci_opd, kunci_pemda


class _Penanda:
    """A no-op on_commit callback: Django drops it when its savepoint or transaction is rolled
    back and runs it on commit, so its presence in the connection's list says that the advance
    made with it is still part of the open transaction."""

    def __init__(self, memo: dict[str, _Penanda], kunci: str):
        self.memo, self.kunci = memo, kunci

    def __call__(self) -> None:
        if self.memo.get(self.kunci) is self:
            del self.memo[self.kunci]


def _memo(conn: Any) -> dict[str, _Penanda]:
    memo: dict[str, _Penanda] | None = getattr(conn, "_akuntabel_revisi", None)
    if memo is None:
        memo = conn._akuntabel_revisi = {}
    return memo


def _hidup(conn: Any) -> set[int]:
    return {id(f) for _, f, _ in conn.run_on_commit}


def sudah_naik(conn: Any, kunci: str | None = None) -> bool:
    """Whether the open transaction of ``conn`` has advanced ``kunci`` (any key when None)."""
    if not conn.in_atomic_block:
        return False
    memo = _memo(conn)
    hidup = _hidup(conn)
    if kunci is not None:
        p = memo.get(kunci)
        return p is not None and id(p) in hidup
    return any(id(p) in hidup for p in memo.values())


def _naikkan(kunci: str, pemda_id: int | None = None) -> None:
    conn = transaction.get_connection()
    if sudah_naik(conn, kunci):
        return
    if not Revisi.objects.filter(kunci=kunci).update(nomor=F("nomor") + 1):
        try:
            with transaction.atomic():
                Revisi.objects.create(kunci=kunci, pemda_id=pemda_id, nomor=1)
        except IntegrityError:  # a concurrent first write made the row
            Revisi.objects.filter(kunci=kunci).update(nomor=F("nomor") + 1)
    if conn.in_atomic_block:
        penanda = _Penanda(_memo(conn), kunci)
        _memo(conn)[kunci] = penanda
        transaction.on_commit(penanda)


def naikkan_opd(opd: Any) -> None:
    """Advance the revision of the OPD ``opd`` (a PerangkatDaerah): its documents are
    computed again on their next request."""
    _naikkan(kunci_opd(opd.pk), opd.pemda_id)


def naikkan_pemda(pemda: Any) -> None:
    """Advance the revision of the pemda's own data (it is part of every key of its OPD)."""
    _naikkan(kunci_pemda(pemda.pk))


def naikkan_semua() -> None:
    """Advance the installation's revision: every cached document is computed again."""
    _naikkan(SEMUA)


def _nomor(kunci: list[str]) -> dict[str, int]:
    return dict(Revisi.objects.filter(kunci__in=kunci).values_list("kunci", "nomor"))


def revisi_opd(opd: Any) -> tuple[int, int, int]:
    """(installation, pemda, OPD) revisions of an OPD's documents, in one query."""
    k = [SEMUA, kunci_pemda(opd.pemda_id), kunci_opd(opd.pk)]
    n = _nomor(k)
    return n.get(k[0], 0), n.get(k[1], 0), n.get(k[2], 0)


def revisi_pemda(pemda: Any) -> tuple[int, int, int]:
    """(installation, pemda, sum of its OPD's) revisions of a pemda-wide document, in one
    query. The sum grows with every OPD write; an OPD added, moved or deleted is a write no
    OPD service advances, which the net turns into the installation's revision, so the tuple
    never repeats an earlier one."""
    semua, sendiri = SEMUA, kunci_pemda(pemda.pk)
    n = {semua: 0, sendiri: 0, "opd": 0}
    for kunci, nomor in Revisi.objects.filter(
            Q(kunci__in=[semua, sendiri]) | Q(pemda_id=pemda.pk)).values_list("kunci", "nomor"):
        n[kunci if kunci in (semua, sendiri) else "opd"] += nomor
    return n[semua], n[sendiri], n["opd"]
