"""The verifikator's inbox: every quarter of the pemda's OPD waiting for verification, oldest
submission first, with its completeness and its count of plausibility warnings. A fixed
number of queries whatever the number of OPD and indicators.

The warnings are the grid's (``results.views._plausibilitas``: ``core.plausibilitas`` on each
value of the quarter, against the target in force, the capaian so far and the indicator's
history), computed here for all the waiting quarters at once from the same pieces
(``results.grid.capaian_so_far``, ``core.target.target_berlaku``, ``pk_targets``; at TW IV the
year's figures of ``compute_capaian_many``); a test holds the two counts equal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.urls import reverse

from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.plausibilitas import (
    RIWAYAT_TAHUN,
    capaian_sebagian,
    periksa_plausibilitas,
    riwayat_sebanding,
)
from akuntabel.core.target import target_berlaku
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, Target
from akuntabel.reporting.kelengkapan import Kelengkapan, kelengkapan
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.capaian import Tercatat, compute_capaian_many, pk_targets
from akuntabel.results.grid import capaian_so_far
from akuntabel.results.models import Realisasi


@dataclass(frozen=True)
class Antrian:
    """A quarter waiting for verification."""

    opd: PerangkatDaerah
    triwulan: int
    diajukan_pada: datetime
    kelengkapan: Kelengkapan
    peringatan: int
    url: str

    @property
    def romawi(self) -> str:
        return TRIWULAN_ROMAWI[self.triwulan]


def menunggu(pemda: Pemda, tahun: int, triwulan: int | None = None,
             opd_pk: int | None = None, opd_pks: list[int] | None = None) -> list[Antrian]:
    """The quarters of ``tahun`` submitted and not yet verified, oldest submission first,
    optionally of one triwulan, one OPD or the OPD ``opd_pks``."""
    qs = PelaporanTriwulan.objects.filter(perangkat_daerah__pemda=pemda, tahun=tahun,
                                          status=PelaporanTriwulan.Status.DIAJUKAN)
    if triwulan:
        qs = qs.filter(triwulan=triwulan)
    if opd_pk:
        qs = qs.filter(perangkat_daerah_id=opd_pk)
    if opd_pks is not None:
        qs = qs.filter(perangkat_daerah_id__in=opd_pks)
    rows = list(qs.select_related("perangkat_daerah").order_by("updated_at", "pk"))
    if not rows:
        return []
    pasangan = {(p.perangkat_daerah_id, p.triwulan) for p in rows}
    lengkap = kelengkapan(sorted({opd for opd, _tw in pasangan}), tahun)
    peringatan = jumlah_peringatan(pasangan, tahun)
    return [Antrian(p.perangkat_daerah, p.triwulan, p.updated_at,
                    lengkap[p.perangkat_daerah_id, p.triwulan],
                    peringatan.get((p.perangkat_daerah_id, p.triwulan), 0),
                    reverse("realisasi_grid", args=[p.perangkat_daerah_id, tahun, p.triwulan]))
            for p in rows]


def jumlah_peringatan(pasangan: set[tuple[int, int]], tahun: int,
                      tanpa_catatan: bool = False) -> dict[tuple[int, int], int]:
    """By (OPD pk, triwulan): how many of the quarter's values carry a plausibility warning
    (with ``tanpa_catatan``, only those still without the note it asks for). Six queries
    (eleven with a TW IV among them) for any number of quarters."""
    opd_pks = sorted({opd for opd, _tw in pasangan})
    if not opd_pks:
        return {}
    maks_tw = max(tw for _opd, tw in pasangan)
    where = {"indikator__perangkat_daerah__in": opd_pks}
    realisasi: dict[tuple[int, int], Decimal | None] = {}
    diisi: dict[tuple[int, int], list[int]] = defaultdict(list)   # (opd, tw) -> indikator
    for ind_id, opd, tw, nilai, catatan in Realisasi.objects.filter(
            tahun=tahun, triwulan__lte=maks_tw, **where).order_by().values_list(
            "indikator_id", "indikator__perangkat_daerah", "triwulan", "nilai", "catatan"):
        realisasi[ind_id, tw] = nilai
        if tanpa_catatan and catatan.strip():
            continue
        if (opd, tw) in pasangan and nilai is not None and nilai.is_finite():
            diisi[opd, tw].append(ind_id)
    ind_pks = {pk for pks in diisi.values() for pk in pks}
    if not ind_pks:
        return {}
    indikator = {i.pk: i for i in Indikator.objects.filter(pk__in=ind_pks).order_by().only(
        "perangkat_daerah_id", "polaritas", "metode_turun", "agregasi")}
    targets: dict[int, dict[str, Tercatat]] = defaultdict(dict)
    for ind_id, jenis, teks, nilai, atas in Target.objects.filter(
            indikator__in=ind_pks, tahun=tahun, triwulan=TAHUNAN).order_by().values_list(
            "indikator_id", "jenis", "teks", "nilai", "nilai_atas"):
        targets[ind_id][jenis] = Tercatat(nilai, teks, atas)
    pk_rows = pk_targets([tahun], {"indikator__in": ind_pks})
    riwayat: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for ind_id, tw, nilai in Realisasi.objects.filter(
            indikator__in=ind_pks, tahun__gte=tahun - RIWAYAT_TAHUN, tahun__lt=tahun
    ).order_by().values_list("indikator_id", "triwulan", "nilai"):
        riwayat[ind_id][1 if tw == TAHUNAN else 0].append(nilai)
    tahunan = {}
    tw4 = [indikator[pk] for (opd, tw), pks in diisi.items() if tw == 4 for pk in pks]
    if tw4:   # at TW IV the grid shows the year's figures (results.grid._the_years_figures)
        tahunan = compute_capaian_many(tw4, tahun)
    hasil = {}
    for (opd, tw), pks in diisi.items():
        n = 0
        for pk in pks:
            ind = indikator[pk]
            berlaku = target_berlaku(targets.get(pk, {}), pk_rows.get((pk, tahun)))
            quarters = [realisasi.get((pk, t)) for t in range(1, tw + 1)]
            _sd, capaian = capaian_so_far(ind, berlaku[1] if berlaku else None, quarters)
            c = tahunan.get((pk, tahun))
            if c is not None and c.realisasi.sumber in ("komponen", "input"):
                capaian = c.capaian
            earlier_years, years = riwayat.get(pk, ([], []))
            if periksa_plausibilitas(
                    quarters[-1], capaian,   # type: ignore[arg-type]  (filled: see diisi)
                    riwayat_sebanding([*earlier_years, *quarters[:-1]], years, ind.agregasi),
                    capaian_sebagian=capaian_sebagian(ind.agregasi, tw)):
                n += 1
        hasil[opd, tw] = n
    return hasil
