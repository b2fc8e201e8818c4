from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.portal"
    label = "portal"
    verbose_name = _("Employee portal")

    def ready(self) -> None:
        from openverzuim.core.access import register_modules

        from . import access, access_request

        register_modules(self.label, access=access, access_request=access_request)
