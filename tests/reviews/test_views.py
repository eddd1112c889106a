"""The reviu page: who reads it, who may explain a finding, and what an explanation does."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.reviews.models import Penjelasan
from akuntabel.reviews.services import review
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


def url(opd, tahun=2023):
    return reverse("reviu", args=[opd.pk, tahun])


def explain_url(opd, tahun=2023):
    return reverse("reviu_explain", args=[opd.pk, tahun])


def test_owner_reads_the_findings_with_their_codes_and_values(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    first = review(demo_opd, 2023)[0].finding
    body = client.get(url(demo_opd)).content.decode()
    assert first.code in body
    assert "Reviu otomatis laporan tahun 2023" in body


@pytest.mark.parametrize("peran", [Peran.REVIEWER, Peran.VERIFIKATOR, Peran.ADMIN_PEMDA])
def test_pemda_wide_roles_read_the_findings(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    assert client.get(url(demo_opd)).status_code == 200


def test_outsiders_get_not_found(client, demo_opd):
    assert_hidden_from_outsiders(client, url(demo_opd), demo_opd)


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    assert_sends_anonymous_to_login(client, url(demo_opd))


def test_a_year_without_renstra_is_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd, 2030)).status_code == 404


def test_filters_narrow_the_list(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    errors = [t for t in review(demo_opd, 2023) if t.finding.tingkat == "error"]
    body = client.get(url(demo_opd) + "?tingkat=error").content.decode()
    assert body.count('<tr class="tingkat-error"') == len(errors) > 0


def test_reviewer_marks_a_finding_explained_and_it_stays_explained(client, demo_opd):
    reviewer = make_user(Peran.REVIEWER, pemda=demo_opd.pemda)
    client.force_login(reviewer)
    finding = review(demo_opd, 2023)[0].finding
    response = client.post(explain_url(demo_opd), {"sidik_jari": finding.sidik_jari,
                                                   "catatan": "Sudah dikonfirmasi ke BPKAD."})
    assert response.status_code == 302
    again = next(t for t in review(demo_opd, 2023) if t.finding.sidik_jari == finding.sidik_jari)
    assert again.explained
    assert again.penjelasan.created_by == reviewer
    assert "Sudah dikonfirmasi ke BPKAD." in client.get(url(demo_opd)).content.decode()


def test_a_new_explanation_withdraws_the_old_one_and_keeps_both(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    finding = review(demo_opd, 2023)[0].finding
    for catatan in ("Pertama.", "Kedua."):
        client.post(explain_url(demo_opd), {"sidik_jari": finding.sidik_jari,
                                            "catatan": catatan})
    kept = Penjelasan.objects.filter(sidik_jari=finding.sidik_jari).order_by("created_at")
    assert [p.catatan for p in kept] == ["Pertama.", "Kedua."]
    assert kept[0].dicabut_at is not None and kept[1].dicabut_at is None


def test_an_empty_explanation_is_refused_and_nothing_is_saved(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    finding = review(demo_opd, 2023)[0].finding
    response = client.post(explain_url(demo_opd), {"sidik_jari": finding.sidik_jari,
                                                   "catatan": "   "}, follow=True)
    assert "Penjelasan wajib diisi." in response.content.decode()
    assert not Penjelasan.objects.exists()


def test_an_unknown_fingerprint_is_refused_with_a_message(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.post(explain_url(demo_opd), {"sidik_jari": "tidakada",
                                                   "catatan": "x"}, follow=True)
    assert "Temuan ini tidak ada lagi" in response.content.decode()
    assert not Penjelasan.objects.exists()


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR])
def test_a_role_that_only_reads_may_not_explain(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    finding = review(demo_opd, 2023)[0].finding
    response = client.post(explain_url(demo_opd), {"sidik_jari": finding.sidik_jari,
                                                   "catatan": "x"})
    assert response.status_code == 403
    assert not Penjelasan.objects.exists()


def test_an_outsider_may_not_explain(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    finding = review(demo_opd, 2023)[0].finding
    response = client.post(explain_url(demo_opd), {"sidik_jari": finding.sidik_jari,
                                                   "catatan": "x"})
    assert response.status_code == 404
    assert not Penjelasan.objects.exists()


def test_explaining_needs_post(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(explain_url(demo_opd)).status_code == 405


def test_each_finding_links_to_where_it_can_be_fixed(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    finding = next(t.finding for t in review(demo_opd, 2023)
                   if t.finding.lokasi.kunci == "narasi:penutup")
    body = client.get(url(demo_opd)).content.decode()
    row = body.split(f'id="temuan-{finding.sidik_jari}"')[1].split("</tr>")[0]
    assert reverse("lakip_narasi_edit", args=[demo_opd.pk, 2023, "penutup"]) in row
    official = next(t.finding for t in review(demo_opd, 2023)
                    if t.finding.lokasi.kunci.startswith("pejabat:"))
    row = body.split(f'id="temuan-{official.sidik_jari}"')[1].split("</tr>")[0]
    assert 'class="lokasi-link"' not in row


def test_the_page_shows_the_agency_sections(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    assert '<nav class="opd-nav"' in body
    assert f'href="{url(demo_opd)}" aria-current="page"' in body


def test_the_number_of_queries_does_not_grow_with_the_findings_shown(client, demo_opd):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    client.get(url(demo_opd))

    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url(demo_opd) + query)
        return len(ctx.captured_queries)

    assert count("?kelompok=struktur") == count("")
