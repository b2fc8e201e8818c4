"""The privacy tests' world: every role once, at the bakery (own organisation) and one stranger
employer (the other organisation), each with a case, an event and an employee.

Lena is the bakery's line manager of the shop (Winkel), Rik a re-integration consultant assigned to
Eva's case, Sam the system administrator (staff, no membership). Bram manages Eva's case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from openverzuim.accounts.models import Assignment, Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Case, Employee, Event


def member(username: str, organisation, role: str, **extra) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.nl", "secret-password-1", first_name=username.title()
    )
    Membership.objects.create(user=user, organisation=organisation, role=role, **extra)
    return user


@dataclass
class World:
    own_case: Case
    other_case: Case
    own_event: Event
    other_event: Event
    own_employee: Employee
    other_employee: Employee
    personas: dict[str, User | None] = field(default_factory=dict)


@pytest.fixture
def lena(eva, bakery) -> User:
    return member("lena", bakery, Role.LINE_MANAGER, department=eva.department)


@pytest.fixture
def rik(eva_sick, bakery) -> User:
    user = member("rik", bakery, Role.REINTEGRATION_CONSULTANT)
    Assignment.objects.create(user=user, role=Role.REINTEGRATION_CONSULTANT, case_id=eva_sick.pk)
    return user


@pytest.fixture
def sam(db) -> User:
    return User.objects.create_user(
        "sam", "sam@example.nl", "secret-password-1", is_staff=True, is_superuser=True
    )


@pytest.fixture
def otto_sick(installer, carla, today) -> Case:
    otto = Employee.objects.create(
        organisation=installer, first_name="Otto", last_name="Bakker", employee_number="7"
    )
    services.employment_create(
        employee=otto, start=date(2019, 3, 1), contract_hours=Decimal("40"), wage=Decimal("3500")
    )
    return services.sick_report_create(
        employee=otto, first_sick_day=date(2026, 9, 1), by=carla, today=today
    ).case


@pytest.fixture
def world(
    eva_sick, otto_sick, anna, bram, carla, dirk, finn, eva_user, lena, rik, sam, today
) -> World:
    eva_sick.case_manager = bram
    eva_sick.save(update_fields=["case_manager"])
    own_event = services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 2, 10), by=anna, today=today
    )
    other_event = services.event_record(
        case=otto_sick, kind="note", date=date(2026, 9, 2), by=carla, today=today
    )
    return World(
        eva_sick,
        otto_sick,
        own_event,
        other_event,
        eva_sick.employee,
        otto_sick.employee,
        {
            "anonymous": None,
            "anna": anna,
            "bram": bram,
            "lena": lena,
            "rik": rik,
            "eva": eva_user,
            "dirk": dirk,
            "finn": finn,
            "carla": carla,
            "sam": sam,
        },
    )
