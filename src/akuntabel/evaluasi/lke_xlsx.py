"""The LKE of one evaluation as an Excel workbook in the template's layout (components,
sub-components with their weights, criteria), and its answers read back: the unit's nilai
usulan and notes, or the evaluator's nilai penetapan and notes, by the side of who imports.

Reading never writes: it gives the changes (a preview) and the faults, each naming its cell.
Applying writes the changes all or nothing through the write services
(:mod:`akuntabel.evaluasi.services`), which check the side, the window, the lock and the
version each row was exported with (the hidden "versi" column)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from akuntabel.evaluasi import services
from akuntabel.evaluasi.models import Evaluasi, Jawaban

JUDUL_SHEET = "LKE"
BARIS_KEPALA = 6
KOLOM = ("No", "Uraian", "Bobot", "Nilai usulan", "Catatan usulan", "Nilai penetapan",
         "Catatan penetapan", "versi")
# The columns each side writes: (grade, note).
SISI = {"usulan": (4, 5), "penetapan": (6, 7)}
KOLOM_VERSI = 8
MAKS_BYTES = 5 * 1024 * 1024


def tulis_lke(evaluasi: Evaluasi, *, dengan_penetapan: bool) -> bytes:
    """The workbook; the evaluator's columns are left empty unless ``dengan_penetapan``."""
    wb = Workbook()
    ws = wb.active
    ws.title = JUDUL_SHEET
    ws["A1"] = (f"Lembar Kriteria Evaluasi AKIP {evaluasi.tahun} — "
                f"{services.nama_unit(evaluasi)}")
    ws["A1"].font = Font(bold=True, size=13)
    skala = list(evaluasi.template.skala.all())
    for baris, (label, nilai) in enumerate((
            ("Template", evaluasi.template.kode), ("Evaluasi", evaluasi.pk),
            ("Skala", ", ".join(f"{s.kode} = {s.persen.normalize():f} %" for s in skala))),
            start=2):
        ws.cell(baris, 1, label).font = Font(bold=True)
        ws.cell(baris, 2, nilai)
    for i, judul in enumerate(KOLOM, start=1):
        c = ws.cell(BARIS_KEPALA, i, judul)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="E9EEF3")
    pilihan = DataValidation(type="list", formula1='"' + ",".join(s.kode for s in skala) + '"',
                             allow_blank=True)
    ws.add_data_validation(pilihan)
    jawaban = {j.kriteria_id: j for j in evaluasi.jawaban.all()}
    r = BARIS_KEPALA + 1
    for k in evaluasi.template.komponen.prefetch_related("sub__kriteria"):
        ws.cell(r, 1, k.kode).font = Font(bold=True)
        ws.cell(r, 2, k.nama).font = Font(bold=True)
        ws.cell(r, 3, k.bobot)
        r += 1
        for s in k.sub.all():
            ws.cell(r, 1, s.kode).font = Font(italic=True)
            ws.cell(r, 2, f"{s.nama} ({s.get_perspektif_display()})").font = Font(italic=True)
            ws.cell(r, 3, s.bobot)
            r += 1
            for c in s.kriteria.all():
                j = jawaban.get(c.pk)
                if j is None:
                    continue
                ws.cell(r, 1, c.nomor)
                ws.cell(r, 2, c.uraian).alignment = Alignment(wrap_text=True, vertical="top")
                ws.cell(r, 4, j.nilai_usulan or None)
                ws.cell(r, 5, j.catatan_usulan or None)
                if dengan_penetapan:
                    ws.cell(r, 6, j.nilai_penetapan or None)
                    ws.cell(r, 7, j.catatan_penetapan or None)
                ws.cell(r, KOLOM_VERSI, j.versi)
                pilihan.add(f"D{r}")
                pilihan.add(f"F{r}")
                r += 1
    for kolom, lebar in zip("ABCDEFG", (9, 70, 8, 13, 40, 15, 40), strict=True):
        ws.column_dimensions[kolom].width = lebar
    ws.column_dimensions[get_column_letter(KOLOM_VERSI)].hidden = True
    ws.freeze_panes = f"C{BARIS_KEPALA + 1}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Perubahan:
    """One criterion whose grade or note the workbook changes."""

    nomor: str
    lama_nilai: str
    lama_catatan: str
    nilai: str
    catatan: str
    versi: int


@dataclass(frozen=True)
class Pratinjau:
    sisi: str
    perubahan: tuple[Perubahan, ...]
    kesalahan: tuple[str, ...]


def _teks(v: Any) -> str:
    return "" if v is None else str(v).strip()


def baca_lke(evaluasi: Evaluasi, berkas: Any, sisi: str) -> Pratinjau:
    """What the workbook would change on ``sisi`` ("usulan" or "penetapan"), and its faults
    (each naming its cell); nothing is written."""
    salah: list[str] = []
    size = getattr(berkas, "size", None)
    if size is not None and size > MAKS_BYTES:
        return Pratinjau(sisi, (), (_("The workbook is larger than 5 MB."),))
    try:
        wb = load_workbook(berkas, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is no workbook
        return Pratinjau(sisi, (), (_("The file is not an Excel workbook (.xlsx)."),))
    if JUDUL_SHEET not in wb.sheetnames:
        return Pratinjau(sisi, (), (_("The workbook has no sheet '%(sheet)s'.")
                                    % {"sheet": JUDUL_SHEET},))
    ws = wb[JUDUL_SHEET]
    if _teks(ws["B2"].value) != evaluasi.template.kode or _teks(ws["B3"].value) != str(
            evaluasi.pk):
        return Pratinjau(sisi, (), (
            _("Cells B2–B3: this workbook is of another evaluation or template (%(template)s, "
              "%(evaluasi)s); download the workbook of this evaluation.")
            % {"template": _teks(ws["B2"].value) or "–", "evaluasi": _teks(ws["B3"].value)
               or "–"},))
    skala = list(evaluasi.template.skala.values_list("kode", flat=True))
    jawaban = {j.kriteria.nomor: j for j in evaluasi.jawaban.select_related("kriteria")}
    k_nilai, k_catatan = SISI[sisi]
    perubahan = []
    dilihat: set[str] = set()
    for r in range(BARIS_KEPALA + 1, ws.max_row + 1):
        nomor = _teks(ws.cell(r, 1).value)
        if nomor.count(".") < 2:
            continue   # a component, a sub-component or an empty row
        j = jawaban.get(nomor)
        if j is None or nomor in dilihat:
            salah.append(_("Cell A%(r)s: '%(nomor)s' is not a criterion of this worksheet (or "
                           "appears twice).") % {"r": r, "nomor": nomor})
            continue
        dilihat.add(nomor)
        huruf = get_column_letter(k_nilai)
        nilai = _teks(ws.cell(r, k_nilai).value).upper()
        catatan = _teks(ws.cell(r, k_catatan).value)
        if nilai and nilai not in skala:
            salah.append(_("Cell %(sel)s (criterion %(nomor)s): '%(nilai)s' is not a grade of "
                           "the template's scale (%(skala)s).")
                         % {"sel": f"{huruf}{r}", "nomor": nomor, "nilai": nilai,
                            "skala": ", ".join(skala)})
            continue
        lama_nilai = getattr(j, f"nilai_{sisi}")
        lama_catatan = getattr(j, f"catatan_{sisi}")
        if (nilai, catatan) == (lama_nilai, lama_catatan):
            continue
        versi_teks = _teks(ws.cell(r, KOLOM_VERSI).value)
        versi = int(versi_teks) if versi_teks.isdigit() else -1
        if versi != j.versi:
            salah.append(_("Row %(r)s (criterion %(nomor)s) was changed in Akuntabel after the "
                           "workbook was downloaded; download it again.")
                         % {"r": r, "nomor": nomor})
            continue
        perubahan.append(Perubahan(nomor, lama_nilai, lama_catatan, nilai, catatan, versi))
    return Pratinjau(sisi, tuple(perubahan), tuple(salah))


def terapkan_lke(evaluasi: Evaluasi, pratinjau: Pratinjau, *, user: Any,
                 hari_ini: date) -> int:
    """Write the preview's changes all or nothing through the write services; the number of
    criteria written. A refusal (side, window, lock, version) writes nothing and goes on."""
    with transaction.atomic():
        jawaban = {j.kriteria.nomor: j for j in Jawaban.objects.filter(
            evaluasi=evaluasi).select_related("kriteria")}
        for p in pratinjau.perubahan:
            j = jawaban[p.nomor]
            if pratinjau.sisi == "usulan":
                services.simpan_usulan(j, p.nilai, p.catatan, p.versi, user=user,
                                       hari_ini=hari_ini)
            else:
                services.simpan_penetapan(j, p.nilai, p.catatan, p.versi, user=user,
                                          hari_ini=hari_ini)
    return len(pratinjau.perubahan)
