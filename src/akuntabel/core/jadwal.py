"""The reporting calendar of the quarterly realisasi: when each triwulan's report is due, and
where each triwulan stands on a given day.

Permendagri 86/2017 asks for a quarterly evaluation of the Renja (realisasi per triwulan);
it leaves the exact deadline to the pemda. **The deadline used here is a default of this
application**, not a rule of the regulation: the report of a triwulan is due on day 10 of the
month after the quarter ends (TW I → 10 April, TW IV → 10 January of the next year). A pemda
sets its own day with the setting ``AKUNTABEL_BATAS_LAPOR_HARI``.

Pure: ``today`` is an argument, nothing is read from the clock or the database.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "ATURAN_BAKU",
    "AturanBatas",
    "JadwalTriwulan",
    "StatusJadwal",
    "akhir_triwulan",
    "awal_triwulan",
    "batas_lapor",
    "jadwal_tahun",
    "jadwal_triwulan",
    "triwulan_pelaporan",
]

TRIWULAN = (1, 2, 3, 4)


class StatusJadwal(StrEnum):
    """Where a triwulan's realisasi report stands on a day."""

    BELUM_DIMULAI = "belum_dimulai"  # the quarter has not started
    BERJALAN = "berjalan"            # the quarter is running, the deadline is not near
    JATUH_TEMPO = "jatuh_tempo"      # due: the quarter has ended or the deadline is near
    TERLAMBAT = "terlambat"          # past the deadline and not submitted
    DIAJUKAN = "diajukan"            # submitted, awaiting verification
    DIVERIFIKASI = "diverifikasi"    # verified (locked)
    DIKEMBALIKAN = "dikembalikan"    # returned by the verifikator with a note


@dataclass(frozen=True)
class AturanBatas:
    """The deadline rule: the report is due on day ``hari`` of the month after the quarter
    (clipped to the month's last day); it counts as due ``peringatan_hari`` days before."""

    hari: int = 10
    peringatan_hari: int = 14
    dasar_hukum: str = ("Ketentuan bawaan Akuntabel (Permendagri 86/2017 meminta evaluasi "
                        "Renja per triwulan; tanggal batas ditetapkan pemda)")

    def __post_init__(self) -> None:
        if not 1 <= self.hari <= 31:
            raise ValueError(f"Hari batas lapor {self.hari} harus antara 1 dan 31.")
        if self.peringatan_hari < 0:
            raise ValueError(f"Hari peringatan {self.peringatan_hari} tidak boleh negatif.")


ATURAN_BAKU = AturanBatas()


@dataclass(frozen=True)
class JadwalTriwulan:
    triwulan: int
    status: StatusJadwal
    awal: date
    akhir: date
    batas: date
    sisa_hari: int         # days from today to the deadline; negative once it has passed
    lewat_batas: bool      # today is after the deadline (whatever the status)


def _periksa(triwulan: int) -> None:
    if triwulan not in TRIWULAN:
        raise ValueError(f"Triwulan {triwulan} tidak ada; pilih 1 sampai 4.")


def awal_triwulan(tahun: int, triwulan: int) -> date:
    _periksa(triwulan)
    return date(tahun, 3 * triwulan - 2, 1)


def akhir_triwulan(tahun: int, triwulan: int) -> date:
    _periksa(triwulan)
    bulan = 3 * triwulan
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def batas_lapor(tahun: int, triwulan: int, aturan: AturanBatas = ATURAN_BAKU) -> date:
    """The deadline of the triwulan's report: day ``aturan.hari`` of the month after the
    quarter, or that month's last day when it is shorter."""
    _periksa(triwulan)
    tahun_batas, bulan = (tahun + 1, 1) if triwulan == 4 else (tahun, 3 * triwulan + 1)
    hari = min(aturan.hari, calendar.monthrange(tahun_batas, bulan)[1])
    return date(tahun_batas, bulan, hari)


def jadwal_triwulan(tahun: int, triwulan: int, today: date, status: str | None,
                    aturan: AturanBatas = ATURAN_BAKU) -> JadwalTriwulan:
    """Where one triwulan stands on ``today``, from its report status (``None`` or
    ``"draft"`` when nothing was submitted; else diajukan / diverifikasi / dikembalikan).

    A submitted, verified or returned report keeps that status whatever the date; a draft is
    belum dimulai before the quarter, berjalan during it, jatuh tempo once the quarter has
    ended or the deadline is within ``aturan.peringatan_hari`` days, and terlambat after the
    deadline day.
    """
    awal, akhir = awal_triwulan(tahun, triwulan), akhir_triwulan(tahun, triwulan)
    batas = batas_lapor(tahun, triwulan, aturan)
    sisa = (batas - today).days
    if status in (None, "", "draft"):
        if sisa < 0:
            hasil = StatusJadwal.TERLAMBAT
        elif today > akhir or sisa <= aturan.peringatan_hari:
            hasil = StatusJadwal.JATUH_TEMPO
        elif today >= awal:
            hasil = StatusJadwal.BERJALAN
        else:
            hasil = StatusJadwal.BELUM_DIMULAI
    else:
        try:
            hasil = StatusJadwal(status)
        except ValueError:
            raise ValueError(f"Status pelaporan '{status}' tidak dikenal.") from None
        if hasil not in (StatusJadwal.DIAJUKAN, StatusJadwal.DIVERIFIKASI,
                         StatusJadwal.DIKEMBALIKAN):
            raise ValueError(f"Status pelaporan '{status}' tidak dikenal.")
    return JadwalTriwulan(triwulan, hasil, awal, akhir, batas, sisa, sisa < 0)


def jadwal_tahun(tahun: int, today: date, status: Mapping[int, str],
                 aturan: AturanBatas = ATURAN_BAKU) -> list[JadwalTriwulan]:
    """The four triwulans of ``tahun`` on ``today``; ``status`` maps a triwulan to its report
    status (a triwulan missing from it is a draft)."""
    return [jadwal_triwulan(tahun, tw, today, status.get(tw), aturan) for tw in TRIWULAN]


def triwulan_pelaporan(tahun: int, today: date) -> int:
    """The triwulan whose realisasi is being reported on ``today``: the latest quarter of
    ``tahun`` that has ended; TW I before the first quarter ends, TW IV after the year."""
    selesai = [tw for tw in TRIWULAN if akhir_triwulan(tahun, tw) < today]
    return selesai[-1] if selesai else 1
