from django.urls import path

from . import privacy_views, views

app_name = "portal"

urlpatterns = [
    path("my/pay/", views.my_pay, name="my_pay"),
    path("my/who-viewed/", privacy_views.who_viewed, name="who_viewed"),
    path("my/data/", privacy_views.my_data, name="my_data"),
    path("my/data.json", privacy_views.my_data_json, name="my_data_json"),
    path("my/data.pdf", privacy_views.my_data_pdf, name="my_data_pdf"),
]
