"""Access checks: one function per object kind, called on a view's first line.

Hiding a button is never the control: these functions are.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from akuntabel.accounts.models import PEMDA_WIDE, Membership, Peran
from akuntabel.organizations.models import PerangkatDaerah

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
