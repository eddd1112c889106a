"""One-off: merge the transcription parts into the demo dataset file."""

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))
from akuntabel.adapters.dataset.yamlio import dump_yaml  # noqa: E402

parts = Path(__file__).resolve().parents[1] / "parts"
umum = yaml.safe_load((parts / "umum.yaml").read_text())
dpa = yaml.safe_load((parts / "dpa.yaml").read_text())
ind = yaml.safe_load((parts / "indikator.yaml").read_text())
narasi = yaml.safe_load((parts / "narasi.yaml").read_text())

CHILD = {"program": "kegiatan", "kegiatan": "sub_kegiatan"}


def norm(s):
    return re.sub(r"\s+", " ", (s or "")).strip().lower()


def key(n):
    return ("k", n["kode"]) if n.get("kode") else ("n", norm(n["nama"]))


def merge(base, extra, level):
    by = {key(n): n for n in extra}
    used = set()
    for n in base:
        e = by.get(key(n))
        if e is None:
            continue
        used.add(key(n))
        for k in ("anggaran", "rekening"):
            if k in e:
                n[k] = e[k]
        for alias in e.get("nama_tercetak", []) or []:
            n.setdefault("nama_tercetak", [])
            if alias not in n["nama_tercetak"]:
                n["nama_tercetak"].append(alias)
        if e.get("catatan") and e["catatan"] != n.get("catatan"):
            n["catatan"] = ((n.get("catatan") or "") + "\n" + e["catatan"]).strip()
        child = CHILD.get(level)
        if child:
            n[child] = merge(n.get(child, []), e.get(child, []), child)
    missing = [n for n in extra if key(n) not in used]
    if missing:
        sys.exit(f"not matched at {level}: {[n['nama'] for n in missing]}")
    return base


program = merge(ind["program"], dpa["program"], "program")


def ordered(n, level):
    order = ["kode", "nama", "nama_tercetak", "aktif", "sasaran", "catatan", "indikator",
             "anggaran", "renstra_anggaran", "realisasi_kinerja",
             "realisasi_kinerja_tercetak_3_3", "rekening", "kegiatan", "sub_kegiatan"]
    out = {k: n[k] for k in order if k in n and n[k] not in (None, [], {})}
    extra = set(n) - set(order)
    assert not extra, extra
    child = CHILD.get(level)
    if child and child in out:
        out[child] = [ordered(c, child) for c in out[child]]
    return out


doc = {
    "format": umum["format"],
    "sumber": umum["sumber"],
    "catatan": umum["catatan"],
    "pemda": umum["pemda"],
    "opd": umum["opd"],
    "rpjmd": umum["rpjmd"],
    "renstra": umum["renstra"],
    "program": [ordered(p, "program") for p in program],
    "komponen_iku": umum["komponen_iku"],
    "perjanjian_kinerja": umum["perjanjian_kinerja"],
    "isu_strategis": umum["isu_strategis"],
    "anggaran_tercetak": dpa["anggaran_tercetak"] + umum["anggaran_tercetak"],
    "narasi": narasi["narasi"],
}
header = (
    "# Akuntabel demo dataset: Dinas Sosial Kota Metro, Renstra 2021-2026, realisation 2023.\n"
    "# Transcribed from the LAKIP 2023 of Dinas Sosial Kota Metro, values AS PRINTED, errors\n"
    "# included (the reviu must find them). Format: docs/dataset-format.md.\n"
)
out = Path(__file__).resolve().parents[1] / "kota-metro-dinas-sosial.yaml"
out.write_text(header + dump_yaml(doc))
print("wrote", out, out.stat().st_size)
