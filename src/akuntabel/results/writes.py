"""Writing an indicator's realisasi: the one path every way in takes (the grid, the Excel
import). It owns the triwulan's lock, the version check and the change history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from akuntabel.audit.services import record_change
from akuntabel.common.konflik import KonflikVersi, TriwulanTerkunci, nama_pengguna
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reporting.workflow import lock_pelaporan
from akuntabel.results.grid import GridRow, RealisasiBaris
from akuntabel.results.models import Realisasi
from akuntabel.revisi.services import naikkan_opd


@dataclass(frozen=True)
class Konflik:
    """A line someone else saved after the user's page was built."""

    row: GridRow
    sekarang: Realisasi | None   # what is stored now
    oleh: str                    # who changed it last, as shown to users ("" when unknown)
    pada: datetime | None


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
        oleh = nama_pengguna(p.oleh) if p is not None else ""
        pada = p.created_at if p is not None else (now.updated_at if now else None)
        hasil.append(Konflik(row, now, oleh, pada))
    return hasil


@dataclass(frozen=True)
class NilaiRealisasi:
    """One realisasi to write, as a way in (the grid, the Excel import) read it: the row it
    read (``lama``, None when there was none) and the version its page or workbook was made
    from (``versi``, 0 when no row existed). Empty ``nilai`` and ``catatan`` delete the row."""

    indikator_id: int
    triwulan: int                  # 1..4, or 0 for the year
    lama: RealisasiBaris | None
    versi: int
    teks: str
    nilai: Decimal | None
    catatan: str
    satuan: str | None = None      # None: as stored (blank for a new row)


class StaleRealisasi(Exception):
    """Values changed by someone else since they were read: nothing was written."""

    def __init__(self, nilai: list[NilaiRealisasi]):
        super().__init__(f"{len(nilai)} realisasi diubah orang lain")
        self.nilai = nilai


def write_realisasi(opd: PerangkatDaerah, tahun: int, nilai: list[NilaiRealisasi], *,
                    user: Any, sumber: str) -> int:
    """Write ``nilai`` all or nothing and return the number of values changed (value and
    note counted apart): the one write path of an indicator's realisasi.

    * Lock: the report row of every triwulan written is locked for update first
      (``workflow.lock_pelaporan``); a triwulan submitted or verified raises
      ``TriwulanTerkunci``. The year's realisasi (triwulan 0) has no report row.
    * Version: a value whose ``versi`` is not the one of the row read, or whose row changed
      between the read and the write (``UPDATE … WHERE versi = old``, ``versi + 1``; or a row
      created meanwhile), raises ``StaleRealisasi`` naming it.
    * History: every change is recorded with ``record_change`` on the ``Realisasi`` itself.
    """
    stale = [n for n in nilai if n.versi != (n.lama.versi if n.lama else 0)]
    if stale:
        raise StaleRealisasi(stale)
    changed = 0
    lost: list[NilaiRealisasi] = []
    try:
        with transaction.atomic():
            naikkan_opd(opd)  # the revision of its documents
            for tw in sorted({n.triwulan for n in nilai if n.triwulan}):
                pelaporan = lock_pelaporan(opd, tahun, tw)
                if pelaporan.locked:
                    raise TriwulanTerkunci(pelaporan)
            for n in nilai:
                written = _write_one(tahun, n)
                if written is None:
                    lost.append(n)
                    raise IntegrityError("stale versi")
                changed += _record(opd, written, n.lama, n, sumber, user)
    except IntegrityError:
        # Saved or created by someone else between the read and our write: all rolled back.
        raise StaleRealisasi(lost or nilai) from None
    return changed


def _write_one(tahun: int, n: NilaiRealisasi) -> Realisasi | None:
    """Write one value; the row as written (or as it was, when deleted), None when the
    version changed meanwhile."""
    satuan = {"satuan": n.satuan} if n.satuan is not None else {}
    if n.lama is None:
        if n.nilai is None and not n.catatan:
            return Realisasi(indikator_id=n.indikator_id, tahun=tahun, triwulan=n.triwulan)
        return Realisasi.objects.create(indikator_id=n.indikator_id, tahun=tahun,
                                        triwulan=n.triwulan, teks=n.teks, nilai=n.nilai,
                                        catatan=n.catatan, versi=1, **satuan)
    kept = Realisasi.objects.filter(pk=n.lama.pk, versi=n.versi)
    if n.nilai is None and not n.catatan:
        written = kept.delete()[1].get(Realisasi._meta.label, 0)
    else:
        written = kept.update(teks=n.teks, nilai=n.nilai, catatan=n.catatan,
                              versi=F("versi") + 1, updated_at=timezone.now(), **satuan)
    return n.lama.model(n.indikator_id, tahun, n.triwulan) if written else None


def save_realisasi_grid(opd: PerangkatDaerah, tahun: int, triwulan: int, cells: list,
                        *, user: Any, lewat: str = "") -> int:
    """Write the changed cells of a checked grid (``results.forms.read_grid``, no errors)
    through ``write_realisasi``; return the number of values (realisasi, note) changed.

    Every submitted line names the ``versi`` it was built from (0 when no realisasi existed);
    when any stored version differs, or a line is written by someone else before this save
    ends, nothing is written and KonflikVersi names the lines. An emptied line (no value, no
    note) deletes its realisasi. A triwulan submitted or verified after the caller read its
    status raises TriwulanTerkunci and nothing is written. ``lewat`` is added to the
    history's source (the API names its token there).
    """
    stale = [c.row for c in cells if c.versi != c.row.versi]
    if stale:
        raise KonflikVersi(_konflik(stale, tahun, triwulan))
    changed = [c for c in cells if c.changed]
    rows = {c.row.indikator.pk: c.row for c in changed}
    try:
        return write_realisasi(opd, tahun, [
            NilaiRealisasi(c.row.indikator.pk, triwulan, c.row.realisasi, c.versi, c.teks,
                           c.nilai, c.catatan) for c in changed],
            user=user, sumber=f"Isian realisasi TW {TRIWULAN_ROMAWI[triwulan]} {tahun}{lewat}")
    except StaleRealisasi as e:
        raise KonflikVersi(_konflik([rows[n.indikator_id] for n in e.nilai],
                                    tahun, triwulan)) from None


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
