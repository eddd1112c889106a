from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluasiConfig(AppConfig):
    name = "akuntabel.evaluasi"
    verbose_name = _("AKIP evaluation")
