"""Run the reviu for an OPD and year, and record explanations: one way in for the CLI, the
web app and the reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akuntabel.audit.services import record_change
from akuntabel.core.reviu import Finding, ReviuData, run_reviu
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reviews.context import build_reviu_data
from akuntabel.reviews.models import Penjelasan


@dataclass(frozen=True)
class Temuan:
    """A finding with its explanation, if one applies to it as it is now."""

    finding: Finding
    penjelasan: Penjelasan | None

    @property
    def explained(self) -> bool:
        return self.penjelasan is not None


def review(opd: PerangkatDaerah, tahun: int, data: ReviuData | None = None) -> list[Temuan]:
    """The findings of the OPD-year's data (``data``: another reading of it, such as the LKjIP
    as printed, ``reviews.lkjip``), each with its explanation if one applies."""
    findings = run_reviu(data if data is not None else build_reviu_data(opd, tahun))
    explanations = {
        p.sidik_jari: p
        for p in Penjelasan.objects.filter(perangkat_daerah=opd, tahun=tahun,
                                           dicabut_at__isnull=True).order_by("created_at")
    }
    return [Temuan(f, explanations.get(f.sidik_jari)) for f in findings]


class UnknownFinding(LookupError):
    pass


@transaction.atomic
def explain(opd: PerangkatDaerah, tahun: int, sidik_jari: str, catatan: str,
            user: AbstractBaseUser | None) -> Penjelasan:
    """Mark the current finding with this fingerprint as explained. An earlier explanation of
    the same finding is withdrawn, not deleted: every explanation stays on record."""
    catatan = catatan.strip()
    if not catatan:
        raise ValueError(_("An explanation is required."))
    finding = next((t.finding for t in review(opd, tahun)
                    if t.finding.sidik_jari == sidik_jari), None)
    if finding is None:  # a finding of the LKjIP as printed (its drafted text, its quarters)
        from akuntabel.reviews.lkjip import reviu_lkjip

        finding = next((t.finding for t in reviu_lkjip(opd, tahun)
                        if t.finding.sidik_jari == sidik_jari), None)
    if finding is None:
        raise UnknownFinding(_("This finding no longer exists: its data may have changed."))
    now = timezone.now()
    current = Penjelasan.objects.filter(perangkat_daerah=opd, tahun=tahun, sidik_jari=sidik_jari,
                                        dicabut_at__isnull=True)
    lama = "\n".join(p.catatan for p in current.order_by("created_at"))
    current.update(dicabut_at=now, dicabut_by=user)
    penjelasan = Penjelasan.objects.create(
        perangkat_daerah=opd, tahun=tahun, sidik_jari=sidik_jari, code=finding.code,
        lokasi_kunci=finding.lokasi.kunci[:500], diharapkan=(finding.diharapkan or "")[:200],
        ditemukan=(finding.ditemukan or "")[:200], catatan=catatan, created_by=user)
    # In the history as any change: the finding named by its rule, year and place.
    record_change(opd, penjelasan, f"penjelasan {finding.code}", lama, catatan,
                  sumber=f"Reviu {tahun} · {finding.code} · {finding.lokasi.uraian}", oleh=user)
    return penjelasan
