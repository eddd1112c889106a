"""Publishing the LHE final (issue 17: "the evaluation result where the pemda publishes it"):
the one who may make it (the Inspektorat's reviewer, the admin pemda) publishes or withdraws
a final through ``reports.final.ubah_publikasi``, recorded in the history; a published final
is listed on /publikasi/ and on the pemda's portal with its verification link and downloaded
by anyone; an unpublished one is never listed and its download needs a reader of the
evaluation."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from akuntabel.audit.models import Perubahan
from akuntabel.evaluasi import lhe_final
from akuntabel.evaluasi.models import LheFinal
from tests.evaluasi.dunia import (
    admin_pemda,
    dinkes,
    dinsos,
    evaluasi,
    operator_dinkes,
    operator_dinsos,
    outsider,
    pemda,
    reviewer,
    template,
)

__all__ = ["admin_pemda", "dinkes", "dinsos", "evaluasi", "operator_dinkes", "operator_dinsos",
           "outsider", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db


def lhe(evaluasi, isi=b"%PDF-1.7 LHE uji", fmt="pdf", **kw) -> LheFinal:
    return LheFinal.objects.create(evaluasi=evaluasi, tahun=evaluasi.tahun, format=fmt, isi=isi,
                                   data={}, sha256=hashlib.sha256(isi).hexdigest(), **kw)


def toggle(final: LheFinal) -> str:
    return reverse("lhe_final_publikasi", args=[final.pk])


def unduh(final: LheFinal) -> str:
    return reverse("lhe_final_unduh", args=[final.pk])


def test_the_reviewer_publishes_and_withdraws_and_it_is_recorded(client, evaluasi, reviewer):
    final = lhe(evaluasi)
    client.force_login(reviewer)
    response = client.post(toggle(final), {"dipublikasikan": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("evaluasi_hasil", args=[evaluasi.pk]))
    final.refresh_from_db()
    assert final.dipublikasikan
    client.logout()
    body = client.get(reverse("publikasi")).content.decode()   # anonymous
    assert final.sha256 in body and unduh(final) in body
    assert "LHE 2023 (PDF)" in body and "Dinas Sosial" in body
    response = client.get(unduh(final))
    assert response.status_code == 200 and response.content == bytes(final.isi)
    assert response["X-Content-SHA256"] == final.sha256
    client.force_login(reviewer)
    client.post(toggle(final), {"dipublikasikan": "0"})
    final.refresh_from_db()
    assert not final.dipublikasikan
    changes = Perubahan.objects.filter(model="LheFinal", objek_id=final.pk,
                                       kolom="dipublikasikan").order_by("pk")
    assert [(c.lama, c.baru, c.oleh) for c in changes] == [("False", "True", reviewer),
                                                           ("True", "False", reviewer)]
    client.logout()
    assert final.sha256 not in client.get(reverse("publikasi")).content.decode()
    assert client.get(unduh(final)).status_code == 302   # withdrawn: login again


def test_the_admin_pemda_may_publish_the_pemdas_own_lhe_too(client, pemda, template,
                                                            admin_pemda):
    from akuntabel.evaluasi import services
    from tests.evaluasi.dunia import TAHUN, jendela

    sendiri = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=admin_pemda)
    final = lhe(sendiri)
    client.force_login(admin_pemda)
    assert client.post(toggle(final), {"dipublikasikan": "1"}).status_code == 302
    final.refresh_from_db()
    assert final.dipublikasikan
    client.logout()
    body = client.get(reverse("publikasi")).content.decode()
    assert final.sha256 in body and unduh(final) in body


def test_nobody_else_publishes(client, evaluasi, operator_dinsos, operator_dinkes, outsider):
    final = lhe(evaluasi)
    assert client.post(toggle(final), {"dipublikasikan": "1"}).status_code == 302  # to login
    client.force_login(operator_dinsos)      # the evaluated unit receives it, does not publish
    assert client.post(toggle(final), {"dipublikasikan": "1"}).status_code == 403
    client.force_login(operator_dinkes)      # another OPD of the pemda: may not read it
    assert client.post(toggle(final), {"dipublikasikan": "1"}).status_code == 404
    client.force_login(outsider)             # the admin of another pemda
    assert client.post(toggle(final), {"dipublikasikan": "1"}).status_code == 404
    assert client.get(toggle(final)).status_code == 405
    final.refresh_from_db()
    assert not final.dipublikasikan
    assert not Perubahan.objects.filter(model="LheFinal", kolom="dipublikasikan").exists()


def test_the_service_checks_the_right_and_records_a_change_once(evaluasi, reviewer,
                                                                operator_dinsos):
    final = lhe(evaluasi)
    with pytest.raises(PermissionDenied):
        lhe_final.set_publikasi(final, True, operator_dinsos)
    assert lhe_final.set_publikasi(final, True, reviewer)
    assert not lhe_final.set_publikasi(final, True, reviewer)   # a double click: one row
    assert Perubahan.objects.filter(model="LheFinal", objek_id=final.pk,
                                    kolom="dipublikasikan").count() == 1
    assert [f.pk for f in lhe_final.final_terbit(evaluasi.pemda)] == [final.pk]


def test_an_unpublished_final_is_never_listed_and_its_download_is_refused(
        client, evaluasi, pemda, outsider, operator_dinkes):
    final = lhe(evaluasi)
    lain = lhe(evaluasi, b"%PDF LHE terbit", dipublikasikan=True)
    for url in (reverse("publikasi"), reverse("portal:beranda", args=[pemda.pk])):
        body = client.get(url).content.decode()
        assert lain.sha256 in body
        assert final.sha256 not in body and unduh(final) not in body
    response = client.get(unduh(final))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    for user in (outsider, operator_dinkes):
        client.force_login(user)
        assert client.get(unduh(final)).status_code == 404
    assert client.get(unduh(lain)).status_code == 200   # published: anyone


def test_the_portal_lists_a_published_lhe_with_its_verification_link(client, evaluasi, pemda,
                                                                     reviewer):
    final = lhe(evaluasi)
    portal = reverse("portal:beranda", args=[pemda.pk])
    assert final.sha256 not in client.get(portal).content.decode()
    lhe_final.set_publikasi(final, True, reviewer)
    body = client.get(portal).content.decode()   # the cache key follows the publication
    assert unduh(final) in body and final.sha256 in body
    assert "LHE Dinas Sosial 2023 (PDF)" in body
    assert reverse("verifikasi") in body
    lhe_final.set_publikasi(final, False, reviewer)
    assert final.sha256 not in client.get(portal).content.decode()


def test_the_results_page_offers_publish_to_the_reviewer_only(client, evaluasi, reviewer,
                                                             operator_dinsos):
    from akuntabel.evaluasi import services
    from akuntabel.evaluasi.models import Jawaban

    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan="B")
    services.kunci_evaluasi(evaluasi, user=reviewer)   # the unit reads its LHE once locked
    final = lhe(evaluasi)
    url = reverse("evaluasi_hasil", args=[evaluasi.pk])
    client.force_login(reviewer)
    assert toggle(final) in client.get(url).content.decode()
    client.force_login(operator_dinsos)
    page = client.get(url).content.decode()
    assert final.sha256 in page and toggle(final) not in page


def test_an_agencys_portal_page_lists_its_own_published_lhe_only(client, evaluasi, pemda,
                                                                 dinsos, dinkes, template,
                                                                 reviewer):
    from akuntabel.evaluasi import services
    from tests.evaluasi.dunia import TAHUN, jendela

    milik = lhe(evaluasi, b"%PDF LHE dinsos", dipublikasikan=True)
    lain = lhe(services.buat_evaluasi(pemda, TAHUN, template, jendela(), opd=dinkes,
                                      user=reviewer), b"%PDF LHE dinkes", dipublikasikan=True)
    sendiri = lhe(services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=reviewer),
                  b"%PDF LHE pemda", dipublikasikan=True)
    body = client.get(reverse("portal:opd", args=[pemda.pk, dinsos.pk])).content.decode()
    assert milik.sha256 in body
    assert lain.sha256 not in body and sendiri.sha256 not in body
    beranda = client.get(reverse("portal:beranda", args=[pemda.pk])).content.decode()
    assert all(f.sha256 in beranda for f in (milik, lain, sendiri))
    assert f"LHE {pemda.nama} {TAHUN} (PDF)" in beranda
