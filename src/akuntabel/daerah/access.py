"""Who may read and write the IKU of the pemda: one function per object kind, called on a
view's first line. Reading: the pemda-wide roles (verifikator, reviewer, admin pemda);
managing the Perkada and the IKU: the admin pemda; deciding a proposed link: Bappeda's
verifikator or the admin pemda. An OPD proposes links from its own page (``hak.ubah``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from akuntabel.accounts.access import get_pemda_for_user
from akuntabel.accounts.models import Membership, Peran
from akuntabel.daerah.models import IkuDaerah, Perkada, TautanIku
from akuntabel.organizations.models import Pemda


@dataclass(frozen=True)
class HakIku:
    kelola: bool = False     # Perkada versions and IKU (admin pemda)
    putuskan: bool = False   # approve or reject a proposed link (verifikator, admin pemda)


def get_pemda_iku_for_user(user: Any, pk: int) -> tuple[Pemda, HakIku]:
    """The pemda ``pk`` and the user's rights on its IKU; Http404 without a pemda-wide role."""
    pemda, is_admin = get_pemda_for_user(user, pk)
    verifikator = is_admin or Membership.objects.filter(
        user=user, pemda=pemda, peran=Peran.VERIFIKATOR).exists()
    return pemda, HakIku(kelola=is_admin, putuskan=verifikator)


def get_perkada_for_user(user: Any, pk: int) -> tuple[Perkada, HakIku]:
    perkada = Perkada.objects.select_related("rpjmd__pemda").filter(pk=pk).first()
    if perkada is None:
        raise Http404
    _pemda, hak = get_pemda_iku_for_user(user, perkada.rpjmd.pemda_id)
    return perkada, hak


def get_iku_for_user(user: Any, pk: int) -> tuple[IkuDaerah, HakIku]:
    iku = (IkuDaerah.objects.select_related("perkada__rpjmd__pemda", "sasaran_daerah")
           .filter(pk=pk).first())
    if iku is None:
        raise Http404
    _pemda, hak = get_pemda_iku_for_user(user, iku.perkada.rpjmd.pemda_id)
    return iku, hak


def get_tautan_for_user(user: Any, pk: int) -> tuple[TautanIku, HakIku]:
    tautan = TautanIku.objects.select_related("iku__perkada__rpjmd").filter(pk=pk).first()
    if tautan is None:
        raise Http404
    _pemda, hak = get_pemda_iku_for_user(user, tautan.iku.perkada.rpjmd.pemda_id)
    return tautan, hak
