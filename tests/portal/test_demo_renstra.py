"""The demo establishes its Renstra through the penetapan service (with a legal basis that says
it is an illustration: the demo's source prints none), so that its public portal shows the
Renstra document; a rerun never redoes a penetapan a user undid."""

import pytest
from django.urls import reverse

from akuntabel.plans import penetapan
from akuntabel.plans.demo import DASAR_HUKUM, tetapkan_renstra_demo
from akuntabel.plans.models import Renstra

pytestmark = pytest.mark.django_db


def test_the_demo_renstra_is_established_and_public(client, demo_opd):
    [renstra] = tetapkan_renstra_demo(demo_opd)
    assert renstra.status == Renstra.Status.DITETAPKAN and renstra.dasar_hukum == DASAR_HUKUM
    page = reverse("portal:renstra", args=[demo_opd.pemda_id, renstra.pk])
    body = client.get(page).content.decode()
    assert "Meningkatnya kesejahteraan sosial masyarakat" in body and "ILUSTRASI DEMO" in body
    assert page in client.get(reverse("portal:opd", args=[demo_opd.pemda_id, demo_opd.pk])
                              ).content.decode()
    assert tetapkan_renstra_demo(demo_opd) == []   # a rerun: already established


def test_a_rerun_leaves_a_penetapan_a_user_undid_undone(demo_opd):
    [renstra] = tetapkan_renstra_demo(demo_opd)
    penetapan.batalkan(renstra, alasan="Menunggu nomor perwali yang benar", user=None)
    assert tetapkan_renstra_demo(demo_opd) == []
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DRAFT
