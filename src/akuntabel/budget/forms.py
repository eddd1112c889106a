"""Reading the budget realisasi grid as submitted: every cell is checked before anything is
written (all or nothing), with a message at the cell naming the row.

Like the indicators' grid (``results.forms``) it is not a Django formset: one line per sub
kegiatan of the DPA, fields ``nilai-<DpaSubKegiatan pk>`` and ``versi-<pk>``. Amounts are read
with ``core.angka.parse_rupiah``, so "1.234.567", "Rp 1.234.567" and "Rp 1.234.567,50" are
accepted; a lone "-" is nil (0); an empty cell means nothing entered (a stored value is then
removed). An amount must be one Rupiah may be (``core.batas.UANG``): too large an amount or
more than two decimals (sen) is refused at its cell.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import QueryDict
from django.utils.translation import gettext as _

from akuntabel.budget.services import BarisRealisasiAnggaran
from akuntabel.budget.writes import IsianAnggaran
from akuntabel.common.alasan import alasan_rupiah
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka import AngkaError, format_angka, parse_rupiah
from akuntabel.core.batas import UANG, cek_batas

MAX_TEKS = 60


def shown_amount(nilai: Decimal | None) -> str:
    """A stored amount as shown in its input: Indonesian grouping, no "Rp"."""
    return format_angka(nilai) if nilai is not None else ""


def _versi(teks: str | None) -> int | None:
    """The version a line was read at, as the page sent it; None when missing or not one."""
    teks = (teks or "").strip()
    return int(teks) if teks.isascii() and teks.isdigit() and len(teks) <= 18 else None


def stored_error(row: BarisRealisasiAnggaran, triwulan: int) -> str:
    """Why the stored amount of ``row`` is out of bounds, shown at its cell so that it is
    corrected (an amount stored before the bounds were checked, or by hand); "" when it is
    within them."""
    alasan = cek_batas(row.nilai, UANG) if row.nilai is not None else None
    if alasan is None:
        return ""
    return (_("Row %(baris)s (%(kode)s), Realisation TW %(tw)s: the stored amount is out of "
              "bounds (%(alasan)s); correct it and save.")
            % {"baris": row.nomor, "kode": row.tempat, "tw": TRIWULAN_ROMAWI[triwulan],
               "alasan": alasan.rstrip(".")})


def read_realisasi_anggaran(rows: list[BarisRealisasiAnggaran], data: QueryDict,
                            triwulan: int) -> list[IsianAnggaran]:
    """The submitted cells of the sub kegiatan lines present in ``data``, each with its error
    (an Indonesian sentence naming the row, its code and the problem)."""
    tw = TRIWULAN_ROMAWI[triwulan]
    isian = []
    for row in rows:
        if row.anggaran is None or f"nilai-{row.anggaran}" not in data:
            continue
        teks = data.get(f"nilai-{row.anggaran}", "").strip()
        versi = _versi(data.get(f"versi-{row.anggaran}"))
        cell = IsianAnggaran(baris=row, teks=teks, nilai=None,
                             versi=-1 if versi is None else versi)
        place = {"baris": row.nomor, "kode": row.tempat, "tw": tw, "teks": teks[:MAX_TEKS]}
        if versi is None:  # never taken for a fresh line: that would skip the version check
            cell.error = _("Row %(baris)s (%(kode)s), Realisation TW %(tw)s: the page sent no "
                           "version of this line; reload the page and enter the amount "
                           "again.") % place
        elif len(teks) > MAX_TEKS:
            cell.error = _("Row %(baris)s (%(kode)s), Realisation TW %(tw)s: the text is too "
                           "long for an amount.") % place
        elif teks:
            try:
                nilai = parse_rupiah(teks)
            except AngkaError as e:
                cell.error = (_("Row %(baris)s (%(kode)s), Realisation TW %(tw)s: '%(teks)s' is "
                                "not an amount of money.") % place + " "
                              + alasan_rupiah(teks, e))
            else:
                if nilai < 0:
                    cell.error = _("Row %(baris)s (%(kode)s), Realisation TW %(tw)s: the amount "
                                   "cannot be negative; enter what was spent in the quarter."
                                   ) % place
                elif alasan := cek_batas(nilai, UANG):
                    cell.error = _("Row %(baris)s (%(kode)s), Realisation TW %(tw)s: '%(teks)s' "
                                   "cannot be stored: %(alasan)s") % {**place, "alasan": alasan}
                else:
                    cell.nilai = nilai
        isian.append(cell)
    return isian
