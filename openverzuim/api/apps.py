from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import retention, routes, subscribers

        register_modules(self.label, routes=routes, retention=retention, subscribers=subscribers)
