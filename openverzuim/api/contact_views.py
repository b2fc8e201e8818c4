"""The dossier notes and the partial work of a case, as actions on /cases/{id}/ (mixed into
views.CaseViewSet): read as the full case page shows them ("view_details"), written by whoever may
change the case, through the case page's services (cases.services.event_record and
work_resumption_create): the same validation, the same audit entry."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from openverzuim.cases import selectors
from openverzuim.cases import services as case_services
from openverzuim.cases.models import Case, Event
from openverzuim.cases.tasks import FOLLOWED_UP

from . import filters, serializers
from .conventions import Cursor, _View, check_if_match


class NoteCursor(Cursor):
    ordering = ("-date", "-id")  # type: ignore[assignment]  # DRF takes a tuple as well as a field name


class ResumptionCursor(Cursor):
    ordering = ("start", "id")  # type: ignore[assignment]


class CaseContact(_View):
    """/cases/{id}/notes/ and /cases/{id}/resumptions/."""

    @extend_schema(methods=["GET"], responses=serializers.NoteSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.NoteSerializer,
        responses={201: serializers.NoteSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=serializers.NoteSerializer,
        filter_backends=[filters.ActionFilterBackend],
        filterset_class=filters.NoteFilter,
        pagination_class=NoteCursor,
    )
    def notes(self, request, pk=None):
        """Phone calls, meetings and notes, newest first, withdrawn ones included (`active`), each
        with its follow-up tasks; POST records one (the case page's service: not before the first
        sick day nor in the future; text that looks medical is refused unless confirmed; a
        follow-up date makes a task for whoever recorded it)."""
        if request.method == "GET":
            case = self._details()
            self.audit_subject = "case notes"
            notes = self.filter_queryset(
                Event.objects.filter(case=case, kind__in=FOLLOWED_UP).prefetch_related("follow_ups")
            )
            page = self.paginate_queryset(notes)
            return self.get_paginated_response(serializers.NoteSerializer(page, many=True).data)
        case = self._case("change")
        serializer = serializers.NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = case_services.event_record(
            case=case, by=request.user, today=timezone.localdate(), **serializer.validated_data
        )
        event = Event.objects.prefetch_related("follow_ups").get(pk=event.pk)
        return Response(serializers.NoteSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=serializers.ResumptionSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.ResumptionSerializer,
        responses={201: serializers.ResumptionSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=serializers.ResumptionSerializer,
        filter_backends=[],
        pagination_class=ResumptionCursor,
    )
    def resumptions(self, request, pk=None):
        """Partial work while still sick, by start; POST records it (the case page's service: from
        the first sick day, fewer hours than the contract's; the sickness period goes on).
        If-Match (the case's ETag) is honoured when sent, as by a recovery report."""
        if request.method == "GET":
            case = self._details()
            self.audit_subject = "case partial work"
            page = self.paginate_queryset(case.resumptions.all())
            return self.get_paginated_response(
                serializers.ResumptionSerializer(page, many=True).data
            )
        with transaction.atomic():
            case = self._case("change")
            # The case's row locked, as a recovery report locks it: partial work and recovery
            # reported at once are judged one after the other.
            Case.objects.select_for_update().filter(pk=case.pk).first()
            case = selectors.case_get_for(user=request.user, case_id=case.pk)
            if request.headers.get("If-Match"):
                check_if_match(request, serializers.CaseDetailSerializer(case).data)
            serializer = serializers.ResumptionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            resumption = case_services.work_resumption_create(
                case=case, by=request.user, today=timezone.localdate(), **serializer.validated_data
            )
        return Response(
            serializers.ResumptionSerializer(resumption).data, status=status.HTTP_201_CREATED
        )
