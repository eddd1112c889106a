"""The agency page: owner reads it; an outsider and an anonymous visitor do not."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


def url(opd):
    return reverse("opd_detail", args=[opd.pk])


def test_owner_sees_iku_and_budget_figures_in_indonesian_format(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    for figure in ("Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%", "92,77%", "101,39%",
                   "Sangat Tinggi", "13.415", "14.460"):
        assert figure in body, figure
    assert "bukan ukuran capaian kinerja" in body  # serapan labelled as what it is
    assert "13.415 ÷ 14.460 × 100" in body  # the IKU's inputs, as a person reads them


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER, Peran.ADMIN_PEMDA])
def test_pemda_wide_roles_read_every_agency_of_their_pemda(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    assert client.get(url(demo_opd)).status_code == 200


def test_operator_of_another_agency_gets_not_found(client, demo_opd):
    other = make_opd(pemda=demo_opd.pemda)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=other))
    assert client.get(url(demo_opd)).status_code == 404


def test_verifier_of_another_pemda_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(demo_opd)).status_code == 404


def test_user_without_membership_gets_not_found(client, demo_opd):
    client.force_login(make_user())
    assert client.get(url(demo_opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    response = client.get(url(demo_opd))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_bad_year_does_not_crash(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd) + "?tahun=abc").status_code == 200
    assert client.get(url(demo_opd) + "?tahun=1999").status_code == 200


def test_not_found_page_is_indonesian_and_says_nothing_of_the_agency(client, demo_opd):
    client.force_login(make_user())
    body = client.get(url(demo_opd)).content.decode()
    assert "Halaman tidak ditemukan" in body
    assert demo_opd.nama not in body


# The dashboard: section nav, IKU cards, the quarter calendar, links.

from datetime import date  # noqa: E402

from akuntabel.reporting.models import PelaporanTriwulan  # noqa: E402


def _dashboard(client, opd, today=None, monkeypatch=None, query="?tahun=2023"):
    if today is not None:
        monkeypatch.setattr("akuntabel.web.views.timezone.localdate", lambda: today)
    return client.get(url(opd) + query).content.decode()


def test_dashboard_shows_the_section_nav_and_a_coloured_iku_card(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = _dashboard(client, demo_opd)
    assert 'class="opd-nav"' in body and 'aria-current="page"' in body
    assert 'class="kartu pita-1"' in body  # Sangat Tinggi is the top band of the scale
    assert reverse("anggaran", args=[demo_opd.pk, 2023]) in body


def test_each_quarter_shows_its_status_from_the_report_and_the_date(client, demo_opd,
                                                                    monkeypatch):
    PelaporanTriwulan.objects.create(perangkat_daerah=demo_opd, tahun=2023, triwulan=1,
                                     status="diverifikasi")
    PelaporanTriwulan.objects.create(perangkat_daerah=demo_opd, tahun=2023, triwulan=2,
                                     status="dikembalikan")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = _dashboard(client, demo_opd, date(2023, 10, 5), monkeypatch)
    assert "status-diverifikasi" in body and "status-dikembalikan" in body
    assert "status-jatuh_tempo" in body  # TW III: due 10 Oktober, 5 days left
    assert "5 hari lagi" in body and "10 Oktober 2023" in body
    assert "status-berjalan" in body  # TW IV is running


def test_a_quarter_past_its_deadline_is_late(client, demo_opd, monkeypatch):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = _dashboard(client, demo_opd, date(2024, 2, 1), monkeypatch)
    assert body.count('class="badge status-terlambat"') == 4
    assert "terlambat 22 hari" in body  # TW IV: due 10 Januari 2024


def test_completeness_counts_indicators_with_a_quarterly_realisasi(client, demo_opd):
    from akuntabel.plans.models import Indikator
    from akuntabel.results.models import Realisasi
    expected = Indikator.objects.filter(perangkat_daerah=demo_opd,
                                        target__tahun=2023).distinct()
    Realisasi.objects.create(indikator=expected.first(), tahun=2023, triwulan=2, nilai=5)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = _dashboard(client, demo_opd)
    assert f"1 / {expected.count()}" in body
    assert f"0 / {expected.count()}" in body


def test_the_pemda_overview_link_is_for_pemda_wide_roles_only(client, demo_opd):
    link = reverse("pemda_overview", args=[demo_opd.pemda.pk, 2023])
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert link not in _dashboard(client, demo_opd)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    assert link in _dashboard(client, demo_opd)


def test_the_review_is_linked_not_run(client, demo_opd, django_assert_max_num_queries):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    with django_assert_max_num_queries(40):
        body = _dashboard(client, demo_opd)
    assert reverse("reviu", args=[demo_opd.pk, 2023]) in body


def test_the_iku_figures_are_those_of_the_single_indicator_service(demo_opd):
    from akuntabel.plans.models import Indikator
    from akuntabel.references.services import skala_for
    from akuntabel.results.capaian import compute_capaian_indikator
    from akuntabel.web.ikhtisar import capaian_iku
    skala = skala_for(demo_opd.pemda, date(2023, 12, 31))
    batch = capaian_iku([demo_opd.pk], 2023, skala)[demo_opd.pk]
    one = [compute_capaian_indikator(i, 2023, skala)
           for i in Indikator.objects.filter(perangkat_daerah=demo_opd, iku=True)]
    assert batch == one and batch


def test_the_pemda_sets_its_own_deadline_day(client, demo_opd, settings):
    settings.AKUNTABEL_BATAS_LAPOR_HARI = 15
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = _dashboard(client, demo_opd)
    assert "15 April 2023" in body and "10 April 2023" not in body
    assert "tanggal 15 bulan sesudah triwulan" in body
