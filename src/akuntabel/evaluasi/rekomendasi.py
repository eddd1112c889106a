"""The recommendations of an evaluation and their follow-up: the one write path (the web, the
demo and the CLI call these), with who may read and act on one.

The evaluator writes a recommendation ("Agar …") under a component while the evaluation is not
locked; once the evaluation is locked (the LHE delivered), the owner OPD records its follow-up
with evidence and the reviewer accepts it or not (:mod:`akuntabel.core.rekomendasi` holds the
steps). Every change is a history row (``audit.services.record_change``) and a save names the
version it read: a stale one is refused, naming who changed it and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from akuntabel.accounts.models import Membership, Peran
from akuntabel.audit.services import last_change, record_change
from akuntabel.core.rekomendasi import LANGKAH, langkah_boleh
from akuntabel.evaluasi.access import hak_evaluasi
from akuntabel.evaluasi.models import Evaluasi, KomponenLke, Rekomendasi
from akuntabel.organizations.models import PerangkatDaerah

SUMBER = "Rekomendasi hasil evaluasi AKIP"
PANJANG_TAUTAN = 1000


class RekomendasiDitolak(Exception):
    """Nothing was written; ``kesalahan`` says why (translated), naming the recommendation."""

    def __init__(self, kesalahan: list[str]):
        super().__init__("; ".join(kesalahan))
        self.kesalahan = kesalahan


@dataclass(frozen=True)
class HakRekomendasi:
    tulis: bool = False          # write, change, delete (the evaluator, before the lock)
    tindak_lanjut: bool = False  # record the follow-up (the owner OPD)
    putuskan: bool = False       # accept or not the follow-up (the Inspektorat's reviewer)


def hak_rekomendasi(user: Any, rek: Rekomendasi) -> HakRekomendasi | None:
    """The user's rights on ``rek``; None when the user may not read it (who reads the
    evaluation, and the owner OPD's operator and head)."""
    if not user.is_authenticated:
        return None
    hak_ev = hak_evaluasi(user, rek.evaluasi)
    if user.is_superuser:
        return HakRekomendasi(True, True, True)
    roles = set(Membership.objects.filter(
        Q(perangkat_daerah_id=rek.perangkat_daerah_id)
        | Q(pemda_id=rek.evaluasi.pemda_id, perangkat_daerah__isnull=True),
        user=user).values_list("peran", flat=True))
    pemilik = bool(roles & {Peran.OPERATOR_OPD, Peran.KEPALA_OPD})
    if hak_ev is None and not pemilik:
        return None
    reviewer = Peran.REVIEWER in roles
    return HakRekomendasi(tulis=bool(hak_ev and hak_ev.nilai), tindak_lanjut=pemilik,
                          putuskan=reviewer)


def get_rekomendasi_for_user(user: Any, pk: int) -> tuple[Rekomendasi, HakRekomendasi]:
    rek = (Rekomendasi.objects.select_related("evaluasi__pemda", "evaluasi__perangkat_daerah",
                                              "komponen", "perangkat_daerah")
           .filter(pk=pk).first())
    hak = hak_rekomendasi(user, rek) if rek is not None else None
    if rek is None or hak is None:
        raise Http404
    return rek, hak


# --- reading ---------------------------------------------------------------------------------

def rekomendasi_terbuka(opd: PerangkatDaerah) -> QuerySet[Rekomendasi]:
    """The OPD's recommendations not yet followed up, of evaluations delivered (locked)."""
    return (Rekomendasi.objects.belum_selesai()
            .filter(perangkat_daerah=opd, evaluasi__dikunci_pada__isnull=False)
            .select_related("evaluasi", "komponen").order_by("batas_waktu", "evaluasi__tahun",
                                                             "komponen__urutan", "urutan", "id"))


def rekomendasi_sebelumnya(evaluasi: Evaluasi) -> QuerySet[Rekomendasi]:
    """What this evaluation must look at: the recommendations of the same unit's evaluation
    of the year before, with their follow-up, and any older one still not followed up."""
    unit = (Q(evaluasi__perangkat_daerah=evaluasi.perangkat_daerah)
            if evaluasi.perangkat_daerah_id else
            Q(evaluasi__pemda=evaluasi.pemda, evaluasi__perangkat_daerah__isnull=True))
    tahun_lalu = Q(evaluasi__tahun=evaluasi.tahun - 1)
    lama_terbuka = Q(evaluasi__tahun__lt=evaluasi.tahun - 1) & ~Q(status=Rekomendasi.Status.SELESAI)
    return (Rekomendasi.objects.filter(unit, tahun_lalu | lama_terbuka,
                                       evaluasi__dikunci_pada__isnull=False)
            .select_related("evaluasi", "komponen", "perangkat_daerah", "tindak_lanjut_oleh",
                            "diputuskan_oleh")
            .order_by("evaluasi__tahun", "komponen__urutan", "urutan", "id"))


# --- writing ---------------------------------------------------------------------------------

def _nama(rek: Rekomendasi | None, evaluasi: Evaluasi, komponen: KomponenLke | None) -> str:
    isi = {"komponen": komponen.kode if komponen else "?", "evaluasi": evaluasi}
    if rek is not None and rek.urutan:
        return _("Recommendation no. %(nomor)s of component %(komponen)s, evaluation "
                 "%(evaluasi)s") % {**isi, "nomor": rek.urutan}
    return _("Recommendation of component %(komponen)s, evaluation %(evaluasi)s") % isi


def _pesan(nama: str, teks: str) -> str:
    return f"{nama}: {teks}"


def _periksa_versi(rek: Rekomendasi, versi: int) -> None:
    if rek.versi != versi:
        oleh, pada = last_change(rek)
        kapan = timezone.localtime(pada).strftime("%d-%m-%Y %H:%M") if pada else "?"
        raise RekomendasiDitolak([
            _("%(nama)s was changed by %(oleh)s on %(pada)s after this page was opened; reload "
              "the page and try again.") % {"nama": _nama(rek, rek.evaluasi, rek.komponen),
                                            "oleh": oleh or _("another user"), "pada": kapan}])


def _uraian(teks: str, nama: str) -> list[str]:
    teks = teks.strip()
    if not teks:
        return [_pesan(nama, _("the text of the recommendation is required."))]
    if not teks.lower().startswith("agar "):
        return [_pesan(nama, _("a recommendation is written as an advice that starts with "
                               "\"Agar …\"."))]
    return []


def _kunci(evaluasi: Evaluasi) -> Evaluasi:
    """The evaluation re-read under a row lock, so a lock taken meanwhile is seen."""
    return Evaluasi.objects.select_for_update(of=("self",)).get(pk=evaluasi.pk)


def tambah_rekomendasi(evaluasi: Evaluasi, komponen_kode: str, uraian: str,
                       batas_waktu: date | None, *, user: Any,
                       opd: PerangkatDaerah | None = None) -> Rekomendasi:
    """A new recommendation of ``evaluasi`` under the component ``komponen_kode``, owned by
    ``opd`` (default: the evaluated OPD)."""
    komponen = evaluasi.template.komponen.filter(kode=komponen_kode).first()
    nama = _nama(None, evaluasi, komponen)
    pemilik = opd or evaluasi.perangkat_daerah
    kesalahan = []
    if komponen is None:
        kesalahan.append(_("Evaluation %(evaluasi)s: the component %(komponen)s is not in the "
                           "template %(template)s.")
                         % {"evaluasi": evaluasi, "komponen": repr(komponen_kode),
                            "template": evaluasi.template.kode})
    kesalahan += _uraian(uraian, nama)
    if pemilik is None or pemilik.pemda_id != evaluasi.pemda_id:
        kesalahan.append(_pesan(nama, _("choose the agency of this pemda that follows it "
                                        "up.")))
    hak = hak_evaluasi(user, evaluasi)
    if hak is None or not hak.nilai:
        kesalahan.append(_pesan(nama, _("only the evaluator (the Inspektorat's reviewer) "
                                        "writes recommendations.")))
    with transaction.atomic():
        if _kunci(evaluasi).terkunci:
            kesalahan.append(_pesan(nama, _("the evaluation is locked; no recommendation can "
                                            "be added.")))
        if kesalahan:
            raise RekomendasiDitolak(kesalahan)
        urutan = evaluasi.rekomendasi.filter(komponen=komponen).count() + 1
        rek = Rekomendasi.objects.create(
            evaluasi=evaluasi, komponen=komponen, perangkat_daerah=pemilik,
            uraian=uraian.strip(), batas_waktu=batas_waktu, urutan=urutan, dibuat_oleh=user)
        record_change(pemilik, rek, "uraian", "", rek.uraian, sumber=SUMBER, oleh=user)
        record_change(pemilik, rek, "batas_waktu", "", batas_waktu, sumber=SUMBER, oleh=user)
    return rek


def ubah_rekomendasi(rek: Rekomendasi, uraian: str, batas_waktu: date | None, versi: int, *,
                     user: Any) -> Rekomendasi:
    nama = _nama(rek, rek.evaluasi, rek.komponen)
    hak = hak_rekomendasi(user, rek)
    kesalahan = _uraian(uraian, nama)
    if hak is None or not hak.tulis:
        kesalahan.append(_pesan(nama, _("only the evaluator changes a recommendation.")))
    with transaction.atomic():
        if _kunci(rek.evaluasi).terkunci:
            kesalahan.append(_pesan(nama, _("the evaluation is locked; the recommendation "
                                            "cannot be changed.")))
        if kesalahan:
            raise RekomendasiDitolak(kesalahan)
        rek = Rekomendasi.objects.select_for_update(of=("self",)).select_related(
            "evaluasi", "komponen").get(pk=rek.pk)
        _periksa_versi(rek, versi)
        for kolom, baru in (("uraian", uraian.strip()), ("batas_waktu", batas_waktu)):
            record_change(rek.perangkat_daerah, rek, kolom, getattr(rek, kolom), baru,
                          sumber=SUMBER, oleh=user)
            setattr(rek, kolom, baru)
        rek.versi += 1
        rek.save()
    return rek


def hapus_rekomendasi(rek: Rekomendasi, versi: int, *, user: Any) -> None:
    nama = _nama(rek, rek.evaluasi, rek.komponen)
    hak = hak_rekomendasi(user, rek)
    with transaction.atomic():
        if hak is None or not hak.tulis or _kunci(rek.evaluasi).terkunci:
            raise RekomendasiDitolak([_pesan(nama, _(
                "only the evaluator deletes a recommendation, before the evaluation is "
                "locked."))])
        _periksa_versi(Rekomendasi.objects.select_for_update().get(pk=rek.pk), versi)
        record_change(rek.perangkat_daerah, rek, "uraian", rek.uraian, "(dihapus)",
                      sumber=SUMBER, oleh=user)
        rek.delete()


def catat_tindak_lanjut(rek: Rekomendasi, tindak_lanjut: str, bukti_tautan: str, versi: int,
                        *, user: Any) -> Rekomendasi:
    """The owner OPD's follow-up with its evidence (a link to Akuntabel's own page, e.g. the
    revised Renstra, or to a document): the recommendation waits for the reviewer."""
    nama = _nama(rek, rek.evaluasi, rek.komponen)
    hak = hak_rekomendasi(user, rek)
    tindak_lanjut, bukti_tautan = tindak_lanjut.strip(), bukti_tautan.strip()
    kesalahan = []
    if hak is None or not hak.tindak_lanjut:
        kesalahan.append(_pesan(nama, _("only the operator or the head of %(opd)s records "
                                        "its follow-up.") % {"opd": rek.perangkat_daerah}))
    if not tindak_lanjut:
        kesalahan.append(_pesan(nama, _("describe the follow-up done.")))
    if bukti_tautan and not (bukti_tautan.startswith(("/", "https://", "http://"))
                             and len(bukti_tautan) <= PANJANG_TAUTAN and " " not in bukti_tautan):
        kesalahan.append(_pesan(nama, _(
            "the evidence link %(tautan)s is not a valid address (start with / for a page of "
            "Akuntabel, or https://).") % {"tautan": repr(bukti_tautan[:80])}))
    with transaction.atomic():
        if not kesalahan:
            rek = Rekomendasi.objects.select_for_update(of=("self",)).select_related(
                "evaluasi", "komponen", "perangkat_daerah").get(pk=rek.pk)
            _periksa_versi(rek, versi)
            if not rek.evaluasi.terkunci:
                kesalahan.append(_pesan(nama, _("the follow-up is recorded once the "
                                                "evaluation is locked (the LHE issued).")))
            elif not langkah_boleh(rek.status, "tindak_lanjut", "opd"):
                kesalahan.append(_pesan(nama, _("its follow-up was accepted; it is not "
                                                "changed any more.")))
        if kesalahan:
            raise RekomendasiDitolak(kesalahan)
        baru = {"tindak_lanjut": tindak_lanjut, "bukti_tautan": bukti_tautan,
                "status": LANGKAH["tindak_lanjut"][2]}
        _tulis(rek, baru, user)
        rek.tindak_lanjut_oleh, rek.tindak_lanjut_pada = user, timezone.now()
        rek.save()
    return rek


def putuskan_tindak_lanjut(rek: Rekomendasi, langkah: str, catatan: str, versi: int, *,
                           user: Any) -> Rekomendasi:
    """The reviewer's decision on a follow-up: ``terima`` (followed up), ``tolak`` (not
    accepted, with a note saying what is missing) or ``buka_kembali``."""
    nama = _nama(rek, rek.evaluasi, rek.komponen)
    hak = hak_rekomendasi(user, rek)
    catatan = catatan.strip()
    kesalahan = []
    if hak is None or not hak.putuskan:
        kesalahan.append(_pesan(nama, _("only the Inspektorat's reviewer accepts a "
                                        "follow-up.")))
    if langkah not in ("terima", "tolak", "buka_kembali"):
        kesalahan.append(_pesan(nama, _("the step %(langkah)s is unknown.")
                                % {"langkah": repr(langkah)}))
    elif langkah != "terima" and not catatan:
        kesalahan.append(_pesan(nama, _("write a note saying what is still missing.")))
    with transaction.atomic():
        if not kesalahan:
            rek = Rekomendasi.objects.select_for_update(of=("self",)).select_related(
                "evaluasi", "komponen", "perangkat_daerah").get(pk=rek.pk)
            _periksa_versi(rek, versi)
            if not langkah_boleh(rek.status, langkah, "penilai"):
                kesalahan.append(_pesan(nama, _("its status is %(status)s; this step does not "
                                                "apply.") % {"status": rek.get_status_display()}))
        if kesalahan:
            raise RekomendasiDitolak(kesalahan)
        _tulis(rek, {"status": LANGKAH[langkah][2], "catatan_penilai": catatan}, user)
        rek.diputuskan_oleh, rek.diputuskan_pada = user, timezone.now()
        rek.save()
    return rek


def _tulis(rek: Rekomendasi, baru: dict[str, str], user: Any) -> None:
    for kolom, nilai in baru.items():
        record_change(rek.perangkat_daerah, rek, kolom, getattr(rek, kolom), nilai,
                      sumber=SUMBER, oleh=user)
        setattr(rek, kolom, nilai)
    rek.versi += 1
