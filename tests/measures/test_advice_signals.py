"""The physician's advice on the employer side: "new advice" on the worklist and in the
digest (that it came, never what it says), and the assessment's advice checks, which fire now that
the releases reach it (issue 13 item 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from openverzuim.cases.engine import CaseRun
from openverzuim.measures.assessment import assess_case, dossier_for
from openverzuim.medical import services as medical_services
from openverzuim.reminders import digest
from tests.measures.test_risk_findings import PLAN

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

CONTENT = "ZITTEND-WERK-ADVIES"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def release(eva_sick, dirk, today):
    """`release(on)`: Dirk releases advice on Eva's case, dated `on`."""

    def make(on: date, corrects=None):
        return medical_services.release_add(
            case=eva_sick,
            author=dirk,
            today=today,
            released_on=on,
            corrects=corrects,
            limitations=f"{CONTENT} niet tillen",
            possibilities="Kassawerk, zittend",
            expected_duration="Zes weken",
            work_advice="Een kruk bij de kassa",
        )

    return make


def test_the_worklist_announces_new_advice_and_not_its_content(anna_client, release, today):
    release(today - timedelta(days=3))
    page = anna_client.get(reverse("cases:worklist"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Nieuw advies van de bedrijfsarts voor Eva de Vries op 19 nov 2026" in page
    assert CONTENT not in page


def test_advice_older_than_two_weeks_is_no_longer_new(anna_client, release, today):
    release(today - timedelta(days=14))
    page = anna_client.get(reverse("cases:worklist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "New advice from the company doctor" not in page


def test_another_employer_hears_nothing_of_the_advice(client, carla, release, today):
    release(today)
    client.force_login(carla)
    page = client.get(reverse("cases:worklist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "New advice" not in page


def test_the_digest_says_new_advice_came_and_never_what_it_says(
    release, mailboxes, today, find_medical
):
    release(today - timedelta(days=1))
    digest.run(today)
    (message,) = [m for m in mail.outbox if m.to == ["anna@example.nl"]]
    assert "Nieuw advies van de bedrijfsarts voor Eva de Vries op 21 november 2026" in message.body
    for part in (CONTENT, "tillen", "Kassawerk", "Zes weken", "kruk"):
        assert part not in message.subject + message.body
    assert find_medical(message.body) == []


def test_advice_not_acted_on_within_six_weeks_is_a_serious_finding_and_a_stall(
    anna_client, eva_sick, release, today
):
    release(date(2026, 9, 1))
    assert [(a.date, a.acted_on) for a in dossier_for(CaseRun(eva_sick, today)).facts.advice] == [
        (date(2026, 9, 1), None)
    ]
    assert "advice_not_followed" in [f.id for f in assess_case(CaseRun(eva_sick, today)).findings]
    html = anna_client.get(
        reverse("measures:case", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "has not been acted on after 82 days" in html
    assert "advice not followed" in html  # the stall, through stagnation.register


def test_a_plan_signed_after_the_advice_counts_as_acting_on_it(
    eva_sick, release, signed_plan_on, today
):
    release(date(2026, 9, 1))
    signed_plan_on(date(2026, 9, 20))
    (advice,) = dossier_for(CaseRun(eva_sick, today)).facts.advice
    assert advice.acted_on == date(2026, 9, 20)
    assert "advice_not_followed" not in [
        f.id for f in assess_case(CaseRun(eva_sick, today)).findings
    ]


def test_a_correction_amends_the_advice_and_is_not_new_advice(eva_sick, release, today):
    first = release(date(2026, 9, 1))
    release(date(2026, 9, 3), corrects=first)
    assert [a.date for a in dossier_for(CaseRun(eva_sick, today)).facts.advice] == [
        date(2026, 9, 1)
    ]


@pytest.fixture
def signed_plan_on(signed_on):
    """`signed_plan_on(day)`: the plan of action, signed by both parties on `day`."""
    return lambda day: signed_on(day, "action_plan", PLAN)
