"""The pemda overview: every OPD's IKU capaian, serapan, completeness and report status, for
the pemda-wide roles only, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.plans.models import Indikator, Kegiatan, Program, Renstra, Rpjmd, SubKegiatan, Target
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


def url(pemda, tahun=2023, query=""):
    return reverse("pemda_overview", args=[pemda.pk, tahun]) + query


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER, Peran.ADMIN_PEMDA])
def test_pemda_wide_roles_see_the_demo_figures(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    body = client.get(url(demo_opd.pemda)).content.decode()
    for figure in ("101,39%", "94,74%", "Rp 4.825.424.420", "Rp 5.093.068.611"):
        assert figure in body, figure
    assert f'{reverse("opd_detail", args=[demo_opd.pk])}?tahun=2023' in body


def test_the_overview_leads_to_the_pemdas_own_plan_and_iku(client, demo_opd):
    """The pemda level is reached from its overview: the RPJMD, the IKU of the pemda and its
    LKjIP of the year."""
    pemda = demo_opd.pemda
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    body = client.get(url(pemda)).content.decode()
    for name in ("rpjmd_list", "iku_pemda", "kotak_masuk", "daerah:lkjip"):
        target = reverse(name, args=[pemda.pk] if name in ("rpjmd_list", "iku_pemda")
                         else [pemda.pk, 2023])
        assert f'href="{target}"' in body, name
        assert client.get(target).status_code == 200, name


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD])
def test_agency_roles_get_not_found(client, demo_opd, peran):
    client.force_login(make_user(peran, opd=demo_opd))
    assert client.get(url(demo_opd.pemda)).status_code == 404


def test_verifier_of_another_pemda_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(demo_opd.pemda)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    response = client.get(url(demo_opd.pemda))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_chosen_quarter_and_bad_input(client, demo_opd, monkeypatch):
    monkeypatch.setattr("akuntabel.web.views.timezone.localdate", lambda: date(2023, 11, 29))
    PelaporanTriwulan.objects.create(perangkat_daerah=demo_opd, tahun=2023, triwulan=1,
                                     status="diajukan")
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    body = client.get(url(demo_opd.pemda)).content.decode()
    assert "Indikator terisi TW III" in body  # default: the last quarter ended
    assert "status-diajukan" in body and "status-terlambat" in body
    assert "Indikator terisi TW II" in client.get(
        url(demo_opd.pemda, query="?triwulan=2")).content.decode()
    for bad in ("?triwulan=9", "?triwulan=x"):
        assert "Indikator terisi TW III" in client.get(
            url(demo_opd.pemda, query=bad)).content.decode()


def make_filled_opd(pemda, n, tahun=2023):
    """An OPD with two IKU (target, annual and TW I realisasi), a one-sub-kegiatan DPA and a
    report status."""
    opd = make_opd(pemda=pemda, nama=f"Dinas {n:02d}")
    rpjmd, _ = Rpjmd.objects.get_or_create(pemda=pemda, tahun_awal=2021,
                                           defaults={"tahun_akhir": 2026, "visi": "Visi"})
    renstra = Renstra.objects.create(perangkat_daerah=opd, rpjmd=rpjmd, tahun_awal=2021,
                                     tahun_akhir=2026)
    program = Program.objects.create(renstra=renstra, kode="1.01.01", nama="Program")
    kegiatan = Kegiatan.objects.create(program=program, kode="1.01.01.2.01", nama="Kegiatan")
    sub = SubKegiatan.objects.create(kegiatan=kegiatan, kode="1.01.01.2.01.0001", nama="Sub")
    dpa = Dpa.objects.create(perangkat_daerah=opd, tahun=tahun)
    DpaSubKegiatan.objects.create(dpa=dpa, sub_kegiatan=sub, pagu=Decimal(1000),
                                  realisasi=Decimal(900 + n))
    for i in range(2):
        ind = Indikator.objects.create(perangkat_daerah=opd, program=program, iku=True,
                                       uraian=f"IKU {i}", satuan="%", urutan=i)
        Target.objects.create(indikator=ind, jenis="pk", tahun=tahun, nilai=Decimal(80))
        Realisasi.objects.create(indikator=ind, tahun=tahun, nilai=Decimal(70 + n))
        Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=1, nilai=Decimal(10))
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=tahun, triwulan=1,
                                     status="diverifikasi")
    return opd


def _queries(client, pemda):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(pemda, query="?triwulan=1"))
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_the_same_number_of_queries_for_2_and_6_agencies(client):
    small, large = make_pemda(), make_pemda()
    for n in range(2):
        make_filled_opd(small, n)
    for n in range(6):
        make_filled_opd(large, n)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=small))
    n_small, _ = _queries(client, small)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=large))
    n_large, body = _queries(client, large)
    assert n_large == n_small
    assert body.count('class="badge status-diverifikasi"') == 6
    assert "2 / 2" in body  # TW I: both IKU of each agency have a realisasi
    assert "90,50%" in body  # serapan of Dinas 05: 905 / 1000


def test_an_agency_name_is_escaped_in_its_row(client):
    pemda = make_pemda()
    make_opd(pemda, nama='Dinas <script>alert("x")</script> & Kebersihan')
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    body = client.get(url(pemda)).content.decode()
    assert "<script>alert" not in body
    assert "Dinas &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Kebersihan" in body


def test_a_pemda_without_agencies_says_so(client):
    pemda = make_pemda()
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    body = client.get(url(pemda)).content.decode()
    assert "Pemda ini belum memiliki perangkat daerah." in body
