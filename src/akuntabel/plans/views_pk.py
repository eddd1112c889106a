"""Perjanjian Kinerja screens: the year's PK with its cascade (kepala -> eselon III -> eselon
IV), an official's PK below the kepala's, the form that makes one under the PK above, the
document of a cascaded PK, and the actions compose, edit, submit, sign, send back and amend.
Each view checks access on its first line; the workflow itself lives in
``plans.pk_services``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts.access import Hak, get_opd_hak_for_user
from akuntabel.audit.models import Perubahan
from akuntabel.budget.services import ROOT, build_budget_tree
from akuntabel.core.angka import format_angka
from akuntabel.core.pk import NODE_TINGKAT, Tingkat
from akuntabel.organizations.models import Pejabat, PerangkatDaerah
from akuntabel.plans import pk_services as svc
from akuntabel.plans.models import (
    TAHUNAN,
    Indikator,
    PerjanjianKinerja,
    PerjanjianKinerjaBaris,
    Target,
)
from akuntabel.plans.services import NoRenstra, renstra_for
from akuntabel.reports.pk import build_pk_context
from akuntabel.reports.services import FORMATS
from akuntabel.reports.views import report_response


@dataclass
class BarisTampil:
    nomor: int
    baris: PerjanjianKinerjaBaris
    isian: str  # what the input shows: the typed text after an error, else the stored text
    kosong: bool  # no target yet: flagged
    melayani: str = ""  # cascaded: the row served, as its select shows it (typed or stored)


@dataclass
class ProgramTampil:
    kode: str
    nama: str
    anggaran: Decimal | None
    sumber: str = ""  # "DPA", "Renja" (pagu indikatif), "Renstra" or "" (no budget yet)


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
    pilihan: list[tuple[str, str]]  # cascaded: the rows above it may serve (id, label)

    @property
    def masalah_nip(self) -> list[Any]:
        """What is wrong with the first party's NIP as recorded (core.nip), shown before
        signing; the NIP itself is never corrected here."""
        from django.utils import timezone

        from akuntabel.core.nip import periksa_nip

        nip = self.pk.pihak_pertama_nip
        return periksa_nip(nip, timezone.localdate()) if nip else []


@dataclass
class Jenjang:
    """One official's PK of the year in the cascade: the latest of the chain, the PKs made
    under it, its page and the form for one below ("" when none may be made)."""

    pk: PerjanjianKinerja
    anak: list[Jenjang]
    url: str
    url_baru: str


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
    for kolom in ("target", "melayani"):
        label[kolom] = PerjanjianKinerjaBaris._meta.get_field(kolom).verbose_name
    status = dict(PerjanjianKinerja.Status.choices)
    rows = []
    for c in svc.history_of(pks)[:200]:
        lama, baru = ((status.get(c.lama, c.lama), status.get(c.baru, c.baru))
                      if c.kolom == "status" else (c.lama, c.baru))
        rows.append(RiwayatTampil(c, str(label.get(c.kolom, c.kolom)), lama, baru))
    return rows


def _program_dpa(opd: PerangkatDaerah, tahun: int) -> tuple[list[ProgramTampil], Decimal | None]:
    tree = build_budget_tree(opd, tahun)
    return ([ProgramTampil(tree.info[k].kode, tree.info[k].uraian, tree.hasil[k].pagu.nilai,
                           "DPA") for k in tree.children(ROOT)], tree.total.pagu.nilai)


def _jumlah(nilai: list[Decimal | None]) -> Decimal | None:
    ada = [n for n in nilai if n is not None]
    return sum(ada, Decimal(0)) if ada else None


def _label_baris(nomor: int, b: PerjanjianKinerjaBaris) -> str:
    return f"{nomor}. {b.uraian_indikator or '–'} ({b.uraian_sasaran})"


def _pilihan(pk: PerjanjianKinerja) -> list[tuple[str, str]]:
    if pk.atasan_id is None:
        return []
    rows = (PerjanjianKinerjaBaris.objects.filter(perjanjian_kinerja_id=pk.atasan_id)
            .select_related("sasaran", "indikator").order_by("urutan", "pk"))
    return [(str(b.pk), _label_baris(n, b)) for n, b in enumerate(rows, start=1)]


def _cascade(opd: PerangkatDaerah, tahun: int, hak: Hak) -> list[Jenjang]:
    """The year's PKs as a tree of officials (one query): each official's latest PK, under
    the official whose PK it serves."""
    pks = list(PerjanjianKinerja.objects.filter(perangkat_daerah=opd, tahun=tahun)
               .order_by("pk"))
    kunci = {p.pk: (p.tingkat, p.pejabat_id if p.tingkat != Tingkat.KEPALA else None)
             for p in pks}
    terakhir: dict[tuple[str, int | None], PerjanjianKinerja] = {}
    for p in pks:
        terakhir[kunci[p.pk]] = p
    simpul = {k: Jenjang(p, [], reverse("pk_detail", args=[opd.pk, tahun])
                         if p.tingkat == Tingkat.KEPALA
                         else reverse("pk_turunan", args=[opd.pk, tahun, p.pk]),
                         reverse("pk_turunan_baru", args=[opd.pk, tahun, p.pk])
                         if hak.ubah and p.tingkat != Tingkat.ESELON_IV else "")
              for k, p in terakhir.items()}
    akar = []
    for j in simpul.values():
        induk = simpul.get(kunci.get(j.pk.atasan_id, ("", None)))
        (induk.anak if induk is not None and induk is not j else akar).append(j)
    return akar


def _context(opd: PerangkatDaerah, tahun: int, hak: Hak,
             isian: dict[str, str] | None = None, pk_isian: int | None = None,
             turunan: PerjanjianKinerja | None = None) -> dict[str, Any]:
    """The year's kepala PK page, or (``turunan``) the page of the official of that
    cascaded PK: the official's PK of the year."""
    if turunan is None:
        pks = list(svc.pk_of_year(opd, tahun))
    else:
        pks = list(svc.cascade_of_year(opd, tahun)
                   .filter(pk__in=svc.chain_of(turunan).values("pk")))
    berlaku = svc.pk_in_force(pks)
    dpa: tuple[list[ProgramTampil], Decimal | None] | None = None
    tampil = []
    for pk in pks:
        typed = isian if isian is not None and pk.pk == pk_isian else {}
        baris = [BarisTampil(n, b, typed.get(f"target_{b.pk}", b.target_teks),
                             not svc.row_has_target(b),
                             typed.get(f"melayani_{b.pk}", str(b.melayani_id or "")))
                 for n, b in enumerate(pk.baris.all(), start=1)]
        dapat_diubah = hak.ubah and pk.status == PerjanjianKinerja.Status.DRAFT
        program = ([ProgramTampil(*a, "DPA" if a[2] is not None else "")
                    for a in svc.anggaran_turunan(pk)] if turunan is not None
                   else [ProgramTampil(p.program.kode, p.program.nama, p.anggaran,
                                       p.sumber_anggaran) for p in pk.program.all()])
        if not program and turunan is None:
            dpa = dpa or _program_dpa(opd, tahun)
        dari_dpa = not program and turunan is None and bool(dpa and dpa[0])
        if dari_dpa and dpa is not None:
            program, total = dpa
        else:
            total = _jumlah([p.anggaran for p in program])
        pihak = [(nama, PerjanjianKinerja._meta.get_field(nama).verbose_name,
                  typed.get(nama, getattr(pk, nama)), panjang)
                 for nama, (_label, panjang) in svc.PIHAK.items()]
        tanggal = typed.get("tanggal", pk.tanggal.isoformat() if pk.tanggal else "")
        tampil.append(PkTampil(pk, baris, program, total, dari_dpa, pk == berlaku,
                               dapat_diubah, pihak, tanggal,
                               _pilihan(pk) if dapat_diubah and turunan is not None else []))
    terbuka = any(p.status != PerjanjianKinerja.Status.DITANDATANGANI for p in pks)
    return {
        "opd": opd, "tahun": tahun, "hak": hak, "tampil": tampil, "berlaku": berlaku,
        "ada_induk": any(p.jenis == PerjanjianKinerja.Jenis.INDUK for p in pks),
        "dapat_perubahan": hak.ubah and berlaku is not None and not terbuka,
        "riwayat": _riwayat(pks), "turunan": turunan,
        "cascade": _cascade(opd, tahun, hak) if turunan is None else [],
    }


@login_required
def pk_detail(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    return render(request, "plans/pk_detail.html", _context(opd, tahun, hak))


def _back(opd: PerangkatDaerah, tahun: int,
          perjanjian: PerjanjianKinerja | None = None) -> HttpResponse:
    """To the page that shows ``perjanjian``: the official's for a cascaded PK."""
    if perjanjian is not None and perjanjian.tingkat != Tingkat.KEPALA:
        return redirect(reverse("pk_turunan", args=[opd.pk, tahun, perjanjian.pk]))
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
             if k.startswith(("target_", "melayani_")) or k in svc.PIHAK or k == "tanggal"}
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
    return _back(opd, tahun, perjanjian)


def _again(request: HttpRequest, opd: PerangkatDaerah, tahun: int, hak: Hak,
           isian: dict[str, str], perjanjian: PerjanjianKinerja, status: int) -> HttpResponse:
    """The page again with what was typed, so nothing typed is lost (while still a draft)."""
    perjanjian.refresh_from_db()
    if perjanjian.status != PerjanjianKinerja.Status.DRAFT:
        return _back(opd, tahun, perjanjian)
    turunan = perjanjian if perjanjian.tingkat != Tingkat.KEPALA else None
    return render(request, "plans/pk_detail.html",
                  _context(opd, tahun, hak, isian, perjanjian.pk, turunan), status=status)


def _transition(request: HttpRequest, pk: int, tahun: int, hak_perlu: str, action: Any,
                pesan: str, **kwargs: Any) -> HttpResponse:
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not getattr(hak, hak_perlu):
        raise PermissionDenied
    perjanjian = _pk_posted(request, opd, tahun)
    versi = _versi_posted(request)
    if versi is None:
        _no_versi(request)
        return _back(opd, tahun, perjanjian)
    try:
        action(perjanjian, request.user, versi=versi, **kwargs)
    except svc.PkError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, pesan)
    return _back(opd, tahun, perjanjian)


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
    # A cascaded PK's form names the official's PK; the kepala's names none.
    dari = _pk_posted(request, opd, tahun) if request.POST.get("perjanjian") else None
    if dari is not None and dari.tingkat == Tingkat.KEPALA:
        dari = None
    try:
        baru = svc.compose_perubahan(opd, tahun, request.user, request.POST.get("alasan", ""),
                                     dari=dari)
    except svc.PkError as exc:
        _refuse(request, exc)
        return _back(opd, tahun, dari)
    messages.success(request, _("Draft amended performance agreement created."))
    if baru.baris.filter(melayani__isnull=True).exists() and baru.atasan_id is not None:
        messages.warning(request, _("Some rows serve a row the agreement above no longer "
                                    "holds: choose the row each serves before submitting."))
    return _back(opd, tahun, baru)


# ------------------------------------------------------------------------ the cascade below

@login_required
def pk_turunan(request: HttpRequest, pk: int, tahun: int, perjanjian: int) -> HttpResponse:
    """The PK of one official below the kepala (induk and perubahan), with its actions."""
    opd, hak = get_opd_hak_for_user(request.user, pk)
    turunan = get_object_or_404(PerjanjianKinerja.objects.exclude(tingkat=Tingkat.KEPALA),
                                pk=perjanjian, perangkat_daerah=opd, tahun=tahun)
    return render(request, "plans/pk_detail.html",
                  _context(opd, tahun, hak, turunan=turunan))


@dataclass
class Calon:
    """An indicator of the plan offered for a cascaded PK, with what the form shows."""

    indikator: Indikator
    node: str
    dipilih: bool
    sasaran: str
    target: str
    melayani: str


@dataclass
class BarisTeks:
    nomor: int
    teks: str
    satuan: str
    sasaran: str
    target: str
    melayani: str


BARIS_TEKS = 3  # blank rows for indicators written for the PK


def _calon(opd: PerangkatDaerah, tahun: int, tingkat: Tingkat) -> list[Indikator]:
    """The indicators of the level's plan nodes (program for eselon III, kegiatan for IV) in
    the Renstra covering ``tahun``."""
    try:
        renstra = renstra_for(opd, tahun)
    except NoRenstra:
        return []
    node = NODE_TINGKAT[tingkat][0]
    jalur = {"program": "program__renstra", "kegiatan": "kegiatan__program__renstra"}[node]
    urut = {"program": ["program__urutan", "program_id"],
            "kegiatan": ["kegiatan__program__urutan", "kegiatan__urutan", "kegiatan_id"]}[node]
    return list(Indikator.objects.filter(perangkat_daerah=opd, **{jalur: renstra})
                .select_related("program", "kegiatan").order_by(*urut, "urutan", "pk"))


def _target_awal(indikator: list[Indikator], tahun: int) -> dict[int, str]:
    """The year's Renja target of each indicator, else its Renstra target: the starting point
    of its row."""
    awal: dict[int, str] = {}
    for jenis in (Target.Jenis.RENSTRA, Target.Jenis.RENJA):  # Renja last: it wins
        for t in Target.objects.filter(indikator__in=indikator, jenis=jenis, tahun=tahun,
                                       triwulan=TAHUNAN):
            teks = t.teks or (format_angka(t.nilai) if t.nilai is not None else "")
            if teks:
                awal[t.indikator_id] = teks
    return awal


def _pejabat_bebas(opd: PerangkatDaerah, tahun: int) -> list[Pejabat]:
    """Officials below the head without an original PK of the year yet."""
    sudah = PerjanjianKinerja.objects.filter(perangkat_daerah=opd, tahun=tahun,
                                             jenis=PerjanjianKinerja.Jenis.INDUK,
                                             pejabat__isnull=False).values("pejabat")
    return list(Pejabat.objects.filter(perangkat_daerah=opd)
                .exclude(peran=Pejabat.Peran.KEPALA).exclude(pk__in=sudah)
                .order_by("urutan", "pk"))


@login_required
def pk_turunan_baru(request: HttpRequest, pk: int, tahun: int, atasan: int) -> HttpResponse:
    """"Buat PK eselon III/IV" under the PK ``atasan``: the official, the rows chosen from the
    level's indicators or written for the PK, each with its target and the row it serves."""
    opd, hak = get_opd_hak_for_user(request.user, pk)
    if not hak.ubah:
        raise PermissionDenied
    di_atas = get_object_or_404(PerjanjianKinerja, pk=atasan, perangkat_daerah=opd, tahun=tahun)
    try:
        tingkat = svc.tingkat_bawah(di_atas)
    except svc.PkError as exc:
        _refuse(request, exc)
        return _back(opd, tahun, di_atas)
    calon = _calon(opd, tahun, tingkat)
    post = request.POST if request.method == "POST" else None
    if post is not None:
        baris, pejabat_id = _baris_posted(post, calon), svc.parse_id(post.get("pejabat", ""))
        pejabat = Pejabat.objects.filter(pk=pejabat_id).first() if pejabat_id else None
        try:
            if pejabat is None:
                raise svc.PkError(_("Choose the official who signs as the first party."))
            baru = svc.compose_turunan(di_atas, pejabat, baris, request.user)
        except svc.PkError as exc:
            _refuse(request, exc)
            return render(request, "plans/pk_turunan_baru.html",
                          _form_context(opd, tahun, di_atas, tingkat, calon, post), status=400)
        messages.success(request, _("Draft performance agreement of %(pejabat)s made under "
                                    "the agreement above.") % {"pejabat": pejabat.nama})
        return _back(opd, tahun, baru)
    return render(request, "plans/pk_turunan_baru.html",
                  _form_context(opd, tahun, di_atas, tingkat, calon, None))


def _baris_posted(post: Any, calon: list[Indikator]) -> list[svc.BarisBaru]:
    baris = [svc.BarisBaru(melayani=svc.parse_id(post.get(f"melayani_{i.pk}", "")), indikator=i.pk,
                           sasaran_teks=post.get(f"sasaran_{i.pk}", ""),
                           target=post.get(f"target_{i.pk}", ""))
             for i in calon if post.get(f"pilih_{i.pk}")]
    for n in range(1, BARIS_TEKS + 1):
        isi = {k: post.get(f"{k}_{n}", "") for k in ("teks", "satuan", "sasaran_teks",
                                                      "target_teks", "melayani_teks")}
        if any(v.strip() for k, v in isi.items() if k != "melayani_teks"):
            baris.append(svc.BarisBaru(melayani=svc.parse_id(isi["melayani_teks"]),
                                       indikator_teks=isi["teks"], satuan=isi["satuan"],
                                       sasaran_teks=isi["sasaran_teks"],
                                       target=isi["target_teks"]))
    return baris


def _form_context(opd: PerangkatDaerah, tahun: int, atasan: PerjanjianKinerja,
                  tingkat: Tingkat, calon: list[Indikator], post: Any) -> dict[str, Any]:
    awal = _target_awal(calon, tahun) if post is None else {}
    rows = list(atasan.baris.select_related("sasaran", "indikator").order_by("urutan", "pk"))
    satu = str(rows[0].pk) if len(rows) == 1 else ""  # one row above: it is the one served

    def isi(kunci: str, baku: str = "") -> str:
        return post.get(kunci, "") if post is not None else baku

    return {
        "opd": opd, "tahun": tahun, "atasan": atasan,
        "tingkat": PerjanjianKinerja.Tingkat(tingkat.value).label,
        "pejabat": _pejabat_bebas(opd, tahun), "pejabat_dipilih": isi("pejabat"),
        "pilihan": [(str(b.pk), _label_baris(n, b)) for n, b in enumerate(rows, start=1)],
        "node": NODE_TINGKAT[tingkat][0],
        "calon": [Calon(i, str(i.program or i.kegiatan),
                        bool(isi(f"pilih_{i.pk}")),
                        isi(f"sasaran_{i.pk}", (i.program or i.kegiatan).nama),
                        isi(f"target_{i.pk}", awal.get(i.pk, "")),
                        isi(f"melayani_{i.pk}", satu)) for i in calon],
        "teks": [BarisTeks(n, isi(f"teks_{n}"), isi(f"satuan_{n}"), isi(f"sasaran_teks_{n}"),
                           isi(f"target_teks_{n}"), isi(f"melayani_teks_{n}", satu))
                 for n in range(1, BARIS_TEKS + 1)],
    }


@login_required
def pk_dokumen(request: HttpRequest, pk: int, tahun: int, perjanjian: int,
               fmt: str) -> HttpResponse:
    """The document of one PK (any level) in a report format."""
    opd, _hak = get_opd_hak_for_user(request.user, pk)
    dokumen = get_object_or_404(PerjanjianKinerja, pk=perjanjian, perangkat_daerah=opd,
                                tahun=tahun)
    if fmt not in FORMATS:
        raise Http404
    return report_response(build_pk_context(opd, tahun, perjanjian=dokumen), fmt, opd)
