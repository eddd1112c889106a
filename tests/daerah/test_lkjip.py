"""The pemda's LKjIP context (daerah.lkjip): the PermenPAN-RB 53/2014 outline for a pemda,
each IKU figure equal to the IKU's formula over the verified OPD figures with links down to
the OPD entries, the comparisons with last year and the RPJMD end target, the APBD per urusan
and per OPD adding up, and the missing or unverified OPD figures said, never read as 0."""

from decimal import Decimal

import pytest

from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.daerah import services
from akuntabel.daerah.lkjip import NoRpjmd, build_lkjip_pemda
from akuntabel.plans.models import Renstra
from akuntabel.reports.document import Angka, Dokumen, Tabel
from tests.builders import make_kegiatan, make_pemda, make_program, make_sub_kegiatan
from tests.daerah.conftest import iku_data
from tests.daerah.test_realisasi import entri, link
from tests.daerah.test_realisasi_terverifikasi import verify

pytestmark = pytest.mark.django_db

D = Decimal
TAHUN = 2026


def tabel(dok: Dokumen, kunci: str) -> Tabel:
    return next(t for t in dok.tabel() if t.kunci == kunci)


def dpa(opd, kode_program, pagu, realisasi):
    renstra = Renstra.objects.filter(perangkat_daerah=opd).first()
    sub = make_sub_kegiatan(make_kegiatan(make_program(renstra, kode=kode_program)))
    d, _ = Dpa.objects.get_or_create(perangkat_daerah=opd, tahun=TAHUN)
    return DpaSubKegiatan.objects.create(dpa=d, sub_kegiatan=sub, pagu=D(pagu),
                                         realisasi=D(realisasi))


@pytest.fixture
def world(iku, perkada, sasaran_daerah, ind_dinsos, ind_dinkes, operator_dinsos,
          operator_dinkes, verifikator, admin_pemda, dinsos, dinkes):
    """IKU-1 = SUM(sos, kes), target 200 in 2026 and 300 at the RPJMD's end (2029); 2025:
    sos 80 + kes 40 = 120; 2026: sos 120 + kes 60 = 180, all verified. A DPA per OPD."""
    iku = services.simpan_iku(perkada, iku_data(sasaran_daerah, dinsos, dinkes,
                                                target_2025="150", target_2026="200",
                                                target_2029="300"),
                              user=admin_pemda, iku=iku)
    link(iku, ind_dinsos, "sos", operator_dinsos, verifikator)
    link(iku, ind_dinkes, "kes", operator_dinkes, verifikator)
    for th, sos, kes in ((2025, 80, 40), (TAHUN, 120, 60)):
        entri(ind_dinsos, sos, tahun=th)
        entri(ind_dinkes, kes, tahun=th)
        verify(dinsos, 4, tahun=th)
        verify(dinkes, 4, tahun=th)
    dpa(dinsos, "1.06.02", "1000000", "900000")
    dpa(dinsos, "X.XX.01", "500000", "500000")
    dpa(dinkes, "1.02.02", "2000000", "1500000")
    return iku


def build(pemda):
    from datetime import date
    return build_lkjip_pemda(pemda, TAHUN, date(2027, 2, 20))


def test_the_outline_of_a_pemda_lkjip(world, pemda):
    dok = build(pemda)
    judul = [(b.nomor, b.judul) for b in dok.bagian]
    for part in [("", "Kata Pengantar"), ("", "Ikhtisar Eksekutif"), ("BAB I", "Pendahuluan"),
                 ("1.1", "Latar Belakang"), ("1.2", "Gambaran Umum Pemerintah Daerah"),
                 ("1.3", "Isu Strategis"), ("BAB II", "Perencanaan Kinerja"),
                 ("2.2", "Indikator Kinerja Utama Pemerintah Daerah"),
                 ("2.3", "Perjanjian Kinerja Kepala Daerah"),
                 ("BAB III", "Akuntabilitas Kinerja"), ("3.2", "Capaian Tujuan Daerah"),
                 ("3.3", "Analisis Capaian per Sasaran Daerah"), ("3.4", "Realisasi Anggaran"),
                 ("3.5", "Efisiensi Penggunaan Sumber Daya"), ("BAB IV", "Penutup"),
                 ("", "Lampiran")]:
        assert part in judul
    assert ("3.3.1", "Sasaran S1 Menurunnya PPKS") in judul   # a section per sasaran daerah
    assert dok.jenis == "lkjip-pemda" and dok.subjudul == "Kota Uji Tahun 2026"
    lampiran = [t.kunci for t in dok.bagian[-1].tabel]
    assert lampiran == ["lampiran-1-pk", "lampiran-2-iku"]


def test_the_pemda_lkjip_carries_the_pemdas_letterhead(world, pemda):
    pemda.kop_alamat = "Jl. Balai Kota No. 1"
    pemda.save()
    dok = build(pemda)
    assert dok.kop is not None and dok.kop.alamat == "Jl. Balai Kota No. 1"
    assert dok.kop.pemda == f"PEMERINTAH {pemda.nama}".upper() and dok.kop.instansi == ""


def test_the_iku_figure_is_its_formula_over_the_opd_entries(world, pemda, ind_dinsos):
    row = tabel(build(pemda), "tabel-3-1-capaian").baris[0]
    target, realisasi, capaian = row[3], row[4], row[5]
    assert isinstance(realisasi, Angka) and realisasi.nilai == D(180)   # 120 + 60
    assert realisasi.rumus == "SUM dengan kes = 60, sos = 120"
    assert target.nilai == D(200) and capaian.nilai == D(90)
    assert capaian.rumus == "180 ÷ 200 × 100" and row[6] == "Tinggi"
    urls = [url for _label, url in realisasi.sumber]
    assert f"/indikator/{ind_dinsos.pk}/?tahun=2026" in urls   # down to the OPD's entries
    labels = " | ".join(label for label, _url in realisasi.sumber)
    assert "Dinas Sosial tahunan: 120 (terverifikasi)" in labels


def test_an_unverified_opd_figure_is_said_not_counted(world, pemda, dinkes):
    from akuntabel.reporting.models import PelaporanTriwulan
    PelaporanTriwulan.objects.filter(perangkat_daerah=dinkes, tahun=TAHUN).update(
        status="diajukan")
    dok = build(pemda)
    row = tabel(dok, "tabel-3-1-capaian").baris[0]
    assert row[4].nilai is None and row[4].teks == "–" and row[5].nilai is None
    assert "Dinas Kesehatan" in row[7] and "belum diverifikasi" in row[7]
    sasaran = next(b for b in dok.bagian if b.nomor == "3.3.1")
    assert any("belum dapat diukur" in p and "Dinas Kesehatan" in p for p in sasaran.paragraf)


def test_comparisons_with_last_year_and_the_rpjmd_end_target(world, pemda):
    dok = build(pemda)
    lalu = tabel(dok, "tabel-3-2-tahun-lalu").baris[0]
    assert lalu[2].nilai == D(120) and lalu[3].nilai == D(80)    # 120 ÷ 150
    assert lalu[4].nilai == D(180) and lalu[6].nilai == D(50)    # (180 − 120) ÷ 120
    assert lalu[7] == "membaik"
    rpjmd = tabel(dok, "tabel-3-3-rpjmd").baris[0]
    assert rpjmd[2].nilai == D(300) and rpjmd[4].nilai == D(60)   # 180 ÷ 300


def test_the_apbd_per_urusan_and_per_opd_add_up(world, pemda):
    dok = build(pemda)
    urusan, opd = tabel(dok, "tabel-3-4-urusan"), tabel(dok, "tabel-3-5-opd")
    assert [r[1] for r in urusan.baris[:-1]] == ["1.02", "1.06", "X.XX"]
    assert sum(r[3].nilai for r in urusan.baris[:-1]) == urusan.baris[-1][3].nilai == D(3500000)
    assert sum(r[4].nilai for r in urusan.baris[:-1]) == urusan.baris[-1][4].nilai == D(2900000)
    assert sum(r[2].nilai for r in opd.baris[:-1]) == opd.baris[-1][2].nilai == D(3500000)
    assert sum(r[3].nilai for r in opd.baris[:-1]) == opd.baris[-1][3].nilai == D(2900000)
    dinsos = next(r for r in opd.baris if r[1] == "Dinas Sosial")
    assert dinsos[2].nilai == D(1500000) and dinsos[4].teks == "93,33%"
    assert dok.ringkasan["apbd_serapan"].teks == "82,86%"   # 2.900.000 ÷ 3.500.000


def test_efficiency_compares_the_iku_with_its_opds_budget(world, pemda):
    row = tabel(build(pemda), "tabel-3-6-efisiensi").baris[0]
    assert row[4].nilai == D(2900000) * 100 / D(3500000)
    assert row[5].nilai == D(90) - row[4].nilai and row[6] == "efisien"
    assert row[5].rumus == ("capaian 90,00% − serapan 82,86% = selisih 7,14 poin lebih dari "
                            "ambang 5 poin")


def test_efficiency_follows_the_method_the_pemda_chose(world, pemda):
    pemda.efisiensi_metode = "rasio"
    pemda.save()
    dok = build(pemda)
    t = tabel(dok, "tabel-3-6-efisiensi")
    assert t.kolom[5] == "Rasio" and t.baris[0][6] == "efisien"
    assert t.baris[0][5].teks == "1,09"   # 90 ÷ 82,857…
    assert "rasio" in t.catatan


def test_no_rpjmd_for_the_year_is_a_clear_message():
    with pytest.raises(NoRpjmd, match="belum memiliki RPJMD"):
        build(make_pemda(nama="Kota Tanpa"))


def test_the_iku_annex_gives_formula_links_and_responsible_opd(world, pemda):
    row = tabel(build(pemda), "lampiran-2-iku").baris[0]
    assert row[1] == "IKU-1 Jumlah PPKS yang ditangani" and row[3] == "SUM (bawaan)"
    assert row[4] == ("kes = PPKS yang ditangani Dinkes (Dinas Kesehatan), "
                      "sos = PPKS yang ditangani Dinsos (Dinas Sosial)")
    assert row[5] == "Dinas Kesehatan, Dinas Sosial" and row[6] == "Dinsos, Dinkes"


def test_the_tables_of_bab_iii_are_numbered_in_print_order(world, pemda):
    dok = build(pemda)
    bab3 = [t.judul.split(" ")[1] for b in dok.bagian if b.nomor.startswith("3.")
            for t in b.tabel]
    assert bab3 == [f"3.{n}" for n in range(1, len(bab3) + 1)] and len(bab3) == 8


def test_without_a_perkada_the_document_says_so(rpjmd, pemda):
    dok = build(pemda)
    ikhtisar = next(b for b in dok.bagian if b.kunci == "ikhtisar_eksekutif")
    assert ikhtisar.paragraf[0].startswith("Belum ada IKU Pemerintah Daerah yang berlaku pada "
                                           "tahun 2026 (belum ada Perkada IKU)")
    assert tabel(dok, "tabel-3-1-capaian").baris == ()


def test_the_number_of_queries_does_not_grow_with_the_iku_and_the_opd(
        world, pemda, perkada, sasaran_daerah, admin_pemda, operator_dinsos, verifikator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.builders import make_opd
    from tests.daerah.conftest import indikator_of

    with CaptureQueriesContext(connection) as one:
        build(pemda)
    for n in range(3):
        opd = make_opd(pemda=pemda, nama=f"Dinas Tambahan {n}")
        ind = indikator_of(opd, f"Indikator tambahan {n}")
        iku = services.simpan_iku(perkada, iku_data(sasaran_daerah, opd, kode=f"IKU-{n + 2}",
                                                     target_2026="10"), user=admin_pemda)
        link(iku, ind, f"t{n}", operator_dinsos, verifikator)
        entri(ind, 5)
        dpa(opd, "2.13.02", "100", "50")
    with CaptureQueriesContext(connection) as more:
        build(pemda)
    assert len(more) == len(one)


def test_the_signed_pk_of_the_kepala_daerah_is_annexed(world, pemda, admin_pemda):
    from tests.daerah.test_pk_daerah import _signed

    assert tabel(build(pemda), "lampiran-1-pk").baris == ()
    _signed(pemda, admin_pemda)
    dok = build(pemda)
    rows = tabel(dok, "lampiran-1-pk").baris
    assert [(r[2], r[3].teks, r[4]) for r in rows] == [
        ("Jumlah PPKS yang ditangani", "200", "jiwa")]
    pk = next(b for b in dok.bagian if b.kunci == "perjanjian_kinerja")
    assert "memuat target IKU berikut" in pk.paragraf[0]


def test_a_quarterly_entry_links_to_its_quarter_of_the_opd(world, pemda, dinkes, ind_dinkes):
    from akuntabel.results.models import Realisasi

    Realisasi.objects.filter(indikator=ind_dinkes, tahun=TAHUN).delete()
    entri(ind_dinkes, 25, tahun=TAHUN, triwulan=1)
    entri(ind_dinkes, 35, tahun=TAHUN, triwulan=2)
    verify(dinkes, 1, 2, tahun=TAHUN)
    realisasi = tabel(build(pemda), "tabel-3-1-capaian").baris[0][4]
    assert realisasi.nilai == D(180)   # 120 + (25 + 35): a count sums its quarters
    assert ("Dinas Kesehatan TW II: 35 (terverifikasi)",
            f"/opd/{dinkes.pk}/realisasi/2026/2/#indikator-{ind_dinkes.pk}") in realisasi.sumber


def test_each_tujuan_daerah_shows_its_indicators_traced_to_bappedas_entry(world, pemda,
                                                                         sasaran_daerah,
                                                                         admin_pemda,
                                                                         verifikator):
    from django.urls import reverse

    from akuntabel.daerah import tujuan as layanan
    from tests.daerah.test_tujuan import data

    t = sasaran_daerah.tujuan_daerah
    ipm = layanan.simpan_indikator(t, data(kondisi_akhir="74"), user=admin_pemda)
    miskin = layanan.simpan_indikator(t, data(kode="IT-2", uraian="Persentase penduduk miskin",
                                              satuan="%", polaritas="turun", target_2026="7,8",
                                              kondisi_akhir="7"), user=admin_pemda)
    layanan.simpan_realisasi(ipm, 2025, teks="71,9", sumber="BPS 2025", versi=0,
                             user=verifikator)
    layanan.simpan_realisasi(ipm, TAHUN, teks="72,5", sumber="BPS, BRS 12/2026", versi=0,
                             user=verifikator)
    dok = build(pemda)
    bagian = next(b for b in dok.bagian if b.kunci == "capaian_tujuan")
    assert (bagian.nomor, bagian.judul) == ("3.2", "Capaian Tujuan Daerah")
    tab = tabel(dok, f"tabel-tujuan-{t.pk}")
    assert tab.judul == "Tabel 3.4 Capaian Indikator Tujuan 1 Tahun 2026"   # after 3.1–3.3
    assert tab.kolom[:5] == ("No", "Indikator Tujuan", "Target 2026", "Realisasi 2026",
                             "Capaian")
    r = tab.baris[0]
    assert r[3].nilai == D("72.5") and r[3].teks == "72,5 indeks"
    assert r[3].sumber == (("Realisasi Indeks Pembangunan Manusia 2026",
                            reverse("tujuan_realisasi", args=[ipm.pk, TAHUN])),)
    assert "BPS, BRS 12/2026" in r[3].rumus
    assert r[4].nilai == D("72.5") * 100 / D("72.3") and r[4].rumus == "72,5 ÷ 72,3 × 100"
    assert r[5].nilai == D("71.9")                                     # last year
    assert r[6].nilai == D("0.6") * 100 / D("71.9") and r[6].teks == "0,83% (membaik)"
    assert r[7].teks == "74 indeks" and r[8].nilai == D("72.5") * 100 / D(74)   # RPJMD end
    m = tab.baris[1]                                                   # never entered
    assert m[3].nilai is None and m[3].teks == "–" and m[4].nilai is None
    assert m[9] == "realisasi 2026 belum diisi Bappeda; sumber data: BPS Kota Uji"
    assert any("Persentase penduduk miskin belum dapat diukur (realisasi 2026 belum diisi"
               in p for p in bagian.paragraf)
    # the later tables follow on
    assert tabel(dok, "tabel-3-4-urusan").judul.startswith("Tabel 3.")
    assert miskin.pk != ipm.pk


def test_a_tujuan_without_indicators_is_said_so(world, pemda):
    dok = build(pemda)
    bagian = next(b for b in dok.bagian if b.kunci == "capaian_tujuan")
    assert bagian.tabel == ()
    assert bagian.paragraf == ("Tujuan “Tujuan daerah” belum memiliki indikator dalam RPJMD.",)


def test_the_executive_summary_counts_the_goal_indicators_and_names_the_missing(
        world, pemda, sasaran_daerah, admin_pemda, verifikator):
    from akuntabel.daerah import tujuan as layanan
    from tests.daerah.test_tujuan import data

    t = sasaran_daerah.tujuan_daerah
    ipm = layanan.simpan_indikator(t, data(), user=admin_pemda)
    layanan.simpan_indikator(t, data(kode="IT-2", uraian="Persentase penduduk miskin",
                                     satuan="%", polaritas="turun"), user=admin_pemda)
    layanan.simpan_realisasi(ipm, TAHUN, teks="72,5", sumber="BPS", versi=0, user=verifikator)
    dok = build(pemda)
    ikhtisar = next(b for b in dok.bagian if b.kunci == "ikhtisar_eksekutif").paragraf
    kalimat = next(p for p in ikhtisar if "indikator tujuan daerah" in p)
    assert kalimat == ("Dari 2 indikator tujuan daerah RPJMD, 1 telah diisi realisasi tahun "
                       "2026 oleh Bappeda dari sumbernya; peringkat capaiannya: Sangat Tinggi 1. "
                       "Belum ada realisasi: Persentase penduduk miskin.")
