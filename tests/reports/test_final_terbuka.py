"""Making a final with eyes open: the open reviu errors and plausibility warnings are listed,
a note is required to go on and kept with the final; a final whose data changed afterwards
is shown as outdated, naming what changed."""

import pytest
from django.urls import reverse
from django.utils import translation

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.core.angka import format_angka
from akuntabel.reports.final import CatatanDiperlukan, make_final
from akuntabel.reports.kesiapan import Perbedaan, masalah_terbuka, perbedaan
from akuntabel.reports.models import LaporanFinal
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True


def url(opd):
    return reverse("lakip_final", args=[opd.pk, 2023])


def test_the_final_page_lists_the_open_problems_and_asks_for_a_note(client, demo_opd):
    masalah = masalah_terbuka(demo_opd, 2023)
    assert any(m.jenis == "reviu" for m in masalah)
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    response = client.get(url(demo_opd))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="masalah-terbuka"' in html
    assert html.count("<tr><td>") == len(masalah)
    assert masalah[0].kode in html and 'name="catatan"' in html and " required" in html


def test_without_a_note_nothing_is_made_and_the_problems_are_shown_again(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    response = client.post(url(demo_opd), {"catatan": "   "})
    assert response.status_code == 400
    assert "masih terbuka" in response.content.decode()
    assert not LaporanFinal.objects.filter(perangkat_daerah=demo_opd).exists()


def test_the_note_and_the_problems_are_kept_with_the_final(demo_opd):
    masalah = masalah_terbuka(demo_opd, 2023)
    with pytest.raises(CatatanDiperlukan):
        make_final(demo_opd, 2023, None, formats=("docx",))
    [final] = make_final(demo_opd, 2023, None, formats=("docx",),
                         catatan="  Galat pembulatan diterima; diperbaiki tahun depan. ")
    final.refresh_from_db()
    assert final.catatan == "Galat pembulatan diterima; diperbaiki tahun depan."
    assert final.masalah == [m.to_json() for m in masalah]


def test_an_operator_cannot_open_the_final_page_and_an_outsider_does_not_see_it(client,
                                                                               demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url(demo_opd)).status_code == 403
    client.force_login(make_user(Peran.KEPALA_OPD, opd=make_opd()))
    assert client.get(url(demo_opd)).status_code == 404


def test_a_final_whose_data_changed_is_shown_outdated_with_what_changed(client, demo_opd):
    make_final(demo_opd, 2023, None, formats=("docx",), catatan="Diterima.")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    lakip = reverse("lakip", args=[demo_opd.pk, 2023])
    assert 'data-testid="final-kedaluwarsa"' not in client.get(lakip).content.decode()
    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, dpa__tahun=2023,
                                        realisasi__isnull=False).order_by("pk").first()
    lama = sub.realisasi
    sub.realisasi += 1_000_000
    sub.save()
    html = client.get(lakip).content.decode()
    assert 'data-testid="final-kedaluwarsa"' in html
    assert (f"Realisasi anggaran sub kegiatan {sub.sub_kegiatan.kode} {sub.sub_kegiatan.nama}</td>"
            f"<td>{format_angka(lama)}</td><td>{format_angka(sub.realisasi)}</td>") in html


RENCANA = {"indikator": [{"kunci": "indikator:IKU-1", "uraian": "Persentase PPKS tertangani",
                          "realisasi": {"2023": {"_jenis": "Nilai", "teks": "75", "nilai": "75"}}},
                         {"kunci": "indikator:IKU-2", "uraian": "Indeks kepuasan",
                          "realisasi": {}}]}


@pytest.mark.parametrize(("baru", "beda"), [
    (RENCANA, []),
    ({"indikator": [{**RENCANA["indikator"][0], "realisasi": {"2023": {
        "_jenis": "Nilai", "teks": "80", "nilai": "80"}}}, RENCANA["indikator"][1]]},
     [Perbedaan("Realisasi 2023 indikator “Persentase PPKS tertangani”", "75", "80")]),
    ({"indikator": [RENCANA["indikator"][0]]},
     [Perbedaan("Indikator “Indeks kepuasan”", "ada", "dihapus")]),
    ({"indikator": [*RENCANA["indikator"], {"kunci": "indikator:IKU-3", "uraian": "Baru"}]},
     [Perbedaan("Indikator “Baru”", "tidak ada", "ditambahkan")]),
], ids=["the same data -> nothing changed",
        "a realisasi changed -> named by its indicator, old and new text",
        "an indicator removed -> named as removed",
        "an indicator added -> named as added"])
def test_what_changed_is_named_by_its_place(baru, beda):
    with translation.override("id"):
        assert perbedaan(RENCANA, baru) == beda
