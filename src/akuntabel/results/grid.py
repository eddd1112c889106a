"""The realisasi grid of a triwulan: its lines (``GridRow``), read in a fixed number of
queries (``build_realisasi_grid``), and the realisasi and capaian so far.

How quarterly realisasi relate to the annual one (project convention, decided here):

* A quarterly ``Realisasi`` (triwulan 1..4) holds what was achieved IN that triwulan for a
  KUMULATIF indicator (a count: people served this quarter), and the value AT THE END of that
  triwulan for a NILAI_AKHIR indicator (a rate, a percentage, an index). This is what an
  operator types in the quarter's column, and it never rewrites another period.
* The realisasi "so far" (s.d. TW n) combines TW I..n with ``core.capaian.aggregate`` and the
  indicator's ``agregasi``: the sum for counts, the last filled value for rates. Capaian so far
  compares it with the ANNUAL target in force (``core.target.target_berlaku``, the rule of the
  pages and the LKjIP).
* The year's realisasi is ``core.realisasi.realisasi_tahun``: an annual figure reported
  (triwulan 0: the LKjIP as printed, a dataset's annual value) is kept as reported and shown
  read-only beside the quarters, never overwritten by them; without one, the year's figure is
  the quarters combined. At TW IV the grid's figures so far are the year's by that one rule
  (components first: ``_the_years_figures``), so it shows what the LKjIP will print, and says
  where a figure is not the quarters' own. The reviu reports an annual figure that differs from
  its quarters (HIT-009).
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from akuntabel.core.capaian import (
    Agregasi,
    MetodeTurun,
    Polaritas,
    aggregate,
    compute_capaian_target,
)
from akuntabel.core.target import target_berlaku
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, Target
from akuntabel.plans.services import INDIKATOR_RENSTRA, renstra_in_force
from akuntabel.results.capaian import TARGET_ORDER, Tercatat, compute_capaian_many, pk_targets
from akuntabel.results.models import BuktiDukung, Realisasi


class IndikatorBaris(NamedTuple):
    """What the grid, its checks and its save read of an indicator: a plain value rather than
    a model instance (a page holds hundreds, and building instances was most of its cost)."""

    pk: int
    kode: str
    uraian: str
    satuan: str
    polaritas: str
    metode_turun: str
    agregasi: str
    iku: bool

    __str__ = Indikator.__str__   # its description, as the model writes it


class RealisasiBaris(NamedTuple):
    """A stored realisasi as the grid reads it (see ``IndikatorBaris``); a save rebuilds the
    model from it to record the change (``model``)."""

    pk: int
    teks: str
    nilai: Decimal | None
    catatan: str
    versi: int

    def model(self, indikator_pk: int, tahun: int, triwulan: int) -> Realisasi:
        return Realisasi(id=self.pk, indikator_id=indikator_pk, tahun=tahun, triwulan=triwulan,
                         teks=self.teks, nilai=self.nilai, catatan=self.catatan,
                         versi=self.versi)


@dataclass
class GridRow:
    """One indicator's line in the realisasi grid of a triwulan."""

    nomor: int
    indikator: IndikatorBaris
    node_jenis: str            # "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"
    node_label: str
    target: Tercatat | None    # the annual target in force
    target_tw: Tercatat | None  # the triwulan's own target, when one is set
    sebelumnya: list[tuple[int, Tercatat | None]]  # TW I..n-1, read only
    realisasi: RealisasiBaris | None                # this triwulan's, None when not entered
    tahunan: Tercatat | None                        # the annual (reported) realisasi
    realisasi_sd: Decimal | None                    # aggregated over TW I..n
    capaian_sd: Decimal | None                      # realisasi_sd against the annual target
    bukti: list[BuktiDukung] = field(default_factory=list)
    # At TW IV the figures "so far" are the year's, by the one rule of the pages and the LKjIP
    # (``results.capaian.compute_capaian_many``): "komponen" when computed from components,
    # "input" when an annual figure was reported, else "triwulan" (the quarters themselves).
    sumber_tahun: str = ""

    @property
    def versi(self) -> int:
        return self.realisasi.versi if self.realisasi is not None else 0


class IndikatorGrid(NamedTuple):
    """An indicator of the grid with its node as the grid shows it."""

    indikator: IndikatorBaris
    node_jenis: str   # "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"
    node_label: str


# What the grid reads of an indicator: ``IndikatorBaris``, then what places it (its node, its
# order), then its node and the node's parents (for the label and the cascade order).
GRID_INDIKATOR_FIELDS = (*IndikatorBaris._fields, "tujuan_id", "sasaran_id", "program_id",
                         "kegiatan_id", "sub_kegiatan_id", "urutan")
_GRID_NODE_VALUES = (
    "tujuan__uraian", "tujuan__urutan",
    "sasaran__uraian", "sasaran__urutan", "sasaran__tujuan_id", "sasaran__tujuan__urutan",
    "program__kode", "program__nama", "program__urutan",
    "kegiatan__kode", "kegiatan__nama", "kegiatan__urutan", "kegiatan__program_id",
    "kegiatan__program__urutan",
    "sub_kegiatan__kode", "sub_kegiatan__nama", "sub_kegiatan__urutan",
    "sub_kegiatan__kegiatan_id", "sub_kegiatan__kegiatan__urutan",
    "sub_kegiatan__kegiatan__program_id", "sub_kegiatan__kegiatan__program__urutan")
_NodeValues = namedtuple("_NodeValues", _GRID_NODE_VALUES)


def _grid_node(pk: int, places: tuple, n: Any) -> tuple[str, str, tuple]:
    """The node of indicator ``pk`` from its node ids and order (``places``: the last six of
    ``GRID_INDIKATOR_FIELDS``) and its ``_NodeValues`` ``n``: the node's jenis, its label and
    the indicator's cascade key: tujuan, sasaran, then each program followed by its kegiatan
    and their sub kegiatan; each level by its order, indicators of one node by their own."""
    tujuan, sasaran, program, kegiatan, sub_kegiatan, urutan = places
    akhir = (urutan, pk)
    if tujuan:
        return "tujuan", n.tujuan__uraian, (0, (n.tujuan__urutan, tujuan), (0, 0), akhir)
    if sasaran:
        return ("sasaran", n.sasaran__uraian,
                (1, (n.sasaran__tujuan__urutan, n.sasaran__tujuan_id),
                 (n.sasaran__urutan, sasaran), akhir))
    if program:
        return ("program", f"{n.program__kode} {n.program__nama}".strip(),
                (2, (n.program__urutan, program), (-1, -1), (-1, -1), akhir))
    if kegiatan:
        return ("kegiatan", f"{n.kegiatan__kode} {n.kegiatan__nama}".strip(),
                (2, (n.kegiatan__program__urutan, n.kegiatan__program_id),
                 (n.kegiatan__urutan, kegiatan), (-1, -1), akhir))
    if sub_kegiatan:
        return ("sub_kegiatan", f"{n.sub_kegiatan__kode} {n.sub_kegiatan__nama}".strip(),
                (2, (n.sub_kegiatan__kegiatan__program__urutan,
                     n.sub_kegiatan__kegiatan__program_id),
                 (n.sub_kegiatan__kegiatan__urutan, n.sub_kegiatan__kegiatan_id),
                 (n.sub_kegiatan__urutan, sub_kegiatan), akhir))
    raise ValueError("indikator without node")


def indikator_for_year(opd: PerangkatDaerah, tahun: int) -> list[IndikatorGrid]:
    """The OPD's indicators on which realisasi is reported in ``tahun``, in cascade order,
    as ``IndikatorBaris`` with their node's jenis and label.

    An indicator is listed when it has a target or a realisasi for the year, or when it is an
    outcome indicator (of a tujuan, sasaran or program) of the Renstra covering the year;
    only the indicators of the version of the Renstra the year is measured against
    (``plans.services.renstra_for``) are listed:
    outcomes are measured in every year of the Renstra, whereas the outputs of kegiatan and
    sub kegiatan are set year by year (Renja, DPA) and appear when the year gives them a
    target or a realisasi (Permendagri 86/2017). One query.
    """
    qs = (Indikator.objects.filter(perangkat_daerah=opd)
          .filter(_reported(renstra_in_force(opd, tahun), tahun))
          # Sorted below; the model's ordering would join the OPD and the pemda for nothing.
          .order_by()
          .values_list(*GRID_INDIKATOR_FIELDS, *_GRID_NODE_VALUES))
    return _in_cascade_order(qs)


def _reported(in_force: Any, tahun: int) -> Q:
    """``indikator_for_year``'s rule as a filter, ``in_force`` the OPD's Renstra in force (a
    queryset)."""
    # The version of the Renstra the year is measured against, never an older or newer one of
    # the same period (a Renstra perubahan); when no Renstra covers the year, what the year's
    # own targets and realisasi name.
    return _reported_of(Subquery(in_force.values("pk")[:1]), ~Exists(in_force), tahun)


def _reported_of(versi: Any, tanpa_renstra: Q, tahun: int, lookup: str = "") -> Q:
    """The rule on ``versi``, the Renstra in force (``lookup`` "": one, as a subquery;
    "__in": a list, one per OPD), ``tanpa_renstra`` selecting the indicators of an OPD with
    no Renstra covering the year."""
    of_version = tanpa_renstra
    for path in INDIKATOR_RENSTRA:
        of_version |= Q(**{f"{path}{lookup}": versi})
    in_renstra = (Q(**{f"tujuan__renstra{lookup}": versi})
                  | Q(**{f"sasaran__tujuan__renstra{lookup}": versi})
                  | Q(**{f"program__renstra{lookup}": versi}))
    return of_version & (
        Exists(Target.objects.filter(indikator=OuterRef("pk"), tahun=tahun))
        | Exists(Realisasi.objects.filter(indikator=OuterRef("pk"), tahun=tahun))
        | in_renstra)


def _reported_many(opds: list[int], tahun: int) -> Q:
    """The rule for the indicators of many OPD at once: each OPD's Renstra in force read
    first (one query, ``renstra_in_force`` per OPD as a subquery), then one list of them,
    rather than a subquery for every indicator. A Renstra belongs to one OPD, as do the
    indicators of its tree."""
    in_force = dict(PerangkatDaerah.objects.filter(pk__in=opds).order_by().annotate(
        versi=Subquery(renstra_in_force(OuterRef("pk"), tahun).values("pk")[:1]))
        .values_list("pk", "versi"))
    return Q(perangkat_daerah__in=opds) & _reported_of(
        [v for v in in_force.values() if v is not None],
        Q(perangkat_daerah__in=[o for o, v in in_force.items() if v is None]), tahun, "__in")


def _in_cascade_order(rows: Any) -> list[IndikatorGrid]:
    """Rows of ``GRID_INDIKATOR_FIELDS`` and ``_GRID_NODE_VALUES`` as the grid's indicators,
    in cascade order (``_grid_node``)."""
    own = len(IndikatorBaris._fields)
    places = len(GRID_INDIKATOR_FIELDS)
    keyed = []
    for values in rows:
        jenis, label, key = _grid_node(values[0], values[own:places],
                                       _NodeValues._make(values[places:]))
        keyed.append((key, IndikatorGrid(IndikatorBaris(*values[:own]), jenis, label)))
    keyed.sort(key=lambda k: k[0])
    return [ig for _key, ig in keyed]


def indikator_for_year_many(tahun: int, opds: list[int], where: Q | None = None
                            ) -> dict[int, list[IndikatorGrid]]:
    """``indikator_for_year`` of each of ``opds`` (narrowed by ``where``), by OPD pk, in two
    queries whatever their number."""
    by_opd: dict[int, list[tuple]] = defaultdict(list)
    for values in (Indikator.objects.filter(_reported_many(opds, tahun), where or Q())
                   .order_by().values_list(*GRID_INDIKATOR_FIELDS, *_GRID_NODE_VALUES,
                                           "perangkat_daerah_id")):
        by_opd[values[-1]].append(values[:-1])
    return {opd: _in_cascade_order(rows) for opd, rows in by_opd.items()}


def indikator_for_year_where(tahun: int, opds: list[int]) -> Q:
    """``indikator_for_year``'s rule for the indicators of ``opds`` as a filter, for readers
    that count or narrow them (``reporting.kelengkapan``): one query, each OPD's Renstra in
    force, when it is built."""
    return _reported_many(opds, tahun)


def count_indikator_for_year(tahun: int, opds: list[int], where: Q | None = None
                             ) -> dict[int, int]:
    """How many indicators ``indikator_for_year`` lists for each of ``opds`` (narrowed by
    ``where``), by OPD pk: two queries, reading no indicator."""
    return dict(Indikator.objects.filter(_reported_many(opds, tahun), where or Q())
                .order_by().values("perangkat_daerah_id").annotate(n=Count("pk"))
                .values_list("perangkat_daerah_id", "n"))


def target_in_force(targets: dict[str, Any]) -> Any:
    """The target in force among one period's targets keyed by jenis (``TARGET_ORDER``): a
    Target, or whatever the dict holds for it; None when there is none."""
    for jenis in TARGET_ORDER:
        if jenis in targets:
            return targets[jenis]
    return None


def capaian_so_far(indikator: IndikatorBaris | Indikator, target: Tercatat | None,
                   quarters: list[Decimal | None]) -> tuple[Decimal | None, Decimal | None]:
    """Realisasi over the given quarters (aggregated by the indicator's ``agregasi``) and its
    capaian against the annual ``target`` (``core.capaian.compute_capaian_target``: single,
    range or qualitative); None where not computable (see the note above)."""
    realisasi = aggregate(quarters, _AGREGASI[indikator.agregasi])
    if target is None:
        return realisasi, None
    return realisasi, compute_capaian_target(
        target.nilai, realisasi, _POLARITAS[indikator.polaritas],
        _METODE_TURUN[indikator.metode_turun], target_atas=target.nilai_atas,
        target_teks=target.teks)


# The enums by stored value, read once per line of a grid (a dict look-up, not an enum call).
_AGREGASI = {a.value: a for a in Agregasi}
_POLARITAS = {p.value: p for p in Polaritas}
_METODE_TURUN = {m.value: m for m in MetodeTurun}


# Read as values: ``RealisasiBaris`` after the line and period.
_GRID_REALISASI_FIELDS = ("indikator_id", "triwulan", *RealisasiBaris._fields)


def _tercatat(values: tuple | None) -> Tercatat | None:
    """A row read as ``(indikator, triwulan, jenis or pk, teks, nilai, ...)`` (the grid's
    targets and ``_GRID_REALISASI_FIELDS``), shown only."""
    return Tercatat(values[4], values[3]) if values is not None else None


def _target_tercatat(values: tuple | None) -> Tercatat | None:
    """A target read as ``(indikator, triwulan, jenis, teks, nilai, nilai_atas)``."""
    return Tercatat(values[4], values[3], values[5]) if values is not None else None


def build_realisasi_grid(opd: PerangkatDaerah, tahun: int, triwulan: int) -> list[GridRow]:
    """Every line of the realisasi grid of ``opd`` for ``tahun`` and ``triwulan`` (1..4), with a
    fixed number of queries (four) whatever the number of indicators."""
    return grid_rows(indikator_for_year(opd, tahun), tahun, triwulan,
                     {"indikator__perangkat_daerah": opd})


def grid_rows(indikator: list[IndikatorGrid], tahun: int, triwulan: int,
              where: dict[str, Any], bukti: bool = True) -> list[GridRow]:
    """The realisasi grid's lines of ``indikator`` (of one OPD or several, e.g. a page of a
    pemda's list), ``where`` narrowing the rows read as a lookup on the indicator
    (``{"indikator__perangkat_daerah__in": [...]}``); a fixed number of queries. ``bukti``
    False: the lines without their evidence (one query less)."""
    # Only the periods the grid shows: the year and this triwulan's targets, by jenis.
    targets: dict[tuple[int, int], dict[str, tuple]] = defaultdict(dict)
    for values in (Target.objects.filter(tahun=tahun, triwulan__in=(TAHUNAN, triwulan), **where)
                   .order_by().values_list("indikator_id", "triwulan", "jenis", "teks",
                                           "nilai", "nilai_atas")):
        targets[values[0], values[1]][values[2]] = values
    realisasi: dict[tuple[int, int], tuple] = {
        (values[0], values[1]): values
        for values in Realisasi.objects.filter(tahun=tahun, triwulan__lte=triwulan, **where)
        .order_by().values_list(*_GRID_REALISASI_FIELDS)}
    evidence: dict[int, list[BuktiDukung]] = defaultdict(list)
    for b in BuktiDukung.objects.filter(realisasi__tahun=tahun, realisasi__triwulan=triwulan,
                                        **{f"realisasi__{k}": v for k, v in where.items()}
                                        ) if bukti else ():
        evidence[b.realisasi_id].append(b)
    pk_rows = pk_targets([tahun], where)
    rows = []
    for nomor, (ind, jenis, label) in enumerate(indikator, start=1):
        # The annual target in force by the one rule (``core.target``), as the pages have it.
        annual = {j: _target_tercatat(v)
                  for j, v in targets.get((ind.pk, TAHUNAN), {}).items()}
        berlaku = target_berlaku(annual, pk_rows.get((ind.pk, tahun)))
        target = berlaku[1] if berlaku else None
        quarters = [realisasi.get((ind.pk, tw)) for tw in range(1, triwulan + 1)]
        realisasi_sd, capaian = capaian_so_far(
            ind, target, [r[4] if r is not None else None for r in quarters])
        current = RealisasiBaris(*quarters[-1][2:]) if quarters[-1] is not None else None
        rows.append(GridRow(
            nomor=nomor, indikator=ind, node_jenis=jenis, node_label=label, target=target,
            target_tw=_target_tercatat(target_in_force(targets.get((ind.pk, triwulan), {}))),
            sebelumnya=[(tw, _tercatat(r)) for tw, r in zip(range(1, triwulan), quarters,
                                                              strict=False)],
            realisasi=current, tahunan=_tercatat(realisasi.get((ind.pk, TAHUNAN))),
            realisasi_sd=realisasi_sd, capaian_sd=capaian,
            bukti=evidence.get(current.pk, []) if current is not None else []))
    if triwulan == 4:
        _the_years_figures(rows, where, tahun)
    return rows


def _the_years_figures(rows: list[GridRow], where: dict[str, Any], tahun: int) -> None:
    """At TW IV the year is complete: each line's figures "so far" become the year's, by the
    one rule the pages and the LKjIP read (components, else the annual figure reported, else
    the quarters), so that the grid shows at TW IV what the LKjIP will print. A fixed number
    of queries (``compute_capaian_many``)."""
    tahunan = compute_capaian_many([r.indikator for r in rows], tahun, where=where)
    for row in rows:
        c = tahunan[row.indikator.pk, tahun]
        row.sumber_tahun = c.realisasi.sumber
        if c.realisasi.sumber in ("komponen", "input"):
            row.realisasi_sd, row.capaian_sd = c.realisasi.nilai, c.capaian
