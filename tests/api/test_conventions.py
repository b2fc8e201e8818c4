"""The API's conventions (docs/api.md): ETag and If-Match, Idempotency-Key, problem details,
rate limits, cursor pages, bounded input and one audit entry per call."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases.models import Case, Employee

EMPLOYEES = "/api/v1/employees/"
NEW = {"employee_number": "2001", "first_name": "Joost", "last_name": "Bakker"}


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["type"].startswith("https://") and body["title"]
    return body


# ── ETag and If-Match ───────────────────────────────────────────────────────────────────────
@pytest.mark.django_db
def test_an_update_needs_the_etag_it_read_and_a_stale_one_is_refused(bakery_api, eva):
    url = f"{EMPLOYEES}{eva.pk}/"
    read = bakery_api.get(url)
    tag = read["ETag"]
    assert tag.startswith('"') and bakery_api.get(url, **{"If-None-Match": tag}).status_code == 304

    _problem(bakery_api.patch(url, {"work_phone": "0612345678"}), 428)
    changed = bakery_api.patch(url, {"work_phone": "0612345678"}, **{"If-Match": tag})
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert changed["ETag"] == bakery_api.get(url)["ETag"]

    # a second system that read before the change must not overwrite it silently
    stale = bakery_api.patch(url, {"work_phone": "0687654321"}, **{"If-Match": tag})
    _problem(stale, 412)
    eva.refresh_from_db()
    assert eva.work_phone == "0612345678"


@pytest.mark.django_db
def test_a_put_replaces_the_record_through_the_service(bakery_api, eva):
    url = f"{EMPLOYEES}{eva.pk}/"
    tag = bakery_api.get(url)["ETag"]
    body = {"employee_number": "1001", "first_name": "Eva", "last_name": "Visser"}
    assert bakery_api.put(url, body, **{"If-Match": tag}).status_code == 200
    entry = AuditEntry.objects.filter(action="write", employee_id=eva.pk).latest("pk")
    assert entry.user_name.startswith("Payroll") and "last_name" in entry.fields
    assert entry.route == "api:employee-detail"


# ── Idempotency-Key ─────────────────────────────────────────────────────────────────────────
@pytest.mark.django_db
def test_a_retried_post_creates_one_employee_and_answers_the_same(bakery_api, bakery):
    first = bakery_api.post(EMPLOYEES, NEW, **{"Idempotency-Key": "retry-1"})
    again = bakery_api.post(EMPLOYEES, NEW, **{"Idempotency-Key": "retry-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    assert Employee.objects.filter(organisation=bakery, employee_number="2001").count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused(bakery_api, bakery):
    bakery_api.post(EMPLOYEES, NEW, **{"Idempotency-Key": "retry-2"})
    other = bakery_api.post(
        EMPLOYEES, NEW | {"employee_number": "2002"}, **{"Idempotency-Key": "retry-2"}
    )
    _problem(other, 422)
    assert not Employee.objects.filter(employee_number="2002").exists()


@pytest.mark.django_db
def test_a_refused_post_keeps_its_key_free_for_the_corrected_one(bakery_api):
    _problem(bakery_api.post(EMPLOYEES, {"first_name": "Joost"}, **{"Idempotency-Key": "k"}), 400)
    assert (
        bakery_api.post(EMPLOYEES, {"first_name": "Joost"}, **{"Idempotency-Key": "k"}).status_code
        == 400
    )
    assert bakery_api.post(EMPLOYEES, NEW, **{"Idempotency-Key": "k2"}).status_code == 201


@pytest.mark.django_db
def test_keys_are_per_api_key(bakery_api, installer_api):
    assert bakery_api.post(EMPLOYEES, NEW, **{"Idempotency-Key": "same"}).status_code == 201
    assert installer_api.post(EMPLOYEES, NEW, **{"Idempotency-Key": "same"}).status_code == 201
    assert Employee.objects.filter(employee_number="2001").count() == 2


@pytest.mark.django_db(transaction=True)
def test_simultaneous_retries_create_one_sick_report(simultaneously, make_key, eva, today):
    """Four copies of the same sick report sent at once with one key: one case, one answer."""
    api = make_key(eva.organisation)
    body = {"employee": eva.pk, "first_sick_day": "2026-11-16"}
    answers = simultaneously(
        4, lambda i: api.post("/api/v1/cases/", body, **{"Idempotency-Key": "sick-eva"})
    )
    assert all(not isinstance(a, Exception) for a in answers), answers
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["case"]["id"] for a in answers}) == 1
    assert Case.objects.filter(employee=eva).count() == 1
    assert connection.vendor == "postgresql"


# ── problem details ─────────────────────────────────────────────────────────────────────────
@pytest.mark.django_db
def test_a_bad_field_is_named_in_the_problem(bakery_api, eva):
    body = _problem(
        bakery_api.post("/api/v1/cases/", {"employee": eva.pk, "first_sick_day": "9999-12-31"}), 400
    )
    assert [e["field"] for e in body["errors"]] == ["first_sick_day"]
    body = _problem(bakery_api.post(EMPLOYEES, NEW | {"first_name": "Jo\x00ost"}), 400)
    assert [e["field"] for e in body["errors"]] == ["first_name"]
    body = _problem(bakery_api.post(EMPLOYEES, NEW | {"employee_number": eva.employee_number}), 400)
    assert [e["field"] for e in body["errors"]] == ["employee_number"]


@pytest.mark.django_db
def test_a_service_rule_is_a_problem_naming_its_field(bakery_api, eva_sick, today):
    body = _problem(
        bakery_api.post(f"/api/v1/cases/{eva_sick.pk}/recovery/", {"recovered_on": "2026-01-01"}),
        400,
    )
    assert body["errors"][0]["field"] == "recovered_on"


@pytest.mark.django_db
def test_no_key_and_a_wrong_key_are_problems(client, bakery_api):
    assert _problem(client.get(EMPLOYEES), 401)
    assert _problem(client.get(EMPLOYEES, headers={"Authorization": "Bearer ov_x_y"}), 401)
    assert client.get(EMPLOYEES).headers["WWW-Authenticate"].startswith("Bearer")
    _problem(bakery_api.get("/api/v1/cases/123456789012345/"), 404)


# ── rate limit ──────────────────────────────────────────────────────────────────────────────
@pytest.mark.django_db
def test_past_the_rate_limit_a_key_gets_429_with_retry_after(bakery_api, installer_api, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    assert [bakery_api.get(EMPLOYEES).status_code for _ in range(3)] == [200] * 3
    limited = bakery_api.get(EMPLOYEES)
    _problem(limited, 429)
    assert 0 < int(limited["Retry-After"]) <= 60
    assert installer_api.get(EMPLOYEES).status_code == 200  # another key has its own limit


# ── cursor pages and query counts ───────────────────────────────────────────────────────────
@pytest.mark.django_db
def test_lists_are_cursor_pages_whose_query_count_does_not_grow(
    bakery_api, bakery, anna, today, django_assert_max_num_queries
):
    from openverzuim.cases import services

    def report(number: int) -> None:
        employee = services.employee_create(
            organisation=bakery,
            by=anna,
            employee_number=f"9{number}",
            first_name="N",
            last_name=f"N{number}",
        )
        services.sick_report_create(
            employee=employee, first_sick_day=date(2026, 11, 2), by=anna, today=today
        )

    report(0)
    with django_assert_max_num_queries(30) as few:
        bakery_api.get("/api/v1/cases/")
    for number in range(1, 12):
        report(number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = bakery_api.get("/api/v1/cases/?page_size=5").json()
    assert len(page["results"]) == 5 and page["next"]
    seen = {c["id"] for c in page["results"]}
    while page["next"]:
        page = bakery_api.get(page["next"]).json()
        seen |= {c["id"] for c in page["results"]}
    assert len(seen) == 12


@pytest.mark.django_db
def test_lists_filter_and_order(bakery_api, eva, bakery, anna):
    from openverzuim.cases import services

    services.employee_create(
        organisation=bakery, by=anna, employee_number="0500", first_name="Piet", last_name="Smit"
    )
    numbers = [
        e["employee_number"]
        for e in bakery_api.get(f"{EMPLOYEES}?ordering=employee_number").json()["results"]
    ]
    assert numbers == ["0500", "1001"]
    found = bakery_api.get(f"{EMPLOYEES}?last_name=vrie").json()["results"]
    assert [e["id"] for e in found] == [eva.pk]
    _problem(bakery_api.get(f"{EMPLOYEES}?department=abc"), 400)
    huge = _problem(bakery_api.get("/api/v1/cases/?employee=99999999999999999999999"), 400)
    assert huge["errors"][0]["field"] == "employee"
    assert _problem(bakery_api.get("/api/v1/duties/?case=NaN"), 400)["errors"][0]["field"] == "case"


@pytest.mark.django_db
def test_duties_filter_by_date_range_and_assignee(bakery_api, eva_sick, bram, today):
    all_due = bakery_api.get("/api/v1/duties/").json()["results"]
    assert all_due and all(d["case"] == eva_sick.pk for d in all_due)
    dues = [d["due"] for d in all_due]
    assert dues == sorted(dues)
    window = bakery_api.get("/api/v1/duties/?due_from=2026-02-01&due_until=2026-06-30").json()
    assert window["results"] and all(
        "2026-02-01" <= d["due"] <= "2026-06-30" for d in window["results"]
    )
    assert bakery_api.get(f"/api/v1/duties/?assignee={bram.pk}").json()["results"] == []


# ── the audit trail: one entry per call, with the key's name ───────────────────────────────
@pytest.mark.django_db
def test_every_call_leaves_one_audit_entry_with_the_keys_name(bakery_api, eva, bakery, anna):
    from openverzuim.cases import services

    for number in range(5):
        services.employee_create(
            organisation=bakery,
            by=anna,
            employee_number=f"70{number}",
            first_name="N",
            last_name="N",
        )
    before = AuditEntry.objects.count()
    bakery_api.get(EMPLOYEES)
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.action, entry.organisation_id) == ("read", bakery.pk)
    assert entry.user_name == "Payroll (API)" and entry.route == "api:employee-list"
    bakery_api.get(f"{EMPLOYEES}{eva.pk}/")
    read = AuditEntry.objects.latest("pk")
    assert (read.action, read.employee_id) == ("read", eva.pk)
    before = AuditEntry.objects.count()
    bakery_api.post(EMPLOYEES, NEW)
    write = AuditEntry.objects.order_by("pk")[before:]
    assert [(e.action, e.user_name) for e in write] == [("write", "Payroll (API)")]


@pytest.mark.django_db
def test_a_recovery_with_a_stale_etag_is_refused(bakery_api, eva_sick, anna, today):
    from openverzuim.cases import services

    url = f"/api/v1/cases/{eva_sick.pk}/"
    tag = bakery_api.get(url)["ETag"]
    services.work_resumption_create(
        case=eva_sick,
        start=date(2026, 11, 2),
        kind="own_work",
        hours_per_week=Decimal("8"),
        by=anna,
        today=today,
    )
    # someone else changed the case meanwhile: partial work recorded from the page
    stale = bakery_api.post(f"{url}recovery/", {"recovered_on": "2026-11-20"}, **{"If-Match": tag})
    _problem(stale, 412)
    eva_sick.refresh_from_db()
    assert eva_sick.periods.get().end is None
    fresh = bakery_api.get(url)["ETag"]
    assert (
        bakery_api.post(
            f"{url}recovery/", {"recovered_on": "2026-11-20"}, **{"If-Match": fresh}
        ).status_code
        == 200
    )
