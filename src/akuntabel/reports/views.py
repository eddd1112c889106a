"""Report pages: downloads of the LKjIP and the Perjanjian Kinerja in every format, the LKjIP
page (its narrative sections, previews, final documents), the narrative editor, final
snapshots and their publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import get_opd_for_user, get_opd_hak_for_user
from akuntabel.common.waktu import format_waktu
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.services import NoRenstra
from akuntabel.reports.document import Dokumen
from akuntabel.reports.final import filename_of as final_filename
from akuntabel.reports.final import (
    get_laporan_final_for_user,
    is_intact,
    set_publikasi,
)
from akuntabel.reports.forms import (
    Asal,
    NarasiForm,
    StaleNarasi,
    figures_for,
    judul_narasi,
    paragraphs,
    reset_narasi,
    save_narasi,
    unknown_placeholders,
    used_text,
)
from akuntabel.reports.kesiapan import final_kedaluwarsa
from akuntabel.reports.models import NARASI_KUNCI, LaporanFinal, Narasi
from akuntabel.reports.narasi import DEFAULTS
from akuntabel.reports.pk import NoPerjanjianKinerja
from akuntabel.reports.services import DOKUMEN, FORMATS, Rendered
from akuntabel.reports.services import render as render_report
from akuntabel.reports.tembolok import dokumen_opd

KUTIPAN = 220  # characters of a section shown on the LKjIP page


@login_required
def download(request: HttpRequest, pk: int, tahun: int, dokumen: str, fmt: str) -> HttpResponse:
    opd, _can_edit = get_opd_for_user(request.user, pk)
    if dokumen not in DOKUMEN or fmt not in FORMATS:
        raise Http404
    try:
        rendered = dokumen_opd(opd, tahun, dokumen, fmt)  # cached by the data revisions
    except (NoRenstra, NoPerjanjianKinerja):
        raise Http404 from None
    return rendered_response(rendered, fmt)


def report_response(dok: Dokumen, fmt: str, opd: PerangkatDaerah) -> HttpResponse:
    """A document rendered in ``fmt``: HTML and PDF shown in the browser, the others
    downloaded."""
    return rendered_response(render_report(dok, fmt, opd), fmt)


def rendered_response(rendered: Rendered, fmt: str) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rendered.filename}"'
    if fmt == "html":
        # The standalone report carries its own styles and images; nothing else may load.
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'")
    return response


def _finals(opd, tahun: int):  # type: ignore[no-untyped-def]
    return (LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=tahun, dokumen="lakip")
            .defer("isi", "data").select_related("dibuat_oleh").order_by("-created_at", "-pk"))


@login_required
def lakip(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    try:
        figures = figures_for(opd, tahun)
    except NoRenstra:
        raise Http404 from None
    stored = {n.kunci: n for n in Narasi.objects.filter(perangkat_daerah=opd, tahun=tahun)}
    finals = list(_finals(opd, tahun))
    latest = finals[0].created_at if finals else None
    bagian = []
    for kunci in NARASI_KUNCI:
        narasi = stored.get(kunci)
        teks, asal = used_text(kunci, narasi)
        kutipan = " ".join(paragraphs(teks, figures))
        bagian.append({
            "kunci": kunci, "judul": judul_narasi(kunci), "asal": asal,
            "kutipan": kutipan[:KUTIPAN] + ("…" if len(kutipan) > KUTIPAN else ""),
            "diubah": narasi.updated_at if narasi and asal == Asal.DISUNTING else None,
            "setelah_final": bool(latest and narasi and narasi.updated_at > latest),
        })
    return render(request, "reports/lakip.html", {
        "opd": opd, "tahun": tahun, "hak": hak, "bagian": bagian, "finals": finals,
        "berubah_setelah_final": any(b["setelah_final"] for b in bagian),
        **_siap_tanda_tangan(opd, tahun),
        **final_kedaluwarsa(opd, tahun),
    })


def _siap_tanda_tangan(opd: PerangkatDaerah, tahun: int) -> dict[str, object]:
    """The signer, the problems of his NIP (core.nip) and the chosen place and date."""
    from django.utils import timezone

    from akuntabel.core.nip import periksa_nip
    from akuntabel.organizations.models import Pejabat
    from akuntabel.reports.pengaturan import pilihan_of

    kepala = Pejabat.objects.filter(perangkat_daerah=opd, peran=Pejabat.Peran.KEPALA).first()
    return {"penandatangan": kepala, "pilihan": pilihan_of(opd, tahun, "lakip"),
            "masalah_nip": periksa_nip(kepala.nip, timezone.localdate()) if kepala else []}


def _stale_message(kunci: str, exc: StaleNarasi) -> str:
    if exc.narasi is None:
        return _("Section %(bagian)s was changed by %(oleh)s after you opened it. Your text "
                 "is not saved; it is still in the form.") % {
            "bagian": judul_narasi(kunci), "oleh": exc.oleh}
    when = format_waktu(exc.narasi.updated_at)
    return _("Section %(bagian)s was changed by %(oleh)s on %(waktu)s after you opened it. "
             "Your text is not saved; it is still in the form, and their text is shown below. "
             "Save again to replace their text with yours.") % {
        "bagian": judul_narasi(kunci), "oleh": exc.oleh, "waktu": when}


@login_required
def lakip_narasi_edit(request: HttpRequest, pk: int, tahun: int, kunci: str) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if kunci not in NARASI_KUNCI:
        raise Http404
    try:
        figures = figures_for(opd, tahun)
    except NoRenstra:
        raise Http404 from None
    here = reverse("lakip_narasi_edit", args=[opd.pk, tahun, kunci])
    stored = Narasi.objects.filter(perangkat_daerah=opd, tahun=tahun, kunci=kunci).first()
    teks, asal = used_text(kunci, stored)
    versi = stored.versi if stored else 0
    konflik = None
    status = 200
    if request.method == "POST":
        if not hak.ubah:
            raise PermissionDenied
        form = NarasiForm(request.POST)
        if "kembalikan" in request.POST:
            try:
                done = form.is_valid() and reset_narasi(opd, tahun, kunci,
                                                        form.cleaned_data["versi"], request.user)
            except StaleNarasi as exc:
                messages.error(request, _stale_message(kunci, exc))
            else:
                if done:
                    messages.success(request, _("Section %(bagian)s is drafted from the data "
                                                "again.") % {"bagian": judul_narasi(kunci)})
            return redirect(here)
        if form.is_valid():
            teks = form.cleaned_data["teks"]
            unknown = unknown_placeholders(teks, figures)
            if unknown:
                form.add_error("teks", _("Section %(bagian)s: unknown placeholder %(nama)s. Use "
                                         "one of the placeholders listed.") % {
                    "bagian": judul_narasi(kunci),
                    "nama": ", ".join(f"[[{n}]]" for n in unknown)})
            elif "simpan" in request.POST and not teks.strip():
                form.add_error("teks", _("Section %(bagian)s: the text is empty. To draft it from "
                                         "the data again, use “Back to the default draft”.")
                               % {"bagian": judul_narasi(kunci)})
            elif "simpan" in request.POST:
                try:
                    save_narasi(opd, tahun, kunci, teks, form.cleaned_data["versi"],
                                request.user)
                except StaleNarasi as exc:
                    messages.error(request, _stale_message(kunci, exc))
                    konflik = exc.narasi
                    status = 409
                    data = request.POST.copy()
                    data["versi"] = str(exc.narasi.versi if exc.narasi else 0)
                    form = NarasiForm(data)
                    form.is_valid()
                else:
                    messages.success(request, _("Section %(bagian)s is saved.")
                                     % {"bagian": judul_narasi(kunci)})
                    return redirect(here)
        if form.errors:
            status = 400
    else:
        form = NarasiForm(initial={"teks": teks, "versi": versi})
    terakhir_final = (LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=tahun,
                                                  dokumen="lakip")
                      .aggregate(t=Max("created_at"))["t"])
    return render(request, "reports/narasi_edit.html", {
        "opd": opd, "tahun": tahun, "hak": hak, "kunci": kunci, "judul": judul_narasi(kunci),
        "form": form, "asal": asal, "stored": stored, "konflik": konflik,
        "tercetak": stored.teks if stored and stored.asal == Narasi.Asal.TERCETAK else "",
        "ada_bawaan": kunci in DEFAULTS,
        "bisa_kembalikan": kunci in DEFAULTS and stored is not None
        and stored.asal == Narasi.Asal.DISUNTING,
        "pratinjau": paragraphs(teks, figures),
        "penanda": [(k, v.teks if hasattr(v, "teks") else v) for k, v in figures.items()],
        "nilai_penanda": {k: (v.teks if hasattr(v, "teks") else v) for k, v in figures.items()},
        "terakhir_final": terakhir_final,
    }, status=status)


def laporan_final_download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        final, _hak = get_laporan_final_for_user(request.user, pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    if not is_intact(final):
        return render(request, "reports/final_rusak.html", {"final": final}, status=409)
    response = HttpResponse(bytes(final.isi), content_type=FORMATS[final.format][1])
    response["Content-Disposition"] = f'attachment; filename="{final_filename(final)}"'
    response["X-Content-SHA256"] = final.sha256
    response["Cache-Control"] = "private, no-cache" if not final.dipublikasikan else "no-cache"
    return response


@login_required
@require_POST
def laporan_final_publikasi(request: HttpRequest, pk: int) -> HttpResponse:
    final, hak = get_laporan_final_for_user(request.user, pk)
    if not hak.tandatangani:
        raise PermissionDenied
    publish = request.POST.get("dipublikasikan") == "1"
    if set_publikasi(final, publish, request.user):
        messages.success(request, _("The final LKjIP of %(waktu)s is published.") % {
            "waktu": format_waktu(final.created_at)}
            if publish else _("The final LKjIP of %(waktu)s is no longer published.") % {
            "waktu": format_waktu(final.created_at)})
    halaman = "lakip" if final.dokumen == "lakip" else f"{final.dokumen}_final"
    return redirect(reverse(halaman, args=[final.perangkat_daerah_id, final.tahun])
                    + "#laporan-final")


def publikasi(request: HttpRequest) -> HttpResponse:
    """Public: every published final, per pemda, agency and year. No login."""
    from akuntabel.daerah.models import LaporanFinalPemda
    from akuntabel.evaluasi.models import LheFinal
    from akuntabel.reports.models import NAMA_DOKUMEN

    finals = list(LaporanFinal.objects.filter(dipublikasikan=True)
                  .select_related("perangkat_daerah__pemda").defer("isi", "data")
                  .order_by("perangkat_daerah__pemda__nama", "perangkat_daerah__nama",
                            "-tahun", "-created_at", "format"))
    pemda_finals = list(LaporanFinalPemda.objects.filter(dipublikasikan=True)
                        .select_related("pemda").defer("isi", "data"))
    rows = [{"pemda": f.perangkat_daerah.pemda, "pemilik": f.perangkat_daerah.nama,
             "tahun": f.tahun, "nama": NAMA_DOKUMEN.get(f.dokumen, f.dokumen),
             "format": f.format, "dibuat": f.created_at, "sha256": f.sha256,
             "url": reverse("laporan_final_download", args=[f.pk])} for f in finals]
    rows += [{"pemda": f.pemda, "pemilik": f.pemda.nama, "tahun": f.tahun, "nama": "LKjIP",
              "format": f.format, "dibuat": f.created_at, "sha256": f.sha256,
              "url": reverse("daerah:lkjip-final-unduh", args=[f.pk])} for f in pemda_finals]
    # the evaluation results (LHE) the Inspektorat published, of an OPD or of the pemda
    rows += [{"pemda": f.evaluasi.pemda, "pemilik": (f.evaluasi.perangkat_daerah or
                                                      f.evaluasi.pemda).nama,
              "tahun": f.tahun, "nama": "LHE", "format": f.format, "dibuat": f.created_at,
              "sha256": f.sha256, "url": reverse("lhe_final_unduh", args=[f.pk])}
             for f in LheFinal.objects.filter(dipublikasikan=True)
             .select_related("evaluasi__pemda", "evaluasi__perangkat_daerah")
             .defer("isi", "data")]
    rows.sort(key=lambda r: (r["pemda"].nama, r["pemilik"] != r["pemda"].nama, r["pemilik"],
                             -r["tahun"], -r["dibuat"].timestamp(), r["format"]))
    return render(request, "reports/publikasi.html", {"finals": rows})


# -- ready for signature: the pemda's letterhead, the kepala's place and date ------------------
@login_required
def pemda_kop(request: HttpRequest, pk: int) -> HttpResponse:
    """The admin pemda's letterhead and efficiency settings (reports.kop)."""
    from akuntabel.accounts.access import get_pemda_for_user
    from akuntabel.reports.forms_kop import KopForm
    from akuntabel.reports.kop import simpan_kop

    pemda, can_edit = get_pemda_for_user(request.user, pk)
    if not can_edit:
        raise Http404
    if request.method == "POST":
        form = KopForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            simpan_kop(pemda, alamat=d["kop_alamat"], kontak=d["kop_kontak"], logo=d["logo"],
                       hapus_logo=d["hapus_logo"], efisiensi_metode=d["efisiensi_metode"],
                       efisiensi_ambang=d["efisiensi_ambang"], oleh=request.user)
            messages.success(request, _("The letterhead is saved; every document shows it."))
            return redirect(reverse("pemda_kop", args=[pemda.pk]))
    else:
        form = KopForm(initial={"kop_alamat": pemda.kop_alamat, "kop_kontak": pemda.kop_kontak,
                                "efisiensi_metode": pemda.efisiensi_metode,
                                "efisiensi_ambang": pemda.efisiensi_ambang})
    from akuntabel.reports.renderers.html import logo_src

    return render(request, "reports/kop.html", {
        "pemda": pemda, "form": form, "logo": logo_src(bytes(pemda.kop_logo or b""))})


@login_required
@require_POST
def lakip_pengaturan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The kepala chooses the place and date above his signature and the appendix."""
    from akuntabel.reports.forms_kop import PengaturanForm
    from akuntabel.reports.pengaturan import simpan_pengaturan

    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.tandatangani:
        raise PermissionDenied
    form = PengaturanForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        simpan_pengaturan(opd, tahun, "lakip", tempat=d["tempat"], tanggal=d["tanggal"],
                          lampiran_perbedaan=d["lampiran_perbedaan"], oleh=request.user)
        messages.success(request, _("The signing place and date are saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values()
                                         for e in errors))
    return redirect(reverse("lakip", args=[opd.pk, tahun]) + "#tanda-tangan")
