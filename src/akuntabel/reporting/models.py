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


class BatasDokumen(models.Model):
    """The pemda's own deadline for one document of a year (``core.jadwal.Dokumen``), set by
    the admin pemda with the regulation it comes from (a Perkada, a circular). Without a row
    the default of ``core.jadwal.batas_baku`` applies."""

    pemda = models.ForeignKey("organizations.Pemda", on_delete=models.CASCADE,
                              related_name="batas_dokumen")
    tahun = models.PositiveSmallIntegerField(_("year"))
    dokumen = models.CharField(_("document"), max_length=16)
    batas = models.DateField(_("deadline"))
    dasar_hukum = models.CharField(_("legal basis"), max_length=300, blank=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document deadline")
        verbose_name_plural = _("document deadlines")
        ordering = ["pemda", "tahun", "dokumen"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun", "dokumen"],
                                    name="batas_dokumen_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.tahun} {self.dokumen}: {self.batas}"


class Pemberitahuan(models.Model):
    """A notice to a user about one document of an OPD: a reminder before its deadline, a
    late notice, a quarter submitted (to the verifikator) or returned (to the operator).
    ``terkirim_pada`` is empty while it waits for the user's daily digest. A reminder and a
    late notice are recorded once per user, document and kind: that is what keeps the daily
    sender from sending them twice."""

    class Jenis(models.TextChoices):
        PENGINGAT = "pengingat", _("reminder")
        TERLAMBAT = "terlambat", _("late")
        DIAJUKAN = "diajukan", _("submitted")
        DIKEMBALIKAN = "dikembalikan", _("returned")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="pemberitahuan")
    perangkat_daerah = models.ForeignKey("organizations.PerangkatDaerah",
                                         on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("year"))
    dokumen = models.CharField(_("document"), max_length=16)
    jenis = models.CharField(_("kind"), max_length=16, choices=Jenis.choices)
    catatan = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    terkirim_pada = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["user", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "perangkat_daerah", "tahun", "dokumen", "jenis"],
                condition=models.Q(jenis__in=["pengingat", "terlambat"]),
                name="pemberitahuan_once_per_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.perangkat_daerah} {self.tahun} {self.dokumen} {self.jenis}"
