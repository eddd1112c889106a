"""Helpers shared by the rule groups: what counts as a given value, and the target in force."""

from __future__ import annotations

from akuntabel.core.reviu.data import Indikator, Nilai, ReviuData
from akuntabel.core.target import NAMA_TARGET, URUTAN_TARGET, ada
from akuntabel.core.target import target_berlaku as _target_berlaku

__all__ = ["NAMA_TARGET", "URUTAN_TARGET", "ada", "target_berlaku"]


def target_berlaku(data: ReviuData, ind: Indikator, tahun: int) -> tuple[str, Nilai] | None:
    """The target in force for ``tahun`` and its kind (``core.target.target_berlaku``), with
    the rows of the Perjanjian Kinerja documents of ``data`` as the indicator's PK targets."""
    pk: dict[str, Nilai] = {}
    for dok in data.perjanjian_kinerja:
        if dok.tahun != tahun:
            continue
        jenis = "pk_perubahan" if dok.jenis == "perubahan" else "pk"
        for baris in dok.baris:
            if baris.indikator_kunci == ind.kunci and baris.target is not None:
                pk.setdefault(jenis, baris.target)
    target = {jenis: per_tahun[tahun] for jenis, per_tahun in ind.target.items()
              if tahun in per_tahun}
    return _target_berlaku(target, pk)
