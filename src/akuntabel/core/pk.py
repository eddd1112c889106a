"""The cascade of the Perjanjian Kinerja (PK): which level signs with which, what a row of a
cascaded PK may hold, and in which order the levels are signed.

PermenPAN-RB 53/2014 (Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara
Reviu atas Laporan Kinerja Instansi Pemerintah), Bab II and its Lampiran I: the PK is made
at every level of the organisation, each official with the one above ("berjenjang"):

* the kepala Perangkat Daerah (eselon II) with the kepala daerah: sasaran strategis of the
  Renstra with their indicators (here: indicators of a tujuan or sasaran);
* an eselon III official (kepala bidang, sekretaris) with the kepala Perangkat Daerah:
  sasaran program with the indicators of a program;
* an eselon IV official (kepala seksi, kepala subbagian) with the eselon III above: sasaran
  kegiatan with the indicators of a kegiatan.

The indicators of each level are the translation of those of the level above ("indikator
kinerja yang ditetapkan ... merupakan penjabaran dari indikator kinerja atasannya"): here,
every row of a cascaded PK names the row of the PK above it that it serves. An indicator that
the plan does not hold yet may be written for the PK as text (the regulation asks for the
level's outcomes, not that they are in the Renstra first) — **project convention**: such a
row must still serve a row above.

Signing follows the cascade (project convention, from the same "berjenjang"): a cascaded PK
is signed after the PK it serves, since its rows serve that PK's rows as signed.

Pure: plain values in, a :class:`Masalah` (a stable code, the view words it) or None out.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "DASAR_HUKUM",
    "NODE_TINGKAT",
    "Masalah",
    "Tingkat",
    "cek_atasan",
    "cek_baris",
    "cek_tanda_tangan",
    "tingkat_atasan",
]

DASAR_HUKUM = "PermenPAN-RB 53/2014, Bab II dan Lampiran I (Perjanjian Kinerja berjenjang)"


class Tingkat(StrEnum):
    """The level of a PK: who promises (pihak pertama)."""

    KEPALA = "kepala"        # kepala Perangkat Daerah (eselon II) with the kepala daerah
    ESELON_III = "eselon_3"  # kepala bidang / sekretaris with the kepala Perangkat Daerah
    ESELON_IV = "eselon_4"   # kepala seksi / kepala subbagian with the eselon III above


_ATASAN = {Tingkat.ESELON_III: Tingkat.KEPALA, Tingkat.ESELON_IV: Tingkat.ESELON_III}

NODE_TINGKAT: dict[Tingkat, tuple[str, ...]] = {
    Tingkat.KEPALA: ("tujuan", "sasaran"),
    Tingkat.ESELON_III: ("program",),
    Tingkat.ESELON_IV: ("kegiatan",),
}
"""The plan nodes whose indicators a PK of each level carries."""


class Masalah(StrEnum):
    """Why a cascaded PK or one of its rows is refused."""

    ATASAN_SALAH = "atasan_salah"          # the PK above is not of the level just above
    ATASAN_KOSONG = "atasan_kosong"        # a cascaded PK without a PK above
    KEPALA_BERATASAN = "kepala_beratasan"  # the kepala's PK has no PK above in the app
    TIDAK_MELAYANI = "tidak_melayani"      # a cascaded row that serves no row above
    MELAYANI_LAIN = "melayani_lain"        # the row served is not of this PK's atasan
    NODE_SALAH = "node_salah"              # an indicator of another level of the plan
    ATASAN_BELUM = "atasan_belum"          # signing before the PK above is signed


def tingkat_atasan(tingkat: Tingkat) -> Tingkat | None:
    """The level a PK of ``tingkat`` signs with inside the OPD; None for the kepala's (whose
    pihak kedua, the kepala daerah, has no PK here)."""
    return _ATASAN.get(tingkat)


def cek_atasan(tingkat: Tingkat, tingkat_pk_atasan: Tingkat | None) -> Masalah | None:
    """A PK of ``tingkat`` placed under a PK of ``tingkat_pk_atasan`` (None: under none)."""
    harus = tingkat_atasan(tingkat)
    if harus is None:
        return None if tingkat_pk_atasan is None else Masalah.KEPALA_BERATASAN
    if tingkat_pk_atasan is None:
        return Masalah.ATASAN_KOSONG
    return None if tingkat_pk_atasan == harus else Masalah.ATASAN_SALAH


def cek_baris(tingkat: Tingkat, node: str | None, melayani: bool,
              melayani_atasan: bool = True) -> Masalah | None:
    """A row of a PK of ``tingkat``: its indicator's plan node (``"program"`` …; None for an
    indicator written for the PK as text), whether it names a row it serves, and whether that
    row belongs to the PK's atasan. The kepala's rows are not checked here: they come from the
    Renstra as composed, or from a dataset as printed."""
    if tingkat == Tingkat.KEPALA:
        return None
    if not melayani:
        return Masalah.TIDAK_MELAYANI
    if not melayani_atasan:
        return Masalah.MELAYANI_LAIN
    if node is not None and node not in NODE_TINGKAT[tingkat]:
        return Masalah.NODE_SALAH
    return None


def cek_tanda_tangan(tingkat: Tingkat, atasan_ditandatangani: bool | None) -> Masalah | None:
    """May a PK of ``tingkat`` be signed, its atasan being signed (True), not (False) or absent
    (None)?"""
    if tingkat_atasan(tingkat) is None:
        return None
    return None if atasan_ditandatangani else Masalah.ATASAN_BELUM
