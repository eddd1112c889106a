"""API tokens: one per integration, per user, created and revoked by the user (/akun/token/).

Only a hash of the secret is stored; the secret is shown once, when the token is created.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenApi(models.Model):
    class Lingkup(models.TextChoices):
        BACA = "baca", _("read")
        TULIS = "tulis", _("read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="token_api")
    nama = models.CharField(_("name"), max_length=100)
    awalan = models.CharField(_("prefix"), max_length=16)  # shown to tell tokens apart
    hash = models.CharField(max_length=64, unique=True)     # sha256 of the secret, hex
    lingkup = models.CharField(_("scope"), max_length=8, choices=Lingkup.choices,
                               default=Lingkup.BACA)
    perangkat_daerah = models.ForeignKey("organizations.PerangkatDaerah", null=True, blank=True,
                                         on_delete=models.CASCADE, related_name="+",
                                         verbose_name=_("limited to perangkat daerah"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    digunakan_at = models.DateTimeField(_("last used"), null=True, blank=True)
    dicabut_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awalan}…)"
