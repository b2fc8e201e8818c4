"""axe-core (its npm build, bundled by axe-playwright-python) in Debian's Chromium: no serious or
critical violation (WCAG 2.1 AA rules) on every page of the guide and the employee portal, and on
one page of every page type (every route a demo login reaches by following links) as the persona
whose page it is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Employee
from openverzuim.guide.topics import TOPICS
from tests.privacy.test_no_dead_links import SKIPPED, links_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"


@pytest.fixture
def people():
    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    anna = User.objects.create_user("anna", "anna@example.nl", "secret-password-1")
    Membership.objects.create(user=anna, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    eva = User.objects.create_user("eva", "eva@example.nl", "secret-password-1")
    Membership.objects.create(user=eva, organisation=bakery, role=Role.EMPLOYEE)
    employee = Employee.objects.create(
        organisation=bakery,
        first_name="Eva",
        last_name="de Vries",
        employee_number="1001",
        user=eva,
    )
    services.employment_create(
        employee=employee,
        start=date(2020, 1, 1),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    case = services.sick_report_create(
        employee=employee, first_sick_day=date(2026, 1, 5), by=anna, today=date(2026, 11, 22)
    ).case
    return {"anna": anna, "eva": eva, "case": case}


def _log_in(page, live_server, user) -> None:
    """A session made on the server side: these checks are about pages, not about the login form."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _serious(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{url}: {v['id']} ({v['impact']}) {v['help']} x{len(v['nodes'])}: "
        f"{', '.join(str(node['target']) for node in v['nodes'][:3])}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _serious_here(page) -> list[str]:
    """axe on the page as it stands now (after clicks), without loading it again."""
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['help']} x{len(v['nodes'])}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_guide_pages_have_no_serious_accessibility_violations(
    page, live_server, people, screenshot
):
    urls = [reverse("guide:index")] + [reverse("guide:topic", args=[t.slug]) for t in TOPICS]
    found = [line for url in urls for line in _serious(page, url)]
    _log_in(page, live_server, people["anna"])
    case = people["case"]
    for url in (
        reverse("guide:this_week"),
        reverse("guide:first_day"),
        reverse("guide:first_day_step", args=[case.pk, "notify"]),
        reverse("guide:first_day_step", args=[case.pk, "rules"]),
        reverse("guide:first_day_step", args=[case.pk, "next"]),
    ):
        found += _serious(page, url)
    screenshot("guide-this-week")
    assert not found, "\n".join(found)


def test_the_portal_works_on_a_phone_without_serious_accessibility_violations(
    browser, live_server, people
):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    _log_in(phone, live_server, people["eva"])
    found = []
    for url in (
        reverse("portal:my_case"),
        reverse("portal:report_sick"),
        reverse("portal:my_pay"),
        reverse("portal:report_recovered", args=[people["case"].pk]),
    ):
        found += _serious(phone, url)
    phone.goto(reverse("portal:my_case"))
    width = phone.evaluate("document.documentElement.scrollWidth")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "portal-my-case-phone.png"), full_page=True)
    context.close()
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    assert not found, "\n".join(found)


def test_the_api_reference_has_no_serious_accessibility_violations(page, live_server, people):
    """Swagger UI's page, drawn by its own script: checked on its own, since a crawl reaches it only
    when its link comes up within the pages the crawl opens."""
    _log_in(page, live_server, people["anna"])
    page.goto(reverse("api:docs"))
    page.wait_for_selector(".opblock-summary-control")
    found = _serious_here(page)
    page.locator(".opblock-summary-control").first.click()  # one operation opened: its form too
    page.wait_for_selector(".opblock-body")
    found += _serious_here(page)
    page.locator(".try-out__btn").first.click()  # and its form to fill in
    page.wait_for_selector(".execute")
    found += _serious_here(page)
    assert not found, "\n".join(found)


#: Pages a crawl of one demo login opens at most while it looks for page types it has not seen.
TYPE_CRAWL_PAGES = 120


def _session(user: User) -> Client:
    """A logged-in session; a medical role's with its second factor verified."""
    client = Client()
    client.force_login(user)
    if user.memberships.filter(role__in=[Role.OCCUPATIONAL_PHYSICIAN]).exists():
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _page_types(client: Client, seen_types: set[str]) -> list[str]:
    """One URL of every HTML page type (route name) the login reaches by following links that
    `seen_types` does not hold yet; adds them to it."""
    skipped = {reverse(name) for name in SKIPPED}
    seen, queue, found, opened = {"/"}, ["/"], [], 0
    while queue and opened < TYPE_CRAWL_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        opened += 1
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        kind = resolve(url.split("?")[0]).view_name
        if kind not in seen_types:
            seen_types.add(kind)
            found.append(url)
        for target in links_of(url, response.content.decode()):
            if target not in seen and target.split("?")[0] not in skipped:
                seen.add(target)
                queue.append(target)
    return found


def test_every_page_type_has_no_serious_accessibility_violations(page, live_server):
    call_command("load_demo", "--allow-in-production")
    types: set[str] = set()
    found: list[str] = []
    for user in User.objects.filter(is_superuser=False).order_by("username"):
        client = _session(user)
        urls = _page_types(client, types)
        page.context.clear_cookies()
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        found += [f"{user.username} {line}" for url in urls for line in _serious(page, url)]
    assert len(types) >= 40, sorted(types)  # the employer's, the employee's, the physician's pages
    assert not found, "\n".join(found)
