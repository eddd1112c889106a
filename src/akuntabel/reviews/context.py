"""Build the reviu's plain data (``akuntabel.core.reviu.ReviuData``) from the database.

A fixed number of queries whatever the size of the OPD. Keys are made of codes and names so
that they survive a reload of the same data (see ``akuntabel.core.reviu.data``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.core.angka import format_angka
from akuntabel.core.realisasi import SumberTahun, realisasi_komponen, realisasi_tahun
from akuntabel.core.reviu import data as rd
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import (
    TAHUNAN,
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    Renstra,
    RenstraAnggaran,
    SubKegiatan,
    Target,
)
from akuntabel.plans.services import (
    indikator_in_force,
    indikator_of,
    renstra_for,
    renstra_in_force,
)
from akuntabel.references.services import skala_for
from akuntabel.reports.models import Narasi
from akuntabel.results.models import (
    CapaianTercetak,
    KomponenPerhitungan,
    Perhitungan,
    Realisasi,
)

SEP = " › "


def _nilai(teks: str, nilai: Decimal | None, satuan: str) -> rd.Nilai:
    return rd.Nilai(teks, nilai, satuan or None)


def _label(kode: str, nama: str) -> str:
    return f"{kode} {nama}".strip()


class _Keys:
    """Stable keys and human paths for the program tree."""

    def __init__(self, renstra: Renstra):
        self.renstra = renstra
        self.program = {p.pk: p for p in Program.objects.filter(renstra=renstra)}
        self.kegiatan = {k.pk: k for k in Kegiatan.objects.filter(program__renstra=renstra)}
        self.sub = {s.pk: s for s in SubKegiatan.objects.filter(
            kegiatan__program__renstra=renstra)}

    @classmethod
    def of_many(cls, renstra: list[int]) -> _Keys:
        """The keys of the program trees of several Renstra (by id) at once."""
        keys = cls.__new__(cls)
        keys.program = {p.pk: p for p in Program.objects.filter(renstra__in=renstra)}
        keys.kegiatan = {k.pk: k for k in Kegiatan.objects.filter(program__renstra__in=renstra)}
        keys.sub = {s.pk: s for s in SubKegiatan.objects.filter(
            kegiatan__program__renstra__in=renstra)}
        return keys

    @classmethod
    def of_nodes(cls, sub: set[int], kegiatan: set[int], program: set[int]) -> _Keys:
        """The keys of these sub kegiatan, kegiatan and programs (with their parents)."""
        keys = cls.__new__(cls)
        keys.sub = {s.pk: s for s in SubKegiatan.objects.filter(pk__in=sub)}
        keys.kegiatan = {k.pk: k for k in Kegiatan.objects.filter(
            pk__in=kegiatan | {s.kegiatan_id for s in keys.sub.values()})}
        keys.program = {p.pk: p for p in Program.objects.filter(
            pk__in=program | {k.program_id for k in keys.kegiatan.values()})}
        return keys

    def program_key(self, pk: int) -> str:
        p = self.program[pk]
        return f"program:{p.kode or p.nama}"

    def kegiatan_key(self, pk: int) -> str:
        k = self.kegiatan[pk]
        if k.kode:
            return f"kegiatan:{k.kode}"
        return f"kegiatan:{self.program_key(k.program_id).partition(':')[2]}/{k.nama}"

    def sub_key(self, pk: int) -> str:
        s = self.sub[pk]
        if s.kode:
            return f"sub_kegiatan:{s.kode}"
        return f"sub_kegiatan:{self.kegiatan_key(s.kegiatan_id).partition(':')[2]}/{s.nama}"

    def program_path(self, pk: int) -> str:
        p = self.program[pk]
        return _label(p.kode, p.nama)

    def kegiatan_path(self, pk: int) -> str:
        k = self.kegiatan[pk]
        return self.program_path(k.program_id) + SEP + _label(k.kode, k.nama)

    def sub_path(self, pk: int) -> str:
        s = self.sub[pk]
        return self.kegiatan_path(s.kegiatan_id) + SEP + _label(s.kode, s.nama)


def build_reviu_data(opd: PerangkatDaerah, tahun: int) -> rd.ReviuData:
    renstra = renstra_for(opd, tahun)
    keys = _Keys(renstra)
    identitas = rd.Identitas(
        opd_nama=opd.nama, pemda_nama=opd.pemda.nama, pemda_jenis=opd.pemda.jenis,
        kepala_daerah_jabatan=opd.pemda.kepala_daerah_jabatan, tahun=tahun,
        renstra_awal=renstra.tahun_awal, renstra_akhir=renstra.tahun_akhir,
        rpjmd_awal=renstra.rpjmd.tahun_awal, rpjmd_akhir=renstra.rpjmd.tahun_akhir,
        tabel_tahun_tercetak=tuple(renstra.tabel_tahun_tercetak or ()),
        pejabat=tuple(rd.Pejabat(p.nama, p.nip, p.jabatan) for p in opd.pejabat.all()))

    anggaran, counts = _anggaran(opd, tahun, keys)
    indikator = _indikator(opd, keys)
    indikator_key = {pk: ind.kunci for pk, ind in indikator.items()}
    return rd.ReviuData(
        identitas=identitas,
        anggaran=anggaran,
        anggaran_lain=tuple(
            rd.AnggaranLain(a.tempat, a.pagu, a.realisasi, a.serapan_teks)
            for a in AnggaranTercetak.objects.filter(
                perangkat_daerah=opd, tahun=tahun, program__isnull=True,
                kegiatan__isnull=True).order_by("urutan", "pk")),
        indikator=tuple(indikator.values()),
        perhitungan=_perhitungan(opd, indikator_key),
        renstra_anggaran=_renstra_anggaran(renstra, tahun, keys),
        perjanjian_kinerja=_pk(opd, indikator_key),
        narasi=tuple(rd.Narasi(n.kunci, n.judul, n.teks)
                     for n in Narasi.objects.filter(perangkat_daerah=opd, tahun=tahun)
                     .order_by("id")),
        jumlah_program=counts["program"], jumlah_kegiatan=counts["kegiatan"],
        jumlah_sub_kegiatan=counts["sub_kegiatan"],
        skala=skala_for(opd.pemda, date(tahun, 12, 31)),
    )


def _anggaran(opd: PerangkatDaerah, tahun: int,
              keys: _Keys) -> tuple[tuple[rd.BarisAnggaran, ...], dict[str, int]]:
    subs = list(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=tahun))
    printed = {(a.program_id, a.kegiatan_id): a for a in AnggaranTercetak.objects.filter(
        perangkat_daerah=opd, tahun=tahun, tempat=AnggaranTercetak.TABEL_ANGGARAN)}
    lines: dict[int, list[DpaLine]] = defaultdict(list)
    for line in DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd,
                                       anggaran__dpa__tahun=tahun).order_by("urutan", "pk"):
        lines[line.anggaran_id].append(line)

    sub_pks = {s.sub_kegiatan_id for s in subs}
    keg_pks = {keys.sub[pk].kegiatan_id for pk in sub_pks}
    prog_pks = {keys.kegiatan[pk].program_id for pk in keg_pks}
    rows: list[rd.BarisAnggaran] = [rd.BarisAnggaran("opd", None, "opd", "", opd.nama, opd.nama,
                                                     None, None)]
    for pk in sorted(prog_pks, key=lambda pk: keys.program[pk].urutan):
        p = keys.program[pk]
        a = printed.get((pk, None))
        rows.append(rd.BarisAnggaran(keys.program_key(pk), "opd", "program", p.kode, p.nama,
                                     keys.program_path(pk), a.pagu if a else None,
                                     a.realisasi if a else None, _serapan(a)))
    for pk in sorted(keg_pks, key=lambda pk: (keys.program[keys.kegiatan[pk].program_id].urutan,
                                              keys.kegiatan[pk].urutan)):
        k = keys.kegiatan[pk]
        a = printed.get((None, pk))
        rows.append(rd.BarisAnggaran(keys.kegiatan_key(pk), keys.program_key(k.program_id),
                                     "kegiatan", k.kode, k.nama, keys.kegiatan_path(pk),
                                     a.pagu if a else None, a.realisasi if a else None,
                                     _serapan(a)))
    for anggaran in sorted(subs, key=lambda s: _sub_order(keys, s.sub_kegiatan_id)):
        sub = keys.sub[anggaran.sub_kegiatan_id]
        sub_key = keys.sub_key(sub.pk)
        sub_path = keys.sub_path(sub.pk)
        rows.append(rd.BarisAnggaran(sub_key, keys.kegiatan_key(sub.kegiatan_id), "sub_kegiatan",
                                     sub.kode, sub.nama, sub_path, anggaran.pagu,
                                     anggaran.realisasi, _serapan(anggaran)))
        # Rekening lines: keyed by their position path under the sub kegiatan.
        children: dict[int | None, list[DpaLine]] = defaultdict(list)
        for line in lines.get(anggaran.pk, []):
            children[line.induk_id].append(line)
        # e.g. "rekening:1.06.04.2.01.0012/0.1.2": the line's position under the sub kegiatan.
        stack: list[tuple[int | None, str, str, str]] = [(None, "", sub_key, sub_path)]
        while stack:
            parent, position, parent_key, parent_path = stack.pop()
            for i, line in enumerate(children.get(parent, [])):
                here = f"{position}.{i}" if position else str(i)
                key = f"rekening:{sub_key.partition(':')[2]}/{here}"
                path = parent_path + SEP + line.uraian
                rows.append(rd.BarisAnggaran(key, parent_key, "rekening", line.kode_rekening,
                                             line.uraian, path, line.pagu, line.realisasi,
                                             _serapan(line)))
                stack.append((line.pk, here, key, path))
    counts = {"program": len(prog_pks), "kegiatan": len(keg_pks), "sub_kegiatan": len(sub_pks)}
    return tuple(rows), counts


def _serapan(row: AnggaranTercetak | DpaSubKegiatan | DpaLine | None) -> rd.Nilai | None:
    """The serapan printed on a budget row, as printed, or None."""
    if row is None or not row.serapan_teks:
        return None
    return _nilai(row.serapan_teks, row.serapan, "%")


def _sub_order(keys: _Keys, pk: int) -> tuple[int, int, int]:
    s = keys.sub[pk]
    k = keys.kegiatan[s.kegiatan_id]
    return keys.program[k.program_id].urutan, k.urutan, s.urutan


def _node_key(ind: Indikator, keys: _Keys) -> tuple[str, str]:
    if ind.sub_kegiatan_id:
        return keys.sub_key(ind.sub_kegiatan_id), keys.sub_path(ind.sub_kegiatan_id)
    if ind.kegiatan_id:
        return keys.kegiatan_key(ind.kegiatan_id), keys.kegiatan_path(ind.kegiatan_id)
    if ind.program_id:
        return keys.program_key(ind.program_id), keys.program_path(ind.program_id)
    if ind.sasaran_id:
        s = ind.sasaran
        return f"sasaran:{s.kode or s.uraian}", s.uraian
    t = ind.tujuan
    return f"tujuan:{t.kode or t.uraian}", t.uraian


def _indikator(opd: PerangkatDaerah, keys: _Keys) -> dict[int, rd.Indikator]:
    """Every indicator of the OPD, every year, by database id (in printed order)."""
    targets: dict[int, dict[str, dict[int, rd.Nilai]]] = defaultdict(lambda: defaultdict(dict))
    for t in Target.objects.filter(indikator__perangkat_daerah=opd, triwulan=TAHUNAN):
        targets[t.indikator_id][t.jenis][t.tahun] = _nilai(t.teks, t.nilai, t.satuan)
    annual: dict[int, dict[int, rd.Nilai]] = defaultdict(dict)
    quarters: dict[int, dict[int, dict[int, tuple[Decimal | None, str]]]] = defaultdict(
        lambda: defaultdict(dict))
    for ind_id, tahun, tw, teks, nilai, satuan in (
            Realisasi.objects.filter(indikator__perangkat_daerah=opd).order_by()
            .values_list("indikator_id", "tahun", "triwulan", "teks", "nilai", "satuan")):
        if tw == TAHUNAN:
            annual[ind_id][tahun] = _nilai(teks, nilai, satuan)
        else:
            quarters[ind_id][tahun][tw] = (nilai, satuan)
    dihitung = _computed(opd)
    capaian: dict[int, dict[int, rd.Nilai]] = defaultdict(dict)
    for c in CapaianTercetak.objects.filter(indikator__perangkat_daerah=opd):
        capaian[c.indikator_id][c.tahun] = _nilai(c.teks, c.nilai, c.satuan)
    result: dict[int, rd.Indikator] = {}
    for ind, kunci, node_key, path in _kunci_indikator(opd, keys):
        realisasi, dari_tw = _realisasi_tahun(ind, annual.get(ind.pk, {}),
                                              quarters.get(ind.pk, {}))
        result[ind.pk] = rd.Indikator(
            kunci=kunci,
            uraian=ind.uraian, node_kunci=node_key, jalur=path, satuan=ind.satuan,
            polaritas=ind.polaritas, metode_turun=ind.metode_turun, iku=ind.iku,
            nomor_tercetak=ind.nomor_tercetak,
            target={j: dict(v) for j, v in targets.get(ind.pk, {}).items()},
            realisasi=realisasi, realisasi_dihitung=dihitung.get(ind.pk, {}),
            agregasi=ind.agregasi, realisasi_triwulan=dari_tw,
            capaian_tercetak=capaian.get(ind.pk, {}))
    return result


def _kunci_indikator(opd: PerangkatDaerah, keys: _Keys
                     ) -> Iterator[tuple[Indikator, str, str, str]]:
    """(indicator, its snapshot key, its node's key, its node's path) for every indicator of
    the Renstra version the year is measured against (``renstra_for``), in printed order: the
    key is ``indikator:<kode>``, else ``indikator:<node key>#<n>`` (its place under its node)."""
    return _berkunci(Indikator.objects.filter(indikator_of(keys.renstra), perangkat_daerah=opd)
                     .select_related("tujuan", "sasaran").order_by("urutan", "pk"), keys)


def _berkunci(indikator: Iterable[Indikator], keys: _Keys
              ) -> Iterator[tuple[Indikator, str, str, str]]:
    """``_kunci_indikator`` of indicators given in printed order (of one or more agencies)."""
    per_node: dict[tuple[int, str], int] = defaultdict(int)
    for ind in indikator:
        node_key, path = _node_key(ind, keys)
        n = per_node[ind.perangkat_daerah_id, node_key]
        per_node[ind.perangkat_daerah_id, node_key] += 1
        kunci = f"indikator:{ind.kode}" if ind.kode else f"indikator:{node_key}#{n}"
        yield ind, kunci, node_key, path


def kunci_indikator_many(opd_pks: list[int], tahun: int,
                         indikator: Sequence[Indikator] | None = None) -> dict[int, str]:
    """``kunci_indikator`` of several agencies at once, in five queries whatever their number
    (the public portal reads the finals of every agency of a pemda). An agency with no Renstra
    covering the year has no key. With ``indikator`` (those asked about), only the indicators
    sharing a node with one of them are read (a key is made of the node and the place under
    it) and only those nodes' part of the program tree."""
    renstra = dict(PerangkatDaerah.objects.filter(pk__in=opd_pks).annotate(
        r=Subquery(renstra_in_force(OuterRef("pk"), tahun).values("pk")[:1]))
        .values_list("pk", "r"))
    ada = [opd for opd, r in renstra.items() if r is not None]
    if not ada:
        return {}
    qs = Indikator.objects.filter(indikator_in_force(tahun), perangkat_daerah__in=ada)
    if indikator is None:
        keys = _Keys.of_many([renstra[opd] for opd in ada])
    else:
        simpul: dict[str, set[int]] = {f: set() for f in SIMPUL}
        for ind in indikator:
            f = next((f for f in SIMPUL[:-1] if getattr(ind, f"{f}_id")), SIMPUL[-1])
            simpul[f].add(getattr(ind, f"{f}_id"))
        where, di_atas = Q(pk__in=[]), {}   # an indicator's node is its lowest one
        for f in SIMPUL:
            if simpul[f]:
                where |= Q(**di_atas, **{f"{f}__in": simpul[f]})
            di_atas[f"{f}__isnull"] = True
        qs = qs.filter(where)
        keys = _Keys.of_nodes(simpul["sub_kegiatan"], simpul["kegiatan"], simpul["program"])
    return {ind.pk: kunci for ind, kunci, _n, _p in _berkunci(
        qs.select_related("tujuan", "sasaran").order_by("perangkat_daerah", "urutan", "pk")
        .only(*KUNCI_FIELDS), keys)}


# The nodes an indicator may hang on, lowest first (``_node_key``).
SIMPUL = ("sub_kegiatan", "kegiatan", "program", "sasaran", "tujuan")
# What an indicator's key is made of (``_berkunci``, ``_node_key``).
KUNCI_FIELDS = ("kode", "perangkat_daerah_id", "urutan", "sub_kegiatan_id", "kegiatan_id",
                "program_id", "sasaran_id", "tujuan_id", "sasaran__kode", "sasaran__uraian",
                "tujuan__kode", "tujuan__uraian")


def kunci_indikator(opd: PerangkatDaerah, tahun: int) -> dict[int, str]:
    """The public map from an indicator (database id) to its key in the reviu data of
    ``tahun`` and so in a final's snapshot (``data["sumber"]["indikator"][…]["kunci"]``): the
    same keys ``build_reviu_data`` writes. A key made of a position (an indicator without a
    ``kode``) names the same indicator only while its node's indicators keep their order."""
    return {ind.pk: kunci for ind, kunci, _n, _p in
            _kunci_indikator(opd, _Keys(renstra_for(opd, tahun)))}


def _realisasi_tahun(ind: Indikator, annual: dict[int, rd.Nilai],
                     quarters: dict[int, dict[int, tuple[Decimal | None, str]]]
                     ) -> tuple[dict[int, rd.Nilai], dict[int, Decimal]]:
    """The indicator's realisasi per year (``core.realisasi.realisasi_tahun``: the annual row
    as printed or entered, else its quarters combined, written as a number) and, apart, the
    quarters' figure of each year whose annual figure is due to be compared with them
    (``RealisasiTahun.dibandingkan``)."""
    realisasi = dict(annual)
    dari_tw: dict[int, Decimal] = {}
    for tahun, per_tw in quarters.items():
        tahunan = annual.get(tahun)
        hasil = realisasi_tahun(tahunan.nilai if tahunan else None,
                                {tw: v[0] for tw, v in per_tw.items()}, ind.agregasi)
        if hasil.dibandingkan:  # the annual figure is due to be compared (HIT-009)
            dari_tw[tahun] = hasil.dari_triwulan  # type: ignore[assignment]
        if hasil.sumber == SumberTahun.TRIWULAN:
            satuan = next((v[1] for _tw, v in sorted(per_tw.items(), reverse=True) if v[1]),
                          "")
            realisasi[tahun] = _nilai(format_angka(hasil.nilai), hasil.nilai, satuan)
    return realisasi, dari_tw


def _computed(opd: PerangkatDaerah) -> dict[int, dict[int, Decimal]]:
    sums: dict[int, list[Decimal | None]] = defaultdict(list)
    for perhitungan_id, nilai in KomponenPerhitungan.objects.filter(
            perhitungan__indikator__perangkat_daerah=opd, induk__isnull=True).values_list(
            "perhitungan_id", "nilai"):
        sums[perhitungan_id].append(nilai)
    result: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for p in Perhitungan.objects.filter(indikator__perangkat_daerah=opd):
        hasil = realisasi_komponen(sums.get(p.pk, []), p.penyebut)
        if hasil is not None:
            result[p.indikator_id][p.tahun] = hasil.nilai
    return result


def _perhitungan(opd: PerangkatDaerah,
                 indikator_key: dict[int, str]) -> tuple[rd.Perhitungan, ...]:
    komponen: dict[int, list[KomponenPerhitungan]] = defaultdict(list)
    for k in KomponenPerhitungan.objects.filter(
            perhitungan__indikator__perangkat_daerah=opd).order_by("urutan", "pk"):
        komponen[k.perhitungan_id].append(k)
    result = []
    for p in Perhitungan.objects.filter(indikator__perangkat_daerah=opd):
        items = komponen.get(p.pk, [])
        children: dict[int, list[KomponenPerhitungan]] = defaultdict(list)
        for k in items:
            if k.induk_id:
                children[k.induk_id].append(k)
        result.append(rd.Perhitungan(
            indikator_kunci=indikator_key[p.indikator_id], tahun=p.tahun,
            penyebut=_nilai(p.penyebut_teks, p.penyebut, "") if p.penyebut_teks else None,
            pembilang_tercetak=(_nilai(p.pembilang_tercetak_teks, p.pembilang_tercetak, "")
                                if p.pembilang_tercetak_teks else None),
            hasil_tercetak=(_nilai(p.hasil_tercetak_teks, p.hasil_tercetak, "%")
                            if p.hasil_tercetak_teks else None),
            komponen=tuple(
                rd.Komponen(k.nomor, k.uraian, _nilai(k.teks, k.nilai, "") if k.teks else None,
                            tuple(rd.Komponen(r.nomor, r.uraian,
                                              _nilai(r.teks, r.nilai, "") if r.teks else None)
                                  for r in children.get(k.pk, [])))
                for k in items if not k.induk_id)))
    return tuple(result)


def _renstra_anggaran(renstra: Renstra, tahun: int,
                      keys: _Keys) -> tuple[rd.RenstraAnggaran, ...]:
    result = []
    rows: Any = (RenstraAnggaran.objects.filter(program__renstra=renstra, tahun=tahun)
                 | RenstraAnggaran.objects.filter(kegiatan__program__renstra=renstra,
                                                  tahun=tahun)
                 | RenstraAnggaran.objects.filter(
                     sub_kegiatan__kegiatan__program__renstra=renstra, tahun=tahun))
    for ra in rows.order_by("id"):
        if ra.sub_kegiatan_id:
            key, path = keys.sub_key(ra.sub_kegiatan_id), keys.sub_path(ra.sub_kegiatan_id)
        elif ra.kegiatan_id:
            key, path = keys.kegiatan_key(ra.kegiatan_id), keys.kegiatan_path(ra.kegiatan_id)
        else:
            key, path = keys.program_key(ra.program_id), keys.program_path(ra.program_id)
        result.append(rd.RenstraAnggaran(key, path, ra.tahun, ra.target, ra.target_teks,
                                         ra.realisasi_dilaporkan, ra.realisasi_teks))
    return tuple(result)


def _pk(opd: PerangkatDaerah, indikator_key: dict[int, str]) -> tuple[rd.PerjanjianKinerja, ...]:
    result = []
    # The kepala's PK (with the kepala daerah); the cascade below it is not the LKjIP's.
    for pk in (PerjanjianKinerja.objects.filter(perangkat_daerah=opd,
                                                tingkat=PerjanjianKinerja.Tingkat.KEPALA)
               .prefetch_related("baris")):
        result.append(rd.PerjanjianKinerja(
            pk.tahun, pk.jenis, pk.tahun_tercetak,
            tuple(rd.BarisPk(indikator_key[b.indikator_id],
                             _nilai(b.target_teks, b.target, "") if b.target_teks else None)
                  for b in pk.baris.all())))
    return tuple(result)
