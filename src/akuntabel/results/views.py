"""Realisasi entry per triwulan: the grid, its workflow (ajukan, verifikasi, kembalikan, buka)
and the evidence files. Every view checks access on its first line.

How quarterly values relate to the annual realisasi and how capaian so far is computed is
decided and documented in ``akuntabel.results.grid`` (its docstring).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from akuntabel.accounts.access import Hak, get_bukti_for_user, get_opd_hak_for_user
from akuntabel.audit.services import history_for
from akuntabel.common.konflik import KonflikVersi, TriwulanTerkunci
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.common.waktu import format_waktu
from akuntabel.core.angka import TANPA_NILAI, format_persen
from akuntabel.core.plausibilitas import (
    RIWAYAT_TAHUN,
    Peringatan,
    capaian_sebagian,
    periksa_plausibilitas,
    riwayat_sebanding,
)
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN
from akuntabel.reporting import workflow
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.tembolok import data_opd
from akuntabel.results.capaian import Tercatat
from akuntabel.results.forms import Cell, format_figure, read_grid, shown_value, stored_error
from akuntabel.results.grid import GridRow, build_realisasi_grid, capaian_so_far
from akuntabel.results.grid_html import render_bukti_forms, render_grid_rows
from akuntabel.results.models import Realisasi
from akuntabel.results.uploads import BuktiDitolak, content_type_of, remove_bukti, store_bukti
from akuntabel.results.writes import Konflik, save_realisasi_grid


def _check_triwulan(triwulan: int) -> str:
    if triwulan not in TRIWULAN_ROMAWI:
        raise Http404
    return TRIWULAN_ROMAWI[triwulan]


def _grid_url(opd_pk: int, tahun: int, triwulan: int) -> str:
    return reverse("realisasi_grid", args=[opd_pk, tahun, triwulan])


@login_required
@require_http_methods(["GET", "POST"])
def realisasi_grid(request: HttpRequest, pk: int, tahun: int, triwulan: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    tw = _check_triwulan(triwulan)
    pelaporan = workflow.pelaporan_for(opd, tahun, triwulan)
    if request.method != "POST":
        return _render(request, opd, hak, tahun, triwulan, pelaporan)
    rows = build_realisasi_grid(opd, tahun, triwulan)
    if request.POST.get("aksi") != "simpan" or not hak.ubah:
        raise PermissionDenied
    if pelaporan.locked:
        return _refuse_locked(request, opd, pelaporan)
    cells = read_grid(rows, request.POST, triwulan)
    bad = [c for c in cells if c.error_nilai or c.error_catatan]
    if bad:
        messages.error(request, _("Invalid cells: %(n)s; nothing was saved. Fix them and save "
                                  "again.") % {"n": len(bad)})
        return _render(request, opd, hak, tahun, triwulan, pelaporan, rows, cells)
    try:
        changed = save_realisasi_grid(opd, tahun, triwulan, cells, user=request.user)
    except TriwulanTerkunci as e:   # submitted or verified since we read the status
        return _refuse_locked(request, opd, e.pelaporan)
    except KonflikVersi as e:
        for k in e.konflik:
            messages.error(request, _conflict_message(k))
        return _render(request, opd, hak, tahun, triwulan, pelaporan, rows, cells, e.konflik)
    if changed:
        messages.success(request, _("Saved: %(n)s value(s) changed in TW %(tw)s %(tahun)s.")
                         % {"n": changed, "tw": tw, "tahun": tahun})
        _warn_saved(request, opd, tahun, triwulan, cells)
    else:
        messages.info(request, _("No value was changed."))
    return redirect(_grid_url(opd.pk, tahun, triwulan))


# --- Plausibility at entry (the rule: ``core.plausibilitas``) --------------------------------
#
# A value far from its target or from its own history is saved with a warning asking for a
# note: the save lists the values just saved without one, and the grid marks every warned
# value of the quarter ("perlu-catatan" while it has no note), for the operator and for the
# verifikator who opens the submitted quarter. The warnings are computed from what the grid
# already read (the target in force, capaian so far, this year's earlier quarters) and one
# query for the earlier years (``_riwayat``); nothing about them is stored.

MAX_WARNED_MESSAGES = 10   # the rest are marked on the grid


Riwayat = dict[int, tuple[list[Decimal | None], list[Decimal | None]]]


def _riwayat(opd: PerangkatDaerah, tahun: int) -> Riwayat:
    """``indikator pk -> (quarters, years' figures)`` of the OPD's realisasi in the
    ``RIWAYAT_TAHUN`` years before ``tahun`` (one query)."""
    hasil: Riwayat = defaultdict(lambda: ([], []))
    for ind_id, tw, nilai in (Realisasi.objects.filter(
            indikator__perangkat_daerah=opd, tahun__gte=tahun - RIWAYAT_TAHUN, tahun__lt=tahun)
            .order_by().values_list("indikator_id", "triwulan", "nilai")):
        hasil[ind_id][1 if tw == TAHUNAN else 0].append(nilai)
    return hasil


def _plausibilitas(row: GridRow, nilai: Decimal | None, capaian: Decimal | None,
                   triwulan: int, riwayat: Riwayat) -> list[Peringatan]:
    """The warnings on ``nilai``, the value of ``row``'s line in ``triwulan`` whose capaian so
    far is ``capaian``, against the line's earlier quarters and years."""
    if nilai is None or not nilai.is_finite():
        return []
    ind = row.indikator
    quarters, years = riwayat.get(ind.pk, ([], []))
    earlier = [t.nilai for _tw, t in row.sebelumnya if t is not None]
    return periksa_plausibilitas(
        nilai, capaian, riwayat_sebanding([*quarters, *earlier], years, ind.agregasi),
        capaian_sebagian=capaian_sebagian(ind.agregasi, triwulan))


# The message of each plausibility warning (``core.plausibilitas.Peringatan``: its code and
# figures), worded here so that it reads in the reader's language: the grid's and the API's.
_PESAN_PLAUSIBILITAS = {
    "capaian-tinggi": gettext_lazy(
        "Capaian %(capaian)s far above the target (more than %(batas)s): check the value, or "
        "explain it in the note."),
    "capaian-rendah": gettext_lazy(
        "Capaian %(capaian)s far below the target (less than %(batas)s): check the value, or "
        "explain it in the note."),
    "pencilan": gettext_lazy(
        "Value %(nilai)s far from this indicator's history (median %(median)s of %(n)s "
        "earlier values; modified z-score %(skor)s, bound %(batas)s): check the value, or "
        "explain it in the note."),
}


def pesan_plausibilitas(p: Peringatan) -> str:
    """The message of the warning ``p`` in the active language, with its figures."""
    return str(_PESAN_PLAUSIBILITAS[p.kode]) % p.isian


def _warn_saved(request: HttpRequest, opd: PerangkatDaerah, tahun: int, triwulan: int,
                cells: list[Cell]) -> None:
    """One message per value just saved with a warning and without a note (at most
    ``MAX_WARNED_MESSAGES``; the grid marks them all)."""
    changed = [c for c in cells if c.changed and c.nilai is not None and not c.catatan.strip()]
    if not changed:
        return
    riwayat = _riwayat(opd, tahun)
    warned = []
    for c in changed:
        earlier = [t.nilai if t is not None else None for _tw, t in c.row.sebelumnya]
        _sd, capaian = capaian_so_far(c.row.indikator, c.row.target, [*earlier, c.nilai])
        for p in _plausibilitas(c.row, c.nilai, capaian, triwulan, riwayat):
            warned.append(_("Saved with a warning — row %(baris)s, Realisation TW %(tw)s: "
                            "%(pesan)s") % {"baris": c.row.nomor,
                                            "tw": TRIWULAN_ROMAWI[triwulan],
                                            "pesan": pesan_plausibilitas(p)})
    for pesan in warned[:MAX_WARNED_MESSAGES]:
        messages.warning(request, pesan)
    if len(warned) > MAX_WARNED_MESSAGES:
        messages.warning(request, _("%(n)s more warning(s) are marked on the grid.")
                         % {"n": len(warned) - MAX_WARNED_MESSAGES})


def _refuse_locked(request: HttpRequest, opd: PerangkatDaerah,
                   pelaporan: PelaporanTriwulan) -> HttpResponse:
    messages.error(request, workflow.locked_message(pelaporan))
    return redirect(_grid_url(opd.pk, pelaporan.tahun, pelaporan.triwulan))


def _conflict_message(k: Konflik) -> str:
    place = {"indikator": k.row.indikator, "oleh": k.oleh or _("another user"),
             "pada": format_waktu(k.pada)}
    if k.sekarang is None:
        return _("Realisation '%(indikator)s' was deleted by someone else after you opened this "
                 "page; your values were not saved.") % place
    return _("Realisation '%(indikator)s' was changed by %(oleh)s on %(pada)s after you opened "
             "this page; your values were not saved.") % place


def _shown(stored: Tercatat | Realisasi | None) -> str:
    """A stored target or realisasi as shown in a cell, escaped: the number in Indonesian
    format, else the text as entered, else a dash."""
    if stored is None:
        return TANPA_NILAI
    if stored.nilai is not None and getattr(stored, "nilai_atas", None) is None:
        return format_figure(stored.nilai)  # a range ("60–85 %") is shown as written
    return escape(stored.teks) if stored.teks else TANPA_NILAI


def _sumber_tahun(row: GridRow) -> str:
    """At TW IV, a note under the year's realisasi when it is not the quarters' own: computed
    from components, or the annual figure reported (``results.grid._the_years_figures``)."""
    catatan = {"komponen": _("computed from its components"),
               "input": _("the figure reported for the year")}.get(row.sumber_tahun)
    return f'<br><small class="sumber-tahun">{escape(catatan)}</small>' if catatan else ""


# The CSRF token in the evidence forms kept in the cache: each request puts its own in its place.
TEMPAT_TOKEN = "akuntabel-token-csrf-di-sini"


def _render(request: HttpRequest, opd: PerangkatDaerah, hak: Hak, tahun: int, triwulan: int,
            pelaporan: PelaporanTriwulan, rows: list[GridRow] | None = None,
            cells: list[Cell] | None = None,
            konflik: list[Konflik] | None = None) -> HttpResponse:
    """The grid page. Every cell's text is prepared here and the lines are written by
    ``grid_html`` (the template only places them): with several hundred lines, per-cell
    template lookups and filters were what a page cost. A page as stored (no values sent back
    with errors or conflicts) comes from the cache of computed data by the OPD's revision:
    every value, note, evidence file and status change is a write that advances it."""
    editable = hak.ubah and not pelaporan.locked
    tw = TRIWULAN_ROMAWI[triwulan]
    if cells is None and konflik is None:
        isi = data_opd(opd, tahun, "grid", lambda: _isi_grid(
            opd, tahun, triwulan, editable, build_realisasi_grid(opd, tahun, triwulan)),
            triwulan, editable, ringkas=_ringkas)
    else:
        isi = _isi_grid(opd, tahun, triwulan, editable, rows or [], cells, konflik)
    return render(request, "results/realisasi_grid.html", {
        "opd": opd, "hak": hak, "tahun": tahun, "triwulan": triwulan,
        "tw": tw, "tabs": TRIWULAN_ROMAWI.items(),
        "sebelumnya": [TRIWULAN_ROMAWI[t] for t in range(1, triwulan)],
        "pelaporan": pelaporan, "editable": editable, **isi,
        "bukti_forms_html": mark_safe(isi["bukti_forms_html"].replace(  # token: [A-Za-z0-9]
            TEMPAT_TOKEN, escape(get_token(request)))) if editable else "",
        "aksi": workflow.allowed_actions(pelaporan, hak),
        "riwayat": list(history_for(pelaporan)) if pelaporan.pk else [],
        "ada_error": any(c.error_nilai or c.error_catatan for c in cells or []),
    })


def _ringkas(isi: dict[str, Any]) -> dict[str, Any]:
    """``isi`` as kept in the cache: its lines only as HTML (the list of cells in error, which
    reads them, is shown only with values sent back, never from the cache)."""
    return {**isi, "lines": []}


def _peringatan_html(lines: list[dict[str, Any]], editable: bool) -> SafeString:
    """The list of the lines with a plausibility warning, each linked to its note's cell
    (``editable``) or its value, with its note when it has one."""
    out = []
    for line in lines:
        if not line["peringatan"]:
            continue
        pk = line["pk"]
        href = f"catatan-{pk}" if editable else f"warn-nilai-{pk}"
        catatan = (f' <em>{escape(_("Note"))}: {escape(line["catatan"])}</em>'
                   if line["catatan"] else "")
        kelas = ' class="perlu-catatan"' if line["perlu_catatan"] else ""
        out.append(f'<li{kelas}>'
                   f'<a href="#{href}">{escape(_("Row"))} {line["nomor"]}</a>: '
                   f'{escape(" ".join(line["peringatan"]))}{catatan}</li>')
    return mark_safe("".join(out))  # texts escaped above


def _isi_grid(opd: PerangkatDaerah, tahun: int, triwulan: int, editable: bool,
              rows: list[GridRow], cells: list[Cell] | None = None,
              konflik: list[Konflik] | None = None) -> dict[str, Any]:
    """The lines of the grid and their HTML (the evidence forms with ``TEMPAT_TOKEN`` for the
    CSRF token), the same for every user with the same ``editable``."""
    tw = TRIWULAN_ROMAWI[triwulan]
    submitted = {c.row.indikator.pk: c for c in cells or []}
    current = {k.row.indikator.pk: k for k in konflik or []}
    # One reverse() per page, not per line: the evidence URL of line <pk> ends in "/<pk>/".
    upload_base = reverse("bukti_upload", args=[opd.pk, tahun, triwulan, 0])[:-2]
    riwayat = _riwayat(opd, tahun) if any(r.realisasi for r in rows) else {}
    lines = []
    for row in rows:
        ind = row.indikator
        c = submitted.get(ind.pk)
        k = current.get(ind.pk)
        realisasi = row.realisasi
        peringatan = (_plausibilitas(row, realisasi.nilai, row.capaian_sd, triwulan, riwayat)
                      if realisasi else [])
        lines.append({
            "row": row,
            "pk": ind.pk,
            "nomor": row.nomor,
            "indikator": str(ind),
            "iku": ind.iku,
            "satuan": ind.satuan,
            "node_jenis": row.node_jenis,
            "node_label": row.node_label,
            "bukti": row.bukti,
            "target_html": _shown(row.target),
            "target_tw_html": _shown(row.target_tw),
            "sebelumnya_html": [_shown(r) for _n, r in row.sebelumnya],
            "realisasi_sd": format_figure(row.realisasi_sd) + _sumber_tahun(row),
            "capaian_sd": format_persen(row.capaian_sd),
            "tahunan_html": _shown(row.tahunan),
            "nilai": c.teks if c else shown_value(row),
            "catatan": c.catatan if c else (realisasi.catatan if realisasi else ""),
            # After a conflict the page carries the version now stored: saving again is then
            # a decision taken with the other person's value in view.
            "versi": ((k.sekarang.versi if k.sekarang else 0) if k else
                      (c.versi if c else row.versi)),
            "error_nilai": c.error_nilai if c else stored_error(row, triwulan),
            "error_catatan": c.error_catatan if c else "",
            "konflik": k,
            "tersimpan_html": (_shown(k.sekarang) if k.sekarang else TANPA_NILAI) if k else "",
            "upload_url": f"{upload_base}{ind.pk}/" if realisasi else "",
            "peringatan": [pesan_plausibilitas(p) for p in peringatan],
            "perlu_catatan": bool(peringatan) and not (realisasi and realisasi.catatan.strip()),
        })
    return {
        "lines": lines, "ada_baris": bool(lines),
        "peringatan_html": _peringatan_html(lines, editable),
        "rows_html": render_grid_rows(lines, tw=tw, editable=editable),
        "bukti_forms_html": (render_bukti_forms(lines, csrf_token=TEMPAT_TOKEN)
                             if editable else ""),
        "jumlah_peringatan": sum(1 for line in lines if line["peringatan"]),
        "jumlah_perlu_catatan": sum(1 for line in lines if line["perlu_catatan"]),
    }


@login_required
@require_POST
def realisasi_status(request: HttpRequest, pk: int, tahun: int, triwulan: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    tw = _check_triwulan(triwulan)
    aksi = request.POST.get("aksi", "")
    try:
        pelaporan = workflow.apply_action(opd, tahun, triwulan, aksi, hak=hak,
                                          user=request.user,
                                          catatan=request.POST.get("catatan", ""))
    except workflow.TransisiDitolak as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("TW %(tw)s %(tahun)s is now %(status)s.")
                         % {"tw": tw, "tahun": tahun, "status": pelaporan.get_status_display()})
    return redirect(_grid_url(opd.pk, tahun, triwulan))


def _editable_realisasi(request: HttpRequest, pk: int, tahun: int, triwulan: int,
                        indikator_pk: int) -> tuple[PerangkatDaerah, Realisasi]:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    _check_triwulan(triwulan)
    if not hak.ubah:
        raise PermissionDenied
    realisasi = (Realisasi.objects.select_related("indikator")
                 .filter(indikator__perangkat_daerah=opd, indikator__pk=indikator_pk,
                         tahun=tahun, triwulan=triwulan).first())
    if realisasi is None:
        raise Http404
    return opd, realisasi


@login_required
@require_POST
def bukti_upload(request: HttpRequest, pk: int, tahun: int, triwulan: int,
                 indikator_pk: int) -> HttpResponse:
    opd, realisasi = _editable_realisasi(request, pk, tahun, triwulan, indikator_pk)
    tw = TRIWULAN_ROMAWI[triwulan]
    back = _grid_url(opd.pk, tahun, triwulan)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect(back)
    try:
        with transaction.atomic():
            if workflow.lock_pelaporan(opd, tahun, triwulan).locked:
                messages.error(request, _("TW %(tw)s %(tahun)s is locked; evidence cannot be "
                                          "added.") % {"tw": tw, "tahun": tahun})
                return redirect(back)
            store_bukti(opd, realisasi, berkas, user=request.user,
                        sumber=f"Bukti dukung realisasi TW {tw} {tahun}",
                        keterangan=request.POST.get("keterangan", "")[:1000])
    except BuktiDitolak as e:
        messages.error(request, _("Evidence for '%(indikator)s': %(alasan)s")
                       % {"indikator": realisasi.indikator, "alasan": e})
        return redirect(back)
    messages.success(request, _("Evidence '%(nama)s' added to '%(indikator)s'.")
                     % {"nama": berkas.name, "indikator": realisasi.indikator})
    return redirect(back)


@login_required
@require_GET
def bukti_download(request: HttpRequest, pk: int) -> FileResponse:
    bukti, _hak = get_bukti_for_user(request.user, pk)
    try:
        handle = bukti.berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=bukti.nama,
                            content_type=content_type_of(bukti))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def bukti_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    bukti, hak = get_bukti_for_user(request.user, pk)
    realisasi = bukti.realisasi
    opd = realisasi.indikator.perangkat_daerah
    if not hak.ubah:
        raise PermissionDenied
    back = _grid_url(opd.pk, realisasi.tahun, realisasi.triwulan or 1)
    with transaction.atomic():
        if realisasi.triwulan not in TRIWULAN_ROMAWI or workflow.lock_pelaporan(
                opd, realisasi.tahun, realisasi.triwulan).locked:
            messages.error(request, _("This evidence belongs to a locked period; it cannot be "
                                      "removed."))
            return redirect(back)
        remove_bukti(opd, bukti, user=request.user,
                     sumber=f"Bukti dukung realisasi TW {TRIWULAN_ROMAWI[realisasi.triwulan]} "
                            f"{realisasi.tahun}")
    messages.success(request, _("Evidence '%(nama)s' removed.") % {"nama": bukti.nama})
    return redirect(back)
