"""What people say about reviu findings. Findings themselves are computed on demand and never
stored as truth; an explanation is kept (and audited) and applies while the finding's
fingerprint — its rule, object and values — stays the same."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.organizations.models import PerangkatDaerah


class Penjelasan(models.Model):
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE,
                                         related_name="penjelasan_reviu")
    tahun = models.PositiveSmallIntegerField(_("year"))
    sidik_jari = models.CharField(_("fingerprint"), max_length=40, db_index=True)
    code = models.CharField(_("rule"), max_length=16)
    lokasi_kunci = models.CharField(_("location key"), max_length=500)
    diharapkan = models.CharField(_("expected"), max_length=200, blank=True)
    ditemukan = models.CharField(_("found"), max_length=200, blank=True)
    catatan = models.TextField(_("explanation"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    dicabut_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    dicabut_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("finding explanation")
        verbose_name_plural = _("finding explanations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.code} {self.lokasi_kunci}: {self.catatan[:60]}"
