from django.urls import path

from . import case_views, privacy_views, views

app_name = "portal"

urlpatterns = [
    path("my/", case_views.my_case, name="my_case"),
    path("my/report-sick/", case_views.report_sick, name="report_sick"),
    path("my/cases/<int:case_id>/recovered/", case_views.report_recovered, name="report_recovered"),
    path("my/pay/", views.my_pay, name="my_pay"),
    path("my/who-viewed/", privacy_views.who_viewed, name="who_viewed"),
    path("my/data/", privacy_views.my_data, name="my_data"),
    path("my/data.json", privacy_views.my_data_json, name="my_data_json"),
    path("my/data.pdf", privacy_views.my_data_pdf, name="my_data_pdf"),
]
