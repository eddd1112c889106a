"""Publication of final LKjIP: the head of the agency publishes or withdraws a final (audited);
the public page lists published finals only, without login."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.reports.models import LaporanFinal
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


def make_final(opd, isi=b"%PDF-1.7 uji", tahun=2023, dokumen="lakip", **overrides):
    return LaporanFinal.objects.create(
        perangkat_daerah=opd, tahun=tahun, dokumen=dokumen, format="pdf", isi=isi, data={},
        sha256=hashlib.sha256(isi).hexdigest(), **overrides)


def toggle_url(final):
    return reverse("laporan_final_publikasi", args=[final.pk])


def test_the_public_page_lists_published_finals_and_never_unpublished_ones(client, demo_opd):
    shown = make_final(demo_opd, b"%PDF terbit", dipublikasikan=True)
    hidden = make_final(demo_opd, b"%PDF rahasia")
    other = make_final(make_opd(nama="Dinas Tersembunyi"), b"%PDF lain")
    response = client.get(reverse("publikasi"))  # anonymous
    assert response.status_code == 200
    body = response.content.decode()
    assert shown.sha256 in body
    assert reverse("laporan_final_download", args=[shown.pk]) in body
    assert "Dinas Sosial Kota Metro" in body and "Kota Metro" in body
    for final in (hidden, other):
        assert final.sha256 not in body
        assert reverse("laporan_final_download", args=[final.pk]) not in body
    assert "Dinas Tersembunyi" not in body


def test_a_visitor_downloads_a_published_final_exactly(client, demo_opd):
    final = make_final(demo_opd, b"%PDF terbit", dipublikasikan=True)
    response = client.get(reverse("laporan_final_download", args=[final.pk]))
    assert response.status_code == 200
    assert response.content == b"%PDF terbit"
    assert response["X-Content-SHA256"] == final.sha256


def test_the_public_page_uses_a_fixed_number_of_queries(client, demo_opd):
    make_final(demo_opd, dipublikasikan=True)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("publikasi")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(6):
        make_final(make_opd(), f"%PDF {i}".encode(), dipublikasikan=True)
    assert count() == before


def test_the_head_publishes_and_withdraws_a_final_and_it_is_recorded(client, demo_opd):
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd)
    final = make_final(demo_opd)
    client.force_login(kepala)
    response = client.post(toggle_url(final), {"dipublikasikan": "1"}, follow=True)
    assert "telah dipublikasikan" in response.content.decode()
    final.refresh_from_db()
    assert final.dipublikasikan
    assert final.sha256 in client.get(reverse("publikasi")).content.decode()
    client.post(toggle_url(final), {"dipublikasikan": "0"})
    final.refresh_from_db()
    assert not final.dipublikasikan
    changes = Perubahan.objects.filter(model="LaporanFinal", objek_id=final.pk,
                                       kolom="dipublikasikan").order_by("pk")
    assert [(c.lama, c.baru, c.oleh) for c in changes] == [("False", "True", kepala),
                                                           ("True", "False", kepala)]
    client.logout()
    assert final.sha256 not in client.get(reverse("publikasi")).content.decode()


def test_an_operator_may_not_publish(client, demo_opd):
    final = make_final(demo_opd)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.post(toggle_url(final), {"dipublikasikan": "1"}).status_code == 403
    final.refresh_from_db()
    assert not final.dipublikasikan


def test_an_outsider_may_not_publish(client, demo_opd):
    final = make_final(demo_opd)
    client.force_login(make_user(Peran.KEPALA_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.post(toggle_url(final), {"dipublikasikan": "1"}).status_code == 404
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(toggle_url(final), {"dipublikasikan": "1"}).status_code == 404
    final.refresh_from_db()
    assert not final.dipublikasikan


def test_a_visitor_is_sent_to_login(client, demo_opd):
    final = make_final(demo_opd)
    assert client.post(toggle_url(final), {"dipublikasikan": "1"}).status_code == 302
    final.refresh_from_db()
    assert not final.dipublikasikan


def test_publishing_needs_post(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    assert client.get(toggle_url(make_final(demo_opd))).status_code == 405


def test_the_public_page_names_each_document_and_lists_the_pemdas_own_finals(client,
                                                                              demo_opd):
    """A published PK or E.81 is named as what it is (not "LKjIP"); a pemda's published LKjIP
    is listed with its agencies', an unpublished one never."""
    from akuntabel.daerah.models import LaporanFinalPemda

    make_final(demo_opd, b"%PDF pk", dokumen="pk", dipublikasikan=True)
    make_final(demo_opd, b"%PDF e81", dokumen="e81", dipublikasikan=True)

    def pemda_final(isi, **kw):
        return LaporanFinalPemda.objects.create(
            pemda=demo_opd.pemda, tahun=2023, dokumen="lkjip-pemda", format="pdf", isi=isi,
            data={}, sha256=hashlib.sha256(isi).hexdigest(), **kw)

    shown = pemda_final(b"%PDF pemda terbit", dipublikasikan=True)
    hidden = pemda_final(b"%PDF pemda draf")
    body = client.get(reverse("publikasi")).content.decode()
    assert "Perjanjian Kinerja 2023 (PDF)" in body and "E.81 2023 (PDF)" in body
    assert shown.sha256 in body
    assert reverse("daerah:lkjip-final-unduh", args=[shown.pk]) in body
    assert hidden.sha256 not in body


def test_the_public_page_lists_a_published_evaluation_result_lhe(client, demo_opd):
    """The Inspektorat's published LHE final is listed as "LHE" of its agency with its
    download; an unpublished one never (tests/evaluasi/test_lhe_final_publikasi.py has the
    publishing)."""
    from akuntabel.evaluasi import services
    from akuntabel.evaluasi.loader import load_template
    from akuntabel.evaluasi.models import LheFinal, TemplateLke
    from tests.evaluasi.dunia import jendela

    template = TemplateLke.objects.get(kode=load_template().kode)
    evaluasi = services.buat_evaluasi(demo_opd.pemda, 2023, template, jendela(), opd=demo_opd,
                                      user=make_user(Peran.REVIEWER, pemda=demo_opd.pemda))

    def lhe(isi, **kw):
        return LheFinal.objects.create(evaluasi=evaluasi, tahun=2023, format="pdf", isi=isi,
                                       data={}, sha256=hashlib.sha256(isi).hexdigest(), **kw)

    shown = lhe(b"%PDF lhe terbit", dipublikasikan=True)
    hidden = lhe(b"%PDF lhe draf")
    body = client.get(reverse("publikasi")).content.decode()
    assert "LHE 2023 (PDF)" in body and shown.sha256 in body
    assert reverse("lhe_final_unduh", args=[shown.pk]) in body
    assert hidden.sha256 not in body
    assert reverse("lhe_final_unduh", args=[hidden.pk]) not in body
