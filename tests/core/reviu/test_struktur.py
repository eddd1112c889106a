"""Reviu rules "struktur": structure and completeness (akuntabel.core.reviu.struktur).

Every case starts from a consistent dataset (``make_clean_data``, report year 2023) and breaks
one thing; failing cases follow the seed (LAKIP 2023 of Dinas Sosial Kota Metro), passing
cases show what each rule tolerates.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from akuntabel.core.reviu import (
    ATURAN,
    Indikator,
    Pejabat,
    ReviuData,
)
from tests.core.reviu.builders import (
    TAHUN,
    clean,
    findings,
    nilai,
    with_narasi,
    without_narasi,
)

KODE_STRUKTUR = sorted(c for c, a in ATURAN.items() if a.kelompok == "struktur")


# ---------------------------------------------------------------------------------------------
# Registry and clean data


# ---------------------------------------------------------------------------------------------
# STR-001 required sections


@pytest.mark.parametrize(("removed", "kunci", "bagian"), [
    pytest.param(("ikhtisar_eksekutif",), "narasi:ikhtisar_eksekutif", "Ikhtisar Eksekutif",
                 id="no Ikhtisar Eksekutif -> finding"),
    pytest.param(("latar_belakang",), "narasi:latar_belakang",
                 "Bab I Pendahuluan, 1.1 Latar Belakang", id="no Latar Belakang -> finding"),
    pytest.param(("perencanaan_kinerja", "perjanjian_kinerja"), "narasi:perencanaan_kinerja",
                 "Bab II Perencanaan Kinerja, 2.1 Perencanaan Kinerja / 2.5 Perjanjian Kinerja",
                 id="neither Perencanaan nor Perjanjian Kinerja -> one finding"),
    pytest.param(("capaian_kinerja_organisasi",), "narasi:capaian_kinerja_organisasi",
                 "Bab III Akuntabilitas Kinerja, 3.1 Capaian Kinerja Organisasi",
                 id="no Capaian Kinerja Organisasi -> finding"),
    pytest.param(("realisasi_anggaran",), "narasi:realisasi_anggaran",
                 "Bab III Akuntabilitas Kinerja, 3.9 Realisasi Anggaran",
                 id="no Realisasi Anggaran -> finding"),
    pytest.param(("penutup",), "narasi:penutup", "Bab IV Penutup", id="no Penutup -> finding"),
])
def test_missing_required_section_is_found(removed: tuple[str, ...], kunci: str,
                                           bagian: str) -> None:
    data = clean()
    for k in removed:
        data = without_narasi(data, k)
    (f,) = findings(data, "STR-001")
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == (
        "STR-001", "warning", "ada dan berisi", "tidak ada")
    assert (f.lokasi.kunci, f.lokasi.bagian) == (kunci, bagian)
    assert "Permenpan RB 53/2014" in f.pesan


@pytest.mark.parametrize("text", [pytest.param("", id="empty"),
                                  pytest.param(" \n\t ", id="whitespace only")])
def test_empty_required_section_is_found(text: str) -> None:
    (f,) = findings(with_narasi(clean(), "ikhtisar_eksekutif", text), "STR-001")
    assert (f.lokasi.kunci, f.ditemukan) == ("narasi:ikhtisar_eksekutif", "kosong")
    assert f.pesan.startswith("Ikhtisar Eksekutif kosong")


@pytest.mark.parametrize("removed", [
    pytest.param("perencanaan_kinerja", id="Perjanjian Kinerja alone satisfies Bab II"),
    pytest.param("perjanjian_kinerja", id="Perencanaan Kinerja alone satisfies Bab II"),
    pytest.param("isu_strategis", id="an optional section may be missing"),
])
def test_sections_that_may_be_missing(removed: str) -> None:
    assert findings(without_narasi(clean(), removed), "STR-001") == []


def test_no_narrative_at_all_gives_one_finding_per_requirement() -> None:
    data = replace(clean(), narasi=())
    assert len(findings(data, "STR-001")) == 6


# ---------------------------------------------------------------------------------------------
# STR-002 counts of the program tree


SEED_COUNTS = "Pelaksanaan Program Kegiatan pada Dinas Sosial Tahun 2023 ini terdapat 7 (Tujuh) " \
              "Program ,15 kegiatan dan 46 Sub Kegiatan."


def counted(text: str, program: int, kegiatan: int, sub_kegiatan: int) -> ReviuData:
    """3.2 says ``text``; the data holds these counts (2.4's own count sentence removed)."""
    data = with_narasi(clean(), "program", "Program-program Dinas Uji.")
    return replace(with_narasi(data, "realisasi_kinerja", text), jumlah_program=program,
                   jumlah_kegiatan=kegiatan, jumlah_sub_kegiatan=sub_kegiatan)


@pytest.mark.parametrize(("counts", "expected"), [
    pytest.param((7, 20, 46), [("20 kegiatan", "15 kegiatan")],
                 id="kegiatan differ -> one finding"),
    pytest.param((7, 15, 50), [("50 sub kegiatan", "46 sub kegiatan")],
                 id="sub kegiatan differ -> one finding"),
    pytest.param((8, 20, 50), [("8 program", "7 program"), ("20 kegiatan", "15 kegiatan"),
                               ("50 sub kegiatan", "46 sub kegiatan")],
                 id="all three differ -> three findings"),
])
def test_wrong_counts_are_found(counts: tuple[int, int, int],
                                expected: list[tuple[str, str]]) -> None:
    data = counted(SEED_COUNTS, *counts)
    found = findings(data, "STR-002")
    assert sorted((f.diharapkan, f.ditemukan) for f in found) == sorted(expected)
    for f in found:
        assert (f.code, f.tingkat) == ("STR-002", "error")
        assert (f.lokasi.kunci, f.lokasi.bagian) == ("narasi:realisasi_kinerja",
                                                     "3.2 Realisasi Kinerja")
        assert "46 Sub Kegiatan" in f.lokasi.uraian


@pytest.mark.parametrize("text", [
    pytest.param(SEED_COUNTS, id="the seed's sentence with the right counts"),
    pytest.param("Program-program Dinas terdiri dari :\n1. Program Pemberdayaan Sosial\n"
                 "2. Program Rehabilitasi Sosial\n3. Program Penanganan Bencana",
                 id="a numbered list of programs"),
    pytest.param("Dinas Sosial memiliki 1 (satu) tujuan dan 1 (satu) sasaran strategis.",
                 id="tujuan and sasaran are not counted in the data"),
    pytest.param("Pada tahun 2022 terdapat 8 program, 17 kegiatan dan 52 sub kegiatan.",
                 id="counts of another year"),
    pytest.param("Realisasi 100 Orang dan 13 kegiatan.", id="one unit only is not a summary"),
])
def test_right_or_unrelated_counts_are_not_findings(text: str) -> None:
    assert findings(counted(text, 7, 15, 46), "STR-002") == []


def test_counts_unknown_to_the_data_are_not_compared() -> None:
    assert findings(counted(SEED_COUNTS, 7, 0, 0), "STR-002") == []


# ---------------------------------------------------------------------------------------------
# STR-003 low capaian not explained in 3.6


def with_indicator(data: ReviuData, index: int, **changes: object) -> tuple[ReviuData, Indikator]:
    ind = replace(data.indikator[index], **changes)
    indikator = list(data.indikator)
    indikator[index] = ind
    return replace(data, indikator=tuple(indikator)), ind


def rka(data: ReviuData, target: str = "2 dokumen", realisasi: str = "1 dokumen",
        **changes: object) -> tuple[ReviuData, Indikator]:
    """Indicator 1 turned into the seed's row 4: Koordinasi dan Penyusunan Dokumen RKA-SKPD."""
    return with_indicator(
        data, 1, uraian="Tersedianya Dokumen RKA- SKPD dan Laporan Hasil Koordinasi",
        jalur="1.06.01 › 1.06.01.2.01 › 1.06.01.2.01.0002 Koordinasi dan Penyusunan Dokumen "
              "RKA-SKPD", satuan="dokumen", target={"renja": {TAHUN: nilai(target)}},
        realisasi={TAHUN: nilai(realisasi)}, **changes)


@pytest.mark.parametrize(("target", "realisasi", "changes", "ditemukan"), [
    pytest.param("2 dokumen", "1 dokumen", {}, "50,00% (Sangat Rendah), tidak dijelaskan",
                 id="the seed's row 4, 1 of 2 dokumen -> finding"),
    pytest.param("10 dokumen", "6 dokumen", {}, "60,00% (Rendah), tidak dijelaskan",
                 id="Rendah -> finding"),
    pytest.param("2 dokumen", "3 dokumen", {"polaritas": "turun"},
                 "50,00% (Sangat Rendah), tidak dijelaskan",
                 id="lower is better, 3 against 2 -> (2×2−3)/2 = 50% -> finding"),
])
def test_low_capaian_not_explained_is_found(target: str, realisasi: str,
                                            changes: dict[str, object], ditemukan: str) -> None:
    data, ind = rka(clean(), target, realisasi, **changes)
    (f,) = findings(data, "STR-003")
    assert (f.code, f.tingkat, f.ditemukan) == ("STR-003", "warning", ditemukan)
    assert f.diharapkan == "penjelasan di 3.6"
    assert (f.lokasi.kunci, f.lokasi.bagian) == (
        ind.kunci, "3.6 Analisis Penyebab Keberhasilan/Kegagalan")
    assert "Koordinasi dan Penyusunan Dokumen RKA-SKPD" in f.pesan
    assert f"realisasi {realisasi} dari target {target}" in f.pesan


def test_low_capaian_without_any_analysis_section_is_found() -> None:
    data, _ = rka(without_narasi(clean(), "analisis_penyebab"))
    (f,) = findings(data, "STR-003")
    assert "tidak ada" in f.pesan


def test_the_pk_target_is_used_before_the_renja_target() -> None:
    data, _ = rka(clean(), "1 dokumen", "1 dokumen")
    data, _ = with_indicator(data, 1, target={"renja": {TAHUN: nilai("1 dokumen")},
                                              "pk": {TAHUN: nilai("4 dokumen")}})
    (f,) = findings(data, "STR-003")
    assert f.ditemukan == "25,00% (Sangat Rendah), tidak dijelaskan"


@pytest.mark.parametrize(("analisis", "target", "realisasi", "changes"), [
    pytest.param("Kendala pada koordinasi dan penyusunan dokumen RKA-SKPD adalah waktu.",
                 "2 dokumen", "1 dokumen", {}, id="the node is named in 3.6"),
    pytest.param("Tersedianya dokumen RKA-SKPD dan laporan hasil koordinasi belum tercapai.",
                 "2 dokumen", "1 dokumen", {}, id="the indicator is named in 3.6"),
    pytest.param("Seluruh indikator mencapai target.", "10 dokumen", "7 dokumen", {},
                 id="70% is Sedang, not low"),
    pytest.param("Seluruh indikator mencapai target.", "2 dokumen", "1 laporan", {},
                 id="different units are not compared"),
    pytest.param("Seluruh indikator mencapai target.", "2 dokumen", "refocusing", {},
                 id="a realisasi that is not a number"),
    pytest.param("Seluruh indikator mencapai target.", "2 dokumen", "1 dokumen",
                 {"realisasi_dihitung": {TAHUN: 2}}, id="the computed realisasi comes first"),
    pytest.param("Seluruh indikator mencapai target.", "4 dokumen", "3 dokumen",
                 {"polaritas": "turun"}, id="lower is better, below target"),
])
def test_explained_or_not_low_capaian_is_not_a_finding(analisis: str, target: str,
                                                       realisasi: str,
                                                       changes: dict[str, object]) -> None:
    data, _ = rka(with_narasi(clean(), "analisis_penyebab", analisis), target, realisasi,
                  **changes)
    assert findings(data, "STR-003") == []


def test_a_name_is_matched_as_whole_words() -> None:
    data, _ = rka(with_narasi(clean(), "analisis_penyebab", "Penjelasan dokumen RKAX."))
    data, _ = with_indicator(data, 1, uraian="Penjelasan dokumen RKA", jalur="X › Y")
    assert len(findings(data, "STR-003")) == 1


# ---------------------------------------------------------------------------------------------
# STR-004 NIP of the signatories


def with_nip(nip: str) -> ReviuData:
    data = clean()
    pejabat = Pejabat("SRI AMANTO, SH, MH.", nip, "Kepala Dinas Sosial Kota Metro")
    return replace(data, identitas=replace(data.identitas, pejabat=(pejabat,)))


@pytest.mark.parametrize(("nip", "diharapkan", "ditemukan"), [
    pytest.param("1968042019930310009", "18 digit", "19 digit",
                 id="the seed's 19-digit NIP -> finding"),
    pytest.param("19680420199303109", "18 digit", "17 digit", id="17 digits -> finding"),
    pytest.param("19680420 1993O3 1 009", "18 digit", "17 digit", id="a letter O -> finding"),
    pytest.param("196813201993031009", "tanggal lahir yang sah", "19681320",
                 id="month 13 of birth -> finding"),
    pytest.param("196802301993031009", "tanggal lahir yang sah", "19680230",
                 id="30 February -> finding"),
    pytest.param("196804201993131009", "TMT CPNS yang sah", "199313",
                 id="appointment month 13 -> finding"),
    pytest.param("196804201980031009", "TMT CPNS antara 1986 dan 2024", "198003",
                 id="appointed at 11 -> finding"),
    pytest.param("196804202025031009", "TMT CPNS antara 1986 dan 2024", "202503",
                 id="appointed after the report -> finding"),
    pytest.param("194804201970031009", "tahun lahir yang mungkin", "1948",
                 id="born 75 years before the report -> finding"),
    pytest.param("196804201993033009", "kode jenis kelamin 1 atau 2", "3",
                 id="sex code 3 -> finding"),
])
def test_malformed_nip_is_found(nip: str, diharapkan: str, ditemukan: str) -> None:
    (f,) = findings(with_nip(nip), "STR-004")
    assert (f.code, f.tingkat, f.diharapkan, f.ditemukan) == (
        "STR-004", "error", diharapkan, ditemukan)
    assert f.lokasi.kunci == "pejabat:SRI AMANTO, SH, MH."
    assert nip in f.pesan and "SRI AMANTO" in f.pesan


@pytest.mark.parametrize("nip", [
    pytest.param("196804201993031009", id="18 digits"),
    pytest.param("19680420 199303 1 009", id="18 digits grouped with spaces"),
    pytest.param("19680420.199303.1.009", id="18 digits grouped with dots"),
    pytest.param("", id="no NIP printed"),
])
def test_well_formed_nip_is_not_a_finding(nip: str) -> None:
    assert findings(with_nip(nip), "STR-004") == []


# ---------------------------------------------------------------------------------------------
# The seed (needs the lead's akuntabel.reviews.context and the demo_reviu_data fixture)


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> ReviuData:
    try:
        data: ReviuData = request.getfixturevalue("demo_reviu_data")
    except pytest.FixtureLookupError:
        pytest.skip("fixture demo_reviu_data (akuntabel.reviews.context) belum tersedia")
    return data


@pytest.mark.django_db
def test_seed_missing_ikhtisar_eksekutif_is_found(seed: ReviuData) -> None:
    (f,) = findings(seed, "STR-001")
    assert (f.lokasi.kunci, f.ditemukan) == ("narasi:ikhtisar_eksekutif", "tidak ada")


@pytest.mark.django_db
def test_seed_counts_are_compared_with_the_data(seed: ReviuData) -> None:
    """The seed says 7 programs, 15 kegiatan and 46 sub kegiatan; whatever differs from the
    data's counts is a finding, and nothing else."""
    claimed = {"program": 7, "kegiatan": 15, "sub kegiatan": 46}
    data = {"program": seed.jumlah_program, "kegiatan": seed.jumlah_kegiatan,
            "sub kegiatan": seed.jumlah_sub_kegiatan}
    expected = {(f"{data[u]} {u}", f"{claimed[u]} {u}") for u in claimed
                if data[u] and data[u] != claimed[u]}
    found = findings(seed, "STR-002")
    assert {(f.diharapkan, f.ditemukan) for f in found} == expected
    assert all(f.lokasi.kunci == "narasi:realisasi_kinerja" for f in found)


@pytest.mark.django_db
def test_seed_rka_skpd_below_threshold_is_not_explained(seed: ReviuData) -> None:
    found = findings(seed, "STR-003")
    assert [f.ditemukan for f in found] == ["50,00% (Sangat Rendah), tidak dijelaskan"]
    assert "Koordinasi dan Penyusunan Dokumen RKA-SKPD" in found[0].lokasi.uraian


@pytest.mark.django_db
def test_seed_19_digit_nip_is_found(seed: ReviuData) -> None:
    (f,) = findings(seed, "STR-004")
    assert (f.diharapkan, f.ditemukan) == ("18 digit", "19 digit")
    assert "1968042019930310009" in f.pesan
