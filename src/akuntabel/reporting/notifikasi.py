"""E-mail notices of the reporting calendar, through Django's mail backend (settings:
``EMAIL_BACKEND``; docs/notifikasi.md):

* a **reminder** to the OPD's operators and head ``AKUNTABEL_HARI_PENGINGAT`` days before a
  document's deadline, and a **late notice** the day after it (``core.jadwal``), sent by the
  daily :func:`kirim_harian` (``akuntabel pengingat``, run by cron); each is recorded
  (``Pemberitahuan``) and sent once per user, document and kind, however often it runs;
* a notice to the pemda's verifikators when a quarter is **submitted**, and to the OPD's
  operators when it is **returned** (with the note), sent once the transition is committed
  (``workflow.apply_action`` → :func:`setelah_transisi`).

A user who chose the daily digest (``accounts.PreferensiNotifikasi``) gets the notices of the
day in one mail from :func:`kirim_harian`. A user without an e-mail address gets nothing; the
admin pemda sees them listed on the deadlines page (:func:`tanpa_email`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from akuntabel.accounts.models import Membership, Peran, PreferensiNotifikasi
from akuntabel.core.jadwal import Dokumen, jenis_pemberitahuan
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.reporting.jadwal import batas_pemda, diserahkan
from akuntabel.reporting.models import PelaporanTriwulan, Pemberitahuan

logger = logging.getLogger(__name__)
Jenis = Pemberitahuan.Jenis

# Mails are in Indonesian whatever the language of the page that caused them.
NAMA_DOKUMEN = {
    Dokumen.REALISASI_TW1: "Realisasi Triwulan I",
    Dokumen.REALISASI_TW2: "Realisasi Triwulan II",
    Dokumen.REALISASI_TW3: "Realisasi Triwulan III",
    Dokumen.REALISASI_TW4: "Realisasi Triwulan IV",
    Dokumen.PK: "Perjanjian Kinerja",
    Dokumen.LKJIP: "LKjIP",
}
JUDUL = {
    Jenis.PENGINGAT: "Pengingat batas waktu",
    Jenis.TERLAMBAT: "Terlambat",
    Jenis.DIAJUKAN: "Menunggu verifikasi",
    Jenis.DIKEMBALIKAN: "Dikembalikan",
}


def tautan(opd_pk: int, tahun: int, dokumen: Dokumen | str) -> str:
    """The full address of the page where the document is entered or verified."""
    dokumen = Dokumen(dokumen)
    if dokumen.triwulan is not None:
        path = reverse("realisasi_grid", args=[opd_pk, tahun, dokumen.triwulan])
    elif dokumen == Dokumen.PK:
        path = reverse("pk_detail", args=[opd_pk, tahun])
    else:
        path = reverse("lakip", args=[opd_pk, tahun])
    return f"{settings.AKUNTABEL_SITE_URL}{path}"


def _ringkasan(users: list[User]) -> set[int]:
    return set(PreferensiNotifikasi.objects.filter(
        user__in=users, ringkasan_harian=True).values_list("user_id", flat=True))


def _kirim(user: User, subject: str, template: str, ctx: dict[str, Any]) -> bool:
    """Send one mail; False when the mail server refused it (logged: the notice stays unsent
    and the next daily run sends it in a digest)."""
    with translation.override("id"):   # Indonesian mail whatever the page's language
        body = render_to_string(f"reporting/email/{template}",
                                {**ctx, "user": user, "site_url": settings.AKUNTABEL_SITE_URL})
    try:
        send_mail(f"[Akuntabel] {subject}", body, None, [user.email])
    except Exception:   # a mail server down must not undo or hide the work that caused it
        logger.exception("Mail to %s not sent: %s", user.username, subject)
        return False
    return True


def _isi(p: Pemberitahuan, opd: PerangkatDaerah, batas: date | None = None) -> dict[str, Any]:
    dokumen = Dokumen(p.dokumen)
    return {"p": p, "opd": opd, "tahun": p.tahun, "dokumen": NAMA_DOKUMEN[dokumen],
            "judul": JUDUL[Jenis(p.jenis)], "catatan": p.catatan, "batas": batas,
            "tautan": tautan(opd.pk, p.tahun, dokumen)}


def _subject(ctx: dict[str, Any]) -> str:
    return f"{ctx['judul']}: {ctx['dokumen']} {ctx['tahun']} — {ctx['opd'].nama}"


def _beritahu(users: list[User], opd: PerangkatDaerah, tahun: int, dokumen: Dokumen,
              jenis: str, catatan: str = "", batas: date | None = None) -> int:
    """Record the notice for every user with an address and mail it now to those who take
    single mails; the digest takes the others. A reminder or late notice already recorded for
    a user is skipped (the unique constraint). Returns the mails sent now."""
    users = [u for u in users if u.email and u.is_active]
    ringkasan = _ringkasan(users)
    sent = 0
    for user in users:
        try:
            with transaction.atomic():
                p = Pemberitahuan.objects.create(user=user, perangkat_daerah=opd, tahun=tahun,
                                                 dokumen=dokumen.value, jenis=jenis,
                                                 catatan=catatan)
        except IntegrityError:
            continue   # this reminder or late notice was recorded before: sent once
        if user.pk in ringkasan:
            continue
        ctx = _isi(p, opd, batas)
        if _kirim(user, _subject(ctx), "satu.txt", ctx):
            Pemberitahuan.objects.filter(pk=p.pk).update(terkirim_pada=timezone.now())
            sent += 1
    return sent


def _staf_opd(opd_pks: list[int], peran: tuple[str, ...]) -> dict[int, list[User]]:
    hasil: dict[int, list[User]] = defaultdict(list)
    for m in Membership.objects.filter(perangkat_daerah__in=opd_pks, peran__in=peran) \
            .select_related("user").order_by("user__username"):
        if m.user not in hasil[m.perangkat_daerah_id]:
            hasil[m.perangkat_daerah_id].append(m.user)
    return hasil


def _verifikator(pemda_pk: int) -> list[User]:
    return list(User.objects.filter(memberships__pemda_id=pemda_pk,
                                    memberships__peran=Peran.VERIFIKATOR,
                                    memberships__perangkat_daerah__isnull=True)
                .distinct().order_by("username"))


def setelah_transisi(pelaporan: PelaporanTriwulan) -> None:
    """The notice of a transition just committed: submitted → the pemda's verifikators;
    returned (or reopened) → the OPD's operators, with the note."""
    opd = PerangkatDaerah.objects.select_related("pemda").get(pk=pelaporan.perangkat_daerah_id)
    dokumen = Dokumen(f"realisasi-{pelaporan.triwulan}")
    if pelaporan.status == PelaporanTriwulan.Status.DIAJUKAN:
        _beritahu(_verifikator(opd.pemda_id), opd, pelaporan.tahun, dokumen, Jenis.DIAJUKAN)
    elif pelaporan.status == PelaporanTriwulan.Status.DIKEMBALIKAN:
        users = _staf_opd([opd.pk], (Peran.OPERATOR_OPD,))[opd.pk]
        _beritahu(users, opd, pelaporan.tahun, dokumen, Jenis.DIKEMBALIKAN, pelaporan.catatan)


@dataclass
class HasilHarian:
    """What one daily run did."""

    terkirim: int = 0                 # single mails of reminders and late notices
    ringkasan: int = 0                # digest mails
    tanpa_email: list[str] = field(default_factory=list)  # users skipped, by user name


def _pengingat_pemda(pemda: Pemda, tahun: int, today: date, hasil: HasilHarian) -> None:
    hari = settings.AKUNTABEL_HARI_PENGINGAT
    opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
    sudah = diserahkan([o.pk for o in opds], tahun)
    staf = _staf_opd([o.pk for o in opds], (Peran.OPERATOR_OPD, Peran.KEPALA_OPD))
    for batas in batas_pemda(pemda, tahun).values():
        if batas.batas < date(today.year, 1, 1):
            continue   # a deadline of an earlier calendar year: its notices were due then
        for opd in opds:
            jenis = jenis_pemberitahuan(batas.batas, today, (opd.pk, batas.dokumen) in sudah,
                                        hari)
            if jenis is None:
                continue
            hasil.tanpa_email += [u.username for u in staf[opd.pk] if not u.email]
            hasil.terkirim += _beritahu(staf[opd.pk], opd, tahun, batas.dokumen, jenis,
                                        batas=batas.batas)


def kirim_ringkasan() -> int:
    """One mail per user with notices still waiting (the digest users' of the day, and any
    single mail the server refused earlier); each is marked sent. Returns the mails sent."""
    waiting: dict[int, list[Pemberitahuan]] = defaultdict(list)
    for p in Pemberitahuan.objects.filter(terkirim_pada__isnull=True) \
            .select_related("user", "perangkat_daerah").order_by("created_at", "pk"):
        waiting[p.user_id].append(p)
    batas: dict[tuple[int, int], dict[Dokumen, Any]] = {}   # (pemda, tahun) -> deadlines
    for items in waiting.values():
        for p in items:
            key = (p.perangkat_daerah.pemda_id, p.tahun)
            if p.jenis in (Jenis.PENGINGAT, Jenis.TERLAMBAT) and key not in batas:
                batas[key] = batas_pemda(*key)
    sent = 0
    for items in waiting.values():
        user = items[0].user
        ctx = {"items": [_isi(p, p.perangkat_daerah,
                              batas[p.perangkat_daerah.pemda_id, p.tahun][Dokumen(p.dokumen)].batas
                              if p.jenis in (Jenis.PENGINGAT, Jenis.TERLAMBAT) else None)
                         for p in items], "jumlah": len(items)}
        if _kirim(user, f"Ringkasan harian: {len(items)} pemberitahuan", "ringkasan.txt", ctx):
            Pemberitahuan.objects.filter(pk__in=[p.pk for p in items]).update(
                terkirim_pada=timezone.now())
            sent += 1
    return sent


def kirim_harian(today: date) -> HasilHarian:
    """The daily run: reminders and late notices of every pemda for the year of ``today``
    and the year before (its TW IV and LKjIP fall due in this one; its documents due in an
    earlier calendar year are left alone, so that a first run sends no flood of old
    notices), then the digests."""
    hasil = HasilHarian()
    for pemda in Pemda.objects.order_by("pk"):
        for tahun in (today.year - 1, today.year):
            _pengingat_pemda(pemda, tahun, today, hasil)
    hasil.ringkasan = kirim_ringkasan()
    hasil.tanpa_email = sorted(set(hasil.tanpa_email))
    return hasil


def tanpa_email(pemda: Pemda) -> list[User]:
    """The users with a role in the pemda who get no mail: no e-mail address."""
    return list(User.objects.filter(Q(email="") | Q(email__isnull=True), is_active=True,
                                    memberships__pemda=pemda).distinct().order_by("username"))
