"""Changing an indicator's Renja targets of a year (the annual one and the triwulan ones): all
or nothing, refused when a signed PK locks the year or when another person saved since the
page was read, every change recorded in the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import record_change
from akuntabel.plans.models import Indikator, Target
from akuntabel.plans.services import targets_locked


class TargetTerkunci(Exception):
    """The year's targets are locked by a signed Perjanjian Kinerja."""


class AlasanWajib(Exception):
    """A target that had a value is changed without a reason."""


@dataclass
class TargetBasi(Exception):
    """Another save changed a target after the page was read (optimistic concurrency)."""

    triwulan: int
    oleh: str          # who saved it, "" when not recorded
    pada: datetime | None


def _polos(nilai: Decimal | None) -> str:
    """A stored measure as plain text for the history: 97.7000 -> "97.7", 9205.0000 -> "9205"."""
    if nilai is None:
        return ""
    teks = f"{nilai:f}"
    return teks.rstrip("0").rstrip(".") if "." in teks else teks


def renja_rows(indikator: Indikator, tahun: int) -> dict[int, Target]:
    """The indicator's Renja targets of ``tahun`` by triwulan (0 = the whole year)."""
    return {t.triwulan: t for t in Target.objects.filter(
        indikator=indikator, jenis=Target.Jenis.RENJA, tahun=tahun)}


def _last_change(row: Target) -> tuple[str, datetime | None]:
    change = (Perubahan.objects.filter(model="Target", objek_id=row.pk)
              .select_related("oleh").first())
    if change is None:
        return "", None
    oleh = change.oleh.get_full_name() or change.oleh.username if change.oleh else ""
    return oleh, change.created_at


@transaction.atomic
def save_renja_targets(indikator: Indikator, tahun: int,
                       values: dict[int, tuple[str, Decimal] | None],
                       versi: dict[int, int], *, oleh: AbstractBaseUser, alasan: str,
                       sumber: str) -> int:
    """Write the Renja targets of ``tahun`` (``values`` by triwulan; None clears a target) and
    return how many changed. ``versi`` holds, per triwulan, the version the user read (0: no
    row). Raises ``TargetTerkunci``, ``TargetBasi`` or ``AlasanWajib`` (a value that existed is
    changed without a reason) and then writes nothing."""
    opd = indikator.perangkat_daerah
    if targets_locked(opd, tahun):
        raise TargetTerkunci
    rows = {t.triwulan: t for t in Target.objects.select_for_update().filter(
        indikator=indikator, jenis=Target.Jenis.RENJA, tahun=tahun)}
    for tw in values:
        row = rows.get(tw)
        if (row.versi if row else 0) != versi.get(tw, 0):
            oleh_lain, pada = _last_change(row) if row else ("", None)
            raise TargetBasi(tw, oleh_lain, pada)
        if (not alasan.strip() and row is not None and row.nilai is not None
                and row.nilai != (values[tw] or ("", None))[1]):
            raise AlasanWajib
    changed = 0
    for tw, value in values.items():
        row = rows.get(tw)
        teks, nilai = value if value is not None else ("", None)
        if row is None:
            if value is None:
                continue
            row = Target.objects.create(indikator=indikator, jenis=Target.Jenis.RENJA,
                                        tahun=tahun, triwulan=tw, teks=teks, nilai=nilai,
                                        satuan=indikator.satuan)
            record_change(opd, row, "nilai", "", _polos(nilai), sumber=sumber, oleh=oleh,
                          alasan=alasan)
            changed += 1
            continue
        if row.nilai == nilai:
            continue
        record_change(opd, row, "teks", row.teks, teks, sumber=sumber, oleh=oleh, alasan=alasan)
        record_change(opd, row, "nilai", _polos(row.nilai), _polos(nilai), sumber=sumber,
                      oleh=oleh, alasan=alasan)
        row.teks, row.nilai, row.versi = teks, nilai, row.versi + 1
        row.save(update_fields=["teks", "nilai", "versi"])
        changed += 1
    return changed
