"""What the public may read of a pemda, as plain rows: the pages, the downloads and the data
package all read these functions (one truth per figure).

The rule of the portal (project convention, issue 17): an OPD figure of a year is shown only
when every quarterly report it rests on is verified (``core.angka_opd``, as the pemda's
LKjIP counts it); a quarter's entries only when its report is verified; the pemda's IKU as
its LKjIP computes them from verified figures only (``daerah.realisasi``); the budget's
realisasi only when the OPD's TW IV report of the year is verified (the year's report closes
with TW IV), its pagu (the DPA, a published plan) always; documents only when published."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from akuntabel.budget.services import build_budget_totals
from akuntabel.core.angka_opd import StatusAngka, status_angka_opd
from akuntabel.core.capaian import compute_capaian_target
from akuntabel.core.target import target_berlaku
from akuntabel.daerah.models import IkuDaerah, Perkada
from akuntabel.daerah.realisasi import realisasi_iku_many
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import Indikator, Rpjmd, Target
from akuntabel.plans.services import indikator_in_force
from akuntabel.portal.terbit import (
    IKU,
    INDIKATOR,
    Terbit,
    final_terbit,
    isi_final_many,
    peta_kunci,
)
from akuntabel.references.services import skala_for
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.models import LaporanFinal
from akuntabel.results.capaian import TargetTahunan, compute_capaian_many
from akuntabel.results.models import Realisasi


@dataclass(frozen=True)
class Angka:
    """One year (triwulan 0) or verified quarter of an indicator, as the public sees it."""

    tahun: int
    triwulan: int
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    peringkat: str | None
    final: Terbit | None = None   # the published final LKjIP the figures are from, if any


@dataclass
class BarisIndikator:
    """An indicator shown: an IKU of the pemda (``opd`` None) or of an OPD."""

    pk: int
    jenis: str                 # "iku-daerah" | "indikator"
    kode: str
    uraian: str
    satuan: str
    sasaran: str
    opd: PerangkatDaerah | None
    tahunan: list[Angka] = field(default_factory=list)     # one per year of the period
    triwulan: list[Angka] = field(default_factory=list)    # verified quarters of the year

    def tahun_ini(self, tahun: int) -> Angka | None:
        return next((a for a in self.tahunan if a.tahun == tahun), None)


def rpjmd_of(pemda: Pemda, tahun: int) -> Rpjmd | None:
    """The pemda's RPJMD covering ``tahun``, else its latest."""
    rpjmd = pemda.rpjmd.order_by("-tahun_awal")
    return (rpjmd.filter(tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
            or rpjmd.first())


def tahun_periode(pemda: Pemda, tahun: int) -> list[int]:
    """The years of the period shown in the trends: the RPJMD's, else ``tahun`` alone."""
    rpjmd = rpjmd_of(pemda, tahun)
    if rpjmd is None:
        return [tahun]
    return list(range(rpjmd.tahun_awal, rpjmd.tahun_akhir + 1))


def tahun_publik(pemda: Pemda) -> list[int]:
    """The years with something public: a verified quarter or a published final of an OPD."""
    tw = PelaporanTriwulan.objects.filter(
        perangkat_daerah__pemda=pemda, status=PelaporanTriwulan.Status.DIVERIFIKASI)
    final = LaporanFinal.objects.filter(perangkat_daerah__pemda=pemda, dipublikasikan=True)
    # no ordering: the finals' default one (by names and date) made DISTINCT read each row's
    # date, stored after its snapshot of up to megabytes (about 40 ms for 40 finals)
    return sorted({*tw.order_by().values_list("tahun", flat=True).distinct(),
                   *final.order_by().values_list("tahun", flat=True).distinct()})


def tahun_bawaan(pemda: Pemda, today: date) -> int:
    """The year a visitor sees first: the latest with something public, else this year."""
    publik = tahun_publik(pemda)
    return publik[-1] if publik else today.year


def _verified(opd_pks: list[int], years: list[int]) -> set[tuple[int, int, int]]:
    return set(PelaporanTriwulan.objects.filter(
        perangkat_daerah__in=opd_pks, tahun__in=years,
        status=PelaporanTriwulan.Status.DIVERIFIKASI)
        .values_list("perangkat_daerah_id", "tahun", "triwulan"))


def indikator_publik(opd_pks: list[int], tahun: int, *, hanya_iku: bool = True,
                     sasaran: int | None = None) -> list[Indikator]:
    """The in-force indicators of the OPD the agencies show (IKU only unless told)."""
    return list(indikator_publik_qs(opd_pks, tahun, hanya_iku=hanya_iku, sasaran=sasaran))


def indikator_publik_qs(opd_pks: list[int], tahun: int, *, hanya_iku: bool = True,
                        sasaran: int | None = None) -> QuerySet[Indikator]:
    """``indikator_publik`` as a query, in order: a caller counts it and reads one page."""
    qs = Indikator.objects.filter(indikator_in_force(tahun), perangkat_daerah__in=opd_pks,
                                  tampil_publik=True)
    if hanya_iku:
        qs = qs.filter(iku=True)
    if sasaran is not None:
        qs = qs.filter(sasaran=sasaran)
    return qs.prefetch_related("perangkat_daerah", "sasaran").order_by(
        "perangkat_daerah__nama", "urutan", "pk")


def _dari_final(indikator: list[Indikator], years: list[int],
                terbit: dict[tuple[int, int], Terbit] | None = None
                ) -> dict[tuple[int, int], Angka]:
    """``(indikator pk, tahun) -> Angka`` of every indicator found in its agency's published
    final LKjIP of the year (``portal.terbit``). An indicator keyed by its place under its
    node (no ``kode``) counts only while its wording is the snapshot's. Of IKU alone (the
    home, an agency's page) only the finals' IKU are read; the other indicators of a final too
    only when an IKU is not among its IKU (flagged since it was made)."""
    per_opd: dict[int, list[Indikator]] = {}
    for i in indikator:
        per_opd.setdefault(i.perangkat_daerah_id, []).append(i)
    hasil: dict[tuple[int, int], Angka] = {}
    if terbit is None:
        terbit = final_terbit(list(per_opd), years)
    terbit = {k: t for k, t in terbit.items() if k[0] in per_opd and k[1] in years}
    hanya_iku = all(i.iku for i in indikator)
    isi = isi_final_many(list(terbit.values()), IKU if hanya_iku else INDIKATOR)
    for th in sorted({th for _opd, th in terbit}):
        dibaca = [opd for opd, t in terbit if t == th]
        peta = peta_kunci(dibaca, th, [i for opd in dibaca for i in per_opd[opd]])
        kurang = [terbit[opd, th] for opd in dibaca if hanya_iku and any(
            peta[i.pk] not in isi[terbit[opd, th].pk].indikator
            for i in per_opd[opd] if i.pk in peta)]
        if kurang:
            isi.update(isi_final_many(kurang, INDIKATOR))
        for opd_id in dibaca:
            final = terbit[opd_id, th]
            angka = isi[final.pk].indikator
            for ind in per_opd[opd_id]:
                f = angka.get(peta.get(ind.pk, ""))
                if f is None:
                    continue
                if not ind.kode and f.uraian != ind.uraian:
                    continue
                hasil[ind.pk, th] = Angka(th, 0, f.target, f.realisasi, f.capaian,
                                          f.peringkat, final)
    return hasil


def _baca(indikator: list[Indikator], opd_pks: list[int]) -> dict[str, Any]:
    """The lookup that reads the rows of ``indikator``: by their agencies when they are most of
    their agencies' indicators (the open data: thousands of ids would be bound in each query),
    else by their ids. Rows of other indicators read that way are passed over."""
    if len(indikator) > 500:
        return {"indikator__perangkat_daerah__in": opd_pks}
    return {"indikator__in": [i.pk for i in indikator]}


def baris_opd(pemda: Pemda, indikator: list[Indikator], tahun: int,
              years: list[int], today: date,
              terbit: dict[tuple[int, int], Terbit] | None = None, *,
              tahunan: bool = True, triwulan: bool = True) -> list[BarisIndikator]:
    """The rows of OPD indicators: a year with a published final LKjIP as the final holds it
    (``_dari_final``), any other year's figure only when verified; the quarters of ``tahun``
    only when their report is, each against the quarter's target in force (``core.target``:
    PK perubahan, PK, Renja, Renstra) when one is set. Without ``tahunan`` (``triwulan``) the
    rows hold no year's figures (no quarter's): a table of the other reads nothing for them."""
    skala = skala_for(pemda, today)
    opd_pks = sorted({i.perangkat_daerah_id for i in indikator})
    where = _baca(indikator, opd_pks)
    dibaca = years if tahunan else []   # the years whose figures the rows hold
    dari_final = _dari_final(indikator, dibaca, terbit) if indikator and dibaca else {}
    # today's figures only of the indicators with a year no published final holds (the home of
    # a year every agency published computes none)
    dihitung = [i for i in indikator if any((i.pk, th) not in dari_final for th in dibaca)]
    figures = (compute_capaian_many(dihitung, dibaca, skala, where=_baca(dihitung, opd_pks))
               if dihitung else {})
    verified: dict[tuple[int, int], frozenset[int]] = {}
    for opd_id, th, tw in _verified(opd_pks, years):
        verified[opd_id, th] = verified.get((opd_id, th), frozenset()) | {tw}
    entries: dict[int, list[tuple[int, Decimal | None]]] = {}
    tw_target: dict[tuple[int, int], dict[str, TargetTahunan]] = {}
    if indikator and triwulan:
        for ind_id, tw, nilai, opd_id in (Realisasi.objects.filter(
                tahun=tahun, triwulan__in=(1, 2, 3, 4), **where)
                .order_by("triwulan").values_list("indikator_id", "triwulan", "nilai",
                                                  "indikator__perangkat_daerah_id")):
            if tw in verified.get((opd_id, tahun), ()):
                entries.setdefault(ind_id, []).append((tw, nilai))
        for ind_id, tw, jenis, *t in (Target.objects.filter(
                tahun=tahun, triwulan__in=(1, 2, 3, 4), **where).order_by()
                .values_list("indikator_id", "triwulan", "jenis", *TargetTahunan._fields)):
            if ind_id in entries:
                tw_target.setdefault((ind_id, tw), {})[jenis] = TargetTahunan(*t)
    rows = []
    for ind in indikator:
        row = BarisIndikator(ind.pk, "indikator", ind.kode, ind.uraian, ind.satuan,
                             ind.sasaran.uraian if ind.sasaran else "", ind.perangkat_daerah)
        for th in dibaca:
            if (ind.pk, th) in dari_final:
                row.tahunan.append(dari_final[ind.pk, th])
                continue
            fig = figures[ind.pk, th]
            r = fig.realisasi
            status = status_angka_opd(
                r.sumber, ind.agregasi, r.tahun.triwulan_terisi if r.tahun else (),
                verified.get((ind.perangkat_daerah_id, th), frozenset()))
            ok = status == StatusAngka.TERVERIFIKASI
            row.tahunan.append(Angka(th, 0, fig.target, r.nilai if ok else None,
                                     fig.capaian if ok else None,
                                     fig.peringkat if ok else None))
        for tw, nilai in entries.get(ind.pk, []):
            berlaku = target_berlaku(tw_target.get((ind.pk, tw), {}))
            target = berlaku[1] if berlaku else None
            capaian = (compute_capaian_target(target.nilai, nilai, ind.polaritas,
                                              ind.metode_turun, target_teks=target.teks)
                       if target is not None else None)
            row.triwulan.append(Angka(tahun, tw, target.nilai if target else None, nilai,
                                      capaian, skala.peringkat(capaian)))
        rows.append(row)
    return rows


def iku_daerah(pemda: Pemda, tahun: int) -> list[IkuDaerah]:
    """The IKU of the Perkada in force in ``tahun`` (the latest not after it)."""
    perkada = (Perkada.objects.filter(rpjmd__pemda=pemda, berlaku_mulai__lte=tahun)
               .order_by("-berlaku_mulai").first())
    if perkada is None:
        return []
    return list(perkada.iku.select_related("sasaran_daerah").prefetch_related("target")
                .order_by("urutan", "pk"))


def baris_daerah(pemda: Pemda, iku: list[IkuDaerah], years: list[int],
                 today: date) -> list[BarisIndikator]:
    """The pemda's IKU as its LKjIP computes them: from verified OPD figures only."""
    skala = skala_for(pemda, today)
    hasil = realisasi_iku_many(iku, years, hanya_terverifikasi=True) if iku else {}
    rows = []
    for i in iku:
        row = BarisIndikator(i.pk, "iku-daerah", i.kode, i.uraian, i.satuan,
                             i.sasaran_daerah.uraian, None)
        for th in years:
            h = hasil[i.pk, th]
            row.tahunan.append(Angka(th, 0, h.target, h.realisasi, h.capaian,
                                     skala.peringkat(h.capaian)))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class BarisAnggaran:
    opd: PerangkatDaerah
    pagu: Decimal | None
    realisasi: Decimal | None   # None until the OPD's TW IV of the year is verified
    serapan: Decimal | None
    final: Terbit | None = None   # the published final LKjIP the figures are from, if any


def anggaran(opds: list[PerangkatDaerah], tahun: int, *, dari_final: bool = False,
             terbit: dict[tuple[int, int], Terbit] | None = None) -> list[BarisAnggaran]:
    """Each agency's budget of ``tahun``: the DPA's pagu, with spending once TW IV is
    verified; with ``dari_final``, an agency's total as its published final LKjIP of the year
    printed it (``final`` set). Without it a spending shown is a verified one, so that a
    reader going on to the DPA's rows (the budget per program) shows no row changed since a
    final."""
    verified = _verified([o.pk for o in opds], [tahun])
    if not dari_final:
        terbit = {}
    elif terbit is None:
        terbit = final_terbit([o.pk for o in opds], [tahun])
    isi = isi_final_many(list(terbit.values()), IKU)   # the smallest part with the totals
    # the DPA's totals only of the agencies no published final gives them for
    dpa = [o for o in opds if (fin := terbit.get((o.pk, tahun))) is None
           or isi[fin.pk].anggaran is None]
    totals = build_budget_totals(dpa, tahun) if dpa else {}
    rows = []
    for o in opds:
        fin = terbit.get((o.pk, tahun))
        dicetak = isi[fin.pk].anggaran if fin else None
        if fin is not None and dicetak is not None:
            rows.append(BarisAnggaran(o, *dicetak, final=fin))
            continue
        t = totals.get(o.pk)
        if t is None:
            continue
        ok = (o.pk, tahun, 4) in verified
        rows.append(BarisAnggaran(o, t.pagu.nilai if t.pagu else None,
                                  t.realisasi.nilai if ok and t.realisasi else None,
                                  t.serapan if ok else None))
    return rows


def dokumen_terbit(opd_pks: list[int]) -> list[LaporanFinal]:
    """The published finals of the OPD (the pemda's own finals have no publication yet)."""
    # only what the list names, all in the finals' index: on SQLite a column stored after a
    # final's file and snapshot (its agency, its maker) is read by walking their megabytes
    return list(LaporanFinal.objects.filter(perangkat_daerah__in=opd_pks, dipublikasikan=True)
                .select_related("perangkat_daerah")
                .only("pk", "perangkat_daerah__nama", "dokumen", "tahun", "format", "sha256",
                      "created_at")
                .order_by("perangkat_daerah__nama", "-tahun", "-created_at"))
