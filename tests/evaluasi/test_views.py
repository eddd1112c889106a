"""The evaluation's screens: each works for the one it serves and answers 404 to an outsider
(a user of another pemda, an operator of another OPD); the sides' forms appear only in their
windows; every write goes through the services and comes back to the criterion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from akuntabel.evaluasi import services
from akuntabel.evaluasi.models import BuktiJawaban, Evaluasi
from tests.evaluasi.dunia import (
    TAHUN,
    admin_pemda,
    dinkes,
    dinsos,
    jawaban_of,
    jendela,
    operator_dinkes,
    operator_dinsos,
    outsider,
    pemda,
    reviewer,
    template,
)

__all__ = ["admin_pemda", "dinkes", "dinsos", "operator_dinkes", "operator_dinsos", "outsider",
           "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def ev(pemda, dinsos, template, reviewer) -> Evaluasi:
    """The Dinas Sosial's evaluation, with every window open today."""
    return services.buat_evaluasi(pemda, TAHUN, template, jendela(timezone.localdate()),
                                  opd=dinsos, user=reviewer)


def as_(client, user):
    client.force_login(user)
    return client


def test_the_pemda_list_shows_every_evaluation_to_the_reviewer(client, reviewer, ev, pemda):
    r = as_(client, reviewer).get(reverse("evaluasi_pemda", args=[pemda.pk]),
                                  {"tahun": TAHUN})
    assert r.status_code == 200
    assert "Dinas Sosial" in r.content.decode() and 'data-testid="buka-evaluasi"' in \
        r.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "operator_dinsos"])
def test_the_pemda_list_is_hidden_from_others(request, client, ev, pemda, persona):
    r = as_(client, request.getfixturevalue(persona)).get(
        reverse("evaluasi_pemda", args=[pemda.pk]))
    assert r.status_code == 404


def buka_data(**ubah):
    hari = timezone.localdate()
    data = {"tahun": str(TAHUN), "unit": "opd",
            **{k: getattr(jendela(hari), k).isoformat() for k in
               ("mandiri_mulai", "mandiri_selesai", "evaluasi_mulai", "evaluasi_selesai",
                "tanggapan_mulai", "tanggapan_selesai")}}
    data.update(ubah)
    return data


def test_the_reviewer_opens_the_years_evaluations(client, reviewer, pemda, dinsos, dinkes,
                                                  template):
    r = as_(client, reviewer).post(reverse("evaluasi_buat", args=[pemda.pk]),
                                   buka_data(template=str(template.pk)), follow=True)
    assert Evaluasi.objects.filter(pemda=pemda, tahun=TAHUN).count() == 2
    assert "2 perangkat daerah" in r.content.decode()


def test_a_window_date_that_is_no_date_is_refused_naming_it(client, reviewer, pemda, dinsos,
                                                            template):
    r = as_(client, reviewer).post(reverse("evaluasi_buat", args=[pemda.pk]),
                                   buka_data(template=str(template.pk), evaluasi_mulai="besok"),
                                   follow=True)
    assert not Evaluasi.objects.exists()
    assert "masa evaluasi" in r.content.decode() and "besok" in r.content.decode()


@pytest.mark.parametrize("pilihan", ["", "abc", "99999999999999999999999"])
def test_a_template_choice_that_is_no_template_is_refused(client, reviewer, pemda, dinsos,
                                                          pilihan):
    r = as_(client, reviewer).post(reverse("evaluasi_buat", args=[pemda.pk]),
                                   buka_data(template=pilihan), follow=True)
    assert r.status_code == 200 and "Pilih tahun dan template LKE" in r.content.decode()
    assert not Evaluasi.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("operator_dinsos", 404)])
def test_others_may_not_open_evaluations(request, client, pemda, dinsos, template, persona,
                                         status):
    r = as_(client, request.getfixturevalue(persona)).post(
        reverse("evaluasi_buat", args=[pemda.pk]), buka_data(template=str(template.pk)))
    assert r.status_code == status and not Evaluasi.objects.exists()


def test_the_opd_sees_its_own_evaluations(client, operator_dinsos, ev, dinsos):
    r = as_(client, operator_dinsos).get(reverse("evaluasi_opd", args=[dinsos.pk]))
    assert r.status_code == 200 and reverse("lembar_kerja", args=[ev.pk]) in r.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "operator_dinkes"])
def test_an_opds_evaluations_are_hidden_from_others(request, client, ev, dinsos, persona):
    r = as_(client, request.getfixturevalue(persona)).get(
        reverse("evaluasi_opd", args=[dinsos.pk]))
    assert r.status_code == 404


def test_the_worksheet_gives_the_operator_the_answer_form(client, operator_dinsos, ev):
    r = as_(client, operator_dinsos).get(reverse("lembar_kerja", args=[ev.pk]))
    body = r.content.decode()
    assert r.status_code == 200
    assert 'value="usulan"' in body and 'value="penetapan"' not in body
    assert 'data-testid="kriteria-4.c.5"' in body
    assert 'data-testid="saring"' not in body   # nothing answered: a filter would hide nothing


def test_the_worksheet_gives_the_reviewer_the_grade_form_and_lock(client, reviewer, ev):
    body = as_(client, reviewer).get(reverse("lembar_kerja", args=[ev.pk])).content.decode()
    assert 'value="penetapan"' in body and 'value="usulan"' not in body
    assert 'value="kunci"' in body


def test_the_unit_sees_no_grade_before_the_response_window(client, operator_dinsos, ev,
                                                           reviewer):
    j = jawaban_of(ev, "1.a.1")
    services.simpan_penetapan(j, "C", "Belum lengkap", j.versi, user=reviewer,
                              hari_ini=timezone.localdate())
    besok = timezone.localdate() + timedelta(days=1)
    Evaluasi.objects.filter(pk=ev.pk).update(tanggapan_mulai=besok)
    body = as_(client, operator_dinsos).get(reverse("lembar_kerja",
                                                    args=[ev.pk])).content.decode()
    assert "Belum lengkap" not in body


@pytest.mark.parametrize("persona", ["outsider", "operator_dinkes"])
def test_the_worksheet_is_hidden_from_others(request, client, ev, persona):
    r = as_(client, request.getfixturevalue(persona)).get(reverse("lembar_kerja", args=[ev.pk]))
    assert r.status_code == 404


def test_the_operator_answers_a_criterion(client, operator_dinsos, ev):
    j = jawaban_of(ev, "1.a.1")
    r = as_(client, operator_dinsos).post(
        reverse("jawaban_simpan", args=[j.pk]),
        {"aksi": "usulan", "nilai": "A", "catatan": "Ada", "versi": j.versi})
    assert r.status_code == 302 and r["Location"].endswith("#k-1.a.1")
    assert jawaban_of(ev, "1.a.1").nilai_usulan == "A"
    body = client.get(reverse("lembar_kerja", args=[ev.pk])).content.decode()
    riwayat = reverse("riwayat_objek", args=["Jawaban", jawaban_of(ev, "1.a.1").pk])
    assert riwayat in body
    assert "Ada" in client.get(riwayat).content.decode()


def test_a_refused_answer_says_why_on_the_page(client, operator_dinsos, ev):
    j = jawaban_of(ev, "1.a.1")
    r = as_(client, operator_dinsos).post(
        reverse("jawaban_simpan", args=[j.pk]),
        {"aksi": "usulan", "nilai": "Z", "catatan": "", "versi": j.versi}, follow=True)
    assert "Kriteria 1.a.1: &#x27;Z&#x27; bukan nilai" in r.content.decode()


@pytest.mark.parametrize(("persona", "aksi", "status"), [
    pytest.param("outsider", "usulan", 404, id="an outsider answering: not found"),
    pytest.param("operator_dinkes", "usulan", 404, id="another OPD answering: not found"),
    pytest.param("reviewer", "usulan", 403, id="the reviewer answering for the unit: forbidden"),
    pytest.param("operator_dinsos", "penetapan", 403, id="the unit grading itself: forbidden"),
    pytest.param("outsider", "penetapan", 404, id="an outsider grading: not found"),
])
def test_a_criterion_is_written_only_by_its_side(request, client, ev, persona, aksi, status):
    j = jawaban_of(ev, "1.a.1")
    r = as_(client, request.getfixturevalue(persona)).post(
        reverse("jawaban_simpan", args=[j.pk]),
        {"aksi": aksi, "nilai": "A", "catatan": "x", "versi": j.versi})
    assert r.status_code == status
    assert (jawaban_of(ev, "1.a.1").nilai_usulan, jawaban_of(ev, "1.a.1").nilai_penetapan) == \
        ("", "")


def test_the_reviewer_grades_a_criterion_accepting_the_suggestion(client, reviewer, ev):
    j = jawaban_of(ev, "1.a.1")
    as_(client, reviewer).post(reverse("jawaban_simpan", args=[j.pk]),
                               {"aksi": "penetapan", "nilai": "BB", "catatan": "",
                                "saran": "BB", "versi": j.versi})
    j = jawaban_of(ev, "1.a.1")
    assert (j.nilai_penetapan, j.nilai_saran) == ("BB", "BB")


@pytest.fixture
def berkas_bukti(ev, operator_dinsos, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.tambah_bukti(jawaban_of(ev, "1.a.1"), "Renstra",
                                 berkas=SimpleUploadedFile("r.pdf", b"%PDF-1.4 renstra"),
                                 user=operator_dinsos, hari_ini=timezone.localdate())


def test_the_operator_adds_a_link_as_evidence(client, operator_dinsos, ev):
    j = jawaban_of(ev, "1.a.1")
    as_(client, operator_dinsos).post(reverse("bukti_tambah", args=[j.pk]),
                                      {"nama": "Renstra", "tautan": "https://metro.go.id/r"})
    assert BuktiJawaban.objects.get().tautan == "https://metro.go.id/r"


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("operator_dinkes", 404),
                                                 ("reviewer", 403)])
def test_evidence_is_added_only_by_the_unit(request, client, ev, persona, status):
    j = jawaban_of(ev, "1.a.1")
    r = as_(client, request.getfixturevalue(persona)).post(
        reverse("bukti_tambah", args=[j.pk]), {"nama": "R", "tautan": "https://metro.go.id/r"})
    assert r.status_code == status and not BuktiJawaban.objects.exists()


def test_an_evidence_file_is_served_to_the_reviewer(client, reviewer, berkas_bukti):
    r = as_(client, reviewer).get(reverse("bukti_evaluasi_unduh", args=[berkas_bukti.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("persona", ["outsider", "operator_dinkes"])
def test_an_evidence_file_is_hidden_from_others(request, client, berkas_bukti, persona):
    r = as_(client, request.getfixturevalue(persona)).get(
        reverse("bukti_evaluasi_unduh", args=[berkas_bukti.pk]))
    assert r.status_code == 404


@pytest.mark.parametrize(("persona", "status", "sisa"), [
    ("operator_dinsos", 302, 0), ("outsider", 404, 1), ("operator_dinkes", 404, 1),
    ("reviewer", 403, 1)])
def test_evidence_is_removed_only_by_the_unit(request, client, berkas_bukti, persona, status,
                                              sisa):
    r = as_(client, request.getfixturevalue(persona)).post(
        reverse("bukti_evaluasi_hapus", args=[berkas_bukti.pk]))
    assert r.status_code == status and BuktiJawaban.objects.count() == sisa


def lengkapi(ev, reviewer):
    for j in ev.jawaban.select_related("kriteria"):
        services.simpan_penetapan(j, "B", "dinilai", j.versi, user=reviewer,
                                  hari_ini=timezone.localdate())


@pytest.mark.parametrize(("persona", "status", "terkunci"), [
    ("reviewer", 302, True), ("operator_dinsos", 403, False), ("admin_pemda", 403, False),
    ("outsider", 404, False)])
def test_the_lock_is_the_reviewers(request, client, ev, reviewer, persona, status, terkunci):
    lengkapi(ev, reviewer)
    r = as_(client, request.getfixturevalue(persona)).post(
        reverse("evaluasi_kunci", args=[ev.pk]), {"aksi": "kunci"})
    assert r.status_code == status
    assert Evaluasi.objects.get(pk=ev.pk).terkunci is terkunci


def test_a_locked_worksheet_shows_the_grades_without_forms(client, operator_dinsos, ev,
                                                           reviewer):
    lengkapi(ev, reviewer)
    services.kunci_evaluasi(ev, user=reviewer)
    body = as_(client, operator_dinsos).get(reverse("lembar_kerja",
                                                    args=[ev.pk])).content.decode()
    assert 'value="usulan"' not in body and "Dikunci pada" in body
    assert "70,00 · B" in body


@pytest.mark.parametrize(("persona", "status"), [("admin_pemda", 302), ("outsider", 404),
                                                 ("operator_dinsos", 403)])
def test_the_windows_are_set_by_the_reviewer_or_admin(request, client, ev, persona, status):
    data = buka_data(mandiri_selesai=(timezone.localdate() + timedelta(days=3)).isoformat())
    r = as_(client, request.getfixturevalue(persona)).post(
        reverse("evaluasi_jadwal", args=[ev.pk]), data)
    assert r.status_code == status
    ev.refresh_from_db()
    assert (ev.mandiri_selesai == timezone.localdate() + timedelta(days=3)) is (status == 302)


def test_the_reviewer_can_show_only_the_criteria_still_without_a_grade(client, reviewer, ev):
    lengkapi(ev, reviewer)
    j = jawaban_of(ev, "2.b.1")
    services.simpan_penetapan(j, "", "", j.versi, user=reviewer, hari_ini=timezone.localdate())
    body = as_(client, reviewer).get(reverse("lembar_kerja", args=[ev.pk]),
                                     {"saring": "belum"}).content.decode()
    assert body.count('<article class="kriteria"') == 1
    assert 'data-testid="kriteria-2.b.1"' in body and "Tampilkan semua kriteria" in body
    assert "1. Perencanaan Kinerja" in body   # the scores still list every component


def test_the_admin_pemda_answers_the_pemdas_own_self_assessment(client, admin_pemda, pemda,
                                                               template):
    as_(client, admin_pemda).post(reverse("evaluasi_buat", args=[pemda.pk]),
                                  buka_data(template=str(template.pk), unit="pemda"))
    e = Evaluasi.objects.get(pemda=pemda, perangkat_daerah__isnull=True)
    body = client.get(reverse("lembar_kerja", args=[e.pk])).content.decode()
    assert 'value="usulan"' in body and pemda.nama in body


def test_the_worksheet_reads_in_a_bounded_number_of_queries(client, reviewer, ev,
                                                           django_assert_max_num_queries):
    as_(client, reviewer)
    with django_assert_max_num_queries(60):
        assert client.get(reverse("lembar_kerja", args=[ev.pk])).status_code == 200


def test_a_refused_grade_is_shown_at_its_criterion_with_what_was_typed(client, reviewer, ev):
    j = jawaban_of(ev, "1.a.2")
    as_(client, reviewer)
    client.post(reverse("jawaban_simpan", args=[j.pk]),
                {"aksi": "penetapan", "nilai": "C", "catatan": "", "versi": j.versi})
    body = client.get(reverse("lembar_kerja", args=[ev.pk])).content.decode()
    kartu = body.split('data-testid="kriteria-1.a.2"')[1].split("</article>")[0]
    assert 'data-testid="galat"' in kartu and "tuliskan catatan" in kartu
    assert '<option value="C" selected>' in kartu
    body = client.get(reverse("lembar_kerja", args=[ev.pk])).content.decode()
    assert 'data-testid="galat"' not in body   # shown once


def test_the_pemda_list_reads_in_a_fixed_number_of_queries(client, reviewer, pemda, template,
                                                           django_assert_max_num_queries):
    from tests.builders import make_opd

    for i in range(3):
        make_opd(pemda=pemda, nama=f"Dinas {i}")
    services.buat_evaluasi_semua_opd(pemda, TAHUN, template, jendela(timezone.localdate()),
                                     user=reviewer)
    as_(client, reviewer)
    with django_assert_max_num_queries(15):
        body = client.get(reverse("evaluasi_pemda", args=[pemda.pk]),
                          {"tahun": TAHUN}).content.decode()
    assert body.count("0 / 80") == 6   # answered and graded of three agencies
