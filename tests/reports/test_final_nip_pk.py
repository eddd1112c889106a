"""Before a final: the signer's NIP problem (core.nip) is among the open problems; and the
OPD's PK has its own final page (open REN/STR problems, a note required), as the LKjIP."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.organizations.models import Pejabat
from akuntabel.reports.final import make_final
from akuntabel.reports.kesiapan import masalah_terbuka
from akuntabel.reports.models import LaporanFinal
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True


def pk_url(opd):
    return reverse("pk_final", args=[opd.pk, 2023])


@pytest.mark.parametrize("dokumen", ["lakip", "pk"])
def test_the_demo_kepala_nip_of_19_digits_is_an_open_problem(demo_opd, dokumen):
    kepala = Pejabat.objects.get(perangkat_daerah=demo_opd, peran=Pejabat.Peran.KEPALA)
    nip = [m for m in masalah_terbuka(demo_opd, 2023, dokumen) if m.jenis == "nip"]
    assert [m.kode for m in nip] == ["panjang"]
    assert "19 digit" in nip[0].pesan and kepala.nama in nip[0].tempat


def test_a_correct_nip_is_no_problem(demo_opd):
    Pejabat.objects.filter(perangkat_daerah=demo_opd, peran=Pejabat.Peran.KEPALA).update(
        nip="196804201993031009")
    assert not [m for m in masalah_terbuka(demo_opd, 2023, "lakip") if m.jenis == "nip"]


def test_the_lakip_final_page_shows_the_nip_problem(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    html = client.get(reverse("lakip_final", args=[demo_opd.pk, 2023])).content.decode()
    assert "19 digit" in html


def test_the_pk_final_page_lists_ren_str_problems_and_needs_a_note(client, demo_opd):
    masalah = masalah_terbuka(demo_opd, 2023, "pk")
    assert masalah and all(m.kode.startswith(("REN-", "STR-")) or m.jenis == "nip"
                           for m in masalah)
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    html = client.get(pk_url(demo_opd)).content.decode()
    assert 'data-testid="masalah-terbuka"' in html and "Perjanjian Kinerja" in html
    assert html.count("<tr><td>") == len(masalah)
    response = client.post(pk_url(demo_opd), {"catatan": " "})
    assert response.status_code == 400
    assert not LaporanFinal.objects.filter(perangkat_daerah=demo_opd, dokumen="pk").exists()


def test_the_pk_final_is_made_from_the_page_with_a_note(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    response = client.post(pk_url(demo_opd), {"catatan": "NIP dibetulkan di SIMPEG."})
    assert response.status_code == 302
    made = LaporanFinal.objects.filter(perangkat_daerah=demo_opd, dokumen="pk")
    assert {f.format for f in made} == {"pdf", "docx"}
    assert all(f.catatan == "NIP dibetulkan di SIMPEG." for f in made)
    assert not LaporanFinal.objects.filter(perangkat_daerah=demo_opd, dokumen="lakip").exists()


def test_the_pk_page_links_to_its_final_page(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    html = client.get(reverse("pk_detail", args=[demo_opd.pk, 2023])).content.decode()
    assert pk_url(demo_opd) in html


def test_an_operator_cannot_make_a_pk_final_and_an_outsider_does_not_see_it(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(pk_url(demo_opd)).status_code == 403
    assert client.post(pk_url(demo_opd), {"catatan": "x"}).status_code == 403
    client.force_login(make_user(Peran.KEPALA_OPD, opd=make_opd()))
    assert client.get(pk_url(demo_opd)).status_code == 404
    client.logout()
    assert client.get(pk_url(demo_opd)).status_code == 302
    assert make_final  # the CLI's and the page's one service
