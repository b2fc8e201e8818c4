from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),  # served through config.urls.front_page for visitors
    path("about/", views.home, name="about"),
    path("system/mail/", views.mail_queue, name="mail_queue"),
    path("system/mail/retry/", views.mail_retry, name="mail_retry"),
]
