"""What the public portal shows of a final LKjIP, computed from its snapshot (project
convention, docs/portal.md): each indicator's figures of its year by snapshot key, the agency's
budget as printed, and its programs and sub kegiatan. Made once with the final by its maker
(``reports.final.make_final``) and stored apart from the final's row (``RingkasFinal``, a few
KB, not the file and snapshot of megabytes), in parts a page reads alone: the IKU (the home of
a pemda and an agency's page show only those), the other indicators (the open data) and the
programs (the budget per program).

Each indicator is found in the snapshot by its key (``reviews.context.kunci_indikator``); its
target in force, realisasi, capaian and peringkat are computed from the frozen inputs by the
rules the LKjIP computes them with (``core.target``, ``core.capaian``, the snapshot's rating
scale), so that the portal prints the capaian the final prints (tests/portal). The budget is
the final's summary (pagu, realisasi, serapan of the agency as printed). A final whose
snapshot cannot be read gives nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from akuntabel.core.anggaran import AnggaranError, BarisAnggaran, rollup
from akuntabel.core.angka import parse_rentang
from akuntabel.core.capaian import compute_capaian_target
from akuntabel.core.peringkat import Pita, Skala
from akuntabel.core.target import target_berlaku
from akuntabel.reports.models import LaporanFinal, RingkasFinal

RINGKAS_VERSI = 2   # 1: one JSON of every part (LaporanFinal.ringkas_publik, until 0008)
BAGIAN = ("iku", "indikator", "anggaran", "program")   # RingkasFinal's parts


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
    (the budget per urusan and program). Read in part (``portal.terbit``), it holds what was
    read: ``indikator`` only the IKU, or ``program`` empty."""

    indikator: dict[str, AngkaFinal]
    anggaran: tuple[Decimal | None, Decimal | None, Decimal | None] | None
    program: tuple[UangFinal, ...] = ()


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


def kunci_iku(data: dict[str, Any]) -> set[str]:
    """The snapshot keys of the indicators the final's own data flags IKU."""
    try:
        return {i["kunci"] for i in data["sumber"]["indikator"] if i.get("iku")}
    except (KeyError, TypeError, AttributeError):
        return set()


def _teks(v: Decimal | None) -> str | None:
    return str(v) if v is not None else None   # str of a Decimal reads back the same Decimal


def _desimal(v: str | None) -> Decimal | None:
    return Decimal(v) if v is not None else None


def ringkas_publik(data: dict[str, Any], tahun: int) -> dict[str, Any]:
    """What the portal shows of a final, as plain JSON in its parts (``RingkasFinal``'s
    columns), computed once from its snapshot: the figures of ``isi_dari_snapshot``, Decimals
    as exact text; the IKU apart from the other indicators."""
    isi = isi_dari_snapshot(data, tahun)
    iku = kunci_iku(data)
    baris = {k: [a.uraian, _teks(a.target), _teks(a.realisasi), _teks(a.capaian), a.peringkat]
             for k, a in isi.indikator.items()}
    return {
        "versi": RINGKAS_VERSI,
        "iku": {k: v for k, v in baris.items() if k in iku},
        "indikator": {k: v for k, v in baris.items() if k not in iku},
        "anggaran": [_teks(v) for v in isi.anggaran] if isi.anggaran is not None else None,
        "program": [[u.tingkat, u.kode, u.uraian, _teks(u.pagu), _teks(u.realisasi),
                     _teks(u.serapan)] for u in isi.program],
    }


def isi_dari_ringkas(r: dict[str, Any]) -> IsiFinal:
    """The figures back from a stored summary (``ringkas_publik``), or from those of its parts
    ``r`` holds (a part not read gives nothing)."""
    anggaran = r.get("anggaran")
    return IsiFinal(
        {k: AngkaFinal(u, _desimal(t), _desimal(re), _desimal(c), p)
         for bagian in ("iku", "indikator") for k, (u, t, re, c, p) in
         (r.get(bagian) or {}).items()},
        (_desimal(anggaran[0]), _desimal(anggaran[1]), _desimal(anggaran[2]))
        if anggaran is not None else None,
        tuple(UangFinal(ti, ko, ur, _desimal(pa), _desimal(re), _desimal(se))
              for ti, ko, ur, pa, re, se in r.get("program") or ()))


def penyimpan_ringkas(data: dict[str, Any], tahun: int) -> Callable[[list[Any]], Any]:
    """The summary of a final LKjIP's snapshot ``data`` (as the JSON column reads it back) of
    ``tahun``, computed now, and what stores it for the finals made from it (one row each):
    ``make_final``'s companion (``PemilikFinal.bersama``), computed before the owner's lock."""
    r = ringkas_publik(data, tahun)
    return lambda finals: RingkasFinal.objects.bulk_create(
        RingkasFinal(final_id=f.pk, **{k: r[k] for k in BAGIAN}) for f in finals)


def isi_ringkas_kosong(finals: Any) -> int:
    """Store the summary of each final LKjIP of ``finals`` (a queryset) that has none (made
    before summaries were stored, or written by hand): their files, snapshots and hashes are
    not touched. Returns how many were filled."""
    n = 0
    for pk, tahun, data in (finals.filter(dokumen="lakip", ringkas__isnull=True).order_by("pk")
                            .values_list("pk", "tahun", "data").iterator(chunk_size=20)):
        penyimpan_ringkas(data, tahun)([LaporanFinal(pk=pk)])
        n += 1
    return n


def simpan_ringkas_publik(finals: Any) -> int:
    """Migration 0007's filler, kept for it alone (it imports this by name from
    ``portal.terbit``): the summary of each final LKjIP of ``finals`` (the historical model,
    which still has the one-column ``ringkas_publik``) that has none, in that column; migration
    0008 moves it into ``RingkasFinal``."""
    n = 0
    for pk, tahun, data in (finals.filter(dokumen="lakip", ringkas_publik={}).order_by("pk")
                            .values_list("pk", "tahun", "data").iterator(chunk_size=20)):
        finals.filter(pk=pk).update(ringkas_publik=ringkas_publik(data, tahun))
        n += 1
    return n


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
