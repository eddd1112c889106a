"""Default deadlines of every document of the year and the notices they call for
(akuntabel.core.jadwal): case tables a planner can read."""

from datetime import date

import pytest

from akuntabel.core.jadwal import (
    AturanBatas,
    Dokumen,
    batas_baku,
    hari_terlambat,
    jenis_pemberitahuan,
)

D = Dokumen


@pytest.mark.parametrize(("dokumen", "tahun", "aturan", "batas"), [
    pytest.param(D.REALISASI_TW1, 2026, AturanBatas(), date(2026, 4, 10),
                 id="realisasi TW I is due on 10 April"),
    pytest.param(D.REALISASI_TW4, 2026, AturanBatas(), date(2027, 1, 10),
                 id="realisasi TW IV is due on 10 January of the next year"),
    pytest.param(D.REALISASI_TW2, 2026, AturanBatas(hari=20), date(2026, 7, 20),
                 id="a pemda's own day moves the realisasi deadline"),
    pytest.param(D.PK, 2026, AturanBatas(), date(2026, 1, 31),
                 id="the PK is due on 31 January of its year"),
    pytest.param(D.LKJIP, 2026, AturanBatas(), date(2027, 2, 28),
                 id="the LKjIP is due at the end of February of the next year"),
    pytest.param(D.LKJIP, 2027, AturanBatas(), date(2028, 2, 29),
                 id="the LKjIP of a year before a leap year is due on 29 February"),
])
def test_default_deadline_of_a_document(dokumen, tahun, aturan, batas):
    assert batas_baku(dokumen, tahun, aturan).batas == batas


@pytest.mark.parametrize(("dokumen", "kata"), [
    pytest.param(D.LKJIP, "PermenPAN-RB 53/2014", id="the LKjIP deadline cites its regulation"),
    pytest.param(D.PK, "Ketentuan bawaan Akuntabel",
                 id="the PK deadline says it is a convention of this application"),
    pytest.param(D.REALISASI_TW3, "Ketentuan bawaan Akuntabel",
                 id="the realisasi deadline says it is a convention of this application"),
])
def test_every_default_states_its_basis(dokumen, kata):
    assert kata in batas_baku(dokumen, 2026).dasar_hukum


@pytest.mark.parametrize(("dokumen", "triwulan"), [
    pytest.param(D.REALISASI_TW3, 3, id="realisasi TW III is of triwulan 3"),
    pytest.param(D.LKJIP, None, id="the LKjIP is of no triwulan"),
])
def test_triwulan_of_a_document(dokumen, triwulan):
    assert dokumen.triwulan == triwulan


@pytest.mark.parametrize(("today", "hari"), [
    pytest.param(date(2026, 4, 9), 0, id="the day before the deadline -> not late"),
    pytest.param(date(2026, 4, 10), 0, id="the deadline day itself -> not late"),
    pytest.param(date(2026, 4, 11), 1, id="the day after the deadline -> 1 day late"),
    pytest.param(date(2026, 5, 10), 30, id="a month after -> 30 days late"),
])
def test_days_late(today, hari):
    assert hari_terlambat(date(2026, 4, 10), today) == hari


BATAS = date(2026, 4, 10)


@pytest.mark.parametrize(("today", "diserahkan", "jenis"), [
    pytest.param(date(2026, 4, 2), False, None,
                 id="eight days before with a 7-day reminder -> nothing yet"),
    pytest.param(date(2026, 4, 3), False, "pengingat",
                 id="seven days before -> a reminder"),
    pytest.param(date(2026, 4, 10), False, "pengingat",
                 id="on the deadline day -> still a reminder"),
    pytest.param(date(2026, 4, 11), False, "terlambat",
                 id="the day after the deadline -> a late notice"),
    pytest.param(date(2026, 4, 11), True, None,
                 id="handed in -> no notice whatever the date"),
])
def test_which_notice_a_document_calls_for(today, diserahkan, jenis):
    assert jenis_pemberitahuan(BATAS, today, diserahkan, 7) == jenis


def test_a_negative_reminder_period_is_refused():
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        jenis_pemberitahuan(BATAS, date(2026, 4, 1), False, -1)


@pytest.mark.parametrize(("batas", "status"), [
    pytest.param(None, "terlambat", id="TW I on 20 April with the default 10 April -> late"),
    pytest.param(date(2026, 4, 30), "jatuh_tempo",
                 id="TW I on 20 April with the pemda's own 30 April -> due, not late"),
])
def test_a_pemdas_own_deadline_decides_the_status(batas, status):
    from akuntabel.core.jadwal import jadwal_tahun

    tw1 = jadwal_tahun(2026, date(2026, 4, 20), {}, batas={1: batas} if batas else None)[0]
    assert tw1.status.value == status
