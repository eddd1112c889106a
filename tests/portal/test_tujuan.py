"""The pemda's goals on its portal (issue 17): the indicators of the tujuan daerah with
target, realisasi, capaian per year of the RPJMD and its end target, their downloads and their
resource of the open data. Around what is public: a realisasi without its source and another
pemda's indicator, never shown."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from akuntabel.daerah import tujuan as layanan
from akuntabel.plans.models import (
    Misi,
    RealisasiTujuanDaerah,
    Rpjmd,
    TujuanDaerah,
)
from tests.builders import make_pemda

pytestmark = pytest.mark.django_db

TANPA_SUMBER = "69.987"     # IPM 2026 written around the service, without its source
TETANGGA = "Indeks embargo tetangga"


def indikator(tujuan, user, **kw):
    data = {"kode": "", "uraian": "", "satuan": "indeks", "polaritas": "naik", "definisi": "",
            "sumber_data": "", "kondisi_awal_tahun": "", "kondisi_awal": "",
            "kondisi_akhir": ""}
    data.update(kw)
    return layanan.simpan_indikator(tujuan, data, user=user)


def realisasi(ind, tahun, teks, sumber):
    return layanan.simpan_realisasi(ind, tahun, teks=teks, sumber=sumber, versi=0, user=None)


@pytest.fixture
def tujuan_publik(portal, sasaran_daerah, admin_pemda):
    tujuan = sasaran_daerah.tujuan_daerah
    ipm = indikator(tujuan, admin_pemda, kode="IT-1", uraian="Indeks Pembangunan Manusia",
                    sumber_data="BPS Kota Uji", kondisi_akhir="74,00", target_2025="71,8",
                    target_2026="72,3")
    realisasi(ipm, 2025, "72,05", "BPS Kota Uji, BRS No. 12/2026")
    RealisasiTujuanDaerah.objects.create(indikator=ipm, tahun=2026, teks=TANPA_SUMBER,
                                         nilai=Decimal(TANPA_SUMBER), sumber="")
    miskin = indikator(tujuan, admin_pemda, kode="IT-2", uraian="Persentase penduduk miskin",
                       satuan="%", polaritas="turun", kondisi_akhir="6,5", target_2026="7,5")
    realisasi(miskin, 2026, "7,2", "BPS Kota Uji, Susenas Maret 2026")
    lain = Rpjmd.objects.create(pemda=make_pemda(), tahun_awal=2025, tahun_akhir=2029,
                                visi="Visi tetangga")
    t_lain = TujuanDaerah.objects.create(rpjmd=lain, uraian="Tujuan tetangga", misi=(
        Misi.objects.create(rpjmd=lain, nomor=1, uraian="Misi tetangga")))
    tetangga = indikator(t_lain, admin_pemda, uraian=TETANGGA, target_2026="50")
    realisasi(tetangga, 2026, "55,555", "BPS tetangga")
    return {**portal, "ipm": ipm, "miskin": miskin, "tetangga": tetangga}


def never_private(body):
    assert TANPA_SUMBER not in body and "69,987" not in body
    assert TETANGGA not in body and "55,555" not in body and "55.555" not in body


def test_the_home_shows_each_goal_indicator_with_its_figures_as_the_lkjip(client, tujuan_publik):
    p = tujuan_publik
    body = client.get(reverse("portal:beranda", args=[p["pemda"].pk]) + "?tahun=2026"
                      ).content.decode()
    never_private(body)
    section = body[body.index(f'id="h-t{p["ipm"].pk}"'):]
    section = section[:section.index("</section>")]
    # 2025: 72,05 ÷ 71,8 × 100 = 100,35 %, with its source; 2026: named missing, never 0
    assert "71,8" in section and "72,05" in section and "100,35" in section
    assert "BPS Kota Uji, BRS No. 12/2026" in section and "74" in section
    row_2026 = section[section.index(">2026</th>"):].split("</tr>", 1)[0]
    assert "72,3" in row_2026 and "Bappeda" in row_2026 and ">0<" not in row_2026
    assert '<svg class="tren"' in section
    # lower is better, as the LKjIP's Tabel 3.2 computes it: (2 × 7,5 − 7,2) ÷ 7,5 = 104 %
    (kini,) = [b for rows in layanan.baca_tahun(p["ipm"].tujuan_daerah.rpjmd, 2026).values()
               for b in rows if b.indikator == p["miskin"]]
    assert kini.capaian == Decimal("104.00") and "104,00" in body


def test_the_downloads_hold_the_public_table_only(client, tujuan_publik):
    p = tujuan_publik

    def url(pk, fmt):
        return reverse("portal:tujuan_unduh", args=[p["pemda"].pk, pk, fmt]) + "?tahun=2026"

    csv_body = client.get(url(p["ipm"].pk, "csv")).content.decode()
    never_private(csv_body)
    rows = list(csv.DictReader(io.StringIO(csv_body)))
    assert [(r["tahun"], r["target"], r["realisasi"], r["capaian"]) for r in rows[:2]] == [
        ("2025", "71.8000", "72.0500", "100.3482"), ("2026", "72.3000", "", "")]
    assert rows[1]["keterangan"].startswith("realisasi 2026 belum diisi Bappeda")
    wb = load_workbook(io.BytesIO(client.get(url(p["ipm"].pk, "xlsx")).content))
    assert wb.active["H2"].value == 72.05 and len(list(wb.active.rows)) == 6
    svg = client.get(url(p["ipm"].pk, "svg"))
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert client.get(url(p["tetangga"].pk, "csv")).status_code == 404
    assert client.get(url(p["ipm"].pk, "pdf")).status_code == 404


def test_the_open_data_has_the_goals_of_the_year_as_a_resource(client, tujuan_publik):
    p = tujuan_publik
    dp = client.get(reverse("portal:datapackage", args=[p["pemda"].pk, 2026])).json()
    (res,) = [r for r in dp["resources"] if r["name"] == "tujuan-daerah"]
    assert all(f["description"] for f in res["schema"]["fields"])
    body = client.get(reverse("portal:sumber", args=[p["pemda"].pk, 2026, "tujuan-daerah"])
                      ).content.decode()
    never_private(body)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["uraian"] for r in rows] == ["Indeks Pembangunan Manusia",
                                           "Persentase penduduk miskin"]
    assert [f["name"] for f in res["schema"]["fields"]] == list(rows[0])
    assert Decimal(rows[1]["capaian"]) == 104 and rows[1]["sumber_realisasi"].startswith("BPS")
