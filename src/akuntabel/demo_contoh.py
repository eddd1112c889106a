"""Kota Contoh: a synthetic pemda, so that the pemda's screens can be tried with forty OPD.

Everything here is **synthetic** (data sintetis): names, targets, realisasi and budgets are
drawn from a seeded ``random.Random`` (integers only, every value a Decimal), never taken from
any real report. What is real is the frame: the OPD are named by the bidang of the kab/kota
nomenclature, their programs, kegiatan and sub kegiatan (with the list's indicator and satuan)
come from the official code list in ``reference/`` (Kepmendagri 900.1.15.5-1317/2023), and
every DPA line has a real kode rekening (Permendagri 90/2019 as amended).

The data is written as dataset files (docs/dataset-format.md), one per OPD, and loaded by the
dataset loader, so that the generator also exercises the format. What people enter in the
application is written after loading through the services a user's action goes through: each sub
kegiatan's quarterly budget realisasi (``budget.writes``), the quarterly report status
(submitted, verified, returned with a note, late: ``reporting.workflow.apply_action``), the
IKU of the pemda with their Perkada and links to the OPD's IKU (``daerah.services``) and the
Wali Kota's signed Perjanjian Kinerja of each year (``daerah.pk``).

    gen = generate(Ukuran(opd=3, indikator=20, baris_dpa=60))   # needs django.setup()
    paths = write_files(gen, folder)
    load_contoh(paths, gen)

The command is ``akuntabel contoh`` (cli.py); the benches' size is timed by bench/contoh.py.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from akuntabel.core.angka import format_angka

PEMDA_KODE = "kota-contoh"
PEMDA_NAMA = "Kota Contoh (data sintetis)"
SUMBER = ("DATA SINTETIS Kota Contoh, dibangkitkan oleh Akuntabel (akuntabel contoh) dari "
          "daftar kode resmi; bukan data pemerintah daerah mana pun")
EDISI_NOMENKLATUR = "kepmendagri-900-1317-2023-kabkota"
EDISI_REKENING = "rekening-belanja-900-1317-2023"
TAHUN_AWAL, TAHUN_AKHIR = 2022, 2026          # the RPJMD and the Renstra: five years
KECAMATAN = ("Contoh Utara", "Contoh Selatan", "Contoh Barat", "Contoh Timur", "Contoh Tengah")

# The OPD of Kota Contoh, one per bidang of the kab/kota nomenclature, in this order.
OPD_BIDANG = (
    ("1.01", "Dinas Pendidikan"), ("1.02", "Dinas Kesehatan"),
    ("1.03", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("1.04", "Dinas Perumahan dan Kawasan Permukiman"), ("1.05", "Satuan Polisi Pamong Praja"),
    ("1.06", "Dinas Sosial"), ("2.07", "Dinas Tenaga Kerja"),
    ("2.08", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("2.09", "Dinas Ketahanan Pangan"), ("2.10", "Dinas Pertanahan"),
    ("2.11", "Dinas Lingkungan Hidup"), ("2.12", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("2.13", "Dinas Pemberdayaan Masyarakat dan Kelurahan"),
    ("2.14", "Dinas Pengendalian Penduduk dan Keluarga Berencana"),
    ("2.15", "Dinas Perhubungan"), ("2.16", "Dinas Komunikasi dan Informatika"),
    ("2.17", "Dinas Koperasi, Usaha Kecil dan Menengah"),
    ("2.18", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("2.19", "Dinas Kepemudaan dan Olahraga"), ("2.20", "Dinas Statistik"),
    ("2.21", "Dinas Persandian"), ("2.22", "Dinas Kebudayaan"), ("2.23", "Dinas Perpustakaan"),
    ("2.24", "Dinas Kearsipan"), ("3.25", "Dinas Kelautan dan Perikanan"),
    ("3.26", "Dinas Pariwisata"), ("3.27", "Dinas Pertanian"),
    ("3.29", "Dinas Energi dan Sumber Daya Mineral"), ("3.30", "Dinas Perdagangan"),
    ("3.31", "Dinas Perindustrian"), ("4.01", "Sekretariat Daerah"),
    ("4.02", "Sekretariat DPRD"), ("5.01", "Badan Perencanaan Pembangunan Daerah"),
    ("5.02", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("5.03", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("5.04", "Badan Pendidikan dan Pelatihan"), ("5.05", "Badan Penelitian dan Pengembangan"),
    ("6.01", "Inspektorat Daerah"), ("7.01", "Kecamatan Contoh Tengah"),
    ("8.01", "Badan Kesatuan Bangsa dan Politik"),
)
MAKS_OPD = len(OPD_BIDANG)
N_INDIKATOR_ATAS = 4    # the tujuan's indicator and the sasaran's three IKU
MIN_INDIKATOR = N_INDIKATOR_ATAS + 3   # and at least one program > kegiatan > sub kegiatan

# The RPJMD: misi, tujuan daerah (one per misi) and their sasaran daerah. An OPD's first sasaran
# serves the sasaran daerah of its urusan's group, its second the governance one.
VISI = "Kota Contoh yang Maju, Sejahtera dan Berdaya Saing (data sintetis)"
MISI = ("Meningkatkan kualitas sumber daya manusia", "Meningkatkan kesejahteraan dan daya saing "
        "ekonomi", "Mewujudkan lingkungan dan infrastruktur kota yang berkelanjutan",
        "Mewujudkan tata kelola pemerintahan yang baik")
TUJUAN_DAERAH = (
    (1, "Meningkatnya kualitas hidup masyarakat",
     (("1.1", "Meningkatnya kualitas pelayanan dasar"),)),
    (2, "Meningkatnya kesejahteraan masyarakat",
     (("2.1", "Meningkatnya kualitas layanan urusan wajib non pelayanan dasar"),
      ("2.2", "Meningkatnya nilai tambah sektor ekonomi unggulan"))),
    (3, "Meningkatnya kualitas lingkungan hidup dan infrastruktur",
     (("3.1", "Meningkatnya kualitas lingkungan dan infrastruktur kota"),)),
    (4, "Meningkatnya kualitas tata kelola pemerintahan",
     (("4.1", "Meningkatnya akuntabilitas kinerja pemerintah daerah"),)),
)
LINGKUNGAN = {"1.03", "1.04", "2.11", "2.15"}
# The indicators of each tujuan daerah (data sintetis, plausible for a kota): code, description,
# unit, polarity, data source, baseline (2021), targets 2022–2026 (the last is the end target)
# and the realisasi Bappeda entered from the source, 2022–2025. The environment index of 2025 is
# not published yet: the LKjIP names it missing.
BPS = "BPS Kota Contoh (data sintetis)"
INDIKATOR_TUJUAN: dict[int, tuple[tuple[str, str, str, str, str, str, tuple[str, ...],
                                        tuple[str, ...]], ...]] = {
    1: (("T1.1", "Indeks Pembangunan Manusia (IPM)", "indeks", "naik", BPS, "76,12",
         ("76,45", "76,80", "77,15", "77,50", "77,85"), ("76,51", "76,94", "77,30", "77,62")),
        ("T1.2", "Usia Harapan Hidup saat lahir", "tahun", "naik", BPS, "73,10",
         ("73,25", "73,40", "73,55", "73,70", "73,85"), ("73,28", "73,45", "73,61", "73,74"))),
    2: (("T2.1", "Laju pertumbuhan ekonomi", "%", "naik", BPS, "3,85",
         ("4,50", "5,00", "5,10", "5,20", "5,30"), ("5,02", "5,11", "5,06", "4,98")),
        ("T2.2", "Persentase penduduk miskin", "%", "turun", BPS, "8,91",
         ("8,60", "8,30", "8,00", "7,70", "7,40"), ("8,52", "8,21", "8,05", "7,81"))),
    3: (("T3.1", "Indeks Kualitas Lingkungan Hidup", "indeks", "naik",
         "Kementerian Lingkungan Hidup (data sintetis)", "66,20",
         ("66,80", "67,40", "68,00", "68,60", "69,20"), ("67,02", "67,35", "68,11")),),
    4: (("T4.1", "Nilai Evaluasi AKIP Pemerintah Kota", "nilai", "naik",
         "Kementerian PANRB, LHE AKIP (data sintetis)", "62,10",
         ("63,00", "65,00", "67,00", "69,00", "71,00"), ("63,45", "65,10", "66,80", "68,55")),),
}


def sasaran_daerah_of(bidang: str) -> str:
    if bidang in LINGKUNGAN:
        return "3.1"
    return {"1": "1.1", "2": "2.1", "3": "2.2"}.get(bidang[0], "4.1")


@dataclass(frozen=True)
class Ukuran:
    """The size and seed of Kota Contoh. The bench's pemda: 40 OPD, each 300 indicators and a
    5.000-line DPA (bench/contoh.py); the demo and the tests use smaller ones."""

    opd: int = MAKS_OPD
    indikator: int = 300       # per OPD, every indicator of the Renstra and the program tree
    baris_dpa: int = 5000      # per OPD: the DPA's rekening lines, every level counted
    seed: int = 2025
    tahun: int = 2025          # the year with quarterly data and a DPA (a past year)
    terlambat: int | None = None     # OPD whose TW IV is late (not entered, not submitted)
    dikembalikan: int | None = None  # OPD whose TW IV was returned with a note
    diajukan: int | None = None      # OPD whose TW IV waits for verification

    def problems(self) -> list[str]:
        """What is wrong with the size, in Indonesian, naming the option."""
        out = []
        if not 1 <= self.opd <= MAKS_OPD:
            out.append(f"--opd: harus 1 sampai {MAKS_OPD} (satu OPD per bidang urusan), "
                       f"bukan {self.opd}")
        if self.indikator < MIN_INDIKATOR:
            out.append(f"--indikator: paling sedikit {MIN_INDIKATOR}, bukan {self.indikator}")
        if self.baris_dpa < 0:
            out.append(f"--baris-dpa: tidak boleh negatif ({self.baris_dpa})")
        if not TAHUN_AWAL + 2 <= self.tahun <= TAHUN_AKHIR:
            out.append(f"--tahun: harus {TAHUN_AWAL + 2} sampai {TAHUN_AKHIR} (RPJMD "
                       f"{TAHUN_AWAL}–{TAHUN_AKHIR}, dua tahun riwayat), bukan {self.tahun}")
        if sum(self.jumlah_status().values()) > self.opd:
            out.append("jumlah OPD terlambat, dikembalikan dan diajukan melebihi jumlah OPD")
        return out

    def jumlah_status(self) -> dict[str, int]:
        """How many OPD end TW IV of ``tahun`` late, returned or submitted (default: one in
        thirteen each, at least one; the rest verified)."""
        default = max(1, self.opd // 13) if self.opd >= 3 else 0
        return {"terlambat": default if self.terlambat is None else self.terlambat,
                "dikembalikan": default if self.dikembalikan is None else self.dikembalikan,
                "diajukan": default if self.diajukan is None else self.diajukan}


@dataclass
class StatusTriwulan:
    opd_kode: str
    tahun: int
    triwulan: int
    status: str               # draft (late) | diajukan | dikembalikan | diverifikasi
    catatan: str = ""


@dataclass
class Contoh:
    ukuran: Ukuran
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)  # OPD kode -> dataset
    status: list[StatusTriwulan] = field(default_factory=list)


@dataclass(frozen=True)
class _Daftar:
    """The code lists the generator draws from: nomenclature and rekening rows by code."""

    nomenklatur: dict[str, dict[str, Any]]
    rekening: dict[str, dict[str, Any]]


@cache
def _daftar() -> _Daftar:
    """Read once per process: the shipped lists do not change while it runs."""
    from akuntabel.references.loader import DEFAULT_FOLDER, read_folder

    edisi, _ = read_folder(DEFAULT_FOLDER)
    return _Daftar(edisi[EDISI_NOMENKLATUR].baris, edisi[EDISI_REKENING].baris)


def _kode_slug(nama: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", nama.lower()).strip("-")


def _angka(nilai: Decimal) -> str:
    return format_angka(nilai)


def _rp(nilai: Decimal) -> str:
    return format_angka(nilai, 0)


# -- the program tree of one OPD ------------------------------------------------------------------

@dataclass
class _Sub:
    kode: str
    nama: str
    indikator: str
    satuan: str
    kinerja: str
    extra: int = 0           # further indicators of the same output, one per kecamatan


# program code, name, [(kegiatan code, name, [sub kegiatan])]
Pohon = list[tuple[str, str, list[tuple[str, str, list[_Sub]]]]]


def _tree(daftar: _Daftar, bidang: str) -> Pohon:
    """Every program > kegiatan > sub kegiatan of the bidang in the list, the support program
    (X.XX.01) first under the bidang's own code, as an OPD keeps it."""
    rows = daftar.nomenklatur
    programs: dict[str, tuple[str, dict[str, tuple[str, list[_Sub]]]]] = {}
    for kode, row in rows.items():
        generik = kode.startswith("X.XX.01")
        if not (generik or kode.startswith(bidang + ".")) or row["tingkat"] == "bidang":
            continue
        if not generik and kode.startswith(bidang + ".01"):
            continue     # the support program is the generic one
        kode = bidang + kode[4:] if generik else kode
        parts = kode.split(".")
        if row["tingkat"] == "program":
            programs[kode] = (row["nama"], {})
        elif row["tingkat"] == "kegiatan":
            programs[".".join(parts[:3])][1][kode] = (row["nama"], [])
        elif row["tingkat"] == "sub_kegiatan":
            satuan = row["satuan"] or "Paket"
            indikator = row["indikator"] or f"Jumlah keluaran {row['nama']}"
            programs[".".join(parts[:3])][1][".".join(parts[:5])][1].append(
                _Sub(kode, row["nama"], indikator, satuan, row["kinerja"]))
    return [(p, nama, [(k, kn, subs) for k, (kn, subs) in sorted(keg.items()) if subs])
            for p, (nama, keg) in sorted(programs.items())]


def _choose(tree: Pohon, budget: int) -> Pohon:
    """The part of ``tree`` that ``budget`` indicators cover, one per program, kegiatan and
    sub kegiatan, spread over the programs (first kegiatan and sub kegiatan of every program,
    then the second, …); what is left becomes further indicators of the chosen sub kegiatan
    (one per kecamatan). Keeps the list's order."""
    order = []
    for p_rank, (_p, _n, kegiatan) in enumerate(tree):
        for k_rank, (_k, _kn, subs) in enumerate(kegiatan):
            for s_rank, sub in enumerate(subs):
                order.append(((max(k_rank, s_rank), s_rank, k_rank, p_rank), p_rank, k_rank,
                              sub))
    order.sort(key=lambda x: x[0])
    chosen: set[int] = set()
    programs: set[int] = set()
    dipakai: set[tuple[int, int]] = set()   # kegiatan already chosen
    for _key, p, k, sub in order:
        cost = 1 + ((p, k) not in dipakai) + (p not in programs)
        if cost <= budget:
            budget -= cost
            chosen.add(id(sub))
            programs.add(p)
            dipakai.add((p, k))
    out = [(p, n, [(k, kn, [s for s in subs if id(s) in chosen])
                   for k, kn, subs in kg if any(id(s) in chosen for s in subs)])
           for p, n, kg in tree]
    out = [p for p in out if p[2]]
    subs = [s for _p, _n, kg in out for _k, _kn, ss in kg for s in ss]
    for i in range(budget):
        subs[i % len(subs)].extra += 1
    return out


# -- values -----------------------------------------------------------------------------------

@dataclass
class _Jenis:
    """How an indicator's values are drawn."""

    agregasi: str        # kumulatif | nilai_akhir
    polaritas: str       # naik | turun
    awal: Decimal        # value of the year before the plan
    langkah: Decimal     # change per year of the Renstra target
    places: int          # decimals written


def _jenis(rng: random.Random, satuan: str) -> _Jenis:
    if satuan.strip() in ("%", "Persen", "persen"):
        awal = Decimal(rng.randint(600, 850)) / 10
        return _Jenis("nilai_akhir", "naik", awal, Decimal(rng.randint(10, 25)) / 10, 2)
    awal = Decimal(rng.choice((2, 4, 6, 12, 24, 50, 120, 400, 1500)))
    return _Jenis("kumulatif", "naik", awal, max(Decimal(1), (awal / 10).quantize(Decimal(1))),
                  0)


def _q(nilai: Decimal, places: int) -> Decimal:
    return nilai.quantize(Decimal(1).scaleb(-places))


def _target(j: _Jenis, tahun: int) -> Decimal:
    return _q(j.awal + j.langkah * (tahun - TAHUN_AWAL + 1) * (-1 if j.polaritas == "turun"
                                                                 else 1), j.places)


SEBARAN_TW = (Decimal("0.20"), Decimal("0.25"), Decimal("0.25"), Decimal("0.30"))
LAJU_TW = (Decimal("0.85"), Decimal("0.90"), Decimal("0.95"), Decimal("1.00"))


def _target_tw(j: _Jenis, target: Decimal) -> list[Decimal]:
    if j.agregasi == "kumulatif":
        first = [_q(target * s, 0) for s in SEBARAN_TW[:3]]
        return [*first, target - sum(first)]
    return [target] * 4


def _realisasi_tw(rng: random.Random, j: _Jenis, target_tw: list[Decimal]) -> list[Decimal]:
    """Plausible quarters: within −15 %…+10 % of the quarter's target (a level rises towards
    the year's target over the quarters)."""
    out = []
    for tw, t in enumerate(target_tw):
        noise = Decimal(rng.randint(85, 110)) / 100
        base = t if j.agregasi == "kumulatif" else t * LAJU_TW[tw]
        if j.polaritas == "turun":
            noise = 2 - noise
        out.append(max(Decimal(0), _q(base * noise, j.places)))
    return out


# -- one OPD ----------------------------------------------------------------------------------

class _Opd:
    def __init__(self, daftar: _Daftar, ukuran: Ukuran, nomor: int, bidang: str, nama: str,
                 late: bool, outlier_tw4: bool):
        self.daftar, self.ukuran, self.nomor, self.bidang = daftar, ukuran, nomor, bidang
        self.nama = f"{nama} Kota Contoh (sintetis)"
        self.kode = _kode_slug(nama)
        self.rng = random.Random(f"{ukuran.seed}/{bidang}")
        self.late = late              # TW IV of the year not entered
        self.outlier_tw4 = outlier_tw4  # TW IV holds one value ten times too large
        self.outlier: tuple[str, str] | None = None   # (indicator, value) of that outlier
        self.n_indikator = 0

    def indikator(self, uraian: str, satuan: str, *, iku: bool = False, kunci: str = "",
                  jenis: _Jenis | None = None, definisi: str = "") -> dict[str, Any]:
        rng, tahun = self.rng, self.ukuran.tahun
        j = jenis or _jenis(rng, satuan)
        self.n_indikator += 1
        ind: dict[str, Any] = {}
        if kunci:
            ind["kode"] = kunci
        ind.update({"uraian": uraian, "satuan": satuan, "polaritas": j.polaritas,
                    "agregasi": j.agregasi})
        if definisi:
            ind["definisi_operasional"] = definisi
        if iku:
            ind["iku"] = True
        ind["sumber_data"] = "Data sintetis Kota Contoh"
        ind["kondisi_awal"] = {"tahun": TAHUN_AWAL - 1, "nilai": _angka(j.awal)}
        ind["kondisi_akhir"] = _angka(_target(j, TAHUN_AKHIR))
        renstra = {y: _angka(_target(j, y)) for y in range(TAHUN_AWAL, TAHUN_AKHIR + 1)}
        ind["target"] = {"renstra": renstra, "renja": {tahun: renstra[tahun]}}
        if iku:
            ind["target"]["pk"] = {tahun: renstra[tahun]}
        target_tw = _target_tw(j, _target(j, tahun))
        ind["target_triwulan"] = {tahun: {tw + 1: _angka(v) for tw, v in enumerate(target_tw)}}
        realisasi: dict[int, dict[int, str]] = {}
        for y in range(tahun - 2, tahun + 1):
            values = _realisasi_tw(rng, j, _target_tw(j, _target(j, y)))
            if y == tahun and rng.randint(1, 150) == 1:       # a typing slip: ten times
                tw = rng.randint(0, 3)
                values[tw] = values[tw] * 10
            if y == tahun and self.outlier_tw4 and self.outlier is None \
                    and j.agregasi == "kumulatif":
                values[3] = values[3] * 10
                self.outlier = (uraian, _angka(values[3]))
            quarters = range(1, 4 if (y == tahun and self.late) else 5)
            realisasi[y] = {tw: _angka(values[tw - 1]) for tw in quarters}
        ind["realisasi_triwulan"] = realisasi
        return ind

    def renstra(self) -> tuple[dict[str, Any], dict[str, Any]]:
        bidang_nama = self.daftar.nomenklatur[self.bidang]["nama"].title() \
            .replace("Urusan Pemerintahan Bidang ", "")
        persen = _Jenis("nilai_akhir", "naik", Decimal(self.rng.randint(650, 800)) / 10,
                        Decimal("1.5"), 2)
        indeks = _Jenis("nilai_akhir", "naik", Decimal(self.rng.randint(700, 800)) / 10,
                        Decimal("1.0"), 2)
        turun = _Jenis("nilai_akhir", "turun", Decimal(self.rng.randint(150, 250)) / 10,
                       Decimal("1.5"), 2)
        tujuan: dict[str, Any] = {
            "kode": "T1",
            "uraian": f"Meningkatnya kinerja penyelenggaraan urusan {bidang_nama}",
            "indikator": [self.indikator(f"Indeks kinerja urusan {bidang_nama}", "indeks",
                                         jenis=indeks)],
            "sasaran": [
                {"kode": "S1", "uraian": f"Meningkatnya kualitas layanan {self.nama}",
                 "sasaran_daerah": sasaran_daerah_of(self.bidang),
                 "indikator": [
                     self.indikator(f"Indeks kepuasan masyarakat terhadap layanan {self.nama}",
                                    "indeks", iku=True, kunci="IKU-1", jenis=indeks),
                     self.indikator("Persentase pengaduan layanan yang belum terselesaikan",
                                    "%", iku=True, kunci="IKU-2", jenis=turun)]},
                {"kode": "S2", "uraian": f"Meningkatnya akuntabilitas kinerja {self.nama}",
                 "sasaran_daerah": "4.1",
                 "indikator": [self.indikator(
                     f"Persentase rekomendasi hasil pemeriksaan {self.nama} yang ditindaklanjuti",
                     "%", iku=True, kunci="IKU-3", jenis=persen)]},
            ],
        }
        misi = int(sasaran_daerah_of(self.bidang)[0])
        renstra = {"tahun_awal": TAHUN_AWAL, "tahun_akhir": TAHUN_AKHIR,
                   "misi": sorted({misi, 4}),
                   "edisi_referensi": EDISI_NOMENKLATUR, "tujuan": [tujuan],
                   "strategi": [{"uraian": "Peningkatan kualitas layanan (sintetis)",
                                 "sasaran": "S1"},
                                {"uraian": "Penguatan akuntabilitas kinerja (sintetis)",
                                 "sasaran": "S2"}]}
        pk = {"tahun": self.ukuran.tahun, "jenis": "induk",
              "pihak_pertama": {"nama": f"Pejabat Sintetis {self.nomor:02d}",
                                "jabatan": f"Kepala {self.nama}"},
              "pihak_kedua": {"nama": "Ahmad Sintetis", "jabatan": "Wali Kota Contoh"},
              "status": "ditandatangani", "tanggal": f"{self.ukuran.tahun}-01-31",
              "pejabat": 1,
              "baris": [{"sasaran": s["kode"], "indikator": i["kode"],
                         "target": i["target"]["pk"][self.ukuran.tahun]}
                        for s in tujuan["sasaran"] for i in s["indikator"]]}
        return renstra, pk

    def program(self, baris_dpa: int) -> list[dict[str, Any]]:
        budget = self.ukuran.indikator - self.n_indikator
        tree = _choose(_tree(self.daftar, self.bidang), budget)
        subs = [s for _p, _n, kg in tree for _k, _kn, ss in kg for s in ss]
        quota = _quotas(baris_dpa, len(subs))
        tahun = self.ukuran.tahun
        out = []
        q = iter(quota)
        for p, pnama, kegiatan in tree:
            prog: dict[str, Any] = {"kode": p, "nama": pnama, "sasaran": "S1",
                                    "indikator": [self.indikator(
                                        f"Persentase capaian sasaran {pnama.lower()}", "%")]}
            prog_kg = []
            for k, knama, ss in kegiatan:
                keg: dict[str, Any] = {"kode": k, "nama": knama, "indikator": [self.indikator(
                    f"Persentase capaian keluaran kegiatan {knama}", "%")]}
                keg_sub = []
                for s in ss:
                    sub: dict[str, Any] = {"kode": s.kode, "nama": s.nama}
                    sub["indikator"] = [self.indikator(s.indikator, s.satuan,
                                                       definisi=s.kinerja)]
                    sub["indikator"] += [self.indikator(
                        f"{s.indikator} di Kecamatan {KECAMATAN[e % len(KECAMATAN)]}"
                        + (f" (kelompok {e // len(KECAMATAN) + 1})" if e >= len(KECAMATAN)
                           else ""), s.satuan) for e in range(s.extra)]
                    lines = self.rekening(next(q))
                    if lines:
                        pagu, real = _sum(lines)
                        sub["anggaran"] = {tahun: {"pagu": _rp(pagu), "realisasi": _rp(real)}}
                        sub["rekening"] = {tahun: lines}
                    keg_sub.append(sub)
                keg["sub_kegiatan"] = keg_sub
                _put_total(keg, keg_sub, tahun)
                prog_kg.append(keg)
            prog["kegiatan"] = prog_kg
            _put_total(prog, prog_kg, tahun)
            out.append(prog)
        return out

    def rekening(self, n: int) -> list[dict[str, Any]]:
        """A DPA of ``n`` lines for one sub kegiatan: real leaves (six-level codes) with all
        their parents, amounts on the leaves and the sums above them. Two leaves in three go
        under a rincian objek already there, as a DPA's lines do. Exactly ``n`` unless no leaf
        of the list fits the last few lines (tests/test_demo_contoh.py checks the sizes)."""
        if n < 6:
            return []
        rng, rows = self.rng, self.daftar.rekening
        pools = _leaf_pools(rows)
        present: dict[str, dict[str, Any]] = {}
        roots: list[dict[str, Any]] = []
        free: list[str] = []         # leaves whose parent is present, not yet used
        left = n
        while left > 0:
            if free and (left < 6 or rng.randint(1, 3) > 1):
                leaf = free.pop(rng.randrange(len(free)))
            else:
                pool = pools["modal"] if rng.randint(1, 7) == 1 else pools["barang"]
                leaf = pool[rng.randrange(len(pool))]
            chain = [".".join(leaf.split(".")[:i]) for i in range(1, 7)]
            new = [c for c in chain if c not in present]
            if not new or len(new) > left:
                if free:
                    continue
                fitting = _fitting_leaf(pools["semua"], present, left, rng.randrange(
                    len(pools["semua"])))
                if fitting is None:
                    break    # every leaf of the list is there: fewer lines than asked
                leaf = fitting
                chain = [".".join(leaf.split(".")[:i]) for i in range(1, 7)]
                new = [c for c in chain if c not in present]
            for c in new:
                line: dict[str, Any] = {"kode": c, "uraian": rows[c]["uraian"]}
                parent = c.rpartition(".")[0]
                if c == leaf:
                    pagu = Decimal(rng.randint(5, 2_500)) * 100_000
                    line["pagu"] = _rp(pagu)
                    line["realisasi"] = _rp((pagu * rng.randint(70, 100) / 100)
                                            .quantize(Decimal(1)))
                else:
                    line["rincian"] = []
                (present[parent]["rincian"] if parent else roots).append(line)
                present[c] = line
            if chain[4] in new:
                free.extend(k for k in pools["anak"][chain[4]] if k != leaf)
            elif leaf in free:
                free.remove(leaf)
            left -= len(new)
        _fill_sums(roots)
        return roots

    def dataset(self, misi_daerah: dict[str, Any]) -> dict[str, Any]:
        renstra, pk = self.renstra()
        program = self.program(self.ukuran.baris_dpa)
        return {
            "format": "akuntabel-dataset/1",
            "sumber": SUMBER,
            "catatan": "DATA SINTETIS: nama, target, realisasi dan anggaran dibangkitkan acak "
                       f"(seed {self.ukuran.seed}); hanya kode dan nama nomenklatur serta kode "
                       "rekening diambil dari daftar kode resmi.",
            "pemda": {"kode": PEMDA_KODE, "nama": PEMDA_NAMA, "jenis": "kota",
                      "provinsi": "Provinsi Contoh (sintetis)",
                      "kepala_daerah": {"jabatan": "Wali Kota Contoh",
                                        "nama": "Ahmad Sintetis"},
                      "edisi_referensi": EDISI_NOMENKLATUR},
            "opd": {"kode": self.kode, "nama": self.nama, "bidang_urusan": [self.bidang],
                    "tugas": f"Data sintetis: melaksanakan urusan pemerintahan bidang "
                             f"{self.bidang} di Kota Contoh.",
                    "pejabat": [{"peran": "kepala", "nama": f"Pejabat Sintetis {self.nomor:02d}",
                                 "jabatan": f"Kepala {self.nama}"}]},
            "rpjmd": misi_daerah,
            "renstra": renstra,
            "program": program,
            "perjanjian_kinerja": [pk],
        }


_POOLS: dict[int, dict[str, Any]] = {}


def _leaf_pools(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Six-level rekening codes: goods and services (5.1.02) and capital (5.2.02, 5.2.05)."""
    if id(rows) not in _POOLS:
        semua = [k for k in rows if k.count(".") == 5]
        anak: dict[str, list[str]] = {}
        for k in semua:
            anak.setdefault(k.rpartition(".")[0], []).append(k)
        # leaves drawn at random: those with at least nine siblings, so that the last lines
        # of a sub kegiatan can nearly always be siblings of lines already there
        leaves = [k for k in semua if len(anak[k.rpartition(".")[0]]) >= 10]
        _POOLS[id(rows)] = {"barang": [k for k in leaves if k.startswith("5.1.02.")],
                            "modal": [k for k in leaves if k.startswith(("5.2.02.", "5.2.05."))],
                            "semua": semua, "anak": anak}
    return _POOLS[id(rows)]


def _fitting_leaf(pool: list[str], present: dict[str, Any], left: int,
                  start: int) -> str | None:
    """The first leaf from ``start`` on whose missing lines (itself and its parents) number
    ``left`` or fewer."""
    for leaf in pool[start:] + pool[:start]:
        parts = leaf.split(".")
        new = sum(".".join(parts[:i]) not in present for i in range(1, 7))
        if 0 < new <= left:
            return leaf
    return None


def _parse_rp(teks: str) -> Decimal:
    return Decimal(teks.replace(".", ""))


def _fill_sums(lines: list[dict[str, Any]]) -> tuple[Decimal, Decimal]:
    pagu = real = Decimal(0)
    for line in lines:
        if "rincian" in line:
            p, r = _fill_sums(line["rincian"])
            line["pagu"], line["realisasi"] = _rp(p), _rp(r)
            # keys in the format's order: kode, uraian, pagu, realisasi, rincian
            line["rincian"] = line.pop("rincian")
        else:
            p, r = _parse_rp(line["pagu"]), _parse_rp(line["realisasi"])
        pagu, real = pagu + p, real + r
    return pagu, real


def _sum(lines: list[dict[str, Any]]) -> tuple[Decimal, Decimal]:
    return (sum((_parse_rp(x["pagu"]) for x in lines), Decimal(0)),
            sum((_parse_rp(x["realisasi"]) for x in lines), Decimal(0)))


def _put_total(node: dict[str, Any], children: list[dict[str, Any]], tahun: int) -> None:
    amounts = [c["anggaran"][tahun] for c in children if "anggaran" in c]
    if amounts:
        node["anggaran"] = {tahun: {
            "pagu": _rp(sum((_parse_rp(a["pagu"]) for a in amounts), Decimal(0))),
            "realisasi": _rp(sum((_parse_rp(a["realisasi"]) for a in amounts), Decimal(0)))}}


def _quotas(total: int, n_subs: int) -> list[int]:
    """``total`` lines over ``n_subs`` sub kegiatan: equal shares, the remainder to the first;
    a share under six (one leaf and its five parents) goes to fewer sub kegiatan."""
    if n_subs == 0:
        return []
    k = max(1, min(n_subs, total // 6))
    share, rest = divmod(total, k)
    return [share + (i < rest) for i in range(k)] + [0] * (n_subs - k)


def _rpjmd() -> dict[str, Any]:
    return {"tahun_awal": TAHUN_AWAL, "tahun_akhir": TAHUN_AKHIR,
            "dasar_hukum": "Peraturan Daerah Kota Contoh (sintetis) Nomor 1 Tahun 2022",
            "visi": VISI,
            "misi": [{"nomor": i, "uraian": m} for i, m in enumerate(MISI, start=1)],
            "tujuan": [{"kode": str(n), "misi": n, "uraian": u,
                        "sasaran": [{"kode": k, "uraian": s} for k, s in sasaran],
                        "indikator": [_indikator_tujuan(*i) for i in INDIKATOR_TUJUAN[n]]}
                       for n, u, sasaran in TUJUAN_DAERAH]}


def _indikator_tujuan(kode: str, uraian: str, satuan: str, polaritas: str, sumber: str,
                      awal: str, target: tuple[str, ...], realisasi: tuple[str, ...]
                      ) -> dict[str, Any]:
    tahun = range(TAHUN_AWAL, TAHUN_AKHIR + 1)
    return {"kode": kode, "uraian": uraian, "satuan": satuan, "polaritas": polaritas,
            "sumber_data": sumber, "kondisi_awal_tahun": TAHUN_AWAL - 1, "kondisi_awal": awal,
            "kondisi_akhir": target[-1], "target": dict(zip(tahun, target, strict=True)),
            "realisasi": {th: {"teks": r, "sumber": f"{sumber}, angka tahun {th}"}
                          for th, r in zip(tahun, realisasi, strict=False)}}


def generate(ukuran: Ukuran) -> Contoh:
    """The datasets of Kota Contoh and the report status of each quarter, from ``ukuran``
    alone: the same size and seed give the same files."""
    problems = ukuran.problems()
    if problems:
        raise ValueError("; ".join(problems))
    daftar = _daftar()
    rng = random.Random(f"{ukuran.seed}/status")
    jumlah = ukuran.jumlah_status()
    order = list(range(ukuran.opd))
    rng.shuffle(order)
    nasib: dict[int, str] = {}
    for status, n in (("terlambat", jumlah["terlambat"]),
                      ("dikembalikan", jumlah["dikembalikan"]), ("diajukan", jumlah["diajukan"])):
        for _ in range(n):
            nasib[order.pop()] = status
    contoh = Contoh(ukuran)
    rpjmd = _rpjmd()
    t = ukuran.tahun
    for i, (bidang, nama) in enumerate(OPD_BIDANG[:ukuran.opd]):
        opd = _Opd(daftar, ukuran, i + 1, bidang, nama, late=nasib.get(i) == "terlambat",
                   outlier_tw4=nasib.get(i) == "dikembalikan")
        contoh.datasets[opd.kode] = opd.dataset(rpjmd)
        for y in range(t - 2, t + 1):
            for tw in range(1, 5):
                status, catatan = "diverifikasi", ""
                if (y, tw) == (t, 4) and i in nasib:
                    status = {"terlambat": "draft", "diajukan": "diajukan",
                              "dikembalikan": "dikembalikan"}[nasib[i]]
                    if status == "dikembalikan" and opd.outlier:
                        catatan = (f"Data sintetis: realisasi TW IV indikator "
                                   f"\"{opd.outlier[0]}\" tertulis {opd.outlier[1]}, sekitar "
                                   "sepuluh kali target triwulannya. Mohon diperiksa dan "
                                   "diperbaiki.")
                    elif status == "dikembalikan":
                        catatan = "Data sintetis: bukti dukung TW IV belum lengkap."
                contoh.status.append(StatusTriwulan(opd.kode, y, tw, status, catatan))
    return contoh


def write_files(contoh: Contoh, folder: Path) -> list[Path]:
    """One dataset file per OPD, each ending with its ``jumlah``; returns their paths."""
    from akuntabel.adapters.dataset.reader import count_contents
    from akuntabel.adapters.dataset.yamlio import dump_yaml

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kode, ds in contoh.datasets.items():
        data = {"format": ds["format"], "jumlah_di_akhir": True,
                **{k: v for k, v in ds.items() if k != "format"}}
        data["jumlah"] = count_contents(data)
        path = folder / f"{PEMDA_KODE}-{kode}.yaml"
        path.write_text("# DATA SINTETIS Kota Contoh (akuntabel contoh): bukan data nyata.\n"
                        + dump_yaml(data), encoding="utf-8")
        paths.append(path)
    return paths


# -- loading ------------------------------------------------------------------------------------

# Printed by the command, as the Kota Metro demo's are; no word of a place name in them (the
# password policy refuses "contoh" and "sintetis", words of the pemda's name).
PASSWORD = {"admin": "cobalah-layar-pemda-01", "verifikator": "cobalah-layar-pemda-02",
            "operator": "cobalah-layar-pemda-03"}


class SudahAda(Exception):
    """Kota Contoh is already in the database: it is kept, never loaded over."""


def pemda_exists() -> bool:
    from akuntabel.organizations.models import Pemda

    return bool(Pemda.objects.filter(kode=PEMDA_KODE).exists())


def load_contoh(paths: list[Path], contoh: Contoh) -> list[tuple[str, str, str]]:
    """Load the files with the dataset reader and loader (the official code lists first, when
    the database lacks them), each OPD's load recorded in its history; then the users and the
    quarterly report statuses through the workflow. Refused (SudahAda) when Kota Contoh is
    already there: a rerun keeps what is in the database. Returns the users whose password
    is usable: (username, password, role)."""
    from django.db import transaction

    from akuntabel.adapters.dataset.loader import load_dataset
    from akuntabel.adapters.dataset.reader import read_dataset
    from akuntabel.audit.services import record_change
    from akuntabel.references.loader import load_reference_lists
    from akuntabel.references.models import EdisiReferensi

    if pemda_exists():
        raise SudahAda(PEMDA_NAMA)
    if not EdisiReferensi.objects.filter(kode=EDISI_NOMENKLATUR).exists():
        load_reference_lists(None)      # the edition the files name (akuntabel referensi)
    with transaction.atomic():
        opds = {}
        for path in paths:
            result = load_dataset(read_dataset(path))
            opd = result.perangkat_daerah
            record_change(opd, opd, "isi data", "", f"dimuat: data sintetis {path.name}",
                          sumber="akuntabel contoh", oleh=None)
            opds[opd.kode] = opd
        users = _users(opds, contoh)
        for kode, opd in opds.items():
            _realisasi_anggaran(opd, contoh, users[f"operator:{kode}"])
        _apply_status(opds, contoh, users)
        _iku_pemda(opds, contoh, users)
        _pk_daerah(next(iter(opds.values())).pemda, contoh, users["admin"])
    from django.contrib.auth.password_validation import validate_password

    printed = [(r, users[r]) for r in ("admin", "verifikator", "operator") if r in users]
    for role, user in printed:   # the policy every other password follows
        validate_password(PASSWORD[role], user)
    return [(user.username, PASSWORD[role], role) for role, user in printed]


def _users(opds: dict[str, Any], contoh: Contoh) -> dict[str, Any]:
    """An admin pemda and a verifikator of Kota Contoh with printed passwords; an operator per
    OPD (who submits its quarters), of which only the first OPD with a returned quarter's can
    log in (to fix it)."""
    from django.contrib.auth.models import User

    from akuntabel.accounts.models import Membership, Peran

    pemda = next(iter(opds.values())).pemda
    users: dict[str, Any] = {}
    for role, peran in (("admin", Peran.ADMIN_PEMDA), ("verifikator", Peran.VERIFIKATOR)):
        user, _ = User.objects.get_or_create(username=f"contoh-{role}")
        user.first_name, user.last_name = role.title(), "Kota Contoh (sintetis)"
        user.email = contoh_email(user.username)
        user.set_password(PASSWORD[role])
        user.save()
        Membership.objects.get_or_create(user=user, pemda=pemda, peran=peran,
                                         perangkat_daerah=None)
        users[role] = user
    returned = next((s.opd_kode for s in contoh.status if s.status == "dikembalikan"), None)
    for kode, opd in opds.items():
        user, _ = User.objects.get_or_create(username=f"contoh-operator-{kode}"[:150])
        user.first_name, user.last_name = "Operator", opd.nama   # the name says "sintetis"
        user.email = contoh_email(user.username)
        if kode == returned:
            user.set_password(PASSWORD["operator"])
            users["operator"] = user
        else:
            user.set_unusable_password()
        user.save()
        Membership.objects.get_or_create(user=user, pemda=pemda, peran=Peran.OPERATOR_OPD,
                                         perangkat_daerah=opd)
        users[f"operator:{kode}"] = user
    return users


def contoh_email(username: str) -> str:
    """A Kota Contoh user's address: under .example (RFC 2606), never delivered; the demo's
    mail goes to files (var/mail/)."""
    return f"{username}@kota-contoh.example"


def _realisasi_anggaran(opd: Any, contoh: Contoh, user: Any) -> None:
    """The quarterly budget realisasi of each sub kegiatan of the DPA (the dataset holds only
    the annual one), entered as the operator enters them, through ``budget.writes``: the
    year's realisasi spread over TW I-IV (20, 25, 25, 30 %), TW IV the rest, so that the four
    add up to the annual figure; a late quarter is left empty."""
    from akuntabel.budget.services import build_realisasi_anggaran_grid
    from akuntabel.budget.writes import IsianAnggaran, save_realisasi_anggaran

    tahun = contoh.ukuran.tahun
    late = {s.triwulan for s in contoh.status
            if (s.opd_kode, s.tahun, s.status) == (opd.kode, tahun, "draft")}
    done: dict[int, Decimal] = {}
    for tw in range(1, 5):
        if tw in late:
            continue
        isian = []
        for baris in build_realisasi_anggaran_grid(opd, tahun, tw):
            if baris.anggaran is None or not baris.tahunan:
                continue
            if tw < 4:
                nilai = (baris.tahunan * SEBARAN_TW[tw - 1]).quantize(Decimal(1))
            else:
                nilai = baris.tahunan - done.get(baris.anggaran, Decimal(0))
            done[baris.anggaran] = done.get(baris.anggaran, Decimal(0)) + nilai
            isian.append(IsianAnggaran(baris, _rp(nilai), nilai, baris.versi))
        save_realisasi_anggaran(opd, tahun, tw, isian, user=user)


def _apply_status(opds: dict[str, Any], contoh: Contoh, users: dict[str, Any]) -> None:
    from akuntabel.accounts.access import Hak
    from akuntabel.reporting.workflow import apply_action

    operator, verifikator = Hak(ubah=True), Hak(verifikasi=True)
    for s in contoh.status:
        if s.status == "draft":
            continue      # late: nothing entered, nothing submitted
        opd = opds[s.opd_kode]
        apply_action(opd, s.tahun, s.triwulan, "ajukan", hak=operator,
                     user=users[f"operator:{s.opd_kode}"])
        if s.status == "diverifikasi":
            apply_action(opd, s.tahun, s.triwulan, "verifikasi", hak=verifikator,
                         user=users["verifikator"])
        elif s.status == "dikembalikan":
            apply_action(opd, s.tahun, s.triwulan, "kembalikan", hak=verifikator,
                         user=users["verifikator"], catatan=s.catatan)


def _iku_pemda(opds: dict[str, Any], contoh: Contoh, users: dict[str, Any]) -> None:
    """The IKU of the pemda, set by a (synthetic) Perkada through the ``daerah`` services: one
    per sasaran daerah the OPD serve, measured by the OPD's own IKU (their satisfaction index,
    or for governance their follow-up of audit findings), each link proposed by the OPD's
    operator and approved by the verifikator; the formula is the mean of the linked values
    (``SUM / n``), the targets the mean of the OPD's Renstra targets."""
    from datetime import date

    from akuntabel.daerah.services import (
        buat_perkada,
        putuskan_tautan,
        simpan_iku,
        usulkan_tautan,
    )
    from akuntabel.plans.models import Indikator, SasaranDaerah

    first = next(iter(opds.values()))
    sasaran = {s.kode: s for s in SasaranDaerah.objects.filter(
        tujuan_daerah__rpjmd__pemda=first.pemda)}
    rpjmd = next(iter(sasaran.values())).tujuan_daerah.rpjmd
    perkada = buat_perkada(rpjmd, nomor="5 Tahun 2022 (sintetis)", tanggal=date(2022, 3, 1),
                           tentang="Indikator Kinerja Utama Pemerintah Kota Contoh (data "
                                   "sintetis)", berlaku_mulai=TAHUN_AWAL, user=users["admin"])
    groups: dict[str, list[str]] = {}
    for kode, ds in contoh.datasets.items():
        groups.setdefault(sasaran_daerah_of(ds["opd"]["bidang_urusan"][0]), []).append(kode)
    groups["4.1"] = list(contoh.datasets)
    for urutan, (kode_sd, anggota) in enumerate(sorted(groups.items()), start=1):
        kunci = "IKU-3" if kode_sd == "4.1" else "IKU-1"
        indikator = {k: Indikator.objects.get(perangkat_daerah=opds[k], kode=kunci)
                     for k in anggota}
        targets = {}
        for tahun in range(TAHUN_AWAL, TAHUN_AKHIR + 1):
            nilai = [_parse_id(_find_target(contoh.datasets[k], kunci, tahun)) for k in anggota]
            targets[f"target_{tahun}"] = _angka(_q(sum(nilai, Decimal(0)) / len(nilai), 2))
        uraian = ("Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti perangkat "
                  "daerah" if kode_sd == "4.1" else
                  f"Indeks kepuasan masyarakat: {sasaran[kode_sd].uraian.lower()}")
        iku = simpan_iku(perkada, {
            "kode": f"IKU-D{urutan}", "uraian": uraian,
            "satuan": "%" if kode_sd == "4.1" else "indeks",
            "rumus": f"SUM / {len(anggota)}", "polaritas": "naik", "agregasi": "nilai",
            "sumber_data": "Data sintetis: IKU perangkat daerah yang bertanggung jawab",
            "definisi": "Rata-rata nilai indikator perangkat daerah yang ditautkan (sintetis).",
            "sasaran_daerah": str(sasaran[kode_sd].pk),
            "penanggung_jawab": [str(opds[k].pk) for k in anggota], **targets},
            user=users["admin"])
        for n, k in enumerate(anggota, start=1):
            tautan = usulkan_tautan(iku, indikator[k], nama=f"OPD{n}", catatan="",
                                    user=users[f"operator:{k}"])
            putuskan_tautan(tautan, setuju=True, catatan="", user=users["verifikator"])


def _pk_daerah(pemda: Any, contoh: Contoh, admin: Any) -> None:
    """The Wali Kota's Perjanjian Kinerja of each year with quarterly data, through
    ``daerah.pk`` as the admin pemda makes it: composed from the IKU of the (synthetic) Perkada
    with their targets, dated, submitted and signed on 20 January on his behalf."""
    from datetime import datetime

    from django.utils import timezone

    from akuntabel.daerah.pk import ajukan_pk, susun_pk, tandatangani_pk, ubah_pk

    tahun = contoh.ukuran.tahun
    for y in range(tahun - 2, tahun + 1):
        pk = susun_pk(pemda, y, oleh=admin)
        ubah_pk(pk, {"tanggal": f"20-01-{y}"}, oleh=admin, versi=pk.versi)
        pk.refresh_from_db()
        pk = ajukan_pk(pk, oleh=admin, versi=pk.versi)
        tandatangani_pk(pk, oleh=admin, versi=pk.versi,
                        pada=timezone.make_aware(datetime(y, 1, 20, 9, 0)),
                        alasan=f"Data sintetis: ditandatangani Wali Kota di atas kertas pada "
                               f"20 Januari {y}.")


def _find_target(ds: dict[str, Any], kunci: str, tahun: int) -> str:
    for s in ds["renstra"]["tujuan"][0]["sasaran"]:
        for ind in s["indikator"]:
            if ind.get("kode") == kunci:
                return str(ind["target"]["renstra"][tahun])
    raise KeyError(kunci)


def _parse_id(teks: str) -> Decimal:
    """A number as ``_angka`` writes it (Indonesian: "1.250,5")."""
    return Decimal(teks.replace(".", "").replace(",", "."))
