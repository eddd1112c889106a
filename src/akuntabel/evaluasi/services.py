"""The evaluation's services: a stored LKE template in the shape the scoring
(:mod:`akuntabel.core.evaluasi`) takes, the write services of an evaluation (below) and the
reading of its scores."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akuntabel.audit.services import last_change, record_change, record_pemda_change
from akuntabel.common.konflik import nama_pengguna
from akuntabel.common.teks import karakter_kendali
from akuntabel.common.waktu import format_waktu
from akuntabel.core.evaluasi import (
    HasilEvaluasi,
    Komponen,
    PitaPredikat,
    SubKomponen,
    hitung_evaluasi,
)
from akuntabel.evaluasi.access import hak_evaluasi, hak_pemda
from akuntabel.evaluasi.models import BuktiJawaban, Evaluasi, Jawaban, KriteriaLke, TemplateLke
from akuntabel.organizations.models import Pemda
from akuntabel.results.uploads import JENIS, BuktiDitolak, check_file


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


# ---------------------------------------------------------------------------------------------
# The write services: one per kind of value, the one path every way in takes (the screens, the
# workbook import). Each checks the side and the window of the user, refuses everything once the
# evaluation is locked (the evaluation row is locked for update first, so a lock cannot slip in
# between the check and the write), checks the version the caller read, and records every change
# in the history. A refusal raises ``EvaluasiDitolak`` (or ``StaleJawaban``) and writes nothing.


class EvaluasiDitolak(ValueError):
    """The write is refused; the message, for the user, names the criterion and says why."""


class StaleJawaban(Exception):
    """The criterion was saved by someone else after the caller read it: nothing was written.
    ``jawaban`` is the row as stored now."""

    def __init__(self, jawaban: Jawaban, oleh: str, pada: datetime | None):
        self.jawaban, self.oleh, self.pada = jawaban, oleh, pada
        super().__init__(
            _("Criterion %(nomor)s was saved by %(oleh)s on %(pada)s after you opened it; "
              "nothing was saved. What is stored now is shown: check it and save again.")
            % {"nomor": jawaban.kriteria.nomor, "oleh": oleh or _("someone else"),
               "pada": format_waktu(pada) or "–"})


MASA = ("mandiri", "evaluasi", "tanggapan")


def nama_masa(masa: str) -> str:
    return {"mandiri": _("self-assessment"), "evaluasi": _("evaluation"),
            "tanggapan": _("response")}[masa]


@dataclass(frozen=True)
class Jendela:
    """The windows of an evaluation, dates inclusive."""

    mandiri_mulai: date
    mandiri_selesai: date
    evaluasi_mulai: date
    evaluasi_selesai: date
    tanggapan_mulai: date
    tanggapan_selesai: date

    @classmethod
    def dari(cls, evaluasi: Evaluasi) -> Jendela:
        return cls(**{f.name: getattr(evaluasi, f.name) for f in fields(cls)})

    def rentang(self, masa: str) -> tuple[date, date]:
        return getattr(self, f"{masa}_mulai"), getattr(self, f"{masa}_selesai")

    def periksa(self) -> None:
        """EvaluasiDitolak when a window ends before it starts or the windows are out of order
        (the evaluation cannot start before the self-assessment, the response before the
        evaluation; they may overlap)."""
        for masa in MASA:
            mulai, selesai = self.rentang(masa)
            if selesai < mulai:
                raise EvaluasiDitolak(
                    _("The %(masa)s window ends (%(selesai)s) before it starts (%(mulai)s).")
                    % {"masa": nama_masa(masa), "mulai": tanggal(mulai),
                       "selesai": tanggal(selesai)})
        for awal, lanjut in (("mandiri", "evaluasi"), ("evaluasi", "tanggapan")):
            if self.rentang(lanjut)[0] < self.rentang(awal)[0]:
                raise EvaluasiDitolak(
                    _("The %(lanjut)s window starts (%(mulai)s) before the %(awal)s window "
                      "(%(awal_mulai)s).")
                    % {"lanjut": nama_masa(lanjut), "awal": nama_masa(awal),
                       "mulai": tanggal(self.rentang(lanjut)[0]),
                       "awal_mulai": tanggal(self.rentang(awal)[0])})


def tanggal(d: date) -> str:
    return date_format(d, "j F Y")


def masa_terbuka(evaluasi: Evaluasi, hari_ini: date) -> list[str]:
    """The windows open on ``hari_ini`` (none once locked)."""
    if evaluasi.terkunci:
        return []
    jendela = Jendela.dari(evaluasi)
    return [m for m in MASA if jendela.rentang(m)[0] <= hari_ini <= jendela.rentang(m)[1]]


def nama_unit(evaluasi: Evaluasi) -> str:
    return str(evaluasi.perangkat_daerah or evaluasi.pemda)


def _catat(evaluasi: Evaluasi, obj: Any, kolom: str, lama: Any, baru: Any, *, user: Any,
           alasan: str = "") -> None:
    sumber = f"Evaluasi AKIP {evaluasi.tahun}"
    if evaluasi.perangkat_daerah is not None:
        record_change(evaluasi.perangkat_daerah, obj, kolom, lama, baru, sumber=sumber,
                      oleh=user, alasan=alasan)
    else:
        record_pemda_change(evaluasi.pemda, obj, kolom, lama, baru, sumber=sumber, oleh=user,
                            alasan=alasan)


def _buka(jawaban: Jawaban, user: Any, hari_ini: date, sisi: str,
          masa: tuple[str, ...]) -> tuple[Evaluasi, Jawaban]:
    """Inside a transaction: the evaluation and the criterion's row locked for update, after
    the side, the lock and the window are checked; EvaluasiDitolak otherwise."""
    nomor = jawaban.kriteria.nomor
    evaluasi = (Evaluasi.objects.select_for_update(of=("self",))
                .select_related("pemda", "perangkat_daerah", "dikunci_oleh")
                .get(pk=jawaban.evaluasi_id))
    hak = hak_evaluasi(user, evaluasi)
    if hak is None or not getattr(hak, sisi):
        pesan = (_("Criterion %(nomor)s: only the evaluated unit answers, gives evidence and "
                   "responds; nothing was saved.") if sisi == "jawab" else
                 _("Criterion %(nomor)s: only the evaluator (the Inspektorat's reviewer) sets "
                   "grades; nothing was saved."))
        raise EvaluasiDitolak(pesan % {"nomor": nomor})
    if evaluasi.terkunci:
        raise EvaluasiDitolak(
            _("Criterion %(nomor)s: the evaluation of %(unit)s %(tahun)s was locked on "
              "%(pada)s by %(oleh)s; nothing was saved.")
            % {"nomor": nomor, "unit": nama_unit(evaluasi), "tahun": evaluasi.tahun,
               "pada": format_waktu(evaluasi.dikunci_pada),
               "oleh": nama_pengguna(evaluasi.dikunci_oleh) or "–"})
    terbuka = masa_terbuka(evaluasi, hari_ini)
    if not any(m in terbuka for m in masa):
        mulai, selesai = Jendela.dari(evaluasi).rentang(masa[0])
        pesan = (_("Criterion %(nomor)s: the %(masa)s window (%(mulai)s – %(selesai)s) is not "
                   "open yet; nothing was saved.") if hari_ini < mulai else
                 _("Criterion %(nomor)s: the %(masa)s window (%(mulai)s – %(selesai)s) is "
                   "closed; nothing was saved."))
        raise EvaluasiDitolak(pesan % {"nomor": nomor, "masa": nama_masa(masa[0]),
                                       "mulai": tanggal(mulai), "selesai": tanggal(selesai)})
    now = (Jawaban.objects.select_for_update(of=("self",)).select_related("kriteria")
           .get(pk=jawaban.pk))
    return evaluasi, now


def _versi(now: Jawaban, versi: int) -> None:
    if now.versi != versi:
        oleh, pada = last_change(now)
        raise StaleJawaban(now, oleh, pada or now.updated_at)


def _teks(jawaban: Jawaban, teks: str, isian: str) -> str:
    """A typed text, stripped; EvaluasiDitolak when it holds a control character (no Word or
    Excel document could then carry it: the LHE and the LKE workbook print it)."""
    kode = karakter_kendali(teks or "")
    if kode is not None:
        raise EvaluasiDitolak(
            _("Criterion %(nomor)s: the %(isian)s holds an invisible control character "
              "(%(kode)s); delete it and save again.")
            % {"nomor": jawaban.kriteria.nomor, "isian": isian, "kode": kode})
    return (teks or "").strip()


def _kode(jawaban: Jawaban, nilai: str, evaluasi: Evaluasi) -> str:
    """The grade as the template's scale spells it ("" for none); EvaluasiDitolak otherwise."""
    kode = (nilai or "").strip().upper()
    skala = list(evaluasi.template.skala.values_list("kode", flat=True))
    if kode and kode not in skala:
        raise EvaluasiDitolak(
            _("Criterion %(nomor)s: '%(nilai)s' is not a grade of the template's scale "
              "(%(skala)s); nothing was saved.")
            % {"nomor": jawaban.kriteria.nomor, "nilai": nilai.strip(),
               "skala": ", ".join(skala)})
    return kode


def _simpan(evaluasi: Evaluasi, now: Jawaban, nilai: dict[str, Any], *, user: Any) -> Jawaban:
    for kolom, baru in nilai.items():
        if kolom.endswith(("_oleh", "_pada")):
            continue
        _catat(evaluasi, now, kolom, getattr(now, kolom), baru, user=user)
    for kolom, baru in nilai.items():
        setattr(now, kolom, baru)
    now.versi += 1
    now.save()
    return now


def simpan_usulan(jawaban: Jawaban, nilai: str, catatan: str, versi: int, *, user: Any,
                  hari_ini: date) -> Jawaban:
    """The unit's answer (nilai usulan) and note, in the self-assessment window."""
    with transaction.atomic():
        evaluasi, now = _buka(jawaban, user, hari_ini, "jawab", ("mandiri",))
        kode = _kode(now, nilai, evaluasi)
        catatan = _teks(now, catatan, _("note"))
        _versi(now, versi)
        return _simpan(evaluasi, now, {"nilai_usulan": kode, "catatan_usulan": catatan,
                                       "usulan_oleh": user, "usulan_pada": timezone.now()},
                       user=user)


def simpan_penetapan(jawaban: Jawaban, nilai: str, catatan: str, versi: int, *, user: Any,
                     hari_ini: date, saran: str = "") -> Jawaban:
    """The evaluator's grade (nilai penetapan) and note, in the evaluation window. ``saran`` is
    the grade Akuntabel suggested on the evaluator's page (kept with the grade). A grade that
    differs from the suggestion, or (when it is not the suggestion) from the unit's answer,
    needs a note saying why: the evaluator must defend each grade, and an accepted suggestion
    is defended by its reason (project convention)."""
    with transaction.atomic():
        evaluasi, now = _buka(jawaban, user, hari_ini, "nilai", ("evaluasi",))
        kode = _kode(now, nilai, evaluasi)
        saran = (saran or "").strip().upper()
        catatan = _teks(now, catatan, _("note"))
        ganti = {"nomor": now.kriteria.nomor, "nilai": kode}
        if kode and not catatan and saran and kode != saran:
            raise EvaluasiDitolak(
                _("Criterion %(nomor)s: the grade %(nilai)s differs from the grade Akuntabel "
                  "suggests (saran %(saran)s); write a note (catatan) saying why.")
                % {**ganti, "saran": saran})
        if kode and not catatan and kode != saran and kode != now.nilai_usulan:
            raise EvaluasiDitolak(
                _("Criterion %(nomor)s: the grade %(nilai)s differs from the unit's answer "
                  "(%(usulan)s); write a note (catatan) saying why.")
                % {**ganti, "usulan": now.nilai_usulan or _("not answered")})
        _versi(now, versi)
        return _simpan(evaluasi, now, {
            "nilai_penetapan": kode, "catatan_penetapan": catatan,
            "nilai_saran": saran if kode else "", "penetapan_oleh": user,
            "penetapan_pada": timezone.now()}, user=user)


def simpan_tanggapan(jawaban: Jawaban, teks: str, versi: int, *, user: Any,
                     hari_ini: date) -> Jawaban:
    """The unit's response to the grade, in the response window."""
    with transaction.atomic():
        evaluasi, now = _buka(jawaban, user, hari_ini, "jawab", ("tanggapan",))
        teks = _teks(now, teks, _("response"))
        _versi(now, versi)
        return _simpan(evaluasi, now, {"tanggapan": teks, "tanggapan_oleh": user,
                                       "tanggapan_pada": timezone.now()}, user=user)


def tambah_bukti(jawaban: Jawaban, nama: str, *, tautan: str = "",
                 berkas: UploadedFile | None = None, user: Any,
                 hari_ini: date) -> BuktiJawaban:
    """Evidence of the unit's answer: a link (http or https) or a file (PDF, PNG, JPEG, checked
    as every evidence file is), in the self-assessment or the response window."""
    nomor = jawaban.kriteria.nomor
    tautan = (tautan or "").strip()
    with transaction.atomic():
        evaluasi, now = _buka(jawaban, user, hari_ini, "jawab", ("mandiri", "tanggapan"))
        if not tautan and berkas is None:
            raise EvaluasiDitolak(_("Criterion %(nomor)s: give a link (tautan) or a file "
                                    "(berkas) as evidence.") % {"nomor": nomor})
        if tautan:
            try:
                if len(tautan) > BuktiJawaban._meta.get_field("tautan").max_length:
                    raise ValidationError("too long")
                URLValidator(schemes=["http", "https"])(tautan)
            except ValidationError:
                raise EvaluasiDitolak(
                    _("Criterion %(nomor)s: the link (tautan) '%(tautan)s' is not a web "
                      "address (https://…).") % {"nomor": nomor, "tautan": tautan}) from None
        jenis = None
        if berkas is not None:
            try:
                jenis = check_file(berkas)
            except BuktiDitolak as exc:
                raise EvaluasiDitolak(_("Criterion %(nomor)s: %(alasan)s")
                                      % {"nomor": nomor, "alasan": exc}) from None
        label = _teks(now, nama, _("name"))[:200] or (
            PurePath((berkas.name or "").replace("\\", "/")).name[:200] if berkas else tautan[:200])
        bukti = BuktiJawaban(jawaban=now, nama=label, tautan=tautan, diunggah_oleh=user)
        if berkas is not None and jenis is not None:
            bukti.berkas.save(f"{uuid.uuid4().hex}{JENIS[jenis].ekstensi[0]}", berkas,
                              save=False)
        try:
            bukti.save()
            _catat(evaluasi, now, "bukti", "", label, user=user)
        except BaseException:   # no file is left without its record
            if bukti.berkas:
                bukti.berkas.storage.delete(bukti.berkas.name)
            raise
        return bukti


def hapus_bukti(bukti: BuktiJawaban, *, user: Any, hari_ini: date) -> None:
    """Remove a piece of evidence (and its file once the removal is committed)."""
    with transaction.atomic():
        evaluasi, now = _buka(bukti.jawaban, user, hari_ini, "jawab", ("mandiri", "tanggapan"))
        _catat(evaluasi, now, "bukti", bukti.nama, "", user=user)
        storage, name = bukti.berkas.storage, bukti.berkas.name
        bukti.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def kunci_evaluasi(evaluasi: Evaluasi, *, user: Any) -> Evaluasi:
    """Lock the evaluation (the evaluator, once every criterion has its grade): afterwards
    nothing is written to it."""
    with transaction.atomic():
        evaluasi = Evaluasi.objects.select_for_update(of=("self",)).select_related(
            "pemda", "perangkat_daerah").get(pk=evaluasi.pk)
        hak = hak_evaluasi(user, evaluasi)
        unit = {"unit": nama_unit(evaluasi), "tahun": evaluasi.tahun}
        if hak is None or not hak.nilai:
            raise EvaluasiDitolak(_("Only the evaluator (the Inspektorat's reviewer) locks the "
                                    "evaluation of %(unit)s %(tahun)s.") % unit)
        if evaluasi.terkunci:
            raise EvaluasiDitolak(_("The evaluation of %(unit)s %(tahun)s is already locked.")
                                  % unit)
        kosong = list(evaluasi.jawaban.filter(nilai_penetapan="")
                      .values_list("kriteria__nomor", flat=True))
        if kosong:
            daftar = ", ".join(kosong[:5]) + (", …" if len(kosong) > 5 else "")
            raise EvaluasiDitolak(
                _("%(jumlah)s criteria have no grade yet (%(daftar)s); the evaluation of "
                  "%(unit)s %(tahun)s was not locked.")
                % {**unit, "jumlah": len(kosong), "daftar": daftar})
        evaluasi.dikunci_pada, evaluasi.dikunci_oleh = timezone.now(), user
        evaluasi.save(update_fields=["dikunci_pada", "dikunci_oleh"])
        _catat(evaluasi, evaluasi, "dikunci", "", format_waktu(evaluasi.dikunci_pada),
               user=user)
        return evaluasi


def buka_kunci(evaluasi: Evaluasi, *, user: Any, alasan: str) -> Evaluasi:
    """Unlock a locked evaluation (the evaluator, with the reason recorded in the history)."""
    with transaction.atomic():
        evaluasi = Evaluasi.objects.select_for_update(of=("self",)).select_related(
            "pemda", "perangkat_daerah").get(pk=evaluasi.pk)
        hak = hak_evaluasi(user, evaluasi)
        unit = {"unit": nama_unit(evaluasi), "tahun": evaluasi.tahun}
        if hak is None or not hak.nilai:
            raise EvaluasiDitolak(_("Only the evaluator (the Inspektorat's reviewer) unlocks "
                                    "the evaluation of %(unit)s %(tahun)s.") % unit)
        if not alasan.strip():
            raise EvaluasiDitolak(_("Write the reason (alasan) for unlocking the evaluation of "
                                    "%(unit)s %(tahun)s.") % unit)
        if evaluasi.terkunci:
            _catat(evaluasi, evaluasi, "dikunci", format_waktu(evaluasi.dikunci_pada), "",
                   user=user, alasan=alasan.strip())
            evaluasi.dikunci_pada, evaluasi.dikunci_oleh = None, None
            evaluasi.save(update_fields=["dikunci_pada", "dikunci_oleh"])
        return evaluasi


def _boleh_kelola(user: Any, pemda: Pemda) -> None:
    hak = hak_pemda(user, pemda)
    if hak is None or not hak.kelola:
        raise EvaluasiDitolak(_("Only the Inspektorat's reviewer and the admin of %(pemda)s "
                                "open evaluations and set their windows.") % {"pemda": pemda})


def _buat(pemda: Pemda, tahun: int, template: TemplateLke, jendela: Jendela, opd: Any,
          user: Any) -> Evaluasi:
    evaluasi = Evaluasi.objects.create(pemda=pemda, perangkat_daerah=opd, tahun=tahun,
                                       template=template, dibuat_oleh=user,
                                       **{f.name: getattr(jendela, f.name)
                                          for f in fields(Jendela)})
    Jawaban.objects.bulk_create(
        Jawaban(evaluasi=evaluasi, kriteria=k) for k in KriteriaLke.objects.filter(
            sub_komponen__komponen__template=template))
    _catat(evaluasi, evaluasi, "dibuat", "", f"{template.kode} {tahun}", user=user)
    return evaluasi


def buat_evaluasi(pemda: Pemda, tahun: int, template: TemplateLke, jendela: Jendela, *,
                  user: Any, opd: Any = None) -> Evaluasi:
    """Open the evaluation of one OPD (or, without ``opd``, of the pemda itself for its
    self-assessment for KemenPAN-RB) with one row per criterion of the template."""
    _boleh_kelola(user, pemda)
    jendela.periksa()
    if opd is not None and opd.pemda_id != pemda.pk:
        raise EvaluasiDitolak(_("%(opd)s is not an agency of %(pemda)s.")
                              % {"opd": opd, "pemda": pemda})
    with transaction.atomic():
        if Evaluasi.objects.filter(pemda=pemda, perangkat_daerah=opd, tahun=tahun,
                                   template=template).exists():
            raise EvaluasiDitolak(
                _("The evaluation of %(unit)s %(tahun)s with %(template)s already exists.")
                % {"unit": opd or pemda, "tahun": tahun, "template": template.nama})
        return _buat(pemda, tahun, template, jendela, opd, user)


def buat_evaluasi_semua_opd(pemda: Pemda, tahun: int, template: TemplateLke, jendela: Jendela,
                            *, user: Any) -> list[Evaluasi]:
    """Open the year's evaluation of every OPD of the pemda that has none yet with this
    template; the ones opened (none on a rerun)."""
    _boleh_kelola(user, pemda)
    jendela.periksa()
    with transaction.atomic():
        ada = set(Evaluasi.objects.filter(pemda=pemda, tahun=tahun, template=template,
                                          perangkat_daerah__isnull=False)
                  .values_list("perangkat_daerah_id", flat=True))
        return [_buat(pemda, tahun, template, jendela, opd, user)
                for opd in pemda.perangkat_daerah.order_by("nama") if opd.pk not in ada]


def ubah_jendela(evaluasi: Evaluasi, jendela: Jendela, *, user: Any) -> Evaluasi:
    """Set the windows of an evaluation not locked (reviewer, admin pemda)."""
    _boleh_kelola(user, evaluasi.pemda)
    jendela.periksa()
    with transaction.atomic():
        evaluasi = Evaluasi.objects.select_for_update(of=("self",)).select_related(
            "pemda", "perangkat_daerah").get(pk=evaluasi.pk)
        if evaluasi.terkunci:
            raise EvaluasiDitolak(_("The evaluation of %(unit)s %(tahun)s is locked; its "
                                    "windows are not changed.")
                                  % {"unit": nama_unit(evaluasi), "tahun": evaluasi.tahun})
        for f in fields(Jendela):
            _catat(evaluasi, evaluasi, f.name, getattr(evaluasi, f.name),
                   getattr(jendela, f.name), user=user)
            setattr(evaluasi, f.name, getattr(jendela, f.name))
        evaluasi.save()
        return evaluasi


# ---------------------------------------------------------------------------------------------
# Reading the scores.


def skor(evaluasi: Evaluasi, kolom: str = "nilai_penetapan") -> HasilEvaluasi:
    """The scores of ``evaluasi`` (core.evaluasi) by the evaluator's grades, or by the unit's
    answers with ``kolom="nilai_usulan"``."""
    komponen, skala, pita = template_untuk_skor(evaluasi.template)
    jawaban = dict(evaluasi.jawaban.values_list("kriteria__nomor", kolom))
    return hitung_evaluasi(komponen, skala, pita, jawaban)


def evaluasi_tahun_lalu(evaluasi: Evaluasi) -> Evaluasi | None:
    """The same unit's evaluation of the year before (with the same template when there is
    one, else the latest opened)."""
    lalu = Evaluasi.objects.filter(pemda=evaluasi.pemda_id,
                                   perangkat_daerah=evaluasi.perangkat_daerah_id,
                                   tahun=evaluasi.tahun - 1).select_related("template")
    return (lalu.filter(template=evaluasi.template_id).first()
            or lalu.order_by("-dibuat_pada", "-id").first())
