"""Who may open the documents routes (see core/routes.py). Which case and which party is decided
per object by documents/policies.py: the employer side, the employee herself (only her own case) and
the physician of the arbodienst that serves the employer."""

from openverzuim.accounts.roles import Role
from openverzuim.core.routes import access

_PARTIES = (Role.EMPLOYER_ADMIN, Role.CASE_MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_PHYSICIAN)
_NOTE = "employee: only her own case; physician: cases of employers the arbodienst serves"

ROUTES = {
    "documents:mine": access("own", Role.EMPLOYEE),
    "documents:case": access("case", *_PARTIES, note=_NOTE),
    "documents:new": access("case", *_PARTIES, note=_NOTE + "; only the type's author"),
    "documents:detail": access("case", *_PARTIES, note=_NOTE),
    "documents:edit": access("case", *_PARTIES, note=_NOTE + "; only the type's author"),
    "documents:sign": access("case", *_PARTIES, note=_NOTE + "; only a party still to sign"),
    "documents:pdf": access("case", *_PARTIES, note=_NOTE),
    "documents:copy": access("case", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
    "documents:report": access("case", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
    "documents:bundle": access("case", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
    # files from outside: added and downloaded by the employer side only, never from the vault
    "documents:upload": access("case", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER, action="change"),
    "documents:upload_file": access(
        "case", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER, action="view_details"
    ),
}
