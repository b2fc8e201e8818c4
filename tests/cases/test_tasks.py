"""Tasks and follow-ups: rows of the duty table beside the statutory duties, so that the worklist, the
digest and the calendar feed show them through their one selector; completed, reassigned or
cancelled; never a medical word."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases import assignment, services, tasks
from openverzuim.cases.duties import duties_check, duties_recompute
from openverzuim.cases.models import Duty, Task
from openverzuim.reminders.labels import item_label
from openverzuim.reminders.selectors import agenda_for, digest_items


@pytest.fixture
def bram_on_eva(eva_sick, anna, bram, today):
    """Bram is Eva's case manager."""
    assignment.case_assign(
        case=eva_sick, by=anna, today=today, seen=assignment.state_of(eva_sick), case_manager=bram
    )
    return bram


def _task(case, by, assignee, today, title="Call her back about the hours", days=3):
    return tasks.task_create(
        case=case,
        title=title,
        due=today + timedelta(days=days),
        assignee=assignee,
        by=by,
        today=today,
    )


def test_a_task_is_a_duty_row_on_the_assignees_worklist_until_it_is_done(
    client, eva_sick, anna, bram_on_eva, today
):
    task = _task(eva_sick, anna, bram_on_eva, today)
    row = Duty.objects.get(task=task)
    assert (row.assignee_id, row.due, row.milestone, row.organisation_id) == (
        bram_on_eva.pk,
        task.due,
        "task",
        eva_sick.organisation_id,
    )
    client.force_login(bram_on_eva)
    page = client.get(reverse("cases:worklist")).content.decode()
    assert "Task: Call her back about the hours" in page
    response = client.post(
        reverse("cases:task", args=[eva_sick.pk, task.pk]),
        {"action": "done", "lock_version": 0, "next": "worklist"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("cases:worklist")
    task.refresh_from_db()
    assert (task.status, task.closed_on, task.closed_by) == ("done", today, bram_on_eva)
    assert not Duty.objects.filter(task=task).exists()
    assert "Call her back" not in client.get(reverse("cases:worklist")).content.decode()


def test_the_engine_writer_leaves_task_rows_alone_and_a_closed_case_keeps_none(
    eva_sick, anna, today
):
    task = _task(eva_sick, anna, anna, today)
    services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 1, 20), by=anna, today=today
    )
    duties_recompute(today)
    assert Duty.objects.filter(task=task).exists()
    assert duties_check(today)[1] == []  # the check compares the engine's rows only
    services.recovery_report_create(case=eva_sick, recovered_on=today, by=anna, today=today)
    services.case_close(
        case=eva_sick, closed_on=today + timedelta(days=1), by=anna, today=today + timedelta(days=1)
    )
    assert not Duty.objects.filter(case=eva_sick).exists()


def test_tasks_are_in_the_digest_and_the_calendar_through_the_one_agenda(
    eva_sick, anna, bram_on_eva, today
):
    task = _task(eva_sick, anna, bram_on_eva, today)
    items = [i for i in digest_items(user=bram_on_eva, today=today) if i.kind == "task"]
    assert [(i.day, i.code, item_label(i)) for i in items] == [
        (task.due, str(task.pk), "Task: Call her back about the hours")
    ]
    assert [i.kind for i in agenda_for(user=bram_on_eva, today=today)].count("task") == 1


def test_the_calendar_feed_carries_the_task(client, eva_sick, anna, bram_on_eva, today):
    from openverzuim.reminders import services as signal_services

    _task(eva_sick, anna, bram_on_eva, today)
    token = signal_services.calendar_feed_renew(user=bram_on_eva).token
    feed = client.get(f"/signals/calendar/{token}.ics").content.decode()
    assert "Call her back about the hours: Eva de Vries" in feed.replace("\r\n ", "")


def test_the_worklist_query_count_does_not_grow_with_tasks(client, eva_sick, anna, today):
    client.force_login(anna)
    _task(eva_sick, anna, anna, today)
    client.get(reverse("cases:worklist"))  # warm the caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("cases:worklist"))
    for n in range(8):
        _task(eva_sick, anna, anna, today, title=f"Task number {n}", days=n)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("cases:worklist"))
    assert page.content.decode().count("Task: ") == 9
    assert len(many.captured_queries) == len(one.captured_queries)


def test_a_medical_word_refuses_the_task(anna_client, eva_sick, anna, today):
    response = anna_client.post(
        reverse("cases:task_new", args=[eva_sick.pk]),
        {"title": "Bellen over haar migraine", "due": "2026-11-30", "assignee": anna.pk},
    )
    assert response.status_code == 200
    assert "migraine" in response.context["form"].errors["title"][0]
    assert not Task.objects.exists() and not Duty.objects.filter(task__isnull=False).exists()


def test_the_page_adds_a_task_with_an_audit_entry(anna_client, eva_sick, anna, today):
    response = anna_client.post(
        reverse("cases:task_new", args=[eva_sick.pk]),
        {"title": "Check the adjusted hours", "due": "2026-12-15", "assignee": anna.pk},
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.title, task.due, task.created_by) == (
        "Check the adjusted hours",
        date(2026, 12, 15),
        anna,
    )
    assert AuditEntry.objects.filter(
        case_id=eva_sick.pk, subject=f"task {task.pk}", route="cases:task_new"
    ).exists()
    assert (
        "Check the adjusted hours"
        in anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    )


def test_a_task_goes_only_to_someone_who_works_on_the_case(eva_sick, anna, bram, carla, today):
    for outsider in (bram, carla):  # bram is not her case manager; carla is another employer
        with pytest.raises(ValidationError) as refused:
            _task(eva_sick, anna, outsider, today)
        assert "assignee" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _task(eva_sick, anna, anna, today, days=-1)
    assert "due" in refused.value.message_dict


def test_reassign_and_cancel_with_the_version_the_page_showed(
    anna_client, eva_sick, anna, bram_on_eva, today
):
    task = _task(eva_sick, anna, anna, today)
    url = reverse("cases:task", args=[eva_sick.pk, task.pk])
    anna_client.post(
        url,
        {"action": "reassign", "assignee": bram_on_eva.pk, "due": "2026-12-01", "lock_version": 0},
    )
    task.refresh_from_db()
    assert (task.assignee, task.due, task.lock_version) == (bram_on_eva, date(2026, 12, 1), 1)
    assert Duty.objects.get(task=task).assignee == bram_on_eva
    stale = anna_client.post(url, {"action": "cancelled", "lock_version": 0})
    assert "Someone else changed this task" in stale.content.decode()
    anna_client.post(url, {"action": "cancelled", "lock_version": 1})
    task.refresh_from_db()
    assert task.status == "cancelled" and not Duty.objects.filter(task=task).exists()


def test_a_call_with_a_follow_up_date_becomes_a_task_for_who_recorded_it(
    anna_client, eva_sick, anna, today
):
    response = anna_client.post(
        reverse("cases:event_new", args=[eva_sick.pk]),
        {
            "kind": "phone_call",
            "date": "2026-11-20",
            "note": "Called about the schedule",
            "follow_up_on": "2026-11-26",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.assignee, task.due, task.follows_up.kind) == (
        anna,
        date(2026, 11, 26),
        "phone_call",
    )
    assert task.title == "Follow up: phone call of 20 November 2026"
    assert Duty.objects.filter(task=task).exists()
    refused = anna_client.post(
        reverse("cases:event_new", args=[eva_sick.pk]),
        {"kind": "problem_analysis", "date": "2026-11-20", "follow_up_on": "2026-11-26"},
    )
    assert refused.status_code == 200 and refused.context["form"].errors["follow_up_on"]
    assert eva_sick.events.filter(kind="problem_analysis").count() == 0  # nothing half-saved


def test_another_organisation_reaches_no_task(client, eva_sick, anna, carla, today):
    task = _task(eva_sick, anna, anna, today)
    client.force_login(carla)
    url = reverse("cases:task", args=[eva_sick.pk, task.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "done", "lock_version": 0}).status_code == 404
    task.refresh_from_db()
    assert task.status == "open"
