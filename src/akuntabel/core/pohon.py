"""The check of a performance tree (pohon kinerja): does every node serve one above it, and
does every node that should carry the plan down have something below it?

The cascade visi > misi > tujuan > sasaran > program > kegiatan > sub kegiatan follows
Permendagri 86/2017 (Renstra) and Kepmendagri 050-5889/2021 (nomenclature); the Perjanjian
Kinerja's cascade follows Permenpan RB 53/2014. What is reported is project convention:

- an orphan (``POH-YATIM``): a node other than a root (the visi) that serves no node of the
  tree, having no link above or only links to nodes that are not in it;
- a dead end (``POH-BUNTU``): a sasaran with no program, a program with no kegiatan, a
  kegiatan with no sub kegiatan below it;
- a dead end without an indicator (``POH-TANPA-INDIKATOR``): a node from the tujuan down with
  no indicator, so its performance cannot be measured;
- a cycle (a node serving, through others, a node below itself) is refused: ``SiklusPohon``
  names the nodes in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["JENJANG", "HasilPohon", "SiklusPohon", "Simpul", "Temuan", "periksa_pohon"]

JENJANG = ("visi", "misi", "tujuan", "sasaran", "program", "kegiatan", "subkegiatan")
NAMA = {"visi": "Visi", "misi": "Misi", "tujuan": "Tujuan", "sasaran": "Sasaran",
        "program": "Program", "kegiatan": "Kegiatan", "subkegiatan": "Sub kegiatan"}
AKAR = frozenset({"visi"})
# The kind of node each kind must have below it.
ANAK_WAJIB = {"sasaran": "program", "program": "kegiatan", "kegiatan": "subkegiatan"}
BERINDIKATOR = frozenset({"tujuan", "sasaran", "program", "kegiatan", "subkegiatan"})


@dataclass(frozen=True)
class Simpul:
    """One node: its key, kind (``JENJANG`` or another word), label, the keys of the nodes
    it serves and how many indicators it has."""

    kunci: str
    jenis: str
    label: str
    induk: tuple[str, ...] = ()
    indikator: int = 0

    @property
    def nama(self) -> str:
        return f"{NAMA.get(self.jenis, self.jenis.capitalize())} “{self.label}”"


@dataclass(frozen=True)
class Temuan:
    kunci: str
    kode: str
    pesan: str


@dataclass(frozen=True)
class HasilPohon:
    yatim: tuple[Temuan, ...]
    buntu: tuple[Temuan, ...]


class SiklusPohon(ValueError):
    """A node serves, through others, a node below itself; ``jalur`` lists the keys of the
    cycle, its first key repeated at the end."""

    def __init__(self, jalur: tuple[str, ...], nama: dict[str, str]) -> None:
        self.jalur = jalur
        urutan = " → ".join(nama[k] for k in jalur)
        super().__init__(f"Pohon kinerja memuat siklus: {urutan}. Sebuah simpul tidak boleh "
                         "melayani simpul di bawahnya sendiri; putuskan salah satu tautan ini.")


def _atas(jenis: str) -> str:
    if jenis in JENJANG and jenis not in AKAR:
        return JENJANG[JENJANG.index(jenis) - 1]
    return "simpul"


def _cari_siklus(simpul: dict[str, Simpul]) -> tuple[str, ...] | None:
    """The first cycle met following the links upwards, in the order of ``simpul``."""
    selesai: set[str] = set()
    for mulai in simpul:
        if mulai in selesai:
            continue
        jalur: list[str] = [mulai]
        di_jalur = {mulai}
        tumpukan = [iter(simpul[mulai].induk)]
        while tumpukan:
            berikut = next(tumpukan[-1], None)
            if berikut is None:
                tumpukan.pop()
                keluar = jalur.pop()
                di_jalur.discard(keluar)
                selesai.add(keluar)
                continue
            if berikut in di_jalur:
                return (*jalur[jalur.index(berikut):], berikut)
            if berikut in selesai or berikut not in simpul:
                continue
            jalur.append(berikut)
            di_jalur.add(berikut)
            tumpukan.append(iter(simpul[berikut].induk))
    return None


def periksa_pohon(daftar: Sequence[Simpul]) -> HasilPohon:
    """The orphans and dead ends of the tree ``daftar``, each in the order given.

    Raises ``SiklusPohon`` when the links form a cycle and ``ValueError`` when two nodes share
    a key."""
    simpul: dict[str, Simpul] = {}
    for s in daftar:
        if s.kunci in simpul:
            raise ValueError(f"Simpul “{s.kunci}” tercantum dua kali dalam pohon kinerja.")
        simpul[s.kunci] = s
    siklus = _cari_siklus(simpul)
    if siklus is not None:
        raise SiklusPohon(siklus, {k: f"“{simpul[k].label}”" for k in siklus})
    anak: dict[str, set[str]] = {k: set() for k in simpul}
    for s in daftar:
        for k in s.induk:
            if k in anak:
                anak[k].add(s.jenis)
    yatim: list[Temuan] = []
    buntu: list[Temuan] = []
    for s in daftar:
        if s.jenis not in AKAR and not any(k in simpul for k in s.induk):
            yatim.append(Temuan(s.kunci, "POH-YATIM", f"{s.nama} tidak melayani "
                                f"{_atas(s.jenis)} mana pun di atasnya."))
        wajib = ANAK_WAJIB.get(s.jenis)
        if wajib is not None and wajib not in anak[s.kunci]:
            buntu.append(Temuan(s.kunci, "POH-BUNTU", f"{s.nama} tidak memiliki "
                                f"{NAMA[wajib].lower()} di bawahnya."))
        elif s.jenis in BERINDIKATOR and s.indikator == 0:
            buntu.append(Temuan(s.kunci, "POH-TANPA-INDIKATOR",
                                f"{s.nama} tidak memiliki indikator kinerja."))
    return HasilPohon(tuple(yatim), tuple(buntu))
