"""Who works on a case: assigned on the case page and in bulk from the case list, by the roles the
policy table lets assign, only to people holding the role at the case's employer; each change an
event in the history and an audit entry, the duties moved along in the same transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from openverzuim.accounts.models import Assignment, AuditEntry, Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import assignment, selectors, services
from openverzuim.cases.models import Case, Duty, Employee, EventKind
from openverzuim.reminders.selectors import digest_items


def _person(username: str, organisation, role: str) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.nl", "secret-password-1", first_name=username.title()
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def bea(bakery) -> User:
    """A second case manager of the bakery."""
    return _person("bea", bakery, Role.CASE_MANAGER)


@pytest.fixture
def ivo(installer) -> User:
    """The installer's case manager: another organisation."""
    return _person("ivo", installer, Role.CASE_MANAGER)


@pytest.fixture
def lotte(bakery) -> User:
    return _person("lotte", bakery, Role.LINE_MANAGER)


@pytest.fixture
def rik(bakery) -> User:
    return _person("rik", bakery, Role.REINTEGRATION_CONSULTANT)


@pytest.fixture
def second():
    """A second browser, for a colleague beside the logged-in administrator."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _post(client, case, **data):
    fields = {
        "seen": assignment.state_of(case),
        "case_manager": "",
        "line_managers": [],
        "consultants": [],
    } | data
    return client.post(reverse("cases:assign", args=[case.pk]), fields)


def test_the_employer_administrator_assigns_a_case_manager_on_the_case_page(
    anna_client, eva_sick, bram, today
):
    page = anna_client.get(reverse("cases:assign", args=[eva_sick.pk]))
    assert page.status_code == 200 and "Bram" in page.content.decode()
    response = _post(anna_client, eva_sick, case_manager=bram.pk)
    assert response.status_code == 302
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager == bram
    # the duties went along in the same transaction
    assert set(Duty.objects.filter(case=eva_sick).values_list("assignee", flat=True)) == {bram.pk}
    event = eva_sick.events.get(kind=EventKind.ASSIGNMENT)
    assert (event.date, event.note) == (today, "Case manager: — → Bram")
    entry = AuditEntry.objects.filter(case_id=eva_sick.pk, action="write").latest("pk")
    assert entry.fields == "case_manager, line_managers, consultants"
    assert entry.route == "cases:assign"


def test_the_choice_lists_only_people_with_the_role_at_the_cases_employer(
    anna_client, eva_sick, bram, bea, ivo, lotte, rik
):
    form = anna_client.get(reverse("cases:assign", args=[eva_sick.pk])).context["form"]
    assert set(form.fields["case_manager"].queryset) == {bram, bea}
    assert set(form.fields["line_managers"].queryset) == {lotte}
    assert set(form.fields["consultants"].queryset) == {rik}
    response = _post(anna_client, eva_sick, case_manager=ivo.pk)
    assert response.status_code == 200 and response.context["form"].errors["case_manager"]
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager is None
    assert not eva_sick.events.filter(kind=EventKind.ASSIGNMENT).exists()


def test_the_service_refuses_a_person_without_the_role_there(eva_sick, anna, ivo, lotte, today):
    with pytest.raises(ValidationError) as refused:
        assignment.case_assign(
            case=eva_sick,
            by=anna,
            today=today,
            seen=assignment.state_of(eva_sick),
            case_manager=lotte,
        )
    assert "case_manager" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        assignment.case_assign(
            case=eva_sick,
            by=anna,
            today=today,
            seen=assignment.state_of(eva_sick),
            case_manager=None,
            consultants=[ivo],
        )
    assert "consultants" in refused.value.message_dict


def test_line_manager_and_consultant_assigned_reach_the_case(
    anna_client, second, eva_sick, lotte, rik, today
):
    Membership.objects.filter(user=lotte).update(department=None)  # not Eva's team by department
    assert not selectors.case_list_for(user=lotte).exists()
    _post(anna_client, eva_sick, line_managers=[lotte.pk], consultants=[rik.pk])
    assert set(Assignment.objects.filter(case_id=eva_sick.pk).values_list("user", "role")) == {
        (lotte.pk, Role.LINE_MANAGER),
        (rik.pk, Role.REINTEGRATION_CONSULTANT),
    }
    for person in (lotte, rik):
        second.force_login(person)
        assert second.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 200
    # and taken off again: the line manager no longer reaches it
    _post(anna_client, eva_sick, consultants=[rik.pk])
    assert not selectors.case_list_for(user=lotte).exists()
    assert (
        "Line managers: Lotte → —"
        in eva_sick.events.filter(kind=EventKind.ASSIGNMENT).latest("pk").note
    )


def test_a_case_manager_hands_her_own_case_over_but_reaches_no_other(
    client, eva_sick, bram, bea, anna, today
):
    client.force_login(bram)
    assert client.get(reverse("cases:assign", args=[eva_sick.pk])).status_code == 404
    assignment.case_assign(
        case=eva_sick, by=anna, today=today, seen=assignment.state_of(eva_sick), case_manager=bram
    )
    assert _post(client, eva_sick, case_manager=bea.pk).status_code == 302
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager == bea
    assert client.get(reverse("cases:assign", args=[eva_sick.pk])).status_code == 404


@pytest.mark.parametrize("who", ["lotte", "rik", "eva_user", "dirk", "finn", "carla"])
def test_others_may_not_assign(request, client, eva_sick, bram, who, verified_login):
    person = request.getfixturevalue(who)
    verified_login(client, person)  # the physician logs in with a second factor
    seen = assignment.state_of(eva_sick)
    assert client.get(reverse("cases:assign", args=[eva_sick.pk])).status_code == 404
    response = client.post(
        reverse("cases:assign", args=[eva_sick.pk]), {"seen": seen, "case_manager": bram.pk}
    )
    assert response.status_code == 404
    response = client.post(
        reverse("cases:assign_bulk"),
        {
            "cases": [eva_sick.pk],
            "case_manager": bram.pk,
            "confirm": "1",
            "seen": f"{eva_sick.pk}:",
        },
    )
    assert response.status_code in (302, 404)
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager is None


def test_two_people_reassigning_at_once_cannot_both_win(
    anna_client, eva_sick, bram, bea, anna, today
):
    seen = assignment.state_of(eva_sick)
    assignment.case_assign(case=eva_sick, by=anna, today=today, seen=seen, case_manager=bea)
    response = anna_client.post(
        reverse("cases:assign", args=[eva_sick.pk]), {"seen": seen, "case_manager": bram.pk}
    )
    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager == bea


@pytest.fixture
def jan_sick(bakery, anna, today) -> Case:
    jan = Employee.objects.create(
        organisation=bakery, first_name="Jan", last_name="Bakker", employee_number="1002"
    )
    services.employment_create(employee=jan, start=date(2021, 1, 1), contract_hours=32, wage=2800)
    return services.sick_report_create(
        employee=jan, first_sick_day=date(2026, 10, 1), by=anna, today=today
    ).case


def test_bulk_assignment_confirms_then_assigns_all_and_counts(
    anna_client, eva_sick, jan_sick, bram, anna, today
):
    assignment.case_assign(
        case=jan_sick, by=anna, today=today, seen=assignment.state_of(jan_sick), case_manager=bram
    )
    listing = anna_client.get(reverse("cases:list"))
    assert f'name="cases" value="{eva_sick.pk}"' in listing.content.decode()
    confirm = anna_client.post(
        reverse("cases:assign_bulk"), {"cases": [eva_sick.pk, jan_sick.pk], "case_manager": bram.pk}
    )
    assert confirm.status_code == 200
    assert "Make Bram the case manager of 2 cases?" in confirm.content.decode()
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager is None  # nothing before the confirmation
    done = anna_client.post(
        reverse("cases:assign_bulk"),
        {
            "cases": [eva_sick.pk, jan_sick.pk],
            "case_manager": bram.pk,
            "confirm": "1",
            "seen": confirm.context["seen"],
        },
        follow=True,
    )
    assert "1 case now has Bram as case manager. 1 already had them." in done.content.decode()
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager == bram
    assert set(Duty.objects.filter(case=eva_sick).values_list("assignee", flat=True)) == {bram.pk}
    assert eva_sick.events.filter(kind=EventKind.ASSIGNMENT).count() == 1
    assert jan_sick.events.filter(kind=EventKind.ASSIGNMENT).count() == 1  # the earlier one only


def test_bulk_assignment_is_all_or_nothing(anna_client, eva_sick, jan_sick, bram, bea, anna, today):
    seen = f"{eva_sick.pk}:,{jan_sick.pk}:"
    assignment.case_assign(
        case=jan_sick, by=anna, today=today, seen=assignment.state_of(jan_sick), case_manager=bea
    )
    with pytest.raises(ValidationError, match="Jan Bakker"):
        assignment.cases_assign_case_manager(
            case_ids=[eva_sick.pk, jan_sick.pk],
            case_manager=bram,
            seen={eva_sick.pk: None, jan_sick.pk: None},
            by=anna,
            today=today,
        )
    anna_client.post(
        reverse("cases:assign_bulk"),
        {
            "cases": [eva_sick.pk, jan_sick.pk],
            "case_manager": bram.pk,
            "confirm": "1",
            "seen": seen,
        },
    )
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager is None


def test_bulk_assignment_refuses_another_organisations_case_and_case_manager(
    client, eva_sick, carla, ivo, bram, today
):
    client.force_login(carla)
    client.post(
        reverse("cases:assign_bulk"),
        {"cases": [eva_sick.pk], "case_manager": ivo.pk, "confirm": "1", "seen": f"{eva_sick.pk}:"},
    )
    eva_sick.refresh_from_db()
    assert eva_sick.case_manager is None
    with pytest.raises(ValidationError):
        assignment.cases_assign_case_manager(
            case_ids=[eva_sick.pk],
            case_manager=bram,
            seen={eva_sick.pk: None},
            by=carla,
            today=today,
        )


def test_a_case_reported_in_the_app_reaches_the_assigned_case_managers_lists(
    anna_client, second, eva, bram, today
):
    response = anna_client.post(
        reverse("cases:sick_report"),
        {"employee": eva.pk, "first_sick_day": "2026-11-02", "expected_duration": "unknown"},
    )
    case = Case.objects.get(employee=eva)
    assert response.status_code == 302 and case.case_manager is None
    second.force_login(bram)
    assert second.get(reverse("cases:worklist")).context["work"].empty
    managers = anna_client.get(reverse("reports:caseload")).context["load"].managers
    assert [(m.manager, m.open) for m in managers if m.open] == [(None, 1)]
    _post(anna_client, case, case_manager=bram.pk)
    worklist = second.get(reverse("cases:worklist"))
    assert not worklist.context["work"].empty
    assert "Eva de Vries" in worklist.content.decode()
    assert {item.case.pk for item in digest_items(user=bram, today=today)} == {case.pk}
    managers = anna_client.get(reverse("reports:caseload")).context["load"].managers
    assert [(m.manager, m.open) for m in managers if m.open] == [(bram, 1)]


@pytest.fixture
def mira(noorderlicht) -> User:
    """A case manager of the arbodienst that serves the bakery."""
    return _person("mira", noorderlicht, Role.CASE_MANAGER)


def test_an_arbodienst_case_manager_is_given_cases_of_the_employers_it_serves(
    anna_client, second, eva_sick, mira, ivo, today, verified_login
):
    form = anna_client.get(reverse("cases:assign", args=[eva_sick.pk])).context["form"]
    assert mira in form.fields["case_manager"].queryset
    assert ivo not in form.fields["case_manager"].queryset
    verified_login(second, mira)
    assert second.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 404
    _post(anna_client, eva_sick, case_manager=mira.pk)
    assert second.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 200
    assert "Eva de Vries" in second.get(reverse("cases:worklist")).content.decode()
    # a case manager, not a physician: the vault stays closed
    assert second.get(reverse("medical:caseload")).status_code == 404


def test_an_arbodienst_case_manager_reaches_no_employer_it_does_not_serve(
    anna, installer, mira, carla, today
):
    other = Employee.objects.create(
        organisation=installer, first_name="Otto", last_name="Smit", employee_number="2001"
    )
    case = services.sick_report_create(
        employee=other, first_sick_day=date(2026, 10, 1), by=carla, today=today
    ).case
    Case.objects.filter(pk=case.pk).update(case_manager=mira)  # as if set before, by a mistake
    assert not selectors.case_list_for(user=mira).exists()
    with pytest.raises(ValidationError):
        assignment.case_assign(
            case=case, by=carla, today=today, seen=assignment.state_of(case), case_manager=mira
        )


def test_an_assignment_in_the_history_is_not_corrected_or_withdrawn_as_an_event(
    anna_client, eva_sick, bram
):
    _post(anna_client, eva_sick, case_manager=bram.pk)
    event = eva_sick.events.get(kind=EventKind.ASSIGNMENT)
    page = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    assert reverse("cases:event_withdraw", args=[eva_sick.pk, event.pk]) not in page
    for route in ("cases:event_correct", "cases:event_withdraw"):
        url = reverse(route, args=[eva_sick.pk, event.pk])
        assert anna_client.get(url).status_code == 404
