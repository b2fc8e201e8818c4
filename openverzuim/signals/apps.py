from django.apps import AppConfig


class SignalsHistoryConfig(AppConfig):
    """Only the migrations that created and then moved the former signals tables (see __init__)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "openverzuim.signals"
    label = "signals"
    verbose_name = "signals (migration history)"
