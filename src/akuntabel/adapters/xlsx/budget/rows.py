"""The rows after the header, read one by one into the budget tree (levels by code, prefixes
left out, pendapatan and pembiayaan listed, not imported), and the Jumlah/Total rows
compared with the tree; see the package docstring, Levels and Totals."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Any

from django.utils.translation import gettext as _

from akuntabel.adapters.xlsx.budget.cells import (
    _WAKTU,
    _baca_jumlah,
    _baca_kode,
    _bagian_kode,
    _bukan_belanja,
    _kosong,
    _nomor_kolom,
    _pesan_rumus,
    _pesan_tanggal,
    _rumus,
    _tampil,
    _teks,
    _tingkat,
)
from akuntabel.adapters.xlsx.budget.header import _LABEL, JUDUL_KOLOM, _Judul, _normal_judul
from akuntabel.adapters.xlsx.budget.result import (
    BarisAnggaranImpor,
    HasilImpor,
    Masalah,
    SelisihImpor,
)
from akuntabel.core.anggaran import BarisAnggaran, HasilNode, find_induk_tidak_sama, rollup

_UKURAN = ("pagu", "realisasi")


# Urusan and bidang urusan rows that budgeting systems print above the programs.
_URUSAN_BIDANG = re.compile(r"(?:[0-9]|X)(?:\.(?:[0-9]{2}|XX))?")


_TINGKAT_PROGRAM = ("program", "kegiatan", "sub_kegiatan")


_PANJANG_INDUK = {"kegiatan": (3,), "sub_kegiatan": (5, 3)}  # prefix lengths, nearest first


_TOTAL = re.compile(r"(?:sub\s*-?\s*)?(?:jumlah|total)\b", re.IGNORECASE)


# The SKPD / urusan code some systems print before a program's code: urusan.bidang pairs,
# then optionally unit.sub unit ("1.06.0.00.0.00.01.0000").
_AWALAN_SKPD = re.compile(r"(?:(?:[0-9]|X)\.(?:[0-9]{2}|XX)\.)+(?:[0-9]{2}\.[0-9]{4}\.)?")


@dataclass(frozen=True)
class _Total:
    nomor: int
    label: str
    jumlah: dict[str, Decimal | None]
    akar_awal: int  # roots since the previous total: akar[akar_awal:akar_akhir]
    akar_akhir: int
    terakhir: int | None  # index of the last tree row above it


class _Pembaca:
    """Reads the rows after the header one by one, building the tree as it goes."""

    def __init__(self, judul: _Judul) -> None:
        self.judul = judul
        self.kolom = judul.kolom
        self.baris: list[BarisAnggaranImpor] = []
        self.induk: list[int | None] = []  # parent index per row
        self.masalah: list[Masalah] = []
        self.akar: list[int] = []  # indexes of the roots, in order
        self.total: list[_Total] = []
        self.ada_kode = False
        self.program: dict[str, int] = {}  # code -> index, program/kegiatan/sub kegiatan
        self.kembar_program: dict[tuple[int | None, str], int] = {}
        self.lingkup: int | None = None  # the current program/kegiatan/sub kegiatan
        self.rekening: dict[str, int] = {}  # code -> index, within the current lingkup
        self.berkode: int | None = None  # the nearest coded row above
        self.akar_sejak_total = 0
        self.skala = judul.skala
        self.catatan: list[str] = list(judul.catatan)
        self.awalan: list[tuple[int, str, str]] = []  # (row, code as printed, code read)
        # Pendapatan / pembiayaan rows left out: [row, code, uraian, kind, rows under it]
        self.bukan_belanja: list[list[Any]] = []
        self.dalam_bukan_belanja = False
        jumlah = {judul.kolom[k] for k in _UKURAN if k in judul.kolom}
        kiri = max(judul.kolom.get("kode", 0), judul.kolom["uraian"])
        self.kolom_label = [
            i for i in [*range(kiri + 1), *judul.lanjutan_uraian] if i not in jumlah
        ]

    def sel(self, sel: Sequence[object], kunci: str) -> object:
        if kunci == "kode" and self.judul.kode_bagian:
            return self._kode_bagian(sel)
        i = self.kolom.get(kunci)
        return sel[i] if i is not None and i < len(sel) else None

    def _kode_bagian(self, sel: Sequence[object]) -> object:
        """A code split over columns, joined: ``1 | 06 | 02 | 2.01 | 0001`` ->
        ``1.06.02.2.01.0001``; the rekening part alone when it is filled. A formula or
        a date in a part is returned as it is, for the usual message."""
        bagian: dict[str, object] = {}
        for j, nama in self.judul.kode_bagian:
            isi = sel[j] if j < len(sel) else None
            if _rumus(isi) or isinstance(isi, _WAKTU):
                return isi
            if not _kosong(isi):
                bagian[nama] = isi
        if not bagian:
            return None
        if "rekening" in bagian:
            return bagian["rekening"]
        return ".".join(_bagian_kode(nama, isi) for nama, isi in bagian.items())

    def baca(self, nomor: int, sel: Sequence[object]) -> None:
        if _nomor_kolom(sel, self.kolom) or self._judul_berulang(sel):
            return
        isi_kode = self.sel(sel, "kode")
        isi_uraian = self.sel(sel, "uraian")
        if _kosong(isi_uraian):
            isi_uraian = next(
                (
                    sel[i]
                    for i in self.judul.lanjutan_uraian
                    if i < len(sel) and not _kosong(sel[i])
                ),
                None,
            )

        if _rumus(isi_kode):
            self._masalah(nomor, "kode", _pesan_rumus())
            return
        kode = _baca_kode(isi_kode)
        tingkat = _tingkat(kode) if kode else None
        if kode and tingkat is None:
            jenis = _bukan_belanja(kode, _teks(isi_uraian))
            if jenis is not None:
                self.bukan_belanja.append([nomor, kode, _teks(isi_uraian), jenis, 0])
                self.dalam_bukan_belanja = True
                return
            tanpa_awalan = self._tanpa_awalan(nomor, kode)
            if tanpa_awalan is not None:
                self.awalan.append((nomor, kode, tanpa_awalan))
                kode, tingkat = tanpa_awalan, _tingkat(tanpa_awalan)
        if tingkat is not None:
            self.dalam_bukan_belanja = False
        elif self.dalam_bukan_belanja and (not kode or _TOTAL.match(kode)):
            if any(not _kosong(isi) for isi in sel):
                self.bukan_belanja[-1][4] += 1  # a row under a pendapatan/pembiayaan row
            return
        if kode and tingkat is None and _URUSAN_BIDANG.fullmatch(kode):
            return  # an urusan ("1") or bidang ("1.06") heading above the programs: grouping only
        if kode and tingkat is None:
            if isinstance(isi_kode, _WAKTU):
                self._masalah(nomor, "kode", _pesan_tanggal(isi_kode))
                return
            merged_label = isinstance(isi_kode, str) and _teks(isi_kode) == _teks(isi_uraian)
            if not (merged_label or _TOTAL.match(kode)):
                self._masalah(
                    nomor,
                    "kode",
                    _("'%(isi)s' is not a code of a program, kegiatan, sub kegiatan or belanja "
                      "rekening")
                    % {"isi": _tampil(isi_kode)},
                )
                return
            kode = ""  # a label merged over Kode and Uraian, or a Jumlah/Total label

        if _rumus(isi_uraian):
            self._masalah(nomor, "uraian", _pesan_rumus())
            isi_uraian = None
        uraian = _teks(isi_uraian)

        jumlah: dict[str, Decimal | None] = {}
        for ukuran in _UKURAN:
            nilai, salah = _baca_jumlah(self.sel(sel, ukuran), self.skala)
            if salah:
                self._masalah(nomor, ukuran, salah)
            jumlah[ukuran] = nilai

        if not kode:
            label = self._label_total(sel)
            if label is not None:
                self._catat_total(nomor, label, jumlah)
                return
            if not uraian:
                if any(v is not None for v in jumlah.values()):
                    self._masalah(nomor, None, _("there are amounts but neither a code nor an "
                                                 "uraian"))
                return
        self._tambah(nomor, tingkat or "uraian", kode, uraian, jumlah)

    def _tanpa_awalan(self, nomor: int, kode: str) -> str | None:
        """The code without an SKPD / urusan prefix, when the rest is a program, kegiatan or
        sub kegiatan code, or a rekening code prefixed by the code of the program, kegiatan or
        sub kegiatan it is under; None otherwise."""
        bagian = kode.split(".")
        for k in range(1, len(bagian)):
            awalan, sisa = ".".join(bagian[:k]) + ".", ".".join(bagian[k:])
            tingkat = _tingkat(sisa)
            if tingkat in _TINGKAT_PROGRAM and _AWALAN_SKPD.fullmatch(awalan):
                return sisa
            if tingkat == "rekening" and self.lingkup is not None:
                induk = awalan[:-1]
                if _tingkat(induk) not in _TINGKAT_PROGRAM:
                    induk = self._tanpa_awalan(nomor, induk) or ""
                if induk == self.baris[self.lingkup].kode:
                    return sisa
        return None

    def _tambah(
        self, nomor: int, tingkat: str, kode: str, uraian: str, jumlah: dict[str, Decimal | None]
    ) -> None:
        indeks = len(self.baris)
        if tingkat == "uraian":
            induk = self.berkode
        elif tingkat == "rekening":
            induk = self._induk_rekening(nomor, kode, indeks)
        else:
            induk = self._induk_program(nomor, tingkat, kode, indeks)
        if tingkat != "uraian":
            self.ada_kode = True
            self.berkode = indeks
        if induk is None:
            self.akar.append(indeks)
        self.induk.append(induk)
        self.baris.append(
            BarisAnggaranImpor(
                nomor=nomor,
                tingkat=tingkat,
                kode=kode,
                uraian=uraian,
                pagu=jumlah["pagu"],
                realisasi=jumlah["realisasi"],
                induk=None if induk is None else self.baris[induk].nomor,
            )
        )

    def _induk_program(self, nomor: int, tingkat: str, kode: str, indeks: int) -> int | None:
        bagian = kode.split(".")
        induk = None
        for panjang in _PANJANG_INDUK.get(tingkat, ()):
            induk = self.program.get(".".join(bagian[:panjang]))
            if induk is not None:
                break
        self._cek_kembar(nomor, kode, self.kembar_program, (induk, kode))
        self.kembar_program[(induk, kode)] = indeks
        self.program[kode] = indeks
        self.lingkup = indeks
        self.rekening = {}
        return induk

    def _induk_rekening(self, nomor: int, kode: str, indeks: int) -> int | None:
        bagian = kode.split(".")
        induk = self.lingkup
        for panjang in range(len(bagian) - 1, 0, -1):
            awalan = self.rekening.get(".".join(bagian[:panjang]))
            if awalan is not None:
                induk = awalan
                break
        self._cek_kembar(nomor, kode, self.rekening, kode)
        self.rekening[kode] = indeks
        return induk

    def _cek_kembar(
        self, nomor: int, kode: str, terlihat: Mapping[Any, int], kunci: object
    ) -> None:
        lama = terlihat.get(kunci)
        if lama is not None:
            self._masalah(
                nomor,
                "kode",
                _("code '%(kode)s' already appears on row %(baris)s under the same parent")
                % {"kode": kode, "baris": self.baris[lama].nomor},
            )

    def _catat_total(self, nomor: int, label: str, jumlah: dict[str, Decimal | None]) -> None:
        terakhir = len(self.baris) - 1 if self.baris else None
        self.total.append(
            _Total(nomor, label, jumlah, self.akar_sejak_total, len(self.akar), terakhir)
        )
        self.akar_sejak_total = len(self.akar)

    def _label_total(self, sel: Sequence[object]) -> str | None:
        """The Jumlah/Total label of a row without a code: in the kode or uraian column, or in
        a column left of them (a label merged over No and Kode)."""
        for i in self.kolom_label:
            isi = sel[i] if i < len(sel) else None
            if isinstance(isi, str) and _TOTAL.match(isi.strip()):
                return " ".join(isi.split())
        return None

    def _judul_berulang(self, sel: Sequence[object]) -> bool:
        """A header row repeated further down (page breaks of an exported report): at least two
        of the columns read hold one of their own header names, and nothing else."""
        terisi = 0
        for kunci, i in self.kolom.items():
            isi = sel[i] if i < len(sel) else None
            if _kosong(isi):
                continue
            if not isinstance(isi, str) or _normal_judul(isi) not in JUDUL_KOLOM[kunci]:
                return False  # the usual row: decided at its first filled cell
            terisi += 1
        return terisi >= 2

    def _masalah(self, nomor: int, kunci: str | None, isi: str) -> None:
        if kunci is None:
            self.masalah.append(Masalah(nomor, None, _("Row %(baris)s: %(isi)s") % {
                "baris": nomor, "isi": isi}))
        else:
            label = _LABEL[kunci]
            self.masalah.append(Masalah(nomor, label, _("Row %(baris)s, column %(kolom)s: "
                                                        "%(isi)s") % {
                "baris": nomor, "kolom": label, "isi": isi}))

    def selesai(self) -> HasilImpor:
        if not self.baris and not self.total and not self.masalah:
            self.masalah.append(
                Masalah(
                    None,
                    None,
                    _("There are no budget rows under the column headings (row %(baris)s).")
                    % {"baris": self.judul.nomor},
                )
            )
        hasil = self._rollup()
        selisih = []
        for s in find_induk_tidak_sama(hasil):
            b = self.baris[int(s.kunci)]
            selisih.append(
                SelisihImpor(b.nomor, "induk", b.kode, b.uraian, s.ukuran, s.tercetak, s.dihitung)
            )
        if self.ada_kode:
            selisih.extend(s for total in self.total for s in self._cek_total(total, hasil))
        selisih.sort(key=lambda s: (s.nomor, _UKURAN.index(s.ukuran)))
        return HasilImpor(tuple(self.baris), tuple(self.masalah), tuple(selisih), self.kolom,
                          tuple(self._catatan()), self.skala)

    def _catatan(self) -> list[str]:
        catatan = list(self.catatan)
        if self.awalan:
            contoh = "; ".join(_("row %(baris)s: '%(lama)s' -> '%(baru)s'") % {
                "baris": n, "lama": lama, "baru": baru} for n, lama, baru in self.awalan[:3])
            catatan.append(_("The codes on %(jumlah)s rows carry an SKPD/urusan code prefix and "
                             "are read without it (%(contoh)s).")
                           % {"jumlah": len(self.awalan),
                              "contoh": contoh + ("; …" if len(self.awalan) > 3 else "")})
        for nomor, kode, uraian, jenis, rincian in self.bukan_belanja:
            isi = {"baris": nomor, "nama": f"{kode} {uraian}".rstrip(), "jenis": jenis,
                   "rincian": rincian}
            if rincian:
                catatan.append(_("Row %(baris)s (%(nama)s): %(jenis)s, not imported, with the "
                                 "%(rincian)s rows under it; only belanja (code 5) is "
                                 "imported.") % isi)
            else:
                catatan.append(_("Row %(baris)s (%(nama)s): %(jenis)s, not imported; only belanja "
                                 "(code 5) is imported.") % isi)
        return catatan

    def _rollup(self) -> dict[str, HasilNode]:
        """Roll the tree up, keyed by row index; text-only detail lines carry nothing."""
        return rollup(
            BarisAnggaran(
                kunci=str(i),
                induk=None if self.induk[i] is None else str(self.induk[i]),
                pagu=b.pagu,
                realisasi=b.realisasi,
            )
            for i, b in enumerate(self.baris)
            if not (b.tingkat == "uraian" and b.pagu is None and b.realisasi is None)
        )

    def _cek_total(self, total: _Total, hasil: Mapping[str, HasilNode]) -> list[SelisihImpor]:
        """Compare a Jumlah/Total row with what it may close (see the package docstring)."""
        rantai: list[int] = []  # the last row above the total and its ancestors
        i = total.terakhir
        while i is not None:
            rantai.append(i)
            i = self.induk[i]
        blok = next((i for i in rantai if self.baris[i].tingkat in _TINGKAT_PROGRAM), None)
        temuan = []
        for ukuran in _UKURAN:
            tercetak = total.jumlah[ukuran]
            if tercetak is None:
                continue

            def nilai(i: int, ukuran: str = ukuran) -> Decimal | None:
                node = hasil.get(str(i))
                return None if node is None else getattr(node, ukuran).nilai

            sejak_total = _jumlah([nilai(i) for i in self.akar[total.akar_awal : total.akar_akhir]])
            semua = _jumlah([nilai(i) for i in self.akar[: total.akar_akhir]])
            cocok = {sejak_total, semua, *(nilai(i) for i in rantai)} - {None}
            if not cocok or tercetak in cocok:
                continue
            # The sum to report: what the total most likely closes.
            for dihitung in (sejak_total, None if blok is None else nilai(blok), semua):
                if dihitung is not None:
                    break
            else:
                dihitung = next(iter(cocok))
            temuan.append(
                SelisihImpor(total.nomor, "total", "", total.label, ukuran, tercetak, dihitung)
            )
        return temuan


def _jumlah(nilai: list[Decimal | None]) -> Decimal | None:
    """The exact sum, or None when there is nothing to add or a value is unknown."""
    if not nilai or any(n is None for n in nilai):
        return None
    with localcontext(Context(prec=60)):
        return sum((n for n in nilai if n is not None), Decimal(0))
