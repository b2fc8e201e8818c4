"""The cost of absence page: per month and department, from the engine's pay schedules."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse


def test_it_totals_wages_paid_during_sickness_per_month_and_department(client, anna, eva_sick):
    client.force_login(anna)
    response = client.get(reverse("reports:costs"))
    report = response.context["report"]
    assert report.months[0] == "2025-12" and report.current == "2026-11"
    assert report.months[-1] == "2027-05"
    # Eva (shop, EUR 3000, 100% in year 1): January 2026 from the 5th = 3000 x 27 / 31.
    assert report.by_department["Winkel"]["2026-01"] == Decimal("2612.90")
    assert report.totals["2026-02"] == Decimal("3000.00")
    assert "<svg" in response.content.decode()


def test_another_employer_sees_none_of_these_costs(client, carla, eva_sick):
    client.force_login(carla)
    report = client.get(reverse("reports:costs")).context["report"]
    assert report.by_department == {} and all(v == 0 for v in report.totals.values())
    page = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No wages paid during sickness" in page


def test_it_adds_known_reintegration_costs_and_leaves_out_pay_for_own_work(
        client, anna, eva_sick, today):
    from datetime import date

    from openverzuim.cases import services
    from openverzuim.cases.models import ReintegrationCost

    ReintegrationCost.objects.create(case=eva_sick, date=date(2026, 3, 10), description="Coach",
                                     amount=Decimal("600"))
    services.work_resumption_create(case=eva_sick, start=date(2026, 11, 1),
                                    hours_per_week=Decimal("8"), kind="own_work", by=anna,
                                    today=today)
    client.force_login(anna)
    report = client.get(reverse("reports:costs")).context["report"]
    shop = report.by_department["Winkel"]
    # March: 3000 wages + 600 coach. November: 8 of 32 hours own work, 1/4 x 3000 = 750 is pay for
    # work, so 3000 - 750 = 2250 is the cost of absence.
    assert shop["2026-03"] == Decimal("3600.00")
    assert report.reintegration["2026-03"] == Decimal("600.00")
    assert shop["2026-11"] == Decimal("2250.00")


def test_its_figures_equal_the_rules_engine(client, anna, eva_sick):
    from datetime import date

    from openverzuim.law.pay_contract import compute_pay

    client.force_login(anna)
    report = client.get(reverse("reports:costs")).context["report"]
    engine = compute_pay({"as_of": "2026-11-22", "sickness": [{"start": "2026-01-05", "end": None}],
                          "employment": {"end": None, "wage": "3000", "contract_hours": "32",
                                         "sick_pay_percent": ["100", "70"]}},
                         today=date(2026, 11, 22))
    expected = {m["month"]: Decimal(m["cost_of_absence"]) for m in engine["months"]
                if m["month"] in report.months}
    assert {m: report.totals[m] for m in expected} == expected
    assert report.totals["2025-12"] == 0  # before the first sick day


def test_each_employer_sees_only_its_own_cases(client, carla, installer, eva_sick, today):
    from datetime import date

    from openverzuim.cases import services
    from openverzuim.cases.models import Employee

    piet = Employee.objects.create(organisation=installer, first_name="Piet", last_name="Smit",
                                   employee_number="7")
    services.employment_create(employee=piet, start=date(2020, 1, 1), contract_hours=Decimal(40),
                               wage=Decimal("4000"), sick_pay_year1_percent=Decimal(70))
    services.sick_report_create(employee=piet, first_sick_day=date(2026, 11, 1), by=carla,
                                today=today)
    client.force_login(carla)
    report = client.get(reverse("reports:costs")).context["report"]
    # Only Piet: 70% x 4000 = 2800 for November; nothing of Eva's 3000 a month at the bakery.
    [department] = report.by_department  # "No department", in the page's language
    assert department != "Winkel"
    assert report.totals["2026-11"] == Decimal("2800.00")
    assert report.totals["2026-03"] == 0
