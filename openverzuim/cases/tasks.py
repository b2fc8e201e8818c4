"""Tasks and follow-ups on a case: added, completed, reassigned or cancelled by whoever may work on it.

An open task has one row in the duty table (`Task.duty`, milestone `TASK`), written here in the
same transaction as the task, so that the worklist, the digest and the calendar feed show it beside
the statutory duties through their one selector. Completing or cancelling removes the row. A task's
text reaches e-mail and calendars, so a medical word refuses it outright (cases.medical_guard).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import User

from .duties import DUTY_ENGINE_VERSION
from .medical_guard import medical_terms_in
from .models import Case, Duty, Event, EventKind, Task
from .models.duty import TASK
from .policies import who_can

#: The everyday contact whose record can carry a follow-up date.
FOLLOWED_UP = (EventKind.PHONE_CALL, EventKind.MEETING, EventKind.NOTE)


def assignees_for(case: Case) -> QuerySet[User]:
    """Who a task on `case` can be given to: whoever may work on the case (the "change" action)."""
    return who_can("change", case).order_by("first_name", "last_name", "username")


def _check(case: Case, title: str, due: date, assignee: User, today: date) -> None:
    if not case.is_open:
        raise ValidationError({"__all__": _("This case is closed: it takes no new tasks.")})
    terms = medical_terms_in(title)
    if terms:
        raise ValidationError(
            {
                "title": _(
                    "This looks medical: %(terms)s. A task is shown in worklists, e-mail and calendars: "
                    "describe what to do without medical information."
                )
                % {"terms": ", ".join(terms)}
            }
        )
    if due < today:
        raise ValidationError({"due": _("A task's due date cannot lie in the past.")})
    if not assignees_for(case).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("%(name)s does not work on this case.") % {"name": assignee}}
        )


def _write_duty(task: Task) -> None:
    """The open task's row in the duty table, created or brought up to date."""
    values = {
        "case_id": task.case_id,
        "organisation_id": task.case.organisation_id,
        "assignee_id": task.assignee_id,
        "milestone": TASK,
        "due": task.due,
        "window_start": None,
        "status": Duty.Status.OPEN,
        "done_on": None,
        "engine_version": DUTY_ENGINE_VERSION,
    }
    if task.duty_id is not None:
        Duty.objects.filter(pk=task.duty_id).update(**values)
        return
    task.duty = Duty.objects.create(**values)
    task.save(update_fields=["duty"])


@transaction.atomic
def task_create(
    *,
    case: Case,
    title: str,
    due: date,
    assignee: User,
    by: User,
    today: date,
    follows_up: Event | None = None,
) -> Task:
    title = title.strip()
    _check(case, title, due, assignee, today)
    task = Task(
        case=case, title=title, due=due, assignee=assignee, created_by=by, follows_up=follows_up
    )
    task.full_clean()
    task.save()
    _write_duty(task)
    audit.record_change(by=by, case=case, subject=f"task {task.pk}", fields="title, due, assignee")
    return task


def _locked(task: Task, lock_version: int) -> Task:
    locked = Task.objects.select_for_update(of=("self",)).select_related("case").get(pk=task.pk)
    if locked.status != Task.Status.OPEN:
        raise ValidationError({"__all__": _("This task was already completed or cancelled.")})
    if locked.lock_version != lock_version:
        raise ValidationError(
            {
                "__all__": _(
                    "Someone else changed this task since you opened it. Nothing was saved: look at it "
                    "again."
                )
            }
        )
    return locked


@transaction.atomic
def task_reassign(
    *, task: Task, assignee: User, due: date, lock_version: int, by: User, today: date
) -> Task:
    locked = _locked(task, lock_version)
    _check(locked.case, locked.title, due, assignee, today)
    locked.assignee, locked.due = assignee, due
    locked.lock_version += 1
    locked.save(update_fields=["assignee", "due", "lock_version"])
    _write_duty(locked)
    audit.record_change(
        by=by, case=locked.case, subject=f"task {locked.pk}", fields="assignee, due"
    )
    return locked


@transaction.atomic
def task_close(*, task: Task, status: str, lock_version: int, by: User, today: date) -> Task:
    """Complete (`Task.Status.DONE`) or cancel the task: it leaves every worklist."""
    if status not in (Task.Status.DONE, Task.Status.CANCELLED):
        raise ValidationError({"status": _("Choose whether the task is done or cancelled.")})
    locked = _locked(task, lock_version)
    locked.status, locked.closed_on, locked.closed_by = status, today, by
    locked.lock_version += 1
    locked.save(update_fields=["status", "closed_on", "closed_by", "lock_version"])
    Duty.objects.filter(pk=locked.duty_id).delete()  # type: ignore[misc]  # None matches no row  # the link goes with it (SET_NULL)
    audit.record_change(by=by, case=locked.case, subject=f"task {locked.pk}", fields="status")
    return locked


def follow_up_create(*, event: Event, on: date, by: User, today: date) -> Task:
    """The follow-up date of a note, call or meeting: a task for whoever recorded it."""
    if event.kind not in FOLLOWED_UP:
        raise ValidationError(
            {"follow_up_on": _("Only a phone call, a meeting or a note takes a follow-up date.")}
        )
    title = _("Follow up: %(what)s of %(day)s") % {
        "what": event.get_kind_display().lower(),
        "day": date_format(event.date, "j F Y"),
    }
    try:
        return task_create(
            case=event.case, title=title, due=on, assignee=by, by=by, today=today, follows_up=event
        )
    except ValidationError as error:
        raise ValidationError(
            {"follow_up_on": [m for ms in error.message_dict.values() for m in ms]}
        ) from None


def task_duties_restore(tasks: QuerySet[Task]) -> None:
    """The duty rows of the open tasks among `tasks`, after they were recreated without them (an
    organisation's import): the rows `task_create` would have written."""
    for task in tasks.filter(status=Task.Status.OPEN, duty__isnull=True).select_related("case"):
        _write_duty(task)
