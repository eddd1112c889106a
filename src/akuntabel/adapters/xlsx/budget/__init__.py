"""Hierarchical budget sheets as budgeting systems export them (DPA, realisasi per rekening).

:func:`parse_budget_sheet` receives the rows of one sheet (``(nomor, sel)``: the 1-based sheet
row number and the cell values) and returns the budget tree it finds, every problem as a
:class:`Masalah` in Indonesian, and the printed amounts that are not the sum of what they
cover, as :class:`SelisihImpor`. It reads no file and never raises on cell contents: whatever
a sheet holds becomes a row, a problem or a selisih. Printed amounts are kept as printed and
never corrected; the mismatches are findings for the reviu.

Columns
    The header row is looked for in the first :data:`BATAS_BARIS_JUDUL` rows by the names in
    :data:`JUDUL_KOLOM`, in any order, ignoring case, stray spaces, dots, line breaks and a
    ``(Rp)`` suffix. Uraian and pagu are required, kode and realisasi optional. When several
    columns match one measure the name listed first wins (``Anggaran Setelah Perubahan`` over
    ``Anggaran``); the same name twice is a problem, unless side by side: a header merged over
    several columns, which the xlsx reader fills into each, is one column (for Uraian, text in
    the columns it covers is read when the Uraian cell itself is empty, as for indented detail
    lines). A second header row right below the first (``Anggaran`` merged over
    ``Pagu | Realisasi``) is merged into it; a column-number row (``1 2 3 4``) and repeated
    header rows (page breaks) are skipped wherever they appear.

    A code split over three or more columns side by side, named by :data:`KODE_BAGIAN`
    (``Urusan | Bidang | Program | Kegiatan | Sub Kegiatan | Kode Rekening``, in one header
    row or under a merged ``Kode``), is read as one Kode column: the filled parts joined with
    dots, numbers given back their leading zeros (program ``2`` -> ``02``, sub kegiatan ``3``
    -> ``0003``); a filled rekening part is the code by itself.

    A scale note in the header area or in a header name ("dalam ribuan rupiah", "(Rp 000)",
    "dalam jutaan", "(Rp 000.000)") multiplies every amount by 1.000 (or 1.000.000); two
    different notes are a problem. What the reader did this way is listed in
    ``HasilImpor.catatan``, for the preview.

Levels, by code (spaces around the dots are ignored)
    * program ``U.BB.PP`` (``1.06.02``, ``X.XX.01``), kegiatan ``U.BB.PP.X.KK``
      (``1.06.02.2.01``), sub kegiatan ``U.BB.PP.X.KK.SSSS`` (``1.06.02.2.01.0001``):
      nomenclature of Kepmendagri 050-5889/2021. Each hangs under the nearest preceding row
      whose code is its prefix, or is a root.
    * kode rekening belanja (Permendagri 90/2019): ``5`` and up to five more dotted groups of
      digits (``5.1``, ``5.1.02.01.01.0024``). A rekening hangs under the rekening of the
      current program/kegiatan/sub kegiatan whose code is its longest prefix, else under that
      program/kegiatan/sub kegiatan.
    * a row without a code (a detail line) is ``"uraian"`` and hangs under the nearest
      preceding coded row; so is a row whose Kode cell holds the same text as its Uraian cell
      (a label merged over both). A detail line with text but no amount stays in the result
      but not in the roll-up, so a heading line does not stop a parent from being checked.
      Any other text in the Kode column, or a code Excel turned into a date, is a problem and
      the row is left out.
    * a code carrying the SKPD or urusan prefix (``1.06.0.00.0.00.01.0000.1.06.02``,
      ``1.06.1.06.02``) is read without it when the rest is a program, kegiatan or sub
      kegiatan code; a rekening code prefixed with the code of the program, kegiatan or sub
      kegiatan it stands under (``1.06.02.2.02.0003.5.1``) likewise. Only codes that match no
      pattern as printed are tried, the shortest prefix first.
    * pendapatan (``4.1 …``) and pembiayaan (``6.1 …``) accounts, and ``4`` / ``6`` whose
      uraian names them, are not imported: each is listed by row in ``catatan`` with the
      uncoded and Jumlah rows under it, until the next program or belanja code. Only belanja
      (``5``) is imported.

Amounts
    Numbers, or Indonesian number text read by :func:`akuntabel.core.angka.parse_rupiah`
    (``1.250.000``, ``Rp 1.250.000,00``; ``-`` is 0). A float cell is read with Excel's own 15
    significant digits, so ``0.1 + 0.2`` stored by Excel is ``0.3``. An amount must fit the
    database (below Rp 10^18, at most two decimals, i.e. whole sen). A blank cell is no amount.
    A formula without a stored value (a cell object of a class named ``Rumus``, or text
    starting with ``=``) is a problem: the workbook was written by a program that did not
    compute it.

Totals
    Rows labelled ``Jumlah``, ``Total``, ``Sub Total``, ``JUMLAH TOTAL`` … without a code (the
    label in the Kode or Uraian column or a column left of them, e.g. merged over ``No`` and
    ``Kode``) are not budget rows. Their amounts are compared with the tree: a total matches
    when it equals the sum of the top-level rows since the previous total, the rolled-up amount
    of the last row above it or of one of that row's ancestors, or the sum of all top-level
    rows above it. Otherwise it is a selisih against the first of: the top-level rows since the
    previous total, the program/kegiatan/sub kegiatan it closes, all top-level rows. Totals are
    compared only when the sheet has codes, since without them the levels are unknown.

The reader is split along these headings: ``header`` (Columns), ``rows`` (Levels, Totals),
``cells`` (Amounts, a code in a cell) and ``result`` (what the reader gives).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from akuntabel.adapters.xlsx.budget.header import BATAS_BARIS_JUDUL, _cari_judul, _cari_skala
from akuntabel.adapters.xlsx.budget.result import HasilImpor
from akuntabel.adapters.xlsx.budget.rows import _Pembaca


def parse_budget_sheet(rows: Iterable[Any]) -> HasilImpor:
    """Read a hierarchical budget sheet; see the module docstring for the rules.

    ``rows`` yields ``(nomor, sel)`` tuples or objects with ``.nomor`` and ``.sel`` (the xlsx
    reader's ``Row``), in sheet order; it is read once, so a streaming reader works.
    """
    iterator = iter(rows)
    awal: list[tuple[int, Sequence[object]]] = []
    for row in iterator:
        awal.append(_baris(row))
        if len(awal) >= BATAS_BARIS_JUDUL:
            break

    judul, masalah_judul = _cari_judul(awal)
    if judul is None:
        return HasilImpor((), tuple(masalah_judul), (), {})
    judul, masalah_skala = _cari_skala(judul, awal[: judul.sesudah])
    masalah_judul.extend(masalah_skala)

    pembaca = _Pembaca(judul)
    pembaca.masalah.extend(masalah_judul)
    for nomor, sel in _gabung(awal[judul.sesudah :], (_baris(row) for row in iterator)):
        pembaca.baca(nomor, sel)
    return pembaca.selesai()


def _baris(row: Any) -> tuple[int, Sequence[object]]:
    """``(nomor, sel)`` from a reader's ``Row`` or a plain tuple; a ``sel`` that is not a
    sequence of cells counts as an empty row."""
    if hasattr(row, "nomor") and hasattr(row, "sel"):
        nomor, sel = row.nomor, row.sel
    else:
        nomor, sel = row
    return nomor, sel if isinstance(sel, Sequence) and not isinstance(sel, str) else ()


def _gabung(
    pertama: list[tuple[int, Sequence[object]]], lanjut: Iterator[tuple[int, Sequence[object]]]
) -> Iterator[tuple[int, Sequence[object]]]:
    yield from pertama
    yield from lanjut
