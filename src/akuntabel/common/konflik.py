"""The save-conflict protocol every grid shares (indicator realisasi, budget realisasi).

A save is refused as a whole, nothing written, when

* some lines changed since the page was built (``KonflikVersi``, carrying one conflict per
  line: what is stored now, who changed it last and when), or
* the triwulan was submitted or verified, possibly after the caller read its status
  (``TriwulanTerkunci``, carrying the report row).

Who changed a value is named as the history names users (``nama_pengguna``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class KonflikVersi(Exception):
    """The save is refused as a whole: some lines changed since the page was built.
    ``konflik`` holds one conflict per line (``results.writes.Konflik``,
    ``budget.writes.KonflikAnggaran``: ``sekarang``, ``oleh``, ``pada``)."""

    def __init__(self, konflik: Sequence[Any]):
        super().__init__(f"{len(konflik)} baris diubah orang lain")
        self.konflik = list(konflik)


class TriwulanTerkunci(Exception):
    """The save is refused as a whole: the triwulan was submitted or verified (possibly after
    the caller read its status)."""

    def __init__(self, pelaporan: Any):
        super().__init__(f"TW {pelaporan.triwulan} {pelaporan.tahun}: {pelaporan.status}")
        self.pelaporan = pelaporan


def nama_pengguna(user: Any) -> str:
    """A user as messages and the history name them: the full name, else the username;
    "" for none."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())
