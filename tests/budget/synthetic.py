"""A synthetic DPA of any size for the budget page's tests, written with bulk_create."""

from __future__ import annotations

from decimal import Decimal

from akuntabel.budget.models import Dpa, DpaLine, DpaSubKegiatan
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Kegiatan, Program, Renstra, Rpjmd, SubKegiatan

CHAIN = ("5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01")
LEAF_PAGU, LEAF_REALISASI = Decimal(1_000_000), Decimal(900_000)


def make_dpa(opd: PerangkatDaerah, n_lines: int, tahun: int = 2023,
             lines_per_sub: int = 20, subs_per_kegiatan: int = 10,
             kegiatan_per_program: int = 5) -> Dpa:
    """A DPA of ``n_lines`` rekening lines: sub kegiatan of ``lines_per_sub`` lines each, a
    chain of five levels (5 > 5.1 > … > 5.1.02.01.01) over leaves at the sixth; every printed
    subtotal adds up, and each sub kegiatan's DPA amount is the sum of its leaves."""
    n_subs = max(1, n_lines // lines_per_sub)
    leaves = lines_per_sub - len(CHAIN)
    rpjmd, _ = Rpjmd.objects.get_or_create(pemda=opd.pemda, tahun_awal=tahun - 2,
                                           defaults={"tahun_akhir": tahun + 2, "visi": "Visi"})
    renstra = Renstra.objects.create(perangkat_daerah=opd, rpjmd=rpjmd, tahun_awal=tahun - 2,
                                     tahun_akhir=tahun + 2)
    dpa = Dpa.objects.create(perangkat_daerah=opd, tahun=tahun)
    per_program = subs_per_kegiatan * kegiatan_per_program
    n_programs = -(-n_subs // per_program)
    programs = Program.objects.bulk_create(
        Program(renstra=renstra, kode=f"1.06.{p + 1:02d}", nama=f"Program {p + 1}", urutan=p)
        for p in range(n_programs))
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(program=pr, kode=f"{pr.kode}.2.{k + 1:02d}", nama=f"Kegiatan {pr.kode}.{k + 1}",
                 urutan=k)
        for pr in programs for k in range(kegiatan_per_program))
    subs = SubKegiatan.objects.bulk_create(
        SubKegiatan(kegiatan=kg, kode=f"{kg.kode}.{s + 1:04d}",
                    nama=f"Sub kegiatan {kg.kode}.{s + 1}", urutan=s)
        for kg in kegiatan for s in range(subs_per_kegiatan))[:n_subs]
    total_pagu, total_realisasi = LEAF_PAGU * leaves, LEAF_REALISASI * leaves
    anggaran = DpaSubKegiatan.objects.bulk_create(
        DpaSubKegiatan(dpa=dpa, sub_kegiatan=s, pagu=total_pagu, pagu_murni=total_pagu,
                       realisasi=total_realisasi) for s in subs)
    parents: list[DpaLine | None] = [None] * len(anggaran)
    for level, kode in enumerate(CHAIN):
        parents = DpaLine.objects.bulk_create(
            DpaLine(anggaran=a, induk=parents[i], kode_rekening=kode, uraian=f"Belanja {kode}",
                    pagu=total_pagu, pagu_murni=total_pagu, realisasi=total_realisasi,
                    urutan=level)
            for i, a in enumerate(anggaran))
    DpaLine.objects.bulk_create(
        DpaLine(anggaran=a, induk=parents[i], kode_rekening=f"{CHAIN[-1]}.{n + 1:04d}",
                uraian=f"Belanja barang {n + 1}", pagu=LEAF_PAGU, pagu_murni=LEAF_PAGU,
                realisasi=LEAF_REALISASI, urutan=len(CHAIN) + n)
        for i, a in enumerate(anggaran) for n in range(leaves))
    return dpa
