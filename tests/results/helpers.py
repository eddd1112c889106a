"""Builders for the realisasi grid tests: an OPD with a Renstra and ``n`` indicators."""

from __future__ import annotations

from decimal import Decimal

from akuntabel.accounts.models import Peran
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Indikator
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
    make_user,
)

TAHUN = 2023


def make_grid_opd(n: int = 3, opd: PerangkatDaerah | None = None) -> PerangkatDaerah:
    """An OPD whose 2023 grid has one sasaran indicator and ``n - 1`` sub kegiatan indicators,
    each with a Renja target of 100 (the sasaran's: 90 %)."""
    opd = opd or make_opd()
    renstra = make_renstra(opd)
    ind = make_indikator(sasaran=make_sasaran(make_tujuan(renstra)), uraian="Persentase uji",
                         satuan="%", agregasi="nilai_akhir", urutan=0)
    make_target(ind, 90, tahun=TAHUN)
    kegiatan = make_kegiatan(make_program(renstra, kode="1.06.02", nama="Program uji"),
                             kode="1.06.02.2.01", nama="Kegiatan uji")
    for i in range(1, n):
        sub = make_sub_kegiatan(kegiatan, kode=f"1.06.02.2.01.{i:04d}",
                                nama=f"Sub kegiatan {i}", urutan=i)
        ind = make_indikator(sub_kegiatan=sub, uraian=f"Jumlah penerima {i}", satuan="orang",
                             urutan=i)
        make_target(ind, 100, tahun=TAHUN)
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
