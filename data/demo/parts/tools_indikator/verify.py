import csv, re, yaml
from pathlib import Path
ROOT = Path('/work/main')
src = Path('/work/shared/seeds/000_3aabf0c976021ff8.txt').read_text(encoding='utf-8')
src_flat = re.sub(r'\s+', ' ', src)
data = yaml.safe_load((ROOT / 'data/demo/parts/indikator.yaml').read_text(encoding='utf-8'))
assert list(data) == ['program']
bad = []
def walk(o, path):
    if isinstance(o, dict):
        for k, v in o.items():
            if not isinstance(k, (str, int)) or isinstance(k, bool): bad.append((path, 'key', k))
            if isinstance(k, int) and k not in (2022, 2023): bad.append((path, 'yearkey', k))
            walk(v, path + [k])
    elif isinstance(o, list):
        for i, v in enumerate(o): walk(v, path + [i])
    else:
        last = path[-1] if not isinstance(path[-1], int) else path[-2]
        if o is None or isinstance(o, str): return
        if last == 'iku' and o is False: return
        if last == 'nomor_tercetak' and isinstance(o, int): return
        if last == 'aktif' and o == 2022: return
        bad.append((path, type(o).__name__, o))
walk(data, [])
print('non-string/non-null leaves (other than iku/nomor_tercetak/aktif):', bad)

nodes = []
def nodes_of(ps):
    for p in ps:
        nodes.append(('P', p))
        for k in p.get('kegiatan', []):
            nodes.append(('K', k))
            for s in k.get('sub_kegiatan', []):
                nodes.append(('S', s))
nodes_of(data['program'])
ind = [(n, i) for _, n in nodes for i in n.get('indikator', [])]
nums = sorted(i['nomor_tercetak'] for _, i in ind)
print('indicators:', len(ind), 'rows missing:', sorted(set(range(1, 69)) - set(nums)), 'dupes:', len(nums) - len(set(nums)))
ren = [n for _, n in nodes if 'renstra_anggaran' in n]
print('renstra_anggaran entries:', len(ren))
r22 = [n for _, n in nodes if 'realisasi_kinerja' in n]
print('realisasi_kinerja 2022 entries:', len(r22), 'non-null:', sum(1 for n in r22 if n['realisasi_kinerja'][2022] is not None))
print('tercetak_3_3:', [(n['kode'] or n['nama'], n['realisasi_kinerja_tercetak_3_3']) for _, n in nodes if 'realisasi_kinerja_tercetak_3_3' in n])
print('aktif 2022:', [(n['kode'], n['nama']) for _, n in nodes if n.get('aktif')])
print('kode null:', [(lvl, n['nama']) for lvl, n in nodes if n['kode'] is None])
print('nodes P/K/S:', [sum(1 for l, _ in nodes if l == x) for x in 'PKS'])
# every printed value appears verbatim in the source
def chk(v, what):
    if v is None: return
    if v not in src and v not in src_flat:
        print('NOT IN SOURCE', what, repr(v))
for _, n in nodes:
    for t in n.get('nama_tercetak', []): chk(t, 'nama_tercetak') if ' ' not in t else (t in src_flat or print('NOT IN SOURCE (tercetak)', t))
    if n['kode'] is None: chk(n['nama'], 'nama')
    for i in n.get('indikator', []):
        chk(i['uraian'], 'uraian'); chk(i['target']['renja'][2023], 'target'); chk(i['realisasi'][2023], 'realisasi'); chk(i['satuan'], 'satuan')
    for v in n.get('renstra_anggaran', {}).get(2023, {}).values(): chk(v, 'renstra')
    chk(n.get('realisasi_kinerja', {}).get(2022), 'rk2022')
    chk(n.get('realisasi_kinerja_tercetak_3_3', {}).get(2023), 'rk33')
# official names
ref = {}
for fn in ('program.tsv', 'kegiatan.tsv', 'sub_kegiatan.tsv'):
    with open(ROOT / 'reference' / fn, encoding='utf-8', newline='') as f:
        for r in csv.reader(f, delimiter='\t'):
            if r: ref[r[0].strip()] = re.sub(r'\s+', ' ', r[1]).strip()
for lvl, n in nodes:
    k = n['kode']
    if not k: continue
    if k in ref: assert ref[k] == n['nama'], (k, n['nama'])
    else:
        alt = [c for c in ref if re.match(r'^\d\.\d\d\.01\.' + re.escape(k[8:]) + '$', c)] if k.startswith('1.06.01') else []
        assert alt or k == '1.06.01', k
        for c in alt: assert ref[c] == n['nama'], (k, c)
print('codes/names ok; kodes unique:', len([n['kode'] for _, n in nodes if n['kode']]) == len({n['kode'] for _, n in nodes if n['kode']}))
