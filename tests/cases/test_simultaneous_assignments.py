"""Two people changing who works on a case, or the same task, at the same moment: one wins, the
other is told, nothing is lost unseen. `simultaneously` (tests/conftest.py) skips these on SQLite."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import assignment, tasks
from openverzuim.cases.models import Case, EventKind, Task

pytestmark = pytest.mark.django_db(transaction=True)


def _case_manager(username, organisation) -> User:
    user = User.objects.create_user(username, f"{username}@example.nl", first_name=username.title())
    Membership.objects.create(user=user, organisation=organisation, role=Role.CASE_MANAGER)
    return user


def test_simultaneous_reassignments_of_one_case_let_one_win(
    simultaneously, eva_sick, anna, bakery, today
):
    people = [_case_manager(f"cm{i}", bakery) for i in range(4)]
    seen = assignment.state_of(eva_sick)

    def assign(i):
        case = Case.objects.get(pk=eva_sick.pk)
        return assignment.case_assign(
            case=case, by=anna, today=today, seen=seen, case_manager=people[i]
        )

    outcomes = simultaneously(4, assign)
    assert sum(isinstance(o, list) for o in outcomes) == 1
    assert all(isinstance(o, ValidationError) for o in outcomes if not isinstance(o, list))
    assert eva_sick.events.filter(kind=EventKind.ASSIGNMENT).count() == 1


def test_simultaneous_bulk_assignments_let_one_win(simultaneously, eva_sick, anna, bakery, today):
    people = [_case_manager(f"cm{i}", bakery) for i in range(3)]

    def assign(i):
        return assignment.cases_assign_case_manager(
            case_ids=[eva_sick.pk],
            case_manager=people[i],
            seen={eva_sick.pk: None},
            by=anna,
            today=today,
        )

    outcomes = simultaneously(3, assign)
    assert sum(isinstance(o, assignment.BulkResult) for o in outcomes) == 1
    assert eva_sick.events.filter(kind=EventKind.ASSIGNMENT).count() == 1


def test_a_task_completed_and_cancelled_at_once_is_one_of_them(
    simultaneously, eva_sick, anna, today
):
    with transaction.atomic():
        task = tasks.task_create(
            case=eva_sick, title="Terugbellen", due=today, assignee=anna, by=anna, today=today
        )
    statuses = [Task.Status.DONE, Task.Status.CANCELLED]
    outcomes = simultaneously(
        2,
        lambda i: tasks.task_close(
            task=Task.objects.get(pk=task.pk),
            status=statuses[i],
            lock_version=0,
            by=anna,
            today=today,
        ),
    )
    assert sum(isinstance(o, Task) for o in outcomes) == 1
    task.refresh_from_db()
    assert task.lock_version == 1
