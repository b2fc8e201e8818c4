"""Who may open which measures route (format: openverzuim/core/routes.py)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.routes import access

EMPLOYER_SIDE = (Role.EMPLOYER_ADMIN, Role.CASE_MANAGER)

ROUTES = {
    "measures:case": access("case", *EMPLOYER_SIDE),
    "measures:path": access("case", *EMPLOYER_SIDE),
    "measures:measure_new": access("case", *EMPLOYER_SIDE),
    "measures:measure_letter": access("case", *EMPLOYER_SIDE),
    "measures:warning_letter": access("case", *EMPLOYER_SIDE),
    "measures:opinion_new": access("case", *EMPLOYER_SIDE),
    "measures:opinion_outcome": access("case", *EMPLOYER_SIDE),
    "measures:risks": access("case", *EMPLOYER_SIDE, note="lists only the cases the user may see"),
    "measures:my_path": access(
        "own", Role.EMPLOYEE, note="steps recorded here stay with the employee"
    ),
}
