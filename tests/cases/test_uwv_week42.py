"""The 42nd-week report (ZW art. 38) prefilled from the dossier: its fields, the ones still missing,
recording the sending as the milestone's event (which settles the duty), and who may reach it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases.models import Duty, Event


def _url(case) -> str:
    return reverse("cases:uwv_week42", args=[case.pk])


def test_the_report_is_filled_from_the_dossier_and_names_what_is_missing(anna_client, eva_sick):
    response = anna_client.get(_url(eva_sick))
    fields = {field.label: field.value for field in response.context["fields"]}
    assert fields["Employer"] == "Bakkerij De Korenschoof"
    assert fields["Employee"] == "Eva de Vries"
    assert fields["First sick day"] == date(2026, 1, 5)
    assert fields["Contract hours per week"] == 32
    # the fixture's dossier has no BSN, date of birth, address or Chamber of Commerce number
    assert {"BSN", "Date of birth", "Address", "Chamber of Commerce number"} <= set(
        response.context["missing"]
    )
    assert "Employer" not in response.context["missing"]
    assert "Still missing in the dossier:" in response.content.decode()


def test_a_filled_in_field_is_no_longer_named_missing(anna_client, eva_sick):
    eva_sick.employee.bsn, eva_sick.employee.date_of_birth = "111222333", date(1990, 5, 1)
    eva_sick.employee.save()
    missing = anna_client.get(_url(eva_sick)).context["missing"]
    assert "BSN" not in missing and "Date of birth" not in missing


def test_sending_is_recorded_as_the_milestones_event_and_settles_the_duty(
    anna_client, eva_sick, today
):
    assert (
        Duty.objects.pending(today).filter(case=eva_sick, milestone="uwv_42_week_report").exists()
    )
    response = anna_client.post(_url(eva_sick), {"date": "2026-10-20"})
    assert response.status_code == 302
    event = Event.objects.get(case=eva_sick, kind="uwv_42_week_report")
    assert event.date == date(2026, 10, 20)
    assert (
        not Duty.objects.pending(today)
        .filter(case=eva_sick, milestone="uwv_42_week_report")
        .exists()
    )
    assert "Recorded as sent on" in anna_client.get(_url(eva_sick)).content.decode()


def test_a_date_in_the_future_is_refused_naming_the_field(anna_client, eva_sick):
    response = anna_client.post(_url(eva_sick), {"date": "9999-12-31"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Event.objects.filter(case=eva_sick, kind="uwv_42_week_report").exists()


def test_another_organisation_gets_a_404(client, carla, eva_sick):
    client.force_login(carla)
    assert client.get(_url(eva_sick)).status_code == 404
    assert client.post(_url(eva_sick), {"date": "2026-10-20"}).status_code == 404
    assert not Event.objects.filter(case=eva_sick, kind="uwv_42_week_report").exists()


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.REINTEGRATION_CONSULTANT])
def test_roles_that_may_not_change_the_case_are_refused(client, bakery, eva_sick, role):
    user = User.objects.create_user("zonder", "zonder@example.nl", "secret-password-1")
    Membership.objects.create(user=user, organisation=bakery, role=role)
    client.force_login(user)
    assert client.get(_url(eva_sick)).status_code in (403, 404)
