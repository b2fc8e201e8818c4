"""Routes of the reports app (format: openverzuim/core/access.py)."""

from openverzuim.accounts.roles import Role
from openverzuim.core.access import access

ROUTES = {
    "reports:costs": access("organisation", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER,
                            note="wages paid without work and re-integration costs of the cases "
                                 "the user may see"),
}
