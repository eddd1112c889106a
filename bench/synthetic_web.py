"""A synthetic pemda for the web benches (bench/web.py, bench/load.py): 40 OPD, of which one has
a 5.000-line DPA and one has 300 indicators with targets and realisasi; written with
bulk_create in one transaction, deterministic (no random numbers).

Every OPD has what the pemda overview reads: a Renstra covering the year, three IKU with
annual and quarterly targets and realisasi of TW I-II, a small DPA and a report status for
TW I. Users: ``bench-operator-anggaran`` and ``bench-operator-indikator`` (operators of the
two heavy OPD), ``bench-verifikator-<n>`` (pemda-wide) and ``bench-admin``, all with
``PASSWORD``.

    from synthetic_web import build_synthetic_pemda   # needs django.setup() first
    data = build_synthetic_pemda()
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from decimal import Decimal

TAHUN = 2025
N_OPD = 40
DPA_LINES = 5_000
N_INDIKATOR = 300
PASSWORD = "bench-sandi-yang-panjang"

# The 5.000-line DPA: 5 programs x 5 kegiatan x 10 sub kegiatan = 250 sub kegiatan, each with
# 20 rekening lines: a chain of five levels (5 > 5.1 > 5.1.02 > 5.1.02.01 > 5.1.02.01.01) and
# 15 leaves at the sixth (5.1.02.01.01.0001 ...), as a Permendagri 90/2019 code.
DPA_PROGRAMS, DPA_KEGIATAN, DPA_SUBS, DPA_LEAVES = 5, 5, 10, 15
CHAIN = ["5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01"]

# The 300 indicators: 5 sasaran x 4, 10 programs x 4, 30 kegiatan x 4, 60 sub kegiatan x 2.
IND_SASARAN, IND_PROGRAMS, IND_KEGIATAN_PER_PROGRAM, IND_SUBS_PER_KEGIATAN = 5, 10, 3, 2


@dataclass
class SyntheticPemda:
    pemda: object
    opd_anggaran: object      # the OPD with the 5.000-line DPA
    opd_indikator: object     # the OPD with the 300 indicators
    opds: list = field(default_factory=list)
    verifikator: list[str] = field(default_factory=list)  # usernames
    seconds: float = 0.0
    tahun: int = TAHUN


def _money(i: int) -> Decimal:
    return Decimal(1_000_000 + (i * 7_919) % 250_000_000) + Decimal("0.50")


def build_synthetic_pemda(n_verifikator: int = 50) -> SyntheticPemda:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction

    from akuntabel.accounts.models import Membership, Peran
    from akuntabel.budget.models import Dpa, DpaLine, DpaSubKegiatan
    from akuntabel.organizations.models import Pemda, PerangkatDaerah
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
    from akuntabel.reporting.models import PelaporanTriwulan
    from akuntabel.results.models import Realisasi

    t0 = time.perf_counter()
    with transaction.atomic():
        pemda = Pemda.objects.create(kode="bench-web", nama="Kota Bench Web", jenis="kota",
                                     kepala_daerah_jabatan="Wali Kota Bench Web")
        rpjmd = Rpjmd.objects.create(pemda=pemda, tahun_awal=TAHUN - 4, tahun_akhir=TAHUN + 1,
                                     visi="Kota yang terukur kinerjanya")
        opds = PerangkatDaerah.objects.bulk_create(
            PerangkatDaerah(pemda=pemda, kode=f"opd-{n:02d}", nama=f"Dinas Bench {n:02d}")
            for n in range(1, N_OPD + 1))
        opd_anggaran, opd_indikator = opds[0], opds[1]
        opd_anggaran.nama = "Dinas Anggaran Besar"
        opd_indikator.nama = "Dinas Indikator Banyak"
        PerangkatDaerah.objects.bulk_update([opd_anggaran, opd_indikator], ["nama"])
        renstras = Renstra.objects.bulk_create(
            Renstra(perangkat_daerah=o, rpjmd=rpjmd, tahun_awal=TAHUN - 4,
                    tahun_akhir=TAHUN + 1) for o in opds)
        tujuans = Tujuan.objects.bulk_create(
            Tujuan(renstra=r, kode="T1", uraian="Meningkatnya kualitas layanan", urutan=1)
            for r in renstras)
        n_sasaran = [IND_SASARAN if o is opd_indikator else 1 for o in opds]
        sasarans = Sasaran.objects.bulk_create(
            Sasaran(tujuan=t, kode=f"S{s}", uraian=f"Sasaran {s}", urutan=s)
            for t, n in zip(tujuans, n_sasaran, strict=True) for s in range(1, n + 1))
        sasaran_of: dict[int, list] = {}
        for s in sasarans:
            sasaran_of.setdefault(s.tujuan.renstra.perangkat_daerah_id, []).append(s)

        # Nomenclature: the two heavy OPD get their big trees; every other OPD 2 x 2 x 2.
        def shape(o: object) -> tuple[int, int, int]:
            if o is opd_anggaran:
                return DPA_PROGRAMS, DPA_KEGIATAN, DPA_SUBS
            if o is opd_indikator:
                return IND_PROGRAMS, IND_KEGIATAN_PER_PROGRAM, IND_SUBS_PER_KEGIATAN
            return 2, 2, 2

        programs = Program.objects.bulk_create(
            Program(renstra=r, kode=f"1.06.{p:02d}", nama=f"Program {p}", urutan=p)
            for o, r in zip(opds, renstras, strict=True) for p in range(1, shape(o)[0] + 1))
        by_opd_prog: dict[int, list] = {}
        owners = [o for o in opds for _ in range(shape(o)[0])]
        for prog, owner in zip(programs, owners, strict=True):
            by_opd_prog.setdefault(owner.pk, []).append(prog)
        keg_rows = [(o, prog, k) for o in opds for prog in by_opd_prog[o.pk]
                    for k in range(1, shape(o)[1] + 1)]
        kegiatans = Kegiatan.objects.bulk_create(
            Kegiatan(program=prog, kode=f"{prog.kode}.2.{k:02d}", nama=f"Kegiatan {prog.kode}.{k}",
                     urutan=k) for _o, prog, k in keg_rows)
        sub_rows = [(o, keg, s) for (o, _p, _k), keg in zip(keg_rows, kegiatans, strict=True)
                    for s in range(1, shape(o)[2] + 1)]
        subs = SubKegiatan.objects.bulk_create(
            SubKegiatan(kegiatan=keg, kode=f"{keg.kode}.{s:04d}",
                        nama=f"Sub kegiatan {keg.kode}.{s}", urutan=s)
            for _o, keg, s in sub_rows)
        subs_of: dict[int, list] = {}
        for (o, _k, _s), sub in zip(sub_rows, subs, strict=True):
            subs_of.setdefault(o.pk, []).append(sub)
        keg_of: dict[int, list] = {}
        for (o, _p, _k), keg in zip(keg_rows, kegiatans, strict=True):
            keg_of.setdefault(o.pk, []).append(keg)

        # Indicators: three IKU on the sasaran of every OPD; the 300 of opd_indikator.
        indikator: list = []
        for o in opds:
            if o is opd_indikator:
                continue
            for i in range(1, 4):
                indikator.append(Indikator(
                    perangkat_daerah=o, sasaran=sasaran_of[o.pk][0], kode=f"IKU-{i}",
                    uraian=f"Indeks layanan {i}", satuan="%", iku=True, urutan=i,
                    agregasi="nilai_akhir" if i == 1 else "kumulatif"))
        n = 0
        heavy = opd_indikator
        for s in sasaran_of[heavy.pk]:
            for i in range(4):
                n += 1
                indikator.append(Indikator(perangkat_daerah=heavy, sasaran=s, kode=f"I{n}",
                                           uraian=f"Indikator sasaran {n}", satuan="%",
                                           iku=i == 0, urutan=n, agregasi="nilai_akhir"))
        for prog in by_opd_prog[heavy.pk]:
            for _i in range(4):
                n += 1
                indikator.append(Indikator(perangkat_daerah=heavy, program=prog, kode=f"I{n}",
                                           uraian=f"Indikator program {n}", satuan="%",
                                           urutan=n, agregasi="nilai_akhir"))
        for keg in keg_of[heavy.pk]:
            for _i in range(4):
                n += 1
                indikator.append(Indikator(perangkat_daerah=heavy, kegiatan=keg, kode=f"I{n}",
                                           uraian=f"Indikator kegiatan {n}", satuan="orang",
                                           urutan=n))
        for sub in subs_of[heavy.pk]:
            for _i in range(2):
                n += 1
                indikator.append(Indikator(perangkat_daerah=heavy, sub_kegiatan=sub,
                                           kode=f"I{n}", uraian=f"Indikator sub kegiatan {n}",
                                           satuan="dokumen", urutan=n))
        assert n == N_INDIKATOR, n
        indikator = Indikator.objects.bulk_create(indikator)

        targets, realisasi = [], []
        for j, ind in enumerate(indikator):
            annual = Decimal(80 + j % 20)
            for jenis in (Target.Jenis.RENSTRA, Target.Jenis.PK):
                targets.append(Target(indikator=ind, jenis=jenis, tahun=TAHUN, triwulan=0,
                                      nilai=annual, teks=str(annual)))
            for tw in range(1, 5):
                targets.append(Target(indikator=ind, jenis=Target.Jenis.RENJA, tahun=TAHUN,
                                      triwulan=tw, nilai=annual / 4, teks=str(annual / 4)))
            for tw in (1, 2):
                value = annual / 4 + j % 3
                realisasi.append(Realisasi(indikator=ind, tahun=TAHUN, triwulan=tw,
                                           nilai=value, teks=str(value)))
        Target.objects.bulk_create(targets, batch_size=2000)
        Realisasi.objects.bulk_create(realisasi, batch_size=2000)

        # Budgets: a small DPA for every OPD, amounts on the sub kegiatan; the big one in lines.
        dpas = Dpa.objects.bulk_create(Dpa(perangkat_daerah=o, tahun=TAHUN) for o in opds)
        dpa_of = {d.perangkat_daerah_id: d for d in dpas}
        anggaran = DpaSubKegiatan.objects.bulk_create(
            DpaSubKegiatan(dpa=dpa_of[o.pk], sub_kegiatan=sub,
                           pagu=None if o is opd_anggaran else _money(i),
                           pagu_murni=None if o is opd_anggaran else _money(i),
                           realisasi=None if o is opd_anggaran else _money(i) * 3 / 4)
            for i, (o, sub) in enumerate((o, sub) for o in opds for sub in subs_of[o.pk]))
        big = [a for a in anggaran if a.dpa_id == dpa_of[opd_anggaran.pk].pk]
        parents: list = []
        for a in big:  # level by level: a parent has its pk before its children
            parents.append([a, None])
        for level, kode in enumerate(CHAIN):
            batch = [DpaLine(anggaran=a, induk=parent, kode_rekening=kode,
                             uraian=f"Rekening {kode}", urutan=level) for a, parent in parents]
            DpaLine.objects.bulk_create(batch, batch_size=2000)
            parents = [[a, line] for (a, _p), line in zip(parents, batch, strict=True)]
        leaves = []
        for i, (a, parent) in enumerate(parents):
            for leaf in range(1, DPA_LEAVES + 1):
                pagu = _money(i * DPA_LEAVES + leaf)
                leaves.append(DpaLine(anggaran=a, induk=parent,
                                      kode_rekening=f"{CHAIN[-1]}.{leaf:04d}",
                                      uraian=f"Belanja rincian {leaf}", pagu=pagu,
                                      pagu_murni=pagu, realisasi=pagu * 3 / 4,
                                      urutan=len(CHAIN) + leaf))
        DpaLine.objects.bulk_create(leaves, batch_size=2000)
        assert DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd_anggaran).count() \
            == DPA_LINES

        statuses = [PelaporanTriwulan.Status.DIVERIFIKASI, PelaporanTriwulan.Status.DIAJUKAN,
                    PelaporanTriwulan.Status.DIKEMBALIKAN]
        PelaporanTriwulan.objects.bulk_create(
            PelaporanTriwulan(perangkat_daerah=o, tahun=TAHUN, triwulan=1,
                              status=statuses[i % 3]) for i, o in enumerate(opds[2:]))

        hashed = make_password(PASSWORD)
        names = (["bench-operator-anggaran", "bench-operator-indikator", "bench-admin"]
                 + [f"bench-verifikator-{i}" for i in range(1, n_verifikator + 1)])
        users = User.objects.bulk_create(User(username=u, password=hashed) for u in names)
        roles = [(Peran.OPERATOR_OPD, opd_anggaran), (Peran.OPERATOR_OPD, opd_indikator),
                 (Peran.ADMIN_PEMDA, None)] + [(Peran.VERIFIKATOR, None)] * n_verifikator
        Membership.objects.bulk_create(
            Membership(user=u, pemda=pemda, peran=peran, perangkat_daerah=o)
            for u, (peran, o) in zip(users, roles, strict=True))
    return SyntheticPemda(pemda=pemda, opd_anggaran=opd_anggaran, opd_indikator=opd_indikator,
                          opds=opds, verifikator=names[3:], seconds=time.perf_counter() - t0)
