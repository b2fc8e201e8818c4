"""Demo data for a newcomer: three employers, about sixty employees, fifteen cases in every stage.

Runs only on an empty database (`make run` calls it every time), and only with DEBUG=1 or the explicit
flag --allow-in-production: it creates nine logins with a published password. Everything goes through the services,
so the demo's timelines are the engine's, dated relative to today so that the demo stays alive.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from openverzuim.accounts.models import Assignment, Department, Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.duties import duties_refresh
from openverzuim.cases.models import Case, Employee

DEMO_PASSWORD = "demo-verzuim"  # printed and in the README; demo databases only
FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Julia",
    "Sem",
    "Tess",
    "Milan",
    "Noor",
    "Finn",
    "Zoë",
    "Levi",
    "Eva",
    "Jesse",
    "Lotte",
    "Thijs",
    "Fleur",
    "Bram",
    "Isa",
    "Ruben",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
]

EMPLOYERS = [
    # name, departments, employees, (username, first, last, role)
    (
        "Bakkerij De Korenschoof",
        ["Bakkerij", "Winkel", "Bezorging"],
        30,
        [
            ("anna", "Anna", "Vermeer", Role.EMPLOYER_ADMIN),
            ("bram", "Bram", "Kuipers", Role.CASE_MANAGER),
        ],
    ),
    (
        "Installatiebedrijf Van Dijk",
        ["Monteurs", "Kantoor"],
        20,
        [("carla", "Carla", "Hoekstra", Role.EMPLOYER_ADMIN)],
    ),
    (
        "Zorggroep Het Anker",
        ["Verpleging", "Facilitair"],
        10,
        [("dirk", "Dirk", "Willems", Role.EMPLOYER_ADMIN)],
    ),
]

# Cases by employer index: (days since day 1, recovered days ago or None, events as (kind, day),
# extras). Events are dated by day number (day 1 = first sick day).
STAGES = [
    (0, 1, None, [], {}),  # a fresh report
    (
        0,
        45,
        None,
        [("occupational_health_notified", 3), ("problem_analysis", 38)],
        {},
    ),  # wk 7, no plan
    (
        0,
        300,
        None,
        [
            ("occupational_health_notified", 2),
            ("problem_analysis", 35),
            ("action_plan", 47),
            ("progress_review", 90),
            ("progress_review", 133),
            ("progress_review", 176),
            ("progress_review", 219),
            ("progress_review", 262),
            ("uwv_42_week_report", 290),
        ],
        {},
    ),  # past week 42
    (
        0,
        630,
        None,
        [
            ("occupational_health_notified", 2),
            ("problem_analysis", 40),
            ("action_plan", 52),
            ("progress_review", 94),
            ("uwv_42_week_report", 292),
            ("first_year_evaluation", 350),
            ("track_two_start", 380),
            ("progress_review", 600),
        ],
        {"resumption": 16},
    ),  # near week 91
    (0, 60, 20, [("occupational_health_notified", 4)], {}),  # recovered
    (
        0,
        100,
        None,
        [
            ("occupational_health_notified", 3),
            ("problem_analysis", 39),
            ("action_plan", 50),
            ("progress_review", 92),
        ],
        {"resumption": 12},
    ),  # partial work
    (0, 20, None, [("occupational_health_notified", 2)], {"safety_net": True}),  # safety net
    (0, 9, None, [], {}),  # notification overdue
    (0, 50, None, [("occupational_health_notified", 2)], {"relapse": True}),  # a relapse
    (1, 70, None, [("occupational_health_notified", 1), ("problem_analysis", 41)], {}),  # plan late
    (
        1,
        380,
        None,
        [
            ("occupational_health_notified", 2),
            ("problem_analysis", 30),
            ("action_plan", 44),
            ("uwv_42_week_report", 300),
        ],
        {},
    ),  # no evaluation
    (1, 15, None, [("occupational_health_notified", 6)], {}),
    (1, 200, 150, [("occupational_health_notified", 3), ("problem_analysis", 40)], {"close": 120}),
    (2, 30, None, [("occupational_health_notified", 2)], {}),
    (
        2,
        150,
        None,
        [
            ("occupational_health_notified", 3),
            ("problem_analysis", 37),
            ("action_plan", 49),
            ("progress_review", 91),
            ("progress_review", 133),
        ],
        {},
    ),
]


class Command(BaseCommand):
    help = "Load demo employers, employees and cases into an empty database."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-in-production",
            action="store_true",
            help="load the demo although DEBUG is off (its logins share a published password)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_in_production"]:
            raise CommandError(
                "Demo data not loaded: DEBUG is off, so this may be a production database, and the "
                f"demo creates nine logins with the published password {DEMO_PASSWORD!r}. Run with "
                "DEBUG=1 (as `make run` does), or add --allow-in-production if you are sure."
            )
        if Organisation.objects.exists():
            self.stdout.write("Demo data not loaded: the database already has organisations.")
            return
        with transaction.atomic():
            self._load(timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded. Log in as anna, bram, carla, dirk, eva, fenna, lars, rosa or gijs "
                f"with password "
                f"{DEMO_PASSWORD}."
            )
        )

    def _load(self, today: date) -> None:
        rng = random.Random(2026)
        arbodienst = Organisation.objects.create(
            name="Arbodienst Noorderlicht", kind=Organisation.Kind.ARBODIENST
        )
        employers = []
        for index, (name, departments, headcount, people) in enumerate(EMPLOYERS):
            organisation = Organisation.objects.create(
                name=name, served_by=arbodienst if index == 2 else None
            )
            units = [
                Department.objects.create(organisation=organisation, name=d) for d in departments
            ]
            for username, first, last, role in people:
                user = User.objects.create_user(
                    username,
                    f"{username}@demo.openverzuim.nl",
                    DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                )
                Membership.objects.create(user=user, organisation=organisation, role=role)
            staff = [self._employee(organisation, units, n, rng, today) for n in range(headcount)]
            admin = User.objects.get(username=people[0][0])
            employers.append((organisation, staff, admin, people))
        bram = User.objects.get(username="bram")
        used = {i: 0 for i in range(len(employers))}
        for employer_index, age, recovered_ago, events, extras in STAGES:
            _, staff, admin, _ = employers[employer_index]
            employee = staff[used[employer_index]]
            used[employer_index] += 1
            case = self._case(employee, admin, today, age, recovered_ago, events, extras)
            if employer_index == 0 and used[0] % 2 == 0:
                case.case_manager = bram
                case.save(update_fields=["case_manager"])
                duties_refresh(case, today)  # the case manager is the duties' assignee
        self._people_beyond_the_employer(arbodienst, employers[0])

    def _people_beyond_the_employer(self, arbodienst, bakery) -> None:
        """Eva: a sick employee of the bakery (past week 42) with her own login; Fenna: the
        occupational physician of the arbodienst (she sets up two-step login at her first login)."""
        organisation, staff, _, _ = bakery
        eva = User.objects.create_user(
            "eva",
            "eva@demo.openverzuim.nl",
            DEMO_PASSWORD,
            first_name="Eva",
            last_name=staff[2].last_name,
        )
        Membership.objects.create(user=eva, organisation=organisation, role=Role.EMPLOYEE)
        staff[2].user = eva
        staff[2].first_name = "Eva"
        staff[2].save(update_fields=["user", "first_name"])
        fenna = User.objects.create_user(
            "fenna", "fenna@demo.openverzuim.nl", DEMO_PASSWORD, first_name="Fenna", last_name="Bos"
        )
        Membership.objects.create(
            user=fenna, organisation=arbodienst, role=Role.OCCUPATIONAL_PHYSICIAN
        )
        self._reduced_and_counting_roles(arbodienst, organisation, staff[2])

    def _reduced_and_counting_roles(self, arbodienst, bakery, eva) -> None:
        """Lars manages Eva's team and Rosa coaches her second track: both get the reduced case
        page. Gijs runs the arbodienst: he counts cases per employer and case manager, reads none."""

        def login(username: str, first: str, last: str) -> User:
            return User.objects.create_user(
                username,
                f"{username}@demo.openverzuim.nl",
                DEMO_PASSWORD,
                first_name=first,
                last_name=last,
            )

        Membership.objects.create(
            user=login("lars", "Lars", "de Wit"),
            organisation=bakery,
            role=Role.LINE_MANAGER,
            department=eva.department,
        )
        rosa = login("rosa", "Rosa", "Smits")
        Membership.objects.create(
            user=rosa, organisation=bakery, role=Role.REINTEGRATION_CONSULTANT
        )
        Assignment.objects.create(
            user=rosa, role=Role.REINTEGRATION_CONSULTANT, case_id=eva.cases.get().pk
        )
        Membership.objects.create(
            user=login("gijs", "Gijs", "Hendriks"),
            organisation=arbodienst,
            role=Role.ARBODIENST_ADMIN,
        )

    def _employee(self, organisation, units, n, rng, today) -> Employee:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        employee = Employee.objects.create(
            organisation=organisation,
            department=units[n % len(units)],
            first_name=first,
            last_name=last,
            employee_number=f"{1000 + n}",
            work_email=f"{first.lower()}.{n}@demo.openverzuim.nl",
            date_of_birth=date(1960 + rng.randint(0, 40), rng.randint(1, 12), rng.randint(1, 28)),
        )
        hours = Decimal(rng.choice([16, 24, 32, 36, 38, 40]))
        services.employment_create(
            employee=employee,
            start=today - timedelta(days=rng.randint(800, 5000)),
            contract_hours=hours,
            fulltime_hours=Decimal(38),
            wage=Decimal(rng.randint(2300, 4800)),
        )
        return employee

    def _case(self, employee, admin, today, age, recovered_ago, events, extras) -> Case:
        day1 = today - timedelta(days=age - 1)
        if extras.get("relapse"):
            # A relapse: a first period of 30 days, 10 fit days, then sick again (BW 7:629 lid 10).
            services.sick_report_create(
                employee=employee, first_sick_day=day1 - timedelta(days=40), by=admin, today=today
            )
            case = Case.objects.get(employee=employee)
            services.recovery_report_create(
                case=case, recovered_on=day1 - timedelta(days=10), by=admin, today=today
            )
        result = services.sick_report_create(
            employee=employee,
            first_sick_day=day1,
            by=admin,
            today=today,
            safety_net=extras.get("safety_net", False),
            expected_duration=Case.ExpectedDuration.LONG
            if age > 42
            else Case.ExpectedDuration.WEEK,
        )
        case = result.case
        first = case.periods.earliest("start").start
        for kind, day in events:
            when = first + timedelta(days=day - 1)
            if when <= today:
                services.event_record(case=case, kind=kind, date=when, by=admin, today=today)
        if extras.get("resumption"):
            services.work_resumption_create(
                case=case,
                start=today - timedelta(days=14),
                by=admin,
                today=today,
                hours_per_week=Decimal(extras["resumption"]),
                kind="own_work",
            )
        if recovered_ago is not None:
            services.recovery_report_create(
                case=case, by=admin, today=today, recovered_on=today - timedelta(days=recovered_ago)
            )
        if extras.get("close"):
            services.case_close(
                case=case, by=admin, today=today, closed_on=today - timedelta(days=extras["close"])
            )
        return case
