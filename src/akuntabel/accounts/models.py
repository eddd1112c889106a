"""Who may do what: membership of a pemda or of one perangkat daerah, with a role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.organizations.models import Pemda, PerangkatDaerah


class Peran(models.TextChoices):
    ADMIN_PEMDA = "admin_pemda", _("Regional administrator")
    OPERATOR_OPD = "operator_opd", _("Agency operator")
    KEPALA_OPD = "kepala_opd", _("Head of agency")
    VERIFIKATOR = "verifikator", _("Verifier (Bappeda)")
    REVIEWER = "reviewer", _("Reviewer (Inspektorat)")


# Roles that act on the whole pemda rather than one perangkat daerah.
PEMDA_WIDE = (Peran.ADMIN_PEMDA, Peran.VERIFIKATOR, Peran.REVIEWER)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="memberships")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, null=True,
                                         blank=True, related_name="memberships")
    peran = models.CharField(_("role"), max_length=16, choices=Peran.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "pemda", "peran"],
                                    condition=models.Q(perangkat_daerah__isnull=True),
                                    name="membership_unique_pemda_role"),
            models.UniqueConstraint(fields=["user", "perangkat_daerah", "peran"],
                                    condition=models.Q(perangkat_daerah__isnull=False),
                                    name="membership_unique_opd_role"),
            models.CheckConstraint(
                condition=models.Q(peran__in=[p.value for p in PEMDA_WIDE])
                | models.Q(perangkat_daerah__isnull=False),
                name="membership_opd_role_needs_opd",
            ),
        ]

    def __str__(self) -> str:
        where = self.perangkat_daerah or self.pemda
        return f"{self.user} — {self.get_peran_display()} — {where}"


class SecurityEvent(models.Model):
    """One login attempt (successful, failed, or refused while its name and address wait) or
    one access denial (403/404 to a logged-in user), for the security log an administrator
    reads. ``username`` is the name typed (or the user's), kept when the user is deleted."""

    class Kind(models.TextChoices):
        LOGIN_OK = "login_ok", _("Login succeeded")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOGIN_REFUSED = "login_refused", _("Login refused (too many failures)")
        DENIED = "denied", _("Access denied")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    username = models.CharField(_("user name"), max_length=150, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    ip = models.CharField(_("address"), max_length=45, blank=True)
    path = models.CharField(_("page"), max_length=500, blank=True)
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.kind} {self.username} {self.ip}"


class PreferensiNotifikasi(models.Model):
    """How a user wants the notices of the reporting calendar (``reporting.notifikasi``):
    each as its own e-mail (no row, the default) or gathered in one daily digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="preferensi_notifikasi")
    ringkasan_harian = models.BooleanField(_("daily digest"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {'ringkasan harian' if self.ringkasan_harian else 'satu per satu'}"
