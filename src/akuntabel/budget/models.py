"""The annual budget (DPA): per sub kegiatan its pagu and realisasi, broken down into lines by
kode rekening (Permendagri 90/2019); and budget totals printed elsewhere in a document.

The DPA is issued per sub kegiatan (Permendagri 77/2020): ``DpaSubKegiatan`` holds the
sub kegiatan's amounts, which are the truth for the sub kegiatan and everything above it
(kegiatan, program, OPD are their sums). Its rekening lines are the breakdown: leaf lines carry
their own amounts, a line with children keeps the amounts printed for it (as reported), and
the roll-up in ``akuntabel.core.anggaran`` checks that every level adds up. When a sub kegiatan
has no amount of its own, its amount is the sum of its lines.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import MONEY, Kegiatan, Program, SubKegiatan


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
    catatan = models.TextField(_("note"), blank=True)

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
    pagu = models.DecimalField(_("budget ceiling (pagu)"), **MONEY)
    pagu_teks = models.CharField(_("pagu as printed"), max_length=40, blank=True)
    pagu_murni = models.DecimalField(_("original pagu (murni)"), **MONEY)
    realisasi = models.DecimalField(_("realisation"), **MONEY)
    realisasi_teks = models.CharField(_("realisation as printed"), max_length=40, blank=True)
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["anggaran", "urutan"]

    def __str__(self) -> str:
        return f"{self.kode_rekening} {self.uraian}".strip()


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
