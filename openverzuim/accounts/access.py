"""Route declarations of the account pages (core/access.py explains the format)."""

from openverzuim.core.access import access

from .policies import grants

ROUTES = {
    "login": access("public"),
    "logout": access("public"),
    "accounts:two_factor_setup": access("authenticated"),
    "accounts:two_factor_verify": access("authenticated"),
    "accounts:reauthenticate": access("authenticated", note="the password again, for the user's own session"),
    "accounts:invitation_accept": access("public", note="a signed, expiring, one-time link"),
    "accounts:invite": access("organisation", *grants("grant_role"), action="grant_role"),
    "accounts:audit_log": access("organisation", *grants("audit_log"), action="audit_log"),
}
