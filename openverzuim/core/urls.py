from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),  # served through config.urls.front_page for visitors
    path("about/", views.home, name="about"),
]
