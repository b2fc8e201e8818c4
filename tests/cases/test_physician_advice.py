"""The physician's release reaches the people it is for (issue 13 item 5): the employer's case page
(full and reduced) shows the current advice and its history, the plan of action and the progress
review start from it, the employee reads it in the portal, and every read is in the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.accounts.roles import Role
from openverzuim.medical import services as medical_services
from tests.privacy.conftest import member

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


@pytest.fixture
def release(eva_sick, dirk, today):
    def make(on: date, limitations: str, corrects=None, duration: str = "About six weeks"):
        return medical_services.release_add(
            case=eva_sick,
            author=dirk,
            today=today,
            released_on=on,
            corrects=corrects,
            limitations=limitations,
            possibilities="Counter work, seated, four hours a day",
            expected_duration=duration,
            work_advice="A high stool at the counter",
        )

    return make


@pytest.fixture
def two_releases(release):
    first = release(date(2026, 10, 1), "No lifting above 10 kg")
    return first, release(
        date(2026, 11, 20), "No lifting above 5 kg", corrects=first, duration="About eight weeks"
    )


def test_the_case_page_shows_the_current_advice_and_its_history_newest_first(
    anna_client, eva_sick, two_releases
):
    page = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    current, older = page.index("No lifting above 5 kg"), page.index("No lifting above 10 kg")
    assert current < older  # the current advice first, the history after it
    for part in (
        "Advice of 20 Nov 2026 · Dirk",
        "corrects the advice of 1 Oct 2026",
        "Counter work, seated, four hours a day",
        "About eight weeks",
        "A high stool at the counter",
        "1 earlier advice",
    ):
        assert part in page
    assert reverse("documents:new", args=[eva_sick.pk, "action_plan"]) in page


def test_a_case_without_advice_says_so(anna_client, eva_sick):
    page = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    assert "The company doctor has not released any advice for this case yet." in page


def test_the_line_manager_sees_the_advice_on_the_reduced_page(
    client, eva_sick, bakery, two_releases
):
    """A line manager organises the work, so the functional limitations are for her too; she
    cannot start a plan of action, so the page offers none."""
    lena = member("lena", bakery, Role.LINE_MANAGER, department=eva_sick.employee.department)
    client.force_login(lena)
    response = client.get(reverse("cases:detail", args=[eva_sick.pk]))
    assert response.templates[0].name == "cases/case_reduced.html"
    page = response.content.decode()
    assert "No lifting above 5 kg" in page and "A high stool at the counter" in page
    assert reverse("documents:new", args=[eva_sick.pk, "action_plan"]) not in page
    entry = AuditEntry.objects.filter(user_id=lena.pk, action="read").latest("pk")
    assert entry.case_id == eva_sick.pk and "physician's advice" in entry.fields


def test_another_employer_never_sees_the_advice(client, carla, eva_sick, two_releases):
    client.force_login(carla)
    assert client.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 404


def test_reading_the_advice_is_part_of_the_audited_case_read(
    anna_client, anna, eva_sick, two_releases
):
    before = AuditEntry.objects.filter(user_id=anna.pk, action="read").count()
    anna_client.get(reverse("cases:detail", args=[eva_sick.pk]))
    reads = AuditEntry.objects.filter(user_id=anna.pk, action="read")
    assert reads.count() == before + 1
    assert reads.latest("pk").case_id == eva_sick.pk and reads.latest("pk").subject == "case"


@pytest.mark.parametrize("type_code", ["action_plan", "progress_review"])
def test_the_plan_and_the_review_start_from_the_latest_advice(
    anna_client, anna, eva_sick, two_releases, type_code
):
    response = anna_client.get(reverse("documents:new", args=[eva_sick.pk, type_code]))
    field = response.content.decode().split('name="physician_advice"', 1)[1].split("</textarea>")[0]
    for part in (
        "Dirk",
        "20 November 2026",
        "Functional limitations: No lifting above 5 kg",
        "Possibilities: Counter work, seated",
        "Expected duration: About eight weeks",
        "Advice on work and adjustments: A high stool at the counter",
    ):
        assert part in field
    assert "10 kg" not in field  # the corrected advice is history, not the plan's basis
    entry = AuditEntry.objects.filter(user_id=anna.pk, action="read").latest("pk")
    assert entry.subject == f"new {type_code}" and "physician's advice" in entry.fields


def test_the_plan_starts_empty_without_advice_and_the_employer_edits_what_it_got(
    anna_client, eva_sick, release
):
    page = anna_client.get(reverse("documents:new", args=[eva_sick.pk, "action_plan"])).content
    assert b'name="physician_advice" rows="4"></textarea>' in page
    release(date(2026, 11, 20), "No lifting above 5 kg")
    from tests.documents.conftest import VALID

    data = {
        **{k: v for k, v in VALID["action_plan"].items() if isinstance(v, str)},
        "physician_advice": "Agreed: no lifting; a stool",
        "free_text": "",
    }
    for name in ("employer_activities", "employee_activities"):
        for column, value in VALID["action_plan"][name][0].items():
            data[f"{name}-0-{column}"] = value
    response = anna_client.post(reverse("documents:new", args=[eva_sick.pk, "action_plan"]), data)
    assert response.status_code == 302
    assert (
        eva_sick.documents.get().latest().content["physician_advice"]
        == "Agreed: no lifting; a stool"
    )


def test_the_physicians_problem_analysis_takes_the_parts_of_the_advice(
    client, dirk, eva_sick, two_releases, verified_login
):
    verified_login(client, dirk)
    page = client.get(reverse("documents:new", args=[eva_sick.pk, "problem_analysis"]))
    text = page.content.decode()
    assert "No lifting above 5 kg" in text.split('name="limitations"')[1].split("</textarea>")[0]
    assert "About eight weeks" in text.split('name="prognosis"')[1].split("</textarea>")[0]


def test_the_employee_reads_the_advice_in_her_portal(client, eva_user, eva_sick, two_releases):
    client.force_login(eva_user)
    page = client.get(reverse("portal:my_case")).content.decode()
    assert "The company doctor's advice to your employer" in page
    assert page.index("No lifting above 5 kg") < page.index("No lifting above 10 kg")
    assert "A high stool at the counter" in page
