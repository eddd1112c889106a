"""The one write path of the IKU of the pemda: a Perkada version (copying the set in force
before it to edit), an IKU with its responsible agencies and yearly targets, and the links of
an IKU to OPD indicators (proposed by the OPD, approved or rejected by Bappeda).

Every function checks its input first and raises :class:`IkuError` (field -> message) before
anything is written; a write is all or nothing and every change is recorded in the history
with the user and the reason (``audit.services``); each advances its pemda's data revision
(``naikkan_pemda``) before its first write, so the pemda's documents are computed again and
no other pemda's are. The callers check who may write (``daerah.access``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from akuntabel.audit.services import record_change, record_pemda_change
from akuntabel.common.teks import karakter_kendali
from akuntabel.core.angka import Angka, parse_angka
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.core.capaian import MetodeTurun, Polaritas
from akuntabel.core.rumus import SUM, AgregasiIku, RumusError, periksa_rumus
from akuntabel.daerah.models import IkuDaerah, Perkada, TargetIku, TautanIku
from akuntabel.organizations.models import Pemda
from akuntabel.plans.models import Indikator, Rpjmd, SasaranDaerah
from akuntabel.revisi.services import naikkan_pemda

SUMBER = "IKU Pemda"
TEKS_MAKS = 5000
_NAMA = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
# The longest text each field of an IKU holds (its column's length).
_PANJANG = {f.name: f.max_length for f in IkuDaerah._meta.get_fields()
            if getattr(f, "max_length", None)}
FIELDS = ("kode", "uraian", "definisi", "rumus", "satuan", "polaritas", "metode_turun",
          "agregasi", "sumber_data", "sasaran_daerah_id")


class IkuError(Exception):
    """Input refused before anything was written: field -> message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


def _unfit(teks: str, panjang: int = TEKS_MAKS) -> bool:
    """Text that cannot be stored: longer than its column, or with a control character."""
    return len(teks) > panjang or karakter_kendali(teks) is not None


def perkada_berlaku(pemda: Pemda, tahun: int) -> Perkada | None:
    """The Perkada a year is measured against: of the RPJMD covering ``tahun``, the one with
    the latest ``berlaku_mulai`` not after it."""
    return (Perkada.objects.filter(rpjmd__pemda=pemda, rpjmd__tahun_awal__lte=tahun,
                                   rpjmd__tahun_akhir__gte=tahun, berlaku_mulai__lte=tahun)
            .select_related("rpjmd").order_by("-berlaku_mulai", "-id").first())


def tahun_rpjmd(rpjmd: Rpjmd) -> list[int]:
    return list(range(rpjmd.tahun_awal, rpjmd.tahun_akhir + 1))


@transaction.atomic
def buat_perkada(rpjmd: Rpjmd, *, nomor: str, tanggal: date | None, tentang: str,
                 berlaku_mulai: int | None, user: Any, alasan: str = "") -> Perkada:
    """A new Perkada version; the IKU of the version in force before it (their targets,
    responsible agencies and approved links) are copied to it to edit."""
    nomor, tentang = nomor.strip(), tentang.strip()
    errors = _check_perkada(nomor, tanggal, tentang)
    if berlaku_mulai is None or not rpjmd.tahun_awal <= berlaku_mulai <= rpjmd.tahun_akhir:
        errors["berlaku_mulai"] = _("The year it is in force from must lie in the RPJMD "
                                    "period %(awal)s–%(akhir)s.") % {
            "awal": rpjmd.tahun_awal, "akhir": rpjmd.tahun_akhir}
    elif Perkada.objects.filter(rpjmd=rpjmd, berlaku_mulai=berlaku_mulai).exists():
        errors["berlaku_mulai"] = _("A Perkada on the IKU already applies from %(tahun)s.") % {
            "tahun": berlaku_mulai}
    if errors:
        raise IkuError(errors)
    assert berlaku_mulai is not None and tanggal is not None
    naikkan_pemda(rpjmd.pemda)  # the revision of its documents
    sebelum = (Perkada.objects.filter(rpjmd=rpjmd, berlaku_mulai__lt=berlaku_mulai)
               .order_by("-berlaku_mulai").first())
    try:
        with transaction.atomic():   # a version saved meanwhile for the same year
            perkada = Perkada.objects.create(rpjmd=rpjmd, nomor=nomor, tanggal=tanggal,
                                             tentang=tentang, berlaku_mulai=berlaku_mulai,
                                             menggantikan=sebelum)
    except IntegrityError:
        raise IkuError({"berlaku_mulai": _("A Perkada on the IKU already applies from "
                                           "%(tahun)s.") % {"tahun": berlaku_mulai}}) from None
    record_pemda_change(rpjmd.pemda, perkada, "nomor", "", nomor, sumber=SUMBER, oleh=user,
                        alasan=alasan)
    if sebelum is not None:
        _copy(sebelum, perkada, user)
    return perkada


def _check_perkada(nomor: str, tanggal: date | None, tentang: str) -> dict[str, str]:
    errors = {}
    if not nomor or _unfit(nomor, 100):
        errors["nomor"] = _("Enter the number of the Perkada (at most 100 characters).")
    if tanggal is None:
        errors["tanggal"] = _("Enter the date of the Perkada (YYYY-MM-DD).")
    if not tentang or _unfit(tentang):
        errors["tentang"] = _("Enter what the Perkada is about.")
    return errors


@transaction.atomic
def ubah_perkada(perkada: Perkada, *, nomor: str, tanggal: date | None, tentang: str,
                 user: Any, alasan: str = "") -> Perkada:
    """Correct the number, date or subject of a Perkada. The year it is in force from is
    not changed: a new version is added instead (the years measured against each)."""
    nomor, tentang = nomor.strip(), tentang.strip()
    errors = _check_perkada(nomor, tanggal, tentang)
    if errors:
        raise IkuError(errors)
    perkada = Perkada.objects.select_for_update().select_related("rpjmd__pemda").get(
        pk=perkada.pk)
    naikkan_pemda(perkada.rpjmd.pemda)  # the revision of its documents
    for field, value in (("nomor", nomor), ("tanggal", tanggal), ("tentang", tentang)):
        record_pemda_change(perkada.rpjmd.pemda, perkada, field, getattr(perkada, field), value,
                            sumber=SUMBER, oleh=user, alasan=alasan)
        setattr(perkada, field, value)
    perkada.save()
    return perkada


def _copy(sebelum: Perkada, perkada: Perkada, user: Any) -> None:
    for lama in sebelum.iku.prefetch_related("penanggung_jawab", "target", "tautan"):
        baru = IkuDaerah.objects.create(perkada=perkada, **{
            f: getattr(lama, f) for f in (*FIELDS, "urutan")})
        baru.penanggung_jawab.set(lama.penanggung_jawab.all())
        TargetIku.objects.bulk_create(TargetIku(iku=baru, tahun=t.tahun, teks=t.teks,
                                                nilai=t.nilai) for t in lama.target.all())
        TautanIku.objects.bulk_create(
            TautanIku(iku=baru, indikator_id=t.indikator_id, nama=t.nama, catatan=t.catatan,
                      status=t.status, catatan_verifikasi=t.catatan_verifikasi,
                      diusulkan_oleh_id=t.diusulkan_oleh_id,
                      diputuskan_oleh_id=t.diputuskan_oleh_id)
            for t in lama.tautan.all() if t.status == TautanIku.Status.DISETUJUI)
        record_pemda_change(perkada.rpjmd.pemda, baru, "uraian", "", baru.uraian,
                            sumber=SUMBER, oleh=user,
                            alasan=_("Copied from Perkada %(nomor)s") % {"nomor": sebelum.nomor})


def _choice(value: str, choices: type, field: str, errors: dict[str, str]) -> str:
    try:
        return str(choices(value))
    except ValueError:
        errors[field] = _("'%(value)s' is not a valid choice.") % {"value": value}
        return ""


def _read_iku(perkada: Perkada, data: Mapping[str, Any]
              ) -> tuple[dict[str, Any], list[int], dict[int, tuple[str, Decimal | None]]]:
    errors: dict[str, str] = {}
    text = {k: str(data.get(k, "") or "").strip() for k in
            ("kode", "uraian", "definisi", "rumus", "satuan", "sumber_data")}
    for k, v in text.items():
        if _unfit(v, _PANJANG.get(k, TEKS_MAKS)):
            errors[k] = _("Too long or holds control characters.")
    if not text["uraian"]:
        errors["uraian"] = _("Enter the description of the IKU.")
    if not text["satuan"]:
        errors["satuan"] = _("Enter the unit of the IKU.")
    if text["rumus"]:
        try:
            periksa_rumus(text["rumus"])
        except RumusError as err:
            errors["rumus"] = _("The formula is not valid: %(reason)s") % {"reason": err}
    values: dict[str, Any] = dict(text)
    values["polaritas"] = _choice(str(data.get("polaritas") or "naik"), Polaritas,
                                  "polaritas", errors)
    if values["polaritas"] not in ("", Polaritas.NAIK, Polaritas.TURUN):
        errors["polaritas"] = _("'%(value)s' is not a valid choice.") % {
            "value": values["polaritas"]}
    values["metode_turun"] = _choice(str(data.get("metode_turun") or "selisih"), MetodeTurun,
                                     "metode_turun", errors)
    values["agregasi"] = _choice(str(data.get("agregasi") or "jumlah"), AgregasiIku,
                                 "agregasi", errors)
    sasaran = SasaranDaerah.objects.filter(
        pk=baca_id(data.get("sasaran_daerah")), tujuan_daerah__rpjmd=perkada.rpjmd).first()
    if sasaran is None:
        errors["sasaran_daerah"] = _("Choose a sasaran daerah of this RPJMD.")
    values["sasaran_daerah_id"] = sasaran.pk if sasaran else None
    raw = data.getlist("penanggung_jawab") if hasattr(data, "getlist") else \
        data.get("penanggung_jawab", [])
    wanted = {baca_id(v) for v in raw} - {None}
    opd = list(perkada.rpjmd.pemda.perangkat_daerah.filter(pk__in=wanted)
               .values_list("pk", flat=True))
    if not wanted or len(opd) != len(wanted):
        errors["penanggung_jawab"] = _("Choose one or more agencies of this pemda.")
    targets: dict[int, tuple[str, Decimal | None]] = {}
    for tahun in tahun_rpjmd(perkada.rpjmd):
        teks = str(data.get(f"target_{tahun}", "") or "").strip()
        if not teks:
            targets[tahun] = ("", None)
            continue
        angka = parse_angka(teks)
        if not isinstance(angka, Angka) or len(teks) > 100:
            errors[f"target_{tahun}"] = _("Target %(tahun)s: '%(teks)s' is not a number.") % {
                "tahun": tahun, "teks": teks[:100]}
            continue
        alasan = cek_batas(angka.nilai, UKURAN)
        if alasan is not None:
            errors[f"target_{tahun}"] = _("Target %(tahun)s: %(reason)s") % {
                "tahun": tahun, "reason": alasan}
            continue
        targets[tahun] = (teks, angka.nilai)
    if errors:
        raise IkuError(errors)
    return values, opd, targets


def baca_id(value: Any) -> int | None:
    """A database id typed in a form: at most 18 ASCII digits (below 2^63, the largest id the
    database holds, as ``akuntabel.converters`` rules for URLs), else None."""
    teks = str(value if value is not None else "").strip()
    if not teks or len(teks) > 18 or not teks.isascii() or not teks.isdigit():
        return None
    return int(teks)


@transaction.atomic
def simpan_iku(perkada: Perkada, data: Mapping[str, Any], *, user: Any,
               iku: IkuDaerah | None = None, alasan: str = "",
               urutan: int | None = None) -> IkuDaerah:
    """Add an IKU to ``perkada`` (``iku`` None) or change ``iku``: its fields, responsible
    agencies and the targets of the RPJMD years (``target_<tahun>``; empty clears it). A new
    IKU comes last, or at ``urutan`` (a dataset load keeps the file's order)."""
    values, opd, targets = _read_iku(perkada, data)
    pemda = perkada.rpjmd.pemda
    naikkan_pemda(pemda)  # the revision of its documents
    if iku is None:
        iku = IkuDaerah.objects.create(perkada=perkada,
                                       urutan=urutan or perkada.iku.count() + 1, **values)
        record_pemda_change(pemda, iku, "uraian", "", iku.uraian, sumber=SUMBER, oleh=user,
                            alasan=alasan)
    else:
        iku = IkuDaerah.objects.select_for_update().get(pk=iku.pk)
        for field, value in values.items():
            record_pemda_change(pemda, iku, field, getattr(iku, field), value, sumber=SUMBER,
                                oleh=user, alasan=alasan)
            setattr(iku, field, value)
        iku.save()
    lama_opd = set(iku.penanggung_jawab.values_list("pk", flat=True))
    record_pemda_change(pemda, iku, "penanggung_jawab", ",".join(map(str, sorted(lama_opd))),
                        ",".join(map(str, sorted(opd))), sumber=SUMBER, oleh=user,
                        alasan=alasan)
    iku.penanggung_jawab.set(opd)
    lama = {t.tahun: t for t in iku.target.all()}
    for tahun, (teks, nilai) in targets.items():
        row = lama.get(tahun)
        record_pemda_change(pemda, iku, f"target {tahun}", row.teks if row else "", teks,
                            sumber=SUMBER, oleh=user, alasan=alasan)
        if not teks:
            if row is not None:
                row.delete()
        elif row is None:
            TargetIku.objects.create(iku=iku, tahun=tahun, teks=teks, nilai=nilai)
        elif row.teks != teks:
            row.teks, row.nilai = teks, nilai
            row.save()
    return iku


@transaction.atomic
def hapus_iku(iku: IkuDaerah, *, user: Any, alasan: str) -> None:
    """Remove an IKU from its Perkada, with its targets and links; the reason is required."""
    if not alasan.strip() or _unfit(alasan):
        raise IkuError({"alasan": _("Say why the IKU is removed.")})
    naikkan_pemda(iku.perkada.rpjmd.pemda)  # the revision of its documents
    record_pemda_change(iku.perkada.rpjmd.pemda, iku, "uraian", iku.uraian, "", sumber=SUMBER,
                        oleh=user, alasan=alasan.strip())
    iku.delete()


@transaction.atomic
def usulkan_tautan(iku: IkuDaerah, indikator: Indikator, *, nama: str, catatan: str,
                   user: Any) -> TautanIku:
    """The OPD of ``indikator`` proposes it as a measure of ``iku``, under ``nama`` in the
    IKU's formula; a rejected proposal may be proposed again."""
    errors = {}
    nama, catatan = nama.strip(), catatan.strip()
    if not _NAMA.fullmatch(nama) or nama.upper() == SUM:
        errors["nama"] = _("The name must start with a letter and hold only letters, digits "
                           "or '_' (at most 40), and may not be SUM.")
    elif (TautanIku.objects.filter(iku=iku, nama=nama).exclude(indikator=indikator)
          .exists()):
        errors["nama"] = _("The name '%(nama)s' is already used in this IKU.") % {"nama": nama}
    if _unfit(catatan):
        errors["catatan"] = _("Too long or holds control characters.")
    if not iku.penanggung_jawab.filter(pk=indikator.perangkat_daerah_id).exists():
        errors["indikator"] = _("The agency of this indicator is not responsible for the IKU.")
    tautan = TautanIku.objects.select_for_update().filter(iku=iku, indikator=indikator).first()
    if tautan is not None and tautan.status != TautanIku.Status.DITOLAK:
        errors["indikator"] = _("This indicator is already linked to the IKU.")
    if errors:
        raise IkuError(errors)
    naikkan_pemda(indikator.perangkat_daerah.pemda)  # the revision of its documents
    lama = ""
    if tautan is None:
        tautan = TautanIku(iku=iku, indikator=indikator)
    else:
        lama = tautan.status
    tautan.nama, tautan.catatan, tautan.diusulkan_oleh = nama, catatan, user
    tautan.status, tautan.catatan_verifikasi, tautan.diputuskan_oleh = \
        TautanIku.Status.DIUSULKAN, "", None
    try:
        with transaction.atomic():   # the same link or name proposed meanwhile
            tautan.save()
    except IntegrityError:
        raise IkuError({"nama": _("This indicator or name was just linked to the IKU by "
                                  "someone else; reload the page.")}) from None
    record_change(indikator.perangkat_daerah, tautan, "status", lama, tautan.status,
                  sumber=SUMBER, oleh=user, alasan=catatan)
    return tautan


@transaction.atomic
def putuskan_tautan(tautan: TautanIku, *, setuju: bool, catatan: str, user: Any) -> TautanIku:
    """Bappeda approves or rejects a proposed link; a rejection states its reason."""
    tautan = TautanIku.objects.select_for_update().select_related(
        "indikator__perangkat_daerah").get(pk=tautan.pk)
    catatan = catatan.strip()
    errors = {}
    if tautan.status != TautanIku.Status.DIUSULKAN:
        errors["status"] = _("Only a proposed link can be approved or rejected.")
    if not setuju and not catatan:
        errors["catatan"] = _("Say why the link is rejected.")
    if _unfit(catatan):
        errors["catatan"] = _("Too long or holds control characters.")
    if errors:
        raise IkuError(errors)
    naikkan_pemda(tautan.indikator.perangkat_daerah.pemda)  # the revision of its documents
    lama = tautan.status
    tautan.status = TautanIku.Status.DISETUJUI if setuju else TautanIku.Status.DITOLAK
    tautan.catatan_verifikasi, tautan.diputuskan_oleh = catatan, user
    tautan.save()
    record_change(tautan.indikator.perangkat_daerah, tautan, "status", lama, tautan.status,
                  sumber=SUMBER, oleh=user, alasan=catatan)
    return tautan
