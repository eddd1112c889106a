"""Change history pages: an OPD's (its readers), one object's (readers of its OPD), a pemda's
(pemda-wide roles); searchable, paginated, with a fixed number of queries."""

import html
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import record_change
from tests.builders import make_opd, make_pejabat, make_pemda, make_user

pytestmark = pytest.mark.django_db


def change(opd, obj, lama, baru, oleh=None, alasan="", kolom="nama"):
    return record_change(opd, obj, kolom, lama, baru, sumber="Uji", oleh=oleh, alasan=alasan)


def test_owner_sees_the_agency_history_newest_first_in_indonesian(client, dinsos, dinkes,
                                                                  operator_dinsos):
    p = make_pejabat(dinsos)
    first = change(dinsos, p, "", "Sri Amanto", operator_dinsos)
    second = change(dinsos, p, "Sri Amanto", "Sri Amanto, S.H.", operator_dinsos,
                    alasan="gelar dilengkapi")
    Perubahan.objects.filter(pk=first.pk).update(
        created_at=timezone.make_aware(datetime(2026, 11, 28, 9, 5)))
    Perubahan.objects.filter(pk=second.pk).update(
        created_at=timezone.make_aware(datetime(2026, 11, 29, 14, 30)))
    change(dinkes, make_pejabat(dinkes, nama="Rahasia Dinkes"), "", "Rahasia Dinkes")
    client.force_login(operator_dinsos)
    body = client.get(reverse("riwayat_opd", args=[dinsos.pk])).content.decode()
    assert body.index("Sri Amanto, S.H.") < body.index("28 November 2026 09.05")
    assert "29 November 2026 14.30" in body
    assert "gelar dilengkapi" in body and "Sri Wahyuni" in body
    assert "Rahasia Dinkes" not in body
    assert 'aria-current="page"' in body  # the section nav


def test_search_by_text_kind_user_and_dates(client, dinsos, operator_dinsos):
    p = make_pejabat(dinsos)
    old = change(dinsos, p, "a", "nilai-lama-sekali", operator_dinsos)
    Perubahan.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    change(dinsos, p, "b", "nilai-baru-oleh-sistem")
    change(dinsos, dinsos, "Dinas Sosial", "Dinas Sosial Kota", operator_dinsos)
    client.force_login(operator_dinsos)
    url = reverse("riwayat_opd", args=[dinsos.pk])

    def shown(**params):
        body = client.get(url, params).content.decode()
        return {v for v in ("nilai-lama-sekali", "nilai-baru-oleh-sistem", "Dinas Sosial Kota")
                if v in body}

    assert shown(q="lama-sekali") == {"nilai-lama-sekali"}
    assert shown(jenis="PerangkatDaerah") == {"Dinas Sosial Kota"}
    assert shown(oleh="wahyuni") == {"nilai-lama-sekali", "Dinas Sosial Kota"}
    since = (timezone.localdate() - timedelta(days=7)).strftime("%d-%m-%Y")
    assert shown(dari=since) == {"nilai-baru-oleh-sistem", "Dinas Sosial Kota"}
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert shown(sampai=until) == {"nilai-lama-sekali"}


def test_a_bad_date_gets_a_message_not_a_crash(client, dinsos, operator_dinsos):
    client.force_login(operator_dinsos)
    response = client.get(reverse("riwayat_opd", args=[dinsos.pk]), {"dari": "31-02-2026",
                                                                     "halaman": "x"})
    assert response.status_code == 200
    assert "'31-02-2026' bukan tanggal" in html.unescape(response.content.decode())


def test_pages_of_fifty_with_a_fixed_number_of_queries(client, dinsos, operator_dinsos,
                                                       django_assert_max_num_queries):
    p = make_pejabat(dinsos)
    client.force_login(operator_dinsos)
    url = reverse("riwayat_opd", args=[dinsos.pk])
    for i in range(3):
        change(dinsos, p, i, i + 1, operator_dinsos)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    Perubahan.objects.bulk_create([Perubahan(perangkat_daerah=dinsos, model="Pejabat",
                                             objek_id=p.pk, objek=str(p), kolom="nama",
                                             lama=str(i), baru=f"nilai-{i}", sumber="Uji",
                                             oleh=operator_dinsos) for i in range(120)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count('class="waktu"') == 50
    assert client.get(url, {"halaman": "3"}).content.decode().count('class="waktu"') == 23


def test_object_history_for_a_reader_of_its_agency(client, dinsos, operator_dinsos):
    p = make_pejabat(dinsos)
    change(dinsos, p, "Sri Amanto", "Sri Amanto, S.H.")
    change(dinsos, make_pejabat(dinsos, nama="Lain"), "Lain", "Orang lain lagi")
    client.force_login(operator_dinsos)
    body = client.get(reverse("riwayat_objek", args=["Pejabat", p.pk])).content.decode()
    assert "Sri Amanto, S.H." in body and "Orang lain lagi" not in body


def test_object_history_of_another_agency_is_not_found(client, dinsos, dinkes):
    p = make_pejabat(dinkes)
    change(dinkes, p, "a", "b")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=dinsos))
    assert client.get(reverse("riwayat_objek", args=["Pejabat", p.pk])).status_code == 404
    assert client.get(reverse("riwayat_objek", args=["Pejabat", 999999])).status_code == 404


def test_agency_history_of_another_agency_or_pemda_is_not_found(client, dinsos, dinkes):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=dinkes))
    assert client.get(reverse("riwayat_opd", args=[dinsos.pk])).status_code == 404
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(reverse("riwayat_opd", args=[dinsos.pk])).status_code == 404


@pytest.mark.parametrize("peran", [Peran.ADMIN_PEMDA, Peran.VERIFIKATOR, Peran.REVIEWER])
def test_pemda_history_spans_every_agency_for_pemda_wide_roles(client, pemda, dinsos, dinkes,
                                                               peran):
    change(dinsos, make_pejabat(dinsos), "", "perubahan-dinsos")
    change(dinkes, make_pejabat(dinkes), "", "perubahan-dinkes")
    change(make_opd(), dinsos, "", "perubahan-pemda-lain")
    client.force_login(make_user(peran, pemda=pemda))
    url = reverse("riwayat_pemda", args=[pemda.pk])
    body = client.get(url).content.decode()
    assert "perubahan-dinsos" in body and "perubahan-dinkes" in body
    assert "perubahan-pemda-lain" not in body
    only = client.get(url, {"opd": dinkes.pk}).content.decode()
    assert "perubahan-dinkes" in only and "perubahan-dinsos" not in only


def test_pemda_history_uses_a_fixed_number_of_queries(client, pemda, dinsos, dinkes,
                                                      django_assert_max_num_queries):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=pemda))
    url = reverse("riwayat_pemda", args=[pemda.pk])
    change(dinsos, dinsos, "", "x")
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for opd in [make_opd(pemda=pemda) for _ in range(5)]:
        for i in range(10):
            change(opd, opd, i, i + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_pemda_history_is_not_found_for_an_operator_or_another_pemda(client, pemda, dinsos):
    url = reverse("riwayat_pemda", args=[pemda.pk])
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=dinsos))
    assert client.get(url).status_code == 404
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(url).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, pemda, dinsos):
    for url in (reverse("riwayat_opd", args=[dinsos.pk]),
                reverse("riwayat_objek", args=["Pejabat", 1]),
                reverse("riwayat_pemda", args=[pemda.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_account_changes_without_an_agency_are_in_the_pemda_history(client, demo_opd):
    """Creating an account with a pemda-wide role and setting its password concern no one OPD;
    they are recorded against the pemda, never the password itself."""
    pemda = demo_opd.pemda
    admin = make_user(Peran.ADMIN_PEMDA, pemda=pemda)
    client.force_login(admin)
    client.post(reverse("kelola_pengguna", args=[pemda.pk]), {
        "username": "verif-baru", "nama_lengkap": "Verifikator Baru", "email": "",
        "password": "sandi-yang-cukup-panjang-99", "peran": Peran.VERIFIKATOR,
        "perangkat_daerah": ""})
    rows = Perubahan.objects.filter(pemda=pemda, perangkat_daerah__isnull=True)
    assert {r.kolom for r in rows} >= {"akun", "peran verif-baru"}
    assert all("sandi-yang-cukup-panjang-99" not in (r.lama + r.baru) for r in rows)
    body = client.get(reverse("riwayat_pemda", args=[pemda.pk]) + "?q=verif-baru").content.decode()
    assert "verif-baru" in body
