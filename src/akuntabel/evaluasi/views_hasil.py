"""The results of an evaluation: its page of recommendations and their follow-up with the LHE's
number and date, the LHE's download (PDF, DOCX), and the pemda's recap of the year with its
Excel export. Access is checked on each view's first line; every write goes through
``evaluasi.rekomendasi`` or ``evaluasi.lhe``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from akuntabel.common.waktu import format_waktu
from akuntabel.core.evaluasi import format_nilai
from akuntabel.core.rekomendasi import terlambat
from akuntabel.evaluasi import lhe as lhe_dok
from akuntabel.evaluasi import lhe_final
from akuntabel.evaluasi import rekap as rekap_mod
from akuntabel.evaluasi import rekomendasi as rk
from akuntabel.evaluasi.access import (
    HakEvaluasi,
    get_evaluasi_for_user,
    get_pemda_evaluasi_for_user,
    hak_evaluasi,
)
from akuntabel.evaluasi.models import Evaluasi, LaporanHasilEvaluasi, LheFinal
from akuntabel.evaluasi.services import nama_unit, skor
from akuntabel.evaluasi.tahun import tahun_dievaluasi, tahun_dipilih, tahun_tautan
from akuntabel.reports.services import FORMATS, renderer
from akuntabel.reports.tanda_tangan import KunciTidakAda, alasan_tidak_ditandatangani

FORMAT_LHE = ("pdf", "docx")
AKSI = ("ubah", "hapus", "tindak_lanjut", "terima", "tolak", "buka_kembali")


def _versi(post: Any) -> int:
    teks = (post.get("versi") or "").strip()
    return int(teks) if teks.isdigit() and len(teks) < 10 else -1


def _tanggal(teks: str, nama: str) -> date | None:
    """A date typed as YYYY-MM-DD (the date input); empty is None; anything else refused."""
    teks = (teks or "").strip()
    if not teks:
        return None
    try:
        return date.fromisoformat(teks)
    except ValueError:
        raise rk.RekomendasiDitolak([f"{nama}: " + _(
            "the date %(teks)s is not recognised (write YYYY-MM-DD).")
            % {"teks": repr(teks[:20])}]) from None


def boleh_unduh_lhe(hak: HakEvaluasi, evaluasi: Evaluasi) -> bool:
    """The LHE: the evaluator and the admin pemda always (a draft before the lock), the
    evaluated unit once it is locked (delivered)."""
    return hak.nilai or hak.kelola or (hak.jawab and evaluasi.terkunci)


@login_required
@require_GET
def evaluasi_hasil(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    hari_ini = timezone.localdate()
    daftar = list(evaluasi.rekomendasi.select_related("evaluasi", "komponen", "perangkat_daerah",
                                                      "tindak_lanjut_oleh", "diputuskan_oleh"))
    per_komponen = []
    for k in evaluasi.template.komponen.all():
        rows = [(r, rk.hak_rekomendasi(request.user, r), terlambat(r.batas_waktu, r.status,
                                                                   hari_ini))
                for r in daftar if r.komponen_id == k.pk]
        per_komponen.append((k, rows))
    hasil = skor(evaluasi)
    return render(request, "evaluasi/hasil.html", {
        "evaluasi": evaluasi, "hak": hak, "unit": nama_unit(evaluasi),
        "per_komponen": per_komponen, "hasil": hasil, "total": format_nilai(hasil.total),
        "register": LaporanHasilEvaluasi.objects.filter(evaluasi=evaluasi).first(),
        "lhe_final": list(LheFinal.objects.filter(evaluasi=evaluasi).defer("isi", "data")
                          .order_by("-created_at", "-pk")),
        "masalah": (lhe_final.masalah_terbuka(evaluasi)
                    if hak.kelola and evaluasi.terkunci else []),
        **lhe_final.final_kedaluwarsa(evaluasi),
        "boleh_tulis": hak.nilai and not evaluasi.terkunci,
        "boleh_unduh": boleh_unduh_lhe(hak, evaluasi), "formats": FORMAT_LHE,
        "pemilik": (list(evaluasi.pemda.perangkat_daerah.order_by("nama"))
                    if evaluasi.perangkat_daerah is None else []),
        "opd": evaluasi.perangkat_daerah, "tahun": evaluasi.tahun, "section": "evaluasi",
    })


@login_required
@require_GET
def rekomendasi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One recommendation with its follow-up forms: the page of its owner OPD, who may not read
    the evaluation itself (a recommendation of the pemda's own evaluation)."""
    r, h = rk.get_rekomendasi_for_user(request.user, pk)
    return render(request, "evaluasi/rekomendasi.html", {
        "r": r, "h": h, "telat": terlambat(r.batas_waktu, r.status, timezone.localdate()),
        "unit": nama_unit(r.evaluasi), "opd": r.perangkat_daerah,
        "baca_evaluasi": hak_evaluasi(request.user, r.evaluasi) is not None,
        "tahun": r.evaluasi.tahun, "section": "evaluasi",
    })


def _selesai(request: HttpRequest, url: str, exc: rk.RekomendasiDitolak | None,
             berhasil: str) -> HttpResponse:
    if exc is not None:
        for pesan in exc.kesalahan:
            messages.error(request, pesan)
        messages.error(request, _("Nothing was saved."))
    else:
        messages.success(request, berhasil)
    return redirect(url)


@login_required
@require_POST
def rekomendasi_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    if not hak.nilai:
        raise PermissionDenied
    post = request.POST
    try:
        pemilik = None
        if evaluasi.perangkat_daerah is None:   # the pemda's own evaluation: an OPD owns it
            teks = post.get("pemilik", "")
            pemilik = (evaluasi.pemda.perangkat_daerah.filter(pk=int(teks)).first()
                       if teks.isdigit() and len(teks) < 10 else None)
        rk.tambah_rekomendasi(evaluasi, post.get("komponen", ""), post.get("uraian", ""),
                              _tanggal(post.get("batas_waktu", ""), _("Due date")),
                              user=request.user, opd=pemilik)
    except rk.RekomendasiDitolak as exc:
        return _selesai(request, reverse("evaluasi_hasil", args=[pk]), exc, "")
    return _selesai(request, reverse("evaluasi_hasil", args=[pk]), None,
                    _("Recommendation saved."))


@login_required
@require_POST
def rekomendasi_aksi(request: HttpRequest, pk: int) -> HttpResponse:
    rek, _hak = rk.get_rekomendasi_for_user(request.user, pk)
    aksi, post, user = request.POST.get("aksi", ""), request.POST, request.user
    if aksi not in AKSI:
        raise Http404
    url = (reverse("evaluasi_hasil", args=[rek.evaluasi_id]) + f"#rek-{rek.pk}"
           if hak_evaluasi(user, rek.evaluasi) is not None
           else reverse("rekomendasi_detail", args=[rek.pk]))
    versi = _versi(post)
    try:
        if aksi == "ubah":
            rk.ubah_rekomendasi(rek, post.get("uraian", ""),
                                _tanggal(post.get("batas_waktu", ""), _("Due date")), versi,
                                user=user)
        elif aksi == "hapus":
            rk.hapus_rekomendasi(rek, versi, user=user)
            url = reverse("evaluasi_hasil", args=[rek.evaluasi_id])
        elif aksi == "tindak_lanjut":
            rk.catat_tindak_lanjut(rek, post.get("tindak_lanjut", ""),
                                   post.get("bukti_tautan", ""), versi, user=user)
        else:
            rk.putuskan_tindak_lanjut(rek, aksi, post.get("catatan", ""), versi, user=user)
    except rk.RekomendasiDitolak as exc:
        return _selesai(request, url, exc, "")
    return _selesai(request, url, None, _("Recommendation saved."))


@login_required
@require_POST
def lhe_register(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    if not hak.nilai:
        raise PermissionDenied
    url = reverse("evaluasi_hasil", args=[pk])
    try:
        lhe_dok.simpan_register(evaluasi, request.POST.get("nomor", ""),
                                _tanggal(request.POST.get("tanggal", ""), "LHE"),
                                _versi(request.POST), user=request.user)
    except rk.RekomendasiDitolak as exc:
        return _selesai(request, url, exc, "")
    return _selesai(request, url, None, _("The LHE's number and date are saved."))


@login_required
@require_GET
def lhe_unduh(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    if fmt not in FORMAT_LHE:
        raise Http404
    if not boleh_unduh_lhe(hak, evaluasi):
        raise PermissionDenied
    out = renderer(fmt)(lhe_dok.build_lhe(evaluasi))
    content = out.encode("utf-8") if isinstance(out, str) else out
    response = HttpResponse(content, content_type=FORMATS[fmt][1])
    kode = evaluasi.perangkat_daerah.kode if evaluasi.perangkat_daerah else "pemda"
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = (f'{disposition}; filename="LHE-{evaluasi.pemda.kode}-'
                                       f'{kode}-{evaluasi.tahun}.{FORMATS[fmt][2]}"')
    return response


@login_required
@require_POST
def lhe_final_buat(request: HttpRequest, pk: int) -> HttpResponse:
    """Freeze the LHE of a locked evaluation (the reviewer or the admin pemda)."""
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    url = reverse("evaluasi_hasil", args=[pk])
    try:
        made = lhe_final.buat_final(evaluasi, request.user,
                                    catatan=request.POST.get("catatan", "")[:4000])
    except (lhe_final.LheFinalDitolak, lhe_final.FinalTidakBerubah,
            lhe_final.CatatanDiperlukan) as exc:
        messages.error(request, str(exc))
        return redirect(url)
    except KunciTidakAda as e:   # no key, or the TSA set did not answer
        messages.error(request, alasan_tidak_ditandatangani(e))
        return redirect(url)
    messages.success(request, _("The final LHE is made: %(files)s.") % {
        "files": "; ".join(f"{f.format.upper()} SHA-256 {f.sha256}" for f in made)})
    return redirect(url)


@login_required
@require_POST
def lhe_final_publikasi(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or withdraw an LHE final: the one who may make it (the reviewer, the admin
    pemda)."""
    final = LheFinal.objects.defer("isi", "data").filter(pk=pk).first()
    if final is None:
        raise Http404
    evaluasi, hak = get_evaluasi_for_user(request.user, final.evaluasi_id)
    if not hak.kelola:
        raise PermissionDenied
    final.evaluasi = evaluasi
    publish = request.POST.get("dipublikasikan") == "1"
    if lhe_final.set_publikasi(final, publish, request.user):
        waktu = {"waktu": format_waktu(final.created_at)}
        messages.success(request, _("The final LHE of %(waktu)s is published.") % waktu
                         if publish else
                         _("The final LHE of %(waktu)s is no longer published.") % waktu)
    return redirect(reverse("evaluasi_hasil", args=[evaluasi.pk]) + "#lhe-final")


@require_GET
def lhe_final_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored bytes of an LHE final, served only while they still have their hash: a
    published one to anyone (the public lists link it), an unpublished one to those who may
    download the LHE of its evaluation."""
    final = LheFinal.objects.select_related("evaluasi__pemda").filter(pk=pk).first()
    if final is None:
        raise Http404
    if not final.dipublikasikan:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        evaluasi, hak = get_evaluasi_for_user(request.user, final.evaluasi_id)
        if not boleh_unduh_lhe(hak, evaluasi):
            raise PermissionDenied
    if not lhe_final.is_intact(final):
        return HttpResponse(_("The stored file no longer matches its SHA-256 (%(sha)s); it is "
                              "not served. Tell the administrator.") % {"sha": final.sha256},
                            status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(bytes(final.isi), content_type=FORMATS[final.format][1])
    disposition = "inline" if final.format == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{lhe_final.filename_of(final)}"'
    response["X-Content-SHA256"] = final.sha256
    response["Cache-Control"] = "no-cache" if final.dipublikasikan else "private, no-cache"
    return response


def _default() -> int:
    return timezone.localdate().year - 1   # the year evaluated is the one before


def _rekap(request: HttpRequest, pk: int) -> tuple[rekap_mod.Rekap, list, str, bool]:
    pemda, _hak = get_pemda_evaluasi_for_user(request.user, pk)
    rekap = rekap_mod.baca_rekap(pemda, tahun_dipilih(request, tahun_dievaluasi(pemda),
                                                      _default()))
    urut = request.GET.get("urut", "nama")
    urut = urut if urut in rekap_mod.kolom_urut(rekap) else "nama"
    turun = request.GET.get("arah") == "turun"
    return rekap, rekap_mod.urutkan(rekap.baris, urut, turun), urut, turun


@login_required
@require_GET
def rekap_pemda(request: HttpRequest, pk: int) -> HttpResponse:
    rekap, baris, urut, turun = _rekap(request, pk)
    bands = rekap_mod.distribusi(rekap)
    dinilai = sum(n for *_x, n in bands)
    judul = _("Predicates of the agencies' AKIP evaluation %(tahun)s") % {"tahun": rekap.tahun}
    return render(request, "evaluasi/rekap.html", {
        "pemda": rekap.pemda, "rekap": rekap, "baris": baris, "urut": urut, "turun": turun,
        "tahun": rekap.tahun, "bands": bands, "dinilai": dinilai,
        "tahun_tautan": tahun_tautan(tahun_dievaluasi(rekap.pemda), rekap.tahun, _default()),
        "svg": rekap_mod.svg_distribusi(bands, judul, _(
            "%(n)s agencies evaluated, by predicate.") % {"n": dinilai}),
        "chart_judul": judul,
    })


@login_required
@require_GET
def rekap_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    rekap, baris, _urut, _turun = _rekap(request, pk)
    kepala = ["No", _("Agency"), *(f"{_('Component')} {k}" for k, _n in rekap.komponen),
              _("Total"), _("Predicate"), _("Total %(tahun)s") % {"tahun": rekap.tahun - 1},
              _("Change"), _("Status")]
    judul = (_("AKIP evaluation of the agencies of %(pemda)s, %(tahun)s")
             % {"pemda": rekap.pemda.nama, "tahun": rekap.tahun})
    response = HttpResponse(rekap_mod.tulis_rekap(rekap, baris, judul, kepala),
                            content_type=FORMATS["xlsx"][1])
    response["Content-Disposition"] = (f'attachment; filename="Rekap-Evaluasi-AKIP-'
                                       f'{rekap.pemda.kode}-{rekap.tahun}.xlsx"')
    return response
