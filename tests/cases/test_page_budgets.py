"""Pages as database queries (issue 17): each list page reads one page of indexed rows and counts
in the database, so its number of queries does not grow with the caseload, and it shows at most its
page size. Measured with 3 and with 9 cases, pages of 2 rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openverzuim.cases import services
from openverzuim.cases import views as case_views
from openverzuim.cases.models import Employee
from openverzuim.core import pages as core_pages
from openverzuim.measures import views as signal_views

PAGE = 2


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(case_views, "LIST_PER_PAGE", PAGE)
    monkeypatch.setattr(signal_views, "RISKS_PER_PAGE", PAGE)


def _sick(organisation, start: int, end: int, by, today) -> None:
    for n in range(start, end):
        employee = Employee.objects.create(
            organisation=organisation,
            first_name=f"Medewerker{n}",
            last_name=f"Jansen {n:03d}",
            employee_number=f"7{n:03d}",
        )
        services.sick_report_create(
            employee=employee, first_sick_day=today - timedelta(days=3 + 9 * n), by=by, today=today
        )


def _get(client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


PAGES = [
    ("cases:list", ""),
    ("cases:list", "?q=jansen"),
    ("cases:list", "?status=&overdue=on"),
    ("cases:list", "?status=open&page=2"),
    ("cases:employees", ""),
    ("cases:employees", "?q=medewerker&page=2"),
    ("measures:risks", ""),
]


@pytest.mark.parametrize("name, query", PAGES)
def test_a_list_page_costs_the_same_queries_for_9_cases_as_for_3_and_shows_one_page(
    anna_client, bakery, carla, installer, anna, today, name, query
):
    url = reverse(name) + query
    _sick(bakery, 0, 3, anna, today)
    _sick(installer, 100, 103, carla, today)  # another employer's cases: never counted or shown
    _few, few = _get(anna_client, url)
    _sick(bakery, 3, 9, anna, today)
    response, many = _get(anna_client, url)
    assert many == few
    page = response.context["page"]
    assert 0 < len(page.object_list) <= PAGE
    assert page.paginator.count <= 9  # the bakery's only
    assert "Jansen 10" not in response.content.decode()


@pytest.mark.parametrize("name", ["reports:caseload", "reports:costs"])
def test_the_reports_cost_the_same_queries_for_9_cases_as_for_3(
    anna_client, bakery, anna, today, name
):
    _sick(bakery, 0, 3, anna, today)
    _few, few = _get(anna_client, reverse(name))
    _sick(bakery, 3, 9, anna, today)
    _many, many = _get(anna_client, reverse(name))
    assert many == few


def test_the_case_list_counts_every_match_and_pages_through_them_all(
    anna_client, bakery, anna, today
):
    _sick(bakery, 0, 5, anna, today)
    seen = []
    for number in (1, 2, 3):
        page = anna_client.get(reverse("cases:list") + f"?status=open&page={number}").context[
            "page"
        ]
        assert page.paginator.count == 5
        seen += [case.pk for case in page.object_list]
    assert len(seen) == len(set(seen)) == 5


def test_the_pager_keeps_the_filters(anna_client, bakery, anna, today):
    _sick(bakery, 0, 5, anna, today)
    html = anna_client.get(reverse("cases:list") + "?status=open&q=jansen").content.decode()
    assert "?status=open&amp;q=jansen&amp;page=2" in html


@pytest.mark.parametrize("page", ["x", "0", "-1", "99999999999999999999999", "\x00", "1e9"])
def test_a_bad_page_number_shows_a_page_not_an_error(anna_client, bakery, anna, today, page):
    _sick(bakery, 0, 3, anna, today)
    for name in ("cases:list", "cases:employees", "measures:risks"):
        assert anna_client.get(reverse(name), {"page": page}).status_code == 200


def test_the_employees_page_searches_by_name_and_number(
    anna_client, bakery, carla, installer, anna, today
):
    _sick(bakery, 0, 3, anna, today)
    _sick(installer, 100, 101, carla, today)

    def names(q: str) -> set[str]:
        page = anna_client.get(reverse("cases:employees"), {"q": q}).context["page"]
        return {e.last_name for e in page.object_list}

    assert names("JANSEN 001") == {"Jansen 001"}
    assert names("7002") == {"Jansen 002"}
    assert names("7100") == set()  # another employer's number
    assert (
        "No employee matches this search."
        in anna_client.get(reverse("cases:employees"), {"q": "nobody"}).content.decode()
    )


def test_the_risks_overview_records_each_case_read_in_one_statement(
    anna_client, bakery, anna, today, monkeypatch
):
    """Each case shown keeps its own audit entry (the employee sees who read the findings), but
    the entries cost the page one INSERT and one roles query, not two queries per case."""
    from openverzuim.accounts.models import AuditEntry

    monkeypatch.setattr(signal_views, "RISKS_PER_PAGE", 50)
    _sick(bakery, 0, 3, anna, today)
    _few, few = _get(anna_client, reverse("measures:risks"))
    _sick(bakery, 3, 9, anna, today)
    _many, many = _get(anna_client, reverse("measures:risks"))
    assert many == few
    reads = AuditEntry.objects.filter(subject="risk findings", route="measures:risks")
    assert reads.count() == 3 + 9
    assert set(reads.values_list("roles", flat=True)) == {"employer_admin"}


def test_a_search_over_all_cases_shows_the_open_ones_first(anna_client, bakery, anna, today):
    from openverzuim.cases.models import Case

    _sick(bakery, 0, 3, anna, today)
    closed = Case.objects.get(employee__last_name="Jansen 001")
    Case.objects.filter(pk=closed.pk).update(closed_on=today)
    page = anna_client.get(reverse("cases:list"), {"status": "", "q": "jansen"}).context["page"]
    assert page.paginator.count == 3
    rest = anna_client.get(reverse("cases:list"), {"status": "", "q": "jansen", "page": 2}).context[
        "page"
    ]
    shown = [c.pk for c in page.object_list] + [c.pk for c in rest.object_list]
    assert shown[-1] == closed.pk and len(shown) == 3


def test_the_employees_page_counts_up_to_its_cap_and_says_more_than_beyond_it(
    anna_client, bakery, anna, today, monkeypatch
):
    monkeypatch.setattr(core_pages, "COUNT_CAP", 6)
    url = reverse("cases:employees")
    known = Employee.objects.filter(organisation=bakery).count()
    _sick(bakery, 0, 6 - known, anna, today)  # exactly the cap: an exact count
    response = anna_client.get(url)
    page = response.context["page"]
    assert (page.paginator.count, page.paginator.capped, page.paginator.num_pages) == (6, False, 3)
    assert "6 employees" in response.content.decode()
    assert "More than" not in response.content.decode()

    _sick(bakery, 6 - known, 9, anna, today)  # beyond it: "more than", pages up to the cap
    with CaptureQueriesContext(connection) as queries:
        response = anna_client.get(url, {"page": 3})
    html = response.content.decode()
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.num_pages == 3 and page.number == 3
    assert "More than 6 employees: search by name or number to find one." in html
    assert "Page 3 of the first 3" in html
    counts = [q["sql"] for q in queries.captured_queries if "cases_employee" in q["sql"]]
    counts = [sql for sql in counts if "COUNT(" in sql.upper()]
    # One count, which stops reading at cap + 1 rows and evaluates nothing per row.
    assert len(counts) == 1 and "LIMIT 7" in counts[0] and "EXISTS" not in counts[0].upper()
    # The rows of the pages it offers are the first 6 by name, each once.
    seen = [
        e.pk
        for number in (1, 2, 3)
        for e in anna_client.get(url, {"page": number}).context["page"].object_list
    ]
    first = list(Employee.objects.filter(organisation=bakery).values_list("pk", flat=True)[:6])
    assert seen == first


def test_the_case_list_counts_up_to_its_cap_and_says_more_than_beyond_it(
    anna_client, bakery, anna, today, monkeypatch
):
    _sick(bakery, 0, 5, anna, today)
    monkeypatch.setattr(core_pages, "COUNT_CAP", 5)
    response = anna_client.get(reverse("cases:list"))
    assert response.context["page"].paginator.count == 5
    assert "5 cases" in response.content.decode()
    monkeypatch.setattr(core_pages, "COUNT_CAP", 4)
    response = anna_client.get(reverse("cases:list"), {"page": 2})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.num_pages == 2
    html = response.content.decode()
    assert "More than 4 cases: filter or search to find one." in html
    assert "Page 2 of the first 2" in html


@pytest.mark.parametrize("name", ["cases:worklist", "cases:list", "cases:employees"])
def test_a_page_reads_the_users_roles_and_organisations_once(
    anna_client, bakery, anna, today, name
):
    """The route check, the selectors, the menu and each row's links ask the policy the same
    questions; within one request it reads the answers once (accounts.policies.request_memo)."""
    _sick(bakery, 0, 3, anna, today)
    with CaptureQueriesContext(connection) as queries:
        assert anna_client.get(reverse(name)).status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    roles = [s for s in sql if s.startswith('SELECT "accounts_membership"."role"')]
    organisations = [s for s in sql if s.startswith('SELECT DISTINCT "accounts_organisation"."id"')]
    assert len(roles) == 1 and len(organisations) == 1, (roles, organisations)


def test_the_policy_remembers_nothing_outside_a_request(bakery, installer, anna, today):
    """A user object that is not a request's (a test, a command, a task) is asked afresh: a
    membership added after a first question is seen by the next one."""
    from openverzuim.accounts.models import Membership
    from openverzuim.accounts.roles import Role
    from openverzuim.cases.policies import visible_organisation_ids

    assert visible_organisation_ids(anna, "view")[0] == [bakery.pk]
    Membership.objects.create(user=anna, organisation=installer, role=Role.EMPLOYER_ADMIN)
    assert visible_organisation_ids(anna, "view")[0] == sorted([bakery.pk, installer.pk])
