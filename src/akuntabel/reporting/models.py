"""The state of an OPD's quarterly report. It was created in the ``results`` app and moved
here (its table kept: ``db_table``) when the budget grid, which locks a triwulan too, was
walled off from ``results``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.plans.models import TRIWULAN_CHOICES


class PelaporanTriwulan(models.Model):
    """The state of an OPD's realisasi report for one triwulan: draft → diajukan (operator) →
    diverifikasi or dikembalikan with a note (verifikator). Verified data is locked until the
    verifikator reopens it. No row means draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        DIAJUKAN = "diajukan", _("submitted")
        DIVERIFIKASI = "diverifikasi", _("verified")
        DIKEMBALIKAN = "dikembalikan", _("returned")

    perangkat_daerah = models.ForeignKey("organizations.PerangkatDaerah",
                                         on_delete=models.CASCADE, related_name="pelaporan")
    tahun = models.PositiveSmallIntegerField(_("year"))
    triwulan = models.PositiveSmallIntegerField(_("quarter"), choices=TRIWULAN_CHOICES)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT)
    catatan = models.TextField(_("note"), blank=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "results_pelaporantriwulan"  # created by the results app; moved, not copied
        verbose_name = _("quarterly report status")
        verbose_name_plural = _("quarterly report statuses")
        ordering = ["perangkat_daerah", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun", "triwulan"],
                                    name="pelaporan_unique_period"),
            models.CheckConstraint(condition=models.Q(triwulan__gte=1, triwulan__lte=4),
                                   name="pelaporan_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} {self.tahun} TW {self.triwulan}: {self.status}"

    @property
    def locked(self) -> bool:
        """Submitted or verified realisasi cannot be edited by the OPD."""
        return self.status in (self.Status.DIAJUKAN, self.Status.DIVERIFIKASI)
