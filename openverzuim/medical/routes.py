"""The vault's routes: the occupational physician only, for the cases they serve (views.vault_view
adds the verified second factor; every other logged-in user gets a 404). And the employee's own
medical file: only their own, after a verified second factor (views.own_file_view)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.routes import access

_PHYSICIAN = access("medical", Role.OCCUPATIONAL_PHYSICIAN)
_OWN_FILE = access(
    "own",
    Role.EMPLOYEE,
    action="export",
    note="the employee's own medical file, after a verified second factor",
)

ROUTES = {
    "medical:caseload": _PHYSICIAN,
    "medical:case": _PHYSICIAN,
    "medical:note_new": _PHYSICIAN,
    "medical:analysis_new": _PHYSICIAN,
    "medical:diagnosis_new": _PHYSICIAN,
    "medical:correspondence_new": _PHYSICIAN,
    "medical:correspondence_file": _PHYSICIAN,
    "medical:release_new": _PHYSICIAN,
    "medical:own_file": _OWN_FILE,
    "medical:own_file_json": _OWN_FILE,
    "medical:own_letter": _OWN_FILE,
}
