"""Who may open which signals route (format: openverzuim/core/access.py)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.access import access

EMPLOYER_SIDE = (Role.EMPLOYER_ADMIN, Role.CASE_MANAGER)

ROUTES = {
    "signals:case": access("case", *EMPLOYER_SIDE),
    "signals:path": access("case", *EMPLOYER_SIDE),
    "signals:measure_new": access("case", *EMPLOYER_SIDE),
    "signals:measure_letter": access("case", *EMPLOYER_SIDE),
    "signals:warning_letter": access("case", *EMPLOYER_SIDE),
    "signals:opinion_new": access("case", *EMPLOYER_SIDE),
    "signals:opinion_outcome": access("case", *EMPLOYER_SIDE),
    "signals:risks": access("case", *EMPLOYER_SIDE, note="lists only the cases the user may see"),
    "signals:my_path": access("own", Role.EMPLOYEE, note="steps recorded here stay with the employee"),
    "signals:calendar": access("authenticated"),
    "signals:calendar_change": access("authenticated"),
    "signals:calendar_feed": access("public", note="the private token in the address is the credential"),
}
