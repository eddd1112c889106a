"""Grading an evaluation changes no computed document (LKjIP, PK, dashboard, portal): it must
not advance a data revision, or every save of a grade would empty the cache of every document
of the installation (each then computed again, seconds each)."""

from __future__ import annotations

import pytest

from akuntabel.evaluasi import services
from akuntabel.revisi.services import revisi_opd
from tests.evaluasi.dunia import (
    HARI_INI,
    dinkes,
    dinsos,
    evaluasi,
    jawaban_of,
    operator_dinsos,
    pemda,
    reviewer,
    template,
)

__all__ = ["dinkes", "dinsos", "evaluasi", "operator_dinsos", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db(transaction=True)


def test_answering_and_grading_a_criterion_leave_every_data_revision_alone(
        evaluasi, dinsos, dinkes, operator_dinsos, reviewer):
    sebelum = (revisi_opd(dinsos), revisi_opd(dinkes))
    j = jawaban_of(evaluasi, "1.a.1")
    j = services.simpan_usulan(j, "A", "Renstra ada", j.versi, user=operator_dinsos,
                               hari_ini=HARI_INI)
    services.simpan_penetapan(j, "A", "", j.versi, user=reviewer, hari_ini=HARI_INI)
    assert (revisi_opd(dinsos), revisi_opd(dinkes)) == sebelum
