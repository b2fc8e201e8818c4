"""signals 0001 names this module's `new_token` as the calendar token's default; the function is the
reminders app's now (reminders.models), and this name keeps that migration loadable."""

from openverzuim.reminders.models import new_token

__all__ = ["new_token"]
