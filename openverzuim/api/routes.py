"""Route declarations of the API (core/routes.py explains the format).

The resources are declared "api": no session reaches them, only a key, whose role the policy table
judges in every view's queryset (docs/api.md). The OpenAPI document and its reference are public:
the contract is open. The key settings page is the organisation administrator's; the employee's
personal keys are on a page of her own.
"""

from openverzuim.accounts.policies import grants
from openverzuim.core.routes import access

_key = access("api", note="an API key; the policy table decides in the view's queryset")

#: The router's route names (api/urls.py): each resource's list and detail, and its actions.
RESOURCES = (
    "organisation-list",
    "organisation-detail",
    "department-list",
    "department-detail",
    "user-list",
    "user-detail",
    "user-roles",
    "user-role",
    "employee-list",
    "employee-detail",
    "employee-employments",
    "employee-invitation",
    "case-list",
    "case-detail",
    "case-recovery",
    "case-events",
    "case-timeline",
    "case-advice",
    "case-documents",
    "case-wage-measures",
    "case-expert-opinions",
    "case-tasks",
    "case-uploads",
    "case-leave",
    "case-notes",
    "case-resumptions",
    "case-upload-file",
    "document-detail",
    "document-pdf",
    "duty-list",
    "not-found",
)

ROUTES = {
    "api:schema": access("public", note="the OpenAPI document, without any data"),
    "api:docs": access("public", note="the reference page of the OpenAPI document"),
    **{f"api:{name}": _key for name in RESOURCES},
    "apikeys:list": access(
        "organisation",
        *grants("manage_api_keys"),
        action="manage_api_keys",
        note="the organisation's keys: create (shown once) and revoke",
    ),
    "ownkeys:list": access(
        "own",
        *grants("own_api_key"),
        action="own_api_key",
        note="the employee's personal keys, each acting as her own login: create (shown once,"
        " after a fresh login) and revoke; refused to a login with any other role",
    ),
    **dict.fromkeys(
        ("orgexport:list", "orgexport:status", "orgexport:download"),
        access(
            "organisation",
            *grants("export_all"),
            action="export_all",
            note="the whole-organisation export: asked for after re-authentication, its progress,"
            " its download for EXPORT_HOURS; another organisation's is a 404",
        ),
    ),
    "webhooks:list": access(
        "organisation",
        *grants("manage_webhooks"),
        action="manage_webhooks",
        note="the organisation's webhook endpoints: add one (its secret shown once)",
    ),
    "webhooks:endpoint": access(
        "organisation",
        *grants("manage_webhooks"),
        action="manage_webhooks",
        note="one endpoint of the organisation (else 404): change, rotate, test, disable, log",
    ),
}
