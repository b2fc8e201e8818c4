from django.urls import path

from . import views

app_name = "medical"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("cases/<int:case_id>/", views.case_vault, name="case"),
    path("cases/<int:case_id>/notes/new/", views.record_new, {"kind": "note"}, name="note_new"),
    path(
        "cases/<int:case_id>/problem-analysis/new/",
        views.record_new,
        {"kind": "analysis"},
        name="analysis_new",
    ),
    path(
        "cases/<int:case_id>/diagnoses/new/",
        views.record_new,
        {"kind": "diagnosis"},
        name="diagnosis_new",
    ),
    path(
        "cases/<int:case_id>/correspondence/new/",
        views.record_new,
        {"kind": "correspondence"},
        name="correspondence_new",
    ),
    path(
        "cases/<int:case_id>/correspondence/<int:item_id>/file/",
        views.correspondence_file,
        name="correspondence_file",
    ),
    path("cases/<int:case_id>/releases/new/", views.release_new, name="release_new"),
    # The employee's own medical file (AVG art. 15), behind the second factor.
    path("my-file/", views.own_file, name="own_file"),
    path("my-file.json", views.own_file_json, name="own_file_json"),
    path("my-file/letters/<int:item_id>/", views.own_letter, name="own_letter"),
]
