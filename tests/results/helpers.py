"""Builders for the realisasi grid tests: an OPD with a Renstra and ``n`` indicators."""

from __future__ import annotations

from decimal import Decimal

from akuntabel.accounts.models import Peran
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    Rpjmd,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from akuntabel.results.models import Realisasi
from tests.builders import make_opd, make_user

TAHUN = 2023


def make_grid_opd(n: int = 3, opd: PerangkatDaerah | None = None) -> PerangkatDaerah:
    """An OPD whose 2023 grid has one sasaran indicator and ``n - 1`` sub kegiatan indicators,
    each with a Renja target of 100 (the sasaran's: 90 %)."""
    opd = opd or make_opd()
    rpjmd = Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2021, tahun_akhir=2026, visi="Visi")
    renstra = Renstra.objects.create(perangkat_daerah=opd, rpjmd=rpjmd, tahun_awal=2021,
                                     tahun_akhir=2026)
    tujuan = Tujuan.objects.create(renstra=renstra, uraian="Tujuan uji")
    sasaran = Sasaran.objects.create(tujuan=tujuan, uraian="Sasaran uji")
    program = Program.objects.create(renstra=renstra, kode="1.06.02", nama="Program uji")
    kegiatan = Kegiatan.objects.create(program=program, kode="1.06.02.2.01", nama="Kegiatan uji")
    ind = Indikator.objects.create(perangkat_daerah=opd, sasaran=sasaran, uraian="Persentase uji",
                                   satuan="%", agregasi="nilai_akhir", urutan=0)
    Target.objects.create(indikator=ind, jenis="renja", tahun=TAHUN, teks="90", nilai=90)
    for i in range(1, n):
        sub = SubKegiatan.objects.create(kegiatan=kegiatan, kode=f"1.06.02.2.01.{i:04d}",
                                         nama=f"Sub kegiatan {i}", urutan=i)
        ind = Indikator.objects.create(perangkat_daerah=opd, sub_kegiatan=sub,
                                       uraian=f"Jumlah penerima {i}", satuan="orang", urutan=i)
        Target.objects.create(indikator=ind, jenis="renja", tahun=TAHUN, teks="100", nilai=100)
    return opd


def indikator_of(opd: PerangkatDaerah) -> list[Indikator]:
    return list(Indikator.objects.filter(perangkat_daerah=opd).order_by("urutan", "pk"))


def operator_of(opd: PerangkatDaerah):
    return make_user(Peran.OPERATOR_OPD, opd=opd)


def realisasi(ind: Indikator, triwulan: int, nilai: str, **extra) -> Realisasi:
    return Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=triwulan, teks=nilai,
                                    nilai=Decimal(nilai), **extra)


def grid_post(opd: PerangkatDaerah, values: dict[int, str], triwulan: int = 2,
              catatan: dict[int, str] | None = None) -> dict[str, str]:
    """The form as the browser sends it: every line with its current version, the given
    values typed in (others as stored)."""
    data = {"aksi": "simpan"}
    stored = {r.indikator_id: r for r in Realisasi.objects.filter(
        indikator__perangkat_daerah=opd, tahun=TAHUN, triwulan=triwulan)}
    for ind in indikator_of(opd):
        r = stored.get(ind.pk)
        data[f"nilai-{ind.pk}"] = values.get(ind.pk, r.teks if r else "")
        data[f"catatan-{ind.pk}"] = (catatan or {}).get(ind.pk, r.catatan if r else "")
        data[f"versi-{ind.pk}"] = str(r.versi if r else 0)
    return data
