"""Finding the plan in force."""

from __future__ import annotations

from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Renstra


class NoRenstra(LookupError):
    """The OPD has no Renstra covering the year asked for; the message says so in Indonesian."""


def renstra_for(opd: PerangkatDaerah, tahun: int) -> Renstra:
    """The OPD's Renstra whose period covers ``tahun`` (with its RPJMD)."""
    renstra = (Renstra.objects.filter(perangkat_daerah=opd, tahun_awal__lte=tahun,
                                      tahun_akhir__gte=tahun)
               .select_related("rpjmd", "rpjmd__pemda").first())
    if renstra is None:
        raise NoRenstra(f"{opd.nama} tidak memiliki Renstra yang mencakup tahun {tahun}.")
    return renstra


def targets_locked(opd: PerangkatDaerah, tahun: int) -> bool:
    """A signed Perjanjian Kinerja locks the year's targets; a PK perubahan is the way to change
    them (Permenpan RB 53/2014)."""
    from akuntabel.plans.models import PerjanjianKinerja

    return PerjanjianKinerja.objects.filter(
        perangkat_daerah=opd, tahun=tahun,
        status=PerjanjianKinerja.Status.DITANDATANGANI).exists()
