from django.urls import path

from . import export_pages

app_name = "orgexport"
urlpatterns = [
    path("", export_pages.export_all, name="list"),
    path("<int:run_id>/status/", export_pages.export_status, name="status"),
    path("<int:run_id>/download/", export_pages.export_download, name="download"),
]
