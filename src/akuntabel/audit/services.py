"""Recording and reading the change history. Every path that changes data (forms, imports,
workflow actions) writes through ``record_change`` so that the history has one shape."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet

from akuntabel.audit.models import Perubahan
from akuntabel.common.konflik import nama_pengguna
from akuntabel.organizations.models import Pemda, PerangkatDaerah


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def record_change(opd: PerangkatDaerah, obj: models.Model, kolom: str, lama: Any, baru: Any, *,
                  sumber: str, oleh: AbstractBaseUser | AnonymousUser | None,
                  alasan: str = "") -> Perubahan | None:
    """Record that ``kolom`` of ``obj`` changed from ``lama`` to ``baru``; nothing when the
    value did not change. ``sumber`` says through what (e.g. "Isian realisasi TW II")."""
    return _create(obj, kolom, lama, baru, sumber=sumber, oleh=oleh, alasan=alasan,
                   perangkat_daerah=opd)


def record_pemda_change(pemda: Pemda, obj: models.Model, kolom: str, lama: Any, baru: Any, *,
                        sumber: str, oleh: AbstractBaseUser | AnonymousUser | None,
                        alasan: str = "") -> Perubahan | None:
    """Like ``record_change``, for a change that concerns no one OPD of ``pemda``: an account,
    a pemda-wide role. Never pass a password: record that it was set, not what to."""
    return _create(obj, kolom, lama, baru, sumber=sumber, oleh=oleh, alasan=alasan, pemda=pemda)


def _create(obj: models.Model, kolom: str, lama: Any, baru: Any, *, sumber: str,
            oleh: AbstractBaseUser | AnonymousUser | None, alasan: str,
            **where: PerangkatDaerah | Pemda) -> Perubahan | None:
    lama_t, baru_t = _text(lama), _text(baru)
    if lama_t == baru_t:
        return None
    user = oleh if oleh is not None and oleh.is_authenticated else None
    return Perubahan.objects.create(
        model=type(obj).__name__, objek_id=obj.pk, objek=str(obj)[:500], kolom=kolom,
        lama=lama_t, baru=baru_t, sumber=sumber[:300], alasan=alasan, oleh=user,
        oleh_nama=display_name(user), **where)


def display_name(user: Any) -> str:
    """A user as the history names them: the full name, else the username; "" for none."""
    return nama_pengguna(user)[:300]


def last_change(*objs: models.Model) -> tuple[str, datetime | None]:
    """Who last changed any of ``objs`` (their name as recorded, "" when unknown) and when
    (None when nothing is recorded): what a refused stale save tells the user."""
    if not objs:
        return "", None
    where = Q()
    for obj in objs:
        where |= Q(model=type(obj).__name__, objek_id=obj.pk)
    change = Perubahan.objects.filter(where).order_by("-created_at", "-id").first()
    if change is None:
        return "", None
    return change.oleh_nama, change.created_at


def history_for(obj: models.Model) -> QuerySet[Perubahan]:
    """The changes recorded for one object, newest first."""
    return (Perubahan.objects.filter(model=type(obj).__name__, objek_id=obj.pk)
            .select_related("oleh"))
