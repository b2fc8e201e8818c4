from django.urls import path

from . import pages

app_name = "ownkeys"
urlpatterns = [path("", pages.own_api_keys, name="list")]
