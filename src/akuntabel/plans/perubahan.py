"""Renstra perubahan: a changed Renstra is a new version of the same period, in force from a
year on (``Renstra.berlaku_mulai``); the years before it keep the version they were measured
against (``plans.services.renstra_for``).

:func:`buat_perubahan` copies the whole plan of the latest version (tujuan, sasaran, strategi,
arah kebijakan, the program tree with its codes and printed names, every indicator with its
full definition, the targets and the funding of the years from ``berlaku_mulai`` on, the
strategic issues) into the new version, all or nothing, recorded in the history with the
user, the legal basis and the reason; the new version is then edited like any Renstra. The
year it may start from is a rule of ``core.rencana.cek_berlaku_mulai``. :func:`bandingkan`
lists what a version changed from the one it changes, element by element and field by field.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akuntabel.audit.services import record_change
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.core.angka import format_angka
from akuntabel.core.rencana import cek_berlaku_mulai
from akuntabel.plans.models import (
    ArahKebijakan,
    Indikator,
    IsuStrategis,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    Sasaran,
    Strategi,
    SubKegiatan,
    Target,
    Tujuan,
)
from akuntabel.plans.services import indikator_of, versi_pengganti
from akuntabel.plans.structure import Kolom, StructureError, _teks
from akuntabel.plans.targets import NilaiTarget, write_targets
from akuntabel.results.models import Realisasi

SUMBER = "Renstra perubahan"
DASAR_HUKUM = Kolom("dasar_hukum", gettext_lazy("Legal basis"), maks=300, wajib=True)
ALASAN = Kolom("alasan", gettext_lazy("Reason"), wajib=True)

# The kinds of element a version holds, in the order they are copied (a parent before its
# children) and listed; each with its model and the fields that place it in its version.
KINDS: dict[str, type[models.Model]] = {
    "tujuan": Tujuan, "sasaran": Sasaran, "strategi": Strategi,
    "arah_kebijakan": ArahKebijakan, "program": Program, "kegiatan": Kegiatan,
    "sub_kegiatan": SubKegiatan, "indikator": Indikator, "isu_strategis": IsuStrategis,
}
# The links from an element to another element of the same version: field -> kind.
LINKS: dict[str, dict[str, str]] = {
    "tujuan": {},
    "sasaran": {"tujuan": "tujuan"},
    "strategi": {"sasaran": "sasaran"},
    "arah_kebijakan": {"strategi": "strategi"},
    "program": {"sasaran": "sasaran"},
    "kegiatan": {"program": "program"},
    "sub_kegiatan": {"kegiatan": "kegiatan"},
    "indikator": {n: n for n in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")},
    "isu_strategis": {},
}
NODE_KINDS = ("program", "kegiatan", "sub_kegiatan")
# Bookkeeping, not content: never compared.
_NOT_COMPARED = {"id", "renstra", "perangkat_daerah", "urutan", "versi"}


def elements(renstra: Renstra | int, jenis: str) -> models.QuerySet[Any]:
    """The elements of kind ``jenis`` of the version ``renstra``."""
    where = {
        "tujuan": {"renstra": renstra}, "strategi": {"renstra": renstra},
        "arah_kebijakan": {"renstra": renstra}, "program": {"renstra": renstra},
        "isu_strategis": {"renstra": renstra}, "sasaran": {"tujuan__renstra": renstra},
        "kegiatan": {"program__renstra": renstra},
        "sub_kegiatan": {"kegiatan__program__renstra": renstra},
    }
    rows = KINDS[jenis].objects.all()
    if jenis == "indikator":
        return rows.filter(indikator_of(renstra))
    return rows.filter(**where[jenis])


# --- What blocks a year -------------------------------------------------------------------

def tercatat(renstra: Renstra, dari: int) -> dict[int, list[str]]:
    """What each year from ``dari`` to the end of the period has already measured against
    ``renstra``: realisasi of its indicators, a DPA of its sub kegiatan, a signed PK of the
    OPD; named as the refusal names them (``core.rencana.cek_berlaku_mulai``)."""
    years = {"tahun__gte": dari, "tahun__lte": renstra.tahun_akhir}
    hasil: dict[int, list[str]] = defaultdict(list)
    for tahun, n in (Realisasi.objects.filter(indikator_of(renstra, "indikator__"), **years)
                     .exclude(teks="", nilai__isnull=True).order_by().values("tahun")
                     .annotate(n=Count("indikator", distinct=True)).values_list("tahun", "n")):
        hasil[tahun].append(f"realisasi {n} indikator")
    for tahun in (DpaSubKegiatan.objects.filter(
            sub_kegiatan__kegiatan__program__renstra=renstra, dpa__tahun__gte=dari,
            dpa__tahun__lte=renstra.tahun_akhir)
            .order_by().values_list("dpa__tahun", flat=True).distinct()):
        hasil[tahun].append("DPA")
    for tahun in (PerjanjianKinerja.objects.filter(
            perangkat_daerah=renstra.perangkat_daerah_id,
            status=PerjanjianKinerja.Status.DITANDATANGANI, **years)
            .order_by().values_list("tahun", flat=True).distinct()):
        hasil[tahun].append("Perjanjian Kinerja yang sudah ditandatangani")
    return dict(hasil)


def alasan_tahun(renstra: Renstra, berlaku_mulai: int) -> str | None:
    """Why a perubahan of ``renstra`` cannot be in force from ``berlaku_mulai`` (in the active
    language, naming what blocks it); None when it can."""
    if (pengganti := versi_pengganti(renstra)) is not None:
        return _("This version has already been changed by the version in force from "
                 "%(tahun)s; change the latest version.") % {"tahun": pengganti.berlaku_mulai}
    why = cek_berlaku_mulai(berlaku_mulai, awal=renstra.tahun_awal, akhir=renstra.tahun_akhir,
                            berlaku_terakhir=renstra.berlaku_mulai,
                            tercatat=tercatat(renstra, berlaku_mulai))
    if why is None:
        return None
    return _("In force from %(tahun)s: %(alasan)s") % {"tahun": berlaku_mulai, "alasan": why}


def pilihan_tahun(renstra: Renstra) -> list[tuple[int, str | None]]:
    """The years after the first of ``renstra`` (its latest version) with, for each, why a
    perubahan cannot start then (None when it can); [] once a newer version exists."""
    if versi_pengganti(renstra) is not None:
        return []
    catat = tercatat(renstra, renstra.berlaku_mulai + 1)
    return [(t, cek_berlaku_mulai(t, awal=renstra.tahun_awal, akhir=renstra.tahun_akhir,
                                  berlaku_terakhir=renstra.berlaku_mulai, tercatat=catat))
            for t in range(renstra.berlaku_mulai + 1, renstra.tahun_akhir + 1)]


# --- The copy -----------------------------------------------------------------------------

def _values(obj: models.Model, **changes: Any) -> dict[str, Any]:
    """Every stored value of ``obj`` but its id, by attribute name (``tujuan_id``), with
    ``changes``; lists and dicts copied, not shared."""
    values = {f.attname: copy.deepcopy(getattr(obj, f.attname))
              for f in obj._meta.concrete_fields if not f.primary_key}
    values.update(changes)
    return values


@dataclass
class _Salinan:
    """The copy under way: each kind's old id -> new id."""

    baru: Renstra
    peta: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))

    def salin(self, jenis: str, rows: Iterable[models.Model], **changes: Any) -> None:
        model = KINDS[jenis]
        for obj in rows:
            moved = {f"{name}_id": self.peta[kind].get(getattr(obj, f"{name}_id"))
                     for name, kind in LINKS[jenis].items()}
            new = model.objects.create(**_values(obj, **moved, **changes))
            self.peta[jenis][obj.pk] = new.pk

    def asal(self) -> dict[str, dict[str, int]]:
        """The map stored on the new version: new id -> old id, by kind."""
        return {jenis: {str(new): old for old, new in m.items()} for jenis, m in self.peta.items()}


def buat_perubahan(renstra: Renstra, *, berlaku_mulai: int, dasar_hukum: str, alasan: str,
                   user: Any, tanggal_dasar_hukum: date | None = None) -> Renstra:
    """Make the version of ``renstra`` in force from ``berlaku_mulai``: a copy of its whole
    plan with the targets and funding of the years from ``berlaku_mulai`` on, established by
    ``dasar_hukum`` (the regulation's number; ``tanggal_dasar_hukum`` its date) for
    ``alasan``. StructureError, nothing written, when the basis or the reason is missing,
    when ``renstra`` is not the latest version, or when the year may not start a perubahan
    (``core.rencana.cek_berlaku_mulai``: the field ``berlaku_mulai`` names what blocks it)."""
    errors: dict[str, str] = {}
    dasar_hukum = _teks(DASAR_HUKUM, dasar_hukum, errors)
    alasan = _teks(ALASAN, alasan, errors)
    if errors:
        raise StructureError(errors)
    with transaction.atomic():
        renstra = (Renstra.objects.select_for_update().select_related("perangkat_daerah")
                   .get(pk=renstra.pk))
        if (why := alasan_tahun(renstra, berlaku_mulai)) is not None:
            raise StructureError({"__all__" if versi_pengganti(renstra) else "berlaku_mulai":
                                  why})
        baru = Renstra.objects.create(**_values(
            renstra, versi_dari_id=renstra.pk, berlaku_mulai=berlaku_mulai,
            dasar_hukum=dasar_hukum, tanggal_dasar_hukum=tanggal_dasar_hukum,
            alasan_perubahan=alasan, asal_salinan={}, status=Renstra.Status.DRAFT,
            ditetapkan_oleh_id=None, ditetapkan_pada=None, dokumen_tetap="", sha256=""))
        baru.misi.set(renstra.misi.all())
        salinan = _Salinan(baru)
        for jenis in KINDS:
            at_top = {"renstra_id": baru.pk} if "renstra" in _fields(jenis) else {}
            salinan.salin(jenis, elements(renstra, jenis).order_by("pk"), **at_top)
        _salin_isu_links(salinan)
        _salin_anggaran(salinan, berlaku_mulai)
        Renstra.objects.filter(pk=baru.pk).update(asal_salinan=salinan.asal())
        baru.asal_salinan = salinan.asal()
        how = {"sumber": SUMBER, "oleh": user, "alasan": alasan}
        opd = renstra.perangkat_daerah
        record_change(opd, baru, "versi_dari", "", _("%(renstra)s, in force from %(tahun)s") % {
            "renstra": renstra, "tahun": renstra.berlaku_mulai}, **how)
        record_change(opd, baru, "berlaku_mulai", "", berlaku_mulai, **how)
        record_change(opd, baru, "dasar_hukum", "", dasar_hukum, **how)
        record_change(opd, baru, "tanggal_dasar_hukum", "", tanggal_dasar_hukum, **how)
        record_change(opd, renstra, "perubahan", "", _(
            "changed by the version in force from %(tahun)s") % {"tahun": berlaku_mulai},
            **how)
        _salin_target(salinan, renstra, berlaku_mulai, user=user, alasan=alasan)
    return baru


def _fields(jenis: str) -> set[str]:
    return {f.name for f in KINDS[jenis]._meta.concrete_fields}


def _salin_isu_links(salinan: _Salinan) -> None:
    for old_pk, new_pk in salinan.peta["isu_strategis"].items():
        old = IsuStrategis.objects.get(pk=old_pk)
        new = IsuStrategis.objects.get(pk=new_pk)
        new.tujuan.set([salinan.peta["tujuan"][t] for t in old.tujuan.values_list("pk", flat=True)])
        new.sasaran.set([salinan.peta["sasaran"][s]
                         for s in old.sasaran.values_list("pk", flat=True)])
        IsuStrategis.objects.filter(pk=new_pk).update(versi=1)


def _salin_anggaran(salinan: _Salinan, dari: int) -> None:
    """The Renstra's funding and the Renja's indicative ceilings of the years from ``dari``."""
    for model in (RenstraAnggaran, RenjaAnggaran):
        for jenis in NODE_KINDS:
            old = salinan.peta[jenis]
            for row in model.objects.filter(**{f"{jenis}__in": list(old)}, tahun__gte=dari):
                extra = {"versi": 1} if model is RenjaAnggaran else {}
                model.objects.create(**_values(row, **{f"{jenis}_id": old[getattr(
                    row, f"{jenis}_id")]}, **extra))


def _salin_target(salinan: _Salinan, renstra: Renstra, dari: int, *, user: Any,
                  alasan: str) -> None:
    """The targets of every kind of the years from ``dari``, through ``write_targets`` (its
    checks and history); the unit and note each row was printed with are kept."""
    indikator = {i.pk: i for i in Indikator.objects.filter(
        pk__in=list(salinan.peta["indikator"].values()))}
    rows = list(Target.objects.filter(indikator_of(renstra, "indikator__"), tahun__gte=dari)
                .order_by("pk"))
    values = [NilaiTarget(indikator[salinan.peta["indikator"][t.indikator_id]], t.jenis,
                          t.tahun, t.triwulan, None, 0, t.teks, t.nilai, t.nilai_atas)
              for t in rows]
    if values:
        write_targets(renstra.perangkat_daerah, values, oleh=user, alasan=alasan,
                      sumber=SUMBER)
    for t in rows:
        new_ind = indikator[salinan.peta["indikator"][t.indikator_id]]
        if t.satuan != new_ind.satuan or t.catatan:
            Target.objects.filter(indikator=new_ind, jenis=t.jenis, tahun=t.tahun,
                                  triwulan=t.triwulan).update(satuan=t.satuan,
                                                              catatan=t.catatan)


# --- What changed -------------------------------------------------------------------------

@dataclass(frozen=True)
class Beda:
    """One element that differs between two versions: ``status`` "tambah" (added), "hapus"
    (removed) or "ubah" (changed, with ``kolom``: (field, old, new) for each field)."""

    jenis: str
    status: str
    uraian: str
    tempat: str = ""
    kolom: tuple[tuple[str, str, str], ...] = ()


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format_angka(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _tempat(jenis: str, obj: Any) -> str:
    if jenis == "indikator":
        return str(obj.node)
    parent = next(iter(LINKS[jenis]), None)
    if parent in ("tujuan", "program", "kegiatan"):
        return str(getattr(obj, parent))
    return ""


def _extra(jenis: str, obj: Any, dari: int) -> dict[str, str]:
    """What belongs to an element beyond its own fields, as fields: an indicator's targets and
    a node's funding of the years from ``dari``, an issue's linked tujuan and sasaran."""
    if jenis == "indikator":
        return {f"{t.get_jenis_display()} {t.tahun}"
                + (f" TW {t.triwulan}" if t.triwulan else ""):
                t.teks or format_angka(t.nilai) for t in obj.target.all() if t.tahun >= dari}
    if jenis in NODE_KINDS:
        return {_("Indicative funding %(tahun)s") % {"tahun": a.tahun}: format_angka(a.target)
                for a in obj.renstra_anggaran.all() if a.tahun >= dari}
    if jenis == "isu_strategis":
        return {str(_("Goals answered")): "; ".join(sorted(str(t) for t in obj.tujuan.all())),
                str(_("Objectives answered")): "; ".join(sorted(str(s) for s in
                                                               obj.sasaran.all()))}
    return {}


def _compared(jenis: str) -> list[models.Field]:
    return [f for f in KINDS[jenis]._meta.concrete_fields if f.name not in _NOT_COMPARED]


def _rows(renstra: Renstra, jenis: str) -> dict[int, Any]:
    rows = elements(renstra, jenis)
    related = {"indikator": ["target"], "isu_strategis": ["tujuan", "sasaran"]}.get(
        jenis, ["renstra_anggaran"] if jenis in NODE_KINDS else [])
    links = [*LINKS[jenis], *(["sasaran_daerah"] if jenis == "sasaran" else [])]
    return {o.pk: o for o in rows.select_related(*links).prefetch_related(*related)}


def bandingkan(baru: Renstra) -> list[Beda]:
    """What the version ``baru`` changed from the version it changes, kind by kind: the
    elements added, removed and changed (field by field, old -> new); the targets and funding
    compared are those of the years from ``baru.berlaku_mulai``. An element is followed
    through the copy (``Renstra.asal_salinan``); [] for a first version."""
    lama = baru.versi_dari
    if lama is None:
        return []
    hasil: list[Beda] = []
    for jenis in KINDS:
        old_rows, new_rows = _rows(lama, jenis), _rows(baru, jenis)
        asal = {int(k): v for k, v in (baru.asal_salinan or {}).get(jenis, {}).items()}
        matched: set[int] = set()
        for pk, new in new_rows.items():
            old = old_rows.get(asal.get(pk, 0))
            if old is None:
                hasil.append(Beda(jenis, "tambah", str(new), _tempat(jenis, new)))
                continue
            matched.add(old.pk)
            kolom = _beda_kolom(jenis, old, new, baru)
            if kolom:
                hasil.append(Beda(jenis, "ubah", str(new), _tempat(jenis, new), kolom))
        hasil += [Beda(jenis, "hapus", str(old), _tempat(jenis, old))
                  for pk, old in old_rows.items() if pk not in matched]
    return hasil


def _beda_kolom(jenis: str, old: Any, new: Any, baru: Renstra
                ) -> tuple[tuple[str, str, str], ...]:
    asal_of = {k: {int(n): o for n, o in v.items()} for k, v in baru.asal_salinan.items()}
    kolom = []
    fields = _compared(jenis)
    names = {f.name for f in fields}
    for f in fields:
        a, b = getattr(old, f.name), getattr(new, f.name)
        value_of = f.name.removesuffix("_teks")
        if value_of != f.name and value_of in names and (
                _shown(getattr(old, value_of)) != _shown(getattr(new, value_of))):
            continue  # a measure as printed: shown once, by its value
        if f.name in LINKS[jenis]:   # a link inside the version: the same element or not
            kind = LINKS[jenis][f.name]
            same = (a is None and b is None) or (
                a is not None and b is not None and asal_of.get(kind, {}).get(b.pk) == a.pk)
            if not same:
                kolom.append((str(f.verbose_name), _shown(a), _shown(b)))
        elif _shown(a) != _shown(b):
            kolom.append((str(f.verbose_name), _shown(a), _shown(b)))
    dari = baru.berlaku_mulai
    ea, eb = _extra(jenis, old, dari), _extra(jenis, new, dari)
    for key in sorted(ea.keys() | eb.keys()):
        if ea.get(key, "") != eb.get(key, ""):
            kolom.append((key, ea.get(key, ""), eb.get(key, "")))
    return tuple(kolom)


def tandai_versi(rows: Iterable[Renstra]) -> list[Renstra]:
    """``rows`` (Renstra of one OPD) in order, first period and version first, each with
    ``tahun_berlaku`` (the years measured against it), ``nomor_perubahan`` (0 for the first
    version, then 1, 2 …) and ``terbaru`` (whether it is its period's latest version)."""
    rows = sorted(rows, key=lambda r: (r.tahun_awal, r.berlaku_mulai))
    for i, r in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        r.terbaru = nxt is None or nxt.tahun_awal != r.tahun_awal
        akhir = r.tahun_akhir if r.terbaru else nxt.berlaku_mulai - 1  # type: ignore[union-attr]
        r.tahun_berlaku = range(r.berlaku_mulai, akhir + 1)
        before = rows[i - 1] if i else None
        same = before is not None and before.tahun_awal == r.tahun_awal
        r.nomor_perubahan = before.nomor_perubahan + 1 if same else 0  # type: ignore[union-attr]
    return rows


def versi(renstra: Renstra) -> list[Renstra]:
    """Every version of ``renstra``'s period, first to latest (``tandai_versi``)."""
    return tandai_versi(Renstra.objects.filter(
        perangkat_daerah=renstra.perangkat_daerah_id, tahun_awal=renstra.tahun_awal))
