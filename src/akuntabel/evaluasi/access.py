"""Who may read and write an evaluation: one function per object kind, called on a view's first
line (the services check the same rights again before they write).

Reading: the pemda-wide roles (reviewer, admin pemda, verifikator) read every evaluation of
their pemda; an OPD's operator and head read their own OPD's only. Writing, by side:

* ``jawab``: the evaluated unit (its operator and head; for the pemda's self-assessment, the
  admin pemda) answers, gives evidence and responds;
* ``nilai``: the evaluator (the Inspektorat's reviewer) sets the grades and locks;
* ``kelola``: the reviewer and the admin pemda open the year's evaluations and set windows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from akuntabel.accounts.models import PEMDA_WIDE, Membership, Peran
from akuntabel.evaluasi.models import BuktiJawaban, Evaluasi, Jawaban
from akuntabel.organizations.models import Pemda

_PEMDA_WIDE = frozenset(p.value for p in PEMDA_WIDE)
_OPD_STAFF = frozenset({Peran.OPERATOR_OPD.value, Peran.KEPALA_OPD.value})


@dataclass(frozen=True)
class HakEvaluasi:
    jawab: bool = False    # the evaluated unit: answers, evidence, responses
    nilai: bool = False    # the evaluator: grades, lock
    kelola: bool = False   # open the year's evaluations, set their windows


SEMUA = HakEvaluasi(True, True, True)


def _memberships(user: Any, pemda_id: int) -> tuple[set[str], dict[int, set[str]]]:
    """(the user's pemda-wide roles in the pemda, roles per OPD of the pemda)."""
    pemda_roles: set[str] = set()
    opd_roles: dict[int, set[str]] = {}
    for opd_id, peran in Membership.objects.filter(user=user, pemda_id=pemda_id).values_list(
            "perangkat_daerah_id", "peran"):
        if opd_id is None:
            pemda_roles.add(peran)
        else:
            opd_roles.setdefault(opd_id, set()).add(peran)
    return pemda_roles & _PEMDA_WIDE, opd_roles


def hak_evaluasi(user: Any, evaluasi: Evaluasi) -> HakEvaluasi | None:
    """The user's rights on ``evaluasi``; None when the user may not read it."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return SEMUA
    pemda_roles, opd_roles = _memberships(user, evaluasi.pemda_id)
    own = bool(evaluasi.perangkat_daerah_id
               and opd_roles.get(evaluasi.perangkat_daerah_id, set()) & _OPD_STAFF)
    if not pemda_roles and not own:
        return None
    admin = Peran.ADMIN_PEMDA in pemda_roles
    reviewer = Peran.REVIEWER in pemda_roles
    return HakEvaluasi(jawab=own or (admin and evaluasi.perangkat_daerah_id is None),
                       nilai=reviewer, kelola=reviewer or admin)


def hak_pemda(user: Any, pemda: Pemda) -> HakEvaluasi | None:
    """The user's rights on the pemda's list of evaluations; None without a pemda-wide role."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return SEMUA
    pemda_roles, _opd = _memberships(user, pemda.pk)
    if not pemda_roles:
        return None
    reviewer = Peran.REVIEWER in pemda_roles
    return HakEvaluasi(jawab=Peran.ADMIN_PEMDA in pemda_roles, nilai=reviewer,
                       kelola=reviewer or Peran.ADMIN_PEMDA in pemda_roles)


def get_pemda_evaluasi_for_user(user: Any, pk: int) -> tuple[Pemda, HakEvaluasi]:
    pemda = Pemda.objects.filter(pk=pk).first()
    hak = hak_pemda(user, pemda) if pemda is not None else None
    if pemda is None or hak is None:
        raise Http404
    return pemda, hak


def get_evaluasi_for_user(user: Any, pk: int) -> tuple[Evaluasi, HakEvaluasi]:
    evaluasi = (Evaluasi.objects.select_related("pemda", "perangkat_daerah", "template",
                                                "dikunci_oleh")
                .filter(pk=pk).first())
    hak = hak_evaluasi(user, evaluasi) if evaluasi is not None else None
    if evaluasi is None or hak is None:
        raise Http404
    return evaluasi, hak


def get_jawaban_for_user(user: Any, pk: int) -> tuple[Jawaban, HakEvaluasi]:
    jawaban = (Jawaban.objects.select_related("evaluasi__pemda", "evaluasi__perangkat_daerah",
                                              "kriteria").filter(pk=pk).first())
    hak = hak_evaluasi(user, jawaban.evaluasi) if jawaban is not None else None
    if jawaban is None or hak is None:
        raise Http404
    return jawaban, hak


def get_bukti_for_user(user: Any, pk: int) -> tuple[BuktiJawaban, HakEvaluasi]:
    bukti = (BuktiJawaban.objects.select_related(
        "jawaban__evaluasi__pemda", "jawaban__evaluasi__perangkat_daerah", "jawaban__kriteria")
        .filter(pk=pk).first())
    hak = hak_evaluasi(user, bukti.jawaban.evaluasi) if bukti is not None else None
    if bukti is None or hak is None:
        raise Http404
    return bukti, hak


def evaluasi_opd_for_user(user: Any) -> QuerySet[Evaluasi]:
    """The evaluations of the OPD the user works in as operator or head (their own list)."""
    if not user.is_authenticated:
        return Evaluasi.objects.none()
    own = Membership.objects.filter(user=user, peran__in=list(_OPD_STAFF),
                                    perangkat_daerah__isnull=False).values("perangkat_daerah")
    return (Evaluasi.objects.filter(perangkat_daerah__in=own)
            .select_related("perangkat_daerah", "template").order_by("-tahun"))
