"""The rules of the evaluation's follow-up and of what the LHE prints: which moves of a
recommendation's status are allowed to whom, when one is overdue, which criteria "should be
improved", and the change of a score from last year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.core.rekomendasi import (
    BATAS_PERLU_DISEMPURNAKAN,
    langkah_boleh,
    perlu_disempurnakan,
    perubahan_nilai,
    terlambat,
)

D = Decimal


@pytest.mark.parametrize("status, langkah, pihak, boleh", [
    ("terbuka", "tindak_lanjut", "opd", True),
    ("tidak_diterima", "tindak_lanjut", "opd", True),
    ("proses", "tindak_lanjut", "opd", True),
    ("selesai", "tindak_lanjut", "opd", False),
    ("terbuka", "tindak_lanjut", "penilai", False),
    ("proses", "terima", "penilai", True),
    ("proses", "tolak", "penilai", True),
    ("terbuka", "terima", "penilai", False),
    ("selesai", "tolak", "penilai", False),
    ("proses", "terima", "opd", False),
    ("selesai", "buka_kembali", "penilai", True),
    ("terbuka", "buka_kembali", "penilai", False),
], ids=[
    "the OPD follows up an open recommendation",
    "the OPD follows up again after the reviewer did not accept",
    "the OPD adds to a follow-up not yet decided",
    "a recommendation followed up and accepted is not followed up again",
    "the reviewer does not follow up for the OPD",
    "the reviewer accepts a follow-up waiting for him",
    "the reviewer does not accept a follow-up waiting for him",
    "nothing to accept while the OPD has done nothing",
    "an accepted follow-up is not refused afterwards",
    "the OPD does not accept its own follow-up",
    "the reviewer reopens an accepted follow-up",
    "an open recommendation is not reopened",
])
def test_langkah_boleh(status, langkah, pihak, boleh):
    assert langkah_boleh(status, langkah, pihak) is boleh


@pytest.mark.parametrize("batas, status, hari_ini, hasil", [
    (date(2024, 6, 30), "terbuka", date(2024, 7, 1), True),
    (date(2024, 6, 30), "terbuka", date(2024, 6, 30), False),
    (date(2024, 6, 30), "tidak_diterima", date(2024, 8, 1), True),
    (date(2024, 6, 30), "proses", date(2024, 8, 1), False),
    (date(2024, 6, 30), "selesai", date(2024, 8, 1), False),
    (None, "terbuka", date(2024, 8, 1), False),
], ids=[
    "open the day after its due date -> overdue",
    "open on its due date -> not yet overdue",
    "a follow-up not accepted after the due date -> overdue",
    "a follow-up waiting for the reviewer -> not the OPD's delay",
    "followed up -> never overdue",
    "no due date -> never overdue",
])
def test_terlambat(batas, status, hari_ini, hasil):
    assert terlambat(batas, status, hari_ini) is hasil


@pytest.mark.parametrize("persen, hasil", [
    (D(0), True), (D(50), True), (D("69.99"), True), (D(70), False), (D(100), False),
    (None, True),
], ids=["E (0 %) -> to improve", "C (50 %) -> to improve", "just under B -> to improve",
        "B (70 %) -> not listed", "AA -> not listed", "not graded -> to improve"])
def test_perlu_disempurnakan(persen, hasil):
    assert BATAS_PERLU_DISEMPURNAKAN == D(70)
    assert perlu_disempurnakan(persen) is hasil


@pytest.mark.parametrize("sekarang, lalu, hasil", [
    (D("72.155"), D("65.50"), D("6.66")),
    (D("60"), D("65.5"), D("-5.50")),
    (D("60"), None, None),
    (None, D("60"), None),
], ids=["a rise, rounded half-up at two decimals", "a fall is negative",
        "no evaluation last year -> no change", "no score this year -> no change"])
def test_perubahan_nilai(sekarang, lalu, hasil):
    assert perubahan_nilai(sekarang, lalu) == hasil
