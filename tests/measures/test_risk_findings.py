"""The gatekeeper assessment on the measures pages: findings with reason, action and rule on the case
page, the exposure line, the caseload overview scoped to the user, in Dutch and English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from openverzuim.cases import services as case_services
from openverzuim.cases.engine import CaseRun
from openverzuim.cases.models import Employee
from openverzuim.measures.assessment import assess_case, dossier_for

PLAN = {
    "goal": "Terug naar eigen werk, 32 uur",
    "employer_activities": [
        {"description": "Werkplek aanpassen", "owner": "Anna", "term": "2026-03-01"}
    ],
    "employee_activities": [{"description": "Wandelen", "owner": "Eva", "term": "2026-03-15"}],
    "evaluation_moments": "Elke zes weken",
    "case_manager": "Bram",
    "communication": "Wekelijks bellen",
    "work_resumption": "Start met 2 uur per dag",
    "experts_and_facilities": "",
    "training": "",
    "duration": "Tot 1 juni 2026",
}
MISSING_EN = "The plan of action was due on"
MISSING_NL = "Het plan van aanpak had er op"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def signed(signed_on, today):
    """`signed(type_code, content)`: drafted and signed by every party it asks for, today."""
    return lambda type_code, content: signed_on(today, type_code, content)


@pytest.fixture
def signed_plan(signed):
    return signed("action_plan", PLAN)


def _page(client, case, lang: str) -> str:
    return client.get(f"/measures/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_it_shows_the_missing_plan_with_reason_action_and_rule_in_english(
    anna_client, eva_sick, today
):
    html = _page(anna_client, eva_sick, "en")
    assert MISSING_EN in html
    assert "Draw up the plan of action with the employee now." in html
    assert "RPG" in html and "serious" in html


def test_it_shows_the_missing_plan_in_dutch(anna_client, eva_sick, today):
    html = _page(anna_client, eva_sick, "nl")
    assert MISSING_NL in html and "Stel het plan van aanpak nu samen met de werknemer op." in html
    assert MISSING_EN not in html


def test_a_signed_plan_is_no_longer_missing(anna_client, eva_sick, signed_plan, today):
    html = _page(anna_client, eva_sick, "en")
    assert MISSING_EN not in html
    result = assess_case(CaseRun(eva_sick, today))
    assert "action_plan_missing" not in {f.id for f in result.findings}
    assert dossier_for(CaseRun(eva_sick, today)).facts.action_plan.case_manager is True


def test_the_findings_and_the_case_page_show_one_price_of_the_sanction_exposure(
    anna_client, eva_sick
):
    """cases.engine.sanction_exposure prices it once: 52 more weeks on Eva's pay schedule, the amount
    the case page's pay block shows and the exposure line of the findings repeats."""
    case_page = anna_client.get(
        reverse("cases:detail", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    amount = case_page.context["pay"]["cost"].exposure
    assert amount == Decimal("25064.52")
    assert "€25,064.52" in case_page.content.decode()
    assert "Wage-sanction exposure: high; up to 52 weeks of wages (€25,064.52)" in _page(
        anna_client, eva_sick, "en"
    )
    assert "Risico op een loonsanctie: hoog; tot 52 weken loon (€ 25.064,52)" in _page(
        anna_client, eva_sick, "nl"
    )
    dutch_case_page = anna_client.get(
        reverse("cases:detail", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "€ 25.064,52" in dutch_case_page


def test_the_overview_lists_the_users_open_cases_worst_first(
    anna_client, eva_sick, anna, bakery, today
):
    late = Employee.objects.create(
        organisation=bakery, first_name="Jan", last_name="Recent", employee_number="1002"
    )
    case_services.sick_report_create(
        employee=late, first_sick_day=date(2026, 11, 20), by=anna, today=today
    )
    html = anna_client.get(reverse("measures:risks"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Eva de Vries" in html and "Jan Recent" in html
    assert html.index("Eva de Vries") < html.index("Jan Recent")  # serious findings first
    assert "serious" in html


def test_another_employer_sees_none_of_annas_cases(client, carla, eva_sick, today):
    client.force_login(carla)
    response = client.get(reverse("measures:risks"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Eva de Vries" not in response.content.decode()
    assert "No open cases to assess." in response.content.decode()
    assert client.get(f"/measures/cases/{eva_sick.pk}/").status_code == 404


def test_the_overview_speaks_dutch_by_default(anna_client, eva_sick, today):
    html = anna_client.get(reverse("measures:risks"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Eva de Vries" in html and "ernstig" in html


def test_hours_not_going_up_over_three_reviews_show_as_a_stall(
    anna_client, eva_sick, signed_plan, signed, today
):
    for day in ("2026-11-01", "2026-11-10", "2026-11-20"):
        signed(
            "progress_review",
            {
                "review_date": day,
                "agreed": "Opbouw",
                "happened": "Geen opbouw",
                "hours_worked": "8",
                "next_steps": PLAN["employer_activities"],
            },
        )
    assert [r.hours_worked for r in dossier_for(CaseRun(eva_sick, today)).facts.reviews] == [
        8,
        8,
        8,
    ]
    html = _page(anna_client, eva_sick, "en")
    assert "hours not increasing" in html  # the assessment's stall, through stagnation.register
    assert "Nothing recorded here shows a stall." not in html
