"""The evidence Akuntabel holds for an evaluation, per criterion: each item links into the web
app, the grade the data suggests with its reason, and the consistency warnings on the answers.
Nothing here sets a grade."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from akuntabel.evaluasi.bukti import bukti_evaluasi
from akuntabel.evaluasi.loader import load_template
from akuntabel.evaluasi.models import Evaluasi, Jawaban, KriteriaLke, TemplateLke
from akuntabel.plans.models import PerjanjianKinerja
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.models import LaporanFinal
from tests.builders import (
    make_indikator,
    make_opd,
    make_pemda,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
)

pytestmark = pytest.mark.django_db
TAHUN = 2023


@pytest.fixture
def dinsos():
    return make_opd(pemda=make_pemda(nama="Kota Metro"), nama="Dinas Sosial")


def evaluasi_of(unit, tahun: int = TAHUN) -> Evaluasi:
    template = TemplateLke.objects.get(kode=load_template().kode)
    d = date(tahun + 1, 3, 1)
    return Evaluasi.objects.create(
        pemda=unit.pemda, perangkat_daerah=unit, tahun=tahun, template=template,
        mandiri_mulai=d, mandiri_selesai=d, evaluasi_mulai=d, evaluasi_selesai=d,
        tanggapan_mulai=d, tanggapan_selesai=d)


def of(evaluasi: Evaluasi, nomor: str):
    evaluasi = Evaluasi.objects.get(pk=evaluasi.pk)  # read as a view reads it
    return bukti_evaluasi(evaluasi)[KriteriaLke.objects.get(
        sub_komponen__komponen__template=evaluasi.template, nomor=nomor).pk]


def signed_pk(opd, tahun: int) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.create(
        perangkat_daerah=opd, tahun=tahun, status=PerjanjianKinerja.Status.DITANDATANGANI,
        tanggal=date(tahun, 1, 20))


def final(opd, tahun: int, dibuat: date, dipublikasikan: bool = False) -> LaporanFinal:
    f = LaporanFinal.objects.create(perangkat_daerah=opd, tahun=tahun, dokumen="lakip",
                                    format="pdf", isi=b"%PDF", data={}, sha256="ab" * 32,
                                    dipublikasikan=dipublikasikan)
    LaporanFinal.objects.filter(pk=f.pk).update(
        created_at=timezone.make_aware(datetime(dibuat.year, dibuat.month, dibuat.day, 9)))
    return f


def test_an_agency_with_nothing_gets_E_suggestions_saying_what_is_missing(dinsos):
    ev = evaluasi_of(dinsos)
    renstra = of(ev, "1.a.3")
    assert renstra.saran is not None and renstra.saran.nilai == "E"
    assert "0 dari 1" in renstra.saran.alasan
    assert renstra.bukti[0].fakta == ("Tidak ada Renstra yang mencakup tahun 2023.",)
    assert of(ev, "1.a.4").saran.nilai == "E"
    assert of(ev, "3.a.3").saran.nilai == "E"
    assert of(ev, "1.a.1").bukti == () and of(ev, "1.a.1").saran is None


def test_a_renstra_held_three_years_and_pk_signed_two_years_running(dinsos):
    make_renstra(dinsos, 2021, 2026, dasar_hukum="Peraturan Wali Kota Metro Nomor 5 Tahun 2021",
                 tanggal_dasar_hukum=date(2021, 6, 1))
    signed_pk(dinsos, 2022)
    signed_pk(dinsos, 2023)
    ev = evaluasi_of(dinsos)
    renstra = of(ev, "1.a.3")
    assert renstra.bukti[0].tahun_sebelumnya == 2   # 2021 and 2022 before 2023
    assert renstra.saran.nilai == "A"
    assert renstra.saran.alasan == (
        "Renstra 2021–2026: 1 dari 1 dokumen (100 %), terpenuhi pula 2 tahun berturut-turut "
        "sebelumnya: A (terpenuhi dan berkelanjutan minimal 1 tahun).")
    formal = of(ev, "1.b.1").bukti[0]
    assert formal.fakta == ("Ditetapkan dengan Peraturan Wali Kota Metro Nomor 5 Tahun 2021 "
                            "tanggal 1 Juni 2021.",)
    pk = of(ev, "1.a.4")
    assert pk.saran.nilai == "A"
    assert pk.bukti[0].fakta == ("PK 2023 ditandatangani tanggal 20 Januari 2023.",)


def test_iku_definitions_and_smart_checks(dinsos):
    renstra = make_renstra(dinsos, 2021, 2023)
    sasaran = make_sasaran(make_tujuan(renstra))
    lengkap = make_indikator(sasaran=sasaran, iku=True, satuan="%", formula="a / b × 100",
                             kondisi_awal=Decimal(50), uraian="Persentase PPKS dilayani")
    for th, n in ((2021, 55), (2022, 60), (2023, 65)):
        make_target(lengkap, n, jenis="renstra", tahun=th)
    make_indikator(sasaran=sasaran, iku=True, uraian="Indeks kepuasan")
    make_indikator(sasaran=sasaran, iku=False, uraian="Bukan IKU")
    ev = evaluasi_of(dinsos)
    definisi = of(ev, "2.a.2")
    assert definisi.saran.nilai == "C"   # 1 of 2 IKU: 50 %, not more than 50
    smart = of(ev, "1.b.5")
    assert smart.saran is None           # the evaluator alone judges SMART
    item = next(i for i in smart.bukti if i.jenis == "iku_smart")
    assert (item.terpenuhi, item.jumlah) == (1, 2)
    assert item.fakta[1].startswith("Indeks kepuasan: Satuan belum diisi.")


def test_quarters_verified_and_the_lkjip_final_published_on_time(dinsos):
    for tw, status in ((1, "diverifikasi"), (2, "diverifikasi"), (3, "diverifikasi"),
                       (4, "diajukan")):
        PelaporanTriwulan.objects.create(perangkat_daerah=dinsos, tahun=TAHUN, triwulan=tw,
                                         status=status)
    final(dinsos, TAHUN, date(2024, 2, 20), dipublikasikan=True)
    ev = evaluasi_of(dinsos)
    assert of(ev, "2.b.4").saran.nilai == "CC"   # 3 of 4: exactly 75 %
    assert "TW IV diajukan" in of(ev, "2.b.4").bukti[0].fakta[0]
    assert of(ev, "3.a.3").saran.nilai == "BB"
    assert of(ev, "3.a.5").saran.nilai == "BB"
    tepat = of(ev, "3.a.6")
    assert tepat.saran.nilai == "BB"
    assert tepat.bukti[0].fakta[1] == "Final pertama 20 Februari 2024: tepat waktu."


def test_an_lkjip_made_final_after_its_deadline_is_not_on_time(dinsos):
    final(dinsos, TAHUN, date(2024, 3, 4))
    tepat = of(evaluasi_of(dinsos), "3.a.6")
    assert tepat.saran.nilai == "E"
    assert tepat.bukti[0].fakta[1] == "Final pertama 4 Maret 2024: terlambat 4 hari."


def test_every_evidence_link_resolves_in_the_web_app(dinsos):
    make_renstra(dinsos, 2021, 2026)
    signed_pk(dinsos, TAHUN)
    final(dinsos, TAHUN, date(2024, 2, 1))
    ev = Evaluasi.objects.get(pk=evaluasi_of(dinsos).pk)
    items = [i for b in bukti_evaluasi(ev).values() for i in b.bukti]
    assert {i.jenis for i in items} >= {"renstra", "pk", "triwulan", "lkjip", "reviu",
                                        "capaian", "iku_definisi", "rekomendasi"}
    for i in items:
        assert i.url is not None, i.jenis
        resolve(i.url.split("?")[0])


def test_consistency_warnings_on_the_answers_and_on_the_grades(dinsos):
    ev = evaluasi_of(dinsos)
    nilai = {"1.a.1": ("C", "B"), "1.c.1": ("A", "B"), "3.a.1": ("E", "B"), "3.a.4": ("B", "B")}
    for nomor, (usulan, penetapan) in nilai.items():
        Jawaban.objects.create(evaluasi=ev, kriteria=KriteriaLke.objects.get(nomor=nomor),
                               nilai_usulan=usulan, nilai_penetapan=penetapan)
    direviu = of(ev, "3.a.4")
    # No Renstra, so no reviu: 3.a.4 is suggested E, and both sides graded it above that.
    assert direviu.peringatan_usulan == (
        "Kriteria 3.a.4 (B, 70 %) lebih tinggi dari kriteria 3.a.1 (E) (0 %). "
        "Laporan yang direviu harus lebih dulu disusun.",
        "Nilai B (70 %) lebih tinggi dari nilai saran bukti Akuntabel E (0 %).")
    assert direviu.peringatan_penetapan == (
        "Nilai B (70 %) lebih tinggi dari nilai saran bukti Akuntabel E (0 %).",)
    manfaat = of(ev, "1.c.1")
    assert any(p.startswith("Komponen 1: rata-rata pemanfaatan (1.c) 90 %")
               for p in manfaat.peringatan_usulan)
    assert manfaat.peringatan_penetapan == ()


def test_the_pemda_self_assessment_counts_its_agencies(dinsos):
    dinkes = make_opd(pemda=dinsos.pemda, nama="Dinas Kesehatan")
    make_renstra(dinsos, 2021, 2026, dasar_hukum="Perwali 5/2021")  # and the RPJMD 2021–2026
    signed_pk(dinsos, TAHUN)
    ev = evaluasi_of(dinsos)
    ev.perangkat_daerah = None
    ev.save()
    semua = of(ev, "1.a.7")
    assert semua.saran.nilai == "C"    # 1 of 2 agencies: 50 %
    assert semua.bukti[0].fakta == ("Dinas Kesehatan: PK 2023 belum ditandatangani.",
                                    "Dinas Sosial: PK 2023 ditandatangani tanggal 20 Januari "
                                    "2023.")
    rpjmd = of(ev, "1.a.3").bukti[0]
    assert rpjmd.label == "RPJMD 2021–2026"
    resolve(rpjmd.url)
    assert of(ev, "3.a.4").bukti == ()   # the reviu is read on each agency's evaluation
    assert dinkes.pemda == ev.pemda


def test_the_reviu_evidence_is_the_lkjip_reviu_and_counts_an_explanation(demo_opd):
    from akuntabel.reviews.services import explain

    ev = evaluasi_of(demo_opd)
    sebelum = next(i for i in of(ev, "3.a.4").bukti if i.jenis == "reviu")
    assert sebelum.label == "Reviu LKjIP 2023"
    assert sebelum.terpenuhi == 0 and sebelum.jumlah > 0
    resolve(sebelum.url.split("?")[0])
    from akuntabel.reviews.lkjip import reviu_lkjip

    pertama = next(t for t in reviu_lkjip(demo_opd, 2023) if t.finding.tingkat == "error")
    explain(demo_opd, 2023, pertama.finding.sidik_jari, "Sudah diperiksa.", None)
    sesudah = next(i for i in of(ev, "3.a.4").bukti if i.jenis == "reviu")
    assert (sesudah.terpenuhi, sesudah.jumlah) == (1, sebelum.jumlah)


def test_every_evidence_link_of_the_demo_opens_for_the_reviewer(client, demo_opd):
    from akuntabel.accounts.models import Peran
    from tests.builders import make_user

    client.force_login(make_user(Peran.REVIEWER, pemda=demo_opd.pemda))
    ev = Evaluasi.objects.get(pk=evaluasi_of(demo_opd).pk)
    urls = {i.url for b in bukti_evaluasi(ev).values() for i in b.bukti}
    assert len(urls) >= 8
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url


def test_a_quarter_submitted_late_and_verified_says_when_from_its_history(dinsos):
    from akuntabel.audit.models import Perubahan
    from akuntabel.audit.services import record_change

    p = PelaporanTriwulan.objects.create(perangkat_daerah=dinsos, tahun=TAHUN, triwulan=1,
                                         status="diverifikasi")
    for baru, kapan in (("diajukan", date(2023, 4, 25)), ("diverifikasi", date(2023, 4, 28))):
        h = record_change(dinsos, p, "status", "draft", baru, sumber="uji", oleh=None)
        Perubahan.objects.filter(pk=h.pk).update(created_at=timezone.make_aware(
            datetime(kapan.year, kapan.month, kapan.day, 10)))
    fakta = of(evaluasi_of(dinsos), "2.b.4").bukti[0].fakta[0]
    assert fakta.startswith("TW I diajukan 25 April 2023 (setelah batas 10 April 2023), "
                            "diverifikasi 28 April 2023; TW II belum diajukan")


def test_the_lkjip_published_says_when_from_its_history(dinsos):
    from akuntabel.audit.models import Perubahan
    from akuntabel.audit.services import record_change

    f = final(dinsos, TAHUN, date(2024, 2, 20), dipublikasikan=True)
    h = record_change(dinsos, f, "dipublikasikan", False, True, sumber="uji", oleh=None)
    Perubahan.objects.filter(pk=h.pk).update(
        created_at=timezone.make_aware(datetime(2024, 2, 22, 10)))
    assert of(evaluasi_of(dinsos), "3.a.5").bukti[0].fakta == (
        "LKjIP 2023 final dipublikasikan sejak 22 Februari 2024.",)


def test_an_answer_above_the_evidence_is_warned_on_its_side(dinsos):
    ev = evaluasi_of(dinsos)   # no LKjIP final: 3.a.3 is suggested E
    Jawaban.objects.create(evaluasi=ev, kriteria=KriteriaLke.objects.get(nomor="3.a.3"),
                           nilai_usulan="A", nilai_penetapan="E")
    b = of(ev, "3.a.3")
    assert b.peringatan_usulan == (
        "Nilai A (90 %) lebih tinggi dari nilai saran bukti Akuntabel E (0 %).",)
    assert b.peringatan_penetapan == ()


def test_the_worksheet_shows_the_evidence_the_suggestion_and_the_warnings(client, demo_opd):
    from akuntabel.accounts.models import Peran
    from akuntabel.evaluasi import services
    from tests.builders import make_user

    reviewer = make_user(Peran.REVIEWER, pemda=demo_opd.pemda)
    d = date(2024, 3, 1)
    ev = services.buat_evaluasi(
        demo_opd.pemda, TAHUN, TemplateLke.objects.get(kode=load_template().kode),
        services.Jendela(d, d, d, d, d, d), user=reviewer, opd=demo_opd)
    Jawaban.objects.filter(evaluasi=ev, kriteria__nomor="3.a.3").update(nilai_usulan="AA")
    client.force_login(reviewer)
    body = client.get(reverse("lembar_kerja", args=[ev.pk])).content.decode()
    assert "Reviu LKjIP 2023" in body                  # the evidence of 3.a.4, linked
    assert "?sumber=cetak" in body
    assert "LKjIP 2023 belum dibuat final." in body     # a fact of 3.a.3
    assert "Nilai AA (100 %) lebih tinggi dari nilai saran bukti Akuntabel E (0 %)." in body
