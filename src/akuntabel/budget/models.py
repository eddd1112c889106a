"""The annual budget (DPA): per sub kegiatan its pagu and realisasi, broken down into lines by
kode rekening (Permendagri 90/2019); and budget totals printed elsewhere in a document.

The DPA is issued per sub kegiatan (Permendagri 77/2020): ``DpaSubKegiatan`` holds the
sub kegiatan's amounts, which are the truth for the sub kegiatan and everything above it
(kegiatan, program, OPD are their sums). Its rekening lines are the breakdown: leaf lines carry
their own amounts, a line with children keeps the amounts printed for it (as reported), and
the roll-up in ``akuntabel.core.anggaran`` checks that every level adds up. When a sub kegiatan
has no amount of its own, its amount is the sum of its lines.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import MEASURE, MONEY, Kegiatan, Program, SubKegiatan


class Dpa(models.Model):
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE,
                                         related_name="dpa")
    tahun = models.PositiveSmallIntegerField(_("year"))
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget (DPA)")
        verbose_name_plural = _("budgets (DPA)")
        ordering = ["perangkat_daerah", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun"], name="dpa_unique_year"),
        ]

    def __str__(self) -> str:
        return f"DPA {self.perangkat_daerah} {self.tahun}"


class DpaSubKegiatan(models.Model):
    dpa = models.ForeignKey(Dpa, on_delete=models.CASCADE, related_name="sub_kegiatan")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="dpa")
    pagu = models.DecimalField(_("budget ceiling (pagu)"), **MONEY)
    pagu_teks = models.CharField(_("pagu as printed"), max_length=40, blank=True)
    pagu_murni = models.DecimalField(_("original pagu (murni)"), **MONEY)
    realisasi = models.DecimalField(_("realisation"), **MONEY)
    realisasi_teks = models.CharField(_("realisation as printed"), max_length=40, blank=True)
    # The serapan a report printed on this row, kept to be compared (reviu ANG-016).
    serapan_teks = models.CharField(_("absorption as printed"), max_length=40, blank=True)
    serapan = models.DecimalField(_("absorption as printed (value)"), **MEASURE)
    catatan = models.TextField(_("note"), blank=True)
    # Optimistic concurrency: every write path (a workbook, a budget sheet, the admin) bumps
    # it, so that a form or workbook opened before another write is refused, not applied.
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("sub kegiatan budget")
        verbose_name_plural = _("sub kegiatan budgets")
        ordering = ["dpa", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dpa", "sub_kegiatan"],
                                    name="dpa_sub_kegiatan_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dpa}: {self.sub_kegiatan}"


class DpaLine(models.Model):
    anggaran = models.ForeignKey(DpaSubKegiatan, on_delete=models.CASCADE, related_name="lines")
    induk = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="rincian")
    kode_rekening = models.CharField(_("account code"), max_length=40, blank=True)
    uraian = models.TextField(_("description"))
    # A misprinted account name ("Belana Perjalanan Dinas"): uraian holds the official name,
    # this the text as printed; empty when the printed text is the name.
    uraian_tercetak = models.TextField(_("description as printed"), blank=True)
    pagu = models.DecimalField(_("budget ceiling (pagu)"), **MONEY)
    pagu_teks = models.CharField(_("pagu as printed"), max_length=40, blank=True)
    pagu_murni = models.DecimalField(_("original pagu (murni)"), **MONEY)
    realisasi = models.DecimalField(_("realisation"), **MONEY)
    realisasi_teks = models.CharField(_("realisation as printed"), max_length=40, blank=True)
    serapan_teks = models.CharField(_("absorption as printed"), max_length=40, blank=True)
    serapan = models.DecimalField(_("absorption as printed (value)"), **MEASURE)
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)
    versi = models.PositiveIntegerField(_("version"), default=1)   # as DpaSubKegiatan's

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["anggaran", "urutan"]

    def __str__(self) -> str:
        return f"{self.kode_rekening} {self.uraian}".strip()


class RealisasiAnggaranTriwulan(models.Model):
    """The realisasi of one sub kegiatan of the DPA in one triwulan (TW I-IV): what was spent
    IN that quarter (not cumulative), entered by the OPD on the budget realisasi screen.

    Which figure is the truth:

    * For the LAKIP (Bab III B, realisasi anggaran; serapan per program) the truth is the
      ANNUAL realisasi of the sub kegiatan as recorded in the DPA (``DpaSubKegiatan.realisasi``,
      imported or printed), rolled up by ``akuntabel.budget.services``. The quarterly values
      never replace it, not even when all four are filled.
    * The quarterly values feed the quarterly monitoring: the Renja evaluation per triwulan
      (Permendagri 86/2017, evaluasi hasil Renja Perangkat Daerah) and the serapan so far.
    * When quarterly values exist, the budget page shows both and flags a difference between
      the sum of TW I-IV and the annual figure (``services.selisih_tahunan``); the difference is
      for a person to explain or correct, never silently resolved.

    ``versi`` guards against two people saving the same cell (optimistic concurrency, as for
    the indicators' ``Realisasi``); every change is in the change history (``record_change``).
    No row means nothing was entered for that quarter; an emptied cell deletes its row.
    """

    dpa_sub_kegiatan = models.ForeignKey(DpaSubKegiatan, on_delete=models.CASCADE,
                                         related_name="realisasi_triwulan")
    triwulan = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")])
    nilai = models.DecimalField(_("realisation"), max_digits=MONEY["max_digits"],
                                decimal_places=MONEY["decimal_places"])
    versi = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("quarterly budget realisation")
        verbose_name_plural = _("quarterly budget realisations")
        ordering = ["dpa_sub_kegiatan", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["dpa_sub_kegiatan", "triwulan"],
                                    name="realisasi_anggaran_unique_triwulan"),
            models.CheckConstraint(condition=models.Q(triwulan__gte=1, triwulan__lte=4),
                                   name="realisasi_anggaran_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        # Callers that record changes load the sub kegiatan with the row (no query per row).
        return f"Realisasi anggaran TW {self.triwulan}: {self.dpa_sub_kegiatan.sub_kegiatan}"


class AnggaranTercetak(models.Model):
    """A budget total printed in a document: on a program or kegiatan row of the budget table,
    or elsewhere (a summary table, a sentence). Kept as reported, to be compared with the
    DPA; never used as the truth."""

    TABEL_ANGGARAN = "tabel_anggaran"

    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE,
                                         related_name="anggaran_tercetak")
    tahun = models.PositiveSmallIntegerField(_("year"))
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="anggaran_tercetak")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="anggaran_tercetak")
    tempat = models.CharField(_("where printed"), max_length=200)
    pagu_teks = models.CharField(_("pagu as printed"), max_length=40, blank=True)
    pagu = models.DecimalField(_("pagu"), **MONEY)
    realisasi_teks = models.CharField(_("realisation as printed"), max_length=40, blank=True)
    realisasi = models.DecimalField(_("realisation"), **MONEY)
    serapan_teks = models.CharField(_("absorption as printed"), max_length=40, blank=True)
    serapan = models.DecimalField(_("absorption as printed (value)"), **MEASURE)
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("printed budget total")
        verbose_name_plural = _("printed budget totals")
        ordering = ["perangkat_daerah", "tahun", "urutan"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(program__isnull=True) | models.Q(kegiatan__isnull=True),
                name="anggaran_tercetak_at_most_one_node",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tempat} {self.tahun}"
