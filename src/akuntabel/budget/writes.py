"""Writing the budget: the realisasi of a triwulan (the budget grid) and the annual DPA
amounts (the Excel workbook), one path per kind of value. Each owns its lock and version
check and records every change on the row itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from akuntabel.audit.services import record_change
from akuntabel.budget.models import DpaLine, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.budget.services import BarisRealisasiAnggaran
from akuntabel.core.angka import format_angka, format_rupiah
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.results.services import TRIWULAN_ROMAWI
from akuntabel.results.workflow import lock_pelaporan
from akuntabel.results.writes import KonflikVersi, TriwulanTerkunci


@dataclass
class IsianAnggaran:
    """What the user submitted for one sub kegiatan: the text as typed, the amount read from
    it (None when empty) and the version the page was built from."""

    baris: BarisRealisasiAnggaran
    teks: str
    nilai: Decimal | None
    versi: int
    error: str = ""

    @property
    def changed(self) -> bool:
        return self.nilai != self.baris.nilai


@dataclass(frozen=True)
class KonflikAnggaran:
    """A line someone else saved (or removed) after the user's page was built."""

    baris: BarisRealisasiAnggaran
    sekarang: RealisasiAnggaranTriwulan | None
    oleh: str
    pada: datetime | None


def _konflik_anggaran(baris: list[BarisRealisasiAnggaran],
                      triwulan: int) -> list[KonflikAnggaran]:
    now = {r.dpa_sub_kegiatan_id: r for r in RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__in=[b.anggaran for b in baris], triwulan=triwulan)
        .select_related("diubah_oleh")}
    hasil = []
    for b in baris:
        r = now.get(b.anggaran)  # type: ignore[arg-type]
        user = r.diubah_oleh if r is not None else None
        oleh = (user.get_full_name() or user.username) if user is not None else ""
        hasil.append(KonflikAnggaran(b, r, oleh, r.updated_at if r is not None else None))
    return hasil


def save_realisasi_anggaran(opd: PerangkatDaerah, tahun: int, triwulan: int,
                            isian: list[IsianAnggaran], *, user: Any) -> int:
    """Write the changed cells of a checked budget realisasi grid (no errors) in one
    transaction; return the number of values changed. The same guards as the indicators'
    grid (``results.writes.save_realisasi_grid``):

    * optimistic concurrency: every line names the ``versi`` it was built from (0: no row);
      when a stored version differs, or a conditional write finds it changed meanwhile,
      nothing is written and ``KonflikVersi`` carries ``KonflikAnggaran`` for the lines;
    * the OPD's report of the triwulan is locked for update first
      (``results.workflow.lock_pelaporan``): submitted or verified, it raises
      ``TriwulanTerkunci`` and nothing is written;
    * every change is recorded with ``record_change``; an emptied cell deletes its row.
    """
    stale = [i.baris for i in isian if i.versi != i.baris.versi]
    if stale:
        raise KonflikVersi(_konflik_anggaran(stale, triwulan))  # type: ignore[arg-type]
    changed_isian = [i for i in isian if i.changed]
    sumber = f"Isian realisasi anggaran TW {TRIWULAN_ROMAWI[triwulan]} {tahun}"
    lost: list[BarisRealisasiAnggaran] = []
    changed = 0
    by_pk = {a.pk: a for a in DpaSubKegiatan.objects.filter(
        pk__in=[i.baris.anggaran for i in changed_isian]).select_related("sub_kegiatan")}
    try:
        with transaction.atomic():
            pelaporan = lock_pelaporan(opd, tahun, triwulan)
            if pelaporan.locked:
                raise TriwulanTerkunci(pelaporan)
            for i in changed_isian:
                lama = i.baris.tersimpan
                anggaran = by_pk[i.baris.anggaran]  # type: ignore[index]
                if lama is None:
                    baru = RealisasiAnggaranTriwulan.objects.create(
                        dpa_sub_kegiatan=anggaran, triwulan=triwulan, nilai=i.nilai,
                        versi=1, diubah_oleh=user if user.is_authenticated else None)
                    changed += record_change(opd, baru, "nilai", "", format_rupiah(i.nilai),
                                             sumber=sumber, oleh=user) is not None
                    continue
                kept = RealisasiAnggaranTriwulan.objects.filter(pk=lama.pk, versi=i.versi)
                if i.nilai is None:
                    written = kept.delete()[1].get(RealisasiAnggaranTriwulan._meta.label, 0)
                else:
                    written = kept.update(nilai=i.nilai, versi=F("versi") + 1,
                                          updated_at=timezone.now(),
                                          diubah_oleh=user if user.is_authenticated else None)
                if not written:
                    lost.append(i.baris)
                    raise IntegrityError("stale versi")
                lama.dpa_sub_kegiatan = anggaran
                changed += record_change(opd, lama, "nilai", format_rupiah(lama.nilai),
                                         format_rupiah(i.nilai) if i.nilai is not None else "",
                                         sumber=sumber, oleh=user) is not None
    except IntegrityError:
        # Saved or created by someone else between our check and our write: all rolled back.
        raise KonflikVersi(_konflik_anggaran(  # type: ignore[arg-type]
            lost or [i.baris for i in changed_isian], triwulan)) from None
    return changed



@dataclass(frozen=True)
class NilaiDpa:
    """One annual DPA amount to write (``kolom`` "pagu" or "realisasi" of a sub kegiatan's
    DPA or of a rekening line), with the amount the caller read (``lama``). These rows carry
    no version: the amount read is the check (``UPDATE … WHERE pagu = lama``)."""

    objek: DpaSubKegiatan | DpaLine
    kolom: str
    lama: Decimal | None
    baru: Decimal


class StaleDpa(Exception):
    """Amounts changed by someone else since they were read: nothing was written."""

    def __init__(self, nilai: list[NilaiDpa]):
        super().__init__(f"{len(nilai)} jumlah DPA diubah orang lain")
        self.nilai = nilai


def write_dpa_amounts(opd: PerangkatDaerah, values: list[NilaiDpa], *, user: Any,
                      sumber: str) -> int:
    """Write annual DPA amounts all or nothing and return how many changed: each only when
    the stored amount is still the one read (else ``StaleDpa`` names them), its printed text
    with it, each change recorded on the row itself."""
    stale: list[NilaiDpa] = []
    with transaction.atomic():
        for n in values:
            kept = type(n.objek).objects.filter(
                pk=n.objek.pk,
                **({f"{n.kolom}__isnull": True} if n.lama is None else {n.kolom: n.lama}))
            if not kept.update(**{n.kolom: n.baru, f"{n.kolom}_teks": format_angka(n.baru)}):
                stale.append(n)
        if stale:
            transaction.set_rollback(True)
        else:
            for n in values:
                record_change(opd, n.objek, n.kolom, format_rupiah(n.lama),
                              format_rupiah(n.baru), sumber=sumber, oleh=user)
    if stale:
        raise StaleDpa(stale)
    return len(values)
