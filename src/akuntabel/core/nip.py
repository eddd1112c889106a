"""The NIP (Nomor Induk Pegawai) of a civil servant: 18 digits whose parts can be checked.

Its layout is set by Peraturan Kepala BKN Nomor 22 Tahun 2007 tentang Nomor Identitas
Pegawai Negeri Sipil: ``YYYYMMDD`` date of birth, ``YYYYMM`` month of appointment as CPNS
(TMT), one digit for sex (1 man, 2 woman), ``NNN`` sequence number (001-999) among those born
and appointed alike. Written with spaces (``19700101 199003 1 001``) it is the same NIP.

The appointment must fall on or after the month the servant turned 18: PP 11/2017 tentang
Manajemen PNS, Pasal 23 ayat (1) huruf a, sets 18 as the lowest age to apply (project
convention: read as the lowest age at appointment). An appointment after ``hari_ini`` is not
plausible either. The check reports problems; it never corrects the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["DASAR_HUKUM", "BagianNip", "MasalahNip", "periksa_nip", "urai_nip"]

DASAR_HUKUM = ("Peraturan Kepala BKN Nomor 22 Tahun 2007 (susunan NIP 18 digit); PP 11/2017 "
               "Pasal 23 (usia paling rendah 18 tahun)")
PANJANG = 18
USIA_MINIMUM = 18


@dataclass(frozen=True)
class BagianNip:
    tanggal_lahir: date
    tmt: tuple[int, int]  # (year, month) of appointment
    jenis_kelamin: str  # "1" or "2" as written
    urut: int


@dataclass(frozen=True)
class MasalahNip:
    kode: str  # stable: "panjang", "tanggal_lahir", "tmt_umur", …
    pesan: str  # Indonesian, naming the part of the NIP


def _digits(nip: str) -> str:
    return re.sub(r"\s+", "", nip or "")


def _tanggal(teks: str) -> date | None:
    try:
        return date(int(teks[:4]), int(teks[4:6]), int(teks[6:8]))
    except ValueError:
        return None


def urai_nip(nip: str) -> BagianNip | None:
    """The parts of a well-formed NIP; None when it is not 18 digits or its birth date or
    appointment month does not exist."""
    d = _digits(nip)
    if len(d) != PANJANG or not d.isdigit():
        return None
    lahir = _tanggal(d[:8])
    tahun, bulan = int(d[8:12]), int(d[12:14])
    if lahir is None or not 1 <= bulan <= 12:
        return None
    return BagianNip(lahir, (tahun, bulan), d[14], int(d[15:]))


def periksa_nip(nip: str, hari_ini: date) -> list[MasalahNip]:
    """What is wrong with ``nip`` (empty when nothing is), each problem naming its part."""
    d = _digits(nip)
    if not d:
        return [MasalahNip("kosong", "NIP belum diisi.")]
    if not d.isdigit():
        return [MasalahNip("karakter", f"NIP “{nip}” memuat karakter selain angka dan spasi.")]
    if len(d) != PANJANG:
        return [MasalahNip("panjang", f"NIP “{nip}” terdiri atas {len(d)} digit; NIP PNS "
                                      f"terdiri atas {PANJANG} digit.")]
    masalah = []
    lahir = _tanggal(d[:8])
    if lahir is None:
        masalah.append(MasalahNip("tanggal_lahir", f"Digit 1–8 NIP ({d[:8]}) bukan tanggal "
                                                   "lahir yang ada (TTTTBBHH)."))
    tahun, bulan = int(d[8:12]), int(d[12:14])
    if not 1 <= bulan <= 12:
        masalah.append(MasalahNip("tmt", f"Digit 9–14 NIP ({d[8:14]}) bukan bulan "
                                         "pengangkatan yang ada (TTTTBB)."))
    elif (tahun, bulan) > (hari_ini.year, hari_ini.month):
        masalah.append(MasalahNip("tmt_masa_depan", f"Bulan pengangkatan pada NIP "
                                                    f"({bulan:02d}/{tahun}) belum tiba."))
    elif lahir is not None and (tahun, bulan) < (lahir.year + USIA_MINIMUM, lahir.month):
        masalah.append(MasalahNip("tmt_umur", f"Bulan pengangkatan pada NIP ({bulan:02d}/"
                                              f"{tahun}) sebelum pegawai berusia {USIA_MINIMUM} "
                                              f"tahun (lahir {lahir:%d-%m-%Y})."))
    if d[14] not in "12":
        masalah.append(MasalahNip("jenis_kelamin", f"Digit ke-15 NIP ({d[14]}) harus 1 "
                                                   "(laki-laki) atau 2 (perempuan)."))
    if d[15:] == "000":
        masalah.append(MasalahNip("urut", "Nomor urut pada NIP (digit 16–18) harus 001–999."))
    return masalah
