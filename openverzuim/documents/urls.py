from django.urls import path

from . import upload_views, views

app_name = "documents"

urlpatterns = [
    path("mine/", views.my_documents, name="mine"),
    path("cases/<int:case_id>/", views.case_documents, name="case"),
    path("cases/<int:case_id>/new/<slug:type_code>/", views.document_new, name="new"),
    path("cases/<int:case_id>/files/new/", upload_views.upload_new, name="upload"),
    path("cases/<int:case_id>/files/<int:file_id>/", upload_views.upload_file, name="upload_file"),
    path("cases/<int:case_id>/report/", views.report, name="report"),
    path("cases/<int:case_id>/report/bundle.zip", views.bundle, name="bundle"),
    path("<int:document_id>/", views.document_detail, name="detail"),
    path("<int:document_id>/edit/", views.document_edit, name="edit"),
    path("<int:document_id>/v<int:number>/sign/", views.version_sign, name="sign"),
    path("<int:document_id>/v<int:number>/pdf/", views.version_download, name="pdf"),
    path("<int:document_id>/v<int:number>/copy/", views.copy_received, name="copy"),
]
