"""The plan workbook ("Rencana"): the Renstra and Renja of one OPD in sheets a planner fills.

Sheets, each with its headers in row 1 and one element per row below:

- ``Renstra``: the period (``Tahun awal``, ``Tahun akhir``) as label / value rows.
- ``Tujuan``: kode, uraian.
- ``Sasaran``: kode, the tujuan it is under (its kode, or its uraian), uraian, the kode of the
  RPJMD sasaran daerah it serves.
- ``Program``: the code of a program, kegiatan or sub kegiatan from the code list, the sasaran
  of a program, the Renstra's pagu indikatif per year (``Pagu 2025`` …).
- ``Indikator``: the level and code of its owner, its full definition, ``Target 2025`` … one
  column per year of the period (a number, a range "15–16" or a label such as "WTP").
- ``Renja``: an indicator (level, owner, uraian), a year, its targets of TW I–IV.
- ``README``: what each column means.

``write_rencana(opd)`` writes the workbook filled with the OPD's current plan (empty sheets for
an OPD without one), so that a planner downloads, edits and uploads it; ``read_rencana(path)``
reads an uploaded one into plain values (``BerkasRencana``), checked and applied by
``plans.rencana_import``. A workbook is recognised by its sheets: ``Tujuan``, ``Sasaran``,
``Indikator`` and ``Program``. The file is opened through ``reader.open_workbook`` (its size
and zip-bomb limits).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from akuntabel.adapters.xlsx.reader import open_workbook
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Indikator, Kegiatan, Program, Renstra, SubKegiatan, Target

TANDA = {"Tujuan", "Sasaran", "Indikator", "Program"}   # the sheets that make a plan workbook
TINGKAT = ("tujuan", "sasaran", "program", "kegiatan", "sub kegiatan")
TW = ("I", "II", "III", "IV")

# Each sheet's fixed columns: (key, header); year columns follow where the sheet has them.
KOLOM: dict[str, list[tuple[str, str]]] = {
    "Tujuan": [("kode", "Kode"), ("uraian", "Uraian tujuan")],
    "Sasaran": [("kode", "Kode"), ("tujuan", "Tujuan (kode)"), ("uraian", "Uraian sasaran"),
                ("sasaran_daerah", "Sasaran daerah (kode)")],
    "Program": [("kode", "Kode"), ("nama", "Nama (dari daftar kode)"),
                ("sasaran", "Sasaran (kode)")],
    "Indikator": [("tingkat", "Tingkat"), ("pemilik", "Kode pemilik"),
                  ("uraian", "Uraian indikator"),
                  ("definisi_operasional", "Definisi operasional"), ("formula", "Formula"),
                  ("satuan", "Satuan"), ("polaritas", "Polaritas"),
                  ("metode_turun", "Metode turun"), ("agregasi", "Agregasi"),
                  ("sumber_data", "Sumber data"), ("kondisi_awal", "Kondisi awal"),
                  ("kondisi_awal_tahun", "Tahun kondisi awal"),
                  ("kondisi_akhir", "Kondisi akhir"), ("iku", "IKU")],
    "Renja": [("tingkat", "Tingkat"), ("pemilik", "Kode pemilik"),
              ("uraian", "Uraian indikator"), ("tahun", "Tahun")]
    + [(f"tw{i}", f"TW {r}") for i, r in enumerate(TW, 1)],
    "Pagu Renja": [("kode", "Kode"), ("tahun", "Tahun"), ("pagu", "Pagu indikatif")],
}
TAHUNAN = {"Program": "Pagu", "Indikator": "Target"}   # sheets with one column per year

README = [
    ("Renstra", "Tahun awal / Tahun akhir", "Periode Renstra, misalnya 2025 dan 2029. Bila "
     "perangkat daerah belum memiliki Renstra, Renstra dibuat untuk periode ini di bawah RPJMD "
     "pemda."),
    ("Tujuan", "Kode, Uraian tujuan", "Satu tujuan per baris; kode dipakai untuk merujuknya."),
    ("Sasaran", "Kode, Tujuan (kode), Uraian sasaran", "Tujuan ditulis dengan kodenya (atau "
     "uraiannya) dari lembar Tujuan. Sasaran daerah: kode (atau uraian) sasaran RPJMD yang "
     "dilayani (boleh kosong)."),
    ("Program", "Kode", "Kode program, kegiatan atau sub kegiatan dari daftar kode "
     "(Kepmendagri 900.1.15.5-1317/2023), misalnya 1.02.02, 1.02.02.2.01, 1.02.02.2.01.0001; "
     "kegiatan dan sub kegiatan di bawah program/kegiatan yang juga tertulis. Nama diambil "
     "dari daftar kode (kolom Nama hanya untuk dibaca)."),
    ("Program", "Sasaran (kode), Pagu <tahun>", "Sasaran yang didukung program; pagu "
     "indikatif Renstra per tahun dalam rupiah (angka)."),
    ("Indikator", "Tingkat, Kode pemilik", "Tingkat: tujuan, sasaran, program, kegiatan atau "
     "sub kegiatan; kode pemilik: kode tujuan/sasaran/program/kegiatan/sub kegiatan itu."),
    ("Indikator", "Polaritas", "naik (makin tinggi makin baik), turun (makin rendah makin "
     "baik), rentang, kualitatif; kosong: naik."),
    ("Indikator", "Metode turun", "Untuk polaritas turun: selisih (bawaan) atau rasio."),
    ("Indikator", "Agregasi", "kumulatif atau nilai_akhir; kosong: menurut satuan."),
    ("Indikator", "Kondisi awal, Tahun kondisi awal", "Baseline dan tahunnya."),
    ("Indikator", "Kondisi akhir", "Target pada akhir periode Renstra."),
    ("Indikator", "IKU", "ya bila Indikator Kinerja Utama, kosong bila bukan."),
    ("Indikator", "Target <tahun>", "Target Renstra tiap tahun: angka (12,5), rentang "
     "(15–16) atau teks kualitatif (WTP)."),
    ("Renja", "Tingkat, Kode pemilik, Uraian indikator, Tahun, TW I–IV", "Target Renja "
     "per triwulan dari indikator yang tertulis di lembar Indikator."),
    ("Pagu Renja", "Kode, Tahun, Pagu indikatif", "Pagu indikatif Renja tahun itu untuk "
     "program, kegiatan atau sub kegiatan yang tertulis di lembar Program (rupiah)."),
]


@dataclass(frozen=True)
class Baris:
    """One filled row: its number in Excel, its values by column key (text, as typed), and
    its year columns (year -> text)."""

    nomor: int
    nilai: dict[str, str]
    tahunan: dict[int, str] = field(default_factory=dict)


@dataclass
class BerkasRencana:
    """A plan workbook read into plain values; ``masalah`` holds what could not be read
    (a column missing, a year header that is no year), each naming its sheet and cell."""

    nama: str
    tahun_awal: int | None = None
    tahun_akhir: int | None = None
    lembar: dict[str, list[Baris]] = field(default_factory=dict)
    kolom_tahun: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    masalah: list[str] = field(default_factory=list)


# --- reading ------------------------------------------------------------------------------

def teks_sel(value: object) -> str:
    """A cell as text: a number the Indonesian way (12,5), as the plan's readers expect."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else ""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        teks = f"{value:f}"
        if "." in teks:
            teks = teks.rstrip("0").rstrip(".")
        return teks.replace(".", ",")
    return str(value).strip()


def _kolom_huruf(index0: int) -> str:
    huruf = ""
    n = index0 + 1
    while n:
        n, r = divmod(n - 1, 26)
        huruf = chr(65 + r) + huruf
    return huruf


def read_rencana(path: str | Path) -> BerkasRencana | None:
    """The plan workbook at ``path`` in plain values, or None when it is not one (its sheets
    are not the plan's). ``reader.WorkbookError`` when the file cannot be opened."""
    nama = Path(path).name
    with open_workbook(path) as sheets:
        if not TANDA <= set(sheets.names):
            return None
        berkas = BerkasRencana(nama)
        if "Renstra" in sheets.names:
            for row in sheets.rows("Renstra"):
                label = teks_sel(row.cell(0)).casefold()
                if label in ("tahun awal", "tahun akhir"):
                    teks = teks_sel(row.cell(1))
                    if not re.fullmatch(r"\d{4}", teks):
                        berkas.masalah.append(f"Lembar Renstra, baris {row.nomor}, kolom B: "
                                              f"“{teks}” bukan tahun.")
                    elif label == "tahun awal":
                        berkas.tahun_awal = int(teks)
                    else:
                        berkas.tahun_akhir = int(teks)
        for lembar in KOLOM:
            if lembar in sheets.names:
                _read_sheet(berkas, lembar, list(sheets.rows(lembar)))
            else:
                berkas.lembar[lembar] = []
    return berkas


def _read_sheet(berkas: BerkasRencana, lembar: str, rows: list) -> None:
    berkas.lembar[lembar] = []
    berkas.kolom_tahun[lembar] = []
    if not rows:
        return
    header = [teks_sel(c).casefold() for c in rows[0].sel]
    letak: dict[str, int] = {}
    for key, judul in KOLOM[lembar]:
        if judul.casefold() in header:
            letak[key] = header.index(judul.casefold())
        elif key not in ("nama",):
            berkas.masalah.append(f"Lembar {lembar}, baris {rows[0].nomor}: kolom “{judul}” "
                                  "tidak ada.")
    tahunan: list[tuple[int, int]] = []
    awalan = TAHUNAN.get(lembar)
    if awalan:
        for i, judul in enumerate(header):
            if judul.startswith(awalan.casefold() + " "):
                sisa = judul[len(awalan) + 1:].strip()
                huruf = _kolom_huruf(i)
                if not re.fullmatch(r"\d{4}", sisa):
                    berkas.masalah.append(f"Lembar {lembar}, kolom {huruf}: judul “{judul}” "
                                          f"tidak memuat tahun (tulis “{awalan} 2026”).")
                    continue
                tahunan.append((int(sisa), i))
                berkas.kolom_tahun[lembar].append((int(sisa), huruf))
    for row in rows[1:]:
        nilai = {key: teks_sel(row.cell(i)) for key, i in letak.items()}
        per_tahun = {tahun: teks_sel(row.cell(i)) for tahun, i in tahunan}
        if any(nilai.values()) or any(per_tahun.values()):
            berkas.lembar[lembar].append(Baris(row.nomor, nilai, per_tahun))


def huruf_kolom(lembar: str, key: str) -> str:
    """The column letter of ``key`` in a sheet written by ``write_rencana``."""
    keys = [k for k, _judul in KOLOM[lembar]]
    return _kolom_huruf(keys.index(key)) if key in keys else "?"


# --- writing ------------------------------------------------------------------------------

def _teks_target(t: Target | None) -> str:
    if t is None:
        return ""
    if t.teks:
        return t.teks
    if t.nilai is None:
        return ""
    return teks_sel(t.nilai)


def _pemilik(ind: Indikator) -> tuple[str, str]:
    node = ind.node
    if ind.tujuan_id:
        return "tujuan", node.kode or node.uraian
    if ind.sasaran_id:
        return "sasaran", node.kode or node.uraian
    return {Program: "program", Kegiatan: "kegiatan",
            SubKegiatan: "sub kegiatan"}[type(node)], node.kode


def write_rencana(opd: PerangkatDaerah, renstra: Renstra | None) -> bytes:
    """The plan workbook of ``opd``, filled with ``renstra`` (its latest Renstra, or None for
    an empty template whose period the planner writes)."""
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    readme.append(["Akuntabel: buku kerja Rencana (Renstra/Renja)", opd.nama])
    readme.append([])
    readme.append(["Lembar", "Kolom", "Penjelasan"])
    for baris in README:
        readme.append(list(baris))
    readme.column_dimensions["C"].width = 100
    if renstra is not None:
        tahun = list(renstra.tahun)
    else:  # an empty template: the years of the pemda's latest RPJMD, if it has one
        rpjmd = opd.pemda.rpjmd.order_by("-tahun_awal").first()
        tahun = list(range(rpjmd.tahun_awal, rpjmd.tahun_akhir + 1)) if rpjmd else []
    ws = wb.create_sheet("Renstra")
    ws.append(["Perangkat daerah", opd.nama])
    ws.append(["Tahun awal", tahun[0] if tahun else None])
    ws.append(["Tahun akhir", tahun[-1] if tahun else None])
    sheets = {nama: wb.create_sheet(nama) for nama in KOLOM}
    for nama, ws in sheets.items():
        judul = [j for _k, j in KOLOM[nama]]
        if nama in TAHUNAN:
            judul += [f"{TAHUNAN[nama]} {t}" for t in tahun] or [f"{TAHUNAN[nama]} 20xx"]
        ws.append(judul)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
    if renstra is not None:
        _fill(sheets, renstra, tahun)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _fill(sheets: dict, renstra: Renstra, tahun: list[int]) -> None:
    tujuan = list(renstra.tujuan.order_by("urutan", "pk"))
    for t in tujuan:
        sheets["Tujuan"].append([t.kode, t.uraian])
    for t in tujuan:
        for s in t.sasaran.order_by("urutan", "pk"):
            sheets["Sasaran"].append([s.kode, t.kode or t.uraian, s.uraian,
                                      (s.sasaran_daerah.kode or s.sasaran_daerah.uraian)
                                      if s.sasaran_daerah else ""])
    nodes: list = []
    for p in renstra.program.order_by("urutan", "kode"):
        nodes.append(p)
        for k in p.kegiatan.order_by("urutan", "kode"):
            nodes.append(k)
            nodes.extend(k.sub_kegiatan.order_by("urutan", "kode"))
    for node in nodes:
        pagu = {a.tahun: a.target for a in node.renstra_anggaran.all()}
        for a in node.renja_anggaran.order_by("tahun"):
            if a.pagu_indikatif is not None:
                sheets["Pagu Renja"].append([node.kode, a.tahun, a.pagu_indikatif])
        sasaran = node.sasaran.kode or node.sasaran.uraian \
            if isinstance(node, Program) and node.sasaran else ""
        sheets["Program"].append([node.kode, node.nama, sasaran]
                                 + [pagu.get(t) for t in tahun])
    indikator = [i for t in tujuan for i in t.indikator.order_by("urutan", "pk")]
    indikator += [i for t in tujuan for s in t.sasaran.order_by("urutan", "pk")
                  for i in s.indikator.order_by("urutan", "pk")]
    indikator += [i for n in nodes for i in n.indikator.order_by("urutan", "pk")]
    for ind in indikator:
        if not ind.uraian.strip():  # nothing to name it by: completed on its own page
            continue
        tingkat, pemilik = _pemilik(ind)
        targets = {(t.jenis, t.tahun, t.triwulan): t for t in ind.target.all()}
        sheets["Indikator"].append(
            [tingkat, pemilik, ind.uraian, ind.definisi_operasional, ind.formula, ind.satuan,
             ind.polaritas, ind.metode_turun, ind.agregasi, ind.sumber_data,
             ind.kondisi_awal_teks or teks_sel(ind.kondisi_awal),
             ind.kondisi_awal_tahun, ind.kondisi_akhir_teks or teks_sel(ind.kondisi_akhir),
             "ya" if ind.iku else ""]
            + [_teks_target(targets.get((Target.Jenis.RENSTRA, t, 0))) for t in tahun])
        for t in tahun:
            tw = [_teks_target(targets.get((Target.Jenis.RENJA, t, i))) for i in range(1, 5)]
            if any(tw):
                sheets["Renja"].append([tingkat, pemilik, ind.uraian, t, *tw])
