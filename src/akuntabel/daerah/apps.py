from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DaerahConfig(AppConfig):
    name = "akuntabel.daerah"
    verbose_name = _("Pemda level (IKU of the pemda)")
