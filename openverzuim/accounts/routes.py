"""Route declarations of the account pages (core/routes.py explains the format)."""

from openverzuim.core.routes import access

from .policies import grants

ROUTES = {
    "login": access("public"),
    "logout": access("public"),
    "accounts:two_factor_setup": access(
        "authenticated",
        action="enrol_device",
        note="the user's own login; with an authenticator only after verifying it",
    ),
    "accounts:two_factor_verify": access("authenticated"),
    "accounts:recovery_codes": access(
        "authenticated",
        action="enrol_device",
        note="the user's own recovery codes, after verifying",
    ),
    "accounts:security": access("authenticated", note="the user's own login"),
    "accounts:password_change": access("authenticated", note="the current password first"),
    "accounts:password_change_done": access("authenticated"),
    "accounts:password_reset": access("public", note="throttled; the same answer for any address"),
    "accounts:password_reset_done": access("public"),
    "accounts:password_reset_confirm": access("public", note="a signed, expiring, one-time link"),
    "accounts:password_reset_complete": access("public"),
    "accounts:reauthenticate": access(
        "authenticated", note="the password again, for the user's own session"
    ),
    "accounts:invitation_accept": access("public", note="a signed, expiring, one-time link"),
    "accounts:invite": access("organisation", *grants("grant_role"), action="grant_role"),
    "accounts:client_new": access(
        "organisation", *grants("onboard_client"), action="onboard_client"
    ),
    "accounts:audit_log": access("organisation", *grants("audit_log"), action="audit_log"),
    "accounts:arbodienst": access(
        "organisation",
        *grants("choose_arbodienst"),
        action="choose_arbodienst",
        note="only the organisations the user holds the action in",
    ),
}
