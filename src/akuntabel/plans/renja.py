"""The Renja of a year: its targets (for the year and per triwulan) and its indicative ceilings
(pagu indikatif), made by copying the Renstra's year and then adjusted, each changed value with
its reason (Permendagri 86/2017: the Renja follows the Renstra's year).

Targets are written through ``plans.targets.write_targets`` (its lock, versions, PK lock and
history); the ceilings (``RenjaAnggaran``) through :func:`tulis_pagu_renja` here, on the same
rules: bounds (``core.batas.UANG``), version, a reason when a value is changed, history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet

from akuntabel.audit.services import last_change, record_change
from akuntabel.common.teks import karakter_kendali
from akuntabel.core.batas import UANG, cek_batas
from akuntabel.plans.models import (
    TAHUNAN,
    Indikator,
    Kegiatan,
    Program,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    SubKegiatan,
    Target,
)
from akuntabel.plans.targets import NilaiTarget, needs_reason, write_targets

SUMBER_SALIN = "Renja: salin dari Renstra"
SUMBER = "Renja"

Node = Program | Kegiatan | SubKegiatan
_FIELD = {Program: "program", Kegiatan: "kegiatan", SubKegiatan: "sub_kegiatan"}


class RenjaRefused(Exception):
    """A Renja save refused before anything was written: ``errors`` maps each place (a form
    field's name) to its message in Indonesian."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


def indikator_renstra(renstra: Renstra) -> QuerySet[Indikator]:
    """Every indicator of the Renstra: of its tujuan, sasaran and program tree."""
    return Indikator.objects.filter(
        Q(tujuan__renstra=renstra) | Q(sasaran__tujuan__renstra=renstra)
        | Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
        | Q(sub_kegiatan__kegiatan__program__renstra=renstra))


def _nodes(renstra: Renstra) -> list[Node]:
    return [*Program.objects.filter(renstra=renstra),
            *Kegiatan.objects.filter(program__renstra=renstra),
            *SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)]


def _cek_tahun(renstra: Renstra, tahun: int) -> None:
    if tahun not in renstra.tahun:
        raise RenjaRefused({"tahun": f"Tahun {tahun} di luar periode Renstra "
                                     f"{renstra.tahun_awal}–{renstra.tahun_akhir}."})


def _key(node: Node) -> tuple[str, int]:
    return _FIELD[type(node)], node.pk


def salin_dari_renstra(renstra: Renstra, tahun: int, *, user: Any) -> tuple[int, int]:
    """Copy the Renstra's targets of ``tahun`` into the Renja's year targets, and the Renstra's
    funding of ``tahun`` into the Renja's indicative ceilings, wherever the Renja has no value
    yet (a value already adjusted is kept); (targets copied, ceilings copied)."""
    _cek_tahun(renstra, tahun)
    indikator = list(indikator_renstra(renstra))
    renstra_t = {t.indikator_id: t for t in Target.objects.filter(
        indikator__in=indikator, jenis=Target.Jenis.RENSTRA, tahun=tahun, triwulan=TAHUNAN)}
    renja_t = {t.indikator_id: t for t in Target.objects.filter(
        indikator__in=indikator, jenis=Target.Jenis.RENJA, tahun=tahun, triwulan=TAHUNAN)}
    values = []
    for ind in indikator:
        sumber, ada = renstra_t.get(ind.pk), renja_t.get(ind.pk)
        if sumber is None or (sumber.nilai is None and not sumber.teks):
            continue
        if ada is not None and (ada.nilai is not None or ada.teks):
            continue
        values.append(NilaiTarget(ind, Target.Jenis.RENJA, tahun, TAHUNAN, ada,
                                  ada.versi if ada else 0, sumber.teks, sumber.nilai,
                                  sumber.nilai_atas))
    nodes = _nodes(renstra)
    funding = {_key(n): None for n in nodes}
    for row in RenstraAnggaran.objects.filter(
            Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
            | Q(sub_kegiatan__kegiatan__program__renstra=renstra), tahun=tahun,
            target__isnull=False):
        funding[_anggaran_key(row)] = row.target
    ada_pagu = {_anggaran_key(r): r for r in _pagu_rows(renstra, tahun)}
    with transaction.atomic():
        copied = write_targets(renstra.perangkat_daerah, values, oleh=user, alasan="",
                               sumber=SUMBER_SALIN) if values else 0
        pagu = 0
        for node in nodes:
            nilai, row = funding[_key(node)], ada_pagu.get(_key(node))
            if nilai is None or (row is not None and row.pagu_indikatif is not None):
                continue
            _write_pagu(node, tahun, nilai, row, row.versi if row else 0, user=user,
                        alasan="", sumber=SUMBER_SALIN)
            pagu += 1
    return copied, pagu


def _anggaran_key(row: RenstraAnggaran | RenjaAnggaran) -> tuple[str, int]:
    for name in ("program", "kegiatan", "sub_kegiatan"):
        pk = getattr(row, f"{name}_id")
        if pk is not None:
            return name, pk
    raise ValueError("anggaran without node")


def _pagu_rows(renstra: Renstra, tahun: int) -> QuerySet[RenjaAnggaran]:
    return RenjaAnggaran.objects.filter(
        Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
        | Q(sub_kegiatan__kegiatan__program__renstra=renstra), tahun=tahun)


def pagu_renja(renstra: Renstra, tahun: int) -> dict[tuple[str, int], RenjaAnggaran]:
    """The Renja's ceiling rows of ``tahun`` by (level, node pk)."""
    return {_anggaran_key(r): r for r in _pagu_rows(renstra, tahun)}


@dataclass
class PaguBaru:
    """A ceiling to write as the page read it: the node, the value typed (None: empty), the
    version of the row when the page was read (0: no row), and the reason."""

    node: Node
    nilai: Decimal | None
    versi: int
    alasan: str = ""
    tempat: str = field(default="")   # the form field that holds it


@dataclass
class TargetBaru:
    """An indicator's Renja targets to write (``values`` as ``plans.targets.NilaiTarget``),
    with the reason typed on its row and the field that holds the reason."""

    values: list[NilaiTarget]
    alasan: str
    tempat: str


def _cek_pagu(p: PaguBaru, row: RenjaAnggaran | None, errors: dict[str, str]) -> None:
    nama = f"Pagu indikatif {p.node.kode}"
    if p.nilai is not None:
        if p.nilai.is_finite() and p.nilai < 0:
            errors[p.tempat] = f"{nama}: tidak boleh negatif."
            return
        if (why := cek_batas(p.nilai, UANG)) is not None:
            errors[p.tempat] = f"{nama}: {why}"
            return
    lama = row.pagu_indikatif if row is not None else None
    if lama is not None and lama != p.nilai and not p.alasan.strip():
        errors[p.tempat + "_alasan"] = f"{nama}: tuliskan alasan perubahan pagu indikatif."


def simpan_renja(renstra: Renstra, tahun: int, targets: Iterable[TargetBaru],
                 pagu: Iterable[PaguBaru], *, user: Any) -> int:
    """Write the Renja's targets and ceilings of ``tahun`` all or nothing; how many values
    changed. ``RenjaRefused`` (every refused place named, nothing written) for a value out of
    bounds or a changed value without its reason; ``plans.targets.TargetTerkunci`` and
    ``TargetBasi`` as ``write_targets`` raises them; ``RenjaRefused`` too for a ceiling
    another person saved since the page was read."""
    _cek_tahun(renstra, tahun)
    targets, pagu = list(targets), list(pagu)
    errors: dict[str, str] = {}
    for tempat, teks in [(t.tempat, t.alasan) for t in targets] + [
            (p.tempat + "_alasan", p.alasan) for p in pagu]:
        if (kode := karakter_kendali(teks)) is not None:
            errors[tempat] = (f"Alasan memuat karakter kendali {kode} yang tidak tampak dan "
                              "tidak dapat disimpan; hapus lalu ketik ulang.")
    for t in targets:
        if needs_reason(t.values) and not t.alasan.strip():
            ind = t.values[0].indikator
            errors[t.tempat] = (f"Indikator “{ind}”: tuliskan alasan perubahan target Renja "
                                f"{tahun}.")
    rows = pagu_renja(renstra, tahun)
    for p in pagu:
        _cek_pagu(p, rows.get(_key(p.node)), errors)
    if errors:
        raise RenjaRefused(errors)
    changed = 0
    with transaction.atomic():
        for t in targets:
            changed += write_targets(renstra.perangkat_daerah, t.values, oleh=user,
                                     alasan=t.alasan.strip(), sumber=SUMBER)
        for p in pagu:
            row = rows.get(_key(p.node))
            changed += _write_pagu(p.node, tahun, p.nilai, row, p.versi, user=user,
                                   alasan=p.alasan.strip(), sumber=SUMBER, tempat=p.tempat)
    return changed


def _write_pagu(node: Node, tahun: int, nilai: Decimal | None, row: RenjaAnggaran | None,
                versi: int, *, user: Any, alasan: str, sumber: str, tempat: str = "") -> int:
    """Write one ceiling if its row is still the version read; 1 when it changed."""
    if (row.versi if row else 0) != versi:
        _stale(node, row, tempat)
    lama = row.pagu_indikatif if row is not None else None
    if lama == nilai:
        return 0
    if row is None:
        row = RenjaAnggaran.objects.create(**{_FIELD[type(node)]: node}, tahun=tahun,
                                           pagu_indikatif=nilai)
    elif not RenjaAnggaran.objects.filter(pk=row.pk, versi=versi).update(
            pagu_indikatif=nilai, versi=F("versi") + 1):
        _stale(node, row, tempat)
    record_change(node_opd(node), row, "pagu_indikatif", _polos(lama), _polos(nilai),
                  sumber=sumber, oleh=user, alasan=alasan)
    return 1


def _stale(node: Node, row: RenjaAnggaran | None, tempat: str) -> None:
    oleh, _pada = last_change(row) if row is not None else ("", None)
    raise RenjaRefused({tempat or "__all__": (
        f"Pagu indikatif {node.kode} telah diubah{' oleh ' + oleh if oleh else ''} setelah "
        "halaman ini dibuka; muat ulang halaman lalu ulangi perubahan Anda.")})


def node_opd(node: Node) -> Any:
    if isinstance(node, SubKegiatan):
        return node.kegiatan.program.renstra.perangkat_daerah
    if isinstance(node, Kegiatan):
        return node.program.renstra.perangkat_daerah
    return node.renstra.perangkat_daerah


def _polos(nilai: Decimal | None) -> str:
    if nilai is None:
        return ""
    teks = f"{nilai:f}"
    return teks.rstrip("0").rstrip(".") if "." in teks else teks
