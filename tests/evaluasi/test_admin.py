"""The LKE template is editable in the data administration until an evaluation uses it; then
its edition is read-only there (an evaluation keeps the template it was made with)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akuntabel.evaluasi.models import KriteriaLke
from tests.evaluasi.dunia import (
    dinsos,
    evaluasi,
    jendela,
    pemda,
    reviewer,
    template,
)

__all__ = ["dinsos", "evaluasi", "jendela", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db


def _ubah(admin_client, kriteria, uraian):
    url = reverse("admin:evaluasi_kriterialke_change", args=[kriteria.pk])
    return admin_client.post(url, {
        "sub_komponen": kriteria.sub_komponen_id, "nomor": kriteria.nomor, "uraian": uraian,
        "penjelasan": kriteria.penjelasan, "urutan": kriteria.urutan,
    })


def test_an_admin_edits_a_criterion_of_an_edition_no_evaluation_uses(admin_client, template):
    kriteria = KriteriaLke.objects.filter(sub_komponen__komponen__template=template).first()
    assert _ubah(admin_client, kriteria, "Uraian yang disunting").status_code == 302
    kriteria.refresh_from_db()
    assert kriteria.uraian == "Uraian yang disunting"


def test_an_edition_an_evaluation_was_made_with_is_read_only(admin_client, evaluasi):
    kriteria = KriteriaLke.objects.filter(
        sub_komponen__komponen__template=evaluasi.template).first()
    before = kriteria.uraian
    assert _ubah(admin_client, kriteria, "Diubah setelah dipakai").status_code == 403
    kriteria.refresh_from_db()
    assert kriteria.uraian == before
    page = admin_client.get(reverse("admin:evaluasi_templatelke_change",
                                    args=[evaluasi.template.pk]))
    assert page.status_code == 200
    assert b'name="nama"' not in page.content  # shown, not editable
