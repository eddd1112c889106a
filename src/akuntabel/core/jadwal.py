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
    "DOKUMEN",
    "AturanBatas",
    "BatasDokumen",
    "Dokumen",
    "JadwalTriwulan",
    "StatusJadwal",
    "akhir_triwulan",
    "awal_triwulan",
    "batas_baku",
    "batas_lapor",
    "hari_terlambat",
    "jadwal_tahun",
    "jadwal_triwulan",
    "jenis_pemberitahuan",
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
                    aturan: AturanBatas = ATURAN_BAKU, *,
                    batas: date | None = None) -> JadwalTriwulan:
    """Where one triwulan stands on ``today``, from its report status (``None`` or
    ``"draft"`` when nothing was submitted; else diajukan / diverifikasi / dikembalikan).

    A submitted, verified or returned report keeps that status whatever the date; a draft is
    belum dimulai before the quarter, berjalan during it, jatuh tempo once the quarter has
    ended or the deadline is within ``aturan.peringatan_hari`` days, and terlambat after the
    deadline day. ``batas``: the pemda's own deadline, when it set one (else ``aturan``'s).
    """
    awal, akhir = awal_triwulan(tahun, triwulan), akhir_triwulan(tahun, triwulan)
    if batas is None:
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
                 aturan: AturanBatas = ATURAN_BAKU, *,
                 batas: Mapping[int, date] | None = None) -> list[JadwalTriwulan]:
    """The four triwulans of ``tahun`` on ``today``; ``status`` maps a triwulan to its report
    status (a triwulan missing from it is a draft); ``batas`` a triwulan to the pemda's own
    deadline (a triwulan missing from it has ``aturan``'s)."""
    batas = batas or {}
    return [jadwal_triwulan(tahun, tw, today, status.get(tw), aturan, batas=batas.get(tw))
            for tw in TRIWULAN]


def triwulan_pelaporan(tahun: int, today: date) -> int:
    """The triwulan whose realisasi is being reported on ``today``: the latest quarter of
    ``tahun`` that has ended; TW I before the first quarter ends, TW IV after the year."""
    selesai = [tw for tw in TRIWULAN if akhir_triwulan(tahun, tw) < today]
    return selesai[-1] if selesai else 1


# --- Deadlines of every document of the year ------------------------------------------------
#
# Besides the four quarterly realisasi reports, the OPD owes the pemda its Perjanjian Kinerja
# and its LKjIP each year. The defaults below are what the admin pemda sees before setting the
# pemda's own dates (``reporting.models.BatasDokumen``), each with its legal basis or marked as
# a convention of this application.


class Dokumen(StrEnum):
    """A document an OPD owes the pemda for a year, by its stored key."""

    REALISASI_TW1 = "realisasi-1"
    REALISASI_TW2 = "realisasi-2"
    REALISASI_TW3 = "realisasi-3"
    REALISASI_TW4 = "realisasi-4"
    PK = "pk"
    LKJIP = "lkjip"

    @property
    def triwulan(self) -> int | None:
        """The triwulan of a realisasi report; None for a yearly document."""
        return int(self.value[-1]) if self.value.startswith("realisasi-") else None


DOKUMEN = tuple(Dokumen)

_DASAR_PK = ("Ketentuan bawaan Akuntabel: PermenPAN-RB 53/2014 meminta PK disusun paling lambat "
             "satu bulan setelah dokumen anggaran (DPA) disahkan; DPA umumnya disahkan awal "
             "Januari, maka batasnya 31 Januari tahun berjalan")
_DASAR_LKJIP = ("PermenPAN-RB 53/2014 (penyampaian Laporan Kinerja): Laporan Kinerja perangkat "
                "daerah disampaikan kepada kepala daerah paling lambat 2 bulan setelah tahun "
                "anggaran berakhir, yaitu akhir Februari tahun berikutnya (Perpres 29/2014 "
                "tentang SAKIP)")


@dataclass(frozen=True)
class BatasDokumen:
    """When a document of ``tahun`` is due, and why."""

    dokumen: Dokumen
    tahun: int
    batas: date
    dasar_hukum: str


def batas_baku(dokumen: Dokumen | str, tahun: int,
               aturan: AturanBatas = ATURAN_BAKU) -> BatasDokumen:
    """The default deadline of ``dokumen`` of ``tahun``:

    * realisasi TW I–IV: :func:`batas_lapor` (a convention of this application, ``aturan``);
    * PK: 31 January of the year (project convention read from PermenPAN-RB 53/2014: one month
      after the DPA is approved);
    * LKjIP: the last day of February of the next year (PermenPAN-RB 53/2014: two months after
      the budget year ends).
    """
    dokumen = Dokumen(dokumen)
    if dokumen.triwulan is not None:
        return BatasDokumen(dokumen, tahun, batas_lapor(tahun, dokumen.triwulan, aturan),
                            aturan.dasar_hukum)
    if dokumen == Dokumen.PK:
        return BatasDokumen(dokumen, tahun, date(tahun, 1, 31), _DASAR_PK)
    return BatasDokumen(dokumen, tahun,
                        date(tahun + 1, 2, calendar.monthrange(tahun + 1, 2)[1]), _DASAR_LKJIP)


def hari_terlambat(batas: date, today: date) -> int:
    """Days past the deadline on ``today``: 0 on the deadline day and before it."""
    return max(0, (today - batas).days)


def jenis_pemberitahuan(batas: date, today: date, diserahkan: bool,
                        hari_pengingat: int) -> str | None:
    """Which notice a document not yet handed in calls for on ``today`` (project convention):
    ``"pengingat"`` from ``hari_pengingat`` days before the deadline up to the deadline day,
    ``"terlambat"`` from the day after it; None when it was handed in or it is too early.
    The daily sender records each notice sent, so each is sent once."""
    if hari_pengingat < 0:
        raise ValueError(f"Hari pengingat {hari_pengingat} tidak boleh negatif.")
    if diserahkan:
        return None
    sisa = (batas - today).days
    if sisa < 0:
        return "terlambat"
    if sisa <= hari_pengingat:
        return "pengingat"
    return None
