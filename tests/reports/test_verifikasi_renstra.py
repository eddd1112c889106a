"""The verification page knows an established Renstra by its hash: the SHA-256 of the JSON a
visitor downloaded from the portal (``portal.renstra``) names the Renstra, its period, its
legal basis and its public page; after its penetapan is undone it is no longer known."""

import hashlib

import pytest
from django.urls import reverse

from akuntabel.plans import penetapan
from akuntabel.plans.demo import tetapkan_renstra_demo

pytestmark = pytest.mark.django_db


def test_the_hash_of_an_established_renstra_names_it_and_links_its_page(client, demo_opd):
    [renstra] = tetapkan_renstra_demo(demo_opd)
    unduh = client.get(reverse("portal:renstra_unduh",
                               args=[demo_opd.pemda_id, renstra.pk, "json"])).content
    sha = hashlib.sha256(unduh).hexdigest()
    assert sha == renstra.sha256
    body = client.post(reverse("verifikasi"), {"sha256": sha}).content.decode()
    assert 'data-testid="tercatat-renstra"' in body
    assert "Renstra" in body and demo_opd.nama in body and "2021–2026" in body
    assert renstra.dasar_hukum in body
    assert reverse("portal:renstra", args=[demo_opd.pemda_id, renstra.pk]) in body

    penetapan.batalkan(renstra, alasan="Nomor perwali keliru", user=None)
    body = client.post(reverse("verifikasi"), {"sha256": sha}).content.decode()
    assert 'data-testid="tidak-tercatat"' in body
