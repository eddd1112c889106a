"""Figures of many perangkat daerah at once, for the OPD dashboard and the pemda overview:
IKU capaian, completeness of quarterly realisasi and report status. Each function uses a fixed
number of queries whatever the number of OPD and indicators; the arithmetic is ``core``'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from akuntabel.core.peringkat import Skala
from akuntabel.plans.models import Indikator
from akuntabel.plans.services import indikator_in_force
from akuntabel.reporting.kelengkapan import Kelengkapan, kelengkapan  # noqa: F401 (pages read them here)
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.capaian import CapaianIndikator, compute_capaian_many
from akuntabel.results.proyeksi import peringatan_per_opd


def capaian_iku(opd_pks: Iterable[int], tahun: int,
                skala: Skala) -> dict[int, list[CapaianIndikator]]:
    """The IKU of each OPD with their capaian (``results.capaian.compute_capaian_many``), by
    OPD pk, each OPD's in their order; six queries for any number of OPD.

    Of an indicator only what the capaian and the pages showing it read is loaded (its
    description); other fields load on access."""
    opd_pks = list(opd_pks)
    indikator = list(Indikator.objects.filter(indikator_in_force(tahun),
                                              perangkat_daerah__in=opd_pks, iku=True)
                     .order_by("urutan", "pk")   # not the model's: it joins the OPD and pemda
                     .only("perangkat_daerah_id", "uraian", "polaritas", "metode_turun", "agregasi",
                           "urutan", "satuan"))
    capaian = compute_capaian_many(indikator, tahun, skala, where={
        "indikator__perangkat_daerah__in": opd_pks, "indikator__iku": True})
    hasil: dict[int, list[CapaianIndikator]] = {pk: [] for pk in opd_pks}
    for ind in indikator:
        hasil[ind.perangkat_daerah_id].append(capaian[ind.pk, tahun])
    return hasil


def status_pelaporan(opd_pks: Iterable[int], tahun: int) -> dict[int, dict[int, str]]:
    """By OPD pk, the report status of each triwulan that has a row (no row is draft). One
    query."""
    hasil: dict[int, dict[int, str]] = {pk: {} for pk in opd_pks}
    for opd, tw, status in PelaporanTriwulan.objects.filter(
            perangkat_daerah__in=list(hasil), tahun=tahun).values_list(
            "perangkat_daerah", "triwulan", "status"):
        hasil[opd][tw] = status
    return hasil


def peringatan_dini(opd_pks: Iterable[int], tahun: int, triwulan: int,
                    skala: Skala) -> dict[int, int]:
    """By OPD pk, how many of its IKU are projected at ``triwulan`` to end ``tahun`` below
    Sedang (``results.proyeksi.peringatan_per_opd``); a fixed number of queries. Every
    indicator is listed on the OPD's early warning page."""
    return {pk: len(rows) for pk, rows in
            peringatan_per_opd(opd_pks, tahun, triwulan, skala, iku_saja=True).items()}
