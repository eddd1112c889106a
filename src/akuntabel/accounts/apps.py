from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "akuntabel.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from akuntabel.accounts import dua_faktor, session_limits

        user_logged_in.connect(session_limits.start, dispatch_uid="akuntabel-session-start")
        user_logged_in.connect(dua_faktor.start, dispatch_uid="akuntabel-dua-faktor-start")
