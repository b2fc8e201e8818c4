"""The list endpoints' filters (django-filter): query parameters named in the schema."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend

from openverzuim.cases.models import Case, Duty, Employee, Event
from openverzuim.cases.tasks import FOLLOWED_UP

#: The largest id any database's bigint holds: a larger one is a 400 naming the parameter.
MAX_ID = 2**63 - 1


class IdFilter(filters.NumberFilter):
    """An id: a whole number within a bigint."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class EmployeeFilter(filters.FilterSet):
    employee_number = filters.CharFilter()
    department = IdFilter(field_name="department_id")
    last_name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Employee
        fields = ["employee_number", "department", "last_name"]


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        choices=[("open", "open"), ("closed", "closed")], method="by_status"
    )
    employee = IdFilter(field_name="employee_id")
    department = IdFilter(field_name="employee__department_id")
    created_after = filters.DateFilter(field_name="created_at", lookup_expr="date__gte")

    class Meta:
        model = Case
        fields = ["status", "employee", "department", "created_after"]

    def by_status(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=value == "open")


class DutyFilter(filters.FilterSet):
    due_from = filters.DateFilter(field_name="due", lookup_expr="gte")
    due_until = filters.DateFilter(field_name="due", lookup_expr="lte")
    case = IdFilter(field_name="case_id")
    milestone = filters.CharFilter()
    overdue = filters.BooleanFilter()
    assignee = IdFilter(field_name="assignee_id")

    class Meta:
        model = Duty
        fields = ["due_from", "due_until", "case", "milestone", "overdue", "assignee"]


class NoteFilter(filters.FilterSet):
    """A case's dossier notes: by kind and by date range."""

    kind = filters.ChoiceFilter(choices=[(kind.value, kind.value) for kind in FOLLOWED_UP])
    date_from = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_until = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["kind", "date_from", "date_until"]


class ActionFilterBackend(DjangoFilterBackend):
    """The filterset of an action that lists other rows than its view's (a case's notes, on the
    cases' view): the action's own `filterset_class`, whatever the view's queryset is."""

    def get_filterset_class(self, view, queryset=None):
        return getattr(view, "filterset_class", None)
