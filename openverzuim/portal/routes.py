"""Route declarations of the employee's pages (core/routes.py explains the format)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.routes import access

_own = access("own", Role.EMPLOYEE, action="export")

ROUTES = {
    "portal:my_case": access("own", Role.EMPLOYEE),
    "portal:report_sick": access("own", Role.EMPLOYEE),
    "portal:report_recovered": access("own", Role.EMPLOYEE),
    "portal:my_pay": access("authenticated", note="shows only the user's own cases"),
    "portal:who_viewed": access("own", Role.EMPLOYEE),
    "portal:my_data": _own,
    "portal:my_data_json": _own,
    "portal:my_data_pdf": _own,
}
