"""`manage.py generate_load --employees N --open-cases M`: one employer of benchmark size, fast.

For the benchmarks and the load test (docs/performance.md): a new employer with `--employees`
employees, `--open-cases` open sickness cases and `--closed-cases` closed ones (default twice the
open ones, as in a real caseload), each case with its sickness periods and the events a case of that
age has had, and the duty table filled by its one writer (`duties_refresh_many`). Rows go in with
bulk inserts of `--batch` rows (the employees through `core.bulk`: COPY on PostgreSQL), each batch in
its own transaction: a million employees take minutes.
Deterministic for a given `--seed` and `--today`. With `--password`, an administrator
(`--username`) can log in to the pages; otherwise that account has no usable password.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases.costs import costs_refresh
from openverzuim.cases.duties import duties_refresh_many
from openverzuim.cases.models import (
    Case,
    Employee,
    Employment,
    Event,
    EventKind,
    SicknessPeriod,
    sort_name_of,
)
from openverzuim.core.bulk import insert_rows

from ._today import add_today_argument, parse_today
from .load_demo import LAST_NAMES as DEMO_LAST_NAMES

FIRST_NAMES = (
    "Anna",
    "Bram",
    "Daan",
    "Emma",
    "Fleur",
    "Jan",
    "Julia",
    "Lars",
    "Lotte",
    "Milan",
    "Noah",
    "Sanne",
    "Sem",
    "Sophie",
    "Thijs",
    "Tess",
    "Vera",
    "Wouter",
    "Yara",
    "Zoë",
)
# The demo's surnames, and ten more for a larger, still deterministic spread.
LAST_NAMES = (
    *DEMO_LAST_NAMES,
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
)

#: The milestone events a case has had recorded by this sick day (about one in seven is missing).
EVENTS = (
    (7, EventKind.OCCUPATIONAL_HEALTH_NOTIFIED),
    (42, EventKind.PROBLEM_ANALYSIS),
    (56, EventKind.ACTION_PLAN),
    (98, EventKind.PROGRESS_REVIEW),
    (140, EventKind.PROGRESS_REVIEW),
    (294, EventKind.UWV_42_WEEK_REPORT),
    (364, EventKind.FIRST_YEAR_EVALUATION),
)

#: Contract hours a week and how often they occur: most employees work part-time.
CONTRACT_HOURS = ((16, 1), (20, 2), (24, 3), (28, 2), (32, 4), (36, 4), (38, 2), (40, 3))

MAX_EMPLOYEES = 10_000_000


class Command(BaseCommand):
    help = "Create one employer of benchmark size (employees, open and closed cases, duty rows)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--employees", type=int, required=True)
        parser.add_argument("--open-cases", type=int, required=True)
        parser.add_argument("--closed-cases", type=int, help="default: twice --open-cases")
        parser.add_argument("--organisation-name", default="Werkgever (belasting)")
        parser.add_argument(
            "--username",
            default="load-admin",
            help="the employer's administrator (default load-admin)",
        )
        parser.add_argument("--password", help="that administrator's password (default: none)")
        parser.add_argument("--seed", type=int, default=17)
        parser.add_argument(
            "--batch", type=int, default=5000, help="rows per insert (default 5000)"
        )
        add_today_argument(parser)

    def handle(
        self,
        *args,
        employees: int,
        open_cases: int,
        closed_cases: int | None,
        organisation_name: str,
        username: str,
        password: str | None,
        seed: int,
        batch: int,
        today: str | None,
        **options,
    ):
        closed_cases = 2 * open_cases if closed_cases is None else closed_cases
        _check(employees, open_cases, closed_cases, batch, organisation_name, username)
        day = parse_today(today)
        rng = random.Random(seed)
        # The contracts draw from their own stream, so that the people and cases of a seed stay
        # what they were before employees had a contract.
        contracts = random.Random(f"{seed}-employment")
        started = time.perf_counter()
        with transaction.atomic():
            employer = Organisation.objects.create(name=organisation_name)
            admin = User.objects.create_user(username, f"{username}@example.nl", password)
            Membership.objects.create(user=admin, organisation=employer, role=Role.EMPLOYER_ADMIN)
        case_counts = [0, 0]
        for first in range(0, employees, batch):
            last = min(first + batch, employees)
            with transaction.atomic():
                insert_rows(
                    Employee,
                    (_employee(employer, n, rng) for n in range(first, last)),
                    batch_size=batch,
                )
                _employments(employer, range(first, last), day, contracts, batch)
                opened, closed = _cases(
                    employer,
                    range(first, min(last, open_cases + closed_cases)),
                    open_cases,
                    day,
                    rng,
                )
                case_counts[0] += opened
                case_counts[1] += closed
            self.stdout.write(
                f"{last:,} employees, {case_counts[0]:,} open and {case_counts[1]:,} closed cases",
                ending="\r",
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{employer.name} (#{employer.pk}): {employees:,} employees, {case_counts[0]:,} open "
                f"and {case_counts[1]:,} closed cases in {time.perf_counter() - started:.1f} s; "
                f"administrator {username}."
            )
        )


def _check(
    employees: int, open_cases: int, closed_cases: int, batch: int, name: str, username: str
) -> None:
    if not 1 <= employees <= MAX_EMPLOYEES:
        raise CommandError(f"--employees={employees}: expected 1 to {MAX_EMPLOYEES:,}.")
    if open_cases < 0 or closed_cases < 0 or open_cases + closed_cases > employees:
        raise CommandError(
            f"--open-cases={open_cases} and --closed-cases={closed_cases}: each case "
            f"needs an employee of its own; expected 0 to {employees:,} together."
        )
    if not 100 <= batch <= 100_000:
        raise CommandError(f"--batch={batch}: expected 100 to 100,000 rows.")
    if not name.strip() or "\x00" in name or len(name) > 200:
        raise CommandError("--organisation-name: expected a name of 1 to 200 characters.")
    if Organisation.objects.filter(name=name).exists():
        raise CommandError(
            f"--organisation-name: an organisation named {name!r} exists already; "
            "choose another name."
        )
    if not username.strip() or "\x00" in username or len(username) > 150:
        raise CommandError("--username: expected a name of 1 to 150 characters.")
    if User.objects.filter(username=username).exists():
        raise CommandError(f"--username: a user named {username!r} exists already.")


def _employee(employer: Organisation, n: int, rng: random.Random) -> dict[str, object]:
    first_name, last_name = rng.choice(FIRST_NAMES), f"{rng.choice(LAST_NAMES)} {n:07d}"
    return {
        "organisation_id": employer.pk,
        "first_name": first_name,
        "last_name": last_name,
        "sort_name": sort_name_of(first_name, last_name),
        "employee_number": _number(n),
    }


def _number(n: int) -> str:
    return f"L{n:07d}"


def _employments(
    employer: Organisation, numbers: range, today: date, rng: random.Random, batch: int
) -> None:
    """One employment for each employee `numbers`: part-time or full-time, a monthly wage of
    2,000 to 6,000, begun before any sickness the generated cases have (at most about four years
    back), so that every case has a pay schedule and the cost report has months to show."""
    ids = Employee.objects.filter(
        organisation=employer, employee_number__in=[_number(n) for n in numbers]
    ).values_list("employee_number", "pk")
    hours, weights = zip(*CONTRACT_HOURS, strict=True)
    insert_rows(
        Employment,
        (
            {
                "employee_id": pk,
                "start": today - timedelta(days=rng.randint(1_500, 14_000)),
                "contract_hours": Decimal(rng.choices(hours, weights)[0]),
                "wage": Decimal(rng.randint(200_000, 600_000)) / 100,
                "wage_period": Employment.WagePeriod.MONTH,
                # Most collective agreements pay the full wage in the first year.
                "sick_pay_year1_percent": Decimal(100 if rng.random() < 0.8 else 70),
            }
            for _, pk in sorted(ids)
        ),
        batch_size=batch,
    )


def _cases(
    employer: Organisation, numbers: range, open_cases: int, today: date, rng: random.Random
) -> tuple[int, int]:
    """The cases of employees `numbers`: employee n has an open case while n < open_cases, a closed
    one after that. Their ids are read back by employee number (the fast insert returns none)."""
    if not numbers:
        return 0, 0
    ids = dict(
        Employee.objects.filter(
            organisation=employer, employee_number__in=[_number(n) for n in numbers]
        ).values_list("employee_number", "pk")
    )
    employments = dict(
        Employment.objects.filter(employee_id__in=ids.values()).values_list("employee_id", "pk")
    )
    cases = Case.objects.bulk_create(
        Case(
            organisation=employer,
            employee_id=ids[_number(n)],
            employment_id=employments[ids[_number(n)]],
            closed_on=None if n < open_cases else today - timedelta(days=rng.randint(1, 700)),
        )
        for n in numbers
    )
    periods, events = [], []
    for case in cases:
        case_periods = _periods(case, today, rng)
        periods += case_periods
        age = ((case.closed_on or today) - case_periods[0].start).days
        events += [
            Event(case=case, kind=kind, date=case_periods[0].start + timedelta(days=day - 2))
            for day, kind in EVENTS
            if day < age and rng.random() < 0.85
        ]
    SicknessPeriod.objects.bulk_create(periods)
    Event.objects.bulk_create(events)
    opened = [case.pk for case in cases if case.closed_on is None]
    duties_refresh_many(Case.objects.filter(pk__in=opened), today)
    # The closed cases' monthly costs too: the cost report reads them for the months it shows.
    costs_refresh(Case.objects.filter(pk__in=[c.pk for c in cases if c.closed_on]), today)
    return len(opened), len(cases) - len(opened)


def _periods(case: Case, today: date, rng: random.Random) -> list[SicknessPeriod]:
    """One period, or now and then an earlier short one that chains with it (a gap under four
    weeks); the last is open while the case is, and ends the day before it closed otherwise."""
    last_day = case.closed_on - timedelta(days=1) if case.closed_on else None
    start = (last_day or today) - timedelta(days=rng.randint(1, 700))
    periods = []
    if rng.random() < 0.2:
        earlier_end = start - timedelta(days=rng.randint(2, 27))
        periods.append(
            SicknessPeriod(
                case=case, start=earlier_end - timedelta(days=rng.randint(0, 20)), end=earlier_end
            )
        )
    periods.append(SicknessPeriod(case=case, start=start, end=last_day))
    return periods
