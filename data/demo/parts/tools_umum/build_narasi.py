"""Cut the LAKIP narrative sections out of the seed by line ranges -> narasi.yaml.

Line numbers are 1-based line numbers of the seed file.
"""
import re
import sys
from pathlib import Path

import yaml

SEED = Path("/work/shared/seeds/000_3aabf0c976021ff8.txt")
OUT = Path(__file__).resolve().parent.parent / "narasi.yaml"

L = SEED.read_text(encoding="utf-8").split("\n")


def line(n):
    return L[n - 1]


# Page-break repairs: the paragraph/list item on line a continues on line b
# (the blank line between them is an extraction artefact of a page break).
JOIN = {75: 77, 290: 292, 326: 328, 362: 364, 437: 439, 480: 482, 495: 497,
        509: 511, 817: 819, 1599: 1601}
# Blank lines inside a list caused by a page break: dropped.
DROP_BLANK = {109, 244, 293, 312, 329, 840, 859, 899}

# (kunci, judul line numbers, [(from, to), ...] included ranges, excluded lines, catatan)
SECTIONS = [
    ("kata_pengantar", [13], [(15, 21)], [],
     "Blok tanda tangan (Metro, Februari 2024; Kepala Dinas Sosial Kota Metro; SRI AMANTO, SH, MH.; "
     "Pembina Utama Muda; NIP. 1968042019930310009) tidak dimasukkan ke teks; datanya ada di opd.pejabat."),
    ("latar_belakang", [69], [(71, 77)], [], None),
    ("maksud_tujuan", [79], [(81, 101)], [], None),
    ("dasar_hukum", [103], [(105, 123)], [], None),
    ("gambaran_umum", [125], [(127, 336)], [],
     "Bagan struktur organisasi (judul \"TRUKTUR ORGANISASI JABATAN FUNGSIONAL DINAS SOSIAL KOTA METRO "
     "(Type C)\") adalah gambar, tidak dimasukkan. Daftar Isi menulis judul \"1.4. Gambaran Umum\"."),
    ("isu_strategis", [343], [(345, 369)], [347, 348],
     "Tabel MISI 2 / Isu strategis dihilangkan (datanya di isu_strategis)."),
    ("perencanaan_kinerja", [375], [(377, 387)], [],
     "Di badan laporan Bab II bernomor \"1. Perencanaan Kinerja\"; Daftar Isi: \"2.1. Perencanaan Kinerja\"."),
    ("visi_misi", [389], [(391, 414)], [],
     "Di badan laporan \"1.1 Visi dan Misi\"; Daftar Isi: \"2.2. Visi dan Misi\"."),
    ("tujuan_sasaran", [416], [(418, 418), (433, 443)], [441],
     "Di badan laporan \"1.2 Tujuan dan Sasaran\"; Daftar Isi: \"2.3. Tujuan dan Sasaran\". "
     "Tabel 2.1 dan rumus tampilan (LaTeX) dihilangkan."),
    ("program", [445], [(447, 454)], [],
     "Di badan laporan \"1.3 Program\"; Daftar Isi: \"2.4. Program\". Tabel tujuan/sasaran/strategi/arah "
     "kebijakan dihilangkan (datanya di renstra)."),
    ("perjanjian_kinerja", [461], [(463, 463), (468, 468)], [],
     "Di badan laporan \"2. Perjanjian Kinerja\"; Daftar Isi: \"2.5. Perjanjian Kinerja\". Tabel PK dihilangkan "
     "(datanya di perjanjian_kinerja)."),
    ("capaian_kinerja_organisasi", [474], [(476, 482), (493, 513), (520, 520)], [],
     "Tabel 3.1 Skala Nilai Peringkat Kerja, tabel target kinerja sasaran, rumus tampilan (LaTeX) dan "
     "potongan \"Jumlah PPKS\" (baris lepas sisa rumus) dihilangkan. Daftar Isi: \"3.1. Capaian Kinerja Organisasi\"."),
    ("realisasi_kinerja", [526], [(528, 528), (607, 607)], [],
     "Tabel indikator kinerja, target dan realisasi program/kegiatan dihilangkan."),
    ("perbandingan_tahun_lalu", [609], [(611, 611), (694, 694)], [],
     "Tabel \"Perbandingan Realisasi Kinerja Tahun 2022 dengan Tahun 2023\" dihilangkan. "
     "Daftar Isi: \"3.3. Realisasi Tahun Ini dan Tahun Lalu\"."),
    ("perbandingan_renstra", [696], [(698, 698)], [],
     "Tabel 1.3. \"Perbandingan Realisasi Kinerja Tahun 2023 Dengan Renstra\" dihilangkan. "
     "Daftar Isi: \"3.4. Perbandingan Realisasi Kinerja Tahun 2023 Dengan Renstra\"."),
    ("perhitungan_iku", [773], [(817, 850)], [827, 831],
     "Tabel capaian IKU dan tabel komponen PPKS yang ditangani dihilangkan (datanya di komponen_iku dan "
     "renstra). Dua rumus tampilan (LaTeX) dihilangkan; yang pertama berbunyi: PPKS = jumlah PPKS yang di "
     "tangani / jumlah PPKS x 100% = 13.415 / 14.460 x 100% = 92.78%."),
    ("analisis_penyebab", [852], [(854, 869)], [],
     "Daftar Isi menulis \"... Serta Solusi Yang Akan Direncanakan Dimasa Akan Datang\"."),
    ("analisis_efisiensi", [871], [(873, 887)], [], None),
    ("analisis_program", [889], [(891, 900)], [],
     "Daftar Isi: \"3.8. Analisis Program/Kegiatan\"."),
    ("realisasi_anggaran", [902], [(904, 904), (1589, 1589)], [],
     "Tabel 3.2. Realisasi Anggaran Tahun 2023 dihilangkan (pohon anggaran dicatat di bagian lain)."),
    ("penutup", [1591, 1593], [(1595, 1607)], [],
     "Blok tanda tangan (Metro, Februari 2024; Kepala Dinas Sosial Kota Metro,; SRI AMANTO, S.H., M.H.; "
     "Pembina Utama Muda; NIP. 19680420 199303 1 009) tidak dimasukkan ke teks."),
]

EMPH = re.compile(r"\*{1,3}([^*\n]+?)\*{1,3}")


def clean(s):
    s = EMPH.sub(r"\1", s)
    assert "*" not in s, s
    assert "$" not in s and "\\" not in s, s
    return s.rstrip()


def cut(ranges, excluded):
    # a None between two ranges stands for the omitted table/formula: a paragraph break
    nums = []
    for a, b in ranges:
        if nums:
            nums.append(None)
        nums += [n for n in range(a, b + 1) if n not in excluded]
    out, skip = [], set()
    for n in nums:
        if n is None:
            out.append("")
            continue
        if n in skip:
            continue
        if n in DROP_BLANK:
            assert line(n).strip() == "", n
            continue
        s = clean(line(n))
        if n in JOIN:
            m = JOIN[n]
            assert all(line(k).strip() == "" for k in range(n + 1, m)), n
            s = s + " " + clean(line(m)).lstrip()
            skip.update(range(n + 1, m + 1))
        out.append(s)
    # collapse runs of blank lines, trim ends
    text, prev_blank = [], True
    for s in out:
        if s == "":
            if not prev_blank:
                text.append("")
            prev_blank = True
        else:
            text.append(s)
            prev_blank = False
    while text and text[-1] == "":
        text.pop()
    return "\n".join(text) + "\n"


class Literal(str):
    pass


def literal_repr(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")


yaml.add_representer(Literal, literal_repr)

narasi = []
for kunci, jl, ranges, excl, cat in SECTIONS:
    judul = " ".join(clean(line(n)).strip() for n in jl)
    item = {"kunci": kunci, "tahun": 2023, "judul": judul, "teks": Literal(cut(ranges, excl))}
    if cat:
        item["catatan"] = cat
    narasi.append(item)

header = (
    "# Narasi LAKIP 2023 Dinas Sosial Kota Metro, dipotong dari teks sumber per rentang baris\n"
    "# oleh tools_umum/build_narasi.py. Teks sebagaimana tercetak (kesalahan dipertahankan);\n"
    "# tabel dan rumus LaTeX dihilangkan, penanda tebal/miring markdown (*, **) dibuang,\n"
    "# paragraf/butir yang terpotong pergantian halaman disambung kembali.\n"
)
body = yaml.dump({"narasi": narasi}, allow_unicode=True, sort_keys=False, width=100000,
                 default_flow_style=False)
OUT.write_text(header + body, encoding="utf-8")
print("wrote", OUT, len(narasi), "sections", file=sys.stderr)
