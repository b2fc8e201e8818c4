"""The measures app's reads: every one starts from the cases selectors, which scope it to the user."""

from __future__ import annotations

from django.db.models import QuerySet

from openverzuim.accounts.models import User
from openverzuim.cases import selectors as case_selectors
from openverzuim.cases.models import Case

from .models import EscalationStep, ExpertOpinionRequest
from .paths import EMPLOYEE


def case_for(*, user: User, case_id: int) -> Case:
    """The case if the user may reach it; `Case.DoesNotExist` otherwise (a 404 to the user)."""
    return case_selectors.case_get_for(user=user, case_id=case_id)


def own_case(*, user: User) -> Case | None:
    """The employee's own latest case (employee records linked to the login), or None."""
    if not user.is_authenticated:
        return None
    return Case.objects.filter(employee__user=user).order_by("closed_on", "-pk").first()


def own_steps(case: Case) -> QuerySet[EscalationStep]:
    return case.escalation_steps.filter(path=EMPLOYEE)


def employer_steps(case: Case) -> QuerySet[EscalationStep]:
    return case.escalation_steps.exclude(path=EMPLOYEE)


def opinion_for(*, case: Case, request_id: int) -> ExpertOpinionRequest:
    return case.expert_opinions.get(pk=request_id)


def measure_for(*, case: Case, measure_id: int):
    return case.wage_measures.get(pk=measure_id)


def risk_cases_for(*, user: User) -> QuerySet[Case]:
    """The user's open cases with everything the gatekeeper assessment reads (measures/assessment.py)."""
    return (
        case_selectors.case_list_for(user=user, status="open")
        .select_related("employment__employee")
        .prefetch_related(
            "resumptions",
            "escalation_steps",
            "expert_opinions",
            "wage_measures",
            "documents__versions__signatures",
            "medical_releases",
        )
    )
