"""Journey (issue 8): the employee logs in on a phone, sees that the plan of action waits for her,
signs it under her documents, and sees on her own page that the duty is done: by her and by the
employer, as the engine says."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Employee
from openverzuim.documents import services as documents
from openverzuim.documents.policies import parties_of
from openverzuim.documents.spec import EMPLOYER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def plan(settings, tmp_path):
    """Eva, sick for 30 days; Anna drafted the plan of action and signed it for the employer."""
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    anna = User.objects.create_user("anna", "anna@example.nl", "secret-password-1")
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
    services.employment_create(
        employee=eva,
        start=today - timedelta(days=900),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    case = services.sick_report_create(
        employee=eva, first_sick_day=today - timedelta(days=30), by=anna, today=today
    ).case
    term = (today + timedelta(days=14)).isoformat()
    activity = [{"description": "Opbouw van uren", "owner": "Anna", "term": term}]
    content = {
        "goal": "Terug naar eigen werk, 32 uur",
        "employer_activities": activity,
        "employee_activities": activity,
        "evaluation_moments": "Elke zes weken",
        "case_manager": "Anna",
        "communication": "Wekelijks",
        "work_resumption": "2 uur per dag",
        "experts_and_facilities": "",
        "training": "",
        "duration": "Drie maanden",
    }
    parties = parties_of(anna, case)
    document = documents.document_create(
        case=case, type_code="action_plan", content=content, by=anna, parties=parties
    )
    version = document.versions.get()
    documents.version_sign(
        version=version,
        party=EMPLOYER,
        by=anna,
        parties=parties,
        today=today,
        expected_sha256=version.content_sha256,
    )
    return case


def test_the_employee_signs_the_plan_on_her_phone_and_sees_the_duty_done(
    browser, live_server, plan
):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    phone.goto("/accounts/login/")
    phone.fill("input[name=username]", "eva")
    phone.fill("input[name=password]", "secret-password-1")
    phone.click("main form.form button[type=submit]")
    phone.wait_for_url("**/my/")
    assert "Maak samen met uw werkgever het plan van aanpak" in phone.content()

    phone.goto("/documents/mine/")
    phone.locator("table.documents a").first.tap()
    phone.wait_for_url("**/documents/*/")
    phone.tap("a[href$='/v1/sign/']")
    phone.tap("main form.form button[type=submit]")
    phone.wait_for_url("**/documents/*/")
    assert phone.locator(".still-to-sign").count() == 0

    phone.goto("/my/")
    page = phone.content()
    assert "Maak samen met uw werkgever het plan van aanpak" not in page
    row = phone.locator("tr.status-done", has_text="Plan van aanpak")
    assert row.count() == 1 and "ja, op" in row.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "portal-plan-signed-phone.png"), full_page=True)
    context.close()
