"""The API tests' world: a pemda with two OPD (each with indicators, a DPA for the budget
tests), a token of the OPD's operator, a token of the other OPD's operator, a revoked one."""

from __future__ import annotations

from akuntabel.accounts.models import Peran
from akuntabel.api.models import TokenApi
from akuntabel.api.tokens import buat_token, cabut_token
from akuntabel.reporting.models import PelaporanTriwulan
from tests.builders import make_user

TAHUN = 2023


def token_of(user, lingkup=TokenApi.Lingkup.TULIS, opd=None, nama="portal data") -> str:
    return buat_token(user, nama, lingkup, opd)[1]


def operator_token(opd, **kw) -> str:
    return token_of(make_user(Peran.OPERATOR_OPD, opd=opd), **kw)


def revoked_token(opd) -> str:
    user = make_user(Peran.OPERATOR_OPD, opd=opd)
    token, rahasia = buat_token(user, "lama", TokenApi.Lingkup.TULIS)
    cabut_token(user, token.pk)
    return rahasia


def bearer(rahasia: str | None) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {rahasia}"} if rahasia else {}


def set_status(opd, triwulan, status, tahun=TAHUN):
    PelaporanTriwulan.objects.update_or_create(
        perangkat_daerah=opd, tahun=tahun, triwulan=triwulan, defaults={"status": status})


VERIFIED = PelaporanTriwulan.Status.DIVERIFIKASI
