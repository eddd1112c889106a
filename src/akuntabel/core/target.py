"""The target in force: which of an indicator's targets its realisasi is measured against.

Dasar hukum: Permenpan RB 53/2014 (pengukuran kinerja compares realisasi with the target of
the Perjanjian Kinerja). A PK perubahan replaces the PK; an indicator without a PK target is
measured against its annual plan (Renja), else against its Renstra target (Permendagri 86/2017:
the Renja sets the year's targets of the Renstra). A target left blank or written as a lone
dash is not a target and is passed over (project convention: "–" means "not set").

One rule for every reader: the realisasi grid, the indicator page, the dashboards, the LKjIP,
the reviu and the E.81 form all call :func:`target_berlaku`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol, TypeVar

from akuntabel.core.angka import BukanAngka, parse_angka

__all__ = ["NAMA_TARGET", "URUTAN_TARGET", "Tertulis", "ada", "target_berlaku"]

URUTAN_TARGET = ("pk_perubahan", "pk", "renja", "renstra")
"""The order of precedence, by the stored kind of target (``plans.models.Target.Jenis``)."""

NAMA_TARGET = {"pk_perubahan": "PK Perubahan", "pk": "PK", "renja": "Renja",
               "renstra": "Renstra"}


class Tertulis(Protocol):
    """A value as written (``teks``) with the number read from it (``nilai``)."""

    @property
    def teks(self) -> str: ...

    @property
    def nilai(self) -> Decimal | None: ...


T = TypeVar("T", bound=Tertulis)


def ada(nilai: Tertulis | None) -> bool:
    """True when a value was given: not missing, not empty, not a lone dash."""
    if nilai is None:
        return False
    if nilai.nilai is not None:
        return True
    hasil = parse_angka(nilai.teks)
    return not (isinstance(hasil, BukanAngka) and hasil.jenis in ("kosong", "strip"))


def target_berlaku(target: Mapping[str, T], pk: Mapping[str, T] | None = None
                   ) -> tuple[str, T] | None:
    """The target in force and its kind, from one indicator-year's targets by kind
    (``target``) and the rows of the Perjanjian Kinerja documents by kind (``pk``: "pk" for
    the PK, "pk_perubahan" for its amendment). For each kind in :data:`URUTAN_TARGET`, the
    target row first, then the PK document's row; the first one given (:func:`ada`) wins.
    None when no target is given."""
    pk = pk or {}
    for jenis in URUTAN_TARGET:
        for nilai in (target.get(jenis), pk.get(jenis)):
            if nilai is not None and ada(nilai):
                return jenis, nilai
    return None
