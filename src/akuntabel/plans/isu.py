"""Writing strategic issues (isu strategis) and their USG scores: the one path the page (and any
later import) takes. All or nothing: refused, writing nothing, when a score lies outside the
pemda's USG scale (``core.usg``), the description is empty or repeats another issue of the
Renstra, a linked tujuan or sasaran belongs to another Renstra, a score that had a value or the
issue itself goes without a reason, a priority is chosen without its reason, or another person
saved since the page was read. Every change is recorded in the history with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from akuntabel.audit.services import last_change, record_change, record_pemda_change
from akuntabel.common.teks import karakter_kendali
from akuntabel.core.usg import DEFAULT_SKALA_USG, SkalaUsg, periksa_skor
from akuntabel.organizations.models import Pemda
from akuntabel.plans.models import IsuStrategis, Misi, Renstra, Sasaran, Tujuan
from akuntabel.plans.models import SkalaUsg as SkalaUsgPemda
from akuntabel.plans.services import versi_pengganti

SKOR = (("urgensi", "Urgensi (U)"), ("keseriusan", "Keseriusan (S)"),
        ("pertumbuhan", "Pertumbuhan (G)"))


class IsuTidakSah(Exception):
    """The input is refused; ``galat`` maps each field to why."""

    def __init__(self, galat: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in galat.items()))
        self.galat = galat


@dataclass
class IsuBasi(Exception):
    """Another save changed or removed the issue after the page was read."""

    oleh: str
    pada: datetime | None


@dataclass(frozen=True)
class DataIsu:
    """An issue as typed: its description, scores (None: not scored), the RPJMD misi number it
    concerns, a note, and the pks of the Renstra's tujuan and sasaran that answer it."""

    uraian: str
    urgensi: Decimal | None = None
    keseriusan: Decimal | None = None
    pertumbuhan: Decimal | None = None
    misi_nomor: int | None = None
    catatan: str = ""
    tujuan: frozenset[int] = frozenset()
    sasaran: frozenset[int] = frozenset()


def skala_usg_for(pemda: Pemda) -> SkalaUsg:
    """The pemda's USG scale; 1–5 when it has set none."""
    row = SkalaUsgPemda.objects.filter(pemda=pemda).first()
    if row is None:
        return DEFAULT_SKALA_USG
    return SkalaUsg(Decimal(row.nilai_min), Decimal(row.nilai_maks))


def _polos(nilai: Decimal | None) -> str:
    if nilai is None:
        return ""
    teks = f"{nilai:f}"
    return teks.rstrip("0").rstrip(".") if "." in teks else teks


def _normal(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def _check(renstra: Renstra, data: DataIsu, isu: IsuStrategis | None) -> dict[str, str]:
    galat: dict[str, str] = {}
    uraian = data.uraian.strip()
    if not uraian:
        galat["uraian"] = _("Write the strategic issue.")
    for name, text in (("uraian", data.uraian), ("catatan", data.catatan)):
        kendali = karakter_kendali(text)
        if kendali:
            galat[name] = _("The text holds an invisible control character (%(k)s); remove "
                            "it.") % {"k": kendali}
    if uraian and "uraian" not in galat:
        others = IsuStrategis.objects.filter(renstra=renstra).exclude(
            pk=isu.pk if isu else None).values_list("uraian", flat=True)
        if any(_normal(o) == _normal(uraian) for o in others):
            galat["uraian"] = _("This Renstra already has the strategic issue “%(uraian)s”."
                                ) % {"uraian": uraian}
    if data.misi_nomor is not None and not Misi.objects.filter(
            rpjmd_id=renstra.rpjmd_id, nomor=data.misi_nomor).exists():
        galat["misi_nomor"] = _("The RPJMD has no mission number %(n)s.") % {
            "n": data.misi_nomor}
    skala = skala_usg_for(renstra.perangkat_daerah.pemda)
    for field, nama in SKOR:
        pesan = periksa_skor(nama, getattr(data, field), skala)
        if pesan:
            galat[field] = pesan
    own_tujuan = set(Tujuan.objects.filter(renstra=renstra, pk__in=data.tujuan)
                     .values_list("pk", flat=True))
    if own_tujuan != set(data.tujuan):
        galat["tujuan"] = _("A goal (tujuan) chosen is not one of this Renstra's.")
    own_sasaran = set(Sasaran.objects.filter(tujuan__renstra=renstra, pk__in=data.sasaran)
                      .values_list("pk", flat=True))
    if own_sasaran != set(data.sasaran):
        galat["sasaran"] = _("An objective (sasaran) chosen is not one of this Renstra's.")
    return galat


def _stale(isu: IsuStrategis) -> IsuBasi:
    oleh, pada = last_change(isu)
    return IsuBasi(oleh, pada)


def _cek_versi_terbaru(renstra: Renstra, field: str = "__all__") -> None:
    """A Renstra version already changed by a Renstra perubahan keeps the issues it was made
    with: refused (at ``field``), the latest version is the one to change
    (``plans.perubahan``)."""
    if (pengganti := versi_pengganti(renstra)) is not None:
        raise IsuTidakSah({field: _(
            "This version has already been changed by the version in force from %(tahun)s; "
            "change the latest version.") % {"tahun": pengganti.berlaku_mulai}})


def _labels(objs: Any) -> str:
    return "; ".join(o.uraian for o in objs)


def save_isu(renstra: Renstra, data: DataIsu, *, isu: IsuStrategis | None = None,
             versi: int = 0, oleh: Any, alasan: str, sumber: str) -> IsuStrategis:
    """Create (``isu`` None) or change an issue of ``renstra`` and return it. ``versi`` is the
    version the page was read at. A change of a score that had a value needs ``alasan``."""
    if isu is not None and isu.renstra_id != renstra.pk:
        raise ValueError("isu of another Renstra")
    _cek_versi_terbaru(renstra)
    galat = _check(renstra, data, isu)
    if isu is not None and not alasan.strip() and any(
            getattr(isu, f) is not None and getattr(isu, f) != getattr(data, f)
            for f, _nama in SKOR):
        galat["alasan"] = _("Reason for the change: write why a score that already had a "
                            "value is changed.")
    if galat:
        raise IsuTidakSah(galat)
    if isu is not None and isu.versi != versi:
        raise _stale(isu)
    values = {"uraian": data.uraian.strip(), "urgensi": data.urgensi,
              "keseriusan": data.keseriusan, "pertumbuhan": data.pertumbuhan,
              "misi_nomor": data.misi_nomor, "catatan": data.catatan.strip()}
    opd = renstra.perangkat_daerah
    how = {"sumber": sumber, "oleh": oleh, "alasan": alasan.strip()}
    with transaction.atomic():
        if isu is None:
            urutan = IsuStrategis.objects.filter(renstra=renstra).count()
            baru = IsuStrategis.objects.create(renstra=renstra, urutan=urutan, **values)
            lama_tujuan: list[Tujuan] = []
            lama_sasaran: list[Sasaran] = []
            lama = {k: "" for k in values}
        else:
            lama = {k: getattr(isu, k) for k in values}
            lama_tujuan, lama_sasaran = list(isu.tujuan.all()), list(isu.sasaran.all())
            if not IsuStrategis.objects.filter(pk=isu.pk, versi=versi).update(
                    versi=F("versi") + 1, **values):
                raise _stale(isu)
            baru = IsuStrategis.objects.get(pk=isu.pk)
        baru.tujuan.set(data.tujuan)
        baru.sasaran.set(data.sasaran)
        for k, v in values.items():
            old = lama[k]
            record_change(opd, baru, k, _polos(old) if isinstance(old, Decimal) else old,
                          _polos(v) if isinstance(v, Decimal) else v, **how)
        record_change(opd, baru, "tujuan", _labels(lama_tujuan), _labels(baru.tujuan.all()),
                      **how)
        record_change(opd, baru, "sasaran", _labels(lama_sasaran),
                      _labels(baru.sasaran.all()), **how)
    return baru


def delete_isu(isu: IsuStrategis, versi: int, *, oleh: Any, alasan: str, sumber: str) -> None:
    """Remove ``isu``; a reason is required and kept in the history."""
    _cek_versi_terbaru(isu.renstra, "alasan")
    if not alasan.strip():
        raise IsuTidakSah({"alasan": _("Write why this strategic issue is removed.")})
    opd = isu.renstra.perangkat_daerah
    with transaction.atomic():
        record_change(opd, isu, "dihapus", isu.uraian, _("removed"), sumber=sumber, oleh=oleh,
                      alasan=alasan.strip())
        if not IsuStrategis.objects.filter(pk=isu.pk, versi=versi).delete()[0]:
            raise _stale(isu)


def set_prioritas(isu: IsuStrategis, prioritas: bool, alasan_prioritas: str, versi: int, *,
                  oleh: Any, sumber: str) -> None:
    """Choose ``isu`` as a priority (or no longer); the reason is required either way, kept on
    the issue when chosen and in the history."""
    _cek_versi_terbaru(isu.renstra, "alasan_prioritas")
    alasan = alasan_prioritas.strip()
    if not alasan:
        raise IsuTidakSah({"alasan_prioritas": _(
            "Write why this issue is (or is no longer) a priority.")})
    kendali = karakter_kendali(alasan)
    if kendali:
        raise IsuTidakSah({"alasan_prioritas": _(
            "The text holds an invisible control character (%(k)s); remove it.") % {
                "k": kendali}})
    simpan = alasan if prioritas else ""
    opd = isu.renstra.perangkat_daerah
    with transaction.atomic():
        if not IsuStrategis.objects.filter(pk=isu.pk, versi=versi).update(
                prioritas=prioritas, alasan_prioritas=simpan, versi=F("versi") + 1):
            raise _stale(isu)
        how = {"sumber": sumber, "oleh": oleh, "alasan": alasan}
        record_change(opd, isu, "prioritas", "ya" if isu.prioritas else "tidak",
                      "ya" if prioritas else "tidak", **how)
        record_change(opd, isu, "alasan_prioritas", isu.alasan_prioritas, simpan, **how)


SKALA_MAKS = 100  # project convention: a USG score above 100 is a typing error


def set_skala_usg(pemda: Pemda, nilai_min: int, nilai_maks: int, *, oleh: Any,
                  sumber: str) -> None:
    """Set the pemda's USG scale; refused, writing nothing, when the highest is not above the
    lowest, lies above ``SKALA_MAKS``, or a score already stored lies outside it (the issues
    named). Recorded in the pemda's history."""
    if not 0 <= nilai_min < nilai_maks <= SKALA_MAKS:
        raise IsuTidakSah({"skala": _(
            "The highest score must be above the lowest, from 0 to %(maks)s.") % {
                "maks": SKALA_MAKS}})
    baru = SkalaUsg(Decimal(nilai_min), Decimal(nilai_maks))
    luar = []
    for isu in (IsuStrategis.objects.filter(renstra__perangkat_daerah__pemda=pemda)
                .select_related("renstra__perangkat_daerah").order_by("pk")):
        for field, nama in SKOR:
            pesan = periksa_skor(nama, getattr(isu, field), baru)
            if pesan:
                luar.append(f"{isu.renstra.perangkat_daerah.nama}, “{isu.uraian}”: {pesan}")
    if luar:
        raise IsuTidakSah({"skala": _(
            "Scores already stored lie outside the new scale; change them first: %(daftar)s"
        ) % {"daftar": "; ".join(luar[:5]) + ("; …" if len(luar) > 5 else "")}})
    lama = str(skala_usg_for(pemda))
    with transaction.atomic():
        row, _created = SkalaUsgPemda.objects.update_or_create(
            pemda=pemda, defaults={"nilai_min": nilai_min, "nilai_maks": nilai_maks})
        record_pemda_change(pemda, row, "skala USG", lama, str(baru), sumber=sumber,
                            oleh=oleh)
