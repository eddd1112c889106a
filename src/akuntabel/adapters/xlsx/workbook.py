"""The OPD workbook: indicator targets and realisasi per triwulan, and the DPA per rekening, in
the layouts users know; filled in Excel and read back with a preview of every change.

A hidden first column holds each row's key, a hidden sheet the OPD, year and export time, and
another (``VERSI_SHEET``) the version and exported value of every value cell, so that a
workbook reads back onto the same objects and a value changed in Akuntabel since the export
is a conflict, never a revert. This module only reads and compares: the changes of a valid
preview are written by the services every way in uses (``results.writes.write_realisasi``,
``plans.targets.write_targets``, ``budget.writes.write_dpa_amounts``) in one transaction.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.worksheet import Worksheet

from akuntabel.adapters.xlsx.evaluasi import SHEET_EVALUASI as SHEET_EVALUASI
from akuntabel.adapters.xlsx.evaluasi import export_evaluasi
from akuntabel.adapters.xlsx.reader import WorkbookError, cell_number, cell_text, open_workbook
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaLine, DpaSubKegiatan
from akuntabel.budget.writes import NilaiDpa, StaleDpa, write_dpa_amounts
from akuntabel.common.konflik import TriwulanTerkunci
from akuntabel.core.angka import format_angka
from akuntabel.core.batas import UANG, UKURAN, Batas, cek_batas
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, Renstra, Target
from akuntabel.plans.services import NoRenstra, indikator_of, renstra_for
from akuntabel.plans.targets import (
    AlasanWajib,
    NilaiTarget,
    TargetBasi,
    TargetTerkunci,
    needs_reason,
    write_targets,
)
from akuntabel.results.grid import RealisasiBaris
from akuntabel.results.models import Realisasi
from akuntabel.results.writes import NilaiRealisasi, StaleRealisasi, write_realisasi

META_SHEET = "_akuntabel"
VERSI_SHEET = "_versi"
SHEET_INDIKATOR = "Indikator"
SHEET_DPA = "DPA"
HEADER_ROW = 4
TW = ("I", "II", "III", "IV")
FILL = PatternFill("solid", fgColor="DDE6EE")
RUPIAH = '"Rp "#,##0'
ANGKA = "#,##0.##"


@dataclass(frozen=True)
class Kolom:
    """A value column: what it holds and where it goes."""

    judul: str
    jenis: str  # "target" | "realisasi" | "pagu" | "realisasi_anggaran"
    triwulan: int = TAHUNAN
    tahun: int | None = None  # None: the workbook's year
    target_jenis: str = Target.Jenis.RENJA


def indikator_columns(tahun: int) -> list[Kolom]:
    return ([Kolom(f"Target {tahun}", "target")]
            + [Kolom(f"Target TW {t}", "target", i) for i, t in enumerate(TW, 1)]
            + [Kolom(f"Realisasi TW {t}", "realisasi", i) for i, t in enumerate(TW, 1)]
            + [Kolom(f"Realisasi {tahun}", "realisasi")])


DPA_COLUMNS = [Kolom("Pagu", "pagu"), Kolom("Realisasi", "realisasi_anggaran")]
SHEET_RENSTRA = "Renstra"


def renstra_columns(awal: int, akhir: int) -> list[Kolom]:
    return [Kolom(f"Target {y}", "target", tahun=y, target_jenis=Target.Jenis.RENSTRA)
            for y in range(awal, akhir + 1)]


# -- export -----------------------------------------------------------------------------------

def _sheet(wb: Workbook, title: str, judul: str, headers: list[str]) -> Worksheet:
    ws = wb.create_sheet(title)
    ws["B1"] = judul
    ws["B1"].font = Font(bold=True, size=13)
    ws["B2"] = ("Isi atau ubah nilai pada kolom berwarna; jangan ubah kolom A (kunci) dan "
                "jangan menyisipkan baris.")
    ws["B2"].font = Font(italic=True, size=9)
    ws.append([])
    ws.append(["Kunci", *headers])
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    return ws


UNLOCKED = Protection(locked=False)
INDENT = [Alignment(indent=i) for i in range(10)]


def _value_cell(ws: Worksheet, row: int, col: int, value: Decimal | str | None, fmt: str) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, Decimal):
        cell.number_format = fmt
    cell.protection = UNLOCKED


class Versi:
    """The version sheet being written: per value cell (sheet, key, column) the version of
    its row and the value as exported, so that a value changed since is told apart from one
    the user changed (see ``read_workbook``)."""

    def __init__(self, wb: Workbook) -> None:
        self.ws = wb.create_sheet(VERSI_SHEET)
        self.ws.append(["lembar", "kunci", "kolom", "versi", "nilai"])
        self.ws.sheet_state = "veryHidden"

    def add(self, sheet: str, kunci: str, kolom: str, versi: int | None,
            nilai: Decimal | str | None) -> None:
        self.ws.append([sheet, kunci, kolom, versi, _kode(nilai)])


def _kode(nilai: Decimal | str | None) -> str:
    """A value as the version sheet keeps it, exactly: "n:12.5000", "t:WTP", ""."""
    if nilai is None:
        return ""
    return f"n:{nilai}" if isinstance(nilai, Decimal) else f"t:{nilai}"


def _dekode(kode: object) -> Decimal | str | None:
    teks = "" if kode is None else str(kode)
    if teks.startswith("n:"):
        try:
            return Decimal(teks[2:])
        except ArithmeticError:
            return None
    return teks[2:] if teks.startswith("t:") else None


def _target_value(t: Target | Realisasi | None) -> Decimal | str | None:
    if t is None:
        return None
    return t.nilai if t.nilai is not None else (t.teks or None)


def export_workbook(opd: PerangkatDaerah, tahun: int) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    diekspor = timezone.now()
    versi = Versi(wb)
    kolom = indikator_columns(tahun)
    ws = _sheet(wb, SHEET_INDIKATOR, f"Target dan Realisasi Indikator {opd.nama} Tahun {tahun}",
                ["Program/Kegiatan/Sub Kegiatan", "Indikator", "Satuan",
                 *(k.judul for k in kolom)])
    targets: dict[int, dict[int, Target]] = defaultdict(dict)
    for t in Target.objects.filter(indikator__perangkat_daerah=opd, tahun=tahun,
                                   jenis=Target.Jenis.RENJA):
        targets[t.indikator_id][t.triwulan] = t
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    for r in Realisasi.objects.filter(indikator__perangkat_daerah=opd, tahun=tahun):
        realisasi[r.indikator_id][r.triwulan] = r
    # Rows are counted here: openpyxl's max_row scans the sheet, quadratic over 10.000 rows.
    row = HEADER_ROW
    renstra = _renstra_of(opd, tahun)  # the indicators of the version the year is measured by
    for ind in (Indikator.objects.filter(indikator_of(renstra) if renstra else Q(),
                                         perangkat_daerah=opd)
                .exclude(uraian="")
                .select_related("program", "kegiatan", "sub_kegiatan", "sasaran", "tujuan")
                .order_by("urutan")):
        node = ind.node
        label = f"{getattr(node, 'kode', '')} {getattr(node, 'nama', '') or node}".strip()
        row += 1
        ws.cell(row=row, column=1, value=f"indikator:{ind.pk}")
        ws.cell(row=row, column=2, value=label)
        ws.cell(row=row, column=3, value=ind.uraian)
        ws.cell(row=row, column=4, value=ind.satuan or None)
        for i, k in enumerate(kolom, start=5):
            source = targets if k.jenis == "target" else realisasi
            obj = source.get(ind.pk, {}).get(k.triwulan)
            _value_cell(ws, row, i, _target_value(obj), ANGKA)
            versi.add(SHEET_INDIKATOR, f"indikator:{ind.pk}", k.judul, obj.versi if obj else 0,
                      _target_value(obj))
    for col, width in zip("ABCD", (8, 45, 45, 12), strict=True):
        ws.column_dimensions[col].width = width

    ws = _sheet(wb, SHEET_DPA, f"DPA {opd.nama} Tahun {tahun}: Pagu dan Realisasi per Rekening",
                ["Kode", "Uraian", *(k.judul for k in DPA_COLUMNS)])
    row = HEADER_ROW
    lines: dict[int, list[DpaLine]] = defaultdict(list)
    for line in DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd,
                                       anggaran__dpa__tahun=tahun).order_by("urutan"):
        lines[line.anggaran_id].append(line)
    for anggaran in (opd.dpa.filter(tahun=tahun).first().sub_kegiatan.select_related(
            "sub_kegiatan").order_by("id") if opd.dpa.filter(tahun=tahun).exists() else []):
        row += 1
        ws.cell(row=row, column=1, value=f"anggaran:{anggaran.pk}")
        ws.cell(row=row, column=2, value=anggaran.sub_kegiatan.kode or None)
        ws.cell(row=row, column=3, value=anggaran.sub_kegiatan.nama).font = Font(bold=True)
        for col, attr in ((4, "pagu"), (5, "realisasi")):
            _value_cell(ws, row, col, getattr(anggaran, attr), RUPIAH)
            versi.add(SHEET_DPA, f"anggaran:{anggaran.pk}", attr.capitalize(), None,
                      getattr(anggaran, attr))
        depth: dict[int, int] = {}
        for line in lines.get(anggaran.pk, []):
            depth[line.pk] = depth.get(line.induk_id, 0) + 1 if line.induk_id else 1
            row += 1
            ws.cell(row=row, column=1, value=f"rekening:{line.pk}")
            ws.cell(row=row, column=2, value=line.kode_rekening or None)
            cell = ws.cell(row=row, column=3, value=line.uraian)
            cell.alignment = INDENT[min(depth[line.pk], len(INDENT) - 1)]
            for col, attr in ((4, "pagu"), (5, "realisasi")):
                _value_cell(ws, row, col, getattr(line, attr), RUPIAH)
                versi.add(SHEET_DPA, f"rekening:{line.pk}", attr.capitalize(), None,
                          getattr(line, attr))
    for col, width in zip("ABCDE", (8, 20, 60, 18, 18), strict=True):
        ws.column_dimensions[col].width = width

    _export_renstra(wb, opd, tahun, versi)
    export_evaluasi(wb, opd, tahun, _renstra_of(opd, tahun))

    meta = wb.create_sheet(META_SHEET)
    meta.append(["pemda", opd.pemda.kode])
    meta.append(["opd", opd.kode])
    meta.append(["tahun", tahun])
    meta.append(["diekspor", diekspor.isoformat()])
    meta.sheet_state = "veryHidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _renstra_of(opd: PerangkatDaerah, tahun: int) -> Renstra | None:
    try:
        return renstra_for(opd, tahun)
    except NoRenstra:
        return None


def _export_renstra(wb: Workbook, opd: PerangkatDaerah, tahun: int, versi: Versi) -> None:
    """Tabel 2.1 style: the Renstra's indicators (tujuan, sasaran, program …) with their
    baseline, a target per year of the period and the end condition."""
    renstra = _renstra_of(opd, tahun)
    if renstra is None:
        return
    kolom = renstra_columns(renstra.tahun_awal, renstra.tahun_akhir)
    ws = _sheet(wb, SHEET_RENSTRA, f"Target Renstra {opd.nama} {renstra.tahun_awal}–"
                f"{renstra.tahun_akhir}", ["Tujuan/Sasaran/Program", "Indikator", "Satuan",
                                            "Kondisi awal", *(k.judul for k in kolom),
                                            "Kondisi akhir"])
    targets: dict[int, dict[int, Target]] = defaultdict(dict)
    for t in Target.objects.filter(indikator__perangkat_daerah=opd, jenis=Target.Jenis.RENSTRA,
                                   triwulan=TAHUNAN):
        targets[t.indikator_id][t.tahun] = t
    row = HEADER_ROW
    for ind in (Indikator.objects.filter(indikator_of(renstra), perangkat_daerah=opd)
                .exclude(uraian="")
                .select_related("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
                .order_by("urutan")):
        if ind.pk not in targets and not (ind.tujuan_id or ind.sasaran_id):
            continue
        node = ind.node
        row += 1
        ws.cell(row=row, column=1, value=f"indikator:{ind.pk}")
        ws.cell(row=row, column=2, value=str(getattr(node, "nama", None) or node))
        ws.cell(row=row, column=3, value=ind.uraian)
        ws.cell(row=row, column=4, value=ind.satuan or None)
        ws.cell(row=row, column=5, value=ind.kondisi_awal if ind.kondisi_awal is not None
                else (ind.kondisi_awal_teks or None))
        for i, k in enumerate(kolom, start=6):
            obj = targets.get(ind.pk, {}).get(k.tahun)
            _value_cell(ws, row, i, _target_value(obj), ANGKA)
            versi.add(SHEET_RENSTRA, f"indikator:{ind.pk}", k.judul, obj.versi if obj else 0,
                      _target_value(obj))
        ws.cell(row=row, column=6 + len(kolom),
                value=ind.kondisi_akhir if ind.kondisi_akhir is not None
                else (ind.kondisi_akhir_teks or None))
    for col, width in zip("ABCD", (8, 40, 45, 10), strict=True):
        ws.column_dimensions[col].width = width


# -- import -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Perubahan1:
    """One value to change: where it is in the workbook, what it is, old and new, and the
    plain value the write service takes (``NilaiRealisasi``, ``NilaiTarget``, ``NilaiDpa``)."""

    sheet: str
    baris: int
    kolom: str
    objek: str  # a person's label of the object
    lama: str
    baru: str
    tindakan: str  # "tambah" | "ubah"
    nilai: Any = field(compare=False, repr=False)


@dataclass(frozen=True)
class KonflikSel:
    """A value the workbook changes that was changed in Akuntabel since the export: shown,
    never applied (it would revert the newer value)."""

    sheet: str
    baris: int
    kolom: str
    objek: str
    di_berkas: str            # what the workbook says
    sekarang: str             # what is stored now
    oleh: str                 # who changed it last ("" when unknown)
    pada: datetime | None     # when


@dataclass(frozen=True)
class Diekspor:
    """A value cell as exported: its row's version (None for rows without one: DPA amounts)
    and its value."""

    versi: int | None
    nilai: Decimal | str | None


@dataclass
class Pratinjau:
    opd: PerangkatDaerah
    tahun: int
    perubahan: list[Perubahan1]
    tidak_berubah: int
    masalah: list[str]
    konflik: list[KonflikSel] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    diekspor: datetime | None = None
    versi: dict[tuple[str, str, str], Diekspor] | None = None  # None: an export without them
    _terakhir: dict[str, dict[int, tuple[str, datetime]]] = field(default_factory=dict,
                                                                repr=False)

    @property
    def ada_masalah(self) -> bool:
        return bool(self.masalah)

    @property
    def perlu_alasan(self) -> bool:
        """A Renja target that had a value is changed: the apply needs a reason."""
        return needs_reason([c.nilai for c in self.perubahan if isinstance(c.nilai, NilaiTarget)])

    def terakhir(self, model: str, pk: int) -> tuple[str, datetime | None]:
        """Who changed the object last and when, from the history (one query per kind)."""
        if model not in self._terakhir:
            last: dict[int, tuple[str, datetime]] = {}
            for objek_id, depan, belakang, username, pada in (
                    Perubahan.objects.filter(perangkat_daerah=self.opd, model=model)
                    .order_by("created_at", "id")
                    .values_list("objek_id", "oleh__first_name", "oleh__last_name",
                                 "oleh__username", "created_at")):
                last[objek_id] = (f"{depan or ''} {belakang or ''}".strip() or username or "",
                                  pada)
            self._terakhir[model] = last
        return self._terakhir[model].get(pk, ("", None))


def _show(value: Decimal | str | None, satuan: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return f"{format_angka(value)}%" if satuan == "%" else \
            f"{format_angka(value)} {satuan}".strip()
    return value


def read_workbook(path: str | Path, opd: PerangkatDaerah | None = None) -> Pratinjau:
    """Validate the workbook and list the changes it brings and its conflicts; write nothing.

    A value cell is compared with what is stored now and with what the workbook was exported
    with (``VERSI_SHEET``): equal to the stored value, or left as exported, it is no change
    (a value changed in Akuntabel since is kept); changed by the user while its row kept the
    exported version (for DPA amounts: the exported amount), it is a change; otherwise a
    conflict. A workbook without versions (an older export, a hand-made one): a value whose
    row was changed after the export time is a conflict; when the export time is unknown too,
    every difference is a change and the preview warns."""
    with open_workbook(path) as sheets:
        if META_SHEET not in sheets.hidden_names and META_SHEET not in sheets.names:
            raise WorkbookError(_("%(berkas)s: not a workbook exported by Akuntabel (the marker "
                                  "sheet is missing); export it from Akuntabel first.")
                                % {"berkas": Path(path).name})
        meta = {str(r.sel[0]): r.sel[1] for r in sheets.rows(META_SHEET, hidden=True)
                if len(r.sel) > 1}
        found = PerangkatDaerah.objects.filter(pemda__kode=meta.get("pemda"),
                                               kode=meta.get("opd")).first()
        if found is None or (opd is not None and found != opd):
            raise WorkbookError(_("%(berkas)s: this workbook belongs to the perangkat daerah "
                                  "%(opd)s, which is not known here.")
                                % {"berkas": Path(path).name, "opd": repr(meta.get("opd"))})
        try:
            tahun = int(str(meta.get("tahun")))
        except ValueError:
            raise WorkbookError(_("%(berkas)s: the workbook's year cannot be read.")
                                % {"berkas": Path(path).name}) from None
        pratinjau = Pratinjau(found, tahun, [], 0, [], diekspor=_waktu(meta.get("diekspor")))
        if VERSI_SHEET in sheets.hidden_names or VERSI_SHEET in sheets.names:
            pratinjau.versi = _read_versi(sheets)
        elif pratinjau.diekspor is None:
            pratinjau.peringatan.append(_(
                "This workbook carries neither the versions of its values nor its export time "
                "(an older export or a hand-made workbook): a value changed in Akuntabel after "
                "it was exported cannot be told apart from your change. Check the old values "
                "below before applying, or export the workbook again."))
        if SHEET_INDIKATOR in sheets.names:
            _read_indikator(sheets, pratinjau)
        if SHEET_DPA in sheets.names:
            _read_dpa(sheets, pratinjau)
        if SHEET_RENSTRA in sheets.names:
            _read_renstra(sheets, pratinjau)
    pratinjau.masalah.extend(lock_problems(pratinjau))
    return pratinjau


def _waktu(value: object) -> datetime | None:
    try:
        waktu = datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
    return waktu if waktu is None or waktu.tzinfo else None


def _read_versi(sheets: Any) -> dict[tuple[str, str, str], Diekspor]:
    versi = {}
    for r in sheets.rows(VERSI_SHEET, hidden=True):
        sel = list(r.sel) + [None] * 5
        if r.nomor == 1 or not sel[0]:
            continue
        try:
            v = int(sel[3]) if sel[3] not in (None, "") else None
        except (TypeError, ValueError):
            continue
        versi[(str(sel[0]), str(sel[1]), str(sel[2]))] = Diekspor(v, _dekode(sel[4]))
    return versi


def lock_problems(pratinjau: Pratinjau) -> list[str]:
    """Changes the workflow forbids, whatever the way in (web or CLI): targets of a year locked
    by a signed PK, realisasi of a triwulan submitted or verified. Shown in the preview; the
    write services check the same locks again when the changes are written."""
    from akuntabel.plans.services import targets_locked
    from akuntabel.reporting.models import PelaporanTriwulan

    opd, tahun = pratinjau.opd, pratinjau.tahun
    masalah = []
    targets = [c for c in pratinjau.perubahan
               if c.sheet == SHEET_INDIKATOR and c.kolom.startswith("Target")]
    if targets and targets_locked(opd, tahun):
        masalah.extend(
            _("%(tempat)s: the target for %(tahun)s is locked because the Perjanjian Kinerja has "
              "been signed; change it through a PK Perubahan.")
            % {"tempat": _tempat(c.sheet, c.baris, c.kolom), "tahun": tahun}
            for c in targets)
    locked = {f"Realisasi TW {TW[x.triwulan - 1]}" for x in PelaporanTriwulan.objects.filter(
        perangkat_daerah=opd, tahun=tahun) if x.locked}
    masalah.extend(
        _("%(tempat)s: the realisasi of this triwulan has been submitted or verified and is "
          "locked; ask the verifikator to reopen it.")
        % {"tempat": _tempat(c.sheet, c.baris, c.kolom)}
        for c in pratinjau.perubahan if c.kolom in locked)
    return masalah


def _tempat(sheet: str, baris: int, kolom: str | None = None) -> str:
    """Where a value is, for a message: "Lembar DPA, baris 14, kolom Pagu"."""
    if kolom is None:
        return _("Sheet %(lembar)s, row %(baris)s") % {"lembar": sheet, "baris": baris}
    return _("Sheet %(lembar)s, row %(baris)s, column %(kolom)s") % {
        "lembar": sheet, "baris": baris, "kolom": kolom}


def _header(rows: list[Any], sheet: str, expected: list[str]) -> dict[str, int]:
    header = next((r for r in rows if r.nomor == HEADER_ROW), None)
    found = [str(v).strip() if v is not None else "" for v in (header.sel if header else ())]
    position = {name: i for i, name in enumerate(found)}
    missing = [name for name in ["Kunci", *expected] if name not in position]
    if missing:
        raise WorkbookError(_("Sheet %(lembar)s: column %(kolom)s missing on row %(baris)s; use "
                              "the exported workbook without changing the column headings.")
                            % {"lembar": sheet, "kolom": ", ".join(missing), "baris": HEADER_ROW})
    return position


def _read_indikator(sheets: Any, p: Pratinjau) -> None:
    kolom = indikator_columns(p.tahun)
    rows = list(sheets.rows(SHEET_INDIKATOR))
    position = _header(rows, SHEET_INDIKATOR, [k.judul for k in kolom])
    keys = {}
    for r in rows:
        if r.nomor <= HEADER_ROW:
            continue
        key = r.sel[position["Kunci"]] if len(r.sel) > position["Kunci"] else None
        if not isinstance(key, str) or not key.startswith("indikator:"):
            p.masalah.append(_("%(tempat)s: a row without a key (a new row, or column A was "
                               "changed); new indicators are added in the application.")
                             % {"tempat": _tempat(SHEET_INDIKATOR, r.nomor)})
            continue
        keys[r.nomor] = (key.split(":", 1)[1], r)
    renstra = _renstra_of(p.opd, p.tahun)  # rows of another Renstra version are not its year's
    indikator = {str(i.pk): i for i in Indikator.objects.filter(
        indikator_of(renstra) if renstra else Q(),
        perangkat_daerah=p.opd, pk__in=[k for k, _ in keys.values() if k.isdigit()])}
    targets: dict[tuple[int, int], Target] = {}
    kualitatif: set[int] = set()  # indicators with a target in words: their targets may be
    for t in Target.objects.filter(indikator__in=indikator.values(), tahun=p.tahun,
                                   jenis=Target.Jenis.RENJA):
        targets[(t.indikator_id, t.triwulan)] = t
        if t.nilai is None and t.teks:
            kualitatif.add(t.indikator_id)
    realisasi: dict[tuple[int, int], Realisasi] = {}
    for x in Realisasi.objects.filter(indikator__in=indikator.values(), tahun=p.tahun):
        realisasi[(x.indikator_id, x.triwulan)] = x
    seen: set[str] = set()
    for nomor, (pk, r) in keys.items():
        ind = indikator.get(pk)
        if ind is None:
            p.masalah.append(_("%(tempat)s: the key %(kunci)s is not an indicator of this "
                               "perangkat daerah.")
                             % {"tempat": _tempat(SHEET_INDIKATOR, nomor), "kunci": repr(pk)})
            continue
        if pk in seen:
            p.masalah.append(_("%(tempat)s: the same indicator appears twice.")
                             % {"tempat": _tempat(SHEET_INDIKATOR, nomor)})
            continue
        seen.add(pk)
        for k in kolom:
            col = position[k.judul]
            raw = r.sel[col] if col < len(r.sel) else None
            existing = (targets if k.jenis == "target" else realisasi).get((ind.pk, k.triwulan))
            if k.jenis == "target":
                words = ind.pk in kualitatif
            else:  # the quarters are numbers (the grid's rule); a year in words stays so
                words = (k.triwulan == TAHUNAN and existing is not None
                         and existing.nilai is None and bool(existing.teks))
            _compare_measure(p, ind, k, raw, existing, nomor, SHEET_INDIKATOR, words)


def _read_renstra(sheets: Any, p: Pratinjau) -> None:
    renstra = _renstra_of(p.opd, p.tahun)
    if renstra is None:
        return
    kolom = renstra_columns(renstra.tahun_awal, renstra.tahun_akhir)
    rows = list(sheets.rows(SHEET_RENSTRA))
    position = _header(rows, SHEET_RENSTRA, [k.judul for k in kolom])
    indikator = {str(i.pk): i for i in Indikator.objects.filter(indikator_of(renstra),
                                                                perangkat_daerah=p.opd)}
    targets = {(t.indikator_id, t.tahun): t for t in Target.objects.filter(
        indikator__perangkat_daerah=p.opd, jenis=Target.Jenis.RENSTRA, triwulan=TAHUNAN)}
    kualitatif = {i for (i, _y), t in targets.items() if t.nilai is None and t.teks}
    for r in rows:
        if r.nomor <= HEADER_ROW:
            continue
        key = str(r.sel[position["Kunci"]] if len(r.sel) > position["Kunci"] else "")
        ind = indikator.get(key.partition(":")[2]) if key.startswith("indikator:") else None
        if ind is None:
            p.masalah.append(_("%(tempat)s: a row without the key of an indicator of this "
                               "perangkat daerah.")
                             % {"tempat": _tempat(SHEET_RENSTRA, r.nomor)})
            continue
        for k in kolom:
            col = position[k.judul]
            _compare_measure(p, ind, k, r.sel[col] if col < len(r.sel) else None,
                             targets.get((ind.pk, k.tahun)), r.nomor, SHEET_RENSTRA,
                             ind.pk in kualitatif)


def _cell_value(p: Pratinjau, raw: object, tempat: str, words: bool,
                batas: Batas) -> tuple[bool, Decimal | str | None]:
    """The cell read as a number within ``batas`` (or, when ``words``, as text if it is no
    number); (False, None) after adding the problem to ``p``."""
    if raw is None:
        return True, None
    try:
        try:
            nilai = cell_number(raw, tempat)
        except WorkbookError:
            if words and isinstance(raw, str):
                return True, cell_text(raw, tempat)
            raise
    except WorkbookError as exc:
        p.masalah.append(exc.pesan)
        return False, None
    alasan = cek_batas(nilai, batas) if nilai is not None else None
    if alasan is not None:
        p.masalah.append(_("%(tempat)s: the value %(nilai)s cannot be stored: %(alasan)s")
                         % {"tempat": tempat, "nilai": str(raw)[:40], "alasan": alasan})
        return False, None
    return True, nilai


def _weigh(p: Pratinjau, sheet: str, nomor: int, kolom: str, kunci: str,
           new: Decimal | str | None, old: Decimal | str | None, versi: int | None,
           riwayat: tuple[str, int] | None, updated_at: datetime | None = None) -> str:
    """What a read value is: "sama" (no change: equal to the stored one, or left as exported
    while the stored one changed), "ubah" (a change) or "konflik" (see ``read_workbook``).
    ``riwayat`` names the stored row in the history (model, pk), None when there is none."""
    if new == old:
        return "sama"
    if p.versi is not None:
        exported = p.versi.get((sheet, kunci, kolom))
        if exported is not None:
            if new == exported.nilai:
                return "sama"  # not touched in the workbook: the stored value stays
            if exported.versi is None:
                return "ubah" if old == exported.nilai else "konflik"
            return "ubah" if versi == exported.versi else "konflik"
    if p.diekspor is not None and riwayat is not None:
        pada = p.terakhir(*riwayat)[1] or updated_at
        if updated_at is not None and (pada is None or updated_at > pada):
            pada = updated_at
        if pada is not None and pada > p.diekspor:
            return "konflik"
    return "ubah"


def _konflik(p: Pratinjau, sheet: str, nomor: int, kolom: str, objek: str, di_berkas: str,
             sekarang: str, riwayat: tuple[str, int] | None,
             updated_at: datetime | None = None) -> None:
    oleh, pada = p.terakhir(*riwayat) if riwayat is not None else ("", None)
    p.konflik.append(KonflikSel(sheet, nomor, kolom, objek, di_berkas, sekarang, oleh,
                                pada or updated_at))


def _compare_measure(p: Pratinjau, ind: Indikator, k: Kolom, raw: object,
                     existing: Target | Realisasi | None, nomor: int, sheet: str,
                     words: bool) -> None:
    tempat = _tempat(sheet, nomor, k.judul)
    ok, new = _cell_value(p, raw, tempat, words, UKURAN)
    if not ok:
        return
    old = _target_value(existing)
    satuan = ind.satuan
    model = "Target" if k.jenis == "target" else "Realisasi"
    riwayat = (model, existing.pk) if existing is not None else None
    updated_at = getattr(existing, "updated_at", None)
    hasil = _weigh(p, sheet, nomor, k.judul, f"indikator:{ind.pk}", new, old,
                   existing.versi if existing else 0, riwayat, updated_at)
    if hasil == "sama":
        p.tidak_berubah += 1
        return
    if hasil == "konflik":
        _konflik(p, sheet, nomor, k.judul, ind.uraian, _show(new, satuan), _show(old, satuan),
                 riwayat, updated_at)
        return
    if new is None:
        p.masalah.append(_("%(tempat)s: the value %(nilai)s is emptied; values are deleted in the "
                           "application.")
                         % {"tempat": tempat, "nilai": _show(old, satuan)})
        return
    teks = (f"{format_angka(new)}{'%' if satuan == '%' else (' ' + satuan if satuan else '')}"
            if isinstance(new, Decimal) else new)
    nilai = new if isinstance(new, Decimal) else None
    versi = existing.versi if existing is not None else 0
    change: NilaiTarget | NilaiRealisasi
    if k.jenis == "target":
        assert existing is None or isinstance(existing, Target)
        change = NilaiTarget(ind, k.target_jenis, k.tahun or p.tahun, k.triwulan, existing,
                             versi, teks, nilai)
    else:
        assert existing is None or isinstance(existing, Realisasi)
        lama = (RealisasiBaris(existing.pk, existing.teks, existing.nilai, existing.catatan,
                               existing.versi) if existing is not None else None)
        change = NilaiRealisasi(ind.pk, k.triwulan, lama, versi, teks, nilai,
                                existing.catatan if existing is not None else "", satuan)
    p.perubahan.append(Perubahan1(sheet, nomor, k.judul, ind.uraian, _show(old, satuan),
                                  _show(new, satuan), "tambah" if old is None else "ubah",
                                  change))


def _read_dpa(sheets: Any, p: Pratinjau) -> None:
    rows = list(sheets.rows(SHEET_DPA))
    position = _header(rows, SHEET_DPA, ["Kode", "Uraian", "Pagu", "Realisasi"])
    lines = {str(x.pk): x for x in DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=p.opd,
                                                          anggaran__dpa__tahun=p.tahun)}
    subs = {str(x.pk): x for x in DpaSubKegiatan.objects.filter(
        dpa__perangkat_daerah=p.opd, dpa__tahun=p.tahun).select_related(
        "sub_kegiatan", "dpa__perangkat_daerah")}
    for r in rows:
        if r.nomor <= HEADER_ROW:
            continue
        key = r.sel[position["Kunci"]] if len(r.sel) > position["Kunci"] else None
        kind, _sep, pk = str(key or "").partition(":")
        obj = lines.get(pk) if kind == "rekening" else subs.get(pk) if kind == "anggaran" \
            else None
        if obj is None:
            p.masalah.append(_("%(tempat)s: a row without a known key; new budget rows are "
                               "imported from the hierarchical budget sheet.")
                             % {"tempat": _tempat(SHEET_DPA, r.nomor)})
            continue
        label = obj.uraian if isinstance(obj, DpaLine) else obj.sub_kegiatan.nama
        for judul, attr in (("Pagu", "pagu"), ("Realisasi", "realisasi")):
            col = position[judul]
            tempat = _tempat(SHEET_DPA, r.nomor, judul)
            ok, new = _cell_value(p, r.sel[col] if col < len(r.sel) else None, tempat, False,
                                  UANG)
            if not ok:
                continue
            old = getattr(obj, attr)
            riwayat = (type(obj).__name__, obj.pk)
            hasil = _weigh(p, SHEET_DPA, r.nomor, judul, str(key), new, old, None, riwayat)
            if hasil == "sama":
                p.tidak_berubah += 1
                continue
            if hasil == "konflik":
                _konflik(p, SHEET_DPA, r.nomor, judul, label, _rupiah(new), _rupiah(old),
                         riwayat)
                continue
            if new is None:
                p.masalah.append(_("%(tempat)s: the value is emptied; values are deleted in the "
                                   "application.")
                                 % {"tempat": tempat})
                continue
            assert isinstance(new, Decimal)
            p.perubahan.append(Perubahan1(SHEET_DPA, r.nomor, judul, label, _rupiah(old),
                                          _rupiah(new), "tambah" if old is None else "ubah",
                                          NilaiDpa(obj, attr, old, new)))


def _rupiah(value: Decimal | str | None) -> str:
    return f"Rp {_show(value)}" if value is not None else "–"


def apply_changes(pratinjau: Pratinjau, user: Any, sumber: str, alasan: str = "") -> int:
    """Write every change of a valid preview through the write services, in one transaction;
    nothing if it has problems, if a Renja target that had a value changes without
    ``alasan``, or if any value was changed or locked since the preview (the error names
    the cells). Conflicts of the preview are never written."""
    if pratinjau.masalah:
        raise WorkbookError(_("The workbook still has problems; nothing was written."))
    if pratinjau.perlu_alasan and not alasan.strip():
        raise WorkbookError(_("A Renja target that already had a value is changed: write the "
                              "reason for the change; nothing was written."))
    of_kind: dict[type, list[Perubahan1]] = defaultdict(list)
    for c in pratinjau.perubahan:
        of_kind[type(c.nilai)].append(c)
    opd, tahun = pratinjau.opd, pratinjau.tahun
    try:
        with transaction.atomic():
            if of_kind[NilaiTarget]:
                write_targets(opd, [c.nilai for c in of_kind[NilaiTarget]], oleh=user,
                              alasan=alasan, sumber=sumber)
            if of_kind[NilaiRealisasi]:
                write_realisasi(opd, tahun, [c.nilai for c in of_kind[NilaiRealisasi]],
                                user=user, sumber=sumber)
            if of_kind[NilaiDpa]:
                write_dpa_amounts(opd, [c.nilai for c in of_kind[NilaiDpa]], user=user,
                                  sumber=sumber)
    except (TargetTerkunci, TriwulanTerkunci):
        # Locked since the preview was read: the preview's own check names the cells.
        terkunci = lock_problems(pratinjau) or [_("A triwulan or the targets were locked.")]
        raise WorkbookError(_("%(masalah)s Nothing was written.")
                            % {"masalah": " ".join(terkunci[:3])}) from None
    except AlasanWajib:
        raise WorkbookError(_("A Renja target that already had a value is changed: write the "
                              "reason for the change; nothing was written.")) from None
    except (StaleRealisasi, TargetBasi, StaleDpa) as e:
        stale = e.nilai if isinstance(e.nilai, list) else [e.nilai]
        tempat = [_tempat(c.sheet, c.baris, c.kolom) for c in pratinjau.perubahan
                  if any(c.nilai is n for n in stale)] or [_("a value of the workbook")]
        raise WorkbookError(_("%(tempat)s: changed in Akuntabel after the preview was made; "
                              "nothing was written. Upload the workbook again to see the "
                              "conflict.") % {"tempat": "; ".join(tempat[:5])}) from None
    return len(pratinjau.perubahan)
