"""Benchmark of continued wage payment: one pay schedule, and the cost-of-absence report.

1. `law.pay_schedule` for one long case: sick from 1 January 2024 with a wage sanction of 52 weeks
   (1,092 sick days), a date of birth so that the youth table is read too; `--runs` runs.
2. `reports.selectors.cost_of_absence_for()`, the employer's cost report, over `--cases` open cases
   of one employer (first sick days spread over two years, a partial resumption in one case in
   five), on a throwaway SQLite database (see caseload_bench.py). Generation is not timed.

    python bench/pay_bench.py                 # 300 runs, 300 cases
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caseload_bench import TODAY, setup_database, timed  # bench/ is on sys.path (the script dir)

SEED = 20261123


def one_schedule(runs: int) -> tuple[float, float]:
    from openverzuim.law import (
        CaseFacts,
        EmploymentTerms,
        SicknessPeriod,
        WageSanction,
        pay_schedule,
        timeline,
    )

    facts = CaseFacts((SicknessPeriod(date(2024, 1, 1), None),), wage_sanction=WageSanction(52))
    result = timeline(facts, TODAY)
    terms = EmploymentTerms(
        wage=Decimal("2900"),
        wage_period="month",
        contract_hours=Decimal(32),
        fulltime_hours=Decimal(40),
        date_of_birth=date(2006, 5, 17),
        sick_pay_percent=(Decimal(100), Decimal(70)),
    )
    assert sum(line.days for m in pay_schedule(result, terms).months for line in m.lines) == 1092
    return timed(lambda: pay_schedule(result, terms), runs)


def build_employer(cases: int, rng: random.Random):
    from openverzuim.accounts.models import Membership, Organisation, User
    from openverzuim.accounts.roles import Role
    from openverzuim.cases import services
    from openverzuim.cases.models import Employee

    employer = Organisation.objects.create(name="Bakkerij Benchmark")
    admin = User.objects.create_user("admin", "admin@example.nl")
    Membership.objects.create(user=admin, organisation=employer, role=Role.EMPLOYER_ADMIN)
    for n in range(cases):
        employee = Employee.objects.create(
            organisation=employer,
            first_name="W",
            last_name=str(n),
            employee_number=str(n),
            date_of_birth=date(1970 + n % 40, 1 + n % 12, 1),
        )
        services.employment_create(
            employee=employee,
            start=date(2015, 1, 1),
            contract_hours=Decimal(rng.choice([16, 24, 32, 40])),
            wage=Decimal(rng.randint(2300, 7000)),
        )
        first = TODAY - timedelta(days=rng.randint(0, 700))
        case = services.sick_report_create(
            employee=employee, first_sick_day=first, by=admin, today=TODAY
        ).case
        if n % 5 == 0 and first < TODAY - timedelta(days=30):
            services.work_resumption_create(
                case=case,
                start=first + timedelta(days=30),
                hours_per_week=Decimal(8),
                kind="own_work",
                by=admin,
                today=TODAY,
            )
    return admin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_database(None, Path(scratch))
        median, fastest = one_schedule(args.runs)
        print(
            f"pay_schedule, 1,092 sick days: median {median:.2f} ms (fastest {fastest:.2f} ms) "
            f"over {args.runs} runs"
        )
        from openverzuim.reports.selectors import cost_of_absence_for

        admin = build_employer(args.cases, random.Random(SEED))
        report = cost_of_absence_for(user=admin, today=TODAY)
        assert report.without_wage == 0 and sum(report.totals.values()) > 0
        median, fastest = timed(lambda: cost_of_absence_for(user=admin, today=TODAY), args.repeat)
        print(
            f"cost_of_absence_for(), {args.cases} open cases: median {median:.0f} ms "
            f"(fastest {fastest:.0f} ms) over {args.repeat} runs"
        )


if __name__ == "__main__":
    main()
