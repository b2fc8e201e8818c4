"""`manage.py generate_load`: one employer of benchmark size, its counts right and its duty table
as the engine says."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from openverzuim.accounts.models import Membership, Organisation
from openverzuim.accounts.roles import Role
from openverzuim.cases.costs import costs_check, totals_check
from openverzuim.cases.duties import duties_check
from openverzuim.cases.models import (
    Case,
    CostMonth,
    CostTotal,
    Duty,
    Employee,
    Employment,
    Event,
    SicknessPeriod,
)

TODAY = date(2026, 11, 22)

pytestmark = pytest.mark.django_db


def generate(*extra: str, name: str = "Load BV") -> None:
    call_command(
        "generate_load",
        "--employees",
        "200",
        "--open-cases",
        "20",
        "--batch",
        "100",
        "--organisation-name",
        name,
        "--today",
        TODAY.isoformat(),
        *extra,
        stdout=None,
    )


def test_it_makes_the_employees_cases_and_duties_asked_for():
    generate("--password", "geheim-en-lang-genoeg")
    employer = Organisation.objects.get(name="Load BV")
    assert Employee.objects.filter(organisation=employer).count() == 200
    cases = Case.objects.filter(organisation=employer)
    assert cases.filter(closed_on__isnull=True).count() == 20
    assert cases.filter(closed_on__isnull=False).count() == 40
    assert (
        SicknessPeriod.objects.filter(case__organisation=employer, end__isnull=True).count() == 20
    )
    assert not SicknessPeriod.objects.filter(
        case__closed_on__isnull=False, end__isnull=True
    ).exists()
    assert Event.objects.filter(case__organisation=employer).count() > 20
    assert set(
        Duty.objects.filter(organisation=employer).values_list("case__closed_on", flat=True)
    ) == {None}
    assert Duty.objects.filter(organisation=employer).values("case").distinct().count() == 20
    checked, disagreements = duties_check(TODAY)
    assert (checked, disagreements) == (60, [])  # closed cases too: they must have no rows
    admin = Membership.objects.get(organisation=employer, role=Role.EMPLOYER_ADMIN).user
    assert admin.check_password("geheim-en-lang-genoeg")


def test_every_employee_has_a_contract_with_a_wage_and_the_cases_their_monthly_costs():
    generate()
    employments = Employment.objects.filter(employee__organisation__name="Load BV")
    assert employments.count() == 200
    assert employments.values("employee").distinct().count() == 200
    wages = sorted(employments.values_list("wage", flat=True))
    assert wages[0] >= 2000 and wages[-1] <= 6000 and wages[0] != wages[-1]
    hours = set(employments.values_list("contract_hours", flat=True))
    assert len(hours) > 3 and min(hours) < 40  # part-timers beside full-timers
    cases = Case.objects.filter(organisation__name="Load BV")
    assert not cases.filter(employment__isnull=True).exists()
    assert not cases.exclude(employment__employee=F("employee")).exists()
    assert not cases.filter(employment__start__gte=F("periods__start")).exists()
    assert (
        CostMonth.objects.filter(case__closed_on__isnull=True).values("case").distinct().count()
        == 20
    )
    assert CostMonth.objects.filter(case__closed_on__isnull=False).exists()
    assert CostTotal.objects.filter(amount__gt=0).exists()
    assert costs_check(TODAY) == (60, [])
    assert totals_check() == []


def test_the_same_seed_gives_the_same_people_and_a_second_run_needs_a_name_of_its_own():
    generate()
    with pytest.raises(CommandError, match="organisation-name"):
        generate()
    generate("--username", "load-admin-2", name="Load BV 2")
    first, second = (
        list(
            Employee.objects.filter(organisation__name=name)
            .order_by("pk")
            .values_list("first_name", "last_name")
        )
        for name in ("Load BV", "Load BV 2")
    )
    assert first == second


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["--employees", "0", "--open-cases", "0"], "--employees"),
        (["--employees", "10", "--open-cases", "8"], "--open-cases"),
        (["--employees", "10", "--open-cases", "-1"], "--open-cases"),
        (["--employees", "10", "--open-cases", "1", "--batch", "1"], "--batch"),
        (
            ["--employees", "10", "--open-cases", "1", "--organisation-name", "a\x00b"],
            "--organisation-name",
        ),
        (["--employees", "10", "--open-cases", "1", "--username", "a\x00b"], "--username"),
        (["--employees", "10", "--open-cases", "1", "--today", "9999-99-99"], "--today"),
    ],
)
def test_bad_arguments_name_their_option_and_create_nothing(argv, field):
    with pytest.raises(CommandError, match=field):
        call_command("generate_load", *argv)
    assert not Organisation.objects.exists()
