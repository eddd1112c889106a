"""Reading the realisasi grid as submitted: every cell is checked before anything is written.

The grid is not a Django formset: it has one line per indicator (up to several hundred) and
its field names are part of a contract with the browser tests (``nilai-<pk>``,
``catatan-<pk>``, ``versi-<pk>``). Numbers are read with ``core.angka.parse_angka``, so
Indonesian input ("1.234,5") is accepted and ambiguous text is refused with its reason. A
unit typed after the number ("12 orang") must be the indicator's (:func:`same_satuan`); a
different one is refused rather than dropped. A number must be one a measure may be
(``core.batas.UKURAN``): too large a value or too many decimals is refused at its cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.http import QueryDict
from django.utils.translation import gettext as _

from akuntabel.common.alasan import alasan_angka
from akuntabel.common.teks import karakter_kendali
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka import Angka, format_angka, parse_angka
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.results.grid import GridRow

MAX_TEKS = 500          # Realisasi.teks
MAX_CATATAN = 2000


@dataclass
class Cell:
    """What the user submitted for one line, read and checked."""

    row: GridRow
    teks: str               # the realisasi as typed
    nilai: Decimal | None   # parsed; None when the cell is empty
    catatan: str
    versi: int              # the version the user's page was built from
    error_nilai: str = ""
    error_catatan: str = ""

    @property
    def changed(self) -> bool:
        lama = self.row.realisasi
        if lama is None:
            return self.nilai is not None or bool(self.catatan)
        return self.nilai != lama.nilai or self.catatan != lama.catatan


# Spellings of one unit that mean the same; compared after casefolding and collapsing spaces.
SATUAN_SAMA = {"persen": "%", "prosen": "%", "rupiah": "rp", "org": "orang"}


def _normal_satuan(satuan: str) -> str:
    kata = " ".join(satuan.casefold().split()).rstrip(".")
    return SATUAN_SAMA.get(kata, kata)


def same_satuan(typed: str, satuan_indikator: str) -> bool:
    """Whether a unit typed after a number is the indicator's unit: the same words whatever
    their case and spacing, or an obvious equivalent ("%" and "persen", "org" and "orang")."""
    return bool(satuan_indikator.strip()) and (_normal_satuan(typed)
                                               == _normal_satuan(satuan_indikator))


def _scaled(satuan_indikator: str) -> bool:
    """Whether an indicator's unit starts with a scale word ("triliun Rupiah", "juta orang"):
    a number typed with that word would be multiplied by it (``core.angka``), not counted in
    the unit, so the grid does not guess."""
    hasil = parse_angka(f"1 {satuan_indikator}")
    return isinstance(hasil, Angka) and bool(hasil.kata_skala)


def _unit_error(place: dict, typed: str, satuan_indikator: str) -> str:
    if not satuan_indikator.strip():
        return (_("Row %(baris)s, Realisation TW %(tw)s: this indicator has no unit; write the "
                  "number without '%(satuan)s'.") % {**place, "satuan": typed})
    return (_("Row %(baris)s, Realisation TW %(tw)s: unit '%(satuan)s' differs from the "
              "indicator's unit '%(satuan_indikator)s'.")
            % {**place, "satuan": typed, "satuan_indikator": satuan_indikator})


def _versi(teks: str | None) -> int | None:
    """The version a line was read at, as the page sent it; None when missing or not one."""
    teks = (teks or "").strip()
    return int(teks) if teks.isascii() and teks.isdigit() and len(teks) <= 18 else None


def _out_of_bounds(place: dict, alasan: str) -> str:
    """A value outside ``core.batas.UKURAN``; ``alasan`` is the rule's Indonesian reason."""
    return (_("Row %(baris)s, Realisation TW %(tw)s: '%(teks)s' cannot be stored: %(alasan)s")
            % {**place, "alasan": alasan})


@lru_cache(maxsize=4096, typed=True)
def format_figure(nilai: Decimal | None) -> str:
    """``core.angka.format_angka``, remembered by value. A grid page writes about six figures
    per line and many recur (targets, earlier quarters, the same page for the next user);
    equal Decimals ("24.25", "24.2500") are written alike, so the value is a safe key."""
    return format_angka(nilai)


def shown_value(row: GridRow) -> str:
    """The stored realisasi as shown in its input: Indonesian format, or the text as typed
    when it holds no number."""
    r = row.realisasi
    if r is None:
        return ""
    return format_figure(r.nilai) if r.nilai is not None else r.teks


def stored_error(row: GridRow, triwulan: int) -> str:
    """Why the stored realisasi of ``row`` is out of bounds, shown at its cell so that it is
    corrected (a value stored before the bounds were checked, or by hand); "" when it is
    within them. Saving the page again refuses it until it is corrected."""
    nilai = row.realisasi.nilai if row.realisasi is not None else None
    alasan = cek_batas(nilai, UKURAN) if nilai is not None else None
    if alasan is None:
        return ""
    return (_("Row %(baris)s, Realisation TW %(tw)s: the stored value is out of bounds "
              "(%(alasan)s); correct it and save.")
            % {"baris": row.nomor, "tw": TRIWULAN_ROMAWI[triwulan], "alasan": alasan.rstrip(".")})


def read_grid(rows: list[GridRow], data: QueryDict, triwulan: int) -> list[Cell]:
    """The submitted cells of the lines present in ``data``, each with its errors (Indonesian
    sentences naming the line and the problem). Lines absent from the form are left out."""
    tw = TRIWULAN_ROMAWI[triwulan]
    cells = []
    for row in rows:
        pk = row.indikator.pk
        if f"nilai-{pk}" not in data and f"catatan-{pk}" not in data:
            continue
        teks = data.get(f"nilai-{pk}", shown_value(row)).strip()
        catatan = data.get(f"catatan-{pk}", row.realisasi.catatan if row.realisasi else "")
        catatan = catatan.strip().replace("\r\n", "\n")
        versi = _versi(data.get(f"versi-{pk}"))
        cell = Cell(row=row, teks=teks, nilai=None, catatan=catatan,
                    versi=-1 if versi is None else versi)
        place = {"baris": row.nomor, "tw": tw, "teks": teks}
        if teks:
            hasil = parse_angka(teks)
            if not isinstance(hasil, Angka):
                cell.error_nilai = (_("Row %(baris)s, Realisation TW %(tw)s: '%(teks)s' is not "
                                      "a number.") % place + " " + alasan_angka(hasil))
            elif hasil.satuan is not None and not same_satuan(hasil.satuan,
                                                              row.indikator.satuan):
                cell.error_nilai = _unit_error(place, hasil.satuan, row.indikator.satuan)
            elif hasil.kata_skala and _scaled(row.indikator.satuan):
                cell.error_nilai = (_("Row %(baris)s, Realisation TW %(tw)s: the indicator is "
                                      "counted in '%(satuan)s'; write the number without the "
                                      "word '%(kata)s' (e.g. 41,02).")
                                    % {**place, "satuan": row.indikator.satuan,
                                       "kata": hasil.kata_skala})
            elif len(teks) > MAX_TEKS:
                cell.error_nilai = (_("Row %(baris)s, Realisation TW %(tw)s: the text is longer "
                                      "than %(n)s characters.") % {**place, "n": MAX_TEKS})
            elif alasan := cek_batas(hasil.nilai, UKURAN):
                cell.error_nilai = _out_of_bounds(place, alasan)
            else:
                cell.nilai = hasil.nilai
        elif row.bukti and row.realisasi is not None and not catatan:
            cell.error_nilai = (_("Row %(baris)s, Realisation TW %(tw)s: the value cannot be "
                                  "emptied while evidence is attached; remove the evidence "
                                  "first.") % place)
        if versi is None:  # never taken for a fresh line: that would skip the version check
            cell.error_nilai = (_("Row %(baris)s, Realisation TW %(tw)s: the page sent no "
                                  "version of this line; reload the page and enter the value "
                                  "again.") % place)
        if (kendali := karakter_kendali(catatan)) is not None:
            cell.error_catatan = (_("Row %(baris)s, Note: holds an invisible control character "
                                    "(%(kode)s) that no document can carry; remove it.")
                                  % {"baris": row.nomor, "kode": kendali})
        if len(catatan) > MAX_CATATAN:
            cell.error_catatan = (_("Row %(baris)s, Note: longer than %(n)s characters.")
                                  % {"baris": row.nomor, "n": MAX_CATATAN})
        cells.append(cell)
    return cells
