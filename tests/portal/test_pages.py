"""The portal's pages answer anonymously and show only what is published or verified."""

import itertools
import re
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.urls import reverse

from akuntabel.accounts.access import hak_for
from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.reporting import workflow
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.revisi.services import naikkan_opd
from tests.builders import make_kegiatan, make_program, make_sub_kegiatan, make_target
from tests.portal.conftest import DRAF, DRAF_TAMPIL, lapor

pytestmark = pytest.mark.django_db


def pages(p):
    pemda = p["pemda"]
    return [reverse("portal:beranda", args=[pemda.pk]) + "?tahun=2026",
            reverse("portal:opd", args=[pemda.pk, p["dinsos"].pk]) + "?tahun=2026",
            reverse("portal:beranda", args=[pemda.pk]) + f"?tahun=2026&opd={p['dinsos'].pk}"]


def never_private(body, p):
    assert DRAF not in body and DRAF_TAMPIL not in body and "8765" not in body
    assert "Indikator embargo Dinkes" not in body and "5555" not in body
    assert p["draf"].sha256 not in body
    assert reverse("laporan_final_download", args=[p["draf"].pk]) not in body


def test_every_page_answers_anonymously_with_what_is_public(client, portal):
    for url in pages(portal):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Persentase PPKS tertangani portal" in body
        assert "4.321,5" in body   # the verified TW I
        assert portal["terbit"].sha256 in body
        assert reverse("verifikasi") in body
        never_private(body, portal)


def test_the_home_shows_the_vision_and_the_pemda_iku(client, portal):
    body = client.get(reverse("portal:beranda", args=[portal["pemda"].pk])
                      + "?tahun=2026").content.decode()
    assert "Kota Uji yang terbuka dan akuntabel" in body
    assert "Jumlah PPKS yang ditangani" in body   # the pemda's IKU


def test_an_unverified_year_shows_no_annual_figure_until_its_quarters_are(client, portal,
                                                                          verifikator):
    url = pages(portal)[1]
    body = client.get(url).content.decode()
    assert "13.086,93" not in body   # TW I + TW II: TW II is not verified
    workflow.apply_action(portal["dinsos"], 2026, 2, "verifikasi", user=verifikator,
                          hak=hak_for(verifikator, portal["dinsos"]))
    body = client.get(url).content.decode()   # the cache is keyed by the revision
    assert "13.086,93" in body and DRAF_TAMPIL in body


def test_a_publication_shows_at_once(client, portal):
    url = pages(portal)[0]
    assert portal["draf"].sha256 not in client.get(url).content.decode()
    portal["draf"].dipublikasikan = True
    portal["draf"].save()
    assert portal["draf"].sha256 in client.get(url).content.decode()


def test_a_hidden_indicator_is_shown_again_when_its_agency_shows_it(client, portal):
    url = pages(portal)[0]
    assert "Indikator embargo Dinkes" not in client.get(url).content.decode()
    portal["hidden"].tampil_publik = True
    portal["hidden"].save()
    # the net (revisi.jaring) advances the revision of a write in its own transaction; the
    # test's one transaction already advanced it, so the write's revision is advanced here
    naikkan_opd(portal["dinkes"])
    assert "Indikator embargo Dinkes" in client.get(url).content.decode()


def test_the_pages_are_served_from_the_cache_between_writes(client, portal,
                                                            django_assert_max_num_queries):
    url = pages(portal)[0]
    client.get(url)
    with django_assert_max_num_queries(4):   # the pemda, its revision, its published finals
        assert client.get(url).status_code == 200


def test_another_release_of_the_code_never_serves_a_page_cached_by_the_old_one(
        client, portal, monkeypatch):
    url = pages(portal)[0]
    client.get(url)
    monkeypatch.setattr("akuntabel.portal.views.versi_kode", lambda: "another-release")
    with monkeypatch.context() as m:
        m.setattr("akuntabel.portal.views.render", lambda *a, **k: HttpResponse("recomputed"))
        assert client.get(url).content == b"recomputed"


def test_one_h1_headings_in_order_captions_and_named_charts(client, portal):
    for url in pages(portal):
        body = client.get(url).content.decode()
        assert body.count("<h1") == 1
        levels = [int(n) for n in re.findall(r"<h([1-6])", body)]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
        assert body.count("<table") == len(re.findall(r"<caption[ >]", body))
        svgs = re.findall(r"<svg[^>]*>", body)
        assert svgs
        for svg in svgs:
            ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
            for i in ids:
                assert re.search(rf'<(title|desc) id="{i}">[^<]+<', body)


def test_a_filter_is_a_shareable_link(client, portal):
    url = (reverse("portal:beranda", args=[portal["pemda"].pk])
           + f"?tahun=2026&opd={portal['dinkes'].pk}")
    body = client.get(url).content.decode()
    assert "Persentase PPKS tertangani portal" not in body   # Dinas Sosial's, filtered out
    assert f'<option value="{portal["dinkes"].pk}" selected>' in body


def test_the_published_reports_list_links_to_the_portal(client, portal):
    body = client.get(reverse("publikasi")).content.decode()
    assert reverse("portal:beranda", args=[portal["pemda"].pk]) in body


def test_an_unknown_pemda_or_agency_is_404(client, portal):
    assert client.get(reverse("portal:beranda", args=[99999])).status_code == 404
    assert client.get(reverse("portal:opd", args=[portal["pemda"].pk, 99999])).status_code == 404


def test_spending_shows_only_once_the_fourth_quarter_is_verified(client, portal,
                                                                 verifikator):
    dinsos = portal["dinsos"]
    renstra = portal["ind"].sasaran.tujuan.renstra
    sub = make_sub_kegiatan(make_kegiatan(make_program(renstra)))
    DpaSubKegiatan.objects.create(dpa=Dpa.objects.create(perangkat_daerah=dinsos, tahun=2026),
                                  sub_kegiatan=sub, pagu=Decimal("987654321"),
                                  realisasi=Decimal("123456789"))
    url = pages(portal)[1]
    body = client.get(url).content.decode()
    assert "987.654.321" in body and "123.456.789" not in body   # TW IV not verified
    lapor(dinsos, 4, PelaporanTriwulan.Status.DIAJUKAN)
    workflow.apply_action(dinsos, 2026, 4, "verifikasi", user=verifikator,
                          hak=hak_for(verifikator, dinsos))
    assert "123.456.789" in client.get(url).content.decode()


def test_a_verified_quarter_shows_its_target_and_capaian(client, portal):
    make_target(portal["ind"], "2000", tahun=2026, triwulan=1)   # TW I: 4321,5 of 2000
    make_target(portal["ind"], "3000", tahun=2026, triwulan=2)   # TW II: not verified
    naikkan_opd(portal["dinsos"])   # the test's one transaction: see above
    body = client.get(pages(portal)[1]).content.decode()
    assert "216,08" in body              # 4321,5 / 2000 × 100
    assert "292,18" not in body          # 8765,43 / 3000 × 100: TW II is not verified


def test_a_browser_revalidates_and_gets_a_new_page_after_a_verification(client, portal,
                                                                        verifikator):
    url = pages(portal)[1]
    first = client.get(url)
    assert first["Cache-Control"] == "public, no-cache"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    workflow.apply_action(portal["dinsos"], 2026, 2, "verifikasi", user=verifikator,
                          hak=hak_for(verifikator, portal["dinsos"]))
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
