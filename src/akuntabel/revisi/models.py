"""One counter per scope of data (akuntabel.revisi)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SEMUA = "*"  # the installation: reference lists, and any write no service attributed


def kunci_pemda(pemda_id: int) -> str:
    return f"p{pemda_id}"


def kunci_opd(opd_id: int) -> str:
    return f"o{opd_id}"


class Revisi(models.Model):
    """The revision of one scope: ``*`` (everything), ``p<pemda pk>`` (the pemda's own data:
    RPJMD, IKU, its PK, rating scale, deadlines) or ``o<OPD pk>`` (an OPD's plans, targets,
    realisasi, budget, narratives, reporting states). A plain key rather than foreign keys: a
    counter outlives nothing it could be deleted with, and a deleted OPD's number is never
    reused by another."""

    kunci = models.CharField(_("scope"), max_length=32, unique=True)
    # The pemda of an OPD's row, so that a pemda-wide document sums its OPD's revisions in one
    # query (revisi_pemda); empty for the other rows.
    pemda_id = models.BigIntegerField(_("pemda"), null=True, db_index=True)
    nomor = models.PositiveBigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("data revision")
        verbose_name_plural = _("data revisions")

    def __str__(self) -> str:
        return f"{self.kunci}@{self.nomor}"
