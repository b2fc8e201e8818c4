from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    """Due and overdue work, digests, calendar feeds. Never Django's signal framework (style.md §2.1)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.signals"
    label = "signals"
    verbose_name = _("Signals")

    def ready(self) -> None:
        # Registers the gatekeeper assessment's stall as a stagnation detector (stagnation.py's seam).
        from . import assessment  # noqa: F401
