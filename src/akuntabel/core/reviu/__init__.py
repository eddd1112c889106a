"""Reviu: an automatic consistency review of a year's plan, data and report.

Before the Inspektorat signs off a LAKIP (Permenpan RB 53/2014, "reviu atas laporan
kinerja"), someone checks that its numbers and words agree. Each rule here is a function over
plain data (``ReviuData``) that returns ``Finding`` objects with a stable code (``ANG-001``), a
severity (error / warning / info), an Indonesian message (English available), the location
and the expected and found values. Findings are computed on demand, never stored as truth.

    from akuntabel.core.reviu import run_reviu, ATURAN
    findings = run_reviu(data)

Groups: ``ANG`` budget arithmetic, ``HIT`` computed vs reported, ``REN`` planning coherence,
``STR`` structure and completeness, ``NAR`` narrative text.
"""

from akuntabel.core.reviu import (  # noqa: F401
    anggaran,
    hitungan,
    lkjip,
    narasi,
    perencanaan,
    struktur,
)
from akuntabel.core.reviu.data import (
    AnggaranLain,
    BarisAnggaran,
    BarisPk,
    Finding,
    Identitas,
    Indikator,
    Komponen,
    Lokasi,
    Narasi,
    Nilai,
    Pejabat,
    Perhitungan,
    PerjanjianKinerja,
    RenstraAnggaran,
    ReviuData,
)
from akuntabel.core.reviu.registry import ATURAN, KELOMPOK, Aturan, run_reviu

__all__ = [
    "ATURAN", "KELOMPOK", "AnggaranLain", "Aturan", "BarisAnggaran", "BarisPk", "Finding",
    "Identitas", "Indikator", "Komponen", "Lokasi", "Narasi", "Nilai", "Pejabat",
    "Perhitungan", "PerjanjianKinerja", "RenstraAnggaran", "ReviuData", "run_reviu",
]
