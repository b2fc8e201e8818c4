"""The case page's pay block (issue 7): schedule, projected cost of the case, wage-sanction exposure,
and the re-integration costs that feed the projection. Figures by hand and equal to law.pay's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from openverzuim.cases.models import ReintegrationCost
from openverzuim.law.pay_contract import compute_pay

# Eva: EUR 3000 a month for 32 of 40 hours, 100% in weeks 1-52 and 70% after, sick since 5 Jan 2026.
EVA = {
    "as_of": "2026-11-22",
    "sickness": [{"start": "2026-01-05", "end": None}],
    "employment": {
        "end": None,
        "wage": "3000",
        "contract_hours": "32",
        "sick_pay_percent": ["100", "70"],
    },
}


@pytest.fixture
def anna_client(client, anna):
    client.force_login(anna)
    return client


def _pay(client, case):
    return client.get(reverse("cases:detail", args=[case.pk])).context["pay"]


def test_the_projected_cost_is_the_wages_to_week_104_plus_known_costs(anna_client, eva_sick):
    ReintegrationCost.objects.create(
        case=eva_sick,
        date=date(2026, 3, 1),
        description="Arbeidsdeskundig onderzoek",
        amount=Decimal("1250"),
    )
    pay = _pay(anna_client, eva_sick)
    cost = pay["cost"]
    # Sick day 364 is 3 Jan 2027, the last day of payment 2 Jan 2028 (5 Jan 2026 + 727).
    # 2026: Jan 3000 x 27/31 = 2612.90, Feb-Dec 11 x 3000 = 33000; 2027: Jan 1-3 3000 x 3/31 = 290.32,
    # Jan 4-31 2100 x 28/31 = 1896.77, Feb-Dec 11 x 2100 = 23100; 2028: Jan 1-2 2100 x 2/31 = 135.48.
    # Sum 61035.47; no partial work, so all of it is paid without work.
    assert cost.wages_without_work == Decimal("61035.47")
    assert cost.reintegration == Decimal("1250.00")
    assert cost.projected_total == Decimal("62285.47")
    # Paid by 22 Nov 2026: 2612.90 + 9 x 3000 + 3000 x 22/30 = 31812.90.
    assert cost.paid_to_date == Decimal("31812.90")
    # The same figures as the rules engine gives for the same facts.
    engine = compute_pay(EVA, today=date(2026, 11, 22))
    assert str(cost.schedule.total) == engine["total"] == "61035.47"
    assert [(m.month, str(m.amount)) for m in cost.schedule.months] == [
        (m["month"], m["amount"]) for m in engine["months"]
    ]
    page = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    assert "€62,285.47" in page and "Arbeidsdeskundig onderzoek" in page


def test_the_sanction_exposure_is_52_more_weeks_of_wages(anna_client, eva_sick):
    exposure = _pay(anna_client, eva_sick)["cost"].exposure
    # 3 Jan - 31 Dec 2028 at 70% of 3000: 2100 x 29/31 = 1964.52 + 11 x 2100 = 25064.52.
    sanctioned = compute_pay(
        {**EVA, "uwv": {"wage_sanction": {"weeks": 52}}}, today=date(2026, 11, 22)
    )
    assert exposure == Decimal("25064.52")
    assert Decimal(sanctioned["total"]) - Decimal("61035.47") == exposure


def test_own_work_during_partial_resumption_is_not_counted_as_cost(
    anna_client, eva_sick, anna, today
):
    from openverzuim.cases import services

    services.work_resumption_create(
        case=eva_sick,
        start=date(2026, 11, 1),
        hours_per_week=Decimal("16"),
        kind="own_work",
        by=anna,
        today=today,
    )
    cost = _pay(anna_client, eva_sick)["cost"]
    november = next(m for m in cost.schedule.months if m.month == "2026-11")
    # 16 of 32 hours own work: half the wage, 1500, is pay for work; the rest, 1500, is sick pay.
    assert (november.amount, november.cost_of_absence) == (Decimal("3000.00"), Decimal("1500.00"))


def test_a_cost_is_added_through_the_form(anna_client, eva_sick):
    url = reverse("cases:reintegration_cost_new", args=[eva_sick.pk])
    assert anna_client.get(url).status_code == 200
    response = anna_client.post(
        url, {"date": "2026-04-01", "description": "Werkplekaanpassing", "amount": "480.50"}
    )
    assert response.status_code == 302
    [cost] = eva_sick.reintegration_costs.all()
    assert (cost.date, cost.amount, cost.description) == (
        date(2026, 4, 1),
        Decimal("480.50"),
        "Werkplekaanpassing",
    )


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"date": "2025-12-31", "description": "Coach", "amount": "100"},
            "date",
            "cannot lie before the first sick day",
        ),
        (
            {"date": "2026-04-01", "description": "Coach", "amount": "0"},
            "amount",
            "greater than or equal to 0.01",
        ),
        (
            {"date": "2026-04-01", "description": "Coach", "amount": "2000000"},
            "amount",
            "less than or equal to 1000000",
        ),
        ({"date": "2026-04-01", "description": "", "amount": "100"}, "description", "required"),
        ({"date": "first of April", "description": "Coach", "amount": "100"}, "date", "valid date"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(anna_client, eva_sick, data, field, message):
    response = anna_client.post(reverse("cases:reintegration_cost_new", args=[eva_sick.pk]), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ReintegrationCost.objects.exists()


def test_another_employer_can_neither_see_nor_add_costs(client, carla, eva_sick):
    client.force_login(carla)
    url = reverse("cases:reintegration_cost_new", args=[eva_sick.pk])
    assert client.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 404
    assert client.get(url).status_code == 404
    response = client.post(url, {"date": "2026-04-01", "description": "x", "amount": "100"})
    assert response.status_code == 404 and not ReintegrationCost.objects.exists()


def test_a_case_before_the_parameter_tables_shows_no_pay_block_rather_than_an_error(
    anna_client, eva, anna
):
    from openverzuim.cases import services

    case = services.sick_report_create(
        employee=eva, first_sick_day=date(2022, 12, 1), by=anna, today=date(2022, 12, 1)
    ).case
    response = anna_client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200 and response.context["pay"] is None


def test_a_provisional_amount_is_named_in_words_not_as_a_table_key(anna_client, eva_sick):
    # Eva's schedule runs past 1 July 2026, a date on which the sources give no new maximum daily
    # wage and no new minimum wage yet (OQ-13, OQ-26): decision D16 marks the schedule provisional.
    page = anna_client.get(
        reverse("cases:detail", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "het maximumdagloon per 1 jul 2026" in page
    assert "het wettelijk minimumloon per 1 jul 2026" in page
    assert "row for" not in page and "maximum_daily_wage" not in page


def test_the_case_page_and_my_pay_warn_when_the_aow_age_may_come_first(
    anna_client, eva_sick, eva_user, client
):
    # Born 21 November 1960: at least 67 (AOW art. 7a lid 2) on 21 November 2027, six weeks before
    # Eva's last day of payment (2 January 2028). Her AOW age falls in a year our sources do not
    # fix, so BW 7:629 lid 2 may end her pay earlier and the schedule cannot say when (decision P2).
    eva_sick.employee.date_of_birth = date(1960, 11, 21)
    eva_sick.employee.save(update_fields=["date_of_birth"])
    page = anna_client.get(
        reverse("cases:detail", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "aow-warning" in page and "BW 7:629 lid 2" in page
    client.force_login(eva_user)
    assert "aow-warning" in client.get(reverse("portal:my_pay")).content.decode()
    eva_sick.employee.date_of_birth = date(1960, 11, 22)
    eva_sick.employee.save(update_fields=["date_of_birth"])
    assert (
        "aow-warning"
        not in anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    )


def test_the_case_page_says_when_the_aow_age_ended_the_pay(anna_client, eva_sick, eva_user, client):
    # Born 1 March 1957: AOW age 1 March 2024 (67, AOW art. 7a lid 1 sub m), so AOW-aged when she
    # fell sick on 5 January 2026: BW 7:629 lid 2 sub b gives six weeks, day 42 = 15 February 2026.
    eva_sick.employee.date_of_birth = date(1957, 3, 1)
    eva_sick.employee.save(update_fields=["date_of_birth"])
    page = anna_client.get(
        reverse("cases:detail", args=[eva_sick.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "De AOW-leeftijd is bereikt op 1 mrt 2024" in page
    assert "tot en met 15 feb 2026 (BW 7:629 lid 2 sub b)" in page
    client.force_login(eva_user)
    mine = client.get(reverse("portal:my_pay"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "up to and including 15 Feb 2026 (BW 7:629 lid 2 sub b)" in mine
