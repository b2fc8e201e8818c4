"""The employee sees their own pay schedule, in plain language, and nobody else's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases.models import Employee
from openverzuim.law.pay_contract import compute_pay


def test_the_employee_sees_their_own_schedule_with_a_line_per_figure(client, eva_user, eva_sick):
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="en")
    [item] = response.context["schedules"]
    assert item["case"] == eva_sick
    page = response.content.decode()
    assert "Your wage is €3,000.00 a month" in page
    # Year 1 at 100% (3000), then 70% (2100): one plain line for each, with its reason.
    assert (
        "5 Jan–31 Jan: 100% of your wage — your collective or employment agreement pays this "
        "percentage" in page
    )
    assert "4 Jan–31 Jan: 70% of your wage — by law you keep 70% of your wage while sick" in page
    # Every month shown is the engine's figure for the same facts: Jan 3000 x 27/31 = 2612.90.
    engine = compute_pay(
        {
            "as_of": "2026-11-22",
            "sickness": [{"start": "2026-01-05", "end": None}],
            "employment": {
                "end": None,
                "wage": "3000",
                "contract_hours": "32",
                "sick_pay_percent": ["100", "70"],
            },
        },
        today=date(2026, 11, 22),
    )
    assert [(m.month, str(m.amount)) for m, _ in item["rows"]] == [
        (m["month"], m["amount"]) for m in engine["months"]
    ]
    assert item["rows"][0][0].amount == Decimal("2612.90")


def test_the_page_is_dutch_by_default(client, eva_user, eva_sick):
    client.force_login(eva_user)
    page = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "de wet geeft u bij ziekte 70% van uw loon" in page


def test_an_employer_or_another_employee_sees_no_schedule_here(client, anna, bakery, eva_sick):
    client.force_login(anna)
    response = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["schedules"] == []
    assert "There is no sickness with pay details in your file." in response.content.decode()
    tom = User.objects.create_user("tom", "tom@example.nl", "secret-password-1")
    Membership.objects.create(user=tom, organisation=bakery, role=Role.EMPLOYEE)
    Employee.objects.create(
        organisation=bakery, first_name="Tom", last_name="Jansen", employee_number="1002", user=tom
    )
    client.force_login(tom)
    response = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["schedules"] == [] and "3000.00" not in response.content.decode()


def test_a_wage_stop_shows_as_a_month_with_less_pay_and_says_why(client, eva_user, eva_stopped):
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="en")
    [item] = response.context["schedules"]
    march = next(month for month, _ in item["rows"] if month.month == "2026-03")
    # BW 7:629 lid 3: nothing for 1-10 March; 11-31 March 3000 x 21/31 = 2032.26 instead of 3000.
    assert march.amount == Decimal("2032.26")
    page = response.content.decode()
    assert "€2,032.26" in page
    assert (
        "1 Mar–10 Mar: 0% of your wage — no pay: your employer stopped your wage and you do not "
        "get it back" in page
    )


def test_a_kept_suspension_shows_the_back_pay(client, eva_user, eva_suspended):
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="nl")
    [item] = response.context["schedules"]
    amounts = {month.month: month.amount for month, _ in item["rows"]}
    # BW 7:629 lid 6, by hand: April 1-19 paid 3000 x 19/30 = 1900.00 (20-30 held back, 1100.00);
    # May 6-31 paid 3000 x 26/31 = 2516.13 plus the back pay 1100.00 + 3000 x 5/31 (483.87) = 4100.00.
    assert (amounts["2026-04"], amounts["2026-05"]) == (Decimal("1900.00"), Decimal("4100.00"))
    assert (
        "uw werkgever houdt dit vast tot u de gevraagde informatie geeft"
        in response.content.decode()
    )
