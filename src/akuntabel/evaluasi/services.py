"""A stored LKE template in the shape the scoring (:mod:`akuntabel.core.evaluasi`) takes."""

from __future__ import annotations

from decimal import Decimal

from akuntabel.core.evaluasi import Komponen, PitaPredikat, SubKomponen
from akuntabel.evaluasi.models import TemplateLke


def template_untuk_skor(
    template: TemplateLke,
) -> tuple[list[Komponen], dict[str, Decimal], list[PitaPredikat]]:
    """(components with their criteria's numbers, answer scale, predikat bands)."""
    komponen = [
        Komponen(k.kode, tuple(
            SubKomponen(s.kode, s.bobot, tuple(c.nomor for c in s.kriteria.all()))
            for s in k.sub.all()))
        for k in template.komponen.prefetch_related("sub__kriteria")
    ]
    skala = {s.kode: s.persen for s in template.skala.all()}
    pita = [PitaPredikat(p.batas_bawah, p.batas_bawah_eksklusif, p.predikat, p.label)
            for p in template.pita.all()]
    return komponen, skala, pita
