"""The policy table, read as sentences: who reaches Eva's dossier and who does not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry, Department, Membership
from openverzuim.accounts.policies import ACTIONS, POLICY, UnknownAction
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.policies import can, visible_cases, who_can
from openverzuim.core.routes import access, route_table


def test_it_refuses_an_unknown_action(world):
    with pytest.raises(UnknownAction):
        visible_cases(world.personas["anna"], "delete_everything")
    with pytest.raises(UnknownAction):
        who_can("peek", world.own_case)


def test_every_action_in_the_table_is_a_known_one():
    assert {action for rules in POLICY.values() for action in rules} <= set(ACTIONS)
    assert set(POLICY) == set(Role.values)


def test_who_can_read_evas_dossier_is_exactly_the_people_the_brief_names(world):
    names = set(who_can("view", world.own_case).values_list("username", flat=True))
    assert names == {"anna", "bram", "lena", "rik", "eva", "dirk"}
    details = set(who_can("view_details", world.own_case).values_list("username", flat=True))
    assert details == {"anna", "bram", "eva", "dirk"}  # line manager and consultant: reduced view
    assert set(who_can("change", world.own_case).values_list("username", flat=True)) == {
        "anna",
        "bram",
    }


def test_the_arbodienst_administrator_counts_cases_but_reads_none(world):
    finn = world.personas["finn"]
    assert not visible_cases(finn, "view").exists()
    assert list(visible_cases(finn, "caseload")) == [world.own_case]


def test_the_statistics_go_to_the_employer_and_arbodienst_administrators_only(world, bakery):
    from openverzuim.accounts.policies import organisations_granted

    reach = {
        name: list(organisations_granted(user, "statistics"))
        for name, user in world.personas.items()
        if user is not None
    }
    assert {name for name, organisations in reach.items() if organisations} == {
        "anna",
        "finn",
        "carla",
    }
    assert reach["anna"] == [bakery] and reach["finn"] == [bakery]
    assert bakery not in reach["carla"]


def test_a_line_manager_of_another_department_sees_nothing(world, bakery):
    bakehouse = Department.objects.create(organisation=bakery, name="Bakkerij")
    lena = world.personas["lena"]
    Membership.objects.filter(user=lena).update(department=bakehouse)
    assert not can(lena, "view", world.own_case)


def test_a_holding_administrator_reaches_child_organisations_only_when_granted(world, bakery, anna):
    from openverzuim.accounts.models import Membership, Organisation, User

    holding = Organisation.objects.create(name="Holding")
    bakery.parent = holding
    bakery.save(update_fields=["parent"])
    hanna = User.objects.create_user("hanna")
    grant = Membership.objects.create(user=hanna, organisation=holding, role=Role.EMPLOYER_ADMIN)
    assert not can(hanna, "view", world.own_case)
    grant.includes_children = True
    grant.save()
    assert can(hanna, "view", world.own_case)
    assert not can(hanna, "view", world.other_case)


def test_another_employer_gets_a_404_on_every_page_of_evas_dossier(client, world):
    client.force_login(world.personas["carla"])
    case, event, employee = world.own_case.pk, world.own_event.pk, world.own_employee.pk
    for name, args in [
        ("cases:detail", [case]),
        ("cases:close", [case]),
        ("cases:event_correct", [case, event]),
        ("cases:employee_edit", [employee]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert "Eva" not in client.get(reverse("cases:list")).content.decode()


@pytest.mark.parametrize("persona", ["finn", "dirk", "eva", "sam"])
def test_roles_not_declared_on_the_case_page_get_a_404(client, world, verified_login, persona):
    user = world.personas[persona]
    (verified_login(client, user) if persona == "dirk" else client.force_login(user))
    assert client.get(reverse("cases:detail", args=[world.own_case.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["lena", "rik"])
def test_line_manager_and_consultant_get_the_reduced_case_page(client, world, today, persona):
    case = world.own_case
    services.event_record(
        case=case,
        kind="note",
        date=today,
        by=world.personas["anna"],
        today=today,
        note="Belde over de verhuizing naar Zwolle",
    )
    services.work_resumption_create(
        case=case,
        start=today,
        hours_per_week=Decimal("12"),
        kind="own_work",
        by=world.personas["anna"],
        today=today,
    )
    client.force_login(world.personas[persona])
    response = client.get(reverse("cases:detail", args=[case.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "cases/case_reduced.html"
    assert 'id="m-problem_analysis"' in page  # the timeline
    assert "12" in page and "Zwolle" not in page  # partial work, but no note
    for full_only in (
        "pay-cost",
        "history",
        reverse("cases:recovery", args=[case.pk]),
        reverse("cases:event_new", args=[case.pk]),
        "€",
    ):
        assert full_only not in page, full_only
    entry = AuditEntry.objects.filter(user_id=world.personas[persona].pk, case_id=case.pk).get()
    assert entry.fields == "timeline, periods, partial work (reduced view)"


def test_the_full_case_page_still_shows_pay_and_history(client, world):
    client.force_login(world.personas["bram"])
    response = client.get(reverse("cases:detail", args=[world.own_case.pk]))
    assert next(t.name for t in response.templates) == "cases/case_detail.html"
    assert "history" in response.content.decode()


def test_a_line_manager_of_another_team_gets_a_404_on_the_case_page(client, world, bakery):
    lena = world.personas["lena"]
    bakehouse = Department.objects.create(organisation=bakery, name="Bakkerij")
    Membership.objects.filter(user=lena).update(department=bakehouse)
    client.force_login(lena)
    assert client.get(reverse("cases:detail", args=[world.own_case.pk])).status_code == 404


def test_a_line_manager_sees_their_teams_case_in_the_list(client, world):
    client.force_login(world.personas["lena"])
    assert "Eva" in client.get(reverse("cases:list")).content.decode()


def test_a_medical_route_can_name_only_the_physician():
    with pytest.raises(ValueError, match="medical"):
        access("medical", Role.EMPLOYER_ADMIN)
    assert access("medical", Role.OCCUPATIONAL_PHYSICIAN).roles == {"occupational_physician"}


@pytest.mark.django_db
def test_no_medical_route_is_open_to_an_employer_side_role():
    for name, declaration in route_table().items():
        if declaration.scope == "medical":
            assert declaration.roles <= {Role.OCCUPATIONAL_PHYSICIAN}, name
