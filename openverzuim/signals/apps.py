from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    """Due and overdue work, digests, calendar feeds. Never Django's signal framework (style.md §2.1)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.signals"
    label = "signals"
    verbose_name = _("Signals")

    def ready(self) -> None:
        from openverzuim.core.access import register_modules

        from . import access, assessment, stagnation

        register_modules(self.label, access=access)
        # Every stagnation detector (stagnation.py's seam), in the order their stalls are listed.
        stagnation.register(stagnation.follow_ups_overdue)
        stagnation.register(assessment.assessment_stalls)
