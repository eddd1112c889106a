"""Build data/demo/parts/indikator.yaml from the seed text (LAKIP 2023 Dinas Sosial Kota Metro).

Sources used: section 3.2 (Realisasi Kinerja 2023, 68 rows), 3.3 (year-on-year table, both
halves), Tabel 1.3 (Perbandingan dengan Renstra). Codes only from reference/*.tsv.
"""
import csv, re, sys
from pathlib import Path
import yaml

ROOT = Path(__file__).resolve().parents[4]
SEED = Path('/work/shared/seeds/000_3aabf0c976021ff8.txt')
L = SEED.read_text(encoding='utf-8').split('\n')
OUT = ROOT / 'data/demo/parts/indikator.yaml'

def ws(s):
    return re.sub(r'\s+', ' ', s).strip()

# ---------------------------------------------------------------- reference
ref = {}
for fn in ('program.tsv', 'kegiatan.tsv', 'sub_kegiatan.tsv'):
    with open(ROOT / 'reference' / fn, encoding='utf-8', newline='') as f:
        for r in csv.reader(f, delimiter='\t'):
            if r:
                assert r[0].strip() not in ref or ref[r[0].strip()] == ws(r[1]), r[:2]
                ref[r[0].strip()] = ws(r[1])
# support program: X.XX.01.2.KK(.SSSS) of any bidang -> 1.06.01...
sup = {}
for k, n in ref.items():
    m = re.match(r'^\d\.\d\d\.01\.(2\.\d\d(?:\.\d{4})?)$', k)
    if m:
        sup.setdefault(m.group(1), set()).add(n)
for k, v in sup.items():
    assert len(v) == 1, (k, v)
    ref['1.06.01.' + k] = v.pop()
ref['1.06.01'] = 'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA'  # brief + dataset-format.md

# ---------------------------------------------------------------- nodes
# (id, level, kode, nama-if-kode-null, aktif, catatan)
# level: P program, K kegiatan, S sub kegiatan. Order = printed order of 3.2 (2023),
# with 2022-only / budget-only nodes inserted where the 2022 half of 3.3 / Tabel 3.2 Realisasi
# Anggaran put them.
NODES = [
 ('P1', 'P', '1.06.01', None, None, None),
 ('K1.01', 'K', '1.06.01.2.01', None, None, None),
 ('S1.01.1', 'S', '1.06.01.2.01.0001', None, None, None),
 ('S1.01.2', 'S', '1.06.01.2.01.0002', None, None, None),
 ('S1.01.perub', 'S', None, 'Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD', None,
  'kode null: sub kegiatan not in reference/sub_kegiatan.tsv (no X.XX.01.2.01 entry with this name).'),
 ('S1.01.6', 'S', '1.06.01.2.01.0006', None, [2022],
  'Named only in the 2022 half of table 3.3; absent from 3.2, Tabel 1.3 and Tabel 3.2 Realisasi Anggaran 2023.'),
 ('S1.01.7', 'S', '1.06.01.2.01.0007', None, [2022],
  'Named only in the 2022 half of table 3.3; absent from 3.2, Tabel 1.3 and Tabel 3.2 Realisasi Anggaran 2023.'),
 ('K1.02', 'K', '1.06.01.2.02', None, None, None),
 ('S1.02.1', 'S', '1.06.01.2.02.0001', None, None, None),
 ('S1.02.admtugas', 'S', None, 'Penyediaan Administrasi Pelaksanaan Tugas ASN', None,
  'kode null: sub kegiatan not in reference/sub_kegiatan.tsv.'),
 ('S1.02.3', 'S', '1.06.01.2.02.0003', None, None, None),
 ('S1.02.akuntansi', 'S', None, 'Koordinasi dan Pelaksanaan Akuntansi SKPD', None,
  'kode null: sub kegiatan not in reference/sub_kegiatan.tsv. Named in 3.2 (row 10), both halves of '
  '3.3 and Tabel 1.3, but NOT in Tabel 3.2 Realisasi Anggaran 2023, which at this place lists '
  '"Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD" (1.06.01.2.02.0005) instead; the '
  'indicator of row 10 ("Tersusunnya Laporan Leuangan Ahir Tahun") fits that sub kegiatan. Kept as a '
  'separate node because the 2022 half of 3.3 lists both sub kegiatan as separate rows.'),
 ('S1.02.5', 'S', '1.06.01.2.02.0005', None, None,
  'In 2023 named only in Tabel 3.2 Realisasi Anggaran (not in 3.2, 3.3-2023 or Tabel 1.3, which print '
  '"Koordinasi dan Pelaksanaan Akuntansi SKPD" at this place); in 2022 it has its own row in 3.3. '
  'Therefore not marked aktif [2022].'),
 ('S1.02.7', 'S', '1.06.01.2.02.0007', None, None, None),
 ('K1.05', 'K', '1.06.01.2.05', None, [2022],
  'Named only in the 2022 half of table 3.3.'),
 ('S1.05.2', 'S', '1.06.01.2.05.0002', None, [2022],
  'Named only in the 2022 half of table 3.3.'),
 ('K1.06', 'K', '1.06.01.2.06', None, None, None),
 ('S1.06.1', 'S', '1.06.01.2.06.0001', None, None, None),
 ('S1.06.2', 'S', '1.06.01.2.06.0002', None, None, None),
 ('S1.06.4', 'S', '1.06.01.2.06.0004', None, None, None),
 ('S1.06.5', 'S', '1.06.01.2.06.0005', None, None, None),
 ('S1.06.6', 'S', '1.06.01.2.06.0006', None, None, None),
 ('S1.06.9', 'S', '1.06.01.2.06.0009', None, None, None),
 ('K1.08', 'K', '1.06.01.2.08', None, None, None),
 ('S1.08.surat', 'S', None, 'Penyediaan Jasa Surat Menyurat', None,
  'kode null: sub kegiatan not in reference/sub_kegiatan.tsv.'),
 ('S1.08.2', 'S', '1.06.01.2.08.0002', None, None, None),
 ('K1.09', 'K', '1.06.01.2.09', None, None, None),
 ('S1.09.1', 'S', '1.06.01.2.09.0001', None, None, None),
 ('S1.09.2', 'S', '1.06.01.2.09.0002', None, [2022],
  'Named only in the 2022 half of table 3.3 (2023 has 1.06.01.2.09.0001, Kendaraan Perorangan Dinas '
  'atau Kendaraan Dinas Jabatan, instead).'),
 ('S1.09.6', 'S', '1.06.01.2.09.0006', None, None, None),
 ('S1.09.9', 'S', '1.06.01.2.09.0009', None, None, None),

 ('P2', 'P', '1.06.02', None, None, None),
 ('K2.02', 'K', '1.06.02.2.02', None, None, None),
 ('S2.02.ugb', 'S', None, 'Koordinasi dan Sinkronisasi Penerbitan Izin Undian Gratis Berhadiah dan Pengumpulan Uang atau Barang', None,
  'kode null: the only reference sub kegiatan of kegiatan 1.06.02.2.02 is 1.06.02.2.02.0003 "Koordinasi '
  'dan Sinkronisasi Penyelenggaraan Undian Gratis Berhadiah dan Pengumpulan Uang atau Barang"; the printed '
  'name says "Penerbitan Izin" instead of "Penyelenggaraan", so the match is not certain.'),
 ('K2.03', 'K', '1.06.02.2.03', None, None, None),
 ('S2.03.psm', 'S', None, 'Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kewenangan Kabupaten/Kota', None,
  'kode null: not in reference/sub_kegiatan.tsv (the reference has 1.06.02.2.03.0014 "... Sumber '
  'Kesejahteraan Sosial Perseorangan ...", a different name).'),
 ('S2.03.tksk', 'S', None, 'Peningkatan Kemampuan Potensi Tenaga Kesejahteraan Sosial Kecamatan Kewenangan Kabupaten/Kota', None,
  'kode null: not in reference/sub_kegiatan.tsv (the reference has 1.06.02.2.03.0014 "... Sumber '
  'Kesejahteraan Sosial Perseorangan ...", a different name).'),
 ('S2.03.3', 'S', '1.06.02.2.03.0003', None, [2022],
  'Named only in the 2022 half of table 3.3.'),
 ('S2.03.4', 'S', '1.06.02.2.03.0004', None, None, None),

 ('P3', 'P', '1.06.03', None, None, None),
 ('K3.pulang', 'K', None, 'Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi di Daerah Kabupaten/Kota untuk Dipulangkan ke Desa/Kelurahan Asal', None,
  'kode null: the reference lists no kegiatan of program 1.06.03. nama as printed in Tabel 3.2 Realisasi Anggaran.'),
 ('S3.pulang', 'S', None, 'Fasilitasi Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi di Daerah Kabupaten/Kota untuk dipulangkan ke Desa/Kelurahan Asal', None,
  'kode null: the reference lists no sub kegiatan of program 1.06.03. nama as printed in Tabel 3.2 Realisasi Anggaran.'),

 ('P4', 'P', '1.06.04', None, None, None),
 ('K4.01', 'K', '1.06.04.2.01', None, None, None),
 ('S4.01.1', 'S', '1.06.04.2.01.0001', None, None, None),
 ('S4.01.2', 'S', '1.06.04.2.01.0002', None, None, None),
 ('S4.01.3', 'S', '1.06.04.2.01.0003', None, None, None),
 ('S4.01.5', 'S', '1.06.04.2.01.0005', None, None, None),
 ('S4.01.6', 'S', '1.06.04.2.01.0006', None, None, None),
 ('S4.01.8', 'S', '1.06.04.2.01.0008', None, None, None),
 ('S4.01.10', 'S', '1.06.04.2.01.0010', None, None, None),
 ('S4.01.12', 'S', '1.06.04.2.01.0012', None, None, None),
 ('K4.02', 'K', '1.06.04.2.02', None, None, None),
 ('S4.02.2', 'S', '1.06.04.2.02.0002', None, None, None),
 ('S4.02.12', 'S', '1.06.04.2.02.0012', None, [2022],
  'Named only in the 2022 half of table 3.3 (under kegiatan 1.06.04.2.02, after its Pemberian Layanan '
  'Kedaruratan). Not a 2023 sub kegiatan in 3.2 or Tabel 3.2 Realisasi Anggaran; the 2023 IKU component '
  'list names "Pemberian pelayanan Reunifikasi Keluarga" only as a service item.'),
 ('S4.02.14', 'S', '1.06.04.2.02.0014', None, None, None),

 ('P5', 'P', '1.06.05', None, None, None),
 ('K5.anak', 'K', None, 'Pemeliharaan Anak-Anak Terlantar', None,
  'kode null: no such kegiatan in reference/kegiatan.tsv. Printed in 3.2 (row 50), 3.3-2023 and Tabel 1.3 '
  'right after the program row; not in Tabel 3.2 Realisasi Anggaran. Treated as a kegiatan (with '
  '"Penjangkauan Anak-anak Terlantar" as its sub kegiatan) following the nomenclature, where '
  'Pemeliharaan Anak-Anak Terlantar is a kegiatan of the Perlindungan dan Jaminan Sosial program and '
  'Penjangkauan Anak-Anak Terlantar one of its sub kegiatan.'),
 ('S5.anak', 'S', None, 'Penjangkauan Anak-anak Terlantar', None,
  'kode null: no such sub kegiatan in reference/sub_kegiatan.tsv; not in Tabel 3.2 Realisasi Anggaran. '
  'Placed as sub kegiatan of "Pemeliharaan Anak-Anak Terlantar" (see the note there).'),
 ('K5.02', 'K', '1.06.05.2.02', None, None, None),
 ('S5.02.1', 'S', '1.06.05.2.02.0001', None, None, None),
 ('S5.02.8', 'S', '1.06.05.2.02.0008', None, None, None),
 ('S5.02.6', 'S', '1.06.05.2.02.0006', None, None, None),
 ('S5.02.4', 'S', '1.06.05.2.02.0004', None, None, None),

 ('P6', 'P', '1.06.06', None, None, None),
 ('K6.01', 'K', '1.06.06.2.01', None, None, None),
 ('S6.01.1', 'S', '1.06.06.2.01.0001', None, None, None),
 ('S6.01.2', 'S', '1.06.06.2.01.0002', None, None, None),
 ('S6.01.7', 'S', '1.06.06.2.01.0007', None, None, None),
 ('S6.01.5', 'S', '1.06.06.2.01.0005', None, None, None),
 ('K6.02', 'K', '1.06.06.2.02', None, None, None),
 ('S6.02.2', 'S', '1.06.06.2.02.0002', None, None, None),

 ('P7', 'P', '1.06.07', None, None, None),
 ('K7.01', 'K', '1.06.07.2.01', None, None, None),
 ('S7.01.2', 'S', '1.06.07.2.01.0002', None, None, None),
 ('S7.01.aman', 'S', None, 'Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota', None,
  'kode null: not in reference/sub_kegiatan.tsv (kegiatan 1.06.07.2.01 lists only 0002 and 0005).'),
]

# ---------------------------------------------------------------- 3.2 (68 rows)
ROW32 = {}   # nomor -> dict
for i in range(520, 612):
    s = L[i]
    if re.match(r'^\d+\t', s):
        f = s.split('\t'); assert len(f) == 7, (i, f)
        n = int(f[0])
        ROW32[n] = dict(line=i + 1, nama=f[3], uraian=f[4] or None, target=f[5] or None, realisasi=f[6] or None)
assert sorted(ROW32) == list(range(1, 69)), sorted(ROW32)

MAP32 = {
 1: 'P1', 2: 'K1.01', 3: 'S1.01.1', 4: 'S1.01.2', 5: 'S1.01.perub', 6: 'K1.02', 7: 'S1.02.1',
 8: 'S1.02.admtugas', 9: 'S1.02.3', 10: 'S1.02.akuntansi', 11: 'S1.02.7', 12: 'K1.06',
 13: 'S1.06.1', 14: 'S1.06.2', 15: 'S1.06.4', 16: 'S1.06.5', 17: 'S1.06.6', 18: 'S1.06.9',
 19: 'K1.08', 20: 'S1.08.surat', 21: 'S1.08.2', 22: 'K1.09', 23: 'S1.09.1', 24: 'S1.09.6',
 25: 'S1.09.9', 26: 'P2', 27: 'K2.02', 28: 'S2.02.ugb', 29: 'K2.03', 30: 'S2.03.psm',
 31: 'S2.03.tksk', 32: 'S2.03.4', 33: 'P3', 34: 'K3.pulang', 35: 'S3.pulang', 36: 'P4',
 37: 'K4.01', 38: 'S4.01.1', 39: 'S4.01.2', 40: 'S4.01.3', 41: 'S4.01.5', 42: 'S4.01.6',
 43: 'S4.01.8', 44: 'S4.01.10', 45: 'S4.01.12', 46: 'K4.02', 47: 'S4.02.2', 48: 'S4.02.14',
 49: 'P5', 50: 'K5.anak', 51: 'S5.anak', 52: 'K5.02', 53: 'S5.02.1', 54: 'S5.02.8',
 55: 'S5.02.6', 56: 'S5.02.4', 57: 'P6', 58: 'K6.01', 59: 'S6.01.1', 60: 'S6.01.2',
 61: 'S6.01.7', 62: 'S6.01.5', 63: 'K6.02', 64: 'S6.02.2', 65: 'P7', 66: 'K7.01',
 67: 'S7.01.2', 68: 'S7.01.aman',
}
PROGRAM_ROWS = [1, 26, 33, 36, 49, 57, 65]

# ---------------------------------------------------------------- 3.3 (both halves)
L33 = list(range(617, 692))   # 0-based indexes of lines 618..692
CONT_LEFT = {624, 639, 667, 677}   # 1-based lines continuing the left cell above
CONT_RIGHT = {639}
left, right = [], []
for i in L33:
    s = L[i]
    if not s.strip():
        continue
    f = s.split('\t'); assert len(f) == 6, (i + 1, f)
    ln = i + 1
    if ln in CONT_LEFT:
        assert f[2] == '' and f[0] == ''
        left[-1]['nama'] += ' ' + f[1]
    elif f[1]:
        left.append(dict(line=ln, program=f[0] or None, nama=f[1], nilai=f[2] or None))
    else:
        assert f[0] == '' and f[2] == '', (ln, f)
    if ln in CONT_RIGHT:
        assert f[5] == ''
        right[-1]['nama'] += ' ' + f[4]
    elif f[4]:
        right.append(dict(line=ln, program=f[3] or None, nama=f[4], nilai=f[5] or None))
    else:
        assert f[3] == '' and f[5] == '', (ln, f)

MAP33L = ['K1.01', 'S1.01.1', 'S1.01.2', 'S1.01.6', 'S1.01.7', 'K1.02', 'S1.02.1', 'S1.02.admtugas',
          'S1.02.3', 'S1.02.akuntansi', 'S1.02.5', 'S1.02.7', 'K1.05', 'S1.05.2', 'K1.06', 'S1.06.1',
          'S1.06.2', 'S1.06.4', 'S1.06.5', 'S1.06.6', 'S1.06.9', 'K1.08', 'S1.08.surat', 'S1.08.2',
          'K1.09', 'S1.09.2', 'S1.09.6', 'S1.09.9', 'K2.02', 'S2.02.ugb', 'K2.03', 'S2.03.psm',
          'S2.03.tksk', 'S2.03.3', 'S2.03.4', 'K4.01', 'S4.01.1', 'S4.01.3', 'S4.01.5', 'S4.01.8',
          'S4.01.10', 'S4.01.12', 'K4.02', 'S4.02.2', 'S4.02.12', 'S4.02.14', 'K5.02', 'S5.02.1',
          'S5.02.6', 'K6.01', 'S6.01.1', 'S6.01.2', 'K6.02', 'S6.02.2', 'K7.01', 'S7.01.2', 'S7.01.aman']
assert len(left) == len(MAP33L) == 57, len(left)
NONPROG = [n for n in range(1, 69) if n not in PROGRAM_ROWS]
assert len(right) == len(NONPROG) == 61, len(right)

# ---------------------------------------------------------------- Tabel 1.3
T13 = []
for i in range(704, 772):
    s = L[i]
    if not s.strip():
        continue
    f = s.split('\t'); assert len(f) == 5, (i + 1, f)
    if i + 1 == 751:   # continuation of the PMKS row (name tail + REALISASI RENSTRA)
        assert f[2] == '' and f[3] == '' and T13[-1]['realisasi'] is None
        T13[-1]['nama'] += ' ' + f[1]
        T13[-1]['realisasi'] = f[4]
        continue
    T13.append(dict(line=i + 1, program=f[0] or None, nama=f[1], realisasi_kinerja=f[2] or None,
                    target=f[3] or None, realisasi=f[4] or None))
assert len(T13) == 61, len(T13)   # same rows, same order as the non-program rows of 3.2

# ---------------------------------------------------------------- assemble
node = {}
for nid, lvl, kode, nama0, aktif, cat in NODES:
    if kode:
        nama = ref[kode]
    else:
        nama = nama0
    d = {'kode': kode, 'nama': nama, 'nama_tercetak': []}
    if aktif:
        d['aktif'] = aktif
    d['_lvl'] = lvl
    d['_cat'] = [cat] if cat else []
    node[nid] = d

def tercetak(nid, s):
    s = s.strip()
    d = node[nid]
    if s != d['nama'] and s not in d['nama_tercetak']:
        d['nama_tercetak'].append(s)

PRINTED_PROGRAM = {}   # program names printed in the PROGRAM column of 3.3 / Tabel 1.3

def satuan(v):
    if v is None:
        return None
    m = re.fullmatch(r'\d[\d.,]*\s*(%|[^\d;]+)', v)
    if not m:
        return None
    u = m.group(1).strip()
    if ' dan ' in f' {u} ':
        return None
    return u

ind_count = 0
unplaced = []
for n in range(1, 69):
    r = ROW32[n]; nid = MAP32[n]
    tercetak(nid, r['nama'])
    if r['uraian'] is None and r['target'] is None and r['realisasi'] is None:
        unplaced.append(n); continue
    vals = [v for v in (r['target'], r['realisasi']) if v]
    sat = satuan(r['target']) if r['target'] else satuan(r['realisasi'])
    if any('%' in v for v in vals):
        agg = 'nilai_akhir'
    elif vals:
        agg = 'kumulatif'
    elif r['uraian'] and re.search(r'p[er]esentase', r['uraian'], re.I):
        agg = 'nilai_akhir'
    elif r['uraian'] and re.match(r'jumlah', r['uraian'], re.I):
        agg = 'kumulatif'
    else:
        agg = None
    ind = {'nomor_tercetak': n, 'uraian': r['uraian'], 'satuan': sat, 'polaritas': 'naik',
           'agregasi': agg, 'iku': False,
           'target': {'renja': {2023: r['target']}}, 'realisasi': {2023: r['realisasi']}}
    notes = []
    if agg is None:
        notes.append('agregasi null: the row prints no target or realisasi and the indicator text '
                     'is neither a count nor a percentage.')
    if n == 16:
        notes.append('target and realisasi print different unit texts ("... Penggandaan Surat" / '
                     '"... Penggandaan"); satuan taken from the target.')
    if n == 58:
        notes.append('indicator text is a count ("Jumlah Korban ...") but target and realisasi are '
                     'printed as a percentage; agregasi follows the printed values.')
    if notes:
        ind['catatan'] = ' '.join(notes)
    node[nid].setdefault('indikator', []).append(ind)
    ind_count += 1

# 3.3 left: 2022 values
for row, nid in zip(left, MAP33L):
    nm = re.sub(r'^(sub\s+kegiatan|kegiatan)\s+', '', row['nama'], flags=re.I)
    tercetak(nid, nm)
    node[nid]['realisasi_kinerja'] = {2022: row['nilai']}
    if row['program']:
        PRINTED_PROGRAM.setdefault(nid, []).append(row['program'])

# 3.3 right: 2023 values compared with 3.2
diff33 = []
for row, n in zip(right, NONPROG):
    nid = MAP32[n]
    tercetak(nid, row['nama'])
    if row['nilai'] != ROW32[n]['realisasi']:
        node[nid]['realisasi_kinerja_tercetak_3_3'] = {2023: row['nilai']}
        diff33.append((n, ROW32[n]['realisasi'], row['nilai']))
    if row['program']:
        PRINTED_PROGRAM.setdefault(nid, []).append(row['program'])

# Tabel 1.3
for row, n in zip(T13, NONPROG):
    nid = MAP32[n]
    tercetak(nid, row['nama'])
    assert 'renstra_anggaran' not in node[nid]
    node[nid]['renstra_anggaran'] = {2023: {'target': row['target'], 'realisasi': row['realisasi'],
                                            'realisasi_kinerja': row['realisasi_kinerja']}}
    if row['program']:
        PRINTED_PROGRAM.setdefault(nid, []).append(row['program'])

# program names printed in the PROGRAM column (they sit on the first kegiatan row)
parent_prog = {}
cur = None
for nid, lvl, *_ in NODES:
    if lvl == 'P':
        cur = nid
    parent_prog[nid] = cur
for nid, names in PRINTED_PROGRAM.items():
    for nm in names:
        tercetak(parent_prog[nid], nm)

# specific notes
node['K1.01']['_cat'].append(
    'Table 3.3 (2023 half) prints "95.64%" for this kegiatan where 3.2 prints "2 dokumen"; in 3.3 and '
    'Tabel 1.3 the program name stands in the PROGRAM column of this kegiatan\'s row and the value is '
    'read as the kegiatan\'s (the program rows carry no values there).')
node['K5.anak']['_cat'].append(
    'Table 3.3 (2023 half) prints "20 Orang" on the row "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL | '
    'Pemeliharaan Anak- Anak Terlantar"; 3.2 prints "20 Orang" on the program row (49) and nothing on '
    'this row (50). Recorded here as realisasi_kinerja_tercetak_3_3 because in 3.3 values belong to the '
    'kegiatan column.')
node['K5.02']['_cat'].append(
    'Tabel 1.3 prints "Pengelolaan data fakir miskin ..." twice; the first (right after Penjangkauan, '
    'before Pendataan) is placed here on the kegiatan by position (as 3.2 row 52), the second on sub '
    'kegiatan 1.06.05.2.02.0008 (as 3.2 row 54). Its REALISASI RENSTRA "66.593.185" equals the Tabel 3.2 '
    'Realisasi Anggaran realisasi of sub kegiatan 1.06.05.2.02.0008, and the kegiatan total '
    '"180.861.485" stands on the Pemeliharaan Anak-Anak Terlantar row of Tabel 1.3.')
node['S5.02.8']['_cat'].append(
    'Tabel 1.3: second "Pengelolaan data fakir miskin ..." row (after Pendataan), placed here by position; '
    'see the note on kegiatan 1.06.05.2.02.')
node['S4.01.10']['_cat'].append(
    'Same name as 1.06.04.2.02.0002; 3.2 row 44, 3.3 and Tabel 1.3 rows placed by position under kegiatan '
    '1.06.04.2.01.')
node['S4.02.2']['_cat'].append(
    'Same name as 1.06.04.2.01.0010; 3.2 row 47, 3.3 and Tabel 1.3 rows placed by position under kegiatan '
    '1.06.04.2.02.')
node['S1.02.akuntansi']['_cat'].append(
    'Tabel 1.3 prints for it "40.000.000" / "45.206.470"; Tabel 3.2 Realisasi Anggaran prints '
    '"4.637.900" / "4.602.270" for 1.06.01.2.02.0005 at the same place.')
node['P1']['_cat'].append('Official name of the support program (X.XX.01 pattern, bidang 1.06); '
                          'not in reference/program.tsv, given by docs/dataset-format.md.')

# ---------------------------------------------------------------- tree
KEYORDER = ['kode', 'nama', 'nama_tercetak', 'aktif', 'indikator', 'renstra_anggaran',
            'realisasi_kinerja', 'realisasi_kinerja_tercetak_3_3', 'catatan']
def clean(d):
    out = {}
    for k in KEYORDER:
        if k == 'catatan':
            if d['_cat']:
                out['catatan'] = ' '.join(d['_cat'])
        elif k == 'nama_tercetak':
            if d['nama_tercetak']:
                out[k] = d['nama_tercetak']
        elif k in d:
            out[k] = d[k]
    return out

program = []
for nid, lvl, *_ in NODES:
    d = clean(node[nid])
    if lvl == 'P':
        d['kegiatan'] = []; program.append(d)
    elif lvl == 'K':
        d['sub_kegiatan'] = []; program[-1]['kegiatan'].append(d)
    else:
        program[-1]['kegiatan'][-1]['sub_kegiatan'].append(d)
for p in program:
    for k in p['kegiatan']:
        if not k['sub_kegiatan']:
            del k['sub_kegiatan']

# ---------------------------------------------------------------- dump
class Q(str):
    pass
class Dumper(yaml.SafeDumper):
    pass
Dumper.add_representer(Q, lambda dm, s: dm.represent_scalar('tag:yaml.org,2002:str', s, style='"'))
def quote(o):
    if isinstance(o, dict):
        return {k: quote(v) for k, v in o.items()}
    if isinstance(o, list):
        return [quote(v) for v in o]
    if isinstance(o, str):
        return Q(o)
    return o

header = ('# Performance part of the program tree (LAKIP 2023 Dinas Sosial Kota Metro):\n'
          '# indikator from 3.2 "Realisasi Kinerja Tahun 2023" (rows numbered as printed, nomor_tercetak),\n'
          '# realisasi_kinerja 2022 from the left half of 3.3, realisasi_kinerja_tercetak_3_3 where the\n'
          '# 2023 half of 3.3 differs from 3.2, renstra_anggaran from Tabel 1.3 (section 3.4).\n'
          '# Values as printed, errors included. Generated by tools_indikator/build.py.\n')
text = yaml.dump({'program': quote(program)}, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                 width=100000, default_flow_style=False)
OUT.write_text(header + text, encoding='utf-8')

print('indicators placed:', ind_count, 'unplaced 3.2 rows:', unplaced)
print('3.3 left rows:', len(left), 'with value:', sum(1 for r in left if r['nilai']))
print('3.3 right rows:', len(right), 'diffs vs 3.2:', diff33)
print('Tabel 1.3 rows:', len(T13))

if '--check-align' in sys.argv:
    import difflib
    def sim(a, b):
        return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()
    for src_name, rows, ids in (('3.3L', left, MAP33L), ('3.3R', right, [MAP32[n] for n in NONPROG]),
                                ('1.3', T13, [MAP32[n] for n in NONPROG]),
                                ('3.2', [ROW32[n] for n in range(1, 69)], [MAP32[n] for n in range(1, 69)])):
        for r, nid in zip(rows, ids):
            nm = re.sub(r'^(sub\s+kegiatan|kegiatan)\s+', '', r['nama'], flags=re.I)
            s = sim(nm, node[nid]['nama'])
            if s < 0.9:
                print(src_name, r['line'], round(s, 2), nm[:70], '=>', node[nid]['nama'][:70])
