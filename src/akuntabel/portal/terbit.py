"""The figures a published final LKjIP makes public (docs/portal.md, project convention): for
a year in which an agency published its final LKjIP, the portal shows that year's figures as
the final's snapshot holds them (``LaporanFinal.data``: ``sumber``, the plain data the final
was computed from; ``dokumen``, the document as printed), not today's database.

Each indicator is found in the snapshot by its key (``reviews.context.kunci_indikator``); its
target in force, realisasi, capaian and peringkat are computed from the frozen inputs by the
rules the LKjIP computes them with (``core.target``, ``core.capaian``, the snapshot's rating
scale), so that the portal prints the capaian the final prints (tests/portal). The budget is
the final's summary (pagu, realisasi, serapan of the agency as printed). A final whose
snapshot cannot be read gives nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import Subquery
from django.utils import timezone

from akuntabel.audit.models import Perubahan
from akuntabel.core.angka import parse_rentang
from akuntabel.core.capaian import compute_capaian_target
from akuntabel.core.peringkat import Pita, Skala
from akuntabel.core.target import target_berlaku
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.services import NoRenstra
from akuntabel.reports.models import LaporanFinal
from akuntabel.reviews.context import kunci_indikator

TTL = 7 * 24 * 3600   # a final never changes: its figures are kept by its id


@dataclass(frozen=True)
class Terbit:
    """A published final LKjIP whose figures a page shows."""

    pk: int
    opd_id: int
    tahun: int
    format: str
    sha256: str
    tanggal: date      # the day it was published (its history), else the day it was made


class AngkaFinal(NamedTuple):
    uraian: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    peringkat: str | None


@dataclass(frozen=True)
class IsiFinal:
    """What a final makes public: each indicator's figures of its year by snapshot key, and
    the agency's budget (pagu, realisasi, serapan) as printed."""

    indikator: dict[str, AngkaFinal]
    anggaran: tuple[Decimal | None, Decimal | None, Decimal | None] | None


def final_terbit(opd_pks: list[int], years: list[int]) -> dict[tuple[int, int], Terbit]:
    """``(opd pk, tahun) -> Terbit``: the latest published final LKjIP of each agency-year
    with a snapshot to read (one query, and one for the publication dates)."""
    rows = (LaporanFinal.objects.filter(perangkat_daerah__in=opd_pks, tahun__in=years,
                                        dokumen="lakip", dipublikasikan=True,
                                        data__has_key="sumber")
            .order_by("created_at", "pk")
            .values_list("pk", "perangkat_daerah_id", "tahun", "format", "sha256", "created_at"))
    latest = {(opd, th): (pk, fmt, sha, made) for pk, opd, th, fmt, sha, made in rows}
    if not latest:
        return {}
    for key, (pk, fmt, _sha, _made) in list(latest.items()):
        if fmt != "pdf":   # name the final by its PDF (verifiable by upload) when published
            pdf = (LaporanFinal.objects.filter(
                perangkat_daerah=key[0], tahun=key[1], dokumen="lakip", dipublikasikan=True,
                format="pdf", data=Subquery(LaporanFinal.objects.filter(pk=pk).values("data")))
                .order_by("-created_at").values_list("pk", "format", "sha256", "created_at")
                .first())
            latest[key] = pdf or latest[key]
    published = dict(Perubahan.objects.filter(
        model="LaporanFinal", kolom="dipublikasikan",
        objek_id__in=[v[0] for v in latest.values()]).order_by("created_at", "pk")
        .values_list("objek_id", "created_at"))
    return {(opd, th): Terbit(pk, opd, th, fmt, sha,
                              timezone.localdate(published.get(pk, made)))
            for (opd, th), (pk, fmt, sha, made) in latest.items()}


def isi_final(terbit: Terbit) -> IsiFinal:
    """The figures of a published final, read from its snapshot once (cached by its id)."""
    kunci = f"portal:final:{terbit.pk}:{terbit.sha256}"   # a row id alone may come back
    hit = cache.get(kunci)
    if hit is None:
        sumber, ringkasan = (LaporanFinal.objects.filter(pk=terbit.pk)
                             .values_list("data__sumber", "data__dokumen__ringkasan").get())
        try:
            hit = IsiFinal(angka_snapshot(sumber, terbit.tahun), _anggaran(ringkasan))
        except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation):
            hit = IsiFinal({}, None)   # unreadable: nothing is shown from it
        cache.set(kunci, hit, TTL)
    return hit


def peta_kunci(opd: PerangkatDaerah, tahun: int) -> dict[int, str]:
    """Indicator id -> snapshot key of the agency's indicators of ``tahun`` (empty when no
    Renstra covers the year)."""
    try:
        return kunci_indikator(opd, tahun)
    except NoRenstra:
        return {}


class _Tertulis(NamedTuple):
    teks: str
    nilai: Decimal | None


def _nilai(d: dict[str, Any] | None) -> _Tertulis | None:
    if d is None:
        return None
    return _Tertulis(d.get("teks") or "", Decimal(d["nilai"]) if d.get("nilai") else None)


def _skala(d: dict[str, Any]) -> Skala:
    return Skala(d["kode"], d["nama"], date.fromisoformat(d["berlaku_mulai"]), d["dasar_hukum"],
                 tuple(Pita(Decimal(p["batas_bawah"]) if p["batas_bawah"] is not None
                            else None, p["label"], p["inklusif"]) for p in d["pita"]),
                 d.get("catatan", ""))


def angka_snapshot(sumber: dict[str, Any], tahun: int) -> dict[str, AngkaFinal]:
    """Each indicator's figures of ``tahun`` from a final's reviu data (``sumber``), as the
    LKjIP computes them (``results.capaian.compute_capaian_many``): the target in force of
    ``core.target`` with the PK documents' rows as PK targets; the realisasi computed from
    components when there is one, else the year's figure; the capaian of ``core.capaian``
    (a range target's upper bound read from its text, as it was stored); the snapshot's
    rating scale."""
    th = str(tahun)
    skala = _skala(sumber["skala"])
    pk: dict[str, dict[str, _Tertulis]] = {}
    for dok in sumber["perjanjian_kinerja"]:
        if dok["tahun"] != tahun:
            continue
        jenis = "pk_perubahan" if dok["jenis"] == "perubahan" else "pk"
        for baris in dok["baris"]:
            nilai = _nilai(baris["target"])
            if nilai is not None:
                pk.setdefault(baris["indikator_kunci"], {}).setdefault(jenis, nilai)
    hasil = {}
    for ind in sumber["indikator"]:
        rows = {jenis: n for jenis, per_tahun in ind["target"].items()
                if (n := _nilai(per_tahun.get(th))) is not None}
        berlaku = target_berlaku(rows, pk.get(ind["kunci"]))
        target = berlaku[1] if berlaku else None
        tercatat = _nilai(ind["realisasi"].get(th))
        dihitung = ind["realisasi_dihitung"].get(th)
        realisasi = (Decimal(dihitung) if dihitung is not None
                     else tercatat.nilai if tercatat else None)
        capaian = None
        if target is not None:
            rentang = parse_rentang(target.teks) if target.teks else None
            atas = rentang.atas if rentang and rentang.bawah == target.nilai else None
            capaian = compute_capaian_target(
                target.nilai, realisasi, ind["polaritas"], ind["metode_turun"],
                target_atas=atas, target_teks=target.teks,
                realisasi_teks=tercatat.teks if tercatat else "")
        hasil[ind["kunci"]] = AngkaFinal(ind["uraian"], target.nilai if target else None,
                                         realisasi, capaian, skala.peringkat(capaian))
    return hasil


def _anggaran(ringkasan: dict[str, Any] | None
              ) -> tuple[Decimal | None, Decimal | None, Decimal | None] | None:
    if not ringkasan or "pagu" not in ringkasan:
        return None

    def nilai(k: str) -> Decimal | None:
        v = (ringkasan.get(k) or {}).get("nilai")
        return Decimal(v) if v is not None else None
    return nilai("pagu"), nilai("realisasi"), nilai("serapan_anggaran")
