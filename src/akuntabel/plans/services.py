"""Finding the plan in force."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery

from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Renstra


class NoRenstra(LookupError):
    """The OPD has no Renstra covering the year asked for; the message says so in Indonesian."""


def renstra_in_force(opd: PerangkatDaerah | int | OuterRef, tahun: int) -> QuerySet[Renstra]:
    """The OPD's Renstra in force in ``tahun``, first (``renstra_for`` takes it; a query may
    use it as a subquery): of the Renstra whose period covers ``tahun``, the latest version
    in force from that year or before (``Renstra.berlaku_mulai``; a Renstra perubahan
    leaves the years before it with the version they were measured against)."""
    return (Renstra.objects.filter(perangkat_daerah=opd, tahun_awal__lte=tahun,
                                   tahun_akhir__gte=tahun, berlaku_mulai__lte=tahun)
            .order_by("-tahun_awal", "-berlaku_mulai"))


def renstra_for(opd: PerangkatDaerah, tahun: int) -> Renstra:
    """The version of the OPD's Renstra that ``tahun`` is measured against, with its RPJMD
    (``renstra_in_force``); NoRenstra when no Renstra covers the year."""
    renstra = renstra_in_force(opd, tahun).select_related("rpjmd", "rpjmd__pemda").first()
    if renstra is None:
        raise NoRenstra(f"{opd.nama} tidak memiliki Renstra yang mencakup tahun {tahun}.")
    return renstra


def versi_pengganti(renstra: Renstra) -> Renstra | None:
    """The version that changes ``renstra`` (a Renstra perubahan made from it); None while
    ``renstra`` is the latest version of its period."""
    return Renstra.objects.filter(versi_dari=renstra).order_by("berlaku_mulai").first()


# The paths from an indicator to the Renstra of the node it hangs on.
INDIKATOR_RENSTRA = ("tujuan__renstra", "sasaran__tujuan__renstra", "program__renstra",
                     "kegiatan__program__renstra", "sub_kegiatan__kegiatan__program__renstra")


def indikator_of(renstra: Renstra | int | Subquery, prefix: str = "") -> Q:
    """A filter for the indicators of ``renstra`` (a Renstra, its id or a subquery giving it:
    of its tujuan, sasaran and program tree); ``prefix`` reaches the indicator from another
    model (``"indikator__"`` for a Target)."""
    pk = renstra.pk if isinstance(renstra, Renstra) else renstra
    where = Q()
    for path in INDIKATOR_RENSTRA:
        where |= Q(**{f"{prefix}{path}": pk})
    return where


def indikator_in_force(tahun: int) -> Q:
    """A filter for the indicators of the Renstra version their OPD's ``tahun`` is measured
    against (``renstra_in_force``, as a subquery on the indicator's own OPD), and every
    indicator of an OPD with no Renstra covering the year: for readers of many OPDs at once."""
    in_force = renstra_in_force(OuterRef("perangkat_daerah"), tahun)
    return indikator_of(Subquery(in_force.values("pk")[:1])) | ~Exists(in_force)


def targets_locked(opd: PerangkatDaerah, tahun: int) -> bool:
    """A signed Perjanjian Kinerja locks the year's targets; a PK perubahan is the way to change
    them (Permenpan RB 53/2014)."""
    from akuntabel.plans.models import PerjanjianKinerja

    return PerjanjianKinerja.objects.filter(
        perangkat_daerah=opd, tahun=tahun,
        status=PerjanjianKinerja.Status.DITANDATANGANI).exists()


def tahun_kerja(opd: PerangkatDaerah, today: date) -> int:
    """The year the OPD is working on, which pages outside a year open on (project
    convention): in the Renstra period in force today (else the next one to start), the latest
    year with a Renja target, a PK or a realisasi; else that Renstra's first year not yet past;
    else the calendar year."""
    from akuntabel.plans.models import Indikator, PerjanjianKinerja, Target

    renstra = (renstra_in_force(opd, today.year).first()
               or Renstra.objects.filter(perangkat_daerah=opd, tahun_awal__gt=today.year)
               .order_by("tahun_awal", "berlaku_mulai").first())
    if renstra is None:
        return today.year
    periode = {"tahun__gte": renstra.tahun_awal, "tahun__lte": renstra.tahun_akhir}
    tahun = [
        Target.objects.filter(indikator__perangkat_daerah=opd, jenis=Target.Jenis.RENJA,
                              **periode).aggregate(t=Max("tahun"))["t"],
        PerjanjianKinerja.objects.filter(perangkat_daerah=opd, **periode)
        .aggregate(t=Max("tahun"))["t"],
        Indikator.objects.filter(perangkat_daerah=opd, **{
            f"realisasi__{k}": v for k, v in periode.items()}).aggregate(
            t=Max("realisasi__tahun"))["t"],
    ]
    ada = [t for t in tahun if t is not None]
    return max(ada) if ada else max(renstra.tahun_awal, today.year)
