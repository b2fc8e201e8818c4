from django.urls import path

from . import statistics_views, views

app_name = "reports"

urlpatterns = [
    path("reports/costs/", views.costs, name="costs"),
    path("reports/costs/export/", views.costs_export, name="costs_export"),
    path("reports/caseload/", views.caseload, name="caseload"),
    path("reports/statistics/", statistics_views.statistics, name="statistics"),
    path(
        "reports/statistics/export/", statistics_views.statistics_export, name="statistics_export"
    ),
    path("reports/statistics/pdf/", statistics_views.statistics_pdf, name="statistics_pdf"),
    path(
        "reports/statistics/sector/", statistics_views.statistics_sector, name="statistics_sector"
    ),
]
