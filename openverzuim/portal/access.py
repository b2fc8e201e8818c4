from openverzuim.accounts.roles import Role
from openverzuim.core.access import access

ROUTES = {
    "portal:my_case": access("own", Role.EMPLOYEE),
    "portal:report_sick": access("own", Role.EMPLOYEE),
    "portal:report_recovered": access("own", Role.EMPLOYEE),
    "portal:my_pay": access("own", Role.EMPLOYEE),
}
