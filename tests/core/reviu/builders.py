"""Consistent synthetic reviu data of any size: a clean dataset must give no finding.

``make_clean_data(size)`` builds an OPD whose budget adds up at every level, whose indicators
have targets and realisasi in the same unit with capaian above the threshold, whose IKU is
computed from components that add up, whose PK equals the Renstra, and whose narrative
sections are all present and quote only figures the data holds, the report year and the
OPD's own names. Tests break one thing at a time with ``dataclasses.replace``.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from functools import cache

from akuntabel.core.angka import (
    Angka,
    format_angka,
    format_persen,
    format_rupiah,
    parse_angka,
    round_half_up,
)
from akuntabel.core.capaian import compute_capaian, compute_persentase
from akuntabel.core.peringkat import DEFAULT_SKALA
from akuntabel.core.reviu import run_reviu
from akuntabel.core.reviu.data import (
    AnggaranLain,
    BarisAnggaran,
    BarisPk,
    Finding,
    Identitas,
    Indikator,
    Komponen,
    Narasi,
    Nilai,
    Pejabat,
    Perhitungan,
    PerjanjianKinerja,
    RenstraAnggaran,
    ReviuData,
)

TAHUN = 2023
OPD = "Dinas Uji Kota Contoh"
PEMDA = "Kota Contoh"
LEAVES = ("Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
          "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover",
          "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak",
          "Belanja Alat/Bahan untuk Kegiatan Kantor-Benda Pos")
CHAIN = (("5.1", "Belanja Operasi"), ("5.1.02", "Belanja Barang dan Jasa"),
         ("5.1.02.01", "Belanja Barang"), ("5.1.02.01.01", "Belanja Barang Pakai Habis"))
RENSTRA_TARGETS = {2021: "85,3%", 2022: "88,4%", 2023: "91,5%", 2024: "94,6%", 2025: "97,7%",
                   2026: "100%"}


def nilai(teks: str) -> Nilai:
    """A printed value as the database context gives it: its text and what could be read."""
    hasil = parse_angka(teks)
    if isinstance(hasil, Angka):
        return Nilai(teks, hasil.nilai, hasil.satuan)
    return Nilai(teks)



@cache
def clean(size: int = 1) -> ReviuData:
    """The clean dataset of a size, built once per test run (it is immutable)."""
    return make_clean_data(size)


def findings(data: ReviuData, code: str) -> list[Finding]:
    """The findings of one rule."""
    return run_reviu(data, [code])


def _budget(rng: random.Random, n_program: int, n_kegiatan: int, n_sub: int,
            n_leaf: int) -> tuple[list[BarisAnggaran], list[str]]:
    """The tree with every printed subtotal right; returns rows and the sub kegiatan keys."""
    rows: list[BarisAnggaran] = []
    subs: list[str] = []
    totals: dict[str, list[Decimal]] = {}

    def add(kunci: str, induk: str | None) -> None:
        totals[kunci] = [Decimal(0), Decimal(0)]
        if induk is not None:
            totals.setdefault(induk, [Decimal(0), Decimal(0)])

    structure: list[tuple[str, str | None, str, str, str, str]] = [
        ("opd", None, "opd", "", OPD, OPD)]
    leaves: list[tuple[str, Decimal, Decimal]] = []
    parents: dict[str, str | None] = {"opd": None}
    for p in range(1, n_program + 1):
        pk = f"1.06.{p + 1:02d}"
        pkey = f"program:{pk}"
        structure.append((pkey, "opd", "program", pk, f"PROGRAM UJI {p}", pk))
        parents[pkey] = "opd"
        for k in range(1, n_kegiatan + 1):
            kk = f"{pk}.2.{k:02d}"
            kkey = f"kegiatan:{kk}"
            structure.append((kkey, pkey, "kegiatan", kk, f"Kegiatan Uji {p}.{k}", f"{pk} › {kk}"))
            parents[kkey] = pkey
            for s in range(1, n_sub + 1):
                sk = f"{kk}.{s:04d}"
                skey = f"sub_kegiatan:{sk}"
                jalur = f"{pk} › {kk} › {sk} Sub Kegiatan Uji {p}.{k}.{s}"
                structure.append((skey, kkey, "sub_kegiatan", sk, f"Sub Kegiatan Uji {p}.{k}.{s}",
                                  jalur))
                parents[skey] = kkey
                subs.append(skey)
                induk = skey
                for depth, (kode, uraian) in enumerate(CHAIN):
                    lkey = f"rekening:{sk}/{depth}"
                    structure.append((lkey, induk, "rekening", kode, uraian,
                                      f"{jalur} › {uraian}"))
                    parents[lkey] = induk
                    induk = lkey
                for leaf in range(n_leaf):
                    lkey = f"rekening:{sk}/4.{leaf}"
                    uraian = LEAVES[leaf % len(LEAVES)]
                    pagu = Decimal(rng.randrange(100, 5000) * 1000)
                    realisasi = (pagu * Decimal(rng.randrange(92, 100)) / 100).quantize(
                        Decimal(1))
                    structure.append((lkey, induk, "rekening", "", uraian, f"{jalur} › {uraian}"))
                    parents[lkey] = induk
                    leaves.append((lkey, pagu, realisasi))
    for key, *_ in structure:
        add(key, parents[key])
    for lkey, pagu, realisasi in leaves:
        node: str | None = lkey
        while node is not None:
            totals[node][0] += pagu
            totals[node][1] += realisasi
            node = parents[node]
    for key, induk, tingkat, kode, uraian, jalur in structure:
        pagu, realisasi = totals[key]
        if key == "opd":
            pagu_row, realisasi_row = None, None  # the table's total line: in anggaran_lain
        else:
            pagu_row, realisasi_row = pagu, realisasi
        rows.append(BarisAnggaran(key, induk, tingkat, kode, uraian, jalur, pagu_row,
                                  realisasi_row))
    return rows, subs


def make_clean_data(size: int = 1, seed: int = 0) -> ReviuData:
    """A consistent OPD: ``size`` 1 is small; ``size`` 10 has 300 indicators and ~5.000 lines."""
    rng = random.Random(seed)
    n_program, n_kegiatan, n_sub, n_leaf = 2 + size, 2 + size // 2, 2 + size, 4
    rows, subs = _budget(rng, n_program, n_kegiatan, n_sub, n_leaf)
    by_key = {r.kunci: r for r in rows}
    total_pagu = sum((r.pagu or Decimal(0)) for r in rows if r.tingkat == "program")
    total_realisasi = sum((r.realisasi or Decimal(0)) for r in rows if r.tingkat == "program")
    serapan = compute_persentase(total_realisasi, total_pagu)

    # The IKU, computed from components whose breakdowns add up.
    items = []
    for i in range(1, 6):
        parts = tuple(Komponen(f"{i}.{j}", f"Rincian {i}.{j}", nilai(str(rng.randrange(5, 90))))
                      for j in range(1, 4))
        jumlah = sum((c.nilai.nilai for c in parts if c.nilai and c.nilai.nilai), Decimal(0))
        items.append(Komponen(f"{i:02d}", f"Komponen PPKS {i}", nilai(format_angka(jumlah)),
                              parts))
    pembilang = sum((c.nilai.nilai for c in items if c.nilai and c.nilai.nilai), Decimal(0))
    penyebut = round_half_up(pembilang / Decimal("0.93"), 0)
    hasil = compute_persentase(pembilang, penyebut)
    assert hasil is not None
    hasil_teks = format_persen(hasil)
    iku = Indikator(
        kunci="indikator:IKU-1", uraian="Persentase PPKS yang tertangani",
        node_kunci="sasaran:S1", jalur="Sasaran S1", satuan="%", iku=True,
        target={"renstra": {t: nilai(v) for t, v in RENSTRA_TARGETS.items()},
                "pk": {TAHUN: nilai(RENSTRA_TARGETS[TAHUN])}},
        realisasi={TAHUN: nilai(hasil_teks)},
        realisasi_dihitung={TAHUN: hasil})
    capaian = compute_capaian(Decimal("91.5"), hasil)
    indikator = [iku]
    n_indikator = 30 * size
    for i in range(n_indikator - 1):
        node = subs[i % len(subs)]
        target = rng.randrange(5, 500)
        realisasi = target + rng.randrange(0, 5)
        indikator.append(Indikator(
            kunci=f"indikator:{node}#{i}", uraian=f"Jumlah penerima layanan {i}",
            node_kunci=node, jalur=by_key[node].jalur, satuan="Orang", nomor_tercetak=i + 1,
            target={"renja": {TAHUN: nilai(f"{target} Orang")}},
            realisasi={TAHUN: nilai(f"{realisasi} Orang")}))

    renstra = tuple(
        RenstraAnggaran(node_kunci=key, jalur=by_key[key].jalur, tahun=TAHUN,
                        target=(by_key[key].pagu or Decimal(0)) * Decimal("1.1"),
                        target_teks=format_angka((by_key[key].pagu or Decimal(0))
                                                 * Decimal("1.1"), 0),
                        realisasi_dilaporkan=by_key[key].realisasi,
                        realisasi_teks=format_angka(by_key[key].realisasi, 0))
        for key in subs)

    n_program_rows = sum(1 for r in rows if r.tingkat == "program")
    n_kegiatan_rows = sum(1 for r in rows if r.tingkat == "kegiatan")
    n_sub_rows = len(subs)
    peringkat = DEFAULT_SKALA.peringkat(capaian)
    figures = (f"pagu anggaran sebesar {format_rupiah(total_pagu)} dengan realisasi "
               f"{format_rupiah(total_realisasi)} atau serapan anggaran sebesar "
               f"{format_persen(serapan)}")
    kinerja = (f"Capaian kinerja IKU Persentase PPKS yang tertangani tahun {TAHUN} sebesar "
               f"{format_persen(capaian)} dengan kategori {peringkat}, dari realisasi "
               f"{hasil_teks} terhadap target {format_persen(Decimal('91.5'))}.")
    teks = {
        "kata_pengantar": f"Laporan Kinerja {OPD} Tahun {TAHUN} disusun sebagai "
                          "pertanggungjawaban kinerja kepada Wali Kota Contoh.",
        "ikhtisar_eksekutif": f"{kinerja} Tahun {TAHUN} tersedia {figures}.",
        "latar_belakang": f"{OPD} adalah perangkat daerah di lingkungan Pemerintah {PEMDA}.",
        "maksud_tujuan": f"Laporan ini menggambarkan kinerja {OPD} selama tahun {TAHUN}.",
        "dasar_hukum": "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
                       "Kinerja Instansi Pemerintah.",
        "gambaran_umum": f"{OPD} dipimpin oleh Kepala Dinas yang bertanggung jawab kepada "
                         "Wali Kota Contoh.",
        "isu_strategis": "Isu strategis: penanganan PPKS.",
        "perencanaan_kinerja": f"Renstra {OPD} Tahun 2021-2026 mengacu pada RPJMD {PEMDA} "
                               "Tahun 2021-2026.",
        "visi_misi": f"Visi {PEMDA} dalam RPJMD Tahun 2021-2026.",
        "tujuan_sasaran": "Sasaran: meningkatnya penanganan PPKS.",
        "program": f"Pada tahun {TAHUN} terdapat {n_program_rows} program, {n_kegiatan_rows} "
                   f"kegiatan dan {n_sub_rows} sub kegiatan.",
        "perjanjian_kinerja": f"Perjanjian Kinerja Tahun {TAHUN} menetapkan target "
                              f"{format_persen(Decimal('91.5'))}.",
        "capaian_kinerja_organisasi": kinerja,
        "realisasi_kinerja": f"Realisasi kinerja program dan kegiatan tahun {TAHUN}, "
                             "dibandingkan dengan capaian nasional.",
        "perbandingan_tahun_lalu": f"Perbandingan realisasi tahun {TAHUN} dengan tahun "
                                   f"{TAHUN - 1}.",
        "perbandingan_renstra": f"Perbandingan realisasi tahun {TAHUN} dengan target Renstra "
                                "2021-2026.",
        "perhitungan_iku": f"Jumlah PPKS tahun {TAHUN} sebesar {format_angka(penyebut)}; "
                           f"yang tertangani {format_angka(pembilang)}, atau {hasil_teks}.",
        "analisis_penyebab": "Seluruh indikator mencapai target.",
        "analisis_efisiensi": "Efisiensi dinilai dari selisih capaian dan serapan.",
        "analisis_program": "Seluruh program terlaksana.",
        "realisasi_anggaran": f"Tahun {TAHUN} tersedia {figures}.",
        "penutup": f"Demikian Laporan Kinerja {OPD} Tahun {TAHUN}. {kinerja} Upaya "
                   "perbaikan ke depan: pemutakhiran data PPKS.",
    }
    narasi = tuple(Narasi(k, k.replace("_", " ").upper(), v) for k, v in teks.items())
    return ReviuData(
        identitas=Identitas(
            opd_nama=OPD, pemda_nama=PEMDA, pemda_jenis="kota",
            kepala_daerah_jabatan="Wali Kota Contoh", tahun=TAHUN, renstra_awal=2021,
            renstra_akhir=2026, rpjmd_awal=2021, rpjmd_akhir=2026,
            tabel_tahun_tercetak=tuple(range(2021, 2027)),
            pejabat=(Pejabat("BUDI SANTOSO, S.Sos.", "197001011990031001",
                             f"Kepala {OPD}"),)),
        anggaran=tuple(rows),
        anggaran_lain=(AnggaranLain("Tabel 3.2 baris jumlah", total_pagu, total_realisasi),
                       AnggaranLain("Bab IV Penutup", total_pagu, total_realisasi,
                                    format_persen(serapan))),
        indikator=tuple(indikator),
        perhitungan=(Perhitungan("indikator:IKU-1", TAHUN, nilai(format_angka(penyebut)),
                                 nilai(format_angka(pembilang)), nilai(hasil_teks),
                                 tuple(items)),),
        renstra_anggaran=renstra,
        perjanjian_kinerja=(PerjanjianKinerja(TAHUN, "induk", None,
                                              (BarisPk("indikator:IKU-1",
                                                       nilai(RENSTRA_TARGETS[TAHUN])),)),),
        narasi=narasi,
        jumlah_program=n_program_rows, jumlah_kegiatan=n_kegiatan_rows,
        jumlah_sub_kegiatan=n_sub_rows,
    )


def with_narasi(data: ReviuData, kunci: str, teks: str) -> ReviuData:
    """``data`` with the text of one narrative section replaced (added if absent)."""
    sections = [n for n in data.narasi if n.kunci != kunci]
    sections.append(Narasi(kunci, kunci.upper(), teks))
    return replace(data, narasi=tuple(sections))


def without_narasi(data: ReviuData, kunci: str) -> ReviuData:
    return replace(data, narasi=tuple(n for n in data.narasi if n.kunci != kunci))


def with_row(data: ReviuData, kunci: str, **changes: object) -> ReviuData:
    """``data`` with one budget row changed, e.g. ``with_row(d, "program:1.06.02", pagu=…)``."""
    return replace(data, anggaran=tuple(replace(r, **changes) if r.kunci == kunci else r
                                        for r in data.anggaran))
