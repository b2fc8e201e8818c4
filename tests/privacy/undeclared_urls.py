"""The project's URLs plus one route nobody declared (for the matrix's own test)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project

urlpatterns = [
    *project,
    path("not-declared/", lambda request: HttpResponse("x"), name="not_declared"),
]
