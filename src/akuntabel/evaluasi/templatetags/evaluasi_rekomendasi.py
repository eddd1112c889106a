"""Hooks other pages include: the OPD's recommendations still to follow up (its dashboard) and
the recommendations of the year before with their follow-up (the next year's worksheet)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from akuntabel.core.rekomendasi import terlambat
from akuntabel.evaluasi.models import Evaluasi
from akuntabel.evaluasi.rekomendasi import rekomendasi_sebelumnya, rekomendasi_terbuka
from akuntabel.organizations.models import PerangkatDaerah

register = template.Library()


@register.inclusion_tag("evaluasi/_rekomendasi_terbuka.html")
def rekomendasi_opd(opd: PerangkatDaerah) -> dict[str, Any]:
    """The OPD's recommendations not yet followed up, of delivered evaluations, overdue ones
    marked (``core.rekomendasi.terlambat``)."""
    hari_ini = timezone.localdate()
    daftar = list(rekomendasi_terbuka(opd))
    return {"opd": opd, "daftar": [(r, terlambat(r.batas_waktu, r.status, hari_ini))
                                   for r in daftar]}


@register.inclusion_tag("evaluasi/_rekomendasi_lalu.html")
def rekomendasi_lalu(evaluasi: Evaluasi) -> dict[str, Any]:
    return {"evaluasi": evaluasi, "daftar": list(rekomendasi_sebelumnya(evaluasi))}
