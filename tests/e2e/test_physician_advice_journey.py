"""Journey (issue 13 item 5): the company doctor releases advice (her text is checked for medical
words, she rephrases, previews exactly what the employer will read and releases it); the employer
sees it on the case page and starts the plan of action from it, prefilled."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Case, Employee
from openverzuim.medical.models import Release
from tests.e2e.steps import log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, databases=["default", "medical"]),
]


@pytest.fixture
def case(settings, tmp_path) -> Case:
    settings.MEDIA_ROOT = tmp_path / "media"
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    arbodienst = Organisation.objects.create(
        name="Arbodienst Noorderlicht", kind=Organisation.Kind.ARBODIENST
    )
    bakery.served_by = arbodienst
    bakery.save(update_fields=["served_by"])
    anna = User.objects.create_user(
        "anna", "anna@example.nl", "secret-password-1", first_name="Anna"
    )
    Membership.objects.create(user=anna, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    fenna = User.objects.create_user(
        "fenna", "fenna@example.nl", "secret-password-1", first_name="Fenna", last_name="Bos"
    )
    Membership.objects.create(user=fenna, organisation=arbodienst, role=Role.OCCUPATIONAL_PHYSICIAN)
    TOTPDevice.objects.create(user=fenna, name="phone", confirmed=True)
    eva = Employee.objects.create(
        organisation=bakery, first_name="Eva", last_name="de Vries", employee_number="1001"
    )
    today = timezone.localdate()
    services.employment_create(
        employee=eva,
        start=today - timedelta(days=900),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    return services.sick_report_create(
        employee=eva, first_sick_day=today - timedelta(days=30), by=anna, today=today
    ).case


def _second_factor(page) -> None:
    device = TOTPDevice.objects.get(user__username="fenna")
    page.fill(
        "input[name=token]", f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    )
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_the_doctor_releases_advice_and_the_employer_starts_the_plan_from_it(
    page, case, screenshot
):
    log_in(page, "fenna")
    page.goto(f"/medical/cases/{case.pk}/releases/new/")
    assert "/accounts/two-factor/verify/" in page.url, page.url
    _second_factor(page)
    assert page.url.endswith(f"/medical/cases/{case.pk}/releases/new/"), page.url
    page.fill("#id_limitations", "Hernia en burn-out, depressieve klachten")
    page.fill("#id_possibilities", "Zittend werk aan de kassa, vier uur per dag")
    page.fill("#id_expected_duration", "Ongeveer zes weken")
    page.fill("#id_work_advice", "Een hoge kruk bij de kassa; geen tilwerk")
    page.click("main form button[type=submit]")
    warning = page.locator("#id_limitations-error")
    assert "hernia, burn-out, depressieve" in warning.inner_text()
    screenshot("advice-1-medical-words-refused")
    page.fill("#id_limitations", "Niet tillen boven 5 kg; niet langer dan een uur staan")
    page.click("main form button[type=submit]")
    assert "Dit is precies wat Bakkerij De Korenschoof te lezen krijgt" in page.content()
    assert Release.objects.count() == 0
    screenshot("advice-2-preview")
    page.click("button[name=release]")
    page.wait_for_url(f"**/medical/cases/{case.pk}/")
    assert Release.objects.count() == 1

    log_in(page, "anna")
    assert "Nieuw advies van de bedrijfsarts voor Eva de Vries" in page.content()  # the worklist
    page.click("a[href$='#advice']")
    page.wait_for_url(f"**/cases/{case.pk}/**")
    advice = page.locator("section.advice").first
    assert "Niet tillen boven 5 kg" in advice.inner_text()
    assert "Fenna Bos" in advice.inner_text()
    screenshot("advice-3-case-page")
    page.click(f"a[href='/documents/cases/{case.pk}/new/action_plan/']")
    page.wait_for_url(f"**/documents/cases/{case.pk}/new/action_plan/")
    prefilled = page.input_value("#id_physician_advice")
    assert "Functionele beperkingen: Niet tillen boven 5 kg" in prefilled
    assert "Advies over werk en aanpassingen: Een hoge kruk bij de kassa" in prefilled
    screenshot("advice-4-plan-prefilled")
