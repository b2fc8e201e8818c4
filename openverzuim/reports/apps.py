from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import routes

        register_modules(self.label, routes=routes)
