"""Making a final with eyes open (the open problems listed, a note required; for the PK and
the E.81 also their finals and what changed since the latest), and the public verification
page (a file uploaded or a hash entered; no login, rate-limited)."""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from akuntabel.accounts.access import get_opd_hak_for_user
from akuntabel.accounts.throttle import client_ip
from akuntabel.daerah.models import LaporanFinalPemda
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Renstra
from akuntabel.plans.services import NoRenstra
from akuntabel.reports.final import (
    NAMA_DOKUMEN,
    CatatanDiperlukan,
    FinalTidakBerubah,
    make_final,
)
from akuntabel.reports.kesiapan import final_kedaluwarsa, masalah_terbuka
from akuntabel.reports.models import NAMA_DOKUMEN as NAMA_VERIFIKASI
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.pk import NoPerjanjianKinerja
from akuntabel.reports.tanda_tangan import KunciTidakAda, alasan_tidak_ditandatangani
from akuntabel.reports.verifikasi import final_tercatat, verify

MAKS_BERKAS = 50 * 1024 * 1024
HEX64 = re.compile(r"^[0-9a-f]{64}$")


@login_required
def lakip_final(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """GET: the open problems and the note form; POST: make the final (a note is required
    while problems are open)."""
    return _final(request, pk, tahun, "lakip")


@login_required
def pk_final(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The same for the OPD's PK (the reviu's REN/STR errors and the signer's NIP)."""
    return _final(request, pk, tahun, "pk")


@login_required
def e81_final(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The same for the E.81 evaluation form of the Renja (the LKjIP's problems); the page
    is also where its finals are listed, with what changed since the latest."""
    return _final(request, pk, tahun, "e81")


def _final(request: HttpRequest, pk: int, tahun: int, dokumen: str) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.tandatangani:
        raise PermissionDenied
    back = (reverse("lakip", args=[opd.pk, tahun]) + "#laporan-final" if dokumen == "lakip"
            else reverse("pk_detail", args=[opd.pk, tahun]) if dokumen == "pk"
            else reverse("e81_final", args=[opd.pk, tahun]))
    catatan = request.POST.get("catatan", "")[:4000] if request.method == "POST" else ""
    galat = ""
    try:
        if request.method == "POST":
            made = make_final(opd, tahun, request.user, catatan=catatan, dokumen=dokumen)
            messages.success(request, _("The final %(dokumen)s is made: %(files)s.") % {
                "dokumen": NAMA_DOKUMEN[dokumen],
                "files": "; ".join(f"{f.format.upper()} SHA-256 {f.sha256}" for f in made)})
            return redirect(back)
        masalah = masalah_terbuka(opd, tahun, dokumen)
    except (NoRenstra, NoPerjanjianKinerja):
        raise Http404 from None
    except FinalTidakBerubah as e:
        messages.info(request, str(e))
        return redirect(back)
    except KunciTidakAda as e:   # no key, or the TSA set did not answer
        messages.error(request, alasan_tidak_ditandatangani(e))
        return redirect(back)
    except CatatanDiperlukan as e:
        masalah = e.masalah
        galat = str(e)
    return render(request, "reports/final_buat.html", {
        "opd": opd, "hak": hak, "tahun": tahun, "masalah": masalah, "catatan": catatan,
        "galat": galat, "dokumen": dokumen, "nama_dokumen": NAMA_DOKUMEN[dokumen],
        "aksi": reverse(f"{dokumen}_final", args=[opd.pk, tahun]), "kembali": back,
        **(_daftar_final(opd, tahun, dokumen) if dokumen != "lakip" else {}),
    }, status=400 if galat else 200)


def _daftar_final(opd: PerangkatDaerah, tahun: int, dokumen: str) -> dict[str, object]:
    """For a document whose own page does not list its finals (the PK, the E.81): the
    finals made, and whether the latest is outdated and by what."""
    finals = (LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=tahun, dokumen=dokumen)
              .defer("isi", "data").select_related("dibuat_oleh").order_by("-created_at", "-pk"))
    return {"finals": list(finals), "pratinjau": True,
            **final_kedaluwarsa(opd, tahun, dokumen)}


def _identitas(final: LaporanFinal | LaporanFinalPemda | None) -> dict[str, object] | None:
    """What anyone may read of a final: whose, which document and year, when made, and its
    download link when published (a pemda's final has no publication yet)."""
    if final is None:
        return None
    if not isinstance(final, LaporanFinal):   # the pemda's LKjIP, or an LHE (no publication)
        pemda, opd, terbit = final.pemda, getattr(final, "perangkat_daerah", None), False
    else:
        pemda, opd = final.perangkat_daerah.pemda, final.perangkat_daerah
        terbit = final.dipublikasikan
    return {"pemda": pemda.nama, "opd": opd.nama if opd else "",
            "dokumen": NAMA_VERIFIKASI.get(final.dokumen, final.dokumen),
            "format": final.format, "tahun": final.tahun, "created_at": final.created_at,
            "unduh": reverse("laporan_final_download", args=[final.pk]) if terbit else ""}


def _renstra_tercatat(sha256: str) -> dict[str, object] | None:
    """The established Renstra whose frozen document (the JSON its portal page offers,
    ``plans.penetapan``) has ``sha256``: whose, its period, legal basis and public page."""
    r = (Renstra.objects.filter(sha256=sha256, status=Renstra.Status.DITETAPKAN)
         .select_related("perangkat_daerah__pemda").first())
    if r is None:
        return None
    opd = r.perangkat_daerah
    return {"pemda": opd.pemda.nama, "opd": opd.nama, "periode": f"{r.tahun_awal}–{r.tahun_akhir}",
            "dasar_hukum": r.dasar_hukum, "tanggal": r.tanggal_dasar_hukum,
            "ditetapkan_pada": r.ditetapkan_pada,
            "halaman": reverse("portal:renstra", args=[opd.pemda_id, r.pk])}


def _terlalu_sering(request: HttpRequest) -> bool:
    """At most ``AKUNTABEL_VERIFIKASI_PER_MENIT`` checks a minute from one address."""
    batas = int(getattr(settings, "AKUNTABEL_VERIFIKASI_PER_MENIT", 20))
    key = "akuntabel:verifikasi:" + hashlib.sha256(client_ip(request).encode()).hexdigest()
    cache.add(key, 0, timeout=60)
    try:
        n = cache.incr(key)
    except ValueError:   # expired between add and incr
        cache.set(key, 1, timeout=60)
        n = 1
    return n > batas


def verifikasi(request: HttpRequest) -> HttpResponse:
    """Public: whether a file is an unaltered final of Akuntabel (uploaded), or which final a
    SHA-256 is (entered). Shows only the identity of the document, never its data."""
    ctx: dict[str, object] = {}
    status = 200
    if request.method == "POST":
        if _terlalu_sering(request):
            ctx["galat"] = _("Too many checks from your address; try again in a minute.")
            return render(request, "reports/verifikasi.html", ctx, status=429)
        berkas = request.FILES.get("berkas")
        sha = request.POST.get("sha256", "").strip().lower()
        if berkas is not None:
            if berkas.size > MAKS_BERKAS:
                ctx["galat"] = _("The file is larger than 50 MB; it is no final of Akuntabel.")
                status = 400
            else:
                isi = berkas.read()
                hash_ = hashlib.sha256(isi).hexdigest()
                hasil = verify(isi, final_tercatat(hash_) is not None)
                ctx.update(hasil=hasil, nama_berkas=berkas.name)
        elif HEX64.match(sha):
            ctx["sha256"] = sha
            ctx["tercatat"] = _identitas(final_tercatat(sha))
            if ctx["tercatat"] is None:
                ctx["renstra"] = _renstra_tercatat(sha)
        else:
            ctx["galat"] = _("Choose a file, or enter a SHA-256 of 64 hexadecimal characters.")
            status = 400
    return render(request, "reports/verifikasi.html", ctx, status=status)
