from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedicalConfig(AppConfig):
    """The occupational physician's vault: its own database alias; no employer role can read it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.medical"
    label = "medical"
    verbose_name = _("Medical vault")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import access_request, crypto, retention, routes

        register_modules(
            self.label, routes=routes, retention=retention, access_request=access_request
        )
        crypto.cipher()  # a malformed MEDICAL_ENCRYPTION_KEY stops the start, naming the variable
