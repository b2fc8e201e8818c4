from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """Plain-language help: knowledge pages, the small employer's checklist, the first-sick-day wizard."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.guide"
    label = "guide"
    verbose_name = _("Guide")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import routes

        register_modules(self.label, routes=routes)
