"""The rule registry: every reviu rule is a function over ``ReviuData`` registered with its
stable code, severity, group, title and legal basis."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from akuntabel.core.reviu.data import TINGKAT_URUTAN, Finding, Lokasi, ReviuData, Tingkat

Periksa = Callable[[ReviuData], list[Finding]]

KELOMPOK = {
    "anggaran": ("Aritmetika anggaran", "Budget arithmetic"),
    "hitungan": ("Angka dihitung vs dilaporkan", "Computed vs reported"),
    "perencanaan": ("Koherensi perencanaan", "Planning coherence"),
    "struktur": ("Struktur dan kelengkapan", "Structure and completeness"),
    "narasi": ("Teks narasi", "Narrative text"),
}


@dataclass(frozen=True)
class Aturan:
    code: str
    tingkat: Tingkat
    kelompok: str
    judul: str
    judul_en: str
    dasar_hukum: str
    periksa: Periksa


ATURAN: dict[str, Aturan] = {}


def aturan(code: str, tingkat: Tingkat, kelompok: str, judul: str, judul_en: str,
           dasar_hukum: str) -> Callable[[Periksa], Periksa]:
    """Register a rule. Codes are stable: never reuse or renumber one."""
    if kelompok not in KELOMPOK:
        raise ValueError(f"kelompok aturan tidak dikenal: {kelompok}")

    def register(fn: Periksa) -> Periksa:
        if code in ATURAN:
            raise ValueError(f"kode aturan {code} sudah dipakai")
        ATURAN[code] = Aturan(code, tingkat, kelompok, judul, judul_en, dasar_hukum, fn)
        return fn

    return register


def temuan(code: str, pesan: str, pesan_en: str, lokasi: Lokasi,
           diharapkan: str | None = None, ditemukan: str | None = None) -> Finding:
    """A finding of rule ``code``, with the rule's severity."""
    return Finding(code=code, tingkat=ATURAN[code].tingkat, pesan=pesan, pesan_en=pesan_en,
                   lokasi=lokasi, diharapkan=diharapkan, ditemukan=ditemukan)


def run_reviu(data: ReviuData, codes: Iterable[str] | None = None) -> list[Finding]:
    """Run the rules (all, or those named) and return their findings, most severe first."""
    selected = sorted(ATURAN) if codes is None else sorted(set(codes))
    findings: list[Finding] = []
    for code in selected:
        findings.extend(ATURAN[code].periksa(data))
    return sorted(findings, key=lambda f: (TINGKAT_URUTAN[f.tingkat], f.code, f.lokasi.bagian,
                                           f.lokasi.kunci))
