"""The OPD workbook: indicator targets and realisasi per triwulan, and the DPA per rekening, in
the layouts users know; filled in Excel and read back with a preview of every change.

A hidden first column holds each row's key and a hidden sheet the OPD and year, so that a
workbook reads back onto the same objects. Nothing is written unless every row is valid; the
changes are then written in one transaction, each recorded in the change history.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.worksheet import Worksheet

from akuntabel.adapters.xlsx.evaluasi import SHEET_EVALUASI as SHEET_EVALUASI
from akuntabel.adapters.xlsx.evaluasi import export_evaluasi
from akuntabel.adapters.xlsx.reader import WorkbookError, cell_number, cell_text, open_workbook
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaLine
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, Renstra, Target
from akuntabel.plans.services import NoRenstra, renstra_for
from akuntabel.results.models import Realisasi

META_SHEET = "_akuntabel"
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


def _target_value(t: Target | Realisasi | None) -> Decimal | str | None:
    if t is None:
        return None
    return t.nilai if t.nilai is not None else (t.teks or None)


def export_workbook(opd: PerangkatDaerah, tahun: int) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
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
    for ind in (Indikator.objects.filter(perangkat_daerah=opd)
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
            _value_cell(ws, row, i, _target_value(source.get(ind.pk, {}).get(k.triwulan)), ANGKA)
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
        _value_cell(ws, row, 4, anggaran.pagu, RUPIAH)
        _value_cell(ws, row, 5, anggaran.realisasi, RUPIAH)
        depth: dict[int, int] = {}
        for line in lines.get(anggaran.pk, []):
            depth[line.pk] = depth.get(line.induk_id, 0) + 1 if line.induk_id else 1
            row += 1
            ws.cell(row=row, column=1, value=f"rekening:{line.pk}")
            ws.cell(row=row, column=2, value=line.kode_rekening or None)
            cell = ws.cell(row=row, column=3, value=line.uraian)
            cell.alignment = INDENT[min(depth[line.pk], len(INDENT) - 1)]
            _value_cell(ws, row, 4, line.pagu, RUPIAH)
            _value_cell(ws, row, 5, line.realisasi, RUPIAH)
    for col, width in zip("ABCDE", (8, 20, 60, 18, 18), strict=True):
        ws.column_dimensions[col].width = width

    _export_renstra(wb, opd, tahun)
    export_evaluasi(wb, opd, tahun, _renstra_of(opd, tahun))

    meta = wb.create_sheet(META_SHEET)
    meta.append(["pemda", opd.pemda.kode])
    meta.append(["opd", opd.kode])
    meta.append(["tahun", tahun])
    meta.sheet_state = "veryHidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _renstra_of(opd: PerangkatDaerah, tahun: int) -> Renstra | None:
    try:
        return renstra_for(opd, tahun)
    except NoRenstra:
        return None


def _export_renstra(wb: Workbook, opd: PerangkatDaerah, tahun: int) -> None:
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
    for ind in (Indikator.objects.filter(perangkat_daerah=opd).exclude(uraian="")
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
            _value_cell(ws, row, i, _target_value(targets.get(ind.pk, {}).get(k.tahun)), ANGKA)
        ws.cell(row=row, column=6 + len(kolom),
                value=ind.kondisi_akhir if ind.kondisi_akhir is not None
                else (ind.kondisi_akhir_teks or None))
    for col, width in zip("ABCD", (8, 40, 45, 10), strict=True):
        ws.column_dimensions[col].width = width


# -- import -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Perubahan1:
    """One value to change: where it is in the workbook, what it is, old and new."""

    sheet: str
    baris: int
    kolom: str
    objek: str  # a person's label of the object
    lama: str
    baru: str
    tindakan: str  # "tambah" | "ubah"
    terapkan: Any = field(compare=False, repr=False)  # callable writing it


@dataclass
class Pratinjau:
    opd: PerangkatDaerah
    tahun: int
    perubahan: list[Perubahan1]
    tidak_berubah: int
    masalah: list[str]

    @property
    def ada_masalah(self) -> bool:
        return bool(self.masalah)


def _show(value: Decimal | str | None, satuan: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return f"{format_angka(value)}%" if satuan == "%" else \
            f"{format_angka(value)} {satuan}".strip()
    return value


def read_workbook(path: str | Path, opd: PerangkatDaerah | None = None) -> Pratinjau:
    """Validate the workbook and list the changes it brings; write nothing."""
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
        pratinjau = Pratinjau(found, tahun, [], 0, [])
        if SHEET_INDIKATOR in sheets.names:
            _read_indikator(sheets, pratinjau)
        if SHEET_DPA in sheets.names:
            _read_dpa(sheets, pratinjau)
        if SHEET_RENSTRA in sheets.names:
            _read_renstra(sheets, pratinjau)
    pratinjau.masalah.extend(lock_problems(pratinjau))
    return pratinjau


def lock_problems(pratinjau: Pratinjau) -> list[str]:
    """Changes the workflow forbids, whatever the way in (web or CLI): targets of a year locked
    by a signed PK, realisasi of a triwulan submitted or verified."""
    from akuntabel.plans.services import targets_locked
    from akuntabel.results.models import PelaporanTriwulan

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
    indikator = {str(i.pk): i for i in Indikator.objects.filter(
        perangkat_daerah=p.opd, pk__in=[k for k, _ in keys.values() if k.isdigit()])}
    targets: dict[tuple[int, int], Target] = {}
    for t in Target.objects.filter(indikator__in=indikator.values(), tahun=p.tahun,
                                   jenis=Target.Jenis.RENJA):
        targets[(t.indikator_id, t.triwulan)] = t
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
            tempat = _tempat(SHEET_INDIKATOR, nomor, k.judul)
            raw = r.sel[col] if col < len(r.sel) else None
            existing = (targets if k.jenis == "target" else realisasi).get((ind.pk, k.triwulan))
            _compare_measure(p, ind, k, tempat, raw, existing, nomor)


def _read_renstra(sheets: Any, p: Pratinjau) -> None:
    renstra = _renstra_of(p.opd, p.tahun)
    if renstra is None:
        return
    kolom = renstra_columns(renstra.tahun_awal, renstra.tahun_akhir)
    rows = list(sheets.rows(SHEET_RENSTRA))
    position = _header(rows, SHEET_RENSTRA, [k.judul for k in kolom])
    indikator = {str(i.pk): i for i in Indikator.objects.filter(perangkat_daerah=p.opd)}
    targets = {(t.indikator_id, t.tahun): t for t in Target.objects.filter(
        indikator__perangkat_daerah=p.opd, jenis=Target.Jenis.RENSTRA, triwulan=TAHUNAN)}
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
            tempat = _tempat(SHEET_RENSTRA, r.nomor, k.judul)
            _compare_measure(p, ind, k, tempat, r.sel[col] if col < len(r.sel) else None,
                             targets.get((ind.pk, k.tahun)), r.nomor, SHEET_RENSTRA)


def _compare_measure(p: Pratinjau, ind: Indikator, k: Kolom, tempat: str, raw: object,
                     existing: Target | Realisasi | None, nomor: int,
                     sheet: str = SHEET_INDIKATOR) -> None:
    try:
        if raw is None:
            new: Decimal | str | None = None
        elif isinstance(raw, str) and existing is not None and existing.nilai is None:
            new = cell_text(raw, tempat)  # a value kept as text stays text
        else:
            try:
                new = cell_number(raw, tempat)
            except WorkbookError:
                # A new value in words ("tersedia", "UEP 10 org; …") is kept as text; a
                # mistyped number ("12,5,3": no letters) is an error.
                if isinstance(raw, str) and existing is None and any(c.isalpha() for c in raw):
                    new = cell_text(raw, tempat)
                else:
                    raise
    except WorkbookError as exc:
        p.masalah.append(exc.pesan)
        return
    old = _target_value(existing)
    if old == new or (isinstance(old, Decimal) and isinstance(new, Decimal) and old == new):
        p.tidak_berubah += 1
        return
    if new is None:
        p.masalah.append(_("%(tempat)s: the value %(nilai)s is emptied; values are deleted in the "
                           "application.")
                         % {"tempat": tempat, "nilai": _show(old, ind.satuan)})
        return
    satuan = ind.satuan

    def terapkan(user: Any, sumber: str, ind: Indikator = ind, k: Kolom = k,
                 new: Decimal | str = new, old: Decimal | str | None = old) -> None:
        teks = (f"{format_angka(new)}{'%' if satuan == '%' else (' ' + satuan if satuan else '')}"
                if isinstance(new, Decimal) else new)
        fields = {"teks": teks, "nilai": new if isinstance(new, Decimal) else None,
                  "satuan": satuan}
        if k.jenis == "target":
            Target.objects.update_or_create(indikator=ind, jenis=k.target_jenis,
                                            tahun=k.tahun or p.tahun, triwulan=k.triwulan,
                                            defaults=fields)
        else:
            Realisasi.objects.update_or_create(indikator=ind, tahun=p.tahun,
                                               triwulan=k.triwulan, defaults=fields)
        Perubahan.objects.create(perangkat_daerah=p.opd, model=k.jenis, objek_id=ind.pk,
                                 objek=ind.uraian[:500], kolom=k.judul,
                                 lama=_show(old, satuan), baru=_show(new, satuan),
                                 sumber=sumber, oleh=user)

    p.perubahan.append(Perubahan1(sheet, nomor, k.judul, ind.uraian,
                                  _show(old, satuan), _show(new, satuan),
                                  "tambah" if old is None else "ubah", terapkan))


def _read_dpa(sheets: Any, p: Pratinjau) -> None:
    from akuntabel.budget.models import DpaSubKegiatan

    rows = list(sheets.rows(SHEET_DPA))
    position = _header(rows, SHEET_DPA, ["Kode", "Uraian", "Pagu", "Realisasi"])
    lines = {str(x.pk): x for x in DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=p.opd,
                                                          anggaran__dpa__tahun=p.tahun)}
    subs = {str(x.pk): x for x in DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=p.opd,
                                                               dpa__tahun=p.tahun)}
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
        for judul, attr in (("Pagu", "pagu"), ("Realisasi", "realisasi")):
            col = position[judul]
            tempat = _tempat(SHEET_DPA, r.nomor, judul)
            try:
                new = cell_number(r.sel[col] if col < len(r.sel) else None, tempat)
            except WorkbookError as exc:
                p.masalah.append(exc.pesan)
                continue
            old = getattr(obj, attr)
            if old == new:
                p.tidak_berubah += 1
                continue
            if new is None:
                p.masalah.append(_("%(tempat)s: the value is emptied; values are deleted in the "
                                   "application.")
                                 % {"tempat": tempat})
                continue
            label = obj.uraian if kind == "rekening" else obj.sub_kegiatan.nama

            def terapkan(user: Any, sumber: str, obj: Any = obj, attr: str = attr,
                         new: Decimal = new, old: Decimal | None = old, label: str = label,
                         judul: str = judul) -> None:
                setattr(obj, attr, new)
                setattr(obj, f"{attr}_teks", format_angka(new))
                obj.save(update_fields=[attr, f"{attr}_teks"])
                Perubahan.objects.create(perangkat_daerah=p.opd, model=type(obj).__name__,
                                         objek_id=obj.pk, objek=label[:500], kolom=judul,
                                         lama=_show(old), baru=_show(new), sumber=sumber,
                                         oleh=user)

            p.perubahan.append(Perubahan1(SHEET_DPA, r.nomor, judul, label,
                                          f"Rp {_show(old)}" if old is not None else "–",
                                          f"Rp {_show(new)}",
                                          "tambah" if old is None else "ubah", terapkan))


def apply_changes(pratinjau: Pratinjau, user: Any, sumber: str) -> int:
    """Write every change of a valid preview in one transaction; nothing if it has problems."""
    if pratinjau.masalah:
        raise WorkbookError(_("The workbook still has problems; nothing was written."))
    with transaction.atomic():
        # A triwulan submitted or a PK signed since the preview was read stops the write.
        PerangkatDaerah.objects.select_for_update().filter(pk=pratinjau.opd.pk).first()
        terkunci = lock_problems(pratinjau)
        if terkunci:
            raise WorkbookError(_("%(masalah)s Nothing was written.")
                                % {"masalah": " ".join(terkunci[:3])})
        for change in pratinjau.perubahan:
            change.terapkan(user, sumber)
    return len(pratinjau.perubahan)
