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
    user = User.objects.create_user(
        "anna", "anna@example.nl", "secret-password-1", first_name="Anna"
    )
    Membership.objects.create(user=user, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    eva = Employee.objects.create(
        organisation=bakery, first_name="Eva", last_name="de Vries", employee_number="1001"
    )
    services.employment_create(
        employee=eva,
        start=timezone.localdate() - timedelta(days=900),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
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
    marker = page.locator('svg a.marker.status-done[href="#md-problem_analysis"]')
    assert marker.count() == 1
    details = page.locator("#md-problem_analysis")
    assert not details.is_visible()
    marker.click()
    assert details.is_visible()  # the details a touch screen cannot get from a hover title
    assert "Probleemanalyse" in details.inner_text() and "art." in details.inner_text()
    path = screenshot("2-problem-analysis-done")
    assert path.stat().st_size > 10_000


def test_on_a_touch_screen_tapping_a_marker_shows_its_date_explanation_and_article(
    browser, live_server, anna, screenshot
):
    """A <title> shows on hover only; a tap must open the details too."""
    eva = Employee.objects.get()
    case = services.sick_report_create(
        employee=eva,
        by=anna,
        today=timezone.localdate(),
        first_sick_day=timezone.localdate() - timedelta(days=60),
    ).case
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        has_touch=True,
        is_mobile=True,
        viewport={"width": 390, "height": 844},
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    phone.goto("/accounts/login/")
    phone.fill("input[name=username]", "anna")
    phone.fill("input[name=password]", "secret-password-1")
    phone.locator("main form.form button[type=submit]").tap()
    phone.wait_for_url(f"{live_server.url}/")
    phone.goto(f"/cases/{case.pk}/")
    details = phone.locator("#md-problem_analysis")
    assert not details.is_visible()
    phone.locator('svg a.marker[href="#md-problem_analysis"] circle.hit').tap()
    assert details.is_visible()
    text = details.inner_text()
    assert "Probleemanalyse" in text and "Regeling procesgang" in text
    screenshot("3-phone-milestone-details", phone)
    context.close()
