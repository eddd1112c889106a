"""The results pages (evaluasi/views_hasil.py): the LHE's download by who may have it, the
recommendations written and followed up through the web, the OPD's dashboard and next year's
worksheet showing them, and the pemda's recap with its chart, sorting and Excel export."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from akuntabel.accounts.models import Peran
from akuntabel.evaluasi import rekomendasi as rk
from akuntabel.evaluasi import services
from akuntabel.evaluasi.models import Jawaban, LaporanHasilEvaluasi, Rekomendasi
from tests.builders import make_user
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


def nilai_semua(evaluasi, nilai):
    Jawaban.objects.filter(evaluasi=evaluasi).update(nilai_penetapan=nilai)


def kunci(evaluasi, reviewer, nilai="B"):
    nilai_semua(evaluasi, nilai)
    return services.kunci_evaluasi(evaluasi, user=reviewer)


@pytest.fixture
def verifikator(pemda):
    return make_user(Peran.VERIFIKATOR, pemda=pemda)


@pytest.mark.parametrize(("persona", "terkunci", "status"), [
    pytest.param("reviewer", False, 200, id="the evaluator downloads the draft"),
    pytest.param("admin_pemda", False, 200, id="the admin pemda downloads the draft"),
    pytest.param("operator_dinsos", False, 403, id="the OPD not before the lock"),
    pytest.param("operator_dinsos", True, 200, id="the OPD its own once locked"),
    pytest.param("verifikator", True, 403, id="Bappeda's verifier is not a reader of the LHE"),
    pytest.param("operator_dinkes", True, 404, id="another OPD learns nothing of it"),
    pytest.param("outsider", True, 404, id="another pemda's admin learns nothing of it"),
])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_who_downloads_the_lhe(client, request, evaluasi, reviewer, verifikator, persona,
                               terkunci, status, fmt):
    if terkunci:
        kunci(evaluasi, reviewer)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("lhe_unduh", args=[evaluasi.pk, fmt]))
    assert response.status_code == status
    if status == 200:
        assert response.content[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
        assert f"LHE-{evaluasi.pemda.kode}" in response["Content-Disposition"]


def test_an_unknown_format_is_not_found(client, evaluasi, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("lhe_unduh", args=[evaluasi.pk, "exe"])).status_code == 404


def test_the_evaluator_writes_and_the_opd_follows_up_through_the_pages(
        client, evaluasi, reviewer, operator_dinsos, dinsos):
    client.force_login(reviewer)
    url = reverse("rekomendasi_tambah", args=[evaluasi.pk])
    client.post(url, {"komponen": "1", "uraian": "Agar IKU diberi rumus",
                      "batas_waktu": "2024-06-30"})
    client.post(url, {"komponen": "1", "uraian": "IKU tanpa rumus"})   # refused: no "Agar"
    rek = Rekomendasi.objects.get()
    assert (rek.batas_waktu, rek.uraian) == (date(2024, 6, 30), "Agar IKU diberi rumus")
    page = client.get(reverse("evaluasi_hasil", args=[evaluasi.pk]))
    assert "Agar IKU diberi rumus" in page.content.decode()
    client.post(reverse("lhe_register", args=[evaluasi.pk]),
                {"nomor": "700/3/LHE/2024", "tanggal": "2024-03-28", "versi": "1"})
    assert evaluasi.lhe.nomor == "700/3/LHE/2024"
    kunci(evaluasi, reviewer)

    client.force_login(operator_dinsos)
    dashboard = client.get(reverse("opd_detail", args=[dinsos.pk])).content.decode()
    assert "Agar IKU diberi rumus" in dashboard
    client.post(reverse("rekomendasi_aksi", args=[rek.pk]),
                {"aksi": "tindak_lanjut", "tindak_lanjut": "Rumus ditetapkan",
                 "bukti_tautan": f"/opd/{dinsos.pk}/", "versi": str(rek.versi)})
    rek.refresh_from_db()
    assert rek.status == "proses"
    client.post(reverse("rekomendasi_aksi", args=[rek.pk]),
                {"aksi": "terima", "versi": str(rek.versi)})   # not his to accept
    rek.refresh_from_db()
    assert rek.status == "proses"

    client.force_login(reviewer)
    client.post(reverse("rekomendasi_aksi", args=[rek.pk]),
                {"aksi": "terima", "versi": str(rek.versi)})
    rek.refresh_from_db()
    assert rek.status == "selesai"
    client.force_login(operator_dinsos)
    dashboard = client.get(reverse("opd_detail", args=[dinsos.pk])).content.decode()
    assert "Agar IKU diberi rumus" not in dashboard


def test_the_pages_are_closed_to_outsiders(client, evaluasi, reviewer, operator_dinkes,
                                           outsider):
    rek = rk.tambah_rekomendasi(evaluasi, "1", "Agar x", None, user=reviewer)
    for persona in (operator_dinkes, outsider):
        client.force_login(persona)
        assert client.get(reverse("evaluasi_hasil", args=[evaluasi.pk])).status_code == 404
        assert client.post(reverse("rekomendasi_aksi", args=[rek.pk]),
                           {"aksi": "hapus", "versi": "1"}).status_code == 404
        assert client.post(reverse("rekomendasi_tambah", args=[evaluasi.pk]),
                           {"komponen": "1", "uraian": "Agar y"}).status_code == 404
        assert client.post(reverse("lhe_register", args=[evaluasi.pk]),
                           {"nomor": "1", "versi": "1"}).status_code == 404
        assert client.get(reverse("rekomendasi_detail", args=[rek.pk])).status_code == 404
    assert Rekomendasi.objects.count() == 1


def test_the_evaluated_opd_reads_but_does_not_write_the_evaluators_part(
        client, evaluasi, reviewer, operator_dinsos):
    rk.tambah_rekomendasi(evaluasi, "1", "Agar x", None, user=reviewer)
    client.force_login(operator_dinsos)
    assert client.get(reverse("evaluasi_hasil", args=[evaluasi.pk])).status_code == 200
    assert client.post(reverse("rekomendasi_tambah", args=[evaluasi.pk]),
                       {"komponen": "1", "uraian": "Agar y"}).status_code == 403
    assert client.post(reverse("lhe_register", args=[evaluasi.pk]),
                       {"nomor": "1", "versi": "1"}).status_code == 403
    assert Rekomendasi.objects.count() == 1
    assert not LaporanHasilEvaluasi.objects.filter(evaluasi=evaluasi).exists()


def test_next_years_worksheet_shows_last_years_recommendations(
        client, pemda, dinsos, template, evaluasi, reviewer, operator_dinsos):
    rek = rk.tambah_rekomendasi(evaluasi, "2", "Agar capaian diukur tiap triwulan", None,
                                user=reviewer)
    kunci(evaluasi, reviewer)
    rk.catat_tindak_lanjut(rek, "Diukur di Akuntabel", "", rek.versi, user=operator_dinsos)
    baru = services.buat_evaluasi(pemda, TAHUN + 1, template, jendela(), opd=dinsos,
                                  user=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("lembar_kerja", args=[baru.pk])).content.decode()
    assert "Agar capaian diukur tiap triwulan" in page and "Diukur di Akuntabel" in page


def test_the_recap_sorts_draws_and_exports(client, pemda, dinsos, dinkes, template, evaluasi,
                                           reviewer, verifikator):
    lalu = services.buat_evaluasi(pemda, TAHUN - 1, template, jendela(), opd=dinsos,
                                  user=reviewer)
    kunci(lalu, reviewer, "C")                      # 50,00
    nilai_semua(evaluasi, "B")                      # 70,00, not locked
    kes = services.buat_evaluasi(pemda, TAHUN, template, jendela(), opd=dinkes, user=reviewer)
    kunci(kes, reviewer, "A")                       # 90,00
    client.force_login(verifikator)
    url = reverse("evaluasi_rekap", args=[pemda.pk])
    page = client.get(url, {"tahun": TAHUN, "urut": "nilai", "arah": "turun"})
    html = page.content.decode()
    assert html.index("Dinas Kesehatan") < html.index("Dinas Sosial")
    assert "+20,00" in html
    assert 'data-predikat="A" data-jumlah="1"' in html and 'data-predikat="B" data-jumlah="1"' \
        in html
    naik = client.get(url, {"tahun": TAHUN, "urut": "nilai"}).content.decode()
    assert naik.index("Dinas Sosial") < naik.index("Dinas Kesehatan")
    xlsx = client.get(reverse("evaluasi_rekap_xlsx", args=[pemda.pk]),
                      {"tahun": TAHUN, "urut": "nilai", "arah": "turun"})
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    assert [r[1] for r in rows] == ["Dinas Kesehatan", "Dinas Sosial"]
    assert rows[1][6] == 70 and rows[1][7] == "B" and rows[1][8] == 50 and rows[1][9] == 20


def test_the_recap_is_closed_to_an_opd_and_outsiders(client, pemda, operator_dinsos, outsider):
    for persona in (operator_dinsos, outsider):
        client.force_login(persona)
        assert client.get(reverse("evaluasi_rekap", args=[pemda.pk])).status_code == 404
        assert client.get(reverse("evaluasi_rekap_xlsx", args=[pemda.pk])).status_code == 404


def test_a_recommendation_of_the_pemdas_own_evaluation_names_its_owner(
        client, pemda, template, reviewer, dinkes):
    sendiri = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("evaluasi_hasil", args=[sendiri.pk])).content.decode()
    assert f'<option value="{dinkes.pk}">Dinas Kesehatan</option>' in page
    client.post(reverse("rekomendasi_tambah", args=[sendiri.pk]),
                {"komponen": "4", "uraian": "Agar evaluasi internal dilakukan tiap tahun",
                 "pemilik": str(dinkes.pk)})
    assert Rekomendasi.objects.get().perangkat_daerah == dinkes


def test_the_owner_of_a_recommendation_of_the_pemdas_own_evaluation_follows_it_up(
        client, pemda, template, reviewer, dinkes, operator_dinkes, operator_dinsos):
    """Dinas Kesehatan may not read the pemda's own evaluation, yet owns one of its
    recommendations: its dashboard links to the recommendation's own page, where it follows
    it up; another OPD learns nothing of it."""
    sendiri = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=reviewer)
    rek = rk.tambah_rekomendasi(sendiri, "4", "Agar evaluasi internal dilakukan tiap tahun",
                                None, user=reviewer, opd=dinkes)
    kunci(sendiri, reviewer)
    client.force_login(operator_dinkes)
    assert client.get(reverse("evaluasi_hasil", args=[sendiri.pk])).status_code == 404
    dashboard = client.get(reverse("opd_detail", args=[dinkes.pk])).content.decode()
    url = reverse("rekomendasi_detail", args=[rek.pk])
    assert url in dashboard
    assert 'data-testid="tindak-lanjut"' in client.get(url).content.decode()
    response = client.post(reverse("rekomendasi_aksi", args=[rek.pk]),
                           {"aksi": "tindak_lanjut", "tindak_lanjut": "Evaluasi internal "
                            "dijadwalkan", "versi": str(rek.versi)})
    assert response.url == url
    rek.refresh_from_db()
    assert rek.status == "proses"
    client.force_login(operator_dinsos)
    assert client.get(url).status_code == 404


def test_the_recap_reads_in_a_fixed_number_of_queries(client, pemda, dinsos, template,
                                                      evaluasi, reviewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.builders import make_opd

    def hitung() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("evaluasi_rekap", args=[pemda.pk]),
                              {"tahun": TAHUN}).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(reviewer)
    nilai_semua(evaluasi, "B")
    satu = hitung()
    for i in range(3):
        opd = make_opd(pemda=pemda, nama=f"Badan {i}")
        for tahun in (TAHUN - 1, TAHUN):
            kunci(services.buat_evaluasi(pemda, tahun, template, jendela(), opd=opd,
                                         user=reviewer), reviewer)
    assert hitung() == satu


def test_the_recap_chart_is_drawn_at_the_page_text_size(client, pemda, evaluasi, verifikator):
    """The recap's SVG chart is sized by the evaluation stylesheet (labels at the text size, a
    bounded width), not stretched to the page width with labels twice the text size."""
    from django.contrib.staticfiles import finders
    client.force_login(verifikator)
    html = client.get(reverse("evaluasi_rekap", args=[pemda.pk]), {"tahun": TAHUN}).content.decode()
    assert 'class="distribusi"' in html and "evaluasi/evaluasi.css" in html
    with open(finders.find("evaluasi/evaluasi.css"), encoding="utf-8") as css:
        rule = next(line for line in css if line.startswith("svg.distribusi {"))
    assert "max-width" in rule and "font-size" in rule


def test_a_recorded_follow_up_is_shown_and_edited_only_until_the_reviewer_decides(
        client, pemda, template, reviewer, dinkes, operator_dinkes):
    sendiri = services.buat_evaluasi(pemda, TAHUN, template, jendela(), user=reviewer)
    rek = rk.tambah_rekomendasi(sendiri, "4", "Agar evaluasi internal dilakukan tiap tahun",
                                None, user=reviewer, opd=dinkes)
    kunci(sendiri, reviewer)
    url = reverse("rekomendasi_detail", args=[rek.pk])
    client.force_login(operator_dinkes)
    assert 'data-testid="tindak-lanjut"' in client.get(url).content.decode()
    client.post(reverse("rekomendasi_aksi", args=[rek.pk]),
                {"aksi": "tindak_lanjut", "tindak_lanjut": "Evaluasi internal dijadwalkan",
                 "versi": str(rek.versi)})
    page = client.get(url).content.decode()
    assert 'data-testid="tindak-lanjut"' not in page   # not offered as if nothing was done
    assert 'data-testid="tindak-lanjut-tercatat"' in page
    assert "Evaluasi internal dijadwalkan" in page
    assert 'data-testid="tindak-lanjut-ubah"' in page   # editable: the reviewer has not decided
    rek.refresh_from_db()
    rk.putuskan_tindak_lanjut(rek, "tolak", "Belum ada jadwal tertulis", rek.versi,
                              user=reviewer)
    page = client.get(url).content.decode()
    assert 'data-testid="tindak-lanjut"' in page and "Belum ada jadwal tertulis" in page
    rek.refresh_from_db()
    client.post(reverse("rekomendasi_aksi", args=[rek.pk]),
                {"aksi": "tindak_lanjut", "tindak_lanjut": "Jadwal ditetapkan",
                 "versi": str(rek.versi)})
    rek.refresh_from_db()
    assert rek.status == "proses"
    rk.putuskan_tindak_lanjut(rek, "terima", "", rek.versi, user=reviewer)
    page = client.get(url).content.decode()
    assert 'data-testid="tindak-lanjut-tercatat"' in page
    assert 'data-testid="tindak-lanjut"' not in page
    assert 'data-testid="tindak-lanjut-ubah"' not in page
