"""The guided onboarding of an OPD: the steps from an empty agency to a signed Perjanjian
Kinerja, in the order a planner takes them, each with its state read from the data.

A step is done when the data it asks for exists; its warnings are those of the checks the
screens themselves show (``core.rencana.cek_kelengkapan`` through ``structure.peringatan``,
the performance tree's orphans and dead ends through ``core.pohon``), never a refusal. The
next step is the first one not done. The order follows the planning cycle of Permendagri
86/2017 (Renstra under the RPJMD, then the Renja of the year) and Permenpan RB 53/2014 (the PK
of the year, then the PK of the levels below); what each step requires is project convention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from akuntabel.accounts.access import Hak
from akuntabel.accounts.models import Membership, Peran
from akuntabel.core.pohon import SiklusPohon
from akuntabel.organizations.models import Pejabat, PerangkatDaerah
from akuntabel.plans.models import (
    Indikator,
    IsuStrategis,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from akuntabel.plans.pohon import build_pohon
from akuntabel.plans.services import NoRenstra, renstra_for
from akuntabel.plans.structure import peringatan, rpjmd_covering

SELESAI = "selesai"        # recorded, no warning
PERINGATAN = "peringatan"  # recorded, with warnings to look at
BELUM = "belum"            # nothing recorded yet


@dataclass
class Langkah:
    """One step: its key, title, what it asks for, whether it is recorded (``ada``), what was
    found, the warnings of its checks and where to do it (empty when the user has no screen for
    it). Its state follows: done when recorded without warning."""

    kunci: str
    judul: str
    tugas: str
    ada: bool = False
    keterangan: str = ""
    peringatan: list[str] = field(default_factory=list)
    tautan: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    menunggu: str = ""   # the title of the step it waits for, when it cannot start yet
    berikut: bool = False

    @property
    def status(self) -> str:
        if not self.ada:
            return BELUM
        return PERINGATAN if self.peringatan else SELESAI

    @property
    def selesai(self) -> bool:
        return self.status == SELESAI


def _opd(opd: PerangkatDaerah, hak: Hak) -> Langkah:
    step = Langkah("opd", _("Agency, its users and officials"),
                   _("The agency exists, with an operator and a head who sign in, and its "
                     "head among the officials (he signs the PK)."))
    peran = set(Membership.objects.filter(perangkat_daerah=opd)
                .values_list("peran", flat=True))
    pejabat = list(Pejabat.objects.filter(perangkat_daerah=opd).values_list("peran", flat=True))
    kurang = []
    if Peran.OPERATOR_OPD not in peran:
        kurang.append(_("no user is the agency's operator"))
    if Peran.KEPALA_OPD not in peran:
        kurang.append(_("no user is the agency's head"))
    if Pejabat.Peran.KEPALA not in pejabat:
        kurang.append(_("no official is recorded as its head"))
    step.peringatan = [s[:1].upper() + s[1:] + "." for s in kurang]
    step.ada = bool(peran or pejabat)
    step.keterangan = _("%(users)d roles, %(officials)d officials.") % {
        "users": len(peran), "officials": len(pejabat)}
    if hak.kelola:
        step.tautan = [(_("Users and roles"), reverse("kelola_pengguna", args=[opd.pemda_id])),
                       (_("Officials"), reverse("kelola_pejabat", args=[opd.pemda_id]))]
    return step


def _renstra(opd: PerangkatDaerah, hak: Hak, tahun: int, renstra: Renstra | None) -> Langkah:
    step = Langkah("renstra", _("Renstra under the RPJMD"),
                   _("A Renstra whose period covers the year, under the pemda's RPJMD."))
    step.tautan = [(_("Renstra"), reverse("renstra_list", args=[opd.pk]))]
    if renstra is not None:
        step.ada = True
        step.keterangan = f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}"
        return step
    if rpjmd_covering(opd.pemda, tahun) is None:
        step.peringatan.append(
            _("The pemda has no RPJMD covering %(tahun)d: its administrator records it "
              "first.") % {"tahun": tahun})
        if hak.kelola:
            step.tautan.append((_("RPJMD"), reverse("rpjmd_list", args=[opd.pemda_id])))
    return step


def _struktur(renstra: Renstra | None, temuan: list[str]) -> Langkah:
    step = Langkah("struktur", _("Tujuan and sasaran"),
                   _("The Renstra's objectives (tujuan) and the targets (sasaran) under each."))
    if renstra is None:
        return step
    step.tautan = [(_("Renstra editor"), reverse("renstra_editor", args=[renstra.pk]))]
    tujuan = list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "pk"))
    berisi = set(Sasaran.objects.filter(tujuan__renstra=renstra)
                 .values_list("tujuan_id", flat=True))
    n_sasaran = Sasaran.objects.filter(tujuan__renstra=renstra).count()
    step.keterangan = _("%(t)d tujuan, %(s)d sasaran.") % {"t": len(tujuan), "s": n_sasaran}
    step.peringatan = [_("Tujuan '%(uraian)s' has no sasaran.") % {"uraian": t.uraian}
                       for t in tujuan if t.pk not in berisi] + temuan
    step.ada = bool(tujuan)
    return step


def _indikator(renstra: Renstra | None, temuan: list[str]) -> Langkah:
    step = Langkah("indikator", _("Indicators and their targets"),
                   _("Every sasaran measured by an indicator with a target in every year of "
                     "the Renstra; the key ones marked IKU."))
    if renstra is None:
        return step
    step.tautan = [(_("Renstra editor"), reverse("renstra_editor", args=[renstra.pk]))]
    indikator = Indikator.objects.filter(sasaran__tujuan__renstra=renstra)
    n = indikator.count()
    n_iku = indikator.filter(iku=True).count()
    step.keterangan = _("%(n)d indicators of sasaran, %(iku)d of them IKU.") % {
        "n": n, "iku": n_iku}
    step.peringatan = [p.pesan for p in peringatan(renstra)] + temuan
    if n and not n_iku:
        step.peringatan.append(_("No indicator is marked IKU."))
    step.ada = bool(n)
    return step


def _isu(opd: PerangkatDaerah, renstra: Renstra | None) -> Langkah:
    step = Langkah("isu", _("Strategic issues"),
                   _("The agency's strategic issues scored (USG) and the priority chosen."))
    if renstra is None:
        return step
    step.tautan = [(_("Strategic issues"),
                    reverse("isu_list", args=[opd.pk]) + f"?renstra={renstra.pk}")]
    isu = IsuStrategis.objects.filter(renstra=renstra)
    n = isu.count()
    step.keterangan = _("%(n)d issues.") % {"n": n}
    if n and not isu.filter(prioritas=True).exists():
        step.peringatan.append(_("No issue is chosen as the priority."))
    step.ada = bool(n)
    return step


def _program(opd: PerangkatDaerah, renstra: Renstra | None, tahun: int,
             temuan: list[str]) -> Langkah:
    step = Langkah("program", _("Program tree from the code list"),
                   _("Programs, kegiatan and sub kegiatan picked from the code list, each "
                     "program serving a sasaran; every node serves one above it."))
    if renstra is None:
        return step
    step.tautan = [(_("Program tree"), reverse("program_tree", args=[opd.pk])),
                   (_("Performance tree"), reverse("pohon", args=[opd.pk, tahun]))]
    n = (Program.objects.filter(renstra=renstra).count(),
         Kegiatan.objects.filter(program__renstra=renstra).count(),
         SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).count())
    step.keterangan = _("%(p)d programs, %(k)d kegiatan, %(s)d sub kegiatan.") % {
        "p": n[0], "k": n[1], "s": n[2]}
    step.peringatan = list(temuan)
    if not all(n):
        step.peringatan.insert(0, _("The tree needs programs, kegiatan and sub kegiatan."))
    step.ada = any(n)
    return step


def _renja(opd: PerangkatDaerah, renstra: Renstra | None, tahun: int) -> Langkah:
    step = Langkah("renja", _("Renja of the year, with quarterly targets"),
                   _("The Renja targets of the year, per quarter, copied from the Renstra "
                     "and adjusted."))
    if renstra is None:
        return step
    step.tautan = [(_("Renja"), reverse("renja_grid", args=[opd.pk, tahun]))]
    renstra_ind = set(Target.objects.filter(
        indikator__perangkat_daerah=opd, jenis=Target.Jenis.RENSTRA, tahun=tahun)
        .values_list("indikator_id", flat=True))
    renja = Target.objects.filter(indikator__perangkat_daerah=opd, jenis=Target.Jenis.RENJA,
                                  tahun=tahun)
    tahunan = set(renja.filter(triwulan=0).values_list("indikator_id", flat=True))
    triwulan = set(renja.exclude(triwulan=0).values_list("indikator_id", flat=True))
    step.keterangan = _("%(n)d indicators with a Renja target, %(tw)d with quarterly "
                        "targets.") % {"n": len(tahunan | triwulan), "tw": len(triwulan)}
    tanpa = renstra_ind - tahunan - triwulan
    if tanpa:
        step.peringatan.append(_("%(n)d indicators have a Renstra target for %(tahun)d but no "
                                 "Renja target.") % {"n": len(tanpa), "tahun": tahun})
    if tahunan and not triwulan:
        step.peringatan.append(_("No Renja target is divided into quarters yet."))
    step.ada = bool(tahunan | triwulan)
    return step


def _pk(opd: PerangkatDaerah, tahun: int) -> tuple[Langkah, PerjanjianKinerja | None]:
    step = Langkah("pk", _("Performance agreement drafted, submitted, signed"),
                   _("The head's PK of the year: the operator drafts and submits it, the head "
                     "signs it."))
    step.tautan = [(_("Performance agreement"), reverse("pk_detail", args=[opd.pk, tahun]))]
    pk = (PerjanjianKinerja.objects
          .filter(perangkat_daerah=opd, tahun=tahun, atasan__isnull=True,
                  tingkat=PerjanjianKinerja.Tingkat.KEPALA)
          .order_by("-jenis", "-pk").first())  # the latest: a perubahan over the induk
    if pk is None:
        return step, None
    step.keterangan = _("Status: %(status)s.") % {"status": pk.get_status_display()}
    step.ada = pk.status == PerjanjianKinerja.Status.DITANDATANGANI
    return step, pk


def _turunan(opd: PerangkatDaerah, tahun: int, pk: PerjanjianKinerja | None) -> Langkah:
    step = Langkah("turunan", _("Cascaded performance agreements"),
                   _("The PK of the heads of division (eselon III) and of section (eselon "
                     "IV), whose indicators serve the level above, signed."))
    step.tautan = [(_("Performance agreement"), reverse("pk_detail", args=[opd.pk, tahun]))]
    if pk is None:
        return step
    turunan = PerjanjianKinerja.objects.filter(perangkat_daerah=opd, tahun=tahun,
                                               atasan__isnull=False)
    n = turunan.count()
    ditandatangani = turunan.filter(status=PerjanjianKinerja.Status.DITANDATANGANI).count()
    step.keterangan = _("%(n)d cascaded agreements, %(t)d signed.") % {
        "n": n, "t": ditandatangani}
    if n > ditandatangani:
        step.peringatan.append(_("%(n)d cascaded agreements are not signed yet.") % {
            "n": n - ditandatangani})
    step.ada = bool(n)
    return step


def _temuan_pohon(opd: PerangkatDaerah, renstra: Renstra | None, tahun: int
                  ) -> dict[str, list[str]]:
    """The findings of the performance tree's check (``core.pohon``) by the step that mends
    them: a tujuan or sasaran serving nothing above (struktur: its link to the RPJMD), a tujuan
    or sasaran without an indicator (indikator), the rest (program: a sasaran without program,
    a program without kegiatan, a node of the tree without indicator); a cycle (program)."""
    out: dict[str, list[str]] = {"struktur": [], "indikator": [], "program": []}
    if renstra is None:
        return out
    try:
        periksa = build_pohon(opd, renstra, tahun).periksa
    except SiklusPohon as err:
        out["program"].append(str(err))
        return out
    for t in (*periksa.yatim, *periksa.buntu):
        jenis = t.kunci.partition("-")[0]
        if jenis in ("tujuan", "sasaran") and t.kode == "POH-YATIM":
            out["struktur"].append(t.pesan)
        elif jenis in ("tujuan", "sasaran") and t.kode == "POH-TANPA-INDIKATOR":
            out["indikator"].append(t.pesan)
        elif jenis != "misi":
            out["program"].append(t.pesan)
    return out


def langkah_mulai(opd: PerangkatDaerah, tahun: int, hak: Hak) -> list[Langkah]:
    """The onboarding steps of ``opd`` for ``tahun``, the first not done marked ``berikut``."""
    try:
        renstra: Renstra | None = renstra_for(opd, tahun)
    except NoRenstra:
        renstra = None
    temuan = _temuan_pohon(opd, renstra, tahun)
    pk_step, pk = _pk(opd, tahun)
    steps = [_opd(opd, hak), _renstra(opd, hak, tahun, renstra),
             _struktur(renstra, temuan["struktur"]), _indikator(renstra, temuan["indikator"]),
             _isu(opd, renstra), _program(opd, renstra, tahun, temuan["program"]),
             _renja(opd, renstra, tahun), pk_step, _turunan(opd, tahun, pk)]
    if renstra is None:
        for step in steps[2:7]:
            step.menunggu = steps[1].judul
    for step in steps:
        if not step.selesai:
            step.berikut = True
            break
    return steps
