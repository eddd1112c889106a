"""A reviu explanation is a change like any other: it appears in the OPD's history naming the
finding (rule, place), who wrote it and what it replaced."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.reviews.services import explain, review
from tests.builders import make_user

pytestmark = pytest.mark.django_db


def test_the_opd_history_page_shows_an_explanation_naming_its_finding(client, demo_opd):
    reviewer = make_user(Peran.REVIEWER, pemda=demo_opd.pemda, first_name="Rina",
                         last_name="Inspektur")
    client.force_login(reviewer)
    finding = review(demo_opd, 2023)[0].finding
    client.post(reverse("reviu_explain", args=[demo_opd.pk, 2023]),
                {"sidik_jari": finding.sidik_jari, "catatan": "Sudah dikonfirmasi ke BPKAD."})
    body = client.get(reverse("riwayat_opd", args=[demo_opd.pk])).content.decode()
    assert "Sudah dikonfirmasi ke BPKAD." in body
    assert finding.code in body and "Rina Inspektur" in body


def test_a_new_explanation_is_recorded_with_the_one_it_replaces(demo_opd):
    user = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    finding = review(demo_opd, 2023)[0].finding
    explain(demo_opd, 2023, finding.sidik_jari, "Pertama.", user)
    explain(demo_opd, 2023, finding.sidik_jari, "Kedua.", user)
    rows = Perubahan.objects.filter(perangkat_daerah=demo_opd,
                                    model="Penjelasan").order_by("id")
    assert [(r.lama, r.baru) for r in rows] == [("", "Pertama."), ("Pertama.", "Kedua.")]
    assert all(finding.code in r.sumber and "2023" in r.sumber for r in rows)
    assert rows[1].oleh == user


def test_a_refused_explanation_records_nothing(demo_opd):
    user = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    finding = review(demo_opd, 2023)[0].finding
    with pytest.raises(ValueError):
        explain(demo_opd, 2023, finding.sidik_jari, "   ", user)
    assert not Perubahan.objects.filter(model="Penjelasan").exists()
