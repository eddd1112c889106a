"""Budget tree of a DPA: parents are sums of their children; serapan per node.

The tree follows the budget structure of Permendagri 90/2019 (program > kegiatan > sub
kegiatan > kode rekening in six levels, e.g. ``5.1.02.01.01.0024``). Leaves (rows without
children) carry the truth. A row with children may carry the amounts printed for it; they are
kept as ``*_tercetak`` and compared with the sum of the children, because printed parents that
are not the sum of their children are a common error (the seed has several).

How a node's amount is found (per measure, pagu and realisasi separately), as a
:class:`Jumlah` with its ``sumber``:

* ``"data"``: a leaf's own amount, or the sum of the children when every child is ``"data"``;
* ``"tercetak"``: some child has no data-backed amount, so the row's own printed amount is
  used;
* ``"tidak_ada"``: neither is available (value None).

Sums are exact (no rounding at any size), so the result does not depend on row order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import MAX_PREC, Context, Decimal, localcontext

from akuntabel.core.capaian import compute_persentase

__all__ = [
    "AnggaranError",
    "BarisAnggaran",
    "HasilNode",
    "Jumlah",
    "Selisih",
    "compute_serapan",
    "find_induk_tidak_sama",
    "find_realisasi_melebihi_pagu",
    "find_realisasi_tanpa_pagu",
    "jumlah_triwulan",
    "rollup",
    "selisih_ditandai",
    "selisih_tahunan",
    "tambah",
]

# Addition with unlimited precision is exact: totals never depend on the order of the rows.
# Only sums run in this context; a division in it would never end.
_PERSIS = Context(prec=MAX_PREC)


class AnggaranError(ValueError):
    """The budget rows do not form a tree; the Indonesian message names the row."""


@dataclass(frozen=True)
class BarisAnggaran:
    """One input row: its key (e.g. a code), its parent's key and the amounts it carries."""

    kunci: str
    induk: str | None
    pagu: Decimal | None
    realisasi: Decimal | None


@dataclass(frozen=True)
class Jumlah:
    """An amount and where it comes from: ``"data"``, ``"tercetak"`` or ``"tidak_ada"``."""

    nilai: Decimal | None
    sumber: str


_TIDAK_ADA = Jumlah(None, "tidak_ada")


@dataclass(frozen=True)
class HasilNode:
    """The rolled-up amounts of one row, its printed amounts and its serapan (unrounded).

    ``induk`` and ``anak`` (children's keys, in input order) describe the tree.
    """

    kunci: str
    pagu: Jumlah
    realisasi: Jumlah
    pagu_tercetak: Decimal | None
    realisasi_tercetak: Decimal | None
    serapan: Decimal | None
    induk: str | None = None
    anak: tuple[str, ...] = ()


@dataclass(frozen=True)
class Selisih:
    """A parent whose printed amount (``tercetak``) differs from its children's sum."""

    kunci: str
    ukuran: str
    tercetak: Decimal
    dihitung: Decimal


def compute_serapan(pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Serapan anggaran (budget absorption): ``realisasi / pagu × 100``, unrounded.

    The realisasi-to-anggaran percentage of budget reporting, per node of the DPA tree
    (Permendagri 90/2019 structure). None when a value is missing or pagu is 0. Seed:
    4.825.424.420 / 5.093.068.611 → 94,74%.
    """
    return compute_persentase(realisasi, pagu)


def rollup(baris: Iterable[BarisAnggaran]) -> dict[str, HasilNode]:
    """Roll a budget up its tree: every parent is the sum of its children.

    Returns one :class:`HasilNode` per row, keyed and ordered as the input. Iterative (no
    recursion limit on depth) and linear in the number of rows. Raises :class:`AnggaranError`
    on a duplicate key, a parent key that is not a row, or a cycle.
    """
    baris_per_kunci: dict[str, BarisAnggaran] = {}
    for b in baris:
        if b.kunci in baris_per_kunci:
            raise AnggaranError(f"Baris '{b.kunci}' muncul lebih dari sekali.")
        baris_per_kunci[b.kunci] = b

    anak: dict[str, list[str]] = {k: [] for k in baris_per_kunci}
    urutan: list[str] = []  # parents before children, then reversed
    for b in baris_per_kunci.values():
        if b.induk is None:
            urutan.append(b.kunci)
        elif b.induk not in baris_per_kunci:
            raise AnggaranError(f"Baris '{b.kunci}' menunjuk induk '{b.induk}' yang tidak ada.")
        else:
            anak[b.induk].append(b.kunci)

    i = 0
    while i < len(urutan):
        urutan.extend(anak[urutan[i]])
        i += 1
    if len(urutan) != len(baris_per_kunci):
        raise AnggaranError(_jelaskan_siklus(baris_per_kunci, set(urutan)))

    pagu: dict[str, Jumlah] = {}
    realisasi: dict[str, Jumlah] = {}
    with localcontext(_PERSIS):  # children before parents: every sum is ready when needed
        for kunci in reversed(urutan):
            b = baris_per_kunci[kunci]
            pagu[kunci] = _jumlahkan(b.pagu, [pagu[k] for k in anak[kunci]])
            realisasi[kunci] = _jumlahkan(b.realisasi, [realisasi[k] for k in anak[kunci]])
    return {
        kunci: HasilNode(
            kunci=kunci,
            pagu=pagu[kunci],
            realisasi=realisasi[kunci],
            pagu_tercetak=b.pagu,
            realisasi_tercetak=b.realisasi,
            serapan=compute_serapan(pagu[kunci].nilai, realisasi[kunci].nilai),
            induk=b.induk,
            anak=tuple(anak[kunci]),
        )
        for kunci, b in baris_per_kunci.items()
    }


def _jumlahkan(tercetak: Decimal | None, jumlah_anak: list[Jumlah]) -> Jumlah:
    """One node's amount from its printed amount and its children's (see module docstring)."""
    if not jumlah_anak:
        return Jumlah(tercetak, "data") if tercetak is not None else _TIDAK_ADA
    nilai_anak = [j.nilai for j in jumlah_anak if j.sumber == "data" and j.nilai is not None]
    if len(nilai_anak) == len(jumlah_anak):
        return Jumlah(sum(nilai_anak, Decimal(0)), "data")
    if tercetak is not None:
        return Jumlah(tercetak, "tercetak")
    return _TIDAK_ADA


def _jelaskan_siklus(baris_per_kunci: Mapping[str, BarisAnggaran], terjangkau: set[str]) -> str:
    """Name the rows of a cycle. Rows not reached from a root always lead into one."""
    awal = next(k for k in baris_per_kunci if k not in terjangkau)
    jalur: list[str] = []
    posisi: dict[str, int] = {}
    kunci: str | None = awal
    while kunci is not None and kunci not in posisi:
        posisi[kunci] = len(jalur)
        jalur.append(kunci)
        kunci = baris_per_kunci[kunci].induk
    assert kunci is not None  # an unreached row never ends at a root
    siklus = [*jalur[posisi[kunci] :], kunci]
    return f"Baris '{kunci}' membentuk siklus induk: {' → '.join(siklus)}."


def find_induk_tidak_sama(hasil: Mapping[str, HasilNode]) -> list[Selisih]:
    """Rows with children whose printed amount differs from the sum of their children.

    Checked for pagu and realisasi separately, only where the sum comes from data (every
    leaf below is known) and the row has a printed amount.
    """
    temuan: list[Selisih] = []
    for node in hasil.values():
        if not node.anak:
            continue
        for ukuran, jumlah, tercetak in (
            ("pagu", node.pagu, node.pagu_tercetak),
            ("realisasi", node.realisasi, node.realisasi_tercetak),
        ):
            if (
                jumlah.sumber == "data"
                and jumlah.nilai is not None
                and tercetak is not None
                and tercetak != jumlah.nilai
            ):
                temuan.append(Selisih(node.kunci, ukuran, tercetak, jumlah.nilai))
    return temuan


def find_realisasi_melebihi_pagu(hasil: Mapping[str, HasilNode]) -> list[str]:
    """Keys of rows (parents included) whose rolled-up realisasi exceeds their pagu."""
    return [
        kunci
        for kunci, node in hasil.items()
        if node.pagu.nilai is not None
        and node.realisasi.nilai is not None
        and node.realisasi.nilai > node.pagu.nilai
    ]


def find_realisasi_tanpa_pagu(hasil: Mapping[str, HasilNode]) -> list[str]:
    """Keys of rows with a non-zero realisasi but no pagu (missing or 0)."""
    return [
        kunci
        for kunci, node in hasil.items()
        if node.realisasi.nilai is not None
        and node.realisasi.nilai != 0
        and (node.pagu.nilai is None or node.pagu.nilai == 0)
    ]


# --- Quarterly amounts against the annual one -------------------------------------------------

def tambah(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """``a + b`` where a missing value counts as nothing; None when both are missing."""
    if b is None:
        return a
    return b if a is None else a + b


def jumlah_triwulan(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the filled quarterly amounts (realisasi anggaran TW I–IV: each quarter holds
    what was spent in it, project convention); None when none is filled."""
    total: Decimal | None = None
    for v in nilai:
        total = tambah(total, v)
    return total


def selisih_tahunan(tahunan: Decimal | None, per_tw: Sequence[Decimal | None]) -> Decimal | None:
    """Σ TW I-IV minus the annual realisasi of the DPA, when both exist and differ; None
    otherwise (no quarter filled, no annual figure, or they agree)."""
    jumlah = jumlah_triwulan(per_tw)
    if jumlah is None or tahunan is None or jumlah == tahunan:
        return None
    return jumlah - tahunan


def selisih_ditandai(tahunan: Decimal | None, per_tw: Sequence[Decimal | None]) -> Decimal | None:
    """The difference of :func:`selisih_tahunan` when the screens flag it now.

    Quarterly amounts are never negative, so a sum ABOVE the annual figure is a difference
    whenever it appears; a sum BELOW it is only one once TW IV is filled (before that the year
    is simply not complete, and flagging every line from TW I on would teach users to ignore
    the flag)."""
    selisih = selisih_tahunan(tahunan, per_tw)
    if selisih is not None and selisih < 0 and per_tw[3] is None:
        return None
    return selisih
