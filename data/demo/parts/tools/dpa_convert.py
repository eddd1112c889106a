#!/usr/bin/env python3
"""Convert "Tabel 3.2. Realisasi Anggaran Tahun 2023" of the seed LAKIP text into
data/demo/parts/dpa.yaml (top-level keys `program` and `anggaran_tercetak`).

Usage: python3 dpa_convert.py [SEED_TXT] [OUT_YAML]

Rules (see docs/dataset-format.md and the brief):
- program / kegiatan / sub kegiatan codes come only from reference/*.tsv, matched by name
  (whitespace, case and a few known spelling variants normalised); otherwise kode null.
- rekening lines are nested by the Permendagri 90/2019 level inferred from the line NAME
  (the text's indentation is unreliable); amounts are kept exactly as printed.
- lines that lost one number: the column is decided by explicit, verified overrides below
  (the arithmetic of siblings vs parent); the other column is null.
"""
import csv
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]          # /work/main
SEED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/seeds/000_3aabf0c976021ff8.txt")
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data/demo/parts/dpa.yaml"
YEAR = 2023
BIDANG = "1.06"

NUM = re.compile(r"^(?:\d{1,3}(?:\.\d{3})*|-)$")
REKENING_START = re.compile(r"^(?:Belanja |Belana |Tambahan |Tambahkan |Honor)")

# ---------------------------------------------------------------- reference lists
def ws(s):
    return re.sub(r"\s+", " ", s).strip()


def norm(s):
    """Key for name matching: case, whitespace, spacing around '/' and known spelling
    variants of the report are neutralised."""
    s = ws(s).lower()
    s = re.sub(r"\s*/\s*", "/", s)
    s = re.sub(r"\s*,\s*", ", ", s)
    repl = {
        "rehabilitas ": "rehabilitasi ",
        "pengandaan": "penggandaan",
        "barang cetak ": "barang cetakan ",
        "kerjasama": "kerja sama",
        "biaya pemeliharaan dan pajak": "biaya pemeliharaan, dan pajak",
    }
    for a, b in repl.items():
        s = s.replace(a, b)
    return s


def load_tsv(name):
    with open(ROOT / "reference" / name, encoding="utf-8", newline="") as f:
        return [(r[0].strip(), ws(r[1])) for r in csv.reader(f, delimiter="\t") if r]


PROGRAMS = {norm(n): k for k, n in load_tsv("program.tsv") if k.startswith(BIDANG + ".")}
PROGRAM_NAME = {k: n for k, n in load_tsv("program.tsv")}
SUPPORT_PROGRAM = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
KEG = load_tsv("kegiatan.tsv")
SUB = load_tsv("sub_kegiatan.tsv")


def support_suffixes(rows, depth):
    """name -> set of the KK(.SSSS) tails used by the X.XX.01 support program."""
    out = {}
    for k, n in rows:
        p = k.split(".")
        if len(p) == depth and p[2] == "01" and p[3] == "2":
            out.setdefault(norm(n), {}).setdefault(".".join(p[4:]), n)
    return out


SUP_KEG = support_suffixes(KEG, 5)
SUP_SUB = support_suffixes(SUB, 6)


def lookup_kegiatan(prog_kode, name):
    if prog_kode == BIDANG + ".01":
        hit = SUP_KEG.get(norm(name))
        if hit and len(hit) == 1:
            (tail, off), = hit.items()
            return f"{prog_kode}.2.{tail}", off
        return None, None
    if prog_kode is None:
        return None, None
    c = [(k, n) for k, n in KEG if k.startswith(prog_kode + ".2.") and norm(n) == norm(name)]
    return c[0] if len(c) == 1 else (None, None)


def lookup_sub(prog_kode, keg_kode, name):
    if keg_kode is None:
        return None, None
    if prog_kode == BIDANG + ".01":
        hit = SUP_SUB.get(norm(name))
        if not hit:
            return None, None
        kk = keg_kode.split(".")[-1]
        tails = {t: n for t, n in hit.items() if t.startswith(kk + ".")}
        if len(tails) == 1:
            (tail, off), = tails.items()
            return f"{prog_kode}.2.{tail}", off
        return None, None
    c = [(k, n) for k, n in SUB if k.startswith(keg_kode + ".") and norm(n) == norm(name)]
    return c[0] if len(c) == 1 else (None, None)


def lookup_program(name):
    if norm(name) == norm(SUPPORT_PROGRAM):
        return BIDANG + ".01", SUPPORT_PROGRAM
    k = PROGRAMS.get(norm(name))
    return (k, PROGRAM_NAME[k]) if k else (None, None)


# ---------------------------------------------------------------- rekening levels
L2 = {"Belanja Operasi", "Belanja Modal"}
L3 = {"Belanja Pegawai", "Belanja Barang dan Jasa", "Belanja Hibah", "Belanja Bantuan Sosial",
      "Belanja Modal Peralatan dan Mesin"}
L4 = {"Belanja Gaji dan Tunjangan ASN", "Belanja Tambahan Penghasilan ASN",
      "Tambahan Penghasilan berdasarkan Pertimbangan Objektif Lainnya ASN",
      "Tambahkan Penghasilan berdasarkan Pertimbangan Objektif Lainnya ASN",
      "Belanja Barang", "Belanja Jasa", "Belanja Pemeliharaan",
      "Belanja Perjalanan Dinas", "Belana Perjalanan Dinas",
      "Belanja Hibah kepada Badan, Lembaga, Organisasi Kemasyarakatan yang Berbadan Hukum Indonesia",
      "Belanja Bantuan Sosial kepada Individu",
      "Belanja Modal Alat Kantor dan Rumah Tangga", "Belanja Modal Komputer"}
L5 = {"Belanja Gaji Pokok ASN", "Belanja Tunjangan Keluarga ASN", "Belanja Tunjangan Jabatan ASN",
      "Belanja Tunjangan Fungsional ASN", "Belanja Tunjangan Fungsional Umum ASN",
      "Belanja Tunjangan Beras ASN", "Belanja Tunjangan PPh/Tunjangan Khusus ASN",
      "Belanja Pembulatan Gaji ASN",
      "Tambahan Penghasilan berdasarkan Beban Kerja ASN",
      "Tambahan Penghasilan berdasarkan Kondisi Kerja ASN",
      "Tambahan Penghasilan berdasarkan Kelangkaan Profesi ASN",
      "Tambahan Penghasilan berdasarkan Prestasi Kerja ASN",
      "Belanja Honorarium", "Belanja Barang Pakai Habis", "Belanja Jasa Kantor",
      "Belanja Sewa Peralatan dan Mesin", "Belanja Sewa Aset Tetap Lainnya",
      "Belanja Pemeliharaan Peralatan dan Mesin", "Belanja Pemeliharaan Gedung dan Bangunan",
      "Belanja Perjalanan Dinas Dalam Negeri",
      "Belanja Hibah kepada Badan dan Lembaga Nirlaba, Sukarela Bersifat Sosial Kemasyarakatan",
      "Belanja Modal Alat Rumah Tangga", "Belanja Modal Komputer Unit",
      "Belanja Modal Peralatan Komputer"}
# L5 only when printed directly after "Belanja Bantuan Sosial kepada Individu"; the same
# wording printed again right after it is the level-6 line (the doubled line).
BANSOS_L5 = re.compile(r"^Belanja Bantuan Sosial (Uang|Barang) yang [Dd]irencanakan kepada Individu$")

KODE_REKENING = {
    "Belanja Operasi": "5.1", "Belanja Modal": "5.2",
    "Belanja Pegawai": "5.1.01", "Belanja Barang dan Jasa": "5.1.02", "Belanja Hibah": "5.1.05",
    "Belanja Bantuan Sosial": "5.1.06", "Belanja Modal Peralatan dan Mesin": "5.2.02",
    "Belanja Barang": "5.1.02.01", "Belanja Jasa": "5.1.02.02", "Belanja Pemeliharaan": "5.1.02.03",
    "Belanja Perjalanan Dinas": "5.1.02.04", "Belana Perjalanan Dinas": "5.1.02.04",
    "Belanja Barang Pakai Habis": "5.1.02.01.01", "Belanja Jasa Kantor": "5.1.02.02.01",
    "Belanja Perjalanan Dinas Dalam Negeri": "5.1.02.04.01",
    "Belanja Perjalanan Dinas Biasa": "5.1.02.04.01.0001",
    "Belanja Perjalanan Dinas Dalam Kota": "5.1.02.04.01.0003",
}
ATK = {"Alat Tulis Kantor": "5.1.02.01.01.0024", "Kertas dan Cover": "5.1.02.01.01.0025",
       "Bahan Cetak": "5.1.02.01.01.0026", "Benda Pos": "5.1.02.01.01.0027"}
ATK_RE = re.compile(r"^Belanja Alat/Bahan untuk Kegiatan Kantor-\s*(.+)$")


def kode_rekening(uraian, level):
    k = KODE_REKENING.get(uraian)
    if k and k.count(".") + 1 == level:
        return k
    m = ATK_RE.match(uraian)
    if m and level == 6 and m.group(1) in ATK:
        return ATK[m.group(1)]
    return None


# ---------------------------------------------------------------- single-number lines
# Verified by hand against the parent row (see dpa_check.py output and the report).
# key: (source line number, uraian) -> (column of the printed number, catatan)
SINGLE = {
    1249: ("Belanja Bantuan Sosial Uang yang Direncanakan kepada Individu", "pagu",
           "Baris ini hanya mencetak satu angka (15.000.000); kolom lainnya hilang dalam konversi. "
           "Induknya (anak tunggal) mencetak 15.000.000 / 15.000.000, jadi aritmetika tidak bisa "
           "memutuskan; dianggap pagu seperti baris-baris satu angka berikutnya di blok yang sama "
           "(baris teks 1255–1266), yang terbukti kolom pagu. Realisasi tidak tercetak (null)."),
    1255: ("Belanja Bahan-Bahan Lainnya", "pagu",
           "Baris ini hanya mencetak '-'. Angka tunggal kelima saudaranya berjumlah 9.200.000 = pagu "
           "induk (Belanja Barang Pakai Habis 9.200.000 / 6.514.600), jadi angka tunggal di blok ini "
           "adalah kolom pagu; '-' dianggap pagu. Realisasi tidak tercetak (null)."),
    1256: ("Belanja Alat/Bahan untuk Kegiatan Kantor- Alat Tulis Kantor", "pagu",
           "Hanya satu angka tercetak. 681.900 + 369.600 + 798.500 + 300.000 + 7.050.000 = 9.200.000 = "
           "pagu induk (Belanja Barang Pakai Habis 9.200.000 / 6.514.600), bukan realisasinya, jadi "
           "angka ini pagu. Realisasi tidak tercetak (null)."),
    1257: ("Belanja Alat/Bahan untuk Kegiatan Kantor- Kertas dan Cover", "pagu",
           "Hanya satu angka tercetak; angka tunggal saudara-saudaranya berjumlah 9.200.000 = pagu induk, "
           "jadi angka ini pagu. Realisasi tidak tercetak (null)."),
    1258: ("Belanja Alat/Bahan untuk Kegiatan Kantor- Bahan Cetak", "pagu",
           "Hanya satu angka tercetak; angka tunggal saudara-saudaranya berjumlah 9.200.000 = pagu induk, "
           "jadi angka ini pagu. Realisasi tidak tercetak (null)."),
    1259: ("Belanja Alat/Bahan untuk Kegiatan Kantor- Benda Pos", "pagu",
           "Hanya satu angka tercetak; angka tunggal saudara-saudaranya berjumlah 9.200.000 = pagu induk, "
           "jadi angka ini pagu. Realisasi tidak tercetak (null)."),
    1260: ("Belanja Makanan dan Minuman Aktivitas Lapangan", "pagu",
           "Hanya satu angka tercetak; angka tunggal saudara-saudaranya berjumlah 9.200.000 = pagu induk, "
           "jadi angka ini pagu. Realisasi tidak tercetak (null)."),
    1263: ("Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, dan Panitia", "pagu",
           "Hanya satu angka tercetak (4.800.000); anak tunggal dari Belanja Jasa Kantor 4.800.000 / "
           "2.500.000: sama dengan pagu induk, bukan realisasinya, jadi pagu. Realisasi tidak tercetak (null)."),
    1266: ("Belanja Perjalanan Dinas Dalam Kota", "pagu",
           "Hanya satu angka tercetak (6.000.000); anak tunggal dari Belanja Perjalanan Dinas Dalam Negeri "
           "6.000.000 / 2.400.000: sama dengan pagu induk, bukan realisasinya, jadi pagu. Realisasi tidak "
           "tercetak (null)."),
    1270: ("Belanja Bantuan Sosial Uang yang Direncanakan kepada Individu", "pagu",
           "Hanya satu angka tercetak (50.000.000); anak tunggal dari induk 50.000.000 / 50.000.000, jadi "
           "aritmetika tidak bisa memutuskan; dianggap pagu seperti baris-baris satu angka lain di blok yang "
           "sama (baris teks 1255–1266), yang terbukti kolom pagu. Realisasi tidak tercetak (null)."),
}

# Notes on program / kegiatan / sub kegiatan whose code is left null.
NULL_NOTES = {
    "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD":
        "Tidak ada di daftar referensi (reference/sub_kegiatan.tsv hanya memuat X.XX.01.2.01.0001, "
        ".0002, .0006, .0007); kode tidak ditebak.",
    "Penyediaan Administrasi Pelaksanaan Tugas ASN":
        "Tidak ada di daftar referensi untuk kegiatan X.XX.01.2.02; kode tidak ditebak.",
    "Penyediaan Jasa Surat Menyurat":
        "Tidak ada di daftar referensi untuk kegiatan X.XX.01.2.08; kode tidak ditebak.",
    "Koordinasi dan Sinkronisasi Penerbitan Izin Undian Gratis Berhadiah dan Pengumpulan Uang atau Barang":
        "Referensi hanya memuat 1.06.02.2.02.0003 'Koordinasi dan Sinkronisasi Penyelenggaraan Undian "
        "Gratis Berhadiah dan Pengumpulan Uang atau Barang' ('Penyelenggaraan', bukan 'Penerbitan Izin'); "
        "bukan sekadar varian ejaan, jadi kode tidak ditebak.",
    "Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kewenangan Kabupaten/Kota":
        "Tidak ada di daftar referensi untuk kegiatan 1.06.02.2.03; kode tidak ditebak.",
    "Peningkatan Kemampuan Potensi Tenaga Kesejahteraan Sosial Kecamatan Kewenangan Kabupaten/Kota":
        "Tidak ada di daftar referensi untuk kegiatan 1.06.02.2.03; kode tidak ditebak.",
    "Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi di Daerah Kabupaten/Kota untuk Dipulangkan ke Desa/Kelurahan Asal":
        "Daftar referensi tidak memuat kegiatan apa pun di bawah program 1.06.03; kode tidak ditebak.",
    "Fasilitasi Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi di Daerah Kabupaten/Kota untuk dipulangkan ke Desa/Kelurahan Asal":
        "Daftar referensi tidak memuat kegiatan/sub kegiatan di bawah program 1.06.03; kode tidak ditebak.",
    "Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota":
        "Tidak ada di daftar referensi untuk kegiatan 1.06.07.2.01 (hanya .0002 dan .0005); kode tidak ditebak.",
}

# Lines printed out of place relative to the hierarchy (kept where the hierarchy puts them).
MISPLACED = {
    1312: "Angka tercetak 23.704.200 / 22.859.900 sama dengan total sub kegiatan, jadi sudah termasuk "
          "Belanja Modal 21.416.000 / 20.649.000 yang dicetak sesudahnya; rinciannya sendiri (Belanja Barang "
          "dan Jasa) hanya 2.288.200 / 2.210.900. Angka tercetak dipertahankan; temuan untuk reviu.",
    1320: "Dicetak sesudah rincian Belanja Operasi dan nilainya termasuk dalam 'Belanja Operasi "
          "23.704.200' yang tercetak (2.288.200 + 21.416.000 = 23.704.200); menurut hierarki "
          "Permendagri 90/2019 Belanja Modal (5.2) setara dengan Belanja Operasi (5.1), jadi disarangkan "
          "langsung di bawah sub kegiatan. Angka tercetak dipertahankan; selisihnya temuan untuk reviu.",
}


# ---------------------------------------------------------------- parsing
def parse_rows(lines):
    start = next(i for i, l in enumerate(lines) if l.startswith("Tabel 3.2."))
    hdr = next(i for i in range(start, len(lines)) if lines[i].split("\t")[:4] == ["1", "2", "3", "4"])
    rows = []
    for i in range(hdr + 1, len(lines)):
        raw = lines[i].rstrip("\n")
        if raw.startswith("Berdasarkan tabel"):
            break
        fields = [f.strip() for f in raw.split("\t")]
        fields = [f for f in fields if f]
        if not fields:
            continue
        nums = []
        while fields and NUM.match(fields[-1]):
            nums.insert(0, fields.pop())
        name = ws(" ".join(fields)) if fields else None
        if fields and any(NUM.match(f) for f in fields):
            raise SystemExit(f"line {i+1}: number inside name: {raw!r}")
        rows.append({"line": i + 1, "name": name, "nums": nums, "indent": len(raw) - len(raw.lstrip("\t"))})
    return rows


def is_rekening(row):
    return row["name"] is not None and bool(REKENING_START.match(row["name"]))


def amounts(row):
    n = row["nums"]
    if len(n) == 2:
        return n[0], n[1], None
    if len(n) == 1:
        if row["line"] not in SINGLE:
            raise SystemExit(f"line {row['line']}: single number without a decided column: {row}")
        expect, col, note = SINGLE[row["line"]]
        if expect != row["name"]:
            raise SystemExit(f"line {row['line']}: SINGLE override is for {expect!r}, found {row['name']!r}")
        return (n[0], None, note) if col == "pagu" else (None, n[0], note)
    if len(n) == 0:
        return None, None, "Baris ini tidak mencetak angka."
    raise SystemExit(f"line {row['line']}: too many numbers {n}")


def build(rows):
    programs, tercetak = [], []
    log = {"skipped_levels": [], "levels": {}}
    prog = keg = sub = None
    stack = []  # [(level, node)]
    prev_rek_name = None
    for idx, row in enumerate(rows):
        name = row["name"]
        nxt = rows[idx + 1] if idx + 1 < len(rows) else None
        if name is None:  # unlabeled total row
            p, r, _ = amounts(row)
            tercetak.append({"tempat": "Tabel 3.2 baris jumlah", "tahun": YEAR, "pagu": p, "realisasi": r,
                             "catatan": f"Baris tanpa uraian di akhir tabel (baris {row['line']} teks sumber)."})
            continue
        if name.startswith("URUSAN PEMERINTAHAN"):
            p, r, _ = amounts(row)
            tercetak.append({"tempat": "Tabel 3.2 baris urusan", "tahun": YEAR, "pagu": p, "realisasi": r,
                             "catatan": f"Dicetak sebagai: {name}"})
            continue
        p, r, note = amounts(row) if not is_rekening(row) else (None, None, None)
        if not is_rekening(row):
            ang = {YEAR: {"pagu": p, "realisasi": r}}
            if name.lower().startswith("program "):
                kode, off = lookup_program(name)
                prog = node(kode, off, name, ang)
                prog["kegiatan"] = []
                programs.append(prog)
                keg = sub = None
            elif nxt is not None and not is_rekening(nxt):
                kode, off = lookup_kegiatan(prog["kode"], name)
                keg = node(kode, off, name, ang)
                keg["sub_kegiatan"] = []
                prog["kegiatan"].append(keg)
                sub = None
            else:
                kode, off = lookup_sub(prog["kode"], keg["kode"], name)
                sub = node(kode, off, name, ang)
                sub["rekening"] = {YEAR: []}
                keg["sub_kegiatan"].append(sub)
                stack = [(1, sub)]
                prev_rek_name = None
            continue
        # rekening line
        if name in L2:
            level = 2
        elif name in L3:
            level = 3
        elif name in L4:
            level = 4
        elif name in L5:
            level = 5
        elif BANSOS_L5.match(name) and prev_rek_name == "Belanja Bantuan Sosial kepada Individu":
            level = 5
        else:
            level = 6
        log["levels"].setdefault(level, set()).add(name)
        prev_rek_name = name
        p, r, note = amounts(row)
        rek = {"kode": kode_rekening(name, level), "uraian": name, "pagu": p, "realisasi": r}
        notes = [n for n in (note, MISPLACED.get(row["line"])) if n]
        if notes:
            rek["catatan"] = " ".join(notes)
        while stack[-1][0] >= level:
            stack.pop()
        parent_level, parent = stack[-1]
        if level != parent_level + 1:
            log["skipped_levels"].append((row["line"], name, parent_level, level,
                                          parent.get("nama") or parent.get("uraian")))
        if parent_level == 1:
            parent["rekening"][YEAR].append(rek)
        else:
            parent.setdefault("rincian", []).append(rek)
        rek["_level"] = level
        stack.append((level, rek))
    return programs, tercetak, log


NAME_NOTES = {
    "Penyediaan Barang Cetak dan Pengandaan":
        "Dicocokkan dengan X.XX.01.2.06.0005 'Penyediaan Barang Cetakan dan Penggandaan': satu-satunya "
        "kandidat di kegiatan 2.06; beda hanya ejaan ('Cetak'/'Cetakan', 'Pengandaan'/'Penggandaan').",
}


def node(kode, official, printed, ang):
    n = {"kode": kode, "nama": official if official else printed}
    if official and ws(official) != ws(printed):
        n["nama_tercetak"] = [printed]
    n["anggaran"] = ang
    if kode is None:
        n["catatan"] = NULL_NOTES.get(printed, "Nama tidak ditemukan di daftar referensi; kode tidak ditebak.")
    elif printed in NAME_NOTES:
        n["catatan"] = NAME_NOTES[printed]
    return n


def note_missing_level2(programs):
    """A sub kegiatan whose first printed rekening level is below 2 gets a note (nothing invented)."""
    for p in programs:
        for k in p["kegiatan"]:
            for s in k["sub_kegiatan"]:
                tops = s["rekening"][YEAR]
                if any(r["_level"] != 2 for r in tops):
                    names = ", ".join(f"{r['uraian']} {r['pagu']} / {r['realisasi']}" for r in tops)
                    msg = ("Tidak ada baris 'Belanja Operasi' tercetak untuk sub kegiatan ini; baris yang "
                           f"tercetak ({names}) disarangkan langsung di bawah sub kegiatan, tidak ditambah.")
                    s["catatan"] = (s["catatan"] + " " + msg) if "catatan" in s else msg


# ---------------------------------------------------------------- YAML writer
def q(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def emit_rek(out, rek, ind):
    pad = " " * ind
    out.append(f"{pad}- kode: {q(rek['kode'])}")
    out.append(f"{pad}  uraian: {q(rek['uraian'])}")
    out.append(f"{pad}  pagu: {q(rek['pagu'])}")
    out.append(f"{pad}  realisasi: {q(rek['realisasi'])}")
    if "catatan" in rek:
        out.append(f"{pad}  catatan: {q(rek['catatan'])}")
    if rek.get("rincian"):
        out.append(f"{pad}  rincian:")
        for c in rek["rincian"]:
            emit_rek(out, c, ind + 4)


def emit_node(out, n, ind, child_key):
    pad = " " * ind
    out.append(f"{pad}- kode: {q(n['kode'])}")
    out.append(f"{pad}  nama: {q(n['nama'])}")
    if "nama_tercetak" in n:
        out.append(f"{pad}  nama_tercetak: [{', '.join(q(x) for x in n['nama_tercetak'])}]")
    a = n["anggaran"][YEAR]
    out.append(f"{pad}  anggaran: {{{YEAR}: {{pagu: {q(a['pagu'])}, realisasi: {q(a['realisasi'])}}}}}")
    if "catatan" in n:
        out.append(f"{pad}  catatan: {q(n['catatan'])}")
    if child_key == "kegiatan":
        out.append(f"{pad}  kegiatan:")
        for k in n["kegiatan"]:
            emit_node(out, k, ind + 4, "sub_kegiatan")
    elif child_key == "sub_kegiatan":
        out.append(f"{pad}  sub_kegiatan:")
        for s in n["sub_kegiatan"]:
            emit_node(out, s, ind + 4, "rekening")
    else:
        out.append(f"{pad}  rekening:")
        out.append(f"{pad}    {YEAR}:")
        for r in n["rekening"][YEAR]:
            emit_rek(out, r, ind + 6)


def main():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    rows = parse_rows(lines)
    programs, tercetak, log = build(rows)
    note_missing_level2(programs)
    out = [
        "# Tabel 3.2. Realisasi Anggaran Tahun 2023 (LAKIP 2023 Dinas Sosial Kota Metro), as printed.",
        "# Generated by data/demo/parts/tools/dpa_convert.py; checked by dpa_check.py.",
        "# The column headed 'Rencana' holds the realisasi. Amounts are kept as printed, errors included.",
        "program:",
    ]
    for p in programs:
        emit_node(out, p, 2, "kegiatan")
    out.append("anggaran_tercetak:")
    for t in tercetak:
        out.append(f"  - {{tempat: {q(t['tempat'])}, tahun: {t['tahun']}, pagu: {q(t['pagu'])}, "
                   f"realisasi: {q(t['realisasi'])}, catatan: {q(t['catatan'])}}}")
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(programs)} programs, {len(rows)} table rows")
    for lvl in sorted(log["levels"]):
        print(f"level {lvl}: {len(log['levels'][lvl])} distinct names")
        if lvl < 6:
            for n in sorted(log["levels"][lvl]):
                print("   ", n)
    print("level-6 names:")
    for n in sorted(log["levels"].get(6, ())):
        print("   ", n)
    print("lines attached with a skipped level (child level != parent level + 1):")
    for x in log["skipped_levels"]:
        print("   ", x)


if __name__ == "__main__":
    main()
