"""The narrative editor: the default draft with its placeholders, preview, save with optimistic
concurrency, unknown placeholders refused, back to the default draft; every change audited."""

import html

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.reports.models import LaporanFinal, Narasi
from akuntabel.reports.narasi import DEFAULTS
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db

KUNCI = "penutup"  # has a default draft; the demo holds the text as printed in the seed


def url(opd, kunci=KUNCI, tahun=2023):
    return reverse("lakip_narasi_edit", args=[opd.pk, tahun, kunci])


def stored(opd, kunci=KUNCI):
    return Narasi.objects.filter(perangkat_daerah=opd, tahun=2023, kunci=kunci).first()


def versi_of(opd, kunci=KUNCI):
    n = stored(opd, kunci)
    return n.versi if n else 0


@pytest.fixture
def operator(demo_opd):
    return make_user(Peran.OPERATOR_OPD, opd=demo_opd, username="operator_dinsos")


def test_the_form_holds_the_default_draft_and_lists_the_placeholders_with_values(
        client, demo_opd, operator):
    client.force_login(operator)
    response = client.get(url(demo_opd))
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert DEFAULTS[KUNCI].split("\n")[0] in body  # the draft, placeholders and all
    assert "[[serapan_anggaran]]" in body
    assert "94,74%" in body  # its current value, listed and in the preview
    assert "Laporan Kinerja Dinas Sosial Kota Metro Tahun 2023" in body  # preview, filled
    assert "disusun dari data (bawaan)" in body


def test_preview_fills_the_placeholders_and_writes_nothing(client, demo_opd, operator):
    client.force_login(operator)
    before = (Narasi.objects.count(), Perubahan.objects.count())
    response = client.post(url(demo_opd), {"teks": "Serapan [[serapan_anggaran]] dari [[pagu]].",
                                           "versi": versi_of(demo_opd), "pratinjau": "1"})
    assert response.status_code == 200
    assert "Serapan 94,74% dari Rp 5.093.068.611." in response.content.decode()
    assert (Narasi.objects.count(), Perubahan.objects.count()) == before


def test_save_stores_the_text_as_written_in_akuntabel_and_audits_it(client, demo_opd, operator):
    client.force_login(operator)
    old = stored(demo_opd)
    old_teks = old.teks if old else ""
    response = client.post(url(demo_opd), {"teks": "Penutup baru, serapan [[serapan_anggaran]].",
                                           "versi": versi_of(demo_opd), "simpan": "1"},
                           follow=True)
    assert "tersimpan" in response.content.decode()
    narasi = stored(demo_opd)
    assert narasi.teks == "Penutup baru, serapan [[serapan_anggaran]]."
    assert narasi.asal == Narasi.Asal.DISUNTING
    assert narasi.versi == (old.versi + 1 if old else 1)
    change = Perubahan.objects.get(model="Narasi", objek_id=narasi.pk, kolom="teks")
    assert (change.lama, change.baru, change.oleh) == (old_teks, narasi.teks, operator)


def test_a_stale_save_is_refused_naming_who_changed_it_and_keeps_the_users_text(
        client, demo_opd, operator):
    versi = versi_of(demo_opd)
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd, username="kepala_dinsos")
    client.force_login(kepala)
    client.post(url(demo_opd), {"teks": "Teks kepala.", "versi": versi, "simpan": "1"})
    client.force_login(operator)
    response = client.post(url(demo_opd), {"teks": "Teks operator yang panjang.",
                                           "versi": versi, "simpan": "1"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "telah diubah oleh kepala_dinsos pada" in body
    assert "Teks operator yang panjang." in body  # still in the form
    assert "Teks kepala." in body  # their text, to compare
    assert stored(demo_opd).teks == "Teks kepala."
    assert Perubahan.objects.filter(model="Narasi", kolom="teks").count() == 1


def test_after_a_conflict_saving_again_replaces_their_text(client, demo_opd, operator):
    versi = versi_of(demo_opd)
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    client.post(url(demo_opd), {"teks": "Teks kepala.", "versi": versi, "simpan": "1"})
    client.force_login(operator)
    response = client.post(url(demo_opd), {"teks": "Teks operator.", "versi": versi,
                                           "simpan": "1"})
    new_versi = response.context["form"]["versi"].value()
    client.post(url(demo_opd), {"teks": "Teks operator.", "versi": new_versi, "simpan": "1"})
    assert stored(demo_opd).teks == "Teks operator."


def test_an_unknown_placeholder_is_refused_and_nothing_is_written(client, demo_opd, operator):
    client.force_login(operator)
    before = stored(demo_opd)
    response = client.post(url(demo_opd), {"teks": "Capaian [[capaian_rahasia]].",
                                           "versi": versi_of(demo_opd), "simpan": "1"})
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "Bagian BAB IV Penutup: penanda [[capaian_rahasia]] tidak dikenal." in body
    assert "Capaian [[capaian_rahasia]]." in body
    after = stored(demo_opd)
    assert (after.teks, after.versi) == (before.teks, before.versi) if before else after is None
    assert not Perubahan.objects.filter(model="Narasi").exists()


def test_an_empty_text_is_refused(client, demo_opd, operator):
    client.force_login(operator)
    response = client.post(url(demo_opd), {"teks": "  ", "versi": versi_of(demo_opd),
                                           "simpan": "1"})
    assert response.status_code == 400
    assert not Perubahan.objects.filter(model="Narasi").exists()


def test_back_to_the_default_draft_drops_the_text_and_is_audited(client, demo_opd, operator):
    client.force_login(operator)
    client.post(url(demo_opd), {"teks": "Teks sendiri.", "versi": versi_of(demo_opd),
                                "simpan": "1"})
    narasi = stored(demo_opd)
    response = client.post(url(demo_opd), {"teks": "", "versi": narasi.versi,
                                           "kembalikan": "1"}, follow=True)
    assert "kembali disusun dari data" in response.content.decode()
    assert stored(demo_opd) is None
    reset = Perubahan.objects.filter(model="Narasi", objek_id=narasi.pk, kolom="teks").first()
    assert (reset.lama, reset.baru) == ("Teks sendiri.", DEFAULTS[KUNCI])
    page = html.unescape(client.get(url(demo_opd)).content.decode())
    assert DEFAULTS[KUNCI].split("\n")[0] in page


def test_the_page_says_a_newer_final_is_needed_once_a_final_exists(client, demo_opd, operator):
    LaporanFinal.objects.create(perangkat_daerah=demo_opd, tahun=2023, dokumen="lakip",
                                format="pdf", isi=b"x", data={}, sha256="0" * 64)
    client.force_login(operator)
    body = client.get(url(demo_opd)).content.decode()
    assert "Buat dokumen final yang lebih baru" in body
    response = client.post(url(demo_opd), {"teks": "Sesudah final.", "versi": versi_of(demo_opd),
                                           "simpan": "1"})
    assert response.status_code == 302  # editing after a final is allowed
    assert "diubah setelah final terakhir" in client.get(
        reverse("lakip", args=[demo_opd.pk, 2023])).content.decode()


def test_an_unknown_section_is_not_found(client, demo_opd, operator):
    client.force_login(operator)
    assert client.get(url(demo_opd, "bab_rahasia")).status_code == 404


def test_a_role_without_the_right_to_edit_may_read_but_not_save(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    assert client.get(url(demo_opd)).status_code == 200
    response = client.post(url(demo_opd), {"teks": "x", "versi": versi_of(demo_opd),
                                           "simpan": "1"})
    assert response.status_code == 403
    assert not Perubahan.objects.filter(model="Narasi").exists()


def test_outsider_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.get(url(demo_opd)).status_code == 404
    assert client.post(url(demo_opd), {"teks": "x", "versi": 0, "simpan": "1"}).status_code == 404


def test_reviewer_of_another_pemda_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.REVIEWER, pemda=make_pemda()))
    assert client.get(url(demo_opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    assert client.get(url(demo_opd)).status_code == 302
    assert client.post(url(demo_opd), {"teks": "x", "versi": 0, "simpan": "1"}).status_code == 302


def test_a_control_character_in_the_text_is_refused_and_the_documents_stay_up(
        client, demo_opd, operator):
    """A text pasted with a control character (U+001F, a form feed) once saved would make the
    Word and Excel LKjIP fail: no document can hold it. It is refused at the field."""
    client.force_login(operator)
    before = stored(demo_opd).teks if stored(demo_opd) else None
    response = client.post(url(demo_opd), {"teks": "Penutup\x1f baru.", "versi": versi_of(demo_opd),
                                           "simpan": "1"})
    assert response.status_code == 400
    assert "karakter kendali" in html.unescape(response.content.decode())
    assert (stored(demo_opd).teks if stored(demo_opd) else None) == before
    for fmt in ("docx", "xlsx"):
        got = client.get(reverse("report_download", args=[demo_opd.pk, 2023, "lakip", fmt]))
        assert got.status_code == 200, fmt
