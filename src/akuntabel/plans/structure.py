"""Writing a Renstra's structure: the one write path of the Renstra itself, its tujuan,
sasaran, strategi, arah kebijakan and the indicators of its tujuan and sasaran, and of the
RPJMD a Renstra follows (visi, misi, tujuan and sasaran daerah). The Renstra editor, the RPJMD
editor and any importer call these functions; the targets of an indicator are written by
``plans.targets.write_targets`` (``simpan_target_renstra`` below calls it).

Every function checks its input first and raises :class:`StructureError` (field -> message,
in the active language, Indonesian by default) before anything is written; a write is all or
nothing (``transaction.atomic``) and every value it changes is recorded in the history with
the user and the reason (``audit.services``). The callers check who may write
(``accounts.access``). Rules an auditor may question are in ``core.rencana``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akuntabel.audit.services import record_change, record_pemda_change
from akuntabel.common.teks import karakter_kendali
from akuntabel.core.angka import Angka, parse_angka, parse_rentang
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.core.capaian import SKALA_KUALITATIF, Polaritas
from akuntabel.core.rencana import (
    IndikatorRencana,
    Peringatan,
    SasaranRencana,
    agregasi_menurut_satuan,
    cek_kelengkapan,
    cek_periode,
    cek_tahun,
    uraian_normal,
)
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import (
    ArahKebijakan,
    Indikator,
    Kegiatan,
    Misi,
    Program,
    Renstra,
    Rpjmd,
    Sasaran,
    SasaranDaerah,
    Strategi,
    SubKegiatan,
    Target,
    Tujuan,
    TujuanDaerah,
)
from akuntabel.plans.services import versi_pengganti
from akuntabel.plans.targets import NilaiTarget, write_targets
from akuntabel.revisi.services import naikkan_opd, naikkan_pemda

SUMBER = "Editor Renstra"
SUMBER_RPJMD = "Editor RPJMD"
TEKS_MAKS = 5000   # the longest description, definition or note a form accepts


class StructureError(Exception):
    """Input refused before anything was written. ``errors`` maps each field (or place, e.g.
    ``"target_2027"``; ``"__all__"`` for the whole) to its message in the active language."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


@dataclass(frozen=True)
class Kolom:
    """One field a form may write: its kind (``teks``, ``pilihan``, ``tahun``, ``ukuran`` (a
    measure typed as text, kept as printed beside its value), ``ya`` (yes/no) or ``tautan``
    (a link to another element)), its label and its limits."""

    nama: str
    label: Promise
    jenis: str = "teks"
    maks: int = TEKS_MAKS
    wajib: bool = False


URAIAN = Kolom("uraian", gettext_lazy("Description"), wajib=True)
KODE = Kolom("kode", gettext_lazy("Code"), maks=40)
CATATAN = Kolom("catatan", gettext_lazy("Note"))

KOLOM: dict[str, tuple[Kolom, ...]] = {
    "tujuan": (KODE, URAIAN, CATATAN),
    "sasaran": (KODE, URAIAN, CATATAN,
                Kolom("sasaran_daerah", gettext_lazy("RPJMD objective served"), "tautan")),
    "strategi": (URAIAN, Kolom("sasaran", gettext_lazy("Objective"), "tautan")),
    "arah_kebijakan": (URAIAN, Kolom("strategi", gettext_lazy("Strategy"), "tautan")),
    "indikator": (
        KODE, URAIAN,
        Kolom("definisi_operasional", gettext_lazy("Operational definition")),
        Kolom("formula", gettext_lazy("Formula")),
        Kolom("satuan", gettext_lazy("Unit"), maks=100),
        Kolom("polaritas", gettext_lazy("Polarity"), "pilihan"),
        Kolom("metode_turun", gettext_lazy("Lower-is-better method"), "pilihan"),
        Kolom("agregasi", gettext_lazy("Aggregation"), "pilihan"),
        Kolom("sumber_data", gettext_lazy("Data source"), maks=300),
        Kolom("kondisi_awal_tahun", gettext_lazy("Baseline year"), "tahun"),
        Kolom("kondisi_awal", gettext_lazy("Baseline"), "ukuran", maks=200),
        Kolom("kondisi_akhir", gettext_lazy("End target"), "ukuran", maks=200),
        Kolom("iku", gettext_lazy("Key performance indicator (IKU)"), "ya"),
        Kolom("tampil_publik", gettext_lazy("Shown on the public portal"), "ya"),
        CATATAN),
    "misi": (Kolom("nomor", gettext_lazy("Number"), "nomor", wajib=True), URAIAN),
    "tujuan_daerah": (KODE, URAIAN, Kolom("misi", gettext_lazy("Mission"), "tautan")),
    "sasaran_daerah": (KODE, URAIAN),
}

MODEL: dict[str, type[models.Model]] = {
    "tujuan": Tujuan, "sasaran": Sasaran, "strategi": Strategi,
    "arah_kebijakan": ArahKebijakan, "indikator": Indikator, "misi": Misi,
    "tujuan_daerah": TujuanDaerah, "sasaran_daerah": SasaranDaerah,
}
JENIS = {model: jenis for jenis, model in MODEL.items()}
# The element a kind is added under: the name of its parent field, and the parent's kinds.
INDUK: dict[str, tuple[str, tuple[type[models.Model], ...]]] = {
    "tujuan": ("renstra", (Renstra,)),
    "sasaran": ("tujuan", (Tujuan,)),
    "strategi": ("renstra", (Renstra,)),
    "arah_kebijakan": ("renstra", (Renstra,)),
    "indikator": ("", (Tujuan, Sasaran)),
    "misi": ("rpjmd", (Rpjmd,)),
    "tujuan_daerah": ("rpjmd", (Rpjmd,)),
    "sasaran_daerah": ("tujuan_daerah", (TujuanDaerah,)),
}
RPJMD_KINDS = ("misi", "tujuan_daerah", "sasaran_daerah")


# --- Where an element belongs -------------------------------------------------------------

def renstra_of(obj: models.Model) -> Renstra:
    """The Renstra a tujuan, sasaran, strategi, arah kebijakan or its indicator belongs to."""
    if isinstance(obj, Renstra):
        return obj
    if isinstance(obj, Tujuan | Strategi | ArahKebijakan):
        return obj.renstra
    if isinstance(obj, Sasaran):
        return obj.tujuan.renstra
    if isinstance(obj, Indikator):
        return renstra_of(obj.node)
    if isinstance(obj, Program):
        return obj.renstra
    if isinstance(obj, Kegiatan):
        return obj.program.renstra
    if isinstance(obj, SubKegiatan):
        return obj.kegiatan.program.renstra
    raise TypeError(f"{type(obj).__name__} is not part of a Renstra's structure")


def rpjmd_of(obj: models.Model) -> Rpjmd:
    """The RPJMD a misi, tujuan daerah or sasaran daerah belongs to."""
    if isinstance(obj, Rpjmd):
        return obj
    if isinstance(obj, Misi | TujuanDaerah):
        return obj.rpjmd
    if isinstance(obj, SasaranDaerah):
        return obj.tujuan_daerah.rpjmd
    raise TypeError(f"{type(obj).__name__} is not part of an RPJMD")


def rpjmd_covering(pemda: Pemda, tahun: int) -> Rpjmd | None:
    """The pemda's RPJMD in force in ``tahun``: the latest one whose period holds it."""
    return (Rpjmd.objects.filter(pemda=pemda, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal").first())


# --- Checking typed values ----------------------------------------------------------------

def _teks(kolom: Kolom, nilai: Any, errors: dict[str, str]) -> str:
    teks = "" if nilai is None else str(nilai)
    kode = karakter_kendali(teks)
    teks = teks.strip()
    if kode:
        errors[kolom.nama] = _("%(label)s holds an invisible control character (%(kode)s); "
                               "retype it or paste it as plain text.") % {
                                   "label": kolom.label, "kode": kode}
    elif kolom.wajib and not teks:
        errors[kolom.nama] = _("%(label)s must be filled in.") % {"label": kolom.label}
    elif len(teks) > kolom.maks:
        errors[kolom.nama] = _("%(label)s is too long: %(n)s characters, at most %(maks)s.") % {
            "label": kolom.label, "n": len(teks), "maks": kolom.maks}
    return teks


def _ukuran(kolom: Kolom, teks: str, errors: dict[str, str]) -> Decimal | None:
    """A measure typed as text: its value, None for a text that is no number ("WTP", "-")."""
    hasil = parse_angka(teks)
    if isinstance(hasil, Angka):
        if alasan := cek_batas(hasil.nilai, UKURAN):
            errors[kolom.nama] = _("%(label)s '%(teks)s' cannot be stored: %(alasan)s") % {
                "label": kolom.label, "teks": teks, "alasan": alasan}
            return None
        return hasil.nilai
    if hasil.jenis == "ambigu":
        errors[kolom.nama] = _("%(label)s '%(teks)s' cannot be read as one number for sure: "
                               "write it like 1.234,5.") % {"label": kolom.label, "teks": teks}
    return None


def _tahun(kolom: Kolom, teks: str, errors: dict[str, str]) -> int | None:
    if not teks:
        return None
    if not teks.isdigit() or cek_periode(int(teks), int(teks)):
        errors[kolom.nama] = _("%(label)s '%(teks)s' is not a year like 2025.") % {
            "label": kolom.label, "teks": teks}
        return None
    return int(teks)


def _ya(nilai: Any) -> bool:
    if isinstance(nilai, bool):
        return nilai
    return str(nilai or "").strip().casefold() in {"1", "on", "true", "ya", "yes"}


def _pilihan(model: type[models.Model], kolom: Kolom, teks: str,
             errors: dict[str, str]) -> str:
    field = model._meta.get_field(kolom.nama)
    sah = [str(value) for value, _label in field.choices or []]
    if teks not in sah:
        errors[kolom.nama] = _("%(label)s '%(teks)s' is not one of the choices.") % {
            "label": kolom.label, "teks": teks}
    return teks


def _tautan(jenis: str, kolom: Kolom, nilai: Any, tempat: models.Model,
            errors: dict[str, str]) -> models.Model | None:
    """A link typed as an id (or given as the object): it must be an element of the same plan."""
    if nilai in (None, ""):
        return None
    pk = nilai.pk if isinstance(nilai, models.Model) else nilai
    pilihan = link_choices(jenis, kolom.nama, tempat)
    try:
        found = pilihan.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        errors[kolom.nama] = _("%(label)s: the element chosen is not part of this plan.") % {
            "label": kolom.label}
    return found


def link_choices(jenis: str, nama: str, tempat: models.Model) -> models.QuerySet[Any]:
    """The elements a link field of ``jenis`` may point to, for an element under ``tempat``."""
    if jenis in RPJMD_KINDS:
        return Misi.objects.filter(rpjmd=rpjmd_of(tempat))
    renstra = renstra_of(tempat)
    if nama == "sasaran_daerah":
        return SasaranDaerah.objects.filter(tujuan_daerah__rpjmd=renstra.rpjmd_id)
    if nama == "sasaran":
        return Sasaran.objects.filter(tujuan__renstra=renstra)
    return Strategi.objects.filter(renstra=renstra)


def read_values(jenis: str, data: Mapping[str, Any], tempat: models.Model,
                only: set[str] | None = None) -> dict[str, Any]:
    """The model values of the fields of ``jenis`` typed in ``data`` (all of them, or those
    in ``only``), checked; StructureError naming every field refused. ``tempat`` is the
    element's parent (or the element itself), for links."""
    model = MODEL[jenis]
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for kolom in KOLOM[jenis]:
        if only is not None and kolom.nama not in only:
            continue
        raw = data.get(kolom.nama)
        if kolom.jenis == "ya":
            # not given at all (an importer's new element): the model's default; a form
            # sends an empty value before its checkbox, so an unticked box is a "no"
            values[kolom.nama] = (_ya(raw) if raw is not None
                                  else bool(model._meta.get_field(kolom.nama).default))
        elif kolom.jenis == "tautan":
            values[kolom.nama] = _tautan(jenis, kolom, raw, tempat, errors)
        else:
            teks = _teks(kolom, raw, errors)
            if kolom.nama == "agregasi" and not teks:  # "by the unit" (project convention)
                satuan = data.get("satuan", getattr(tempat, "satuan", ""))
                values[kolom.nama] = agregasi_menurut_satuan(str(satuan or ""))
            elif kolom.jenis == "pilihan":
                values[kolom.nama] = _pilihan(model, kolom, teks or str(
                    model._meta.get_field(kolom.nama).default), errors)
            elif kolom.jenis == "tahun":
                values[kolom.nama] = _tahun(kolom, teks, errors)
            elif kolom.jenis == "nomor":
                if not teks.isdigit() or not 0 < int(teks) < 1000:
                    errors[kolom.nama] = _("%(label)s must be a whole number from 1 to 999.") % {
                        "label": kolom.label}
                values[kolom.nama] = int(teks) if teks.isdigit() else None
            elif kolom.jenis == "ukuran":
                values[f"{kolom.nama}_teks"] = teks
                values[kolom.nama] = _ukuran(kolom, teks, errors) if teks else None
            else:
                values[kolom.nama] = teks
    if errors:
        raise StructureError(errors)
    return values


# --- The rules between elements -----------------------------------------------------------

def _check_sasaran(renstra: Renstra, uraian: str, self_pk: int | None) -> None:
    """A sasaran whose description is another's of the same Renstra is refused."""
    normal = uraian_normal(uraian)
    for other in Sasaran.objects.filter(tujuan__renstra=renstra).exclude(pk=self_pk):
        if uraian_normal(other.uraian) == normal:
            raise StructureError({"uraian": _(
                "This Renstra already has the objective '%(uraian)s' (under goal '%(tujuan)s'); "
                "an objective is written once.") % {"uraian": other.uraian,
                                                     "tujuan": other.tujuan.uraian}})


def _check_misi_nomor(rpjmd: Rpjmd, nomor: int, self_pk: int | None) -> None:
    if Misi.objects.filter(rpjmd=rpjmd, nomor=nomor).exclude(pk=self_pk).exists():
        raise StructureError({"nomor": _("This RPJMD already has a mission number %(n)s.") % {
            "n": nomor}})


# --- The history --------------------------------------------------------------------------

def _record(obj: models.Model, kolom: str, lama: Any, baru: Any, *, user: Any,
            alasan: str) -> None:
    how = {"oleh": user, "alasan": alasan}
    if isinstance(obj, Misi | TujuanDaerah | SasaranDaerah | Rpjmd):
        record_pemda_change(rpjmd_of(obj).pemda, obj, kolom, _shown(lama), _shown(baru),
                            sumber=SUMBER_RPJMD, **how)
    else:
        record_change(renstra_of(obj).perangkat_daerah, obj, kolom, _shown(lama), _shown(baru),
                      sumber=SUMBER, **how)


def _shown(value: Any) -> str:
    """A value as the history shows it: an element by its text, a yes/no as ya/tidak."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Decimal):
        teks = f"{value:f}"
        return teks.rstrip("0").rstrip(".") if "." in teks else teks
    return str(value)


def _lock(tempat: models.Model) -> None:
    """Serialise writes to one plan: the Renstra's (or RPJMD's) row is locked for update, so
    that two saves checking "no duplicate" at once cannot both write one."""
    if JENIS.get(type(tempat)) in RPJMD_KINDS or isinstance(tempat, Rpjmd):
        Rpjmd.objects.select_for_update().filter(pk=rpjmd_of(tempat).pk).first()
        naikkan_pemda(rpjmd_of(tempat).pemda)  # the revision of its documents
    else:
        renstra = Renstra.objects.select_for_update().filter(pk=renstra_of(tempat).pk).first()
        naikkan_opd(renstra_of(tempat).perangkat_daerah)  # the revision of its documents
        _cek_versi_terbaru(renstra)


def _cek_versi_terbaru(renstra: Renstra | None) -> None:
    """A version already changed by a Renstra perubahan is kept as it was measured: refused,
    the latest version is the one to change (``plans.perubahan``)."""
    if renstra is not None and (pengganti := versi_pengganti(renstra)) is not None:
        raise StructureError({"__all__": _(
            "This version has already been changed by the version in force from %(tahun)s; "
            "change the latest version.") % {"tahun": pengganti.berlaku_mulai}})


# --- Renstra and RPJMD --------------------------------------------------------------------

def buat_renstra(opd: PerangkatDaerah, *, tahun_awal: int, tahun_akhir: int,
                 rpjmd: Rpjmd | None = None, user: Any, alasan: str = "") -> Renstra:
    """Create the Renstra of ``opd`` for ``tahun_awal``–``tahun_akhir`` under ``rpjmd`` (by
    default the pemda's RPJMD in force in the first year); StructureError when the period is
    not one (``core.rencana.cek_periode``), when the pemda has no such RPJMD, or when another
    Renstra of the OPD overlaps the period."""
    if alasan_periode := cek_periode(tahun_awal, tahun_akhir):
        raise StructureError({"tahun_akhir": _("Period: %(alasan)s") % {
            "alasan": alasan_periode}})
    if rpjmd is None:
        rpjmd = rpjmd_covering(opd.pemda, tahun_awal)
        if rpjmd is None:
            raise StructureError({"rpjmd": _(
                "%(pemda)s has no RPJMD covering %(tahun)s; the pemda's administrator first "
                "creates the RPJMD (period, vision, missions) on the RPJMD page.") % {
                    "pemda": opd.pemda.nama, "tahun": tahun_awal}})
    elif rpjmd.pemda_id != opd.pemda_id:
        raise StructureError({"rpjmd": _("The RPJMD chosen is not %(pemda)s's.") % {
            "pemda": opd.pemda.nama}})
    with transaction.atomic():
        naikkan_opd(opd)  # the revision of its documents
        PerangkatDaerah.objects.select_for_update().filter(pk=opd.pk).first()
        other = Renstra.objects.filter(perangkat_daerah=opd, tahun_awal__lte=tahun_akhir,
                                       tahun_akhir__gte=tahun_awal).first()
        if other is not None:
            raise StructureError({"tahun_awal": _(
                "%(opd)s already has the Renstra %(awal)s–%(akhir)s, which overlaps "
                "%(baru_awal)s–%(baru_akhir)s.") % {
                    "opd": opd.nama, "awal": other.tahun_awal, "akhir": other.tahun_akhir,
                    "baru_awal": tahun_awal, "baru_akhir": tahun_akhir}})
        renstra = Renstra.objects.create(perangkat_daerah=opd, rpjmd=rpjmd,
                                         tahun_awal=tahun_awal, tahun_akhir=tahun_akhir)
        _record(renstra, "periode", "", f"{tahun_awal}–{tahun_akhir}", user=user,
                alasan=alasan)
        _record(renstra, "rpjmd", "", str(rpjmd), user=user, alasan=alasan)
    return renstra


def buat_rpjmd(pemda: Pemda, *, tahun_awal: int, tahun_akhir: int, visi: str,
               dasar_hukum: str = "", user: Any, alasan: str = "") -> Rpjmd:
    """Create the RPJMD of ``pemda`` for ``tahun_awal``–``tahun_akhir`` with its visi;
    StructureError when the period is not one or overlaps another RPJMD of the pemda."""
    errors: dict[str, str] = {}
    visi = _teks(Kolom("visi", gettext_lazy("Vision"), wajib=True), visi, errors)
    dasar_hukum = _teks(Kolom("dasar_hukum", gettext_lazy("Legal basis"), maks=300),
                        dasar_hukum, errors)
    if alasan_periode := cek_periode(tahun_awal, tahun_akhir):
        errors["tahun_akhir"] = _("Period: %(alasan)s") % {"alasan": alasan_periode}
    if errors:
        raise StructureError(errors)
    with transaction.atomic():
        naikkan_pemda(pemda)  # the revision of its documents
        Pemda.objects.select_for_update().filter(pk=pemda.pk).first()
        other = Rpjmd.objects.filter(pemda=pemda, tahun_awal__lte=tahun_akhir,
                                     tahun_akhir__gte=tahun_awal).first()
        if other is not None:
            raise StructureError({"tahun_awal": _(
                "%(pemda)s already has the RPJMD %(awal)s–%(akhir)s, which overlaps this "
                "period.") % {"pemda": pemda.nama, "awal": other.tahun_awal,
                              "akhir": other.tahun_akhir}})
        rpjmd = Rpjmd.objects.create(pemda=pemda, tahun_awal=tahun_awal,
                                     tahun_akhir=tahun_akhir, visi=visi,
                                     dasar_hukum=dasar_hukum)
        _record(rpjmd, "periode", "", f"{tahun_awal}–{tahun_akhir}", user=user, alasan=alasan)
        _record(rpjmd, "visi", "", visi, user=user, alasan=alasan)
    return rpjmd


def ubah_visi(rpjmd: Rpjmd, visi: str, *, user: Any, alasan: str = "") -> None:
    """Change the RPJMD's visi."""
    errors: dict[str, str] = {}
    visi = _teks(Kolom("visi", gettext_lazy("Vision"), wajib=True), visi, errors)
    if errors:
        raise StructureError(errors)
    with transaction.atomic():
        naikkan_pemda(rpjmd.pemda)  # the revision of its documents
        lama = rpjmd.visi
        Rpjmd.objects.filter(pk=rpjmd.pk).update(visi=visi)
        rpjmd.visi = visi
        _record(rpjmd, "visi", lama, visi, user=user, alasan=alasan)


# --- The elements: add, change, remove ----------------------------------------------------

def tambah(induk: models.Model, jenis: str, data: Mapping[str, Any], *, user: Any,
           alasan: str = "") -> models.Model:
    """Add an element of ``jenis`` (a key of ``KOLOM``) under ``induk`` (a Renstra for a
    tujuan, strategi or arah kebijakan; a tujuan for a sasaran; a tujuan or a sasaran for an
    indicator; an RPJMD for a misi or a tujuan daerah; a tujuan daerah for a sasaran daerah)
    with the fields typed in ``data``; the new element. StructureError, nothing written, when
    a field is refused."""
    field, kinds = INDUK[jenis]
    if not isinstance(induk, kinds):
        raise TypeError(f"{jenis} cannot be added under {type(induk).__name__}")
    values = read_values(jenis, data, induk)
    model = MODEL[jenis]
    _cek_alasan_publik(True, values, alasan)
    with transaction.atomic():
        _lock(induk)
        _check(jenis, induk, values, None)
        parent = {field or JENIS[type(induk)]: induk}
        if jenis == "indikator":
            parent["perangkat_daerah"] = renstra_of(induk).perangkat_daerah
        urutan = {"urutan": _next_order(model, parent)} if jenis != "misi" else {}
        obj = model.objects.create(**parent, **values, **urutan)
        for nama, value in values.items():
            if value not in (None, "", False) or (nama == "tampil_publik" and not value):
                _record(obj, nama, None, value, user=user, alasan=alasan)
    return obj


def ubah(obj: models.Model, data: Mapping[str, Any], *, user: Any, alasan: str = "") -> int:
    """Change the fields of ``obj`` present in ``data`` (a checkbox's absence means no, so
    ``iku`` is read whenever ``uraian`` is, i.e. from a full form); the number of values
    changed. StructureError, nothing written, when a field is refused."""
    jenis = JENIS[type(obj)]
    names = {k.nama for k in KOLOM[jenis]}
    only = {n for n in names if n in data}
    if "iku" in names and "uraian" in data:
        only.add("iku")
    values = read_values(jenis, data, obj, only)
    changed = 0
    with transaction.atomic():
        _lock(obj)
        current = type(obj).objects.get(pk=obj.pk)
        _check(jenis, obj, values, obj.pk)
        _cek_alasan_publik(getattr(current, "tampil_publik", True), values, alasan)
        for nama, value in values.items():
            lama = getattr(current, nama)
            if _shown(lama) == _shown(value) and lama == value:
                continue
            setattr(obj, nama, value)
            if not nama.endswith("_teks"):
                changed += 1
            _record(obj, nama, lama, value, user=user, alasan=alasan)
        obj.save(update_fields=list(values))
    return changed


def _cek_alasan_publik(lama: bool, values: dict[str, Any], alasan: str) -> None:
    """Hiding an indicator from the public portal, or showing it again, needs a reason (project
    convention, issue 17): the history then says who hid a public figure and why."""
    if "tampil_publik" in values and values["tampil_publik"] != lama and not alasan.strip():
        raise StructureError({"tampil_publik": _(
            "Write in 'Reason for the change' why the indicator is hidden from or shown again "
            "on the public portal.")})


def hapus(obj: models.Model, *, user: Any, alasan: str = "") -> None:
    """Remove ``obj``. Refused (StructureError) while anything hangs under it or refers to it
    (a tujuan with sasaran, a sasaran with indicators, programs, strategi or strategic issues
    linked to it, an indicator with realisasi or a PK row …), so that nothing measured or
    linked disappears or comes loose unseen. An indicator's targets are
    first emptied through ``write_targets`` (refused there when a signed PK locks the year)."""
    jenis = JENIS[type(obj)]
    with transaction.atomic():
        _lock(obj)
        if blockers := _blockers(obj):
            raise StructureError({"__all__": _(
                "'%(uraian)s' cannot be removed while it still has: %(daftar)s. Remove or move "
                "them first.") % {"uraian": obj, "daftar": ", ".join(blockers)}})
        if isinstance(obj, Indikator):
            _clear_targets(obj, user=user, alasan=alasan)
        for kolom in KOLOM[jenis]:
            if kolom.jenis == "ukuran":
                _record(obj, f"{kolom.nama}_teks", getattr(obj, f"{kolom.nama}_teks"), "",
                        user=user, alasan=alasan)
            value = getattr(obj, kolom.nama)
            if value not in (None, "", False):
                _record(obj, kolom.nama, value, None, user=user, alasan=alasan)
        obj.delete()


def _blockers(obj: models.Model) -> list[str]:
    """What still hangs under or refers to ``obj``, named by kind ("2 sasaran")."""
    found = []
    for rel in obj._meta.related_objects:
        if isinstance(obj, Indikator) and rel.related_model is Target:
            continue
        if rel.one_to_one:
            count = int(rel.related_model._default_manager.filter(
                **{rel.field.name: obj}).exists())
        else:   # a foreign key or a many-to-many link to obj: either would vanish unseen
            count = getattr(obj, rel.get_accessor_name()).count()
        if count:
            found.append(f"{count} {rel.related_model._meta.verbose_name}")
    return found


def _clear_targets(indikator: Indikator, *, user: Any, alasan: str) -> None:
    rows = list(Target.objects.filter(indikator=indikator))
    values = [NilaiTarget(indikator, t.jenis, t.tahun, t.triwulan, t, t.versi, "", None)
              for t in rows if t.teks or t.nilai is not None]
    if values:
        write_targets(indikator.perangkat_daerah, values, oleh=user,
                      alasan=alasan or "Indikator dihapus", sumber=SUMBER)


def _check(jenis: str, tempat: models.Model, values: dict[str, Any],
           self_pk: int | None) -> None:
    if jenis == "sasaran" and "uraian" in values:
        _check_sasaran(renstra_of(tempat), values["uraian"], self_pk)
    if jenis == "misi" and values.get("nomor"):
        _check_misi_nomor(rpjmd_of(tempat), values["nomor"], self_pk)


def periksa(jenis: str, tempat: models.Model, data: Mapping[str, Any],
            self_pk: int | None = None) -> dict[str, str]:
    """The messages the fields of ``data`` would be refused with, field by field, writing
    nothing: what the editor shows as the user types. ``tempat`` is the parent of a new
    element, or the element being changed (``self_pk``)."""
    names = {k.nama for k in KOLOM[jenis]}
    only = {n for n in names if n in data}
    try:
        values = read_values(jenis, data, tempat, only)
        _check(jenis, tempat, values, self_pk)
    except StructureError as exc:
        return exc.errors
    return {}


def peringatan_isian(jenis: str, tempat: models.Model, data: Mapping[str, Any],
                     self_pk: int | None = None) -> dict[str, str]:
    """The completeness warnings (``core.rencana``) an indicator typed in ``data`` would get,
    by the field they concern (``satuan`` for a formula without a unit, ``iku`` for an IKU
    without every year's target): shown as the user types, never a refusal."""
    if jenis != "indikator":
        return {}
    renstra = renstra_of(tempat)
    bertarget = frozenset(Target.objects.filter(
        indikator_id=self_pk, jenis=Target.Jenis.RENSTRA, triwulan=0).exclude(
        teks="", nilai__isnull=True).values_list("tahun", flat=True)) if self_pk else frozenset()
    indikator = IndikatorRencana(
        uraian=str(data.get("uraian", "")).strip(), satuan=str(data.get("satuan", "")),
        formula=str(data.get("formula", "")), iku=_ya(data.get("iku")),
        tahun_bertarget=bertarget)
    field = {"REN-002": "iku", "REN-003": "satuan"}
    return {field[p.kode]: p.pesan for p in cek_kelengkapan(
        [SasaranRencana("", (indikator,))], list(renstra.tahun)) if p.kode in field}


def _next_order(model: type[models.Model], parent: dict[str, Any]) -> int:
    last = model.objects.filter(**{k: v for k, v in parent.items()
                                   if k != "perangkat_daerah"}).aggregate(
        m=models.Max("urutan"))["m"]
    return (last or 0) + 1


# --- Targets ------------------------------------------------------------------------------

def baca_target(indikator: Indikator, teks: str) -> tuple[Decimal | None, Decimal | None]:
    """A Renstra target as typed: one number, a range ("60–85 %") or a label of a qualitative
    scale ("WTP"), as (value, upper bound); ValueError with the reason otherwise. The rules
    of the indicator page's target form (``plans.forms.TargetForm``)."""
    hasil = parse_angka(teks)
    if isinstance(hasil, Angka):
        return _target_angka(indikator, hasil.nilai, hasil.satuan, teks), None
    rentang = parse_rentang(teks)
    if rentang is not None:
        return (_target_angka(indikator, rentang.bawah, rentang.satuan, teks),
                _target_angka(indikator, rentang.atas, rentang.satuan, teks))
    if (indikator.polaritas == Polaritas.KUALITATIF
            or any(s.skor(teks) is not None for s in SKALA_KUALITATIF)):
        return None, None
    raise ValueError(_("'%(teks)s' is not a number; write it like 1.234,5, a range like "
                       "60–85, or a label of a qualitative scale such as WTP.") % {"teks": teks})


def _target_angka(indikator: Indikator, nilai: Decimal, satuan_ditulis: str | None,
                  teks: str) -> Decimal:
    satuan = (indikator.satuan or "").strip()
    if satuan_ditulis and satuan and satuan_ditulis.casefold() != satuan.casefold():
        raise ValueError(_("the unit '%(ditulis)s' is not the indicator's unit '%(satuan)s'.")
                         % {"ditulis": satuan_ditulis, "satuan": satuan})
    if nilai < 0:
        raise ValueError(_("a target cannot be negative ('%(teks)s').") % {"teks": teks})
    if alasan := cek_batas(nilai, UKURAN):
        raise ValueError(_("'%(teks)s' cannot be stored: %(alasan)s") % {
            "teks": teks, "alasan": alasan})
    return nilai


def renstra_targets(indikator: Indikator) -> dict[int, Target]:
    """The indicator's Renstra targets (whole years) by year."""
    return {t.tahun: t for t in Target.objects.filter(
        indikator=indikator, jenis=Target.Jenis.RENSTRA, triwulan=0)}


def simpan_target_renstra(indikator: Indikator, typed: Mapping[int, str],
                          versi: Mapping[int, int], *, user: Any, alasan: str = "") -> int:
    """Write the Renstra targets typed per year (``typed``: year -> text; "" clears it) through
    ``write_targets``; ``versi`` holds, per year, the version read (0: no row). The number of
    targets changed; StructureError naming ``target_<year>`` for a text refused or a year
    outside the Renstra. ``write_targets``'s own refusals (stale version …) pass through."""
    renstra = renstra_of(indikator)
    _cek_versi_terbaru(renstra)
    rows = renstra_targets(indikator)
    errors: dict[str, str] = {}
    values = []
    for tahun, raw in sorted(typed.items()):
        teks = raw or ""
        tempat = f"target_{tahun}"
        if why := cek_tahun(tahun, renstra.tahun_awal, renstra.tahun_akhir):
            errors[tempat] = _("Target %(tahun)s: %(alasan)s") % {"tahun": tahun, "alasan": why}
            continue
        if kode := karakter_kendali(teks):
            errors[tempat] = _("Target %(tahun)s holds an invisible control character "
                               "(%(kode)s).") % {"tahun": tahun, "kode": kode}
            continue
        teks = teks.strip()
        if len(teks) > 200:
            errors[tempat] = _("Target %(tahun)s is too long (at most 200 characters).") % {
                "tahun": tahun}
            continue
        try:
            nilai, atas = baca_target(indikator, teks) if teks else (None, None)
        except ValueError as exc:
            errors[tempat] = _("Target %(tahun)s: %(alasan)s") % {"tahun": tahun,
                                                                  "alasan": exc}
            continue
        values.append(NilaiTarget(indikator, Target.Jenis.RENSTRA, tahun, 0, rows.get(tahun),
                                  versi.get(tahun, 0), teks, nilai, atas))
    if errors:
        raise StructureError(errors)
    return write_targets(indikator.perangkat_daerah, values, oleh=user, alasan=alasan,
                         sumber=SUMBER)


# --- Warnings -----------------------------------------------------------------------------

def peringatan(renstra: Renstra) -> list[Peringatan]:
    """The completeness warnings of ``renstra`` (``core.rencana.cek_kelengkapan``): one plain
    reading of its sasaran, their indicators and the years that have a Renstra target."""
    bertarget: dict[int, set[int]] = {}
    for ind, tahun in (Target.objects.filter(
            indikator__sasaran__tujuan__renstra=renstra, jenis=Target.Jenis.RENSTRA,
            triwulan=0).exclude(teks="", nilai__isnull=True)
            .values_list("indikator_id", "tahun")):
        bertarget.setdefault(ind, set()).add(tahun)
    indikator: dict[int, list[IndikatorRencana]] = {}
    for i in Indikator.objects.filter(sasaran__tujuan__renstra=renstra):
        assert i.sasaran_id is not None
        indikator.setdefault(i.sasaran_id, []).append(IndikatorRencana(
            uraian=i.uraian, satuan=i.satuan, formula=i.formula, iku=i.iku,
            tahun_bertarget=frozenset(bertarget.get(i.pk, ())), tempat=f"indikator-{i.pk}"))
    sasaran = [SasaranRencana(s.uraian, tuple(indikator.get(s.pk, ())), f"sasaran-{s.pk}")
               for s in Sasaran.objects.filter(tujuan__renstra=renstra)]
    return cek_kelengkapan(sasaran, list(renstra.tahun))
