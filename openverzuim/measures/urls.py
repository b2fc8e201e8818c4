from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("cases/<int:case_id>/", views.case_measures, name="case"),
    path("cases/<int:case_id>/paths/<slug:path>/", views.path_page, name="path"),
    path("cases/<int:case_id>/wage-measures/new/", views.measure_new, name="measure_new"),
    path(
        "cases/<int:case_id>/wage-measures/<int:measure_id>/letter/",
        views.measure_letter,
        name="measure_letter",
    ),
    path("cases/<int:case_id>/warning-letter/", views.warning_letter, name="warning_letter"),
    path("cases/<int:case_id>/expert-opinions/new/", views.opinion_new, name="opinion_new"),
    path(
        "cases/<int:case_id>/expert-opinions/<int:request_id>/outcome/",
        views.opinion_outcome,
        name="opinion_outcome",
    ),
    path("risks/", views.risks, name="risks"),
    path("my-path/", views.my_path, name="my_path"),
]
