"""Route declarations of the employer's pages (core/routes.py explains the format).

Line managers and re-integration consultants reach the cases the policy gives them "view" on: the
worklist, the case list and the case page, which shows them its reduced form (no pay, notes or
history); the full page needs "view_details" on the case (cases/views.py: case_detail).
"""

from openverzuim.accounts.policies import grants
from openverzuim.accounts.roles import Role
from openverzuim.core.routes import access

EA, CM, LM, RC = (
    Role.EMPLOYER_ADMIN,
    Role.CASE_MANAGER,
    Role.LINE_MANAGER,
    Role.REINTEGRATION_CONSULTANT,
)

_change = access("case", EA, CM, action="change")

ROUTES = {
    "cases:worklist": access("case", EA, CM, LM, RC),
    "cases:worklist_later": access("case", EA, CM, LM, RC),
    "cases:list": access("case", EA, CM, LM, RC),
    # the case list and the worklist as CSV/XLSX (cases/exports.py): the rows the page shows
    **dict.fromkeys(
        ("cases:list_export", "cases:worklist_export"),
        access("organisation", *grants("export_lists"), action="export_lists"),
    ),
    "cases:sick_report": access("organisation", EA, CM, action="change"),
    "cases:detail": access(
        "case", EA, CM, LM, RC, note="the full page with view_details, else the reduced view"
    ),
    "cases:recovery": _change,
    "cases:resumption": _change,
    "cases:event_new": _change,
    "cases:event_correct": _change,
    "cases:event_withdraw": _change,
    "cases:close": _change,
    # UWV's decisions and the WAZO leave (cases/uwv): facts the engine reads
    **dict.fromkeys(
        (
            "cases:uwv_sanction",
            "cases:uwv_repair",
            "cases:uwv_extension",
            "cases:leave_new",
            "cases:leave_remove",
        ),
        _change,
    ),
    # the reports to UWV prefilled, page and PDF (cases/uwv/reports.py): they carry the BSN and
    # the address, so only those who may change the case; sending is the milestone's event
    **{
        f"cases:uwv_{slug}{suffix}": _change
        for slug in ("week42", "safety_net", "employment_end")
        for suffix in ("", "_pdf")
    },
    "cases:employees": access("organisation", EA, CM),
    "cases:employee_new": access("organisation", EA, action="change"),
    "cases:employee_edit": access("organisation", EA, action="change"),
    "cases:employee_invite": access("organisation", *grants("link_login"), action="link_login"),
    "cases:invitation_accept": access(
        "public",
        note="a one-time link sent to the address on the "
        "employee record; accepting it links the login",
    ),
    # the payroll import (docs/import.md); the run is named by ?job= and scoped by its selector
    **dict.fromkeys(
        (
            "cases:employee_import",
            "cases:employee_import_mapping",
            "cases:employee_import_status",
            "cases:employee_import_progress",
        ),
        access("organisation", *grants("import_employees"), action="import_employees"),
    ),
    "cases:employment_new": access("organisation", EA, action="change"),
    # pregnancy and maternity leave outside a case: the statistics' available days (reports)
    "cases:employee_leave_new": access("organisation", EA, action="change"),
    "cases:employee_leave_remove": access("organisation", EA, action="change"),
    "cases:reintegration_cost_new": _change,
    # who works on a case (cases.assignment); the bulk action scopes the ticked cases by "assign"
    "cases:assign": access("case", *grants("assign"), action="assign"),
    "cases:assign_bulk": access(
        "organisation",
        *grants("assign"),
        action="assign",
        note="POST only: the ticked cases are scoped by the assign policy",
    ),
    # tasks and follow-ups (cases.tasks): whoever may work on the case
    "cases:task_new": _change,
    "cases:task": _change,
}
