"""Load an LKE template edition from its YAML file (reference/evaluasi/, provenance in the file).

The whole file is read and checked before anything is written, then written in one
transaction: all or nothing. An edition already in the database with the same content is left
alone (a rerun changes nothing); one with different content is refused, since evaluations keep
the edition they were made with: a changed template is a new edition with a new ``edisi.kode``.
Every message names the file and the place in it (``komponen[2].sub[0].bobot``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from akuntabel.core.lke import (
    SubLke,
    aturan_dari_data,
    peta_bukti_dari_data,
    pita_saran_dari_data,
)
from akuntabel.evaluasi.models import (
    KomponenLke,
    KriteriaLke,
    PitaPredikat,
    SkalaJawaban,
    SubKomponenLke,
    TemplateLke,
)

DEFAULT_FOLDER = Path(__file__).resolve().parents[3] / "reference" / "evaluasi"
DEFAULT_FILE = DEFAULT_FOLDER / "lke-permenpanrb-88-2021.yaml"
PERSPEKTIF = {c.value for c in SubKomponenLke.Perspektif}


class TemplateError(ValueError):
    pass


@dataclass
class HasilMuat:
    kode: str
    jumlah: dict[str, int]
    baru: bool


class _Baca:
    """Checks of one file; every error names the file and the place."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def salah(self, tempat: str, masalah: str) -> TemplateError:
        return TemplateError(f"{self.path}: {tempat}: {masalah}")

    def teks(self, data: Any, kunci: str, tempat: str, wajib: bool = True) -> str:
        nilai = data.get(kunci) if isinstance(data, dict) else None
        if nilai is None and not wajib:
            return ""
        if not isinstance(nilai, str) or not nilai.strip():
            raise self.salah(f"{tempat}.{kunci}", "wajib diisi dengan teks.")
        return nilai.strip()

    def angka(self, data: Any, kunci: str, tempat: str, sampai: Decimal = Decimal(100)) -> Decimal:
        nilai = data.get(kunci) if isinstance(data, dict) else None
        try:
            if isinstance(nilai, bool) or not isinstance(nilai, int | float | str):
                raise InvalidOperation
            hasil = Decimal(str(nilai))
        except InvalidOperation:
            raise self.salah(f"{tempat}.{kunci}", f"bukan angka ({nilai!r}).") from None
        if not hasil.is_finite() or not Decimal(0) <= hasil <= sampai:
            raise self.salah(f"{tempat}.{kunci}", f"harus antara 0 dan {sampai} ({nilai!r}).")
        if hasil != hasil.quantize(Decimal("0.01")):
            raise self.salah(f"{tempat}.{kunci}", f"paling banyak dua angka desimal ({nilai!r}).")
        return hasil

    def daftar(self, data: Any, kunci: str, tempat: str) -> list[Any]:
        nilai = data.get(kunci) if isinstance(data, dict) else None
        if not isinstance(nilai, list) or not nilai:
            raise self.salah(f"{tempat}{kunci}", "wajib berupa daftar yang tidak kosong.")
        return nilai


def read_template(path: Path) -> dict[str, Any]:
    """The checked content of the file, as plain values; TemplateError on the first fault."""
    b = _Baca(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(f"{path}: berkas tidak dapat dibaca ({exc.strerror}).") from None
    except yaml.YAMLError as exc:
        tanda = getattr(exc, "problem_mark", None)
        baris = f"baris {tanda.line + 1}" if tanda is not None else "isi"
        raise TemplateError(f"{path}: {baris}: bukan YAML yang sah.") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: isi berkas harus berupa pemetaan (edisi, komponen, …).")
    edisi = data.get("edisi")
    if not isinstance(edisi, dict):
        raise b.salah("edisi", "wajib ada (kode, nama, dasar_hukum, berlaku_mulai, sumber).")
    berlaku = edisi.get("berlaku_mulai")
    if berlaku is not None and not isinstance(berlaku, date):
        raise b.salah("edisi.berlaku_mulai", f"bukan tanggal TTTT-BB-HH ({berlaku!r}).")
    hasil: dict[str, Any] = {
        "kode": b.teks(edisi, "kode", "edisi"), "nama": b.teks(edisi, "nama", "edisi"),
        "dasar_hukum": b.teks(edisi, "dasar_hukum", "edisi"), "berlaku_mulai": berlaku,
        "sumber": b.teks(edisi, "sumber", "edisi", wajib=False),
        "catatan_kepastian": b.teks(edisi, "catatan_kepastian", "edisi", wajib=False),
    }
    kriteria = data.get("kriteria")
    if not isinstance(kriteria, dict):
        raise b.salah("kriteria", "wajib berupa pemetaan kode sub-komponen -> daftar kriteria.")
    komponen: list[dict[str, Any]] = []
    kode_sub: set[str] = set()
    for i, k in enumerate(b.daftar(data, "komponen", "")):
        tk = f"komponen[{i}]"
        subs: list[dict[str, Any]] = []
        isi_k = {"kode": b.teks(k, "kode", tk), "nama": b.teks(k, "nama", tk),
                 "bobot": b.angka(k, "bobot", tk), "sub": subs}
        for j, s in enumerate(b.daftar(k, "sub", f"{tk}.")):
            ts = f"{tk}.sub[{j}]"
            kode = b.teks(s, "kode", ts)
            if kode in kode_sub:
                raise b.salah(f"{ts}.kode", f"kode {kode} ganda.")
            kode_sub.add(kode)
            perspektif = b.teks(s, "perspektif", ts)
            if perspektif not in PERSPEKTIF:
                raise b.salah(f"{ts}.perspektif", f"{perspektif!r} bukan keberadaan, kualitas "
                                                  "atau pemanfaatan.")
            uraian = kriteria.get(kode)
            if not isinstance(uraian, list) or not uraian:
                raise b.salah(f"kriteria.{kode}", "sub-komponen tanpa daftar kriteria.")
            for n, u in enumerate(uraian):
                if not isinstance(u, str) or not u.strip():
                    raise b.salah(f"kriteria.{kode}[{n}]", "uraian kriteria wajib berupa teks.")
            subs.append({"kode": kode, "nama": b.teks(s, "nama", ts),
                                 "perspektif": perspektif, "bobot": b.angka(s, "bobot", ts),
                                 "kriteria": [u.strip() for u in uraian]})
        jumlah_sub = sum((s["bobot"] for s in subs), Decimal(0))
        if jumlah_sub != isi_k["bobot"]:
            raise b.salah(f"{tk}.bobot", f"bobot {isi_k['bobot']} tidak sama dengan jumlah "
                                         f"bobot sub-komponennya ({jumlah_sub}).")
        komponen.append(isi_k)
    total = sum((k["bobot"] for k in komponen), Decimal(0))
    if total != 100:
        raise b.salah("komponen", f"jumlah bobot komponen {total}, seharusnya 100.")
    lebih = sorted(set(kriteria) - kode_sub)
    if lebih:
        raise b.salah("kriteria", f"kode {', '.join(map(str, lebih))} bukan sub-komponen.")
    hasil["komponen"] = komponen
    skala: list[dict[str, Any]] = []
    for i, s in enumerate(b.daftar(data, "skala_jawaban", "")):
        t = f"skala_jawaban[{i}]"
        kode = b.teks(s, "nilai", t).upper()
        if kode in {x["kode"] for x in skala}:
            raise b.salah(f"{t}.nilai", f"jawaban {kode} ganda.")
        skala.append({"kode": kode, "persen": b.angka(s, "persen", t)})
    hasil["skala"] = skala
    pita: list[dict[str, Any]] = []
    for i, p in enumerate(b.daftar(data, "predikat", "")):
        t = f"predikat[{i}]"
        eksklusif = isinstance(p, dict) and "batas_bawah_lebih_dari" in p
        if not isinstance(p, dict) or eksklusif == ("batas_bawah" in p):
            raise b.salah(t, "tulis tepat satu dari batas_bawah_lebih_dari (batas tidak "
                             "termasuk) atau batas_bawah (batas termasuk).")
        kode = b.teks(p, "kode", t)
        if kode in {x["predikat"] for x in pita}:
            raise b.salah(f"{t}.kode", f"predikat {kode} ganda.")
        pita.append({
            "predikat": kode, "eksklusif": eksklusif,
            "batas_bawah": b.angka(p, "batas_bawah_lebih_dari" if eksklusif else "batas_bawah",
                                   t),
            "batas_atas": b.angka(p, "batas_atas", t) if "batas_atas" in p else None,
            "label": b.teks(p, "sebutan", t),
        })
    hasil["pita"] = pita
    hasil["aturan"] = _aturan(path, data, komponen, {s["kode"] for s in skala})
    return hasil


def _aturan(path: Path, data: dict[str, Any], komponen: list[dict[str, Any]],
            skala: set[str]) -> dict[str, Any]:
    """The edition's consistency rules, suggested-grade bands and evidence map, checked by
    core.lke against its structure and scale and kept as written (only the sections present)."""
    struktur = [SubLke(s["kode"], k["kode"], s["perspektif"],
                       tuple(f"{s['kode']}.{n}" for n in range(1, len(s["kriteria"]) + 1)))
                for k in komponen for s in k["sub"]]
    try:
        aturan_dari_data(data.get("aturan_konsistensi"), struktur)
        pita_saran_dari_data(data.get("saran_nilai"), skala)
        peta_bukti_dari_data(data.get("bukti_kriteria"), {c for s in struktur for c in s.kriteria})
    except ValueError as exc:
        raise TemplateError(f"{path}: {exc}") from None
    bagian = {"konsistensi": "aturan_konsistensi", "saran": "saran_nilai",
              "bukti": "bukti_kriteria"}
    return {kunci: data[nama] for kunci, nama in bagian.items() if data.get(nama) is not None}


def _isi_basis_data(t: TemplateLke) -> dict[str, Any]:
    """The stored edition in the shape :func:`read_template` returns, to compare with it."""
    return {
        "kode": t.kode, "nama": t.nama, "dasar_hukum": t.dasar_hukum,
        "berlaku_mulai": t.berlaku_mulai, "sumber": t.sumber,
        "catatan_kepastian": t.catatan_kepastian, "aturan": t.aturan,
        "komponen": [
            {"kode": k.kode, "nama": k.nama, "bobot": k.bobot,
             "sub": [{"kode": s.kode, "nama": s.nama, "perspektif": s.perspektif,
                      "bobot": s.bobot, "kriteria": [c.uraian for c in s.kriteria.all()]}
                     for s in k.sub.all()]}
            for k in t.komponen.all()],
        "skala": [{"kode": s.kode, "persen": s.persen} for s in t.skala.all()],
        "pita": [{"predikat": p.predikat, "eksklusif": p.batas_bawah_eksklusif,
                  "batas_bawah": p.batas_bawah, "batas_atas": p.batas_atas, "label": p.label}
                 for p in t.pita.all()],
    }


def _jumlah(isi: dict[str, Any]) -> dict[str, int]:
    sub = [s for k in isi["komponen"] for s in k["sub"]]
    return {"komponen": len(isi["komponen"]), "sub_komponen": len(sub),
            "kriteria": sum(len(s["kriteria"]) for s in sub), "skala_jawaban": len(isi["skala"]),
            "pita_predikat": len(isi["pita"])}


@transaction.atomic
def load_template(path: Path = DEFAULT_FILE) -> HasilMuat:
    """Load the edition of ``path``; TemplateError (nothing written) on a fault."""
    isi = read_template(path)
    ada = TemplateLke.objects.filter(kode=isi["kode"]).first()
    if ada is not None:
        if not ada.aturan and isi["aturan"] and _isi_basis_data(ada) == {**isi, "aturan": {}}:
            # An edition loaded before Akuntabel knew its rules gets them once; they guide the
            # evaluator (warnings, suggestions) and change no score.
            ada.aturan = isi["aturan"]
            ada.save(update_fields=["aturan"])
        if _isi_basis_data(ada) != isi:
            raise TemplateError(
                f"{path}: edisi.kode: template {isi['kode']} sudah dimuat dengan isi berbeda; "
                "evaluasi menyimpan template yang dipakainya, jadi perubahan dimuat sebagai "
                "edisi baru dengan kode baru.")
        return HasilMuat(isi["kode"], _jumlah(isi), baru=False)
    t = TemplateLke.objects.create(**{k: isi[k] for k in (
        "kode", "nama", "dasar_hukum", "berlaku_mulai", "sumber", "catatan_kepastian",
        "aturan")})
    for i, k in enumerate(isi["komponen"]):
        komponen = KomponenLke.objects.create(template=t, kode=k["kode"], nama=k["nama"],
                                              bobot=k["bobot"], urutan=i)
        for j, s in enumerate(k["sub"]):
            sub = SubKomponenLke.objects.create(
                komponen=komponen, kode=s["kode"], nama=s["nama"], perspektif=s["perspektif"],
                bobot=s["bobot"], urutan=j)
            KriteriaLke.objects.bulk_create(
                KriteriaLke(sub_komponen=sub, nomor=f"{s['kode']}.{n}", uraian=u, urutan=n)
                for n, u in enumerate(s["kriteria"], start=1))
    SkalaJawaban.objects.bulk_create(
        SkalaJawaban(template=t, kode=s["kode"], persen=s["persen"], urutan=i)
        for i, s in enumerate(isi["skala"]))
    PitaPredikat.objects.bulk_create(
        PitaPredikat(template=t, predikat=p["predikat"], batas_bawah=p["batas_bawah"],
                     batas_bawah_eksklusif=p["eksklusif"], batas_atas=p["batas_atas"],
                     label=p["label"], urutan=i)
        for i, p in enumerate(isi["pita"]))
    return HasilMuat(t.kode, _jumlah(isi), baru=True)
