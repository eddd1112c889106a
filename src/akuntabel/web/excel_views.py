"""Excel round trip in the browser: download the OPD workbook; upload a filled workbook or a
hierarchical budget sheet, see the preview of every change, then apply it.

The web calls the same functions as ``akuntabel import`` / ``akuntabel export``
(``adapters.xlsx.workbook.export_workbook / read_workbook / apply_changes`` and
``adapters.xlsx.budget_import.read_budget_sheet / apply_budget``). Between the preview and the
apply, the uploaded file waits under ``MEDIA_ROOT/tmp/<token>/`` with the user, OPD, year and
kind it is bound to; the apply re-reads that same file, so what is written is what was shown.
A preview is kept ``AKUNTABEL_EXCEL_PREVIEW_MINUTES`` (30) minutes for the user who uploaded it
alone; applied or cancelled it is gone. An expired preview is removed with a message, never read
again; another user's or a used token is not found (404). The apply claims the file first, so a
double click or a second tab cannot apply it twice.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import get_opd_hak_for_user
from akuntabel.adapters.sipd import read_sipd
from akuntabel.adapters.sipd.model import nama_jenis
from akuntabel.adapters.xlsx.budget_import import apply_budget, read_budget_sheet
from akuntabel.adapters.xlsx.reader import WorkbookError
from akuntabel.adapters.xlsx.rencana import read_rencana
from akuntabel.adapters.xlsx.workbook import apply_changes, export_workbook, read_workbook
from akuntabel.budget.sipd_apply import PratinjauSipd, SipdRefused, pratinjau_sipd, terapkan_sipd
from akuntabel.common.waktu import format_waktu
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.rencana_import import (
    PratinjauRencana,
    RencanaRefused,
    pratinjau_rencana,
    terapkan_rencana,
)

log = logging.getLogger(__name__)

JENIS = ("buku", "anggaran")  # the OPD workbook; a hierarchical budget sheet
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
PREVIEW_MINUTES = 30  # an upload neither applied nor cancelled within this time is forgotten
TW = ("I", "II", "III", "IV")


def _max_bytes() -> int:
    return int(getattr(settings, "AKUNTABEL_EXCEL_MAX_BYTES", 20 * 1024 * 1024))


def _preview_minutes() -> int:
    return int(getattr(settings, "AKUNTABEL_EXCEL_PREVIEW_MINUTES", PREVIEW_MINUTES))


def _tmp() -> Path:
    return Path(settings.MEDIA_ROOT) / "tmp"


# -- the uploaded file between preview and apply -------------------------------------------------

class PreviewExpired(Exception):
    """The preview of this token is older than ``AKUNTABEL_EXCEL_PREVIEW_MINUTES``."""


@dataclass(frozen=True)
class Unggahan:
    token: str
    path: Path
    nama: str
    jenis: str


def _safe_name(name: str) -> str:
    base = Path(name or "berkas").name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w.-]+", "_", stem)[:80].strip("._") or "berkas"
    suffix = re.sub(r"[^\w]+", "", suffix)[:10].lower()
    return f"{stem}.{suffix}" if suffix else stem


def _store(upload: Any, user: Any, opd: PerangkatDaerah, tahun: int, jenis: str) -> str:
    """Save the upload under a new random token bound to the user, OPD, year and kind."""
    _forget_old()
    token = secrets.token_urlsafe(24)  # 32 characters
    folder = _tmp() / token
    folder.mkdir(parents=True, mode=0o700)
    nama = _safe_name(upload.name)
    with (folder / nama).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    (folder / "meta.json").write_text(json.dumps({
        "user": user.pk, "opd": opd.pk, "tahun": tahun, "jenis": jenis, "nama": nama,
        "waktu": time.time()}), encoding="utf-8")
    return token


def _load(token: str, user: Any, opd: PerangkatDaerah, tahun: int) -> Unggahan:
    """The upload of this token; Http404 unless it is this user's, for this OPD and year;
    PreviewExpired, after removing it, when it is too old."""
    if not TOKEN.match(token):
        raise Http404
    folder = _tmp() / token
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Http404 from None
    if (meta.get("user"), meta.get("opd"), meta.get("tahun")) != (user.pk, opd.pk, tahun) \
            or meta.get("jenis") not in JENIS:
        raise Http404
    if time.time() - float(meta.get("waktu", 0)) > _preview_minutes() * 60:
        shutil.rmtree(folder, ignore_errors=True)
        raise PreviewExpired
    path = folder / _safe_name(str(meta.get("nama", "")))
    if not path.is_file():
        raise Http404
    return Unggahan(token, path, path.name, meta["jenis"])


def _load_or_message(request: HttpRequest, token: str, opd: PerangkatDaerah,
                     tahun: int) -> Unggahan | None:
    """The upload of this token, or None with a message when its preview has expired."""
    try:
        return _load(token, request.user, opd, tahun)
    except PreviewExpired:
        messages.error(request, _("This preview has expired (a preview is kept %(menit)s "
                                  "minutes); nothing was written. Upload the file again.")
                       % {"menit": _preview_minutes()})
        return None


def _claim(u: Unggahan) -> bool:
    """Take the upload for one apply; False when another request has already taken it."""
    try:
        (u.path.parent / "meta.json").rename(u.path.parent / "meta.dipakai")
    except OSError:
        return False
    return True


def _release(u: Unggahan) -> None:
    """Give the upload back after an apply that wrote nothing (gone after one that wrote)."""
    try:
        (u.path.parent / "meta.dipakai").rename(u.path.parent / "meta.json")
    except OSError:
        pass


def _forget(token: str) -> None:
    if TOKEN.match(token):
        shutil.rmtree(_tmp() / token, ignore_errors=True)


def _forget_old() -> None:
    """Remove uploads whose preview has expired (never applied nor cancelled)."""
    try:
        folders = list(_tmp().iterdir())
    except OSError:
        return
    batas = time.time() - _preview_minutes() * 60
    for folder in folders:
        try:
            if folder.is_dir() and folder.stat().st_mtime < batas:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


# -- reading, the same functions as the CLI ------------------------------------------------------

def _read(u: Unggahan, opd: PerangkatDaerah, tahun: int,
          unit: str = "") -> tuple[Any, list[str]]:
    """The preview of the upload and the problems that stop it: the reader's (locked targets
    and triwulans included, as for the CLI) and the web's own: a workbook of another year.
    A SIPD export (Rekap, API JSON, LRA) is recognised by its content in either upload."""
    rencana = read_rencana(u.path) if u.path.suffix.lower() in (".xlsx", ".xlsm") else None
    if rencana is not None:  # a plan workbook (Renstra/Renja layout): not bound to a year
        p = pratinjau_rencana(rencana, opd)
        return p, list(p.masalah)
    sipd = read_sipd(u.path)
    if sipd is not None:
        p = pratinjau_sipd(sipd, opd, tahun, unit)
        return p, list(p.masalah)
    if u.jenis == "anggaran":
        p = read_budget_sheet(u.path, opd, tahun)
        return p, list(p.masalah)
    p = read_workbook(u.path, opd)
    masalah = list(p.masalah)
    if p.tahun != tahun:
        masalah.append(_("This workbook is for the year %(tahun_berkas)s, not %(tahun)s; open "
                         "the Excel page of %(tahun_berkas)s to upload it.")
                       % {"tahun_berkas": p.tahun, "tahun": tahun})
        return p, masalah
    return p, masalah


def _read_or_message(request: HttpRequest, u: Unggahan, opd: PerangkatDaerah,
                     tahun: int, unit: str = "") -> tuple[Any, list[str]] | None:
    try:
        return _read(u, opd, tahun, unit)
    except WorkbookError as exc:
        messages.error(request, exc.pesan)
    except Exception:  # a reader bug must not show a traceback nor keep the file
        log.exception("reading upload %s failed", u.path)
        messages.error(request, _("%(nama)s: the file could not be read. Check that it is an "
                                  "Excel workbook (.xlsx) and try again.") % {"nama": u.nama})
    _forget(u.token)
    return None


# -- views ---------------------------------------------------------------------------------------

@login_required
def excel(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    return render(request, "web/excel.html", {
        "opd": opd, "tahun": tahun, "hak": hak, "section": "excel",
        "max_mb": _max_bytes() // (1024 * 1024)})


@login_required
def excel_unduh(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, _hak = get_opd_hak_for_user(request.user, pk)
    data = export_workbook(opd, tahun)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="akuntabel-{opd.kode}-{tahun}.xlsx"'
    return response


@login_required
@require_POST
def excel_unggah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    jenis = request.POST.get("jenis", "buku")
    berkas = request.FILES.get("berkas")
    if jenis not in JENIS:
        raise Http404
    if berkas is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect("excel", pk=opd.pk, tahun=tahun)
    if berkas.size > _max_bytes():
        messages.error(request, _("%(nama)s: the file is too large (%(mb)s MB; at most %(max)s "
                                  "MB). Remove sheets you do not need or split it into several "
                                  "files.") % {
            "nama": berkas.name, "mb": format_angka(_mb(berkas.size), 1),
            "max": _max_bytes() // (1024 * 1024)})
        return redirect("excel", pk=opd.pk, tahun=tahun)
    token = _store(berkas, request.user, opd, tahun, jenis)
    return redirect("excel_pratinjau", pk=opd.pk, tahun=tahun, token=token)


def _mb(size: int) -> Decimal:
    return Decimal(size) / Decimal(1024 * 1024)


@login_required
def excel_pratinjau(request: HttpRequest, pk: int, tahun: int, token: str) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    u = _load_or_message(request, token, opd, tahun)
    hasil = None if u is None else _read_or_message(request, u, opd, tahun,
                                                    request.GET.get("unit", "").strip())
    if u is None or hasil is None:
        return redirect("excel", pk=opd.pk, tahun=tahun)
    p, masalah = hasil
    if isinstance(p, PratinjauRencana):
        return render(request, "web/rencana_pratinjau.html", {
            "opd": opd, "tahun": tahun, "hak": hak, "section": "excel", "u": u, "p": p,
            "masalah": masalah})
    if isinstance(p, PratinjauSipd):
        return render(request, "web/sipd_pratinjau.html", {
            "opd": opd, "tahun": tahun, "hak": hak, "section": "excel", "u": u, "p": p,
            "masalah": masalah, "jenis": nama_jenis(p.berkas),
            "pilih_unit": p.unit is None and len(p.units) > 1})
    konflik = [(k, format_waktu(k.pada)) for k in getattr(p, "konflik", [])]
    tambah = sum(1 for c in p.perubahan if c.tindakan == "tambah") if u.jenis == "buku" else 0
    context = {"opd": opd, "tahun": tahun, "hak": hak, "section": "excel", "u": u, "p": p,
               "masalah": masalah, "konflik": konflik,
               "n": {k: format_angka(Decimal(v)) for k, v in (
                   ("perubahan", len(p.perubahan)), ("tambah", tambah),
                   ("ubah", len(p.perubahan) - tambah), ("tidak_berubah", p.tidak_berubah),
                   ("konflik", len(getattr(p, "konflik", []))),
                   ("rekening", getattr(p, "jumlah_rekening", 0)))}}
    return render(request, "web/excel_pratinjau.html", context)


@login_required
@require_POST
def excel_terapkan(request: HttpRequest, pk: int, tahun: int, token: str) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    u = _load_or_message(request, token, opd, tahun)
    if u is None:
        return redirect("excel", pk=opd.pk, tahun=tahun)
    if not _claim(u):
        raise Http404  # being applied by another request, a double click
    try:
        return _apply(request, u, opd, tahun)
    finally:
        _release(u)


def _apply(request: HttpRequest, u: Unggahan, opd: PerangkatDaerah, tahun: int) -> HttpResponse:
    hasil = _read_or_message(request, u, opd, tahun, request.POST.get("unit", "").strip())
    if hasil is None:
        return redirect("excel", pk=opd.pk, tahun=tahun)
    p, masalah = hasil
    if masalah:
        messages.error(request, _("The file still has problems; nothing was written."))
        return redirect("excel_pratinjau", pk=opd.pk, tahun=tahun, token=u.token)
    if isinstance(p, PratinjauRencana):
        try:
            n = terapkan_rencana(p, request.user, request.POST.get("alasan", "").strip()
                                 or f"unggah rencana {u.nama} (web)")
        except RencanaRefused as exc:
            messages.error(request, exc.pesan)
            return redirect("excel_pratinjau", pk=opd.pk, tahun=tahun, token=u.token)
        _forget(u.token)
        messages.success(request, _("%(n)s changes written and recorded in the change "
                                    "history.") % {"n": n})
        return redirect("excel", pk=opd.pk, tahun=tahun)
    if isinstance(p, PratinjauSipd):
        try:
            n = terapkan_sipd(p, request.user, f"unggah SIPD {u.nama} (web)",
                              alasan=request.POST.get("alasan", "").strip())
        except SipdRefused as exc:
            messages.error(request, exc.pesan)
            return redirect("excel_pratinjau", pk=opd.pk, tahun=tahun, token=u.token)
        _forget(u.token)
        messages.success(request, _("%(n)s changes written and recorded in the change "
                                    "history.") % {"n": n})
        return redirect("excel", pk=opd.pk, tahun=tahun)
    if u.jenis == "buku" and request.POST.get("konflik", "0") != str(len(p.konflik)):
        # Values changed in Akuntabel since the preview was shown: show it again.
        messages.error(request, _("Values were changed in Akuntabel after the preview was "
                                  "shown; nothing was written. Check the preview again."))
        return redirect("excel_pratinjau", pk=opd.pk, tahun=tahun, token=u.token)
    alasan = request.POST.get("alasan", "").strip()
    if u.jenis == "buku" and p.perlu_alasan and not alasan:
        messages.error(request, _("A Renja target that already had a value is changed: write "
                                  "the reason for the change; nothing was written."))
        return redirect("excel_pratinjau", pk=opd.pk, tahun=tahun, token=u.token)
    try:
        if u.jenis == "anggaran":
            n = apply_budget(p, request.user, f"unggah anggaran {u.nama} (web)")
        else:
            n = apply_changes(p, request.user, f"unggah xlsx {u.nama} (web)", alasan=alasan)
    except WorkbookError as exc:
        messages.error(request, exc.pesan)
        return redirect("excel_pratinjau", pk=opd.pk, tahun=tahun, token=u.token)
    _forget(u.token)
    messages.success(request, _("%(n)s changes written and recorded in the change history.")
                     % {"n": n})
    return redirect("excel", pk=opd.pk, tahun=tahun)


@login_required
@require_POST
def excel_batal(request: HttpRequest, pk: int, tahun: int, token: str) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    u = _load_or_message(request, token, opd, tahun)
    if u is None:
        return redirect("excel", pk=opd.pk, tahun=tahun)
    _forget(u.token)
    messages.success(request, _("The upload was cancelled; nothing was written."))
    return redirect("excel", pk=opd.pk, tahun=tahun)
