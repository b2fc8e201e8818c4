"""The engine once per case per request (issue 14 point 2): the pages that show a case hand one
`CaseRun` around instead of asking the engine again. Every run of the timeline is counted, the ones
inside the gatekeeper assessment too, and every pay schedule."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim import law
from openverzuim.law import assessment
from openverzuim.measures import services as measure_services


@pytest.fixture
def engine_runs(monkeypatch):
    """Counts of law.timeline (as the apps and the assessment call it) and law.pay_schedule."""
    counts = {"timeline": 0, "pay_schedule": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(law, "timeline", counting("timeline", law.timeline))
    monkeypatch.setattr(assessment, "timeline", counting("timeline", assessment.timeline))
    monkeypatch.setattr(law, "pay_schedule", counting("pay_schedule", law.pay_schedule))
    return counts


@pytest.fixture
def two_measures(eva_sick, anna):
    for start, end in ((date(2026, 9, 1), date(2026, 9, 14)), (date(2026, 10, 1), None)):
        measure_services.wage_measure_create(
            case=eva_sick,
            by=anna,
            today=date(2026, 11, 20),
            kind="stop",
            ground="lid3_e",
            cause_known_on=start,
            employee_told_on=start,
            start=start,
            end=end,
            written_warning_on=start,
        )


def test_the_case_page_runs_the_timeline_once_and_prices_the_exposure_without_another(
    anna_client, eva_sick, engine_runs
):
    response = anna_client.get(reverse("cases:detail", args=[eva_sick.pk]))
    assert response.status_code == 200 and response.context["pay"]["cost"].exposure
    # The schedule and the same schedule under a 52-week sanction (law.with_wage_sanction).
    assert engine_runs == {"timeline": 1, "pay_schedule": 2}


def test_the_measures_page_with_two_wage_measures_runs_the_timeline_once(
    anna_client, eva_sick, two_measures, engine_runs
):
    page = anna_client.get(reverse("measures:case", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert page.content.decode().count("Wage held back: €") == 2
    # One timeline for the findings, the stalls, both measures and the exposure; the schedules: the
    # case's, under a sanction, without the measures, and with each measure alone.
    assert engine_runs == {"timeline": 1, "pay_schedule": 5}


def test_the_worklist_runs_no_engine_for_the_cases_it_shows(anna_client, eva_sick, engine_runs):
    page = anna_client.get(reverse("cases:worklist"))
    assert eva_sick.employee.full_name in page.content.decode()
    assert engine_runs == {"timeline": 0, "pay_schedule": 0}  # it reads the stored duty table
