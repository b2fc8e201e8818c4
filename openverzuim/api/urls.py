"""/api/v1/: the resources (a DRF router), the OpenAPI document and its reference page."""

from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import dossier_views, views

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("users", views.UserViewSet, basename="user")
router.register("employees", views.EmployeeViewSet, basename="employee")
router.register("cases", views.CaseViewSet, basename="case")
router.register("duties", views.DutyViewSet, basename="duty")
router.register("documents", dossier_views.DocumentViewSet, basename="document")

app_name = "api"
# Not cached: DRF replaces the session's user with its own (anonymous here), so the private-cache
# middleware could not tell a logged-in reader; the document is small and changes with releases.
urlpatterns = [
    path("v1/schema/", never_cache(SpectacularAPIView.as_view()), name="schema"),
    path(
        "v1/docs/",
        never_cache(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    path("v1/", include(router.urls)),
    # Any other address under the API: a problem document, not the site's HTML page.
    re_path(r"^v1/", views.not_found, name="not-found"),
]
