"""The vault's routes: the occupational physician only, for the cases they serve (views.vault_view
adds the verified second factor; every other logged-in user gets a 404)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.access import access

_PHYSICIAN = access("medical", Role.OCCUPATIONAL_PHYSICIAN)

ROUTES = {
    "medical:caseload": _PHYSICIAN,
    "medical:case": _PHYSICIAN,
    "medical:note_new": _PHYSICIAN,
    "medical:analysis_new": _PHYSICIAN,
    "medical:diagnosis_new": _PHYSICIAN,
    "medical:correspondence_new": _PHYSICIAN,
    "medical:correspondence_file": _PHYSICIAN,
    "medical:release_new": _PHYSICIAN,
}
