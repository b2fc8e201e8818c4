"""Dossier notes (phone calls, meetings, notes) and partial work through the API: the case page's
services (the same validation, follow-up task and audit entry), cursor pages read in a fixed number
of queries, filters by kind and date, and a retried POST that records once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases import services
from openverzuim.cases.models import Case, Duty, Event, Task, WorkResumption


@pytest.mark.django_db
def test_a_phone_call_is_recorded_with_its_follow_up_as_on_the_case_page(
    bakery_api, eva_sick, today
):
    url = f"/api/v1/cases/{eva_sick.pk}/notes/"
    made = bakery_api.post(
        url,
        {
            "kind": "phone_call",
            "date": "2026-11-20",
            "note": "Gebeld over de planning",
            "follow_up_on": "2026-11-27",
        },
    )
    assert made.status_code == 201, made.content
    event = Event.objects.get(case=eva_sick)
    assert (event.kind, event.date, event.note) == (
        "phone_call",
        date(2026, 11, 20),
        "Gebeld over de planning",
    )
    task = Task.objects.get(follows_up=event)
    assert task.due == date(2026, 11, 27) and Duty.objects.filter(task=task).exists()
    body = made.json()
    assert body["id"] == event.pk and body["active"] is True
    assert [(t["id"], t["due"]) for t in body["follow_ups"]] == [(task.pk, "2026-11-27")]
    assert "follow_up_on" not in body and "confirm_not_medical" not in body
    entry = AuditEntry.objects.filter(case_id=eva_sick.pk, action="write", subject="case").latest(
        "pk"
    )
    assert (entry.user_name, entry.route) == ("Payroll (API)", "api:case-notes")
    listed = bakery_api.get(url).json()
    assert [n["id"] for n in listed["results"]] == [event.pk] and listed["next"] is None


@pytest.mark.django_db
def test_bad_notes_are_refused_naming_the_field_and_nothing_is_saved(bakery_api, eva_sick, today):
    url = f"/api/v1/cases/{eva_sick.pk}/notes/"
    for body, field in (
        ({"kind": "problem_analysis", "date": "2026-11-20"}, "kind"),  # a milestone: /events/
        ({"kind": "note", "date": "2026-12-01"}, "date"),  # in the future
        ({"kind": "note", "date": "2025-12-01"}, "date"),  # before the first sick day
        ({"kind": "note", "date": "9999-12-31"}, "date"),
        ({"kind": "note", "date": "2026-11-20", "follow_up_on": "2026-11-01"}, "follow_up_on"),
        ({"kind": "note", "date": "2026-11-20", "note": "Eva heeft een hernia"}, "note"),
        ({"kind": "note", "date": "2026-11-20", "note": "x\x00y"}, "note"),
        ({"kind": "note", "date": "2026-11-20", "note": "x" * 2001}, "note"),
    ):
        refused = bakery_api.post(url, body)
        assert refused.status_code == 400, (body, refused.content)
        assert refused.json()["errors"][0]["field"] == field, body
    assert not Event.objects.filter(case=eva_sick).exists()
    assert not Task.objects.exists()
    confirmed = bakery_api.post(
        url,
        {
            "kind": "meeting",
            "date": "2026-11-20",
            "note": "Eva heeft een hernia",
            "confirm_not_medical": True,
        },
    )
    assert confirmed.status_code == 201


@pytest.mark.django_db
def test_notes_are_filtered_and_paged_in_a_fixed_number_of_queries(
    bakery_api, eva_sick, anna, today, django_assert_max_num_queries
):
    url = f"/api/v1/cases/{eva_sick.pk}/notes/"

    def record(kind: str, day: int) -> Event:
        return services.event_record(
            case=eva_sick,
            kind=kind,
            date=date(2026, 11, day),
            note="",
            by=anna,
            today=today,
            follow_up_on=date(2026, 11, 30),
        )

    first = record("note", 2)
    services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 2, 10), by=anna, today=today
    )  # a milestone, not a note
    with django_assert_max_num_queries(40) as few:
        assert [n["id"] for n in bakery_api.get(url).json()["results"]] == [first.pk]
    made = [record(("phone_call", "meeting", "note")[day % 3], day) for day in range(3, 15)]
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = bakery_api.get(f"{url}?page_size=5").json()
    assert [n["id"] for n in page["results"]] == [e.pk for e in reversed(made)][:5]
    assert page["next"]
    following = bakery_api.get(page["next"]).json()
    assert [n["id"] for n in following["results"]] == [e.pk for e in reversed(made)][5:10]
    meetings = bakery_api.get(f"{url}?kind=meeting&date_from=2026-11-06&date_until=2026-11-12")
    assert {n["date"] for n in meetings.json()["results"]} == {"2026-11-07", "2026-11-10"}
    for query, field in (("kind=problem_analysis", "kind"), ("date_from=2026-02-30", "date_from")):
        refused = bakery_api.get(f"{url}?{query}")
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == field


@pytest.mark.django_db
def test_partial_work_is_recorded_and_the_period_goes_on(bakery_api, eva_sick, today):
    url = f"/api/v1/cases/{eva_sick.pk}/resumptions/"
    case_etag = bakery_api.get(f"/api/v1/cases/{eva_sick.pk}/")["ETag"]
    made = bakery_api.post(
        url, {"start": "2026-03-01", "hours_per_week": "16", "kind": "therapeutic"}
    )
    assert made.status_code == 201, made.content
    resumption = WorkResumption.objects.get(case=eva_sick)
    assert (resumption.start, resumption.hours_per_week, resumption.kind) == (
        date(2026, 3, 1),
        Decimal("16"),
        "therapeutic",
    )
    assert made.json()["id"] == resumption.pk and made.json()["hours_per_week"] == "16.00"
    assert Case.objects.get(pk=eva_sick.pk).periods.get().end is None
    entry = AuditEntry.objects.filter(case_id=eva_sick.pk, action="write").latest("pk")
    assert (entry.user_name, entry.route, entry.fields) == (
        "Payroll (API)",
        "api:case-resumptions",
        "start, hours_per_week, kind",
    )
    assert [r["id"] for r in bakery_api.get(url).json()["results"]] == [resumption.pk]
    case = bakery_api.get(f"/api/v1/cases/{eva_sick.pk}/")
    assert case["ETag"] != case_etag and case.json()["resumptions"][0]["hours_per_week"] == "16.00"
    more = {"start": "2026-06-01", "hours_per_week": "24", "kind": "own_work"}
    stale = bakery_api.post(url, more, **{"If-Match": case_etag})  # read before the first
    assert stale.status_code == 412 and WorkResumption.objects.count() == 1
    fresh = bakery_api.post(url, more, **{"If-Match": case["ETag"]})
    assert fresh.status_code == 201 and WorkResumption.objects.count() == 2


@pytest.mark.django_db
def test_bad_partial_work_is_refused_naming_the_field(bakery_api, eva_sick, today):
    url = f"/api/v1/cases/{eva_sick.pk}/resumptions/"
    good = {"start": "2026-03-01", "hours_per_week": "16", "kind": "own_work"}
    for change, field in (
        ({"hours_per_week": "0"}, "hours_per_week"),
        ({"hours_per_week": "-4"}, "hours_per_week"),
        ({"hours_per_week": "32"}, "hours_per_week"),  # all contract hours: recovery instead
        ({"hours_per_week": "NaN"}, "hours_per_week"),
        ({"hours_per_week": "1e400"}, "hours_per_week"),
        ({"start": "2025-12-31"}, "start"),  # before the first sick day
        ({"start": "9999-01-01"}, "start"),
        ({"kind": "volunteering"}, "kind"),
    ):
        refused = bakery_api.post(url, good | change)
        assert refused.status_code == 400, (change, refused.content)
        assert refused.json()["errors"][0]["field"] == field, change
    assert not WorkResumption.objects.exists()
    bakery_api.post(f"/api/v1/cases/{eva_sick.pk}/recovery/", {"recovered_on": "2026-11-02"})
    after = bakery_api.post(url, good)
    assert after.status_code == 400 and not WorkResumption.objects.exists()


@pytest.mark.django_db
def test_a_retried_post_records_once(bakery_api, eva_sick, today):
    key = {"Idempotency-Key": "contact-1"}
    notes = f"/api/v1/cases/{eva_sick.pk}/notes/"
    note = {"kind": "note", "date": "2026-11-20", "note": "Afspraak gemaakt"}
    first, retry = bakery_api.post(notes, note, **key), bakery_api.post(notes, note, **key)
    assert first.status_code == retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert Event.objects.filter(case=eva_sick).count() == 1
    work = f"/api/v1/cases/{eva_sick.pk}/resumptions/"
    part = {"start": "2026-03-01", "hours_per_week": "8", "kind": "own_work"}
    key = {"Idempotency-Key": "contact-2"}
    first, retry = bakery_api.post(work, part, **key), bakery_api.post(work, part, **key)
    assert first.status_code == retry.status_code == 201 and retry.json() == first.json()
    assert WorkResumption.objects.count() == 1


@pytest.mark.django_db
def test_only_roles_that_see_the_full_case_read_notes_and_another_organisation_nothing(
    bakery_keys, installer_api, eva_sick, today
):
    from openverzuim.accounts.models import Assignment

    consultant = bakery_keys["reintegration_consultant"]
    Assignment.objects.create(
        user=consultant_principal(consultant), role="reintegration_consultant", case_id=eva_sick.pk
    )
    for path in ("notes", "resumptions"):
        url = f"/api/v1/cases/{eva_sick.pk}/{path}/"
        assert consultant.get(url).status_code == 403  # the reduced view: no notes, no pay
        assert consultant.post(url, {}).status_code == 403
        assert installer_api.get(url).status_code == 404
        assert installer_api.post(url, {}).status_code == 404
    assert not Event.objects.exists() and not WorkResumption.objects.exists()


def consultant_principal(api):
    from openverzuim.api.services import api_key_for

    return api_key_for(api.key).principal
