"""Writing targets: the one path every way in takes (the indicator page's Renja targets, the
Excel import's Renja and Renstra targets, the signing of a PK through ``write_pk_targets``).
All or nothing, refused when a signed PK locks the year, when another person saved since the
page or workbook was read, or when a Renja target that had a value is changed without a
reason; every change recorded in the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce

from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import record_change
from akuntabel.core.rencana import cek_tahun
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, PerjanjianKinerja, Renstra, Target
from akuntabel.plans.services import INDIKATOR_RENSTRA, targets_locked
from akuntabel.revisi.services import naikkan_opd


class TargetTerkunci(Exception):
    """The year's targets are locked by a signed Perjanjian Kinerja (the year: ``args[0]``)."""


class AlasanWajib(Exception):
    """A target that had a value is changed without a reason."""


class TahunDiLuarPeriode(Exception):
    """A target's year is outside the period of its indicator's Renstra
    (``core.rencana.cek_tahun``): ``tahun`` and the message in Indonesian."""

    def __init__(self, tahun: int, alasan: str) -> None:
        super().__init__(alasan)
        self.tahun = tahun


@dataclass
class TargetBasi(Exception):
    """Another save changed a target after the page was read (optimistic concurrency)."""

    triwulan: int
    oleh: str          # who saved it, "" when not recorded
    pada: datetime | None
    nilai: NilaiTarget | None = None   # the value refused


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


@dataclass(frozen=True)
class NilaiTarget:
    """One target to write, as a way in read it: the row it read (``lama``, None when there
    was none) and the version its page or workbook was made from (``versi``, 0: no row).
    ``nilai`` None with a ``teks`` is a qualitative target ("WTP"); both empty clear it."""

    indikator: Indikator
    jenis: str
    tahun: int
    triwulan: int
    lama: Target | None
    versi: int
    teks: str
    nilai: Decimal | None
    nilai_atas: Decimal | None = None   # the upper bound of a range target ("60–85 %")


def _locked_by_pk(n: NilaiTarget) -> bool:
    """A signed PK locks the year's Renja and PK targets, not the Renstra's."""
    return n.jenis != Target.Jenis.RENSTRA


def _needs_reason(n: NilaiTarget) -> bool:
    return (n.jenis == Target.Jenis.RENJA and n.lama is not None and n.lama.nilai is not None
            and n.lama.nilai != n.nilai)


def needs_reason(values: list[NilaiTarget]) -> bool:
    """Whether writing ``values`` needs a reason: a Renja target that had a value changes."""
    return any(_needs_reason(n) for n in values)


def write_targets(opd: PerangkatDaerah, values: list[NilaiTarget], *, oleh: Any, alasan: str,
                  sumber: str) -> int:
    """Write ``values`` all or nothing and return how many targets changed: the one write
    path of a target (the indicator page, the Excel import).

    Raises, and then writes nothing: ``TahunDiLuarPeriode`` when a year lies outside the
    indicator's Renstra, ``TargetTerkunci`` when a signed PK locks a year written
    (``plans.services.targets_locked``), ``AlasanWajib`` when a Renja target that had a value
    is changed without a reason, ``TargetBasi`` when a target changed since it was read (the
    version differs, or the conditional ``UPDATE … WHERE versi = old`` finds it changed, or
    a row was created meanwhile). Every change is recorded on the ``Target`` itself."""
    _check_years(values)
    for tahun in sorted({n.tahun for n in values if _locked_by_pk(n)}):
        if targets_locked(opd, tahun):
            raise TargetTerkunci(tahun)
    return _write(opd, values, oleh=oleh, alasan=alasan, sumber=sumber)


def write_pk_targets(pk: PerjanjianKinerja, *, oleh: Any, sumber: str, alasan: str = "") -> int:
    """Write the targets of ``pk``, being signed, as the year's Target rows of kind ``pk``
    (``pk_perubahan`` for a perubahan) and return how many changed: the same year checks,
    versions and history as ``write_targets``. The one way past the lock a signed PK puts on
    its year (signing sets the status first, in the same transaction): only the rows of this
    PK, built here from its own rows, never values a caller passes. ``ValueError`` when the
    PK is not signed. A row written as text, with no indicator of the plan, has no target."""
    if pk.status != PerjanjianKinerja.Status.DITANDATANGANI:
        raise ValueError(f"PK {pk.pk} is not signed; its targets are written by signing it")
    jenis = (Target.Jenis.PK_PERUBAHAN if pk.jenis == PerjanjianKinerja.Jenis.PERUBAHAN
             else Target.Jenis.PK)
    baris = list(pk.baris.filter(indikator__isnull=False).select_related("indikator")
                 .order_by("urutan", "pk"))
    ada = {t.indikator_id: t for t in Target.objects.select_for_update().filter(
        indikator__in=[b.indikator_id for b in baris], jenis=jenis, tahun=pk.tahun,
        triwulan=TAHUNAN)}
    values = [NilaiTarget(b.indikator, jenis, pk.tahun, TAHUNAN, lama,
                          lama.versi if lama else 0, b.target_teks, b.target, b.target_atas)
              for b in baris for lama in [ada.get(b.indikator_id)]]
    _check_years(values)
    return _write(pk.perangkat_daerah, values, oleh=oleh, alasan=alasan, sumber=sumber)


def _write(opd: PerangkatDaerah, values: list[NilaiTarget], *, oleh: Any, alasan: str,
           sumber: str) -> int:
    """``write_targets`` past the lock: the versions, the reason, all or nothing, the
    history."""
    for n in values:
        if (n.lama.versi if n.lama else 0) != n.versi:
            _stale(n)
    if not alasan.strip() and needs_reason(values):
        raise AlasanWajib
    changed = 0
    try:
        with transaction.atomic():
            naikkan_opd(opd)  # the revision of its documents
            for n in values:
                written = _write_one(n)
                if written is None:
                    _stale(n)
                if written is False:
                    continue
                changed += 1
                _record(opd, written, n, sumber=sumber, oleh=oleh, alasan=alasan)
    except IntegrityError:  # created by someone else meanwhile
        _stale(values[0])
    return changed


# The Renstra's first and last years, the year its version is in force from and its id,
# reached from each kind of node an indicator hangs on.
_PERIODE = {name: Coalesce(*(F(f"{path}__{field}") for path in INDIKATOR_RENSTRA))
            for name, field in (("awal", "tahun_awal"), ("akhir", "tahun_akhir"),
                                ("berlaku", "berlaku_mulai"), ("renstra", "id"))}
_DIUBAH = Exists(Renstra.objects.filter(versi_dari=OuterRef("renstra")))


def _check_years(values: list[NilaiTarget]) -> None:
    """Every target's year lies within its indicator's Renstra (one query) and is measured
    against that version of it: a year a Renstra perubahan is in force for takes its targets
    on the newer version (one more query per version changed, only then)."""
    periode = {pk: (awal, akhir, berlaku, renstra if diubah else None)
               for pk, awal, akhir, berlaku, renstra, diubah in Indikator.objects.filter(
                   pk__in={n.indikator.pk for n in values}).annotate(**_PERIODE)
               .annotate(diubah=_DIUBAH)
               .values_list("pk", "awal", "akhir", "berlaku", "renstra", "diubah")}
    newer: dict[int, list[int]] = {}
    for n in values:
        awal, akhir, berlaku, diubah = periode.get(n.indikator.pk, (None, None, None, None))
        if awal is None:
            continue
        if alasan := cek_tahun(n.tahun, awal, akhir):
            raise TahunDiLuarPeriode(n.tahun, alasan)
        if diubah is None:
            continue
        if diubah not in newer:
            newer[diubah] = list(Renstra.objects.filter(
                perangkat_daerah=n.indikator.perangkat_daerah_id, tahun_awal=awal,
                berlaku_mulai__gt=berlaku).values_list("berlaku_mulai", flat=True))
        if mulai := [b for b in newer[diubah] if b <= n.tahun]:
            raise TahunDiLuarPeriode(n.tahun, (
                f"tahun {n.tahun} diukur dengan Renstra perubahan yang berlaku mulai tahun "
                f"{max(mulai)}; tulis targetnya pada versi terbaru."))


def _stale(n: NilaiTarget) -> None:
    oleh_lain, pada = _last_change(n.lama) if n.lama else ("", None)
    raise TargetBasi(n.triwulan, oleh_lain, pada, n)


def _write_one(n: NilaiTarget) -> Target | bool | None:
    """Write one target: the row written, False when nothing changed, None when its version
    changed meanwhile."""
    if n.lama is None:
        if n.nilai is None and not n.teks:
            return False
        return Target.objects.create(indikator=n.indikator, jenis=n.jenis, tahun=n.tahun,
                                     triwulan=n.triwulan, teks=n.teks, nilai=n.nilai,
                                     nilai_atas=n.nilai_atas, satuan=n.indikator.satuan)
    if (n.lama.nilai == n.nilai and n.lama.nilai_atas == n.nilai_atas
            and (n.nilai is not None or n.lama.teks == n.teks)):
        return False
    if not Target.objects.filter(pk=n.lama.pk, versi=n.versi).update(
            teks=n.teks, nilai=n.nilai, nilai_atas=n.nilai_atas, versi=F("versi") + 1):
        return None
    return n.lama


def _record(opd: PerangkatDaerah, row: Target, n: NilaiTarget, **how: Any) -> None:
    if n.lama is None:
        record_change(opd, row, "nilai", "", _polos(n.nilai) if n.nilai is not None else n.teks,
                      **how)
        record_change(opd, row, "nilai_atas", "", _polos(n.nilai_atas), **how)
        return
    record_change(opd, row, "teks", n.lama.teks, n.teks, **how)
    record_change(opd, row, "nilai", _polos(n.lama.nilai), _polos(n.nilai), **how)
    record_change(opd, row, "nilai_atas", _polos(n.lama.nilai_atas), _polos(n.nilai_atas),
                  **how)


def save_renja_targets(indikator: Indikator, tahun: int,
                       values: dict[int, tuple[str, Decimal | None, Decimal | None] | None],
                       versi: dict[int, int], *, oleh: AbstractBaseUser, alasan: str,
                       sumber: str) -> int:
    """Write the Renja targets of ``tahun`` (``values`` by triwulan; None clears a target)
    through ``write_targets`` and return how many changed. ``versi`` holds, per triwulan, the
    version the user read (0: no row)."""
    rows = renja_rows(indikator, tahun)
    return write_targets(indikator.perangkat_daerah, [
        NilaiTarget(indikator, Target.Jenis.RENJA, tahun, tw, rows.get(tw), versi.get(tw, 0),
                    *(value if value is not None else ("", None, None)))
        for tw, value in values.items()], oleh=oleh, alasan=alasan, sumber=sumber)
