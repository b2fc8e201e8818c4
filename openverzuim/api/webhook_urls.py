from django.urls import path

from . import webhook_pages

app_name = "webhooks"
urlpatterns = [
    path("", webhook_pages.endpoints, name="list"),
    path("<int:endpoint_id>/", webhook_pages.endpoint, name="endpoint"),
]
