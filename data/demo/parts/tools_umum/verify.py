"""Checks for umum.yaml and narasi.yaml (run from anywhere)."""
import csv
import re
from decimal import Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parents[2]
SEED = Path("/work/shared/seeds/000_3aabf0c976021ff8.txt").read_text(encoding="utf-8")
SEED_FLAT = re.sub(r"\s+", " ", re.sub(r"\*+", "", SEED))

umum = yaml.safe_load((HERE / "umum.yaml").read_text(encoding="utf-8"))
narasi = yaml.safe_load((HERE / "narasi.yaml").read_text(encoding="utf-8"))

TOP = ["format", "sumber", "catatan", "pemda", "opd", "rpjmd", "renstra", "komponen_iku",
       "perjanjian_kinerja", "isu_strategis", "anggaran_tercetak"]
assert list(umum) == TOP, list(umum)
assert list(narasi) == ["narasi"]
KEYS = {"kata_pengantar", "ikhtisar_eksekutif", "latar_belakang", "maksud_tujuan", "dasar_hukum",
        "gambaran_umum", "isu_strategis", "perencanaan_kinerja", "visi_misi", "tujuan_sasaran",
        "program", "perjanjian_kinerja", "capaian_kinerja_organisasi", "realisasi_kinerja",
        "perbandingan_tahun_lalu", "perbandingan_renstra", "perhitungan_iku", "analisis_penyebab",
        "analisis_efisiensi", "analisis_program", "realisasi_anggaran", "penutup"}
seen = set()
for n in narasi["narasi"]:
    assert n["kunci"] in KEYS and n["kunci"] != "ikhtisar_eksekutif", n["kunci"]
    assert n["kunci"] not in seen
    seen.add(n["kunci"])
    assert n["tahun"] == 2023 and isinstance(n["teks"], str) and n["teks"].strip()
    # every non-empty teks line must be a (whitespace-normalised) substring of the seed
    for ln in n["teks"].splitlines():
        if ln.strip():
            assert re.sub(r"\s+", " ", ln.strip()) in SEED_FLAT, ln[:80]
    assert re.sub(r"\s+", " ", n["judul"]) in SEED_FLAT or n["kunci"] == "penutup", n["judul"]
print("narasi sections:", len(narasi["narasi"]), "missing keys:", sorted(KEYS - seen))

# no bare numbers except years / misi numbers / tahun keys
def walk(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from walk(v, f"{path}[{i}]")
    else:
        yield path, x

INT_OK = re.compile(r"(tahun|tahun_awal|tahun_akhir|tahun_tercetak|nomor|misi(\[\d\])?|tabel_tahun_tercetak\[\d\])$")
for path, v in walk(umum):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        assert INT_OK.search(path), (path, v)

# printed strings present in the seed
def chk(s):
    assert re.sub(r"\s+", " ", s) in SEED_FLAT, s
r = umum["renstra"]
for t in r["tujuan"]:
    for s in t["uraian_tercetak"]:
        chk(s)
    for i in t["indikator"]:
        chk(i["uraian"]); [chk(s) for s in i["uraian_tercetak"]]
    for sa in t["sasaran"]:
        chk(sa["uraian"]); [chk(s) for s in sa["uraian_tercetak"]]
        for i in sa["indikator"]:
            chk(i["uraian"]); [chk(s) for s in i["uraian_tercetak"]]
for x in r["strategi"] + r["arah_kebijakan"]:
    chk(x["uraian"])
for m in umum["rpjmd"]["misi"]:
    chk(m["uraian"])
chk(umum["rpjmd"]["visi"]); chk(umum["rpjmd"]["dasar_hukum"])
for s in umum["opd"]["dasar_hukum"] + umum["opd"]["fungsi"] + [umum["opd"]["tugas"]]:
    chk(s)
for i in umum["isu_strategis"]:
    chk(i["uraian"])

# komponen
codes = {row[0] for row in csv.reader(open(ROOT / "reference/sub_kegiatan.tsv", encoding="utf-8"), delimiter="\t") if row}
def num(s):
    return Decimal(s.replace(".", "").replace(",", "."))
k = umum["komponen_iku"][0]
tot = Decimal(0)
for it in k["item"]:
    tot += num(it["nilai"])
    assert it["sub_kegiatan"] is None or it["sub_kegiatan"] in codes, it["sub_kegiatan"]
    chk(it["uraian"])
    rs = it.get("rincian") or []
    for rr in rs:
        chk(rr["uraian"])
    if rs:
        print(f"  item {it['nomor']}: nilai {it['nilai']}, rincian sum {sum(num(x['nilai']) for x in rs)}")
print("komponen items:", len(k["item"]), "sum:", tot, "pembilang_tercetak:", k["pembilang_tercetak"])
assert tot == num(k["pembilang_tercetak"])
print("OK")
