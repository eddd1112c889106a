"""The plan of an agency as plain data for its pages: the cascade RPJMD misi > tujuan > sasaran
> program > kegiatan > sub kegiatan with each node's indicators, and each indicator's targets,
realisasi, capaian and peringkat per year.

Everything is read with a fixed number of queries whatever the size of the plan (one query per
kind of row), then assembled in Python. The target in force, the realisasi (computed from its
components where there are some), capaian and peringkat are those of
``results.capaian.compute_capaian_many``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from akuntabel.core.peringkat import Skala
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import (
    TAHUNAN,
    ArahKebijakan,
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    Strategi,
    SubKegiatan,
    Target,
    Tujuan,
)
from akuntabel.plans.services import indikator_of
from akuntabel.results.capaian import TargetTahunan, compute_capaian_many
from akuntabel.results.models import Realisasi

JENIS_TARGET = [j.value for j in Target.Jenis]


def node_anchor(obj: models.Model) -> str:
    """The id of a node on the plan page, e.g. ``node-program-3``, ``node-subkegiatan-12``;
    other pages link to ``{% url 'plan' opd tahun %}#node-program-3``."""
    return f"node-{obj._meta.model_name}-{obj.pk}"


def tingkat_warna(skala: Skala, label: str | None) -> int | None:
    """A colour step from 0 (best band) to 4 (worst) for a peringkat, whatever the number of
    bands of the scale; None for no peringkat."""
    labels = [p.label for p in skala.pita]
    if label not in labels:
        return None
    if len(labels) == 1:
        return 0
    return round(labels.index(label) * 4 / (len(labels) - 1))


@dataclass(frozen=True)
class CapaianTahun:
    """One indicator in one year: its targets, realisasi, capaian and peringkat."""

    tahun: int
    target: dict[str, TargetTahunan]              # jenis -> annual target
    target_triwulan: dict[tuple[str, int], Target]  # (jenis, triwulan 1-4) -> row
    jenis_berlaku: str | None                     # kind of the target in force
    target_berlaku: Decimal | None
    target_berlaku_teks: str
    realisasi_triwulan: dict[int, Realisasi]      # triwulan 1-4 -> row
    realisasi_tahunan: Realisasi | None           # as entered or printed for the year
    realisasi: Decimal | None                     # the truth: from components where possible
    # "komponen" | "input" (the annual figure) | "triwulan" (its quarters) | "tidak_ada"
    realisasi_sumber: str
    pembilang: Decimal | None
    penyebut: Decimal | None
    capaian: Decimal | None
    peringkat: str | None
    tingkat: int | None  # colour step of the peringkat (tingkat_warna)
    target_atas: Decimal | None = None    # the upper bound when the target is a range
    dari_triwulan: Decimal | None = None  # the quarters combined (core.realisasi)
    berbeda: bool = False                 # an annual figure reported that its quarters differ from

    @property
    def target_list(self) -> list[TargetTahunan | None]:
        """The annual targets in the order of ``Target.Jenis``, for a table row."""
        return [self.target.get(j) for j in JENIS_TARGET]

    @property
    def tw_list(self) -> list[Realisasi | None]:
        return [self.realisasi_triwulan.get(tw) for tw in (1, 2, 3, 4)]


def capaian_per_tahun(indikator: Sequence[Indikator], tahun: Sequence[int],
                      skala: Callable[[int], Skala], where: dict[str, Any]
                      ) -> dict[tuple[int, int], CapaianTahun]:
    """``(indikator pk, tahun) -> CapaianTahun`` for the given indicators and years: the
    capaian of ``results.capaian.compute_capaian_many`` with the quarterly rows beside it.

    ``where`` narrows the rows read, as a lookup on the indicator (``{"indikator": ind}`` or
    ``{"indikator__perangkat_daerah": opd}``); seven queries whatever the number of indicators.
    ``skala(tahun)`` gives the rating scale of a year.
    """
    tahun = list(tahun)
    capaian = compute_capaian_many(indikator, tahun, skala, where=where)
    targets_tw: dict[tuple[int, int], dict[tuple[str, int], Target]] = defaultdict(dict)
    for t in Target.objects.filter(tahun__in=tahun, triwulan__gt=TAHUNAN, **where):
        targets_tw[t.indikator_id, t.tahun][t.jenis, t.triwulan] = t
    realisasi: dict[tuple[int, int], dict[int, Realisasi]] = defaultdict(dict)
    for r in Realisasi.objects.filter(tahun__in=tahun, **where):
        realisasi[r.indikator_id, r.tahun][r.triwulan] = r
    hasil: dict[tuple[int, int], CapaianTahun] = {}
    for key, c in capaian.items():
        per_tw = realisasi.get(key, {})
        hasil[key] = CapaianTahun(
            tahun=c.tahun, target=c.targets, target_triwulan=targets_tw.get(key, {}),
            jenis_berlaku=c.jenis_target or None, target_berlaku=c.target,
            target_berlaku_teks=c.target_teks,
            realisasi_triwulan={tw: r for tw, r in per_tw.items() if tw != TAHUNAN},
            realisasi_tahunan=per_tw.get(TAHUNAN), realisasi=c.realisasi.nilai,
            realisasi_sumber=c.realisasi.sumber, pembilang=c.realisasi.pembilang,
            penyebut=c.realisasi.penyebut, capaian=c.capaian, peringkat=c.peringkat,
            tingkat=tingkat_warna(skala(c.tahun), c.peringkat), target_atas=c.target_atas,
            dari_triwulan=c.realisasi.tahun.dari_triwulan if c.realisasi.tahun else None,
            berbeda=bool(c.realisasi.tahun and c.realisasi.tahun.berbeda))
    return hasil


@dataclass
class BarisIndikator:
    indikator: Indikator
    capaian: CapaianTahun


@dataclass
class Node:
    """One element of the cascade with its indicators and its children."""

    kind: str            # rpjmd | tujuan | sasaran | program | kegiatan | subkegiatan | lain
    pk: int
    kode: str
    uraian: str
    indikator: list[BarisIndikator] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    strategi: list[tuple[Strategi, list[ArahKebijakan]]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"node-{self.kind}-{self.pk}"

    @property
    def jumlah_indikator(self) -> int:
        """Indicators of this node and of every node below it."""
        return len(self.indikator) + sum(c.jumlah_indikator for c in self.children)


@dataclass
class Rencana:
    renstra: Renstra
    tahun: int
    misi: list[Any]
    roots: list[Node]
    tidak_aktif: int  # program, kegiatan, sub kegiatan hidden because not active this year
    strategi_lain: list[tuple[Strategi, list[ArahKebijakan]]]


def build_rencana(opd: PerangkatDaerah, renstra: Renstra, tahun: int, skala: Skala) -> Rencana:
    """The cascade of ``renstra`` for ``tahun`` with every indicator's capaian; a fixed number
    of queries."""
    misi = list(renstra.misi.all())
    tujuan = list(Tujuan.objects.filter(renstra=renstra))
    sasaran = list(Sasaran.objects.filter(tujuan__renstra=renstra))
    strategi = list(Strategi.objects.filter(renstra=renstra))
    arah = list(ArahKebijakan.objects.filter(renstra=renstra))
    program = list(Program.objects.filter(renstra=renstra))
    kegiatan = list(Kegiatan.objects.filter(program__renstra=renstra))
    sub = list(SubKegiatan.objects.filter(kegiatan__program__renstra=renstra))
    indikator = list(Indikator.objects.filter(indikator_of(renstra), perangkat_daerah=opd)
                     .order_by("urutan", "pk"))  # of this version only (a Renstra perubahan)
    capaian = capaian_per_tahun(indikator, [tahun], lambda _t: skala,
                                {"indikator__perangkat_daerah": opd})

    nodes: dict[tuple[str, int], Node] = {}

    def node(kind: str, obj: Any, kode: str, uraian: str) -> Node:
        n = Node(kind, obj.pk, kode, uraian)
        nodes[kind, obj.pk] = n
        return n

    tidak_aktif = 0
    root = Node("rpjmd", renstra.rpjmd_id, "", renstra.rpjmd.visi)
    for t in tujuan:
        root.children.append(node("tujuan", t, t.kode, t.uraian))
    for s in sasaran:
        parent = nodes.get(("tujuan", s.tujuan_id))
        if parent is not None:
            parent.children.append(node("sasaran", s, s.kode, s.uraian))
    lain = Node("lain", renstra.pk, "", "")
    for p in program:
        if not p.is_aktif(tahun):
            tidak_aktif += 1
            continue
        parent = nodes.get(("sasaran", p.sasaran_id)) if p.sasaran_id else None
        (parent or lain).children.append(node("program", p, p.kode, p.nama))
    for k in kegiatan:
        parent = nodes.get(("program", k.program_id))
        if parent is None or not k.is_aktif(tahun):
            tidak_aktif += parent is not None
            continue
        parent.children.append(node("kegiatan", k, k.kode, k.nama))
    for s in sub:
        parent = nodes.get(("kegiatan", s.kegiatan_id))
        if parent is None or not s.is_aktif(tahun):
            tidak_aktif += parent is not None
            continue
        parent.children.append(node("subkegiatan", s, s.kode, s.nama))

    per_strategi: dict[int | None, list[ArahKebijakan]] = defaultdict(list)
    for a in arah:
        per_strategi[a.strategi_id].append(a)
    strategi_lain: list[tuple[Strategi, list[ArahKebijakan]]] = []
    for st in strategi:
        item = (st, per_strategi.get(st.pk, []))
        parent = nodes.get(("sasaran", st.sasaran_id)) if st.sasaran_id else None
        if parent is not None:
            parent.strategi.append(item)
        else:
            strategi_lain.append(item)

    for ind in indikator:
        for fk, kind in (("tujuan_id", "tujuan"), ("sasaran_id", "sasaran"),
                         ("program_id", "program"), ("kegiatan_id", "kegiatan"),
                         ("sub_kegiatan_id", "subkegiatan")):
            pk = getattr(ind, fk)
            if pk is not None:
                target_node = nodes.get((kind, pk))
                if target_node is not None:
                    target_node.indikator.append(
                        BarisIndikator(ind, capaian[ind.pk, tahun]))
                break
    roots = [root] + ([lain] if lain.children else [])
    return Rencana(renstra, tahun, misi, roots, tidak_aktif, strategi_lain)


NODE_PATH = (
    "tujuan__renstra__rpjmd", "sasaran__tujuan__renstra__rpjmd",
    "program__renstra__rpjmd", "program__sasaran__tujuan__renstra",
    "kegiatan__program__renstra__rpjmd", "kegiatan__program__sasaran__tujuan__renstra",
    "sub_kegiatan__kegiatan__program__renstra__rpjmd",
    "sub_kegiatan__kegiatan__program__sasaran__tujuan__renstra",
)


@dataclass(frozen=True)
class Langkah:
    """One step of an indicator's breadcrumb: the kind of node, its anchor and its text."""

    kind: str
    anchor: str
    kode: str
    uraian: str


def jalur_indikator(indikator: Indikator) -> tuple[Renstra, list[Langkah]]:
    """The Renstra an indicator belongs to and the path from its tujuan down to its node.
    ``indikator`` must come from ``Indikator.objects.select_related(*NODE_PATH)``."""
    chain: list[Any] = []
    obj: Any = indikator.node
    while obj is not None:
        chain.append(obj)
        if isinstance(obj, SubKegiatan):
            obj = obj.kegiatan
        elif isinstance(obj, Kegiatan):
            obj = obj.program
        elif isinstance(obj, Program):
            renstra = obj.renstra
            obj = obj.sasaran
        elif isinstance(obj, Sasaran):
            obj = obj.tujuan
        else:
            renstra = obj.renstra
            obj = None
    langkah = []
    for o in reversed(chain):
        kode = getattr(o, "kode", "")
        uraian = getattr(o, "nama", None) or o.uraian
        langkah.append(Langkah(o._meta.model_name, node_anchor(o), kode, uraian))
    return renstra, langkah


def years_with_data(capaian: Iterable[CapaianTahun]) -> list[int]:
    """The years that have a realisasi or a target other than the Renstra's."""
    return [c.tahun for c in capaian
            if c.realisasi is not None or set(c.target) - {Target.Jenis.RENSTRA.value}]
