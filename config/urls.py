"""The site's URLs. Each app brings its own `urls.py`; this file mounts them.

`/` is the employer's worklist for a logged-in user and the public home page for everyone else; the
home page is also at `/about/`.
"""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from openverzuim.cases import views as cases_views
from openverzuim.core import views as core_views


def front_page(request: HttpRequest) -> HttpResponse:
    view = cases_views.worklist if request.user.is_authenticated else core_views.home
    return view(request)


urlpatterns = [
    path("", front_page, name="front_page"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language switcher posts here
    path("accounts/", include("openverzuim.accounts.urls")),  # login, logout
    path("admin/", admin.site.urls),
    path("", include("openverzuim.core.urls")),
    path("", include("openverzuim.cases.urls")),
    path("medical/", include("openverzuim.medical.urls")),
    path("documents/", include("openverzuim.documents.urls")),
    path("signals/", include("openverzuim.signals.urls")),
    path("guide/", include("openverzuim.guide.urls")),
    path("", include("openverzuim.reports.urls")),
    path("", include("openverzuim.portal.urls")),
]
