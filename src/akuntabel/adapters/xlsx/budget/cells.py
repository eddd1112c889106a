"""One cell of a budget sheet: a code, an amount, a text, and the messages about a cell
(a formula without its value, a date); see the package docstring, Levels and Amounts."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from decimal import Context, Decimal, localcontext
from itertools import pairwise

from django.utils.translation import gettext as _

from akuntabel.core.angka import AngkaError, parse_rupiah

_U_BB_PP = r"(?:[0-9]\.[0-9]{2}|X\.XX)\.[0-9]{2}"


_TINGKAT_KODE = (
    ("program", re.compile(_U_BB_PP)),
    ("kegiatan", re.compile(_U_BB_PP + r"\.[0-9]\.[0-9]{2}")),
    ("sub_kegiatan", re.compile(_U_BB_PP + r"\.[0-9]\.[0-9]{2}\.[0-9]{4}")),
    ("rekening", re.compile(r"5(?:\.[0-9]{1,4}){0,5}")),
)


_NOMOR = re.compile(r"[0-9]{1,3}")


_SPASI_TITIK = re.compile(r"\s*\.\s*")


# Pendapatan (4) and pembiayaan (6) accounts of Permendagri 90/2019: akun.kelompok.jenis
# .objek.rincian objek.sub rincian objek. A lone "4" or "6" is one only when its uraian says
# so; otherwise it is an urusan heading.
_BUKAN_BELANJA = re.compile(r"[46]\.[0-9](?:\.[0-9]{2}){0,3}(?:\.[0-9]{4})?")


_URAIAN_BUKAN_BELANJA = re.compile(r"pendapatan|pembiayaan|penerimaan|pengeluaran",
                                   re.IGNORECASE)


_JENIS_AKUN = {"4": "pendapatan", "6": "pembiayaan"}


_BATAS_RUPIAH = Decimal(10) ** 18  # DecimalField(max_digits=20, decimal_places=2)


_SEN = Decimal("0.01")


_LEBAR = Context(prec=60)


_WAKTU = (date, time, timedelta)  # datetime is a date


def _rumus(isi: object) -> bool:
    """A formula cell without a stored value (the xlsx reader's ``Rumus``), by class name."""
    return type(isi).__name__ == "Rumus"


def _pesan_rumus() -> str:
    return _("formula without a saved value; open and save it again in Excel")


def _pesan_tanggal(isi: object) -> str:
    return _("'%(isi)s' is stored as a date or time; change the cell format to Text and type it "
             "again") % {
        "isi": _tampil(isi)}


def _kosong(isi: object) -> bool:
    return isi is None or (isinstance(isi, str) and not isi.strip())


def _tampil(isi: object) -> str:
    """A cell as quoted in a message: trimmed, shortened."""
    try:
        teks = " ".join(str(isi).split())
    except ValueError:  # an integer too long to print
        teks = _("a very long number")
    return teks if len(teks) <= 60 else teks[:57] + "..."


def _teks(isi: object) -> str:
    if isi is None or _rumus(isi):
        return ""
    if isinstance(isi, float) and math.isfinite(isi):
        return f"{isi:.15g}"
    return _tampil(isi) if not isinstance(isi, str) else " ".join(isi.split())


def _teks_sel(sel: Sequence[object]) -> list[str]:
    return [_tampil(isi) for isi in sel if not _kosong(isi) and not _rumus(isi)]


def _baca_kode(isi: object) -> str:
    """The code in a cell, normalised (no spaces around dots); "" when there is none."""
    if isi is None or isinstance(isi, bool):
        return "" if isi is None else str(isi)
    if isinstance(isi, int):
        return _tampil(isi)
    if isinstance(isi, float):
        return f"{isi:.15g}" if math.isfinite(isi) else str(isi)
    if isinstance(isi, Decimal):
        return f"{isi:f}" if isi.is_finite() and abs(isi.adjusted()) < 30 else str(isi)
    teks = " ".join(_tampil(isi).split()) if not isinstance(isi, str) else isi.strip()
    teks = _SPASI_TITIK.sub(".", teks)
    if teks in ("-", "–", "—"):
        return ""
    return teks.upper() if teks[:1] in ("x", "X") else teks


def _bukan_belanja(kode: str, uraian: str) -> str | None:
    """"pendapatan" or "pembiayaan" for such an account code, else None."""
    if _BUKAN_BELANJA.fullmatch(kode) or (
        kode in _JENIS_AKUN and _URAIAN_BUKAN_BELANJA.search(uraian)
    ):
        return _JENIS_AKUN[kode[0]]
    return None


_LEBAR_BAGIAN = {"bidang": 2, "program": 2, "sub_kegiatan": 4}


def _bagian_kode(nama: str, isi: object) -> str:
    """One part of a split code as text: a number Excel stripped of its leading zeros gets
    them back (program 2 -> "02", sub kegiatan 1 -> "0001"; kegiatan 2.1 -> "2.10")."""
    if isinstance(isi, int | float | Decimal) and not isinstance(isi, bool):
        if nama == "kegiatan" and not float(isi).is_integer():
            return f"{float(isi):.2f}"
        if float(isi).is_integer() and nama in _LEBAR_BAGIAN:
            return f"{int(isi):0{_LEBAR_BAGIAN[nama]}d}"
    return _baca_kode(isi)


def _tingkat(kode: str) -> str | None:
    for tingkat, pola in _TINGKAT_KODE:
        if pola.fullmatch(kode):
            return tingkat
    return None


def _baca_jumlah(isi: object, skala: Decimal = Decimal(1)) -> tuple[Decimal | None, str | None]:
    """A cell's amount, or the reason it is not one (the text after "kolom Pagu: ")."""
    if _kosong(isi):
        return None, None
    if _rumus(isi) or (isinstance(isi, str) and isi.strip().startswith("=")):
        return None, _pesan_rumus()
    nilai: Decimal | None = None
    if isinstance(isi, _WAKTU):
        return None, _pesan_tanggal(isi)
    if isinstance(isi, bool):
        nilai = None
    elif isinstance(isi, int):
        nilai = Decimal(isi)
    elif isinstance(isi, float):
        nilai = Decimal(f"{isi:.15g}") if math.isfinite(isi) else None
    elif isinstance(isi, Decimal):
        nilai = isi if isi.is_finite() else None
    elif isinstance(isi, str):
        try:
            nilai = parse_rupiah(isi)
        except AngkaError:
            nilai = None
    if nilai is None:
        return None, _("'%(isi)s' is not a number") % {"isi": _tampil(isi)}
    if skala != 1 and abs(nilai) < _BATAS_RUPIAH:
        with localcontext(_LEBAR):
            nilai = nilai * skala
    if abs(nilai) >= _BATAS_RUPIAH:
        return None, _("'%(isi)s' is too large for an amount in rupiah") % {"isi": _tampil(isi)}
    if nilai != nilai.quantize(_SEN, context=_LEBAR):
        return None, _("'%(isi)s' has more than two decimals; rupiah go down to sen only") % {
            "isi": _tampil(isi)}
    return nilai, None


def _nomor_kolom(sel: Sequence[object], kolom: Mapping[str, int]) -> bool:
    """The row that numbers the columns (1 2 3 4 …) under a header: the uraian cell and every
    other filled column read hold small whole numbers, increasing from left to right (a merged
    column may skip one)."""
    angka: list[tuple[int, int]] = []
    for kunci, i in kolom.items():
        isi = sel[i] if i < len(sel) else None
        if _kosong(isi) and kunci != "uraian":
            continue
        if isinstance(isi, int) and not isinstance(isi, bool) and 0 < isi < 1000:
            angka.append((i, isi))
        elif isinstance(isi, str) and _NOMOR.fullmatch(isi.strip()):
            angka.append((i, int(isi.strip())))
        else:
            return False
    urut = [n for _, n in sorted(angka)]
    return len(urut) >= 2 and all(a < b for a, b in pairwise(urut))
