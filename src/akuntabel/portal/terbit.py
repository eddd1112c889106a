"""The figures a published final LKjIP makes public (docs/portal.md, project convention): for
a year in which an agency published its final LKjIP, the portal shows that year's figures as
the final's snapshot holds them (``LaporanFinal.data``: ``sumber``, the plain data the final
was computed from; ``dokumen``, the document as printed), not today's database.

Each indicator is found in the snapshot by its key (``reviews.context.kunci_indikator``); its
target in force, realisasi, capaian and peringkat are computed from the frozen inputs by the
rules the LKjIP computes them with (``core.target``, ``core.capaian``, the snapshot's rating
scale), so that the portal prints the capaian the final prints (tests/portal). The budget is
the final's summary (pagu, realisasi, serapan of the agency as printed). A final whose
snapshot cannot be read gives nothing.

These figures are computed once, when the final is made (``ringkas_publik``, stored in
``LaporanFinal.ringkas_publik``): a page reads that small summary, never the snapshot (4 MB
for an agency of 5.000 budget lines); a final made before it was stored is read from its
snapshot on each cold reading, as before, until its summary is stored (the migration
that added the column fills every final's, ``simpan_ringkas_publik``)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import Case, F, JSONField, Q, Subquery, When
from django.utils import timezone

from akuntabel.audit.models import Perubahan
from akuntabel.core.anggaran import AnggaranError, BarisAnggaran, rollup
from akuntabel.core.angka import parse_rentang
from akuntabel.core.capaian import compute_capaian_target
from akuntabel.core.peringkat import Pita, Skala
from akuntabel.core.target import target_berlaku
from akuntabel.plans.models import Indikator
from akuntabel.reports.models import LaporanFinal
from akuntabel.reviews.context import kunci_indikator_many

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


class UangFinal(NamedTuple):
    """A program or sub kegiatan of a final's budget, its amounts rolled up its tree."""

    tingkat: str      # program | sub_kegiatan
    kode: str
    uraian: str
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None


@dataclass(frozen=True)
class IsiFinal:
    """What a final makes public: each indicator's figures of its year by snapshot key, the
    agency's budget (pagu, realisasi, serapan) as printed, and its programs and sub kegiatan
    (the budget per urusan and program)."""

    indikator: dict[str, AngkaFinal]
    anggaran: tuple[Decimal | None, Decimal | None, Decimal | None] | None
    program: tuple[UangFinal, ...] = ()


def final_terbit(opd_pks: list[int], years: list[int]) -> dict[tuple[int, int], Terbit]:
    """``(opd pk, tahun) -> Terbit``: the latest published final LKjIP of each agency-year
    (three queries whatever their number)."""
    # No test on the snapshot here (it would parse every final's JSON, 4 MB for an agency of
    # 300 indicators, on every page): a latest final without one gives nothing (isi_final)
    rows = (LaporanFinal.objects.filter(perangkat_daerah__in=opd_pks, tahun__in=years,
                                        dokumen="lakip", dipublikasikan=True)
            .order_by("created_at", "pk")
            .values_list("pk", "perangkat_daerah_id", "tahun", "format", "sha256", "created_at"))
    latest = {(opd, th): (pk, fmt, sha, made) for pk, opd, th, fmt, sha, made in rows}
    if not latest:
        return {}
    # name the final by its PDF (verifiable by upload) when the PDF of the same final (the
    # same snapshot) is published too: one query for every agency-year
    bukan_pdf = Q()
    for (opd, th), (pk, fmt, _sha, _made) in latest.items():
        if fmt != "pdf":
            bukan_pdf |= Q(perangkat_daerah=opd, tahun=th, data=Subquery(
                LaporanFinal.objects.filter(pk=pk).values("data")))
    if bukan_pdf:
        for pk, opd, th, fmt, sha, made in (LaporanFinal.objects.filter(
                bukan_pdf, dokumen="lakip", dipublikasikan=True, format="pdf")
                .order_by("created_at", "pk").values_list(
                    "pk", "perangkat_daerah_id", "tahun", "format", "sha256", "created_at")):
            if latest[opd, th][1] != "pdf" or latest[opd, th][3] <= made:
                latest[opd, th] = (pk, fmt, sha, made)
    published = dict(Perubahan.objects.filter(
        model="LaporanFinal", kolom="dipublikasikan",
        objek_id__in=[v[0] for v in latest.values()]).order_by("created_at", "pk")
        .values_list("objek_id", "created_at"))
    return {(opd, th): Terbit(pk, opd, th, fmt, sha,
                              timezone.localdate(published.get(pk, made)))
            for (opd, th), (pk, fmt, sha, made) in latest.items()}


def isi_final(terbit: Terbit) -> IsiFinal:
    """The figures of a published final, read from its snapshot once (cached by its id)."""
    return isi_final_many([terbit])[terbit.pk]


def _kunci_isi(terbit: Terbit) -> str:
    # a row id alone may come back; "2": the figures' shape (programs added)
    return f"portal:final:2:{terbit.pk}:{terbit.sha256}"


# The process's own copies of the finals' figures it read: unpickling forty agencies' figures
# from the shared cache cost about 150 ms a page on the loaded machine. A copy is used only
# while the shared entry exists (``has_key`` reads its header, not its body), so emptying the
# cache empties these too (as ``reports.tembolok``'s); a final never changes.
DEKAT_MAKS = 200
_dekat: OrderedDict[str, IsiFinal] = OrderedDict()
_dekat_kunci = threading.Lock()


def _ingat(isi: dict[str, IsiFinal]) -> None:
    with _dekat_kunci:
        for k, v in isi.items():
            _dekat[k] = v
            _dekat.move_to_end(k)
        while len(_dekat) > DEKAT_MAKS:
            _dekat.popitem(last=False)


def isi_final_many(terbit: list[Terbit]) -> dict[int, IsiFinal]:
    """Final pk -> its figures, those not cached read in one query."""
    kunci = {_kunci_isi(t): t for t in terbit}
    with _dekat_kunci:
        dekat = {k: _dekat[k] for k in kunci if k in _dekat}
    hasil = {kunci[k].pk: v for k, v in dekat.items() if cache.has_key(k)}
    dibaca = cache.get_many([k for k in kunci if kunci[k].pk not in hasil])
    _ingat(dibaca)
    hasil.update({kunci[k].pk: v for k, v in dibaca.items()})
    kurang = {t.pk: t for t in terbit if t.pk not in hasil}
    if not kurang:
        return hasil
    baru = {}
    # the small summary stored beside the snapshot (``LaporanFinal.ringkas_publik``), not the
    # snapshot (4 MB of an agency's budget lines), which only a final without a summary
    # (made before summaries were stored and not filled, or written by hand) is read from
    for pk, r, data in (LaporanFinal.objects.filter(pk__in=kurang)
                        .annotate(snapshot=Case(When(ringkas_publik={}, then=F("data")),
                                                default=None, output_field=JSONField()))
                        .values_list("pk", "ringkas_publik", "snapshot")):
        try:
            isi = (isi_dari_ringkas(r) if r else isi_dari_snapshot(data, kurang[pk].tahun))
        except (KeyError, TypeError, ValueError, InvalidOperation):
            isi = IsiFinal({}, None)
        hasil[pk] = isi
        baru[_kunci_isi(kurang[pk])] = isi
    cache.set_many(baru, TTL)
    _ingat(baru)
    return hasil


RINGKAS_VERSI = 1


def isi_dari_snapshot(data: dict[str, Any], tahun: int) -> IsiFinal:
    """A final's public figures computed from its snapshot (``data``) of ``tahun``; nothing
    from a snapshot that cannot be read."""
    try:
        sumber = data["sumber"]
        ringkasan = (data.get("dokumen") or {}).get("ringkasan")
        return IsiFinal(angka_snapshot(sumber, tahun), _anggaran(ringkasan),
                        uang_snapshot(sumber))
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation):
        return IsiFinal({}, None)   # unreadable: nothing is shown from it


def _teks(v: Decimal | None) -> str | None:
    return str(v) if v is not None else None   # str of a Decimal reads back the same Decimal


def _desimal(v: str | None) -> Decimal | None:
    return Decimal(v) if v is not None else None


def ringkas_publik(data: dict[str, Any], tahun: int) -> dict[str, Any]:
    """What the portal shows of a final, as plain JSON (``LaporanFinal.ringkas_publik``),
    computed once from its snapshot when it is made (``reports.final.simpan_final``): the
    figures of ``isi_dari_snapshot``, Decimals as exact text."""
    isi = isi_dari_snapshot(data, tahun)
    return {
        "versi": RINGKAS_VERSI,
        "indikator": {k: [a.uraian, _teks(a.target), _teks(a.realisasi), _teks(a.capaian),
                          a.peringkat] for k, a in isi.indikator.items()},
        "anggaran": [_teks(v) for v in isi.anggaran] if isi.anggaran is not None else None,
        "program": [[u.tingkat, u.kode, u.uraian, _teks(u.pagu), _teks(u.realisasi),
                     _teks(u.serapan)] for u in isi.program],
    }


def isi_dari_ringkas(r: dict[str, Any]) -> IsiFinal:
    """The figures back from a stored summary (``ringkas_publik``)."""
    anggaran = r["anggaran"]
    return IsiFinal(
        {k: AngkaFinal(u, _desimal(t), _desimal(re), _desimal(c), p)
         for k, (u, t, re, c, p) in r["indikator"].items()},
        (_desimal(anggaran[0]), _desimal(anggaran[1]), _desimal(anggaran[2]))
        if anggaran is not None else None,
        tuple(UangFinal(ti, ko, ur, _desimal(pa), _desimal(re), _desimal(se))
              for ti, ko, ur, pa, re, se in r["program"]))


def simpan_ringkas_publik(finals: Any) -> int:
    """Store the summary of each final LKjIP of ``finals`` (a queryset) that has none (made
    before summaries were stored), in UPDATEs of this column alone: their files, snapshots
    and hashes are not touched. Returns how many were filled."""
    n = 0
    for pk, tahun, data in (finals.filter(dokumen="lakip", ringkas_publik={}).order_by("pk")
                            .values_list("pk", "tahun", "data").iterator(chunk_size=20)):
        finals.filter(pk=pk).update(ringkas_publik=ringkas_publik(data, tahun))
        n += 1
    return n


def peta_kunci(opd_pks: list[int], tahun: int, indikator: list[Indikator]
               ) -> dict[int, str]:
    """Indicator id -> snapshot key of ``indikator`` of the agencies in ``tahun`` (none for an
    agency no Renstra covers in that year), in a few queries whatever their number: of a few
    indicators (a page of IKU) reading only their nodes, of many the agencies' whole map."""
    return kunci_indikator_many(opd_pks, tahun, indikator if len(indikator) <= 500 else None)


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


def uang_snapshot(sumber: dict[str, Any]) -> tuple[UangFinal, ...]:
    """The programs and sub kegiatan of a final's budget tree (``sumber["anggaran"]``), their
    amounts rolled up by ``core.anggaran.rollup`` as the DPA's tree is (a sub kegiatan's
    amounts are its own, its rekening lines left out); none when the tree does not roll up."""
    pohon = [b for b in sumber.get("anggaran") or ()
             if b["tingkat"] in ("opd", "program", "kegiatan", "sub_kegiatan")]

    def uang(v: str | None) -> Decimal | None:
        return Decimal(v) if v is not None else None
    try:
        hasil = rollup([BarisAnggaran(b["kunci"], b["induk"], uang(b["pagu"]),
                                      uang(b["realisasi"])) for b in pohon])
    except AnggaranError:
        return ()
    return tuple(UangFinal(b["tingkat"], b["kode"], b["uraian"], h.pagu.nilai,
                           h.realisasi.nilai, h.serapan)
                 for b in pohon if b["tingkat"] in ("program", "sub_kegiatan")
                 for h in (hasil[b["kunci"]],))


def _anggaran(ringkasan: dict[str, Any] | None
              ) -> tuple[Decimal | None, Decimal | None, Decimal | None] | None:
    if not ringkasan or "pagu" not in ringkasan:
        return None

    def nilai(k: str) -> Decimal | None:
        v = (ringkasan.get(k) or {}).get("nilai")
        return Decimal(v) if v is not None else None
    return nilai("pagu"), nilai("realisasi"), nilai("serapan_anggaran")
