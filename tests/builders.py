"""Builders for test objects: ``make_x(**overrides)`` with sensible defaults."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from akuntabel.accounts.models import Membership, Peran
from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah
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

_seq = itertools.count(1)


def make_pemda(**overrides: Any) -> Pemda:
    n = next(_seq)
    values = {"kode": f"pemda-{n}", "nama": f"Kota Uji {n}", "jenis": "kota",
              "kepala_daerah_jabatan": f"Wali Kota Uji {n}"}
    values.update(overrides)
    return Pemda.objects.create(**values)


def make_opd(pemda: Pemda | None = None, **overrides: Any) -> PerangkatDaerah:
    n = next(_seq)
    values = {"pemda": pemda or make_pemda(), "kode": f"opd-{n}", "nama": f"Dinas Uji {n}"}
    values.update(overrides)
    return PerangkatDaerah.objects.create(**values)


def make_user(peran: str | None = None, opd: PerangkatDaerah | None = None,
              pemda: Pemda | None = None, **overrides: Any) -> User:
    n = next(_seq)
    user = User.objects.create_user(username=overrides.pop("username", f"user{n}"),
                                    password="sandi-uji-yang-panjang", **overrides)
    if peran is not None:
        Membership.objects.create(
            user=user, peran=peran, pemda=pemda or (opd.pemda if opd else make_pemda()),
            perangkat_daerah=opd if peran in (Peran.OPERATOR_OPD, Peran.KEPALA_OPD) else None)
    return user


def make_pejabat(opd: PerangkatDaerah | None = None, **overrides: Any) -> Pejabat:
    """An official of ``opd``: its head by default."""
    values = {"perangkat_daerah": opd or make_opd(), "peran": Pejabat.Peran.KEPALA,
              "nama": "Sri Amanto", "jabatan": "Kepala"}
    values.update(overrides)
    return Pejabat.objects.create(**values)


# --- A small synthetic plan: Renstra > Tujuan > Sasaran, Program > Kegiatan > Sub kegiatan ---

def make_renstra(opd: PerangkatDaerah | None = None, tahun_awal: int = 2021,
                 tahun_akhir: int = 2026, **overrides: Any) -> Renstra:
    """A Renstra of ``opd`` (a new agency by default) under its pemda's RPJMD of the same years,
    made when missing."""
    opd = opd or make_opd()
    rpjmd, _ = Rpjmd.objects.get_or_create(pemda=opd.pemda, tahun_awal=tahun_awal,
                                           tahun_akhir=tahun_akhir, defaults={"visi": "Visi"})
    values = {"perangkat_daerah": opd, "rpjmd": rpjmd, "tahun_awal": tahun_awal,
              "tahun_akhir": tahun_akhir}
    values.update(overrides)
    return Renstra.objects.create(**values)


def make_tujuan(renstra: Renstra | None = None, **overrides: Any) -> Tujuan:
    return Tujuan.objects.create(**{"renstra": renstra or make_renstra(),
                                    "uraian": "Tujuan uji", **overrides})


def make_sasaran(tujuan: Tujuan | None = None, **overrides: Any) -> Sasaran:
    return Sasaran.objects.create(**{"tujuan": tujuan or make_tujuan(),
                                     "uraian": "Sasaran uji", **overrides})


def make_program(renstra: Renstra | None = None, **overrides: Any) -> Program:
    n = next(_seq)
    return Program.objects.create(**{"renstra": renstra or make_renstra(),
                                     "kode": f"1.06.{n:02d}", "nama": f"Program uji {n}",
                                     **overrides})


def make_kegiatan(program: Program | None = None, **overrides: Any) -> Kegiatan:
    program = program or make_program()
    n = next(_seq)
    return Kegiatan.objects.create(**{"program": program, "kode": f"{program.kode}.2.{n:02d}",
                                      "nama": f"Kegiatan uji {n}", **overrides})


def make_sub_kegiatan(kegiatan: Kegiatan | None = None, **overrides: Any) -> SubKegiatan:
    kegiatan = kegiatan or make_kegiatan()
    n = next(_seq)
    return SubKegiatan.objects.create(**{"kegiatan": kegiatan, "kode": f"{kegiatan.kode}.{n:04d}",
                                         "nama": f"Sub kegiatan uji {n}", **overrides})


NODES = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
_UP = {Tujuan: "renstra", Sasaran: "tujuan", Program: "renstra", Kegiatan: "program",
       SubKegiatan: "kegiatan"}


def make_indikator(**overrides: Any) -> Indikator:
    """An indicator of the node given (``sasaran=``, ``sub_kegiatan=`` …; a sasaran of a new
    plan by default), of the node's agency."""
    if not any(overrides.get(n) for n in NODES):
        overrides["sasaran"] = make_sasaran()
    node: Any = next(overrides[n] for n in NODES if overrides.get(n))
    while not isinstance(node, Renstra):
        node = getattr(node, _UP[type(node)])
    values = {"perangkat_daerah": node.perangkat_daerah, "uraian": f"Indikator uji {next(_seq)}"}
    values.update(overrides)
    return Indikator.objects.create(**values)


def make_target(indikator: Indikator, nilai: Any, jenis: str = "renja", tahun: int = 2023,
                **overrides: Any) -> Target:
    """An annual target of ``jenis``; its text is the value unless ``teks=`` says otherwise."""
    values = {"indikator": indikator, "jenis": jenis, "tahun": tahun,
              "teks": "" if nilai is None else str(nilai),
              "nilai": None if nilai is None else Decimal(str(nilai))}
    values.update(overrides)
    return Target.objects.create(**values)
