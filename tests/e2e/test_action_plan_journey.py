"""Journey: the employer drafts a plan of action in the form generated from its spec and signs it; the
employee logs in, finds it under her documents and signs; the `action_plan` milestone turns done."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Case, Employee
from tests.e2e.steps import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case(settings, tmp_path) -> Case:
    settings.MEDIA_ROOT = tmp_path / "media"
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    anna = User.objects.create_user(
        "anna", "anna@example.nl", "secret-password-1", first_name="Anna"
    )
    Membership.objects.create(user=anna, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    eva_user = User.objects.create_user(
        "eva", "eva@example.nl", "secret-password-1", first_name="Eva"
    )
    Membership.objects.create(user=eva_user, organisation=bakery, role=Role.EMPLOYEE)
    eva = Employee.objects.create(
        organisation=bakery,
        first_name="Eva",
        last_name="de Vries",
        employee_number="1001",
        user=eva_user,
    )
    today = timezone.localdate()
    services.employment_create(
        employee=eva,
        start=today - timedelta(days=900),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    return services.sick_report_create(
        employee=eva, first_sick_day=today - timedelta(days=50), by=anna, today=today
    ).case


def _sign(page) -> None:
    page.click("a[href$='/v1/sign/']")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/documents/*/")


def test_employer_and_employee_sign_the_plan_and_the_milestone_turns_done(page, case, screenshot):
    term = (timezone.localdate() + timedelta(days=14)).isoformat()
    log_in(page, "anna")
    page.goto(f"/documents/cases/{case.pk}/new/action_plan/")
    assert "RPG art. 4 lid 2 sub c" in page.content()  # guidance under the case manager field
    page.fill("#id_goal", "Terug naar eigen werk, 32 uur")
    for side, owner in (("employer", "Anna"), ("employee", "Eva")):
        page.fill(f"input[name={side}_activities-0-description]", "Opbouw van uren")
        page.fill(f"input[name={side}_activities-0-owner]", owner)
        page.fill(f"input[name={side}_activities-0-term]", term)
    for name, text in (
        ("evaluation_moments", "Elke zes weken"),
        ("communication", "Wekelijks"),
        ("work_resumption", "Twee uur per dag"),
        ("duration", "Drie maanden"),
    ):
        page.fill(f"#id_{name}", text)
    page.fill("#id_case_manager", "Anna")
    screenshot("action-plan-1-form")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/documents/*/")
    assert page.locator(".still-to-sign").count() == 2
    _sign(page)
    assert page.locator(".still-to-sign").count() == 1

    log_in(page, "eva")
    page.goto("/documents/mine/")
    screenshot("action-plan-2-employee-documents")
    page.locator("table.documents a").first.click()
    page.wait_for_url("**/documents/*/")
    _sign(page)
    assert page.locator(".still-to-sign").count() == 0
    screenshot("action-plan-3-signed")

    log_in(page, "anna")
    page.goto(f"/cases/{case.pk}/")
    assert "done" in page.locator("#m-action_plan").get_attribute("class")
    path = screenshot("action-plan-4-milestone-done")
    assert path.stat().st_size > 10_000
