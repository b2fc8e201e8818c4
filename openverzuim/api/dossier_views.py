"""The dossier beside the case: documents (metadata and PDF), wage measures, expert opinions.
Documents are reached through the documents app's own selectors (its policy: the parties of the
case); the records through the case the key may see in full ("view_details", as on the case page,
where the reduced view shows no pay and no history)."""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from openverzuim.accounts.policies import roles_of
from openverzuim.cases import selectors, tasks
from openverzuim.cases.models import Case
from openverzuim.cases.uwv import services as uwv
from openverzuim.core.routes import route_table
from openverzuim.documents import selectors as documents
from openverzuim.documents import services as documents_services
from openverzuim.documents.models import Document, UploadedFile
from openverzuim.documents.pdf import version_file
from openverzuim.documents.selectors import Reach
from openverzuim.documents.spec import EMPLOYER

from . import serializers
from .conventions import ID, ApiView, _View, check_if_match


class DocumentViewSet(ApiView, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Document.objects.none()  # the model, for the schema; the selector scopes
    serializer_class = serializers.DocumentSerializer
    lookup_value_regex = ID
    audit_subject = "document"

    def get_object(self) -> Document:
        try:
            document, reach = documents.document_get_for(
                user=self.request.user, document_id=int(self.kwargs["pk"])
            )
        except Document.DoesNotExist:
            raise exceptions.NotFound from None
        self.audit_object = reach.case
        return document

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]{1,9})/pdf",
        filter_backends=[],
        pagination_class=None,
    )
    def pdf(self, request, pk=None, number=None):
        """The version as PDF: the archived file once signed, a fresh print of a draft."""
        document = self.get_object()
        version = next((v for v in document.versions.all() if v.number == int(number)), None)
        if version is None:
            raise exceptions.NotFound
        self.audit_subject = f"document {document.pk} v{number} (pdf)"
        self._note_read(request)  # a file, not a Response: its read is noted here
        printed, archived = version_file(version)
        name = f"{document.type_code}-{document.pk}-v{number}.pdf"
        if archived is not None:
            return FileResponse(archived, content_type="application/pdf", filename=name)
        return HttpResponse(
            printed,
            content_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{name}"'},
        )


class CaseRecords(_View):
    """The records of one case, as actions on /cases/{id}/ (mixed into views.CaseViewSet)."""

    def _page_records(self, page: str) -> Case:
        """A case in full, for records that only the employer's page `page` shows: a key whose
        login holds none of that page's roles (an employee's personal key: her own pages show
        the effect of a wage measure on her pay, not the employer's records) reads them as the
        login would, not at all."""
        case = self._details()
        if not roles_of(self.request.user) & route_table()[page].roles:
            raise exceptions.PermissionDenied("These records are on the employer's pages only.")
        return case

    @extend_schema(responses=serializers.DocumentSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def documents(self, request, pk=None):
        """The case's documents with their versions and signatures (the PDFs: /documents/)."""
        try:
            reach = documents.case_reach_for(user=request.user, case_id=int(pk))
        except Case.DoesNotExist:
            raise exceptions.NotFound from None
        self.audit_object, self.audit_subject = reach.case, "case documents"
        return Response(
            serializers.DocumentSerializer(documents.case_documents(reach), many=True).data
        )

    @extend_schema(responses=serializers.WageMeasureSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def wage_measures(self, request, pk=None):
        """Wage stops and suspensions (BW 7:629 lid 3 and 6)."""
        case = self._page_records("measures:case")
        self.audit_subject = "case wage measures"
        return Response(serializers.WageMeasureSerializer(case.wage_measures.all(), many=True).data)

    @extend_schema(responses=serializers.ExpertOpinionSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def expert_opinions(self, request, pk=None):
        """Requests for UWV's expert opinion (Wet SUWI art. 32) and their outcome."""
        case = self._page_records("measures:case")
        self.audit_subject = "case expert opinions"
        return Response(
            serializers.ExpertOpinionSerializer(case.expert_opinions.all(), many=True).data
        )

    @extend_schema(methods=["GET"], responses=serializers.TaskSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.TaskSerializer,
        responses={201: serializers.TaskSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=serializers.TaskSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def tasks(self, request, pk=None):
        """The case's tasks, open and closed, by due date; POST adds one (the page's service: a
        due date not in the past, an assignee who works on the case, no medical title)."""
        if request.method == "GET":
            case = self._page_records("cases:detail")
            self.audit_subject = "case tasks"
            return Response(
                serializers.TaskSerializer(case.tasks.order_by("due", "pk"), many=True).data
            )
        case = self._case("change")
        serializer = serializers.TaskSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignee = tasks.assignees_for(case).filter(pk=data["assignee_id"]).first()
        if assignee is None:
            raise exceptions.ValidationError(
                {"assignee": ["This person does not work on this case."]}
            )
        task = tasks.task_create(
            case=case,
            title=data["title"],
            due=data["due"],
            assignee=assignee,
            by=request.user,
            today=timezone.localdate(),
        )
        return Response(serializers.TaskSerializer(task).data, status=status.HTTP_201_CREATED)

    def _employer_reach(self, pk) -> Reach:
        """The case as a party to its documents; the files from outside are the employer side's."""
        try:
            reach = documents.case_reach_for(user=self.request.user, case_id=int(pk))
        except Case.DoesNotExist:
            raise exceptions.NotFound from None
        if EMPLOYER not in reach.parties:
            raise exceptions.NotFound
        self.audit_object = reach.case
        return reach

    @extend_schema(methods=["GET"], responses=serializers.UploadSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": serializers.UploadCreateSerializer},
        responses={201: serializers.UploadSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filter_backends=[],
        pagination_class=None,
        parser_classes=[MultiPartParser],
    )
    def uploads(self, request, pk=None):
        """The files from outside (UWV letters, experts' reports, signed scans): their metadata;
        POST files one (multipart/form-data) through the upload page's service, for those who may
        change the case."""
        reach = self._employer_reach(pk)
        if request.method == "GET":
            self.audit_subject = "case uploads"
            return Response(
                serializers.UploadSerializer(documents.case_uploads(reach.case), many=True).data
            )
        self._case("change")
        serializer = serializers.UploadCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data.pop("file")
        made = documents_services.upload_create(
            case=reach.case,
            by=request.user,
            parties=reach.parties,
            file_name=upload.name,
            content=upload.read(),
            **data,
        )
        return Response(serializers.UploadSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(
        detail=True,
        methods=["get"],
        url_path=r"uploads/(?P<file_id>[0-9]{1,18})/file",
        filter_backends=[],
        pagination_class=None,
    )
    def upload_file(self, request, pk=None, file_id=None):
        """One file from outside, as a download (never rendered)."""
        reach = self._employer_reach(pk)
        try:
            upload = documents.uploaded_file(case=reach.case, file_id=int(file_id))
        except UploadedFile.DoesNotExist:
            raise exceptions.NotFound from None
        self.audit_subject = f"uploaded file {upload.pk} (file)"
        self._note_read(request)  # a file, not a Response: its read is noted here
        response = FileResponse(
            upload.file.open("rb"),
            as_attachment=True,
            filename=upload.original_name,
            content_type=upload.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(methods=["GET"], responses=serializers.LeaveSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.LeaveSerializer,
        responses={201: serializers.LeaveSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=serializers.LeaveSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def leave(self, request, pk=None):
        """The leave periods of the case; POST records one (the page's service: between sickness
        periods, no overlap). If-Match (the ETag of this list) is honoured when sent: the leave the
        client saw is still all there is."""
        if request.method == "GET":
            case = self._details()
            self.audit_subject = "case leave"
            return Response(self._leave_of(case))
        with transaction.atomic():
            case = self._case("change")
            Case.objects.select_for_update().filter(pk=case.pk).first()
            case = selectors.case_get_for(user=request.user, case_id=case.pk)
            if request.headers.get("If-Match"):
                check_if_match(request, self._leave_of(case))
            serializer = serializers.LeaveSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            leave = uwv.leave_record(
                case=case,
                version=case.uwv_version,
                by=request.user,
                today=timezone.localdate(),
                **serializer.validated_data,
            )
        return Response(serializers.LeaveSerializer(leave).data, status=status.HTTP_201_CREATED)

    def _leave_of(self, case: Case) -> list:
        return serializers.LeaveSerializer(case.leave_periods.order_by("start"), many=True).data
