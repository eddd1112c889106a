"""The lists of evaluations open on a year that has one: a pemda whose only evaluation is of
2023 (the demo's) finds it without typing ``?tahun``, and every year with an evaluation is a
link."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from akuntabel.evaluasi import services
from tests.evaluasi.dunia import (
    TAHUN,
    dinsos,
    jendela,
    operator_dinsos,
    pemda,
    reviewer,
    template,
)

__all__ = ["dinsos", "operator_dinsos", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def ev(pemda, dinsos, template, reviewer):
    return services.buat_evaluasi(pemda, TAHUN, template, jendela(timezone.localdate()),
                                  opd=dinsos, user=reviewer)


def test_the_pemda_list_opens_on_the_latest_year_with_an_evaluation(client, reviewer, ev,
                                                                    pemda):
    client.force_login(reviewer)
    r = client.get(reverse("evaluasi_pemda", args=[pemda.pk]))
    assert r.context["tahun"] == TAHUN and "Dinas Sosial" in r.content.decode()


def test_the_pemda_list_links_every_year_with_an_evaluation(client, reviewer, ev, pemda):
    client.force_login(reviewer)
    default = timezone.localdate().year - 1
    r = client.get(reverse("evaluasi_pemda", args=[pemda.pk]), {"tahun": default})
    assert f'href="?tahun={TAHUN}"' in r.content.decode()
    assert f'href="?tahun={default + 1}"' in r.content.decode()


def test_the_pemda_list_without_evaluations_opens_on_last_year(client, reviewer, pemda):
    client.force_login(reviewer)
    r = client.get(reverse("evaluasi_pemda", args=[pemda.pk]))
    assert r.context["tahun"] == timezone.localdate().year - 1


def test_the_recap_opens_on_the_latest_year_with_an_evaluation(client, reviewer, ev, pemda):
    client.force_login(reviewer)
    r = client.get(reverse("evaluasi_rekap", args=[pemda.pk]))
    assert r.context["tahun"] == TAHUN
    assert f'href="?tahun={timezone.localdate().year - 1}"' in r.content.decode()


def test_the_opd_list_shows_its_evaluation_of_any_year(client, operator_dinsos, ev, dinsos):
    client.force_login(operator_dinsos)
    r = client.get(reverse("evaluasi_opd", args=[dinsos.pk]))
    assert [b.evaluasi.tahun for b in r.context["baris"]] == [TAHUN]
