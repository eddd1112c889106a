"""Making a final with eyes open: the problems still open before it is made, and what changed
in the data since a final was made (project convention, issue 16).

- Open problems: the reviu's errors not explained (``reviews.services.review``) and, for the
  LKjIP and the E.81, the count per quarter of realisasi values that carry a plausibility
  warning (the verifikator's inbox count, ``reporting.kotak_masuk.jumlah_peringatan``). For
  the PK only the reviu's planning and structure rules (REN, STR) apply: realisasi is not
  part of it. For all, what is wrong with the signer's NIP (``core.nip.periksa_nip``): the
  kepala's for the LKjIP and the E.81, the PK's first party (else the kepala) for the PK, as
  the documents print them.
- Outdated: a final's snapshot holds the data it was computed from (``sumber``); the same
  reading of today's data is compared with it, and every figure or text that differs is
  named by its place in words a kepala reads ("Realisasi 2023 indikator “…”", "Status laporan
  TW II", "Pagu program 1.06.02 …"; ``tempat_dalam_kata``) with both values.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

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
    tempat: str   # where, in words: "Realisasi 2023 indikator “…”", "Status laporan TW II"
    lama: str
    baru: str

    @property
    def kalimat(self) -> str:
        """"Pagu program 1.06.02 …: 100.000.000 → 120.000.000"."""
        return f"{self.tempat}: {self.lama} → {self.baru}"


# A step into the data: the key (or an item's label) and the object entered when it is an
# item of a list (a dict), else None.
Langkah = tuple[str, Any]


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
    """Every leaf of two plain-JSON readings that differs, its place said in words
    (``tempat_dalam_kata``); ``tempat`` names what the readings are ("IKU")."""
    return _beda(lama, baru, tempat, ())


def _beda(lama: Any, baru: Any, awalan: str, jalur: tuple[Langkah, ...]) -> list[Perbedaan]:
    if lama == baru:
        return []
    if isinstance(lama, dict) and isinstance(baru, dict) and not (
            lama.get("_jenis") == "Nilai" or baru.get("_jenis") == "Nilai"):
        out = []
        for k in [*lama, *(k for k in baru if k not in lama)]:
            if k != "_jenis":
                out += _beda(lama.get(k), baru.get(k), awalan, (*jalur, (str(k), None)))
        return out
    if isinstance(lama, list) and isinstance(baru, list):
        a, b = _keyed(lama), _keyed(baru)
        if a is not None and b is not None:
            out = []
            for k in [*a, *(k for k in b if k not in a)]:
                item = a.get(k) or b.get(k)
                langkah = (*jalur, (_label(item), item))
                if k not in b:
                    out.append(Perbedaan(tempat_dalam_kata(awalan, langkah), "ada", "dihapus"))
                elif k not in a:
                    out.append(Perbedaan(tempat_dalam_kata(awalan, langkah), "tidak ada",
                                         "ditambahkan"))
                else:
                    out += _beda(a[k], b[k], awalan, langkah)
            return out
        if len(lama) == len(baru):
            out = []
            for i, (x, y) in enumerate(zip(lama, baru, strict=True)):
                nama = _label(x) if _label(x) != "?" else str(i + 1)
                out += _beda(x, y, awalan, (*jalur, (nama, x if isinstance(x, dict) else None)))
            return out
    if jalur and jalur[-1][0] == "terverifikasi" and isinstance(lama, bool | None) \
            and isinstance(baru, bool | None):
        return [Perbedaan(tempat_dalam_kata(awalan, jalur), _verifikasi(lama),
                          _verifikasi(baru))]
    return [Perbedaan(tempat_dalam_kata(awalan, jalur), _teks(lama), _teks(baru))]


def _verifikasi(v: bool | None) -> str:
    return "–" if v is None else ("terverifikasi" if v else "belum diverifikasi")


# -- the place in words ------------------------------------------------------------------------
def _tw(kunci: Any) -> str:
    try:
        return TRIWULAN_ROMAWI[int(kunci)]
    except (KeyError, TypeError, ValueError):
        return str(kunci)


def _medan() -> dict[str, str]:
    """A field's name as a reader knows it."""
    return {
        "uraian": _("Description"), "satuan": _("Unit"), "polaritas": _("Polarity"),
        "metode_turun": _("Method for lower-is-better"), "iku": _("IKU status"),
        "agregasi": _("Aggregation over the year"), "nomor_tercetak": _("Number as printed"),
        "pagu": "Pagu", "realisasi": "Realisasi", "serapan_tercetak": _("Serapan as printed"),
        "serapan_teks": _("Serapan as printed"), "target": "Target",
        "target_teks": "Target", "realisasi_dilaporkan": _("Realisasi as reported"),
        "realisasi_teks": _("Realisasi as reported"), "capaian": "Capaian",
        "rumus": _("Calculation formula"), "alasan": _("Reason"), "nilai": _("Value"),
        "teks": _("Text"), "nama": _("Name"), "nip": "NIP", "jabatan": _("Position"),
        "status": "Status", "sumber": _("Source"),
    }


def _nama_medan(kunci: str) -> str:
    return _medan().get(kunci, kunci.replace("_", " ").capitalize())


def _indikator(ind: dict[str, Any], sisa: list[str]) -> str:
    nama = _("indicator “%(uraian)s”") % {"uraian": ind.get("uraian", "?")}
    if not sisa:
        return nama[:1].upper() + nama[1:]
    apa: str
    if sisa[0] == "realisasi" and len(sisa) == 2:
        apa = _("Realisasi %(tahun)s") % {"tahun": sisa[1]}
    elif sisa[0] == "realisasi_triwulan" and len(sisa) == 2:
        apa = _("Realisasi %(tahun)s from TW I–IV") % {"tahun": sisa[1]}
    elif sisa[0] == "realisasi_dihitung" and len(sisa) == 2:
        apa = _("Realisasi %(tahun)s from its components") % {"tahun": sisa[1]}
    elif sisa[0] == "capaian_tercetak" and len(sisa) == 2:
        apa = _("Capaian as printed %(tahun)s") % {"tahun": sisa[1]}
    elif sisa[0] == "target" and len(sisa) == 3:
        jenis = {"pk": "PK", "pk_perubahan": "PK perubahan"}.get(sisa[1], sisa[1].title())
        apa = _("Target %(jenis)s %(tahun)s") % {"jenis": jenis, "tahun": sisa[2]}
    elif len(sisa) == 1:
        apa = _nama_medan(sisa[0])
    else:
        apa = " › ".join(sisa)
    return _("%(apa)s of %(nama)s") % {"apa": apa, "nama": nama}


def _anggaran(baris: dict[str, Any], sisa: list[str]) -> str:
    tingkat = str(baris.get("tingkat", "")).replace("_", " ")
    kode = " ".join(str(x) for x in (baris.get("kode"), baris.get("uraian")) if x)
    node = (_("the OPD as a whole") if tingkat == "opd" else f"{tingkat} {kode}".strip())
    if not sisa:
        return _("Budget line %(node)s") % {"node": node}
    apa = _("Budget realisasi") if sisa[0] == "realisasi" else _nama_medan(sisa[0])
    return _("%(apa)s of %(node)s") % {"apa": apa, "node": node}


def _iku(iku: dict[str, Any], sisa: list[Langkah]) -> str:
    nama = _("IKU “%(uraian)s” %(tahun)s") % {"uraian": iku.get("uraian", "?"),
                                              "tahun": iku.get("tahun", "")}
    kunci = [k for k, _item in sisa]
    if not kunci:
        return nama
    if kunci[0] == "masukan" and len(sisa) >= 2 and isinstance(sisa[1][1], dict):
        m = sisa[1][1]
        masukan = _("the input “%(nama)s” (%(opd)s)") % {"nama": m.get("nama", "?"),
                                                         "opd": m.get("opd", "")}
        if len(kunci) >= 4 and kunci[2] == "entri" and isinstance(sisa[3][1], dict):
            tw = sisa[3][1].get("triwulan")
            kapan = f"TW {_tw(tw)}" if tw else _("annual")
            medan = kunci[4] if len(kunci) > 4 else ""
            apa = (_("Verification %(kapan)s") if medan == "terverifikasi"
                   else _("Entry %(kapan)s") if not medan
                   else _nama_medan(medan) + " %(kapan)s") % {"kapan": kapan}
        else:
            apa = _nama_medan(kunci[2]) if len(kunci) > 2 else _("Input")
        return _("%(apa)s %(masukan)s of %(iku)s") % {"apa": apa, "masukan": masukan,
                                                      "iku": nama}
    return _("%(apa)s of %(nama)s") % {"apa": _nama_medan(kunci[0]), "nama": nama}


def tempat_dalam_kata(awalan: str, jalur: tuple[Langkah, ...]) -> str:
    """Where a difference lies, as a kepala reads it (the snapshot's shapes:
    ``reviews.context.build_reviu_data`` for an OPD, the IKU list of a pemda's final); an
    unknown place keeps its path, its keys made readable."""
    kunci = [k for k, _item in jalur]
    item = [i for _k, i in jalur]
    if jalur and isinstance(item[0], dict) and "iku" in item[0] and "masukan" in item[0]:
        return _iku(item[0], list(jalur[1:]))
    if len(jalur) >= 2 and isinstance(item[1], dict):
        if kunci[0] == "indikator":
            return _indikator(item[1], kunci[2:])
        if kunci[0] == "anggaran":
            return _anggaran(item[1], kunci[2:])
        if kunci[0] == "narasi":
            return _("Text of the section “%(judul)s”") % {"judul": item[1].get("judul", "?")}
        if kunci[0] == "renstra_anggaran" and len(kunci) == 3:
            return _("%(apa)s of the Renstra funding %(tahun)s, %(jalur)s") % {
                "apa": _nama_medan(kunci[2]), "tahun": item[1].get("tahun", ""),
                "jalur": item[1].get("jalur", "")}
    if len(kunci) == 2 and kunci[0] == "triwulan_status":
        return _("Status of the TW %(tw)s report") % {"tw": _tw(kunci[1])}
    if len(kunci) == 2 and kunci[0] == "kewajaran_tanpa_catatan":
        return _("Plausibility warnings without a note, TW %(tw)s") % {"tw": _tw(kunci[1])}
    bagian = [awalan] if awalan else []
    bagian += [k.replace("_", " ") if KODE.match(k) else k for k in kunci]
    return " › ".join(bagian)


def perubahan_sejak(data: dict[str, Any], opd: PerangkatDaerah, tahun: int,
                    dokumen: str = "lakip") -> list[Perbedaan]:
    """What differs between a final's snapshot ``data`` and today's data of the same OPD and
    year. The LKjIP: the reviu's reading, as stored in the snapshot's ``sumber``. The PK and
    the E.81 print a part of the data only (the PK no realisasi; the E.81 each quarter's
    figure, which that reading combines): they are compared by what they print."""
    from akuntabel.reports.final import to_json, to_json_roundtrip
    from akuntabel.reviews.context import build_reviu_data

    if dokumen in DIBANDINGKAN_TERCETAK:
        return perubahan_tercetak(data, opd, tahun, dokumen)
    kini = to_json_roundtrip(to_json(build_reviu_data(opd, tahun)))
    return perbedaan(data.get("sumber"), kini)


DIBANDINGKAN_TERCETAK = ("pk", "e81")


def _sel_teks(sel: Any) -> str:
    return str(sel.get("teks", "")) if isinstance(sel, dict) else str(sel)


def _nama_tabel(judul: str) -> str:
    """"Tabel 1" of "Tabel 1 Evaluasi …"; a table without a number by its whole title."""
    return " ".join(judul.split()[:2]) if judul.startswith("Tabel ") else judul


def _baris_kunci(row: list[Any]) -> tuple[str, ...]:
    return tuple(c for c in row if isinstance(c, str))   # its number and names


def _tempat_baris(tabel: str, kunci: tuple[str, ...]) -> str:
    return _("%(tabel)s, row %(no)s (%(baris)s)") % {
        "tabel": tabel, "no": kunci[0] if kunci else "?",
        "baris": " · ".join(x for x in kunci[1:] if x)}


def perubahan_tercetak(data: dict[str, Any], opd: PerangkatDaerah, tahun: int,
                       dokumen: str) -> list[Perbedaan]:
    """Every cell of the document's tables, and every detail of its signers, printed
    otherwise today, named by table, row (number and names) and column: "Tabel 1, baris 3
    (…), kolom (11) Realisasi TW III"."""
    from akuntabel.reports.final import to_json, to_json_roundtrip
    from akuntabel.reports.services import build_context

    lama = data.get("dokumen") or {}
    baru = to_json_roundtrip(to_json(build_context(opd, tahun, dokumen)))
    out: list[Perbedaan] = []
    tabel_baru = {t["kunci"]: t for b in baru["bagian"] for t in b["tabel"]}
    for t in (t for b in lama.get("bagian", []) for t in b["tabel"]):
        kini = tabel_baru.get(t["kunci"])
        if kini is None:
            continue
        nama = _nama_tabel(t["judul"])
        rows_baru = {_baris_kunci(r): r for r in kini["baris"]}
        rows_lama = {_baris_kunci(r): r for r in t["baris"]}
        for k, row in rows_lama.items():
            tempat = _tempat_baris(nama, k)
            if k not in rows_baru:
                out.append(Perbedaan(tempat, "ada", "dihapus"))
                continue
            for kolom, a, b in zip(t["kolom"], row, rows_baru[k], strict=False):
                if _sel_teks(a) != _sel_teks(b):
                    out.append(Perbedaan(_("%(tempat)s, column %(kolom)s") % {
                        "tempat": tempat, "kolom": kolom}, _sel_teks(a), _sel_teks(b)))
        out += [Perbedaan(_tempat_baris(nama, k), "tidak ada", "ditambahkan")
                for k in rows_baru if k not in rows_lama]
    for pihak, label in (("penandatangan", _("Signer")), ("pihak_kedua", _("Second party"))):
        out += [replace(p, tempat=f"{label} › {_nama_medan(p.tempat)}") for p in
                perbedaan(lama.get(pihak), baru.get(pihak))]
    return out


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
                     lambda: perubahan_sejak(final.data, opd, tahun, dokumen), final.pk)
            if final is not None and "sumber" in final.data else [])
    return {"final_terakhir": final, "perbedaan": beda[:MAKS_PERBEDAAN],
            "jumlah_perbedaan": len(beda)}
