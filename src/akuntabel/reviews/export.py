"""The reviu's findings as text, JSON or XLSX (``akuntabel reviu --format …``)."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from akuntabel.core.reviu import ATURAN, KELOMPOK
from akuntabel.reviews.services import Temuan

TINGKAT_ID = {"error": "KESALAHAN", "warning": "PERINGATAN", "info": "INFO"}
TINGKAT_EN = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def as_dicts(temuan: list[Temuan]) -> list[dict[str, Any]]:
    rows = []
    for t in temuan:
        f = t.finding
        aturan = ATURAN[f.code]
        rows.append({
            "code": f.code, "tingkat": f.tingkat, "kelompok": aturan.kelompok,
            "judul": aturan.judul, "judul_en": aturan.judul_en,
            "dasar_hukum": aturan.dasar_hukum, "pesan": f.pesan, "pesan_en": f.pesan_en,
            "lokasi": {"bagian": f.lokasi.bagian, "kunci": f.lokasi.kunci,
                       "uraian": f.lokasi.uraian},
            "diharapkan": f.diharapkan, "ditemukan": f.ditemukan, "sidik_jari": f.sidik_jari,
            "dijelaskan": t.explained,
            "penjelasan": t.penjelasan.catatan if t.penjelasan else None,
        })
    return rows


def render_json(temuan: list[Temuan], judul: str) -> str:
    return json.dumps({"reviu": judul, "jumlah": len(temuan), "temuan": as_dicts(temuan)},
                      ensure_ascii=False, indent=2)


def render_text(temuan: list[Temuan], judul: str, bahasa: str = "id") -> str:
    en = bahasa == "en"
    counts = Counter(t.finding.tingkat for t in temuan)
    names = TINGKAT_EN if en else TINGKAT_ID
    lines = [judul, "=" * len(judul)]
    summary = ", ".join(f"{counts[k]} {names[k].lower()}" for k in ("error", "warning", "info"))
    lines.append((f"{len(temuan)} findings: " if en else f"{len(temuan)} temuan: ") + summary)
    for t in temuan:
        f = t.finding
        lines.append("")
        mark = (" [explained]" if en else " [dijelaskan]") if t.explained else ""
        lines.append(f"[{names[f.tingkat]}] {f.code} · {f.lokasi.bagian}{mark}")
        lines.append(f"  {f.pesan_en if en else f.pesan}")
        if f.diharapkan is not None or f.ditemukan is not None:
            lines.append(f"  {'expected' if en else 'seharusnya'}: {f.diharapkan or '–'}; "
                         f"{'found' if en else 'ditemukan'}: {f.ditemukan or '–'}")
        lines.append(f"  {'at' if en else 'di'}: {f.lokasi.uraian}")
        if t.penjelasan:
            lines.append(f"  {'explanation' if en else 'penjelasan'}: {t.penjelasan.catatan}")
    return "\n".join(lines) + "\n"


HEADER = ["Kode", "Tingkat", "Kelompok", "Bagian LAKIP", "Lokasi", "Temuan", "Seharusnya",
          "Ditemukan", "Dijelaskan", "Penjelasan", "Kunci lokasi", "Sidik jari"]


def render_xlsx(temuan: list[Temuan], judul: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Temuan"
    ws.append([judul])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(HEADER)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6EE")
    for t in temuan:
        f = t.finding
        ws.append([f.code, TINGKAT_ID[f.tingkat], KELOMPOK[ATURAN[f.code].kelompok][0],
                   f.lokasi.bagian, f.lokasi.uraian, f.pesan, f.diharapkan or "",
                   f.ditemukan or "", "ya" if t.explained else "tidak",
                   t.penjelasan.catatan if t.penjelasan else "", f.lokasi.kunci, f.sidik_jari])
    for column, width in zip("ABCDEFGHIJKL", (10, 12, 24, 28, 50, 70, 18, 18, 11, 40, 30, 22),
                             strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = f"A2:L{ws.max_row}"

    rules = wb.create_sheet("Aturan")
    rules.append(["Kode", "Tingkat", "Kelompok", "Judul", "Title", "Dasar hukum"])
    for cell in rules[1]:
        cell.font = Font(bold=True)
    for code in sorted(ATURAN):
        a = ATURAN[code]
        rules.append([a.code, TINGKAT_ID[a.tingkat], KELOMPOK[a.kelompok][0], a.judul,
                      a.judul_en, a.dasar_hukum])
    for column, width in zip("ABCDEF", (10, 12, 24, 60, 60, 50), strict=True):
        rules.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
