from openverzuim.accounts.roles import Role
from openverzuim.core.routes import access

ROUTES = {
    "guide:index": access("public"),
    "guide:topic": access("public"),
    "guide:this_week": access("organisation", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
    "guide:first_day": access("organisation", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
    "guide:first_day_step": access("case", Role.EMPLOYER_ADMIN, Role.CASE_MANAGER),
}
