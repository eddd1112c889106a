"""Writing an indicator's realisasi: the one path every way in takes (the grid, the Excel
import). It owns the triwulan's lock, the version check and the change history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from akuntabel.audit.services import record_change
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.results.models import Realisasi
from akuntabel.results.services import TRIWULAN_ROMAWI, GridRow, RealisasiBaris
from akuntabel.results.workflow import lock_pelaporan


@dataclass(frozen=True)
class Konflik:
    """A line someone else saved after the user's page was built."""

    row: GridRow
    sekarang: Realisasi | None   # what is stored now
    oleh: str                    # who changed it last, as shown to users ("" when unknown)
    pada: datetime | None


class KonflikVersi(Exception):
    """The save is refused as a whole: some lines changed since the page was built."""

    def __init__(self, konflik: list[Konflik]):
        super().__init__(f"{len(konflik)} baris diubah orang lain")
        self.konflik = konflik


class TriwulanTerkunci(Exception):
    """The save is refused as a whole: the triwulan was submitted or verified (possibly after
    the caller read its status)."""

    def __init__(self, pelaporan: Any):
        super().__init__(f"TW {pelaporan.triwulan} {pelaporan.tahun}: {pelaporan.status}")
        self.pelaporan = pelaporan


def _konflik(rows: list[GridRow], tahun: int, triwulan: int) -> list[Konflik]:
    """The lines of ``rows`` as stored now, with who changed them last (two queries)."""
    from akuntabel.audit.models import Perubahan

    stored = {r.indikator_id: r for r in Realisasi.objects.filter(
        indikator__in=[row.indikator.pk for row in rows], tahun=tahun, triwulan=triwulan)}
    last: dict[int, Any] = {}
    for p in (Perubahan.objects.filter(model="Realisasi",
                                       objek_id__in=[r.pk for r in stored.values()])
              .select_related("oleh").order_by("created_at", "id")):
        last[p.objek_id] = p
    hasil = []
    for row in rows:
        now = stored.get(row.indikator.pk)
        p = last.get(now.pk) if now is not None else None
        oleh = (p.oleh.get_full_name() or p.oleh.username) if p is not None and p.oleh else ""
        pada = p.created_at if p is not None else (now.updated_at if now else None)
        hasil.append(Konflik(row, now, oleh, pada))
    return hasil


def save_realisasi_grid(opd: PerangkatDaerah, tahun: int, triwulan: int, cells: list,
                        *, user: Any) -> int:
    """Write the changed cells of a checked grid (``results.forms.read_grid``, no errors) in
    one transaction; return the number of values (realisasi, note) changed.

    Optimistic concurrency: every submitted line names the ``versi`` it was built from (0 when
    no realisasi existed). When any stored version differs, nothing is written and
    KonflikVersi names the lines. Writes are conditional (``UPDATE … WHERE versi = old``), so
    of two simultaneous saves only one can win. An emptied line (no value, no note) deletes
    its realisasi. Every change is recorded with ``record_change``.

    The triwulan's status is checked inside the transaction, on its report row locked for
    update (``workflow.lock_pelaporan``): a quarter submitted or verified after the caller read
    its status raises TriwulanTerkunci and nothing is written.
    """
    stale = [c.row for c in cells if c.versi != c.row.versi]
    if stale:
        raise KonflikVersi(_konflik(stale, tahun, triwulan))
    sumber = f"Isian realisasi TW {TRIWULAN_ROMAWI[triwulan]} {tahun}"
    changed = 0
    lost: list[GridRow] = []
    try:
        with transaction.atomic():
            pelaporan = lock_pelaporan(opd, tahun, triwulan)
            if pelaporan.locked:
                raise TriwulanTerkunci(pelaporan)
            for c in cells:
                if not c.changed:
                    continue
                lama = c.row.realisasi
                if lama is None:
                    baru = Realisasi.objects.create(
                        indikator_id=c.row.indikator.pk, tahun=tahun, triwulan=triwulan,
                        teks=c.teks, nilai=c.nilai, catatan=c.catatan, versi=1)
                    changed += _record(opd, baru, None, c, sumber, user)
                    continue
                kept = Realisasi.objects.filter(pk=lama.pk, versi=c.versi)
                if c.nilai is None and not c.catatan:
                    written = kept.delete()[1].get(Realisasi._meta.label, 0)
                else:
                    written = kept.update(teks=c.teks, nilai=c.nilai, catatan=c.catatan,
                                          versi=F("versi") + 1, updated_at=timezone.now())
                if not written:
                    lost.append(c.row)
                    raise IntegrityError("stale versi")
                changed += _record(opd, lama.model(c.row.indikator.pk, tahun, triwulan), lama,
                                   c, sumber, user)
    except IntegrityError:
        # A line was saved by someone else between our check and our write (or created by
        # them at the same moment): the whole transaction was rolled back.
        raise KonflikVersi(_konflik(lost or [c.row for c in cells if c.changed],
                                    tahun, triwulan)) from None
    return changed


def _record(opd: PerangkatDaerah, obj: Realisasi, lama: RealisasiBaris | None, c: Any,
            sumber: str, user: Any) -> int:
    n = 0
    nilai_lama = ""
    if lama is not None:
        nilai_lama = lama.teks or format_angka(lama.nilai) if lama.nilai is not None else lama.teks
    if lama is None or c.nilai != lama.nilai:
        n += record_change(opd, obj, "nilai", nilai_lama, c.teks, sumber=sumber,
                           oleh=user) is not None
    if c.catatan != (lama.catatan if lama else ""):
        n += record_change(opd, obj, "catatan", lama.catatan if lama else "", c.catatan,
                           sumber=sumber, oleh=user) is not None
    return n
