"""The change history: who changed which value of which object, when, from what to what, and
through what (an import, a form). Written by every path that changes data; never edited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.organizations.models import Pemda, PerangkatDaerah


class Perubahan(models.Model):
    # The OPD whose data changed; or, for a change that concerns no one OPD (an account, a
    # pemda-wide role), the pemda.
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, null=True,
                                         blank=True, related_name="perubahan")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="perubahan")
    model = models.CharField(_("kind of object"), max_length=60)
    objek_id = models.PositiveBigIntegerField(_("object id"))
    objek = models.CharField(_("object"), max_length=500)
    kolom = models.CharField(_("field"), max_length=100)
    lama = models.TextField(_("old value"), blank=True)
    baru = models.TextField(_("new value"), blank=True)
    sumber = models.CharField(_("through"), max_length=300)
    alasan = models.TextField(_("reason"), blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    # Who made the change as named when it was recorded: kept when the account is deleted.
    oleh_nama = models.CharField(_("by (name)"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["model", "objek_id"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(perangkat_daerah__isnull=False)
                                   | models.Q(pemda__isnull=False),
                                   name="perubahan_has_opd_or_pemda"),
        ]

    def __str__(self) -> str:
        return f"{self.objek} · {self.kolom}: {self.lama} → {self.baru}"
