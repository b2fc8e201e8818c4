from django.urls import path

from . import caseload_views, exports, invitation_views, views
from .payroll_import import views as import_views
from .uwv import views as uwv_views

app_name = "cases"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("later/", views.worklist_later, name="worklist_later"),
    path("cases/", views.case_list, name="list"),
    path("cases/export/", exports.case_list_export, name="list_export"),
    path("worklist/export/", exports.worklist_export, name="worklist_export"),
    path("cases/report-sick/", views.sick_report, name="sick_report"),
    path("cases/assign/", caseload_views.assign_bulk, name="assign_bulk"),
    path("cases/<int:case_id>/assign/", caseload_views.assign, name="assign"),
    path("cases/<int:case_id>/tasks/new/", caseload_views.task_new, name="task_new"),
    path("cases/<int:case_id>/tasks/<int:task_id>/", caseload_views.task, name="task"),
    path("cases/<int:case_id>/", views.case_detail, name="detail"),
    path("cases/<int:case_id>/recovery/", views.recovery, name="recovery"),
    path("cases/<int:case_id>/partial-work/", views.resumption, name="resumption"),
    path(
        "cases/<int:case_id>/costs/new/",
        views.reintegration_cost_new,
        name="reintegration_cost_new",
    ),
    path("cases/<int:case_id>/events/new/", views.event_new, name="event_new"),
    path(
        "cases/<int:case_id>/events/<int:event_id>/correct/",
        views.event_correct,
        name="event_correct",
    ),
    path(
        "cases/<int:case_id>/events/<int:event_id>/withdraw/",
        views.event_withdraw,
        name="event_withdraw",
    ),
    path("cases/<int:case_id>/close/", views.case_close, name="close"),
    path("cases/<int:case_id>/uwv/sanction/", uwv_views.wage_sanction, name="uwv_sanction"),
    path("cases/<int:case_id>/uwv/repair/", uwv_views.sanction_repair, name="uwv_repair"),
    # the reports to UWV (cases/uwv/reports.py), each a page and its PDF
    *(
        path(f"cases/<int:case_id>/uwv/{part}/", view, {"slug": slug}, name=name)
        for slug, part in (
            ("week42", "42-week-report"),
            ("safety_net", "safety-net-report"),
            ("employment_end", "end-of-contract-report"),
        )
        for view, part, name in (
            (uwv_views.uwv_report, part, f"uwv_{slug}"),
            (uwv_views.uwv_report_pdf, f"{part}.pdf", f"uwv_{slug}_pdf"),
        )
    ),
    path("cases/<int:case_id>/uwv/extension/", uwv_views.voluntary_extension, name="uwv_extension"),
    path("cases/<int:case_id>/leave/new/", uwv_views.leave_new, name="leave_new"),
    path(
        "cases/<int:case_id>/leave/<int:leave_id>/remove/",
        uwv_views.leave_remove,
        name="leave_remove",
    ),
    path("employees/", views.employee_list, name="employees"),
    path("employees/new/", views.employee_form, name="employee_new"),
    path("employees/import/", import_views.upload, name="employee_import"),
    path("employees/import/mapping/", import_views.mapping, name="employee_import_mapping"),
    path("employees/import/status/", import_views.status, name="employee_import_status"),
    path("employees/import/progress/", import_views.progress, name="employee_import_progress"),
    path("employees/<int:employee_id>/", views.employee_form, name="employee_edit"),
    path("employees/<int:employee_id>/invite/", views.employee_invite, name="employee_invite"),
    path("invitation/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
    path(
        "employees/<int:employee_id>/employments/new/", views.employment_new, name="employment_new"
    ),
    path(
        "employees/<int:employee_id>/leave/new/",
        views.employee_leave_new,
        name="employee_leave_new",
    ),
    path(
        "employees/<int:employee_id>/leave/<int:leave_id>/remove/",
        views.employee_leave_remove,
        name="employee_leave_remove",
    ),
]
