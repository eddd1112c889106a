"""The LRA "Rekapitulasi Belanja menurut Urusan Pemerintahan Daerah, Organisasi, Program,
Kegiatan … dan Sub Kegiatan" (one per SKPD, as of a month end), and the Rencana Anggaran Kas
with all levels in one code column.

Layout (shared/samples/sipd/README.md): titles (pemda, report, "TAHUN ANGGARAN 2026", the
month), a header merged over up to three rows — "Kode" over one to four columns, "Uraian …",
then "Kelompok Belanja" split into groups (Operasi, Modal, Tak Terduga, Transfer, or Total),
each split into Anggaran and Realisasi — and a row of column numbers. One row per level
(urusan, bidang, SKPD, program, kegiatan, sub kegiatan, rekening from akun to sub rincian
objek), every parent carrying its sums; a footer "Jumlah" / "JUMLAH" / "Total" (the row may be
shifted one column right), then rows of the user's own, not read. Columns the user added
(no Anggaran/Realisasi title under a known group) are not read.

A row's pagu is its Total group when the sheet has one, else the sum of its groups (the same
for the realisasi). Every parent's printed amount is compared with the sum of its children and
the footer with the sum of the top rows; a difference is a selisih naming the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
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
from akuntabel.adapters.xlsx.reader import WorkbookError, cell_place, column_letter
from akuntabel.core.angka import format_rupiah

BATAS_JUDUL = 30  # the header is looked for in the first rows
BULAN = ("JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS",
         "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER")
KELOMPOK = (("TAK TERDUGA", "tak_terduga"), ("OPERASI", "operasi"), ("MODAL", "modal"),
            ("TRANSFER", "transfer"), ("TOTAL", "total"), ("JUMLAH", "total"))
PENUTUP = {"JUMLAH", "TOTAL", "JUMLAH TOTAL", "TOTAL BELANJA", "JUMLAH BELANJA"}
# Depth of each level; a rekening is deeper by its number of segments.
KEDALAMAN = {"urusan": 0, "bidang": 1, "skpd": 2, "program": 3, "kegiatan": 4,
             "sub_kegiatan": 5}
# Which levels a code column may hold, by how many code columns the sheet has.
KOLOM_TINGKAT = {
    4: (("urusan", "bidang"), ("skpd",), ("program", "kegiatan", "sub_kegiatan"),
        ("rekening",)),
    3: (("urusan", "bidang", "skpd"), ("program", "kegiatan", "sub_kegiatan"), ("rekening",)),
    2: (("urusan", "bidang", "skpd", "program", "kegiatan", "sub_kegiatan"), ("rekening",)),
}
# One code column (the Rencana Anggaran Kas): "5" is urusan 5 (penunjang) above the sub
# kegiatan and akun 5 (belanja) under one; the other levels differ by their segments.
SEMUA = ("skpd", "sub_kegiatan", "kegiatan", "program", "bidang", "urusan", "rekening")


def _norm(nilai: object) -> str:
    return re.sub(r"[\s.:]+", " ", str(nilai)).strip().upper() if nilai is not None else ""


@dataclass
class Kolom:
    kode: list[int]
    uraian: int
    jumlah: dict[tuple[str, str], int]  # (group, "pagu" | "realisasi") -> column
    judul: dict[int, str] = field(default_factory=dict)  # column -> its title, for messages

    def utama(self, ukuran: str) -> list[int]:
        """The columns a row's pagu or realisasi is read from: Total, else every group."""
        total = self.jumlah.get(("total", ukuran))
        if total is not None:
            return [total]
        return [c for (g, u), c in self.jumlah.items() if u == ukuran]


def cari_judul(awal: list[Any]) -> tuple[int, Kolom] | None:
    """The index (in ``awal``) of the first row below the header and the columns, or None
    when the rows hold no LRA header."""
    for i, row in enumerate(awal):
        teks = [_norm(v) for v in row.sel]
        kode = [c for c, t in enumerate(teks) if t == "KODE"]
        uraian = next((c for c, t in enumerate(teks) if t.startswith("URAIAN")), None)
        if not kode or uraian is None:
            continue
        judul = [row]
        j = i + 1
        while j < len(awal) and j < i + 4 and not _baris_angka(awal[j]) and \
                not any(cocok(rapikan_kode(v), t) for v in awal[j].sel if v is not None
                        for t in ("rekening", "program", "bidang", "skpd")):
            judul.append(awal[j])
            j += 1
        while j < len(awal) and _baris_angka(awal[j]):
            j += 1
        kolom = Kolom(sorted(set(kode))[:4], uraian, {})
        lebar = max(len(r.sel) for r in judul)
        for c in range(uraian + 1, lebar):
            label = [_norm(r.cell(c)) for r in judul]
            ukuran = ("pagu" if any(t.startswith("ANGGARAN") for t in label) else
                      "realisasi" if any(t.startswith("REALISASI") for t in label) else None)
            if ukuran is None:
                continue
            grup = next((g for t in label for nama, g in KELOMPOK if t == nama or
                         t.startswith(nama + " ") or t.startswith("BELANJA " + nama)), None)
            if grup is None:  # a plain Kode | Uraian | Anggaran sheet: the budget sheet reader's
                continue
            if (grup, ukuran) not in kolom.jumlah:
                kolom.jumlah[grup, ukuran] = c
                kolom.judul[c] = " ".join(dict.fromkeys(
                    str(r.cell(c)).strip() for r in judul[1:] if r.cell(c) is not None))
        if any(u == "pagu" for _g, u in kolom.jumlah):
            return j, kolom
    return None


def _baris_angka(row: Any) -> bool:
    """A row of column numbers (1, 2, 3 …) under the header."""
    isi = [v for v in row.sel if v is not None]
    return len(isi) >= 3 and all(str(v).strip().isdigit() and len(str(v).strip()) <= 3
                                 for v in isi)


def baca_bulan_tahun(awal: list[Any]) -> tuple[int | None, int | None]:
    """The month the realisasi runs to and the budget year, from the title rows."""
    bulan = tahun = None
    for row in awal:
        for v in row.sel:
            t = _norm(v)
            if not t:
                continue
            m = re.search(r"TAHUN ANGGARAN (\d{4})", t)
            if m:
                tahun = int(m.group(1))
            for i, nama in enumerate(BULAN, start=1):
                if re.search(rf"\b{nama}\b", t):
                    bulan = i
            m = re.search(r"\bTRIWULAN (IV|I{1,3}|[1-4])\b", t)
            if m:  # "s.d. Triwulan II": the triwulan's last month
                bulan = 3 * (("I", "II", "III", "IV").index(m.group(1)) + 1
                             if not m.group(1).isdigit() else int(m.group(1)))
            m = re.search(r"\b(20\d{2})\b", t)
            if tahun is None and m:
                tahun = int(m.group(1))
    return bulan, tahun


@dataclass
class _Baris:
    nomor: int
    tingkat: str
    kedalaman: int
    kode: str
    uraian: str
    pagu: Decimal | None
    realisasi: Decimal | None
    kolom: dict[str, int]
    anak: list[_Baris] = field(default_factory=list)


class PembacaLra:
    """Reads the rows of one sheet below its header into ``berkas``."""

    def __init__(self, berkas: BerkasSipd, lembar: str, kolom: Kolom,
                 units: dict[str, Unit]) -> None:
        self.berkas, self.lembar, self.kolom, self.units = berkas, lembar, kolom, units
        self.akar: list[_Baris] = []
        self.tumpuk: list[_Baris] = []
        self.penutup: list[tuple[int, dict[str, Decimal | None], dict[str, int]]] = []
        self.tanpa_kode = 0
        self.selesai = False

    def tempat(self, nomor: int, c: int) -> str:
        judul = self.kolom.judul.get(c)
        if c in self.kolom.kode:
            judul = "Kode"
        return cell_place(self.lembar, nomor, c, judul)

    def baca(self, row: Any) -> None:
        if self.selesai:
            return
        kode = [(c, rapikan_kode(row.cell(c))) for c in self.kolom.kode]
        kode = [(c, k) for c, k in kode if k]
        label = {_norm(row.cell(c)) for c in range(0, self.kolom.uraian + 2)}
        if label & PENUTUP and not any(cocok(k, t) for _c, k in kode for t in SEMUA):
            self._penutup(row)
            return
        if not kode:
            if any(v is not None for v in row.sel):
                self.tanpa_kode += 1
            return
        c, k = kode[-1]
        bidang = next((b.kode for b in reversed(self.tumpuk) if b.tingkat == "bidang"), None)
        if k.startswith("X.XX.") and bidang and bidang != "X.XX":
            k = bidang + k[4:]  # the support programme, as the OPD keeps it
        tingkat = self._tingkat(c, k)
        if tingkat is None:
            self.berkas.masalah.append(
                _("%(tempat)s: '%(kode)s' is not a code in a known format (program 2.16.01, "
                  "kegiatan 2.16.01.2.01, sub kegiatan 2.16.01.2.01.0001, rekening "
                  "5.1.02.01.001.00024 or 5.1.02.01.01.0024).")
                % {"tempat": self.tempat(row.nomor, c), "kode": k[:60]})
            return
        try:
            pagu, kol_pagu = self._jumlah(row, "pagu")
            realisasi, kol_real = self._jumlah(row, "realisasi")
        except WorkbookError as exc:
            self.berkas.masalah.append(exc.pesan)
            return
        uraian = row.cell(self.kolom.uraian)
        dalam = KEDALAMAN.get(tingkat, 5 + k.count(".") + 1)
        b = _Baris(row.nomor, tingkat, dalam, k, str(uraian).strip() if uraian else "",
                   pagu, realisasi, {"pagu": kol_pagu, "realisasi": kol_real})
        while self.tumpuk and self.tumpuk[-1].kedalaman >= dalam:
            self.tumpuk.pop()
        induk = self.tumpuk[-1] if self.tumpuk else None
        if not self._induk_sah(b, induk):
            return
        (induk.anak if induk else self.akar).append(b)
        self.tumpuk.append(b)

    def _tingkat(self, c: int, k: str) -> str | None:
        n = len(self.kolom.kode)
        boleh = KOLOM_TINGKAT[n][self.kolom.kode.index(c)] if n > 1 else SEMUA
        dalam_sub = any(b.tingkat in ("sub_kegiatan", "rekening") for b in self.tumpuk)
        for t in boleh:
            if t == "urusan" and k == "5" and dalam_sub and "rekening" in boleh:
                continue  # akun 5 (belanja) under a sub kegiatan, not urusan 5
            if cocok(k, t):
                return t
        return None

    def _induk_sah(self, b: _Baris, induk: _Baris | None) -> bool:
        """A rekening stands under a sub kegiatan, a sub kegiatan under its kegiatan, a kegiatan
        under its program; a problem naming the row otherwise."""
        syarat = {"rekening": ("sub_kegiatan", "rekening"), "sub_kegiatan": ("kegiatan",),
                  "kegiatan": ("program",)}.get(b.tingkat)
        if syarat is None:
            return True
        ok = induk is not None and induk.tingkat in syarat and (
            (b.tingkat == "rekening" and (induk.tingkat == "sub_kegiatan"
                                         or b.kode.startswith(induk.kode + ".")))
            or (b.tingkat != "rekening" and b.kode.startswith(induk.kode + ".")))
        if not ok:
            self.berkas.masalah.append(
                _("%(tempat)s: %(tingkat)s %(kode)s does not stand under the %(induk)s it "
                  "belongs to.") % {
                    "tempat": self.tempat(b.nomor, self.kolom.kode[-1]), "kode": b.kode,
                    "tingkat": b.tingkat.replace("_", " "),
                    "induk": " / ".join(s.replace("_", " ") for s in syarat)})
        return ok

    def _baca(self, row: Any, c: int) -> Decimal | None:
        """An amount cell; its place is written out only for the message of a bad one."""
        try:
            return baca_jumlah(row.cell(c), "")
        except WorkbookError:
            return baca_jumlah(row.cell(c), self.tempat(row.nomor, c))

    def _jumlah(self, row: Any, ukuran: str) -> tuple[Decimal | None, int]:
        kolom = self.kolom.utama(ukuran)
        nilai = [self._baca(row, c) for c in kolom]
        if ukuran == "realisasi" and any(v is not None for v in nilai):
            self.berkas.ada_realisasi = True
        total = self.kolom.jumlah.get(("total", ukuran))
        grup = [c for (g, u), c in self.kolom.jumlah.items() if u == ukuran and g != "total"]
        if total is not None and grup and nilai[0] is not None:
            rincian = jumlah([self._baca(row, c) for c in grup])
            if rincian is not None and rincian != nilai[0]:
                self._selisih(row.nomor, total, nilai[0], rincian, _("the sum of its groups"))
        return jumlah(nilai), (kolom[0] if kolom else 0)

    def _penutup(self, row: Any) -> None:
        """A footer: its amounts, read as printed and, if the row is shifted one column right,
        from there; compared with the top rows in ``selesaikan``."""
        self.selesai = True
        for geser in (0, 1):
            try:
                nilai = {u: jumlah([self._baca(row, c + geser) for c in self.kolom.utama(u)])
                         for u in ("pagu", "realisasi")}
            except WorkbookError as exc:
                if geser:
                    self.berkas.masalah.append(exc.pesan)
                    return
                continue
            self.penutup.append((row.nomor, nilai, {
                u: (self.kolom.utama(u) or [0])[0] + geser for u in ("pagu", "realisasi")}))

    def _selisih(self, nomor: int, c: int, tercetak: Decimal, dihitung: Decimal,
                 dasar: str) -> None:
        self.berkas.selisih.append(
            _("%(tempat)s: printed %(tercetak)s, %(dasar)s %(dihitung)s (difference "
              "%(beda)s).") % {"tempat": self.tempat(nomor, c),
                               "tercetak": format_rupiah(tercetak), "dasar": dasar,
                               "dihitung": format_rupiah(dihitung),
                               "beda": format_rupiah(tercetak - dihitung)})

    def selesaikan(self) -> None:
        """Check every parent and the footer; hand the programs to their unit."""
        semua = list(_turun(self.akar))
        for b in semua:
            for u in ("pagu", "realisasi"):
                tercetak = getattr(b, u)
                dihitung = jumlah([getattr(a, u) for a in b.anak])
                if b.anak and tercetak is not None and dihitung is not None \
                        and tercetak != dihitung:
                    self._selisih(b.nomor, b.kolom[u], tercetak, dihitung,
                                  _("the sum of the rows under it"))
        if self.tanpa_kode:
            self.berkas.catatan.append(
                _("Sheet '%(lembar)s': %(n)s rows without a code were not read.")
                % {"lembar": self.lembar, "n": self.tanpa_kode})
        skpd = next((b for b in semua if b.tingkat == "skpd"), None)
        kode = skpd.kode if skpd else ""
        unit = self.units.get(kode)
        if unit is None:
            unit = self.units[kode] = Unit(kode, skpd.uraian if skpd else self.lembar)
        self.ganda: list[str] = []
        baru = 0
        for b in semua:
            if b.tingkat == "program":
                baru += self._ke_unit(unit, b)
        if self.ganda:
            self.berkas.catatan.append(
                _("Sheet '%(lembar)s': %(n)s sub kegiatan are also in an earlier sheet with "
                  "the same amounts (%(kode)s …); read once.")
                % {"lembar": self.lembar, "n": len(self.ganda), "kode": self.ganda[0]})
        self._cek_penutup(tambah=baru > 0)

    def _cek_penutup(self, *, tambah: bool) -> None:
        if not self.penutup:
            self.berkas.catatan.append(_("Sheet '%(lembar)s' has no Jumlah row; the sums of "
                                         "its parent rows were checked.")
                                       % {"lembar": self.lembar})
            return
        atas = {u: jumlah([getattr(b, u) for b in self.akar]) for u in ("pagu", "realisasi")}
        cocok_ = [p for p in self.penutup
                  if all(p[1][u] is None or p[1][u] == atas[u] for u in atas)
                  and any(p[1][u] is not None for u in atas)]
        nomor, nilai, kolom = (cocok_ or self.penutup)[0]
        if cocok_ and cocok_[0] is not self.penutup[0]:
            self.berkas.catatan.append(
                _("Sheet '%(lembar)s', row %(baris)s: the Jumlah row is shifted one column "
                  "right; read from there.") % {"lembar": self.lembar, "baris": nomor})
        if cocok_ and not tambah:
            return
        if cocok_:
            self.berkas.total_pagu = (self.berkas.total_pagu or Decimal(0)) + (
                nilai["pagu"] or Decimal(0))
            self.berkas.total_realisasi = (self.berkas.total_realisasi or Decimal(0)) + (
                nilai["realisasi"] or Decimal(0))
            return
        for u in ("pagu", "realisasi"):
            if nilai[u] is not None and atas[u] is not None and nilai[u] != atas[u]:
                self._selisih(nomor, kolom[u], nilai[u], atas[u],  # type: ignore[arg-type]
                              _("the sum of the top rows"))

    def _ke_unit(self, unit: Unit, b: _Baris) -> int:
        """Copy a program row and the rows under it into the unit; a sub kegiatan already read
        from another sheet is kept once when its amounts are the same, else a problem. Returns
        how many sub kegiatan were new."""
        baru = 0
        program = next((p for p in unit.program if p.kode == b.kode), None)
        if program is None:
            program = _node(b, self.lembar, anak=False)
            unit.program.append(program)
        for k in b.anak:
            kegiatan = next((x for x in program.anak if x.kode == k.kode), None)
            if kegiatan is None:
                kegiatan = _node(k, self.lembar, anak=False)
                program.anak.append(kegiatan)
            for s in k.anak:
                lama = next((x for x in kegiatan.anak if x.kode == s.kode), None)
                if lama is None:
                    kegiatan.anak.append(_node(s, self.lembar))
                    baru += 1
                elif (lama.pagu, lama.realisasi) == (s.pagu, s.realisasi):
                    self.ganda.append(s.kode)
                else:
                    self.berkas.masalah.append(
                        _("Sheet '%(lembar)s', row %(baris)s: sub kegiatan %(kode)s is also in "
                          "%(tempat)s with other amounts; keep one of them.")
                        % {"lembar": self.lembar, "baris": s.nomor, "kode": s.kode,
                           "tempat": lama.tempat})
        return baru


def _turun(rows: list[_Baris]) -> Iterator[_Baris]:
    for b in rows:
        yield b
        yield from _turun(b.anak)


def _node(b: _Baris, lembar: str, *, anak: bool = True) -> Node:
    tempat = _("Sheet '%(lembar)s', row %(baris)s") % {"lembar": lembar, "baris": b.nomor}
    n = Node(b.tingkat, b.kode, b.uraian, b.pagu, b.realisasi, tempat)
    if anak:
        n.anak = [_node(a, lembar) for a in b.anak]
    return n


def baca_lra(berkas: BerkasSipd, lembar: str, awal: list[Any], sisa: Iterable[Any],
             units: dict[str, Unit]) -> bool:
    """Read one sheet if it is an LRA; False (nothing read) when it is not."""
    judul = cari_judul(awal)
    if judul is None:
        return False
    mulai, kolom = judul
    bulan, tahun = baca_bulan_tahun(awal[:mulai])
    berkas.bulan = berkas.bulan or bulan
    berkas.tahun = berkas.tahun or tahun
    pembaca = PembacaLra(berkas, lembar, kolom, units)
    for row in awal[mulai:]:
        pembaca.baca(row)
    for row in sisa:
        pembaca.baca(row)
    pembaca.selesaikan()
    if not any(True for _b in _turun(pembaca.akar)):
        berkas.masalah.append(_("Sheet '%(lembar)s': the header was found but no row below it "
                                "has a code.") % {"lembar": lembar})
    return True


__all__ = ["baca_lra", "cari_judul", "column_letter"]
