"""Load the official code lists from TSV files (see reference/README.md)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from akuntabel.references.models import KodeNomenklatur, KodeRekening

DEFAULT_FOLDER = Path(__file__).resolve().parents[3] / "reference"


class ReferenceError(ValueError):
    pass


def _rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return [row for row in csv.reader(f, delimiter="\t") if row and row[0].strip()]
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceError(f"{path}: tidak dapat dibaca ({exc})") from None


def load_reference_lists(folder: Path | None) -> dict[str, int]:
    """Insert or update every code of the lists found in ``folder``; all or nothing."""
    folder = folder or DEFAULT_FOLDER
    if not folder.is_dir():
        raise ReferenceError(f"{folder}: folder tidak ditemukan")
    counts = {"program": 0, "kegiatan": 0, "sub_kegiatan": 0, "rekening": 0}
    nomenklatur: dict[str, KodeNomenklatur] = {}
    for tingkat, name in (("program", "program.tsv"), ("kegiatan", "kegiatan.tsv"),
                          ("sub_kegiatan", "sub_kegiatan.tsv")):
        for i, row in enumerate(_rows(folder / name), start=1):
            if len(row) < 2:
                raise ReferenceError(f"{name} baris {i}: harus ada kolom kode dan nama")
            kode = row[0].strip()
            extra = [c.strip() for c in row[2:5]] + ["", "", ""]
            nomenklatur[kode] = KodeNomenklatur(
                kode=kode, tingkat=tingkat, nama=" ".join(row[1].split()),
                kinerja=extra[0], indikator=extra[1], satuan=extra[2][:100])
            counts[tingkat] += 1
    rekening = {}
    for i, row in enumerate(_rows(folder / "kode_rekening.tsv"), start=1):
        if len(row) < 2:
            raise ReferenceError(f"kode_rekening.tsv baris {i}: harus ada kolom kode dan uraian")
        kode = row[0].strip()
        rekening[kode] = KodeRekening(kode=kode, tingkat=len(kode.split(".")),
                                      uraian=row[1].strip())
        counts["rekening"] += 1
    with transaction.atomic():
        KodeNomenklatur.objects.bulk_create(
            nomenklatur.values(), update_conflicts=True, unique_fields=["kode"],
            update_fields=["tingkat", "nama", "kinerja", "indikator", "satuan"])
        KodeRekening.objects.bulk_create(
            rekening.values(), update_conflicts=True, unique_fields=["kode"],
            update_fields=["tingkat", "uraian"])
    return counts
