"""Routes of the cases app (format: openverzuim/core/access.py)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.access import access

ROUTES = {
    "cases:reintegration_cost_new": access("case", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER,
                                           note="adds a known re-integration cost (issue 7)"),
}
