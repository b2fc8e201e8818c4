"""Route declarations of the reports (core/access.py explains the format)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.access import access

ROUTES = {
    "reports:costs": access("organisation", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
}
