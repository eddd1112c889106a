"""The LHE final (evaluasi/lhe_final.py): made only from a locked evaluation and only by the
reviewer or the admin pemda; frozen as the files and a JSON snapshot of the scores, grades
and recommendations with the SHA-256 of each file; the PDF signed with the pemda's key, so
that reports.verifikasi calls it an unaltered "LHE" of its OPD and year, rejects it after a
one-byte change, and finds it by its hash; downloads served from the stored bytes only while
they still have their hash."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from akuntabel.evaluasi import lhe_final, services
from akuntabel.evaluasi import rekomendasi as rk
from akuntabel.evaluasi.models import Jawaban, LheFinal
from akuntabel.reports.final import FinalTidakBerubah, sha256_of
from akuntabel.reports.verifikasi import final_tercatat, verify
from tests.builders import make_opd, make_pejabat
from tests.evaluasi.dunia import (
    TAHUN,
    admin_pemda,
    dinsos,
    evaluasi,
    jendela,
    operator_dinsos,
    outsider,
    pemda,
    reviewer,
    template,
)

__all__ = ["admin_pemda", "dinsos", "evaluasi", "operator_dinsos", "outsider", "pemda",
           "reviewer", "template"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def inspektur(pemda):
    """The Inspektur who signs, with a valid NIP: no problem is open on a locked evaluation
    graded B everywhere, so no note is needed (tests/evaluasi/test_lhe_final_terbuka.py has
    the problems)."""
    make_pejabat(make_opd(pemda=pemda, nama="Inspektorat"), nama="Drs. Hadi Santoso",
                 nip="19700101 199003 1 001", jabatan="Inspektur Kota Metro")


@pytest.fixture
def terkunci(evaluasi, reviewer):
    """The evaluation graded B everywhere (70,00), with one recommendation, locked."""
    rk.tambah_rekomendasi(evaluasi, "2", "Agar capaian diukur setiap triwulan", None,
                          user=reviewer)
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan="B")
    return services.kunci_evaluasi(evaluasi, user=reviewer)


def test_no_final_before_the_evaluation_is_locked(evaluasi, reviewer):
    with pytest.raises(lhe_final.LheFinalDitolak, match=r"dikunci|locked"):
        lhe_final.buat_final(evaluasi, reviewer)
    assert not LheFinal.objects.exists()


def test_only_the_reviewer_or_the_admin_pemda_makes_it(terkunci, operator_dinsos, admin_pemda,
                                                       outsider):
    for user in (operator_dinsos, outsider):
        with pytest.raises(PermissionDenied):
            lhe_final.buat_final(terkunci, user)
    assert not LheFinal.objects.exists()
    made = lhe_final.buat_final(terkunci, admin_pemda)
    assert sorted(f.format for f in made) == ["docx", "pdf"]


def test_the_final_holds_the_scores_grades_and_recommendations(terkunci, reviewer):
    made = lhe_final.buat_final(terkunci, reviewer)
    for f in made:
        assert f.sha256 == sha256_of(bytes(f.isi)) and lhe_final.is_intact(f)
    data = made[0].data
    assert data["tahun"] == TAHUN and data["dokumen"]["jenis"] == "lhe"
    assert Decimal(data["hasil"]["total"]) == Decimal("70")
    assert data["hasil"]["predikat"] == "B"   # more than 60 up to 70
    assert {j["nilai_penetapan"] for j in data["jawaban"]} == {"B"}
    assert [r["uraian"] for r in data["rekomendasi"]] == ["Agar capaian diukur setiap triwulan"]
    with pytest.raises(FinalTidakBerubah):
        lhe_final.buat_final(terkunci, reviewer)


def test_the_signed_pdf_verifies_and_a_changed_byte_does_not(terkunci, reviewer, dinsos):
    pdf = next(f for f in lhe_final.buat_final(terkunci, reviewer) if f.format == "pdf")
    hasil = verify(bytes(pdf.isi))
    assert hasil.sah, hasil.alasan
    assert (hasil.nama_dokumen, hasil.opd, hasil.tahun) == ("LHE", dinsos.nama, TAHUN)
    assert hasil.pemda_kode == terkunci.pemda.kode
    changed = bytearray(pdf.isi)
    changed[len(changed) // 2] ^= 1
    assert not verify(bytes(changed)).sah
    assert final_tercatat(pdf.sha256) == pdf


def test_the_page_makes_it_for_the_reviewer_only(client, terkunci, reviewer, operator_dinsos,
                                                 outsider):
    url = reverse("lhe_final_buat", args=[terkunci.pk])
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    client.force_login(operator_dinsos)
    assert client.post(url).status_code == 403
    assert not LheFinal.objects.exists()
    client.force_login(reviewer)
    assert client.post(url).status_code == 302
    assert LheFinal.objects.filter(evaluasi=terkunci).count() == 2


def test_the_download_is_the_stored_bytes_checked_against_the_hash(client, terkunci, reviewer,
                                                                   operator_dinsos, outsider):
    pdf = next(f for f in lhe_final.buat_final(terkunci, reviewer) if f.format == "pdf")
    url = reverse("lhe_final_unduh", args=[pdf.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(operator_dinsos)   # the evaluated OPD receives its locked LHE
    response = client.get(url)
    assert response.status_code == 200 and response.content == bytes(pdf.isi)
    LheFinal.objects.filter(pk=pdf.pk).update(isi=b"%PDF tampered")
    assert client.get(url).status_code == 409


def test_the_public_page_finds_it_by_its_hash(client, terkunci, reviewer, dinsos):
    pdf = next(f for f in lhe_final.buat_final(terkunci, reviewer) if f.format == "pdf")
    response = client.post(reverse("verifikasi"), {"sha256": pdf.sha256})
    assert response.status_code == 200
    assert response.context["tercatat"]["dokumen"] == "LHE"
    assert response.context["tercatat"]["opd"] == dinsos.nama
    assert response.context["tercatat"]["tahun"] == TAHUN


def test_the_pemdas_own_lhe_is_named_by_the_pemda(pemda, template, reviewer):
    sendiri = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=reviewer)
    Jawaban.objects.filter(evaluasi=sendiri).update(nilai_penetapan="B")
    services.kunci_evaluasi(sendiri, user=reviewer)
    pdf = next(f for f in lhe_final.buat_final(sendiri, reviewer) if f.format == "pdf")
    hasil = verify(bytes(pdf.isi))
    assert hasil.sah, hasil.alasan
    assert (hasil.nama_dokumen, hasil.pemda, hasil.opd) == ("LHE", pemda.nama, "")
    assert lhe_final.filename_of(pdf).startswith(f"LHE-{pemda.kode}-pemda-{TAHUN}-final-")


def test_the_results_page_offers_it_once_locked_and_lists_the_finals(client, evaluasi, reviewer,
                                                                     operator_dinsos):
    url = reverse("evaluasi_hasil", args=[evaluasi.pk])
    buat = reverse("lhe_final_buat", args=[evaluasi.pk])
    client.force_login(reviewer)
    assert buat not in client.get(url).content.decode()   # a draft before the lock
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan="B")
    services.kunci_evaluasi(evaluasi, user=reviewer)
    assert buat in client.get(url).content.decode()
    made = lhe_final.buat_final(evaluasi, reviewer)
    client.force_login(operator_dinsos)
    page = client.get(url).content.decode()
    assert buat not in page
    assert all(f.sha256 in page for f in made)
