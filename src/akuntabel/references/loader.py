"""Load the official code lists of a folder, edition by edition, as its ``edisi.toml`` lists
them (see reference/README.md). Every file is read and checked before anything is written;
then every edition is written in one transaction: all or nothing. A code the database holds
with the same values is left alone, so a rerun changes nothing."""

from __future__ import annotations

import csv
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from akuntabel.references.models import (
    EdisiReferensi,
    KodeNomenklatur,
    KodeRekening,
    PadananKode,
)
from akuntabel.references.services import normalisasi

DEFAULT_FOLDER = Path(__file__).resolve().parents[3] / "reference"
MANIFEST = "edisi.toml"

TINGKAT = ["urusan", "bidang", "program", "kegiatan", "sub_kegiatan"]
_B = r"(X\.XX|[1-9]\.\d{2})"
FORMAT = {
    "urusan": re.compile(r"^(X|[1-9])$"),
    "bidang": re.compile(rf"^{_B}$"),
    "program": re.compile(rf"^{_B}\.\d{{2}}$"),
    "kegiatan": re.compile(rf"^{_B}\.\d{{2}}\.[1-9]\.\d{{2}}$"),
    "sub_kegiatan": re.compile(rf"^{_B}\.\d{{2}}\.[1-9]\.\d{{2}}\.\d{{4}}$"),
    "rekening": re.compile(r"^[1-9](\.[1-9](\.\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?)?$"),
}
# columns: code, name, ..., sumber (the last)
KOLOM = {"sub_kegiatan": 7, "rekening": 4}
META = ["tag", "pelaksana", "spm", "jenis", "subkegiatan_sebelumnya"]
NOMENKLATUR_FIELDS = ["tingkat", "nama", "kinerja", "indikator", "satuan", "definisi", "meta",
                      "sumber", "cari"]
REKENING_FIELDS = ["tingkat", "uraian", "keterangan", "sumber"]
EDISI_FIELDS = ["nama", "daftar", "jenis", "dasar_hukum", "berlaku_mulai", "sumber", "catatan",
                "bawaan"]


class ReferenceError(ValueError):
    pass


@dataclass
class Hasil:
    """What one edition's (or crosswalk's) load found and changed."""

    kode: str
    jumlah: dict[str, int] = field(default_factory=dict)
    baru: int = 0
    diubah: int = 0
    dihapus: int = 0


@dataclass
class _Edisi:
    nilai: dict[str, Any]
    baris: dict[str, dict[str, Any]]
    jumlah: dict[str, int]


def _records(folder: Path, nama: str, header: bool = False) -> list[tuple[int, list[str]]]:
    """(line, row) of a tab-separated file; a quoted field may span lines."""
    path = folder / nama
    out = []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter="\t")
            awal = 1
            for row in reader:
                if any(c.strip() for c in row):
                    out.append((awal, row))
                awal = reader.line_num + 1
    except FileNotFoundError:
        raise ReferenceError(f"{nama}: berkas tidak ditemukan di {folder}") from None
    except UnicodeDecodeError as exc:
        raise ReferenceError(f"{nama}: bukan teks UTF-8 (byte ke-{exc.start + 1})") from None
    except (OSError, csv.Error) as exc:
        raise ReferenceError(f"{nama}: tidak dapat dibaca ({exc})") from None
    return out[1:] if header else out


def _tingkat_rekening(kode: str) -> int:
    return len(kode.split("."))


def _induk(kode: str, tingkat: str) -> str:
    """The parent's code: the code less its last part (urusan of a bidang: its first part)."""
    if tingkat == "bidang":
        return kode.split(".")[0]
    return kode.rsplit(".", 2)[0] if tingkat == "kegiatan" else kode.rsplit(".", 1)[0]


def _nomenklatur(folder: Path, berkas: dict[str, str]) -> tuple[dict, dict[str, int]]:
    baris: dict[str, dict[str, Any]] = {}
    jumlah: dict[str, int] = {}
    for tingkat in TINGKAT:
        nama = berkas.get(tingkat)
        if not nama:
            continue
        kolom = KOLOM.get(tingkat, 3)
        jumlah[tingkat] = 0
        for line, row in _records(folder, nama):
            tempat = f"{nama} baris {line}"
            if len(row) != kolom:
                raise ReferenceError(f"{tempat}: harus ada {kolom} kolom dipisah tab, ada "
                                     f"{len(row)}")
            kode = row[0].strip()
            if not FORMAT[tingkat].match(kode):
                raise ReferenceError(f"{tempat}: kode {kode!r} bukan kode {tingkat}")
            if kode in baris:
                raise ReferenceError(f"{tempat}: kode {kode} sudah ada sebelumnya")
            if not row[1].strip():
                raise ReferenceError(f"{tempat}: nama kode {kode} kosong")
            induk = _induk(kode, tingkat)
            atas = TINGKAT[TINGKAT.index(tingkat) - 1] if tingkat != "urusan" else None
            if atas in berkas and induk not in baris:
                raise ReferenceError(f"{tempat}: induk {induk} dari kode {kode} tidak ada di "
                                     f"{berkas[atas]}")
            extra = row[2:6] if tingkat == "sub_kegiatan" else ["", "", "", ""]
            satuan = extra[2].strip()
            if len(satuan) > 100:
                raise ReferenceError(f"{tempat}: satuan lebih dari 100 huruf")
            nama_kode = " ".join(row[1].split())
            baris[kode] = {"tingkat": tingkat, "nama": nama_kode, "kinerja": extra[0].strip(),
                           "indikator": extra[1].strip(), "satuan": satuan,
                           "definisi": extra[3].strip(), "meta": {},
                           "sumber": row[-1].strip()[:300], "cari": normalisasi(nama_kode)}
            jumlah[tingkat] += 1
    if berkas.get("sub_kegiatan_meta"):
        nama = berkas["sub_kegiatan_meta"]
        for line, row in _records(folder, nama, header=True):
            tempat = f"{nama} baris {line}"
            if len(row) != len(META) + 1:
                raise ReferenceError(f"{tempat}: harus ada {len(META) + 1} kolom dipisah tab")
            kode = row[0].strip()
            if baris.get(kode, {}).get("tingkat") != "sub_kegiatan":
                raise ReferenceError(f"{tempat}: sub kegiatan {kode} tidak ada di "
                                     f"{berkas['sub_kegiatan']}")
            baris[kode]["meta"] = {k: v for k, v in zip(META, map(_meta, row[1:]), strict=True)
                                   if v}
    return baris, jumlah


def _meta(teks: str) -> Any:
    teks = teks.strip()
    if teks == "[null]":
        return ""
    if teks.startswith("["):
        try:
            return [t for t in json.loads(teks) if t]
        except ValueError:
            return teks
    return teks


def _rekening(folder: Path, nama: str) -> tuple[dict, dict[str, int]]:
    baris: dict[str, dict[str, Any]] = {}
    for line, row in _records(folder, nama):
        tempat = f"{nama} baris {line}"
        if len(row) != KOLOM["rekening"]:
            raise ReferenceError(f"{tempat}: harus ada {KOLOM['rekening']} kolom dipisah tab, "
                                 f"ada {len(row)}")
        kode = row[0].strip()
        if not FORMAT["rekening"].match(kode):
            raise ReferenceError(f"{tempat}: kode {kode!r} bukan kode rekening")
        if kode in baris:
            raise ReferenceError(f"{tempat}: kode {kode} sudah ada sebelumnya")
        if not row[1].strip():
            raise ReferenceError(f"{tempat}: uraian kode {kode} kosong")
        if "." in kode and kode.rsplit(".", 1)[0] not in baris:
            raise ReferenceError(f"{tempat}: induk {kode.rsplit('.', 1)[0]} dari kode {kode} "
                                 "tidak ada sebelumnya")
        baris[kode] = {"tingkat": _tingkat_rekening(kode), "uraian": " ".join(row[1].split()),
                       "keterangan": row[2].strip(), "sumber": row[-1].strip()[:300]}
    return baris, {"rekening": len(baris)}


def _edisi_nilai(item: dict[str, Any], i: int) -> dict[str, Any]:
    tempat = f"{MANIFEST} edisi ke-{i}"
    for key in ("kode", "nama", "daftar", "jenis", "dasar_hukum", "berlaku_mulai", "berkas"):
        if not item.get(key):
            raise ReferenceError(f"{tempat}: {key} harus diisi")
    if item["daftar"] not in EdisiReferensi.Daftar.values:
        raise ReferenceError(f"{tempat}: daftar {item['daftar']!r} bukan salah satu dari "
                             f"{', '.join(EdisiReferensi.Daftar.values)}")
    if item["jenis"] not in EdisiReferensi.Jenis.values:
        raise ReferenceError(f"{tempat}: jenis {item['jenis']!r} bukan salah satu dari "
                             f"{', '.join(EdisiReferensi.Jenis.values)}")
    if not isinstance(item["berlaku_mulai"], date):
        raise ReferenceError(f"{tempat}: berlaku_mulai harus tanggal (TTTT-BB-HH)")
    return {"nama": str(item["nama"]), "daftar": item["daftar"], "jenis": item["jenis"],
            "dasar_hukum": str(item["dasar_hukum"]), "berlaku_mulai": item["berlaku_mulai"],
            "sumber": str(item.get("sumber", "")), "catatan": str(item.get("catatan", "")),
            "bawaan": bool(item.get("bawaan", False))}


def read_folder(folder: Path) -> tuple[dict[str, _Edisi], list[dict[str, Any]]]:
    """Every edition and crosswalk of the folder, read and checked; nothing written."""
    try:
        manifest = tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferenceError(f"{folder}: tidak ada {MANIFEST} yang mendaftar edisi daftar "
                             "kode (lihat reference/edisi.toml)") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReferenceError(f"{MANIFEST}: tidak dapat dibaca ({exc})") from None
    edisi: dict[str, _Edisi] = {}
    for i, item in enumerate(manifest.get("edisi", []), start=1):
        nilai = _edisi_nilai(item, i)
        if item["kode"] in edisi:
            raise ReferenceError(f"{MANIFEST} edisi ke-{i}: kode {item['kode']} sudah ada")
        if nilai["daftar"] == EdisiReferensi.Daftar.REKENING:
            baris, jumlah = _rekening(folder, item["berkas"].get("rekening", ""))
        else:
            baris, jumlah = _nomenklatur(folder, item["berkas"])
        edisi[item["kode"]] = _Edisi(nilai, baris, jumlah)
    if not edisi:
        raise ReferenceError(f"{MANIFEST}: tidak ada edisi yang terdaftar")
    padanan = []
    for i, item in enumerate(manifest.get("padanan", []), start=1):
        for key in ("asal", "tujuan"):
            if item.get(key) not in edisi:
                raise ReferenceError(f"{MANIFEST} padanan ke-{i}: edisi {key} "
                                     f"{item.get(key)!r} tidak terdaftar")
        padanan.append({"asal": item["asal"], "tujuan": item["tujuan"],
                        "nama": item.get("berkas", ""),
                        "baris": _padanan(folder, item.get("berkas", ""), edisi[item["asal"]],
                                          edisi[item["tujuan"]])})
    return edisi, padanan


def _padanan(folder: Path, nama: str, asal: _Edisi, tujuan: _Edisi) -> dict:
    baris: dict[tuple[str, str], dict[str, str]] = {}
    for line, row in _records(folder, nama, header=True):
        tempat = f"{nama} baris {line}"
        if len(row) != 5:
            raise ReferenceError(f"{tempat}: harus ada 5 kolom dipisah tab, ada {len(row)}")
        kode_asal, kode_tujuan = row[0].strip(), row[2].strip()
        if not (kode_asal or kode_tujuan):
            raise ReferenceError(f"{tempat}: kedua kode kosong")
        for kode, ed in ((kode_asal, asal), (kode_tujuan, tujuan)):
            if kode and kode not in ed.baris:
                raise ReferenceError(f"{tempat}: kode {kode} tidak ada di edisinya")
        if (kode_asal, kode_tujuan) in baris:
            raise ReferenceError(f"{tempat}: pasangan {kode_asal} – {kode_tujuan} sudah ada")
        if not kode_tujuan:
            status = PadananKode.Status.HANYA_ASAL
        elif not kode_asal:
            status = PadananKode.Status.HANYA_TUJUAN
        else:
            status = (PadananKode.Status.SAMA if kode_asal == kode_tujuan
                      else PadananKode.Status.KODE_BERBEDA)
        baris[(kode_asal, kode_tujuan)] = {"nama_asal": " ".join(row[1].split()),
                                           "nama_tujuan": " ".join(row[3].split()),
                                           "status": status}
    return baris


def _sync(model: type, filter_: dict[str, Any], kunci: list[str], fields: list[str],
          baris: dict, buat: Any) -> tuple[int, int, int]:
    """Make the rows of ``model`` under ``filter_`` equal ``baris`` (key -> values):
    (new, changed, removed)."""
    ada = {tuple(getattr(o, k) for k in kunci): o for o in model.objects.filter(**filter_)}
    baru, ubah = [], []
    for key, nilai in baris.items():
        key = key if isinstance(key, tuple) else (key,)
        o = ada.pop(key, None)
        if o is None:
            baru.append(buat(key, nilai))
        elif any(getattr(o, f) != nilai[f] for f in fields):
            for f in fields:
                setattr(o, f, nilai[f])
            ubah.append(o)
    model.objects.bulk_create(baru, batch_size=500)
    if ubah:
        model.objects.bulk_update(ubah, fields, batch_size=500)
    if ada:
        model.objects.filter(pk__in=[o.pk for o in ada.values()]).delete()
    return len(baru), len(ubah), len(ada)


def load_reference_lists(folder: Path | None = None) -> list[Hasil]:
    """Load every edition and crosswalk of ``folder`` (default: the shipped lists)."""
    folder = folder or DEFAULT_FOLDER
    if not folder.is_dir():
        raise ReferenceError(f"{folder}: folder tidak ditemukan")
    edisi, padanan = read_folder(folder)
    hasil = []
    with transaction.atomic():
        objek: dict[str, EdisiReferensi] = {}
        for kode, ed in edisi.items():
            obj, dibuat = EdisiReferensi.objects.get_or_create(kode=kode, defaults=ed.nilai)
            if not dibuat and any(getattr(obj, f) != ed.nilai[f] for f in EDISI_FIELDS):
                EdisiReferensi.objects.filter(pk=obj.pk).update(**ed.nilai)
            objek[kode] = obj
            h = Hasil(kode, ed.jumlah)
            if ed.nilai["daftar"] == EdisiReferensi.Daftar.REKENING:
                h.baru, h.diubah, h.dihapus = _sync(
                    KodeRekening, {"edisi": obj}, ["kode"], REKENING_FIELDS, ed.baris,
                    lambda key, v, obj=obj: KodeRekening(edisi=obj, kode=key[0], **v))
            else:
                h.baru, h.diubah, h.dihapus = _sync(
                    KodeNomenklatur, {"edisi": obj}, ["kode"], NOMENKLATUR_FIELDS, ed.baris,
                    lambda key, v, obj=obj: KodeNomenklatur(edisi=obj, kode=key[0], **v))
            hasil.append(h)
        for p in padanan:
            asal, tujuan = objek[p["asal"]], objek[p["tujuan"]]
            h = Hasil(f"{p['asal']} ↔ {p['tujuan']}")
            for status in PadananKode.Status.values:
                h.jumlah[status] = sum(1 for v in p["baris"].values() if v["status"] == status)
            h.baru, h.diubah, h.dihapus = _sync(
                PadananKode, {"edisi_asal": asal, "edisi_tujuan": tujuan},
                ["kode_asal", "kode_tujuan"], ["nama_asal", "nama_tujuan", "status"],
                p["baris"],
                lambda key, v, a=asal, t=tujuan: PadananKode(
                    edisi_asal=a, edisi_tujuan=t, kode_asal=key[0], kode_tujuan=key[1], **v))
            hasil.append(h)
    return hasil
