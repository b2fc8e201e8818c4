"""The employee sees their own pay schedule, in plain language, and nobody else's."""

from __future__ import annotations

from django.urls import reverse

from openverzuim.accounts.models import User


def test_the_employee_sees_their_own_schedule_with_a_line_per_figure(client, eva_sick):
    eva_user = User.objects.create_user("eva", "eva@example.nl", "secret-password-1")
    eva_sick.employee.user = eva_user
    eva_sick.employee.save()
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="en")
    [item] = response.context["schedules"]
    assert item["case"] == eva_sick
    page = response.content.decode()
    assert "Your wage is € 3000.00 a month" in page
    assert "100% of your wage" in page and "70% of your wage" in page
    assert "percentage of the collective or employment agreement" in page


def test_an_employer_or_stranger_sees_no_schedule_here(client, anna, eva_sick):
    client.force_login(anna)
    response = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["schedules"] == []
    assert "There is no sickness with pay details in your file." in response.content.decode()
