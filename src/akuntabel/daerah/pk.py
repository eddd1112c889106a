"""The one write path of the kepala daerah's Perjanjian Kinerja (PermenPAN-RB 53/2014, Bab II:
the kepala daerah signs a PK of the IKU of the pemda each year): composed from the IKU of the
Perkada in force in the year with their targets, edited while a draft, submitted, signed and
amended by a new version (the signed one is kept). Also the document (``dokumen_pk``).

Who signs: the kepala daerah signs on paper; in the app the admin pemda records the signing on
his behalf, with a reason (project convention: the app has no account of the kepala daerah),
and the user and time are recorded. Every write checks its input first and raises
:class:`PkDaerahError` (one Indonesian message per field) before anything is written; every
change is recorded in the history (``audit.services.record_pemda_change``). The callers check
who may write (``daerah.access``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from akuntabel.audit.services import record_pemda_change
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.common.teks import karakter_kendali
from akuntabel.core.angka import Angka, parse_angka, parse_rentang
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.core.pk import DASAR_HUKUM
from akuntabel.daerah.models import PkDaerah, PkDaerahBaris
from akuntabel.daerah.services import perkada_berlaku
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.pk_services import read_tanggal
from akuntabel.reports.document import Bagian, Dokumen, Penandatangan, Sel, Tabel
from akuntabel.reports.kop import kop_of
from akuntabel.reports.lakip.values import rupiah, teks
from akuntabel.reports.pk import tempat_tanggal
from akuntabel.revisi.services import naikkan_pemda

SUMBER = "PK Kepala Daerah"
Status = PkDaerah.Status
Jenis = PkDaerah.Jenis
# The parties' fields a draft may change: field -> (label, longest text).
KEPALA = {"kepala_nama": ("Nama", 200), "kepala_jabatan": ("Jabatan", 200),
          "kepala_nip": ("NIP", 32)}
TARGET_MAKS = 100


class PkDaerahError(Exception):
    """Input refused before anything was written: the messages, one per problem."""

    def __init__(self, *kesalahan: str) -> None:
        super().__init__(" ".join(kesalahan))
        self.kesalahan = list(kesalahan)


def pk_tahun(pemda: Pemda, tahun: int) -> QuerySet[PkDaerah]:
    """The kepala daerah's PKs of ``tahun``, the induk first, then each perubahan."""
    return PkDaerah.objects.filter(pemda=pemda, tahun=tahun).order_by("id")


def pk_berlaku(pks: Sequence[PkDaerah]) -> PkDaerah | None:
    """The PK in force: the latest signed one (a signed perubahan replaces the induk)."""
    signed = [p for p in pks if p.status == Status.DITANDATANGANI]
    return signed[-1] if signed else None


def _nama(pk: PkDaerah) -> str:
    if pk.jenis == Jenis.PERUBAHAN:
        return _("amendment for %(tahun)s") % {"tahun": pk.tahun}
    return _("for %(tahun)s") % {"tahun": pk.tahun}


def _need(pk: PkDaerah, status: str, pesan: str) -> None:
    if pk.status != status:
        raise PkDaerahError(pesan % {"nama": _nama(pk), "status": pk.get_status_display()})


def _locked(pk: PkDaerah, versi: int) -> PkDaerah:
    """The PK re-read under a row lock; refused when it moved on from ``versi``."""
    locked = PkDaerah.objects.select_for_update().select_related("pemda").get(pk=pk.pk)
    if locked.versi != versi:
        raise PkDaerahError(_("The performance agreement was changed by someone else since you "
                              "opened it; reload the page and try again."))
    naikkan_pemda(locked.pemda)  # the revision of its documents
    return locked


def _bump(pk: PkDaerah) -> None:
    PkDaerah.objects.filter(pk=pk.pk).update(versi=F("versi") + 1)
    pk.versi += 1


def _status(pk: PkDaerah, baru: str, oleh: Any, alasan: str = "") -> None:
    record_pemda_change(pk.pemda, pk, "status", pk.status, baru, sumber=SUMBER, oleh=oleh,
                        alasan=alasan)
    pk.status = baru
    pk.save(update_fields=["status"])
    _bump(pk)


def _label(nomor: int, baris: PkDaerahBaris) -> str:
    return _("Row %(nomor)s (%(uraian)s)") % {"nomor": nomor, "uraian": baris.uraian_iku}


@transaction.atomic
def susun_pk(pemda: Pemda, tahun: int, oleh: Any) -> PkDaerah:
    """The induk PK of ``tahun`` as a draft: a row per IKU of the Perkada in force, its target
    of the year as entered; the kepala daerah as the pemda records him."""
    perkada = perkada_berlaku(pemda, tahun)
    if perkada is None:
        raise PkDaerahError(_("No Perkada on the IKU of the pemda is in force in %(tahun)s: set "
                              "the IKU of the pemda first.") % {"tahun": tahun})
    if PkDaerah.objects.select_for_update().filter(pemda=pemda, tahun=tahun,
                                                  jenis=Jenis.INDUK).exists():
        raise PkDaerahError(_("The performance agreement of the head of region for %(tahun)s "
                              "already exists.") % {"tahun": tahun})
    naikkan_pemda(pemda)  # the revision of its documents
    pk = PkDaerah.objects.create(pemda=pemda, tahun=tahun, perkada=perkada,
                                 kepala_nama=pemda.kepala_daerah_nama,
                                 kepala_jabatan=pemda.kepala_daerah_jabatan,
                                 kepala_nip=pemda.kepala_daerah_nip)
    rows = []
    for i, iku in enumerate(perkada.iku.select_related("sasaran_daerah")
                            .prefetch_related("target"), start=1):
        target = next((t for t in iku.target.all() if t.tahun == tahun), None)
        rows.append(PkDaerahBaris(
            pk_daerah=pk, iku=iku, uraian_sasaran=iku.sasaran_daerah.uraian,
            uraian_iku=iku.uraian,
            satuan=iku.satuan, target_teks=target.teks if target else "",
            target=target.nilai if target else None, urutan=i))
    PkDaerahBaris.objects.bulk_create(rows)
    record_pemda_change(pemda, pk, "status", "", pk.status, sumber=SUMBER, oleh=oleh,
                        alasan=_("Composed from Perkada %(nomor)s") % {"nomor": perkada.nomor})
    return pk


def baca_target(teks: str, baris: PkDaerahBaris,
                nomor: int) -> tuple[str, Decimal | None, Decimal | None] | str:
    """A typed target as (text, value, upper bound of a range), or a message naming the row.
    Empty in a draft; a number or a range (``core.angka.parse_rentang``) within what a measure
    holds (``core.batas.UKURAN``): an IKU of the pemda is measured by a formula, so never
    words."""
    teks = teks.strip()
    label = _label(nomor, baris)
    if len(teks) > TARGET_MAKS or karakter_kendali(teks) is not None:
        return _("%(baris)s, target: at most %(n)s characters, without control characters.") % {
            "baris": label, "n": TARGET_MAKS}
    if not teks:
        return "", None, None
    angka = parse_angka(teks)
    if isinstance(angka, Angka):
        bawah, atas = angka.nilai, None
    elif (rentang := parse_rentang(teks)) is not None:
        bawah, atas = rentang.bawah, rentang.atas
    else:
        return _("%(baris)s, target: '%(teks)s' is not a number or a range.") % {
            "baris": label, "teks": teks}
    alasan = cek_batas(bawah, UKURAN) or (cek_batas(atas, UKURAN) if atas is not None else None)
    if alasan is not None:
        return _("%(baris)s, target: '%(teks)s' %(alasan)s") % {
            "baris": label, "teks": teks, "alasan": alasan}
    return teks, bawah, atas


@transaction.atomic
def ubah_pk(pk: PkDaerah, isian: Mapping[str, str], oleh: Any, alasan: str = "", *,
            versi: int) -> int:
    """Apply the typed targets (``target_<row id>``), the kepala daerah's name, position and
    NIP and the date to a draft read at ``versi``; everything is checked first. Returns the
    number of values changed."""
    pk = _locked(pk, versi)
    _need(pk, Status.DRAFT, _("The performance agreement %(nama)s is %(status)s; only a draft "
                              "can be changed."))
    kesalahan: list[str] = []
    baru_baris: list[tuple[PkDaerahBaris, str, Decimal | None, Decimal | None]] = []
    for nomor, b in enumerate(pk.baris.all(), start=1):
        kunci = f"target_{b.pk}"
        if kunci in isian:
            hasil = baca_target(str(isian[kunci]), b, nomor)
            if isinstance(hasil, str):
                kesalahan.append(hasil)
            else:
                baru_baris.append((b, *hasil))
    baru: dict[str, Any] = {}
    for nama, (label, panjang) in KEPALA.items():
        if nama in isian:
            nilai = str(isian[nama]).strip()
            if len(nilai) > panjang or karakter_kendali(nilai) is not None:
                kesalahan.append(_("%(label)s: at most %(n)s characters, without control "
                                   "characters.") % {"label": label, "n": panjang})
            baru[nama] = nilai
    if "tanggal" in isian:
        tanggal = read_tanggal(str(isian["tanggal"]))
        if isinstance(tanggal, str):
            kesalahan.append(tanggal)
        baru["tanggal"] = tanggal
    if kesalahan:
        raise PkDaerahError(*kesalahan)
    berubah = 0
    for b, teks_baru, nilai, atas in baru_baris:
        if (b.target_teks, b.target, b.target_atas) == (teks_baru, nilai, atas):
            continue
        record_pemda_change(pk.pemda, b, "target", b.target_teks, teks_baru, sumber=SUMBER,
                            oleh=oleh, alasan=alasan)
        b.target_teks, b.target, b.target_atas = teks_baru, nilai, atas
        b.save(update_fields=["target_teks", "target", "target_atas"])
        berubah += 1
    kolom = [k for k, v in baru.items() if getattr(pk, k) != v]
    for k in kolom:
        record_pemda_change(pk.pemda, pk, k, getattr(pk, k), baru[k], sumber=SUMBER, oleh=oleh,
                            alasan=alasan)
        setattr(pk, k, baru[k])
    if kolom:
        pk.save(update_fields=kolom)
    if berubah or kolom:
        _bump(pk)
    return berubah + len(kolom)


@transaction.atomic
def ajukan_pk(pk: PkDaerah, oleh: Any, *, versi: int) -> PkDaerah:
    """draft -> diajukan, once every row has a target and the kepala daerah is named."""
    pk = _locked(pk, versi)
    _need(pk, Status.DRAFT, _("The performance agreement %(nama)s is %(status)s; it cannot be "
                              "submitted."))
    baris = list(pk.baris.all())
    if not baris:
        raise PkDaerahError(_("The performance agreement has no IKU rows: the Perkada in force "
                              "holds no IKU."))
    kesalahan = [_("%(baris)s: the target is not filled in.") % {"baris": _label(n, b)}
                 for n, b in enumerate(baris, start=1) if not b.target_teks]
    if not pk.kepala_jabatan.strip():
        kesalahan.append(_("Jabatan: enter the position of the head of region."))
    if kesalahan:
        raise PkDaerahError(*kesalahan)
    _status(pk, Status.DIAJUKAN, oleh)
    return pk


@transaction.atomic
def kembalikan_pk(pk: PkDaerah, oleh: Any, alasan: str, *, versi: int) -> PkDaerah:
    """diajukan -> draft, with the reason recorded."""
    pk = _locked(pk, versi)
    _need(pk, Status.DIAJUKAN, _("The performance agreement %(nama)s is %(status)s; it cannot "
                                 "be sent back."))
    if not alasan.strip() or karakter_kendali(alasan) is not None:
        raise PkDaerahError(_("Alasan: say why it is sent back."))
    _status(pk, Status.DRAFT, oleh, alasan=alasan.strip())
    return pk


@transaction.atomic
def tandatangani_pk(pk: PkDaerah, oleh: Any, *, alasan: str, versi: int,
                    pada: datetime | None = None) -> PkDaerah:
    """diajukan -> ditandatangani: the admin pemda records the kepala daerah's signing on his
    behalf; the reason (how and when he signed) is required; user and time are recorded."""
    pk = _locked(pk, versi)
    _need(pk, Status.DIAJUKAN, _("The performance agreement %(nama)s is %(status)s; it cannot "
                                 "be signed (submit it first)."))
    alasan = alasan.strip()
    if not alasan or len(alasan) > 2000 or karakter_kendali(alasan) is not None:
        raise PkDaerahError(_("Alasan: say why you record the signing on behalf of the head of "
                              "region (for example: signed on paper on 2 January)."))
    pada = pada or timezone.now()
    pk.ditandatangani_oleh, pk.ditandatangani_pada, pk.alasan_tanda_tangan = oleh, pada, alasan
    record_pemda_change(pk.pemda, pk, "ditandatangani_pada", "",
                        timezone.localtime(pada).strftime("%d-%m-%Y %H:%M"), sumber=SUMBER,
                        oleh=oleh, alasan=alasan)
    pk.save(update_fields=["ditandatangani_oleh", "ditandatangani_pada", "alasan_tanda_tangan"])
    _status(pk, Status.DITANDATANGANI, oleh, alasan=alasan)
    return pk


@transaction.atomic
def susun_perubahan(pemda: Pemda, tahun: int, oleh: Any, alasan: str) -> PkDaerah:
    """A PK perubahan of ``tahun``: a new draft copying the PK in force (rows, targets and
    parties), which stays signed and in force until the perubahan is signed."""
    pks = list(pk_tahun(pemda, tahun).select_for_update())
    alasan = alasan.strip()
    kesalahan = []
    if not pks or pks[-1].status != Status.DITANDATANGANI:
        kesalahan.append(_("An amendment needs the latest performance agreement of %(tahun)s "
                           "to be signed.") % {"tahun": tahun})
    if not alasan or karakter_kendali(alasan) is not None:
        kesalahan.append(_("Alasan: say why the agreement is amended."))
    if kesalahan:
        raise PkDaerahError(*kesalahan)
    naikkan_pemda(pemda)  # the revision of its documents
    lama = pks[-1]
    baru = PkDaerah.objects.create(
        pemda=pemda, tahun=tahun, jenis=Jenis.PERUBAHAN, perkada=lama.perkada,
        menggantikan=lama, alasan_perubahan=alasan, kepala_nama=lama.kepala_nama,
        kepala_jabatan=lama.kepala_jabatan, kepala_nip=lama.kepala_nip)
    PkDaerahBaris.objects.bulk_create(
        PkDaerahBaris(pk_daerah=baru, iku_id=b.iku_id, uraian_sasaran=b.uraian_sasaran,
                      uraian_iku=b.uraian_iku, satuan=b.satuan, target_teks=b.target_teks,
                      target=b.target, target_atas=b.target_atas, urutan=b.urutan)
        for b in lama.baris.all())
    record_pemda_change(pemda, baru, "status", "", baru.status, sumber=SUMBER, oleh=oleh,
                        alasan=alasan)
    return baru


# ------------------------------------------------------------------------------- document

def anggaran_per_opd(pemda: Pemda, tahun: int) -> list[tuple[PerangkatDaerah, Decimal]]:
    """The year's budget per OPD: the sum of the pagu of the sub kegiatan of its DPA."""
    sums = dict(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah__pemda=pemda,
                                              dpa__tahun=tahun)
                .values_list("dpa__perangkat_daerah").annotate(s=Sum("pagu"))
                .values_list("dpa__perangkat_daerah", "s"))
    opd = PerangkatDaerah.objects.filter(pk__in=sums).order_by("kode", "nama")
    return [(o, sums[o.pk] or Decimal(0)) for o in opd]


class NoPkDaerah(LookupError):
    pass


def pk_dokumen(pemda: Pemda, tahun: int, versi_id: int | None = None) -> PkDaerah:
    """The PK a document shows: the one asked for, else the one in force, else the latest
    draft (the document to be signed)."""
    pks = list(pk_tahun(pemda, tahun).select_related("perkada", "ditandatangani_oleh"))
    pk = (next((p for p in pks if p.pk == versi_id), None) if versi_id is not None
          else pk_berlaku(pks) or (pks[-1] if pks else None))
    if pk is None:
        raise NoPkDaerah(_("%(pemda)s has no performance agreement of the head of region for "
                           "%(tahun)s.") % {"pemda": pemda.nama, "tahun": tahun})
    return pk


def dokumen_pk(pemda: Pemda, tahun: int, versi_id: int | None = None,
               tanggal: date | None = None) -> Dokumen:
    """The PK of the kepala daerah in the PermenPAN-RB 53/2014 form: the statement, the IKU
    with their targets, and the program budget per OPD from the DPA."""
    pk = pk_dokumen(pemda, tahun, versi_id)
    tanggal = pk.tanggal or tanggal
    tempat = tempat_tanggal(pemda, tahun, tanggal)
    kepala = Penandatangan(jabatan=pk.kepala_jabatan or pemda.kepala_daerah_jabatan,
                           nama=pk.kepala_nama, pangkat="", nip=pk.kepala_nip,
                           tempat_tanggal=tempat)
    judul = ("PERJANJIAN KINERJA PERUBAHAN" if pk.jenis == Jenis.PERUBAHAN
             else "PERJANJIAN KINERJA")
    pernyataan: tuple[str, ...] = (
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
        "akuntabel serta berorientasi pada hasil, yang bertanda tangan di bawah ini:",
        f"Nama: {kepala.nama or '–'}",
        f"Jabatan: {kepala.jabatan or '–'}",
        "berjanji kepada masyarakat dan Dewan Perwakilan Rakyat Daerah akan mewujudkan target "
        "kinerja tahunan sesuai lampiran perjanjian ini dalam rangka mencapai target kinerja "
        f"jangka menengah seperti yang telah ditetapkan dalam RPJMD {pemda.nama}. Keberhasilan "
        "dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
    )
    if pk.jenis == Jenis.PERUBAHAN and pk.alasan_perubahan:
        pernyataan += (f"Perjanjian kinerja ini mengubah perjanjian kinerja tahun {tahun} "
                       f"sebelumnya, karena: {pk.alasan_perubahan}",)
    if pk.status == Status.DITANDATANGANI and pk.ditandatangani_pada:
        oleh = pk.ditandatangani_oleh
        pencatat = (oleh.get_full_name() or oleh.get_username()) if oleh else "–"
        pernyataan += (f"Penandatanganan dicatat dalam aplikasi oleh {pencatat} pada "
                       f"{timezone.localtime(pk.ditandatangani_pada):%d-%m-%Y %H:%M} atas nama "
                       f"{kepala.jabatan}: {pk.alasan_tanda_tangan}",)
    rows: list[tuple[Sel, ...]] = []
    for i, b in enumerate(pk.baris.all(), start=1):
        rows.append((str(i), b.uraian_sasaran, b.uraian_iku, teks(b.target_teks),
                     b.satuan))
    anggaran: list[tuple[Sel, ...]] = []
    jumlah = Decimal(0)
    for i, (opd, pagu) in enumerate(anggaran_per_opd(pemda, tahun), start=1):
        jumlah += pagu
        anggaran.append((str(i), opd.nama, ", ".join(map(str, opd.bidang_urusan)) or "–",
                         rupiah(pagu, "Σ pagu sub kegiatan DPA")))
    anggaran.append(("", "Jumlah", "", rupiah(jumlah, "Σ pagu DPA seluruh Perangkat Daerah")))
    perkada = f" (Perkada {pk.perkada.nomor})" if pk.perkada else ""
    lampiran = (
        Tabel("pk-sasaran", f"Lampiran {judul.title()} Tahun {tahun}: Sasaran dan Target",
              ("No", "Sasaran daerah", "Indikator Kinerja Utama", "Target", "Satuan"),
              tuple(rows), catatan=f"IKU Pemerintah {pemda.nama} yang berlaku tahun "
                                   f"{tahun}{perkada}."),
        Tabel("pk-program", "Program dan Anggaran per Perangkat Daerah",
              ("No", "Perangkat Daerah", "Bidang urusan", "Anggaran"), tuple(anggaran),
              tebal=tuple([False] * (len(anggaran) - 1) + [True]),
              catatan=f"Anggaran: jumlah pagu sub kegiatan DPA tiap Perangkat Daerah Tahun "
                      f"{tahun}. Dasar: {DASAR_HUKUM}."),
    )
    return Dokumen(
        jenis="pk", judul=f"{judul} TAHUN {tahun}", subjudul=kepala.jabatan,
        instansi=f"Pemerintah {pemda.nama}", pemda=f"Pemerintah {pemda.nama}", tahun=tahun,
        penandatangan=kepala, pihak_kedua=None, kop=kop_of(pemda),
        bagian=(Bagian("pernyataan", "", judul.title(), 0, pernyataan, tanda_tangan=True),
                Bagian("lampiran", "", "Lampiran", 0, (), lampiran, tanda_tangan=True)))
