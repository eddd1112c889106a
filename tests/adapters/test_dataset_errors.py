"""A broken dataset file is refused with its place, in Indonesian, and nothing is written.

Every case starts from a small valid dataset (``make_dataset``), breaks one thing, writes the
file with the house YAML writer and reads it back as a user would (``read_dataset``), then
loads it (``load_dataset``): the user must see the place of the problem and the database must
be exactly as before.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import DatasetError, read_dataset, validate
from akuntabel.adapters.dataset.yamlio import dump_yaml

# -- builders -----------------------------------------------------------------------------------

SUB = "program[0].kegiatan[0].sub_kegiatan[0]"
REKENING = f"{SUB}.rekening.2023[0]"
IKU = "renstra.tujuan[0].sasaran[0].indikator[0]"

# The places as the reader names them: a program-tree node carries its code in brackets.
SUB_TEMPAT = ("program[0] (1.06.02).kegiatan[0] (1.06.02.2.01)"
              ".sub_kegiatan[0] (1.06.02.2.01.0001)")
REKENING_TEMPAT = f"{SUB_TEMPAT}.rekening.2023[0]"


def make_dataset(**overrides: Any) -> dict[str, Any]:
    """The smallest dataset that uses every section: one OPD, one tujuan > sasaran > IKU, one
    program > kegiatan > sub kegiatan with a two-level rekening tree, a komponen_iku, a PK."""
    data: dict[str, Any] = {
        "format": "akuntabel-dataset/1",
        "sumber": "Dataset uji kecil",
        "pemda": {"kode": "kota-uji", "nama": "Kota Uji", "jenis": "kota", "provinsi": "Lampung",
                  "kepala_daerah": {"jabatan": "Wali Kota Uji", "nama": None, "nip": None}},
        "opd": {"kode": "dinas-uji", "nama": "Dinas Sosial Kota Uji", "singkatan": "Dinsos",
                "bidang_urusan": ["1.06"],
                "pejabat": [{"peran": "kepala", "nama": "BUDI, S.Sos", "nip": "197001012000011001",
                             "jabatan": "Kepala Dinas Sosial Kota Uji"}]},
        "rpjmd": {"tahun_awal": 2021, "tahun_akhir": 2026,
                  "dasar_hukum": "Peraturan Daerah Kota Uji Nomor 1 Tahun 2021",
                  "visi": "Kota Uji yang sejahtera",
                  "misi": [{"nomor": 1, "uraian": "Misi pertama"},
                           {"nomor": 2, "uraian": "Misi kedua"}]},
        "renstra": {
            "tahun_awal": 2021, "tahun_akhir": 2026, "misi": [2],
            "tujuan": [{
                "kode": "T1", "uraian": "Meningkatnya kesejahteraan sosial",
                "sasaran": [{
                    "kode": "S1", "uraian": "Meningkatnya penanganan PPKS",
                    "indikator": [{
                        "kode": "IKU-1", "uraian": "Persentase PPKS yang ditangani",
                        "satuan": "%", "polaritas": "naik", "agregasi": "nilai_akhir",
                        "iku": True, "kondisi_awal": {"tahun": 2020, "nilai": "81,79%"},
                        "target": {"renstra": {2023: "91,5%"}, "pk": {2023: "91.5 %"}},
                        "target_triwulan": {2023: {1: "20%", 2: "45%"}},
                        "realisasi": {2023: "92.78%"},
                    }],
                }],
            }],
            "strategi": [{"uraian": "Memperluas jangkauan layanan", "sasaran": "S1"}],
            "arah_kebijakan": [{"uraian": "Pendataan PPKS", "strategi": 1}],
        },
        "program": [{
            "kode": "1.06.02", "nama": "PROGRAM PEMBERDAYAAN SOSIAL", "sasaran": "S1",
            "anggaran": {2023: {"pagu": "150.000", "realisasi": "140.000"}},
            "kegiatan": [{
                "kode": "1.06.02.2.01", "nama": "Pemberdayaan Sosial Komunitas Adat Terpencil",
                "sub_kegiatan": [{
                    "kode": "1.06.02.2.01.0001", "nama": "Pemberdayaan Sosial KAT",
                    "indikator": [{"uraian": "Jumlah KAT yang diberdayakan", "satuan": "KK",
                                   "target": {"renja": {2023: "10 KK"}},
                                   "realisasi": {2023: "10 KK"}}],
                    "rekening": {2023: [{
                        "kode": "5.1", "uraian": "Belanja Operasi",
                        "pagu": "150.000", "realisasi": "140.000",
                        "rincian": [{"kode": "5.1.02", "uraian": "Belanja Barang dan Jasa",
                                     "pagu": "150.000", "realisasi": "140.000"}],
                    }]},
                }],
            }],
        }],
        "komponen_iku": [{
            "indikator": "IKU-1", "tahun": 2023,
            "penyebut": {"uraian": "Jumlah PPKS tahun 2023", "nilai": "100"},
            "pembilang_tercetak": "93", "hasil_tercetak": "93%",
            "item": [{"nomor": "01", "uraian": "Pemberdayaan KAT", "nilai": "93",
                      "sub_kegiatan": "1.06.02.2.01.0001"}],
        }],
        "perjanjian_kinerja": [{
            "tahun": 2023, "jenis": "induk",
            "pihak_pertama": {"nama": "BUDI, S.Sos", "jabatan": "Kepala Dinas Sosial"},
            "pihak_kedua": {"nama": None, "jabatan": "Wali Kota Uji"},
            "baris": [{"sasaran": "S1", "indikator": "IKU-1", "target": "91.5 %"}],
            "program": [{"program": "1.06.02", "anggaran": "150.000"}],
        }],
        "isu_strategis": [{"uraian": "Penanganan PPKS", "misi": 2, "prioritas": True}],
        "anggaran_tercetak": [{"tempat": "Tabel 3.2 baris total", "tahun": 2023,
                               "pagu": "150.000", "realisasi": "140.000"}],
        "narasi": [{"kunci": "penutup", "tahun": 2023, "judul": "PENUTUP",
                    "teks": "Demikian laporan ini."}],
    }
    for path, value in overrides.items():
        put(data, path, value)
    return data


DELETE = object()  # as a value in ``put``: remove the key (or list item)
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _keys(path: str) -> list[str | int]:
    return [name if index == "" else int(index) for name, index in _TOKEN.findall(path)]


def put(data: Any, path: str, value: Any) -> None:
    """Set (or, with DELETE, remove) the value at ``path``: ``"program[0].kegiatan[0].nama"``.
    A digits-only key of a mapping is the integer year key (``rekening.2023``); the index just
    past the end of a list appends."""
    *parents, last = _keys(path)

    def step(node: Any, key: str | int) -> str | int:
        if isinstance(node, dict) and isinstance(key, str) and key.isdigit() and int(key) in node:
            return int(key)
        return key

    node = data
    for key in parents:
        node = node[step(node, key)]
    last = step(node, last)
    if value is DELETE:
        del node[last]
    elif isinstance(node, list) and last == len(node):
        node.append(value)
    else:
        node[last] = value


def write(tmp_path: Path, data: Any, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def db_counts() -> dict[str, int]:
    from akuntabel.budget.models import DpaLine
    from akuntabel.organizations.models import Pemda, PerangkatDaerah
    from akuntabel.plans.models import Indikator, Rpjmd, Target
    from akuntabel.results.models import Realisasi

    return {m.__name__: m.objects.count()
            for m in (Pemda, PerangkatDaerah, Rpjmd, Indikator, Target, Realisasi, DpaLine)}


def assert_names(exc: DatasetError, tempat: str, pesan: str) -> None:
    """One message of the error names the place and says what is wrong."""
    assert any(tempat in m and pesan in m for m in exc.masalah), (
        f"no message with {tempat!r} and {pesan!r} in:\n" + "\n".join(exc.masalah))


def test_the_small_dataset_is_valid_and_counts_its_parts(tmp_path: Path) -> None:
    ds = read_dataset(write(tmp_path, make_dataset()))
    assert ds.counts == {"tujuan": 1, "sasaran": 1, "program": 1, "kegiatan": 1,
                         "sub_kegiatan": 1, "indikator": 2, "target": 5, "realisasi": 2,
                         "komponen_iku": 1, "rekening": 2, "perjanjian_kinerja": 1, "narasi": 1}


def test_the_house_yaml_writer_reads_back_as_written() -> None:
    data = make_dataset()
    assert yaml.safe_load(dump_yaml(data)) == data


def test_the_house_yaml_writer_keeps_a_mapping_that_appears_twice() -> None:
    bagian = {"kunci": "penutup", "tahun": 2023, "judul": "PENUTUP", "teks": "Selesai."}
    data = {"narasi": [bagian, bagian]}
    assert yaml.safe_load(dump_yaml(data)) == data


# -- one broken thing in the data ----------------------------------------------------------------

def _with_second_program(data: dict[str, Any]) -> None:
    data["program"].append({"kode": "1.06.02", "nama": "PROGRAM PEMBERDAYAAN SOSIAL (lagi)"})


def _with_second_komponen(data: dict[str, Any]) -> None:
    data["komponen_iku"].append(copy.deepcopy(data["komponen_iku"][0]))


MUTATIONS = [
    pytest.param({"format": "akuntabel-dataset/2"}, "format", "harus 'akuntabel-dataset/1'",
                 id="a format tag of another version is refused"),
    pytest.param({"format": DELETE}, "berkas.format", "wajib diisi",
                 id="a file without a format tag is refused"),
    pytest.param({"pemda.nama": DELETE}, "pemda.nama", "wajib diisi",
                 id="a pemda without a name is refused at pemda.nama"),
    pytest.param({"pemda.nama": ""}, "pemda.nama", "wajib diisi",
                 id="an empty pemda name counts as missing"),
    pytest.param({"rpjmd": DELETE}, "rpjmd", "wajib diisi bila berkas memuat renstra",
                 id="a renstra without its rpjmd is refused at rpjmd"),
    pytest.param({"program[0].pagu_indikatif": {2023: "sejuta"}},
                 "program[0] (1.06.02).pagu_indikatif.2023", "Bukan jumlah uang",
                 id="a pagu indikatif that is not an amount is refused at its year"),
    pytest.param({"opd": DELETE}, "berkas.opd", "wajib diisi",
                 id="a file without its opd section is refused"),
    pytest.param({"program[0].kegiatn": []}, "program[0] (1.06.02).kegiatn",
                 "kunci tidak dikenal (salah ketik?)",
                 id="a misspelt key in a program names the key and the program"),
    pytest.param({"perjanjian_kinerjaa": []}, "berkas.perjanjian_kinerjaa",
                 "kunci tidak dikenal", id="a misspelt top-level section is named"),
    pytest.param({f"{IKU}.polaritass": "naik"}, f"{IKU}.polaritass", "kunci yang boleh",
                 id="a misspelt indicator key lists the keys that are allowed"),
    pytest.param({f"{REKENING}.pagu": 150.0}, f"{REKENING_TEMPAT}.pagu", "teks berkutip",
                 id="a pagu written as a bare YAML number is refused with its place"),
    pytest.param({"program[0].anggaran.2023.realisasi": 140000},
                 "program[0] (1.06.02).anggaran.2023.realisasi", "teks berkutip",
                 id="a program realisasi written as a bare integer asks for quotes"),
    pytest.param({f"{IKU}.realisasi.2023": 92.78}, f"{IKU}.realisasi.2023",
                 "nilai tercetak harus ditulis sebagai teks berkutip",
                 id="a realisasi written as a bare decimal says to quote it"),
    pytest.param({f"{REKENING}.pagu": "lima juta"}, f"{REKENING_TEMPAT}.pagu",
                 "Bukan jumlah uang", id="words in a money column are refused with the reason"),
    pytest.param({"anggaran_tercetak[0].pagu": "91,5%"}, "anggaran_tercetak[0].pagu",
                 "bukan rupiah", id="a percentage in a money column is not an amount"),
    pytest.param({"perjanjian_kinerja[0].program[0].anggaran": "kurang lebih 5 juta"},
                 "perjanjian_kinerja[0].program[0].anggaran", "Bukan jumlah uang",
                 id="a PK budget that is not an amount is refused at its row"),
    pytest.param({"rpjmd.tahun_awal": "dua ribu dua puluh satu"}, "rpjmd.tahun_awal",
                 "harus berupa tahun", id="a year written in words is not a year"),
    pytest.param({"perjanjian_kinerja[0].tahun": 20233}, "perjanjian_kinerja[0].tahun",
                 "harus berupa tahun", id="a five-digit year is not a year"),
    pytest.param({"renstra.tahun_akhir": 2026.5}, "renstra.tahun_akhir", "harus berupa tahun",
                 id="a fractional year is not a year"),
    pytest.param({f"{IKU}.realisasi": {"tahun 2023": "92.78%"}}, f"{IKU}.realisasi.tahun 2023",
                 "harus berupa tahun", id="a year key that is not a year is named"),
    pytest.param({"perjanjian_kinerja[0].baris[0].sasaran": "S9"},
                 "perjanjian_kinerja[0].baris[0].sasaran", "merujuk sasaran 'S9' yang tidak ada",
                 id="a PK row pointing at a missing sasaran is refused"),
    pytest.param({"perjanjian_kinerja[0].baris[0].indikator": "IKU-9"},
                 "perjanjian_kinerja[0].baris[0].indikator",
                 "merujuk indikator 'IKU-9' yang tidak ada",
                 id="a PK row pointing at a missing indicator is refused"),
    pytest.param({"perjanjian_kinerja[0].baris[0].sasaran": "IKU-1"},
                 "perjanjian_kinerja[0].baris[0].sasaran", "merujuk sasaran 'IKU-1'",
                 id="a PK row giving an indicator key as its sasaran is refused"),
    pytest.param({"komponen_iku[0].indikator": "IKU-2"}, "komponen_iku[0].indikator",
                 "yang tidak ada dalam berkas",
                 id="an IKU component of a missing indicator is refused"),
    pytest.param({"renstra.strategi[0].sasaran": "S2"}, "renstra.strategi[0].sasaran",
                 "merujuk sasaran 'S2'", id="a strategi pointing at a missing sasaran is refused"),
    pytest.param({"renstra.tujuan[0].sasaran[0].kode": "T1"},
                 "renstra.tujuan[0].sasaran[0].kode", "kode 'T1' sudah dipakai sebelumnya",
                 id="a local key used twice is refused at its second use"),
    pytest.param({f"{SUB}.indikator[0].kode": "IKU-1"},
                 f"{SUB_TEMPAT}.indikator[0].kode", "sudah dipakai sebelumnya",
                 id="an indicator key used twice in different parts of the file is refused"),
    pytest.param(_with_second_program, "program[1].kode", "sudah dipakai di program[0]",
                 id="a nomenclature code used by two programs names both places"),
    pytest.param({f"{SUB}.kode": "1.06.02"}, f"{SUB}.kode", "sudah dipakai di program[0]",
                 id="a sub kegiatan reusing its program's code is refused"),
    pytest.param({"program[0].kode": "1.06.AB"}, "program[0] (1.06.AB).kode",
                 "bukan kode nomenklatur", id="a program code with letters is refused"),
    pytest.param({f"{IKU}.polaritas": "naik-turun"}, f"{IKU}.polaritas",
                 "'naik-turun' tidak dikenal; pilihan: naik, turun",
                 id="an unknown polaritas lists the choices"),
    pytest.param({f"{IKU}.iku": "ya"}, f"{IKU}.iku", "harus true atau false",
                 id="iku written as ya is not a boolean"),
    pytest.param({"renstra.misi": [2, 3]}, "renstra.misi", "misi 3 tidak ada dalam rpjmd.misi",
                 id="a renstra misi that the rpjmd does not have is refused"),
    pytest.param({"renstra.tahun_akhir": 2020}, "renstra.tahun_akhir",
                 "lebih awal dari tahun_awal", id="a renstra ending before it starts is refused"),
    pytest.param({f"{REKENING}.kode": "5.1.a"}, f"{REKENING_TEMPAT}.kode",
                 "bukan kode rekening", id="a kode rekening with letters is refused"),
    pytest.param({f"{REKENING}.rincian[0].kode": "5.1..02"},
                 f"{REKENING_TEMPAT}.rincian[0].kode", "bukan kode rekening",
                 id="a kode rekening with an empty part is refused at its rincian"),
    pytest.param({f"{REKENING}.rincian[0].uraian": DELETE},
                 f"{REKENING_TEMPAT}.rincian[0].uraian", "wajib diisi",
                 id="a rekening line without uraian is refused"),
    pytest.param({"program": {"kode": "1.06.02"}}, "program", "harus berupa daftar",
                 id="a program section that is a mapping instead of a list is refused"),
    pytest.param({"opd.pejabat[0]": "Kepala Dinas"}, "opd.pejabat[0]",
                 "harus berupa pemetaan", id="a pejabat written as plain text is refused"),
    pytest.param({"narasi[1]": copy.deepcopy(make_dataset()["narasi"][0])}, "narasi[1].kunci",
                 "sudah ada", id="the same narrative section twice in a year is refused"),
    # Found once passing the reader and crashing the loader: now refused with their place.
    pytest.param({"rpjmd.tahun_akhir": 2020}, "rpjmd.tahun_akhir", "lebih awal dari tahun_awal",
                 id="an rpjmd ending before it starts is refused"),
    pytest.param({"rpjmd.misi[1].nomor": -2, "renstra.misi": [-2]}, "rpjmd.misi[1].nomor",
                 "harus", id="a negative misi number is refused"),
    pytest.param({"isu_strategis[0].misi": -1}, "isu_strategis[0].misi", "harus",
                 id="a negative isu strategis misi number is refused"),
    pytest.param(_with_second_komponen, "komponen_iku[1]", "sudah ada",
                 id="two IKU computations of one indicator in one year are refused"),
    pytest.param({f"{IKU}.nomor_tercetak": 10**20}, f"{IKU}.nomor_tercetak", "harus",
                 id="a printed number too large to store is refused"),
    pytest.param({f"{IKU}.target_triwulan.2023.5": "100%"}, f"{IKU}.target_triwulan.2023.5",
                 "kunci tidak dikenal", id="a fifth quarter is refused with its place"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("mutation", "tempat", "pesan"), MUTATIONS)
def test_a_broken_dataset_is_refused_with_its_place_and_writes_nothing(
        tmp_path: Path, mutation: dict[str, Any] | Callable[[dict[str, Any]], None],
        tempat: str, pesan: str) -> None:
    data = make_dataset()
    if callable(mutation):
        mutation(data)
    else:
        for path, value in mutation.items():
            put(data, path, value)
    path = write(tmp_path, data)
    before = db_counts()

    with pytest.raises(DatasetError) as exc:
        load_dataset(read_dataset(path))

    assert_names(exc.value, tempat, pesan)
    assert db_counts() == before


# -- files that are not a dataset at all ----------------------------------------------------------

def _file(text: str | bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / "data.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    return make


def _unquoted_pagu(tmp_path: Path) -> Path:
    text = dump_yaml(make_dataset())
    assert 'pagu: "150.000"' in text
    return _file(text.replace('pagu: "150.000"', "pagu: 150.000", 1))(tmp_path)


FILES = [
    pytest.param(_file('format: "akuntabel-dataset/1"\npemda:\n  kode: "a"\n   nama: "b"\n'),
                 "data.yaml, baris 4, kolom 4", "bukan YAML yang sah",
                 id="invalid YAML gives the line and the column"),
    pytest.param(_file('format: "akuntabel-dataset/1"\nsumber: "tanpa penutup\n'),
                 "data.yaml, baris 3, kolom 1", "bukan YAML yang sah",
                 id="an unclosed quote gives where the file ended"),
    pytest.param(_file("format: akuntabel-dataset/1\nbeban: !!python/object:os.system x\n"),
                 "data.yaml, baris 2", "bukan YAML yang sah",
                 id="a python tag is refused, never executed"),
    pytest.param(lambda tmp_path: tmp_path / "tidak-ada.yaml", "tidak-ada.yaml",
                 "berkas tidak ditemukan", id="a file that does not exist is named"),
    pytest.param(lambda tmp_path: tmp_path, "", "adalah folder, bukan berkas data",
                 id="a folder instead of a file is refused"),
    pytest.param(_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "data.yaml",
                 "bukan teks UTF-8", id="a binary file is refused as not UTF-8"),
    pytest.param(_file("format: akuntabel-dataset/1\nsumber: Dinas Sosial caf\xe9\n"
                       .encode("latin-1")), "data.yaml", "bukan teks UTF-8 (bita ke-52)",
                 id="a Latin-1 file names the first bad byte"),
    pytest.param(_file(""), "berkas", "harus berupa pemetaan (kunci: nilai), bukan kosong",
                 id="an empty file is refused"),
    pytest.param(_file("# hanya komentar\n"), "berkas", "bukan kosong",
                 id="a file with only a comment is empty"),
    pytest.param(_file("- format: akuntabel-dataset/1\n- pemda: {}\n"), "berkas",
                 "harus berupa pemetaan (kunci: nilai), bukan daftar",
                 id="a YAML list at the top level is refused"),
    pytest.param(_file('"akuntabel-dataset/1"\n'), "berkas", "bukan teks",
                 id="a lone string is refused"),
    pytest.param(_file("format: akuntabel-dataset/1\nopd:\n  fungsi: " + "[" * 800 + "]" * 800),
                 "data.yaml", "bukan YAML yang sah",
                 id="a file nested too deeply is refused, not a crash"),
    pytest.param(_unquoted_pagu, "program[0] (1.06.02).anggaran.2023.pagu",
                 'teks berkutip, mis. "150.0"',
                 id="a pagu typed 150.000 without quotes in the file says to quote it"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("make_file", "tempat", "pesan"), FILES)
def test_a_file_that_is_not_a_dataset_is_refused_and_writes_nothing(
        tmp_path: Path, make_file: Callable[[Path], Path], tempat: str, pesan: str) -> None:
    path = make_file(tmp_path)
    before = db_counts()

    with pytest.raises(DatasetError) as exc:
        load_dataset(read_dataset(path))

    assert_names(exc.value, tempat, pesan)
    assert db_counts() == before


def test_every_problem_of_a_file_is_listed_at_once(tmp_path: Path) -> None:
    data = make_dataset(**{"pemda.nama": DELETE, f"{REKENING}.pagu": "lima juta",
                           f"{IKU}.polaritas": "tinggi"})
    with pytest.raises(DatasetError) as exc:
        read_dataset(write(tmp_path, data))
    assert len(exc.value.masalah) == 3
    assert str(exc.value).startswith("3 masalah ditemukan dalam berkas data:\n- ")


# -- valid files that fail while loading ---------------------------------------------------------

LOAD_FAILURES = [
    pytest.param({"komponen_iku[0].item[0].sub_kegiatan": "1.06.05.2.02.0004"},
                 "komponen_iku[0].item[0].sub_kegiatan",
                 "sub kegiatan 1.06.05.2.02.0004 tidak ada di pohon program",
                 id="an IKU item pointing at a sub kegiatan outside the tree rolls back"),
    pytest.param({"perjanjian_kinerja[0].program[0].program": "1.06.03"},
                 "perjanjian_kinerja[0].program[0].program",
                 "program 1.06.03 tidak ada di pohon program",
                 id="a PK budget row of a program outside the tree rolls back"),
    pytest.param({"pemda.kode": "kota-metro"}, "pemda.kode",
                 "'kota-metro' sudah dipakai oleh pemda 'Kota Metro'",
                 id="a pemda key already used by another pemda is refused"),
    pytest.param({"pemda.kode": "kota-metro", "pemda.nama": "Kota Metro"}, "rpjmd",
                 "sudah ada dengan isi berbeda",
                 id="an rpjmd that differs from the pemda's existing rpjmd is refused"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "tempat", "pesan"), LOAD_FAILURES)
def test_a_dataset_that_fails_while_loading_leaves_the_database_unchanged(
        tmp_path: Path, overrides: dict[str, Any], tempat: str, pesan: str) -> None:
    ds = read_dataset(write(tmp_path, make_dataset(**overrides)))  # valid for the reader
    before = db_counts()

    with pytest.raises(DatasetError) as exc:
        load_dataset(ds)

    assert_names(exc.value, tempat, pesan)
    assert db_counts() == before



@pytest.mark.django_db
def test_a_load_that_fails_midway_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pemda, the OPD and everything below are written in one transaction."""
    from akuntabel.adapters.dataset import loader

    def fail(self: Any) -> None:
        raise RuntimeError("gagal di tengah jalan")

    monkeypatch.setattr(loader._Writer, "write_rest", fail)
    before = db_counts()
    with pytest.raises(RuntimeError):
        load_dataset(validate(make_dataset()))
    assert db_counts() == before


# -- loading the same OPD again -----------------------------------------------------------------

@pytest.mark.django_db
def test_loading_an_opd_that_exists_is_refused_without_ganti() -> None:
    load_dataset(validate(make_dataset()))
    after_first = db_counts()

    with pytest.raises(DatasetError) as exc:
        load_dataset(validate(make_dataset(**{"opd.nama": "Dinas Sosial (versi dua)"})))

    assert_names(exc.value, "opd.kode", "gunakan --ganti")
    assert "'dinas-uji' sudah ada di Kota Uji" in exc.value.masalah[0]
    assert db_counts() == after_first


@pytest.mark.django_db
def test_loading_with_replace_replaces_the_opd_instead_of_doubling_it() -> None:
    from akuntabel.organizations.models import PerangkatDaerah

    load_dataset(validate(make_dataset()))
    after_first = db_counts()

    result = load_dataset(validate(make_dataset(**{"opd.nama": "Dinas Sosial (versi dua)"})),
                          replace=True)

    assert db_counts() == after_first
    opd = PerangkatDaerah.objects.get(pemda__kode="kota-uji", kode="dinas-uji")
    assert (opd.pk, opd.nama) == (result.perangkat_daerah.pk, "Dinas Sosial (versi dua)")


@pytest.mark.django_db
def test_replacing_the_demo_opd_keeps_its_counts(demo_dataset: Any, demo_opd: Any) -> None:
    # The demo has PK rows that point at its sasaran, indicators and programs.
    before = db_counts()
    result = load_dataset(demo_dataset, replace=True)
    assert db_counts() == before
    assert result.perangkat_daerah.pk == demo_opd.pk  # the OPD stays; its data is new


# -- property: validation fails only with DatasetError -------------------------------------------

def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key of every mapping and every item of every list, as a path from the top."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _places(value, (*path, i))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


_BASE = make_dataset()
_ALL_PLACES = _places(_BASE)
_LEAVES = [p for p in _ALL_PLACES if not isinstance(_get(_BASE, p), dict | list)]
_MAPPING_KEYS = [p for p in _ALL_PLACES if isinstance(_get(_BASE, p[:-1]), dict)]

RANDOM_VALUES = st.one_of(
    st.integers(), st.floats(), st.booleans(), st.none(),
    st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=5), st.integers()),
                    st.one_of(st.text(max_size=5), st.integers(), st.none()), max_size=3),
    st.text(), st.text(min_size=500, max_size=2000), st.just("lima juta"), st.just("-"),
)
MUTATION = st.one_of(
    st.tuples(st.just("hapus"), st.sampled_from(_MAPPING_KEYS), st.none()),
    st.tuples(st.just("ganti"), st.sampled_from(_LEAVES), RANDOM_VALUES),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATION, min_size=1, max_size=4))
def test_validate_fails_only_with_dataset_error_whatever_is_changed(
        mutations: list[tuple[str, tuple[Any, ...], Any]]) -> None:
    data = copy.deepcopy(_BASE)
    for kind, path, value in mutations:
        node = data
        try:
            for key in path[:-1]:
                node = node[key]
            if kind == "hapus":
                del node[path[-1]]
            else:
                node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this place
    try:
        validate(data)
    except DatasetError as exc:
        assert exc.masalah and all(isinstance(m, str) and m for m in exc.masalah)
