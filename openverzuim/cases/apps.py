from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.cases"
    label = "cases"
    verbose_name = _("Sickness dossiers")

    def ready(self) -> None:
        from openverzuim.core.access import register_modules

        from . import access, retention

        register_modules(self.label, access=access, retention=retention)
