"""The recommendations' write path (evaluasi/rekomendasi.py): the evaluator writes them before
the lock, the owner OPD records its follow-up after, the reviewer accepts it or not; each with
a history row, a stale save refused, an Indonesian message naming the recommendation."""

from __future__ import annotations

from datetime import date

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.evaluasi import rekomendasi as rk
from akuntabel.evaluasi import services
from akuntabel.evaluasi.models import Evaluasi, Jawaban, Rekomendasi
from tests.evaluasi.dunia import (
    TAHUN,
    admin_pemda,
    dinkes,
    dinsos,
    evaluasi,
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

AGAR = "Agar menetapkan IKU dengan definisi operasional dan rumus yang terukur"


def kunci(evaluasi: Evaluasi, reviewer, nilai: str = "B") -> Evaluasi:
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan=nilai)
    return services.kunci_evaluasi(evaluasi, user=reviewer)


@pytest.fixture
def rek(evaluasi, reviewer) -> Rekomendasi:
    return rk.tambah_rekomendasi(evaluasi, "1", AGAR, date(2024, 6, 30), user=reviewer)


def test_the_evaluator_writes_a_recommendation_with_its_history(evaluasi, reviewer, dinsos):
    r = rk.tambah_rekomendasi(evaluasi, "2", "Agar mengukur kinerja tiap triwulan",
                              date(2024, 6, 30), user=reviewer)
    assert (r.komponen.kode, r.perangkat_daerah, r.status, r.urutan) == ("2", dinsos,
                                                                         "terbuka", 1)
    assert Perubahan.objects.filter(model="Rekomendasi", objek_id=r.pk, kolom="uraian",
                                    perangkat_daerah=dinsos).exists()


@pytest.mark.parametrize(("persona", "komponen", "uraian", "pesan"), [
    pytest.param("operator_dinsos", "1", AGAR, "hanya evaluator",
                 id="the evaluated OPD does not write its own recommendations"),
    pytest.param("admin_pemda", "1", AGAR, "hanya evaluator", id="nor does the admin pemda"),
    pytest.param("reviewer", "9", AGAR, "komponen '9' tidak ada", id="an unknown component"),
    pytest.param("reviewer", "1", "  ", "wajib diisi", id="an empty text"),
    pytest.param("reviewer", "1", "IKU belum baik", "Agar", id="a finding, not an 'Agar' advice"),
])
def test_refused_recommendations_write_nothing(request, evaluasi, persona, komponen, uraian,
                                               pesan):
    with pytest.raises(rk.RekomendasiDitolak, match=pesan):
        rk.tambah_rekomendasi(evaluasi, komponen, uraian, None,
                              user=request.getfixturevalue(persona))
    assert not Rekomendasi.objects.exists()


def test_no_recommendation_is_added_or_changed_once_locked(evaluasi, reviewer, rek):
    kunci(evaluasi, reviewer)
    with pytest.raises(rk.RekomendasiDitolak, match="sudah dikunci"):
        rk.tambah_rekomendasi(evaluasi, "1", AGAR, None, user=reviewer)
    with pytest.raises(rk.RekomendasiDitolak, match="sudah dikunci"):
        rk.ubah_rekomendasi(rek, AGAR + " lagi", None, rek.versi, user=reviewer)


def test_a_stale_change_is_refused_naming_who_changed_it(evaluasi, reviewer, rek):
    rk.ubah_rekomendasi(rek, AGAR + " dan target", None, rek.versi, user=reviewer)
    with pytest.raises(rk.RekomendasiDitolak, match="Budi Inspektur"):
        rk.ubah_rekomendasi(rek, AGAR + " lain", None, 1, user=reviewer)
    rek.refresh_from_db()
    assert rek.uraian == AGAR + " dan target"


def test_follow_up_then_acceptance(evaluasi, reviewer, operator_dinsos, rek, dinsos):
    kunci(evaluasi, reviewer)
    rek = rk.catat_tindak_lanjut(rek, "IKU direviu dan ditetapkan ulang", "/opd/1/iku/",
                                 rek.versi, user=operator_dinsos)
    assert (rek.status, rek.tindak_lanjut_oleh) == ("proses", operator_dinsos)
    assert list(rk.rekomendasi_terbuka(dinsos)) == [rek]
    rek = rk.putuskan_tindak_lanjut(rek, "terima", "", rek.versi, user=reviewer)
    assert (rek.status, rek.diputuskan_oleh) == ("selesai", reviewer)
    assert list(rk.rekomendasi_terbuka(dinsos)) == []
    kolom = set(Perubahan.objects.filter(model="Rekomendasi", objek_id=rek.pk)
                .values_list("kolom", flat=True))
    assert {"tindak_lanjut", "bukti_tautan", "status"} <= kolom


def test_the_reviewer_refuses_with_a_note_and_the_opd_follows_up_again(
        evaluasi, reviewer, operator_dinsos, rek):
    kunci(evaluasi, reviewer)
    rek = rk.catat_tindak_lanjut(rek, "Sedang disusun", "", rek.versi, user=operator_dinsos)
    with pytest.raises(rk.RekomendasiDitolak, match="catatan"):
        rk.putuskan_tindak_lanjut(rek, "tolak", "", rek.versi, user=reviewer)
    rek = rk.putuskan_tindak_lanjut(rek, "tolak", "Belum ada SK penetapan IKU", rek.versi,
                                    user=reviewer)
    assert rek.status == "tidak_diterima"
    rek = rk.catat_tindak_lanjut(rek, "SK ditetapkan", "https://jdih.metrokota.go.id/sk",
                                 rek.versi, user=operator_dinsos)
    assert rek.status == "proses"


@pytest.mark.parametrize(("persona", "pesan"), [
    pytest.param("operator_dinkes", "hanya operator atau kepala",
                 id="another OPD's operator does not follow up"),
    pytest.param("reviewer", "hanya operator atau kepala",
                 id="the reviewer does not follow up for the OPD"),
    pytest.param("outsider", "hanya operator atau kepala", id="another pemda's admin"),
])
def test_who_follows_up(request, evaluasi, reviewer, rek, persona, pesan):
    kunci(evaluasi, reviewer)
    with pytest.raises(rk.RekomendasiDitolak, match=pesan):
        rk.catat_tindak_lanjut(rek, "x", "", rek.versi, user=request.getfixturevalue(persona))


def test_no_follow_up_before_the_lock_nor_a_bad_link(evaluasi, reviewer, operator_dinsos, rek):
    with pytest.raises(rk.RekomendasiDitolak, match="setelah evaluasi dikunci"):
        rk.catat_tindak_lanjut(rek, "x", "", rek.versi, user=operator_dinsos)
    kunci(evaluasi, reviewer)
    with pytest.raises(rk.RekomendasiDitolak, match="bukan alamat yang sah"):
        rk.catat_tindak_lanjut(rek, "x", "javascript:alert(1)", rek.versi, user=operator_dinsos)
    rek.refresh_from_db()
    assert rek.status == "terbuka"


def test_the_opd_does_not_accept_its_own_follow_up(evaluasi, reviewer, operator_dinsos, rek):
    kunci(evaluasi, reviewer)
    rek = rk.catat_tindak_lanjut(rek, "x", "", rek.versi, user=operator_dinsos)
    with pytest.raises(rk.RekomendasiDitolak, match="hanya reviewer"):
        rk.putuskan_tindak_lanjut(rek, "terima", "", rek.versi, user=operator_dinsos)


def test_next_years_evaluation_lists_last_years_recommendations(
        pemda, dinsos, dinkes, template, evaluasi, reviewer, operator_dinsos, rek):
    other = rk.tambah_rekomendasi(evaluasi, "3", "Agar LKjIP memuat analisis efisiensi", None,
                                  user=reviewer)
    kunci(evaluasi, reviewer)
    rk.catat_tindak_lanjut(other, "Bab III memuat efisiensi", "", other.versi,
                           user=operator_dinsos)
    baru = services.buat_evaluasi(pemda, TAHUN + 1, template, jendela(), opd=dinsos,
                                  user=reviewer)
    lain = services.buat_evaluasi(pemda, TAHUN + 1, template, jendela(), opd=dinkes,
                                  user=reviewer)
    assert list(rk.rekomendasi_sebelumnya(baru)) == [rek, other]
    assert list(rk.rekomendasi_sebelumnya(lain)) == []


def test_the_evaluator_deletes_a_recommendation_before_the_lock_only(evaluasi, reviewer,
                                                                      operator_dinsos):
    a = rk.tambah_rekomendasi(evaluasi, "1", AGAR, None, user=reviewer)
    b = rk.tambah_rekomendasi(evaluasi, "1", AGAR + " kedua", None, user=reviewer)
    with pytest.raises(rk.RekomendasiDitolak, match="hanya evaluator"):
        rk.hapus_rekomendasi(a, a.versi, user=operator_dinsos)
    pk = a.pk
    rk.hapus_rekomendasi(a, a.versi, user=reviewer)
    assert list(Rekomendasi.objects.all()) == [b]
    assert Perubahan.objects.filter(model="Rekomendasi", objek_id=pk,
                                    baru="(dihapus)").exists()
    kunci(evaluasi, reviewer)
    with pytest.raises(rk.RekomendasiDitolak, match="sebelum evaluasi dikunci"):
        rk.hapus_rekomendasi(b, b.versi, user=reviewer)
