"""Reviu rules of the group "perencanaan" (planning coherence): ``REN-001`` … ``REN-011``.

They check that the year's plan holds together: the Perjanjian Kinerja (PK) against the
Renstra, the Renstra against the RPJMD and its own table, every IKU in the PK, every target
with its realisasi in the same unit, and the Renstra's funding against what was spent.

The target in force for a year is the PK perubahan, else the PK, else the Renja, else the
Renstra (Permenpan RB 53/2014: performance is measured against the Perjanjian Kinerja).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from akuntabel.core.angka import BukanAngka, format_angka, format_rupiah, parse_angka
from akuntabel.core.reviu.common import NAMA_TARGET, ada, target_berlaku
from akuntabel.core.reviu.data import (
    BarisAnggaran,
    Finding,
    Indikator,
    Lokasi,
    Nilai,
    PerjanjianKinerja,
    ReviuData,
)
from akuntabel.core.reviu.registry import aturan, temuan

PERMENPAN_53_2014 = (
    "Permenpan RB 53/2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan "
    "Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah"
)
PERMENDAGRI_86_2017 = (
    "Permendagri 86/2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi "
    "Pembangunan Daerah"
)

# The target in force: the first of these kinds that has a value for the year.

BAGIAN_PK = "Bab II Perjanjian Kinerja"
BAGIAN_RENSTRA = "Bab II Perencanaan Kinerja"
BAGIAN_TABEL_RENSTRA = "Tabel 2.1 IKU"
BAGIAN_CAPAIAN = "Bab III Capaian Kinerja Organisasi"
BAGIAN_REALISASI = "Bab III Realisasi Kinerja Program dan Kegiatan"
BAGIAN_TAHUN_LALU = "Bab III Perbandingan Realisasi dengan Tahun Lalu"
BAGIAN_RENSTRA_ANGGARAN = "Bab III Perbandingan Realisasi dengan Target Renstra"

# A Renstra amount this many times what was spent, or this fraction of it, is an order of
# magnitude away.
KALI_BATAS = Decimal(10)
NODE_PROGRAM = ("program", "kegiatan", "sub_kegiatan")
PANJANG_URAIAN = 200


# --- REN-001 … REN-004: the Perjanjian Kinerja ---------------------------------------------


@aturan("REN-001", "warning", "perencanaan",
        "Target PK berbeda dengan target Renstra tanpa PK Perubahan",
        "PK target differs from the Renstra target without an amended PK",
        f"{PERMENPAN_53_2014} (target PK dijabarkan dari Renstra/RKT); {PERMENDAGRI_86_2017}")
def pk_berbeda_dengan_renstra(data: ReviuData) -> list[Finding]:
    """A row of a PK (induk) whose target is not the indicator's Renstra target of that year,
    while no PK perubahan of that year covers the indicator.

    The PK sets out the Renstra's target of the year; a different target is legitimate only
    when the PK was formally amended. Values are compared as numbers (``"91.5 %"`` equals
    ``"91,5%"``), texts that are not numbers as words (case and spacing ignored); a number
    against a text is not compared.
    """
    indikator = {i.kunci: i for i in data.indikator}
    hasil: list[Finding] = []
    for pk in data.perjanjian_kinerja:
        if pk.jenis != "induk":
            continue
        for baris in pk.baris:
            ind = indikator.get(baris.indikator_kunci)
            if ind is None or not ada(baris.target):
                continue
            renstra = ind.target.get("renstra", {}).get(pk.tahun)
            if not ada(renstra) or _diubah(data, ind, pk.tahun):
                continue
            assert baris.target is not None and renstra is not None
            if _sama(baris.target, renstra) is not False:
                continue
            di_pk, di_renstra = _teks(baris.target), _teks(renstra)
            hasil.append(temuan(
                "REN-001",
                f"Target PK {pk.tahun} indikator {_nama(ind)} adalah {di_pk}, berbeda dengan "
                f"target Renstra tahun {pk.tahun} sebesar {di_renstra}, dan tidak ada PK "
                f"Perubahan tahun {pk.tahun} yang mengubahnya.",
                f"The {pk.tahun} PK target of indicator {_nama(ind)} is {di_pk}, but the "
                f"Renstra target for {pk.tahun} is {di_renstra}, and no amended PK of "
                f"{pk.tahun} changes it.",
                Lokasi(BAGIAN_PK, f"{_kunci_pk(pk)}#{ind.kunci}", _uraian_indikator(ind)),
                diharapkan=di_renstra, ditemukan=di_pk))
    return hasil


@aturan("REN-002", "error", "perencanaan",
        "Tahun PK yang tercetak bukan tahunnya",
        "The PK's printed year is not its year",
        PERMENPAN_53_2014)
def pk_tahun_tercetak(data: ReviuData) -> list[Finding]:
    """A PK whose text gives another year than its own (the seed introduces the PK 2023 as
    "Dokumen perjanjian kinerja tahun 2024").

    The PK is the agreement of one year; a reader who sees another year cannot tell which
    targets the report measures against.
    """
    hasil: list[Finding] = []
    for pk in data.perjanjian_kinerja:
        if pk.tahun_tercetak is None or pk.tahun_tercetak == pk.tahun:
            continue
        nama = _nama_pk(pk)
        hasil.append(temuan(
            "REN-002",
            f"{nama} tahun {pk.tahun} disebut dalam laporan sebagai {nama} tahun "
            f"{pk.tahun_tercetak}.",
            f"The report calls the {pk.tahun} {_nama_pk_en(pk)} the {_nama_pk_en(pk)} of "
            f"{pk.tahun_tercetak}.",
            Lokasi(BAGIAN_PK, _kunci_pk(pk), f"{nama} tahun {pk.tahun}"),
            diharapkan=str(pk.tahun), ditemukan=str(pk.tahun_tercetak)))
    return hasil


@aturan("REN-003", "warning", "perencanaan",
        "Tidak ada Perjanjian Kinerja untuk tahun laporan",
        "No Perjanjian Kinerja for the report year",
        f"{PERMENPAN_53_2014} (laporan kinerja mengukur capaian terhadap target PK)")
def pk_tahun_laporan_tidakada(data: ReviuData) -> list[Finding]:
    """No PK (induk or perubahan) for the report year: the report has nothing to measure
    its performance against."""
    tahun = data.identitas.tahun
    if any(pk.tahun == tahun for pk in data.perjanjian_kinerja):
        return []
    return [temuan(
        "REN-003",
        f"Tidak ada Perjanjian Kinerja tahun {tahun}; capaian kinerja tahun {tahun} tidak "
        "dapat diukur terhadap target PK.",
        f"There is no Perjanjian Kinerja for {tahun}; the {tahun} performance cannot be "
        "measured against PK targets.",
        Lokasi(BAGIAN_PK, f"pk:{tahun}", f"Perjanjian Kinerja tahun {tahun}"),
        diharapkan=f"PK tahun {tahun}", ditemukan="tidak ada")]


@aturan("REN-004", "warning", "perencanaan",
        "IKU tidak tercantum dalam Perjanjian Kinerja tahun laporan",
        "IKU missing from the Perjanjian Kinerja of the report year",
        f"{PERMENPAN_53_2014} (PK memuat sasaran dan indikator kinerja utama)")
def iku_tanpa_pk(data: ReviuData) -> list[Finding]:
    """An IKU with no row in the PK of the report year (induk or perubahan).

    Every IKU is agreed in the PK; without a PK row it has no agreed target. When there is no
    PK at all for the year, REN-003 reports that once instead.
    """
    tahun = data.identitas.tahun
    pks = [pk for pk in data.perjanjian_kinerja if pk.tahun == tahun]
    if not pks:
        return []
    di_pk = {b.indikator_kunci for pk in pks for b in pk.baris}
    hasil: list[Finding] = []
    for ind in data.indikator:
        if not ind.iku or ind.kunci in di_pk:
            continue
        hasil.append(temuan(
            "REN-004",
            f"IKU {_nama(ind)} tidak tercantum dalam Perjanjian Kinerja tahun {tahun}.",
            f"IKU {_nama(ind)} is not in the {tahun} Perjanjian Kinerja.",
            Lokasi(BAGIAN_PK, ind.kunci, _uraian_indikator(ind)),
            diharapkan=f"tercantum dalam PK {tahun}", ditemukan="tidak tercantum"))
    return hasil


# --- REN-005, REN-006: the Renstra period --------------------------------------------------


@aturan("REN-005", "error", "perencanaan",
        "Kolom tahun tabel Renstra tidak sesuai periode Renstra",
        "The Renstra table's year columns do not match the Renstra period",
        f"{PERMENDAGRI_86_2017} (target Renstra ditetapkan untuk setiap tahun periodenya)")
def tabel_renstra_tahun(data: ReviuData) -> list[Finding]:
    """The year headers printed over the Renstra's target table are not the years of the
    Renstra period.

    A shifted header puts every target under the wrong year (the seed prints 2020–2024 over
    the targets of 2021–2026, so its "2023" column shows the 2024 target).
    """
    idn = data.identitas
    tercetak = idn.tabel_tahun_tercetak
    periode = tuple(range(idn.renstra_awal, idn.renstra_akhir + 1))
    if not tercetak or tercetak == periode:
        return []
    di_luar = [t for t in tercetak if t not in periode]
    kurang = [t for t in periode if t not in tercetak]
    sebab, sebab_en = [], []
    if di_luar:
        sebab.append(f"tahun {_daftar_tahun(di_luar)} di luar periode")
        sebab_en.append(f"{_daftar_tahun(di_luar)} outside the period")
    if kurang:
        sebab.append(f"tahun {_daftar_tahun(kurang)} tidak ada")
        sebab_en.append(f"{_daftar_tahun(kurang)} missing")
    if not sebab:
        sebab.append("urutannya tidak sesuai")
        sebab_en.append("out of order")
    periode_teks = _rentang(idn.renstra_awal, idn.renstra_akhir)
    tercetak_teks = _daftar_tahun(tercetak)
    return [temuan(
        "REN-005",
        f"Judul kolom tahun tabel target Renstra tercetak {tercetak_teks}, padahal periode "
        f"Renstra {periode_teks} ({'; '.join(sebab)}); target terbaca pada tahun yang salah.",
        f"The Renstra target table's year columns are printed {tercetak_teks}, but the "
        f"Renstra period is {periode_teks} ({'; '.join(sebab_en)}); targets read under the "
        "wrong year.",
        Lokasi(BAGIAN_TABEL_RENSTRA, _kunci_renstra(data), f"Tabel target Renstra "
               f"{periode_teks}, judul kolom tahun"),
        diharapkan=periode_teks, ditemukan=tercetak_teks)]


@aturan("REN-006", "error", "perencanaan",
        "Periode Renstra di luar periode RPJMD",
        "Renstra period outside the RPJMD period",
        f"{PERMENDAGRI_86_2017} (Renstra Perangkat Daerah mengacu pada RPJMD dan periodenya)")
def renstra_di_luar_rpjmd(data: ReviuData) -> list[Finding]:
    """A Renstra whose years are not inside the RPJMD it serves: it cannot carry out the
    RPJMD's targets for the years outside."""
    idn = data.identitas
    if idn.rpjmd_awal <= idn.renstra_awal and idn.renstra_akhir <= idn.rpjmd_akhir:
        return []
    renstra, rpjmd = (_rentang(idn.renstra_awal, idn.renstra_akhir),
                      _rentang(idn.rpjmd_awal, idn.rpjmd_akhir))
    return [temuan(
        "REN-006",
        f"Periode Renstra {renstra} berada di luar periode RPJMD {rpjmd}.",
        f"The Renstra period {renstra} lies outside the RPJMD period {rpjmd}.",
        Lokasi(BAGIAN_RENSTRA, _kunci_renstra(data), f"Renstra {renstra}, RPJMD {rpjmd}"),
        diharapkan=f"dalam periode {rpjmd}", ditemukan=renstra)]


# --- REN-007 … REN-009: target and realisasi of the report year ----------------------------


@aturan("REN-007", "warning", "perencanaan",
        "Indikator bertarget tanpa realisasi",
        "Indicator with a target but no realisasi",
        f"{PERMENPAN_53_2014} (pengukuran kinerja membandingkan realisasi dengan target)")
def target_tanpa_realisasi(data: ReviuData) -> list[Finding]:
    """An indicator with a target in force for the report year but no realisasi (missing,
    empty or a dash): its capaian cannot be measured. A realisasi computed from components
    counts as a realisasi."""
    tahun = data.identitas.tahun
    hasil: list[Finding] = []
    for ind in data.indikator:
        berlaku = target_berlaku(data, ind, tahun)
        if berlaku is None or ada(ind.realisasi.get(tahun)) or tahun in ind.realisasi_dihitung:
            continue
        jenis, target = berlaku
        hasil.append(temuan(
            "REN-007",
            f"Indikator {_nama(ind)} pada {ind.jalur} memiliki target {NAMA_TARGET[jenis]} "
            f"tahun {tahun} {_teks(target)}, tetapi realisasinya tidak dilaporkan.",
            f"Indicator {_nama(ind)} in {ind.jalur} has a {tahun} {NAMA_TARGET[jenis]} target "
            f"of {_teks(target)} but no realisasi is reported.",
            Lokasi(_bagian(ind, tahun, tahun), ind.kunci, _uraian_indikator(ind)),
            diharapkan=f"realisasi {tahun}", ditemukan="tidak ada"))
    return hasil


@aturan("REN-008", "warning", "perencanaan",
        "Realisasi tanpa target",
        "Realisasi without a target",
        f"{PERMENPAN_53_2014} (pengukuran kinerja membandingkan realisasi dengan target)")
def realisasi_tanpa_target(data: ReviuData) -> list[Finding]:
    """An indicator (or a printed value) with a realisasi for the report year but no target
    of that year in the PK, Renja or Renstra: its capaian cannot be measured."""
    tahun = data.identitas.tahun
    hasil: list[Finding] = []
    for ind in data.indikator:
        realisasi = ind.realisasi.get(tahun)
        if not ada(realisasi) or target_berlaku(data, ind, tahun) is not None:
            continue
        assert realisasi is not None
        hasil.append(temuan(
            "REN-008",
            f"Indikator {_nama(ind)} pada {ind.jalur} memiliki realisasi tahun {tahun} "
            f"{_teks(realisasi)}, tetapi tidak memiliki target tahun {tahun}.",
            f"Indicator {_nama(ind)} in {ind.jalur} has a {tahun} realisasi of "
            f"{_teks(realisasi)} but no {tahun} target.",
            Lokasi(_bagian(ind, tahun, tahun), ind.kunci, _uraian_indikator(ind)),
            diharapkan=f"target {tahun}", ditemukan="tidak ada"))
    return hasil


@aturan("REN-009", "warning", "perencanaan",
        "Satuan target dan realisasi berbeda",
        "Target and realisasi in different units",
        f"{PERMENPAN_53_2014} (realisasi dibandingkan dengan target pada ukuran yang sama)")
def satuan_berbeda(data: ReviuData) -> list[Finding]:
    """An indicator whose target in force and realisasi of the report year are written in
    different units (``"12 Jenis Barang Cetak & Penggandaan Surat"`` against ``"12 Jenis
    Barang Cetak & Penggandaan"``): the two are not the same measure, so the capaian is
    doubtful. Units are compared trimmed and case-insensitively; a value printed without a
    unit takes the indicator's unit, and when that is unknown too nothing is compared.
    """
    tahun = data.identitas.tahun
    hasil: list[Finding] = []
    for ind in data.indikator:
        berlaku = target_berlaku(data, ind, tahun)
        realisasi = ind.realisasi.get(tahun)
        if berlaku is None or realisasi is None:
            continue
        jenis, target = berlaku
        satuan_t, satuan_r = _satuan(target, ind), _satuan(realisasi, ind)
        if satuan_t is None or satuan_r is None or _normal(satuan_t) == _normal(satuan_r):
            continue
        hasil.append(temuan(
            "REN-009",
            f"Target {NAMA_TARGET[jenis]} tahun {tahun} indikator {_nama(ind)} pada "
            f"{ind.jalur} bersatuan \"{satuan_t}\" ({_teks(target)}), sedangkan realisasinya "
            f"bersatuan \"{satuan_r}\" ({_teks(realisasi)}).",
            f"The {tahun} {NAMA_TARGET[jenis]} target of indicator {_nama(ind)} in "
            f"{ind.jalur} is in \"{satuan_t}\" ({_teks(target)}), its realisasi in "
            f"\"{satuan_r}\" ({_teks(realisasi)}).",
            Lokasi(_bagian(ind, tahun, tahun), ind.kunci, _uraian_indikator(ind)),
            diharapkan=satuan_t, ditemukan=satuan_r))
    return hasil


# --- REN-010: Renstra funding against spending ---------------------------------------------


@aturan("REN-010", "warning", "perencanaan",
        "Target anggaran Renstra jauh dari realisasinya",
        "Renstra amount an order of magnitude away from what was spent",
        f"{PERMENDAGRI_86_2017} (pendanaan indikatif Renstra dan evaluasi realisasinya)")
def renstra_anggaran_tidak_sebanding(data: ReviuData) -> list[Finding]:
    """A Renstra amount for a program, kegiatan or sub kegiatan that is ten times or more, or
    a tenth or less, of what was spent on it: most often a typo (the seed's 125.000 for a
    sub kegiatan that spent 235.776.750), otherwise a plan far from reality.

    What was spent is the DPA realisasi of the node (of a sub kegiatan its own, of a kegiatan
    or program the sum of its sub kegiatan, else its printed amount); when the node has no
    DPA row, the realisasi the report printed against the Renstra. Nodes that spent nothing
    are not compared.
    """
    tahun = data.identitas.tahun
    dpa = _realisasi_dpa(data.anggaran)
    hasil: list[Finding] = []
    for ra in data.renstra_anggaran:
        belanja = dpa.get(ra.node_kunci) if ra.tahun == tahun else None
        sumber, sumber_en = "menurut DPA", "per the DPA"
        if belanja is None:
            belanja = ra.realisasi_dilaporkan
            sumber, sumber_en = "yang dilaporkan", "as reported"
        if ra.target is None or belanja is None or ra.target <= 0 or belanja <= 0:
            continue
        kali = ra.target / belanja
        if KALI_BATAS > kali > 1 / KALI_BATAS:
            continue
        target_rp, belanja_rp = format_rupiah(ra.target), format_rupiah(belanja)
        if kali >= KALI_BATAS:
            banding = f"{_kali(kali)} kali realisasinya"
            banding_en = f"{_kali(kali)} times what was spent"
        else:
            banding = f"hanya 1/{_kali(1 / kali)} realisasinya"
            banding_en = f"only 1/{_kali(1 / kali)} of what was spent"
        hasil.append(temuan(
            "REN-010",
            f"Target anggaran Renstra tahun {ra.tahun} untuk {ra.jalur} tercetak {target_rp}, "
            f"sedangkan realisasinya {sumber} {belanja_rp}: target itu {banding}. Periksa apakah "
            "angka itu salah ketik atau rencananya tidak realistis.",
            f"The {ra.tahun} Renstra amount for {ra.jalur} is printed {target_rp}, while its "
            f"realisasi {sumber_en} is {belanja_rp}: the target is {banding_en}. Check whether "
            "it is a typo or an unrealistic plan.",
            Lokasi(BAGIAN_RENSTRA_ANGGARAN, ra.node_kunci, _ringkas(ra.jalur)),
            diharapkan=f"sebanding dengan {belanja_rp}", ditemukan=target_rp))
    return hasil


# --- REN-011: values that are not numbers --------------------------------------------------


@aturan("REN-011", "info", "perencanaan",
        "Target atau realisasi bukan angka",
        "Target or realisasi that is not a number",
        f"{PERMENPAN_53_2014} (capaian = realisasi dibandingkan dengan target)")
def nilai_bukan_angka(data: ReviuData) -> list[Finding]:
    """An indicator whose target in force or realisasi (of the report year or an earlier
    year shown) is text that cannot be read as one number (``"refocusing"``, ``"UEP 10 org;
    sosialisasi … 30 org"``, ``"Perbaikan ruang data"``), so its capaian cannot be measured.
    One finding per indicator, listing every such value. A dash (no value) is not listed
    here, nor are qualitative indicators, whose values are words by design."""
    tahun = data.identitas.tahun
    hasil: list[Finding] = []
    for ind in data.indikator:
        if ind.polaritas == "kualitatif":
            continue
        bukan: list[tuple[str, str, int, Nilai, BukanAngka]] = []
        for t in sorted({tahun, *(t for t in ind.realisasi if t <= tahun)}):
            nilai: list[tuple[str, str, Nilai]] = []
            berlaku = target_berlaku(data, ind, t)
            if berlaku is not None:
                jenis, target = berlaku
                nilai.append((f"target {NAMA_TARGET[jenis]}", f"{NAMA_TARGET[jenis]} target",
                              target))
            if t in ind.realisasi:
                nilai.append(("realisasi", "realisasi", ind.realisasi[t]))
            for label, label_en, n in nilai:
                alasan = _bukan_angka(n)
                if alasan is not None:
                    bukan.append((label, label_en, t, n, alasan))
        if not bukan:
            continue
        daftar = "; ".join(f"{label} {t} \"{_teks(n)}\"" for label, _, t, n, _ in bukan)
        daftar_en = "; ".join(f"{label_en} {t} \"{_teks(n)}\"" for _, label_en, t, n, _ in bukan)
        sebab = " ".join(dict.fromkeys(a.alasan for *_, a in bukan))
        tahun_bagian = tahun if any(t == tahun for _, _, t, _, _ in bukan) else bukan[0][2]
        hasil.append(temuan(
            "REN-011",
            f"Indikator {_nama(ind)} pada {ind.jalur}: {daftar} bukan angka, sehingga "
            f"capaiannya tidak dapat diukur. {sebab}",
            f"Indicator {_nama(ind)} in {ind.jalur}: {daftar_en} is not a number, so its "
            "capaian cannot be measured.",
            Lokasi(_bagian(ind, tahun, tahun_bagian), ind.kunci, _uraian_indikator(ind)),
            diharapkan="satu angka dengan satuannya", ditemukan=daftar))
    return hasil


# --- helpers -------------------------------------------------------------------------------


def _bukan_angka(nilai: Nilai) -> BukanAngka | None:
    """Why a given value cannot be read as one number, or None when it can (or is absent)."""
    if nilai.nilai is not None:
        return None
    hasil = parse_angka(nilai.teks)
    if isinstance(hasil, BukanAngka) and hasil.jenis not in ("kosong", "strip"):
        return hasil
    return None


def _diubah(data: ReviuData, ind: Indikator, tahun: int) -> bool:
    """True when a PK perubahan of ``tahun`` covers the indicator (or lists no rows, so that
    it may)."""
    if ada(ind.target.get("pk_perubahan", {}).get(tahun)):
        return True
    return any(pk.jenis == "perubahan" and pk.tahun == tahun
               and (not pk.baris or any(b.indikator_kunci == ind.kunci for b in pk.baris))
               for pk in data.perjanjian_kinerja)


def _sama(a: Nilai, b: Nilai) -> bool | None:
    """Whether two targets are the same: as numbers (and units, when both have one), or as
    words when neither is a number; None when a number meets a text."""
    if a.nilai is not None and b.nilai is not None:
        if a.nilai != b.nilai:
            return False
        if a.satuan and b.satuan:
            return _normal(a.satuan) == _normal(b.satuan)
        return True
    if a.nilai is None and b.nilai is None:
        return _normal(a.teks) == _normal(b.teks)
    return None


def _satuan(nilai: Nilai, ind: Indikator) -> str | None:
    """The unit a value is written in; the indicator's unit when the value has none."""
    if nilai.nilai is None:
        return None
    if nilai.satuan and nilai.satuan.strip():
        return nilai.satuan.strip()
    return ind.satuan.strip() or None


def _normal(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def _teks(nilai: Nilai) -> str:
    return " ".join(nilai.teks.split())


def _nama(ind: Indikator) -> str:
    if ind.uraian.strip():
        return f"\"{_ringkas(ind.uraian.strip(), 120)}\""
    return "tanpa uraian"


def _uraian_indikator(ind: Indikator) -> str:
    uraian = ind.uraian.strip() or "(indikator tanpa uraian)"
    nomor = f" (no. {ind.nomor_tercetak})" if ind.nomor_tercetak is not None else ""
    return _ringkas(f"{ind.jalur} › {uraian}{nomor}")


def _bagian(ind: Indikator, tahun: int, tahun_nilai: int) -> str:
    """Where the indicator's values of ``tahun_nilai`` are printed."""
    if tahun_nilai != tahun:
        return BAGIAN_TAHUN_LALU
    if ind.node_kunci.partition(":")[0] in NODE_PROGRAM:
        return BAGIAN_REALISASI
    return BAGIAN_CAPAIAN


def _kunci_pk(pk: PerjanjianKinerja) -> str:
    return f"pk:{pk.tahun}:{pk.jenis}"


def _nama_pk(pk: PerjanjianKinerja) -> str:
    return "Perjanjian Kinerja Perubahan" if pk.jenis == "perubahan" else "Perjanjian Kinerja"


def _nama_pk_en(pk: PerjanjianKinerja) -> str:
    return "amended Perjanjian Kinerja" if pk.jenis == "perubahan" else "Perjanjian Kinerja"


def _kunci_renstra(data: ReviuData) -> str:
    return f"renstra:{data.identitas.renstra_awal}-{data.identitas.renstra_akhir}"


def _rentang(awal: int, akhir: int) -> str:
    return f"{awal}-{akhir}" if awal != akhir else str(awal)


def _daftar_tahun(tahun: Iterable[int]) -> str:
    """``2020-2024`` for consecutive years in order, else ``2020, 2022``."""
    daftar = list(tahun)
    if len(daftar) > 1 and daftar == list(range(daftar[0], daftar[0] + len(daftar))):
        return _rentang(daftar[0], daftar[-1])
    return ", ".join(str(t) for t in daftar)


def _kali(kali: Decimal) -> str:
    return format_angka(kali, 1 if kali < 100 else 0)


def _ringkas(teks: str, panjang: int = PANJANG_URAIAN) -> str:
    return teks if len(teks) <= panjang else teks[: panjang - 1].rstrip() + "…"


def _realisasi_dpa(baris: Iterable[BarisAnggaran]) -> dict[str, Decimal]:
    """What was spent per program, kegiatan and sub kegiatan: a sub kegiatan's DPA
    realisasi; for a kegiatan or program the sum over its sub kegiatan when all are known,
    else the amount printed on its row."""
    semua = list(baris)
    anak: dict[str, list[BarisAnggaran]] = defaultdict(list)
    for b in semua:
        if b.induk is not None:
            anak[b.induk].append(b)

    def sub_di_bawah(kunci: str) -> Iterator[BarisAnggaran]:
        tumpuk = list(anak.get(kunci, []))
        while tumpuk:
            b = tumpuk.pop()
            if b.tingkat == "sub_kegiatan":
                yield b
            elif b.tingkat in NODE_PROGRAM:
                tumpuk.extend(anak.get(b.kunci, []))

    hasil: dict[str, Decimal] = {}
    for b in semua:
        if b.tingkat == "sub_kegiatan":
            if b.realisasi is not None:
                hasil[b.kunci] = b.realisasi
        elif b.tingkat in ("program", "kegiatan"):
            subs = list(sub_di_bawah(b.kunci))
            if subs and all(s.realisasi is not None for s in subs):
                hasil[b.kunci] = sum((s.realisasi for s in subs if s.realisasi is not None),
                                     Decimal(0))
            elif b.realisasi is not None:
                hasil[b.kunci] = b.realisasi
    return hasil
