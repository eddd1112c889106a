"""The program tree of a Renstra: the one write path of its programs, kegiatan and sub kegiatan
(the tree page, the SIPD budget import and any later way in call these functions).

A node is added by its official code (Kepmendagri 900.1.15.5-1317/2023 and its SIPD editions):
its name, and the kinerja, indikator and satuan offered for its indicator, come from the code
list; a code not in the list, a code of the wrong level, a code that does not continue its
parent's, and a code already in the tree are refused at the field with nothing written. The
support programme is generic in the list (``X.XX.01``) and used under the OPD's own bidang
(``1.06.01`` for a Dinas Sosial): both spellings are read, the OPD's is stored; a name of the
list is read as its code. A node with DPA or realisasi rows, or named in a Perjanjian Kinerja,
is not removed; a Renstra version already changed by a Renstra perubahan is not changed. Every
change is recorded with its user and reason, all or nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Q

from akuntabel.audit.services import record_change
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.common.teks import karakter_kendali
from akuntabel.core.batas import UANG, cek_batas
from akuntabel.core.rencana import agregasi_menurut_satuan
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerjaBaris,
    PerjanjianKinerjaProgram,
    Program,
    Renstra,
    RenstraAnggaran,
    Sasaran,
    SubKegiatan,
)
from akuntabel.references.models import EdisiReferensi, KodeNomenklatur
from akuntabel.references.services import (
    Nomenklatur,
    cari_nomenklatur,
    edisi_pemda,
    nomenklatur,
    normalisasi,
)
from akuntabel.results.models import Realisasi

SUMBER = "Pohon program"
DIHAPUS = "dihapus"  # the field name of a removal's history row (as the admin's)
GENERIK = "X.XX"     # the support programme's urusan and bidang in the list
PENUNJANG = "01"     # the support programme's number under any bidang
URAIAN_MAKS = 5000   # the longest indicator text a form accepts (as the Renstra editor's)

Node = Program | Kegiatan | SubKegiatan

# The code's pattern per level: urusan.bidang.program[.digit.kegiatan[.sub kegiatan]].
_POLA = {
    "program": re.compile(r"^(\d{1,2}|X)\.(\d{2}|XX)\.\d{2}$"),
    "kegiatan": re.compile(r"^(\d{1,2}|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}$"),
    "sub_kegiatan": re.compile(r"^(\d{1,2}|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$"),
}
TINGKAT = {Program: "program", Kegiatan: "kegiatan", SubKegiatan: "sub_kegiatan"}
_NAMA_TINGKAT = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
_CONTOH = {"program": "1.06.02", "kegiatan": "1.06.02.2.01", "sub_kegiatan": "1.06.02.2.01.0001"}


class NodeRefused(Exception):
    """A change of the tree refused: ``field`` names the place (``kode``, ``sasaran``,
    ``alasan``, ``pagu_2026`` …) and ``pesan`` says why, in Indonesian."""

    def __init__(self, field: str, pesan: str) -> None:
        super().__init__(pesan)
        self.field = field
        self.pesan = pesan


# --- the code list ---------------------------------------------------------------------------

def edisi_of(renstra: Renstra) -> EdisiReferensi | None:
    """The code list edition ``renstra`` plans with: its own, else its pemda's."""
    if renstra.edisi_referensi_id:
        return renstra.edisi_referensi
    return edisi_pemda(renstra.perangkat_daerah.pemda)


def referensi(renstra: Renstra, kode: str) -> Nomenklatur | None:
    """The list's entry for a code as an OPD writes it (the support programme under its own
    bidang included, when the list has that bidang); None when the list has none."""
    edisi = edisi_of(renstra)
    if edisi is None:
        return None
    found = nomenklatur(edisi, kode)
    if found is not None and found.kode_daftar != found.kode:
        bidang = ".".join(kode.split(".")[:2])
        if not KodeNomenklatur.objects.filter(edisi=edisi, kode__startswith=bidang + ".").exclude(
                kode__startswith=GENERIK).exists():
            return None
    return found


def referensi_semua(renstra: Renstra, kodes: list[str]) -> dict[str, Nomenklatur]:
    """The list's entries of many codes at once (a page of the tree), by the code as written;
    a code the list lacks is left out."""
    edisi = edisi_of(renstra)
    if edisi is None:
        return {}
    generik = {k: GENERIK + k[len(".".join(k.split(".")[:2])):] for k in kodes
               if k.split(".")[2:3] == [PENUNJANG] and not k.startswith(GENERIK)}
    rows = {r.kode: r for r in KodeNomenklatur.objects.filter(
        edisi=edisi, kode__in=set(kodes) | set(generik.values()))}
    found = {}
    for k in kodes:
        row = rows.get(k) or rows.get(generik.get(k, ""))
        if row is not None:
            found[k] = Nomenklatur(kode=k, tingkat=row.tingkat, nama=row.nama,
                                   kinerja=row.kinerja, indikator=row.indikator,
                                   satuan=row.satuan, definisi=row.definisi, kode_daftar=row.kode)
    return found


def referensi_node(node: Node) -> Nomenklatur | None:
    """The list's entry for a node of the tree (its kinerja, indikator and satuan)."""
    return referensi(renstra_of(node), node.kode)


def renstra_of(node: Node) -> Renstra:
    """The Renstra (version) a program, kegiatan or sub kegiatan belongs to."""
    if isinstance(node, SubKegiatan):
        return node.kegiatan.program.renstra
    if isinstance(node, Kegiatan):
        return node.program.renstra
    assert isinstance(node, Program)
    return node.renstra


_KODE_DI_DEPAN = re.compile(r"^(\d{1,2}|X)\.[\dX.]*(\s|$)")


def _kode_dari_teks(renstra: Renstra, teks: str, tingkat: str, induk: str | None) -> str:
    """The code meant by what was typed in the code field: a code (followed by the name, as a
    picker shows it), or a name of the list, read as its code when one entry at ``tingkat``
    (under ``induk``) bears it; NodeRefused when none or several do."""
    teks = _bersih(teks)
    if not teks or _KODE_DI_DEPAN.match(teks):
        return teks.split(" ")[0]
    edisi = edisi_of(renstra)
    if edisi is None:
        return teks  # refused by _refuse_code with what to do
    nama = _NAMA_TINGKAT[tingkat]
    found = cari_nomenklatur(edisi, teks, tingkat=tingkat, induk=induk, batas=6)
    exact = [f for f in found if normalisasi(f.nama) == normalisasi(teks)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].kode
    if not found:
        raise NodeRefused("kode", f"Tidak ada {nama} dengan kode atau nama “{teks}” dalam daftar "
                                  "kode nomenklatur yang dipakai Renstra ini.")
    pilihan = "; ".join(f"{f.kode} {f.nama}" for f in found[:5])
    raise NodeRefused("kode", f"“{teks}” cocok dengan beberapa {nama}: {pilihan}. Tulis "
                              "kodenya.")


def _refuse_code(renstra: Renstra, kode: str, tingkat: str) -> Nomenklatur:
    """The list's entry of ``kode`` at ``tingkat``, else NodeRefused naming why."""
    nama = _NAMA_TINGKAT[tingkat]
    if not kode:
        raise NodeRefused("kode", f"Kode {nama} wajib diisi.")
    level = next((t for t, pola in _POLA.items() if pola.match(kode)), None)
    if level is None:
        raise NodeRefused("kode", f"“{kode}” bukan kode {nama} (contoh: {_CONTOH[tingkat]}).")
    if level != tingkat:
        raise NodeRefused("kode", f"{kode} adalah kode {_NAMA_TINGKAT[level]}, bukan kode "
                                  f"{nama}.")
    if edisi_of(renstra) is None:
        raise NodeRefused("kode", "Belum ada daftar kode nomenklatur yang dimuat: minta "
                                  "administrator menjalankan akuntabel referensi.")
    found = referensi(renstra, kode)
    if found is None or found.tingkat != tingkat:
        raise NodeRefused("kode", f"Kode {nama} {kode} tidak ada dalam daftar kode "
                                  "nomenklatur yang dipakai Renstra ini.")
    return found


# --- adding ----------------------------------------------------------------------------------

def _bersih(teks: str) -> str:
    return " ".join((teks or "").split())


def _tercetak(nama: str, nama_tercetak: str) -> list[str]:
    """The export's own text, kept when it differs from the official name other than in case
    and spacing."""
    teks = _bersih(nama_tercetak)
    return [teks] if teks and teks.casefold() != _bersih(nama).casefold() else []


def _urutan(siblings: Any) -> int:
    return (siblings.aggregate(m=Max("urutan"))["m"] or 0) + 1


def _record_new(node: Node | Indikator, user: Any, alasan: str) -> None:
    opd = renstra_of(node.node if isinstance(node, Indikator) else node).perangkat_daerah
    if isinstance(node, Indikator):
        record_change(opd, node, "uraian", "", node.uraian, sumber=SUMBER, oleh=user,
                      alasan=alasan)
        return
    record_change(opd, node, "kode", "", node.kode, sumber=SUMBER, oleh=user, alasan=alasan)


def _bidang_renstra(renstra: Renstra) -> str | None:
    """The one urusan.bidang of the Renstra's other programs, for the generic support code."""
    bidang = {".".join(k.split(".")[:2]) for k in renstra.program.values_list("kode", flat=True)
              if k and not k.startswith(GENERIK)}
    return bidang.pop() if len(bidang) == 1 else None


def tambah_program(renstra: Renstra, kode: str, *, nama_tercetak: str = "",
                   sasaran: Sasaran | None = None, dengan_indikator: bool = False,
                   indikator_sendiri: tuple[str, str] = ("", ""), user: Any,
                   alasan: str = "") -> Program:
    """Add the program ``kode`` (a code, or a name of the list) to ``renstra`` (under
    ``sasaran`` when given)."""
    _cek_teks(kode=kode, nama_tercetak=nama_tercetak, alasan=alasan)
    _cek_versi_terbaru(renstra)
    kode = _kode_dari_teks(renstra, kode, "program", None)
    if kode.startswith(GENERIK + "."):
        bidang = _bidang_renstra(renstra)
        if bidang is None:
            raise NodeRefused("kode", f"Program penunjang dipakai di bawah bidang OPD: tulis "
                                      f"kodenya dengan kode bidang, misalnya 1.06.01, bukan "
                                      f"{kode}.")
        kode = bidang + kode[len(GENERIK):]
    ref = _refuse_code(renstra, kode, "program")
    if sasaran is not None and sasaran.tujuan.renstra_id != renstra.pk:
        raise NodeRefused("sasaran", "Sasaran ini bukan sasaran Renstra yang sama.")
    if renstra.program.filter(kode=kode).exists():
        raise NodeRefused("kode", f"Program {kode} sudah ada dalam Renstra ini.")
    with transaction.atomic():
        if renstra.edisi_referensi_id is None:  # the plan keeps the edition it is made with
            renstra.edisi_referensi = edisi_of(renstra)
            renstra.save(update_fields=["edisi_referensi"])
            record_change(renstra.perangkat_daerah, renstra, "edisi_referensi", "",
                          renstra.edisi_referensi, sumber=SUMBER, oleh=user, alasan=alasan)
        program = Program.objects.create(
            renstra=renstra, sasaran=sasaran, kode=kode, nama=ref.nama,
            nama_tercetak=_tercetak(ref.nama, nama_tercetak),
            urutan=_urutan(renstra.program.all()))
        _record_new(program, user, alasan)
        _indikator_awal(program, ref.indikator, dengan_indikator, indikator_sendiri, user=user,
                        alasan=alasan)
    return program


def _indikator_awal(node: Node, indikator_daftar: str, dengan_indikator: bool,
                    sendiri: tuple[str, str], *, user: Any, alasan: str) -> None:
    """A new node's first indicator: the planner's own when written in the add form (the
    list has none for most programs and kegiatan), else the list's when asked and it has one.
    Inside the node's transaction: an indicator refused leaves the node unwritten too."""
    uraian, satuan = sendiri
    if uraian.strip():
        tambah_indikator(node, uraian, satuan, user=user, alasan=alasan)
    elif dengan_indikator and indikator_daftar:
        tambah_indikator_referensi(node, user=user, alasan=alasan)


def _child_code(parent_kode: str, kode: str) -> str:
    """``kode`` pasted in its generic form under the support programme, written with the
    parent's bidang (X.XX.01.2.01 under 1.06.01 -> 1.06.01.2.01)."""
    parts = parent_kode.split(".")
    if kode.startswith(GENERIK + ".") and parts[2:3] == [PENUNJANG] and parts[0] != "X":
        return ".".join(parent_kode.split(".")[:2]) + kode[len(GENERIK):]
    return kode


def _refuse_child(parent: Program | Kegiatan, kode: str, tingkat: str) -> None:
    if not kode.startswith(parent.kode + "."):
        nama_induk = "program" if isinstance(parent, Program) else "kegiatan"
        raise NodeRefused("kode", f"Kode {_NAMA_TINGKAT[tingkat]} {kode} bukan bagian dari "
                                  f"{nama_induk} {parent.kode}: kodenya harus diawali "
                                  f"{parent.kode}.")


def tambah_kegiatan(program: Program, kode: str, *, nama_tercetak: str = "",
                    dengan_indikator: bool = False,
                    indikator_sendiri: tuple[str, str] = ("", ""), user: Any,
                    alasan: str = "") -> Kegiatan:
    """Add the kegiatan ``kode`` under ``program``."""
    _cek_teks(kode=kode, nama_tercetak=nama_tercetak, alasan=alasan)
    _cek_versi_terbaru(program.renstra)
    kode = _child_code(program.kode,
                       _kode_dari_teks(program.renstra, kode, "kegiatan", program.kode))
    ref = _refuse_code(program.renstra, kode, "kegiatan")
    _refuse_child(program, kode, "kegiatan")
    if program.kegiatan.filter(kode=kode).exists():
        raise NodeRefused("kode", f"Kegiatan {kode} sudah ada di program {program.kode}.")
    with transaction.atomic():
        kegiatan = Kegiatan.objects.create(
            program=program, kode=kode, nama=ref.nama,
            nama_tercetak=_tercetak(ref.nama, nama_tercetak),
            urutan=_urutan(program.kegiatan.all()))
        _record_new(kegiatan, user, alasan)
        _indikator_awal(kegiatan, ref.indikator, dengan_indikator, indikator_sendiri,
                        user=user, alasan=alasan)
    return kegiatan


def tambah_sub_kegiatan(kegiatan: Kegiatan, kode: str, *, nama_tercetak: str = "",
                        dengan_indikator: bool = False,
                        indikator_sendiri: tuple[str, str] = ("", ""), user: Any,
                        alasan: str = "") -> SubKegiatan:
    """Add the sub kegiatan ``kode`` under ``kegiatan``."""
    _cek_teks(kode=kode, nama_tercetak=nama_tercetak, alasan=alasan)
    renstra = kegiatan.program.renstra
    _cek_versi_terbaru(renstra)
    kode = _child_code(kegiatan.kode,
                       _kode_dari_teks(renstra, kode, "sub_kegiatan", kegiatan.kode))
    ref = _refuse_code(renstra, kode, "sub_kegiatan")
    _refuse_child(kegiatan, kode, "sub_kegiatan")
    if kegiatan.sub_kegiatan.filter(kode=kode).exists():
        raise NodeRefused("kode", f"Sub kegiatan {kode} sudah ada di kegiatan {kegiatan.kode}.")
    with transaction.atomic():
        sub = SubKegiatan.objects.create(
            kegiatan=kegiatan, kode=kode, nama=ref.nama,
            nama_tercetak=_tercetak(ref.nama, nama_tercetak),
            urutan=_urutan(kegiatan.sub_kegiatan.all()))
        _record_new(sub, user, alasan)
        _indikator_awal(sub, ref.indikator, dengan_indikator, indikator_sendiri, user=user,
                        alasan=alasan)
    return sub


def tambah_indikator_referensi(node: Node, *, user: Any, alasan: str = "") -> Indikator:
    """An indicator of ``node`` started from the list's indikator and satuan (the planner then
    completes it on its page); refused when the list states none."""
    ref = referensi_node(node)
    if ref is None or not ref.indikator:
        raise NodeRefused("indikator", f"Daftar kode tidak memuat indikator untuk {node.kode}; "
                                       "tulis indikatornya sendiri.")
    return tambah_indikator(node, ref.indikator, ref.satuan[:100], user=user, alasan=alasan)


def tambah_indikator(node: Node, uraian: str, satuan: str = "", *, user: Any,
                     alasan: str = "") -> Indikator:
    """An indicator of ``node`` written by the planner (``uraian``, ``satuan``); the rest of
    its definition is completed on its page. Refused: an empty or too long text, one the node
    already has."""
    _cek_teks(uraian=uraian, satuan=satuan, alasan=alasan)
    _cek_versi_terbaru(renstra_of(node))
    uraian, satuan = _bersih(uraian), _bersih(satuan)
    if not uraian:
        raise NodeRefused("uraian", "Tuliskan uraian indikatornya.")
    if len(uraian) > URAIAN_MAKS:
        raise NodeRefused("uraian", f"Uraian indikator terlalu panjang (paling banyak "
                                    f"{URAIAN_MAKS} karakter).")
    if len(satuan) > 100:
        raise NodeRefused("satuan", "Satuan terlalu panjang (paling banyak 100 karakter).")
    field = TINGKAT[type(node)]
    if Indikator.objects.filter(**{field: node}, uraian__iexact=uraian).exists():
        raise NodeRefused("uraian", f"{node.kode} sudah memiliki indikator “{uraian}”.")
    with transaction.atomic():
        indikator = Indikator.objects.create(
            perangkat_daerah=renstra_of(node).perangkat_daerah, uraian=uraian, satuan=satuan,
            agregasi=agregasi_menurut_satuan(satuan),
            urutan=_urutan(Indikator.objects.filter(**{field: node})), **{field: node})
        _record_new(indikator, user, alasan)
    return indikator


# --- changing, moving, removing --------------------------------------------------------------

def _cek_teks(**fields: str | None) -> None:
    """Refuse a text holding a control character (``common.teks``), at its field."""
    for field, teks in fields.items():
        if teks and (kode := karakter_kendali(teks)) is not None:
            raise NodeRefused(field, f"Teks memuat karakter kendali {kode} yang tidak tampak "
                                     "dan tidak dapat disimpan; hapus lalu ketik ulang.")


def _cek_versi_terbaru(renstra: Renstra) -> None:
    """A Renstra version already changed by a Renstra perubahan keeps the tree it was measured
    against: refused, the latest version is the one to change."""
    pengganti = (Renstra.objects.filter(versi_dari=renstra).order_by("berlaku_mulai")
                 .values_list("berlaku_mulai", flat=True).first())
    if pengganti is not None:
        raise NodeRefused("kode", f"Versi Renstra ini sudah diubah oleh versi yang berlaku mulai "
                                  f"{pengganti}; ubahlah versi terbaru.")


def _wajib_alasan(alasan: str) -> None:
    if not alasan.strip():
        raise NodeRefused("alasan", "Tuliskan alasan perubahan ini.")


def ubah_node(node: Node, *, nama_tercetak: str | None = None, catatan: str | None = None,
              user: Any, alasan: str) -> None:
    """Change what a node keeps beside its official name: the printed name, the note."""
    _cek_teks(nama_tercetak=nama_tercetak, catatan=catatan, alasan=alasan)
    _cek_versi_terbaru(renstra_of(node))
    opd = renstra_of(node).perangkat_daerah
    with transaction.atomic():
        if nama_tercetak is not None:  # several printed names are written apart by ";"
            baru = [t for part in nama_tercetak.split(";") for t in _tercetak(node.nama, part)]
            record_change(opd, node, "nama_tercetak", "; ".join(node.nama_tercetak),
                          "; ".join(baru), sumber=SUMBER, oleh=user, alasan=alasan)
            node.nama_tercetak = baru
        if catatan is not None:
            record_change(opd, node, "catatan", node.catatan, catatan.strip(), sumber=SUMBER,
                          oleh=user, alasan=alasan)
            node.catatan = catatan.strip()
        node.save(update_fields=["nama_tercetak", "catatan"])


def pindah_program(program: Program, sasaran: Sasaran | None, *, user: Any,
                   alasan: str) -> None:
    """Move ``program`` under another sasaran of its Renstra (None: under none)."""
    _cek_teks(alasan=alasan)
    _cek_versi_terbaru(program.renstra)
    if sasaran is not None and sasaran.tujuan.renstra_id != program.renstra_id:
        raise NodeRefused("sasaran", "Sasaran ini bukan sasaran Renstra program ini.")
    with transaction.atomic():
        record_change(program.renstra.perangkat_daerah, program, "sasaran",
                      program.sasaran or "", sasaran or "", sumber=SUMBER, oleh=user,
                      alasan=alasan)
        program.sasaran = sasaran
        program.save(update_fields=["sasaran"])


def _subtree(node: Node) -> Q:
    """The sub kegiatan of ``node`` (itself for a sub kegiatan), as a filter."""
    if isinstance(node, SubKegiatan):
        return Q(sub_kegiatan=node)
    if isinstance(node, Kegiatan):
        return Q(sub_kegiatan__kegiatan=node)
    return Q(sub_kegiatan__kegiatan__program=node)


def _indikator_subtree(node: Node, prefix: str = "indikator__") -> Q:
    """The indicators of ``node`` and of every node under it, as a filter (of rows that refer
    to an indicator through ``prefix``)."""
    if isinstance(node, SubKegiatan):
        return Q(**{f"{prefix}sub_kegiatan": node})
    if isinstance(node, Kegiatan):
        return Q(**{f"{prefix}kegiatan": node}) | Q(**{f"{prefix}sub_kegiatan__kegiatan": node})
    return (Q(**{f"{prefix}program": node}) | Q(**{f"{prefix}kegiatan__program": node})
            | Q(**{f"{prefix}sub_kegiatan__kegiatan__program": node}))


def hapus_node(node: Node, *, user: Any, alasan: str) -> None:
    """Remove ``node`` and everything under it; refused while a DPA or a realisasi is
    recorded for it, since those are the year's accounts, not the plan's."""
    _wajib_alasan(alasan)
    _cek_teks(alasan=alasan)
    _cek_versi_terbaru(renstra_of(node))
    tahun = sorted(set(DpaSubKegiatan.objects.filter(_subtree(node))
                       .values_list("dpa__tahun", flat=True)))
    if tahun:
        raise NodeRefused("kode", f"{node.kode} tidak dapat dihapus: sudah ada anggaran DPA "
                                  f"tahun {', '.join(map(str, tahun))} untuknya. Hapus atau "
                                  "pindahkan dahulu baris DPA-nya.")
    tahun = sorted(set(Realisasi.objects.filter(_indikator_subtree(node))
                       .values_list("tahun", flat=True)))
    if tahun:
        raise NodeRefused("kode", f"{node.kode} tidak dapat dihapus: sudah ada realisasi "
                                  f"indikatornya tahun {', '.join(map(str, tahun))}.")
    tahun = sorted(set(PerjanjianKinerjaBaris.objects.filter(
        indikator__in=Indikator.objects.filter(_indikator_subtree(node, prefix=""))
    ).values_list("perjanjian_kinerja__tahun", flat=True)) | set(
        PerjanjianKinerjaProgram.objects.filter(program=node).values_list(
            "perjanjian_kinerja__tahun", flat=True) if isinstance(node, Program) else []))
    if tahun:
        raise NodeRefused("kode", f"{node.kode} tidak dapat dihapus: ia atau indikatornya "
                                  f"tercantum dalam Perjanjian Kinerja tahun "
                                  f"{', '.join(map(str, tahun))}.")
    with transaction.atomic():
        record_change(renstra_of(node).perangkat_daerah, node, DIHAPUS, str(node), "",
                      sumber=SUMBER, oleh=user, alasan=alasan)
        node.delete()


# --- the Renstra's indicative funding --------------------------------------------------------

def tulis_pagu_indikatif(node: Node, tahun: int, nilai: Decimal | None, *, user: Any,
                         alasan: str = "") -> bool:
    """Write the Renstra's indicative funding of ``node`` in ``tahun`` (None clears it);
    whether it changed. Refused outside the Renstra's years and outside ``core.batas.UANG``."""
    _cek_teks(alasan=alasan)
    renstra = renstra_of(node)
    _cek_versi_terbaru(renstra)
    field = f"pagu_{tahun}"
    if tahun not in renstra.tahun:
        raise NodeRefused(field, f"Tahun {tahun} di luar periode Renstra "
                                 f"{renstra.tahun_awal}–{renstra.tahun_akhir}.")
    if nilai is not None:
        if nilai.is_finite() and nilai < 0:
            raise NodeRefused(field, f"Pagu indikatif {tahun} tidak boleh negatif.")
        if (why := cek_batas(nilai, UANG)) is not None:
            raise NodeRefused(field, f"Pagu indikatif {tahun}: {why}")
    where = {TINGKAT[type(node)]: node, "tahun": tahun}
    with transaction.atomic():
        row = RenstraAnggaran.objects.select_for_update().filter(**where).first()
        lama = row.target if row is not None else None
        if lama == nilai:
            return False
        if row is None:
            row = RenstraAnggaran.objects.create(**where, target=nilai)
        else:
            row.target = nilai
            row.target_teks = ""  # the printed text no longer describes the value
            row.save(update_fields=["target", "target_teks"])
        record_change(renstra.perangkat_daerah, row, "target", _polos(lama), _polos(nilai),
                      sumber=SUMBER, oleh=user, alasan=alasan)
    return True


def _polos(nilai: Decimal | None) -> str:
    """An amount as plain text for the history: 1500000.50 -> "1500000.5"."""
    if nilai is None:
        return ""
    teks = f"{nilai:f}"
    return teks.rstrip("0").rstrip(".") if "." in teks else teks


# --- nodes named by the budgeting system (the SIPD budget import) ----------------------------

CATATAN_DI_LUAR_DAFTAR = ("Kode dari sistem penganggaran (SIPD), tidak ada dalam edisi daftar "
                          "kode yang dipakai; nama sesuai ekspor.")


def tambah_dari_anggaran(induk: Renstra | Program | Kegiatan, kode: str, nama: str, *,
                         user: Any, alasan: str = "") -> Node:
    """Add the node ``kode`` under ``induk`` as the budgeting system (a SIPD export) names it:
    by its official code and name as ``tambah_program`` / ``tambah_kegiatan`` /
    ``tambah_sub_kegiatan`` do, the export's ``nama`` kept as printed where it differs. A code
    of the right form, level and parent that the edition does not list (the budgeting system
    uses a newer list than the edition loaded) is added under the export's own name, never a
    guessed one, saying so in its note; every other refusal stands."""
    if isinstance(induk, Renstra):
        tambah, tingkat, model, siblings = tambah_program, "program", Program, induk.program
        renstra, parent = induk, {"renstra": induk}
    elif isinstance(induk, Program):
        tambah, tingkat, model, siblings = tambah_kegiatan, "kegiatan", Kegiatan, induk.kegiatan
        renstra, parent = induk.renstra, {"program": induk}
    else:
        tambah, tingkat, model = tambah_sub_kegiatan, "sub_kegiatan", SubKegiatan
        siblings, renstra, parent = induk.sub_kegiatan, renstra_of(induk), {"kegiatan": induk}
    try:
        return tambah(induk, kode, nama_tercetak=nama, user=user,  # type: ignore[arg-type]
                      alasan=alasan)
    except NodeRefused:
        kode, nama = _bersih(kode), _bersih(nama)
        if (not nama or not _POLA[tingkat].match(kode) or kode.startswith(GENERIK)
                or edisi_of(renstra) is None or referensi(renstra, kode) is not None):
            raise
    _cek_versi_terbaru(renstra)
    if not isinstance(induk, Renstra):
        _refuse_child(induk, kode, tingkat)
    if siblings.filter(kode=kode).exists():
        raise NodeRefused("kode", f"{_NAMA_TINGKAT[tingkat].capitalize()} {kode} sudah ada.")
    with transaction.atomic():
        if renstra.edisi_referensi_id is None:
            renstra.edisi_referensi = edisi_of(renstra)
            renstra.save(update_fields=["edisi_referensi"])
        node = model.objects.create(**parent, kode=kode, nama=nama[:1000],
                                    catatan=CATATAN_DI_LUAR_DAFTAR,
                                    urutan=_urutan(siblings.all()))
        _record_new(node, user, alasan)
    return node
