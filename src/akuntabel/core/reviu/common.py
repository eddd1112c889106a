"""Helpers shared by the rule groups: what counts as a given value, and the target in force."""

from __future__ import annotations

from akuntabel.core.angka import BukanAngka, parse_angka
from akuntabel.core.reviu.data import Indikator, Nilai, ReviuData

# Permenpan RB 53/2014 measures performance against the Perjanjian Kinerja: its amendment
# first, then the PK, then the annual plan (Renja), then the Renstra.
URUTAN_TARGET = ("pk_perubahan", "pk", "renja", "renstra")
NAMA_TARGET = {"pk_perubahan": "PK Perubahan", "pk": "PK", "renja": "Renja",
               "renstra": "Renstra"}


def ada(nilai: Nilai | None) -> bool:
    """True when a value was given: not missing, not empty, not a lone dash."""
    if nilai is None:
        return False
    if nilai.nilai is not None:
        return True
    hasil = parse_angka(nilai.teks)
    return not (isinstance(hasil, BukanAngka) and hasil.jenis in ("kosong", "strip"))


def target_berlaku(data: ReviuData, ind: Indikator, tahun: int) -> tuple[str, Nilai] | None:
    """The target in force for ``tahun`` and its kind: PK perubahan, else PK, else Renja,
    else Renstra. A row of a PK in ``data.perjanjian_kinerja`` counts as the indicator's own
    PK target; a target printed blank or as a dash is passed over. None when none is given."""
    pk: dict[str, Nilai] = {}
    for dok in data.perjanjian_kinerja:
        if dok.tahun != tahun:
            continue
        jenis = "pk_perubahan" if dok.jenis == "perubahan" else "pk"
        for baris in dok.baris:
            if baris.indikator_kunci == ind.kunci and baris.target is not None:
                pk.setdefault(jenis, baris.target)
    for jenis in URUTAN_TARGET:
        for nilai in (ind.target.get(jenis, {}).get(tahun), pk.get(jenis)):
            if ada(nilai):
                assert nilai is not None
                return jenis, nilai
    return None
