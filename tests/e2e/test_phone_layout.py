"""The layout on a phone (360 x 800) and on a desktop, with the demo data: nothing scrolls sideways
on the worklist, the case list and page, the employees, the documents and the employee's portal, and
axe finds no serious or critical WCAG 2.1 AA violation there (contrast of the theme included); the
menu folds into a disclosure on a phone; the timeline picture scrolls inside its own box with text
of 12 px or more. Screenshots of every page at both widths go to test-artifacts/e2e/layout/."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from openverzuim.cases.models import Case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e" / "layout"


@pytest.fixture
def demo(settings, tmp_path):
    """The demo: three employers, fifteen cases in every stage, Anna and Eva among the logins."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--allow-in-production", stdout=StringIO())
    # The bakery's longest open case: the picture at its fullest.
    return min(
        Case.objects.filter(employee__organisation__name__startswith="Bakkerij", closed_on=None),
        key=lambda case: case.periods.first().start,
    )


def _log_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo-verzuim")
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")


def _pages(case: Case) -> dict[str, tuple[str, str]]:
    return {
        "worklist": ("anna", "/"),
        "case-list": ("anna", "/cases/"),
        "case": ("anna", f"/cases/{case.pk}/"),
        "employees": ("anna", "/employees/"),
        "sick-report": ("anna", "/cases/report-sick/"),
        "documents": ("anna", f"/documents/cases/{case.pk}/"),
        "portal": ("eva", "/my/"),
        "portal-documents": ("eva", "/documents/mine/"),
    }


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_nothing_scrolls_sideways_at_360_pixels_and_every_page_is_photographed(phone, page, demo):
    SHOTS.mkdir(parents=True, exist_ok=True)
    logged_in = {"phone": "", "desktop": ""}
    for name, (username, path) in _pages(demo).items():
        for device, width in ((phone, PHONE["width"]), (page, DESKTOP["width"])):
            suffix = "phone" if device is phone else "desktop"
            if logged_in[suffix] != username:
                _log_in(device, username)
                logged_in[suffix] = username
            response = device.goto(path)
            assert response and response.ok, (name, path)
            overflow = device.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{name} is {overflow} px wide at {width} px"
            serious = [
                f"{name}: {v['id']} ({v['impact']}) {v['help']} x{len(v['nodes'])}"
                for v in Axe().run(device, options=WCAG_AA).response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert not serious, serious
            device.screenshot(path=str(SHOTS / f"{name}-{suffix}.png"), full_page=True)
    assert logged_in == {"phone": "eva", "desktop": "eva"}


def test_the_menu_folds_on_a_phone_and_opens_without_javascript(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, java_script_enabled=False
    )
    phone = context.new_page()
    _log_in(phone, "anna")
    phone.goto("/")
    menu = phone.locator("details.site-menu")
    cases = phone.locator("header nav a[href='/cases/']")
    assert menu.get_attribute("open") is None and not cases.is_visible()
    toggle = phone.get_by_role("group").locator("summary", has_text="Menu")
    assert toggle.is_visible()
    toggle.click()
    assert menu.get_attribute("open") == "" and cases.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "menu-open-phone.png"), full_page=True)
    toggle.click()
    assert not cases.is_visible()

    phone.set_viewport_size(DESKTOP)
    assert cases.is_visible() and not toggle.is_visible()  # always open on a wide screen
    context.close()


def test_the_timeline_picture_scrolls_in_its_own_box_with_legible_text(phone, demo):
    _log_in(phone, "anna")
    phone.goto(f"/cases/{demo.pk}/")
    box = phone.locator(".timeline-scroll")
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert sizes[0] > sizes[1]  # the picture scrolls inside its box ...
    assert (
        phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # ... not the page
    smallest = phone.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.timeline-chart svg text')].map(t => {
            const svg = t.ownerSVGElement, scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(t).fontSize) * scale; }))"""
    )
    assert smallest >= 12
    labels = phone.locator(".timeline-chart .tick-label").evaluate_all(
        "ticks => ticks.map(t => t.textContent)"
    )
    assert labels[-1] in ("wk 104", "wk 105", "wk 106")  # the end of the waiting time
    marker = phone.locator(".timeline-chart a.marker").first
    marker.focus()
    assert phone.evaluate("document.activeElement.classList.contains('marker')")
