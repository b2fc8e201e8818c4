from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """What happened that a person should know: in the app, by e-mail at once or in the digest."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import retention, routes

        register_modules(self.label, routes=routes, retention=retention)
