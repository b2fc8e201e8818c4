"""Journey: an employer logs in, reports an employee sick, records the problem analysis, and sees the
milestone turn done on the timeline."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Case, Employee

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def anna():
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    user = User.objects.create_user("anna", "anna@example.nl", "secret-password-1",
                                    first_name="Anna")
    Membership.objects.create(user=user, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    eva = Employee.objects.create(organisation=bakery, first_name="Eva", last_name="de Vries",
                                  employee_number="1001")
    services.employment_create(employee=eva, start=timezone.localdate() - timedelta(days=900),
                               contract_hours=Decimal("32"), wage=Decimal("3000"))
    return user


def test_an_employer_reports_sick_and_sees_the_problem_analysis_turn_done(page, anna, screenshot):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "secret-password-1")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/")
    assert page.locator("h1").first.inner_text() == "Wat moet ik deze week doen"

    day1 = timezone.localdate() - timedelta(days=20)
    page.goto("/cases/report-sick/")
    page.select_option("select[name=employee]", label="Eva de Vries")
    page.fill("input[name=first_sick_day]", day1.isoformat())
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get()
    assert page.locator(".messages, [role=status]").first.is_visible()
    row = page.locator("#m-problem_analysis")
    assert "open" in row.get_attribute("class")
    screenshot("1-case-after-sick-report")

    row.get_by_role("link").click()
    page.wait_for_url(f"**/cases/{case.pk}/events/new/?kind=problem_analysis")
    page.fill("input[name=date]", (day1 + timedelta(days=10)).isoformat())
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert "done" in page.locator("#m-problem_analysis").get_attribute("class")
    marker = page.locator("svg a.marker.status-done")
    assert marker.count() >= 1
    path = screenshot("2-problem-analysis-done")
    assert path.stat().st_size > 10_000
