"""Access checks: one function per object kind, called on a view's first line.

Hiding a button is never the control: these functions are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from akuntabel.accounts.models import PEMDA_WIDE, Membership, Peran
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import Indikator
from akuntabel.results.models import BuktiDukung

EDIT_ROLES = {Peran.OPERATOR_OPD, Peran.KEPALA_OPD, Peran.ADMIN_PEMDA}


def visible_opd(user: AbstractBaseUser | AnonymousUser) -> QuerySet[PerangkatDaerah]:
    """The perangkat daerah whose unpublished data the user may read."""
    if not user.is_authenticated:
        return PerangkatDaerah.objects.none()
    if user.is_superuser:
        return PerangkatDaerah.objects.all()
    memberships = Membership.objects.filter(user=user)
    pemda_wide = memberships.filter(peran__in=[p.value for p in PEMDA_WIDE]).values("pemda")
    own = memberships.filter(perangkat_daerah__isnull=False).values("perangkat_daerah")
    return PerangkatDaerah.objects.filter(Q(pemda__in=pemda_wide) | Q(pk__in=own))


def get_opd_for_user(user: AbstractBaseUser | AnonymousUser,
                     pk: int) -> tuple[PerangkatDaerah, bool]:
    """The perangkat daerah ``pk`` and whether the user may edit its data.

    Raises Http404 when the user may not read it, so that outsiders learn nothing of it.
    """
    opd = visible_opd(user).select_related("pemda").filter(pk=pk).first()
    if opd is None:
        raise Http404
    if user.is_superuser:
        return opd, True
    can_edit = Membership.objects.filter(
        Q(perangkat_daerah=opd, peran__in=[Peran.OPERATOR_OPD, Peran.KEPALA_OPD])
        | Q(pemda=opd.pemda, peran=Peran.ADMIN_PEMDA),
        user=user,
    ).exists()
    return opd, can_edit


def can_explain_findings(user: AbstractBaseUser | AnonymousUser, opd: PerangkatDaerah) -> bool:
    """Who may mark a reviu finding as explained: the Inspektorat's reviewer and the admin of
    the pemda, and the OPD's own operator and head."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        Q(perangkat_daerah=opd, peran__in=[Peran.OPERATOR_OPD, Peran.KEPALA_OPD])
        | Q(pemda=opd.pemda, peran__in=[Peran.REVIEWER, Peran.ADMIN_PEMDA]),
        user=user,
    ).exists()


@dataclass(frozen=True)
class Hak:
    """What a user may do with one perangkat daerah's data, by role. Views take their decisions
    from here (after ``get_*_for_user`` has checked that the user may read at all)."""

    ubah: bool = False         # enter realisasi, targets, narratives (operator, kepala, admin)
    verifikasi: bool = False   # verify, return, reopen a triwulan (verifikator, admin)
    tandatangani: bool = False  # sign the PK, make a LAKIP final (kepala, admin)
    jelaskan: bool = False     # mark reviu findings explained (reviewer, admin, operator, kepala)
    kelola: bool = False       # manage users, officials, reference data (admin pemda)


def _roles(user: AbstractBaseUser | AnonymousUser, opd: PerangkatDaerah) -> set[str]:
    return set(Membership.objects.filter(
        Q(perangkat_daerah=opd) | Q(pemda=opd.pemda, perangkat_daerah__isnull=True),
        user=user,
    ).values_list("peran", flat=True))


def hak_for(user: AbstractBaseUser | AnonymousUser, opd: PerangkatDaerah) -> Hak:
    """The user's rights on ``opd``'s data; nothing for a user without a role there."""
    if not user.is_authenticated:
        return Hak()
    if user.is_superuser:
        return Hak(True, True, True, True, True)
    return _hak(_roles(user, opd))


def _hak(roles: set[str]) -> Hak:
    admin = Peran.ADMIN_PEMDA in roles
    opd_staff = bool(roles & {Peran.OPERATOR_OPD, Peran.KEPALA_OPD})
    return Hak(
        ubah=opd_staff or admin,
        verifikasi=Peran.VERIFIKATOR in roles or admin,
        tandatangani=Peran.KEPALA_OPD in roles or admin,
        jelaskan=opd_staff or admin or Peran.REVIEWER in roles,
        kelola=admin,
    )


_PEMDA_WIDE_VALUES = frozenset(p.value for p in PEMDA_WIDE)


def get_opd_hak_for_user(user: AbstractBaseUser | AnonymousUser,
                         pk: int) -> tuple[PerangkatDaerah, Hak]:
    """The perangkat daerah ``pk`` and the user's rights on it; Http404 when the user may not
    read it.

    The rules of ``visible_opd`` and ``hak_for``, applied to the user's memberships read once
    (a handful of rows) rather than in two queries with subqueries: every OPD page calls this.
    """
    if not user.is_authenticated:
        raise Http404
    if user.is_superuser:
        opd = PerangkatDaerah.objects.select_related("pemda").filter(pk=pk).first()
        if opd is None:
            raise Http404
        return opd, Hak(True, True, True, True, True)
    rows = list(Membership.objects.filter(user=user)
                .values_list("pemda_id", "perangkat_daerah_id", "peran"))
    pemda_wide = {pemda for pemda, _, peran in rows if peran in _PEMDA_WIDE_VALUES}
    own = {opd_pk for _, opd_pk, _ in rows if opd_pk is not None}
    if not (pemda_wide or own):
        raise Http404
    opd = PerangkatDaerah.objects.select_related("pemda").filter(pk=pk).first()
    if opd is None or not (opd.pemda_id in pemda_wide or opd.pk in own):
        raise Http404
    roles = {peran for pemda, opd_pk, peran in rows
             if opd_pk == opd.pk or (opd_pk is None and pemda == opd.pemda_id)}
    return opd, _hak(roles)


def visible_pemda(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Pemda]:
    """The pemda whose every OPD the user may read: verifikator, reviewer and admin pemda."""
    if not user.is_authenticated:
        return Pemda.objects.none()
    if user.is_superuser:
        return Pemda.objects.all()
    return Pemda.objects.filter(memberships__user=user,
                                memberships__peran__in=[p.value for p in PEMDA_WIDE]).distinct()


def get_pemda_for_user(user: AbstractBaseUser | AnonymousUser, pk: int) -> tuple[Pemda, bool]:
    """The pemda ``pk`` for its overview, and whether the user administers it (admin pemda);
    Http404 for anyone without a pemda-wide role there."""
    if not user.is_authenticated:
        raise Http404
    if user.is_superuser:
        pemda = Pemda.objects.filter(pk=pk).first()
        if pemda is None:
            raise Http404
        return pemda, True
    # The rules of ``visible_pemda``, on the user's memberships read once (a handful of rows).
    roles = {peran for pemda_pk, peran in Membership.objects.filter(user=user)
             .values_list("pemda_id", "peran") if pemda_pk == int(pk)}
    if not roles & _PEMDA_WIDE_VALUES:
        raise Http404
    pemda = Pemda.objects.filter(pk=pk).first()
    if pemda is None:
        raise Http404
    return pemda, Peran.ADMIN_PEMDA in roles


def get_indikator_for_user(user: AbstractBaseUser | AnonymousUser,
                           pk: int) -> tuple[Indikator, Hak]:
    """The indikator ``pk`` and the user's rights on its OPD; Http404 when hidden."""
    indikator = (Indikator.objects.select_related("perangkat_daerah", "perangkat_daerah__pemda")
                 .filter(pk=pk, perangkat_daerah__in=visible_opd(user)).first())
    if indikator is None:
        raise Http404
    return indikator, hak_for(user, indikator.perangkat_daerah)


def get_bukti_for_user(user: AbstractBaseUser | AnonymousUser, pk: int) -> tuple[BuktiDukung, Hak]:
    """An evidence file and the user's rights on its OPD; Http404 when hidden."""
    bukti = (BuktiDukung.objects.select_related("realisasi__indikator__perangkat_daerah__pemda")
             .filter(pk=pk, realisasi__indikator__perangkat_daerah__in=visible_opd(user)).first())
    if bukti is None:
        raise Http404
    return bukti, hak_for(user, bukti.realisasi.indikator.perangkat_daerah)
