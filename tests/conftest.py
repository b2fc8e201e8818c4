"""Shared test set-up: the personas (style.md §2.7) and a dossier to work on. pytest-django supplies
`client`, `db`, `settings` and friends; fixtures of one part of the system live in its own conftest.py.

Anna owns Bakkerij De Korenschoof; Bram is its case manager; Carla runs another employer and must see
nothing of Anna's. Eva is Anna's employee who falls ill; `eva_user` is her own login. Dirk is the
occupational physician of Arbodienst Noorderlicht, which serves the bakery; Finn administers that
arbodienst (many employers, no medical data).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings

from openverzuim.accounts.models import Department, Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Employee

TODAY = date(2026, 11, 22)


def pytest_report_header(config) -> str:
    """Say which database the run uses: `.ci/run` runs the suite once on SQLite, once on PostgreSQL."""
    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine} {database['NAME']} (the tests use a test database beside it)"


def refresh_costs(case) -> None:
    """What the wage-measure service does after its write: a fixture that creates rows directly
    brings the stored monthly costs (cases.costs) up to date the same way."""
    from openverzuim.cases.costs import costs_refresh
    from openverzuim.cases.models import Case

    costs_refresh(Case.objects.filter(pk=case.pk), TODAY)


def _user(username: str, organisation: Organisation, role: str) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.nl", "secret-password-1", first_name=username.title()
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def today(monkeypatch) -> date:
    """Pages judge by timezone.localdate(): freeze it on 22 November 2026."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def bakery(db) -> Organisation:
    return Organisation.objects.create(name="Bakkerij De Korenschoof")


@pytest.fixture
def installer(db) -> Organisation:
    return Organisation.objects.create(name="Installatiebedrijf Van Dijk")


@pytest.fixture
def anna(bakery) -> User:
    return _user("anna", bakery, Role.EMPLOYER_ADMIN)


@pytest.fixture
def bram(bakery) -> User:
    return _user("bram", bakery, Role.CASE_MANAGER)


@pytest.fixture
def carla(installer) -> User:
    return _user("carla", installer, Role.EMPLOYER_ADMIN)


def arbodienst_serving(employer: Organisation, name: str) -> Organisation:
    """A new arbodienst `name` that serves `employer`."""
    arbodienst = Organisation.objects.create(name=name, kind=Organisation.Kind.ARBODIENST)
    employer.served_by = arbodienst
    employer.save(update_fields=["served_by"])
    return arbodienst


@pytest.fixture
def noorderlicht(bakery) -> Organisation:
    """The arbodienst that serves the bakery."""
    return arbodienst_serving(bakery, "Arbodienst Noorderlicht")


@pytest.fixture
def dirk(noorderlicht) -> User:
    return _user("dirk", noorderlicht, Role.OCCUPATIONAL_PHYSICIAN)


@pytest.fixture
def finn(noorderlicht) -> User:
    return _user("finn", noorderlicht, Role.ARBODIENST_ADMIN)


@pytest.fixture
def eva_user(eva) -> User:
    """Eva's own login: an employee membership and the link from her employee record."""
    user = _user("eva", eva.organisation, Role.EMPLOYEE)
    eva.user = user
    eva.save(update_fields=["user"])
    return user


@pytest.fixture
def eva(bakery) -> Employee:
    shop = Department.objects.create(organisation=bakery, name="Winkel")
    employee = Employee.objects.create(
        organisation=bakery,
        department=shop,
        first_name="Eva",
        last_name="de Vries",
        employee_number="1001",
    )
    services.employment_create(
        employee=employee,
        start=date(2020, 1, 1),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    return employee


@pytest.fixture
def verified_login():
    """Log a user in with a confirmed authenticator, as after the second step of the login (2FA)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user: User) -> TOTPDevice:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return login


@pytest.fixture
def eva_sick(eva, anna, today):
    """Eva has been sick since Monday 5 January 2026 (the contract's first worked example)."""
    return services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 1, 5), by=anna, today=today
    ).case


@pytest.fixture
def eva_stopped(eva_sick, anna):
    """Eva's wage stopped 1-10 March 2026: no cooperation on the plan of action (BW 7:629 lid 3 e)."""
    from openverzuim.cases.models import WageMeasure

    WageMeasure.objects.create(
        case=eva_sick,
        kind="stop",
        ground="lid3_e",
        recorded_by=anna,
        cause_known_on=date(2026, 2, 26),
        employee_told_on=date(2026, 2, 27),
        start=date(2026, 3, 1),
        end=date(2026, 3, 10),
    )
    refresh_costs(eva_sick)
    return eva_sick


@pytest.fixture
def eva_suspended(eva_sick, anna):
    """Eva's wage suspended from 20 April 2026 (written control rules not kept, BW 7:629 lid 6);
    she kept them again on 6 May, so the held-back wage is owed from that day."""
    from openverzuim.cases.models import WageMeasure

    WageMeasure.objects.create(
        case=eva_sick,
        kind="suspension",
        ground="lid6",
        recorded_by=anna,
        cause_known_on=date(2026, 4, 16),
        employee_told_on=date(2026, 4, 17),
        rules_in_writing=True,
        start=date(2026, 4, 20),
        complied_on=date(2026, 5, 6),
    )
    refresh_costs(eva_sick)
    return eva_sick


@pytest.fixture
def simultaneously(transactional_db):
    """`run(n, work)` calls `work(i)` for i in 0..n-1 in n threads released at the same moment, each
    with its own database connection, and returns what each returned (or raised). The races of issue
    13 are races between database transactions: they need PostgreSQL's row locks and concurrent
    writers, so on SQLite (one writer at a time, no SELECT ... FOR UPDATE) the test is skipped."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrency test: needs PostgreSQL (SQLite serialises writers, has no row locks)"
        )

    def run(n: int, work) -> list:
        start = threading.Barrier(n)
        outcomes: list = [None] * n

        def one(i: int) -> None:
            try:
                start.wait()
                outcomes[i] = work(i)
            except Exception as error:  # the test inspects what each thread met
                outcomes[i] = error
            finally:
                connections.close_all()

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes

    return run
