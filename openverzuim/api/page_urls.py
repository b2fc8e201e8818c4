from django.urls import path

from . import pages

app_name = "apikeys"
urlpatterns = [path("", pages.api_keys, name="list")]
