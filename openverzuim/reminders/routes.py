"""Who may open which reminders route (format: openverzuim/core/routes.py)."""

from openverzuim.core.routes import access

ROUTES = {
    "reminders:calendar": access("authenticated"),
    "reminders:calendar_change": access("authenticated"),
    "reminders:calendar_feed": access(
        "public", note="the private token in the address is the credential"
    ),
    # The links handed out before the reminders app had its own address keep working.
    "signals_calendar_feed": access(
        "public", note="the private token in the address is the credential"
    ),
}
