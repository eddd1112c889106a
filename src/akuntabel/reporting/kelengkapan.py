"""Completeness of an OPD's quarterly realisasi: how many of the indicators expected for a
triwulan have a value. Read by the pemda overview (``web``) and the verifikator's inbox
(``reporting.kotak_masuk``); a fixed number of queries whatever the number of OPD."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from akuntabel.core.capaian import compute_persentase
from akuntabel.core.jadwal import TRIWULAN
from akuntabel.plans.models import Indikator, Target
from akuntabel.plans.services import indikator_in_force
from akuntabel.results.models import Realisasi


@dataclass(frozen=True)
class Kelengkapan:
    """How many of the indicators expected for a triwulan have a realisasi for it."""

    terisi: int
    diharapkan: int

    @property
    def persen(self) -> Decimal | None:
        return compute_persentase(Decimal(self.terisi), Decimal(self.diharapkan))

    @property
    def lengkap(self) -> bool:
        return self.diharapkan > 0 and self.terisi >= self.diharapkan


def kelengkapan(opd_pks: Iterable[int], tahun: int) -> dict[tuple[int, int], Kelengkapan]:
    """By (OPD pk, triwulan): the indicators with a realisasi (a value or a text) for that
    triwulan, out of the indicators expected, i.e. those with a target for ``tahun``. Two
    queries."""
    opd_pks = list(opd_pks)
    # Of the Renstra version the year is measured against (a Renstra perubahan keeps the
    # older version's targets of the later years, not measured any more).
    punya_target = (Q(Exists(Target.objects.filter(indikator=OuterRef("pk"), tahun=tahun)))
                    & indikator_in_force(tahun))
    diharapkan = dict(Indikator.objects.filter(perangkat_daerah__in=opd_pks)
                      .filter(punya_target).values("perangkat_daerah")
                      .annotate(n=Count("pk")).values_list("perangkat_daerah", "n"))
    terisi = {
        (opd, tw): n for opd, tw, n in Realisasi.objects.filter(
            indikator__perangkat_daerah__in=opd_pks, tahun=tahun, triwulan__in=TRIWULAN,
            indikator__in=Indikator.objects.filter(punya_target, perangkat_daerah__in=opd_pks))
        .filter(Q(nilai__isnull=False) | ~Q(teks=""))
        .values("indikator__perangkat_daerah", "triwulan")
        .annotate(n=Count("indikator", distinct=True))
        .values_list("indikator__perangkat_daerah", "triwulan", "n")
    }
    return {(opd, tw): Kelengkapan(terisi.get((opd, tw), 0), diharapkan.get(opd, 0))
            for opd in opd_pks for tw in TRIWULAN}
