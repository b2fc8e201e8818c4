"""Route declarations of the employer's pages (core/access.py explains the format).

Line managers and re-integration consultants see the worklist and case list of the cases the policy
gives them (the reduced view); the case page shows contact details and notes, so it stays with the
roles whose policy grants "view_details".
"""

from openverzuim.accounts.roles import Role
from openverzuim.core.access import access

EA, CM, LM, RC = (Role.EMPLOYER_ADMIN, Role.CASE_MANAGER, Role.LINE_MANAGER,
                  Role.REINTEGRATION_CONSULTANT)

_change = access("case", EA, CM, action="change")

ROUTES = {
    "cases:worklist": access("case", EA, CM, LM, RC),
    "cases:list": access("case", EA, CM, LM, RC),
    "cases:sick_report": access("organisation", EA, CM, action="change"),
    "cases:detail": access("case", EA, CM, action="view_details"),
    "cases:recovery": _change,
    "cases:resumption": _change,
    "cases:event_new": _change,
    "cases:event_correct": _change,
    "cases:event_withdraw": _change,
    "cases:close": _change,
    "cases:employees": access("organisation", EA, CM),
    "cases:employee_new": access("organisation", EA, action="change"),
    "cases:employee_edit": access("organisation", EA, action="change"),
    "cases:employee_invite": access("organisation", EA, action="change"),
    "cases:employment_new": access("organisation", EA, action="change"),
    "cases:reintegration_cost_new": _change,
}
