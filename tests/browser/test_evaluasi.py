"""The Evaluasi AKIP in a real browser, as the issue's acceptance asks: the Inspektorat's
reviewer opens the year's evaluations; the Dinas Sosial's operator self-assesses two criteria
with evidence (a link, a PDF file); the reviewer grades them beside Akuntabel's own evidence,
accepting one suggested grade and overriding the other with a note (refused first without
one), writes a recommendation, locks and downloads the LHE; the operator marks the
recommendation as followed up; next year's worksheet shows it.

The reviewer's grades of the other 78 criteria are set through the same write service the
worksheet's forms call (``evaluasi.services.simpan_penetapan``), not through 78 page loads."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from akuntabel.accounts.models import Peran
from akuntabel.core.evaluasi import format_nilai
from akuntabel.evaluasi import services
from akuntabel.evaluasi.loader import load_template
from akuntabel.evaluasi.models import Evaluasi, Jawaban
from tests.builders import make_user

TAHUN = 2023
SHOTS = Path("/tmp/shots15")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def jendela_hari_ini(page, hari) -> None:
    """Fill the six window dates so that every window holds today."""
    nilai = {"mandiri_mulai": hari - timedelta(days=10), "mandiri_selesai": hari,
             "evaluasi_mulai": hari, "evaluasi_selesai": hari + timedelta(days=10),
             "tanggapan_mulai": hari, "tanggapan_selesai": hari + timedelta(days=20)}
    for nama, d in nilai.items():
        page.fill(f"input[name={nama}]", d.isoformat())


def test_self_assessment_grading_lock_lhe_and_follow_up(page, new_page, login, screenshot,
                                                        demo_opd_live, tmp_path):
    opd = demo_opd_live
    pemda = opd.pemda
    load_template()
    operator = make_user(Peran.OPERATOR_OPD, opd=opd, first_name="Sri", last_name="Wahyuni")
    reviewer = make_user(Peran.REVIEWER, pemda=pemda, first_name="Budi",
                         last_name="Santoso")
    hari = timezone.localdate()
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(p, step: str) -> None:
        shutil.copy(screenshot(p, step), SHOTS / f"{step}.png")

    # The reviewer opens the year's evaluations of every agency.
    rev = new_page()
    login(rev, reviewer.username)
    rev.goto(reverse("evaluasi_pemda", args=[pemda.pk]) + f"?tahun={TAHUN}")
    jendela_hari_ini(rev, hari)
    with rev.expect_navigation():
        rev.click("[data-testid=buka-evaluasi] button[type=submit]")
    assert "perangkat daerah" in rev.locator("ul.messages li.success").inner_text()
    evaluasi = Evaluasi.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    shot(rev, "01-daftar-evaluasi")

    # The operator finds the worksheet from the agency's pages and answers two criteria.
    login(page, operator.username)
    page.goto(reverse("opd_detail", args=[opd.pk]))
    with page.expect_navigation():
        page.click("nav.opd-nav >> text=Evaluasi AKIP")
    shot(page, "02a-daftar-opd")
    with page.expect_navigation():
        page.click(f"a[href='{reverse('lembar_kerja', args=[evaluasi.pk])}']")
    for nomor, nilai, catatan in (
            ("1.a.3", "A", "Renstra 2021–2026 ditetapkan dan dipakai sejak 2021."),
            ("2.a.2", "A", "Setiap IKU memiliki definisi operasional dan formula.")):
        kartu = page.locator(f"[data-testid='kriteria-{nomor}']")
        kartu.locator(".panel.usulan select[name=nilai]").select_option(nilai)
        kartu.locator(".panel.usulan textarea[name=catatan]").fill(catatan)
        with page.expect_navigation():
            kartu.locator(".panel.usulan button[type=submit]").first.click()
        assert f"Kriteria {nomor} disimpan" in page.locator("ul.messages").inner_text()
    kartu = page.locator("[data-testid='kriteria-1.a.3']")
    kartu.locator("summary").click()
    kartu.locator("input[name=nama]").fill("Renstra Dinas Sosial 2021–2026")
    kartu.locator("input[name=tautan]").fill("https://metrokota.go.id/dinsos/renstra.pdf")
    with page.expect_navigation():
        kartu.locator("form.bukti button[type=submit]").click()
    berkas = tmp_path / "iku-dinsos.pdf"
    berkas.write_bytes(PDF)
    kartu = page.locator("[data-testid='kriteria-2.a.2']")
    kartu.locator("summary").click()
    kartu.locator("input[name=nama]").fill("Keputusan IKU Dinas Sosial")
    kartu.locator("input[name=berkas]").set_input_files(str(berkas))
    with page.expect_navigation():
        kartu.locator("form.bukti button[type=submit]").click()
    assert "Keputusan IKU Dinas Sosial" in kartu.locator("ul.bukti-dukung").inner_text()
    assert page.locator(".panel.penetapan select").count() == 0   # not the evaluator's
    shot(page, "02-operator-menjawab")
    assert list(Jawaban.objects.filter(evaluasi=evaluasi, nilai_usulan__gt="")
                .values_list("kriteria__nomor", flat=True).order_by("kriteria__nomor")) \
        == ["1.a.3", "2.a.2"]

    # The reviewer grades: 1.a.3 as Akuntabel suggests, 2.a.2 above the suggestion.
    rev.goto(reverse("lembar_kerja", args=[evaluasi.pk]))
    kartu = rev.locator("[data-testid='kriteria-1.a.3']")
    assert "Renstra Dinas Sosial 2021–2026" in kartu.locator(".panel.usulan").inner_text()
    saran = kartu.locator("[data-testid=saran]").inner_text()
    assert "Nilai saran: A" in saran
    assert kartu.locator(".panel.penetapan select[name=nilai]").input_value() == "A"
    with rev.expect_navigation():
        kartu.locator(".panel.penetapan button[type=submit]").click()
    kartu = rev.locator("[data-testid='kriteria-2.a.2']")
    assert "Nilai saran: BB" in kartu.locator("[data-testid=saran]").inner_text()
    kartu.locator(".panel.penetapan select[name=nilai]").select_option("A")
    with rev.expect_navigation():
        kartu.locator(".panel.penetapan button[type=submit]").click()
    assert "tuliskan catatan" in rev.locator("ul.messages li.error").inner_text()
    kartu = rev.locator("[data-testid='kriteria-2.a.2']")
    assert "tuliskan catatan" in kartu.locator("[data-testid=galat]").inner_text()
    assert kartu.locator(".panel.penetapan select[name=nilai]").input_value() == "A"  # kept
    kartu.scroll_into_view_if_needed()
    rev.screenshot(path=str(SHOTS / "03a-catatan-wajib.png"))
    kartu.locator(".panel.penetapan select[name=nilai]").select_option("A")
    kartu.locator(".panel.penetapan textarea[name=catatan]").fill(
        "IKU dipakai dalam PK dan pengukuran triwulanan; lebih dari sekadar terpenuhi.")
    with rev.expect_navigation():
        kartu.locator(".panel.penetapan button[type=submit]").click()
    graded = {j.kriteria.nomor: j for j in Jawaban.objects.filter(
        evaluasi=evaluasi, kriteria__nomor__in=["1.a.3", "2.a.2"]).select_related("kriteria")}
    assert (graded["1.a.3"].nilai_penetapan, graded["1.a.3"].nilai_saran) == ("A", "A")
    assert (graded["2.a.2"].nilai_penetapan, graded["2.a.2"].nilai_saran) == ("A", "BB")
    assert "tidak diikuti" in rev.locator("[data-testid='kriteria-2.a.2']").inner_text()
    shot(rev, "03-reviewer-menilai")

    for j in Jawaban.objects.filter(evaluasi=evaluasi, nilai_penetapan="").select_related(
            "kriteria"):
        services.simpan_penetapan(j, "B", "Dinilai dari kertas kerja", j.versi, user=reviewer,
                                  hari_ini=hari)

    # A recommendation, then the lock; the LHE comes down.
    rev.goto(reverse("evaluasi_hasil", args=[evaluasi.pk]))
    form = rev.locator("[data-testid=rekomendasi-baru]")
    form.locator("select[name=komponen]").select_option("3")
    form.locator("textarea[name=uraian]").fill(
        "Agar LKjIP dipublikasikan di laman resmi paling lambat 31 Maret.")
    form.locator("input[name=batas_waktu]").fill((hari + timedelta(days=90)).isoformat())
    with rev.expect_navigation():
        form.locator("button").click()
    rev.goto(reverse("lembar_kerja", args=[evaluasi.pk]))
    with rev.expect_navigation():
        rev.click("form.kunci button[value=kunci]")
    assert "Dikunci pada" in rev.locator("[data-testid=status]").inner_text()
    assert rev.locator(".panel.penetapan select").count() == 0
    hasil = services.skor(evaluasi)
    assert rev.locator("[data-testid=total-penetapan]").inner_text().startswith(
        f"{format_nilai(hasil.total)} · {hasil.predikat.predikat}")
    shot(rev, "04-terkunci")
    rev.goto(reverse("evaluasi_hasil", args=[evaluasi.pk]))
    with rev.expect_download() as unduhan:
        rev.click(f"a[href='{reverse('lhe_unduh', args=[evaluasi.pk, 'docx'])}']")
    docx = tmp_path / "lhe.docx"
    unduhan.value.save_as(docx)
    assert docx.read_bytes()[:2] == b"PK"
    pdf = rev.request.get(reverse("lhe_unduh", args=[evaluasi.pk, "pdf"]))
    assert pdf.ok and pdf.body()[:5] == b"%PDF-"

    # The operator marks the recommendation as followed up.
    page.goto(reverse("evaluasi_hasil", args=[evaluasi.pk]))
    form = page.locator("[data-testid=tindak-lanjut]").first
    form.locator("textarea[name=tindak_lanjut]").fill(
        "LKjIP 2023 dipublikasikan di laman Dinas Sosial pada 20 Maret.")
    form.locator("input[name=bukti_tautan]").fill("https://metrokota.go.id/dinsos/lkjip-2023")
    with page.expect_navigation():
        form.locator("button[value=tindak_lanjut]").click()
    shot(page, "05-tindak-lanjut")

    # Next year's evaluation shows last year's recommendation and its follow-up.
    rev.goto(reverse("evaluasi_pemda", args=[pemda.pk]) + f"?tahun={TAHUN + 1}")
    jendela_hari_ini(rev, hari)
    with rev.expect_navigation():
        rev.click("[data-testid=buka-evaluasi] button[type=submit]")
    berikut = Evaluasi.objects.get(perangkat_daerah=opd, tahun=TAHUN + 1)
    page.goto(reverse("lembar_kerja", args=[berikut.pk]))
    lalu = page.locator("[data-testid=rekomendasi-lalu]").inner_text()
    assert "Agar LKjIP dipublikasikan" in lalu and "20 Maret" in lalu
    skor = page.locator("[data-testid=skor]").inner_text()
    assert f"Penetapan {TAHUN}" in skor
    shot(page, "06-tahun-berikut")
