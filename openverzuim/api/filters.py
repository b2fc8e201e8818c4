"""The list endpoints' filters (django-filter): query parameters named in the schema."""

from __future__ import annotations

import django_filters as filters

from openverzuim.cases.models import Case, Duty, Employee


class EmployeeFilter(filters.FilterSet):
    employee_number = filters.CharFilter()
    department = filters.NumberFilter(field_name="department_id")
    last_name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Employee
        fields = ["employee_number", "department", "last_name"]


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=[("open", "open"), ("closed", "closed")],
                                  method="by_status")
    employee = filters.NumberFilter(field_name="employee_id")
    department = filters.NumberFilter(field_name="employee__department_id")
    created_after = filters.DateFilter(field_name="created_at", lookup_expr="date__gte")

    class Meta:
        model = Case
        fields = ["status", "employee", "department", "created_after"]

    def by_status(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=value == "open")


class DutyFilter(filters.FilterSet):
    due_from = filters.DateFilter(field_name="due", lookup_expr="gte")
    due_until = filters.DateFilter(field_name="due", lookup_expr="lte")
    case = filters.NumberFilter(field_name="case_id")
    milestone = filters.CharFilter()
    overdue = filters.BooleanFilter()
    assignee = filters.NumberFilter(field_name="assignee_id")

    class Meta:
        model = Duty
        fields = ["due_from", "due_until", "case", "milestone", "overdue", "assignee"]
