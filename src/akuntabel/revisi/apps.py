from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisiConfig(AppConfig):
    name = "akuntabel.revisi"
    verbose_name = _("Data revisions")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from akuntabel.revisi.jaring import pasang

        connection_created.connect(pasang, dispatch_uid="akuntabel-revisi-jaring")
        from django.db import connections

        for conn in connections.all(initialized_only=True):
            pasang(None, conn)
