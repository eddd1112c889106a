"""What changed since a final says where in words a kepala reads ("Realisasi 2023 indikator
“…”", "Status laporan TW II", "Pagu program 1.06.02 …"), not as a data path
(``masukan › 3 › entri › 4 › terverifikasi``); Indonesian by default, English available."""

import pytest
from django.utils import translation

from akuntabel.reports.kesiapan import perbedaan

PMKS = "Persentase PMKS yang tertangani"


def nilai(teks):
    return {"_jenis": "Nilai", "teks": teks.replace(".", ","), "nilai": teks, "satuan": "%"}


def indikator(**isi):
    return {"indikator": [{"_jenis": "Indikator", "kunci": "indikator:program:1.06.02#1",
                           "uraian": PMKS, **isi}]}


def iku(terverifikasi, nilai="70"):
    return [{"iku": 1, "kode": "IKU-1", "uraian": "Indeks Pembangunan Manusia", "tahun": 2023,
             "realisasi": nilai,
             "masukan": [{"nama": "AHH", "opd": "dinas-kesehatan", "nilai": "70",
                          "entri": [{"triwulan": 0, "nilai": "1", "terverifikasi": True},
                                    {"triwulan": 3, "nilai": "70",
                                     "terverifikasi": terverifikasi}]}]}]


def anggaran(pagu):
    return {"anggaran": [{"_jenis": "BarisAnggaran", "kunci": "program:1.06.02",
                          "tingkat": "program", "kode": "1.06.02",
                          "uraian": "Program Pemberdayaan Sosial", "pagu": pagu}]}


KASUS = [
    pytest.param(indikator(realisasi={"2023": nilai("75")}),
                 indikator(realisasi={"2023": nilai("77.5")}), "",
                 f"Realisasi 2023 indikator “{PMKS}”", "75", "77,5",
                 id="an indicator's annual realisasi names the year and the indicator"),
    pytest.param(indikator(realisasi_triwulan={"2023": "75"}),
                 indikator(realisasi_triwulan={"2023": "80"}), "",
                 f"Realisasi 2023 dari TW I–IV indikator “{PMKS}”", "75", "80",
                 id="the quarters combined say so"),
    pytest.param(indikator(target={"renja": {"2023": nilai("90")}}),
                 indikator(target={"renja": {"2023": nilai("95")}}), "",
                 f"Target Renja 2023 indikator “{PMKS}”", "90", "95",
                 id="a target names its document and year"),
    pytest.param(indikator(satuan="%"), indikator(satuan="orang"), "",
                 f"Satuan indikator “{PMKS}”", "%", "orang",
                 id="an indicator's own field is named"),
    pytest.param({"triwulan_status": {"2": "diajukan"}},
                 {"triwulan_status": {"2": "terverifikasi"}}, "",
                 "Status laporan TW II", "diajukan", "terverifikasi",
                 id="a quarter's report status names the quarter in roman numerals"),
    pytest.param(anggaran("100000000"), anggaran("120000000"), "",
                 "Pagu program 1.06.02 Program Pemberdayaan Sosial", "100.000.000",
                 "120.000.000", id="a budget line names its level, code and name"),
    pytest.param({"narasi": [{"kunci": "penutup", "judul": "Penutup", "teks": "a"}]},
                 {"narasi": [{"kunci": "penutup", "judul": "Penutup", "teks": "b"}]}, "",
                 "Teks bagian “Penutup”", "a", "b", id="a narrative names its section"),
    pytest.param(iku(False), iku(True), "IKU",
                 "Verifikasi TW III masukan “AHH” (dinas-kesehatan) IKU “Indeks Pembangunan "
                 "Manusia” 2023", "belum diverifikasi", "terverifikasi",
                 id="the pemda's IKU: an OPD entry's verification in words, not "
                    "masukan › 1 › entri › 2 › terverifikasi"),
    pytest.param(iku(True, "70"), iku(True, "71"), "IKU",
                 "Realisasi IKU “Indeks Pembangunan Manusia” 2023", "70", "71",
                 id="the pemda's IKU figure names the IKU and year"),
    pytest.param({"lain_lain": {"x": "1"}}, {"lain_lain": {"x": "2"}}, "",
                 "lain lain › x", "1", "2", id="an unknown place keeps its path, readable"),
]


@pytest.mark.parametrize(("lama", "baru", "awalan", "tempat", "dulu", "kini"), KASUS)
def test_a_change_is_said_in_words(lama, baru, awalan, tempat, dulu, kini):
    with translation.override("id"):
        (beda,) = perbedaan(lama, baru, awalan)
    assert (beda.tempat, beda.lama, beda.baru) == (tempat, dulu, kini)
    assert beda.kalimat == f"{tempat}: {dulu} → {kini}"


def test_an_indicator_added_or_removed_is_named():
    with translation.override("id"):
        (beda,) = perbedaan(indikator(), {"indikator": []})
    assert (beda.tempat, beda.lama, beda.baru) == (f"Indikator “{PMKS}”", "ada", "dihapus")


def test_the_words_are_english_in_english():
    with translation.override("en"):
        (beda,) = perbedaan(indikator(realisasi={"2023": nilai("75")}),
                            indikator(realisasi={"2023": nilai("77.5")}))
        (status,) = perbedaan({"triwulan_status": {"2": "diajukan"}},
                              {"triwulan_status": {"2": "terverifikasi"}})
    assert beda.tempat == f"Realisasi 2023 of indicator “{PMKS}”"
    assert status.tempat == "Status of the TW II report"
