from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Plan of action, evaluations, the re-integration report and letters: versions, signatures, PDF."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from openverzuim.accounts.audit_words import register_nouns
        from openverzuim.core.routes import register_modules

        from . import routes
        from .types import TYPES

        register_modules(self.label, routes=routes)
        register_nouns({code: spec.title for code, spec in TYPES.items()})
