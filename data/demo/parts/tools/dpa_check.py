#!/usr/bin/env python3
"""Check data/demo/parts/dpa.yaml: loads, amounts are strings, counts, parent vs sum of
children at every level, leaf totals overall and per program, null codes.

Usage: python3 dpa_check.py [DPA_YAML]
"""
import sys
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[4]
PATH = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data/demo/parts/dpa.yaml"
YEAR = 2023
COLS = ("pagu", "realisasi")

problems = []


def amount(v, where):
    """'-' -> 0, '1.234' -> 1234, None -> None. Anything else is a problem."""
    if v is None:
        return None
    if not isinstance(v, str):
        problems.append(f"{where}: amount is not a string: {v!r} ({type(v).__name__})")
        return None
    if v == "-":
        return Decimal(0)
    digits = v.replace(".", "")
    if not digits.isdigit():
        problems.append(f"{where}: amount not a printed number: {v!r}")
        return None
    return Decimal(digits)


def fmt(d):
    if d is None:
        return "null"
    return f"{int(d):,}".replace(",", ".")


def main():
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    assert set(data) == {"program", "anggaran_tercetak"}, set(data)
    progs = data["program"]
    stats = {"rekening": 0, "leaves": 0, "program": len(progs), "kegiatan": 0, "sub_kegiatan": 0}
    mismatches, incomplete_leaves, null_kode_nodes, notes = [], [], [], []
    unverifiable = []
    leaf_tot_all = {c: Decimal(0) for c in COLS}

    def check_parent(path, printed, children, label):
        """printed: {col: str}, children: list of {col: str}"""
        for c in COLS:
            pv = amount(printed.get(c), f"{path} [{c}]")
            vals = [amount(ch.get(c), f"{path}/child [{c}]") for ch in children]
            known = [v for v in vals if v is not None]
            s = sum(known, Decimal(0))
            partial = len(known) != len(vals)
            if pv is None:
                continue
            if partial:
                unverifiable.append((path, c, printed.get(c), fmt(s), label))
            elif s != pv:
                mismatches.append((path, c, printed.get(c), fmt(s), len(children), partial, label))

    def walk_rek(rek, path, leaf_tot):
        stats["rekening"] += 1
        where = f"{path} > {rek['uraian']}"
        for c in COLS:
            amount(rek.get(c), f"{where} [{c}]")
        if rek.get("catatan"):
            notes.append((where, rek["catatan"]))
        kids = rek.get("rincian") or []
        if kids:
            check_parent(where, rek, kids, "rekening")
            for k in kids:
                walk_rek(k, where, leaf_tot)
        else:
            stats["leaves"] += 1
            for c in COLS:
                v = amount(rek.get(c), where)
                if v is None:
                    incomplete_leaves.append((where, c))
                else:
                    leaf_tot[c] += v

    def ang(n):
        return n["anggaran"][YEAR]

    for p in progs:
        ptot = {c: Decimal(0) for c in COLS}
        ppath = p["nama"]
        if p["kode"] is None:
            null_kode_nodes.append(("program", ppath))
        check_parent(ppath, ang(p), [ang(k) for k in p["kegiatan"]], "program vs kegiatan")
        for k in p["kegiatan"]:
            stats["kegiatan"] += 1
            kpath = f"{ppath} > {k['nama']}"
            if k["kode"] is None:
                null_kode_nodes.append(("kegiatan", kpath))
            check_parent(kpath, ang(k), [ang(s) for s in k["sub_kegiatan"]], "kegiatan vs sub kegiatan")
            for s in k["sub_kegiatan"]:
                stats["sub_kegiatan"] += 1
                spath = f"{kpath} > {s['nama']}"
                if s["kode"] is None:
                    null_kode_nodes.append(("sub_kegiatan", spath))
                reks = s["rekening"][YEAR]
                check_parent(spath, ang(s), reks, "sub kegiatan vs top rekening")
                stot = {c: Decimal(0) for c in COLS}
                n_inc = len(incomplete_leaves)
                for r in reks:
                    walk_rek(r, spath, stot)
                inc_cols = {c for _, c in incomplete_leaves[n_inc:]}
                for c in COLS:
                    ptot[c] += stot[c]
                    sv = amount(ang(s)[c], spath)
                    if c in inc_cols:
                        unverifiable.append((spath, c, ang(s)[c], fmt(stot[c]), "sub kegiatan vs sum of its leaves"))
                    elif sv != stot[c]:
                        mismatches.append((spath, c, ang(s)[c], fmt(stot[c]), "leaves", None,
                                           "sub kegiatan vs sum of its leaves"))
        for c in COLS:
            leaf_tot_all[c] += ptot[c]
        p["_leaf"] = ptot

    # type check every amount in node anggaran / anggaran_tercetak
    def typecheck(n, where):
        for c in COLS:
            amount(ang(n)[c], f"{where} [{c}]")
    for p in progs:
        typecheck(p, p["nama"])
        for k in p["kegiatan"]:
            typecheck(k, k["nama"])
            for s in k["sub_kegiatan"]:
                typecheck(s, s["nama"])
    # codes: rekening only from the allowed list; program tree codes must be in reference/*.tsv
    # (the support program's codes via their KK(.SSSS) tail under any X.XX.01).
    import csv
    allowed_rek = {"5.1", "5.2", "5.1.01", "5.1.02", "5.1.05", "5.1.06", "5.2.02", "5.1.02.01",
                   "5.1.02.02", "5.1.02.03", "5.1.02.04", "5.1.02.01.01", "5.1.02.02.01", "5.1.02.04.01",
                   "5.1.02.01.01.0024", "5.1.02.01.01.0025", "5.1.02.01.01.0026", "5.1.02.01.01.0027",
                   "5.1.02.04.01.0001", "5.1.02.04.01.0003"}
    ref = {}
    for f in ("program.tsv", "kegiatan.tsv", "sub_kegiatan.tsv"):
        with open(ROOT / "reference" / f, encoding="utf-8", newline="") as fh:
            for r in csv.reader(fh, delimiter="\t"):
                if r:
                    ref[r[0].strip()] = " ".join(r[1].split())
    sup_tails = {".".join(k.split(".")[2:]) for k in ref if k.split(".")[2:3] == ["01"]}
    def kode_ok(k):
        if k is None:
            return True
        if k.startswith("1.06.01"):
            return k == "1.06.01" or ".".join(k.split(".")[2:]) in sup_tails
        return k in ref
    def walk_codes(r, parent_kode):
        k = r["kode"]
        if k is not None and k not in allowed_rek:
            problems.append(f"rekening kode not allowed: {k} {r['uraian']}")
        if k is not None and parent_kode is not None and not k.startswith(parent_kode + "."):
            problems.append(f"rekening kode {k} ({r['uraian']}) not under parent kode {parent_kode}")
        for c in r.get("rincian") or []:
            walk_codes(c, k if k is not None else parent_kode)
    for p in progs:
        if not kode_ok(p["kode"]):
            problems.append(f"program kode not in reference: {p['kode']}")
        for k in p["kegiatan"]:
            if not kode_ok(k["kode"]):
                problems.append(f"kegiatan kode not in reference: {k['kode']}")
            for s in k["sub_kegiatan"]:
                if not kode_ok(s["kode"]):
                    problems.append(f"sub kegiatan kode not in reference: {s['kode']}")
                for r in s["rekening"][YEAR]:
                    walk_codes(r, None)
    ter = {t["tempat"]: t for t in data["anggaran_tercetak"]}
    for t in data["anggaran_tercetak"]:
        for c in COLS:
            amount(t[c], t["tempat"])

    print(f"file: {PATH}")
    print("load: OK (yaml.safe_load)")
    print("problems (non-string amounts etc.):", problems or "none")
    print(f"counts: {stats}  (+2 anggaran_tercetak rows; table rows = 7 + {stats['kegiatan']} + "
          f"{stats['sub_kegiatan']} + {stats['rekening']} + 2 = "
          f"{7 + stats['kegiatan'] + stats['sub_kegiatan'] + stats['rekening'] + 2})")
    print()
    print("PARENT != SUM OF CHILDREN (printed vs computed):")
    for m in mismatches:
        path, c, printed, s, n, partial, label = m
        extra = " (some children null -> sum incomplete)" if partial else ""
        print(f"  - [{label}] {path}\n      {c}: printed {printed} vs sum {s}{extra}")
    print()
    print("NOT VERIFIABLE (some children/leaves null in that column; sum of the known ones shown):")
    for path, c, printed, s, label in unverifiable:
        print(f"  - [{label}] {path}\n      {c}: printed {printed} vs known-part sum {s}")
    print()
    print("LEAF TOTALS")
    urusan = ter["Tabel 3.2 baris urusan"]
    jumlah = ter["Tabel 3.2 baris jumlah"]
    for c in COLS:
        print(f"  all leaves {c}: {fmt(leaf_tot_all[c])}  vs urusan row {urusan[c]}  vs total row {jumlah[c]}"
              f"  diff {fmt(amount(urusan[c], 'u') - leaf_tot_all[c])}")
    progsum = {c: sum((amount(ang(p)[c], 'p') for p in progs), Decimal(0)) for c in COLS}
    for c in COLS:
        print(f"  sum of printed program rows {c}: {fmt(progsum[c])} vs urusan {urusan[c]}")
    for p in progs:
        for c in COLS:
            pv = amount(ang(p)[c], "p")
            flag = "" if pv == p["_leaf"][c] else f"   DIFF {fmt(pv - p['_leaf'][c])}"
            print(f"  {p['kode']} {p['nama'][:60]:60} {c:9}: leaves {fmt(p['_leaf'][c]):>15} printed {ang(p)[c]:>15}{flag}")
    print()
    print("LEAVES WITH A NULL AMOUNT (sums incomplete):")
    for w, c in incomplete_leaves:
        print(f"  - {w} [{c}]")
    print()
    print("NODES WITH kode null:")
    for kind, w in null_kode_nodes:
        print(f"  - {kind}: {w}")
    print()
    print("REKENING LINES WITH catatan:")
    for w, n in notes:
        print(f"  - {w}: {n[:110]}...")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
