"""The reminders app's reads: every one starts from the cases selectors, which scope it to the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import EMPLOYER_ROLES
from openverzuim.cases import selectors as case_selectors
from openverzuim.cases.models import Case
from openverzuim.law import sanctions
from openverzuim.measures.models import EscalationStep, ExpertOpinionRequest
from openverzuim.measures.paths import EMPLOYEE
from openverzuim.measures.stagnation import open_follow_ups
from openverzuim.notifications import selectors as notification_selectors

from .models import CalendarFeed

#: How far ahead the daily digest looks (overdue work always comes along).
DIGEST_DAYS = 7
#: The most duties (and the most cases with planned checks) an agenda, digest or feed carries.
AGENDA_ROWS = 500


def digest_recipients() -> QuerySet[User]:
    """Everyone who can receive e-mail and acts for an employer (her duties), or has notifications
    waiting for the daily e-mail (the employee and the physician too); `employer_side` says which."""
    employer_side = Membership.objects.filter(user=OuterRef("pk"), role__in=EMPLOYER_ROLES)
    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .annotate(employer_side=Exists(employer_side))
        .filter(
            Q(employer_side=True)
            | Q(pk__in=notification_selectors.digest_waiting().values("recipient_id"))
        )
        .order_by("pk")
    )


def feed_owner(token: str) -> User | None:
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    return feed.user if feed else None


@dataclass(frozen=True)
class Item:
    """One thing to do on one day for one case: a statutory duty or a check the user planned."""

    day: date
    case: Case
    kind: str  # "milestone", "task", "follow_up", "expert_opinion" or "advice" (digest only)
    code: str  # the milestone id, the task id, the path step, the SUWI question; "" for advice
    overdue: bool
    text: str = ""  # a task's own words (cases.tasks keeps medical words out)


def agenda_for(
    *, user: User, today: date, until: date | None = None, limit: int = AGENDA_ROWS
) -> list[Item]:
    """The user's duties (the duty table) and planned checks on open cases, soonest first, at most
    `limit` of each; `until` cuts off. A constant number of queries, whatever the caseload."""
    duties = case_selectors.duties_for(user=user, today=today, until=until, limit=limit).rows
    # The pending rows have a due date and the `overdue` the query adds (cases.selectors.Duties).
    items = [
        Item(d.due, d.case, "task", str(d.task.pk), d.overdue, d.task.title)  # type: ignore[arg-type, attr-defined]
        if d.is_task
        else Item(d.due, d.case, "milestone", d.milestone, d.overdue)  # type: ignore[arg-type, attr-defined]
        for d in duties
    ]
    pending = ExpertOpinionRequest.objects.filter(opinion_on__isnull=True, outcome="pending")
    checks = EscalationStep.objects.exclude(path=EMPLOYEE)
    # Only the cases with a planned check or an opinion awaited are loaded, not every open case.
    cases = (
        case_selectors.case_list_for(user=user, status="open")
        .filter(
            Exists(checks.filter(case=OuterRef("pk"), follow_up_on__isnull=False))
            | Exists(pending.filter(case=OuterRef("pk")))
        )
        .prefetch_related(
            Prefetch("escalation_steps", queryset=checks),
            Prefetch("expert_opinions", queryset=pending),
        )[:limit]
    )
    for case in cases:
        items += [
            Item(s.follow_up_on, case, "follow_up", s.step, s.follow_up_on < today)
            for s in open_follow_ups(case)
        ]
        items += [
            Item(
                sanctions.expert_opinion_expected(r.requested_on),
                case,
                "expert_opinion",
                r.question,
                False,
            )
            for r in case.expert_opinions.all()
        ]
    if until is not None:
        items = [item for item in items if item.day <= until]
    return sorted(items, key=lambda i: (i.day, i.case.employee.sort_name, i.code))


def digest_items(*, user: User, today: date) -> list[Item]:
    """New advice of the company doctor first (that it came, never what it says), then the duties."""
    advice = [
        Item(a.released_on, a.case, "advice", "", False)
        for a in case_selectors.new_advice_for(user=user, today=today)
    ]
    return advice + agenda_for(user=user, today=today, until=today + timedelta(days=DIGEST_DAYS))
