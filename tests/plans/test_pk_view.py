"""The year's PK page (pk_detail): the demo's PK 2023 with its figures in Indonesian format,
its status, parties, programs, documents and history; who sees which buttons; who may read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import (
    PerjanjianKinerja,
    PerjanjianKinerjaBaris,
    PerjanjianKinerjaProgram,
    Program,
)
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023


def url(opd, tahun=TAHUN):
    return reverse("pk_detail", args=[opd.pk, tahun])


def test_owner_sees_the_demo_pk_figures_in_indonesian_format(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    for text in ("Meningkatnya penanganan dan perlindungan sosial",  # sasaran
                 "Persentase PPKS yang tertangani",  # indikator
                 'value="91.5 %"',  # the draft's target, editable as printed
                 "SRI AMANTO, SH, MH.", "Wali Kota Metro",  # parties
                 "Rp 3.065.150.561", "Rp 5.093.068.611",  # a program and the total, DPA
                 '<span class="status-pk" data-status="draft">draf</span>'):
        assert text in body, text
    assert 'aria-current="page"' in body and "opd-nav" in body  # section nav, this section
    assert reverse("report_download", args=[demo_opd.pk, TAHUN, "pk", "docx"]) in body
    assert reverse("report_download", args=[demo_opd.pk, TAHUN, "pk", "pdf"]) in body


def test_a_read_only_row_shows_the_value_with_its_unit(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    body = client.get(url(demo_opd)).content.decode()
    assert "91,5 %" in body
    assert "<input" not in body.split('class="pk-baris"')[1].split("</table>")[0]


def test_signed_pk_shows_who_signed_and_when_and_the_history(client, demo_opd):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN)
    operator = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd, first_name="Sri", last_name="Amanto")
    client.force_login(operator)
    client.post(reverse("pk_ubah", args=[demo_opd.pk, TAHUN]),
                {"perjanjian": pk.pk, "versi": 1, "tanggal": "02-01-2023"})
    client.post(reverse("pk_ajukan", args=[demo_opd.pk, TAHUN]), {"perjanjian": pk.pk, "versi": 2})
    client.force_login(kepala)
    client.post(reverse("pk_tandatangani", args=[demo_opd.pk, TAHUN]),
                {"perjanjian": pk.pk, "versi": 3})
    body = client.get(url(demo_opd)).content.decode()
    assert 'data-status="ditandatangani"' in body
    assert "Ditandatangani oleh Sri Amanto" in body
    assert "2 Januari 2023" in body  # date of the agreement, Indonesian month
    assert "pk-in-force" in body
    assert "diajukan" in body and "ditandatangani" in body  # status changes in the history
    assert 'data-testid="pk-perubahan"' in body  # the kepala may amend it
    assert 'data-testid="pk-tandatangani"' not in body


def test_buttons_follow_the_rights(client, demo_opd):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    assert 'data-testid="pk-ajukan"' in body and 'data-testid="pk-susun"' not in body
    pk.status = "diajukan"
    pk.save()
    body = client.get(url(demo_opd)).content.decode()
    assert 'data-testid="pk-tandatangani"' not in body  # the operator does not sign
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    assert 'data-testid="pk-tandatangani"' in client.get(url(demo_opd)).content.decode()


def test_a_year_without_pk_offers_to_compose_it_to_who_may_edit(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd, 2024)).content.decode()
    assert "Belum ada Perjanjian Kinerja untuk tahun ini." in body
    assert 'data-testid="pk-susun"' in body
    client.force_login(make_user(Peran.REVIEWER, pemda=demo_opd.pemda))
    assert 'data-testid="pk-susun"' not in client.get(url(demo_opd, 2024)).content.decode()


def test_the_page_is_english_when_asked(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    client.cookies["django_language"] = "en"
    body = client.get(url(demo_opd)).content.decode()
    assert "Objectives, indicators and targets" in body and "Rp 5.093.068.611" in body


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER, Peran.ADMIN_PEMDA])
def test_pemda_wide_roles_read_it(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    assert client.get(url(demo_opd)).status_code == 200


def test_outsiders_get_not_found(client, demo_opd):
    assert_hidden_from_outsiders(client, url(demo_opd), demo_opd)


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    assert_sends_anonymous_to_login(client, url(demo_opd))


def test_queries_do_not_grow_with_rows_and_programs(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN)
    PerjanjianKinerjaProgram.objects.create(
        perjanjian_kinerja=pk, program=Program.objects.filter(renstra__perangkat_daerah=demo_opd)
        .first(), anggaran=1)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(demo_opd)).status_code == 200
        return len(ctx)

    small = count()
    row = pk.baris.get()
    PerjanjianKinerjaBaris.objects.bulk_create(
        PerjanjianKinerjaBaris(perjanjian_kinerja=pk, sasaran=row.sasaran,
                               indikator=row.indikator, target_teks=str(i), urutan=i + 1)
        for i in range(30))
    programs = list(Program.objects.filter(renstra__perangkat_daerah=demo_opd))
    PerjanjianKinerjaProgram.objects.bulk_create(
        PerjanjianKinerjaProgram(perjanjian_kinerja=pk, program=p, anggaran=i)
        for i, p in enumerate(programs))
    assert count() == small
