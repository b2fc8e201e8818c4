from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/change/", views.calendar_change, name="calendar_change"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
