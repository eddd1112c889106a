"""/pemda/<id>/lkjip/<tahun>/ (``daerah:lkjip``): the pemda's LKjIP page, its documents
(``daerah:lkjip-dokumen``), making a final (``daerah:lkjip-final``, admin pemda) and
downloading one (``daerah:lkjip-final-unduh``, hash checked). Pemda-wide roles read; OPD
staff and other pemdas get a 404."""

import pytest
from django.urls import reverse

from akuntabel.daerah import lkjip_final
from akuntabel.daerah.models import LaporanFinalPemda
from tests.daerah.test_lkjip import TAHUN, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _url(pemda, name="daerah:lkjip", *extra):
    return reverse(name, args=[pemda.pk, TAHUN, *extra])


def test_a_reviewer_reads_the_page_without_the_final_form(client, reviewer, pemda, world):  # noqa: F811
    client.force_login(reviewer)
    response = client.get(_url(pemda))
    assert response.status_code == 200
    assert _url(pemda, "daerah:lkjip-dokumen", "html") in response.content.decode()
    assert _url(pemda, "daerah:lkjip-final") not in response.content.decode()


def test_the_html_preview_holds_the_figures_and_their_sources(client, verifikator, pemda,
                                                             world, ind_dinsos):  # noqa: F811
    client.force_login(verifikator)
    response = client.get(_url(pemda, "daerah:lkjip-dokumen", "html"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laporan Kinerja Instansi Pemerintah" in html and "Kota Uji Tahun 2026" in html
    assert "180 jiwa" in html and "90,00%" in html
    assert f"/indikator/{ind_dinsos.pk}/?tahun=2026" in html


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_the_documents_download(client, admin_pemda, pemda, world, fmt, magic):  # noqa: F811
    client.force_login(admin_pemda)
    response = client.get(_url(pemda, "daerah:lkjip-dokumen", fmt))
    assert response.status_code == 200 and response.content.startswith(magic)
    assert f"LKjIP-{pemda.kode}-2026.{fmt}" in response["Content-Disposition"]


def test_the_admin_makes_a_final_and_downloads_it(client, admin_pemda, pemda, world):  # noqa: F811
    client.force_login(admin_pemda)
    response = client.post(_url(pemda, "daerah:lkjip-final"), {"catatan": "LKjIP OPD menyusul"})
    assert response.status_code == 302
    finals = list(LaporanFinalPemda.objects.filter(pemda=pemda, tahun=TAHUN))
    assert len(finals) == 2
    page = client.get(_url(pemda)).content.decode()
    assert all(f.sha256 in page for f in finals)
    pdf = next(f for f in finals if f.format == "pdf")
    download = client.get(reverse("daerah:lkjip-final-unduh", args=[pdf.pk]))
    assert download.status_code == 200 and download.content == bytes(pdf.isi)
    assert download["X-Content-SHA256"] == pdf.sha256


def test_a_damaged_final_is_not_served(client, admin_pemda, pemda, world):  # noqa: F811
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",), catatan="x")
    LaporanFinalPemda.objects.filter(pk=made[0].pk).update(isi=b"%PDF tampered")
    client.force_login(admin_pemda)
    response = client.get(reverse("daerah:lkjip-final-unduh", args=[made[0].pk]))
    assert response.status_code == 409


def test_a_verifikator_cannot_make_a_final(client, verifikator, pemda, world):  # noqa: F811
    client.force_login(verifikator)
    assert client.post(_url(pemda, "daerah:lkjip-final")).status_code == 403
    assert not LaporanFinalPemda.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "operator_dinsos"])
def test_outsiders_get_a_404_everywhere(client, request, pemda, world, admin_pemda, who):  # noqa: F811
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",), catatan="x")
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(pemda)).status_code == 404
    assert client.get(_url(pemda, "daerah:lkjip-dokumen", "html")).status_code == 404
    assert client.post(_url(pemda, "daerah:lkjip-final")).status_code == 404
    assert client.get(reverse("daerah:lkjip-final-unduh", args=[made[0].pk])).status_code == 404
    assert LaporanFinalPemda.objects.count() == 1


def test_anonymous_is_sent_to_login(client, pemda):
    assert client.get(_url(pemda)).status_code == 302
    assert client.get(_url(pemda, "daerah:lkjip-dokumen", "pdf")).status_code == 302


def test_an_unknown_format_is_a_404(client, admin_pemda, pemda, world):  # noqa: F811
    client.force_login(admin_pemda)
    assert client.get(_url(pemda, "daerah:lkjip-dokumen", "odt")).status_code == 404


def test_the_iku_page_links_to_the_lkjip(client, reviewer, pemda, perkada):
    client.force_login(reviewer)
    page = client.get(reverse("iku_pemda", args=[pemda.pk]) + "?tahun=2026").content.decode()
    assert _url(pemda) in page


def test_the_page_lists_the_iku_not_measured_yet_and_why(client, admin_pemda, pemda, world,  # noqa: F811
                                                        dinkes):
    from akuntabel.reporting.models import PelaporanTriwulan

    client.force_login(admin_pemda)
    assert client.get(_url(pemda)).context["belum"] == []
    PelaporanTriwulan.objects.filter(perangkat_daerah=dinkes, tahun=TAHUN).update(
        status="dikembalikan")
    response = client.get(_url(pemda))
    assert response.context["belum"] == [
        ("Jumlah PPKS yang ditangani", "belum diverifikasi: Dinas Kesehatan")]
    assert "belum diverifikasi: Dinas Kesehatan" in response.content.decode()


def test_the_iku_page_says_which_opd_figure_the_lkjip_does_not_count(client, verifikator,
                                                                     world, dinkes):  # noqa: F811
    from akuntabel.reporting.models import PelaporanTriwulan

    client.force_login(verifikator)
    note = "tidak dihitung dalam LKjIP Pemerintah Daerah"
    url = reverse("iku_detail", args=[world.pk])
    before = client.get(url).content.decode().count(note)   # the years without figures
    PelaporanTriwulan.objects.filter(perangkat_daerah=dinkes, tahun=TAHUN).update(
        status="diajukan")
    assert client.get(url).content.decode().count(note) == before + 1   # and Dinkes 2026


def test_the_page_lists_the_open_problems_and_a_final_needs_a_note(
        client, admin_pemda, pemda, world, dinkes):  # noqa: F811
    client.force_login(admin_pemda)
    page = client.get(_url(pemda)).content.decode()
    assert 'data-testid="masalah-terbuka"' in page and dinkes.nama in page
    assert 'name="catatan"' in page and "required" in page
    response = client.post(_url(pemda, "daerah:lkjip-final"), {"catatan": " "}, follow=True)
    assert not LaporanFinalPemda.objects.exists()
    assert "catatan" in response.content.decode().lower()
    client.post(_url(pemda, "daerah:lkjip-final"), {"catatan": "LKjIP OPD menyusul"})
    page = client.get(_url(pemda)).content.decode()
    assert "LKjIP OPD menyusul" in page


def test_a_final_whose_iku_figures_changed_is_marked_outdated_with_what_changed(
        client, admin_pemda, pemda, world, ind_dinsos):  # noqa: F811
    from akuntabel.results.models import Realisasi
    from tests.daerah.test_realisasi import entri
    client.force_login(admin_pemda)
    lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("docx",), catatan="x")
    assert 'data-testid="final-kedaluwarsa"' not in client.get(_url(pemda)).content.decode()
    Realisasi.objects.filter(indikator=ind_dinsos, tahun=TAHUN).delete()
    entri(ind_dinsos, 150, tahun=TAHUN)
    page = client.get(_url(pemda)).content.decode()
    assert 'data-testid="final-kedaluwarsa"' in page
    assert "<td>180</td><td>210</td>" in page.replace("\n", "")
