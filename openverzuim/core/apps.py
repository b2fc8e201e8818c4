from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site's frame: base template, home page, health check."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import routes

        routes.register_modules(self.label, routes=routes)
