"""Read and validate a dataset file (docs/dataset-format.md) into plain, parsed data.

Nothing here touches the database. ``read_dataset`` returns a ``Dataset`` whose values are
already parsed (``Cetak`` for printed values, ``Decimal`` for money) or raises
``DatasetError`` listing every problem found, each naming its place in the file, in Indonesian.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from akuntabel.common.teks import karakter_kendali
from akuntabel.core.angka import AngkaError, BukanAngka, parse_angka, parse_rupiah
from akuntabel.core.batas import UANG, UKURAN, cek_batas
from akuntabel.core.capaian import Agregasi, MetodeTurun, Polaritas
from akuntabel.core.pk import Masalah, Tingkat, cek_atasan, cek_baris, cek_tanda_tangan

FORMAT = "akuntabel-dataset/1"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT = 100_000          # a narrative section; shorter limits are passed where they apply
MAX_SHORT = 200             # names, titles, codes as stored
MAX_INTEGER = 2_147_483_647  # the largest whole number every supported database stores
# Measures and Rupiah: the bounds of akuntabel.core.batas (UKURAN, UANG), as everywhere else.

NARASI_KUNCI = (
    "kata_pengantar", "ikhtisar_eksekutif", "latar_belakang", "maksud_tujuan", "dasar_hukum",
    "gambaran_umum", "isu_strategis", "perencanaan_kinerja", "visi_misi", "tujuan_sasaran",
    "program", "perjanjian_kinerja", "capaian_kinerja_organisasi", "realisasi_kinerja",
    "perbandingan_tahun_lalu", "perbandingan_renstra", "perhitungan_iku", "analisis_penyebab",
    "analisis_efisiensi", "analisis_program", "realisasi_anggaran", "penutup",
)
TARGET_JENIS = ("renstra", "renja", "pk", "pk_perubahan")
JAKARTA = ZoneInfo("Asia/Jakarta")  # settings.TIME_ZONE: a moment written without an offset
PK_STATUS = ("draft", "diajukan", "ditandatangani")
# Why a PK of the cascade is refused (core.pk), worded for a dataset.
PK_MASALAH = {
    Masalah.ATASAN_KOSONG: "PK eselon III atau IV harus menyebut PK atasannya (atasan: nomor "
                           "urut PK di atasnya dalam daftar ini)",
    Masalah.ATASAN_SALAH: "PK atasan harus setingkat tepat di atasnya (eselon III di bawah PK "
                          "kepala, eselon IV di bawah PK eselon III)",
    Masalah.KEPALA_BERATASAN: "PK kepala perangkat daerah tidak punya PK atasan di sini (pihak "
                              "keduanya kepala daerah)",
    Masalah.TIDAK_MELAYANI: "baris PK eselon III atau IV harus menyebut baris PK atasan yang "
                            "dilayaninya (melayani: nomor baris)",
    Masalah.NODE_SALAH: "indikator ini bukan indikator tingkat PK ini (eselon III: indikator "
                        "program; eselon IV: indikator kegiatan; atau indikator_teks)",
    Masalah.ATASAN_BELUM: "PK ini ditandatangani, tetapi PK atasannya belum: PK berjenjang "
                          "ditandatangani dari atas",
}


class DatasetError(Exception):
    """A dataset that cannot be loaded; ``masalah`` lists every problem, one line each."""

    def __init__(self, masalah: list[str]):
        self.masalah = masalah
        count = len(masalah)
        super().__init__(f"{count} masalah ditemukan dalam berkas data:\n" + "\n".join(
            f"- {m}" for m in masalah))


@dataclass(frozen=True)
class Cetak:
    """A value as printed, with what could be read from it."""

    teks: str
    nilai: Decimal | None
    satuan: str | None
    alasan: str | None = None  # why no value could be read, if so

    def to_yaml(self) -> str:
        return self.teks


Node = dict[str, Any]


@dataclass
class Dataset:
    raw: dict[str, Any]
    sumber: str
    catatan: str
    pemda: Node
    opd: Node
    rpjmd: Node | None      # None: an OPD before its plan (a file of only pemda and opd)
    renstra: Node | None
    program: list[Node]
    komponen_iku: list[Node]
    perjanjian_kinerja: list[Node]
    isu_strategis: list[Node]
    anggaran_tercetak: list[Node]
    narasi: list[Node]
    counts: dict[str, int] = field(default_factory=dict)
    # The Renstra perubahan, first to latest: each with ``berlaku_mulai``, ``dasar_hukum``,
    # ``tanggal_dasar_hukum``, ``alasan`` and its plan (``renstra``, ``program``,
    # ``isu_strategis``) in the shapes of the first version's.
    perubahan: list[Node] = field(default_factory=list)
    # The quarters' report statuses, and the pemda level (docs/dataset-format.md).
    pelaporan_triwulan: list[Node] = field(default_factory=list)
    perkada_iku: list[Node] = field(default_factory=list)
    iku_daerah: list[Node] = field(default_factory=list)
    pk_daerah: list[Node] = field(default_factory=list)


class _Checker:
    """Walks the raw YAML, collects problems with their place, and converts values."""

    def __init__(self) -> None:
        self.masalah: list[str] = []
        self.kode_lokal: dict[str, str] = {}  # local key -> kind ("tujuan", "indikator", …)
        # The RPJMD's keys (tujuan and sasaran daerah) are the pemda's, apart from the OPD's.
        self.kode_daerah: dict[str, str] = {}
        self.indikator_node: dict[str, str] = {}  # indicator key -> its node ("program", …)

    def problem(self, tempat: str, pesan: str) -> None:
        self.masalah.append(f"{tempat}: {pesan}")

    # -- shapes ---------------------------------------------------------------------------
    def mapping(self, value: Any, tempat: str, allowed: Iterable[str],
                required: Iterable[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(tempat, f"harus berupa pemetaan (kunci: nilai), bukan {_jenis(value)}")
            return {}
        allowed_set = set(allowed) | {"catatan"}
        for key in value:
            if key not in allowed_set:
                self.problem(f"{tempat}.{key}", "kunci tidak dikenal (salah ketik?); kunci yang "
                             f"boleh: {', '.join(sorted(map(str, allowed_set)))}")
        for key in required:
            if value.get(key) in (None, "", [], {}):
                self.problem(f"{tempat}.{key}", "wajib diisi")
        return value

    def sequence(self, value: Any, tempat: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(tempat, f"harus berupa daftar, bukan {_jenis(value)}")
            return []
        return value

    def text(self, value: Any, tempat: str, required: bool = False,
             max_length: int = MAX_TEXT) -> str:
        if value is None:
            if required:
                self.problem(tempat, "wajib diisi")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problem(tempat, f"harus berupa teks, bukan {_jenis(value)}")
            return ""
        text = str(value).strip()
        if self.control_characters(text, tempat):
            return ""
        if len(text) > max_length:
            self.problem(tempat, f"terlalu panjang ({len(text)} karakter; paling banyak "
                         f"{max_length})")
            return text[:max_length]
        return text

    def control_characters(self, text: str, tempat: str) -> bool:
        """A problem when ``text`` holds a control character (a PDF's form feed, a stray
        U+001F): invisible, and no spreadsheet or document can hold it, so once stored it would
        make the Excel download of the OPD fail. Tab and line breaks are text."""
        kendali = karakter_kendali(text)
        if kendali is None:
            return False
        self.problem(tempat, f"memuat karakter kendali {kendali} yang tidak tampak dan tidak "
                     "dapat ditulis ke Excel atau dokumen; hapus karakter itu")
        return True

    def number(self, value: Any, tempat: str, minimum: int = 1,
               maximum: int = MAX_INTEGER) -> int | None:
        """A whole number in [minimum, maximum], or None when absent."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not (
                minimum <= value <= maximum):
            self.problem(tempat, f"harus bilangan bulat dari {minimum} sampai {maximum}, "
                         f"bukan {value!r}")
            return None
        return value

    def texts(self, value: Any, tempat: str) -> list[str]:
        return [self.text(v, f"{tempat}[{i}]") for i, v in enumerate(self.sequence(value, tempat))]

    def year(self, value: Any, tempat: str, required: bool = True) -> int | None:
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            self.problem(tempat, f"harus berupa tahun (mis. 2023), bukan {value!r}")
            return None
        return value

    def choice(self, value: Any, tempat: str, choices: Iterable[str], default: str) -> str:
        if value is None:
            return default
        options = list(choices)
        if value not in options:
            self.problem(tempat, f"{value!r} tidak dikenal; pilihan: {', '.join(options)}")
            return default
        return str(value)

    def boolean(self, value: Any, tempat: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(tempat, f"harus true atau false, bukan {value!r}")
            return False
        return value

    # -- printed values ---------------------------------------------------------------------
    def printed(self, value: Any, tempat: str) -> Cetak | None:
        """A performance value as printed: a number with a unit, or kept text with a reason."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(tempat, f"nilai tercetak harus ditulis sebagai teks berkutip, mis. "
                         f'"{value}", bukan {_jenis(value)} (YAML membaca 150.000 sebagai 150,0)')
            return None
        if len(value) > 500:
            self.problem(tempat, f"terlalu panjang ({len(value)} karakter; paling banyak 500)")
            return None
        if self.control_characters(value, tempat):
            return None
        hasil = parse_angka(value)
        if isinstance(hasil, BukanAngka):
            return Cetak(teks=value, nilai=None, satuan=None, alasan=hasil.alasan)
        alasan = cek_batas(hasil.nilai, UKURAN)
        if alasan:
            self.problem(tempat, f"'{value}' {alasan}")
            return None
        satuan = (hasil.satuan or "")[:100] or None
        return Cetak(teks=value, nilai=hasil.nilai, satuan=satuan)

    def money(self, value: Any, tempat: str) -> tuple[str, Decimal | None]:
        """A Rupiah amount as printed; "-" is nil. Returns (text, amount)."""
        if value is None:
            return "", None
        if not isinstance(value, str):
            self.problem(tempat, f'jumlah uang harus ditulis sebagai teks berkutip, mis. '
                         f'"{value}", bukan {_jenis(value)}')
            return "", None
        if len(value) > 40:
            self.problem(tempat, f"terlalu panjang untuk jumlah uang ({len(value)} karakter)")
            return "", None
        try:
            amount = parse_rupiah(value)
        except AngkaError as exc:
            self.problem(tempat, exc.alasan)
            return value, None
        alasan = cek_batas(amount, UANG)
        if alasan:
            self.problem(tempat, f"'{value}' {alasan}")
            return value, None
        return value, amount

    def year_map(self, value: Any, tempat: str,
                 convert: Callable[[Any, str], Any]) -> dict[int, Any]:
        result: dict[int, Any] = {}
        if value is None:
            return result
        if not isinstance(value, dict):
            self.problem(tempat, f"harus berupa pemetaan tahun: nilai, bukan {_jenis(value)}")
            return result
        for key, item in value.items():
            tahun = self.year(key, f"{tempat}.{key}")
            if tahun is not None:
                result[tahun] = convert(item, f"{tempat}.{tahun}")
        return result

    def _keys(self, kind: str) -> dict[str, str]:
        return self.kode_daerah if kind.endswith("_daerah") else self.kode_lokal

    def local_key(self, kode: Any, kind: str, tempat: str) -> str:
        key = self.text(kode, tempat, max_length=MAX_SHORT)
        if key:
            if key in self._keys(kind):
                self.problem(tempat, f"kode {key!r} sudah dipakai sebelumnya")
            self._keys(kind)[key] = kind
        return key

    def keys(self, d: dict[str, Any], kind: str, tempat: str) -> tuple[str, str]:
        """An element's ``kode`` (stored, and a key) and ``kunci`` (a key only: what an export
        names an element without a code by, so that others can refer to it)."""
        return (self.local_key(d.get("kode"), kind, f"{tempat}.kode"),
                self.local_key(d.get("kunci"), kind, f"{tempat}.kunci"))

    def ref(self, kode: Any, kind: str, tempat: str, required: bool = False) -> str:
        key = self.text(kode, tempat, required=required)
        if key and self._keys(kind).get(key) != kind:
            self.problem(tempat, f"merujuk {kind.replace('_', ' ')} {key!r} yang tidak ada "
                         "dalam berkas")
        return key

    def moment(self, value: Any, tempat: str) -> datetime | None:
        """A moment written as "2027-01-15T09:30:00+07:00"; without an offset, Jakarta time."""
        if value is None:
            return None
        moment = value if isinstance(value, datetime) else None
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                moment = None
        if moment is None:
            self.problem(tempat, "harus berupa waktu TTTT-BB-HHTjj:mm:dd+07:00 (mis. "
                         f"\"2027-01-15T09:30:00+07:00\"), bukan {value!r}")
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=JAKARTA)
        return moment

    def day(self, value: Any, tempat: str) -> date | None:
        """A date written as "2027-01-15" (YAML may read it as a date already)."""
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(tempat, f"harus berupa tanggal TTTT-BB-HH (mis. \"2027-01-15\"), bukan "
                     f"{value!r}")
        return None


def _jenis(value: Any) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return "nilai benar/salah"
    if isinstance(value, int | float):
        return "angka"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan"
    return type(value).__name__


def _name(node: Any) -> str:
    if isinstance(node, dict):
        label = node.get("kode") or node.get("nama") or node.get("uraian") or ""
        if isinstance(label, str) and label:
            return f" ({label[:60]})"
    return ""


# -- sections -------------------------------------------------------------------------------

INDIKATOR_KEYS = (
    "kode", "kunci", "uraian", "uraian_tercetak", "definisi_operasional", "satuan", "polaritas",
    "metode_turun", "agregasi", "iku", "formula", "sumber_data", "kondisi_awal",
    "kondisi_akhir", "target", "target_triwulan", "realisasi", "realisasi_triwulan",
    "nomor_tercetak", "capaian", "asal",
)


def _indikator(c: _Checker, raw: Any, tempat: str, node: str) -> Node:
    d = c.mapping(raw, tempat, INDIKATOR_KEYS)
    kode, kunci = c.keys(d, "indikator", tempat)
    for key in (kode, kunci):
        if key:
            c.indikator_node[key] = node
    out: Node = {
        "kode": kode,
        "kunci": kunci,
        "asal": _asal(d),
        "uraian": c.text(d.get("uraian"), f"{tempat}.uraian"),
        "definisi_operasional": c.text(d.get("definisi_operasional"),
                                       f"{tempat}.definisi_operasional"),
        "uraian_tercetak": c.texts(d.get("uraian_tercetak"), f"{tempat}.uraian_tercetak"),
        "satuan": c.text(d.get("satuan"), f"{tempat}.satuan"),
        "polaritas": c.choice(d.get("polaritas"), f"{tempat}.polaritas",
                              [p.value for p in Polaritas], Polaritas.NAIK.value),
        "metode_turun": c.choice(d.get("metode_turun"), f"{tempat}.metode_turun",
                                 [m.value for m in MetodeTurun], MetodeTurun.SELISIH.value),
        "agregasi": c.choice(d.get("agregasi"), f"{tempat}.agregasi",
                             [a.value for a in Agregasi], Agregasi.KUMULATIF.value),
        "iku": c.boolean(d.get("iku"), f"{tempat}.iku"),
        "formula": c.text(d.get("formula"), f"{tempat}.formula"),
        "sumber_data": c.text(d.get("sumber_data"), f"{tempat}.sumber_data"),
        "catatan": c.text(d.get("catatan"), f"{tempat}.catatan"),
        "nomor_tercetak": None,
        "kondisi_awal": None,
        "kondisi_akhir": c.printed(d.get("kondisi_akhir"), f"{tempat}.kondisi_akhir"),
        "target": {},
        "target_triwulan": {},
        "realisasi": {},
        "realisasi_triwulan": {},
        "capaian": {},
    }
    out["nomor_tercetak"] = c.number(d.get("nomor_tercetak"), f"{tempat}.nomor_tercetak", 0)
    if d.get("kondisi_awal") is not None:
        ka = c.mapping(d["kondisi_awal"], f"{tempat}.kondisi_awal", ("tahun", "nilai"))
        out["kondisi_awal"] = {
            "tahun": c.year(ka.get("tahun"), f"{tempat}.kondisi_awal.tahun", required=False),
            "nilai": c.printed(ka.get("nilai"), f"{tempat}.kondisi_awal.nilai"),
        }
    target = c.mapping(d.get("target") or {}, f"{tempat}.target", TARGET_JENIS)
    for jenis in TARGET_JENIS:
        if jenis in target:
            out["target"][jenis] = c.year_map(target[jenis], f"{tempat}.target.{jenis}",
                                              c.printed)
    out["realisasi"] = c.year_map(d.get("realisasi"), f"{tempat}.realisasi", c.printed)
    out["capaian"] = c.year_map(d.get("capaian"), f"{tempat}.capaian", c.printed)

    def per_triwulan(value: Any, where: str) -> dict[int, Cetak | None]:
        result: dict[int, Cetak | None] = {}
        m = c.mapping(value, where, (1, 2, 3, 4))  # type: ignore[arg-type]
        for tw, item in m.items():
            if tw in (1, 2, 3, 4):
                result[tw] = c.printed(item, f"{where}.{tw}")
        return result

    out["target_triwulan"] = c.year_map(d.get("target_triwulan"), f"{tempat}.target_triwulan",
                                        per_triwulan)
    out["realisasi_triwulan"] = c.year_map(d.get("realisasi_triwulan"),
                                           f"{tempat}.realisasi_triwulan", per_triwulan)
    if not out["uraian"] and not (out["target"] or out["realisasi"]):
        c.problem(tempat, "indikator tanpa uraian harus punya target atau realisasi")
    return out


REKENING_KEYS = ("kode", "uraian", "uraian_tercetak", "pagu", "realisasi", "serapan", "pagu_murni",
                 "rincian")


def _rekening(c: _Checker, raw: Any, tempat: str) -> Node:
    d = c.mapping(raw, tempat, REKENING_KEYS, required=("uraian",))
    pagu_teks, pagu = c.money(d.get("pagu"), f"{tempat}.pagu")
    realisasi_teks, realisasi = c.money(d.get("realisasi"), f"{tempat}.realisasi")
    _, murni = c.money(d.get("pagu_murni"), f"{tempat}.pagu_murni")
    kode = c.text(d.get("kode"), f"{tempat}.kode")
    if kode and not all(part.isdigit() for part in kode.split(".")):
        c.problem(f"{tempat}.kode", f"{kode!r} bukan kode rekening (angka dipisah titik)")
    return {
        "kode": kode,
        "uraian": c.text(d.get("uraian"), f"{tempat}.uraian"),
        "uraian_tercetak": c.text(d.get("uraian_tercetak"), f"{tempat}.uraian_tercetak"),
        "pagu_teks": pagu_teks, "pagu": pagu,
        "realisasi_teks": realisasi_teks, "realisasi": realisasi,
        "pagu_murni": murni,
        "serapan": c.printed(d.get("serapan"), f"{tempat}.serapan"),
        "catatan": c.text(d.get("catatan"), f"{tempat}.catatan"),
        "rincian": [_rekening(c, r, f"{tempat}.rincian[{i}]")
                    for i, r in enumerate(c.sequence(d.get("rincian"), f"{tempat}.rincian"))],
    }


NODE_KEYS = (
    "kode", "nama", "nama_tercetak", "sasaran", "indikator", "anggaran", "renstra_anggaran",
    "realisasi_kinerja", "realisasi_kinerja_tercetak_3_3", "aktif", "pagu_indikatif", "kunci",
    "asal",
)
CHILDREN = {"program": "kegiatan", "kegiatan": "sub_kegiatan", "sub_kegiatan": None}


def _node(c: _Checker, raw: Any, tingkat: str, tempat: str) -> Node:
    child = CHILDREN[tingkat]
    allowed = NODE_KEYS + ((child,) if child else ("rekening",))
    tempat_named = tempat + _name(raw)
    d = c.mapping(raw, tempat_named, allowed, required=("nama",))
    kode = c.text(d.get("kode"), f"{tempat_named}.kode")
    if kode and not all(part.isdigit() or part == "X" for part in kode.split(".")):
        c.problem(f"{tempat_named}.kode", f"{kode!r} bukan kode nomenklatur (mis. 1.06.02)")

    def anggaran(value: Any, where: str) -> Node:
        m = c.mapping(value, where, ("pagu", "realisasi", "serapan") + (
            ("realisasi_triwulan",) if tingkat == "sub_kegiatan" else ()))
        pt, p = c.money(m.get("pagu"), f"{where}.pagu")
        rt, r = c.money(m.get("realisasi"), f"{where}.realisasi")
        tw: dict[int, Decimal] = {}
        for n, v in _dict(m.get("realisasi_triwulan")).items():
            if n not in (1, 2, 3, 4):
                c.problem(f"{where}.realisasi_triwulan.{n}", "triwulan harus 1 sampai 4")
                continue
            _, nilai = c.money(v, f"{where}.realisasi_triwulan.{n}")
            if nilai is None:
                c.problem(f"{where}.realisasi_triwulan.{n}", "isi jumlah rupiah")
            else:
                tw[n] = nilai
        if m.get("realisasi_triwulan") is not None and not isinstance(
                m.get("realisasi_triwulan"), dict):
            c.problem(f"{where}.realisasi_triwulan", "harus berupa pemetaan triwulan: jumlah")
        return {"pagu_teks": pt, "pagu": p, "realisasi_teks": rt, "realisasi": r,
                "serapan": c.printed(m.get("serapan"), f"{where}.serapan"),
                "realisasi_triwulan": tw}

    def renstra_anggaran(value: Any, where: str) -> Node:
        m = c.mapping(value, where, ("target", "realisasi", "realisasi_kinerja"))
        tt, t = c.money(m.get("target"), f"{where}.target")
        rt, r = c.money(m.get("realisasi"), f"{where}.realisasi")
        return {"target_teks": tt, "target": t, "realisasi_teks": rt, "realisasi": r,
                "realisasi_kinerja": c.text(m.get("realisasi_kinerja"),
                                            f"{where}.realisasi_kinerja")}

    out: Node = {
        "tingkat": tingkat,
        "kode": kode,
        "kunci": c.text(d.get("kunci"), f"{tempat_named}.kunci", max_length=MAX_SHORT),
        "asal": _asal(d),
        "nama": c.text(d.get("nama"), f"{tempat_named}.nama"),
        "nama_tercetak": c.texts(d.get("nama_tercetak"), f"{tempat_named}.nama_tercetak"),
        "sasaran": c.ref(d.get("sasaran"), "sasaran", f"{tempat_named}.sasaran"),
        "catatan": c.text(d.get("catatan"), f"{tempat_named}.catatan"),
        "aktif": [y for i, v in enumerate(c.sequence(d.get("aktif"), f"{tempat_named}.aktif"))
                  if (y := c.year(v, f"{tempat_named}.aktif[{i}]")) is not None],
        "indikator": [_indikator(c, r, f"{tempat_named}.indikator[{i}]", tingkat) for i, r in
                      enumerate(c.sequence(d.get("indikator"), f"{tempat_named}.indikator"))],
        "anggaran": c.year_map(d.get("anggaran"), f"{tempat_named}.anggaran", anggaran),
        "renstra_anggaran": c.year_map(d.get("renstra_anggaran"),
                                       f"{tempat_named}.renstra_anggaran", renstra_anggaran),
        # The Renja's indicative ceiling per year (pagu indikatif), as an amount.
        "pagu_indikatif": c.year_map(d.get("pagu_indikatif"), f"{tempat_named}.pagu_indikatif",
                                     lambda v, w: c.money(v, w)[1]),
        "realisasi_kinerja": c.year_map(d.get("realisasi_kinerja"),
                                        f"{tempat_named}.realisasi_kinerja", c.printed),
        "realisasi_kinerja_tercetak": c.year_map(
            d.get("realisasi_kinerja_tercetak_3_3"),
            f"{tempat_named}.realisasi_kinerja_tercetak_3_3", c.printed),
        "children": [],
        "rekening": {},
    }
    if child:
        out["children"] = [_node(c, r, child, f"{tempat_named}.{child}[{i}]") for i, r in
                           enumerate(c.sequence(d.get(child), f"{tempat_named}.{child}"))]
    else:
        out["rekening"] = c.year_map(
            d.get("rekening"), f"{tempat_named}.rekening",
            lambda v, w: [_rekening(c, r, f"{w}[{i}]") for i, r in enumerate(c.sequence(v, w))])
    return out


PERUBAHAN_KEYS = ("berlaku_mulai", "dasar_hukum", "tanggal_dasar_hukum", "alasan", "program",
                  "isu_strategis")


def _asal(d: dict[str, Any]) -> Any:
    """What an element of a Renstra perubahan names its counterpart by (checked with the
    version, ``_check_versi``): "" when it does not say (its own key), None for none."""
    return d.get("asal") if "asal" in d else ""


def _penetapan(c: _Checker, raw: Any, t: str) -> Node | None:
    """The penetapan of a Renstra version (the regulation establishing it, ``plans.penetapan``),
    or None for a draft: both the number and the date, as the service requires them."""
    if raw is None:
        return None
    d = c.mapping(raw, t, ("dasar_hukum", "tanggal"), required=("dasar_hukum", "tanggal"))
    dasar = d.get("dasar_hukum")
    if isinstance(dasar, str) and dasar and not dasar.strip():   # spaces only: not a number
        c.problem(f"{t}.dasar_hukum", "wajib diisi")
    return {"dasar_hukum": c.text(d.get("dasar_hukum"), f"{t}.dasar_hukum", max_length=300),
            "tanggal": c.day(d.get("tanggal"), f"{t}.tanggal")}


def _renstra(c: _Checker, raw: Any, t: str = "renstra",
             periode: tuple[int | None, int | None] | None = None) -> Node:
    """The first version (``renstra``), or with ``periode`` the plan of a Renstra perubahan
    of that period at ``t`` (its keys ``PERUBAHAN_KEYS`` are read by the caller)."""
    d = c.mapping(raw, t, ("misi", "tabel_tahun_tercetak", "tujuan", "strategi",
                           "arah_kebijakan", "edisi_referensi", "penetapan")
                  + (PERUBAHAN_KEYS if periode else ("tahun_awal", "tahun_akhir", "perubahan")),
                  required=("berlaku_mulai", "dasar_hukum", "alasan") if periode
                  else ("tahun_awal", "tahun_akhir"))
    out: Node = {
        "tahun_awal": periode[0] if periode else c.year(d.get("tahun_awal"), f"{t}.tahun_awal"),
        "tahun_akhir": periode[1] if periode else c.year(d.get("tahun_akhir"),
                                                          f"{t}.tahun_akhir"),
        "misi": [m for i, v in enumerate(c.sequence(d.get("misi"), f"{t}.misi"))
                 if (m := c.number(v, f"{t}.misi[{i}]")) is not None],
        "tabel_tahun_tercetak": [y for i, v in enumerate(
            c.sequence(d.get("tabel_tahun_tercetak"), f"{t}.tabel_tahun_tercetak"))
            if (y := c.year(v, f"{t}.tabel_tahun_tercetak[{i}]")) is not None],
        "catatan": c.text(d.get("catatan"), f"{t}.catatan"),
        "edisi_referensi": c.text(d.get("edisi_referensi"), f"{t}.edisi_referensi",
                                  max_length=80),
        "penetapan": _penetapan(c, d.get("penetapan"), f"{t}.penetapan"),
        "tujuan": [],
        "strategi": [],
        "arah_kebijakan": [],
    }
    if out["tahun_awal"] and out["tahun_akhir"] and out["tahun_akhir"] < out["tahun_awal"]:
        c.problem(f"{t}.tahun_akhir", "lebih awal dari tahun_awal")
    for i, rt in enumerate(c.sequence(d.get("tujuan"), f"{t}.tujuan")):
        tp = f"{t}.tujuan[{i}]"
        td = c.mapping(rt, tp, ("kode", "kunci", "uraian", "uraian_tercetak", "indikator",
                                "sasaran", "asal"), required=("uraian",))
        kode, kunci = c.keys(td, "tujuan", tp)
        tujuan: Node = {
            "kode": kode,
            "kunci": kunci,
            "asal": _asal(td),
            "uraian": c.text(td.get("uraian"), f"{tp}.uraian"),
            "uraian_tercetak": c.texts(td.get("uraian_tercetak"), f"{tp}.uraian_tercetak"),
            "catatan": c.text(td.get("catatan"), f"{tp}.catatan"),
            "indikator": [_indikator(c, r, f"{tp}.indikator[{j}]", "tujuan") for j, r in
                          enumerate(c.sequence(td.get("indikator"), f"{tp}.indikator"))],
            "sasaran": [],
        }
        for j, rs in enumerate(c.sequence(td.get("sasaran"), f"{tp}.sasaran")):
            sp = f"{tp}.sasaran[{j}]"
            sd = c.mapping(rs, sp, ("kode", "kunci", "uraian", "uraian_tercetak", "indikator",
                                    "sasaran_daerah", "asal"), required=("uraian",))
            kode, kunci = c.keys(sd, "sasaran", sp)
            tujuan["sasaran"].append({
                "kode": kode,
                "kunci": kunci,
                "asal": _asal(sd),
                "sasaran_daerah": c.ref(sd.get("sasaran_daerah"), "sasaran_daerah",
                                        f"{sp}.sasaran_daerah"),
                "uraian": c.text(sd.get("uraian"), f"{sp}.uraian"),
                "uraian_tercetak": c.texts(sd.get("uraian_tercetak"), f"{sp}.uraian_tercetak"),
                "catatan": c.text(sd.get("catatan"), f"{sp}.catatan"),
                "indikator": [_indikator(c, r, f"{sp}.indikator[{k}]", "sasaran") for k, r in
                              enumerate(c.sequence(sd.get("indikator"), f"{sp}.indikator"))],
            })
        out["tujuan"].append(tujuan)
    for i, rs in enumerate(c.sequence(d.get("strategi"), f"{t}.strategi")):
        sp = f"{t}.strategi[{i}]"
        sd = c.mapping(rs, sp, ("uraian", "sasaran", "asal"), required=("uraian",))
        out["strategi"].append({"uraian": c.text(sd.get("uraian"), f"{sp}.uraian"),
                                "sasaran": sd.get("sasaran"), "asal": _asal(sd)})
    for i, ra in enumerate(c.sequence(d.get("arah_kebijakan"), f"{t}.arah_kebijakan")):
        ap = f"{t}.arah_kebijakan[{i}]"
        ad = c.mapping(ra, ap, ("uraian", "strategi", "asal"), required=("uraian",))
        strategi = c.number(ad.get("strategi"), f"{ap}.strategi", 1,
                            max(1, len(out["strategi"])))
        out["arah_kebijakan"].append({"uraian": c.text(ad.get("uraian"), f"{ap}.uraian"),
                                      "strategi": strategi, "asal": _asal(ad)})
    return out


def _check_refs_after(c: _Checker, renstra: Node, t: str = "renstra") -> None:
    for i, s in enumerate(renstra["strategi"]):
        if s["sasaran"] is not None:
            s["sasaran"] = c.ref(s["sasaran"], "sasaran", f"{t}.strategi[{i}].sasaran")


def _pihak(c: _Checker, raw: Any, tempat: str) -> Node:
    d = c.mapping(raw or {}, tempat, ("nama", "jabatan", "nip", "pangkat"))
    return {k: c.text(d.get(k), f"{tempat}.{k}") for k in ("nama", "jabatan", "nip", "pangkat")}


def _komponen(c: _Checker, raw: Any, tempat: str) -> Node:
    d = c.mapping(raw, tempat, ("indikator", "tahun", "penyebut", "pembilang_tercetak",
                                "hasil_tercetak", "item"),
                  required=("indikator", "tahun", "penyebut", "item"))
    penyebut = c.mapping(d.get("penyebut") or {}, f"{tempat}.penyebut", ("uraian", "nilai"),
                         required=("uraian", "nilai"))

    def item(raw_item: Any, where: str, nested: bool) -> Node:
        keys = ("nomor", "uraian", "nilai", "sub_kegiatan") + (() if nested else ("rincian",))
        m = c.mapping(raw_item, where, keys, required=("uraian",))
        return {
            "nomor": c.text(m.get("nomor"), f"{where}.nomor"),
            "uraian": c.text(m.get("uraian"), f"{where}.uraian"),
            "nilai": c.printed(m.get("nilai"), f"{where}.nilai"),
            "sub_kegiatan": c.text(m.get("sub_kegiatan"), f"{where}.sub_kegiatan"),
            "catatan": c.text(m.get("catatan"), f"{where}.catatan"),
            "rincian": [] if nested else [
                item(r, f"{where}.rincian[{k}]", True)
                for k, r in enumerate(c.sequence(m.get("rincian"), f"{where}.rincian"))],
        }

    return {
        "indikator": c.ref(d.get("indikator"), "indikator", f"{tempat}.indikator", True),
        "tahun": c.year(d.get("tahun"), f"{tempat}.tahun"),
        "penyebut_uraian": c.text(penyebut.get("uraian"), f"{tempat}.penyebut.uraian"),
        "penyebut": c.printed(penyebut.get("nilai"), f"{tempat}.penyebut.nilai"),
        "pembilang_tercetak": c.printed(d.get("pembilang_tercetak"),
                                        f"{tempat}.pembilang_tercetak"),
        "hasil_tercetak": c.printed(d.get("hasil_tercetak"), f"{tempat}.hasil_tercetak"),
        "catatan": c.text(d.get("catatan"), f"{tempat}.catatan"),
        "item": [item(r, f"{tempat}.item[{k}]", False)
                 for k, r in enumerate(c.sequence(d.get("item"), f"{tempat}.item"))],
    }


# -- what a file holds ----------------------------------------------------------------------

JUMLAH_JENIS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "indikator",
                "target", "realisasi", "komponen_iku", "rekening", "perjanjian_kinerja",
                "narasi")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _filled(per_year: Any, nested: bool = False) -> int:
    """How many values a year mapping holds (``{2023: {1: v, 2: v}}`` when nested)."""
    values = _dict(per_year).values()
    if nested:
        return sum(_filled(v) for v in values)
    return sum(1 for v in values if v is not None)


def count_contents(raw: Any) -> dict[str, int]:
    """How many of each kind a parsed dataset holds (``JUMLAH_JENIS``): the count an export
    ends with (``jumlah``) and the reader checks. Any shape is counted without failing; a
    value that is not printed (``null``) is not counted."""
    counts = dict.fromkeys(JUMLAH_JENIS, 0)
    top = _dict(raw)

    def indikator(items: Any) -> None:
        for ind in map(_dict, _list(items)):
            counts["indikator"] += 1
            counts["target"] += sum(_filled(v) for v in _dict(ind.get("target")).values())
            counts["target"] += _filled(ind.get("target_triwulan"), nested=True)
            counts["realisasi"] += _filled(ind.get("realisasi"))
            counts["realisasi"] += _filled(ind.get("realisasi_triwulan"), nested=True)

    def rekening(lines: Any) -> None:
        for line in map(_dict, _list(lines)):
            counts["rekening"] += 1
            rekening(line.get("rincian"))

    def node(n: Any, tingkat: str) -> None:
        n = _dict(n)
        counts[tingkat] += 1
        indikator(n.get("indikator"))
        counts["realisasi"] += _filled(n.get("realisasi_kinerja"))
        counts["realisasi"] += _filled(n.get("realisasi_kinerja_tercetak_3_3"))
        child = CHILDREN[tingkat]
        for c in _list(n.get(child)) if child else []:
            node(c, child)
        for lines in _dict(n.get("rekening")).values() if not child else []:
            rekening(lines)

    renstra = _dict(top.get("renstra"))
    for plan in [top, *map(_dict, _list(renstra.get("perubahan")))]:
        for t in map(_dict, _list(_dict(plan.get("renstra")).get("tujuan") if plan is top
                                  else plan.get("tujuan"))):
            counts["tujuan"] += 1
            indikator(t.get("indikator"))
            for s in map(_dict, _list(t.get("sasaran"))):
                counts["sasaran"] += 1
                indikator(s.get("indikator"))
        for p in _list(plan.get("program")):
            node(p, "program")
    for kind in ("komponen_iku", "perjanjian_kinerja", "narasi"):
        counts[kind] = len(_list(top.get(kind)))
    return counts


def _check_jumlah(c: _Checker, top: dict[str, Any]) -> None:
    """A file that says it ends with ``jumlah`` must have it; a ``jumlah`` must match."""
    if top.get("jumlah") is None:
        if c.boolean(top.get("jumlah_di_akhir"), "jumlah_di_akhir"):
            c.problem("jumlah", "berkas ini menyatakan diakhiri bagian jumlah "
                      "(jumlah_di_akhir: true), tetapi bagian itu tidak ada: berkas terpotong?")
        return
    c.boolean(top.get("jumlah_di_akhir"), "jumlah_di_akhir")
    tertulis = c.mapping(top["jumlah"], "jumlah", JUMLAH_JENIS)
    terhitung = count_contents(top)
    for jenis in JUMLAH_JENIS:
        if jenis not in tertulis:
            continue
        n = c.number(tertulis[jenis], f"jumlah.{jenis}", 0)
        if n is not None and n != terhitung[jenis]:
            c.problem(f"jumlah.{jenis}", f"tertulis {n}, terhitung {terhitung[jenis]} "
                      "(berkas terpotong atau diubah sesudah ditulis?)")


def _rpjmd(c: _Checker, raw: Any) -> Node:
    r = c.mapping(raw, "rpjmd", ("tahun_awal", "tahun_akhir", "dasar_hukum", "visi", "misi",
                                 "tujuan"),
                  required=("tahun_awal", "tahun_akhir", "visi"))
    rpjmd: Node = {
        "tahun_awal": c.year(r.get("tahun_awal"), "rpjmd.tahun_awal"),
        "tahun_akhir": c.year(r.get("tahun_akhir"), "rpjmd.tahun_akhir"),
        "dasar_hukum": c.text(r.get("dasar_hukum"), "rpjmd.dasar_hukum"),
        "visi": c.text(r.get("visi"), "rpjmd.visi"),
        "misi": [],
        "tujuan": [],
    }
    if rpjmd["tahun_awal"] and rpjmd["tahun_akhir"] and rpjmd["tahun_akhir"] < rpjmd["tahun_awal"]:
        c.problem("rpjmd.tahun_akhir", "lebih awal dari tahun_awal")
    for i, rm in enumerate(c.sequence(r.get("misi"), "rpjmd.misi")):
        md = c.mapping(rm, f"rpjmd.misi[{i}]", ("nomor", "uraian"), required=("nomor", "uraian"))
        nomor = c.number(md.get("nomor"), f"rpjmd.misi[{i}].nomor", 1, 99)
        if nomor is None:
            continue
        rpjmd["misi"].append({"nomor": nomor,
                              "uraian": c.text(md.get("uraian"), f"rpjmd.misi[{i}].uraian")})
    nomor_misi = {m["nomor"] for m in rpjmd["misi"]}
    # The RPJMD's tujuan and sasaran daerah, which the OPD's sasaran serve.
    for i, rt in enumerate(c.sequence(r.get("tujuan"), "rpjmd.tujuan")):
        tp = f"rpjmd.tujuan[{i}]"
        td = c.mapping(rt, tp, ("kode", "misi", "uraian", "sasaran", "indikator"),
                       required=("uraian",))
        misi = c.number(td.get("misi"), f"{tp}.misi", 1, 99)
        if misi is not None and misi not in nomor_misi:
            c.problem(f"{tp}.misi", f"misi {misi} tidak ada dalam rpjmd.misi")
        tujuan: Node = {
            "kode": c.local_key(td.get("kode"), "tujuan_daerah", f"{tp}.kode"),
            "misi": misi,
            "uraian": c.text(td.get("uraian"), f"{tp}.uraian"),
            "sasaran": [],
        }
        for j, rs in enumerate(c.sequence(td.get("sasaran"), f"{tp}.sasaran")):
            sp = f"{tp}.sasaran[{j}]"
            sd = c.mapping(rs, sp, ("kode", "kunci", "uraian"), required=("uraian",))
            kode, kunci = c.keys(sd, "sasaran_daerah", sp)
            tujuan["sasaran"].append({"kode": kode, "kunci": kunci,
                                      "uraian": c.text(sd.get("uraian"), f"{sp}.uraian")})
        tujuan["indikator"] = [_indikator_tujuan(c, ri, f"{tp}.indikator[{k}]") for k, ri in
                               enumerate(c.sequence(td.get("indikator"), f"{tp}.indikator"))]
        rpjmd["tujuan"].append(tujuan)
    return rpjmd


INDIKATOR_TUJUAN_KEYS = ("kode", "uraian", "satuan", "definisi", "polaritas", "metode_turun",
                         "sumber_data", "kondisi_awal_tahun", "kondisi_awal", "kondisi_akhir",
                         "target", "realisasi")


def _indikator_tujuan(c: _Checker, raw: Any, ip: str) -> Node:
    """An indicator of a tujuan daerah with its targets and its yearly realisasi (each with
    the source Bappeda took it from); numbers stay text here, the write service reads them."""
    d = c.mapping(raw, ip, INDIKATOR_TUJUAN_KEYS, required=("uraian", "satuan"))
    node: Node = {k: c.text(d.get(k), f"{ip}.{k}") for k in ("kode", "uraian", "satuan",
                                                             "definisi", "sumber_data")}

    def realisasi(v: Any, w: str) -> Node:
        rd = c.mapping(v, w, ("teks", "sumber"), required=("teks", "sumber"))
        return {"teks": c.text(rd.get("teks"), f"{w}.teks", max_length=100),
                "sumber": c.text(rd.get("sumber"), f"{w}.sumber", max_length=300)}

    node |= {
        "polaritas": c.choice(d.get("polaritas"), f"{ip}.polaritas", ("naik", "turun"), "naik"),
        "metode_turun": c.choice(d.get("metode_turun"), f"{ip}.metode_turun",
                                 ("selisih", "rasio"), "selisih"),
        "kondisi_awal_tahun": c.year(d.get("kondisi_awal_tahun"), f"{ip}.kondisi_awal_tahun",
                                     required=False),
        "kondisi_awal": c.text(d.get("kondisi_awal"), f"{ip}.kondisi_awal", max_length=100),
        "kondisi_akhir": c.text(d.get("kondisi_akhir"), f"{ip}.kondisi_akhir", max_length=100),
        "target": c.year_map(d.get("target"), f"{ip}.target",
                             lambda v, w: c.text(v, w, max_length=100)),
        "realisasi": c.year_map(d.get("realisasi"), f"{ip}.realisasi", realisasi)}
    return node


def _pk(c: _Checker, raw: Any, tp: str, earlier: list[Node], jumlah_pejabat: int) -> Node:
    """One PK: the kepala's with the kepala daerah, or one of the cascade below it (eselon III
    under the kepala's, eselon IV under an eselon III's), whose rows serve the rows above."""
    d = c.mapping(raw, tp, ("tahun", "jenis", "tingkat", "atasan", "pejabat", "status",
                            "tanggal", "ditandatangani_pada", "tahun_tercetak", "pihak_pertama",
                            "pihak_kedua", "baris", "program"), required=("tahun",))
    tahun = c.year(d.get("tahun"), f"{tp}.tahun")
    status = c.choice(d.get("status"), f"{tp}.status", PK_STATUS, "draft")
    if d.get("pejabat") is not None and not jumlah_pejabat:
        c.problem(f"{tp}.pejabat", "opd.pejabat kosong: tidak ada pejabat yang dapat dirujuk")
    tingkat = Tingkat(c.choice(d.get("tingkat"), f"{tp}.tingkat", [t.value for t in Tingkat],
                               Tingkat.KEPALA.value))
    atasan = d.get("atasan")
    if atasan is not None and (isinstance(atasan, bool) or not isinstance(atasan, int)
                               or not 1 <= atasan <= len(earlier)):
        c.problem(f"{tp}.atasan", f"harus nomor urut PK sebelumnya dalam daftar ini (1 sampai "
                  f"{len(earlier)}), bukan {atasan!r}" if earlier else
                  "PK pertama dalam daftar tidak dapat punya atasan (PK atasan ditulis lebih dulu)")
        atasan = None
    pk_atasan = earlier[atasan - 1] if atasan is not None else None
    if (masalah := cek_atasan(tingkat, pk_atasan["tingkat"] if pk_atasan else None)) is not None:
        c.problem(f"{tp}.atasan", PK_MASALAH[masalah])
    if pk_atasan is not None and tahun is not None and pk_atasan["tahun"] != tahun:
        c.problem(f"{tp}.atasan", f"PK atasan adalah PK tahun {pk_atasan['tahun']}, bukan {tahun}")
    if pk_atasan is not None and (masalah := cek_tanda_tangan(
            tingkat, pk_atasan["status"] == "ditandatangani")) is not None \
            and status == "ditandatangani":
        c.problem(f"{tp}.status", PK_MASALAH[masalah])
    baris = []
    for j, rb in enumerate(c.sequence(d.get("baris"), f"{tp}.baris")):
        bp = f"{tp}.baris[{j}]"
        bd = c.mapping(rb, bp, ("sasaran", "sasaran_teks", "indikator", "indikator_teks",
                                "satuan", "melayani", "target"))
        row: Node = {
            "sasaran": c.ref(bd.get("sasaran"), "sasaran", f"{bp}.sasaran"),
            "sasaran_teks": c.text(bd.get("sasaran_teks"), f"{bp}.sasaran_teks", max_length=500),
            "indikator": c.ref(bd.get("indikator"), "indikator", f"{bp}.indikator"),
            "indikator_teks": c.text(bd.get("indikator_teks"), f"{bp}.indikator_teks",
                                     max_length=500),
            "satuan": c.text(bd.get("satuan"), f"{bp}.satuan", max_length=100),
            "melayani": c.number(bd.get("melayani"), f"{bp}.melayani", 1,
                                 max(1, len(pk_atasan["baris"]) if pk_atasan else 1)),
            "target": c.printed(bd.get("target"), f"{bp}.target"),
        }
        for apa in ("sasaran", "indikator"):
            if not row[apa] and not row[f"{apa}_teks"]:
                c.problem(f"{bp}.{apa}", f"wajib diisi (kode {apa} dalam berkas), atau tulis "
                          f"{apa}_teks")
        if row["melayani"] is not None and pk_atasan is None:
            c.problem(f"{bp}.melayani", "hanya untuk baris PK yang punya atasan")
            row["melayani"] = None
        node = c.indikator_node.get(row["indikator"]) if row["indikator"] else None
        if pk_atasan is not None and (
                masalah := cek_baris(tingkat, node, row["melayani"] is not None)) is not None:
            c.problem(f"{bp}.melayani" if masalah == Masalah.TIDAK_MELAYANI
                      else f"{bp}.indikator", PK_MASALAH[masalah])
        baris.append(row)
    progs = []
    for j, rpg in enumerate(c.sequence(d.get("program"), f"{tp}.program")):
        pp = f"{tp}.program[{j}]"
        pg = c.mapping(rpg, pp, ("program", "anggaran"), required=("program",))
        _, jumlah = c.money(pg.get("anggaran"), f"{pp}.anggaran")
        progs.append({"program": c.text(pg.get("program"), f"{pp}.program"),
                      "anggaran": jumlah})
    return {
        "tahun": tahun,
        "jenis": c.choice(d.get("jenis"), f"{tp}.jenis", ("induk", "perubahan"), "induk"),
        "tingkat": tingkat,
        "atasan": atasan,
        "pejabat": c.number(d.get("pejabat"), f"{tp}.pejabat", 1, jumlah_pejabat),
        "status": status,
        "tanggal": c.day(d.get("tanggal"), f"{tp}.tanggal"),
        "ditandatangani_pada": c.moment(d.get("ditandatangani_pada"),
                                        f"{tp}.ditandatangani_pada"),
        "tahun_tercetak": c.year(d.get("tahun_tercetak"), f"{tp}.tahun_tercetak",
                                 required=False),
        "pihak_pertama": _pihak(c, d.get("pihak_pertama"), f"{tp}.pihak_pertama"),
        "pihak_kedua": _pihak(c, d.get("pihak_kedua"), f"{tp}.pihak_kedua"),
        "catatan": c.text(d.get("catatan"), f"{tp}.catatan"),
        "baris": baris,
        "program": progs,
    }


def _elements(v: Node) -> Iterable[tuple[str, str, Node]]:
    """Every element of a version with its kind and its place in the file."""
    t, plan = v["tempat"], v["renstra"]
    if plan is None:
        return
    pre = "" if t == "renstra" else f"{t}."
    for i, tj in enumerate(plan["tujuan"]):
        tp = f"{t}.tujuan[{i}]"
        yield "tujuan", tp, tj
        yield from (("indikator", f"{tp}.indikator[{k}]", x) for k, x in enumerate(tj["indikator"]))
        for j, sa in enumerate(tj["sasaran"]):
            yield "sasaran", f"{tp}.sasaran[{j}]", sa
            yield from (("indikator", f"{tp}.sasaran[{j}].indikator[{k}]", x)
                        for k, x in enumerate(sa["indikator"]))
    for kind in ("strategi", "arah_kebijakan"):
        yield from ((kind, f"{t}.{kind}[{i}]", x) for i, x in enumerate(plan[kind]))
    yield from (("isu_strategis", f"{pre}isu_strategis[{i}]", x)
                for i, x in enumerate(v["isu_strategis"]))

    def nodes(items: list[Node], where: str) -> Iterable[tuple[str, str, Node]]:
        for i, n in enumerate(items):
            yield n["tingkat"], f"{where}[{i}]", n
            yield from (("indikator", f"{where}[{i}].indikator[{k}]", x)
                        for k, x in enumerate(n["indikator"]))
            if n["children"]:
                yield from nodes(n["children"], f"{where}[{i}].{CHILDREN[n['tingkat']]}")

    yield from nodes(v["program"], f"{pre}program")


BY_NUMBER = ("strategi", "arah_kebijakan", "isu_strategis")


def _check_versi(c: _Checker, v: Node, before: Node) -> None:
    """A Renstra perubahan is in force from a year of its period after the version it changes,
    and each counterpart it names (``asal``) is in that version."""
    t, awal, akhir = v["tempat"], v["renstra"]["tahun_awal"], v["renstra"]["tahun_akhir"]
    tahun = v["berlaku_mulai"]
    if tahun is not None and awal and akhir and not awal <= tahun <= akhir:
        c.problem(f"{t}.berlaku_mulai", f"{tahun} di luar periode Renstra {awal}–{akhir}")
    elif tahun is not None and before["berlaku_mulai"] and tahun <= before["berlaku_mulai"]:
        c.problem(f"{t}.berlaku_mulai", f"harus setelah {before['berlaku_mulai']}, tahun "
                  f"berlaku versi yang diubah ({before['tempat']})")
    keys: dict[str, set[Any]] = {}
    count: dict[str, int] = {}
    for kind, _, x in _elements(before):
        keys.setdefault(kind, set()).update(k for k in (x.get("kode"), x.get("kunci")) if k)
        count[kind] = count.get(kind, 0) + 1
    for kind, where, x in _elements(v):
        asal = x.get("asal")
        if asal in ("", None):
            continue
        if kind in BY_NUMBER:
            if not (isinstance(asal, int) and 1 <= asal <= count.get(kind, 0)):
                c.problem(f"{where}.asal", f"harus nomor urut {kind.replace('_', ' ')} dalam "
                          f"versi yang diubah ({before['tempat']}: 1 sampai "
                          f"{count.get(kind, 0)}), bukan {asal!r}")
        elif not isinstance(asal, str) or asal not in keys.get(kind, set()):
            c.problem(f"{where}.asal", f"{kind.replace('_', ' ')} {asal!r} tidak ada dalam versi "
                      f"yang diubah ({before['tempat']})")


def _isu(c: _Checker, value: Any, t: str, pemda: Node) -> list[Node]:
    """The strategic issues of a version of the Renstra, at ``t``."""
    isu: list[Node] = []
    for i, ri in enumerate(c.sequence(value, t)):
        tp = f"{t}[{i}]"
        idd = c.mapping(ri, tp, ("uraian", "misi", "urgensi", "keseriusan", "pertumbuhan",
                                 "prioritas", "alasan_prioritas", "tujuan", "sasaran", "asal"),
                        required=("uraian",))
        scores = {}
        for k in ("urgensi", "keseriusan", "pertumbuhan"):
            cetak = c.printed(idd.get(k), f"{tp}.{k}") if isinstance(idd.get(k), str) else None
            if idd.get(k) is not None and not isinstance(idd.get(k), str):
                c.problem(f"{tp}.{k}", "skor harus ditulis sebagai teks berkutip, mis. \"5\"")
            scores[k] = cetak.nilai if cetak else None
            if scores[k] is not None and pemda["skala_usg"] and not (
                    pemda["skala_usg"][0] <= scores[k] <= pemda["skala_usg"][1]):
                c.problem(f"{tp}.{k}", f"skor {idd.get(k)} di luar skala USG pemda "
                          f"({pemda['skala_usg'][0]}–{pemda['skala_usg'][1]}, pemda.skala_usg)")
        isu.append({"uraian": c.text(idd.get("uraian"), f"{tp}.uraian"),
                    "misi": c.number(idd.get("misi"), f"{tp}.misi", 1, 99),
                    "prioritas": c.boolean(idd.get("prioritas"), f"{tp}.prioritas"),
                    "alasan_prioritas": c.text(idd.get("alasan_prioritas"),
                                               f"{tp}.alasan_prioritas"),
                    # the Renstra's tujuan and sasaran that answer the issue, by their keys
                    **{k: [c.ref(v, k, f"{tp}.{k}[{j}]", required=True) for j, v in
                           enumerate(c.sequence(idd.get(k), f"{tp}.{k}"))]
                       for k in ("tujuan", "sasaran")},
                    "catatan": c.text(idd.get("catatan"), f"{tp}.catatan"),
                    "asal": idd.get("asal"), **scores})

    return isu


def validate(raw: Any) -> Dataset:
    """Check a parsed YAML document against the format; raise DatasetError listing problems."""
    c = _Checker()
    top = c.mapping(raw, "berkas", (
        "format", "sumber", "pemda", "opd", "rpjmd", "renstra", "program", "komponen_iku",
        "perjanjian_kinerja", "isu_strategis", "anggaran_tercetak", "narasi",
        "pelaporan_triwulan", "perkada_iku", "iku_daerah", "pk_daerah", "jumlah",
        "jumlah_di_akhir"),
        required=("format", "pemda", "opd"))
    if not top:
        raise DatasetError(c.masalah or ["berkas: kosong"])
    if top.get("format") != FORMAT:
        c.problem("format", f"harus {FORMAT!r}, bukan {top.get('format')!r}")

    p = c.mapping(top.get("pemda"), "pemda", ("kode", "nama", "jenis", "provinsi",
                                               "kepala_daerah", "edisi_referensi", "skala_usg"),
                  required=("kode", "nama", "jenis"))
    kd = c.mapping(p.get("kepala_daerah") or {}, "pemda.kepala_daerah", ("jabatan", "nama", "nip"))
    pemda = {
        "kode": c.text(p.get("kode"), "pemda.kode"),
        "nama": c.text(p.get("nama"), "pemda.nama"),
        "jenis": c.choice(p.get("jenis"), "pemda.jenis", ("kota", "kabupaten", "provinsi"),
                          "kota"),
        "provinsi": c.text(p.get("provinsi"), "pemda.provinsi"),
        "kepala_daerah": {k: c.text(kd.get(k), f"pemda.kepala_daerah.{k}")
                          for k in ("jabatan", "nama", "nip")},
        "edisi_referensi": c.text(p.get("edisi_referensi"), "pemda.edisi_referensi",
                                  max_length=80),
        "skala_usg": None,
    }
    if p.get("skala_usg") is not None:
        su = c.mapping(p["skala_usg"], "pemda.skala_usg", ("nilai_min", "nilai_maks"),
                       required=("nilai_min", "nilai_maks"))
        rendah = c.number(su.get("nilai_min"), "pemda.skala_usg.nilai_min", 0, 100)
        tinggi = c.number(su.get("nilai_maks"), "pemda.skala_usg.nilai_maks", 0, 100)
        if rendah is not None and tinggi is not None:
            if tinggi <= rendah:
                c.problem("pemda.skala_usg", f"nilai_maks ({tinggi}) harus lebih besar dari "
                          f"nilai_min ({rendah})")
            else:
                pemda["skala_usg"] = (rendah, tinggi)

    o = c.mapping(top.get("opd"), "opd", ("kode", "nama", "singkatan", "bidang_urusan", "tipe",
                                          "dasar_hukum", "tugas", "fungsi", "pejabat"),
                  required=("kode", "nama"))
    opd: Node = {
        "kode": c.text(o.get("kode"), "opd.kode"),
        "nama": c.text(o.get("nama"), "opd.nama"),
        "singkatan": c.text(o.get("singkatan"), "opd.singkatan"),
        "bidang_urusan": c.texts(o.get("bidang_urusan"), "opd.bidang_urusan"),
        "tipe": c.text(o.get("tipe"), "opd.tipe"),
        "dasar_hukum": c.texts(o.get("dasar_hukum"), "opd.dasar_hukum"),
        "tugas": c.text(o.get("tugas"), "opd.tugas"),
        "fungsi": c.texts(o.get("fungsi"), "opd.fungsi"),
        "catatan": c.text(o.get("catatan"), "opd.catatan"),
        "pejabat": [],
    }
    for i, rp in enumerate(c.sequence(o.get("pejabat"), "opd.pejabat")):
        tp = f"opd.pejabat[{i}]"
        pd = c.mapping(rp, tp, ("peran", "nama", "nip", "pangkat", "golongan", "jabatan"),
                       required=("peran", "nama", "jabatan"))
        opd["pejabat"].append({
            "peran": c.choice(pd.get("peran"), f"{tp}.peran",
                              ("kepala", "sekretaris", "kepala_bidang", "lainnya"), "lainnya"),
            **{k: c.text(pd.get(k), f"{tp}.{k}")
               for k in ("nama", "nip", "pangkat", "golongan", "jabatan", "catatan")},
        })

    rpjmd = _rpjmd(c, top["rpjmd"]) if top.get("rpjmd") is not None else None
    renstra = None
    if top.get("renstra") is not None:
        if rpjmd is None:
            c.problem("rpjmd", "wajib diisi bila berkas memuat renstra (Renstra berada di bawah "
                      "RPJMD)")
        renstra = _renstra(c, top["renstra"])
        nomor_misi = {m["nomor"] for m in rpjmd["misi"]} if rpjmd else set()
        for m in renstra["misi"]:
            if rpjmd and m not in nomor_misi:
                c.problem("renstra.misi", f"misi {m} tidak ada dalam rpjmd.misi")
        _check_refs_after(c, renstra)
    else:
        # An OPD before its plan: what hangs on a Renstra cannot be there yet.
        for kunci in ("program", "komponen_iku", "isu_strategis"):
            if top.get(kunci):
                c.problem(kunci, "membutuhkan renstra (bagian renstra tidak ada dalam berkas)")

    program = [_node(c, rp, "program", f"program[{i}]")
               for i, rp in enumerate(c.sequence(top.get("program"), "program"))]
    isu = _isu(c, top.get("isu_strategis"), "isu_strategis", pemda)

    # Each version of the Renstra has its own keys (a copy keeps its codes): the first version's
    # and each perubahan's, with the year it is in force from; what a year refers to (a PK, an
    # IKU computation) is looked up in the version in force that year.
    names = [(renstra["tahun_awal"] if renstra else None, c.kode_lokal, c.indikator_node)]
    perubahan: list[Node] = []
    before: Node = {"tempat": "renstra", "renstra": renstra, "program": program,
                    "isu_strategis": isu, "berlaku_mulai": names[0][0]}
    for _, where, x in _elements(before):
        if x.get("asal") not in ("", None):
            c.problem(f"{where}.asal", "hanya untuk unsur Renstra perubahan (renstra.perubahan), "
                      "yang menyebut padanannya dalam versi yang diubah")
    for i, rv in enumerate(c.sequence(_dict(top.get("renstra")).get("perubahan"),
                                      "renstra.perubahan") if renstra else []):
        t = f"renstra.perubahan[{i}]"
        c.kode_lokal, c.indikator_node = {}, {}
        plan = _renstra(c, rv, t, (renstra["tahun_awal"], renstra["tahun_akhir"]))  # type: ignore[index]
        for m in plan["misi"]:
            if rpjmd and m not in {x["nomor"] for x in rpjmd["misi"]}:
                c.problem(f"{t}.misi", f"misi {m} tidak ada dalam rpjmd.misi")
        _check_refs_after(c, plan, t)
        d = _dict(rv)
        v: Node = {
            "tempat": t, "renstra": plan,
            "berlaku_mulai": c.year(d.get("berlaku_mulai"), f"{t}.berlaku_mulai",
                                    required=False),
            "dasar_hukum": c.text(d.get("dasar_hukum"), f"{t}.dasar_hukum", max_length=300),
            "tanggal_dasar_hukum": c.day(d.get("tanggal_dasar_hukum"),
                                         f"{t}.tanggal_dasar_hukum"),
            "alasan": c.text(d.get("alasan"), f"{t}.alasan"),
            "program": [_node(c, rp, "program", f"{t}.program[{j}]")
                        for j, rp in enumerate(c.sequence(d.get("program"), f"{t}.program"))],
            "isu_strategis": _isu(c, d.get("isu_strategis"), f"{t}.isu_strategis", pemda)}
        _check_versi(c, v, before)
        names.append((v["berlaku_mulai"], c.kode_lokal, c.indikator_node))
        perubahan.append(v)
        before = v

    def in_force(raw_item: Any) -> None:
        """Refer to the keys of the version in force in the year ``raw_item`` names."""
        tahun = _dict(raw_item).get("tahun")
        chosen = names[0]
        for n in names[1:]:
            if isinstance(tahun, int) and n[0] is not None and n[0] <= tahun:
                chosen = n
        c.kode_lokal, c.indikator_node = chosen[1], chosen[2]

    komponen = []
    for i, rk in enumerate(c.sequence(top.get("komponen_iku"), "komponen_iku")):
        in_force(rk)
        komponen.append(_komponen(c, rk, f"komponen_iku[{i}]"))
    seen_komponen: set[tuple[str, int | None]] = set()
    for i, k in enumerate(komponen):
        if (k["indikator"], k["tahun"]) in seen_komponen:
            c.problem(f"komponen_iku[{i}]", f"perhitungan indikator {k['indikator']} tahun "
                      f"{k['tahun']} sudah ada")
        seen_komponen.add((k["indikator"], k["tahun"]))

    pks: list[Node] = []
    seen_pk: set[tuple[Any, ...]] = set()
    for i, rk in enumerate(c.sequence(top.get("perjanjian_kinerja"), "perjanjian_kinerja")):
        tp = f"perjanjian_kinerja[{i}]"
        in_force(rk)
        pk = _pk(c, rk, tp, pks, len(opd["pejabat"]))
        if pk["jenis"] == "induk":
            # One PK induk per year for the kepala, and one per official below (the database's
            # own constraints, said here with the place).
            kunci = ((pk["tahun"], "kepala") if pk["tingkat"] == Tingkat.KEPALA
                     else (pk["tahun"], pk["pejabat"]) if pk["pejabat"] else None)
            if kunci in seen_pk:
                c.problem(tp, f"PK induk {pk['tahun']} untuk pejabat ini sudah ada sebelumnya")
            if kunci is not None:
                seen_pk.add(kunci)
        pks.append(pk)

    tercetak: list[Node] = []
    for i, ra in enumerate(c.sequence(top.get("anggaran_tercetak"), "anggaran_tercetak")):
        tp = f"anggaran_tercetak[{i}]"
        ad = c.mapping(ra, tp, ("tempat", "tahun", "pagu", "realisasi", "serapan_tercetak"),
                       required=("tempat", "tahun"))
        pt, pv = c.money(ad.get("pagu"), f"{tp}.pagu")
        rt, rv = c.money(ad.get("realisasi"), f"{tp}.realisasi")
        tercetak.append({"tempat": c.text(ad.get("tempat"), f"{tp}.tempat"),
                         "tahun": c.year(ad.get("tahun"), f"{tp}.tahun"),
                         "pagu_teks": pt, "pagu": pv, "realisasi_teks": rt, "realisasi": rv,
                         "serapan_teks": c.text(ad.get("serapan_tercetak"),
                                                f"{tp}.serapan_tercetak"),
                         "catatan": c.text(ad.get("catatan"), f"{tp}.catatan")})

    narasi: list[Node] = []
    seen: set[tuple[int | None, str]] = set()
    for i, rn in enumerate(c.sequence(top.get("narasi"), "narasi")):
        tp = f"narasi[{i}]"
        nd = c.mapping(rn, tp, ("kunci", "tahun", "judul", "teks", "asal"),
                       required=("kunci", "tahun", "judul", "teks"))
        kunci = c.choice(nd.get("kunci"), f"{tp}.kunci", NARASI_KUNCI, "")
        tahun = c.year(nd.get("tahun"), f"{tp}.tahun")
        if (tahun, kunci) in seen:
            c.problem(f"{tp}.kunci", f"bagian {kunci!r} tahun {tahun} sudah ada")
        seen.add((tahun, kunci))
        narasi.append({"kunci": kunci, "tahun": tahun,
                       "judul": c.text(nd.get("judul"), f"{tp}.judul"),
                       "teks": c.text(nd.get("teks"), f"{tp}.teks"),
                       "asal": c.choice(nd.get("asal"), f"{tp}.asal",
                                        ("tercetak", "disunting"), "tercetak")})

    # Codes must be unique among nodes of one version (null codes are allowed many times).
    seen_codes: dict[str, str] = {}

    def walk(nodes: list[Node], where: str) -> None:
        for i, n in enumerate(nodes):
            if n["kode"]:
                if n["kode"] in seen_codes:
                    c.problem(f"{where}[{i}].kode",
                              f"kode {n['kode']} sudah dipakai di {seen_codes[n['kode']]}")
                else:
                    seen_codes[n["kode"]] = f"{where}[{i}]"
            walk(n["children"], f"{where}[{i}].{CHILDREN[n['tingkat']]}")

    walk(program, "program")
    for v in perubahan:
        seen_codes = {}
        walk(v["program"], f"{v['tempat']}.program")
    _check_jumlah(c, top)
    level = _pemda_level(c, top, rpjmd)

    if c.masalah:
        raise DatasetError(c.masalah)
    return Dataset(raw=top, sumber=c.text(top.get("sumber"), "sumber"),
                   catatan=c.text(top.get("catatan"), "catatan"), pemda=pemda, opd=opd,
                   rpjmd=rpjmd, renstra=renstra, program=program, komponen_iku=komponen,
                   perjanjian_kinerja=pks, isu_strategis=isu, anggaran_tercetak=tercetak,
                   narasi=narasi, counts=count_contents(top), perubahan=perubahan, **level)


STATUS_TRIWULAN = ("draft", "diajukan", "diverifikasi", "dikembalikan")
STATUS_TAUTAN = ("diusulkan", "disetujui", "ditolak")
IKU_KEYS = ("perkada", "urutan", "kode", "uraian", "sasaran_daerah", "definisi", "rumus",
            "satuan", "polaritas", "metode_turun", "agregasi", "sumber_data", "target", "tautan")


def _pemda_level(c: _Checker, top: dict[str, Any], rpjmd: Node | None) -> dict[str, list[Node]]:
    """The quarters' report statuses and the pemda level: the Perkada on the IKU of the
    file's RPJMD, the IKU this OPD is responsible for with its links, the kepala daerah's PK."""
    out: dict[str, list[Node]] = {"pelaporan_triwulan": [], "perkada_iku": [],
                                  "iku_daerah": [], "pk_daerah": []}
    seen: set[tuple[Any, Any]] = set()
    for i, raw in enumerate(c.sequence(top.get("pelaporan_triwulan"), "pelaporan_triwulan")):
        tp = f"pelaporan_triwulan[{i}]"
        d = c.mapping(raw, tp, ("tahun", "triwulan", "status", "catatan"),
                      required=("tahun", "triwulan", "status"))
        node = {"tahun": c.year(d.get("tahun"), f"{tp}.tahun"),
                "triwulan": c.number(d.get("triwulan"), f"{tp}.triwulan", 1, 4),
                "status": c.choice(d.get("status"), f"{tp}.status", STATUS_TRIWULAN, "draft"),
                "catatan": c.text(d.get("catatan"), f"{tp}.catatan")}
        if (node["tahun"], node["triwulan"]) in seen:
            c.problem(tp, f"TW {node['triwulan']} {node['tahun']} sudah ada sebelumnya")
        seen.add((node["tahun"], node["triwulan"]))
        if node["status"] == "dikembalikan" and not node["catatan"]:
            c.problem(f"{tp}.catatan", "triwulan yang dikembalikan perlu catatan verifikator")
        out["pelaporan_triwulan"].append(node)
    level = [k for k in ("perkada_iku", "iku_daerah", "pk_daerah") if top.get(k) is not None]
    if rpjmd is None or top.get("renstra") is None:
        for k in level:
            c.problem(k, "hanya dalam berkas yang memuat RPJMD dan Renstra")
        return out
    awal, akhir = rpjmd["tahun_awal"] or 0, rpjmd["tahun_akhir"] or 0
    perkada: dict[int, Node] = {}
    for i, raw in enumerate(c.sequence(top.get("perkada_iku"), "perkada_iku")):
        tp = f"perkada_iku[{i}]"
        d = c.mapping(raw, tp, ("berlaku_mulai", "nomor", "tanggal", "tentang"),
                      required=("berlaku_mulai", "nomor", "tanggal", "tentang"))
        node = {"berlaku_mulai": c.year(d.get("berlaku_mulai"), f"{tp}.berlaku_mulai"),
                "nomor": c.text(d.get("nomor"), f"{tp}.nomor", max_length=100),
                "tanggal": c.day(d.get("tanggal"), f"{tp}.tanggal"),
                "tentang": c.text(d.get("tentang"), f"{tp}.tentang")}
        mulai = node["berlaku_mulai"]
        if mulai is not None and not awal <= mulai <= akhir:
            c.problem(f"{tp}.berlaku_mulai", f"{mulai} di luar periode RPJMD {awal}–{akhir}")
        if mulai in perkada:
            c.problem(f"{tp}.berlaku_mulai", f"Perkada yang berlaku mulai {mulai} sudah ada")
        perkada[mulai] = node
        out["perkada_iku"].append(node)

    def perkada_ref(value: Any, where: str) -> int | None:
        mulai = c.year(value, where)
        if mulai is not None and mulai not in perkada:
            c.problem(where, f"tidak ada Perkada yang berlaku mulai {mulai} dalam perkada_iku")
        return mulai

    iku_at: set[tuple[Any, Any]] = set()
    for i, raw in enumerate(c.sequence(top.get("iku_daerah"), "iku_daerah")):
        tp = f"iku_daerah[{i}]"
        d = c.mapping(raw, tp, IKU_KEYS, required=("perkada", "urutan", "uraian",
                                                    "sasaran_daerah", "satuan"))
        node = {k: c.text(d.get(k), f"{tp}.{k}") for k in (
            "kode", "uraian", "definisi", "rumus", "satuan", "sumber_data")}
        node |= {"perkada": perkada_ref(d.get("perkada"), f"{tp}.perkada"),
                 "urutan": c.number(d.get("urutan"), f"{tp}.urutan", 1, 9999),
                 "sasaran_daerah": c.ref(d.get("sasaran_daerah"), "sasaran_daerah",
                                         f"{tp}.sasaran_daerah", required=True),
                 "polaritas": c.choice(d.get("polaritas"), f"{tp}.polaritas",
                                       ("naik", "turun"), "naik"),
                 "metode_turun": c.choice(d.get("metode_turun"), f"{tp}.metode_turun",
                                          ("selisih", "rasio"), "selisih"),
                 "agregasi": c.choice(d.get("agregasi"), f"{tp}.agregasi",
                                      ("jumlah", "nilai"), "jumlah"),
                 "target": c.year_map(d.get("target"), f"{tp}.target",
                                      lambda v, w: c.text(v, w, max_length=100)),
                 "tautan": []}
        if (node["perkada"], node["urutan"]) in iku_at:
            c.problem(f"{tp}.urutan", f"urutan {node['urutan']} sudah dipakai IKU lain dari "
                      "Perkada yang sama")
        iku_at.add((node["perkada"], node["urutan"]))
        for j, rt in enumerate(c.sequence(d.get("tautan"), f"{tp}.tautan")):
            tt = f"{tp}.tautan[{j}]"
            td = c.mapping(rt, tt, ("indikator", "nama", "catatan", "status",
                                    "catatan_verifikasi"),
                           required=("indikator", "nama", "status"))
            node["tautan"].append({
                "indikator": c.text(td.get("indikator"), f"{tt}.indikator", required=True),
                "nama": c.text(td.get("nama"), f"{tt}.nama", max_length=40),
                "catatan": c.text(td.get("catatan"), f"{tt}.catatan"),
                "status": c.choice(td.get("status"), f"{tt}.status", STATUS_TAUTAN,
                                   "diusulkan"),
                "catatan_verifikasi": c.text(td.get("catatan_verifikasi"),
                                             f"{tt}.catatan_verifikasi")})
        out["iku_daerah"].append(node)
    for i, raw in enumerate(c.sequence(top.get("pk_daerah"), "pk_daerah")):
        tp = f"pk_daerah[{i}]"
        d = c.mapping(raw, tp, ("tahun", "jenis", "status", "perkada", "menggantikan",
                                "alasan_perubahan", "tanggal", "kepala_daerah",
                                "ditandatangani_pada", "alasan_tanda_tangan", "baris"),
                      required=("tahun", "jenis", "status", "baris"))
        kd = c.mapping(d.get("kepala_daerah") or {}, f"{tp}.kepala_daerah",
                       ("nama", "jabatan", "nip"))
        menggantikan = c.number(d.get("menggantikan"), f"{tp}.menggantikan", 1, i or 1)
        node = {"tahun": c.year(d.get("tahun"), f"{tp}.tahun"),
                "jenis": c.choice(d.get("jenis"), f"{tp}.jenis", ("induk", "perubahan"),
                                  "induk"),
                "status": c.choice(d.get("status"), f"{tp}.status",
                                   ("draft", "diajukan", "ditandatangani"), "draft"),
                "perkada": (perkada_ref(d.get("perkada"), f"{tp}.perkada")
                            if d.get("perkada") is not None else None),
                "menggantikan": menggantikan if i else None,
                "alasan_perubahan": c.text(d.get("alasan_perubahan"),
                                           f"{tp}.alasan_perubahan"),
                "tanggal": c.day(d.get("tanggal"), f"{tp}.tanggal"),
                "kepala_daerah": {k: c.text(kd.get(k), f"{tp}.kepala_daerah.{k}")
                                  for k in ("nama", "jabatan", "nip")},
                "ditandatangani_pada": c.moment(d.get("ditandatangani_pada"),
                                                f"{tp}.ditandatangani_pada"),
                "alasan_tanda_tangan": c.text(d.get("alasan_tanda_tangan"),
                                              f"{tp}.alasan_tanda_tangan"),
                "baris": []}
        for j, rb in enumerate(c.sequence(d.get("baris"), f"{tp}.baris")):
            bp = f"{tp}.baris[{j}]"
            bd = c.mapping(rb, bp, ("iku", "sasaran", "uraian", "satuan", "target"),
                           required=("sasaran", "uraian"))
            ref = None
            if bd.get("iku") is not None:
                rd = c.mapping(bd.get("iku"), f"{bp}.iku", ("perkada", "urutan"),
                               required=("perkada", "urutan"))
                ref = (perkada_ref(rd.get("perkada"), f"{bp}.iku.perkada"),
                       c.number(rd.get("urutan"), f"{bp}.iku.urutan", 1, 9999))
            node["baris"].append({
                "iku": ref, "sasaran": c.text(bd.get("sasaran"), f"{bp}.sasaran"),
                "uraian": c.text(bd.get("uraian"), f"{bp}.uraian"),
                "satuan": c.text(bd.get("satuan"), f"{bp}.satuan", max_length=100),
                "target": c.printed(bd.get("target"), f"{bp}.target")})
        out["pk_daerah"].append(node)
    return out


def parse_yaml(text: str, nama: str = "berkas") -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{nama}, baris {mark.line + 1}, kolom {mark.column + 1}" if mark else nama
        raise DatasetError([f"{where}: bukan YAML yang sah ({exc.problem})"]) from None
    except yaml.YAMLError as exc:
        raise DatasetError([f"{nama}: bukan YAML yang sah ({exc})"]) from None
    except RecursionError:
        raise DatasetError([f"{nama}: bukan YAML yang sah (bersarang terlalu dalam)"]) from None


def read_dataset(path: str | Path) -> Dataset:
    """Read, parse and validate a dataset file."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DatasetError([f"{path}: berkas tidak ditemukan"]) from None
    except OSError as exc:
        raise DatasetError([f"{path}: tidak dapat dibaca ({exc.strerror})"]) from None
    if path.is_dir():
        raise DatasetError([f"{path}: adalah folder, bukan berkas data"])
    if size > MAX_FILE_BYTES:
        raise DatasetError([f"{path}: terlalu besar ({size} bita; paling besar "
                            f"{MAX_FILE_BYTES} bita)"])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError([f"{path}: bukan teks UTF-8 (bita ke-{exc.start})"]) from None
    return validate(parse_yaml(text, str(path)))
