"""The write services of an evaluation (evaluasi/services.py): each kind of value by the one
side allowed to write it, in its window, never once locked, never over someone else's newer
save, with an Indonesian message naming the criterion, and a history row for every change."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from akuntabel.audit.models import Perubahan
from akuntabel.evaluasi import services
from akuntabel.evaluasi.models import BuktiJawaban, Evaluasi, Jawaban
from tests.evaluasi.dunia import (
    HARI_INI,
    TAHUN,
    admin_pemda,
    dinkes,
    dinsos,
    evaluasi,
    jawaban_of,
    jendela,
    operator_dinkes,
    operator_dinsos,
    outsider,
    pemda,
    reviewer,
    template,
)

__all__ = ["admin_pemda", "dinkes", "dinsos", "evaluasi", "operator_dinkes", "operator_dinsos",
           "outsider", "pemda", "reviewer", "template"]

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def usul(request, evaluasi, persona, nilai="BB", catatan="Renstra ada", hari=HARI_INI,
         nomor="1.a.1"):
    j = jawaban_of(evaluasi, nomor)
    return services.simpan_usulan(j, nilai, catatan, j.versi,
                                  user=request.getfixturevalue(persona), hari_ini=hari)


@pytest.mark.parametrize(("persona", "boleh"), [
    pytest.param("operator_dinsos", True, id="the OPD's own operator answers"),
    pytest.param("operator_dinkes", False, id="another OPD's operator may not"),
    pytest.param("reviewer", False, id="the evaluator may not answer for the OPD"),
    pytest.param("admin_pemda", False, id="the admin pemda may not answer for the OPD"),
    pytest.param("outsider", False, id="the admin of another pemda may not"),
])
def test_who_answers(request, evaluasi, persona, boleh):
    if boleh:
        assert usul(request, evaluasi, persona).nilai_usulan == "BB"
    else:
        with pytest.raises(services.EvaluasiDitolak, match=r"Kriteria 1\.a\.1"):
            usul(request, evaluasi, persona)
        assert jawaban_of(evaluasi, "1.a.1").nilai_usulan == ""


@pytest.mark.parametrize(("geser", "pesan"), [
    pytest.param(-31, "belum dibuka", id="a day before the self-assessment window: refused"),
    pytest.param(-30, None, id="its first day: written"),
    pytest.param(0, None, id="its last day: written"),
    pytest.param(1, "sudah ditutup", id="a day after it: refused"),
])
def test_the_self_assessment_window(request, evaluasi, geser, pesan):
    hari = HARI_INI + timedelta(days=geser)
    if pesan is None:
        assert usul(request, evaluasi, "operator_dinsos", hari=hari).nilai_usulan == "BB"
    else:
        with pytest.raises(services.EvaluasiDitolak, match=pesan):
            usul(request, evaluasi, "operator_dinsos", hari=hari)


@pytest.mark.parametrize(("nilai", "disimpan"), [
    pytest.param("BB", "BB", id="a grade of the scale is kept"),
    pytest.param(" bb ", "BB", id="lower case and spaces are read as the grade"),
    pytest.param("", "", id="empty clears the answer"),
    pytest.param("Y", None, id="a grade of another scale is refused, naming the scale"),
])
def test_an_answer_is_a_grade_of_the_templates_scale(request, evaluasi, nilai, disimpan):
    if disimpan is None:
        with pytest.raises(services.EvaluasiDitolak, match=r"Kriteria 1\.a\.1.*AA, A, BB"):
            usul(request, evaluasi, "operator_dinsos", nilai=nilai)
    else:
        assert usul(request, evaluasi, "operator_dinsos", nilai=nilai).nilai_usulan == disimpan


def test_an_answer_is_recorded_in_the_history(request, evaluasi):
    j = usul(request, evaluasi, "operator_dinsos")
    rows = {(p.kolom, p.lama, p.baru) for p in Perubahan.objects.filter(model="Jawaban",
                                                                         objek_id=j.pk)}
    assert rows == {("nilai_usulan", "", "BB"), ("catatan_usulan", "", "Renstra ada")}
    assert j.versi == 2 and j.usulan_oleh.first_name == "Sri"


def test_a_stale_save_is_refused_naming_who_saved_first(evaluasi, operator_dinsos):
    j = jawaban_of(evaluasi, "1.a.1")
    services.simpan_usulan(j, "A", "", j.versi, user=operator_dinsos, hari_ini=HARI_INI)
    with pytest.raises(services.StaleJawaban, match=r"1\.a\.1.*Sri Wahyuni") as exc:
        services.simpan_usulan(j, "B", "lama", 1, user=operator_dinsos, hari_ini=HARI_INI)
    assert exc.value.jawaban.nilai_usulan == "A"
    assert jawaban_of(evaluasi, "1.a.1").nilai_usulan == "A"


def nilai_penetapan(evaluasi, reviewer, nilai, catatan, saran="", nomor="1.a.1"):
    j = jawaban_of(evaluasi, nomor)
    return services.simpan_penetapan(j, nilai, catatan, j.versi, user=reviewer,
                                     hari_ini=HARI_INI, saran=saran)


@pytest.mark.parametrize(("usulan", "saran", "nilai", "catatan", "pesan"), [
    pytest.param("A", "", "A", "", None, id="the unit's answer confirmed: no note needed"),
    pytest.param("A", "", "B", "", "catatan", id="below the unit's answer without a note: refused"),
    pytest.param("A", "", "B", "Tanpa reviu", None, id="below the unit's answer with a note"),
    pytest.param("A", "A", "A", "", None, id="the suggestion accepted: no note needed"),
    pytest.param("A", "BB", "BB", "", None,
                 id="the suggestion accepted below the unit's answer: its reason stands"),
    pytest.param("A", "BB", "A", "", "saran", id="the suggestion overridden without a note"),
    pytest.param("A", "BB", "A", "Dokumen ada", None, id="the suggestion overridden with a note"),
    pytest.param("", "", "C", "", "catatan", id="a criterion the unit left open needs a note"),
])
def test_a_grade_that_differs_needs_a_note(evaluasi, operator_dinsos, reviewer, usulan, saran,
                                          nilai, catatan, pesan):
    if usulan:
        j = jawaban_of(evaluasi, "1.a.1")
        services.simpan_usulan(j, usulan, "", j.versi, user=operator_dinsos, hari_ini=HARI_INI)
    if pesan is None:
        j = nilai_penetapan(evaluasi, reviewer, nilai, catatan, saran)
        assert (j.nilai_penetapan, j.nilai_saran, j.penetapan_oleh) == (nilai, saran, reviewer)
    else:
        with pytest.raises(services.EvaluasiDitolak, match=rf"Kriteria 1\.a\.1.*{pesan}"):
            nilai_penetapan(evaluasi, reviewer, nilai, catatan, saran)
        assert jawaban_of(evaluasi, "1.a.1").nilai_penetapan == ""


@pytest.mark.parametrize("persona", [
    pytest.param("operator_dinsos", id="the evaluated OPD may not grade itself"),
    pytest.param("admin_pemda", id="the admin pemda is not the evaluator"),
    pytest.param("outsider", id="the admin of another pemda may not"),
])
def test_only_the_evaluator_grades(request, evaluasi, persona):
    with pytest.raises(services.EvaluasiDitolak, match=r"Kriteria 1\.a\.1"):
        nilai_penetapan(evaluasi, request.getfixturevalue(persona), "A", "catatan")


def test_the_evaluator_grades_only_in_the_evaluation_window(evaluasi, reviewer):
    j = jawaban_of(evaluasi, "1.a.1")
    with pytest.raises(services.EvaluasiDitolak, match=r"masa evaluasi.*belum dibuka"):
        services.simpan_penetapan(j, "A", "x", j.versi, user=reviewer,
                                  hari_ini=HARI_INI - timedelta(days=1))


def lengkapi(evaluasi, reviewer, nilai="B"):
    for j in evaluasi.jawaban.select_related("kriteria"):
        services.simpan_penetapan(j, nilai, "dinilai", j.versi, user=reviewer, hari_ini=HARI_INI)


def test_a_lock_needs_every_criterion_graded_and_names_the_open_ones(evaluasi, reviewer):
    nilai_penetapan(evaluasi, reviewer, "A", "ok")
    with pytest.raises(services.EvaluasiDitolak, match=r"79 kriteria.*1\.a\.2"):
        services.kunci_evaluasi(evaluasi, user=reviewer)
    assert not Evaluasi.objects.get(pk=evaluasi.pk).terkunci


@pytest.mark.parametrize("persona", [
    pytest.param("operator_dinsos", id="the evaluated OPD may not lock"),
    pytest.param("admin_pemda", id="the admin pemda may not lock"),
])
def test_only_the_evaluator_locks(request, evaluasi, reviewer, persona):
    lengkapi(evaluasi, reviewer)
    with pytest.raises(services.EvaluasiDitolak):
        services.kunci_evaluasi(evaluasi, user=request.getfixturevalue(persona))


@pytest.mark.parametrize("tulis", [
    pytest.param(lambda j, w: services.simpan_usulan(j, "A", "", j.versi, user=w["op"],
                                                     hari_ini=HARI_INI), id="an answer"),
    pytest.param(lambda j, w: services.tambah_bukti(j, "Renstra", tautan="https://x.id/r",
                                                    user=w["op"], hari_ini=HARI_INI),
                 id="evidence"),
    pytest.param(lambda j, w: services.simpan_penetapan(j, "A", "x", j.versi, user=w["rev"],
                                                        hari_ini=HARI_INI), id="a grade"),
    pytest.param(lambda j, w: services.simpan_tanggapan(j, "Kami keberatan", j.versi,
                                                        user=w["op"], hari_ini=HARI_INI),
                 id="a response"),
])
def test_once_locked_nothing_is_written(evaluasi, reviewer, operator_dinsos, tulis):
    lengkapi(evaluasi, reviewer)
    services.kunci_evaluasi(evaluasi, user=reviewer)
    sebelum = (Perubahan.objects.count(), BuktiJawaban.objects.count())
    j = jawaban_of(Evaluasi.objects.get(pk=evaluasi.pk), "1.a.1")
    with pytest.raises(services.EvaluasiDitolak, match=r"Kriteria 1\.a\.1.*dikunci"):
        tulis(j, {"op": operator_dinsos, "rev": reviewer})
    assert (Perubahan.objects.count(), BuktiJawaban.objects.count()) == sebelum


def test_a_lock_is_recorded_and_undone_only_with_a_reason(evaluasi, reviewer):
    lengkapi(evaluasi, reviewer)
    services.kunci_evaluasi(evaluasi, user=reviewer)
    evaluasi.refresh_from_db()
    assert evaluasi.terkunci and evaluasi.dikunci_oleh == reviewer
    with pytest.raises(services.EvaluasiDitolak, match="alasan"):
        services.buka_kunci(evaluasi, user=reviewer, alasan=" ")
    services.buka_kunci(evaluasi, user=reviewer, alasan="Salah nilai 1.a.1")
    evaluasi.refresh_from_db()
    assert not evaluasi.terkunci
    assert Perubahan.objects.filter(model="Evaluasi", kolom="dikunci",
                                    alasan="Salah nilai 1.a.1").exists()


@pytest.mark.parametrize(("tautan", "berkas", "pesan"), [
    pytest.param("https://metrokota.go.id/renstra.pdf", None, None, id="a link is kept"),
    pytest.param("", ("renstra.pdf", PDF), None, id="a PDF file is kept"),
    pytest.param("", None, "tautan atau berkas", id="neither a link nor a file: refused"),
    pytest.param("renstra di lemari", None, "tautan", id="a link that is no address: refused"),
    pytest.param("https://metro.go.id/" + "a" * 1000, None, "tautan",
                 id="a link longer than the column holds: refused"),
    pytest.param("", ("renstra.pdf", b"bukan pdf"), "PDF", id="a file that is no PDF: refused"),
])
def test_evidence_of_an_answer(evaluasi, operator_dinsos, tautan, berkas, pesan, settings,
                               tmp_path):
    settings.MEDIA_ROOT = tmp_path
    j = jawaban_of(evaluasi, "1.a.1")
    upload = SimpleUploadedFile(berkas[0], berkas[1]) if berkas else None
    if pesan is None:
        bukti = services.tambah_bukti(j, "Renstra 2021-2026", tautan=tautan, berkas=upload,
                                      user=operator_dinsos, hari_ini=HARI_INI)
        assert bukti.nama == "Renstra 2021-2026"
        assert Perubahan.objects.filter(model="Jawaban", objek_id=j.pk, kolom="bukti").exists()
        services.hapus_bukti(bukti, user=operator_dinsos, hari_ini=HARI_INI)
        assert not BuktiJawaban.objects.exists()
    else:
        with pytest.raises(services.EvaluasiDitolak, match=rf"Kriteria 1\.a\.1.*{pesan}"):
            services.tambah_bukti(j, "Renstra", tautan=tautan, berkas=upload,
                                  user=operator_dinsos, hari_ini=HARI_INI)
        assert not BuktiJawaban.objects.exists()


def test_the_unit_responds_to_the_grades_in_its_window(evaluasi, operator_dinsos, reviewer):
    j = jawaban_of(evaluasi, "1.a.1")
    j = services.simpan_tanggapan(j, "Dokumen sudah diunggah", j.versi, user=operator_dinsos,
                                  hari_ini=HARI_INI)
    assert j.tanggapan == "Dokumen sudah diunggah"
    with pytest.raises(services.EvaluasiDitolak, match=r"Kriteria 1\.a\.1"):
        services.simpan_tanggapan(j, "x", j.versi, user=reviewer, hari_ini=HARI_INI)


def test_the_years_evaluations_are_made_for_every_opd_once(pemda, dinsos, dinkes, template,
                                                          reviewer):
    dibuat = services.buat_evaluasi_semua_opd(pemda, TAHUN, template, jendela(), user=reviewer)
    assert sorted(e.perangkat_daerah.nama for e in dibuat) == ["Dinas Kesehatan", "Dinas Sosial"]
    assert Jawaban.objects.filter(evaluasi__in=dibuat).count() == 2 * 80
    assert services.buat_evaluasi_semua_opd(pemda, TAHUN, template, jendela(),
                                            user=reviewer) == []


def test_the_pemda_itself_is_evaluated_with_the_same_worksheet(pemda, template, admin_pemda,
                                                              reviewer):
    e = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=admin_pemda)
    assert e.perangkat_daerah is None and e.jawaban.count() == 80
    j = jawaban_of(e, "1.a.1")
    assert services.simpan_usulan(j, "A", "", j.versi, user=admin_pemda,
                                  hari_ini=HARI_INI).nilai_usulan == "A"
    with pytest.raises(services.EvaluasiDitolak, match="sudah ada"):
        services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=admin_pemda)


@pytest.mark.parametrize(("ubah", "kolom"), [
    pytest.param({"mandiri_selesai": HARI_INI - timedelta(days=60)}, "penilaian mandiri",
                 id="a window that ends before it starts: refused, naming it"),
    pytest.param({"evaluasi_mulai": HARI_INI - timedelta(days=40)}, "evaluasi",
                 id="an evaluation that starts before the self-assessment: refused"),
    pytest.param({"tanggapan_mulai": HARI_INI - timedelta(days=1)}, "tanggapan",
                 id="a response window before the evaluation starts: refused"),
])
def test_windows_in_a_wrong_order_are_refused(pemda, dinsos, template, reviewer, ubah, kolom):
    with pytest.raises(services.EvaluasiDitolak, match=kolom):
        services.buat_evaluasi(pemda, TAHUN, template, jendela(**ubah), opd=dinsos,
                               user=reviewer)
    assert not Evaluasi.objects.exists()


@pytest.mark.parametrize("persona", [
    pytest.param("operator_dinsos", id="an OPD operator may not open evaluations"),
    pytest.param("outsider", id="the admin of another pemda may not"),
])
def test_who_opens_evaluations(request, pemda, dinsos, template, persona):
    with pytest.raises(services.EvaluasiDitolak):
        services.buat_evaluasi_semua_opd(pemda, TAHUN, template, jendela(),
                                         user=request.getfixturevalue(persona))
    assert not Evaluasi.objects.exists()


def test_scores_of_the_grades_and_last_years_beside_them(pemda, dinsos, template, reviewer,
                                                        evaluasi):
    lengkapi(evaluasi, reviewer, "B")
    lalu = services.buat_evaluasi(pemda, TAHUN - 1, template,
                                  jendela(HARI_INI - timedelta(days=365)), opd=dinsos,
                                  user=reviewer)
    for j in lalu.jawaban.select_related("kriteria"):
        services.simpan_penetapan(j, "C", "dinilai", j.versi, user=reviewer,
                                  hari_ini=HARI_INI - timedelta(days=365))
    skor = services.skor(evaluasi)
    assert skor.total == Decimal("70") and skor.predikat.predikat == "B"
    assert services.evaluasi_tahun_lalu(evaluasi) == lalu
    assert services.skor(lalu).total == Decimal("50")


@pytest.mark.parametrize("tulis", [
    pytest.param(lambda j, w: services.simpan_usulan(j, "A", "Renstra\x0c ada", j.versi,
                                                     user=w["op"], hari_ini=HARI_INI),
                 id="an answer's note"),
    pytest.param(lambda j, w: services.simpan_penetapan(j, "A", "ok\x1f", j.versi,
                                                        user=w["rev"], hari_ini=HARI_INI),
                 id="a grade's note"),
    pytest.param(lambda j, w: services.simpan_tanggapan(j, "\x00", j.versi, user=w["op"],
                                                        hari_ini=HARI_INI), id="a response"),
    pytest.param(lambda j, w: services.tambah_bukti(j, "Renstra\x07", tautan="https://x.id/r",
                                                    user=w["op"], hari_ini=HARI_INI),
                 id="an evidence's name"),
])
def test_a_control_character_is_refused_naming_it(evaluasi, operator_dinsos, reviewer, tulis):
    j = jawaban_of(evaluasi, "1.a.1")
    with pytest.raises(services.EvaluasiDitolak, match=r"Kriteria 1\.a\.1.*U\+00"):
        tulis(j, {"op": operator_dinsos, "rev": reviewer})
    assert jawaban_of(evaluasi, "1.a.1").versi == 1 and not BuktiJawaban.objects.exists()
