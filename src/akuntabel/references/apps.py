from typing import Any

from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ReferencesConfig(AppConfig):
    name = "akuntabel.references"
    verbose_name = _("Reference lists")

    def ready(self) -> None:
        pre_save.connect(_renstra_edisi, sender="plans.Renstra",
                         dispatch_uid="references_renstra_edisi")


def _renstra_edisi(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A new Renstra keeps the code list edition its pemda plans with at its creation, whoever
    creates it (the editor, a dataset, the import, the Django admin)."""
    if raw or not instance._state.adding or instance.edisi_referensi_id is not None:
        return
    from akuntabel.references.services import edisi_pemda

    instance.edisi_referensi = edisi_pemda(instance.perangkat_daerah.pemda)
