"""The budget of one perangkat daerah and year, rolled up with ``akuntabel.core.anggaran``.

The tree OPD > program > kegiatan > sub kegiatan has the sub kegiatan's DPA amounts as its
leaves (a sub kegiatan without amounts of its own counts the sum of its leaf lines, summed in
SQL). The rekening lines under a sub kegiatan are a breakdown: ``build_line_rollup`` rolls them
up, for one sub kegiatan or all, when they are shown or checked. Each function uses a fixed
number of queries whatever the size of the DPA.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Sum

from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.core.anggaran import BarisAnggaran, HasilNode, rollup
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
    subs = list(
        DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=tahun)
        .order_by("sub_kegiatan__kegiatan__program__urutan", "sub_kegiatan__kegiatan__urutan",
                  "sub_kegiatan__urutan")
        .values_list("pk", "sub_kegiatan_id", "sub_kegiatan__kode", "sub_kegiatan__nama",
                     "sub_kegiatan__kegiatan_id", "pagu", "realisasi")
    )
    # Leaf lines summed per sub kegiatan, for those without amounts of their own.
    leaf_sums = {
        row["anggaran_id"]: (row["pagu"], row["realisasi"])
        for row in _dpa_lines(opd, tahun)
        .filter(~Exists(DpaLine.objects.filter(induk=OuterRef("pk"))))
        .values("anggaran_id").annotate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
    } if any(s[5] is None or s[6] is None for s in subs) else {}
    kegiatan = list(
        Kegiatan.objects.filter(sub_kegiatan__dpa__dpa__perangkat_daerah=opd,
                                sub_kegiatan__dpa__dpa__tahun=tahun)
        .distinct().order_by("program__urutan", "urutan")
        .values_list("pk", "program_id", "kode", "nama")
    )
    program = list(
        Program.objects.filter(kegiatan__sub_kegiatan__dpa__dpa__perangkat_daerah=opd,
                               kegiatan__sub_kegiatan__dpa__dpa__tahun=tahun)
        .distinct().order_by("urutan").values_list("pk", "kode", "nama")
    )
    printed = {
        (p[0], p[1]): (p[2], p[3])
        for p in AnggaranTercetak.objects.filter(
            perangkat_daerah=opd, tahun=tahun, tempat=AnggaranTercetak.TABEL_ANGGARAN
        ).values_list("program_id", "kegiatan_id", "pagu", "realisasi")
    }

    info: dict[str, NodeInfo] = {ROOT: NodeInfo(ROOT, "opd", "", opd.nama, opd.pk)}
    rows: list[BarisAnggaran] = [BarisAnggaran(ROOT, None, None, None)]
    for pk, kode, nama in program:
        key = f"p{pk}"
        info[key] = NodeInfo(key, "program", kode, nama, pk)
        rows.append(BarisAnggaran(key, ROOT, *printed.get((pk, None), (None, None))))
    for pk, program_id, kode, nama in kegiatan:
        key = f"k{pk}"
        info[key] = NodeInfo(key, "kegiatan", kode, nama, pk)
        rows.append(BarisAnggaran(key, f"p{program_id}",
                                  *printed.get((None, pk), (None, None))))
    anggaran_pk = {}
    for anggaran, sub_pk, kode, nama, kegiatan_id, pagu, realisasi in subs:
        key = f"s{sub_pk}"
        info[key] = NodeInfo(key, "sub_kegiatan", kode, nama, sub_pk)
        anggaran_pk[key] = anggaran
        line_pagu, line_realisasi = leaf_sums.get(anggaran, (None, None))
        rows.append(BarisAnggaran(
            key, f"k{kegiatan_id}",
            pagu if pagu is not None else line_pagu,
            realisasi if realisasi is not None else line_realisasi))
    return BudgetTree(tahun=tahun, hasil=rollup(rows), info=info, anggaran_pk=anggaran_pk)


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


__all__ = ["LINES_ROOT", "ROOT", "BudgetTree", "LineRollup", "NodeInfo", "build_budget_tree",
           "build_line_rollup"]
