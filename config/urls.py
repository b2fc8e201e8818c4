"""The site's URLs. Each app brings its own `urls.py`; this file mounts them.

`/` is each person's start (the worklist, the employee's own case, the physician's caseload, the
arbodienst administrator's counts) and the public home page for visitors; the home page is also at
`/about/`.
"""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path

from openverzuim.accounts.http import signed_in
from openverzuim.accounts.policies import roles_of
from openverzuim.accounts.roles import Role
from openverzuim.cases import views as cases_views
from openverzuim.core import views as core_views
from openverzuim.reminders import views as reminders_views

#: Roles whose start page is the worklist of the cases they work on.
EMPLOYER_SIDE = (
    Role.EMPLOYER_ADMIN,
    Role.CASE_MANAGER,
    Role.LINE_MANAGER,
    Role.REINTEGRATION_CONSULTANT,
)


def front_page(request: HttpRequest) -> HttpResponse:
    """Each person's own start: the employer's worklist, the employee's case, the physician's
    caseload, the arbodienst administrator's counts (the policy gives them no case to work on);
    the public home page for visitors."""
    if not signed_in(request):
        return core_views.home(request)
    roles = roles_of(request.user)
    if roles and not roles & set(EMPLOYER_SIDE):
        if Role.OCCUPATIONAL_PHYSICIAN in roles:
            return redirect("medical:caseload")
        if Role.ARBODIENST_ADMIN in roles:
            return redirect("reports:caseload")
        if Role.EMPLOYEE in roles:
            return redirect("portal:my_case")
    return cases_views.worklist(request)


urlpatterns = [
    path("", front_page, name="front_page"),
    path("healthz", core_views.healthz, name="healthz"),
    path(
        "i18n/", include("django.conf.urls.i18n")
    ),  # set_language: the language switcher posts here
    path("accounts/", include("openverzuim.accounts.urls")),  # login, logout
    path("admin/", admin.site.urls),
    path("", include("openverzuim.core.urls")),
    path("", include("openverzuim.cases.urls")),
    path("medical/", include("openverzuim.medical.urls")),
    path("documents/", include("openverzuim.documents.urls")),
    path("measures/", include("openverzuim.measures.urls")),
    path("reminders/", include("openverzuim.reminders.urls")),
    path("notifications/", include("openverzuim.notifications.urls")),
    # Calendar links handed out before the reminders app had its own address keep working.
    path(
        "signals/calendar/<str:token>.ics",
        reminders_views.calendar_feed,
        name="signals_calendar_feed",
    ),
    path("guide/", include("openverzuim.guide.urls")),
    path("", include("openverzuim.reports.urls")),
    path("", include("openverzuim.portal.urls")),
    path("api/", include("openverzuim.api.urls")),
    path("settings/api-keys/", include("openverzuim.api.page_urls")),
    path("my/api-keys/", include("openverzuim.api.own_key_urls")),
    path("settings/export/", include("openverzuim.api.export_urls")),
    path("settings/webhooks/", include("openverzuim.api.webhook_urls")),
]
