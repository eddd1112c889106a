"""Reviu rules "narasi": the narrative text of the LAKIP (akuntabel.core.reviu.narasi).

Every case starts from a consistent dataset (``make_clean_data``: "Dinas Uji Kota Contoh" of
"Kota Contoh", report year 2023, Renstra and RPJMD 2021-2026) and replaces one narrative
section with a sentence; failing cases are taken from the seed (LAKIP 2023 of Dinas Sosial
Kota Metro), passing cases show what each rule leaves alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import cache

import pytest

from akuntabel.core.angka import (
    format_angka,
    format_persen,
    format_rupiah,
    round_half_up,
)
from akuntabel.core.capaian import compute_persentase
from akuntabel.core.reviu import ATURAN, AnggaranLain, Finding, ReviuData
from akuntabel.core.reviu.narasi import BAGIAN_NARASI, kalimat, kutip
from tests.core.reviu.builders import (
    OPD,
    PEMDA,
    TAHUN,
    clean,
    findings,
    nilai,
    with_narasi,
)

KODE_NARASI = sorted(c for c, a in ATURAN.items() if a.kelompok == "narasi")


def teks(kunci: str, kalimat_: str, data: ReviuData | None = None) -> ReviuData:
    return with_narasi(clean() if data is None else data, kunci, kalimat_)


def identitas(data: ReviuData, **changes: object) -> ReviuData:
    return replace(data, identitas=replace(data.identitas, **changes))


def renamed(opd: str, pemda: str, jenis: str, kepala: str) -> ReviuData:
    """The clean dataset of another OPD and pemda, its narratives rewritten with the names."""
    data = clean()
    narasi = tuple(replace(n, teks=n.teks.replace(OPD, opd).replace("Wali Kota Contoh", kepala)
                           .replace(PEMDA, pemda)) for n in data.narasi)
    return identitas(replace(data, narasi=narasi), opd_nama=opd, pemda_nama=pemda,
                     pemda_jenis=jenis, kepala_daerah_jabatan=kepala)


@cache
def metro() -> ReviuData:
    """The seed's names: Dinas Sosial Kota Metro, Wali Kota Metro."""
    return renamed("Dinas Sosial Kota Metro", "Kota Metro", "kota", "Wali Kota Metro")


@cache
def kabupaten() -> ReviuData:
    return renamed("Dinas Sosial Kabupaten Kuningan", "Kabupaten Kuningan", "kabupaten",
                   "Bupati Kuningan")


@cache
def provinsi() -> ReviuData:
    return renamed("Dinas Sosial Provinsi Lampung", "Provinsi Lampung", "provinsi",
                   "Gubernur Lampung")


@pytest.mark.parametrize("base", [metro, kabupaten, provinsi], ids=lambda b: b.__name__)
@pytest.mark.parametrize("code", KODE_NARASI)
def test_clean_data_of_other_pemda_kinds_gives_no_finding(code: str, base: Callable[[],
                                                          ReviuData]) -> None:
    assert findings(base(), code) == []


def total(data: ReviuData) -> tuple[Decimal, Decimal]:
    rows = [r for r in data.anggaran if r.tingkat == "program"]
    return (sum((r.pagu or Decimal(0) for r in rows), Decimal(0)),
            sum((r.realisasi or Decimal(0) for r in rows), Decimal(0)))


def serapan(data: ReviuData) -> str:
    pagu, realisasi = total(data)
    return format_persen(compute_persentase(realisasi, pagu))


# ---------------------------------------------------------------------------------------------
# Registry and clean data


# ---------------------------------------------------------------------------------------------
# Helpers: sentences and quotes


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Satu kalimat. Dua kalimat.", ["Satu kalimat.", "Dua kalimat."],
                 id="two sentences are split after the full stop"),
    pytest.param("Menurut Instruksi Presiden No. 7 Tahun 1999 tentang AKIP.",
                 ["Menurut Instruksi Presiden No. 7 Tahun 1999 tentang AKIP."],
                 id="an abbreviation does not end a sentence"),
    pytest.param("1. Undang-Undang Nomor 12 Tahun 1999.\n2. Undang-undang Nomor 17 Tahun 2003.",
                 ["Undang-Undang Nomor 12 Tahun 1999.", "Undang-undang Nomor 17 Tahun 2003."],
                 id="list items are sentences without their numbers"),
    pytest.param("- e. Pelaksanaan fungsi lain oleh Bupati",
                 ["Pelaksanaan fungsi lain oleh Bupati"],
                 id="a dash and a letter before a list item are dropped"),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b].strip() for a, b in kalimat(text)] == expected


def test_a_long_sentence_is_quoted_around_the_match() -> None:
    text = "Awal " + "kata " * 80 + "Kabupaten Kuningan " + "lagi " * 80 + "akhir."
    start = text.index("Kabupaten")
    quoted = kutip(text, 0, len(text), start, start + len("Kabupaten Kuningan"))
    assert "Kabupaten Kuningan" in quoted
    assert quoted.startswith("“…") and quoted.endswith("…”")
    assert len(quoted) <= 205


# ---------------------------------------------------------------------------------------------
# NAR-001 a year in the report's own period phrases


@pytest.mark.parametrize(("kunci", "sentence", "found"), [
    pytest.param("maksud_tujuan", "Maksud disusunnya Laporan Akuntabilitas Kinerja instansi "
                 "Pemerintah (LAKIP) Dinas Uji Kota Contoh Tahun 2024 adalah untuk memberikan "
                 "gambaran kinerja.", "2024", id="LAKIP of the next year -> finding"),
    pytest.param("capaian_kinerja_organisasi", "Dalam melaksanakan pengukuran akuntabilitas "
                 "kinerja Dinas Uji Kota Contoh Tahun Anggaran 2022, menggunakan metode "
                 "perbandingan.", "2022", id="Tahun Anggaran of last year -> finding"),
    pytest.param("perbandingan_tahun_lalu", "Untuk mengetahui berapa besar peningkatan atau "
                 "penurunan realisasi kinerja pada tahun 2022 dibandingkan dengan realisasi "
                 "tahun sebelumnya dapat dilihat dari tabel berikut ini:", "2022",
                 id="realisasi of last year compared with the year before -> finding"),
    pytest.param("perjanjian_kinerja", "Dokumen perjanjian kinerja tahun 2024 menguraikan target "
                 "kinerja yang hendak dicapai selama tahun 2024 sebagai berikut:", "2024",
                 id="Perjanjian Kinerja of the next year -> finding"),
    pytest.param("penutup", "Demikian laporan akuntabilitas kinerja instansi pemerintah Tahun 2022 "
                 "Dinas Uji Kota Contoh, semoga dapat menjadi bahan evaluasi pada masa yang akan "
                 "datang.", "2022", id="the closing's laporan of last year -> finding"),
    pytest.param("kata_pengantar", "Semoga LKjIP Dinas Uji Kota Contoh Tahun 2021 bermanfaat.",
                 "2021", id="LKjIP spelling -> finding"),
])
def test_year_in_report_period_phrase_is_found(kunci: str, sentence: str, found: str) -> None:
    (f,) = findings(teks(kunci, sentence), "NAR-001")
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == ("NAR-001", "error", "2023", found)
    assert f.lokasi.kunci == f"narasi:{kunci}"
    assert f.lokasi.bagian == BAGIAN_NARASI[kunci]
    assert f.lokasi.uraian.startswith("“") and found in f.lokasi.uraian
    assert found in f.pesan and "2023" in f.pesan


def test_a_wrong_year_after_a_regulation_title_is_still_found() -> None:
    sentence = ("Pengukuran mengikuti Permenpan RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis "
                "Perjanjian Kinerja, yaitu membandingkan realisasi dengan target dalam "
                "Perjanjian Kinerja Dinas Uji Kota Contoh Tahun 2022.")
    (f,) = findings(teks("capaian_kinerja_organisasi", sentence), "NAR-001")
    assert (f.diharapkan, f.ditemukan) == ("2023", "2022")


def test_a_wrong_year_right_after_a_regulation_citation_is_still_found() -> None:
    sentence = ("Sesuai Permendagri Nomor 86 Tahun 2017, Laporan Kinerja Dinas Uji Tahun 2022 "
                "disusun.")
    (f,) = findings(teks("latar_belakang", sentence), "NAR-001")
    assert (f.diharapkan, f.ditemukan) == ("2023", "2022")


def test_the_same_wrong_year_twice_in_a_section_is_one_finding() -> None:
    data = teks("maksud_tujuan", "LAKIP Dinas Uji Tahun 2022 disusun. Tahun Anggaran 2022 "
                "dilaporkan.")
    (f,) = findings(data, "NAR-001")
    assert "LAKIP Dinas Uji Tahun 2022" in f.pesan and "Tahun Anggaran 2022" in f.pesan


@pytest.mark.parametrize(("kunci", "sentence"), [
    pytest.param("latar_belakang", "LAKIP telah diatur dalam Instruksi Presiden Nomor 7 Tahun "
                 "1999 tentang Akuntabilitas Kinerja Instansi Pemerintah.",
                 id="a regulation citation keeps its year"),
    pytest.param("kata_pengantar", "Laporan Kinerja Dinas Uji Kota Contoh Tahun 2023.\n"
                 "Metro, Februari 2024", id="the signature date is not a period phrase"),
    pytest.param("analisis_program", "Dibandingkan dengan Laporan Kinerja Tahun 2022, capaian "
                 "meningkat.", id="last year's report named on purpose"),
    pytest.param("analisis_program", "Rekomendasi hasil evaluasi atas LAKIP Tahun 2022 telah "
                 "ditindaklanjuti.", id="the evaluation of last year's report"),
    pytest.param("tujuan_sasaran", "Target tahun 2022 sebesar 88,4%, tahun 2024 sebesar 94,6%.",
                 id="targets of other years"),
    pytest.param("perencanaan_kinerja", "Renstra Dinas Uji Tahun 2021-2026 disusun.",
                 id="a range is a period, not a report year"),
    pytest.param("perbandingan_tahun_lalu", "Perbandingan realisasi tahun 2023 dengan tahun "
                 "2022.", id="the comparison year after the report year"),
    pytest.param("dasar_hukum", "Peraturan Daerah Kota Contoh Nomor 7 Tahun 2021 tentang "
                 "RPJMD.", id="a local regulation"),
])
def test_legitimate_years_are_not_findings(kunci: str, sentence: str) -> None:
    assert findings(teks(kunci, sentence), "NAR-001") == []


# ---------------------------------------------------------------------------------------------
# NAR-002 the Renstra/RPJMD period


@pytest.mark.parametrize(("kunci", "sentence", "expected", "found"), [
    pytest.param("perhitungan_iku", "Berdasarkan Renstra Tahun 2016-2021 Dinas Uji menetapkan 1 "
                 "(satu) Indikator Kinerja Utama.", "2021-2026", "2016-2021",
                 id="the Renstra with the previous period -> finding"),
    pytest.param("visi_misi", "Visi dalam RPJMD Kota Contoh Tahun 2016 – 2021 adalah sejahtera.",
                 "2021-2026", "2016-2021", id="the RPJMD with the previous period -> finding"),
    pytest.param("visi_misi", "Program prioritas pembangunan tahun 2016-2021 bidang Sosial "
                 "adalah :", "2021-2026", "2016-2021",
                 id="an unnamed five-year period without the report year -> finding"),
    pytest.param("perencanaan_kinerja", "Rencana Strategis Dinas Uji 2019 s.d. 2024 disusun.",
                 "2021-2026", "2019-2024", id="Rencana Strategis with s.d. -> finding"),
])
def test_wrong_plan_period_is_found(kunci: str, sentence: str, expected: str, found: str) -> None:
    (f,) = findings(teks(kunci, sentence), "NAR-002")
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == ("NAR-002", "error", expected, found)
    assert f.lokasi.kunci == f"narasi:{kunci}" and found.split("-")[0] in f.lokasi.uraian


def test_the_rpjmd_period_is_checked_against_the_rpjmd() -> None:
    data = identitas(teks("perencanaan_kinerja", "Renstra Tahun 2021-2026 disusun."),
                     rpjmd_awal=2019, rpjmd_akhir=2024)
    assert findings(teks("visi_misi", "Visi dalam RPJMD Tahun 2019-2024.", data), "NAR-002") == []
    (f,) = findings(teks("visi_misi", "Visi dalam RPJMD Tahun 2021-2026.", data), "NAR-002")
    assert (f.diharapkan, f.ditemukan) == ("2019-2024", "2021-2026")


@pytest.mark.parametrize("sentence", [
    pytest.param("Renstra periode sebelumnya (2016-2021) telah berakhir.",
                 id="an earlier Renstra named as such"),
    pytest.param("Peraturan Daerah Nomor 5 Tahun 2016 tentang RPJMD Tahun 2016-2021.",
                 id="a regulation citation"),
    pytest.param("Sejalan dengan RPJMN 2020-2024.", id="the national plan"),
    pytest.param("Data PPKS tahun 2019-2022 meningkat.", id="a range that is not a plan length"),
    pytest.param("Program tahun 2020-2025 berjalan.", id="a range holding the report year"),
])
def test_other_periods_are_not_findings(sentence: str) -> None:
    assert findings(teks("visi_misi", sentence), "NAR-002") == []


# ---------------------------------------------------------------------------------------------
# NAR-003 / NAR-004 names of other agencies and regions


@pytest.mark.parametrize(("base", "sentence", "expected", "found"), [
    pytest.param("metro", "Demikian laporan akuntabilitas kinerja instansi pemerintah Tahun 2023 "
                 "Dinas Sosial Kabupaten Kuningan, semoga bermanfaat.", "Dinas Sosial Kota Metro",
                 "Dinas Sosial Kabupaten Kuningan", id="the seed's closing -> finding"),
    pytest.param("clean", "Laporan ini disusun oleh Dinas Uji Kota Bandung.",
                 "Dinas Uji Kota Contoh", "Dinas Uji Kota Bandung",
                 id="the OPD's agency in another kota -> finding"),
    pytest.param("kabupaten", "Kepala Dinas Sosial Kota Metro menetapkan.",
                 "Dinas Sosial Kabupaten Kuningan", "Dinas Sosial Kota Metro",
                 id="a kabupaten OPD named as a kota's -> finding"),
])
def test_another_agency_name_is_found(base: str, sentence: str, expected: str,
                                      found: str) -> None:
    data = {"metro": metro, "clean": clean, "kabupaten": kabupaten}[base]()
    data = teks("penutup", sentence, data)
    (f,) = findings(data, "NAR-003")
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == ("NAR-003", "error", expected, found)
    assert (f.lokasi.kunci, f.lokasi.bagian) == ("narasi:penutup", "Bab IV Penutup")
    assert findings(data, "NAR-004") == []  # one occurrence, one code


@pytest.mark.parametrize(("base", "sentence", "found"), [
    pytest.param("clean", "Kerja sama dengan Pemerintah Kabupaten Lampung Timur berjalan baik.",
                 "Kabupaten Lampung Timur", id="another kabupaten -> finding"),
    pytest.param("clean", "Rujukan dikirim ke Kota Bandar Lampung.", "Kota Bandar Lampung",
                 id="another kota -> finding"),
    pytest.param("kabupaten", "Koordinasi dengan Kab. Majalengka.", "Kab. Majalengka",
                 id="an abbreviated kabupaten -> finding"),
    pytest.param("provinsi", "Bantuan dari Provinsi Jawa Barat.", "Provinsi Jawa Barat",
                 id="another province in a province's report -> finding"),
])
def test_another_region_name_is_found(base: str, sentence: str, found: str) -> None:
    data = {"clean": clean, "kabupaten": kabupaten, "provinsi": provinsi}[base]()
    (f,) = findings(teks("analisis_program", sentence, data), "NAR-004")
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == (
        "NAR-004", "warning", data.identitas.pemda_nama, found)
    assert f.lokasi.kunci == "narasi:analisis_program"


@pytest.mark.parametrize(("base", "sentence"), [
    pytest.param("metro", "Undang-Undang Nomor 12 Tahun 1999 tentang Pembentukan Kabupaten Daerah "
                 "Tingkat II Way Kanan, Kabupaten Daerah Tingkat II Lampung Timur dan Kotamadya "
                 "Daerah Tingkat II Metro.", id="regions named in a regulation citation"),
    pytest.param("metro", "Peraturan Menteri Dalam Negeri Nomor 42 Tahun 2010 tentang Tim "
                 "Koordinasi Penanggulangan Kemiskinan Provinsi dan Kabupaten/Kota.",
                 id="the Kabupaten/Kota nomenclature"),
    pytest.param("metro", "Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten / Kota "
                 "capaian : 92", id="Kabupaten / Kota with spaces"),
    pytest.param("metro", "Visi Terwujudnya Kota Metro Berpendidikan, Sehat, Sejahtera.",
                 id="the own kota followed by more capitalised words"),
    pytest.param("metro", "Misi Wali Kota Metro dan Pemerintah Kota Metro.",
                 id="the own kota after a title"),
    pytest.param("metro", "Pemerintah Kotamadya Metro dibentuk tahun 1999.",
                 id="the old name of the own kota"),
    pytest.param("metro", "Mewujudkan Kota Layak Anak.", id="a programme name"),
    pytest.param("metro", "Koordinasi dengan Dinas Sosial Provinsi Lampung.",
                 id="a province in a kota's report"),
    pytest.param("provinsi", "Bantuan untuk Kota Metro dan Kabupaten Lampung Timur.",
                 id="kabupaten and kota in a province's report"),
])
def test_legitimate_region_names_are_not_findings(base: str, sentence: str) -> None:
    data = {"metro": metro, "provinsi": provinsi}[base]()
    data = teks("dasar_hukum", sentence, data)
    assert findings(data, "NAR-003") == [] and findings(data, "NAR-004") == []


# ---------------------------------------------------------------------------------------------
# NAR-005 the title of the head of region


@pytest.mark.parametrize(("base", "sentence", "expected", "found"), [
    pytest.param("metro", "- e. Pelaksanaan fungsi lain yang diberikan oleh Bupati terkait "
                 "dengan tugas dan fungsinya", "Wali Kota", "Bupati",
                 id="Bupati in a kota -> finding"),
    pytest.param("kabupaten", "Kepala Dinas mempunyai tugas membantu Walikota.", "Bupati",
                 "Walikota", id="Walikota in a kabupaten -> finding"),
    pytest.param("kabupaten", "Tugas lain yang diberikan oleh Wali Kota.", "Bupati",
                 "Wali Kota", id="Wali Kota in a kabupaten -> finding"),
    pytest.param("metro", "Kepala Dinas mempunyai tugas membantu Gubernur.", "Wali Kota",
                 "Gubernur", id="Gubernur as the head of a kota -> finding"),
    pytest.param("metro", "Sesuai visi dan misi Gubernur Metro.", "Wali Kota", "Gubernur",
                 id="Gubernur with the kota's name -> finding"),
    pytest.param("provinsi", "Kepala Dinas membantu Bupati dalam urusan sosial.", "Gubernur",
                 "Bupati", id="Bupati as the head of a province -> finding"),
])
def test_wrong_title_is_found(base: str, sentence: str, expected: str, found: str) -> None:
    data = {"metro": metro, "kabupaten": kabupaten, "provinsi": provinsi}[base]()
    (f,) = findings(teks("gambaran_umum", sentence, data), "NAR-005")
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == ("NAR-005", "error", expected, found)
    assert (f.lokasi.kunci, f.lokasi.bagian) == ("narasi:gambaran_umum", "1.4 Gambaran Umum")
    assert found in f.lokasi.uraian


@pytest.mark.parametrize(("base", "sentence"), [
    pytest.param("metro", "Tugas lain yang diberikan oleh Wali kota; membantu Walikota.",
                 id="the kota's own title in both spellings"),
    pytest.param("metro", "Koordinasi dengan Bupati/Wali Kota se-Lampung.",
                 id="the Bupati/Wali Kota nomenclature"),
    pytest.param("metro", "Penghargaan dari Gubernur Lampung diterima.",
                 id="the governor of the province, not as head of the kota"),
    pytest.param("provinsi", "Koordinasi dengan Bupati Lampung Timur dan Walikota Metro.",
                 id="heads of kabupaten and kota in a province's report"),
])
def test_fitting_titles_are_not_findings(base: str, sentence: str) -> None:
    data = {"metro": metro, "provinsi": provinsi}[base]()
    assert findings(teks("gambaran_umum", sentence, data), "NAR-005") == []


# ---------------------------------------------------------------------------------------------
# NAR-006 serapan anggaran called performance


@pytest.mark.parametrize("template", [
    pytest.param("Dari indikator kinerja sasaran yang di ukur ({s}) telah mencapai kategori "
                 "sangat tinggi.", id="the seed's closing -> finding"),
    pytest.param("Capaian kinerja Dinas Uji tahun 2023 sebesar {s} dengan predikat sangat "
                 "baik.", id="capaian kinerja with predikat -> finding"),
])
def test_serapan_called_performance_is_found(template: str) -> None:
    written = serapan(clean()).replace("%", " %")
    (f,) = findings(teks("penutup", template.format(s=written)), "NAR-006")
    assert (f.code, f.tingkat) == ("NAR-006", "error")
    assert f.ditemukan == f"{serapan(clean())} (serapan anggaran)"
    assert f.diharapkan is not None and f.diharapkan.startswith("capaian kinerja ")
    assert f.lokasi.kunci == "narasi:penutup"


@pytest.mark.parametrize("template", [
    pytest.param("Realisasi anggaran sebesar Rp 1.000 atau serapan anggaran sebesar {s}.",
                 id="serapan anggaran phrased correctly"),
    pytest.param("Capaian kinerja tinggi, didukung serapan anggaran sebesar {s}.",
                 id="performance and serapan in one correct sentence"),
    pytest.param("Capaian kinerja indikator sebesar 100% dengan kategori sangat tinggi.",
                 id="a performance figure that is not the serapan"),
])
def test_serapan_phrased_as_budget_is_not_a_finding(template: str) -> None:
    data = teks("penutup", template.format(s=serapan(clean())))
    assert findings(data, "NAR-006") == []


def test_serapan_that_is_also_an_indicator_value_is_not_a_finding() -> None:
    data = clean()
    iku = data.indikator[0]
    nilai_serapan = round_half_up(compute_persentase(total(data)[1], total(data)[0]) or 0, 2)
    data = replace(data, indikator=(replace(iku, realisasi_dihitung={TAHUN: nilai_serapan}),
                                    *data.indikator[1:]))
    sentence = f"Capaian indikator kinerja sebesar {serapan(data)} kategori sangat tinggi."
    assert findings(teks("penutup", sentence, data), "NAR-006") == []


# ---------------------------------------------------------------------------------------------
# NAR-007 figures that match nothing in the data


DIHITUNG = Decimal(13415) * 100 / Decimal(14460)  # the seed's IKU: 92,7731…%


def test_a_misrounded_iku_value_is_found_with_the_computed_one() -> None:
    data = clean()
    iku = replace(data.indikator[0], realisasi={TAHUN: nilai("92,77%")},
                  realisasi_dihitung={TAHUN: DIHITUNG})
    data = replace(data, indikator=(iku, *data.indikator[1:]))
    sentence = "PPKS = 13.415 / 14.460 x 100% = 92.78%."
    (f,) = [f for f in findings(teks("perhitungan_iku", sentence, data), "NAR-007")
            if f.lokasi.kunci == "narasi:perhitungan_iku"]
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == (
        "NAR-007", "warning", "92,77%", "92,78%")
    assert f.lokasi.bagian == "3.5 Perhitungan IKU"
    assert "92.78%" in f.pesan and "92,77%" in f.pesan


@pytest.mark.parametrize(("sentence", "found"), [
    pytest.param("Tersedia dana sebesar Rp 987.654.321.000 untuk kegiatan ini.",
                 "Rp 987.654.321.000",
                 id="an amount the budget does not hold -> finding"),
    pytest.param("Capaian meningkat 37,5% dari tahun lalu.", "37,5%",
                 id="a percentage the data does not hold -> finding"),
])
def test_unknown_figures_are_found(sentence: str, found: str) -> None:
    (f,) = findings(teks("analisis_program", sentence), "NAR-007")
    assert f.ditemukan == found and f.diharapkan is None


def test_an_amount_near_the_total_suggests_the_total() -> None:
    pagu, _ = total(clean())
    sentence = f"Pagu anggaran sebesar {format_rupiah(pagu + 1000)}."
    (f,) = findings(teks("realisasi_anggaran", sentence), "NAR-007")
    assert (f.diharapkan, f.ditemukan) == (format_rupiah(pagu), format_rupiah(pagu + 1000))


@cache
def seed_totals() -> ReviuData:
    """The clean dataset with the seed's totals printed elsewhere: pagu 5.093.068.611,
    realisasi 4.825.424.420, serapan 94,74%."""
    return replace(clean(), anggaran_lain=(AnggaranLain(
        "Bab IV Penutup", Decimal("5093068611"), Decimal("4825424420"), "94,74 %"),))


@pytest.mark.parametrize(("sentence", "found"), [
    pytest.param("Realisasi anggaran sebesar Rp 4,83 miliar.", None,
                 id="Rp 4,83 miliar is 4.825.424.420 at the printed precision"),
    pytest.param("Realisasi anggaran sebesar Rp4,83 Miliar.", None,
                 id="the scale word capitalised and glued to Rp"),
    pytest.param("Realisasi anggaran sebesar 4,83 miliar rupiah.", None,
                 id="an amount in miliar followed by the word rupiah"),
    pytest.param("Realisasi anggaran Rp 4.825.424 ribu.", None,
                 id="an amount in ribu, rounded"),
    pytest.param("Pagu anggaran Rp 5,093 miliar.", None, id="three decimals in miliar"),
    pytest.param("Serapan anggaran sebesar 94,74 percent.", None,
                 id="the English word percent read as %"),
    pytest.param("Realisasi anggaran sebesar Rp 4,84 miliar.", "Rp 4.840.000.000",
                 id="Rp 4,84 miliar is not 4.825.424.420"),
    pytest.param("Realisasi anggaran sebesar Rp4,84 Miliar.", "Rp 4.840.000.000",
                 id="a capitalised scale word is still a scale, not Rp 4,84"),
    pytest.param("Realisasi anggaran sebesar 4,84 miliar rupiah.", "Rp 4.840.000.000",
                 id="4,84 miliar rupiah is compared with its scale"),
    pytest.param("Realisasi anggaran Rp 4.825.425 ribu.", "Rp 4.825.425.000",
                 id="an amount in ribu that does not round to the realisasi"),
    pytest.param("Pagu anggaran sebesar Rp 41,02 triliun.", "Rp 41.020.000.000.000",
                 id="an amount in triliun the data does not hold"),
    pytest.param("Serapan anggaran sebesar 94,75 percent.", "94,75%",
                 id="a percentage written with percent is compared"),
])
def test_amounts_with_scale_words_are_compared_with_their_scale(sentence: str,
                                                                found: str | None) -> None:
    hasil = findings(teks("realisasi_anggaran", sentence, seed_totals()), "NAR-007")
    assert [f.ditemukan for f in hasil] == ([found] if found else [])


@pytest.mark.parametrize("template", [
    pytest.param("Pagu Rp. {pagu_titik},- dan realisasi Rp{realisasi_titik},00.",
                 id="amounts with Rp. and cents marks"),
    pytest.param("Anggaran sebesar Rp {pagu_juta} juta.", id="an amount in juta, rounded"),
    pytest.param("Serapan anggaran {serapan_1}.", id="the serapan with one decimal"),
    pytest.param("PPKS tertangani / jumlah PPKS x 100%.", id="the 100% of a formula"),
    pytest.param("Seluruh kegiatan terlaksana 100%.", id="100% is always allowed"),
    pytest.param("Kategori sangat tinggi bila capaian ≥ 91%, tinggi 76% - 90%.",
                 id="the bounds of the rating scale"),
    pytest.param("Target tahun 2026 sebesar 100% dan tahun 2024 sebesar 94,6%.",
                 id="Renstra targets of other years"),
])
def test_figures_of_the_data_are_not_findings(template: str) -> None:
    pagu, realisasi = total(clean())
    sentence = template.format(
        pagu_titik=format_angka(pagu, 0), realisasi_titik=format_angka(realisasi, 0),
        pagu_juta=format_angka(pagu / 1_000_000, 1),
        serapan_1=format_persen(compute_persentase(realisasi, pagu), 1))
    assert findings(teks("realisasi_anggaran", sentence), "NAR-007") == []


# ---------------------------------------------------------------------------------------------
# The seed (needs the lead's akuntabel.reviews.context and the demo_reviu_data fixture)


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> ReviuData:
    try:
        data: ReviuData = request.getfixturevalue("demo_reviu_data")
    except pytest.FixtureLookupError:
        pytest.skip("fixture demo_reviu_data (akuntabel.reviews.context) belum tersedia")
    return data


def seed_findings(data: ReviuData, code: str) -> dict[tuple[str, str | None], Finding]:
    return {(f.lokasi.kunci, f.ditemukan): f for f in findings(data, code)}


@pytest.mark.django_db
def test_seed_wrong_years_are_found(seed: ReviuData) -> None:
    found = seed_findings(seed, "NAR-001")
    assert set(found) == {
        ("narasi:maksud_tujuan", "2024"),
        ("narasi:capaian_kinerja_organisasi", "2022"),
        ("narasi:perbandingan_tahun_lalu", "2022"),
        ("narasi:perjanjian_kinerja", "2024"),
        ("narasi:penutup", "2022"),
    }
    assert all(f.diharapkan == "2023" for f in found.values())
    assert "Tahun 2022" in found[("narasi:penutup", "2022")].pesan


@pytest.mark.django_db
def test_seed_old_renstra_period_is_found(seed: ReviuData) -> None:
    found = seed_findings(seed, "NAR-002")
    assert set(found) == {("narasi:perhitungan_iku", "2016-2021"),
                          ("narasi:visi_misi", "2016-2021")}
    assert {f.diharapkan for f in found.values()} == {"2021-2026"}


@pytest.mark.django_db
def test_seed_kabupaten_kuningan_is_found(seed: ReviuData) -> None:
    (f,) = findings(seed, "NAR-003")
    assert (f.lokasi.kunci, f.diharapkan, f.ditemukan) == (
        "narasi:penutup", "Dinas Sosial Kota Metro", "Dinas Sosial Kabupaten Kuningan")
    assert findings(seed, "NAR-004") == []  # UU 12/1999 and Kabupaten/Kota are not findings


@pytest.mark.django_db
def test_seed_bupati_in_a_kota_is_found(seed: ReviuData) -> None:
    (f,) = findings(seed, "NAR-005")
    assert (f.lokasi.kunci, f.diharapkan, f.ditemukan) == (
        "narasi:gambaran_umum", "Wali Kota", "Bupati")
    assert "diberikan oleh Bupati" in f.lokasi.uraian


@pytest.mark.django_db
def test_seed_serapan_called_a_performance_category_is_found(seed: ReviuData) -> None:
    (f,) = findings(seed, "NAR-006")
    assert (f.lokasi.kunci, f.ditemukan) == ("narasi:penutup", "94,74% (serapan anggaran)")
    assert "kategori sangat tinggi" in f.lokasi.uraian


@pytest.mark.django_db
def test_seed_narrative_figures_are_quiet(seed: ReviuData) -> None:
    """The seed's text quotes Rp 5.093.068.611, Rp 4.825.424.420, 94,74% and the Renstra
    targets, all held by the data; 92.78% is only in the removed formula."""
    assert [f.ditemukan for f in findings(seed, "NAR-007")] == []
