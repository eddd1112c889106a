"""The flat SIPD layouts, one record per rekening (or per sub kegiatan): the Rekap xlsx, the
API drill-down JSON (statistik belanja) and the raw SIPD-RI API JSON. Each record names its
unit, program, kegiatan and sub kegiatan by code and name; the tree is built from them, in
the file's order, amounts added up per rekening (a Rekap has one row per paket/kelompok)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from akuntabel.adapters.sipd.model import (
    BerkasSipd,
    Node,
    Unit,
    baca_jumlah,
    cocok,
    jumlah,
    rapikan_kode,
)
from akuntabel.adapters.xlsx.reader import WorkbookError, cell_place, cell_text


@dataclass(frozen=True)
class Tata:
    """Where a layout keeps each field: the key (a JSON key or a Rekap column title)."""

    jenis: str
    unit: tuple[str, str]
    program: tuple[str, str]
    kegiatan: tuple[str, str]
    sub_kegiatan: tuple[str, str]
    rekening: tuple[str, str] | None
    pagu: str
    realisasi: str | None = None
    paket: str | None = None
    tahun: str | None = None


REKAP = Tata("rekap", ("KODE SUB UNIT", "NAMA SUB UNIT"), ("KODE PROGRAM", "NAMA PROGRAM"),
             ("KODE KEGIATAN", "NAMA KEGIATAN"), ("KODE SUB KEGIATAN", "NAMA SUB KEGIATAN"),
             ("KODE REKENING", "NAMA REKENING"), "PAGU", paket="NAMA PAKET/KELOMPOK",
             tahun="TAHUN")
API = Tata("api", ("KODE SUB UNIT", "NAMA SUB UNIT"), ("KODE PROGRAM", "NAMA PROGRAM"),
           ("KODE KEGIATAN", "NAMA KEGIATAN"), ("KODE SUB KEGIATAN", "NAMA SUB KEGIATAN"),
           ("KODE REKENING", "NAMA REKENING"), "PAGU", realisasi="REALISASI", tahun="TAHUN")
MENTAH = Tata("mentah", ("kode_sub_skpd", "nama_sub_skpd"), ("kode_program", "nama_program"),
              ("kode_giat", "nama_giat"), ("kode_sub_giat", "nama_sub_giat"), None, "pagu")


def _kunci(tata: Tata) -> set[str]:
    keys = {*tata.unit, *tata.program, *tata.kegiatan, *tata.sub_kegiatan, tata.pagu}
    keys |= {k for k in (tata.realisasi, tata.paket) if k}
    return keys | (set(tata.rekening) if tata.rekening else set())


def tata_dari_kunci(kunci: Iterable[str]) -> Tata | None:
    """The layout whose keys a record (or a header row) holds, None when none."""
    ada = {str(k).strip().upper() for k in kunci}
    for tata in (API, REKAP, MENTAH):
        if {k.upper() for k in _kunci(tata)} <= ada:
            return tata
    return None


def baca_rekaman(berkas: BerkasSipd, tata: Tata,
                 rekaman: Iterable[tuple[Callable[[str], Any], Callable[[str], str]]]) -> None:
    """Build ``berkas.unit`` from records, each given as (value of a key, place of a key)."""
    units: dict[str, Unit] = {}
    nodes: dict[tuple[str, ...], Node] = {}
    tahun: set[str] = set()
    generik: set[str] = set()

    def node(kunci: tuple[str, ...], tingkat: str, kode: str, uraian: str, tempat: str,
             anak_dari: list[Node]) -> Node:
        n = nodes.get(kunci)
        if n is None:
            n = nodes[kunci] = Node(tingkat, kode, uraian, tempat=tempat)
            anak_dari.append(n)
        return n

    for nilai, tempat in rekaman:
        def teks(k: str, nilai: Callable[[str], Any] = nilai,
                 tempat: Callable[[str], str] = tempat) -> str:
            return cell_text(nilai(k), tempat(k)) if nilai(k) is not None else ""

        try:
            kode = {t: rapikan_kode(nilai(getattr(tata, t)[0]))
                    for t in ("unit", "program", "kegiatan", "sub_kegiatan")}
            rek = rapikan_kode(nilai(tata.rekening[0])) if tata.rekening else ""
            pagu = baca_jumlah(nilai(tata.pagu), tempat(tata.pagu))
            realisasi = (baca_jumlah(nilai(tata.realisasi), tempat(tata.realisasi))
                         if tata.realisasi else None)
            if not _kode_sah(berkas, tata, kode, rek, tempat):
                continue
            bidang = ".".join(kode["unit"].split(".")[:2])
            for t in ("program", "kegiatan", "sub_kegiatan"):
                if kode[t].startswith("X.XX."):  # the support programme, as the unit's own
                    kode[t] = bidang + kode[t][4:]
                    generik.add(kode["unit"])
            if tata.tahun and nilai(tata.tahun) is not None:
                tahun.add(str(nilai(tata.tahun)).strip())
            unit = units.get(kode["unit"])
            if unit is None:
                unit = units[kode["unit"]] = Unit(kode["unit"], teks(tata.unit[1]))
            p = node((unit.kode, kode["program"]), "program", kode["program"],
                     teks(tata.program[1]), tempat(tata.program[0]), unit.program)
            k = node((unit.kode, kode["kegiatan"]), "kegiatan", kode["kegiatan"],
                     teks(tata.kegiatan[1]), tempat(tata.kegiatan[0]), p.anak)
            if not kode["sub_kegiatan"]:
                continue
            s = node((unit.kode, kode["sub_kegiatan"]), "sub_kegiatan", kode["sub_kegiatan"],
                     teks(tata.sub_kegiatan[1]), tempat(tata.sub_kegiatan[0]), k.anak)
            if not rek:
                s.pagu, s.realisasi = jumlah([s.pagu, pagu]), jumlah([s.realisasi, realisasi])
                continue
            r = node((unit.kode, kode["sub_kegiatan"], rek), "rekening", rek,
                     teks(tata.rekening[1]), tempat(tata.rekening[0]), s.anak)  # type: ignore[index]
            r.pagu, r.realisasi = jumlah([r.pagu, pagu]), jumlah([r.realisasi, realisasi])
            paket = teks(tata.paket) if tata.paket else ""
            if paket:
                r.anak.append(Node("uraian", "", paket, pagu, realisasi,
                                   tempat(tata.paket)))  # type: ignore[arg-type]
        except WorkbookError as exc:
            berkas.masalah.append(exc.pesan)
    for unit in units.values():
        for s in unit.nodes():
            if s.tingkat == "sub_kegiatan" and s.anak:
                s.pagu = jumlah([r.pagu for r in s.anak])
                s.realisasi = jumlah([r.realisasi for r in s.anak])
    berkas.unit = list(units.values())
    if generik:
        berkas.catatan.append(_("Codes of the support programme written X.XX.01… are read "
                                "under the unit's own bidang (%(n)s units), as the OPD keeps "
                                "them.") % {"n": len(generik)})
    berkas.ada_realisasi = tata.realisasi is not None
    if len(tahun) == 1:
        t = tahun.pop()
        berkas.tahun = int(t) if t.isdigit() and len(t) == 4 else None


def _kode_sah(berkas: BerkasSipd, tata: Tata, kode: dict[str, str], rek: str,
              tempat: Callable[[str], str]) -> bool:
    """Whether the record's codes are in the known formats, each under its parent's; a
    problem naming the place for the first that is not."""
    induk = ""
    for t, pola in (("unit", "skpd"), ("program", "program"), ("kegiatan", "kegiatan"),
                    ("sub_kegiatan", "sub_kegiatan")):
        k = kode[t]
        if t == "sub_kegiatan" and not k and not rek:
            return True  # a kegiatan without sub kegiatan: kept, with nothing under it
        if not cocok(k, pola) or (induk and not k.startswith(induk + ".")):
            berkas.masalah.append(_kode_salah(tempat(getattr(tata, t)[0]), k, t))
            return False
        induk = k if t != "unit" else ""
    if rek and not cocok(rek, "rekening"):
        berkas.masalah.append(_kode_salah(tempat(tata.rekening[0]), rek,  # type: ignore[index]
                                          "rekening"))
        return False
    return True


def _kode_salah(tempat: str, kode: str, tingkat: str) -> str:
    contoh = {"unit": "1.02.0.00.0.00.01.0000", "program": "1.02.02",
              "kegiatan": "1.02.02.2.01", "sub_kegiatan": "1.02.02.2.01.0001",
              "rekening": "5.1.02.01.001.00024"}[tingkat]
    if not kode:
        return _("%(tempat)s: the code is empty.") % {"tempat": tempat}
    return _("%(tempat)s: '%(kode)s' is not a %(tingkat)s code in a known format (such as "
             "%(contoh)s), or does not start with the code above it.") % {
        "tempat": tempat, "kode": kode[:60], "tingkat": tingkat.replace("_", " "),
        "contoh": contoh}


# -- the Rekap workbook -------------------------------------------------------------------------

def baca_rekap(berkas: BerkasSipd, lembar: str, judul: list[str],
               rows: Iterable[Any]) -> None:
    """The rows of a Rekap sheet below its header row (``judul``: its titles)."""
    kolom = {str(j).strip().upper(): i for i, j in enumerate(judul) if j is not None}

    def rekaman() -> Iterable[tuple[Callable[[str], Any], Callable[[str], str]]]:
        for row in rows:
            def nilai(k: str, row: Any = row) -> Any:
                return row.cell(kolom[k.upper()])

            def tempat(k: str, row: Any = row) -> str:
                return cell_place(lembar, row.nomor, kolom[k.upper()], k)

            yield nilai, tempat

    baca_rekaman(berkas, REKAP, rekaman())


# -- the JSON files -----------------------------------------------------------------------------

def baca_json(berkas: BerkasSipd, data: list[Any], tata: Tata) -> None:
    def rekaman() -> Iterable[tuple[Callable[[str], Any], Callable[[str], str]]]:
        for i, rec in enumerate(data, start=1):
            if not isinstance(rec, dict):
                berkas.masalah.append(_("%(berkas)s, element %(n)s: not an object with keys.")
                                      % {"berkas": berkas.nama, "n": i})
                continue

            def nilai(k: str, rec: dict[str, Any] = rec) -> Any:
                return rec.get(k)

            def tempat(k: str, i: int = i) -> str:
                return _("%(berkas)s, element %(n)s, key %(kunci)s") % {
                    "berkas": berkas.nama, "n": i, "kunci": k}

            yield nilai, tempat

    baca_rekaman(berkas, tata, rekaman())


__all__ = ["API", "MENTAH", "REKAP", "Tata", "baca_json", "baca_rekap",
           "tata_dari_kunci"]
