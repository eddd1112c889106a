"""`akuntabel referensi`: every edition of the folder is loaded with as many codes as its files
have rows, a rerun changes nothing, and a broken file writes nothing and names its line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from akuntabel.cli import main
from akuntabel.references.loader import DEFAULT_FOLDER, ReferenceError, load_reference_lists
from akuntabel.references.models import (
    EdisiReferensi,
    KodeNomenklatur,
    KodeRekening,
    PadananKode,
)

pytestmark = pytest.mark.django_db

SHIPPED = {
    ("kepmendagri-900-1317-2023-kabkota", "urusan"): ("urusan.tsv", 10),
    ("kepmendagri-900-1317-2023-kabkota", "bidang"): ("bidang.tsv", 45),
    ("kepmendagri-900-1317-2023-kabkota", "program"): ("program.tsv", 188),
    ("kepmendagri-900-1317-2023-kabkota", "kegiatan"): ("kegiatan.tsv", 729),
    ("kepmendagri-900-1317-2023-kabkota", "sub_kegiatan"): ("sub_kegiatan.tsv", 3395),
    ("sipd-2027-kabkota", "bidang"): ("sipd-2027/kabkota/bidang.tsv", 45),
    ("sipd-2027-kabkota", "program"): ("sipd-2027/kabkota/program.tsv", 189),
    ("sipd-2027-kabkota", "kegiatan"): ("sipd-2027/kabkota/kegiatan.tsv", 713),
    ("sipd-2027-kabkota", "sub_kegiatan"): ("sipd-2027/kabkota/sub_kegiatan.tsv", 3550),
    ("sipd-2027-provinsi", "bidang"): ("sipd-2027/provinsi/bidang.tsv", 50),
    ("sipd-2027-provinsi", "program"): ("sipd-2027/provinsi/program.tsv", 217),
    ("sipd-2027-provinsi", "kegiatan"): ("sipd-2027/provinsi/kegiatan.tsv", 912),
    ("sipd-2027-provinsi", "sub_kegiatan"): ("sipd-2027/provinsi/sub_kegiatan.tsv", 4031),
}


def file_rows(name: str, header: bool = False) -> int:
    with (DEFAULT_FOLDER / name).open(encoding="utf-8", newline="") as f:
        return sum(1 for row in csv.reader(f, delimiter="\t") if any(row)) - header


def snapshot() -> list:
    return [list(m.objects.order_by("pk").values_list())
            for m in (EdisiReferensi, KodeNomenklatur, KodeRekening, PadananKode)]


def test_the_shipped_lists_load_with_as_many_codes_as_their_files_have_rows():
    load_reference_lists()
    for (edisi, tingkat), (name, expected) in SHIPPED.items():
        loaded = KodeNomenklatur.objects.filter(edisi__kode=edisi, tingkat=tingkat).count()
        assert loaded == file_rows(name) == expected, name
    rekening = KodeRekening.objects.filter(edisi__kode="rekening-belanja-900-1317-2023")
    assert rekening.count() == file_rows("rekening_belanja.tsv") == 4276
    assert [rekening.filter(tingkat=t).count() for t in range(1, 7)] == [1, 4, 15, 98, 324, 3834]
    padanan = PadananKode.objects.all()
    assert padanan.count() == file_rows("crosswalk_sub_kegiatan_900_sipd2027.tsv", True) == 3982
    assert padanan.filter(status="kode_berbeda").count() == 111


def test_the_shipped_editions_carry_their_legal_basis_date_and_source():
    load_reference_lists()
    sipd = EdisiReferensi.objects.get(kode="sipd-2027-kabkota")
    assert not sipd.bawaan and sipd.jenis == "kabkota" and sipd.berlaku_mulai.year == 2027
    utama = EdisiReferensi.objects.get(kode="kepmendagri-900-1317-2023-kabkota")
    assert utama.bawaan and utama.berlaku_mulai.year == 2024
    assert "900.1.15.5-1317/2023" in utama.dasar_hukum and "allweDepth/sesendok@" in utama.sumber
    assert EdisiReferensi.objects.get(kode="sipd-2027-provinsi").bawaan
    sub = KodeNomenklatur.objects.get(edisi=sipd, kode="1.01.02.2.01.0001")
    assert sub.definisi.startswith("Cakupan:") and sub.meta["spm"] == "SPM"
    assert sub.sumber.startswith("allweDepth/sesendok@")
    pair = PadananKode.objects.get(kode_asal="1.06.05.2.02.0002")
    assert pair.kode_tujuan == "1.06.05.2.02.0008" and pair.status == "kode_berbeda"


def test_every_sub_kegiatan_code_of_the_demo_resolves_in_the_default_kab_kota_edition(
        demo_opd):
    from akuntabel.plans.models import SubKegiatan
    from akuntabel.references.services import edisi_pemda, nomenklatur

    load_reference_lists()
    edisi = edisi_pemda(demo_opd.pemda)
    kode = SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=demo_opd) \
        .values_list("kode", flat=True)
    assert edisi.kode == "kepmendagri-900-1317-2023-kabkota" and len(kode) >= 43
    assert [k for k in kode if not k or nomenklatur(edisi, k) is None] == []
    # SIPD's own number of an annex code, through the crosswalk
    assert nomenklatur(edisi, "1.06.05.2.02.0008").kode_daftar == "1.06.05.2.02.0002"


def test_a_rerun_changes_nothing():
    load_reference_lists()
    before = snapshot()
    hasil = load_reference_lists()
    assert [(h.baru, h.diubah, h.dihapus) for h in hasil] == [(0, 0, 0)] * len(hasil)
    assert snapshot() == before


def test_the_command_prints_the_counts_with_indonesian_numbers(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("AKUNTABEL_VAR_DIR", str(tmp_path))
    assert main(["referensi"]) == 0
    out = capsys.readouterr().out
    assert ("kepmendagri-900-1317-2023-kabkota: 10 urusan, 45 bidang, 188 program, "
            "729 kegiatan, 3.395 sub kegiatan") in out
    assert "rekening-belanja-900-1317-2023: 4.276 rekening" in out
    assert "111 kode berbeda" in out
    assert main(["referensi"]) == 0
    assert "Tidak ada yang berubah" in capsys.readouterr().out


# -- a small folder of one's own -------------------------------------------------------------

MANIFEST = """
[[edisi]]
kode = "uji"
nama = "Edisi uji"
daftar = "nomenklatur"
jenis = "kabkota"
dasar_hukum = "Kepmendagri uji"
berlaku_mulai = 2024-01-01
berkas = { program = "program.tsv", kegiatan = "kegiatan.tsv", sub_kegiatan = "sub.tsv" }

[[edisi]]
kode = "rek-uji"
nama = "Rekening uji"
daftar = "rekening"
jenis = "semua"
dasar_hukum = "Permendagri uji"
berlaku_mulai = 2024-01-01
berkas = { rekening = "rekening.tsv" }
"""
SUB_1 = '1.06.04.2.01.0001\tPenyediaan Permakanan\tK\tI\tOrang\t"baris satu\nbaris dua"\tsumber\n'
SUB_2 = "1.06.04.2.01.0002\tPenyediaan Sandang\tK\tI\tPaket\t\tsumber\n"


def folder(tmp_path: Path, **files: str) -> Path:
    base = {"edisi.toml": MANIFEST,
            "program.tsv": "1.06.04\tPROGRAM REHABILITASI SOSIAL\tsumber\n",
            "kegiatan.tsv": "1.06.04.2.01\tRehabilitasi Sosial Dasar\tsumber\n",
            "sub.tsv": SUB_1 + SUB_2,
            "rekening.tsv": "5\tBELANJA\t\ts\n5.1\tBELANJA OPERASI\t\ts\n"}
    base.update(files)
    tmp_path.mkdir(exist_ok=True)
    for name, text in base.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


BROKEN = [
    pytest.param({"sub.tsv": SUB_1 + "1.06.04.2.01.0002\tPenyediaan Sandang\tK\n"},
                 "sub.tsv baris 3: harus ada 7 kolom dipisah tab, ada 3",
                 id="a row short of columns, after a name over two lines"),
    pytest.param({"sub.tsv": SUB_1 + SUB_1.replace("baris satu\nbaris dua", "x")},
                 "sub.tsv baris 3: kode 1.06.04.2.01.0001 sudah ada sebelumnya",
                 id="a code twice"),
    pytest.param({"sub.tsv": SUB_2.replace("1.06.04.2.01.0002", "1.06.04.2.1.2")},
                 "sub.tsv baris 1: kode '1.06.04.2.1.2' bukan kode sub_kegiatan",
                 id="a code of the wrong form"),
    pytest.param({"sub.tsv": SUB_2.replace("1.06.04.2.01", "1.06.04.2.09")},
                 "sub.tsv baris 1: induk 1.06.04.2.09 dari kode 1.06.04.2.09.0002 tidak ada",
                 id="a code whose parent is not in the list"),
    pytest.param({"rekening.tsv": "5\tBELANJA\t\ts\n5.1.02\tBarang\t\ts\n"},
                 "rekening.tsv baris 2: induk 5.1 dari kode 5.1.02 tidak ada",
                 id="an account code without its parent"),
    pytest.param({"program.tsv": "1.06.04\tPROGRAM REHABILITASI SOSIAL\n"},
                 "program.tsv baris 1: harus ada 3 kolom", id="a row without its source"),
    pytest.param({"edisi.toml": MANIFEST.replace('berkas = { rekening = "rekening.tsv" }',
                                                 'berkas = { rekening = "hilang.tsv" }')},
                 "hilang.tsv: berkas tidak ditemukan", id="a file the manifest names is missing"),
    pytest.param({"edisi.toml": MANIFEST.replace('jenis = "semua"', 'jenis = "desa"')},
                 "edisi.toml edisi ke-2: jenis 'desa' bukan salah satu dari",
                 id="an edition of an unknown kind"),
]


@pytest.mark.parametrize(("files", "message"), BROKEN)
def test_a_broken_file_writes_nothing_and_names_its_line(tmp_path, files, message):
    good = folder(tmp_path / "baik")
    load_reference_lists(good)
    before = snapshot()
    changed = {"program.tsv": "1.06.04\tPROGRAM YANG DIUBAH\tsumber\n"}
    bad = folder(tmp_path / "rusak", **{**changed, **files})
    with pytest.raises(ReferenceError) as exc:
        load_reference_lists(bad)
    assert message in str(exc.value)
    assert snapshot() == before


def test_a_file_that_is_not_utf8_is_refused_with_its_name(tmp_path):
    bad = folder(tmp_path)
    (bad / "kegiatan.tsv").write_bytes("1.06.04.2.01\tRehabilitasi \xe9\ts\n".encode("latin-1"))
    with pytest.raises(ReferenceError, match=r"kegiatan\.tsv: bukan teks UTF-8"):
        load_reference_lists(bad)
    assert not EdisiReferensi.objects.exists()


def test_the_command_refuses_a_broken_folder_in_indonesian(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("AKUNTABEL_VAR_DIR", str(tmp_path / "var"))
    bad = folder(tmp_path, **{"sub.tsv": SUB_1 + "x\n"})
    assert main(["referensi", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Gagal: sub.tsv baris 3:" in err and "Tidak ada daftar kode yang ditulis" in err
    assert main(["referensi", str(tmp_path / "tidak-ada")]) == 2
    assert "folder tidak ditemukan" in capsys.readouterr().err


def test_a_code_dropped_from_a_file_leaves_its_edition_and_a_changed_name_is_updated(tmp_path):
    load_reference_lists(folder(tmp_path))
    load_reference_lists(folder(tmp_path, **{"sub.tsv": SUB_2.replace("Sandang", "Pakaian")}))
    subs = KodeNomenklatur.objects.filter(edisi__kode="uji", tingkat="sub_kegiatan")
    assert list(subs.values_list("kode", "nama", "cari")) == [
        ("1.06.04.2.01.0002", "Penyediaan Pakaian", "penyediaan pakaian")]


def test_a_name_over_two_lines_keeps_its_definition_and_the_name_is_one_line(tmp_path):
    load_reference_lists(folder(tmp_path))
    sub = KodeNomenklatur.objects.get(kode="1.06.04.2.01.0001")
    assert sub.definisi == "baris satu\nbaris dua"
    assert (sub.kinerja, sub.indikator, sub.satuan) == ("K", "I", "Orang")


def test_a_folder_without_a_manifest_says_what_is_missing(tmp_path):
    (tmp_path / "program.tsv").write_text("1.06.04\tP\ts\n", encoding="utf-8")
    with pytest.raises(ReferenceError, match=r"tidak ada edisi\.toml"):
        load_reference_lists(tmp_path)


def test_many_codes_resolve_as_one_by_one_with_one_query_for_the_listed_ones(
        demo_opd, django_assert_max_num_queries):
    from akuntabel.plans.models import SubKegiatan
    from akuntabel.references.services import edisi_pemda, nomenklatur, nomenklatur_many

    load_reference_lists()
    edisi = edisi_pemda(demo_opd.pemda)
    kode = set(SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=demo_opd)
               .values_list("kode", flat=True))
    assert nomenklatur_many(edisi, kode) == {k: nomenklatur(edisi, k) for k in kode}
    tercantum = set(KodeNomenklatur.objects.filter(edisi=edisi, kode__in=kode)
                    .values_list("kode", flat=True))
    assert len(tercantum) >= 10
    with django_assert_max_num_queries(1):   # the codes the edition lists as read: one query
        nomenklatur_many(edisi, tercantum)
    lain = ["1.06.05.2.02.0008",     # SIPD's own number, through the crosswalk
            "1.06.01.2.01.0001",     # a bidang's support programme, listed as X.XX
            " 1.06.02 ", "9.99.99.9.99.9999"]   # spaces around; unknown
    assert nomenklatur_many(edisi, lain) == {k.strip(): nomenklatur(edisi, k) for k in lain}
    assert nomenklatur_many(edisi, lain)["1.06.05.2.02.0008"].kode_daftar == "1.06.05.2.02.0002"
    assert nomenklatur_many(edisi, lain)["9.99.99.9.99.9999"] is None
