"""The demo publishes its final LKjIP 2023 (the printed report, open problems and all) so that
its public portal shows the figures; a rerun never makes a second final nor touches one a user
made, unpublished or published."""

import pytest
from django.urls import reverse

from akuntabel.reports.demo import CATATAN, TAHUN, terbitkan_final_demo
from akuntabel.reports.final import make_final, set_publikasi
from akuntabel.reports.models import LaporanFinal

pytestmark = pytest.mark.django_db


def finals(opd):
    return LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip")


def test_the_demo_makes_its_final_with_its_open_problems_and_publishes_it(client, demo_opd):
    made = terbitkan_final_demo(demo_opd, formats=("html",))
    assert made and all(f.dipublikasikan for f in finals(demo_opd))
    f = made[0]
    assert f.catatan == CATATAN and "tercetak" in f.catatan and "demo" in f.catatan
    reviu = [m for m in f.masalah if m["jenis"] == "reviu"]
    assert len(reviu) >= 34, f.masalah[:3]   # the seed's reviu errors stay open, stated
    # the portal opens on 2023 and shows the final's IKU figure
    body = client.get(reverse("portal:opd", args=[demo_opd.pemda_id, demo_opd.pk])
                      ).content.decode()
    assert "101,39%" in body and "dari LKjIP final yang diterbitkan" in body


def test_a_rerun_makes_no_second_final(demo_opd):
    terbitkan_final_demo(demo_opd, formats=("html",))
    assert terbitkan_final_demo(demo_opd, formats=("html",)) is None
    assert finals(demo_opd).count() == 1


def test_a_rerun_leaves_a_user_final_and_its_publication_alone(demo_opd):
    [own] = make_final(demo_opd, TAHUN, None, formats=("html",), catatan="Final pengguna.")
    assert terbitkan_final_demo(demo_opd, formats=("html",)) is None
    own.refresh_from_db()
    assert finals(demo_opd).count() == 1 and not own.dipublikasikan
    set_publikasi(own, True, None)
    set_publikasi(own, False, None)   # withdrawn by its user: the demo does not publish it again
    assert terbitkan_final_demo(demo_opd, formats=("html",)) is None
    own.refresh_from_db()
    assert not own.dipublikasikan
