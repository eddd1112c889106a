"""E-mail notices of the reporting calendar: the verifikators hear of a submitted quarter, the
operators of a returned one with its note, once the change is committed; reminders and late
notices are sent once per user, document and kind however often the daily run goes; a user
who chose the daily digest gets one mail; users without an address are skipped and listed."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from akuntabel.accounts.models import Peran, PreferensiNotifikasi
from akuntabel.reporting.models import PelaporanTriwulan, Pemberitahuan
from akuntabel.reporting.notifikasi import kirim_harian
from tests.builders import make_opd, make_pemda, make_user
from tests.results.helpers import TAHUN, make_grid_opd

pytestmark = pytest.mark.django_db


@pytest.fixture
def opd():
    return make_grid_opd(2, make_opd(pemda=make_pemda(), nama="Dinas Sosial"))


@pytest.fixture
def operator(opd):
    return make_user(Peran.OPERATOR_OPD, opd=opd, username="operator", email="op@contoh.go.id")


@pytest.fixture
def verifikator(opd):
    return make_user(Peran.VERIFIKATOR, pemda=opd.pemda, username="verif",
                     email="verif@contoh.go.id")


def status(client, opd, aksi, catatan=""):
    return client.post(reverse("realisasi_status", args=[opd.pk, TAHUN, 2]),
                       {"aksi": aksi, "catatan": catatan})


def to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_submitted_quarter_is_mailed_to_the_pemdas_verifikators(
        client, opd, operator, verifikator, django_capture_on_commit_callbacks):
    other = make_user(Peran.VERIFIKATOR, pemda=make_pemda(), email="lain@contoh.go.id")
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        status(client, opd, "ajukan")
    [m] = to(verifikator.email)
    assert "Menunggu verifikasi" in m.subject and "Dinas Sosial" in m.subject
    assert "Realisasi Triwulan II" in m.body and "menunggu verifikasi Anda" in m.body
    assert reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]) in m.body
    assert not to(other.email) and not to(operator.email)


def test_a_returned_quarter_is_mailed_to_the_operators_with_the_note(
        client, opd, operator, verifikator, django_capture_on_commit_callbacks):
    client.force_login(operator)
    status(client, opd, "ajukan")
    client.force_login(verifikator)
    client.post(reverse("set_language"), {"language": "en"})   # the mail stays Indonesian
    with django_capture_on_commit_callbacks(execute=True):
        status(client, opd, "kembalikan", "Baris 2 belum ada bukti dukung")
    [m] = to(operator.email)
    assert "Dikembalikan" in m.subject
    assert "Baris 2 belum ada bukti dukung" in m.body and "Catatan verifikator" in m.body
    assert not to(verifikator.email)


def test_a_refused_transition_sends_nothing(client, opd, operator, verifikator,
                                            django_capture_on_commit_callbacks):
    client.force_login(verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        status(client, opd, "kembalikan", "")   # a draft cannot be returned; no note either
    assert mail.outbox == []


def test_a_user_without_an_address_is_skipped(client, opd, operator,
                                              django_capture_on_commit_callbacks):
    make_user(Peran.VERIFIKATOR, pemda=opd.pemda, username="tanpa-surel")
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        status(client, opd, "ajukan")
    assert mail.outbox == []


def mine(opd):
    """Only this test's pemda's mails (the demo pemda is in the database too)."""
    return [m for m in mail.outbox if opd.nama in m.subject or opd.nama in m.body]


def test_a_reminder_is_sent_once_however_often_the_daily_run_goes(opd, operator):
    kepala = make_user(Peran.KEPALA_OPD, opd=opd, email="kepala@contoh.go.id")
    kirim_harian(date(2023, 7, 4))            # TW II due 10 July: 6 days before
    kirim_harian(date(2023, 7, 5))
    kirim_harian(date(2023, 7, 5))
    reminders = [m for m in mine(opd) if "Pengingat" in m.subject]
    assert sorted(m.to[0] for m in reminders) == [kepala.email, operator.email]
    assert "10 Juli 2023" in reminders[0].body
    assert Pemberitahuan.objects.filter(user=operator, jenis="pengingat").count() == 1


def test_a_late_notice_the_day_after_the_deadline_but_none_for_what_was_submitted(opd,
                                                                                   operator):
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=1,
                                     status="diajukan")
    kirim_harian(date(2023, 7, 11))
    late = [m for m in to(operator.email) if m.subject.startswith("[Akuntabel] Terlambat")]
    assert {m.subject.split(":")[1].strip() for m in late} == {
        "Realisasi Triwulan II 2023 — Dinas Sosial", "Perjanjian Kinerja 2023 — Dinas Sosial",
        # the year before's, due in this calendar year (its TW I-III were due in 2022)
        "Realisasi Triwulan IV 2022 — Dinas Sosial", "LKjIP 2022 — Dinas Sosial"}
    mail.outbox.clear()
    kirim_harian(date(2023, 7, 12))
    assert not to(operator.email)


def test_the_digest_gathers_a_days_notices_in_one_mail(
        client, opd, operator, verifikator, django_capture_on_commit_callbacks):
    PreferensiNotifikasi.objects.create(user=verifikator, ringkasan_harian=True)
    second = make_grid_opd(2, make_opd(pemda=opd.pemda, nama="Dinas Kesehatan"))
    for unit in (opd, second):
        client.force_login(make_user(Peran.OPERATOR_OPD, opd=unit))
        with django_capture_on_commit_callbacks(execute=True):
            status(client, unit, "ajukan")
    assert not to(verifikator.email)          # nothing single
    kirim_harian(date(2023, 7, 1))
    [m] = to(verifikator.email)
    assert "Ringkasan harian: 2 pemberitahuan" in m.subject
    assert "Dinas Sosial" in m.body and "Dinas Kesehatan" in m.body
    mail.outbox.clear()
    kirim_harian(date(2023, 7, 2))
    assert not to(verifikator.email)          # sent once


def test_the_daily_command_reports_users_without_an_address(opd, operator):
    make_user(Peran.OPERATOR_OPD, opd=opd, username="tanpa-surel")
    out = StringIO()
    call_command("kirim_pengingat", "--tanggal", "2023-07-11", stdout=out)
    assert "tanpa-surel" in out.getvalue() and "pesan dikirim" in out.getvalue()
    with pytest.raises(Exception, match="tidak sah"):
        call_command("kirim_pengingat", "--tanggal", "11-07-2023", stdout=out)


def test_each_user_chooses_single_mails_or_a_digest(client, operator):
    url = reverse("akun_notifikasi")
    assert client.get(url).status_code == 302   # login first
    client.force_login(operator)
    assert client.get(url).context["ringkasan"] is False
    client.post(url, {"cara": "ringkasan"})
    assert PreferensiNotifikasi.objects.get(user=operator).ringkasan_harian
    client.post(url, {"cara": "satu"})
    assert not PreferensiNotifikasi.objects.get(user=operator).ringkasan_harian


def test_a_digest_of_reminders_names_each_deadline(opd, operator):
    PreferensiNotifikasi.objects.create(user=operator, ringkasan_harian=True)
    kirim_harian(date(2023, 7, 4))
    [m] = to(operator.email)
    assert "Pengingat batas waktu: Realisasi Triwulan II tahun 2023" in m.body
    assert "batas 10 Juli 2023" in m.body
