"""The API's resources. Every queryset starts from the policy (cases.policies, cases.selectors,
accounts.policies) for the key's principal, and every write calls the service the pages call."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import (
    action,
    api_view,
    authentication_classes,
    permission_classes,
)
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from openverzuim.accounts.models import Department, Membership, User
from openverzuim.accounts.policies import grantable_roles, organisations_for, roles_of
from openverzuim.cases import engine, selectors
from openverzuim.cases import services as case_services
from openverzuim.cases.models import Case, Duty, Employee
from openverzuim.cases.policies import can, employee_organisations, visible_cases
from openverzuim.law.contract import render
from openverzuim.medical import disclosures

from . import filters, serializers
from .contact_views import CaseContact
from .conventions import ID, ApiView, Cursor, check_if_match, etag_of
from .dossier_views import CaseRecords
from .people_views import EmployeeInvitations, UserGrants


def in_scope(queryset, pk, *, seen, refusal: str):
    """The object within `queryset` (what the key may do), else 403 when it is only within `seen`
    (what the key may view), else 404: another organisation's object does not exist for the key."""
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        if seen.filter(pk=pk).exists():
            raise exceptions.PermissionDenied(refusal) from None
        raise exceptions.NotFound from None


class OrganisationViewSet(ApiView, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.OrganisationSerializer
    lookup_value_regex = ID
    audit_subject = "organisations"

    def get_queryset(self):
        return organisations_for(self.request.user, roles_of(self.request.user))


class DepartmentViewSet(ApiView, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DepartmentSerializer
    lookup_value_regex = ID
    audit_subject = "departments"

    def get_queryset(self):
        organisations = organisations_for(self.request.user, roles_of(self.request.user))
        return Department.objects.filter(organisation__in=organisations)


class UserViewSet(ApiView, UserGrants, viewsets.ReadOnlyModelViewSet):
    """The people of the key's organisation with a role the key may grant there (accounts.policies
    GRANTABLE: an employer administrator's key sees the employer-side roles, never the employee's
    or the physician's), each with those roles only. The logins of organisations' keys are not
    listed."""

    queryset = User.objects.none()  # the model, for the schema; get_queryset() scopes
    serializer_class = serializers.UserSerializer
    lookup_value_regex = ID
    audit_subject = "users and roles"

    def get_queryset(self):
        api_key = self.request.auth
        if api_key is None:  # the schema is being made
            return User.objects.none()
        granted = Membership.objects.filter(
            organisation_id=api_key.organisation_id,
            role__in=grantable_roles(self.request.user, api_key.organisation),
        )
        return (
            User.objects.filter(memberships__in=granted)
            .exclude(api_keys__personal=False)  # the own logins of organisations' keys
            .distinct()
            .prefetch_related(Prefetch("memberships", queryset=granted, to_attr="granted"))
        )


class EmployeeViewSet(
    ApiView,
    EmployeeInvitations,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    queryset = Employee.objects.none()  # the model, for the schema; get_queryset() scopes
    serializer_class = serializers.EmployeeSerializer
    lookup_value_regex = ID
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = filters.EmployeeFilter
    ordering_fields = ["id", "employee_number"]
    audit_subject = "employees"
    refusal = "This key's role may not change employee records."

    def get_queryset(self):
        return selectors.employee_list_for(user=self.request.user, action="view")

    def get_serializer(self, *args, **kwargs):
        """The employee's department is one of the key's organisation."""
        api_key = self.request.auth if self.request else None  # no key while the schema is made
        if self.get_serializer_class() is serializers.EmployeeSerializer:
            kwargs["departments"] = Department.objects.filter(
                organisation=api_key.organisation_id if api_key else None
            )
        return super().get_serializer(*args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        employee = self.get_object()
        self.audit_object = employee
        return Response(self.get_serializer(employee).data)

    def perform_create(self, serializer):
        organisation = self.request.auth.organisation
        if (
            not employee_organisations(self.request.user, "change")
            .filter(pk=organisation.pk)
            .exists()
        ):
            raise exceptions.PermissionDenied(self.refusal)
        serializer.instance = case_services.employee_create(
            organisation=organisation, by=self.request.user, **serializer.validated_data
        )

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        employee = in_scope(
            selectors.employee_list_for(user=request.user, action="change").select_for_update(
                of=("self",)
            ),
            kwargs["pk"],
            seen=self.get_queryset(),
            refusal=self.refusal,
        )
        check_if_match(request, self.get_serializer(employee).data)
        serializer = self.get_serializer(
            employee, data=request.data, partial=kwargs.pop("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        employee = case_services.employee_update(
            employee=employee, by=request.user, **serializer.validated_data
        )
        data = self.get_serializer(employee).data
        return Response(data, headers={"ETag": etag_of(data)})

    @extend_schema(methods=["GET"], responses=serializers.EmploymentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.EmploymentSerializer,
        responses={201: serializers.EmploymentSerializer},
    )
    @action(detail=True, methods=["get", "post"], serializer_class=serializers.EmploymentSerializer)
    def employments(self, request, pk=None):
        """The employee's contracts; POST adds one (the same service as the page)."""
        if request.method == "GET":
            employee = self.get_object()
            page = self.paginate_queryset(employee.employments.all())
            return self.get_paginated_response(
                serializers.EmploymentSerializer(page, many=True).data
            )
        employee = in_scope(
            selectors.employee_list_for(user=request.user, action="change"),
            pk,
            seen=self.get_queryset(),
            refusal=self.refusal,
        )
        serializer = serializers.EmploymentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employment = case_services.employment_create(
            employee=employee, by=request.user, **serializer.validated_data
        )
        return Response(
            serializers.EmploymentSerializer(employment).data, status=status.HTTP_201_CREATED
        )


class CaseViewSet(
    ApiView, CaseRecords, CaseContact, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Cases with their sickness periods. POST is the sick report; the relapse rule (BW 7:629 lid
    10) may join it to an earlier case, as on the page."""

    queryset = Case.objects.none()  # the model, for the schema; get_queryset() scopes
    serializer_class = serializers.CaseSerializer
    lookup_value_regex = ID
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = filters.CaseFilter
    ordering_fields = ["id", "created_at"]
    audit_subject = "cases"
    refusal = "This key's role may not change this case."

    def get_queryset(self):
        return selectors.case_list_for(user=self.request.user)

    def _case(self, action: str = "view") -> Case:
        case = in_scope(
            visible_cases(self.request.user, action),
            self.kwargs["pk"],
            seen=visible_cases(self.request.user, "view"),
            refusal=self.refusal,
        )
        self.audit_object = case
        return case

    def _details(self) -> Case:
        """A case the key may see in full (the case page's full form)."""
        case = self._case()
        if not can(self.request.user, "view_details", case):
            raise exceptions.PermissionDenied("This key's role sees the reduced case only.")
        return case

    @extend_schema(responses=serializers.CaseDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        """The case: in full for roles with "view_details" on it, else the reduced view."""
        case = selectors.case_get_for(user=request.user, case_id=self._case().pk)
        full = can(request.user, "view_details", case)
        return Response(
            (serializers.CaseDetailSerializer if full else serializers.CaseSerializer)(case).data
        )

    @extend_schema(
        request=serializers.SickReportSerializer,
        responses={201: serializers.SickReportResultSerializer},
    )
    def create(self, request, *args, **kwargs):
        """Report an employee sick (the sick-report page's service and rules)."""
        employees = selectors.employee_list_for(user=request.user, action="change")
        if not employee_organisations(request.user, "change").exists():
            raise exceptions.PermissionDenied("This key's role may not report sickness.")
        serializer = serializers.SickReportSerializer(data=request.data, employees=employees)
        serializer.is_valid(raise_exception=True)
        report = dict(serializer.validated_data)
        result = case_services.sick_report_create(
            employee=report.pop("employee"),
            first_sick_day=report.pop("first_sick_day"),
            by=request.user,
            today=timezone.localdate(),
            **report,
        )
        case = selectors.case_get_for(user=request.user, case_id=result.case.pk)
        body = serializers.SickReportResultSerializer(
            {
                "case": case,
                "joined": result.joined,
                "fit_days": result.fit_days,
                "message": result.message,
            }
        ).data
        location = request.build_absolute_uri(f"{request.path}{case.pk}/")
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})

    @extend_schema(
        request=serializers.RecoverySerializer, responses=serializers.CaseDetailSerializer
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.RecoverySerializer)
    def recovery(self, request, pk=None):
        """Report full recovery; If-Match (the case's ETag) is honoured when sent."""
        with transaction.atomic():
            case = self._case("change")
            Case.objects.select_for_update().filter(pk=case.pk).first()
            case = selectors.case_get_for(user=request.user, case_id=case.pk)
            if request.headers.get("If-Match"):
                check_if_match(request, serializers.CaseDetailSerializer(case).data)
            serializer = serializers.RecoverySerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            case_services.recovery_report_create(
                case=case, by=request.user, today=timezone.localdate(), **serializer.validated_data
            )
        case = selectors.case_get_for(user=request.user, case_id=case.pk)
        return Response(serializers.CaseDetailSerializer(case).data)

    @extend_schema(methods=["GET"], responses=serializers.EventSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.EventSerializer,
        responses={201: serializers.EventSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=serializers.EventSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def events(self, request, pk=None):
        """What happened in the case, withdrawn entries included; POST records one."""
        if request.method == "GET":
            case = self._details()
            self.audit_subject = "case events"
            return Response(serializers.EventSerializer(case.events.all(), many=True).data)
        case = self._case("change")
        serializer = serializers.EventSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = case_services.event_record(
            case=case, by=request.user, today=timezone.localdate(), **serializer.validated_data
        )
        return Response(serializers.EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def timeline(self, request, pk=None):
        """The engine's computed timeline (docs/timeline-contract.md): every milestone with its due
        date, status and legal basis (`basis`, the cited article)."""
        case = selectors.case_get_for(user=request.user, case_id=self._case().pk)
        self.audit_subject = "case timeline"
        result = engine.case_timeline(case, timezone.localdate())
        if result is None:
            raise exceptions.NotFound("This case has no sickness period yet.")
        return Response(render(result))

    @extend_schema(responses=serializers.AdviceSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def advice(self, request, pk=None):
        """The occupational physician's released advice, newest first (never the vault)."""
        case = self._case()
        self.audit_subject = f"case advice ({disclosures.AUDIT_FIELDS})"
        return Response(
            serializers.AdviceSerializer(disclosures.releases_for(case), many=True).data
        )


class DutyCursor(Cursor):
    ordering = ("due", "id")  # type: ignore[assignment]  # DRF takes a tuple as well as a field name


class DutyViewSet(ApiView, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The pending duties (the one duty path, cases.selectors): filter by due date range, case,
    milestone, overdue and assignee."""

    queryset = Duty.objects.none()  # the model, for the schema; get_queryset() scopes
    serializer_class = serializers.DutySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.DutyFilter
    audit_subject = "duties"

    pagination_class = DutyCursor

    def get_queryset(self):
        return selectors.duties_pending(user=self.request.user, today=timezone.localdate())


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@authentication_classes([])
@permission_classes([])
def not_found(request, *args, **kwargs):
    """An address under /api/v1/ that is no resource (or an id too long to be one)."""
    raise exceptions.NotFound("No such resource.")
