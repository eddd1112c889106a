"""The LKjIP page: its narrative sections in outline order, the downloads, and the finals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.reports.models import NARASI_KUNCI, LaporanFinal, Narasi
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import make_user

pytestmark = pytest.mark.django_db


def url(opd, tahun=2023):
    return reverse("lakip", args=[opd.pk, tahun])


def test_owner_sees_every_section_in_outline_order_with_origin_and_excerpt(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd))
    assert response.status_code == 200
    body = response.content.decode()
    positions = [body.index(f'id="narasi-{k}"') for k in NARASI_KUNCI]
    assert positions == sorted(positions)
    # Drafted from the data: the placeholders are filled in the excerpt.
    assert "drafted from the data" not in body  # Indonesian UI
    assert "disusun dari data" in body
    assert "[[" not in body.split('id="narasi-kata_pengantar"')[1].split("</tr>")[0]
    for testid in ("pratinjau", "unduh-docx", "unduh-pdf"):
        assert f'data-testid="{testid}"' in body
    assert '<table id="laporan-final">' in body
    edit = reverse("lakip_narasi_edit", args=[demo_opd.pk, 2023, "penutup"])
    assert edit in body


def test_operator_sees_no_make_final_button_but_kepala_does(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert 'data-testid="finalkan"' not in client.get(url(demo_opd)).content.decode()
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    assert 'data-testid="finalkan"' in client.get(url(demo_opd)).content.decode()


def test_a_section_written_in_akuntabel_is_shown_as_such(client, demo_opd):
    Narasi.objects.update_or_create(
        perangkat_daerah=demo_opd, tahun=2023, kunci="analisis_program",
        defaults={"judul": "3.8", "teks": "Analisis program ditulis sendiri.",
                  "asal": Narasi.Asal.DISUNTING})
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    row = client.get(url(demo_opd)).content.decode().split('id="narasi-analisis_program"')[1]
    row = row.split("</tr>")[0]
    assert "ditulis di Akuntabel" in row
    assert "Analisis program ditulis sendiri." in row


def test_finals_are_listed_with_date_hash_and_published_flag(client, demo_opd):
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd)
    final = LaporanFinal.objects.create(perangkat_daerah=demo_opd, tahun=2023, dokumen="lakip",
                                        format="pdf", isi=b"%PDF-1", data={}, sha256="ab" * 32,
                                        dibuat_oleh=kepala)
    client.force_login(kepala)
    body = client.get(url(demo_opd)).content.decode()
    table = body.split('<table id="laporan-final">')[1].split("</table>")[0]
    assert "ab" * 32 in table
    assert reverse("laporan_final_download", args=[final.pk]) in table
    assert reverse("laporan_final_publikasi", args=[final.pk]) in table


def test_the_page_uses_a_fixed_number_of_queries(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    client.get(url(demo_opd))  # warm caches (content types, session)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(demo_opd)).status_code == 200
        return len(ctx.captured_queries)

    # Whatever the number of finals and sections, the count holds. These finals hold no
    # snapshot, so nothing is compared; the comparison of a real one (one reading, then the
    # cache by the data revision) is counted in tests/reports/test_final_tembolok.py.
    LaporanFinal.objects.create(perangkat_daerah=demo_opd, tahun=2023, dokumen="lakip",
                                format="pdf", isi=b"x", data={}, sha256="awal")
    before = count()
    for i in range(5):
        LaporanFinal.objects.create(perangkat_daerah=demo_opd, tahun=2023, dokumen="lakip",
                                    format="pdf", isi=b"x", data={}, sha256=str(i))
    for kunci in NARASI_KUNCI[:6]:
        Narasi.objects.update_or_create(perangkat_daerah=demo_opd, tahun=2023, kunci=kunci,
                                        defaults={"judul": kunci, "teks": "Teks."})
    assert count() == before < 60


def test_outsiders_get_not_found(client, demo_opd):
    assert_hidden_from_outsiders(client, url(demo_opd), demo_opd)


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    assert_sends_anonymous_to_login(client, url(demo_opd))


def test_a_year_without_renstra_is_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd, 2031)).status_code == 404
