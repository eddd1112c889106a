"""Rules of the follow-up of the Evaluasi AKIP's recommendations and of what the Laporan Hasil
Evaluasi (LHE) prints beside the scores.

PermenPAN-RB 88/2021 asks that the evaluation's recommendations be followed up and that the
follow-up of last year's recommendations be evaluated (criteria of component 4); it does not fix
the workflow nor what the LHE lists as "hal-hal yang perlu disempurnakan". The rules below are
project conventions, stated so an auditor can check them:

- a recommendation is ``terbuka`` (open) until its OPD records a follow-up, which makes it
  ``proses`` (in progress, waiting for the reviewer); the reviewer accepts it (``selesai``,
  followed up) or not (``tidak_diterima``: the OPD follows it up again); the reviewer may
  reopen an accepted one (evidence later found wanting);
- a recommendation is overdue the day after its due date while the OPD owes something (open or
  not accepted); a follow-up waiting for the reviewer is not the OPD's delay;
- a criterion "should be improved" when its set grade is worth less than B (70 %) in the
  8-grade scale (B: most, more than 75 %, of the criterion fulfilled), or is not graded;
- the change from last year is the difference of the two totals as printed (each rounded
  half-up to two decimals), so the LHE's figures add up.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from akuntabel.core.angka import round_half_up

__all__ = [
    "BATAS_PERLU_DISEMPURNAKAN",
    "DASAR",
    "LANGKAH",
    "langkah_boleh",
    "perlu_disempurnakan",
    "perubahan_nilai",
    "terlambat",
]

DASAR = ("PermenPAN-RB Nomor 88 Tahun 2021 (tindak lanjut rekomendasi hasil evaluasi); alur "
         "status, keterlambatan dan batas 'perlu disempurnakan' (di bawah B, 70 %): konvensi "
         "proyek.")

BATAS_PERLU_DISEMPURNAKAN = Decimal(70)

# step: (who takes it, the statuses it starts from, the status it leads to)
LANGKAH: dict[str, tuple[str, frozenset[str], str]] = {
    "tindak_lanjut": ("opd", frozenset({"terbuka", "proses", "tidak_diterima"}), "proses"),
    "terima": ("penilai", frozenset({"proses"}), "selesai"),
    "tolak": ("penilai", frozenset({"proses"}), "tidak_diterima"),
    "buka_kembali": ("penilai", frozenset({"selesai"}), "tidak_diterima"),
}

MENUNGGU_OPD = frozenset({"terbuka", "tidak_diterima"})


def langkah_boleh(status: str, langkah: str, pihak: str) -> bool:
    """Whether ``pihak`` ("opd" or "penilai") may take ``langkah`` on a recommendation in
    ``status``."""
    aturan = LANGKAH.get(langkah)
    return aturan is not None and aturan[0] == pihak and status in aturan[1]


def terlambat(batas_waktu: date | None, status: str, hari_ini: date) -> bool:
    """Overdue: past its due date while the OPD still owes a follow-up."""
    return batas_waktu is not None and status in MENUNGGU_OPD and hari_ini > batas_waktu


def perlu_disempurnakan(persen: Decimal | None) -> bool:
    """Whether a criterion graded ``persen`` (None: not graded) is listed as to be improved."""
    return persen is None or persen < BATAS_PERLU_DISEMPURNAKAN


def perubahan_nilai(sekarang: Decimal | None, lalu: Decimal | None) -> Decimal | None:
    """This year's total less last year's, both as printed; None when either is missing."""
    if sekarang is None or lalu is None:
        return None
    return round_half_up(sekarang) - round_half_up(lalu)
