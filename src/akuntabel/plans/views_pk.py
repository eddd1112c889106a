"""Perjanjian Kinerja screens: the year's PK, and the actions compose, edit, submit, sign,
send back and amend. Each view checks access on its first line; the workflow itself lives in
``plans.pk_services``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import Hak, get_opd_hak_for_user
from akuntabel.audit.models import Perubahan
from akuntabel.budget.services import ROOT, build_budget_tree
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans import pk_services as svc
from akuntabel.plans.models import PerjanjianKinerja, PerjanjianKinerjaBaris


@dataclass
class BarisTampil:
    nomor: int
    baris: PerjanjianKinerjaBaris
    isian: str  # what the input shows: the typed text after an error, else the stored text
    kosong: bool  # no target yet: flagged


@dataclass
class ProgramTampil:
    kode: str
    nama: str
    anggaran: Decimal | None


@dataclass
class PkTampil:
    pk: PerjanjianKinerja
    baris: list[BarisTampil]
    program: list[ProgramTampil]
    total: Decimal | None
    program_dari_dpa: bool  # the PK records no program: the DPA's, as the document shows
    berlaku: bool
    dapat_diubah: bool
    pihak: list[tuple[str, str, str, int]]  # field name, label, value shown, max length
    tanggal: str  # the date field's value


@dataclass
class RiwayatTampil:
    perubahan: Perubahan
    kolom: str
    lama: str
    baru: str


def _riwayat(pks: list[PerjanjianKinerja]) -> list[RiwayatTampil]:
    """The PK's history with field names and status values as a person reads them."""
    if not pks:
        return []
    label = {f.name: f.verbose_name for f in PerjanjianKinerja._meta.fields}
    label["target"] = PerjanjianKinerjaBaris._meta.get_field("target").verbose_name
    status = dict(PerjanjianKinerja.Status.choices)
    rows = []
    for c in svc.history_of(pks)[:200]:
        lama, baru = ((status.get(c.lama, c.lama), status.get(c.baru, c.baru))
                      if c.kolom == "status" else (c.lama, c.baru))
        rows.append(RiwayatTampil(c, str(label.get(c.kolom, c.kolom)), lama, baru))
    return rows


def _program_dpa(opd: PerangkatDaerah, tahun: int) -> tuple[list[ProgramTampil], Decimal | None]:
    tree = build_budget_tree(opd, tahun)
    return ([ProgramTampil(tree.info[k].kode, tree.info[k].uraian, tree.hasil[k].pagu.nilai)
             for k in tree.children(ROOT)], tree.total.pagu.nilai)


def _jumlah(nilai: list[Decimal | None]) -> Decimal | None:
    ada = [n for n in nilai if n is not None]
    return sum(ada, Decimal(0)) if ada else None


def _context(opd: PerangkatDaerah, tahun: int, hak: Hak,
             isian: dict[str, str] | None = None, pk_isian: int | None = None) -> dict[str, Any]:
    pks = list(svc.pk_of_year(opd, tahun))
    berlaku = svc.pk_in_force(pks)
    dpa: tuple[list[ProgramTampil], Decimal | None] | None = None
    tampil = []
    for pk in pks:
        typed = isian if isian is not None and pk.pk == pk_isian else {}
        baris = [BarisTampil(n, b, typed.get(f"target_{b.pk}", b.target_teks),
                             not svc.row_has_target(b))
                 for n, b in enumerate(pk.baris.all(), start=1)]
        program = [ProgramTampil(p.program.kode, p.program.nama, p.anggaran)
                   for p in pk.program.all()]
        dari_dpa = not program
        if dari_dpa:
            dpa = dpa or _program_dpa(opd, tahun)
            program, total = dpa
        else:
            total = _jumlah([p.anggaran for p in program])
        pihak = [(nama, PerjanjianKinerja._meta.get_field(nama).verbose_name,
                  typed.get(nama, getattr(pk, nama)), panjang)
                 for nama, (_label, panjang) in svc.PIHAK.items()]
        tanggal = typed.get("tanggal", pk.tanggal.isoformat() if pk.tanggal else "")
        tampil.append(PkTampil(pk, baris, program, total, dari_dpa, pk == berlaku,
                               hak.ubah and pk.status == PerjanjianKinerja.Status.DRAFT,
                               pihak, tanggal))
    terbuka = any(p.status != PerjanjianKinerja.Status.DITANDATANGANI for p in pks)
    return {
        "opd": opd, "tahun": tahun, "hak": hak, "tampil": tampil, "berlaku": berlaku,
        "ada_induk": any(p.jenis == PerjanjianKinerja.Jenis.INDUK for p in pks),
        "dapat_perubahan": hak.ubah and berlaku is not None and not terbuka,
        "riwayat": _riwayat(pks),
    }


@login_required
def pk_detail(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    return render(request, "plans/pk_detail.html", _context(opd, tahun, hak))


def _back(opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    return redirect(reverse("pk_detail", args=[opd.pk, tahun]))


def _pk_posted(request: HttpRequest, opd: PerangkatDaerah, tahun: int) -> PerjanjianKinerja:
    """The PK the form names, which must be one of this OPD's for the year."""
    ident = request.POST.get("perjanjian", "")
    valid = ident.isascii() and ident.isdigit() and len(ident) < 19
    return get_object_or_404(PerjanjianKinerja, pk=int(ident) if valid else 0,
                             perangkat_daerah=opd, tahun=tahun)


def _refuse(request: HttpRequest, exc: svc.PkError) -> None:
    for pesan in exc.kesalahan:
        messages.error(request, pesan)


def _versi_posted(request: HttpRequest) -> int | None:
    """The version of the PK the form was read from; None when it names none or not a whole
    number (such a form is refused, never taken as unversioned)."""
    teks = request.POST.get("versi", "")
    return int(teks) if teks.isascii() and teks.isdigit() and len(teks) < 10 else None


def _no_versi(request: HttpRequest) -> None:
    messages.error(request, _("The form does not name the version of the performance agreement "
                              "it was read from; nothing was saved. Reload the page and try "
                              "again."))


@login_required
@require_POST
def pk_susun(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    try:
        hasil = svc.compose_pk(opd, tahun, request.user)
    except svc.PkError as exc:
        _refuse(request, exc)
        return _back(opd, tahun)
    messages.success(request, _("Draft performance agreement composed from the Renstra."))
    if hasil.tanpa_target:
        daftar = "; ".join(i.uraian or "–" for i in hasil.tanpa_target)
        messages.warning(request, _("No Renstra target for the year; fill in: %(daftar)s")
                         % {"daftar": daftar})
    return _back(opd, tahun)


@login_required
@require_POST
def pk_ubah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    perjanjian = _pk_posted(request, opd, tahun)
    isian = {k: v for k, v in request.POST.items()
             if k.startswith("target_") or k in svc.PIHAK or k == "tanggal"}
    versi = _versi_posted(request)
    if versi is None:
        _no_versi(request)
        return _again(request, opd, tahun, hak, isian, perjanjian, status=400)
    try:
        svc.edit_pk(perjanjian, isian, request.user, alasan=request.POST.get("alasan", ""),
                    versi=versi)
    except svc.PkError as exc:
        _refuse(request, exc)
        return _again(request, opd, tahun, hak, isian, perjanjian,
                      status=409 if isinstance(exc, svc.PkStale) else 400)
    messages.success(request, _("Performance agreement saved."))
    return _back(opd, tahun)


def _again(request: HttpRequest, opd: PerangkatDaerah, tahun: int, hak: Hak,
           isian: dict[str, str], perjanjian: PerjanjianKinerja, status: int) -> HttpResponse:
    """The page again with what was typed, so nothing typed is lost (while still a draft)."""
    perjanjian.refresh_from_db()
    if perjanjian.status != PerjanjianKinerja.Status.DRAFT:
        return _back(opd, tahun)
    return render(request, "plans/pk_detail.html",
                  _context(opd, tahun, hak, isian, perjanjian.pk), status=status)


def _transition(request: HttpRequest, pk: int, tahun: int, hak_perlu: str, action: Any,
                pesan: str, **kwargs: Any) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not getattr(hak, hak_perlu):
        raise PermissionDenied
    perjanjian = _pk_posted(request, opd, tahun)
    versi = _versi_posted(request)
    if versi is None:
        _no_versi(request)
        return _back(opd, tahun)
    try:
        action(perjanjian, request.user, versi=versi, **kwargs)
    except svc.PkError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, pesan)
    return _back(opd, tahun)


@login_required
@require_POST
def pk_ajukan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    return _transition(request, pk, tahun, "ubah", svc.submit_pk,
                       _("Performance agreement submitted for signature."))


@login_required
@require_POST
def pk_tandatangani(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    return _transition(request, pk, tahun, "tandatangani", svc.sign_pk,
                       _("Performance agreement signed; the year's targets are now locked."))


@login_required
@require_POST
def pk_kembalikan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    return _transition(request, pk, tahun, "tandatangani", svc.return_pk,
                       _("Performance agreement returned to draft."),
                       alasan=request.POST.get("alasan", ""))


@login_required
@require_POST
def pk_perubahan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    try:
        svc.compose_perubahan(opd, tahun, request.user, request.POST.get("alasan", ""))
    except svc.PkError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Draft amended performance agreement created."))
    return _back(opd, tahun)
