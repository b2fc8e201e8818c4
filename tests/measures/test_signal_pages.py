"""The measures pages: steps recorded (and as dossier events), wage measures judged, expert opinions
with their fee, the employee's private path, and another employer sees nothing (404)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openverzuim.cases.engine import CaseRun
from openverzuim.cases.models import Event, WageMeasure
from openverzuim.measures import services
from openverzuim.measures.models import EscalationStep, ExpertOpinionRequest


def _routes(case_id: int) -> list[str]:
    return [
        f"/measures/cases/{case_id}/",
        f"/measures/cases/{case_id}/paths/employer/",
        f"/measures/cases/{case_id}/paths/stalled/",
        f"/measures/cases/{case_id}/wage-measures/new/",
        f"/measures/cases/{case_id}/expert-opinions/new/",
    ]


def test_every_case_page_opens_for_the_employer(anna_client, eva_sick):
    for url in _routes(eva_sick.pk):
        assert anna_client.get(url).status_code == 200, url


def test_another_employer_gets_a_404_on_every_case_page_and_posts_nothing(
    client, carla, eva_sick, anna, today
):
    opinion = services.expert_opinion_create(
        case=eva_sick,
        by=anna,
        today=today,
        requester="employer",
        question="suitable_work",
        requested_on=today,
    )
    client.force_login(carla)
    urls = [
        *_routes(eva_sick.pk),
        f"/measures/cases/{eva_sick.pk}/expert-opinions/{opinion.pk}/outcome/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"step": "conversation", "taken_on": "2026-11-20"}).status_code == 404
        )
    assert not EscalationStep.objects.exists()


def test_an_unknown_path_is_a_404(anna_client, eva_sick):
    assert anna_client.get(f"/measures/cases/{eva_sick.pk}/paths/employee/").status_code == 404
    assert anna_client.get(f"/measures/cases/{eva_sick.pk}/paths/nonsense/").status_code == 404


def test_a_conversation_step_is_recorded_and_becomes_a_dossier_event(anna_client, eva_sick, today):
    response = anna_client.post(
        f"/measures/cases/{eva_sick.pk}/paths/employer/",
        {"step": "conversation", "taken_on": "2026-11-20", "note": "Agreed to try two mornings."},
    )
    assert response.status_code == 302
    step = EscalationStep.objects.get()
    assert (step.path, step.step, step.taken_on) == ("employer", "conversation", date(2026, 11, 20))
    assert step.event.kind == "meeting" and step.event.case == eva_sick
    page = anna_client.get(f"/measures/cases/{eva_sick.pk}/paths/employer/").content.decode()
    assert "Agreed to try two mornings." in page


@pytest.mark.parametrize(
    "path, step",
    [
        ("stalled", "talk_now"),
        ("stalled", "daily_activities"),
        ("stalled", "keep_dossier"),
        ("employer", "written_warning"),
    ],
)
def test_every_kind_of_step_is_recorded(anna_client, eva_sick, today, path, step):
    anna_client.post(
        f"/measures/cases/{eva_sick.pk}/paths/{path}/", {"step": step, "taken_on": "2026-11-21"}
    )
    assert EscalationStep.objects.filter(case=eva_sick, path=path, step=step).count() == 1


def test_a_bad_step_is_refused_with_the_field_named_and_nothing_saved(anna_client, eva_sick, today):
    response = anna_client.post(
        f"/measures/cases/{eva_sick.pk}/paths/stalled/",
        {"step": "agreement", "taken_on": "2026-11-30"},
    )
    assert response.status_code == 200
    assert (
        "This date is in the future." in response.content.decode()
        or "toekomst" in response.content.decode()
    )
    assert not EscalationStep.objects.exists() and not Event.objects.filter(kind="meeting").exists()


def test_an_overdue_agreement_shows_as_a_stall(anna_client, eva_sick, anna, today):
    services.step_record(
        case=eva_sick,
        path="stalled",
        step="agreement",
        taken_on=date(2026, 11, 2),
        by=anna,
        today=today,
        follow_up_on=date(2026, 11, 16),
    )
    stall = "An agreement was due to be checked"
    url = f"/measures/cases/{eva_sick.pk}/"
    assert stall in anna_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    services.step_record(
        case=eva_sick, path="stalled", step="talk_now", taken_on=today, by=anna, today=today
    )
    assert stall not in anna_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_wage_stop_told_late_is_flagged_and_pays_no_back_pay(anna_client, eva_sick):
    response = anna_client.post(
        f"/measures/cases/{eva_sick.pk}/wage-measures/new/",
        {
            "kind": "stop",
            "ground": "lid3_e",
            "cause_known_on": "2026-11-09",
            "employee_told_on": "2026-11-13",
            "start": "2026-11-13",
            "end": "2026-11-19",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = WageMeasure.objects.get()
    assert measure.kind == "stop"
    anna_client.cookies.load({"django_language": "en"})
    page = anna_client.get(
        f"/measures/cases/{eva_sick.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "after 4 working days" in page
    assert "No written warning" in page
    assert "No back pay" in page
    assert "Wage held back: €" in page


def test_a_wage_measure_whose_ground_does_not_fit_is_refused_naming_the_ground(
    anna_client, eva_sick
):
    response = anna_client.post(
        f"/measures/cases/{eva_sick.pk}/wage-measures/new/",
        {
            "kind": "suspension",
            "ground": "lid3_c",
            "cause_known_on": "2026-11-09",
            "start": "2026-11-10",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert 'id="id_ground-error"' in response.content.decode()
    assert not WageMeasure.objects.exists()


def test_a_suspension_kept_again_owes_the_withheld_wage(eva_sick, anna, today):
    from openverzuim.measures.dossier import measure_rows

    services.wage_measure_create(
        case=eva_sick,
        by=anna,
        today=today,
        kind="suspension",
        ground="lid6",
        cause_known_on=date(2026, 11, 2),
        employee_told_on=date(2026, 11, 3),
        start=date(2026, 11, 3),
        written_warning_on=date(2026, 11, 2),
        rules_in_writing=True,
        complied_on=date(2026, 11, 10),
    )
    (row,) = measure_rows(CaseRun(eva_sick, today))
    assert row["back_pay"].severity == "ok"
    assert [line.severity for line in row["lines"]] == ["ok", "ok", "ok"]
    assert row["withheld"] > Decimal("0")  # 3 Nov to 9 Nov of Eva's wage


@pytest.mark.parametrize(
    "requester, for_dismissal, fee",
    [
        ("employer", "", Decimal("400")),
        ("employer", "on", Decimal("0")),
        ("employee", "", Decimal("100")),
    ],
)
def test_an_expert_opinion_request_stores_its_fee(
    anna_client, eva_sick, requester, for_dismissal, fee
):
    data = {"requester": requester, "question": "employee_duties", "requested_on": "2026-11-20"}
    if for_dismissal:
        data["for_dismissal"] = for_dismissal
    assert (
        anna_client.post(f"/measures/cases/{eva_sick.pk}/expert-opinions/new/", data).status_code
        == 302
    )
    assert ExpertOpinionRequest.objects.get().fee == fee


def test_dismissal_becomes_possible_once_warning_and_expert_opinion_are_recorded(
    anna_client, eva_sick, anna, today
):
    from openverzuim.measures.dossier import dismissal_lines

    assert dismissal_lines(eva_sick, today)[0] is False
    services.step_record(
        case=eva_sick,
        path="employer",
        step="written_warning",
        taken_on=date(2026, 11, 2),
        by=anna,
        today=today,
    )
    opinion = services.expert_opinion_create(
        case=eva_sick,
        by=anna,
        today=today,
        requester="employer",
        question="employee_duties",
        requested_on=date(2026, 11, 3),
        for_dismissal=True,
    )
    assert dismissal_lines(eva_sick, today)[0] is False
    response = anna_client.post(
        f"/measures/cases/{eva_sick.pk}/expert-opinions/{opinion.pk}/outcome/",
        {"opinion_on": "2026-11-17", "outcome": "no"},
    )
    assert response.status_code == 302
    assert dismissal_lines(eva_sick, today)[0] is True


def test_the_employee_walks_her_own_path_and_the_employer_does_not_see_her_steps(
    client, eva_user, eva_sick, anna, today
):
    client.force_login(eva_user)
    page = client.get("/measures/my-path/")
    assert page.status_code == 200
    client.post(
        "/measures/my-path/",
        {"step": "legal_help", "taken_on": "2026-11-20", "note": "Called the union."},
    )
    assert EscalationStep.objects.get().path == "employee"
    client.force_login(anna)
    assert "Called the union." not in client.get(f"/measures/cases/{eva_sick.pk}/").content.decode()


def test_the_employee_path_explains_where_the_seed_is_wrong(client, eva_user):
    client.force_login(eva_user)  # no case of her own: the guidance still shows
    page = client.get("/measures/my-path/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "no legal boundary" in page
    assert "UWV charges €100.00 for a request." in page  # the employee's fee, from the table


def test_the_employer_path_shows_the_employers_fee(anna_client, eva_sick):
    page = anna_client.get(
        f"/measures/cases/{eva_sick.pk}/paths/employer/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "UWV charges €400.00 for a request." in page
    assert "BW 7:669 lid 3 sub e" in page


def test_pages_need_a_login(client, eva_sick):
    for url in [*_routes(eva_sick.pk), "/measures/my-path/", "/reminders/calendar/"]:
        assert client.get(url).status_code == 302, url


def test_the_letter_of_a_wage_stop_names_the_ground_and_says_nothing_is_paid_later(
    anna_client, client, carla, eva_sick, anna, today
):
    measure = services.wage_measure_create(
        case=eva_sick,
        by=anna,
        today=today,
        kind="stop",
        ground="lid3_c",
        cause_known_on=date(2026, 11, 19),
        employee_told_on=date(2026, 11, 20),
        start=date(2026, 11, 23),
    )
    url = f"/measures/cases/{eva_sick.pk}/wage-measures/{measure.pk}/letter/"
    page = anna_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dear Eva de Vries," in page
    assert "suitable work refused without a valid reason" in page
    assert "not paid later" in page
    client.force_login(carla)
    assert client.get(url).status_code == 404


def test_the_written_warning_letter_names_the_duty_and_what_follows(
    anna_client, client, carla, eva_sick
):
    steps = anna_client.get(f"/measures/cases/{eva_sick.pk}/paths/employer/").content.decode()
    url = f"/measures/cases/{eva_sick.pk}/warning-letter/"
    assert url in steps
    page = anna_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "article 7:660a" in page and "article 7:669 paragraph 3 sub e" in page
    client.force_login(carla)
    assert client.get(url).status_code == 404
