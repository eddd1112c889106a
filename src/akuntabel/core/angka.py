"""Indonesian number text in, Indonesian number text out; the one rounding helper.

Real input (LAKIP tables, DPA printouts, Excel sheets typed by hand) writes numbers in many
ways. :func:`parse_angka` reads what is unambiguously one number and returns everything else
as :class:`BukanAngka` with a reason in Indonesian, so nothing is ever guessed silently.

Reading rules
-------------
A text is read as: ``[tanda][Rp][tanda]ANGKA[,-][ satuan]``.

* Empty or whitespace-only text is ``kosong``; a lone dash (``-``, ``–``, ``—``, also
  ``Rp -``) is ``strip`` (its meaning, nil or "no data", depends on the column).
* Text with no number at all (``refocusing``, ``Perbaikan ruang data``) is ``teks``. Digits
  glued to letters (``P3K``, ``m2``) are part of a word, not a number.
* Text with two or more separate numbers (``UEP 10 org; sosialisasi 30 org``,
  ``100 Orang dan 13 kegiatan``, ``2021-2026``) is ``majemuk``: it cannot be summarised as
  one value.
* Text before the number other than a sign or ``Rp``/``Rp.``/``IDR`` (``UEP 10 org``,
  ``± 5``, ``- 5`` with a space) is ``ambigu``.
* After the number, first an optional scale word: ``ribu`` (10³), ``juta`` (10⁶), ``miliar``
  or ``milyar`` (10⁹), ``triliun`` (10¹²), in any case, multiplies the number exactly
  (``Rp 14 miliar`` = 14.000.000.000, ``41,02 triliun`` = 41.020.000.000.000; the word is
  kept in ``Angka.kata_skala``). Abbreviations (``rb``, ``jt``, ``M``, ``T``) are not scale
  words: ``M`` is miliar in Indonesian and million in English, so ``Rp 3,5 M`` stays
  ``ambigu`` and ``3,5 jt`` is 3,5 with the unit ``jt``.
* Then: nothing; ``%`` or the word ``persen`` or ``percent`` (satuan ``"%"``); or words starting
  with a letter, which are the unit as written (``9.205 Jiwa`` → satuan ``"Jiwa"``,
  ``12 Jenis Barang Cetak & Penggandaan Surat`` → satuan ``"Jenis Barang Cetak & Penggandaan
  Surat"``). A money amount (``Rp``) takes no unit words and no ``%``. The Indonesian
  "no cents" mark ``,-`` right after a number (``Rp 5.000,-``) is dropped. Anything else
  after the number (``(lima) orang``, ``%)``, a list with ``;``, ``%`` after a scale word)
  is ``ambigu``.

Range targets
-------------
:func:`parse_rentang` reads a target written as a range, ``60–85 %``, ``7–8 bulan``,
``60 s.d. 85``: two numbers joined by an en or em dash, a hyphen, ``s.d.``, ``s/d``,
``sampai (dengan)`` or ``hingga``. A year span ``2021-2026`` has the same shape, so
:func:`parse_angka` keeps reading it as ``majemuk``; only code storing a *target* calls
:func:`parse_rentang`.

Separator rules (``.`` and ``,`` inside the number)
---------------------------------------------------
* No separator: an integer (``8000``, ``450000000``).
* Both ``.`` and ``,``: the last one is the decimal mark and occurs once; the other one groups
  thousands (``1.250.000,00`` = 1250000.00; ``1,234.5`` = 1234.5).
* Only ``,``: one comma is the decimal comma (``91,5`` = 91.5, also ``1,234`` = 1.234, the
  Indonesian reading); several commas must be a thousands pattern (``1,234,567``).
* Only ``.``: groups of exactly three digits after each dot are thousands (``9.205`` = 9205,
  ``5.093.068.611``); a single dot followed by 1, 2 or 4+ digits is a decimal point
  (``92.78``, ``91.50``, ``0.1234``).
* A thousands pattern needs a first group of 1–3 digits not starting with ``0`` and every
  further group of exactly three digits; otherwise (``1.25.000``, ``0.500``, ``1234.567``,
  ``1,2,3``) the text is ``ambigu``.

Formatting
----------
:func:`format_angka`, :func:`format_rupiah` and :func:`format_persen` write Indonesian
grouping (``13.415``) and the decimal comma (``94,74``); a missing value is shown as ``–``
(en dash). All of them round through :func:`round_half_up`, the project's single rounding
helper, used only at output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import NamedTuple

__all__ = [
    "TANPA_NILAI",
    "Angka",
    "AngkaError",
    "BukanAngka",
    "Rentang",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "parse_angka",
    "parse_rentang",
    "parse_rupiah",
    "round_half_up",
]

TANPA_NILAI = "–"
"""How a missing value (None) is shown: an en dash."""

_TANDA_MINUS = frozenset({"-", "−"})

# A number token: digits, optionally joined by single '.' or ',' to more digits. It may not
# be glued to a letter on its left (P3K, m2), except to the currency sign (Rp5.000).
_TOKEN = re.compile(r"(?:(?<=rp)|(?<=rp\.)|(?<![^\W\d_]))[0-9]+(?:[.,][0-9]+)*", re.IGNORECASE)
_AWALAN = re.compile(
    r"(?:(?P<t1>[-+−])(?=\S))?(?:(?P<rp>rp\.?|idr)\s*)?(?P<t2>[-+−])?", re.IGNORECASE
)
_STRIP = re.compile(r"(?:rp\.?\s*)?[-–—−]{1,2}", re.IGNORECASE)
_NOTASI_ILMIAH = re.compile(r"[eE][-+]?[0-9]")
_TANPA_SEN = re.compile(r"[.,]-{1,2}")
_KELOMPOK = re.compile(r"[1-9][0-9]{0,2}")
_KATA_SKALA = {"ribu": 3, "juta": 6, "miliar": 9, "milyar": 9, "triliun": 12}
_PERSEN = frozenset({"persen", "percent"})
# Between the two bounds of a range: a dash, "s.d.", "s/d", "sampai (dengan)", "hingga"; or
# a hyphen after something that is not a sign (so "-5 - 5" splits once, after the 5).
_PEMISAH_RENTANG = re.compile(
    r"\s*[–—]\s*"
    r"|\s+(?:s\.\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s+"
    r"|(?<=[^\s\-−+])\s*-\s*(?=[-−+]?\d|rp)",
    re.IGNORECASE,
)

_KONTEKS = Context(prec=28)
_KUANTUM = tuple(Decimal(1).scaleb(-p) for p in range(8))  # 1, 0.1, 0.01, ... 1E-7


@dataclass(frozen=True)
class Angka:
    """A number read from text: its value, its unit as written and the source text."""

    nilai: Decimal
    satuan: str | None
    teks: str
    kata_skala: str = ""
    """The scale word as written (``"miliar"``), already applied to ``nilai``; "" if none."""


class Rentang(NamedTuple):
    """A range target read from text: ``[bawah, atas]`` with its unit (None when unwritten)."""

    bawah: Decimal
    atas: Decimal
    satuan: str | None


@dataclass(frozen=True)
class BukanAngka:
    """Text that is not one number, kept as written with the reason in Indonesian.

    ``jenis`` is one of ``"kosong"``, ``"strip"``, ``"teks"``, ``"majemuk"``, ``"ambigu"``.
    """

    teks: str
    jenis: str
    alasan: str


class AngkaError(ValueError):
    """A text that should be an amount is not one; ``alasan`` says why, in Indonesian."""

    def __init__(self, alasan: str) -> None:
        super().__init__(alasan)
        self.alasan = alasan


def round_half_up(nilai: Decimal, places: int = 2) -> Decimal:
    """Round ``nilai`` half-up (0,5 away from zero) to ``places`` decimals.

    The project's only rounding helper, used at output only: stored and computed values stay
    unrounded. ``round_half_up(Decimal("92.775"))`` is ``Decimal("92.78")``; the exponent of
    the result is always ``-places``.
    """
    if places < 0:
        raise ValueError("places tidak boleh negatif")
    if not nilai.is_finite():
        raise ValueError(f"{nilai} bukan bilangan berhingga")
    kuantum = _KUANTUM[places] if places < len(_KUANTUM) else Decimal(1).scaleb(-places)
    # Enough precision for any finite value, so quantize never fails on large numbers; the
    # shared context serves every value that fits the default 28 digits (nearly all of them).
    presisi = nilai.adjusted() + places + 2
    konteks = _KONTEKS if presisi <= 28 else Context(prec=presisi)
    return nilai.quantize(kuantum, rounding=ROUND_HALF_UP, context=konteks)


def parse_angka(teks: str) -> Angka | BukanAngka:
    """Read one number, with its unit, from Indonesian text; see the module rules.

    Returns :class:`Angka` when the text is exactly one number (``"9.205 Jiwa"`` →
    ``Angka(Decimal("9205"), "Jiwa", ...)``), otherwise :class:`BukanAngka` with its ``jenis``
    and an Indonesian ``alasan``. Never raises for any ``str``.
    """
    bersih = teks.strip()
    if not bersih:
        return BukanAngka(teks, "kosong", "Teks kosong; tidak ada nilai.")
    if _STRIP.fullmatch(bersih):
        return BukanAngka(
            teks,
            "strip",
            f"'{bersih}' (strip) tidak memuat angka; artinya (nihil atau tidak ada data) "
            "bergantung pada kolomnya.",
        )

    token = list(_TOKEN.finditer(bersih))
    if not token:
        return BukanAngka(teks, "teks", f"'{bersih}' tidak memuat angka.")
    if len(token) > 1:
        daftar = ", ".join(t.group() for t in token)
        return BukanAngka(
            teks,
            "majemuk",
            f"'{bersih}' memuat lebih dari satu angka ({daftar}); "
            "tidak dapat diringkas menjadi satu nilai.",
        )

    angka = token[0]
    awalan = _AWALAN.fullmatch(bersih[: angka.start()])
    if awalan is None:
        return _ambigu(
            teks,
            f"'{bersih}' diawali teks '{bersih[: angka.start()].strip()}' sebelum angka "
            f"{angka.group()}; tidak jelas apakah angka itu nilainya.",
        )
    if awalan["t1"] and awalan["t2"]:
        return _ambigu(teks, f"'{bersih}' memuat tanda bilangan dua kali.")

    nilai = _baca_pemisah(angka.group())
    if nilai is None:
        return _ambigu(
            teks,
            f"Pemisah titik/koma pada '{angka.group()}' tidak mengikuti pola ribuan maupun "
            "desimal; nilainya tidak dapat dipastikan.",
        )
    if (awalan["t1"] or awalan["t2"] or "") in _TANDA_MINUS:
        nilai = nilai.copy_negate()

    sisa = bersih[angka.end() :]
    sen = _TANPA_SEN.match(sisa)
    if sen:
        sisa = sisa[sen.end() :]
    sisa = sisa.strip()
    rupiah = awalan["rp"] is not None
    kata = sisa.split(maxsplit=1)
    kata_skala = ""
    if kata and kata[0].casefold() in _KATA_SKALA:
        kata_skala = kata[0]
        nilai = _kali_sepuluh(nilai, _KATA_SKALA[kata_skala.casefold()])
        sisa = kata[1] if len(kata) > 1 else ""
        if sisa and not sisa[0].isalpha():
            return _ambigu(
                teks, f"Teks '{sisa}' setelah '{kata_skala}' tidak dapat dibaca sebagai satuan."
            )

    satuan: str | None
    if _NOTASI_ILMIAH.match(sisa):
        return _ambigu(teks, f"'{bersih}' tampak seperti notasi ilmiah; tidak dibaca.")
    if not sisa:
        satuan = "Rp" if rupiah else None
    elif sisa == "%" or sisa.casefold() in _PERSEN:
        satuan = "%"
    elif sisa[0].isalpha() and ";" not in sisa:
        satuan = sisa
    else:
        return _ambigu(
            teks,
            f"Teks '{sisa}' setelah angka {angka.group()} tidak dapat dibaca sebagai satuan.",
        )
    if rupiah and satuan != "Rp":
        return _ambigu(
            teks, f"'{bersih}' bertanda Rp tetapi diikuti '{sisa}'; satuannya tidak jelas."
        )
    return Angka(nilai, satuan, teks, kata_skala)


def parse_rentang(teks: str) -> Rentang | None:
    """Read a range target (``"60–85 %"`` → ``Rentang(60, 85, "%")``), or None.

    Two numbers read by :func:`parse_angka` joined by a dash, ``s.d.``, ``s/d``, ``sampai
    (dengan)`` or ``hingga``; the unit may follow either bound or both, and two different
    units give None. None too for one number, more than two, text, or a lower bound above
    the upper one (``85–60``): nothing is guessed, the text stays the target as written.
    A year span (``2021-2026``) reads as a range, so call this only for a target's text.
    Never raises for any ``str``.
    """
    bagian = _PEMISAH_RENTANG.split(teks.strip())
    if len(bagian) != 2:
        return None
    bawah, atas = parse_angka(bagian[0]), parse_angka(bagian[1])
    if not isinstance(bawah, Angka) or not isinstance(atas, Angka):
        return None
    satuan = {s.casefold(): s for s in (bawah.satuan, atas.satuan) if s}
    if len(satuan) > 1 or bawah.nilai > atas.nilai:
        return None
    return Rentang(bawah.nilai, atas.nilai, atas.satuan or bawah.satuan)


def parse_rupiah(teks: str) -> Decimal:
    """Read a money amount (pagu, realisasi) in rupiah.

    ``"Rp 5.093.068.611"``, ``"5.093.068.611"``, ``"Rp. 1.250.000,00"`` and ``"Rp 5.000,-"``
    are amounts; a lone ``"-"`` means nil and gives ``Decimal(0)``. Anything else (empty text,
    words, several numbers, a percentage or another unit) raises :class:`AngkaError` with the
    reason in ``alasan``. Empty text is an error, not zero: a blank cell is missing data.
    """
    hasil = parse_angka(teks)
    if isinstance(hasil, BukanAngka):
        if hasil.jenis == "strip":
            return Decimal(0)
        raise AngkaError(f"Bukan jumlah uang: {hasil.alasan}")
    if hasil.satuan not in (None, "Rp"):
        raise AngkaError(
            f"Bukan jumlah uang: '{teks.strip()}' bersatuan '{hasil.satuan}', bukan rupiah."
        )
    return hasil.nilai


def format_angka(nilai: Decimal | None, places: int | None = None) -> str:
    """Write a number the Indonesian way: ``13.415``, ``1.250.000,5``, ``-5,2``.

    ``places`` fixes the number of decimals (rounded half-up). Without it the value is rounded
    to at most two decimals and written with only its significant ones: a measure stored as
    ``Decimal("13415.0000")`` is ``"13.415"``, ``Decimal("91.50")`` is ``"91,5"``.
    ``None`` is written ``–``.
    """
    if nilai is None:
        return TANPA_NILAI
    # One rounding per call (pages format thousands of numbers): to two places, then the
    # trailing zero decimals are dropped, which is the value rounded to the fewest places
    # (0, 1 or 2) that keep it, as 0,005 is less than half of 0,1.
    tempat = 2 if places is None else places
    bulat = _bulatkan(nilai, tempat)
    teks = f"{bulat.copy_abs():,f}"  # Python's grouping: 1,234.50
    if tempat:
        pecahan = teks[-tempat:]
        if places is None:
            pecahan = pecahan.rstrip("0")
        utuh = teks[: -tempat - 1].replace(",", ".")
        teks = f"{utuh},{pecahan}" if pecahan else utuh
    else:
        teks = teks.replace(",", ".")
    return f"-{teks}" if bulat < 0 else teks


def format_rupiah(nilai: Decimal | None) -> str:
    """Write a rupiah amount: ``Rp 5.093.068.611``; with sen ``Rp 1.250.000,50``.

    Rounded half-up to whole sen; whole amounts show no decimals. Negative amounts are
    ``-Rp 5.000``; ``None`` is ``–``.
    """
    if nilai is None:
        return TANPA_NILAI
    sen = _bulatkan(nilai, 2)
    teks = f"{sen.copy_abs():,f}"  # Python's grouping: 1,234.50
    pecahan = teks[-2:]
    teks = teks[:-3].replace(",", ".")
    if pecahan != "00":
        teks = f"{teks},{pecahan}"
    return f"-Rp {teks}" if sen < 0 else f"Rp {teks}"


def _bulatkan(nilai: Decimal, places: int) -> Decimal:
    """``round_half_up`` with its common case inlined (the formats run thousands of times per
    page): a finite value with few enough digits for the shared context."""
    if 0 <= places < len(_KUANTUM) and nilai.is_finite() and nilai.adjusted() <= 26 - places:
        return nilai.quantize(_KUANTUM[places], rounding=ROUND_HALF_UP, context=_KONTEKS)
    return round_half_up(nilai, places)


DESIMAL_DATA = 4


def angka_data(nilai: Decimal) -> Decimal:
    """A figure written to a data file (CSV, XLSX, JSON) for the public: at most four
    decimals, the scale measures are stored at (``plans.models.MEASURE``), rounded half-up; a
    figure with fewer keeps its own digits (``85.3000``, ``5093068611.00``). A computed ratio
    such as 13.415 ÷ 14.460 × 100 is ``92.7732``, not its 28 digits. Project convention
    (rounding at output only, DESIGN.md)."""
    eksponen = nilai.as_tuple().exponent   # a letter for NaN and infinity
    if isinstance(eksponen, int) and eksponen < -DESIMAL_DATA:
        return _bulatkan(nilai, DESIMAL_DATA)
    return nilai


def format_persen(nilai: Decimal | None, places: int = 2) -> str:
    """Write a percentage: ``Decimal("94.7449")`` → ``"94,74%"``; ``None`` → ``–``."""
    if nilai is None:
        return TANPA_NILAI
    return f"{format_angka(nilai, places)}%"


def _kali_sepuluh(nilai: Decimal, pangkat: int) -> Decimal:
    """``nilai × 10^pangkat``, exactly (no context rounding) and written without exponent."""
    tanda, digit, eksponen = nilai.as_tuple()
    assert isinstance(eksponen, int)  # a parsed number is finite
    eksponen += pangkat
    if eksponen >= 0:
        return Decimal((tanda, (*digit, *(0,) * eksponen), 0))
    return Decimal((tanda, digit, eksponen))


def _ambigu(teks: str, alasan: str) -> BukanAngka:
    return BukanAngka(teks, "ambigu", alasan)


def _baca_pemisah(token: str) -> Decimal | None:
    """Apply the separator rules to one number token; None when they do not decide."""
    pemisah = [c for c in token if c in ".,"]
    if not pemisah:
        return Decimal(token)
    if "." in pemisah and "," in pemisah:
        desimal = pemisah[-1]
        if pemisah.count(desimal) != 1:
            return None
        utuh, _, pecahan = token.rpartition(desimal)
        ribuan = "," if desimal == "." else "."
        if not _pola_ribuan(utuh.split(ribuan)):
            return None
        return Decimal(f"{utuh.replace(ribuan, '')}.{pecahan}")
    tanda = pemisah[0]
    bagian = token.split(tanda)
    if len(bagian) > 2 or (tanda == "." and len(bagian[1]) == 3):
        return Decimal("".join(bagian)) if _pola_ribuan(bagian) else None
    return Decimal(f"{bagian[0]}.{bagian[1]}")


def _pola_ribuan(bagian: list[str]) -> bool:
    """True when the groups read as thousands: 1-3 digits (no leading 0), then threes."""
    return _KELOMPOK.fullmatch(bagian[0]) is not None and all(len(b) == 3 for b in bagian[1:])
