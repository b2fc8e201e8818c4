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
