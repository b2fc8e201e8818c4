from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/costs/", views.costs, name="costs"),
    path("reports/caseload/", views.caseload, name="caseload"),
]
