"""The Perjanjian Kinerja workflow (Permenpan RB 53/2014): compose a draft from the Renstra,
edit it, submit it, sign it (kepala OPD), send it back, and amend a signed one (PK perubahan).

    draft --ajukan--> diajukan --tandatangani--> ditandatangani
      ^                  |
      +---kembalikan-----+            ditandatangani --susun_perubahan--> new PK perubahan (draft)

At every level (PermenPAN-RB 53/2014, PK berjenjang; the rules in ``core.pk``): the kepala
OPD's PK with the kepala daerah, composed from the Renstra; below it the PK of an eselon III
official with the kepala (``compose_turunan``), and of an eselon IV official with the eselon
III, each row naming the row of the PK above that it serves. A cascaded PK is signed after the
PK above it; its perubahan serves the PK above in force. A "chain" is one official's PKs of a
year: the induk and its perubahan.

Who signs a cascaded PK in the application: the same right as the kepala's
(``accounts.access.Hak.tandatangani``: the kepala OPD, or the admin pemda on his behalf).
The kepala OPD is the pihak kedua of every eselon III PK and the superior of both parties of
an eselon IV PK; the kepala bidang and kepala seksi have no role of their own in the rights
model, and the paper is signed by both parties outside the application: signing here records
that the agreement is in force, which is the kepala's acceptance of it.

Plain functions shared by the web views and, later, the CLI. They do not check who may act
(the views do, with ``accounts.access``); they check the state and the input, write everything
or nothing (``transaction.atomic``) and record every change with ``audit.services``. A wrong
state or bad input raises :class:`PkError` with a message for the user in the active language.

Optimistic concurrency: every action on a PK names the ``versi`` of the PK it was read from;
the PK is re-read under a row lock and an older version raises :class:`PkStale` (naming who
changed it and when); each write moves the version on with a conditional
``UPDATE … WHERE versi = old``, so of two saves from the same version only one is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import last_change, record_change
from akuntabel.budget.services import ROOT, build_budget_tree
from akuntabel.common.alasan import alasan_angka
from akuntabel.common.waktu import format_waktu
from akuntabel.core.angka import Angka, format_angka, parse_angka, parse_rentang
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.core.capaian import Polaritas
from akuntabel.core.pk import (
    NODE_TINGKAT,
    Masalah,
    Tingkat,
    cek_atasan,
    cek_baris,
    cek_tanda_tangan,
)
from akuntabel.organizations.models import Pejabat, PerangkatDaerah
from akuntabel.plans.models import (
    NODE_FIELDS,
    TAHUNAN,
    Indikator,
    PerjanjianKinerja,
    PerjanjianKinerjaBaris,
    PerjanjianKinerjaProgram,
    Program,
    RenjaAnggaran,
    RenstraAnggaran,
    Target,
)
from akuntabel.plans.services import NoRenstra, renstra_for
from akuntabel.plans.targets import TahunDiLuarPeriode, TargetBasi, write_pk_targets

User = AbstractBaseUser | AnonymousUser | None
Status = PerjanjianKinerja.Status
Jenis = PerjanjianKinerja.Jenis

SUMBER = "Perjanjian Kinerja"
# The parties' fields a user may edit, with their length limits (the model's max_length).
PIHAK = {
    "pihak_pertama_nama": (gettext_lazy("First party's name"), 200),
    "pihak_pertama_jabatan": (gettext_lazy("First party's position"), 200),
    "pihak_pertama_nip": (gettext_lazy("First party's NIP"), 32),
    "pihak_pertama_pangkat": (gettext_lazy("First party's rank"), 100),
    "pihak_kedua_nama": (gettext_lazy("Second party's name"), 200),
    "pihak_kedua_jabatan": (gettext_lazy("Second party's position"), 200),
    "pihak_kedua_nip": (gettext_lazy("Second party's NIP"), 32),
}
TARGET_TEKS_MAX = 200


class PkError(Exception):
    """A PK action that cannot be done in the PK's state, or bad input. ``kesalahan`` holds one
    sentence per problem (naming the row or field) in the active language, Indonesian unless
    the user chose another; ``str()`` joins them."""

    def __init__(self, *kesalahan: str) -> None:
        super().__init__(" ".join(kesalahan))
        self.kesalahan = list(kesalahan)


class PkStale(PkError):
    """The PK changed after the user's page was read: nothing is done."""

    def __init__(self, pk: PerjanjianKinerja) -> None:
        oleh, pada = last_change(pk, *pk.baris.all())
        super().__init__(_("This performance agreement was changed by %(oleh)s on %(pada)s "
                           "after you opened this page; your changes were not saved. Check "
                           "what it holds now and try again.")
                         % {"oleh": oleh or _("another user"), "pada": format_waktu(pada) or "–"})


# ----------------------------------------------------------------------------------- reading

def pk_of_year(opd: PerangkatDaerah, tahun: int) -> QuerySet[PerjanjianKinerja]:
    """The kepala OPD's PK of the year (induk first, then each perubahan), with rows and
    programs in a fixed number of queries."""
    return cascade_of_year(opd, tahun).filter(tingkat=Tingkat.KEPALA)


def cascade_of_year(opd: PerangkatDaerah, tahun: int) -> QuerySet[PerjanjianKinerja]:
    """Every PK of the year at every level, as :func:`pk_of_year` reads them."""
    return (PerjanjianKinerja.objects.filter(perangkat_daerah=opd, tahun=tahun)
            .select_related("ditandatangani_oleh", "pejabat")
            .prefetch_related(
                Prefetch("baris", queryset=PerjanjianKinerjaBaris.objects
                         .select_related("sasaran", "indikator", "melayani")
                         .order_by("urutan", "pk")),
                Prefetch("program", queryset=PerjanjianKinerjaProgram.objects
                         .select_related("program").order_by("urutan", "pk")))
            .order_by("pk"))


def pk_in_force(pks: Sequence[PerjanjianKinerja]) -> PerjanjianKinerja | None:
    """The PK in force among one year's: the latest signed perubahan, else the signed induk."""
    signed = [p for p in pks if p.status == Status.DITANDATANGANI]
    perubahan = [p for p in signed if p.jenis == Jenis.PERUBAHAN]
    if perubahan:
        return max(perubahan, key=lambda p: p.pk)
    return next((p for p in signed if p.jenis == Jenis.INDUK), None)


def history_of(pks: Sequence[PerjanjianKinerja]) -> QuerySet[Perubahan]:
    """Changes recorded for these PK and their rows, newest first (one query)."""
    baris = [b.pk for p in pks for b in p.baris.all()]
    return (Perubahan.objects.filter(
        Q(model=PerjanjianKinerja.__name__, objek_id__in=[p.pk for p in pks])
        | Q(model=PerjanjianKinerjaBaris.__name__, objek_id__in=baris))
        .select_related("oleh"))


def row_has_target(baris: PerjanjianKinerjaBaris) -> bool:
    return baris.target is not None or bool(baris.target_teks.strip())


# ---------------------------------------------------------------------------------- compose

@dataclass
class HasilSusun:
    """A composed PK, the indicators that had no Renstra target for the year (their rows are
    empty), and where the programs' budget came from ("DPA", "Renstra" or "")."""

    pk: PerjanjianKinerja
    tanpa_target: list[Indikator] = field(default_factory=list)
    sumber_anggaran: str = ""


def _set_status(pk: PerjanjianKinerja, baru: str, oleh: User, alasan: str = "") -> None:
    lama = pk.status
    pk.status = baru
    pk.save(update_fields=["status"])
    _bump(pk)
    record_change(pk.perangkat_daerah, pk, "status", lama, baru, sumber=SUMBER, oleh=oleh,
                  alasan=alasan)


def _per_program(rows: QuerySet[Any]) -> dict[int, Decimal]:
    """program pk -> the sum of ``(program pk, amount)`` rows (no row: no entry)."""
    hasil: dict[int, Decimal] = {}
    for program_id, nilai in rows:
        if nilai is not None:
            hasil[program_id] = hasil.get(program_id, Decimal(0)) + nilai
    return hasil


def _program_anggaran(opd: PerangkatDaerah, tahun: int,
                      renstra_id: int) -> tuple[list[tuple[int, Decimal | None, str]], str]:
    """(program pk, anggaran, its source) for every program of the Renstra (the DPA's first,
    in the DPA's order) and where most came from. Each program's budget is the DPA's pagu (the
    sum of its sub kegiatan, see the DPA rule), else the Renja's pagu indikatif of the year
    (the program's own, else its sub kegiatan's), else the Renstra's funding of the year,
    else none yet ("")."""
    tree = build_budget_tree(opd, tahun)
    dpa = {tree.info[k].pk: tree.hasil[k].pagu.nilai for k in tree.children(ROOT)}
    renja_rows = RenjaAnggaran.objects.filter(tahun=tahun)
    renja = _per_program(renja_rows.filter(sub_kegiatan__kegiatan__program__renstra_id=renstra_id)
                         .values_list("sub_kegiatan__kegiatan__program_id", "pagu_indikatif"))
    renja.update(_per_program(renja_rows.filter(program__renstra_id=renstra_id)
                              .values_list("program_id", "pagu_indikatif")))
    renstra = _per_program(RenstraAnggaran.objects.filter(program__renstra_id=renstra_id,
                                                          tahun=tahun)
                           .values_list("program_id", "target"))
    urutan = [p for p in dpa if p is not None]
    urutan += [p for p in Program.objects.filter(renstra_id=renstra_id)
               .order_by("urutan", "pk").values_list("pk", flat=True) if p not in dpa]
    hasil: list[tuple[int, Decimal | None, str]] = []
    for program_id in urutan:
        for sumber, nilai in (("DPA", dpa), ("Renja", renja), ("Renstra", renstra)):
            if program_id in nilai:
                hasil.append((program_id, nilai[program_id], sumber))
                break
        else:
            hasil.append((program_id, None, ""))
    sumber = [s for _p, _n, s in hasil if s]
    return hasil, max(set(sumber), key=sumber.count) if sumber else ""


@transaction.atomic
def compose_pk(opd: PerangkatDaerah, tahun: int, oleh: User) -> HasilSusun:
    """A draft PK induk for ``tahun``: one row per indicator of the Renstra's sasaran with the
    Renstra target of the year, programs with their budget, parties from the officials."""
    if PerjanjianKinerja.objects.filter(perangkat_daerah=opd, tahun=tahun,
                                        jenis=Jenis.INDUK).exists():
        raise PkError(_("The performance agreement for %(tahun)s already exists; change it, or "
                        "make an amended agreement once it is signed.") % {"tahun": tahun})
    try:
        renstra = renstra_for(opd, tahun)
    except NoRenstra:
        raise PkError(_("%(opd)s has no Renstra covering the year %(tahun)s.")
                      % {"opd": opd.nama, "tahun": tahun}) from None
    indikator = list(Indikator.objects.filter(perangkat_daerah=opd,
                                              sasaran__tujuan__renstra=renstra)
                     .select_related("sasaran")
                     .order_by("sasaran__tujuan__urutan", "sasaran__urutan", "urutan", "pk"))
    if not indikator:
        raise PkError(_("Renstra %(awal)s–%(akhir)s has no objective indicators; the "
                        "performance agreement cannot be composed.")
                      % {"awal": renstra.tahun_awal, "akhir": renstra.tahun_akhir})
    targets = {t.indikator_id: t for t in Target.objects.filter(
        indikator__in=indikator, jenis=Target.Jenis.RENSTRA, tahun=tahun, triwulan=TAHUNAN)}
    kepala = (Pejabat.objects.filter(perangkat_daerah=opd, peran=Pejabat.Peran.KEPALA)
              .order_by("urutan", "pk").first())
    pemda = opd.pemda
    pk = PerjanjianKinerja.objects.create(
        perangkat_daerah=opd, tahun=tahun, jenis=Jenis.INDUK, status=Status.DRAFT,
        pihak_pertama_nama=kepala.nama if kepala else "",
        pihak_pertama_jabatan=kepala.jabatan if kepala else f"Kepala {opd.nama}",
        pihak_pertama_nip=kepala.nip if kepala else "",
        pihak_pertama_pangkat=kepala.pangkat if kepala else "",
        pihak_kedua_nama=pemda.kepala_daerah_nama, pihak_kedua_jabatan=pemda.kepala_daerah_jabatan,
        pihak_kedua_nip=pemda.kepala_daerah_nip)
    rows, tanpa = [], []
    for urutan, ind in enumerate(indikator):
        t = targets.get(ind.pk)
        nilai = t.nilai if t else None
        teks = (t.teks or format_angka(t.nilai)) if t and (t.teks or t.nilai is not None) else ""
        if not teks:
            tanpa.append(ind)
        rows.append(PerjanjianKinerjaBaris(perjanjian_kinerja=pk, sasaran=ind.sasaran,
                                           indikator=ind, target_teks=teks[:TARGET_TEKS_MAX],
                                           target=nilai, target_atas=t.nilai_atas if t else None,
                                           urutan=urutan))
    PerjanjianKinerjaBaris.objects.bulk_create(rows)
    programs, sumber = _program_anggaran(opd, tahun, renstra.pk)
    PerjanjianKinerjaProgram.objects.bulk_create(
        PerjanjianKinerjaProgram(perjanjian_kinerja=pk, program_id=program_id, anggaran=anggaran,
                                 sumber_anggaran=asal, urutan=urutan)
        for urutan, (program_id, anggaran, asal) in enumerate(programs))
    record_change(opd, pk, "status", "", Status.DRAFT, sumber=SUMBER, oleh=oleh,
                  alasan=f"Disusun dari Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}"
                         + (f" dan anggaran {sumber}" if sumber else ""))
    return HasilSusun(pk=pk, tanpa_target=tanpa, sumber_anggaran=sumber)


# ------------------------------------------------------------------------------------- edit

def _need(pk: PerjanjianKinerja, *status: str, pesan: str) -> None:
    """``pesan`` (translated, with %(nama)s and %(status)s) unless the PK is in ``status``."""
    if pk.status not in status:
        raise PkError(pesan % {"nama": _nama(pk), "status": pk.get_status_display()})


def _nama(pk: PerjanjianKinerja) -> str:
    if pk.tingkat != Tingkat.KEPALA:
        pejabat = pk.pihak_pertama_nama or pk.pihak_pertama_jabatan
        if pk.jenis == Jenis.PERUBAHAN:
            return (_("amendment of %(pejabat)s for %(tahun)s")
                    % {"pejabat": pejabat, "tahun": pk.tahun})
        return _("of %(pejabat)s for %(tahun)s") % {"pejabat": pejabat, "tahun": pk.tahun}
    if pk.jenis == Jenis.PERUBAHAN:
        return _("amendment for %(tahun)s") % {"tahun": pk.tahun}
    return _("for %(tahun)s") % {"tahun": pk.tahun}


def chain_of(pk: PerjanjianKinerja) -> QuerySet[PerjanjianKinerja]:
    """The PKs of the year of the same official and level as ``pk`` (its induk and
    perubahan), oldest first."""
    chain = PerjanjianKinerja.objects.filter(perangkat_daerah_id=pk.perangkat_daerah_id,
                                             tahun=pk.tahun, tingkat=pk.tingkat)
    if pk.tingkat != Tingkat.KEPALA:
        chain = chain.filter(pejabat_id=pk.pejabat_id)
    return chain.order_by("pk")


def _locked(pk: PerjanjianKinerja, versi: int) -> PerjanjianKinerja:
    """The PK re-read under a row lock, so two requests do not both move it; PkStale when it
    is no longer at ``versi``, the version the user read."""
    locked = PerjanjianKinerja.objects.select_for_update().select_related(
        "perangkat_daerah").get(pk=pk.pk)
    if locked.versi != versi:
        raise PkStale(locked)
    return locked


def _bump(pk: PerjanjianKinerja) -> None:
    """The next version, written only over the one read (``UPDATE … WHERE versi = old``)."""
    if not PerjanjianKinerja.objects.filter(pk=pk.pk, versi=pk.versi).update(
            versi=F("versi") + 1):
        raise PkStale(pk)
    pk.versi += 1


def _label(nomor: int, baris: PerjanjianKinerjaBaris) -> str:
    uraian = baris.uraian_indikator or _("indicator without a description")
    return _("Row %(nomor)s (%(uraian)s)") % {"nomor": nomor, "uraian": uraian}


def read_target(teks: str, baris: PerjanjianKinerjaBaris,
                nomor: int) -> tuple[str, Decimal | None, Decimal | None] | str:
    """The typed target as (text kept as typed, value, upper bound of a range), or an error
    naming the row. Empty is allowed in a draft; a range ("15–16", ``core.angka.parse_rentang``)
    as in the Renja; words only for a qualitative indicator; a number only within what a
    measure may hold (``core.batas.UKURAN``)."""
    teks = teks.strip()
    if len(teks) > TARGET_TEKS_MAX:
        return (_("%(baris)s, target: more than %(n)s characters.")
                % {"baris": _label(nomor, baris), "n": TARGET_TEKS_MAX})
    hasil = parse_angka(teks)
    if isinstance(hasil, Angka):
        alasan = cek_batas(hasil.nilai, UKURAN)
        if alasan is not None:
            return (_("%(baris)s, target: '%(teks)s' %(alasan)s")
                    % {"baris": _label(nomor, baris), "teks": teks, "alasan": alasan})
        return teks, hasil.nilai, None
    if hasil.jenis == "kosong":
        return "", None, None
    rentang = parse_rentang(teks)
    if rentang is not None:
        alasan = cek_batas(rentang.bawah, UKURAN) or cek_batas(rentang.atas, UKURAN)
        if alasan is not None:
            return (_("%(baris)s, target: '%(teks)s' %(alasan)s")
                    % {"baris": _label(nomor, baris), "teks": teks, "alasan": alasan})
        return teks, rentang.bawah, rentang.atas
    kualitatif = (baris.indikator is None  # written for the PK: its words are its target
                  or baris.indikator.polaritas == Polaritas.KUALITATIF.value)
    if hasil.jenis == "teks" and kualitatif:
        return teks, None, None
    return (_("%(baris)s, target: '%(teks)s' is not a number.")
            % {"baris": _label(nomor, baris), "teks": teks} + " " + alasan_angka(hasil))


def read_tanggal(teks: str) -> date | str | None:
    """A date typed as 2024-01-31 (the date field) or 31-01-2024; an error text otherwise."""
    teks = teks.strip()
    if not teks:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(teks, fmt).date()
        except ValueError:
            continue
    return (_("Date: '%(teks)s' is not a date (write dd-mm-yyyy, for example 02-01-2024).")
            % {"teks": teks})


@transaction.atomic
def edit_pk(pk: PerjanjianKinerja, isian: Mapping[str, str], oleh: User,
            alasan: str = "", *, versi: int) -> int:
    """Apply the typed targets (``target_<row pk>``), parties and date to a draft PK read at
    ``versi``. Every field is checked first; on any error nothing is written and
    :class:`PkError` lists them. Returns the number of values changed."""
    pk = _locked(pk, versi)
    _need(pk, Status.DRAFT, pesan=_("The performance agreement %(nama)s is %(status)s; it "
                                    "cannot be changed (only a draft can be changed)."))
    kesalahan: list[str] = []
    baris = list(pk.baris.select_related("indikator").order_by("urutan", "pk"))
    baru_baris: list[tuple[PerjanjianKinerjaBaris, str, Decimal | None, Decimal | None]] = []
    baru_melayani: list[tuple[PerjanjianKinerjaBaris, int | None]] = []
    atasan = _rows_of(pk.atasan)
    for nomor, b in enumerate(baris, start=1):
        kunci = f"melayani_{b.pk}"
        if kunci in isian and pk.tingkat != Tingkat.KEPALA:
            melayani = parse_id(isian[kunci])
            masalah = cek_baris(Tingkat(pk.tingkat), None, melayani is not None,
                                melayani in atasan)
            if masalah is not None:
                kesalahan.append(_pesan_baris(masalah, nomor, b, pk))
            else:
                baru_melayani.append((b, melayani))
        kunci = f"target_{b.pk}"
        if kunci not in isian:
            continue
        hasil = read_target(isian[kunci], b, nomor)
        if isinstance(hasil, str):
            kesalahan.append(hasil)
        else:
            baru_baris.append((b, *hasil))
    baru_pihak: dict[str, str] = {}
    for nama, (label, panjang) in PIHAK.items():
        if nama in isian:
            nilai = isian[nama].strip()
            if len(nilai) > panjang:
                kesalahan.append(_("%(label)s: more than %(n)s characters.")
                                 % {"label": label, "n": panjang})
            baru_pihak[nama] = nilai
    tanggal = read_tanggal(isian["tanggal"]) if "tanggal" in isian else pk.tanggal
    if isinstance(tanggal, str):
        kesalahan.append(tanggal)
    if kesalahan:
        raise PkError(*kesalahan)

    opd = pk.perangkat_daerah
    berubah = 0
    for b, melayani in baru_melayani:
        if b.melayani_id == melayani:
            continue
        record_change(opd, b, "melayani", _uraian_baris(b.melayani_id),
                      _uraian_baris(melayani), sumber=SUMBER, oleh=oleh, alasan=alasan)
        b.melayani_id = melayani
        b.save(update_fields=["melayani"])
        berubah += 1
    for b, teks, nilai, atas in baru_baris:
        if b.target_teks == teks and b.target == nilai and b.target_atas == atas:
            continue
        if record_change(opd, b, "target", b.target_teks, teks, sumber=SUMBER, oleh=oleh,
                         alasan=alasan) is None:
            record_change(opd, b, "target", b.target, nilai, sumber=SUMBER, oleh=oleh,
                          alasan=alasan)
        b.target_teks, b.target, b.target_atas = teks, nilai, atas
        b.save(update_fields=["target_teks", "target", "target_atas"])
        berubah += 1
    kolom = []
    for nama, nilai in [*baru_pihak.items(), ("tanggal", tanggal)]:
        lama = getattr(pk, nama)
        if lama != nilai:
            record_change(opd, pk, nama, lama, nilai, sumber=SUMBER, oleh=oleh, alasan=alasan)
            setattr(pk, nama, nilai)
            kolom.append(nama)
    if kolom:
        pk.save(update_fields=kolom)
    if berubah or kolom:
        _bump(pk)
    return berubah + len(kolom)


# -------------------------------------------------------------------------------- workflow

@transaction.atomic
def submit_pk(pk: PerjanjianKinerja, oleh: User, *, versi: int) -> PerjanjianKinerja:
    """draft -> diajukan, once every row has a target."""
    pk = _locked(pk, versi)
    _need(pk, Status.DRAFT, pesan=_("The performance agreement %(nama)s is %(status)s; it "
                                    "cannot be submitted."))
    baris = list(pk.baris.select_related("indikator").order_by("urutan", "pk"))
    if not baris:
        raise PkError(_("The performance agreement has no objective and indicator rows yet."))
    kosong = [_("%(baris)s: the target is not filled in.") % {"baris": _label(n, b)}
              for n, b in enumerate(baris, start=1) if not row_has_target(b)]
    if pk.tingkat != Tingkat.KEPALA:
        atasan = _rows_of(pk.atasan)
        for n, b in enumerate(baris, start=1):
            masalah = cek_baris(Tingkat(pk.tingkat), None, b.melayani_id is not None,
                                b.melayani_id in atasan)
            if masalah is not None:
                kosong.append(_pesan_baris(masalah, n, b, pk))
    if kosong:
        raise PkError(*kosong)
    _set_status(pk, Status.DIAJUKAN, oleh)
    return pk


@transaction.atomic
def return_pk(pk: PerjanjianKinerja, oleh: User, alasan: str, *,
              versi: int) -> PerjanjianKinerja:
    """diajukan -> draft, with the reason (required) recorded."""
    pk = _locked(pk, versi)
    _need(pk, Status.DIAJUKAN, pesan=_("The performance agreement %(nama)s is %(status)s; it "
                                       "cannot be sent back."))
    if not alasan.strip():
        raise PkError(_("A reason for sending it back is required."))
    _set_status(pk, Status.DRAFT, oleh, alasan=alasan.strip())
    return pk


@transaction.atomic
def sign_pk(pk: PerjanjianKinerja, oleh: User, pada: datetime | None = None, *,
            versi: int) -> PerjanjianKinerja:
    """diajukan -> ditandatangani: records who signed and when, and writes the PK's targets as
    the year's Target rows of kind ``pk`` (``pk_perubahan`` for a perubahan), which then are
    the targets in force. The year's targets are locked from here on
    (``plans.services.targets_locked``). The agreement's own date (``tanggal``) stays as
    entered: without one, the document leaves it blank to be filled in."""
    pk = _locked(pk, versi)
    _need(pk, Status.DIAJUKAN, pesan=_("The performance agreement %(nama)s is %(status)s; it "
                                       "cannot be signed (submit it first)."))
    atasan = pk.atasan
    if cek_tanda_tangan(Tingkat(pk.tingkat), None if atasan is None
                        else atasan.status == Status.DITANDATANGANI) is not None:
        raise PkError(_("The performance agreement %(nama)s cannot be signed yet: the agreement "
                        "above it (%(atasan)s) is not signed. Sign the agreement above first.")
                      % {"nama": _nama(pk), "atasan": (atasan.pihak_pertama_nama
                                                        or atasan.pihak_pertama_jabatan)
                         if atasan is not None else "–"})
    pada = pada or timezone.now()
    opd = pk.perangkat_daerah
    user = oleh if oleh is not None and oleh.is_authenticated else None
    pk.ditandatangani_oleh, pk.ditandatangani_pada = user, pada
    record_change(opd, pk, "ditandatangani_pada", "",
                  timezone.localtime(pada).strftime("%d-%m-%Y %H:%M"), sumber=SUMBER, oleh=oleh)
    pk.save(update_fields=["ditandatangani_oleh", "ditandatangani_pada"])
    _set_status(pk, Status.DITANDATANGANI, oleh)
    _write_targets(pk, oleh)
    return pk


def _write_targets(pk: PerjanjianKinerja, oleh: User) -> None:
    """The signed PK's targets through the one write path of a target
    (``plans.targets.write_pk_targets``): versions, year checks and history as any target."""
    sumber = f"Penandatanganan {SUMBER}" + (" perubahan" if pk.jenis == Jenis.PERUBAHAN else "")
    try:
        write_pk_targets(pk, oleh=oleh, sumber=sumber)
    except TahunDiLuarPeriode as e:
        raise PkError(str(e)) from e
    except TargetBasi as e:
        raise PkStale(pk) from e


@transaction.atomic
def compose_perubahan(opd: PerangkatDaerah, tahun: int, oleh: User, alasan: str,
                      dari: PerjanjianKinerja | None = None) -> PerjanjianKinerja:
    """A PK perubahan (draft) copying the rows and programs of the PK in force of the kepala
    (``dari`` None) or of the official of the cascaded PK ``dari``; the reason (required) is
    recorded and kept in its note. A cascaded perubahan serves the PK above in force, which
    must have no open amendment; each row serves the same row there (same indicator and
    objective), or none when the PK above no longer holds it: the row must then be pointed
    again before the perubahan is submitted."""
    if not alasan.strip():
        raise PkError(_("A reason for the amendment is required."))
    if dari is None:
        pks = list(pk_of_year(opd, tahun).select_for_update(of=("self",)))
    else:
        pks = list(chain_of(dari).filter(perangkat_daerah=opd, tahun=tahun)
                   .select_for_update().prefetch_related("baris", "program"))
    berlaku = pk_in_force(pks)
    if berlaku is None:
        if dari is not None:
            raise PkError(_("No performance agreement of %(pejabat)s for %(tahun)s is signed "
                            "yet; an amended agreement is made from a signed one.")
                          % {"pejabat": dari.pihak_pertama_nama, "tahun": tahun})
        raise PkError(_("No performance agreement for %(tahun)s is signed yet; an amended "
                        "agreement is made from a signed one.") % {"tahun": tahun})
    terbuka = [p for p in pks if p.status != Status.DITANDATANGANI]
    if terbuka:
        raise PkError(_("The performance agreement %(nama)s is still %(status)s; finish it "
                        "before making a new amendment.")
                      % {"nama": _nama(terbuka[0]), "status": terbuka[0].get_status_display()})
    atasan, baris_atasan = None, {}
    if berlaku.atasan is not None:
        rantai = list(chain_of(berlaku.atasan).prefetch_related("baris"))
        buka = [p for p in rantai if p.status != Status.DITANDATANGANI]
        if buka:
            raise PkError(_("The performance agreement above (%(nama)s) is still %(status)s; "
                            "finish it before amending the agreements below it.")
                          % {"nama": _nama(buka[0]), "status": buka[0].get_status_display()})
        atasan = pk_in_force(rantai)
        if atasan is not None:
            baris_atasan = {_kunci(b): b.pk for b in atasan.baris.all()}
    baru = PerjanjianKinerja.objects.create(
        perangkat_daerah=opd, tahun=tahun, jenis=Jenis.PERUBAHAN, status=Status.DRAFT,
        tingkat=berlaku.tingkat, atasan=atasan, pejabat_id=berlaku.pejabat_id,
        tahun_tercetak=berlaku.tahun_tercetak,
        catatan=f"Alasan perubahan: {alasan.strip()}",
        **{nama: getattr(berlaku, nama) for nama in PIHAK})
    lama = {b.pk: _kunci(b) for b in PerjanjianKinerjaBaris.objects.filter(
        pk__in=[b.melayani_id for b in berlaku.baris.all() if b.melayani_id is not None])}
    PerjanjianKinerjaBaris.objects.bulk_create(
        PerjanjianKinerjaBaris(perjanjian_kinerja=baru, sasaran_id=b.sasaran_id,
                               sasaran_teks=b.sasaran_teks, indikator_id=b.indikator_id,
                               indikator_teks=b.indikator_teks, satuan=b.satuan,
                               melayani_id=baris_atasan.get(lama.get(b.melayani_id)),
                               target_teks=b.target_teks, target=b.target,
                               target_atas=b.target_atas, urutan=b.urutan)
        for b in berlaku.baris.all())
    PerjanjianKinerjaProgram.objects.bulk_create(
        PerjanjianKinerjaProgram(perjanjian_kinerja=baru, program_id=p.program_id,
                                 anggaran=p.anggaran, sumber_anggaran=p.sumber_anggaran,
                                 urutan=p.urutan)
        for p in berlaku.program.all())
    record_change(opd, baru, "status", "", Status.DRAFT, sumber=SUMBER, oleh=oleh,
                  alasan=alasan.strip())
    return baru


def _kunci(b: PerjanjianKinerjaBaris) -> tuple[object, ...]:
    """What makes two rows of successive PKs of one official the same row."""
    return (b.indikator_id, b.sasaran_id, b.indikator_teks, b.sasaran_teks)


# ----------------------------------------------------------------------- the cascade below

@dataclass
class BarisBaru:
    """A row of a cascaded PK as chosen: the row above it serves (its pk), an indicator of
    the plan (its pk) or one written for the PK (``indikator_teks``, ``satuan``), the objective
    as written (empty: the program's or kegiatan's name, or the served row's objective for a
    written indicator) and the target as typed."""

    melayani: int | None
    indikator: int | None = None
    indikator_teks: str = ""
    satuan: str = ""
    sasaran_teks: str = ""
    target: str = ""


TEKS_MAX = 500


def parse_id(teks: str) -> int | None:
    teks = teks.strip()
    return int(teks) if teks.isascii() and teks.isdigit() and len(teks) < 19 else None


def _rows_of(pk: PerjanjianKinerja | None) -> set[int]:
    if pk is None:
        return set()
    return set(PerjanjianKinerjaBaris.objects.filter(perjanjian_kinerja=pk)
               .values_list("pk", flat=True))


def _uraian_baris(baris_id: int | None) -> str:
    b = (PerjanjianKinerjaBaris.objects.select_related("indikator").filter(pk=baris_id).first()
         if baris_id is not None else None)
    return b.uraian_indikator if b is not None else ""


NODE_NAMA = {"tujuan": "tujuan", "sasaran": "sasaran", "program": "program",
             "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}


def _node_of(ind: Indikator) -> str:
    return next(f for f in NODE_FIELDS if getattr(ind, f"{f}_id") is not None)


def _pesan_baris(masalah: Masalah, nomor: int, baris: PerjanjianKinerjaBaris,
                 pk: PerjanjianKinerja) -> str:
    label = _label(nomor, baris)
    if masalah == Masalah.TIDAK_MELAYANI:
        return (_("%(baris)s serves no row of the performance agreement above it; choose the "
                  "row it serves.") % {"baris": label})
    if masalah == Masalah.MELAYANI_LAIN:
        return (_("%(baris)s: the row it serves is not a row of the performance agreement "
                  "above it.") % {"baris": label})
    node = " / ".join(NODE_TINGKAT[Tingkat(pk.tingkat)])
    return (_("%(baris)s: '%(uraian)s' is not an indicator of a %(node)s; an agreement of "
              "the level %(tingkat)s holds the indicators of a %(node)s, or one written for "
              "it.") % {"baris": label, "uraian": baris.uraian_indikator, "node": node,
                        "tingkat": pk.get_tingkat_display()})


@transaction.atomic
def compose_turunan(atasan: PerjanjianKinerja, pejabat: Pejabat, baris: Sequence[BarisBaru],
                    oleh: User) -> PerjanjianKinerja:
    """A draft PK induk of ``pejabat`` one level below ``atasan`` (eselon III under the
    kepala's, eselon IV under an eselon III's) with the rows chosen, each serving a row of
    ``atasan``. Every row is checked first; on any error nothing is written and
    :class:`PkError` names the rows."""
    atasan = PerjanjianKinerja.objects.select_for_update().select_related(
        "perangkat_daerah").get(pk=atasan.pk)
    opd = atasan.perangkat_daerah
    tingkat = tingkat_bawah(atasan)
    if pejabat.perangkat_daerah_id != opd.pk:
        raise PkError(_("The official chosen is not an official of %(opd)s.")
                      % {"opd": opd.nama})
    if pejabat.peran == Pejabat.Peran.KEPALA:
        raise PkError(_("%(pejabat)s is the head of the agency, whose agreement is the one with "
                        "the head of the region; choose an eselon III or IV official.")
                      % {"pejabat": pejabat.nama})
    if PerjanjianKinerja.objects.filter(perangkat_daerah=opd, tahun=atasan.tahun,
                                        pejabat=pejabat, jenis=Jenis.INDUK).exists():
        raise PkError(_("%(pejabat)s already has a performance agreement for %(tahun)s; change "
                        "it, or make an amended agreement once it is signed.")
                      % {"pejabat": pejabat.nama, "tahun": atasan.tahun})
    if chain_of(atasan).filter(pk__gt=atasan.pk).exists():
        raise PkError(_("The performance agreement %(nama)s has been amended since; make the "
                        "agreement below under the latest one.") % {"nama": _nama(atasan)})
    if not baris:
        raise PkError(_("The performance agreement has no objective and indicator rows yet."))
    baris_atasan = {b.pk: b for b in atasan.baris.select_related("sasaran", "indikator")}
    indikator = {i.pk: i for i in Indikator.objects.filter(
        perangkat_daerah=opd, pk__in=[b.indikator for b in baris if b.indikator is not None])
        .select_related("program", "kegiatan")}
    kesalahan: list[str] = []
    rows: list[PerjanjianKinerjaBaris] = []
    for nomor, isian in enumerate(baris, start=1):
        ind = indikator.get(isian.indikator) if isian.indikator is not None else None
        teks = isian.indikator_teks.strip() if ind is None else ""
        row = PerjanjianKinerjaBaris(indikator=ind, indikator_teks=teks[:TEKS_MAX],
                                     satuan=isian.satuan.strip()[:100] if ind is None else "",
                                     melayani_id=isian.melayani, urutan=nomor - 1)
        if isian.indikator is not None and ind is None:
            kesalahan.append(_("%(baris)s: the indicator chosen is not an indicator of this "
                               "agency's plan.") % {"baris": _label(nomor, row)})
            continue
        if ind is None and not teks:
            kesalahan.append(_("%(baris)s has no indicator: choose one, or write one for the "
                               "agreement.") % {"baris": _label(nomor, row)})
            continue
        if len(isian.indikator_teks.strip()) > TEKS_MAX or len(isian.sasaran_teks) > TEKS_MAX:
            kesalahan.append(_("%(baris)s: more than %(n)s characters.")
                             % {"baris": _label(nomor, row), "n": TEKS_MAX})
            continue
        masalah = cek_baris(tingkat, _node_of(ind) if ind is not None else None,
                            isian.melayani is not None, isian.melayani in baris_atasan)
        if masalah is not None:
            kesalahan.append(_pesan_baris(masalah, nomor, row, PerjanjianKinerja(tingkat=tingkat)))
            continue
        target = read_target(isian.target, row, nomor)
        if isinstance(target, str):
            kesalahan.append(target)
            continue
        row.target_teks, row.target, row.target_atas = target
        node = ind.program or ind.kegiatan if ind is not None else None
        row.sasaran_teks = (isian.sasaran_teks.strip()
                            or (node.nama if node is not None
                                else baris_atasan[isian.melayani].uraian_sasaran))[:TEKS_MAX]
        rows.append(row)
    if kesalahan:
        raise PkError(*kesalahan)
    pk = PerjanjianKinerja.objects.create(
        perangkat_daerah=opd, tahun=atasan.tahun, jenis=Jenis.INDUK, status=Status.DRAFT,
        tingkat=tingkat, atasan=atasan, pejabat=pejabat,
        pihak_pertama_nama=pejabat.nama, pihak_pertama_jabatan=pejabat.jabatan,
        pihak_pertama_nip=pejabat.nip, pihak_pertama_pangkat=pejabat.pangkat,
        pihak_kedua_nama=atasan.pihak_pertama_nama,
        pihak_kedua_jabatan=atasan.pihak_pertama_jabatan,
        pihak_kedua_nip=atasan.pihak_pertama_nip)
    for row in rows:
        row.perjanjian_kinerja = pk
    PerjanjianKinerjaBaris.objects.bulk_create(rows)
    record_change(opd, pk, "status", "", Status.DRAFT, sumber=SUMBER, oleh=oleh,
                  alasan=f"Diturunkan dari Perjanjian Kinerja {atasan.pihak_pertama_nama}".strip())
    return pk


def anggaran_turunan(pk: PerjanjianKinerja) -> list[tuple[str, str, Decimal | None]]:
    """(kode, nama, pagu) of the programs (eselon III) or kegiatan (eselon IV) whose
    indicators a cascaded PK holds, from the year's DPA (the sum of their sub kegiatan: the
    DPA rule); what its page and its document show as its budget."""
    node = "kegiatan" if pk.tingkat == Tingkat.ESELON_IV else "program"
    ids = {getattr(b.indikator, f"{node}_id") for b in pk.baris.all()
           if b.indikator is not None} - {None}
    if not ids:
        return []
    tree = build_budget_tree(pk.perangkat_daerah, pk.tahun)
    return [(info.kode, info.uraian, tree.hasil[k].pagu.nilai)
            for k, info in tree.info.items() if info.tingkat == node and info.pk in ids]


def tingkat_bawah(atasan: PerjanjianKinerja) -> Tingkat:
    """The level of a PK made under ``atasan``; PkError below eselon IV."""
    for tingkat in Tingkat:
        if cek_atasan(tingkat, Tingkat(atasan.tingkat)) is None:
            return tingkat
    raise PkError(_("The performance agreement of %(pejabat)s is at the level %(tingkat)s; no "
                    "agreement is made below it in the application.")
                  % {"pejabat": atasan.pihak_pertama_nama,
                     "tingkat": atasan.get_tingkat_display()})
