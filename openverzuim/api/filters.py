"""The list endpoints' filters (django-filter): query parameters named in the schema."""

from __future__ import annotations

import django_filters as filters
from django import forms

from openverzuim.cases.models import Case, Duty, Employee

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
