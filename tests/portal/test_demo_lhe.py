"""The demo publishes the LHE of its illustrative Evaluasi AKIP 2023 (a locked evaluation with
every criterion graded, its recommendations and register number) so that its public portal
shows an evaluation result the pemda publishes; labelled an illustration, its open problems
stated in the note; a rerun never makes a second final nor publishes again one withdrawn, and
an evaluation that is not the demo's own is never made final by the demo."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.evaluasi import lhe_final
from akuntabel.evaluasi.demo import muat_evaluasi_demo
from akuntabel.evaluasi.lhe import simpan_register
from akuntabel.evaluasi.models import LheFinal
from akuntabel.reports.demo import CATATAN_LHE, terbitkan_lhe_demo
from tests.builders import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluasi(demo_opd):
    reviewer = make_user(Peran.REVIEWER, pemda=demo_opd.pemda, username="reviewer-demo")
    make_user(Peran.OPERATOR_OPD, opd=demo_opd, username="operator-demo")
    return muat_evaluasi_demo(demo_opd), reviewer


def test_the_demo_makes_its_lhe_final_with_its_open_problems_and_publishes_it(
        client, demo_opd, evaluasi):
    made = terbitkan_lhe_demo(demo_opd, formats=("html",))
    assert made and all(f.dipublikasikan for f in made)
    f = made[0]
    assert f.catatan == CATATAN_LHE and "ILUSTRASI" in f.catatan
    assert [m["jenis"] for m in f.masalah] == [m.jenis for m in
                                               lhe_final.masalah_terbuka(evaluasi[0])]
    body = client.get(reverse("portal:opd", args=[demo_opd.pemda_id, demo_opd.pk])
                      ).content.decode()
    assert reverse("lhe_final_unduh", args=[f.pk]) in body
    page = client.get(reverse("lhe_final_unduh", args=[f.pk]))
    assert page.status_code == 200 and "ILUSTRASI" in b"".join(page).decode()


def test_a_rerun_makes_no_second_final_and_leaves_a_withdrawn_one_withdrawn(demo_opd, evaluasi):
    [f] = terbitkan_lhe_demo(demo_opd, formats=("html",))
    assert terbitkan_lhe_demo(demo_opd, formats=("html",)) is None
    lhe_final.set_publikasi(f, False, evaluasi[1])
    assert terbitkan_lhe_demo(demo_opd, formats=("html",)) is None
    f.refresh_from_db()
    assert LheFinal.objects.count() == 1 and not f.dipublikasikan


def test_an_evaluation_not_the_demos_own_is_left_alone(demo_opd, evaluasi):
    ev, reviewer = evaluasi
    simpan_register(ev, "700/12/LHE/2024", None, ev.lhe.versi, user=reviewer)
    assert terbitkan_lhe_demo(demo_opd, formats=("html",)) is None
    assert not LheFinal.objects.exists()


def test_without_the_demo_evaluation_nothing_is_made(demo_opd):
    assert terbitkan_lhe_demo(demo_opd, formats=("html",)) is None
    assert not LheFinal.objects.exists()
