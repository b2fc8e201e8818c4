"""Journey (issue 4, issue 13): the employer invites a sick employee to the portal from her
employee page; nothing is linked until she accepts through the e-mailed one-time link, choosing a
password; she logs in, finds her own case, sees the acceptance under "who viewed my dossier", and
downloads everything held about her (the access request, which holds no medical content), asked
for her password again once the login is old.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.utils import timezone, translation

from openverzuim.accounts.audit import LOGIN_LINKED
from openverzuim.accounts.audit_words import subject_words
from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.reauth import SESSION_KEY
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Employee

# The access request reads the vault too: its database is part of the journey.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, databases=["default", "medical"]),
]

PASSWORD = "kaneel-broodje-7-zolder"


@pytest.fixture
def eva():
    today = timezone.localdate()
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    anna = User.objects.create_user("anna", "anna@example.nl", "secret-password-1")
    Membership.objects.create(user=anna, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    eva = Employee.objects.create(
        organisation=bakery,
        first_name="Eva",
        last_name="de Vries",
        employee_number="1001",
        work_email="eva@example.nl",
    )
    services.employment_create(
        employee=eva,
        start=today - timedelta(days=900),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    services.sick_report_create(
        employee=eva, first_sick_day=today - timedelta(days=20), by=anna, today=today
    )
    return eva


def log_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form.form button[type=submit]")


def age_login(context, seconds: int) -> None:
    """Move the browser session's last authentication `seconds` into the past."""
    key = next(c["value"] for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=key)
    session[SESSION_KEY] -= seconds
    session.save()


def test_an_invited_employee_sets_a_password_finds_her_case_and_downloads_her_data(
    page, browser, live_server, eva, screenshot
):
    log_in(page, "anna", "secret-password-1")
    page.goto(f"/employees/{eva.pk}/")
    page.click("text=Uitnodigen voor het portaal")
    page.click("text=Ja, verstuur de uitnodiging")
    page.wait_for_url(f"**/employees/{eva.pk}/")
    assert "eva@example.nl" in page.content()
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/invitation/\S+/", message.body)[0]
    eva.refresh_from_db()
    assert eva.user_id is None  # sending linked nothing: accepting does

    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    her = context.new_page()
    her.set_default_timeout(10_000)
    her.goto(link)
    her.fill("input[name=new_password1]", PASSWORD)
    her.fill("input[name=new_password2]", PASSWORD)
    her.click("main form button[type=submit]")
    her.wait_for_url("**/accounts/login/")
    log_in(her, "eva@example.nl", PASSWORD)
    her.wait_for_url("**/my/")
    assert "Ziek sinds" in her.content() and "geen verzuimdossier" not in her.content()
    screenshot("invited-employee-own-case", of=her)
    eva.refresh_from_db()
    assert eva.user.username == "eva@example.nl"
    her.goto("/my/who-viewed/")
    with translation.override("nl"):  # the page names the change in her words, not the stored code
        assert subject_words(LOGIN_LINKED) in her.content()

    her.goto("/my/data/")
    with her.expect_download() as download:
        her.click("a[href$='/my/data.json']")
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert "Eva" in json.dumps(data, ensure_ascii=False)
    assert data["parts"]["medical"]["data"]["where_to_ask"] == "/medical/my-file/"

    age_login(context, settings.REAUTH_MAX_AGE + 1)  # her login is old now: asked who she is
    her.goto("/my/data/")
    her.wait_for_url("**/accounts/reauthenticate/**")
    her.fill("input[name=password]", PASSWORD)
    her.click("main form button[type=submit]")
    her.wait_for_url("**/my/data/")
    assert her.locator("a[href$='/my/data.json']").count() == 1
    context.close()
