"""A generator of LRA "Rekapitulasi Belanja …" workbooks in the layouts users download
(shared/samples/sipd/README.md), since no real copy may be shipped: titles over four rows, a
header merged over three rows ("Kode" over four columns, "Uraian …", "Kelompok Belanja" split
into groups, each into Anggaran and Realisasi), a row of column numbers, one row per level
with the parents carrying their sums, a footer and the user's own rows and columns.

``buat_lra(path, **variasi)`` writes one and returns what it holds (``Lra``): the totals, the
pagu and realisasi of each sub kegiatan and the row of every code, so a test can compare or
spoil a cell. The amounts are deterministic for a seed; the realisasi is cumulative to
``bulan`` (the same seed gives a larger realisasi in a later month, the pagu unchanged).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
KELOMPOK = {"5.1": "Operasi", "5.2": "Modal", "5.3": "Tak Terduga", "5.4": "Transfer"}


@dataclass
class Lra:
    path: Path
    total_pagu: Decimal = Decimal(0)
    total_realisasi: Decimal = Decimal(0)
    sub_kegiatan: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    baris: dict[tuple[str, str], int] = field(default_factory=dict)  # (sheet, code) -> row
    lembar: list[str] = field(default_factory=list)
    garis: int = 0  # coded rows written (all sheets)
    kolom_pagu: dict[str, int] = field(default_factory=dict)  # group -> 1-based column


def teks_rupiah(x: Decimal) -> str:
    """Indonesian text of an amount, as a re-saved download holds it: '467.998.630.663,83'."""
    s = f"{x:,.2f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def _kode_rekening(jenis: str, objek: int, rincian: int, sub: int, format_: str) -> list[str]:
    if format_ == "2026":
        return [jenis, f"{jenis}.{objek:02d}", f"{jenis}.{objek:02d}.{rincian:03d}",
                f"{jenis}.{objek:02d}.{rincian:03d}.{sub:05d}"]
    return [jenis, f"{jenis}.{objek:02d}", f"{jenis}.{objek:02d}.{rincian:02d}",
            f"{jenis}.{objek:02d}.{rincian:02d}.{sub:04d}"]


def _tree(rng: random.Random, bidang: list[str], program: int, kegiatan: int, sub: int,
          rekening: int, bulan: int, format_: str) -> list[dict]:
    """Programs of each bidang, down to leaf rekening with amounts by group."""
    hasil = []
    for b in bidang:
        for p in range(1, program + 1):
            pk = f"{b}.{p:02d}"
            kg = []
            for k in range(1, kegiatan + 1):
                kk = f"{pk}.2.{k:02d}"
                subs = []
                for s in range(1, sub + 1):
                    sk = f"{kk}.{s:04d}"
                    leaves = []
                    for r in range(1, rekening + 1):
                        jenis = "5.1.02" if r % 4 else "5.2.02"
                        kode = _kode_rekening(jenis, 1 + r % 3, 1 + r % 2, 20 + r, format_)
                        pagu = Decimal(rng.randrange(100_000, 90_000_000_00)) / 100
                        pagu = pagu.quantize(Decimal("1")) if r % 3 else pagu
                        laju = Decimal(rng.randrange(40, 100)) / 100
                        real = (pagu * laju * bulan / 12).quantize(Decimal("0.01"),
                                                                   ROUND_HALF_UP)
                        leaves.append((kode, pagu, real))
                    subs.append((sk, leaves))
                kg.append((kk, subs))
            hasil.append({"bidang": b, "kode": pk, "kegiatan": kg})
    return hasil


def buat_lra(path: str | Path, *, tahun: int = 2026, bulan: int = 6, seed: int = 1,
             skpd: str = "2.16.2.20.2.21.01.0000",
             nama_skpd: str = "Dinas Komunikasi, Informatika dan Persandian",
             bidang: tuple[str, ...] = ("2.16", "2.21"), program: int = 2, kegiatan: int = 2,
             sub: int = 2, rekening: int = 3, teks: bool = False, format_rekening: str = "2026",
             kelompok: tuple[str, ...] = ("Operasi", "Modal", "Tak Terduga", "Transfer"),
             penutup: str = "Jumlah", geser_penutup: bool = False, lembar: str = "satu",
             kolom_pengguna: bool = True, baris_pengguna: bool = True,
             kode_penuh: bool = False, satu_kolom_kode: bool = False) -> Lra:
    """Write an LRA workbook. Variations:

    * ``teks``: amounts as Indonesian text instead of numbers;
    * ``format_rekening``: ``"2026"`` (5.1.02.01.001.00024) or ``"2025"`` (5.1.02.01.01.0024);
    * ``kelompok``: the groups; ``("Operasi", "Modal", "Total")`` has a Total group;
    * ``penutup``: the footer's label (``Jumlah``, ``JUMLAH``, ``Total``), ``geser_penutup``
      shifts the footer row one column right;
    * ``lembar``: ``"satu"`` (one sheet), ``"per_bidang"`` (a sheet per bidang) or
      ``"skpd_dan_bidang"`` (the whole SKPD, then each bidang again);
    * ``kolom_pengguna`` / ``baris_pengguna``: a formula column beside the report, rows below;
    * ``kode_penuh``: every row repeats the codes of the columns left of its own;
    * ``satu_kolom_kode``: every level's code in one column (as the Rencana Anggaran Kas).
    """
    rng = random.Random(seed)
    data = _tree(rng, list(bidang), program, kegiatan, sub, rekening, bulan, format_rekening)
    lra = Lra(Path(path))
    wb = Workbook()
    wb.remove(wb.active)
    sheets: list[tuple[str, list[dict]]]
    if lembar == "per_bidang":
        sheets = [(f"Bidang {b}", [p for p in data if p["bidang"] == b]) for b in bidang]
    elif lembar == "skpd_dan_bidang":
        sheets = [("SKPD", data)] + [(f"Bidang {b}", [p for p in data if p["bidang"] == b])
                                     for b in bidang]
    else:
        sheets = [("Rekap Belanja", data)]
    for i, (nama, programs) in enumerate(sheets):
        _lembar(wb.create_sheet(nama), lra, nama, programs, tahun=tahun, bulan=bulan,
                skpd=skpd, nama_skpd=nama_skpd, teks=teks, kelompok=kelompok,
                penutup=penutup, geser=geser_penutup, kolom_pengguna=kolom_pengguna,
                baris_pengguna=baris_pengguna, kode_penuh=kode_penuh,
                satu_kolom_kode=satu_kolom_kode, hitung=(i == 0 or
                                                                            lembar == "per_bidang"))
    lra.lembar = [n for n, _p in sheets]
    wb.save(lra.path)
    return lra


def _grup(kode: str, kelompok: tuple[str, ...]) -> str:
    g = KELOMPOK[kode[:3]]
    return g if g in kelompok else "Total"


def _lembar(ws, lra: Lra, nama: str, programs: list[dict], *, tahun: int, bulan: int,
            skpd: str, nama_skpd: str, teks: bool, kelompok: tuple[str, ...], penutup: str,
            geser: bool, kolom_pengguna: bool, baris_pengguna: bool, kode_penuh: bool,
            satu_kolom_kode: bool,
            hitung: bool) -> None:
    lebar = 5 + 2 * len(kelompok)
    judul = ["PEMERINTAH KABUPATEN BURU",
             "REKAPITULASI BELANJA MENURUT URUSAN PEMERINTAHAN DAERAH, ORGANISASI, PROGRAM, "
             "KEGIATAN BESERTA HASIL DAN SUB KEGIATAN BESERTA KELUARAN",
             f"TAHUN ANGGARAN {tahun}",
             f"Periode s.d. {BULAN[bulan - 1]} {tahun}"]
    for r, t in enumerate(judul, start=1):
        ws.cell(r, 1, t)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=lebar)
    ws.cell(6, 1, "Kode")
    ws.merge_cells("A6:A8" if satu_kolom_kode else "A6:D8")
    ws.cell(6, 5, "Uraian Urusan, Organisasi, Program, Kegiatan, Sub Kegiatan, Rekening")
    ws.merge_cells("E6:E8")
    ws.cell(6, 6, "Kelompok Belanja")
    ws.merge_cells(start_row=6, start_column=6, end_row=6, end_column=lebar)
    kolom: dict[str, int] = {}
    for i, g in enumerate(kelompok):
        c = 6 + 2 * i
        kolom[g] = c
        ws.cell(7, c, g)
        ws.merge_cells(start_row=7, start_column=c, end_row=7, end_column=c + 1)
        ws.cell(8, c, "Anggaran")
        ws.cell(8, c + 1, "Realisasi")
    lra.kolom_pagu = kolom
    for c in range(1, lebar + 1):
        ws.cell(9, c, c)
    if kolom_pengguna:
        ws.cell(6, lebar + 2, "Sisa (buatan sendiri)")
    baris = 10

    def tulis(kode_kolom: dict[int, str], uraian: str, nilai: dict[str, list[Decimal]],
              kode: str) -> None:
        nonlocal baris
        if satu_kolom_kode:  # the row's own code only, in the first column
            kode_kolom = {1: kode_kolom[max(kode_kolom)]}
        for c, k in kode_kolom.items():
            ws.cell(baris, c, k)
        ws.cell(baris, 5, uraian)
        for g, c in kolom.items():
            p, r = nilai.get(g, [Decimal(0), Decimal(0)])
            if g == "Total" and "Total" in kolom:
                p = sum((v[0] for v in nilai.values()), Decimal(0))
                r = sum((v[1] for v in nilai.values()), Decimal(0))
            ws.cell(baris, c, teks_rupiah(p) if teks else float(p) if p % 1 else int(p))
            ws.cell(baris, c + 1, teks_rupiah(r) if teks else float(r) if r % 1 else int(r))
        if kolom_pengguna:
            ws.cell(baris, lebar + 2, f"=F{baris}-G{baris}")
        lra.baris[(nama, kode)] = baris
        lra.garis += 1
        baris += 1

    def jumlah(daun: list[tuple[list[str], Decimal, Decimal]]) -> dict[str, list[Decimal]]:
        hasil: dict[str, list[Decimal]] = {}
        for kode, p, r in daun:
            g = KELOMPOK[kode[0][:3]]
            v = hasil.setdefault(g, [Decimal(0), Decimal(0)])
            v[0] += p
            v[1] += r
        return hasil

    def daun_program(p: dict) -> list:
        return [x for _k, subs in p["kegiatan"] for _s, leaves in subs for x in leaves]

    semua = [x for p in programs for x in daun_program(p)]
    urusan = programs[0]["bidang"].split(".")[0] if programs else "2"
    tulis({1: urusan}, "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
          jumlah(semua), urusan)
    bidang_list = list(dict.fromkeys(p["bidang"] for p in programs))
    for b in bidang_list:
        bp = [p for p in programs if p["bidang"] == b]
        tulis({1: b}, f"URUSAN PEMERINTAHAN BIDANG {b}", jumlah([x for p in bp
                                                                 for x in daun_program(p)]), b)
        tulis({1: b, 2: skpd}, nama_skpd, jumlah([x for p in bp for x in daun_program(p)]),
              f"{b}/{skpd}")
        for p in bp:
            lead = {1: b, 2: skpd} if kode_penuh else {}
            tulis({**lead, 3: p["kode"]}, f"PROGRAM {p['kode']}", jumlah(daun_program(p)),
                  p["kode"])
            for kk, subs in p["kegiatan"]:
                tulis({**lead, 3: kk}, f"Kegiatan {kk}",
                      jumlah([x for _s, leaves in subs for x in leaves]), kk)
                for sk, leaves in subs:
                    n = jumlah(leaves)
                    tulis({**lead, 3: sk}, f"Sub Kegiatan {sk}", n, sk)
                    if hitung:
                        lra.sub_kegiatan[sk] = (sum((v[0] for v in n.values()), Decimal(0)),
                                                sum((v[1] for v in n.values()), Decimal(0)))
                    lead_r = {**lead, 3: sk} if kode_penuh else {}
                    ditulis: set[str] = set()
                    for kode, _p, _r in sorted(leaves, key=lambda x: x[0][-1]):
                        for d, k in enumerate(kode):
                            if k in ditulis:
                                continue
                            ditulis.add(k)
                            bawah = [x for x in leaves if x[0][d] == k]
                            tulis({**lead_r, 4: k}, f"Belanja {k}", jumlah(bawah), f"{sk}/{k}")
    if hitung:
        lra.total_pagu += sum((x[1] for x in semua), Decimal(0))
        lra.total_realisasi += sum((x[2] for x in semua), Decimal(0))
    n = jumlah(semua)
    g0 = 1 if geser else 0
    ws.cell(baris, 1 + g0, penutup)
    ws.merge_cells(start_row=baris, start_column=1 + g0, end_row=baris, end_column=5 + g0)
    for g, c in kolom.items():
        p, r = n.get(g, [Decimal(0), Decimal(0)])
        if g == "Total":
            p = sum((v[0] for v in n.values()), Decimal(0))
            r = sum((v[1] for v in n.values()), Decimal(0))
        ws.cell(baris, c + g0, teks_rupiah(p) if teks else float(p))
        ws.cell(baris, c + 1 + g0, teks_rupiah(r) if teks else float(r))
    baris += 1
    if baris_pengguna:
        ws.cell(baris + 1, 2, "Mengetahui,")
        ws.cell(baris + 2, 2, "Kepala Dinas")
        ws.cell(baris + 3, 6, f"=SUM(F10:F{baris - 2})")
        ws.cell(baris + 4, 1, "catatan: angka belum final")
