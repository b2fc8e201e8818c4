"""The daily job's notifications from the persisted duty rows (no engine run per recipient): a
duty that became overdue, and a task due today.

A duty counts as "became overdue" for a week after its due date, so that a day the job did not run
loses nothing; each (duty, due date) is told once (notifications' dedupe key), so the job may run
again the same day, or the next, without a second word.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import notices
from openverzuim.cases.models import Duty
from openverzuim.cases.models.duty import TASK
from openverzuim.notifications.services import notify_all

#: How long after its due date a duty that nobody was told of yet is still told of.
OVERDUE_WINDOW = timedelta(days=7)
#: Events told of in one transaction and one set of queries.
BATCH = 1000


def _admins(organisation_ids: set[int]) -> dict[int, list[User]]:
    """The employer administrators of each organisation, in one query."""
    admins: dict[int, list[User]] = {}
    memberships = Membership.objects.filter(
        role=Role.EMPLOYER_ADMIN, organisation_id__in=organisation_ids, user__is_active=True
    ).select_related("user")
    for membership in memberships:
        admins.setdefault(membership.organisation_id, []).append(membership.user)
    return admins


def notify_due(today: date) -> int:
    """Tell the case manager (else the employer's administrators) of each duty that became
    overdue, and each task's assignee of the task due today; the number of duties told of."""
    pending = Duty.objects.pending(today).select_related(
        "case__employee", "case__organisation", "assignee"
    )
    overdue = list(
        pending.filter(due__lt=today, due__gte=today - OVERDUE_WINDOW, case__closed_on=None)
        .exclude(milestone=TASK)
        .order_by("due", "pk")
    )
    admins = _admins({d.organisation_id for d in overdue if d.assignee_id is None})
    events = [
        notices.event(
            "duty_overdue",
            duty.case,
            [duty.assignee] if duty.assignee else admins.get(duty.organisation_id, []),
            f"duty:{duty.pk}:{duty.due}",
            "cases:detail",
            day=duty.due or today,  # never None: pending rows have a due date
            duty=duty.milestone,
        )
        for duty in overdue
    ]
    tasks = list(pending.filter(milestone=TASK, due=today).select_related("task"))
    events += [
        notices.event(
            "task_due",
            duty.case,
            [duty.assignee] if duty.assignee else [],
            f"task:{duty.task.pk}:{today}",
            "cases:detail",
            day=today,
            task=duty.task.title,
        )
        for duty in tasks
    ]
    for i in range(0, len(events), BATCH):
        with transaction.atomic():
            notify_all(events[i : i + BATCH])
    return len(overdue) + len(tasks)
