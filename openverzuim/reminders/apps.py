from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """What is due, brought to the user: the daily digest, the private calendar feed and its agenda."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.reminders"
    label = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import routes

        register_modules(self.label, routes=routes)
