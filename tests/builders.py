"""Builders for test objects: ``make_x(**overrides)`` with sensible defaults."""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth.models import User

from akuntabel.accounts.models import Membership, Peran
from akuntabel.organizations.models import Pemda, PerangkatDaerah

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
