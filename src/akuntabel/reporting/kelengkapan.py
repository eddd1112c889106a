"""Completeness of an OPD's quarterly realisasi: how many of the indicators expected for a
triwulan have a value. Read by the pemda overview (``web``) and the verifikator's inbox
(``reporting.kotak_masuk``); a fixed number of queries whatever the number of OPD."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q

from akuntabel.core.capaian import compute_persentase
from akuntabel.core.jadwal import TRIWULAN
from akuntabel.plans.models import Indikator, Target
from akuntabel.results.grid import indikator_for_year_where


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
    # The indicators the year's grid lists (results.grid, of the Renstra version the year is
    # measured against: a Renstra perubahan keeps the older version's targets of the later
    # years, not measured any more) that have a target for it. Each OPD's Renstra in force is
    # read once, not looked up again for every indicator; the quarters' realisasi are joined
    # (one per indicator and quarter) and counted with them.
    terisi = Q(realisasi__tahun=tahun, realisasi__triwulan__in=TRIWULAN) & (
        Q(realisasi__nilai__isnull=False) | ~Q(realisasi__teks=""))
    per_tw = {f"tw{tw}": Count("terisi", filter=Q(terisi__triwulan=tw)) for tw in TRIWULAN}
    counts = {opd: row for opd, *row in Indikator.objects.filter(
        indikator_for_year_where(tahun, opd_pks),
        Exists(Target.objects.filter(indikator=OuterRef("pk"), tahun=tahun)))
        .annotate(terisi=FilteredRelation("realisasi", condition=terisi))
        .order_by().values("perangkat_daerah")
        .annotate(n=Count("pk", distinct=True), **per_tw)
        .values_list("perangkat_daerah", "n", *per_tw)}
    kosong = [0] * (1 + len(TRIWULAN))
    return {(opd, tw): Kelengkapan(counts.get(opd, kosong)[i], counts.get(opd, kosong)[0])
            for opd in opd_pks for i, tw in enumerate(TRIWULAN, 1)}
