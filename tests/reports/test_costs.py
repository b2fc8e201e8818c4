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
    client, anna, eva_sick, today
):
    from datetime import date

    from openverzuim.cases import services
    from openverzuim.cases.models import ReintegrationCost

    ReintegrationCost.objects.create(
        case=eva_sick, date=date(2026, 3, 10), description="Coach", amount=Decimal("600")
    )
    services.work_resumption_create(
        case=eva_sick,
        start=date(2026, 11, 1),
        hours_per_week=Decimal("8"),
        kind="own_work",
        by=anna,
        today=today,
    )
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
    expected = {
        m["month"]: Decimal(m["cost_of_absence"])
        for m in engine["months"]
        if m["month"] in report.months
    }
    assert {m: report.totals[m] for m in expected} == expected
    assert report.totals["2025-12"] == 0  # before the first sick day


def test_each_employer_sees_only_its_own_cases(client, carla, installer, eva_sick, today):
    from datetime import date

    from openverzuim.cases import services
    from openverzuim.cases.models import Employee

    piet = Employee.objects.create(
        organisation=installer, first_name="Piet", last_name="Smit", employee_number="7"
    )
    services.employment_create(
        employee=piet,
        start=date(2020, 1, 1),
        contract_hours=Decimal(40),
        wage=Decimal("4000"),
        sick_pay_year1_percent=Decimal(70),
    )
    services.sick_report_create(
        employee=piet, first_sick_day=date(2026, 11, 1), by=carla, today=today
    )
    client.force_login(carla)
    report = client.get(reverse("reports:costs")).context["report"]
    # Only Piet: 70% x 4000 = 2800 for November; nothing of Eva's 3000 a month at the bakery.
    [department] = report.by_department  # "No department", in the page's language
    assert department != "Winkel"
    assert report.totals["2026-11"] == Decimal("2800.00")
    assert report.totals["2026-03"] == 0


def test_a_wage_stop_lowers_the_cost_of_its_month(client, anna, eva_stopped):
    client.force_login(anna)
    report = client.get(reverse("reports:costs")).context["report"]
    # BW 7:629 lid 3: nothing for 1-10 March; 3000 x 21/31 = 2032.26 instead of 3000.
    assert report.totals["2026-03"] == Decimal("2032.26")
    assert report.totals["2026-02"] == Decimal("3000.00")


def test_a_kept_suspension_is_a_cost_when_it_is_paid(client, anna, eva_suspended):
    client.force_login(anna)
    report = client.get(reverse("reports:costs")).context["report"]
    # BW 7:629 lid 6: April 1900.00 paid, 1100.00 held back; May 2516.13 + back pay 1583.87.
    assert (report.totals["2026-04"], report.totals["2026-05"]) == (
        Decimal("1900.00"),
        Decimal("4100.00"),
    )


def test_the_report_costs_the_same_queries_for_one_case_or_many(client, anna, eva_stopped, today):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openverzuim.cases import services
    from openverzuim.cases.costs import costs_refresh
    from openverzuim.cases.models import Case, Employee, WageMeasure

    client.force_login(anna)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("reports:costs"))
    for number in range(3):
        colleague = Employee.objects.create(
            organisation=eva_stopped.organisation,
            first_name="Mo",
            last_name=f"Bakker {number}",
            employee_number=f"20{number}",
        )
        services.employment_create(
            employee=colleague,
            start=date(2020, 1, 1),
            contract_hours=Decimal(40),
            wage=Decimal("2800"),
        )
        case = services.sick_report_create(
            employee=colleague, first_sick_day=date(2026, 6, 1), by=anna, today=today
        ).case
        WageMeasure.objects.create(
            case=case,
            kind="stop",
            ground="lid3_e",
            cause_known_on=date(2026, 7, 1),
            start=date(2026, 7, 2),
        )
        costs_refresh(Case.objects.filter(pk=case.pk), today)  # as the measure's service does
    with CaptureQueriesContext(connection) as four:
        report = client.get(reverse("reports:costs")).context["report"]
    assert len(four) == len(one)
    assert report.totals["2026-08"] == Decimal("3000.00")  # the three colleagues stopped: only Eva


def test_the_stored_months_follow_the_services_and_agree_with_a_fresh_schedule(
    anna, eva_sick, today
):
    """The months the report sums are written by the services that change a case's pay (cases.costs),
    and `costs_check` finds them equal to a fresh pay schedule after each."""
    from datetime import date

    from openverzuim.cases import services
    from openverzuim.cases.costs import costs_check
    from openverzuim.cases.models import CostMonth
    from openverzuim.measures.services import wage_measure_create

    def stored() -> dict:
        return {
            f"{m:%Y-%m}": a
            for m, a in CostMonth.objects.filter(case=eva_sick).values_list("month", "amount")
        }

    assert stored()["2026-03"] == Decimal("3000.00")
    wage_measure_create(
        case=eva_sick,
        by=anna,
        today=today,
        kind="stop",
        ground="lid3_e",
        cause_known_on=date(2026, 2, 26),
        employee_told_on=date(2026, 2, 27),
        start=date(2026, 3, 1),
        end=date(2026, 3, 10),
    )
    assert stored()["2026-03"] == Decimal("2032.26")  # 3000 x 21/31
    services.recovery_report_create(
        case=eva_sick, recovered_on=date(2026, 11, 10), by=anna, today=today
    )
    assert "2026-12" not in stored() and stored()["2026-11"] == Decimal("900.00")  # 3000 x 9/30
    checked, disagreements = costs_check(today)
    assert checked == 1 and disagreements == []


def test_a_newer_pay_engine_marks_every_case_stale_until_the_daily_run(
    client, anna, eva_sick, today, monkeypatch
):
    from openverzuim.cases import costs

    monkeypatch.setattr(costs, "COST_VERSION", costs.COST_VERSION + 1)
    monkeypatch.setattr("openverzuim.reports.selectors.COST_VERSION", costs.COST_VERSION)
    assert list(costs.stale_cases()) == [eva_sick]
    client.force_login(anna)
    page = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["report"].pending == 1
    assert "being worked out again" in page.content.decode()
    assert costs.costs_recompute(today) == 1
    assert list(costs.stale_cases()) == []
    assert client.get(reverse("reports:costs")).context["report"].pending == 0


def test_the_totals_follow_a_move_to_another_department_and_agree_with_the_months(
    client, anna, eva_sick, bakery, today
):
    from openverzuim.accounts.models import Department
    from openverzuim.cases import services
    from openverzuim.cases.costs import totals_check

    bakehouse = Department.objects.create(organisation=bakery, name="Bakkerij")
    client.force_login(anna)
    before = client.get(reverse("reports:costs")).context["report"]
    services.employee_update(employee=eva_sick.employee, by=anna, department=bakehouse)
    after = client.get(reverse("reports:costs")).context["report"]
    assert list(before.by_department) == ["Winkel"] and list(after.by_department) == ["Bakkerij"]
    assert after.by_department["Bakkerij"] == before.by_department["Winkel"]
    assert after.totals == before.totals
    assert totals_check() == []
    bakehouse.delete()  # the sums stay; the report names no department for them
    report = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="en").context["report"]
    assert list(report.by_department) == ["No department"] and report.totals == before.totals


def test_a_case_manager_sees_the_sum_of_her_own_cases_months(
    client, anna, bram, eva_sick, bakery, today
):
    """The employer's administrator reads the organisation's totals; a case manager, who sees
    only her own cases, the months of those: the same figures for the same cases."""
    from openverzuim.cases.assignment import case_assign, state_of

    client.force_login(bram)
    assert all(
        v == 0 for v in client.get(reverse("reports:costs")).context["report"].totals.values()
    )
    case_assign(case=eva_sick, by=anna, today=today, seen=state_of(eva_sick), case_manager=bram)
    mine = client.get(reverse("reports:costs")).context["report"]
    client.force_login(anna)
    everyone = client.get(reverse("reports:costs")).context["report"]
    assert mine.totals == everyone.totals and mine.totals["2026-02"] == Decimal("3000.00")


def test_the_cases_left_out_are_counted_up_to_a_bound(client, anna, eva_sick, monkeypatch):
    """A case without a schedule is named as left out; past COUNTED the page says "more than"
    instead of reading every case to print one number."""
    from openverzuim.cases.models import CostCalculation
    from openverzuim.reports import selectors

    CostCalculation.objects.filter(case=eva_sick).update(has_schedule=False)
    client.force_login(anna)
    page = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="nl")
    assert page.context["report"].without_wage == 1
    assert "1 dossier heeft geen dienstverband met loon" in page.content.decode()
    monkeypatch.setattr(selectors, "COUNTED", 0)
    page = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Meer dan 0 dossiers hebben geen dienstverband met loon" in page.content.decode()
    CostCalculation.objects.filter(case=eva_sick).update(version=0)  # a case from before
    page = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="nl")
    assert page.context["report"].pending == 1 and page.context["report"].without_wage == 0


def test_the_months_are_named_as_the_reader_writes_them(client, anna, eva_sick):
    """Not "26-01", which reads like a date: "jan" under a bar, "jan 2026" above a column."""
    client.force_login(anna)
    dutch = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'class="tick-label">jan</text>' in dutch and ">jan 2026</th>" in dutch
    assert ">26-01<" not in dutch and "Mrt" not in dutch
    english = client.get(reverse("reports:costs"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="tick-label">Mar</text>' in english and ">Mar 2026</th>" in english
