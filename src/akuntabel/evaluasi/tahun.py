"""The year a list of evaluations opens on, and the years it links to: a pemda whose
evaluations are of older years (the demo's is of 2023) reaches them from the list without
typing ``?tahun``."""

from __future__ import annotations

from django.http import HttpRequest

from akuntabel.evaluasi.models import Evaluasi
from akuntabel.organizations.models import Pemda


def tahun_dievaluasi(pemda: Pemda) -> list[int]:
    """The years that have an evaluation of ``pemda`` (of any OPD or the pemda itself)."""
    return sorted(set(Evaluasi.objects.filter(pemda=pemda).values_list("tahun", flat=True)))


def tahun_dipilih(request: HttpRequest, ada: list[int], default: int) -> int:
    """``?tahun`` when it is a year; else the latest year with an evaluation; else ``default``."""
    teks = request.GET.get("tahun", "")
    if teks.isdigit() and 2000 <= int(teks) <= 2100:
        return int(teks)
    return ada[-1] if ada else default


def tahun_tautan(ada: list[int], tahun: int, default: int) -> list[int]:
    """Every year with an evaluation, the shown year and the default with their neighbours."""
    return sorted({*ada, tahun - 1, tahun, tahun + 1, default - 1, default, default + 1})
