"""Early warning of an OPD-year (or of many OPD) at triwulan k: every indicator's year-end
realisasi and capaian projected from the quarters entered so far (``core.proyeksi``), and the
indicators likely to end below Sedang.

The figures are read through the services the grid and the pages use: the annual target in
force and the year's realisasi from ``results.capaian.compute_capaian_many``, the quarterly
targets in force by the grid's order (``results.grid.target_in_force``). A fixed number of
queries whatever the number of indicators and OPD.

For the reminders (notifications): ``peringatan_per_opd(opd_pks, tahun, triwulan, skala)``
returns, by OPD pk, the indicators likely to end below Sedang.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from akuntabel.core.capaian import Polaritas
from akuntabel.core.peringkat import Skala
from akuntabel.core.proyeksi import (
    Akurasi,
    KasusUji,
    MetodeProyeksi,
    Proyeksi,
    ProyeksiCapaian,
    RiwayatTahun,
    kalibrasi_interval,
    proyeksi_capaian,
    proyeksi_realisasi,
    uji_balik,
)
from akuntabel.core.realisasi import TRIWULAN
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, Target
from akuntabel.plans.services import indikator_in_force
from akuntabel.results.capaian import compute_capaian_many
from akuntabel.results.grid import IndikatorBaris, indikator_for_year, target_in_force
from akuntabel.results.models import Realisasi

RIWAYAT_TAHUN = 3
"""The earlier years a projection reads (project convention: a Renstra's recent past)."""
UJI_TAHUN = 2
"""The past years the pages backtest the projection on (project convention)."""


@dataclass(frozen=True)
class ProyeksiIndikator:
    """One indicator's projection as the pages show it."""

    indikator: IndikatorBaris
    perangkat_daerah_id: int
    node_label: str
    target: Decimal | None
    target_teks: str
    hasil: ProyeksiCapaian

    @property
    def proyeksi(self) -> Proyeksi:
        return self.hasil.proyeksi

    @property
    def metode(self) -> str:
        """The method's sentence, or why there is no projection."""
        metode = self.proyeksi.metode
        return metode.uraian if metode is not None else self.hasil.alasan


class _Bacaan:
    """What the projections read of the indicators, years ``dari``..``sampai_tahun``: the
    quarters entered (those of ``sampai_tahun`` up to ``triwulan``), the annual figures
    reported and the quarterly targets in force. Two queries."""

    def __init__(self, where: dict[str, Any], dari: int, sampai_tahun: int, triwulan: int):
        self.quarters: dict[tuple[int, int], dict[int, Decimal | None]] = defaultdict(dict)
        self.tahunan: dict[tuple[int, int], Decimal | None] = {}
        for ind_id, th, tw, nilai in (
                Realisasi.objects.filter(tahun__range=(dari, sampai_tahun), **where)
                .order_by().values_list("indikator_id", "tahun", "triwulan", "nilai")):
            if tw == TAHUNAN:
                self.tahunan[ind_id, th] = nilai
            elif th < sampai_tahun or tw <= triwulan:
                self.quarters[ind_id, th][tw] = nilai
        rows: dict[tuple[int, int, int], dict[str, Decimal | None]] = defaultdict(dict)
        for ind_id, th, tw, jenis, nilai in (
                Target.objects.filter(tahun__range=(dari, sampai_tahun),
                                      triwulan__in=TRIWULAN, **where)
                .order_by().values_list("indikator_id", "tahun", "triwulan", "jenis", "nilai")):
            rows[ind_id, th, tw][jenis] = nilai
        self.rencana = {key: target_in_force(v) for key, v in rows.items()}

    def plan(self, ind: int, tahun: int) -> dict[int, Decimal | None]:
        return {tw: self.rencana.get((ind, tahun, tw)) for tw in TRIWULAN}

    def riwayat(self, ind: int, tahun: int) -> list[RiwayatTahun]:
        """The ``RIWAYAT_TAHUN`` years before ``tahun``, oldest first."""
        return [RiwayatTahun(self.quarters.get((ind, th), {}), self.tahunan.get((ind, th)))
                for th in range(tahun - RIWAYAT_TAHUN, tahun)]


@dataclass(frozen=True)
class PeringatanDini:
    """The projections of indicators at a triwulan and, when asked, the backtest of the same
    method on their past years (by aggregation, and ``"semua"`` for all)."""

    baris: list[ProyeksiIndikator]
    akurasi: dict[str, Akurasi]

    @property
    def di_bawah_sedang(self) -> list[ProyeksiIndikator]:
        return di_bawah_sedang(self.baris)


def proyeksi_many(indikator: Sequence[tuple[int, IndikatorBaris, str]], tahun: int,
                  triwulan: int, skala: Skala, where: dict[str, Any], *,
                  uji: bool = False) -> PeringatanDini:
    """The projection at ``triwulan`` of each ``(OPD pk, indicator, node label)``, in the
    order given; ``where`` narrows the rows read as a lookup on the indicator (as
    ``compute_capaian_many``'s). With ``uji`` also the backtest at ``triwulan`` over the
    ``UJI_TAHUN`` years before (``core.proyeksi.uji_balik``), whose errors also widen the
    intervals (``core.proyeksi.kalibrasi_interval``). Eight queries at most."""
    baris = [ind for _opd, ind, _label in indikator]
    tahun_uji = list(range(tahun - UJI_TAHUN, tahun)) if uji and triwulan < 4 else []
    capaian = compute_capaian_many(baris, [*tahun_uji, tahun], skala, where=where)
    dari = (tahun_uji[0] if tahun_uji else tahun) - RIWAYAT_TAHUN
    bacaan = _Bacaan(where, dari, tahun, triwulan)
    kasus: dict[str, list[KasusUji]] = defaultdict(list)
    for _opd, ind, _label in indikator:
        if ind.polaritas == Polaritas.KUALITATIF:
            continue
        for th in tahun_uji:
            kasus[ind.agregasi].append(KasusUji(
                ind.agregasi, bacaan.quarters.get((ind.pk, th), {}),
                bacaan.tahunan.get((ind.pk, th)), bacaan.plan(ind.pk, th),
                capaian[ind.pk, th].target, bacaan.riwayat(ind.pk, th)))
    akurasi = {agregasi: uji_balik(k, triwulan) for agregasi, k in kasus.items()}
    if kasus:
        akurasi["semua"] = uji_balik([k for ks in kasus.values() for k in ks], triwulan)
    # The intervals widened to hold the errors the method made on these past years.
    kalibrasi = {agregasi: kalibrasi_interval(k, triwulan) for agregasi, k in kasus.items()}
    hasil = []
    for opd_pk, ind, label in indikator:
        c = capaian[ind.pk, tahun]
        tahun_ini = bacaan.quarters.get((ind.pk, tahun), {})
        if triwulan == 4 and c.realisasi.nilai is not None:
            # The year is over: its figure by the one rule of the pages and the LKjIP.
            nilai = c.realisasi.nilai
            p = Proyeksi(nilai, nilai, nilai, MetodeProyeksi.TAHUN_LENGKAP,
                         triwulan_terisi=tuple(sorted(tw for tw, v in tahun_ini.items()
                                                      if v is not None)))
        else:
            p = proyeksi_realisasi(ind.agregasi, tahun_ini, triwulan,
                                   rencana=bacaan.plan(ind.pk, tahun), target_tahun=c.target,
                                   riwayat=bacaan.riwayat(ind.pk, tahun),
                                   kalibrasi=kalibrasi.get(ind.agregasi))
        hasil.append(ProyeksiIndikator(
            indikator=ind, perangkat_daerah_id=opd_pk, node_label=label, target=c.target,
            target_teks=c.target_teks,
            hasil=proyeksi_capaian(p, c.target, Polaritas(ind.polaritas), ind.metode_turun,
                                   target_atas=c.target_atas, skala=skala)))
    return PeringatanDini(hasil, akurasi)


def proyeksi_opd(opd: PerangkatDaerah, tahun: int, triwulan: int,
                 skala: Skala) -> PeringatanDini:
    """Every indicator of the OPD's grid of ``tahun`` (``results.grid.indikator_for_year``, in
    its cascade order) with its projection at ``triwulan``, and the backtest of the method on
    the OPD's own past years."""
    indikator = [(opd.pk, ig.indikator, ig.node_label) for ig in indikator_for_year(opd, tahun)]
    return proyeksi_many(indikator, tahun, triwulan, skala,
                         {"indikator__perangkat_daerah": opd}, uji=True)


def di_bawah_sedang(hasil: Iterable[ProyeksiIndikator]) -> list[ProyeksiIndikator]:
    """The indicators whose projected capaian lies below the Sedang band, lowest first."""
    rendah = [h for h in hasil if h.hasil.di_bawah_sedang]
    return sorted(rendah, key=lambda h: h.hasil.capaian or Decimal(0))


def peringatan_per_opd(opd_pks: Iterable[int], tahun: int, triwulan: int, skala: Skala, *,
                       iku_saja: bool = False) -> dict[int, list[ProyeksiIndikator]]:
    """By OPD pk, its indicators (of the Renstra version the year is measured against,
    ``plans.services.indikator_in_force``; only the IKU with ``iku_saja``) likely to end
    ``tahun`` below Sedang, projected at ``triwulan``, lowest capaian first. For the reminders
    (every indicator) and the pemda overview (the IKU: forty OPD of 300 indicators each are
    the OPD pages' to list); a fixed number of queries for any number of OPD."""
    opd_pks = list(opd_pks)
    where: dict[str, Any] = {"indikator__perangkat_daerah__in": opd_pks}
    iku = {"iku": True} if iku_saja else {}
    if iku_saja:
        where["indikator__iku"] = True
    indikator = [
        (values[-1], IndikatorBaris(*values[:-1]), "")
        for values in Indikator.objects.filter(indikator_in_force(tahun),
                                               perangkat_daerah__in=opd_pks, **iku)
        .order_by("urutan", "pk").values_list(*IndikatorBaris._fields, "perangkat_daerah_id")]
    hasil: dict[int, list[ProyeksiIndikator]] = {pk: [] for pk in opd_pks}
    for h in proyeksi_many(indikator, tahun, triwulan, skala, where).di_bawah_sedang:
        hasil[h.perangkat_daerah_id].append(h)
    return hasil
