from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("this-week/", views.this_week, name="this_week"),
    path("first-sick-day/", views.first_day, name="first_day"),
    path("first-sick-day/<int:case_id>/<slug:step>/", views.first_day_step, name="first_day_step"),
    path("<slug:slug>/", views.topic, name="topic"),
]
