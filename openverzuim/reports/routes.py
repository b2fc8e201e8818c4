"""Route declarations of the reports (core/routes.py explains the format).

The caseload counts cases per employer and case manager for those the policy grants "caseload":
the employer administrator (own organisation) and the arbodienst administrator (the employers the
arbodienst serves). Counts only, so no medical role is needed and none is named. The absence
statistics (page, exports, PDF) go to the same two roles through the "statistics" action: sums of
days, never a name."""

from openverzuim.accounts.roles import Role
from openverzuim.core.routes import access

ROUTES = {
    # the page and its table as CSV/XLSX (reports.views.costs_export): the same figures, same users
    **dict.fromkeys(
        ("reports:costs", "reports:costs_export"),
        access("organisation", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
    ),
    "reports:caseload": access(
        "organisation", Role.EMPLOYER_ADMIN, Role.ARBODIENST_ADMIN, action="caseload"
    ),
    **{
        name: access(
            "organisation", Role.EMPLOYER_ADMIN, Role.ARBODIENST_ADMIN, action="statistics"
        )
        for name in ("reports:statistics", "reports:statistics_export", "reports:statistics_pdf")
    },
    # the sector (SBI section) the statistics are compared with: a setting of the employer
    "reports:statistics_sector": access(
        "organisation", Role.EMPLOYER_ADMIN, Role.ARBODIENST_ADMIN, action="choose_sector"
    ),
}
