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
from decimal import MAX_PREC, Context, Decimal, localcontext
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from akuntabel.budget.models import (
    AnggaranTercetak,
    DpaLine,
    DpaSubKegiatan,
    RealisasiAnggaranTriwulan,
)
from akuntabel.core.anggaran import (
    BarisAnggaran,
    HasilNode,
    Jumlah,
    Selisih,
    compute_serapan,
    find_induk_tidak_sama,
    find_realisasi_melebihi_pagu,
    find_realisasi_tanpa_pagu,
    jumlah_triwulan,
    rollup,
    selisih_ditandai,
    tambah,
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
    # Read with the tree, so that the budget page needs no query of its own for them:
    pagu_murni: dict[int, Decimal | None] | None = None  # DpaSubKegiatan pk -> pagu murni
    jumlah_baris: dict[int, int] | None = None  # DpaSubKegiatan pk -> its rekening lines

    @property
    def total(self) -> HasilNode:
        return self.hasil[ROOT]

    def children(self, kunci: str) -> list[str]:
        return list(self.hasil[kunci].anak)


def _dpa_lines(opd: PerangkatDaerah, tahun: int) -> QuerySet[DpaLine]:
    return DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd,
                                  anggaran__dpa__tahun=tahun)


def build_budget_tree(opd: PerangkatDaerah, tahun: int, *,
                      jumlah_baris: bool = False) -> BudgetTree:
    return build_budget_trees([opd], tahun, jumlah_baris=jumlah_baris)[opd.pk]


def build_budget_trees(opds: Iterable[PerangkatDaerah], tahun: int, *,
                       jumlah_baris: bool = False) -> dict[int, BudgetTree]:
    """The budget tree of each perangkat daerah for ``tahun``, by its pk: the same queries
    for one OPD or forty (an OPD without a DPA gets a tree with only its root). The trees
    carry their sub kegiatan's pagu murni and, with ``jumlah_baris``, their number of
    rekening lines (read with the leaf lines' sums, then always)."""
    opds = list(opds)
    opd_pks = [o.pk for o in opds]
    subs = list(
        DpaSubKegiatan.objects.filter(dpa__perangkat_daerah__in=opd_pks, dpa__tahun=tahun)
        .order_by("sub_kegiatan__kegiatan__program__urutan", "sub_kegiatan__kegiatan__urutan",
                  "sub_kegiatan__urutan")
        .values_list("pk", "sub_kegiatan_id", "sub_kegiatan__kode", "sub_kegiatan__nama",
                     "sub_kegiatan__kegiatan_id", "pagu", "realisasi", "dpa__perangkat_daerah_id",
                     "pagu_murni")
    )
    # Leaf lines summed per sub kegiatan, for those without amounts of their own.
    missing = any(s[5] is None or s[6] is None for s in subs)
    leaf_sums = _leaf_sums(_dpa_sub_kegiatan(opd_pks, tahun, missing=True)) if missing else {}
    counts = _line_counts(_dpa_sub_kegiatan(opd_pks, tahun)) if jumlah_baris else {}
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
    murni: dict[int, dict[int, Decimal | None]] = {o.pk: {} for o in opds}
    for anggaran, sub_pk, kode, nama, kegiatan_id, pagu, realisasi, opd_pk, pagu_murni in subs:
        murni[opd_pk][anggaran] = pagu_murni
        key = f"s{sub_pk}"
        info[opd_pk][key] = NodeInfo(key, "sub_kegiatan", kode, nama, sub_pk)
        anggaran_pk[opd_pk][key] = anggaran
        line_pagu, line_realisasi = leaf_sums.get(anggaran, (None, None))
        rows[opd_pk].append(BarisAnggaran(
            key, f"k{kegiatan_id}",
            pagu if pagu is not None else line_pagu,
            realisasi if realisasi is not None else line_realisasi))
    return {o.pk: BudgetTree(
        tahun=tahun, hasil=rollup(rows[o.pk]), info=info[o.pk], anggaran_pk=anggaran_pk[o.pk],
        pagu_murni=murni[o.pk],
        jumlah_baris={a: counts[a] for a in murni[o.pk] if a in counts} if jumlah_baris else None)
        for o in opds}


def _dpa_sub_kegiatan(opd_pks: list[int], tahun: int, *, missing: bool = False
                      ) -> QuerySet[DpaSubKegiatan]:
    """The DPA sub kegiatan of the OPD and year (with ``missing``, those lacking an amount of
    their own), as a subquery of their pks."""
    subs = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah__in=opd_pks, dpa__tahun=tahun)
    if missing:
        subs = subs.filter(Q(pagu__isnull=True) | Q(realisasi__isnull=True))
    return subs.order_by().values("pk")


def _leaf_sums(subs: QuerySet[DpaSubKegiatan]
               ) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Per DpaSubKegiatan of ``subs`` (``_dpa_sub_kegiatan``), the sums of its leaf lines
    (pagu, realisasi): the amounts of a sub kegiatan without amounts of its own. One query,
    one look-up of children per line."""
    return {
        anggaran: (pagu, realisasi)
        for anggaran, pagu, realisasi in DpaLine.objects.filter(anggaran__in=subs)
        .filter(~Exists(DpaLine.objects.filter(induk=OuterRef("pk"))))
        .order_by().values("anggaran_id")
        .annotate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
        .values_list("anggaran_id", "pagu", "realisasi")
    }


def _line_counts(subs: QuerySet[DpaSubKegiatan]) -> dict[int, int]:
    """Per DpaSubKegiatan of ``subs`` with lines, its number of rekening lines (leaves or
    not). One query, read from the index alone."""
    return dict(DpaLine.objects.filter(anggaran__in=subs).order_by()
                .values("anggaran_id").annotate(n=Count("pk")).values_list("anggaran_id", "n"))


def build_budget_totals(opds: Iterable[PerangkatDaerah], tahun: int
                        ) -> dict[int, HasilNode | None]:
    """The OPD total of each perangkat daerah's budget for ``tahun``, by its pk, without the
    tree: the same pagu, realisasi and serapan as ``build_budget_trees(...)[pk].total`` (None
    for an OPD without a DPA sub kegiatan), for pages that show only totals.

    By the DPA rule the sub kegiatan amounts (or their leaf lines' sums) are the truth for
    everything above them, and the OPD row has no printed amount: with ``core.anggaran``'s
    roll-up a total is the exact sum of its sub kegiatan when every one has the amount, and
    has none (``tidak_ada``) as soon as one lacks it, whatever is printed in between. So each
    measure is summed here per OPD (exactly, as ``rollup`` does) and the sum rolled up as the
    OPD's single part (the node's ``anak`` is ``("jumlah",)``, not the programs). Two queries
    at most, for any number of OPD."""
    opd_pks = [o.pk for o in opds]
    subs = list(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah__in=opd_pks,
                                              dpa__tahun=tahun)
                .values_list("pk", "dpa__perangkat_daerah_id", "pagu", "realisasi"))
    missing = any(s[2] is None or s[3] is None for s in subs)
    leaf_sums = _leaf_sums(_dpa_sub_kegiatan(opd_pks, tahun, missing=True)) if missing else {}
    jumlah: dict[int, list[Decimal | None]] = {}
    with localcontext(Context(prec=MAX_PREC)):  # exact sums, as core.anggaran's
        for anggaran, opd_pk, pagu, realisasi in subs:
            if pagu is None or realisasi is None:
                line_pagu, line_realisasi = leaf_sums.get(anggaran, (None, None))
                pagu = pagu if pagu is not None else line_pagu
                realisasi = realisasi if realisasi is not None else line_realisasi
            total = jumlah.setdefault(opd_pk, [Decimal(0), Decimal(0)])
            total[0] = None if pagu is None or total[0] is None else total[0] + pagu
            total[1] = (None if realisasi is None or total[1] is None
                        else total[1] + realisasi)
    return {pk: rollup([BarisAnggaran(ROOT, None, None, None),
                        BarisAnggaran("jumlah", ROOT, *jumlah[pk])])[ROOT]
            if pk in jumlah else None for pk in opd_pks}


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
    return build_line_rollup_murni(opd, tahun, anggaran, murni=False)[0]


def build_line_rollup_murni(opd: PerangkatDaerah, tahun: int, anggaran: int | None = None,
                            *, murni: bool = True) -> tuple[LineRollup, dict[str, Jumlah]]:
    """``build_line_rollup`` and, read in the same query, the lines' pagu murni rolled up by
    line key, as ``build_pagu_murni`` gives them (empty without ``murni``). One query."""
    lines = _dpa_lines(opd, tahun)
    if anggaran is not None:
        lines = lines.filter(anggaran_id=anggaran)
    per_sub: dict[int, list[BarisAnggaran]] = defaultdict(
        lambda: [BarisAnggaran(LINES_ROOT, None, None, None)])
    info: dict[str, NodeInfo] = {}
    murni_rows: list[tuple[int, int, int | None, Decimal | None]] = []
    columns = ["pk", "anggaran_id", "induk_id", "kode_rekening", "uraian", "pagu", "realisasi"]
    for pk, anggaran_id, induk, kode, uraian, pagu, realisasi, *pagu_murni in lines.order_by(
            "urutan").values_list(*columns, *(["pagu_murni"] if murni else [])):
        key = f"l{pk}"
        info[key] = NodeInfo(key, "rekening", kode, uraian, pk)
        per_sub[anggaran_id].append(BarisAnggaran(
            key, f"l{induk}" if induk else LINES_ROOT, pagu, realisasi))
        if murni:
            murni_rows.append((pk, anggaran_id, induk, pagu_murni[0]))
    return (LineRollup(hasil={a: rollup(rows) for a, rows in per_sub.items()}, info=info),
            _rollup_murni(murni_rows))


def build_pagu_murni(opd: PerangkatDaerah, tahun: int, tree: BudgetTree,
                     anggaran: int | None = None, rekening: bool = True) -> dict[str, Jumlah]:
    """The original pagu (murni, before the APBD change) rolled up like the pagu: by the
    tree's keys (program, kegiatan, sub kegiatan) and, with ``rekening``, by rekening line key
    (``l<pk>``), for every line of the year or of one sub kegiatan (``anggaran``). Two
    queries at most."""
    murni_sub = tree.pagu_murni if tree.pagu_murni is not None else dict(
        DpaSubKegiatan.objects.filter(pk__in=tree.anggaran_pk.values())
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
    hasil.update(_rollup_murni(lines.order_by("urutan").values_list(
        "pk", "anggaran_id", "induk_id", "pagu_murni")))
    return hasil


def _rollup_murni(lines: Iterable[tuple[int, int, int | None, Decimal | None]]
                  ) -> dict[str, Jumlah]:
    """The pagu murni of rekening lines (pk, DpaSubKegiatan pk, parent pk, pagu murni, in
    printed order) rolled up per sub kegiatan, by line key ``l<pk>``."""
    per_sub: dict[int, list[BarisAnggaran]] = defaultdict(
        lambda: [BarisAnggaran(LINES_ROOT, None, None, None)])
    for pk, anggaran_id, induk, murni in lines:
        per_sub[anggaran_id].append(
            BarisAnggaran(f"l{pk}", f"l{induk}" if induk else LINES_ROOT, murni, None))
    hasil: dict[str, Jumlah] = {}
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


# --- Realisasi anggaran per triwulan ---------------------------------------------------------
#
# The OPD enters per sub kegiatan of the DPA what was spent IN each triwulan
# (``RealisasiAnggaranTriwulan``). Kegiatan, program and OPD figures are simple sums of their
# sub kegiatan's values (a sub kegiatan without a value for a quarter adds nothing; a node
# none of whose sub kegiatan has a value shows "–"). Cumulative realisasi "s.d. TW n" is the
# sum of TW I..n. The annual DPA realisasi stays the LAKIP's truth (see the model): the sum of
# TW I-IV is compared with it, never put in its place.

TRIWULAN = (1, 2, 3, 4)
PerTriwulan = tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
_KOSONG: PerTriwulan = (None, None, None, None)


def _triwulan_rows(opd: PerangkatDaerah, tahun: int) -> QuerySet[RealisasiAnggaranTriwulan]:
    return RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan__dpa__perangkat_daerah=opd,
                                                    dpa_sub_kegiatan__dpa__tahun=tahun)


def build_triwulan_sums(opd: PerangkatDaerah, tahun: int,
                        tree: BudgetTree) -> dict[str, PerTriwulan]:
    """TW I-IV per node of ``tree`` (sub kegiatan, kegiatan, program, the OPD ``ROOT``): the sub
    kegiatan's entered values summed up the tree. Nodes without any value are left out. One
    query."""
    per_anggaran: dict[int, list[Decimal | None]] = defaultdict(lambda: [None] * 4)
    for anggaran, tw, nilai in _triwulan_rows(opd, tahun).values_list(
            "dpa_sub_kegiatan_id", "triwulan", "nilai"):
        per_anggaran[anggaran][tw - 1] = nilai
    if not per_anggaran:
        return {}
    return {k: v for k, v in _sum_up(tree, per_anggaran).items() if v != _KOSONG}


def _sum_up(tree: BudgetTree,
            per_anggaran: dict[int, list[Decimal | None]]) -> dict[str, PerTriwulan]:
    """TW I-IV for every node of ``tree``: a sub kegiatan's own values, a parent the sums of
    its children's."""
    sums: dict[str, list[Decimal | None]] = {}
    for kunci in reversed(list(tree.hasil)):  # children before parents (input order reversed)
        own = sums.setdefault(kunci, [None] * 4)
        anggaran = tree.anggaran_pk.get(kunci)
        if anggaran is not None and anggaran in per_anggaran:
            own[:] = per_anggaran[anggaran]
        induk = tree.hasil[kunci].induk
        if induk is not None:
            parent = sums.setdefault(induk, [None] * 4)
            for i, v in enumerate(own):
                parent[i] = tambah(parent[i], v)
    return {k: (v[0], v[1], v[2], v[3]) for k, v in sums.items()}


@dataclass
class BarisRealisasiAnggaran:
    """One line of the budget realisasi grid: a sub kegiatan of the DPA (``tingkat``
    "sub_kegiatan", with ``anggaran`` its DpaSubKegiatan pk), or a program / kegiatan heading
    (``anggaran`` None) carrying the sums of its sub kegiatan."""

    tingkat: str
    kode: str
    uraian: str
    pagu: Decimal | None
    tahunan: Decimal | None          # the annual realisasi of the DPA (the LAKIP's truth)
    per_tw: PerTriwulan              # the values entered, TW I-IV
    triwulan: int                    # the triwulan being entered
    nomor: int = 0                   # row number of a sub kegiatan, as named in messages
    anggaran: int | None = None
    tersimpan: RealisasiAnggaranTriwulan | None = None  # this triwulan's stored row
    melebihi_pagu: bool = False      # cumulative realisasi above pagu (core.anggaran)
    tanpa_pagu: bool = False         # a realisasi without pagu (core.anggaran)
    sub_pk: int | None = None

    @property
    def versi(self) -> int:
        return self.tersimpan.versi if self.tersimpan is not None else 0

    @property
    def tempat(self) -> str:
        """How messages name the line: its code, or its name when it has no code."""
        return self.kode or (self.uraian[:60] + ("…" if len(self.uraian) > 60 else ""))

    @property
    def nilai(self) -> Decimal | None:
        return self.per_tw[self.triwulan - 1]

    @property
    def sebelumnya(self) -> list[Decimal | None]:
        return list(self.per_tw[:self.triwulan - 1])

    @property
    def kumulatif(self) -> Decimal | None:
        """Realisasi s.d. TW n: the sum of TW I..n."""
        return jumlah_triwulan(self.per_tw[:self.triwulan])

    @property
    def serapan(self) -> Decimal | None:
        return compute_serapan(self.pagu, self.kumulatif)

    @property
    def selisih(self) -> Decimal | None:
        """Σ TW I-IV against the annual DPA realisasi, when flagged (``selisih_ditandai``)."""
        return selisih_ditandai(self.tahunan, self.per_tw)


def build_realisasi_anggaran_grid(opd: PerangkatDaerah, tahun: int,
                                  triwulan: int) -> list[BarisRealisasiAnggaran]:
    """The lines of the budget realisasi grid of ``triwulan``: program and kegiatan headings
    followed by their sub kegiatan, in the DPA's order, then the OPD's total. The pagu and
    annual realisasi are those of the budget tree (the DPA rule); realisasi above pagu and
    without pagu are found with ``core.anggaran`` on the cumulative realisasi. A fixed number
    of queries."""
    tree = build_budget_tree(opd, tahun)
    stored: dict[tuple[int, int], RealisasiAnggaranTriwulan] = {
        (r.dpa_sub_kegiatan_id, r.triwulan): r
        for r in _triwulan_rows(opd, tahun).select_related("diubah_oleh")}
    per_anggaran: dict[int, list[Decimal | None]] = defaultdict(lambda: [None] * 4)
    for (anggaran, tw), r in stored.items():
        per_anggaran[anggaran][tw - 1] = r.nilai
    sums = _sum_up(tree, per_anggaran)
    # Realisasi so far against pagu, by the rules of core.anggaran (ANG-008 / ANG-009).
    hasil = rollup(BarisAnggaran(k, h.induk,
                                 h.pagu.nilai if k in tree.anggaran_pk else None,
                                 jumlah_triwulan(sums[k][:triwulan])
                                 if k in tree.anggaran_pk else None)
                   for k, h in tree.hasil.items())
    melebihi = set(find_realisasi_melebihi_pagu(hasil))
    tanpa = set(find_realisasi_tanpa_pagu(hasil))
    rows: list[BarisRealisasiAnggaran] = []
    nomor = 0

    def baris(kunci: str, **extra: Any) -> BarisRealisasiAnggaran:
        info, node = tree.info[kunci], tree.hasil[kunci]
        v = sums[kunci]
        return BarisRealisasiAnggaran(
            tingkat=info.tingkat, kode=info.kode, uraian=info.uraian, pagu=node.pagu.nilai,
            tahunan=node.realisasi.nilai, per_tw=v, triwulan=triwulan,
            melebihi_pagu=kunci in melebihi, tanpa_pagu=kunci in tanpa, **extra)

    for p in tree.children(ROOT):
        rows.append(baris(p))
        for k in tree.children(p):
            rows.append(baris(k))
            for s in tree.children(k):
                nomor += 1
                anggaran = tree.anggaran_pk[s]
                rows.append(baris(s, nomor=nomor, anggaran=anggaran,
                                  sub_pk=tree.info[s].pk,
                                  tersimpan=stored.get((anggaran, triwulan))))
    if len(tree.hasil) > 1:
        rows.append(baris(ROOT))  # the OPD's total, last
    return rows


__all__ = ["LINES_ROOT", "ROOT", "TRIWULAN", "BarisRealisasiAnggaran", "BudgetTree",
           "LineRollup", "NodeInfo",
           "build_budget_totals", "build_budget_tree", "build_budget_trees",
           "build_line_rollup", "build_line_rollup_murni", "build_pagu_murni",
           "build_realisasi_anggaran_grid", "build_triwulan_sums", "find_rincian_tidak_sama"]
