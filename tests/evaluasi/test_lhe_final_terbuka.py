"""The LHE final made with eyes open (issue 16), as the LKjIP and PK finals are: the problems
open in the evaluation are listed (the evaluation not locked, criteria without the evaluator's
grade, the template's consistency warnings on the grades, the Inspektur missing or his NIP
failing ``core.nip``), a note is required while any is open and kept with the final; a final
whose grades or answers changed afterwards is shown as outdated, with what changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akuntabel.evaluasi import lhe_final, services
from akuntabel.evaluasi.models import Evaluasi, Jawaban, LheFinal
from akuntabel.reports.final import CatatanDiperlukan
from tests.builders import make_opd, make_pejabat
from tests.evaluasi.dunia import (
    admin_pemda,
    dinsos,
    evaluasi,
    operator_dinsos,
    pemda,
    reviewer,
    template,
)

__all__ = ["admin_pemda", "dinsos", "evaluasi", "operator_dinsos", "pemda", "reviewer",
           "template"]

pytestmark = pytest.mark.django_db

NIP_SAH = "19700101 199003 1 001"


def _inspektur(pemda, nip=NIP_SAH):
    inspektorat = make_opd(pemda=pemda, nama="Inspektorat")
    return make_pejabat(inspektorat, nama="Drs. Hadi Santoso", nip=nip,
                        jabatan="Inspektur Kota Metro")


def _kunci(evaluasi, reviewer, **nilai):
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan="B")
    for nomor, kode in nilai.items():
        Jawaban.objects.filter(evaluasi=evaluasi, kriteria__nomor=nomor.replace("_", ".")) \
            .update(nilai_penetapan=kode)
    return services.kunci_evaluasi(evaluasi, user=reviewer)


def _jenis(masalah):
    return [m.jenis for m in masalah]


def test_a_clean_locked_evaluation_has_no_open_problem(evaluasi, reviewer, pemda):
    _inspektur(pemda)
    assert lhe_final.masalah_terbuka(_kunci(evaluasi, reviewer)) == []


def test_an_evaluation_not_locked_names_its_ungraded_criteria(evaluasi, pemda):
    _inspektur(pemda)
    Jawaban.objects.filter(evaluasi=evaluasi).exclude(kriteria__nomor="1.a.1") \
        .update(nilai_penetapan="B")
    masalah = lhe_final.masalah_terbuka(evaluasi)
    assert _jenis(masalah) == ["kunci", "nilai"]
    assert "1.a.1" in masalah[1].tempat and "1 kriteria" in masalah[1].pesan


def test_a_consistency_warning_on_the_grades_is_a_problem(evaluasi, reviewer, pemda):
    _inspektur(pemda)
    ev = _kunci(evaluasi, reviewer, **{"3_a_1": "E"})   # 3.a.4 (B) above 3.a.1 (E)
    masalah = lhe_final.masalah_terbuka(ev)
    konsistensi = [m for m in masalah if m.jenis == "konsistensi"]
    assert konsistensi and all(m.kode.startswith("KON-") for m in konsistensi)
    assert any(m.tempat == "Kriteria 3.a.4" and "kriteria 3.a.1 (E)" in m.pesan
               for m in konsistensi)


@pytest.mark.parametrize(("nip", "jenis"), [
    pytest.param(None, ["inspektur"], id="no Inspektur recorded: his name and NIP are dots"),
    pytest.param("1970010119900310011", ["nip"], id="an Inspektur NIP of 19 digits"),
    pytest.param("", ["nip"], id="an Inspektur without a NIP"),
])
def test_the_inspekturs_name_and_nip_are_checked(evaluasi, reviewer, pemda, nip, jenis):
    if nip is not None:
        _inspektur(pemda, nip)
    masalah = lhe_final.masalah_terbuka(_kunci(evaluasi, reviewer))
    assert _jenis(masalah) == jenis
    assert "Inspektur" in masalah[0].tempat or "Hadi" in masalah[0].tempat


def test_open_problems_need_a_note_kept_with_the_final(evaluasi, reviewer):
    ev = _kunci(evaluasi, reviewer)   # no Inspektur recorded
    with pytest.raises(CatatanDiperlukan):
        lhe_final.buat_final(ev, reviewer, formats=("docx",), catatan="  ")
    assert not LheFinal.objects.exists()
    [final] = lhe_final.buat_final(ev, reviewer, formats=("docx",),
                                   catatan="Inspektur baru dilantik; nama diisi tangan.")
    assert final.catatan == "Inspektur baru dilantik; nama diisi tangan."
    assert [m["jenis"] for m in final.masalah] == ["inspektur"]


def test_a_final_is_outdated_when_a_grade_changed_after_it(evaluasi, reviewer, pemda):
    _inspektur(pemda)
    ev = _kunci(evaluasi, reviewer)
    lhe_final.buat_final(ev, reviewer, formats=("docx",))
    assert lhe_final.final_kedaluwarsa(ev)["jumlah_perbedaan"] == 0
    ev = services.buka_kunci(ev, user=reviewer, alasan="Nilai 1.a.1 dikoreksi")
    Jawaban.objects.filter(evaluasi=ev, kriteria__nomor="1.a.1").update(nilai_penetapan="A")
    kedaluwarsa = lhe_final.final_kedaluwarsa(Evaluasi.objects.get(pk=ev.pk))
    tempat = {p.tempat: (p.lama, p.baru) for p in kedaluwarsa["perbedaan"]}
    assert tempat["Kriteria 1.a.1 › nilai evaluator"] == ("B", "A")
    assert any(t.startswith("Nilai akhir") for t in tempat)


def test_the_results_page_lists_the_problems_asks_the_note_and_shows_outdated(
        client, evaluasi, reviewer, pemda):
    ev = _kunci(evaluasi, reviewer)   # no Inspektur recorded
    url = reverse("evaluasi_hasil", args=[ev.pk])
    buat = reverse("lhe_final_buat", args=[ev.pk])
    client.force_login(reviewer)
    page = client.get(url).content.decode()
    assert 'data-testid="masalah-terbuka"' in page and "Inspektur" in page
    assert 'name="catatan"' in page
    client.post(buat)   # without a note: nothing is made
    assert not LheFinal.objects.exists()
    client.post(buat, {"catatan": "Nama Inspektur diisi tangan"})
    assert LheFinal.objects.filter(evaluasi=ev, catatan="Nama Inspektur diisi tangan").count() == 2
    ev = services.buka_kunci(ev, user=reviewer, alasan="Nilai 1.a.1 dikoreksi")
    Jawaban.objects.filter(evaluasi=ev, kriteria__nomor="1.a.1").update(nilai_penetapan="A")
    page = client.get(url).content.decode()
    assert 'data-testid="final-kedaluwarsa"' in page and "Kriteria 1.a.1" in page
