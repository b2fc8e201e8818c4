from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from openverzuim.core.routes import register_modules

        from . import access_request, retention, routes
        from .reauth import stamp_login

        register_modules(
            self.label, routes=routes, retention=retention, access_request=access_request
        )
        user_logged_in.connect(stamp_login, dispatch_uid="openverzuim.accounts.reauth")
