"""Which OPD figures the pemda's LKjIP may count in an IKU of the pemda, and how the
APBD is grouped per bidang urusan.

**Verified figures only** (project convention, to be confirmed by Bappeda; PermenPAN-RB
53/2014 asks the LKjIP to report measured performance, and in Akuntabel an OPD's quarterly
figures are measured when Bappeda has verified the quarter: ``reporting.workflow``). An OPD's
figure of the year rests on the quarterly reports it is read from:

* the annual figure entered or printed (``input``), or a value computed from components
  stored for the whole year (``komponen``): TW IV, the report that closes the year (the same
  convention as ``daerah.realisasi``);
* the quarters combined (``triwulan``): a count (``kumulatif``) sums every filled quarter, so
  every filled quarter; a rate (``nilai_akhir``) takes the last filled one, so that one;
* no figure (``tidak_ada``): nothing to verify; the figure is missing.

The figure counts when every report it rests on is verified. A figure not verified, or
missing, is never read as 0: the IKU then has no value and the document says which OPD's
figure is missing or not verified.

**Bidang urusan of a sub kegiatan**: the first two parts of its code ``U.BB.PP.X.KK.SSSS``
(Kepmendagri 050-5889/2021: urusan ``U``, bidang ``BB``), e.g. ``1.06`` Sosial; the
supporting affairs of every OPD are coded ``X.XX``. A code that does not start so has none.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from enum import StrEnum

__all__ = ["StatusAngka", "bidang_urusan", "status_angka_opd", "triwulan_dasar"]

DASAR_VERIFIKASI = ("Konvensi proyek: hanya angka Perangkat Daerah yang triwulannya telah "
                    "diverifikasi Bappeda yang dihitung dalam IKU Pemerintah Daerah.")
_BIDANG = re.compile(r"^([0-9X]+)\.([0-9X]+)(\.|$)", re.IGNORECASE)


class StatusAngka(StrEnum):
    TERVERIFIKASI = "terverifikasi"
    BELUM_DIVERIFIKASI = "belum_diverifikasi"
    TIDAK_ADA = "tidak_ada"


def triwulan_dasar(sumber: str, agregasi: str, triwulan_terisi: Sequence[int]
                   ) -> tuple[int, ...]:
    """The quarters whose reports an OPD's figure of the year rests on (see the module)."""
    if sumber in ("input", "komponen"):
        return (4,)
    if sumber == "triwulan" and triwulan_terisi:
        if agregasi == "nilai_akhir":
            return (max(triwulan_terisi),)
        return tuple(sorted(triwulan_terisi))
    return ()


def status_angka_opd(sumber: str, agregasi: str, triwulan_terisi: Sequence[int],
                     terverifikasi: Collection[int]) -> StatusAngka:
    """Whether an OPD's figure of the year counts in the pemda's LKjIP: verified when every
    quarterly report it rests on is in ``terverifikasi`` (the OPD's verified quarters)."""
    dasar = triwulan_dasar(sumber, agregasi, triwulan_terisi)
    if not dasar:
        return StatusAngka.TIDAK_ADA
    if all(tw in terverifikasi for tw in dasar):
        return StatusAngka.TERVERIFIKASI
    return StatusAngka.BELUM_DIVERIFIKASI


def bidang_urusan(kode: str) -> str | None:
    """``1.06.04.2.01.0001`` -> ``1.06``; ``X.XX.01.2.01.0001`` -> ``X.XX``; else None."""
    m = _BIDANG.match(kode.strip())
    return f"{m.group(1)}.{m.group(2)}".upper() if m else None
