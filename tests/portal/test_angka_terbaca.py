"""A figure the public reads is written as a person or a data file expects it: a chart's
words as its table prints them (two decimals at most, 92,77), a data file's numbers with at
most four decimals, rounded half-up (``core.angka.angka_data``), never the 28 digits of a
computed ratio (13.415 ÷ 14.460 × 100 = 92,773167358…)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from akuntabel.plans.models import Indikator
from akuntabel.reports.final import make_final, set_publikasi

pytestmark = pytest.mark.django_db
TAHUN = 2023


@pytest.fixture
def terbit(demo_opd):
    for f in make_final(demo_opd, TAHUN, None, formats=("html",),
                        catatan="Uji portal: final dari LKjIP tercetak dengan masalah terbuka."):
        set_publikasi(f, True, None)
    return demo_opd


def test_the_trend_chart_says_the_figures_as_the_table_prints_them(client, terbit):
    iku = Indikator.objects.get(perangkat_daerah=terbit, kode="IKU-1")
    halaman = client.get(reverse("portal:opd", args=[terbit.pemda_id, terbit.pk])
                         + f"?tahun={TAHUN}").content.decode()
    svg = client.get(reverse("portal:grafik", args=[terbit.pemda_id, "indikator", iku.pk,
                                                    "svg"]) + f"?tahun={TAHUN}").content.decode()
    for isi in (halaman, svg):
        grafik = isi[isi.index("<svg"):isi.index("</svg>")]
        assert "2023: target 91,5, realisasi 92,77;" in grafik
        assert "2023 realisasi: 92,77<" in grafik
        assert not re.search(r"\d,\d{3}", grafik), grafik   # no figure beyond two decimals


def test_data_files_write_at_most_four_decimals(client, terbit):
    pemda = terbit.pemda_id
    url = reverse("portal:sumber", args=[pemda, TAHUN, "capaian-indikator"])
    rows = [r for r in csv.DictReader(io.StringIO(client.get(url).content.decode()))
            if r["tahun"] == str(TAHUN) and r["indikator_kode"] == "IKU-1"]
    assert (rows[0]["realisasi"], rows[0]["capaian"]) == ("92.7732", "101.3914")
    paket = client.get(reverse("api_v1:paket_data", args=[pemda, TAHUN])).json()
    for sumber in paket["resources"]:
        for baris in sumber["data"]:
            for v in baris.values():
                assert not re.fullmatch(r"-?\d+\.\d{5,}", str(v)), (sumber["name"], baris)
    iku = [b for s in paket["resources"] if s["name"] == "capaian-indikator"
           for b in s["data"] if b["tahun"] == TAHUN and b["indikator_kode"] == "IKU-1"]
    assert (iku[0]["realisasi"], iku[0]["capaian"]) == ("92.7732", "101.3914")


def test_a_downloaded_chart_reads_alone_with_its_colours_and_legend(client, terbit):
    """A journalist's SVG file has no page stylesheet: its bars carry their own colours and a
    legend names them."""
    iku = Indikator.objects.get(perangkat_daerah=terbit, kode="IKU-1")
    svg = client.get(reverse("portal:grafik", args=[terbit.pemda_id, "indikator", iku.pk, "svg"])
                     + f"?tahun={TAHUN}").content.decode()
    warna = dict(re.findall(r'<rect class="(target|realisasi)"[^>]*fill="(#[0-9a-f]{6})"', svg))
    assert set(warna) == {"target", "realisasi"} and warna["target"] != warna["realisasi"]
    legenda = re.findall(r'<text class="legenda"[^>]*>([^<]+)</text>', svg)
    assert legenda == ["Target", "Realisasi"]


def test_a_published_document_is_named_as_what_it_is(client, terbit):
    """The list of published documents says "LKjIP" (as /publikasi/ does), not the database's
    code for it upper-cased ("LAKIP")."""
    for url in (reverse("portal:beranda", args=[terbit.pemda_id]),
                reverse("portal:opd", args=[terbit.pemda_id, terbit.pk])):
        isi = client.get(url + f"?tahun={TAHUN}").content.decode()
        assert f"LKjIP {terbit.nama} {TAHUN} (HTML)" in isi and "LAKIP" not in isi
