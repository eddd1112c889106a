"""The pemda's deadlines (/pemda/<id>/jadwal/<tahun>/) and the late list
(/pemda/<id>/terlambat/<tahun>/): defaults until the admin pemda sets the pemda's own dates
with their regulation; the late list on a frozen date; outsiders get a 404."""

from datetime import date

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.core.jadwal import Dokumen
from akuntabel.plans.models import PerjanjianKinerja
from akuntabel.reporting.jadwal import batas_pemda, daftar_terlambat
from akuntabel.reporting.models import BatasDokumen, PelaporanTriwulan
from akuntabel.reports.models import LaporanFinal
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db

TAHUN = 2026


@pytest.fixture
def pemda():
    return make_pemda()


@pytest.fixture
def admin(pemda):
    return make_user(Peran.ADMIN_PEMDA, pemda=pemda)


def url(pemda, nama="jadwal_pemda", tahun=TAHUN):
    return reverse(nama, args=[pemda.pk, tahun])


def form(**dates):
    """The deadlines form: every document empty (default) but those given as
    ``dokumen=(date, dasar)``."""
    data = {}
    for d in Dokumen:
        batas, dasar = dates.get(d.name, ("", ""))
        data[f"batas-{d.value}"], data[f"dasar-{d.value}"] = batas, dasar
    return data


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_defaults_until_the_pemda_sets_its_own(pemda):
    batas = batas_pemda(pemda, TAHUN)
    assert batas[Dokumen.LKJIP].batas == date(2027, 2, 28) and batas[Dokumen.LKJIP].bawaan
    assert "PermenPAN-RB 53/2014" in batas[Dokumen.LKJIP].dasar_hukum


def test_the_admin_sets_a_date_with_its_regulation(client, pemda, admin):
    client.force_login(admin)
    response = client.post(url(pemda), form(REALISASI_TW1=("2026-04-15", "Perwali 7/2026")),
                           follow=True)
    assert any("1 changed" in m or "1 diubah" in m for m in messages_of(response))
    b = batas_pemda(pemda, TAHUN)[Dokumen.REALISASI_TW1]
    assert (b.batas, b.dasar_hukum, b.bawaan, b.baku) == (
        date(2026, 4, 15), "Perwali 7/2026", False, date(2026, 4, 10))
    assert "Perwali 7/2026" in response.content.decode()
    client.post(url(pemda), form())   # emptied: back to the default
    assert not BatasDokumen.objects.filter(pemda=pemda).exists()


@pytest.mark.parametrize(("isian", "pesan"), [
    pytest.param(("2026-04-15", ""), "peraturan", id="a date without its regulation"),
    pytest.param(("15/04/2026", "Perwali 7/2026"), "15/04/2026", id="a date not YYYY-MM-DD"),
    pytest.param(("2026-04-15", "x" * 301), "300", id="a regulation too long"),
])
def test_bad_input_saves_nothing_and_names_the_document(client, pemda, admin, isian, pesan):
    client.force_login(admin)
    response = client.post(url(pemda), form(PK=("2026-01-20", "Perwali 1/2026"),
                                            REALISASI_TW2=isian))
    found = messages_of(response)
    assert any(pesan in m and ("TW II" in m) for m in found), found
    assert not BatasDokumen.objects.filter(pemda=pemda).exists()


def test_a_verifikator_reads_the_deadlines_but_may_not_set_them(client, pemda):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    assert client.get(url(pemda)).status_code == 200
    assert client.post(url(pemda), form(PK=("2026-01-20", "x"))).status_code == 403
    assert not BatasDokumen.objects.filter(pemda=pemda).exists()


def test_the_admin_sees_the_users_who_get_no_mail(client, pemda, admin):
    opd = make_opd(pemda=pemda)
    make_user(Peran.OPERATOR_OPD, opd=opd, username="tanpa-surel")
    make_user(Peran.OPERATOR_OPD, opd=opd, username="ada-surel", email="a@contoh.go.id")
    client.force_login(admin)
    names = [u.username for u in client.get(url(pemda)).context["tanpa_email"]]
    assert "tanpa-surel" in names and "ada-surel" not in names


def test_late_list_on_a_frozen_date_longest_overdue_first(pemda):
    dinsos, dinkes = make_opd(pemda=pemda, nama="Dinas Sosial"), \
        make_opd(pemda=pemda, nama="Dinas Kesehatan")
    BatasDokumen.objects.create(pemda=pemda, tahun=TAHUN, dokumen="realisasi-2",
                                batas=date(2026, 7, 20), dasar_hukum="Perwali 7/2026")
    PelaporanTriwulan.objects.create(perangkat_daerah=dinsos, tahun=TAHUN, triwulan=1,
                                     status="diverifikasi")
    PelaporanTriwulan.objects.create(perangkat_daerah=dinkes, tahun=TAHUN, triwulan=1,
                                     status="dikembalikan")   # returned: not handed in
    PelaporanTriwulan.objects.create(perangkat_daerah=dinkes, tahun=TAHUN, triwulan=2,
                                     status="diajukan")
    PerjanjianKinerja.objects.create(perangkat_daerah=dinsos, tahun=TAHUN,
                                     status="ditandatangani")
    rows = [(t.opd.nama, t.dokumen, t.hari)
            for t in daftar_terlambat(pemda, TAHUN, date(2026, 7, 25))]
    assert rows == [
        ("Dinas Kesehatan", Dokumen.PK, 175),            # due 31 January
        ("Dinas Kesehatan", Dokumen.REALISASI_TW1, 106),  # due 10 April
        ("Dinas Sosial", Dokumen.REALISASI_TW2, 5),       # the pemda's own 20 July
    ]


def test_an_lkjip_made_final_is_handed_in(pemda):
    opd = make_opd(pemda=pemda)
    hari = date(2028, 3, 1)
    assert Dokumen.LKJIP in {t.dokumen for t in daftar_terlambat(pemda, TAHUN, hari)}
    LaporanFinal.objects.create(perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip",
                                format="pdf", isi=b"%PDF", data={}, sha256="0" * 64)
    assert Dokumen.LKJIP not in {t.dokumen for t in daftar_terlambat(pemda, TAHUN, hari)}


def test_the_late_list_page(client, pemda, admin):
    make_opd(pemda=pemda, nama="Dinas Sosial")
    client.force_login(admin)
    response = client.get(url(pemda, "terlambat_pemda", 2020))   # every deadline has passed
    assert [t.opd.nama for t in response.context["rows"]] == ["Dinas Sosial"] * 6
    assert "Dinas Sosial" in response.content.decode()


@pytest.mark.parametrize("nama", ["jadwal_pemda", "terlambat_pemda"])
@pytest.mark.parametrize("who", ["operator of an OPD of the pemda", "admin of another pemda"])
def test_outsiders_get_404(client, pemda, nama, who):
    user = (make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=pemda))
            if who.startswith("operator") else make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    client.force_login(user)
    assert client.get(url(pemda, nama)).status_code == 404
    assert client.post(url(pemda, nama), form()).status_code in (404, 405)
    assert not BatasDokumen.objects.filter(pemda=pemda).exists()


def test_the_overview_and_the_opd_page_follow_the_pemdas_own_deadline(client, pemda, admin):
    from datetime import timedelta

    from django.utils import timezone
    opd = make_opd(pemda=pemda, nama="Dinas Sosial")
    today = timezone.localdate()
    tahun = today.year - 1       # by default every quarter of last year is late
    BatasDokumen.objects.create(pemda=pemda, tahun=tahun, dokumen="realisasi-1",
                                batas=today + timedelta(days=30), dasar_hukum="Perwali 1")
    client.force_login(admin)
    for page in (url(pemda, "pemda_overview", tahun),
                 reverse("opd_detail", args=[opd.pk]) + f"?tahun={tahun}"):
        body = client.get(page).content.decode()
        assert body.count("badge status-terlambat") == 3, page
        assert body.count("badge status-jatuh_tempo") == 1, page
