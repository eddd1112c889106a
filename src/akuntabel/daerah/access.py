"""Who may read and write the IKU of the pemda: one function per object kind, called on a
view's first line. Reading: the pemda-wide roles (verifikator, reviewer, admin pemda);
managing the Perkada and the IKU: the admin pemda; deciding a proposed link: Bappeda's
verifikator or the admin pemda. An OPD proposes links from its own page (``hak.ubah``). The
indicators of the tujuan daerah (RPJMD): read by the pemda-wide roles, defined by the admin
pemda, their realisasi entered by Bappeda (verifikator) or the admin pemda."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from akuntabel.accounts.access import get_pemda_for_user
from akuntabel.accounts.models import Membership, Peran
from akuntabel.daerah.models import IkuDaerah, Perkada, TautanIku
from akuntabel.organizations.models import Pemda
from akuntabel.plans.models import IndikatorTujuanDaerah, Rpjmd, TujuanDaerah


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


@dataclass(frozen=True)
class HakTujuan:
    kelola: bool = False     # the tujuan indicators, their targets (admin pemda)
    isi: bool = False        # their yearly realisasi (Bappeda's verifikator, admin pemda)


def get_rpjmd_tujuan_for_user(user: Any, pk: int) -> tuple[Rpjmd, HakTujuan]:
    """The RPJMD ``pk`` and the user's rights on its tujuan indicators; Http404 without a
    pemda-wide role in its pemda."""
    rpjmd = Rpjmd.objects.select_related("pemda").filter(pk=pk).first()
    if rpjmd is None:
        raise Http404
    _pemda, hak = get_pemda_iku_for_user(user, rpjmd.pemda_id)
    return rpjmd, HakTujuan(kelola=hak.kelola, isi=hak.putuskan)


def get_tujuan_daerah_for_user(user: Any, pk: int) -> tuple[TujuanDaerah, HakTujuan]:
    tujuan = TujuanDaerah.objects.select_related("rpjmd__pemda").filter(pk=pk).first()
    if tujuan is None:
        raise Http404
    _rpjmd, hak = get_rpjmd_tujuan_for_user(user, tujuan.rpjmd_id)
    return tujuan, hak


def get_indikator_tujuan_for_user(user: Any, pk: int
                                  ) -> tuple[IndikatorTujuanDaerah, HakTujuan]:
    indikator = (IndikatorTujuanDaerah.objects.select_related("tujuan_daerah__rpjmd__pemda")
                 .filter(pk=pk).first())
    if indikator is None:
        raise Http404
    _rpjmd, hak = get_rpjmd_tujuan_for_user(user, indikator.tujuan_daerah.rpjmd_id)
    return indikator, hak
