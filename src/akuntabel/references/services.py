"""The rating scale in force for a pemda on a date, as a core ``Skala``; the code lists of the
edition a pemda plans with, looked up and searched."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When

from akuntabel.core.peringkat import DEFAULT_SKALA, Pita, Skala, pilih_skala
from akuntabel.organizations.models import Pemda
from akuntabel.references.models import (
    EdisiReferensi,
    KodeNomenklatur,
    KodeRekening,
    PadananKode,
    SkalaPeringkat,
    normalisasi,
)


def skala_for(pemda: Pemda, tanggal: date) -> Skala:
    """The pemda's own scale in force on ``tanggal``, else the Permendagri 86/2017 default.

    A pemda scale that does not form valid bands raises ``ValueError`` with the reason.
    """
    own = [
        Skala(kode=s.kode, nama=s.nama, berlaku_mulai=s.berlaku_mulai, dasar_hukum=s.dasar_hukum,
              catatan=s.catatan,
              pita=tuple(Pita(p.batas_bawah, p.label, p.inklusif) for p in s.pita.all()))
        for s in SkalaPeringkat.objects.filter(pemda=pemda).prefetch_related("pita")
    ]
    return pilih_skala([DEFAULT_SKALA, *own], tanggal) or DEFAULT_SKALA


# --- Code lists -------------------------------------------------------------------------------

KODE = re.compile(r"^[0-9X](\.[0-9X]*)*\.?$", re.IGNORECASE)
# A dinas uses the generic support programme X.XX.01 under its own bidang (1.06.01 for Dinas
# Sosial): the lists hold it once, as X.XX.01... (Kepmendagri 050-5889/2021, lampiran).
PENUNJANG = re.compile(r"^(\d\.\d\d)(\.01(\..*)?)$")


@dataclass(frozen=True)
class Nomenklatur:
    """A code of a nomenclature edition, as a planner picks it. ``kode`` is the code as the
    OPD writes it (1.06.01.2.01.0001); ``kode_daftar`` is the list's own (X.XX.01.2.01.0001)."""

    kode: str
    tingkat: str
    nama: str
    kinerja: str
    indikator: str
    satuan: str
    definisi: str
    kode_daftar: str


def edisi_pemda(pemda: Pemda) -> EdisiReferensi | None:
    """The nomenclature edition the pemda plans with: its own choice, else the default edition
    for its kind of region, else None (no list loaded)."""
    if pemda.edisi_referensi_id:
        return pemda.edisi_referensi
    jenis = (EdisiReferensi.Jenis.PROVINSI if pemda.jenis == Pemda.Jenis.PROVINSI
             else EdisiReferensi.Jenis.KABKOTA)
    return (EdisiReferensi.objects.filter(daftar=EdisiReferensi.Daftar.NOMENKLATUR,
                                          jenis=jenis)
            .order_by("-bawaan", "-berlaku_mulai", "kode").first())


def _row(k: KodeNomenklatur, bidang: str | None = None) -> Nomenklatur:
    kode = k.kode.replace("X.XX", bidang, 1) if bidang and k.kode.startswith("X.XX") else k.kode
    return Nomenklatur(kode=kode, tingkat=k.tingkat, nama=k.nama, kinerja=k.kinerja,
                       indikator=k.indikator, satuan=k.satuan, definisi=k.definisi,
                       kode_daftar=k.kode)


def nomenklatur(edisi: EdisiReferensi, kode: str) -> Nomenklatur | None:
    """The code ``kode`` of the edition, or None. A bidang's support programme code
    (1.06.01.2.01.0001) is found as the list's generic X.XX.01.2.01.0001; a code of another
    numbering of the same sub kegiatan (a ``kode_berbeda`` pair of a crosswalk, e.g. SIPD's
    1.06.05.2.02.0008 for the Kepmendagri annex's .0002) as this edition's code."""
    kode = kode.strip()
    found = KodeNomenklatur.objects.filter(edisi=edisi, kode=kode).first()
    if found is not None:
        return _row(found)
    m = PENUNJANG.match(kode)
    if m:
        found = KodeNomenklatur.objects.filter(edisi=edisi, kode="X.XX" + m.group(2)).first()
        if found is not None:
            return _row(found, m.group(1))
    berbeda = PadananKode.objects.filter(status=PadananKode.Status.KODE_BERBEDA)
    sini = (list(berbeda.filter(edisi_asal=edisi, kode_tujuan=kode)
                 .values_list("kode_asal", flat=True))
            + list(berbeda.filter(edisi_tujuan=edisi, kode_asal=kode)
                   .values_list("kode_tujuan", flat=True)))
    if len(sini) == 1:
        found = KodeNomenklatur.objects.filter(edisi=edisi, kode=sini[0]).first()
        if found is not None:
            return replace(_row(found), kode=kode)
    return None


def nomenklatur_many(edisi: EdisiReferensi, kode: Iterable[str]) -> dict[str, Nomenklatur | None]:
    """``nomenklatur`` of many codes (an import's nodes): the codes the edition lists as they
    are read in one query; only the others (a support programme, a crosswalk's other number,
    an unknown code) are looked up one by one, by the same rule."""
    kode = {k.strip() for k in kode}
    ada = {k.kode: _row(k) for k in KodeNomenklatur.objects.filter(edisi=edisi, kode__in=kode)}
    return {k: ada[k] if k in ada else nomenklatur(edisi, k) for k in kode}


def _generik(edisi: EdisiReferensi, kode: str) -> tuple[str, str | None]:
    """``kode`` as the list holds it, and the bidang to write back: a bidang's support programme
    (1.06.01...) is the list's X.XX.01... unless the edition lists it under the bidang."""
    m = PENUNJANG.match(kode)
    if m is None or KodeNomenklatur.objects.filter(edisi=edisi,
                                                   kode=m.group(1) + ".01").exists():
        return kode, None
    return "X.XX" + m.group(2), m.group(1)


def cari_nomenklatur(edisi: EdisiReferensi, q: str, *, tingkat: str | None = None,
                     induk: str | None = None, batas: int = 20) -> list[Nomenklatur]:
    """Codes of the edition matching ``q``: a code prefix (``1.06.04``), else every word of ``q``
    in the name (case-insensitive, any order). Ranked: the exact code, then the codes starting
    with ``q``, then names; each group in code order. ``tingkat`` keeps one level; ``induk``
    keeps the codes under a parent code. An empty ``q`` lists the codes in code order."""
    q = " ".join(q.split())
    rows = KodeNomenklatur.objects.filter(edisi=edisi)
    if tingkat:
        rows = rows.filter(tingkat=tingkat)
    bidang = None
    if induk:
        induk, bidang = _generik(edisi, induk.strip().rstrip("."))
        rows = rows.filter(kode__startswith=induk + ".")
    nama = Q()
    for kata in normalisasi(q).split():
        nama &= Q(cari__contains=kata)
    if KODE.match(q):
        kode, dari_kode = _generik(edisi, q.upper())
        bidang = bidang or dari_kode
        rows = rows.filter(Q(kode__startswith=kode) | nama).annotate(urut=Case(
            When(kode=kode.rstrip("."), then=Value(0)),
            When(kode__startswith=kode, then=Value(1)), default=Value(2)))
    else:
        rows = rows.filter(nama).annotate(urut=Value(2))
    return [_row(k, bidang) for k in rows.order_by("urut", "kode")[:max(batas, 0)]]


def daftar_kode(edisi: EdisiReferensi | None, q: str = "") -> QuerySet[Any]:
    """Every code of the edition (nomenclature or rekening) in code order, for browsing: those
    starting with ``q`` when it is a code, else those whose name holds every word of ``q``."""
    if edisi is None:
        return KodeNomenklatur.objects.none()
    q = " ".join(q.split())
    if edisi.daftar == EdisiReferensi.Daftar.REKENING:
        rows: QuerySet[Any] = KodeRekening.objects.filter(edisi=edisi)
        if KODE.match(q):
            return rows.filter(kode__startswith=q).order_by("kode")
        for kata in q.split():
            rows = rows.filter(uraian__icontains=kata)
        return rows.order_by("kode")
    rows = KodeNomenklatur.objects.filter(edisi=edisi)
    if KODE.match(q):
        return rows.filter(kode__startswith=q.upper()).order_by("kode")
    for kata in normalisasi(q).split():
        rows = rows.filter(cari__contains=kata)
    return rows.order_by("kode")


def edisi_rekening() -> EdisiReferensi | None:
    """The kode rekening edition in use: the default one, else the newest."""
    return (EdisiReferensi.objects.filter(daftar=EdisiReferensi.Daftar.REKENING)
            .order_by("-bawaan", "-berlaku_mulai", "kode").first())


def rekening(edisi: EdisiReferensi, kode: str) -> KodeRekening | None:
    """The account code ``kode`` of the edition, or None (never guessed)."""
    return KodeRekening.objects.filter(edisi=edisi, kode=kode.strip()).first()
