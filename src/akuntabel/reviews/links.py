"""Where a reviu finding can be fixed: the page of the app its ``Lokasi`` points to.

Finding keys (``Lokasi.kunci``) are stable strings made of codes and names (see
``akuntabel.reviews.context`` and ``akuntabel.core.reviu``), not database ids. This module
resolves them back to objects with a fixed number of queries for the whole list, then to URLs:

- ``indikator:…`` (also ``…/perhitungan:…``, an IKU's computation) -> ``indikator_detail``;
  a finding about a missing realisasi (REN-007) -> ``realisasi_grid`` of TW I;
- ``opd``, ``program:…``, ``kegiatan:…``, ``sub_kegiatan:…``, ``rekening:…`` in the budget
  table -> ``anggaran`` + ``#node-<kind>-<pk>`` (kind program/kegiatan/sub_kegiatan with the
  plan node's pk, rekening with the DPA line's pk);
- the same node keys in the Renstra tables, ``tujuan:…``, ``sasaran:…`` -> ``plan`` +
  ``#node-<model name>-<pk>`` (``plans.cascade.node_anchor``: program, kegiatan, subkegiatan,
  tujuan, sasaran); ``renstra:…`` -> ``plan``;
- ``pk:<tahun>…`` and findings in the PK chapter -> ``pk_detail`` of that year;
- ``narasi:<kunci>`` -> ``lakip_narasi_edit``.

Anything else (a printed total outside the tables, an official's name) gets no link; so does
any page whose URL name does not exist (yet).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.urls import NoReverseMatch, reverse

from akuntabel.budget.models import DpaLine, DpaSubKegiatan
from akuntabel.core.reviu.anggaran import BAGIAN_TABEL
from akuntabel.core.reviu.data import Finding
from akuntabel.core.reviu.perencanaan import BAGIAN_PK
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Indikator
from akuntabel.plans.services import NoRenstra, indikator_of, renstra_for
from akuntabel.reports.models import NARASI_KUNCI

REALISASI_RULES = {"REN-007"}  # "an indicator with a target but no realisasi": enter it
NODE_KINDS = ("program", "kegiatan", "sub_kegiatan")


def _url(name: str, args: Sequence[object], anchor: str = "") -> str | None:
    try:
        return reverse(name, args=list(args)) + anchor
    except NoReverseMatch:
        return None


class _Index:
    """Every key the reviu gives an OPD's objects, mapped back to (kind, pk). Fixed queries."""

    def __init__(self, opd: PerangkatDaerah, tahun: int):
        from akuntabel.reviews.context import _Keys, _node_key

        self.nodes: dict[str, tuple[str, int]] = {}
        self.indikator: dict[str, int] = {}
        self.rekening: dict[str, int] = {}
        self.tujuan_sasaran: dict[str, tuple[str, int]] = {}
        try:
            renstra = renstra_for(opd, tahun)
        except NoRenstra:  # no plan: nothing to link to
            return
        self.renstra_pk = renstra.pk
        keys = _Keys(renstra)  # three queries
        for pk in keys.program:
            self.nodes[keys.program_key(pk)] = ("program", pk)
        for pk in keys.kegiatan:
            self.nodes[keys.kegiatan_key(pk)] = ("kegiatan", pk)
        for pk in keys.sub:
            self.nodes[keys.sub_key(pk)] = ("sub_kegiatan", pk)
        # Indicators: the same numbering as the reviu's context (per node, in printed order).
        per_node: dict[str, int] = defaultdict(int)
        for ind in (Indikator.objects.filter(indikator_of(renstra), perangkat_daerah=opd)
                    .select_related("tujuan", "sasaran").order_by("urutan")):
            node_key, _path = _node_key(ind, keys)
            n = per_node[node_key]
            per_node[node_key] += 1
            self.indikator[f"indikator:{ind.kode}" if ind.kode
                           else f"indikator:{node_key}#{n}"] = ind.pk
            if ind.tujuan_id:
                self.tujuan_sasaran[node_key] = ("tujuan", ind.tujuan_id)
            elif ind.sasaran_id:
                self.tujuan_sasaran[node_key] = ("sasaran", ind.sasaran_id)
        # Rekening lines: keyed by their position under the sub kegiatan, as in the context.
        subs = {a.pk: a.sub_kegiatan_id for a in DpaSubKegiatan.objects.filter(
            dpa__perangkat_daerah=opd, dpa__tahun=tahun)}
        children: dict[tuple[int, int | None], list[int]] = defaultdict(list)
        for line_pk, anggaran_id, induk_id in (
                DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd,
                                       anggaran__dpa__tahun=tahun)
                .order_by("urutan").values_list("pk", "anggaran_id", "induk_id")):
            children[(anggaran_id, induk_id)].append(line_pk)
        for anggaran_pk, sub_pk in subs.items():
            if sub_pk not in keys.sub:
                continue
            base = keys.sub_key(sub_pk).partition(":")[2]
            stack: list[tuple[int | None, str]] = [(None, "")]
            while stack:
                parent, position = stack.pop()
                for i, line_pk in enumerate(children.get((anggaran_pk, parent), [])):
                    here = f"{position}.{i}" if position else str(i)
                    self.rekening[f"rekening:{base}/{here}"] = line_pk
                    stack.append((line_pk, here))


def _indikator_of(kunci: str, index: _Index) -> int | None:
    """The indicator a key names: itself, or the indicator of a computation or component."""
    base = kunci.partition("/perhitungan:")[0]
    return index.indikator.get(base)


def link_for(finding: Finding, opd: PerangkatDaerah, tahun: int, index: _Index) -> str | None:
    kunci = finding.lokasi.kunci
    prefix = kunci.partition(":")[0]
    if prefix == "narasi":
        section = kunci.partition(":")[2]
        return _url("lakip_narasi_edit", [opd.pk, tahun, section]) \
            if section in NARASI_KUNCI else None
    if prefix == "pk" or finding.lokasi.bagian == BAGIAN_PK:
        year = kunci.split(":")[1] if prefix == "pk" else str(tahun)
        return _url("pk_detail", [opd.pk, int(year) if year.isdigit() else tahun])
    if prefix == "indikator":
        pk = _indikator_of(kunci, index)
        if pk is None:
            return None
        if finding.code in REALISASI_RULES:
            return _url("realisasi_grid", [opd.pk, tahun, 1])
        return _url("indikator_detail", [pk])
    if prefix == "opd":
        return _url("anggaran", [opd.pk, tahun])
    if prefix == "rekening":
        line = index.rekening.get(kunci)
        return _url("anggaran", [opd.pk, tahun], f"#node-rekening-{line}") if line else None
    if prefix in NODE_KINDS:
        node = index.nodes.get(kunci)
        if node is None:
            return None
        if finding.lokasi.bagian == BAGIAN_TABEL:
            return _url("anggaran", [opd.pk, tahun], f"#node-{node[0]}-{node[1]}")
        return _url("plan", [opd.pk, tahun], f"#node-{node[0].replace('_', '')}-{node[1]}")
    if prefix in ("tujuan", "sasaran"):
        node = index.tujuan_sasaran.get(kunci)
        return _url("plan", [opd.pk, tahun], f"#node-{node[0]}-{node[1]}" if node else "")
    if prefix == "renstra":
        return _url("plan", [opd.pk, tahun])
    return None


def links_for(findings: Sequence[Finding], opd: PerangkatDaerah,
              tahun: int) -> list[str | None]:
    """The URL of each finding's location (None when it has none), in the same order. A fixed
    number of queries whatever the number of findings."""
    index = _Index(opd, tahun)
    return [link_for(f, opd, tahun, index) for f in findings]
