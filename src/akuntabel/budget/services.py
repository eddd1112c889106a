"""The budget of one perangkat daerah and year, rolled up with ``akuntabel.core.anggaran``.

Two roll-ups, both in core: the rekening lines of each sub kegiatan (to check that the
breakdown adds up and to give serapan per line), and the nomenclature tree OPD > program >
kegiatan > sub kegiatan, whose leaves are the sub kegiatan amounts of the DPA.
A fixed number of queries whatever the size of the DPA.
"""

from __future__ import annotations

from dataclasses import dataclass

from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.core.anggaran import BarisAnggaran, HasilNode, Jumlah, rollup
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Kegiatan, Program, SubKegiatan

ROOT = "opd"


@dataclass(frozen=True)
class NodeInfo:
    kunci: str
    tingkat: str  # opd | program | kegiatan | sub_kegiatan | rekening
    kode: str
    uraian: str
    pk: int | None


@dataclass
class BudgetTree:
    """The rolled-up budget: ``hasil`` by key, ``info`` by key, keys in printed order."""

    tahun: int
    hasil: dict[str, HasilNode]
    info: dict[str, NodeInfo]
    lines: dict[str, dict[str, HasilNode]]  # per sub kegiatan key: its rekening roll-up

    @property
    def total(self) -> HasilNode:
        return self.hasil[ROOT]

    def children(self, kunci: str) -> list[str]:
        return list(self.hasil[kunci].anak)


def build_budget_tree(opd: PerangkatDaerah, tahun: int) -> BudgetTree:
    subs = list(
        DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=tahun)
        .values_list("pk", "sub_kegiatan_id", "pagu", "realisasi")
    )
    lines_raw = list(
        DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd, anggaran__dpa__tahun=tahun)
        .order_by("urutan")
        .values_list("pk", "anggaran_id", "induk_id", "kode_rekening", "uraian", "pagu",
                     "realisasi")
    )
    sub_ids = {s[1] for s in subs}
    sub_nodes = list(
        SubKegiatan.objects.filter(pk__in=sub_ids).order_by("urutan")
        .values_list("pk", "kegiatan_id", "kode", "nama")
    )
    keg_ids = {s[1] for s in sub_nodes}
    printed = {
        (p[0], p[1]): (p[2], p[3])
        for p in AnggaranTercetak.objects.filter(
            perangkat_daerah=opd, tahun=tahun, tempat=AnggaranTercetak.TABEL_ANGGARAN
        ).values_list("program_id", "kegiatan_id", "pagu", "realisasi")
    }
    keg_nodes = list(
        Kegiatan.objects.filter(pk__in=keg_ids).order_by("urutan")
        .values_list("pk", "program_id", "kode", "nama")
    )
    prog_ids = {k[1] for k in keg_nodes}
    prog_nodes = list(
        Program.objects.filter(pk__in=prog_ids).order_by("urutan")
        .values_list("pk", "kode", "nama")
    )

    info: dict[str, NodeInfo] = {ROOT: NodeInfo(ROOT, "opd", "", opd.nama, opd.pk)}
    rows: list[BarisAnggaran] = [BarisAnggaran(ROOT, None, None, None)]
    for pk, kode, nama in prog_nodes:
        key = f"p{pk}"
        info[key] = NodeInfo(key, "program", kode, nama, pk)
        pagu, realisasi = printed.get((pk, None), (None, None))
        rows.append(BarisAnggaran(key, ROOT, pagu, realisasi))
    for pk, prog, kode, nama in keg_nodes:
        key = f"k{pk}"
        info[key] = NodeInfo(key, "kegiatan", kode, nama, pk)
        pagu, realisasi = printed.get((None, pk), (None, None))
        rows.append(BarisAnggaran(key, f"p{prog}", pagu, realisasi))

    # Rekening lines, rolled up per sub kegiatan under a synthetic top "__sub__".
    per_sub: dict[int, list[BarisAnggaran]] = {}
    line_info: dict[str, NodeInfo] = {}
    for pk, anggaran_id, induk, kode, uraian, pagu, realisasi in lines_raw:
        key = f"l{pk}"
        line_info[key] = NodeInfo(key, "rekening", kode, uraian, pk)
        per_sub.setdefault(anggaran_id, [BarisAnggaran("__sub__", None, None, None)]).append(
            BarisAnggaran(key, f"l{induk}" if induk else "__sub__", pagu, realisasi))
    line_results = {anggaran_id: rollup(r) for anggaran_id, r in per_sub.items()}

    by_sub = {s[1]: s for s in subs}
    lines_by_key: dict[str, dict[str, HasilNode]] = {}
    for pk, keg, kode, nama in sub_nodes:
        key = f"s{pk}"
        info[key] = NodeInfo(key, "sub_kegiatan", kode, nama, pk)
        anggaran_pk = by_sub[pk][0]
        result = line_results.get(anggaran_pk)
        if result is not None:
            lines_by_key[key] = result
        pagu, realisasi = by_sub[pk][2], by_sub[pk][3]
        if result is not None:
            top = result["__sub__"]
            pagu = pagu if pagu is not None else top.pagu.nilai
            realisasi = realisasi if realisasi is not None else top.realisasi.nilai
        rows.append(BarisAnggaran(key, f"k{keg}", pagu, realisasi))
    info.update(line_info)
    return BudgetTree(tahun=tahun, hasil=rollup(rows), info=info, lines=lines_by_key)


__all__ = ["ROOT", "BudgetTree", "Jumlah", "NodeInfo", "build_budget_tree"]
