from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    """Risks and escalation of a case: wage measures, expert opinions, escalation paths, letters,
    dismissal checks, stagnation and the gatekeeper assessment's findings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.measures"
    label = "measures"
    verbose_name = _("Measures")

    def ready(self) -> None:
        from openverzuim.core.routes import register_modules

        from . import assessment, routes, stagnation

        register_modules(self.label, routes=routes)
        # Every stagnation detector (stagnation.py's seam), in the order their stalls are listed.
        stagnation.register(stagnation.follow_ups_overdue)
        stagnation.register(assessment.assessment_stalls)
