"""The header of a budget sheet: the columns by their names, a second header row, a code
split over several columns, a scale note ("dalam ribuan"); see the package docstring,
Columns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import reduce

from django.utils.translation import gettext as _

from akuntabel.adapters.xlsx.budget.cells import _kosong, _tampil, _teks_sel
from akuntabel.adapters.xlsx.budget.result import Masalah
from akuntabel.core.angka import format_angka

BATAS_BARIS_JUDUL = 20
"""The header row is looked for in this many first rows."""


JUDUL_KOLOM: dict[str, tuple[str, ...]] = {
    "kode": ("kode rekening", "kode", "kd rek", "no rekening", "kode akun"),
    "uraian": (
        "uraian",
        "uraian kegiatan",
        "uraian rekening",
        "nama rekening",
        "uraian program/kegiatan/sub kegiatan",
        "program/kegiatan/sub kegiatan",
        "program/kegiatan",
        "kegiatan",
        "nama",
    ),
    "pagu": (
        "anggaran setelah perubahan",
        "anggaran perubahan",
        "pagu perubahan",
        "pagu anggaran",
        "jumlah anggaran",
        "pagu",
        "anggaran",
        "anggaran murni",
        "pagu murni",
        "pagu indikatif",
        "nilai",
    ),
    "realisasi": (
        "realisasi",
        "realisasi anggaran",
        "realisasi s d tw iv",
        "realisasi s/d tw iv",
        "realisasi sd tw iv",
        "realisasi s d triwulan iv",
        "realisasi s/d triwulan iv",
        "realisasi sampai dengan triwulan iv",
        "realisasi belanja",
        "sp2d",
    ),
}
"""Header names per column, normalised; when several columns match, the first name wins."""


KODE_BAGIAN: dict[str, tuple[str, ...]] = {
    "urusan": ("kode urusan", "kd urusan", "urusan"),
    "bidang": ("kode bidang", "kode bidang urusan", "kd bidang", "bidang", "bidang urusan"),
    "program": ("kode program", "kd program", "kd prog", "program"),
    "kegiatan": ("kode kegiatan", "kd kegiatan", "kd keg", "kegiatan"),
    "sub_kegiatan": ("kode sub kegiatan", "kode subkegiatan", "kd sub kegiatan", "kd sub keg",
                     "sub kegiatan", "sub"),
    "rekening": ("kode rekening", "kd rek", "rekening"),
}
"""Header names of the parts of a code split over several columns, in their order."""


_WAJIB = ("uraian", "pagu")


_LABEL = {"kode": "Kode", "uraian": "Uraian", "pagu": "Pagu", "realisasi": "Realisasi"}


_RP_DALAM_KURUNG = re.compile(r"\(\s*(?:rp|rupiah|idr)\s*\)")


_GARIS_MIRING = re.compile(r"\s*/\s*")


# A scale note in a header name ("Anggaran (Rp 000)", after dots became spaces), left out.
_SKALA_DI_JUDUL = re.compile(
    r"\(\s*(?:rp|rupiah|idr)?\s*(?:000(?:\s000)?|ribuan|jutaan)\s*\)"
    r"|\(?\s*dalam\s+(?:ribuan|jutaan|ribu|juta)(?:\s+rupiah)?\s*\)?"
)


# Scale notes in the header area: the amounts are in thousands (or millions) of rupiah.
_SKALA = (
    (Decimal(1_000_000), re.compile(
        r"dalam\s+(?:jutaan|juta)\b|jutaan\s+rupiah|\(\s*(?:rp\.?\s*)?000\.000\s*\)"
        r"|rp\.?\s*000\.000(?![0-9.,])", re.IGNORECASE)),
    (Decimal(1_000), re.compile(
        r"dalam\s+(?:ribuan|ribu)\b|ribuan\s+rupiah|\(\s*(?:rp\.?\s*)?000\s*\)"
        r"|rp\.?\s*000(?![0-9.,])", re.IGNORECASE)),
)


@dataclass(frozen=True)
class _Judul:
    nomor: int  # the (first) header row
    sesudah: int  # position of the first row after the header among the rows read
    kolom: dict[str, int]
    lanjutan_uraian: tuple[int, ...]  # columns an uraian may spill into (merged cells)
    kode_bagian: tuple[tuple[int, str], ...] = ()  # a code split over columns: (index, part)
    skala: Decimal = Decimal(1)
    catatan: tuple[str, ...] = ()


def _cari_judul(
    awal: list[tuple[int, Sequence[object]]],
) -> tuple[_Judul | None, list[Masalah]]:
    """The header row (and a second header row under it), or the problem naming what's missing."""
    kecocokan = [_cocokkan_judul(sel) for _, sel in awal]
    for i, cocok in enumerate(kecocokan):
        if not cocok:
            continue
        gabungan = dict(cocok)
        atas = [awal[i][1]]
        bawah = _cocokkan_bagian(awal[i + 1][1]) if i + 1 < len(awal) else ()
        if i + 1 < len(awal) and (kecocokan[i + 1] or bawah):
            gabungan.update(kecocokan[i + 1])  # the lower header row names the column
            atas.append(awal[i + 1][1])
        bagian = bawah or _cocokkan_bagian(awal[i][1])
        for j, _bagian in bagian:  # the parts of a split code are one Kode column
            gabungan.pop(j, None)
        if bagian:
            gabungan[bagian[0][0]] = ("kode", -1)
        if all(k in {kunci for kunci, _ in gabungan.values()} for k in _WAJIB):
            judul, masalah = _susun_judul(awal[i][0], i + len(atas), gabungan, atas)
            if judul is not None and bagian:
                judul = replace(judul, kode_bagian=bagian, catatan=(
                    _("The code is read from separate columns (%(kolom)s) joined with dots.")
                    % {"kolom": ", ".join(f"{_huruf(j)} {b.replace('_', ' ')}"
                                          for j, b in bagian)},))
            return judul, masalah

    # No usable header: name what is missing and what was seen.
    terbaik = max(range(len(awal)), key=lambda i: len(kecocokan[i]), default=None)
    if terbaik is not None and not kecocokan[terbaik]:
        terbaik = next((i for i, (_, sel) in enumerate(awal) if _teks_sel(sel)), None)
    ditemukan = {k for k, _ in kecocokan[terbaik].values()} if terbaik is not None else set()
    # Every required name may be seen on a row that still is no usable header (a "KODE" read
    # as one part of a split code, say): then the header as a whole is what is missing.
    hilang = [_LABEL[k] for k in _WAJIB if k not in ditemukan] or [_LABEL[k] for k in _WAJIB]
    pesan = [_("Column %(kolom)s not found in the first %(batas)s rows.") % {
        "kolom": _dan(hilang), "batas": BATAS_BARIS_JUDUL}]
    nomor: int | None = None
    if terbaik is not None:
        nomor = awal[terbaik][0]
        terbaca = ", ".join(f"'{t}'" for t in _teks_sel(awal[terbaik][1])[:12])
        pesan.append(_("Column headings read (row %(baris)s): %(judul)s.") % {
            "baris": nomor, "judul": terbaca})
    elif awal:
        pesan.append(_("No column heading was read."))
    else:
        pesan.append(_("This sheet is empty."))
    dikenal = "; ".join(
        f"{_LABEL[k]}: {', '.join(JUDUL_KOLOM[k])}" for k in _WAJIB if _LABEL[k] in hilang
    )
    pesan.append(_("Headings recognised — %(dikenal)s.") % {"dikenal": dikenal})
    return None, [Masalah(nomor, None, " ".join(pesan))]


def _dan(daftar: list[str]) -> str:
    """"A dan B dan C" in the active language ("" for no item)."""
    if not daftar:
        return ""
    return reduce(lambda a, b: _("%(a)s and %(b)s") % {"a": a, "b": b}, daftar)


def _cocokkan_bagian(sel: Sequence[object]) -> tuple[tuple[int, str], ...]:
    """The columns of a code split over several columns (``Urusan | Bidang | Program |
    Kegiatan | Sub Kegiatan``): three or more side by side, parts in their order."""
    urutan = list(KODE_BAGIAN)
    nama = [_normal_judul(isi) for isi in sel]
    terbaik: list[tuple[int, str]] = []
    deret: list[tuple[int, str]] = []
    for j, n in enumerate(nama):
        bagian = next((b for b in urutan if n and n in KODE_BAGIAN[b]), None)
        if bagian is not None and deret and j == deret[-1][0] + 1 \
                and urutan.index(bagian) > urutan.index(deret[-1][1]):
            deret.append((j, bagian))
        else:
            deret = [(j, bagian)] if bagian is not None else []
        if len(deret) > len(terbaik):
            terbaik = list(deret)
    return tuple(terbaik) if len(terbaik) >= 3 else ()


def _cari_skala(judul: _Judul, atas: list[tuple[int, Sequence[object]]]
                ) -> tuple[_Judul, list[Masalah]]:
    """A "dalam ribuan" / "(Rp 000)" note above or in the header: the factor of every amount."""
    temuan: dict[Decimal, tuple[int, str]] = {}
    for nomor, sel in atas:
        for isi in sel:
            if not isinstance(isi, str):
                continue
            for faktor, pola in _SKALA:
                if pola.search(isi):
                    temuan.setdefault(faktor, (nomor, _tampil(isi)))
                    break
    if not temuan:
        return judul, []
    if len(temuan) > 1:
        daftar = "; ".join(_("row %(baris)s: '%(teks)s'") % {"baris": n, "teks": teks}
                           for n, teks in temuan.values())
        return judul, [Masalah(judul.nomor, None, _("Unclear number unit (%(daftar)s); keep one "
                                                    "note of thousands or millions.")
                               % {"daftar": daftar})]
    faktor, (nomor, teks) = next(iter(temuan.items()))
    isi = {"baris": nomor, "teks": teks, "faktor": format_angka(faktor)}
    if faktor == 1_000:
        catatan = _("The amounts on this sheet are in thousands of rupiah (row %(baris)s: "
                    "'%(teks)s'); every amount is multiplied by %(faktor)s.") % isi
    else:
        catatan = _("The amounts on this sheet are in millions of rupiah (row %(baris)s: "
                    "'%(teks)s'); every amount is multiplied by %(faktor)s.") % isi
    return replace(judul, skala=faktor, catatan=(*judul.catatan, catatan)), []


def _cocokkan_judul(sel: Sequence[object]) -> dict[int, tuple[str, int]]:
    """Column index -> (column key, rank of the name) for the cells that are known headers."""
    hasil: dict[int, tuple[str, int]] = {}
    for i, isi in enumerate(sel):
        nama = _normal_judul(isi)
        if not nama:
            continue
        for kunci, daftar in JUDUL_KOLOM.items():
            if nama in daftar:
                hasil[i] = (kunci, daftar.index(nama))
                break
    return hasil


def _susun_judul(
    nomor: int,
    sesudah: int,
    cocok: dict[int, tuple[str, int]],
    sel_judul: list[Sequence[object]],
) -> tuple[_Judul, list[Masalah]]:
    masalah: list[Masalah] = []
    kolom: dict[str, int] = {}
    sambungan: dict[str, list[int]] = {}
    for kunci in JUDUL_KOLOM:
        calon = sorted((rank, i) for i, (k, rank) in cocok.items() if k == kunci)
        if not calon:
            continue
        kolom[kunci] = calon[0][1]
        sama = {i for rank, i in calon if rank == calon[0][0]}
        # A header merged over several columns comes filled into each: one column, continued.
        sambungan[kunci] = []
        while kolom[kunci] + len(sambungan[kunci]) + 1 in sama:
            sambungan[kunci].append(kolom[kunci] + len(sambungan[kunci]) + 1)
        kembar = sorted(sama - {kolom[kunci], *sambungan[kunci]})
        if kembar:
            daftar = _dan([_huruf(i) for i in [calon[0][1], *kembar]])
            masalah.append(
                Masalah(
                    nomor,
                    _LABEL[kunci],
                    _("Row %(baris)s: the column heading %(kolom)s appears more than once (columns "
                      "%(daftar)s); column %(dibaca)s is read.")
                    % {"baris": nomor, "kolom": _LABEL[kunci], "daftar": daftar,
                       "dibaca": _huruf(calon[0][1])},
                )
            )

    def kosong(i: int) -> bool:
        return all(_kosong(sel[i]) for sel in sel_judul if i < len(sel))

    dipakai = set(kolom.values())
    lanjutan = sambungan["uraian"]
    batas = max(len(sel) for sel in sel_judul)
    i = kolom["uraian"] + len(lanjutan) + 1
    while i < batas and i not in dipakai and kosong(i):
        lanjutan.append(i)
        i += 1
    return _Judul(nomor, sesudah, kolom, tuple(lanjutan)), masalah


def _normal_judul(isi: object) -> str:
    if not isinstance(isi, str):
        return ""
    teks = isi.casefold().replace(".", " ")
    teks = _RP_DALAM_KURUNG.sub(" ", teks)
    teks = _SKALA_DI_JUDUL.sub(" ", teks)
    teks = _GARIS_MIRING.sub("/", teks)
    return " ".join(teks.split()).rstrip(":").strip()


def _huruf(indeks: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": the column as Excel names it."""
    huruf = ""
    indeks += 1
    while indeks:
        indeks, sisa = divmod(indeks - 1, 26)
        huruf = chr(ord("A") + sisa) + huruf
    return huruf
