"""Figures of many perangkat daerah at once, for the OPD dashboard and the pemda overview:
IKU capaian, completeness of quarterly realisasi and report status. Each function uses a fixed
number of queries whatever the number of OPD and indicators; the arithmetic is ``core``'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from akuntabel.core.capaian import MetodeTurun, Polaritas, compute_capaian, compute_persentase
from akuntabel.core.jadwal import TRIWULAN
from akuntabel.core.peringkat import Skala
from akuntabel.plans.models import TAHUNAN, Indikator, Target
from akuntabel.results.models import KomponenPerhitungan, PelaporanTriwulan, Perhitungan, Realisasi
from akuntabel.results.services import (
    TARGET_ORDER,
    CapaianIndikator,
    RealisasiIndikator,
)


def capaian_iku(opd_pks: Iterable[int], tahun: int,
                skala: Skala) -> dict[int, list[CapaianIndikator]]:
    """The IKU of each OPD with their capaian, by OPD pk: the same figures as
    ``results.services.compute_capaian_indikator`` (realisasi from its components where
    there are some, against the target in force), in five queries for any number of OPD."""
    opd_pks = list(opd_pks)
    indikator = list(Indikator.objects.filter(perangkat_daerah__in=opd_pks, iku=True))
    ids = [i.pk for i in indikator]
    targets = {(t.indikator_id, t.jenis): t for t in Target.objects.filter(
        indikator__in=ids, tahun=tahun, triwulan=TAHUNAN)}
    entered = {r.indikator_id: r for r in Realisasi.objects.filter(
        indikator__in=ids, tahun=tahun, triwulan=TAHUNAN)}
    perhitungan = {p.indikator_id: p for p in Perhitungan.objects.filter(
        indikator__in=ids, tahun=tahun)}
    komponen: dict[int, list[Decimal | None]] = defaultdict(list)
    for perhitungan_id, nilai in KomponenPerhitungan.objects.filter(
            perhitungan__in=[p.pk for p in perhitungan.values()],
            induk__isnull=True).values_list("perhitungan_id", "nilai"):
        komponen[perhitungan_id].append(nilai)

    hasil: dict[int, list[CapaianIndikator]] = {pk: [] for pk in opd_pks}
    for ind in indikator:
        realisasi = _realisasi(entered.get(ind.pk), perhitungan.get(ind.pk), komponen)
        target = next((targets[(ind.pk, j)] for j in TARGET_ORDER if (ind.pk, j) in targets),
                      None)
        polaritas = Polaritas(ind.polaritas)
        capaian = dilaporkan = None
        if target is not None and polaritas in (Polaritas.NAIK, Polaritas.TURUN):
            metode = MetodeTurun(ind.metode_turun)
            capaian = compute_capaian(target.nilai, realisasi.nilai, polaritas, metode)
            dilaporkan = compute_capaian(target.nilai, realisasi.dilaporkan, polaritas, metode)
        hasil[ind.perangkat_daerah_id].append(CapaianIndikator(
            indikator=ind, tahun=tahun,
            target=target.nilai if target else None, target_teks=target.teks if target else "",
            jenis_target=target.jenis if target else "", realisasi=realisasi, capaian=capaian,
            capaian_dilaporkan=dilaporkan, peringkat=skala.peringkat(capaian)))
    return hasil


def _realisasi(entered: Realisasi | None, perhitungan: Perhitungan | None,
               komponen: dict[int, list[Decimal | None]]) -> RealisasiIndikator:
    """As ``results.services.compute_realisasi``, from rows already read."""
    dilaporkan = entered.nilai if entered else None
    teks = entered.teks if entered else ""
    if perhitungan is not None:
        values = komponen.get(perhitungan.pk, [])
        pembilang = (sum(values, Decimal(0))  # type: ignore[arg-type]
                     if values and all(v is not None for v in values) else None)
        nilai = compute_persentase(pembilang, perhitungan.penyebut)
        if nilai is not None:
            return RealisasiIndikator(nilai, "komponen", dilaporkan, teks, pembilang,
                                      perhitungan.penyebut)
    if dilaporkan is not None:
        return RealisasiIndikator(dilaporkan, "input", dilaporkan, teks)
    return RealisasiIndikator(None, "tidak_ada", None, teks)


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
