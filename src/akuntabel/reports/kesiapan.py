"""Making a final with eyes open: the problems still open before it is made, and what changed
in the data since a final was made (project convention, issue 16).

- Open problems: the reviu's errors not explained (``reviews.services.review``) and, for the
  LKjIP and the E.81, the count per quarter of realisasi values that carry a plausibility warning (the
  verifikator's inbox count, ``reporting.kotak_masuk.jumlah_peringatan``). For the PK only the
  reviu's planning and structure rules (REN, STR) apply: realisasi is not part of it. For
  both, what is wrong with the signer's NIP (``core.nip.periksa_nip``): the kepala's for the
  LKjIP and the E.81, the PK's first party (else the kepala) for the PK, as the documents
  print them.
- Outdated: a final's snapshot holds the data it was computed from (``sumber``); the same
  reading of today's data is compared with it, and every figure or text that differs is
  named by its place (the indicator, the budget line, the section) with both values.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah

REVIU_PK = ("REN-", "STR-")
MAKS_PERBEDAAN = 50
ANGKA = re.compile(r"^-?\d+(\.\d+)?$")
KODE = re.compile(r"^[a-z]+(_[a-z]+)+$")


@dataclass(frozen=True)
class Masalah:
    jenis: str     # "reviu" | "kewajaran" | "nip"
    kode: str      # the reviu rule, or "" for plausibility
    tempat: str    # where a reader finds it
    pesan: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def masalah_terbuka(opd: PerangkatDaerah, tahun: int, dokumen: str = "lakip") -> list[Masalah]:
    """The problems open now in the data of ``opd`` and ``tahun`` for ``dokumen``."""
    from akuntabel.reporting.kotak_masuk import jumlah_peringatan
    from akuntabel.reviews.services import review

    hasil = []
    for t in review(opd, tahun):
        f = t.finding
        if f.tingkat != "error" or t.explained:
            continue
        if dokumen == "pk" and not f.code.startswith(REVIU_PK):
            continue
        hasil.append(Masalah("reviu", f.code, f"{f.lokasi.bagian} · {f.lokasi.uraian}",
                             f.pesan))
    if dokumen in ("lakip", "e81"):   # both print the quarters' realisasi
        jumlah = jumlah_peringatan({(opd.pk, tw) for tw in (1, 2, 3, 4)}, tahun)
        for tw in (1, 2, 3, 4):
            n = jumlah.get((opd.pk, tw), 0)
            if n:
                hasil.append(Masalah(
                    "kewajaran", "", f"Realisasi TW {TRIWULAN_ROMAWI[tw]} {tahun}",
                    f"{n} nilai realisasi bertanda peringatan kewajaran (jauh dari target atau "
                    "dari riwayatnya); lihat tandanya di lembar isian triwulan."))
    return hasil + _masalah_nip(opd, tahun, dokumen)


def _masalah_nip(opd: PerangkatDaerah, tahun: int, dokumen: str) -> list[Masalah]:
    """The signer's NIP problems, named by the signer (the same NIP the document prints)."""
    from django.utils import timezone

    from akuntabel.core.nip import periksa_nip
    from akuntabel.organizations.models import Pejabat
    from akuntabel.plans.pk_services import pk_in_force, pk_of_year

    kepala = Pejabat.objects.filter(perangkat_daerah=opd, peran=Pejabat.Peran.KEPALA).first()
    nama, nip = (kepala.nama, kepala.nip) if kepala else ("", "")
    if dokumen == "pk":
        pks = list(pk_of_year(opd, tahun))
        pk = pk_in_force(pks) or (pks[-1] if pks else None)
        if pk is not None:
            nama, nip = pk.pihak_pertama_nama or nama, pk.pihak_pertama_nip or nip
    if not nama and not nip:
        return []
    tempat = f"Penanda tangan · {nama or 'Kepala'}"
    return [Masalah("nip", m.kode, tempat, m.pesan)
            for m in periksa_nip(nip, timezone.localdate())]


# -- what changed since a final --------------------------------------------------------------
@dataclass(frozen=True)
class Perbedaan:
    tempat: str
    lama: str
    baru: str


def _label(item: Any) -> str:
    if isinstance(item, dict):
        for k in ("uraian", "judul", "jalur", "kunci", "indikator_kunci"):
            if item.get(k):
                return str(item[k])
    return "?"


def _teks(v: Any) -> str:
    if v is None or v == "":
        return "–"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, str) and KODE.match(v):   # a status code: belum_diverifikasi
        return v.replace("_", " ")
    if isinstance(v, dict):
        if "teks" in v:
            return str(v["teks"]) or "–"
        return _label(v)
    if isinstance(v, list):
        return f"{len(v)} butir"
    s = str(v)
    if isinstance(v, str) and ANGKA.match(s):   # a Decimal kept as exact text
        return format_angka(Decimal(s))
    return s if len(s) <= 160 else s[:157] + "…"


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    """A list of objects by their ``kunci``, or None when they have no unique one."""
    if not all(isinstance(i, dict) and i.get("kunci") for i in items):
        return None
    keyed = {str(i["kunci"]): i for i in items}
    return keyed if len(keyed) == len(items) else None


def perbedaan(lama: Any, baru: Any, tempat: str = "") -> list[Perbedaan]:
    """Every leaf of two plain-JSON readings that differs, named by its place."""
    if lama == baru:
        return []
    if isinstance(lama, dict) and isinstance(baru, dict) and not (
            lama.get("_jenis") == "Nilai" or baru.get("_jenis") == "Nilai"):
        out = []
        for k in [*lama, *(k for k in baru if k not in lama)]:
            if k != "_jenis":
                out += perbedaan(lama.get(k), baru.get(k), f"{tempat} › {k}" if tempat else k)
        return out
    if isinstance(lama, list) and isinstance(baru, list):
        a, b = _keyed(lama), _keyed(baru)
        if a is not None and b is not None:
            out = []
            for k in [*a, *(k for k in b if k not in a)]:
                nama = _label(a.get(k) or b.get(k))
                if k not in b:
                    out.append(Perbedaan(f"{tempat} › {nama}", "ada", "dihapus"))
                elif k not in a:
                    out.append(Perbedaan(f"{tempat} › {nama}", "tidak ada", "ditambahkan"))
                else:
                    out += perbedaan(a[k], b[k], f"{tempat} › {nama}")
            return out
        if len(lama) == len(baru):
            out = []
            for i, (x, y) in enumerate(zip(lama, baru, strict=True)):
                nama = _label(x) if _label(x) != "?" else str(i + 1)
                out += perbedaan(x, y, f"{tempat} › {nama}")
            return out
    return [Perbedaan(tempat, _teks(lama), _teks(baru))]


def perubahan_sejak(data: dict[str, Any], opd: PerangkatDaerah, tahun: int) -> list[Perbedaan]:
    """What differs between a final's snapshot ``data`` and today's data of the same OPD and
    year (the reviu's reading, as stored in the snapshot's ``sumber``)."""
    from akuntabel.reports.final import to_json, to_json_roundtrip
    from akuntabel.reviews.context import build_reviu_data

    kini = to_json_roundtrip(to_json(build_reviu_data(opd, tahun)))
    return perbedaan(data.get("sumber"), kini)


def final_kedaluwarsa(opd: PerangkatDaerah, tahun: int,
                      dokumen: str = "lakip") -> dict[str, Any]:
    """For a page: the latest final of ``dokumen`` and what changed in the data since it was
    made (at most ``MAKS_PERBEDAAN`` named, with the total count). The comparison reads the
    OPD's whole data: it is kept in the cache by the OPD's data revision and the final."""
    from akuntabel.reports.models import LaporanFinal
    from akuntabel.reports.tembolok import data_opd

    final = (LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=tahun, dokumen=dokumen)
             .only("pk", "created_at", "data").order_by("-created_at", "-pk").first())
    beda = (data_opd(opd, tahun, "final-kedaluwarsa",
                     lambda: perubahan_sejak(final.data, opd, tahun), final.pk)
            if final is not None and "sumber" in final.data else [])
    return {"final_terakhir": final, "perbedaan": beda[:MAKS_PERBEDAAN],
            "jumlah_perbedaan": len(beda)}
