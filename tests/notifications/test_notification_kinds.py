"""Each kind of notification reaches the right people once, and nobody else: not a colleague
without access to the case, not the employee's employer's neighbour (carla), not twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import translation

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import assignment, tasks
from openverzuim.cases import services as case_services
from openverzuim.cases.models import Duty, Employee
from openverzuim.measures import services as measure_services
from openverzuim.medical import services as medical_services
from openverzuim.notifications.models import Notification
from openverzuim.notifications.text import render
from openverzuim.reminders import digest
from openverzuim.reminders.due_notices import notify_due

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def told(kind: str) -> list[str]:
    """The usernames told of `kind`, in order."""
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


@pytest.fixture
def people(anna, bram, carla, dirk, eva_user):
    """Every persona exists, carla's employer with a sick employee of its own."""
    other = Employee.objects.create(
        organisation=carla.memberships.get().organisation,
        first_name="Olaf",
        last_name="Smit",
        employee_number="2001",
    )
    case_services.sick_report_create(
        employee=other, first_sick_day=date(2026, 11, 2), by=carla, today=date(2026, 11, 22)
    )
    return {"anna": anna, "bram": bram, "carla": carla, "dirk": dirk, "eva": eva_user}


def test_a_self_report_in_the_portal_tells_the_employer_not_the_neighbour(client, people, today):
    client.force_login(people["eva"])
    response = client.post(
        "/my/report-sick/", {"first_sick_day": "2026-11-20", "expected_duration": "week"}
    )
    assert response.status_code == 302
    assert told("self_report") == ["anna"]  # bram is no case manager of it; carla is elsewhere
    assert told("new_case") == ["dirk"]  # the physician of the bakery's arbodienst
    (notice,) = Notification.objects.filter(kind="self_report")
    with translation.override("nl"):
        assert (
            render(notice)
            == "Eva de Vries heeft zich ziek gemeld in het portaal, vanaf 20 november 2026."
        )
    assert [m.to for m in mail.outbox] == [["anna@example.nl"], ["dirk@example.nl"]]


def test_a_report_by_the_employer_tells_the_physician_but_is_no_self_report(people, eva, today):
    case_services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 11, 20), by=people["anna"], today=today
    )
    assert told("self_report") == []
    assert told("new_case") == ["dirk"]


def test_calling_in_the_arbodienst_asks_its_physician_for_a_problem_analysis(
    people, eva_sick, today
):
    event = case_services.event_record(
        case=eva_sick,
        kind="occupational_health_notified",
        date=today,
        by=people["anna"],
        today=today,
    )
    assert told("analysis_requested") == ["dirk"]
    assert Notification.objects.get(kind="analysis_requested").dedupe_key == f"event:{event.pk}"


def test_the_new_case_manager_hears_of_her_case_once(people, eva_sick, today):
    assign = dict(case=eva_sick, by=people["anna"], today=today, case_manager=people["bram"])
    assignment.case_assign(seen=assignment.state_of(eva_sick), **assign)
    eva_sick.refresh_from_db()
    # Off and on again the same day: still one notification.
    assignment.case_assign(**{**assign, "case_manager": None}, seen=assignment.state_of(eva_sick))
    eva_sick.refresh_from_db()
    assignment.case_assign(seen=assignment.state_of(eva_sick), **assign)
    assert told("case_assigned") == ["bram"]
    assert Notification.objects.get(kind="case_assigned").route == "cases:detail"


def test_the_employee_hears_of_a_wage_measure(people, eva_sick, today):
    measure_services.wage_measure_create(
        case=eva_sick,
        by=people["anna"],
        today=today,
        kind="suspension",
        ground="lid6",
        cause_known_on=today,
        employee_told_on=today,
        start=today,
        rules_in_writing=True,
    )
    assert told("wage_measure") == ["eva"]


def test_a_plan_waits_for_her_signature_and_her_signature_reaches_the_employer(people, draft, sign):
    document = draft("action_plan")
    sign(document, only=("employer",))
    assert told("document_to_sign") == ["eva"]
    assert told("signature_arrived") == []
    sign(document, only=("employee",))
    assert told("signature_arrived") == ["anna"]
    signed = Notification.objects.get(kind="signature_arrived")
    with translation.override("en"):  # the document type in the reader's language, when read
        assert render(signed) == "Eva de Vries signed Plan of action."
    with translation.override("nl"):
        assert "Plan van aanpak" in render(signed)


def test_an_invitation_to_a_review_tells_her_the_date(people, draft, sign):
    document = draft("review_invitation")
    sign(document)
    (notice,) = Notification.objects.filter(kind="review_planned")
    assert notice.recipient == people["eva"]
    assert notice.params["day"] == document.latest().content["meeting_date"]


def test_released_advice_tells_the_employer_that_it_came(people, eva_sick, today):
    medical_services.release_add(
        case=eva_sick,
        author=people["dirk"],
        today=today,
        released_on=today,
        limitations="No lifting.",
        possibilities="Seated work.",
        expected_duration="Two weeks",
        work_advice="A stool.",
    )
    assert told("advice_released") == ["anna"]
    (notice,) = Notification.objects.filter(kind="advice_released")
    assert "lifting" not in str(notice.params) + render(notice)


def test_the_daily_job_tells_of_overdue_duties_and_tasks_due_once(people, eva_sick, today):
    eva_sick.case_manager = people["bram"]
    eva_sick.save(update_fields=["case_manager"])
    case_services.event_record(
        case=eva_sick, kind="phone_call", date=today, by=people["anna"], today=today
    )
    tasks.task_create(
        case=eva_sick,
        title="Terugbellen",
        due=today,
        assignee=people["bram"],
        by=people["anna"],
        today=today,
    )
    digest.run(today - timedelta(days=1))  # the task is not due yet
    assert told("task_due") == []
    digest.run(today)
    digest.run(today)
    assert told("task_due") == ["bram"]
    # Eva's duties fell due months ago: told of only in the week after (the digest lists them).
    assert told("duty_overdue") == []
    _falls_due(eva_sick, today - timedelta(days=2))
    notify_due(today)
    notify_due(today + timedelta(days=1))
    assert told("duty_overdue") == ["bram"]  # the case manager, not the administrator, once


def _falls_due(case, day):
    """One of the case's pending duties fell due on `day` (as the engine would write it)."""
    duty = Duty.objects.filter(case=case, status="open").exclude(milestone="task").first()
    Duty.objects.filter(pk=duty.pk).update(due=day)
    return duty


def test_an_overdue_duty_without_a_case_manager_goes_to_the_administrators(people, eva_sick, today):
    duty = _falls_due(eva_sick, today - timedelta(days=1))
    notify_due(today)
    assert told("duty_overdue") == ["anna"]
    notice = Notification.objects.get(kind="duty_overdue")
    assert notice.params["duty"] == duty.milestone
    with translation.override("nl"):
        assert render(notice).endswith("is te laat sinds 21 november 2026.")
    assert not Notification.objects.filter(recipient=people["carla"], case_id=eva_sick.pk)


def test_nobody_of_the_other_employer_hears_anything_of_the_bakery(people, eva_sick, today):
    Membership.objects.create(
        user=people["carla"],
        organisation=people["carla"].memberships.get().organisation,
        role=Role.CASE_MANAGER,
    )
    case_services.event_record(
        case=eva_sick,
        kind="occupational_health_notified",
        date=today,
        by=people["anna"],
        today=today,
    )
    _falls_due(eva_sick, today - timedelta(days=1))
    notify_due(today)
    digest.run(today)
    bakery = eva_sick.organisation_id
    assert Notification.objects.filter(organisation_id=bakery).exists()
    assert not Notification.objects.filter(organisation_id=bakery, recipient=people["carla"])
    assert all("carla@example.nl" not in m.to for m in mail.outbox if "Eva" in m.body)


def test_choosing_the_employer_side_does_not_ask_every_employee_login(anna, eva_sick, bakery):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openverzuim.cases.notices import employer_side

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert list(employer_side(eva_sick)) == [anna]
        return len(queries)

    few = cost()
    for i in range(20):
        user = User.objects.create_user(f"staff{i}", f"staff{i}@example.nl", "x")
        Membership.objects.create(user=user, organisation=bakery, role=Role.EMPLOYEE)
    assert cost() == few
