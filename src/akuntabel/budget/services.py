"""The budget of one perangkat daerah and year, rolled up with ``akuntabel.core.anggaran``.

The tree OPD > program > kegiatan > sub kegiatan has the sub kegiatan's DPA amounts as its
leaves (a sub kegiatan without amounts of its own counts the sum of its leaf lines, summed in
SQL). The rekening lines under a sub kegiatan are a breakdown: ``build_line_rollup`` rolls them
up, for one sub kegiatan or all, when they are shown or checked. Each function uses a fixed
number of queries whatever the size of the DPA.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Sum

from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.core.anggaran import (
    BarisAnggaran,
    HasilNode,
    Jumlah,
    Selisih,
    find_induk_tidak_sama,
    rollup,
)
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Kegiatan, Program

ROOT = "opd"
LINES_ROOT = "__sub__"


@dataclass(frozen=True)
class NodeInfo:
    kunci: str
    tingkat: str  # opd | program | kegiatan | sub_kegiatan | rekening
    kode: str
    uraian: str
    pk: int | None


@dataclass
class BudgetTree:
    """The rolled-up budget: ``hasil`` and ``info`` by key, keys in printed order."""

    tahun: int
    hasil: dict[str, HasilNode]
    info: dict[str, NodeInfo]
    anggaran_pk: dict[str, int]  # sub kegiatan key -> its DpaSubKegiatan pk

    @property
    def total(self) -> HasilNode:
        return self.hasil[ROOT]

    def children(self, kunci: str) -> list[str]:
        return list(self.hasil[kunci].anak)


def _dpa_lines(opd: PerangkatDaerah, tahun: int) -> QuerySet[DpaLine]:
    return DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd,
                                  anggaran__dpa__tahun=tahun)


def build_budget_tree(opd: PerangkatDaerah, tahun: int) -> BudgetTree:
    return build_budget_trees([opd], tahun)[opd.pk]


def build_budget_trees(opds: Iterable[PerangkatDaerah], tahun: int) -> dict[int, BudgetTree]:
    """The budget tree of each perangkat daerah for ``tahun``, by its pk: the same queries
    for one OPD or forty (an OPD without a DPA gets a tree with only its root)."""
    opds = list(opds)
    opd_pks = [o.pk for o in opds]
    subs = list(
        DpaSubKegiatan.objects.filter(dpa__perangkat_daerah__in=opd_pks, dpa__tahun=tahun)
        .order_by("sub_kegiatan__kegiatan__program__urutan", "sub_kegiatan__kegiatan__urutan",
                  "sub_kegiatan__urutan")
        .values_list("pk", "sub_kegiatan_id", "sub_kegiatan__kode", "sub_kegiatan__nama",
                     "sub_kegiatan__kegiatan_id", "pagu", "realisasi", "dpa__perangkat_daerah_id")
    )
    # Leaf lines summed per sub kegiatan, for those without amounts of their own.
    leaf_sums = {
        row["anggaran_id"]: (row["pagu"], row["realisasi"])
        for row in DpaLine.objects.filter(anggaran__dpa__perangkat_daerah__in=opd_pks,
                                          anggaran__dpa__tahun=tahun)
        .filter(~Exists(DpaLine.objects.filter(induk=OuterRef("pk"))))
        .values("anggaran_id").annotate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
    } if any(s[5] is None or s[6] is None for s in subs) else {}
    kegiatan = list(
        Kegiatan.objects.filter(sub_kegiatan__dpa__dpa__perangkat_daerah__in=opd_pks,
                                sub_kegiatan__dpa__dpa__tahun=tahun)
        .distinct().order_by("program__urutan", "urutan")
        .values_list("pk", "program_id", "kode", "nama",
                     "sub_kegiatan__dpa__dpa__perangkat_daerah_id")
    )
    program = list(
        Program.objects.filter(kegiatan__sub_kegiatan__dpa__dpa__perangkat_daerah__in=opd_pks,
                               kegiatan__sub_kegiatan__dpa__dpa__tahun=tahun)
        .distinct().order_by("urutan")
        .values_list("pk", "kode", "nama", "kegiatan__sub_kegiatan__dpa__dpa__perangkat_daerah_id")
    )
    printed = {
        (p[0], p[1], p[2]): (p[3], p[4])
        for p in AnggaranTercetak.objects.filter(
            perangkat_daerah__in=opd_pks, tahun=tahun, tempat=AnggaranTercetak.TABEL_ANGGARAN
        ).values_list("perangkat_daerah_id", "program_id", "kegiatan_id", "pagu", "realisasi")
    }

    info: dict[int, dict[str, NodeInfo]] = {
        o.pk: {ROOT: NodeInfo(ROOT, "opd", "", o.nama, o.pk)} for o in opds}
    rows: dict[int, list[BarisAnggaran]] = {
        o.pk: [BarisAnggaran(ROOT, None, None, None)] for o in opds}
    for pk, kode, nama, opd_pk in program:
        key = f"p{pk}"
        info[opd_pk][key] = NodeInfo(key, "program", kode, nama, pk)
        rows[opd_pk].append(BarisAnggaran(key, ROOT,
                                          *printed.get((opd_pk, pk, None), (None, None))))
    for pk, program_id, kode, nama, opd_pk in kegiatan:
        key = f"k{pk}"
        info[opd_pk][key] = NodeInfo(key, "kegiatan", kode, nama, pk)
        rows[opd_pk].append(BarisAnggaran(key, f"p{program_id}",
                                          *printed.get((opd_pk, None, pk), (None, None))))
    anggaran_pk: dict[int, dict[str, int]] = {o.pk: {} for o in opds}
    for anggaran, sub_pk, kode, nama, kegiatan_id, pagu, realisasi, opd_pk in subs:
        key = f"s{sub_pk}"
        info[opd_pk][key] = NodeInfo(key, "sub_kegiatan", kode, nama, sub_pk)
        anggaran_pk[opd_pk][key] = anggaran
        line_pagu, line_realisasi = leaf_sums.get(anggaran, (None, None))
        rows[opd_pk].append(BarisAnggaran(
            key, f"k{kegiatan_id}",
            pagu if pagu is not None else line_pagu,
            realisasi if realisasi is not None else line_realisasi))
    return {o.pk: BudgetTree(tahun=tahun, hasil=rollup(rows[o.pk]), info=info[o.pk],
                             anggaran_pk=anggaran_pk[o.pk]) for o in opds}


@dataclass
class LineRollup:
    """The rekening lines of sub kegiatan, rolled up: per DpaSubKegiatan pk, the core's
    results keyed ``l<pk>`` under the synthetic top ``LINES_ROOT``."""

    hasil: dict[int, dict[str, HasilNode]]
    info: dict[str, NodeInfo]


def build_line_rollup(opd: PerangkatDaerah, tahun: int,
                      anggaran: int | None = None) -> LineRollup:
    """Roll up the rekening lines of every sub kegiatan of the year, or of one
    (``anggaran`` = a DpaSubKegiatan pk), to show them or to check that they add up."""
    lines = _dpa_lines(opd, tahun)
    if anggaran is not None:
        lines = lines.filter(anggaran_id=anggaran)
    per_sub: dict[int, list[BarisAnggaran]] = defaultdict(
        lambda: [BarisAnggaran(LINES_ROOT, None, None, None)])
    info: dict[str, NodeInfo] = {}
    for pk, anggaran_id, induk, kode, uraian, pagu, realisasi in lines.order_by(
            "urutan").values_list("pk", "anggaran_id", "induk_id", "kode_rekening", "uraian",
                                  "pagu", "realisasi"):
        key = f"l{pk}"
        info[key] = NodeInfo(key, "rekening", kode, uraian, pk)
        per_sub[anggaran_id].append(BarisAnggaran(
            key, f"l{induk}" if induk else LINES_ROOT, pagu, realisasi))
    return LineRollup(hasil={a: rollup(rows) for a, rows in per_sub.items()}, info=info)


def build_pagu_murni(opd: PerangkatDaerah, tahun: int, tree: BudgetTree,
                     anggaran: int | None = None, rekening: bool = True) -> dict[str, Jumlah]:
    """The original pagu (murni, before the APBD change) rolled up like the pagu: by the
    tree's keys (program, kegiatan, sub kegiatan) and, with ``rekening``, by rekening line key
    (``l<pk>``), for every line of the year or of one sub kegiatan (``anggaran``). Two
    queries at most."""
    murni_sub = dict(DpaSubKegiatan.objects.filter(pk__in=tree.anggaran_pk.values())
                     .values_list("pk", "pagu_murni"))
    rows = [BarisAnggaran(k, h.induk,
                          murni_sub.get(tree.anggaran_pk[k]) if k in tree.anggaran_pk else None,
                          None)
            for k, h in tree.hasil.items()]
    hasil = {k: h.pagu for k, h in rollup(rows).items()}
    if not rekening:
        return hasil
    lines = _dpa_lines(opd, tahun)
    if anggaran is not None:
        lines = lines.filter(anggaran_id=anggaran)
    per_sub: dict[int, list[BarisAnggaran]] = defaultdict(
        lambda: [BarisAnggaran(LINES_ROOT, None, None, None)])
    for pk, anggaran_id, induk, murni in lines.order_by("urutan").values_list(
            "pk", "anggaran_id", "induk_id", "pagu_murni"):
        per_sub[anggaran_id].append(
            BarisAnggaran(f"l{pk}", f"l{induk}" if induk else LINES_ROOT, murni, None))
    for baris in per_sub.values():
        hasil.update({k: h.pagu for k, h in rollup(baris).items() if k != LINES_ROOT})
    return hasil


def find_rincian_tidak_sama(tree: BudgetTree, lines: LineRollup) -> dict[str, list[Selisih]]:
    """Per sub kegiatan key, where its rekening lines do not add up: a line whose printed
    subtotal differs from its children's sum, and the lines' total against the sub
    kegiatan's DPA amount (keyed with the sub kegiatan's own key)."""
    temuan: dict[str, list[Selisih]] = {}
    for kunci, anggaran in tree.anggaran_pk.items():
        hasil = lines.hasil.get(anggaran)
        if hasil is None:
            continue
        daftar = find_induk_tidak_sama(hasil)
        sub, jumlah = tree.hasil[kunci], hasil[LINES_ROOT]
        for ukuran, dpa, rincian in (("pagu", sub.pagu, jumlah.pagu),
                                     ("realisasi", sub.realisasi, jumlah.realisasi)):
            if (dpa.nilai is not None and rincian.sumber == "data"
                    and rincian.nilai is not None and dpa.nilai != rincian.nilai):
                daftar.append(Selisih(kunci, ukuran, dpa.nilai, rincian.nilai))
        if daftar:
            temuan[kunci] = daftar
    return temuan


__all__ = ["LINES_ROOT", "ROOT", "BudgetTree", "LineRollup", "NodeInfo", "build_budget_tree",
           "build_budget_trees", "build_line_rollup", "build_pagu_murni",
           "find_rincian_tidak_sama"]
