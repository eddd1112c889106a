"""Figures of many perangkat daerah at once, for the OPD dashboard and the pemda overview:
IKU capaian, completeness of quarterly realisasi and report status. Each function uses a fixed
number of queries whatever the number of OPD and indicators; the arithmetic is ``core``'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from akuntabel.core.capaian import compute_persentase
from akuntabel.core.jadwal import TRIWULAN
from akuntabel.core.peringkat import Skala
from akuntabel.plans.models import Indikator, Target
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.capaian import CapaianIndikator, compute_capaian_many
from akuntabel.results.models import Realisasi


def capaian_iku(opd_pks: Iterable[int], tahun: int,
                skala: Skala) -> dict[int, list[CapaianIndikator]]:
    """The IKU of each OPD with their capaian (``results.capaian.compute_capaian_many``), by
    OPD pk, each OPD's in their order; six queries for any number of OPD.

    Of an indicator only what the capaian and the pages showing it read is loaded (its
    description); other fields load on access."""
    opd_pks = list(opd_pks)
    indikator = list(Indikator.objects.filter(perangkat_daerah__in=opd_pks, iku=True)
                     .order_by("urutan", "pk")   # not the model's: it joins the OPD and pemda
                     .only("perangkat_daerah_id", "uraian", "polaritas", "metode_turun", "agregasi",
                           "urutan", "satuan"))
    capaian = compute_capaian_many(indikator, tahun, skala, where={
        "indikator__perangkat_daerah__in": opd_pks, "indikator__iku": True})
    hasil: dict[int, list[CapaianIndikator]] = {pk: [] for pk in opd_pks}
    for ind in indikator:
        hasil[ind.perangkat_daerah_id].append(capaian[ind.pk, tahun])
    return hasil


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
    punya_target = Exists(Target.objects.filter(indikator=OuterRef("pk"), tahun=tahun))
    diharapkan = dict(Indikator.objects.filter(perangkat_daerah__in=opd_pks)
                      .filter(punya_target).values("perangkat_daerah")
                      .annotate(n=Count("pk")).values_list("perangkat_daerah", "n"))
    terisi = {
        (opd, tw): n for opd, tw, n in Realisasi.objects.filter(
            indikator__perangkat_daerah__in=opd_pks, tahun=tahun, triwulan__in=TRIWULAN,
            indikator__in=Indikator.objects.filter(punya_target))
        .filter(Q(nilai__isnull=False) | ~Q(teks=""))
        .values("indikator__perangkat_daerah", "triwulan")
        .annotate(n=Count("indikator", distinct=True))
        .values_list("indikator__perangkat_daerah", "triwulan", "n")
    }
    return {(opd, tw): Kelengkapan(terisi.get((opd, tw), 0), diharapkan.get(opd, 0))
            for opd in opd_pks for tw in TRIWULAN}


def status_pelaporan(opd_pks: Iterable[int], tahun: int) -> dict[int, dict[int, str]]:
    """By OPD pk, the report status of each triwulan that has a row (no row is draft). One
    query."""
    hasil: dict[int, dict[int, str]] = {pk: {} for pk in opd_pks}
    for opd, tw, status in PelaporanTriwulan.objects.filter(
            perangkat_daerah__in=list(hasil), tahun=tahun).values_list(
            "perangkat_daerah", "triwulan", "status"):
        hasil[opd][tw] = status
    return hasil
