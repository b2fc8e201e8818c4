"""The first-sick-day wizard: the sick report, the call to the occupational health service, the
reporting rules and what comes next, with a progress bar."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Case, EventKind
from openverzuim.guide.duties import EMPLOYER_DUTIES


def _step(case, step):
    return reverse("guide:first_day_step", args=[case.pk, step])


def test_it_starts_with_a_sick_report_that_has_no_medical_field(client, anna, eva, today):
    client.force_login(anna)
    body = client.get(reverse("guide:first_day")).content.decode()
    assert '<progress max="4" value="1">' in body
    assert "diagnos" not in body.split("<form")[1].lower()


def test_it_reports_sick_and_moves_to_the_next_step(client, anna, eva, today):
    client.force_login(anna)
    response = client.post(
        reverse("guide:first_day"),
        {"employee": eva.pk, "first_sick_day": "2026-11-20", "expected_duration": "unknown"},
    )
    case = Case.objects.get(employee=eva)
    assert response.status_code == 302 and response["Location"] == _step(case, "notify")
    assert case.periods.get().start.isoformat() == "2026-11-20"


def test_it_names_the_field_of_a_bad_sick_report_and_saves_nothing(client, anna, eva, today):
    client.force_login(anna)
    response = client.post(
        reverse("guide:first_day"),
        {"employee": eva.pk, "first_sick_day": "", "expected_duration": "unknown"},
    )
    assert response.status_code == 200
    assert 'id="id_first_sick_day-error"' in response.content.decode()
    assert not Case.objects.exists()


def test_it_records_that_the_occupational_health_service_was_notified(
    client, anna, eva_sick, today
):
    client.force_login(anna)
    response = client.post(_step(eva_sick, "notify"))
    assert response["Location"] == _step(eva_sick, "rules")
    event = eva_sick.events.get(kind=EventKind.OCCUPATIONAL_HEALTH_NOTIFIED)
    assert event.date == today and event.recorded_by == anna


def test_it_names_the_occupational_health_service_that_serves_the_employer(
    client, anna, eva_sick, noorderlicht, today
):
    client.force_login(anna)
    body = client.get(_step(eva_sick, "notify")).content.decode()
    assert "Arbodienst Noorderlicht" in body


def test_its_last_step_shows_the_engines_next_duties(client, anna, eva_sick, today):
    client.force_login(anna)
    client.cookies["django_language"] = "en"
    body = client.get(_step(eva_sick, "next")).content.decode()
    assert '<progress max="4" value="4">' in body
    upcoming = [
        m
        for m in case_timeline(eva_sick, today).milestones
        if m.due is not None and m.status in ("open", "overdue")
    ][:4]
    assert upcoming
    for milestone in upcoming:
        assert escape(str(EMPLOYER_DUTIES[milestone.id].what)) in body


def test_another_employer_and_an_unknown_step_get_404(client, anna, carla, eva_sick, today):
    client.force_login(carla)
    assert client.get(_step(eva_sick, "notify")).status_code == 404
    assert client.post(_step(eva_sick, "notify")).status_code == 404
    assert not eva_sick.events.exists()
    client.force_login(anna)
    assert client.get(_step(eva_sick, "elsewhere")).status_code == 404


def test_a_second_report_through_the_wizard_names_the_open_case(client, anna, eva_sick, today):
    client.force_login(anna)
    response = client.post(
        reverse("guide:first_day"),
        {
            "employee": eva_sick.employee.pk,
            "first_sick_day": "2026-11-20",
            "expected_duration": "unknown",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["first_sick_day"] == [
        f"Eva de Vries is al ziek gemeld sinds 5 januari 2026; dossier {eva_sick.pk} staat open."
    ]
    assert Case.objects.filter(employee=eva_sick.employee).count() == 1
