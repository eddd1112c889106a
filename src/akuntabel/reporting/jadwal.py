"""The deadlines of a pemda's year and who is late: the pemda's own dates
(``BatasDokumen``) over the defaults of ``core.jadwal.batas_baku``, what each OPD has handed
in, and the late list. A fixed number of queries whatever the number of OPD."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from akuntabel.core.jadwal import (
    DOKUMEN,
    AturanBatas,
    Dokumen,
    batas_baku,
    hari_terlambat,
)
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import PerjanjianKinerja
from akuntabel.reporting.models import BatasDokumen, PelaporanTriwulan
from akuntabel.reports.models import LaporanFinal

LABEL = {
    Dokumen.REALISASI_TW1: _("Realisation TW I"),
    Dokumen.REALISASI_TW2: _("Realisation TW II"),
    Dokumen.REALISASI_TW3: _("Realisation TW III"),
    Dokumen.REALISASI_TW4: _("Realisation TW IV"),
    Dokumen.PK: _("Performance agreement (PK)"),
    Dokumen.LKJIP: _("LKjIP"),
}


def aturan_batas() -> AturanBatas:
    """The installation's default rule for the realisasi deadline
    (``settings.AKUNTABEL_BATAS_LAPOR_HARI``)."""
    return AturanBatas(hari=getattr(settings, "AKUNTABEL_BATAS_LAPOR_HARI", 10))


@dataclass(frozen=True)
class Batas:
    """A document's deadline in force for the pemda's year."""

    dokumen: Dokumen
    batas: date
    dasar_hukum: str
    bawaan: bool      # the default (no date set by the pemda)
    baku: date        # the default, shown beside the pemda's own date

    @property
    def label(self) -> str:
        return str(LABEL[self.dokumen])


def batas_pemda(pemda: Pemda | int, tahun: int) -> dict[Dokumen, Batas]:
    """Every document's deadline for the pemda's ``tahun``: the pemda's own where it set one,
    else the default. One query."""
    pemda_pk = pemda.pk if isinstance(pemda, Pemda) else pemda
    own = {b.dokumen: b for b in BatasDokumen.objects.filter(pemda_id=pemda_pk, tahun=tahun)}
    aturan = aturan_batas()
    hasil = {}
    for dokumen in DOKUMEN:
        baku = batas_baku(dokumen, tahun, aturan)
        row = own.get(dokumen.value)
        hasil[dokumen] = (Batas(dokumen, row.batas, row.dasar_hukum, False, baku.batas) if row
                          else Batas(dokumen, baku.batas, baku.dasar_hukum, True, baku.batas))
    return hasil


def batas_triwulan(pemda: Pemda | int, tahun: int) -> dict[int, date]:
    """The realisasi deadline in force of each triwulan of the pemda's ``tahun`` (for the
    calendar status of ``core.jadwal.jadwal_tahun``). One query."""
    return {d.triwulan: b.batas for d, b in batas_pemda(pemda, tahun).items()
            if d.triwulan is not None}


def simpan_batas(pemda: Pemda, tahun: int, nilai: dict[Dokumen, tuple[date | None, str]],
                 user: Any) -> int:
    """Write the pemda's own deadlines: a date sets it (with its legal basis), None goes back
    to the default. All or nothing; returns how many documents changed."""
    changed = 0
    with transaction.atomic():
        own = {b.dokumen: b for b in
               BatasDokumen.objects.select_for_update().filter(pemda=pemda, tahun=tahun)}
        for dokumen, (batas, dasar) in nilai.items():
            row = own.get(dokumen.value)
            if batas is None:
                if row is not None:
                    row.delete()
                    changed += 1
                continue
            if row is not None and (row.batas, row.dasar_hukum) == (batas, dasar):
                continue
            BatasDokumen.objects.update_or_create(
                pemda=pemda, tahun=tahun, dokumen=dokumen.value,
                defaults={"batas": batas, "dasar_hukum": dasar,
                          "diubah_oleh": user if user.is_authenticated else None})
            changed += 1
    return changed


def diserahkan(opd_pks: list[int], tahun: int) -> set[tuple[int, Dokumen]]:
    """(OPD pk, document) of what each OPD has handed in for ``tahun``: a realisasi triwulan
    submitted or verified (a returned one is not: it waits for the OPD again), the kepala's PK
    submitted or signed, an LKjIP made final. Three queries."""
    hasil: set[tuple[int, Dokumen]] = set()
    for opd, tw in PelaporanTriwulan.objects.filter(
            perangkat_daerah__in=opd_pks, tahun=tahun,
            status__in=[PelaporanTriwulan.Status.DIAJUKAN,
                        PelaporanTriwulan.Status.DIVERIFIKASI]
    ).order_by().values_list("perangkat_daerah", "triwulan"):
        hasil.add((opd, Dokumen(f"realisasi-{tw}")))
    for opd in PerjanjianKinerja.objects.filter(
            perangkat_daerah__in=opd_pks, tahun=tahun, jenis=PerjanjianKinerja.Jenis.INDUK,
            tingkat=PerjanjianKinerja.Tingkat.KEPALA,
            status__in=[PerjanjianKinerja.Status.DIAJUKAN,
                        PerjanjianKinerja.Status.DITANDATANGANI]
    ).order_by().values_list("perangkat_daerah", flat=True):
        hasil.add((opd, Dokumen.PK))
    for opd in LaporanFinal.objects.filter(perangkat_daerah__in=opd_pks, tahun=tahun,
                                           dokumen="lakip").order_by().values_list(
            "perangkat_daerah", flat=True):
        hasil.add((opd, Dokumen.LKJIP))
    return hasil


@dataclass(frozen=True)
class Terlambat:
    """A document of an OPD past its deadline and not handed in."""

    opd: PerangkatDaerah
    batas: Batas
    hari: int

    @property
    def dokumen(self) -> Dokumen:
        return self.batas.dokumen


def daftar_terlambat(pemda: Pemda, tahun: int, today: date) -> list[Terlambat]:
    """Every OPD and document of the pemda's ``tahun`` past due on ``today`` and not handed
    in, the longest overdue first (then by OPD name). Five queries."""
    batas = batas_pemda(pemda, tahun)
    opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama", "pk"))
    sudah = diserahkan([o.pk for o in opds], tahun)
    hasil = [Terlambat(o, b, hari_terlambat(b.batas, today))
             for o in opds for b in batas.values()
             if b.batas < today and (o.pk, b.dokumen) not in sudah]
    hasil.sort(key=lambda t: (-t.hari, t.opd.nama, DOKUMEN.index(t.dokumen)))
    return hasil
