"""The performance tree (pohon kinerja) of an OPD for a year, read from the database as plain
nodes and edges: the RPJMD visi and the misi its Renstra serves, the Renstra's tujuan and
sasaran, the programs, kegiatan and sub kegiatan active in the year, each node with its
indicators, the target in force, realisasi, capaian and peringkat of the year
(``results.capaian.compute_capaian_many`` with the pemda's scale, ``core.peringkat``), and the
check of ``core.pohon`` (orphans, dead ends; a cycle refused).

A tujuan serves the misi of the RPJMD its sasaran serve (through the sasaran daerah they are
linked to); when none is linked and the Renstra serves exactly one misi, that misi. A fixed
number of queries whatever the size of the tree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q

from akuntabel.core.peringkat import Skala
from akuntabel.core.pohon import HasilPohon, Simpul, periksa_pohon
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.cascade import tingkat_warna
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    Misi,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Tujuan,
)
from akuntabel.plans.services import indikator_of
from akuntabel.references.services import skala_for
from akuntabel.results.capaian import compute_capaian_many


@dataclass(frozen=True)
class IndikatorPohon:
    pk: int
    uraian: str
    satuan: str
    target_teks: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    peringkat: str | None
    tingkat: int | None  # colour step of the peringkat (plans.cascade.tingkat_warna)


@dataclass
class NodePohon:
    kunci: str            # "sasaran-3": the kind and the pk
    jenis: str            # visi | misi | tujuan | sasaran | program | kegiatan | subkegiatan
    kode: str
    label: str
    induk: tuple[str, ...] = ()
    indikator: list[IndikatorPohon] = field(default_factory=list)

    @property
    def simpul(self) -> Simpul:
        teks = f"{self.kode} {self.label}".strip() if self.kode else self.label
        return Simpul(self.kunci, self.jenis, teks, self.induk, len(self.indikator))


@dataclass
class Pohon:
    opd: PerangkatDaerah
    renstra: Renstra
    tahun: int
    skala: Skala
    nodes: list[NodePohon]
    periksa: HasilPohon

    @property
    def edges(self) -> list[tuple[str, str]]:
        """(parent key, child key) for every link, in the order of the nodes."""
        known = {n.kunci for n in self.nodes}
        return [(p, n.kunci) for n in self.nodes for p in n.induk if p in known]


def _misi_tujuan(renstra: Renstra) -> dict[int, tuple[int, ...]]:
    """Tujuan pk -> the misi pks it serves, through its sasaran's sasaran daerah."""
    out: dict[int, set[int]] = defaultdict(set)
    rows = (Sasaran.objects.filter(tujuan__renstra=renstra,
                                   sasaran_daerah__tujuan_daerah__misi__isnull=False)
            .values_list("tujuan_id", "sasaran_daerah__tujuan_daerah__misi_id"))
    for tujuan_id, misi_id in rows:
        out[tujuan_id].add(misi_id)
    return {t: tuple(sorted(m)) for t, m in out.items()}


def build_pohon(opd: PerangkatDaerah, renstra: Renstra, tahun: int) -> Pohon:
    """The tree of ``renstra`` in ``tahun``. Raises ``core.pohon.SiklusPohon`` on a cycle."""
    skala = skala_for(opd.pemda, date(tahun, 12, 31))
    rpjmd = renstra.rpjmd
    nodes: list[NodePohon] = [NodePohon(f"visi-{rpjmd.pk}", "visi", "", rpjmd.visi)]
    lewat_daerah = _misi_tujuan(renstra)
    # The misi the Renstra names, and those its sasaran serve through the RPJMD's sasaran
    # daerah (a Renstra made on the screens names none of its own).
    dilayani = {m for ms in lewat_daerah.values() for m in ms}
    misi = list(Misi.objects.filter(Q(renstra=renstra) | Q(pk__in=dilayani)).distinct()
                .order_by("nomor"))
    for m in misi:
        nodes.append(NodePohon(f"misi-{m.pk}", "misi", f"Misi {m.nomor}", m.uraian,
                               (nodes[0].kunci,)))
    satu_misi = (f"misi-{misi[0].pk}",) if len(misi) == 1 else ()
    for t in Tujuan.objects.filter(renstra=renstra).order_by("urutan", "pk"):
        induk = tuple(f"misi-{m}" for m in lewat_daerah.get(t.pk, ())) or satu_misi
        nodes.append(NodePohon(f"tujuan-{t.pk}", "tujuan", t.kode, t.uraian, induk))
    for s in Sasaran.objects.filter(tujuan__renstra=renstra).order_by("tujuan__urutan",
                                                                      "urutan", "pk"):
        nodes.append(NodePohon(f"sasaran-{s.pk}", "sasaran", s.kode, s.uraian,
                               (f"tujuan-{s.tujuan_id}",)))
    hidden: set[str] = set()
    for p in Program.objects.filter(renstra=renstra).order_by("urutan", "pk"):
        if not p.is_aktif(tahun):
            hidden.add(f"program-{p.pk}")
            continue
        nodes.append(NodePohon(f"program-{p.pk}", "program", p.kode, p.nama,
                               (f"sasaran-{p.sasaran_id}",) if p.sasaran_id else ()))
    for k in Kegiatan.objects.filter(program__renstra=renstra).order_by("program__urutan",
                                                                        "urutan", "pk"):
        up = f"program-{k.program_id}"
        if up in hidden or not k.is_aktif(tahun):
            hidden.add(f"kegiatan-{k.pk}")
            continue
        nodes.append(NodePohon(f"kegiatan-{k.pk}", "kegiatan", k.kode, k.nama, (up,)))
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).order_by(
            "kegiatan__program__urutan", "kegiatan__urutan", "urutan", "pk"):
        up = f"kegiatan-{s.kegiatan_id}"
        if up in hidden or not s.is_aktif(tahun):
            continue
        nodes.append(NodePohon(f"subkegiatan-{s.pk}", "subkegiatan", s.kode, s.nama, (up,)))

    by_key = {n.kunci: n for n in nodes}
    indikator = list(Indikator.objects.filter(indikator_of(renstra), perangkat_daerah=opd)
                     .order_by("urutan", "pk"))  # of this version only (a Renstra perubahan)
    capaian = compute_capaian_many(indikator, tahun, skala,
                                   where={"indikator__perangkat_daerah": opd})
    for ind in indikator:
        for fk, jenis in (("tujuan_id", "tujuan"), ("sasaran_id", "sasaran"),
                          ("program_id", "program"), ("kegiatan_id", "kegiatan"),
                          ("sub_kegiatan_id", "subkegiatan")):
            pk = getattr(ind, fk)
            if pk is None:
                continue
            node = by_key.get(f"{jenis}-{pk}")
            if node is not None:
                c = capaian[ind.pk, tahun]
                node.indikator.append(IndikatorPohon(
                    ind.pk, ind.uraian, ind.satuan, c.target_teks, c.target,
                    c.realisasi.nilai, c.capaian, c.peringkat, tingkat_warna(skala, c.peringkat)))
            break
    return Pohon(opd, renstra, tahun, skala, nodes, periksa_pohon([n.simpul for n in nodes]))
