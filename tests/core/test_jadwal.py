"""The quarterly reporting calendar (akuntabel.core.jadwal): a case table a planner can read."""

from datetime import date

import pytest

from akuntabel.core.jadwal import (
    AturanBatas,
    StatusJadwal,
    batas_lapor,
    jadwal_tahun,
    jadwal_triwulan,
    triwulan_pelaporan,
)

S = StatusJadwal


@pytest.mark.parametrize(("triwulan", "aturan", "batas"), [
    pytest.param(1, AturanBatas(), date(2026, 4, 10), id="TW I is due on 10 April"),
    pytest.param(2, AturanBatas(), date(2026, 7, 10), id="TW II is due on 10 July"),
    pytest.param(3, AturanBatas(), date(2026, 10, 10), id="TW III is due on 10 October"),
    pytest.param(4, AturanBatas(), date(2027, 1, 10),
                 id="TW IV is due on 10 January of the next year"),
    pytest.param(1, AturanBatas(hari=15), date(2026, 4, 15),
                 id="a pemda that sets day 15 gets 15 April"),
    pytest.param(1, AturanBatas(hari=31), date(2026, 4, 30),
                 id="day 31 in a 30-day month is the month's last day"),
])
def test_deadline_of_a_triwulan(triwulan, aturan, batas):
    assert batas_lapor(2026, triwulan, aturan) == batas


@pytest.mark.parametrize(("triwulan", "today", "status", "expected"), [
    pytest.param(2, date(2026, 3, 1), None, S.BELUM_DIMULAI,
                 id="draft before the quarter starts -> belum dimulai"),
    pytest.param(2, date(2026, 5, 1), None, S.BERJALAN,
                 id="draft in the middle of the quarter -> berjalan"),
    pytest.param(2, date(2026, 6, 26), "draft", S.JATUH_TEMPO,
                 id="draft 14 days before the deadline -> jatuh tempo"),
    pytest.param(2, date(2026, 6, 25), "draft", S.BERJALAN,
                 id="draft 15 days before the deadline -> still berjalan"),
    pytest.param(2, date(2026, 7, 1), None, S.JATUH_TEMPO,
                 id="draft after the quarter ended, before the deadline -> jatuh tempo"),
    pytest.param(2, date(2026, 7, 10), None, S.JATUH_TEMPO,
                 id="draft on the deadline day itself -> jatuh tempo, not yet late"),
    pytest.param(2, date(2026, 7, 11), None, S.TERLAMBAT,
                 id="draft the day after the deadline -> terlambat"),
    pytest.param(4, date(2027, 2, 1), None, S.TERLAMBAT,
                 id="TW IV draft in February of the next year -> terlambat"),
    pytest.param(2, date(2026, 7, 11), "diajukan", S.DIAJUKAN,
                 id="submitted after the deadline -> diajukan, the date no longer matters"),
    pytest.param(2, date(2026, 5, 1), "diajukan", S.DIAJUKAN,
                 id="submitted early -> diajukan"),
    pytest.param(2, date(2026, 8, 1), "diverifikasi", S.DIVERIFIKASI,
                 id="verified -> diverifikasi"),
    pytest.param(2, date(2026, 8, 1), "dikembalikan", S.DIKEMBALIKAN,
                 id="returned by the verifikator -> dikembalikan"),
])
def test_status_of_a_triwulan_on_a_day(triwulan, today, status, expected):
    assert jadwal_triwulan(2026, triwulan, today, status).status == expected


def test_a_returned_report_past_its_deadline_says_so():
    j = jadwal_triwulan(2026, 1, date(2026, 5, 1), "dikembalikan")
    assert j.status == S.DIKEMBALIKAN
    assert j.lewat_batas
    assert j.sisa_hari == -21


def test_a_shorter_warning_keeps_the_quarter_running_longer():
    aturan = AturanBatas(peringatan_hari=3)
    assert jadwal_triwulan(2026, 2, date(2026, 6, 26), None, aturan).status == S.BERJALAN
    assert jadwal_triwulan(2026, 2, date(2026, 7, 7), None, aturan).status == S.JATUH_TEMPO


def test_the_year_lists_four_triwulans_missing_ones_are_drafts():
    jadwal = jadwal_tahun(2026, date(2026, 11, 29), {1: "diverifikasi", 2: "dikembalikan"})
    assert [j.status for j in jadwal] == [S.DIVERIFIKASI, S.DIKEMBALIKAN, S.TERLAMBAT,
                                          S.BERJALAN]


@pytest.mark.parametrize(("today", "triwulan"), [
    pytest.param(date(2026, 2, 1), 1, id="before the first quarter ends -> TW I"),
    pytest.param(date(2026, 4, 1), 1, id="after TW I ended -> TW I"),
    pytest.param(date(2026, 11, 29), 3, id="in November -> TW III, the last quarter ended"),
    pytest.param(date(2027, 3, 1), 4, id="after the year -> TW IV"),
    pytest.param(date(2025, 6, 1), 1, id="before the year -> TW I"),
])
def test_triwulan_being_reported(today, triwulan):
    assert triwulan_pelaporan(2026, today) == triwulan


@pytest.mark.parametrize(("kwargs", "pesan"), [
    pytest.param({"hari": 0}, "antara 1 dan 31", id="day 0 is refused"),
    pytest.param({"hari": 32}, "antara 1 dan 31", id="day 32 is refused"),
    pytest.param({"peringatan_hari": -1}, "negatif", id="a negative warning is refused"),
])
def test_bad_rules_are_refused_in_indonesian(kwargs, pesan):
    with pytest.raises(ValueError, match=pesan):
        AturanBatas(**kwargs)


@pytest.mark.parametrize(("triwulan", "status"), [
    pytest.param(5, None, id="triwulan 5 does not exist"),
    pytest.param(1, "selesai", id="an unknown status is refused"),
    pytest.param(1, "terlambat", id="a computed status is not a report status"),
])
def test_bad_input_is_refused(triwulan, status):
    with pytest.raises(ValueError):
        jadwal_triwulan(2026, triwulan, date(2026, 5, 1), status)
