"""Publication of the pemda's final LKjIP, as an agency's final is published: the one who may
make it (the admin pemda) publishes or withdraws it, recorded in the history; a published one
is downloadable by anyone and listed on the public portal's documents of its pemda with its
verification link; an unpublished one stays private."""

import hashlib

import pytest
from django.urls import reverse

from akuntabel.audit.models import Perubahan
from akuntabel.daerah import lkjip_final
from akuntabel.daerah.models import LaporanFinalPemda

pytestmark = pytest.mark.django_db

TAHUN = 2026


def _final(pemda, isi=b"%PDF-1.7 pemda", **kw):
    return LaporanFinalPemda.objects.create(
        pemda=pemda, tahun=TAHUN, dokumen="lkjip-pemda", format="pdf", isi=isi, data={},
        sha256=hashlib.sha256(isi).hexdigest(), **kw)


def _toggle(final):
    return reverse("daerah:lkjip-final-publikasi", args=[final.pk])


def test_publishing_is_recorded_once_and_withdrawn(pemda, admin_pemda):
    final = _final(pemda)
    assert lkjip_final.set_publikasi(final, True, admin_pemda) is True
    assert lkjip_final.set_publikasi(final, True, admin_pemda) is False   # nothing changed
    assert LaporanFinalPemda.objects.get(pk=final.pk).dipublikasikan
    assert lkjip_final.set_publikasi(final, False, admin_pemda) is True
    riwayat = Perubahan.objects.filter(model="LaporanFinalPemda", kolom="dipublikasikan",
                                       objek_id=final.pk, pemda=pemda).order_by("pk")
    assert [(r.lama, r.baru) for r in riwayat] == [("False", "True"), ("True", "False")]
    assert all(r.oleh == admin_pemda for r in riwayat)


def test_only_the_admin_pemda_publishes_from_the_page(client, pemda, admin_pemda, verifikator):
    final = _final(pemda)
    client.force_login(verifikator)   # reads the pemda's LKjIP, makes no final
    assert client.post(_toggle(final), {"dipublikasikan": "1"}).status_code == 403
    assert not LaporanFinalPemda.objects.get(pk=final.pk).dipublikasikan
    client.force_login(admin_pemda)
    response = client.post(_toggle(final), {"dipublikasikan": "1"})
    assert response.status_code == 302
    assert LaporanFinalPemda.objects.get(pk=final.pk).dipublikasikan
    page = client.get(reverse("daerah:lkjip", args=[pemda.pk, TAHUN])).content.decode()
    assert 'data-testid="terbit"' in page and _toggle(final) in page


def test_a_visitor_downloads_a_published_final_only(client, pemda):
    rahasia = _final(pemda, b"%PDF rahasia")
    terbit = _final(pemda, b"%PDF terbit", dipublikasikan=True)
    response = client.get(reverse("daerah:lkjip-final-unduh", args=[terbit.pk]))
    assert response.status_code == 200 and response.content == b"%PDF terbit"
    response = client.get(reverse("daerah:lkjip-final-unduh", args=[rahasia.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_portal_lists_a_published_pemda_final_with_its_verification(client, pemda):
    rahasia = _final(pemda, b"%PDF rahasia")
    url = reverse("portal:beranda", args=[pemda.pk])
    assert rahasia.sha256 not in client.get(url).content.decode()
    terbit = _final(pemda, b"%PDF terbit")
    lkjip_final.set_publikasi(terbit, True, None)
    assert lkjip_final.final_terbit(pemda) == [terbit]
    page = client.get(url).content.decode()   # the cache knows the publication
    assert terbit.sha256 in page and rahasia.sha256 not in page
    assert reverse("daerah:lkjip-final-unduh", args=[terbit.pk]) in page
    assert reverse("verifikasi") in page
