from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.portal"
    label = "portal"
    verbose_name = _("Employee portal")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import access_request, routes

        register_modules(self.label, routes=routes, access_request=access_request)
