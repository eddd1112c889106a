"""The LKjIP context of the demo: the seed's true figures, the outline, honest labels, and a
bounded number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akuntabel.reports.document import Angka
from akuntabel.reports.lakip import build_lakip_context
from akuntabel.reports.lakip.values import format_tanggal
from akuntabel.reports.models import Narasi
from akuntabel.reports.narasi import fill_placeholders

pytestmark = pytest.mark.django_db

TANGGAL = date(2024, 2, 29)


@pytest.fixture
def dok(demo_opd):
    return build_lakip_context(demo_opd, 2023, TANGGAL)


def _text(dok) -> str:
    parts = []
    for b in dok.bagian:
        parts += [b.nomor, b.judul, *b.paragraf]
        for t in b.tabel:
            parts += [t.judul, t.catatan]
            for row in t.baris:
                parts += [c.teks if isinstance(c, Angka) else c for c in row]
    return "\n".join(parts)


@pytest.mark.parametrize(("name", "teks"), [
    ("pagu", "Rp 5.093.068.611"),
    ("realisasi", "Rp 4.825.424.420"),
    ("serapan_anggaran", "94,74%"),
    ("iku_realisasi", "92,77%"),
    ("iku_target", "91,50%"),
    ("iku_capaian", "101,39%"),
])
def test_headline_figures_are_the_seeds_true_figures(dok, name, teks):
    assert dok.ringkasan[name].teks == teks


def test_iku_realisasi_shows_its_inputs_and_formula(dok):
    assert dok.ringkasan["iku_realisasi"].rumus.startswith("13.415 ÷ 14.460 × 100")
    assert dok.ringkasan["serapan_anggaran"].rumus == "4.825.424.420 ÷ 5.093.068.611 × 100"


def test_the_outline_follows_permenpan_rb_53_2014(dok):
    order = [b.kunci for b in dok.bagian]
    expected = ["kata_pengantar", "ikhtisar_eksekutif", "bab1", "latar_belakang",
                "maksud_tujuan", "dasar_hukum", "gambaran_umum", "isu_strategis", "bab2",
                "perencanaan_kinerja", "visi_misi", "tujuan_sasaran", "strategi", "program",
                "perjanjian_kinerja", "bab3", "capaian_kinerja_organisasi", "realisasi_kinerja",
                "perbandingan_tahun_lalu", "perbandingan_renstra", "perhitungan_iku",
                "analisis_penyebab", "analisis_efisiensi", "analisis_program",
                "realisasi_anggaran", "penutup", "lampiran"]
    assert order == expected


def test_the_ikhtisar_eksekutif_the_seed_lacks_is_drafted_from_the_figures(dok):
    ikhtisar = " ".join(next(b for b in dok.bagian if b.kunci == "ikhtisar_eksekutif").paragraf)
    assert ("Capaian IKU Persentase PPKS yang tertangani tahun 2023 sebesar 101,39% dengan "
            "kategori Sangat Tinggi") in ikhtisar
    assert "serapan anggaran sebesar 94,74%" in ikhtisar
    assert "bukan capaian kinerja" in ikhtisar


def test_serapan_is_never_called_a_performance_achievement(dok):
    penutup = " ".join(next(b for b in dok.bagian if b.kunci == "penutup").paragraf)
    assert "serapan anggaran sebesar 94,74%" in penutup
    assert "(94,74 %) telah mencapai kategori" not in _text(dok)


def test_the_seven_programs_with_their_pagu_and_realisasi(dok):
    table = next(t for b in dok.bagian for t in b.tabel
                 if t.kunci == "tabel-3-9-realisasi-anggaran")
    programs = [row for row, depth in zip(table.baris, table.tingkat, strict=True) if depth == 0]
    assert [r[0].split(" ")[0] for r in programs[:-1]] == [
        "1.06.01", "1.06.02", "1.06.03", "1.06.04", "1.06.05", "1.06.06", "1.06.07"]
    assert programs[3][1].teks == "Rp 882.701.400" and programs[3][2].teks == "Rp 834.059.927"
    assert programs[-1][0] == "Jumlah" and programs[-1][3].teks == "94,74%"


def test_the_iku_component_table_sums_to_13415_over_14460(dok):
    table = next(t for b in dok.bagian for t in b.tabel if t.kunci.startswith("tabel-3-7"))
    tail = {row[1]: row[2] for row in table.baris[-3:]}
    assert tail["Jumlah yang ditangani"].nilai == Decimal("13415")
    # The figure as printed in the source (92.78%) is an internal note, for the appendix.
    assert "tercetak" not in table.catatan


def test_the_rating_scale_table_is_the_one_in_force(dok):
    table = next(t for b in dok.bagian for t in b.tabel if t.kunci == "tabel-3-1-skala")
    assert table.baris[0] == ("1", "≥ 91", "Sangat Tinggi")
    assert "Permendagri 86/2017" in table.catatan


def test_the_efficiency_table_names_its_variant(dok):
    table = next(t for b in dok.bagian for t in b.tabel if t.kunci == "tabel-3-8-efisiensi")
    assert "selisih" in table.catatan.lower()


def test_the_generated_text_prints_no_year_it_does_not_mean(dok):
    import re

    generated = " ".join(" ".join(b.paragraf) for b in dok.bagian
                         if b.kunci in ("kata_pengantar", "ikhtisar_eksekutif", "maksud_tujuan",
                                        "capaian_kinerja_organisasi", "realisasi_anggaran",
                                        "penutup", "perjanjian_kinerja", "program"))
    # Years of regulation numbers ("86/2017") are citations, not periods.
    years = {int(y) for y in re.findall(r"(?<![/\d])(20\d\d)\b", generated)}
    # Report year, Renstra period, "Tahun 2014" laws, the next year's plans in the Penutup.
    assert years <= {2023, 2014, 2021, 2026, 2024}


def test_signature_block_of_the_head_of_agency(dok):
    assert dok.penandatangan.nama == "SRI AMANTO, SH, MH."
    assert dok.penandatangan.tempat_tanggal == "Metro, 29 Februari 2024"


def test_a_narrative_written_in_akuntabel_is_used_with_its_placeholders_filled(demo_opd):
    Narasi.objects.filter(perangkat_daerah=demo_opd, kunci="penutup").update(
        asal=Narasi.Asal.DISUNTING, teks="Serapan anggaran [[serapan_anggaran]]; [[tidak_ada]].")
    dok = build_lakip_context(demo_opd, 2023, TANGGAL)
    penutup = next(b for b in dok.bagian if b.kunci == "penutup")
    assert penutup.paragraf == ("Serapan anggaran 94,74%; [[?tidak_ada]].",)


def test_placeholders_are_filled_from_figures():
    figure = Angka(Decimal("94.74"), "persen", "94,74%")
    assert fill_placeholders("[[a]] dan [[ b ]] dan [[c]]", {"a": figure, "b": "x"}) == \
        "94,74% dan x dan [[?c]]"


def test_dates_are_written_the_indonesian_way():
    assert format_tanggal(date(2024, 2, 29)) == "29 Februari 2024"


def test_the_context_needs_a_bounded_number_of_queries(demo_opd):
    from akuntabel.budget.models import DpaLine, DpaSubKegiatan
    from akuntabel.plans.models import (
        Indikator,
        PerjanjianKinerjaBaris,
        Sasaran,
        SubKegiatan,
        Target,
    )
    from akuntabel.results.models import KomponenPerhitungan, Perhitungan, Realisasi

    with CaptureQueriesContext(connection) as small:
        build_lakip_context(demo_opd, 2023, TANGGAL)
    # Grow the OPD: 40 more indicators with targets and realisasi of two years, 10 more IKU
    # with a row in the PK and components, and 200 more budget lines.
    sub = SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=demo_opd,
                                     dpa__isnull=False).first()
    anggaran = DpaSubKegiatan.objects.get(sub_kegiatan=sub)
    for i in range(40):
        ind = Indikator.objects.create(perangkat_daerah=demo_opd, sub_kegiatan=sub,
                                       uraian=f"Indikator tambahan {i}", satuan="Orang")
        Target.objects.create(indikator=ind, jenis="renja", tahun=2023, teks="10 Orang",
                              nilai=10, satuan="Orang")
        for tahun in (2022, 2023):
            Realisasi.objects.create(indikator=ind, tahun=tahun, teks="9", nilai=9,
                                     satuan="Orang")
    sasaran = Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=demo_opd).first()
    pk = demo_opd.perjanjian_kinerja.get(tahun=2023)
    for i in range(10):
        ind = Indikator.objects.create(perangkat_daerah=demo_opd, sasaran=sasaran, iku=True,
                                       uraian=f"IKU tambahan {i}", satuan="%", urutan=1000 + i)
        PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=pk, sasaran=sasaran,
                                              indikator=ind, target_teks="80", target=80)
        p = Perhitungan.objects.create(indikator=ind, tahun=2023, penyebut=200,
                                        penyebut_uraian="Jumlah sasaran")
        KomponenPerhitungan.objects.bulk_create(
            KomponenPerhitungan(perhitungan=p, nomor=str(n), uraian=f"Komponen {n}", nilai=50,
                                urutan=n) for n in range(3))
    DpaLine.objects.bulk_create(DpaLine(anggaran=anggaran, uraian=f"Baris {i}", pagu=1,
                                        realisasi=1, urutan=10000 + i) for i in range(200))
    with CaptureQueriesContext(connection) as large:
        build_lakip_context(demo_opd, 2023, TANGGAL)
    assert len(large.captured_queries) <= len(small.captured_queries)


def test_the_reviu_findings_can_be_annexed(demo_opd):
    from akuntabel.reviews.services import review

    dok = build_lakip_context(demo_opd, 2023, TANGGAL, lampiran_reviu=True)
    annex = next(t for b in dok.bagian for t in b.tabel if t.kunci == "lampiran-reviu")
    assert len(annex.baris) == len(review(demo_opd, 2023))
    assert any(row[0] == "NAR-003" and "Kuningan" in row[3] for row in annex.baris)
    plain = build_lakip_context(demo_opd, 2023, TANGGAL)
    assert not any(t.kunci == "lampiran-reviu" for b in plain.bagian for t in b.tabel)


def test_the_target_in_force_names_its_kind_and_the_indicator_page(dok):
    target = dok.ringkasan["iku_target"]
    assert target.sumber[0][0] == "Target PK 2023"
    assert target.sumber[0][1].startswith("/indikator/")
    assert dok.ringkasan["iku_capaian"].rumus == "92,77 ÷ 91,5 × 100"


def dok_opd():
    from akuntabel.organizations.models import PerangkatDaerah

    return PerangkatDaerah.objects.get(pemda__kode="kota-metro", kode="dinas-sosial")


def test_a_capaian_over_units_printed_differently_is_shown_and_named(dok):
    """The seed prints the target "12 Jenis Barang Cetak & Penggandaan Surat" and the
    realisasi "12 Jenis Barang Cetak & Penggandaan": the pages compute 100%, so does the
    LKjIP, and it names the indicator for the reader to check the unit."""
    table = next(t for b in dok.bagian for t in b.tabel
                 if t.kunci == "tabel-3-3-realisasi-kinerja")
    row = next(r for r in table.baris if r[1] == "Jumlah Ketersediaan Barang Cetak dan Fotocopy")
    assert row[4].teks == "100,00%"
    assert "satuan tercetak berbeda" in row[4].rumus
    assert "“-” dilewati" in table.catatan
    # An "as printed" remark is an internal note: in the appendix of differences, not the body.
    assert "tercetak" not in table.catatan
    annexed = build_lakip_context(dok_opd(), 2023, TANGGAL, lampiran_perbedaan=True)
    [lampiran] = [b for b in annexed.bagian if b.kunci == "lampiran_perbedaan"]
    assert any(r[2].startswith("Jumlah Ketersediaan Barang Cetak dan Fotocopy: satuan target")
               for r in lampiran.tabel[0].baris)
