from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """What is due, brought to the user: the daily digest, the private calendar feed and its agenda."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.reminders"
    label = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from openverzuim.core.access import register_modules

        from . import access

        register_modules(self.label, access=access)
