"""The small employer's checklist: the engine's duties, each explained, soonest first."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils.html import escape

from openverzuim.cases import selectors
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Duty
from openverzuim.guide.duties import EMPLOYER_DUTIES


def test_every_milestone_has_an_explanation_and_a_consequence():
    # Which milestones: the registry's, by derivation (tests/cases/test_milestone_tables.py).
    for explanation in EMPLOYER_DUTIES.values():
        assert str(explanation.what).count(".") >= 1 and str(explanation.why)


def test_it_lists_exactly_the_engines_open_and_overdue_duties(client, anna, eva_sick, today):
    client.force_login(anna)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("guide:this_week")).content.decode()
    result = case_timeline(eva_sick, today)
    due = [
        m
        for m in result.milestones
        if m.status in ("open", "overdue") and m.due is not None and (m.due - today).days <= 42
    ]
    assert due, "the fixture case has work to do"
    for milestone in due:
        assert escape(str(EMPLOYER_DUTIES[milestone.id].what)) in body
    shown = body.count('class="status-overdue"')
    assert shown == sum(1 for m in due if m.status == "overdue")
    assert "Overdue: do these first" in body


def test_it_shows_an_empty_state_when_there_is_nothing_to_do(client, carla, today):
    client.force_login(carla)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("guide:this_week")).content.decode()
    assert "Nothing to do for now" in body


def test_it_never_shows_another_employers_cases(client, carla, eva_sick, today):
    client.force_login(carla)
    assert "Eva" not in client.get(reverse("guide:this_week")).content.decode()


def test_it_asks_a_visitor_to_log_in(client, db):
    response = client.get(reverse("guide:this_week"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_prepared_document_is_one_click_away(client, anna, eva_sick, today):
    """Eva's plan of action is overdue (day 1 on 5 January): the checklist opens its form."""
    client.force_login(anna)
    body = client.get(reverse("guide:this_week")).content.decode()
    assert reverse("documents:new", args=[eva_sick.pk, "action_plan"]) in body


def test_the_checklist_says_more_than_where_the_count_of_later_duties_stops(
    client, anna, eva_sick, today, monkeypatch
):
    """The count of duties further ahead stops at COUNTED (cases.selectors): the checklist says
    "more than", never the capped count as if it were the number."""
    horizon = today + timedelta(days=selectors.COMING_UP_DAYS)
    later = Duty.objects.filter(case=eva_sick, status="open", due__gt=horizon).count()
    assert later >= 3
    client.force_login(anna)
    client.cookies["django_language"] = "nl"
    monkeypatch.setattr(selectors, "COUNTED", later - 1)
    body = client.get(reverse("guide:this_week")).content.decode()
    assert f"Meer dan {later - 1} taken later." in body and f"{later} taken" not in body
    monkeypatch.setattr(selectors, "COUNTED", later)
    body = client.get(reverse("guide:this_week")).content.decode()
    assert "Meer dan" not in body and f"{later} taken" in body
