"""The indicators of the tujuan daerah of an RPJMD (IPM, laju pertumbuhan ekonomi, angka
kemiskinan …): the one write path of their definition, baseline, yearly targets and end target,
and of their yearly realisasi, which Bappeda enters from the figure's source (BPS …), not from
OPD entries; and the one reading of a year's figures with their capaian, shared by the RPJMD
screen and the pemda LKjIP.

Every write checks its input first and raises :class:`TujuanError` (field -> message) before
anything is written; it locks the indicator's row, refuses a page read at another version,
advances the pemda's data revision and records each change in the history with the user and
the reason (``audit.services.record_pemda_change``). Changing or removing a value that was
already there needs a reason. The callers check who may write (``daerah.access``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext as _

from akuntabel.audit.services import last_change, record_pemda_change
from akuntabel.common.waktu import format_waktu
from akuntabel.core.angka import Angka, format_angka, parse_angka
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.core.capaian import (
    MetodeTurun,
    Polaritas,
    compute_capaian_target,
    compute_perubahan,
    tulis_rumus_capaian,
)
from akuntabel.daerah.services import IkuError, _unfit
from akuntabel.plans.models import (
    IndikatorTujuanDaerah,
    RealisasiTujuanDaerah,
    Rpjmd,
    TargetTujuanDaerah,
    TujuanDaerah,
)
from akuntabel.revisi.services import naikkan_pemda

SUMBER = "Indikator Tujuan Daerah (RPJMD)"
TEKS = ("kode", "uraian", "satuan", "definisi", "sumber_data")
_PANJANG = {f.name: f.max_length for f in IndikatorTujuanDaerah._meta.get_fields()
            if getattr(f, "max_length", None)}


class TujuanError(IkuError):
    """Input refused before anything was written: field -> message."""


def tahun_rpjmd(rpjmd: Rpjmd) -> list[int]:
    return list(range(rpjmd.tahun_awal, rpjmd.tahun_akhir + 1))


def _angka(teks: str, label: str, field: str, errors: dict[str, str]) -> Decimal | None:
    """The number typed in ``teks`` ("" -> None); an error at ``field`` when it is not one."""
    if not teks:
        return None
    angka = parse_angka(teks)
    if not isinstance(angka, Angka) or len(teks) > 100:
        errors[field] = _("%(label)s: '%(teks)s' is not a number.") % {
            "label": label, "teks": teks[:100]}
        return None
    alasan = cek_batas(angka.nilai, UKURAN)
    if alasan is not None:
        errors[field] = _("%(label)s: %(reason)s") % {"label": label, "reason": alasan}
        return None
    return angka.nilai


def _stale(obj: Any) -> str:
    oleh, pada = last_change(obj)
    return _("It was changed by %(oleh)s on %(pada)s after you opened this page, so nothing "
             "was saved; reload the page.") % {"oleh": oleh or _("another user"),
                                               "pada": format_waktu(pada) or _("an unknown time")}


def _read(rpjmd: Rpjmd, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[int, str]]:
    """The fields and the targets (year -> text) of a typed indicator, checked."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {k: str(data.get(k, "") or "").strip() for k in TEKS}
    for k in TEKS:
        if _unfit(values[k], _PANJANG.get(k, 5000)):
            errors[k] = _("Too long or holds control characters.")
    if not values["uraian"]:
        errors["uraian"] = _("Enter the description of the indicator.")
    if not values["satuan"]:
        errors["satuan"] = _("Enter the unit of the indicator.")
    polaritas = str(data.get("polaritas") or Polaritas.NAIK)
    if polaritas not in (Polaritas.NAIK, Polaritas.TURUN):
        errors["polaritas"] = _("'%(value)s' is not a valid choice.") % {"value": polaritas[:40]}
    metode = str(data.get("metode_turun") or MetodeTurun.SELISIH)
    if metode not in (MetodeTurun.SELISIH, MetodeTurun.RASIO):
        errors["metode_turun"] = _("'%(value)s' is not a valid choice.") % {"value": metode[:40]}
    values["polaritas"], values["metode_turun"] = polaritas, metode
    tahun_awal = str(data.get("kondisi_awal_tahun", "") or "").strip()
    values["kondisi_awal_tahun"] = None
    if tahun_awal:
        if not (tahun_awal.isascii() and tahun_awal.isdigit() and len(tahun_awal) == 4):
            errors["kondisi_awal_tahun"] = _("The baseline year must be a year, e.g. %(th)s.") % {
                "th": rpjmd.tahun_awal - 1}
        else:
            values["kondisi_awal_tahun"] = int(tahun_awal)
    for field, label in (("kondisi_awal", _("Baseline")), ("kondisi_akhir", _("End target"))):
        teks = str(data.get(field, "") or "").strip()
        values[f"{field}_teks"] = teks[:100]
        values[field] = _angka(teks, str(label), field, errors)
    targets: dict[int, str] = {}
    for tahun in tahun_rpjmd(rpjmd):
        teks = str(data.get(f"target_{tahun}", "") or "").strip()
        _angka(teks, _("Target %(tahun)s") % {"tahun": tahun}, f"target_{tahun}", errors)
        targets[tahun] = teks
    if errors:
        raise TujuanError(errors)
    return values, targets


@transaction.atomic
def simpan_indikator(tujuan: TujuanDaerah, data: Mapping[str, Any], *, user: Any,
                     indikator: IndikatorTujuanDaerah | None = None, versi: int | None = None,
                     alasan: str = "") -> IndikatorTujuanDaerah:
    """Add an indicator to ``tujuan`` (``indikator`` None) or change ``indikator`` as read at
    ``versi``: its fields, baseline, end target and the targets of the RPJMD years
    (``target_<tahun>``; empty clears one). A change to an existing indicator needs a
    reason."""
    rpjmd = tujuan.rpjmd
    values, targets = _read(rpjmd, data)
    alasan = alasan.strip()
    if indikator is not None and (not alasan or _unfit(alasan)):
        raise TujuanError({"alasan": _("Say why the indicator or its targets are changed.")})
    if _unfit(alasan):
        raise TujuanError({"alasan": _("Too long or holds control characters.")})
    pemda = rpjmd.pemda
    naikkan_pemda(pemda)  # the revision of its documents
    if indikator is None:
        indikator = IndikatorTujuanDaerah.objects.create(
            tujuan_daerah=tujuan, urutan=tujuan.indikator.count() + 1, **values)
        record_pemda_change(pemda, indikator, "uraian", "", indikator.uraian, sumber=SUMBER,
                            oleh=user, alasan=alasan)
    else:
        indikator = IndikatorTujuanDaerah.objects.select_for_update(of=("self",)).get(
            pk=indikator.pk)
        if versi is not None and versi != indikator.versi:
            raise TujuanError({"versi": _stale(indikator)})
        for field, value in values.items():
            record_pemda_change(pemda, indikator, field, getattr(indikator, field), value,
                                sumber=SUMBER, oleh=user, alasan=alasan)
            setattr(indikator, field, value)
        indikator.versi += 1
        indikator.save()
    lama = {t.tahun: t for t in indikator.target.all()}
    for tahun, teks in targets.items():
        row = lama.get(tahun)
        record_pemda_change(pemda, indikator, f"target {tahun}", row.teks if row else "", teks,
                            sumber=SUMBER, oleh=user, alasan=alasan)
        nilai = parse_angka(teks).nilai if teks else None  # type: ignore[union-attr]
        if not teks:
            if row is not None:
                row.delete()
        elif row is None:
            TargetTujuanDaerah.objects.create(indikator=indikator, tahun=tahun, teks=teks,
                                              nilai=nilai)
        elif row.teks != teks:
            row.teks, row.nilai = teks, nilai
            row.save()
    return indikator


@transaction.atomic
def hapus_indikator(indikator: IndikatorTujuanDaerah, *, user: Any, alasan: str) -> None:
    """Remove an indicator with its targets and realisasi; the reason is required."""
    alasan = alasan.strip()
    if not alasan or _unfit(alasan):
        raise TujuanError({"alasan": _("Say why the indicator is removed.")})
    pemda = indikator.tujuan_daerah.rpjmd.pemda
    naikkan_pemda(pemda)  # the revision of its documents
    indikator = IndikatorTujuanDaerah.objects.select_for_update(of=("self",)).get(
        pk=indikator.pk)
    record_pemda_change(pemda, indikator, "uraian", indikator.uraian, "", sumber=SUMBER,
                        oleh=user, alasan=alasan)
    indikator.delete()


@transaction.atomic
def simpan_realisasi(indikator: IndikatorTujuanDaerah, tahun: int, *, teks: str, sumber: str,
                     versi: int, user: Any, alasan: str = "") -> RealisasiTujuanDaerah | None:
    """Write the realisasi of ``tahun`` as read at ``versi`` (0: there was none): the figure
    as published and its source (the publication it was taken from). An empty figure removes
    it. Changing or removing a figure needs a reason. Returns the row (None when removed)."""
    teks, sumber, alasan = teks.strip(), sumber.strip(), alasan.strip()
    rpjmd = indikator.tujuan_daerah.rpjmd
    errors: dict[str, str] = {}
    if tahun not in tahun_rpjmd(rpjmd):
        errors["tahun"] = _("The year must lie in the RPJMD period %(awal)s–%(akhir)s.") % {
            "awal": rpjmd.tahun_awal, "akhir": rpjmd.tahun_akhir}
    nilai = _angka(teks, _("Realisasi %(tahun)s") % {"tahun": tahun}, "teks", errors)
    if teks and not sumber:
        errors["sumber"] = _("Name the source of the figure (e.g. BPS, the publication and "
                             "its number).")
    if _unfit(sumber, 300):
        errors["sumber"] = _("Too long or holds control characters.")
    if _unfit(alasan):
        errors["alasan"] = _("Too long or holds control characters.")
    if errors:
        raise TujuanError(errors)
    pemda = rpjmd.pemda
    naikkan_pemda(pemda)  # the revision of its documents
    IndikatorTujuanDaerah.objects.select_for_update(of=("self",)).get(pk=indikator.pk)
    row = RealisasiTujuanDaerah.objects.filter(indikator=indikator, tahun=tahun).first()
    if (row.versi if row else 0) != versi:
        raise TujuanError({"versi": _stale(row) if row else _(
            "The figure was removed by someone else after you opened this page, so nothing "
            "was saved; reload the page.")})
    if row is not None and (teks, sumber) != (row.teks, row.sumber) and not alasan:
        raise TujuanError({"alasan": _("Say why the figure of %(tahun)s is changed.") % {
            "tahun": tahun}})
    if row is None:
        if not teks:
            return None
        try:
            with transaction.atomic():   # a figure saved meanwhile for the same year
                row = RealisasiTujuanDaerah.objects.create(indikator=indikator, tahun=tahun,
                                                           teks=teks, nilai=nilai,
                                                           sumber=sumber)
        except IntegrityError:
            raise TujuanError({"versi": _("The figure was just saved by someone else; reload "
                                          "the page.")}) from None
        record_pemda_change(pemda, row, "nilai", "", teks, sumber=SUMBER, oleh=user,
                            alasan=alasan)
        record_pemda_change(pemda, row, "sumber", "", sumber, sumber=SUMBER, oleh=user,
                            alasan=alasan)
        return row
    record_pemda_change(pemda, row, "nilai", row.teks, teks, sumber=SUMBER, oleh=user,
                        alasan=alasan)
    record_pemda_change(pemda, row, "sumber", row.sumber, sumber, sumber=SUMBER, oleh=user,
                        alasan=alasan)
    if not teks:
        row.delete()
        return None
    RealisasiTujuanDaerah.objects.filter(pk=row.pk).update(
        teks=teks, nilai=nilai, sumber=sumber, versi=F("versi") + 1)
    row.refresh_from_db()
    return row


# --- The one reading of a year ------------------------------------------------------------

@dataclass(frozen=True)
class BarisTujuan:
    """An indicator of a tujuan daerah with its figures of ``tahun``: the target, the
    realisasi (None: not entered), the capaian by ``core.capaian`` and its worked formula,
    last year's realisasi and the change, and the RPJMD end target with the capaian
    against it."""

    indikator: IndikatorTujuanDaerah
    tahun: int
    target: TargetTujuanDaerah | None
    realisasi: RealisasiTujuanDaerah | None
    capaian: Decimal | None
    rumus: str
    lalu: RealisasiTujuanDaerah | None
    perubahan_persen: Decimal | None
    membaik: bool | None
    capaian_akhir: Decimal | None
    rumus_akhir: str

    @property
    def kurang(self) -> str:
        """Why there is no capaian, in words ("" when there is one)."""
        if self.realisasi is None:
            sumber = self.indikator.sumber_data
            return (f"realisasi {self.tahun} belum diisi Bappeda"
                    + (f"; sumber data: {sumber}" if sumber else ""))
        if self.target is None:
            return f"target {self.tahun} belum ditetapkan dalam RPJMD"
        if self.capaian is None:
            return "capaian tidak dapat dihitung (target 0 atau bukan angka)"
        return ""


def _capaian(target_teks: str, target: Decimal | None, r: RealisasiTujuanDaerah | None,
             i: IndikatorTujuanDaerah) -> tuple[Decimal | None, str]:
    if r is None or (target is None and not target_teks):
        return None, ""
    kw = {"target_teks": target_teks, "realisasi_teks": r.teks}
    return (compute_capaian_target(target, r.nilai, i.polaritas, i.metode_turun, **kw),
            tulis_rumus_capaian(target, r.nilai, i.polaritas, i.metode_turun, **kw))


def baca_indikator(rpjmd: Rpjmd, realisasi: QuerySet[RealisasiTujuanDaerah] | None = None
                   ) -> list[IndikatorTujuanDaerah]:
    """The RPJMD's indicators in order with their targets and realisasi (``realisasi``: only
    those of that queryset, e.g. the public ones), in three queries."""
    return list(IndikatorTujuanDaerah.objects.filter(tujuan_daerah__rpjmd=rpjmd)
                .select_related("tujuan_daerah")
                .prefetch_related("target", Prefetch(
                    "realisasi", RealisasiTujuanDaerah.objects.all() if realisasi is None
                    else realisasi))
                .order_by("tujuan_daerah_id", "urutan", "id"))


def baca_tahun(rpjmd: Rpjmd, tahun: int,
               indikator: list[IndikatorTujuanDaerah] | None = None
               ) -> dict[int, list[BarisTujuan]]:
    """Tujuan daerah pk -> its indicators with their figures of ``tahun``, in order (three
    queries; none when ``indikator`` is given, as ``baca_indikator`` read them: a reader of
    several years reads once)."""
    if indikator is None:
        indikator = baca_indikator(rpjmd)
    out: dict[int, list[BarisTujuan]] = {}
    for i in indikator:
        target = next((t for t in i.target.all() if t.tahun == tahun), None)
        kini = next((r for r in i.realisasi.all() if r.tahun == tahun), None)
        lalu = next((r for r in i.realisasi.all() if r.tahun == tahun - 1), None)
        capaian, rumus = _capaian(target.teks if target else "",
                                  target.nilai if target else None, kini, i)
        akhir, rumus_akhir = _capaian(i.kondisi_akhir_teks, i.kondisi_akhir, kini, i)
        ubah = compute_perubahan(lalu.nilai if lalu else None, kini.nilai if kini else None,
                                 i.polaritas)
        out.setdefault(i.tujuan_daerah_id, []).append(BarisTujuan(
            i, tahun, target, kini, capaian, rumus, lalu, ubah.persen, ubah.membaik,
            akhir, rumus_akhir))
    return out


def arah_perubahan(b: BarisTujuan) -> str:
    """The change from last year read by the polarity ("membaik"), "" without one."""
    if b.membaik is None:
        return ""
    return "membaik" if b.membaik else "tidak membaik"


def rumus_perubahan(b: BarisTujuan) -> str:
    if b.perubahan_persen is None or b.lalu is None or b.realisasi is None:
        return ""
    return (f"({format_angka(b.realisasi.nilai)} − {format_angka(b.lalu.nilai)}) ÷ "
            f"|{format_angka(b.lalu.nilai)}| × 100")
