"""The caseload page: counts of cases per employer and per case manager for the employer
administrator and the arbodienst administrator; never a name of an employee, never another
tenant's counts, and the same few queries for thousands of cases as for a handful."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from openverzuim.accounts.models import AuditEntry, Membership, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Case, Employee
from tests.conftest import arbodienst_serving

URL = reverse("reports:caseload")


def member(username: str, organisation: Organisation, role: str, **extra) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.nl", "secret-password-1", first_name=username.title()
    )
    Membership.objects.create(user=user, organisation=organisation, role=role, **extra)
    return user


def sick(
    organisation: Organisation,
    number: int,
    *,
    since: date,
    by: User,
    today: date,
    manager: User | None = None,
    closed_on: date | None = None,
) -> Case:
    """A case through the services, so that its next duty is the engine's."""
    employee = Employee.objects.create(
        organisation=organisation,
        first_name="Werknemer",
        last_name=f"Nummer {number}",
        employee_number=str(number),
    )
    case = services.sick_report_create(
        employee=employee, first_sick_day=since, by=by, today=today
    ).case
    if closed_on:
        services.recovery_report_create(case=case, recovered_on=closed_on, by=by, today=today)
        services.case_close(case=case, closed_on=closed_on, by=by, today=today)
    if manager:
        case.case_manager = manager
        case.save(update_fields=["case_manager"])
    return case


@pytest.fixture
def florist(noorderlicht) -> Organisation:
    """A second employer the arbodienst Noorderlicht serves."""
    return Organisation.objects.create(name="Bloemist Roos", served_by=noorderlicht)


@pytest.fixture
def zuiderzon(installer) -> Organisation:
    """Another arbodienst: it serves the installer, not the bakery."""
    return arbodienst_serving(installer, "Arbodienst Zuiderzon")


@pytest.fixture
def bakery_cases(eva_sick, bakery, anna, bram, today):
    """Eva (sick since January, behind on her duties, managed by Bram), one fresh case nobody
    manages yet, one closed this year and one closed two years ago."""
    eva_sick.case_manager = bram
    eva_sick.save(update_fields=["case_manager"])
    sick(bakery, 2, since=today, by=anna, today=today)
    sick(bakery, 3, since=date(2026, 3, 2), by=anna, today=today, closed_on=date(2026, 4, 1))
    sick(bakery, 4, since=date(2024, 3, 4), by=anna, today=today, closed_on=date(2024, 4, 1))
    return eva_sick


def rows(response) -> dict[str, tuple[int, int, int]]:
    return {
        r.organisation.name: (r.open, r.overdue, r.closed_recently)
        for r in response.context["load"].organisations
    }


def managers(response) -> dict[str, tuple[int, int]]:
    return {
        str(m.manager) if m.manager else "-": (m.open, m.overdue)
        for m in response.context["load"].managers
    }


def test_it_counts_open_overdue_and_recently_closed_cases_per_employer(client, anna, bakery_cases):
    client.force_login(anna)
    response = client.get(URL)
    assert response.status_code == 200
    # Eva's problem analysis was due in February; the fresh case has nothing due yet; one case
    # closed in April 2026, the one closed in 2024 is more than twelve months ago.
    assert rows(response) == {"Bakkerij De Korenschoof": (2, 1, 1)}
    total = response.context["load"].total
    assert (total.open, total.overdue, total.closed_recently) == (2, 1, 1)


def test_a_case_closed_twelve_months_ago_to_the_day_no_longer_counts(client, anna, bakery, today):
    sick(bakery, 5, since=date(2025, 10, 1), by=anna, today=today, closed_on=date(2025, 11, 22))
    sick(bakery, 6, since=date(2025, 10, 1), by=anna, today=today, closed_on=date(2025, 11, 23))
    client.force_login(anna)
    assert rows(client.get(URL)) == {"Bakkerij De Korenschoof": (0, 0, 1)}


def test_it_counts_the_open_cases_of_each_case_manager_and_those_nobody_manages(
    client, anna, bram, bakery, bakery_cases, today
):
    idle = member("ilse", bakery, Role.CASE_MANAGER)
    client.force_login(anna)
    response = client.get(URL)
    # Bram has Eva's overdue case, Ilse none yet (capacity to plan with), one case is unmanaged.
    assert managers(response) == {"Bram": (1, 1), "Ilse": (0, 0), "-": (1, 0)}
    assert list(managers(response)) == ["Bram", "Ilse", "-"]
    page = response.content.decode()
    assert "<svg" in page and idle.email in page


def test_it_never_shows_an_employee_or_what_a_case_holds(client, finn, bakery_cases):
    client.force_login(finn)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Bakkerij De Korenschoof" in page
    for private in (
        "Eva",
        "de Vries",
        "Nummer 2",
        "1001",
        reverse("cases:detail", args=[bakery_cases.pk]),
    ):
        assert private not in page


def test_an_arbodienst_administrator_counts_the_employers_it_serves_and_no_other(
    client, finn, florist, zuiderzon, carla, installer, anna, bakery_cases, today
):
    sick(installer, 7, since=date(2026, 9, 1), by=carla, today=today)
    sick(florist, 8, since=date(2026, 9, 1), by=anna, today=today)
    client.force_login(finn)
    response = client.get(URL)
    assert rows(response) == {"Bakkerij De Korenschoof": (2, 1, 1), "Bloemist Roos": (1, 1, 0)}
    with translation.override("en"):  # the labels are lazy: read them in one language
        choices = [
            str(label) for _value, label in response.context["form"].fields["organisation"].choices
        ]
    assert choices == ["All organisations", "Bakkerij De Korenschoof", "Bloemist Roos"]
    page = response.content.decode()
    assert "Installatiebedrijf Van Dijk" not in page and "Noorderlicht" not in page


def test_the_other_arbodienst_counts_only_its_own_client(
    client, zuiderzon, installer, carla, bakery_cases, today
):
    sick(installer, 7, since=date(2026, 9, 1), by=carla, today=today)
    other_admin = member("olga", zuiderzon, Role.ARBODIENST_ADMIN)
    client.force_login(other_admin)
    response = client.get(URL)
    assert rows(response) == {"Installatiebedrijf Van Dijk": (1, 1, 0)}
    assert "Bakkerij De Korenschoof" not in response.content.decode()


def test_an_employer_administrator_counts_only_their_own_organisation(
    client, carla, installer, noorderlicht, bakery_cases, today
):
    client.force_login(carla)
    response = client.get(URL)
    assert rows(response) == {"Installatiebedrijf Van Dijk": (0, 0, 0)}
    assert response.context["load"].managers == []
    assert "Bakkerij De Korenschoof" not in response.content.decode()


def test_a_holding_administrator_counts_the_child_organisations_granted(
    client, bakery, anna, bakery_cases
):
    holding = Organisation.objects.create(name="Holding Korenschoof")
    bakery.parent = holding
    bakery.save(update_fields=["parent"])
    hanna = member("hanna", holding, Role.EMPLOYER_ADMIN, includes_children=True)
    hugo = member("hugo", holding, Role.EMPLOYER_ADMIN)
    client.force_login(hanna)
    assert rows(client.get(URL))["Bakkerij De Korenschoof"] == (2, 1, 1)
    client.force_login(hugo)
    assert rows(client.get(URL)) == {"Holding Korenschoof": (0, 0, 0)}


def test_it_filters_on_one_organisation(client, finn, florist, anna, bakery_cases, today):
    sick(florist, 8, since=date(2026, 9, 1), by=anna, today=today)
    client.force_login(finn)
    response = client.get(URL, {"organisation": florist.pk})
    assert rows(response) == {"Bloemist Roos": (1, 1, 0)}
    # The bakery's managers are not this employer's: only the florist's unmanaged case remains.
    assert managers(response) == {"-": (1, 1)}
    entry = AuditEntry.objects.get(subject="caseload")
    assert entry.organisation_id == florist.pk


@pytest.mark.parametrize("value", ["installer", "not-a-number", "999999"])
def test_an_organisation_outside_reach_names_the_field_and_shows_the_whole_caseload(
    client, finn, installer, bakery_cases, value
):
    client.force_login(finn)
    response = client.get(
        URL,
        {"organisation": installer.pk if value == "installer" else value},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Organisation: choose one of the employers in the list" in page
    assert rows(response) == {"Bakkerij De Korenschoof": (2, 1, 1)}
    assert "Installatiebedrijf Van Dijk" not in page


def test_it_records_the_read_in_the_audit_trail(client, finn, bakery_cases):
    client.force_login(finn)
    client.get(URL)
    entry = AuditEntry.objects.get(subject="caseload")
    assert (entry.action, entry.user_id, entry.route) == ("read", finn.pk, "reports:caseload")
    assert entry.case_id is None and entry.organisation_id is None
    assert entry.roles == "arbodienst_admin"


def test_without_cases_it_lists_the_served_employers_and_says_so(client, finn, today):
    client.force_login(finn)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert rows(response) == {"Bakkerij De Korenschoof": (0, 0, 0)}
    assert "No open cases, and none closed in the last twelve months." in page
    assert "<svg" not in page


def test_an_arbodienst_serving_nobody_gets_an_empty_page(client, noorderlicht, bakery, today):
    bakery.served_by = None
    bakery.save(update_fields=["served_by"])
    lone = member("lone", noorderlicht, Role.ARBODIENST_ADMIN)
    client.force_login(lone)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["load"].organisations == []
    assert "No employer organisations to count" in response.content.decode()


@pytest.mark.django_db(databases=["default", "medical"])
def test_roles_without_the_caseload_are_refused(
    client, bram, eva_user, dirk, bakery_cases, verified_login
):
    for user in (bram, eva_user):
        client.force_login(user)
        assert client.get(URL).status_code == 404
    verified_login(client, dirk)
    assert client.get(URL).status_code == 404
    client.logout()
    assert client.get(URL)["Location"].startswith(reverse("login"))
    assert not AuditEntry.objects.filter(subject="caseload").exists()


def _many_cases(organisations, count: int, managers_by_org: dict, today: date) -> None:
    """`count` cases per employer, straight into the tables: half overdue, a third unmanaged,
    one in five closed recently."""
    for organisation in organisations:
        employees = Employee.objects.bulk_create(
            Employee(
                organisation=organisation,
                first_name="W",
                last_name=str(n),
                employee_number=f"{organisation.pk}-{n}-{count}",
            )
            for n in range(count)
        )
        staff = managers_by_org[organisation.pk]
        Case.objects.bulk_create(
            Case(
                organisation=organisation,
                employee=employee,
                case_manager=None if n % 3 == 0 else staff[n % len(staff)],
                next_due_on=today + timedelta(days=-5 if n % 2 else 5),
                closed_on=today - timedelta(days=30) if n % 5 == 0 else None,
            )
            for n, employee in enumerate(employees)
        )


def test_the_number_of_queries_does_not_grow_with_the_cases(client, finn, florist, bakery, today):
    organisations = [bakery, florist]
    staff = {
        o.pk: [member(f"cm{o.pk}{i}", o, Role.CASE_MANAGER) for i in range(3)]
        for o in organisations
    }
    client.force_login(finn)
    counts = []
    for size in (2, 60):
        _many_cases(organisations, size, staff, today)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 20  # session, roles, three counts, names, audit: a handful, not per case
    total = response.context["load"].total
    # Per employer 2 + 60 cases: every fifth closed (1 + 12), the odd ones of the rest overdue
    # (1 of the first two; 30 - 6 odd multiples of five of the sixty).
    assert (total.open, total.overdue) == (2 * 49, 2 * 25)
