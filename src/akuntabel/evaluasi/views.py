"""The screens of the Evaluasi AKIP: the pemda's list of evaluations (open the year's for every
OPD), the OPD's own list, and the worksheet (lembar kerja evaluasi) of one evaluation, where the
evaluated unit answers and gives evidence, the evaluator grades with Akuntabel's evidence and
suggested grade beside each criterion, and locks. Access is checked on each view's first line
(``evaluasi.access``); every write goes through ``evaluasi.services``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from akuntabel.accounts.access import get_opd_for_user
from akuntabel.core.evaluasi import HasilEvaluasi, format_nilai, hitung_evaluasi
from akuntabel.evaluasi import bukti as bukti_akuntabel
from akuntabel.evaluasi import lke_xlsx, services
from akuntabel.evaluasi.access import (
    HakEvaluasi,
    get_bukti_for_user,
    get_evaluasi_for_user,
    get_jawaban_for_user,
    get_pemda_evaluasi_for_user,
    hak_evaluasi,
)
from akuntabel.evaluasi.models import BuktiJawaban, Evaluasi, Jawaban, TemplateLke
from akuntabel.evaluasi.tahun import tahun_dievaluasi, tahun_dipilih, tahun_tautan
from akuntabel.results.uploads import content_type_of


def _hari_ini() -> date:
    return timezone.localdate()


def _nilai(hasil: HasilEvaluasi | None) -> str:
    return format_nilai(hasil.total) if hasil is not None else "–"


@dataclass
class BarisDaftar:
    evaluasi: Evaluasi
    usulan: HasilEvaluasi
    penetapan: HasilEvaluasi
    dijawab: int
    dinilai: int
    jumlah: int

    @property
    def total_usulan(self) -> str:
        return format_nilai(self.usulan.total)

    @property
    def total_penetapan(self) -> str:
        return format_nilai(self.penetapan.total)


def _baris_daftar(daftar: list[Evaluasi]) -> list[BarisDaftar]:
    """Each evaluation's scores by the unit's answers and by the grades, in a fixed number of
    queries: each template read once, every answer in one query."""
    template: dict[int, Any] = {}
    for e in daftar:
        if e.template_id not in template:
            template[e.template_id] = services.template_untuk_skor(e.template)
    jawaban: dict[int, list[tuple[str, str, str]]] = {e.pk: [] for e in daftar}
    for evaluasi_id, nomor, usulan, penetapan in Jawaban.objects.filter(
            evaluasi__in=[e.pk for e in daftar]).values_list(
            "evaluasi_id", "kriteria__nomor", "nilai_usulan", "nilai_penetapan"):
        jawaban[evaluasi_id].append((nomor, usulan, penetapan))
    hasil = []
    for e in daftar:
        komponen, skala, pita = template[e.template_id]
        rows = jawaban[e.pk]
        hasil.append(BarisDaftar(
            e, hitung_evaluasi(komponen, skala, pita, {n: u for n, u, _p in rows}),
            hitung_evaluasi(komponen, skala, pita, {n: p for n, _u, p in rows}),
            sum(1 for _n, u, _p in rows if u), sum(1 for _n, _u, p in rows if p), len(rows)))
    return hasil


@login_required
@require_GET
def evaluasi_pemda(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluations of a pemda in a year, and (reviewer, admin pemda) opening them."""
    pemda, hak = get_pemda_evaluasi_for_user(request.user, pk)
    hari_ini = _hari_ini()
    ada = tahun_dievaluasi(pemda)
    tahun = tahun_dipilih(request, ada, hari_ini.year - 1)
    daftar = list(Evaluasi.objects.filter(pemda=pemda, tahun=tahun)
                  .select_related("perangkat_daerah", "template", "dikunci_oleh")
                  .order_by("perangkat_daerah__nama"))
    return render(request, "evaluasi/evaluasi_pemda.html", {
        "pemda": pemda, "hak": hak, "tahun": tahun, "baris": _baris_daftar(daftar),
        "tahun_tautan": tahun_tautan(ada, tahun, hari_ini.year - 1),
        "templates": TemplateLke.objects.order_by("-berlaku_mulai", "kode"),
        "jendela": services.Jendela.dari(daftar[0]) if daftar else None,
        "format_nilai": format_nilai, "hari_ini": hari_ini,
        "ada_pemda": any(e.perangkat_daerah_id is None for e in daftar),
    })


JENDELA_FIELDS = [f"{m}_{b}" for m in services.MASA for b in ("mulai", "selesai")]


def _jendela(post: Any) -> services.Jendela:
    """The six window dates typed in a form (yyyy-mm-dd, as date inputs send them)."""
    nilai = {}
    for nama in JENDELA_FIELDS:
        teks = (post.get(nama) or "").strip()
        try:
            nilai[nama] = date.fromisoformat(teks)
        except ValueError:
            masa, batas = nama.split("_")
            raise services.EvaluasiDitolak(
                _("The %(batas)s date of the %(masa)s window is not a date: '%(teks)s'.")
                % {"batas": _("start") if batas == "mulai" else _("end"),
                   "masa": services.nama_masa(masa), "teks": teks}) from None
    return services.Jendela(**nilai)


@login_required
@require_POST
def evaluasi_buat(request: HttpRequest, pk: int) -> HttpResponse:
    pemda, hak = get_pemda_evaluasi_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    teks = (request.POST.get("tahun") or "").strip()
    tahun = int(teks) if teks.isdigit() and len(teks) == 4 else 0
    pilihan = (request.POST.get("template") or "").strip()
    template = (TemplateLke.objects.filter(pk=int(pilihan)).first()
                if pilihan.isdigit() and len(pilihan) < 18 else None)
    url = reverse("evaluasi_pemda", args=[pemda.pk]) + f"?tahun={tahun}"
    if template is None or not 2000 <= tahun <= 2100:
        messages.error(request, _("Choose the year and the LKE template."))
        return redirect(url)
    try:
        jendela = _jendela(request.POST)
        if request.POST.get("unit") == "pemda":
            services.buat_evaluasi(pemda, tahun, template, jendela, user=request.user)
            messages.success(request, _("The self-assessment of %(pemda)s %(tahun)s was opened.")
                             % {"pemda": pemda, "tahun": tahun})
        else:
            dibuat = services.buat_evaluasi_semua_opd(pemda, tahun, template, jendela,
                                                      user=request.user)
            messages.success(request, _("Evaluations opened: %(n)s agencies.")
                             % {"n": len(dibuat)})
    except services.EvaluasiDitolak as exc:
        messages.error(request, str(exc))
    return redirect(url)


@login_required
@require_GET
def evaluasi_opd(request: HttpRequest, pk: int) -> HttpResponse:
    """An OPD's own evaluations, every year."""
    opd, _can_edit = get_opd_for_user(request.user, pk)
    daftar = list(Evaluasi.objects.filter(perangkat_daerah=opd)
                  .select_related("perangkat_daerah", "template", "dikunci_oleh", "pemda")
                  .order_by("-tahun"))
    hari_ini = _hari_ini()
    baris = [b for b in _baris_daftar(daftar) if hak_evaluasi(request.user, b.evaluasi)]
    return render(request, "evaluasi/evaluasi_opd.html", {
        "opd": opd, "baris": baris, "hari_ini": hari_ini, "tahun": hari_ini.year,
        "section": "evaluasi",
        "terbuka": {b.evaluasi.pk: [services.nama_masa(m) for m in
                                    services.masa_terbuka(b.evaluasi, hari_ini)]
                    for b in baris},
    })


@dataclass
class Kriteria:
    jawaban: Jawaban
    bukti_dukung: list[BuktiJawaban]
    akuntabel: Any   # evaluasi.bukti.BuktiKriteria: Akuntabel's evidence, suggestion, warnings
    nilai_awal: str  # the grade the evaluator's form starts with: set, else suggested, else usulan
    tampil: bool = True  # shown under the page's filter
    galat: str = ""      # why the user's last save of this criterion was refused
    # The forms' values: as stored, or as the user typed them in a refused save.
    usulan_nilai: str = ""
    usulan_catatan: str = ""
    penetapan_catatan: str = ""
    tanggapan: str = ""


@dataclass
class Sub:
    sub: Any
    kriteria: list[Kriteria] = field(default_factory=list)
    usulan: str = "–"
    penetapan: str = "–"
    lalu: str = "–"

    @property
    def tampil(self) -> bool:
        return any(c.tampil for c in self.kriteria)


@dataclass
class Komponen:
    komponen: Any
    sub: list[Sub] = field(default_factory=list)
    usulan: str = "–"
    penetapan: str = "–"
    lalu: str = "–"

    @property
    def tampil(self) -> bool:
        return any(c.tampil for s in self.sub for c in s.kriteria)


def _lembar(evaluasi: Evaluasi, kolom_kosong: str = "") -> list[Komponen]:
    """The worksheet by component and sub-component; with ``kolom_kosong``, only the criteria
    whose ``kolom_kosong`` is empty are shown (all are kept for the scores)."""
    jawaban = list(evaluasi.jawaban.select_related(
        "kriteria__sub_komponen__komponen", "usulan_oleh", "penetapan_oleh", "tanggapan_oleh")
        .prefetch_related("bukti_dukung"))
    akuntabel = bukti_akuntabel.bukti_evaluasi(evaluasi)
    komponen: dict[int, Komponen] = {}
    sub: dict[int, Sub] = {}
    for j in jawaban:
        s = j.kriteria.sub_komponen
        k = komponen.setdefault(s.komponen_id, Komponen(s.komponen))
        if s.pk not in sub:
            sub[s.pk] = Sub(s)
            k.sub.append(sub[s.pk])
        b = akuntabel.get(j.kriteria_id)
        saran = b.saran.nilai if b is not None and b.saran is not None else ""
        sub[s.pk].kriteria.append(Kriteria(
            j, list(j.bukti_dukung.all()), b, j.nilai_penetapan or saran or j.nilai_usulan,
            not kolom_kosong or not getattr(j, kolom_kosong), "", j.nilai_usulan,
            j.catatan_usulan, j.catatan_penetapan, j.tanggapan))
    return list(komponen.values())


def _skor_lembar(lembar: list[Komponen], usulan: HasilEvaluasi, penetapan: HasilEvaluasi | None,
                 lalu: HasilEvaluasi | None) -> None:
    def teks(hasil: HasilEvaluasi | None, nilai: dict[str, Decimal] | None, kode: str) -> str:
        return format_nilai(nilai[kode]) if hasil is not None and nilai and kode in nilai else "–"

    for k in lembar:
        kode = k.komponen.kode
        k.usulan = teks(usulan, usulan.nilai_komponen, kode)
        k.penetapan = teks(penetapan, penetapan.nilai_komponen if penetapan else None, kode)
        k.lalu = teks(lalu, lalu.nilai_komponen if lalu else None, kode)
        for s in k.sub:
            kode = s.sub.kode
            s.usulan = teks(usulan, usulan.nilai_sub, kode)
            s.penetapan = teks(penetapan, penetapan.nilai_sub if penetapan else None, kode)
            s.lalu = teks(lalu, lalu.nilai_sub if lalu else None, kode)


def _lihat_penetapan(evaluasi: Evaluasi, hak: HakEvaluasi, hari_ini: date) -> bool:
    """The unit sees the grades once the response window has started (or the evaluation is
    locked); the evaluator's side sees them always."""
    return bool(hak.nilai or hak.kelola or evaluasi.terkunci
                or hari_ini >= evaluasi.tanggapan_mulai)


@login_required
@require_GET
def lembar_kerja(request: HttpRequest, pk: int) -> HttpResponse:
    """The worksheet of one evaluation."""
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    hari_ini = _hari_ini()
    terbuka = services.masa_terbuka(evaluasi, hari_ini)
    jendela = services.Jendela.dari(evaluasi)
    lihat_penetapan = _lihat_penetapan(evaluasi, hak, hari_ini)
    # "belum": only what the user's side still has to do (the evaluator: grades; the unit:
    # answers).
    kolom_kosong = "nilai_penetapan" if hak.nilai else "nilai_usulan"
    saring = request.GET.get("saring") == "belum"
    lembar = _lembar(evaluasi, kolom_kosong if saring else "")
    _galat_kembali(request, lembar)
    lalu = services.evaluasi_tahun_lalu(evaluasi)
    usulan = services.skor(evaluasi, "nilai_usulan")
    penetapan = services.skor(evaluasi) if lihat_penetapan else None
    skor_lalu = services.skor(lalu) if lalu is not None and lalu.terkunci else None
    _skor_lembar(lembar, usulan, penetapan, skor_lalu)
    skala = list(evaluasi.template.skala.all())
    return render(request, "evaluasi/lembar_kerja.html", {
        "evaluasi": evaluasi, "hak": hak, "lembar": lembar, "skala": skala,
        "unit": services.nama_unit(evaluasi), "jendela": jendela,
        "masa": [(services.nama_masa(m), *jendela.rentang(m), m in terbuka)
                 for m in services.MASA],
        "boleh_jawab": hak.jawab and "mandiri" in terbuka,
        "boleh_bukti": hak.jawab and ("mandiri" in terbuka or "tanggapan" in terbuka),
        "boleh_nilai": hak.nilai and "evaluasi" in terbuka,
        "boleh_tanggapan": hak.jawab and "tanggapan" in terbuka,
        "lihat_penetapan": lihat_penetapan, "saring": saring,
        "jumlah_kriteria": sum(len(s.kriteria) for k in lembar for s in k.sub),
        "belum": (penetapan.tak_dijawab if hak.nilai and penetapan is not None
                  else usulan.tak_dijawab),
        "usulan": usulan, "penetapan": penetapan, "lalu": lalu, "skor_lalu": skor_lalu,
        "total_usulan": _nilai(usulan), "total_penetapan": _nilai(penetapan),
        "total_lalu": _nilai(skor_lalu),
        "jendela_fields": [(f, getattr(jendela, f)) for f in JENDELA_FIELDS],
        "section": "evaluasi", "opd": evaluasi.perangkat_daerah, "tahun": evaluasi.tahun,
    })


GALAT = "evaluasi.galat"


def _galat(request: HttpRequest, jawaban: Jawaban, exc: Exception) -> None:
    """A refused save: the message at the top of the page, and (kept in the session for the
    next page) beside its criterion with what the user typed, so nothing typed is lost."""
    messages.error(request, str(exc))
    post = request.POST
    request.session[GALAT] = {"jawaban": jawaban.pk, "pesan": str(exc),
                              "aksi": post.get("aksi", ""), "nilai": post.get("nilai", ""),
                              "catatan": post.get("catatan", ""),
                              "tanggapan": post.get("tanggapan", "")}


def _galat_kembali(request: HttpRequest, lembar: list[Komponen]) -> None:
    galat = request.session.pop(GALAT, None)
    if not isinstance(galat, dict):
        return
    for c in (c for k in lembar for s in k.sub for c in s.kriteria):
        if c.jawaban.pk != galat.get("jawaban"):
            continue
        c.galat = str(galat.get("pesan", ""))
        aksi = galat.get("aksi")
        if aksi == "usulan":
            c.usulan_nilai, c.usulan_catatan = galat["nilai"], galat["catatan"]
        elif aksi == "penetapan":
            c.nilai_awal, c.penetapan_catatan = galat["nilai"], galat["catatan"]
        elif aksi == "tanggapan":
            c.tanggapan = galat["tanggapan"]
        c.tampil = True


def _kembali(jawaban: Jawaban) -> str:
    return (reverse("lembar_kerja", args=[jawaban.evaluasi_id])
            + f"#k-{jawaban.kriteria.nomor}")


def _versi(post: Any) -> int:
    teks = (post.get("versi") or "").strip()
    return int(teks) if teks.isdigit() and len(teks) < 10 else -1


@login_required
@require_POST
def jawaban_simpan(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one criterion: the unit's answer (aksi=usulan), the evaluator's grade
    (aksi=penetapan) or the unit's response (aksi=tanggapan)."""
    jawaban, hak = get_jawaban_for_user(request.user, pk)
    aksi, post, user = request.POST.get("aksi", ""), request.POST, request.user
    if aksi not in ("usulan", "penetapan", "tanggapan"):
        raise Http404
    if (aksi == "penetapan" and not hak.nilai) or (aksi != "penetapan" and not hak.jawab):
        raise PermissionDenied
    hari_ini = _hari_ini()
    try:
        if aksi == "usulan":
            services.simpan_usulan(jawaban, post.get("nilai", ""), post.get("catatan", ""),
                                   _versi(post), user=user, hari_ini=hari_ini)
        elif aksi == "penetapan":
            services.simpan_penetapan(jawaban, post.get("nilai", ""), post.get("catatan", ""),
                                      _versi(post), user=user, hari_ini=hari_ini,
                                      saran=post.get("saran", ""))
        else:
            services.simpan_tanggapan(jawaban, post.get("tanggapan", ""), _versi(post),
                                      user=user, hari_ini=hari_ini)
    except services.StaleJawaban as exc:
        messages.error(request, str(exc))   # what is stored now is shown, not what was typed
    except services.EvaluasiDitolak as exc:
        _galat(request, jawaban, exc)
    else:
        messages.success(request, _("Criterion %(nomor)s saved.")
                         % {"nomor": jawaban.kriteria.nomor})
    return redirect(_kembali(jawaban))


@login_required
@require_POST
def bukti_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    jawaban, hak = get_jawaban_for_user(request.user, pk)
    if not hak.jawab:
        raise PermissionDenied
    try:
        services.tambah_bukti(jawaban, request.POST.get("nama", ""),
                              tautan=request.POST.get("tautan", ""),
                              berkas=request.FILES.get("berkas"), user=request.user,
                              hari_ini=_hari_ini())
    except services.EvaluasiDitolak as exc:
        _galat(request, jawaban, exc)
    else:
        messages.success(request, _("Evidence of criterion %(nomor)s added.")
                         % {"nomor": jawaban.kriteria.nomor})
    return redirect(_kembali(jawaban))


@login_required
@require_POST
def bukti_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    bukti, hak = get_bukti_for_user(request.user, pk)
    if not hak.jawab:
        raise PermissionDenied
    try:
        services.hapus_bukti(bukti, user=request.user, hari_ini=_hari_ini())
    except services.EvaluasiDitolak as exc:
        _galat(request, bukti.jawaban, exc)
    return redirect(_kembali(bukti.jawaban))


@login_required
@require_GET
def bukti_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, to whoever may read its evaluation."""
    bukti, _hak = get_bukti_for_user(request.user, pk)
    if not bukti.berkas:
        raise Http404
    nama = PurePath(bukti.nama).name
    if not PurePath(nama).suffix:
        nama += PurePath(bukti.berkas.name).suffix
    return FileResponse(bukti.berkas.open("rb"), as_attachment=False, filename=nama,
                        content_type=content_type_of(bukti))


@login_required
@require_POST
def evaluasi_kunci(request: HttpRequest, pk: int) -> HttpResponse:
    """Lock (aksi=kunci) or unlock with a reason (aksi=buka) the evaluation: the evaluator."""
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    if not hak.nilai:
        raise PermissionDenied
    try:
        if request.POST.get("aksi") == "buka":
            services.buka_kunci(evaluasi, user=request.user,
                                alasan=request.POST.get("alasan", ""))
            messages.success(request, _("The evaluation was unlocked."))
        else:
            services.kunci_evaluasi(evaluasi, user=request.user)
            messages.success(request, _("The evaluation was locked."))
    except services.EvaluasiDitolak as exc:
        messages.error(request, str(exc))
    return redirect("lembar_kerja", evaluasi.pk)


@login_required
@require_POST
def evaluasi_jadwal(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the windows of one evaluation (reviewer, admin pemda)."""
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    if not hak.kelola:
        raise PermissionDenied
    try:
        services.ubah_jendela(evaluasi, _jendela(request.POST), user=request.user)
        messages.success(request, _("The windows were saved."))
    except services.EvaluasiDitolak as exc:
        messages.error(request, str(exc))
    return redirect("lembar_kerja", evaluasi.pk)


# --- the LKE as a workbook: download, import with a preview, apply -------------------------

def _sisi(hak: HakEvaluasi) -> str:
    """The columns the user's workbook writes: the evaluator's grades, else the unit's answers."""
    if hak.nilai:
        return "penetapan"
    if hak.jawab:
        return "usulan"
    raise PermissionDenied


@login_required
@require_GET
def lke_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    isi = lke_xlsx.tulis_lke(evaluasi, dengan_penetapan=_lihat_penetapan(evaluasi, hak,
                                                                         _hari_ini()))
    response = HttpResponse(isi, content_type="application/vnd.openxmlformats-officedocument."
                                              "spreadsheetml.sheet")
    kode = evaluasi.perangkat_daerah.kode if evaluasi.perangkat_daerah else "pemda"
    response["Content-Disposition"] = (f'attachment; filename="LKE-{evaluasi.pemda.kode}-'
                                       f'{kode}-{evaluasi.tahun}.xlsx"')
    return response


def _salt(evaluasi: Evaluasi, request: HttpRequest) -> str:
    return f"evaluasi.lke:{evaluasi.pk}:{request.user.pk}"


@login_required
@require_POST
def lke_impor(request: HttpRequest, pk: int) -> HttpResponse:
    """Read an uploaded workbook and show what it would change; nothing is written."""
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    sisi = _sisi(hak)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        messages.error(request, _("Choose the workbook to import."))
        return redirect("lembar_kerja", evaluasi.pk)
    pratinjau = lke_xlsx.baca_lke(evaluasi, berkas, sisi)
    token = signing.dumps([[p.nomor, p.lama_nilai, p.lama_catatan, p.nilai, p.catatan,
                            p.versi] for p in pratinjau.perubahan],
                          salt=_salt(evaluasi, request), compress=True)
    return render(request, "evaluasi/lke_pratinjau.html", {
        "evaluasi": evaluasi, "unit": services.nama_unit(evaluasi), "pratinjau": pratinjau,
        "token": token, "nama_berkas": berkas.name, "sisi": sisi,
    })


@login_required
@require_POST
def lke_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a previewed workbook, all or nothing."""
    evaluasi, hak = get_evaluasi_for_user(request.user, pk)
    sisi = _sisi(hak)
    try:
        baris = signing.loads(request.POST.get("token", ""), salt=_salt(evaluasi, request),
                              max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired; import the workbook again."))
        return redirect("lembar_kerja", evaluasi.pk)
    pratinjau = lke_xlsx.Pratinjau(sisi, tuple(lke_xlsx.Perubahan(*b) for b in baris), ())
    try:
        n = lke_xlsx.terapkan_lke(evaluasi, pratinjau, user=request.user,
                                  hari_ini=_hari_ini())
    except (services.EvaluasiDitolak, services.StaleJawaban) as exc:
        messages.error(request, str(exc))
        messages.error(request, _("Nothing from the workbook was saved."))
    else:
        messages.success(request, _("Criteria saved from the workbook: %(n)s.") % {"n": n})
    return redirect("lembar_kerja", evaluasi.pk)
