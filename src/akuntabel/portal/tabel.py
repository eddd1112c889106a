"""The tables the public downloads: each a list of fields (name, Frictionless type and the
meaning the dataset format gives the column, docs/dataset-format.md) and rows of plain values.
The same table is a chart's download (CSV, XLSX) and a resource of the data package."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from akuntabel.core.angka import angka_data
from akuntabel.portal.data import Angka, BarisAnggaran, BarisIndikator


@dataclass(frozen=True)
class Kolom:
    name: str
    type: str          # Frictionless Table Schema type: string | integer | number | boolean
    description: str


@dataclass(frozen=True)
class Tabel:
    nama: str          # the resource name, also the file's name
    judul: str
    kolom: tuple[Kolom, ...]
    baris: list[tuple[Any, ...]]

    def __post_init__(self) -> None:
        # every number at most four decimals (``core.angka.angka_data``), whatever the table:
        # CSV, XLSX and the API's JSON are written from these rows
        self.baris[:] = [tuple(angka_data(v) if isinstance(v, Decimal) else v for v in b)
                         for b in self.baris]


_OPD = (Kolom("opd_kode", "string", "Key of the perangkat daerah (opd.kode in the dataset "
                                    "format)."),
        Kolom("opd_nama", "string", "Name of the perangkat daerah (opd.nama)."))
_IND = (Kolom("indikator_kode", "string", "Local key of the indicator, unique in a Renstra "
                                          "version (indikator.kode); may be empty."),
        Kolom("indikator_uraian", "string", "The indicator as worded (indikator.uraian)."),
        Kolom("satuan", "string", "Unit of the indicator (indikator.satuan)."))
_ANGKA = (Kolom("tahun", "integer", "Year of the figure."),
          Kolom("target", "number", "Target in force: PK perubahan, else PK, else Renja, else "
                                    "Renstra (indikator.target), as a number."),
          Kolom("realisasi", "number", "Realisasi of the year, shown only when every quarterly "
                                       "report it rests on is verified (indikator.realisasi), "
                                       "or as the agency's published final LKjIP of the year "
                                       "holds it (sumber_angka); empty otherwise."),
          Kolom("capaian", "number", "Capaian in percent, computed by Akuntabel from the target "
                                     "and the realisasi with the indicator's polarity; never "
                                     "the printed capaian."),
          Kolom("peringkat", "string", "Band of the capaian on the pemda's rating scale "
                                       "(Permendagri 86/2017 by default)."))


def tabel_iku_daerah(rows: Sequence[BarisIndikator]) -> Tabel:
    kolom = (Kolom("kode", "string", "Key of the pemda's IKU (iku_daerah.kode)."),
             Kolom("uraian", "string", "The pemda's IKU as worded (iku_daerah.uraian)."),
             Kolom("satuan", "string", "Unit (iku_daerah.satuan)."),
             Kolom("sasaran_daerah", "string", "The RPJMD's sasaran daerah it measures "
                                               "(iku_daerah.sasaran_daerah)."),
             *_ANGKA[:1],
             Kolom("target", "number", "The pemda's target of the year (iku_daerah.target)."),
             Kolom("realisasi", "number", "Computed by the IKU's formula (iku_daerah.rumus) "
                                          "over verified OPD figures only; empty when one is "
                                          "not verified."),
             *_ANGKA[3:])
    return Tabel("iku-daerah", "IKU daerah", kolom, [
        (r.kode, r.uraian, r.satuan, r.sasaran, a.tahun, a.target, a.realisasi, a.capaian,
         a.peringkat or "") for r in rows for a in r.tahunan])


_SUMBER = Kolom("sumber_angka", "string", "Where the year's figures come from: \"LKjIP "
                                          "final <SHA-256>\" when the agency published its "
                                          "final LKjIP of the year (its figures as that final "
                                          "holds them; verify the hash at /verifikasi/), else "
                                          "\"triwulan terverifikasi\" (verified quarterly "
                                          "reports); empty when no figure is public.")


def sumber_angka(a: Angka) -> str:
    if a.final is not None:
        return f"LKjIP final {a.final.sha256}"
    return "triwulan terverifikasi" if a.realisasi is not None else ""


def tabel_capaian(rows: Sequence[BarisIndikator], nama: str = "capaian-indikator") -> Tabel:
    return Tabel(nama, "Capaian indikator", (*_OPD, *_IND, *_ANGKA, _SUMBER), [
        (r.opd.kode if r.opd else "", r.opd.nama if r.opd else "", r.kode, r.uraian, r.satuan,
         a.tahun, a.target, a.realisasi, a.capaian, a.peringkat or "", sumber_angka(a))
        for r in rows for a in r.tahunan])


def tabel_triwulan(rows: Sequence[BarisIndikator]) -> Tabel:
    kolom = (*_OPD, *_IND, _ANGKA[0],
             Kolom("triwulan", "integer", "Quarter, 1 to 4 (realisasi_triwulan); only quarters "
                                          "whose report is verified (pelaporan_triwulan)."),
             Kolom("target", "number", "The quarter's target in force (target_triwulan), "
                                       "if set."),
             Kolom("realisasi", "number", "Realisasi entered for the quarter "
                                          "(realisasi_triwulan)."),
             *_ANGKA[3:])
    return Tabel("realisasi-triwulan", "Realisasi triwulan", kolom, [
        (r.opd.kode if r.opd else "", r.opd.nama if r.opd else "", r.kode, r.uraian, r.satuan,
         a.tahun, a.triwulan, a.target, a.realisasi, a.capaian, a.peringkat or "")
        for r in rows for a in r.triwulan])


def tabel_indikator(rows: Sequence[Any]) -> Tabel:
    """The plans: every in-force indicator the agencies show (``plans.Indikator``)."""
    kolom = (*_OPD, *_IND,
             Kolom("sasaran", "string", "The Renstra sasaran the indicator measures, if any."),
             Kolom("polaritas", "string", "naik (higher is better) | turun | rentang | "
                                          "kualitatif (indikator.polaritas)."),
             Kolom("agregasi", "string", "kumulatif (counts) | nilai_akhir (rates, %, "
                                         "indices) (indikator.agregasi)."),
             Kolom("iku", "boolean", "Whether it is an IKU of the agency (indikator.iku)."),
             Kolom("definisi_operasional", "string", "What is counted and how "
                                                     "(indikator.definisi_operasional)."),
             Kolom("formula", "string", "The formula as written (indikator.formula)."),
             Kolom("sumber_data", "string", "Data source (indikator.sumber_data)."))
    return Tabel("indikator", "Indikator", kolom, [
        (i.perangkat_daerah.kode, i.perangkat_daerah.nama, i.kode, i.uraian, i.satuan,
         i.sasaran.uraian if i.sasaran else "", i.polaritas, i.agregasi, i.iku,
         i.definisi_operasional, i.formula, i.sumber_data) for i in rows])


def tabel_anggaran(rows: Sequence[BarisAnggaran], tahun: int) -> Tabel:
    kolom = (*_OPD, Kolom("tahun", "integer", "Budget year (the DPA's)."),
             Kolom("pagu", "number", "Budget of the year in Rupiah: the sum of the DPA's sub "
                                     "kegiatan (rekening.pagu)."),
             Kolom("realisasi", "number", "Spending in Rupiah (rekening.realisasi); shown only "
                                          "when the agency's TW IV report is verified."),
             Kolom("serapan", "number", "realisasi ÷ pagu × 100, computed by Akuntabel "
                                        "(rekening.serapan)."),
             Kolom("sumber_angka", "string", "\"LKjIP final <SHA-256>\" when the figures are "
                                             "those the agency's published final LKjIP of the "
                                             "year printed; else empty (the DPA)."))
    return Tabel("anggaran", "Anggaran", kolom, [
        (r.opd.kode, r.opd.nama, tahun, r.pagu, r.realisasi, r.serapan,
         f"LKjIP final {r.final.sha256}" if r.final else "") for r in rows])


def _sel(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return format(v, "f")
    return v


def ke_csv(t: Tabel) -> bytes:
    """UTF-8 CSV with a header of the field names; numbers with a dot, empty when unknown."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([k.name for k in t.kolom])
    for b in t.baris:
        w.writerow([_sel(v) for v in b])
    return out.getvalue().encode("utf-8")


def ke_xlsx(t: Tabel) -> bytes:
    """A workbook of one sheet; numbers are real numbers, not text."""
    wb = Workbook()
    ws = wb.active
    ws.title = t.nama[:31]
    ws.append([k.name for k in t.kolom])
    for b in t.baris:
        ws.append([None if v is None else v for v in b])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
