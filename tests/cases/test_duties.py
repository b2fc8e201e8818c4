"""The persisted duty table: one writer (cases.duties), one reader (selectors.duties_for), and pages
that read it with a constant number of queries."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import openverzuim
from openverzuim.cases import selectors, services
from openverzuim.cases.duties import expected_for
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Case, Duty, Employee
from openverzuim.law.timeline import MILESTONE_RULES

FIELDS = ("milestone", "due", "window_start", "status", "done_on")


def _stored(case: Case) -> list[tuple]:
    return sorted(Duty.objects.filter(case=case).values_list(*FIELDS))


def _engine(case: Case, today: date) -> list[tuple]:
    return sorted(
        (r.milestone, r.due, r.window_start, r.status, r.done_on)
        for r in expected_for(case.pk, today)
    )


def _sick(organisation, n: int, by, today: date, first_sick_day: date | None = None) -> Case:
    employee = Employee.objects.create(
        organisation=organisation,
        first_name=f"Medewerker{n}",
        last_name=f"Achternaam {n:03d}",
        employee_number=f"9{n:03d}",
    )
    start = first_sick_day or today - timedelta(days=3 + 11 * n)
    return services.sick_report_create(
        employee=employee, first_sick_day=start, by=by, today=today
    ).case


def test_a_sick_report_writes_one_row_per_milestone_and_stores_no_overdue(eva_sick, today):
    rows = Duty.objects.filter(case=eva_sick)
    assert sorted(rows.values_list("milestone", flat=True)) == sorted(r.id for r in MILESTONE_RULES)
    assert set(rows.values_list("status", flat=True)) <= {"open", "not_applicable"}
    assert {r.organisation_id for r in rows} == {eva_sick.organisation_id}
    engine = {m.id: m for m in case_timeline(eva_sick, today).milestones}
    assert engine["problem_analysis"].status == "overdue"
    assert rows.get(milestone="problem_analysis").status == "open"
    eva_sick.refresh_from_db()
    assert (eva_sick.next_due_on, eva_sick.next_due_milestone) == (
        date(2026, 1, 11),
        "occupational_health_notified",
    )


def test_overdue_follows_the_day_asked_without_any_write(eva_sick, anna, today):
    due = Duty.objects.get(case=eva_sick, milestone="uwv_42_week_report").due
    with CaptureQueriesContext(connection) as queries:
        before = selectors.duties_for(user=anna, today=due).rows
        after = selectors.duties_for(user=anna, today=due + timedelta(days=1)).rows
    assert not any(
        q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
        for q in queries.captured_queries
    )
    assert not next(d for d in before if d.milestone == "uwv_42_week_report").overdue
    assert next(d for d in after if d.milestone == "uwv_42_week_report").overdue


def test_an_event_through_the_page_updates_the_row_though_the_case_was_prefetched(
    anna_client, eva_sick, today
):
    """The page hands the service a case with its events prefetched: the refresh must reread."""
    anna_client.post(
        reverse("cases:event_new", args=[eva_sick.pk]),
        {"kind": "problem_analysis", "date": "2026-02-10"},
    )
    row = Duty.objects.get(case=eva_sick, milestone="problem_analysis")
    assert (row.status, row.done_on) == ("done", date(2026, 2, 10))
    assert _stored(eva_sick) == _engine(eva_sick, today)


def test_closing_a_case_removes_its_duties(eva_sick, anna, today):
    services.recovery_report_create(
        case=eva_sick, recovered_on=date(2026, 3, 2), by=anna, today=today
    )
    services.case_close(case=eva_sick, closed_on=date(2026, 3, 3), by=anna, today=today)
    assert not Duty.objects.filter(case=eva_sick).exists()
    assert selectors.duties_for(user=anna, today=today).rows == []


def test_duties_for_reads_only_the_users_cases_and_counts_in_the_database(
    eva_sick, anna, carla, bakery, today
):
    assert selectors.duties_for(user=carla, today=today).rows == []  # another employer
    _sick(bakery, 1, anna, today)
    work = selectors.duties_for(user=anna, today=today, limit=3)
    pending = Duty.objects.filter(organisation=bakery, status="open").exclude(due=None)
    assert len(work.rows) == 3
    assert work.overdue == pending.filter(due__lt=today).count()
    assert work.overdue + work.this_week + work.coming_up + work.later == pending.count()
    assert [d.due for d in work.rows] == sorted(d.due for d in work.rows)
    assert work.rows[0].due == pending.order_by("due").first().due


def test_the_worklist_links_the_duties_it_only_counts_to_a_paged_list(anna_client, eva_sick, today):
    html = anna_client.get(reverse("cases:worklist")).content.decode()
    assert reverse("cases:worklist_later") in html
    page = anna_client.get(reverse("cases:worklist_later")).context["page"]
    horizon = today + timedelta(days=selectors.COMING_UP_DAYS)
    assert [d.milestone for d in page.object_list] and all(d.due > horizon for d in page)
    assert anna_client.get(reverse("cases:worklist_later"), {"page": "x"}).status_code == 200


def test_the_count_of_later_duties_stops_where_a_person_stops_reading(
    anna_client, anna, eva_sick, today, monkeypatch
):
    """Beyond the six weeks shown the worklist counts up to COUNTED and then says "more than": a
    large caseload's later rows are not all read to print one number."""
    horizon = today + timedelta(days=selectors.COMING_UP_DAYS)
    later = Duty.objects.filter(case=eva_sick, status="open", due__gt=horizon).count()
    assert later >= 3
    monkeypatch.setattr(selectors, "COUNTED", later - 1)
    work = selectors.worklist_for(user=anna, today=today)
    assert work.later == later and work.later_uncounted
    html = anna_client.get(reverse("cases:worklist"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f"Meer dan {later - 1} taken later." in html
    monkeypatch.setattr(selectors, "COUNTED", later)
    work = selectors.worklist_for(user=anna, today=today)
    assert work.later == later and not work.later_uncounted
    html = anna_client.get(reverse("cases:worklist"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f"Nog {later} taken later." in html


def test_each_count_of_the_worklist_stops_at_its_cap_and_says_more_than(
    anna_client, anna, bakery, today, monkeypatch
):
    """Overdue, this week and coming up are counted exactly up to COUNTED; above it the heading
    says "meer dan" and the line under the rows gives a lower bound, never a wrong number; all
    four counts are one query, each reading at most COUNTED + 1 rows."""
    for n in range(1, 7):  # weeks to months into their sickness: overdue and coming up
        _sick(bakery, n, anna, today, first_sick_day=today - timedelta(days=2 + 17 * n))
    pending = Duty.objects.filter(organisation=bakery, status="open").exclude(due=None)
    week_end = today + timedelta(days=7)
    horizon = today + timedelta(days=selectors.COMING_UP_DAYS)
    exact = [
        pending.filter(due__lt=today).count(),
        pending.filter(due__gte=today, due__lte=week_end).count(),
        pending.filter(due__gt=week_end, due__lte=horizon).count(),
        pending.filter(due__gt=horizon).count(),
    ]
    assert exact[0] >= 3 and exact[1] + exact[2] >= 1, exact
    work = selectors.worklist_for(user=anna, today=today)
    assert [work.overdue, work.this_week, work.coming_up, work.later] == exact
    assert not work.uncounted

    monkeypatch.setattr(selectors, "COUNTED", 2)
    with CaptureQueriesContext(connection) as queries:
        work = selectors.worklist_for(user=anna, today=today)
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and counts[0].count("LIMIT 3") == 4
    assert [work.overdue, work.this_week, work.coming_up, work.later] == [min(n, 3) for n in exact]
    assert work.uncounted
    shown = sum(min(n, 2) for n in exact[:3]) - len(work.rows)
    assert work.cut == shown and shown < sum(exact[:3]) - len(work.rows)
    html = anna_client.get(reverse("cases:worklist"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<span class="count">meer dan 2</span>' in html, re.findall(r"<h2>.*?</h2>", html)
    if shown > 0:
        assert f"Meer dan {shown} taken die hier niet staan" in html


def test_recompute_repairs_the_table_and_check_reports_disagreement(eva_sick, today):
    Duty.objects.filter(case=eva_sick, milestone="action_plan").update(due=date(2030, 1, 1))
    Duty.objects.filter(case=eva_sick, milestone="wia_application").delete()
    with pytest.raises(CommandError, match="2 duty row"):
        call_command("duties_check", "--today", today.isoformat(), stdout=StringIO())
    out = StringIO()
    call_command("duties_recompute", "--today", today.isoformat(), stdout=out)
    assert "1 open case(s) recomputed, 2 duty row(s) changed" in out.getvalue()
    assert "cases/s" in out.getvalue()
    out = StringIO()
    call_command("duties_check", "--sample", "5", "--today", today.isoformat(), stdout=out)
    assert "1 case(s) checked: the duty table agrees" in out.getvalue()
    with pytest.raises(CommandError, match="--sample=0"):
        call_command("duties_check", "--sample", "0")
    with pytest.raises(CommandError, match="--today='soon'"):
        call_command("duties_recompute", "--today", "soon")


def test_recompute_in_batches_touches_nothing_that_agrees(bakery, anna, today):
    for n in range(5):
        _sick(bakery, n, anna, today)
    out = StringIO()
    call_command("duties_recompute", "--batch-size", "2", "--today", today.isoformat(), stdout=out)
    assert "5 open case(s) recomputed, 0 duty row(s) changed" in out.getvalue()


def test_the_slices_are_disjoint_and_cover_every_open_case(bakery, anna, today):
    from openverzuim.cases.duties import open_case_slices

    for n in range(7):
        _sick(bakery, n, anna, today)
    ids = sorted(Case.objects.values_list("pk", flat=True))
    for size in (1, 2, 3, 7, 20):
        slices = list(open_case_slices(size))
        parts = [[pk for pk in ids if low <= pk <= high] for low, high in slices]
        assert sorted(pk for part in parts for pk in part) == ids  # each case exactly once
        assert all(0 < len(part) <= size for part in parts)


def test_recompute_with_jobs_refuses_a_silly_number():
    with pytest.raises(CommandError, match="--jobs"):
        call_command("duties_recompute", "--jobs", "0")


@pytest.mark.django_db(transaction=True)
def test_recompute_in_several_processes_repairs_every_case_once(bakery, anna, today):
    """Each process opens its own connection, so the rows must be committed: PostgreSQL only."""
    if connection.vendor != "postgresql":
        pytest.skip("several writing processes need PostgreSQL")
    for n in range(6):
        _sick(bakery, n, anna, today)
    Duty.objects.filter(milestone="action_plan").update(due=date(2030, 1, 1))
    out = StringIO()
    call_command("duties_recompute", "--jobs", "3", "--today", today.isoformat(), stdout=out)
    assert "6 open case(s) recomputed, 6 duty row(s) changed" in out.getvalue()
    assert not Duty.objects.filter(due=date(2030, 1, 1)).exists()


# ── Nothing else decides open or overdue ─────────────────────────────────────────────────────────

APP = Path(openverzuim.__file__).parent
#: law/ defines the statuses; the duty module stores and queries them.
ALLOWED = {APP / "cases" / "duties.py", APP / "cases" / "models" / "duty.py"}
#: A milestone's status compared with open or overdue: `m.status in ("open", "overdue")`,
#: `milestone.status == "overdue"`, `m.status == OVERDUE`, `status__in=["open"]` (a case's own
#: open/closed, `case_list_for(status="open")`, is another thing and is not matched).
STATUS_TEST = re.compile(
    r"""\.status\s*(==|!=|\bin\b)\s*[(\[]?\s*(["'](open|overdue)["']|OPEN|OVERDUE)"""
    r"""|status__in\s*=\s*[(\[]\s*["'](open|overdue)["']"""
)


def test_no_module_or_template_outside_the_duty_path_filters_by_open_or_overdue():
    offenders = []
    for path in sorted(APP.rglob("*")):
        if path.suffix not in (".py", ".html", ".txt") or path in ALLOWED:
            continue
        if path.relative_to(APP).parts[0] == "law" or "migrations" in path.parts:
            continue
        offenders += [
            f"{path.relative_to(APP)}:{number}: {line.strip()}"
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if STATUS_TEST.search(line)
        ]
    assert offenders == []


def test_the_status_test_finds_the_old_filters():
    assert STATUS_TEST.search('if m.due is not None and m.status in ("open", "overdue")][:4]')
    assert STATUS_TEST.search('{% if duty.milestone.status == "overdue" %}')
    assert STATUS_TEST.search("items += [Item(m.due, case, m.id, m.status == OVERDUE)")
    assert not STATUS_TEST.search('{% if duty.milestone.status == "done" %}')
    assert not STATUS_TEST.search('case_list_for(user=user, status="open")')


# ── The engine once per case, and a constant number of queries ───────────────────────────────────


def _cases(bakery, anna, today, n: int) -> None:
    for i in range(n):
        _sick(bakery, i, anna, today)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["cases:worklist", "guide:this_week", "cases:worklist_later"])
def test_the_duty_pages_issue_as_many_queries_for_30_cases_as_for_3(
    anna_client, bakery, anna, today, url
):
    _cases(bakery, anna, today, 3)
    few = _count(anna_client, reverse(url))
    for i in range(3, 30):
        _sick(bakery, i, anna, today)
    assert _count(anna_client, reverse(url)) == few


def test_the_digest_and_calendar_feed_issue_as_many_queries_for_30_cases_as_for_3(
    client, bakery, anna, today, mailbox_anna
):
    from openverzuim.reminders import digest
    from openverzuim.reminders import services as reminder_services

    token = reminder_services.calendar_feed_renew(user=anna).token
    counts = []
    for start, end in ((0, 3), (3, 30)):
        for i in range(start, end):
            _sick(bakery, i, anna, today)
        with CaptureQueriesContext(connection) as queries:
            digest.send_digest(anna, today + timedelta(days=end))  # a new day: a new digest
            assert client.get(reverse("reminders:calendar_feed", args=[token])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.fixture
def mailbox_anna(anna):
    anna.email = "anna@example.nl"
    anna.save(update_fields=["email"])


def test_the_worklist_runs_no_engine_and_the_case_page_runs_it_once(
    anna_client, bakery, anna, today
):
    _cases(bakery, anna, today, 5)
    case = Case.objects.first()
    with mock.patch(
        "openverzuim.cases.engine.case_facts", wraps=openverzuim.cases.engine.case_facts
    ) as facts:
        anna_client.get(reverse("cases:worklist"))
        assert facts.call_count == 0
        anna_client.get(reverse("cases:detail", args=[case.pk]))
        assert facts.call_count == 1


def test_the_case_manager_is_the_duties_assignee(eva_sick, anna, bram, today):
    assert selectors.duties_for(user=anna, today=today, assignee=bram.pk).rows == []
    eva_sick.case_manager = bram
    eva_sick.save(update_fields=["case_manager"])
    services.event_record(case=eva_sick, kind="phone_call", date=today, by=anna, today=today)
    mine = selectors.duties_for(user=anna, today=today, assignee=bram.pk)
    assert mine.rows and {d.case_id for d in mine.rows} == {eva_sick.pk}


def test_a_case_manager_reads_only_the_duties_of_the_cases_assigned_to_them(
    eva_sick, anna, bram, bakery, today
):
    other = _sick(bakery, 1, anna, today)
    assert selectors.duties_for(user=bram, today=today).rows == []
    eva_sick.case_manager = bram
    eva_sick.save(update_fields=["case_manager"])
    assert {d.case_id for d in selectors.duties_for(user=bram, today=today).rows} == {eva_sick.pk}
    assert {d.case_id for d in selectors.duties_for(user=anna, today=today).rows} == {
        eva_sick.pk,
        other.pk,
    }
