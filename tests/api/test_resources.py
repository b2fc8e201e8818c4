"""The resources write through the pages' services: the same validation, audit entries and
relapse rule; the timeline is the engine's contract output with its citations."""

from __future__ import annotations

from datetime import date

import pytest

from openverzuim.accounts.models import AuditEntry, Department
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Case, Event
from openverzuim.law.contract import render


@pytest.mark.django_db
def test_a_sick_report_within_28_days_of_recovery_joins_the_earlier_case(
    bakery_api, eva_sick, today
):
    recovered = bakery_api.post(
        f"/api/v1/cases/{eva_sick.pk}/recovery/", {"recovered_on": "2026-11-02"}
    )
    assert recovered.status_code == 200
    assert recovered.json()["periods"] == [{"start": "2026-01-05", "end": "2026-11-01"}]
    again = bakery_api.post(
        "/api/v1/cases/", {"employee": eva_sick.employee_id, "first_sick_day": "2026-11-16"}
    )
    assert again.status_code == 201, again.content
    body = again.json()
    assert body["joined"] is True and body["fit_days"] == 14 and body["case"]["id"] == eva_sick.pk
    assert again["Location"].endswith(f"/api/v1/cases/{eva_sick.pk}/")
    assert Case.objects.filter(employee_id=eva_sick.employee_id).count() == 1
    entry = AuditEntry.objects.filter(case_id=eva_sick.pk, action="write").latest("pk")
    assert (entry.subject, entry.route) == ("case", "api:case-list")
    assert entry.fields.startswith("first_sick_day")


@pytest.mark.django_db
def test_a_second_sick_report_is_refused_as_on_the_page(bakery_api, eva_sick):
    response = bakery_api.post(
        "/api/v1/cases/", {"employee": eva_sick.employee_id, "first_sick_day": "2026-11-20"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "first_sick_day"


@pytest.mark.django_db
def test_events_are_recorded_and_listed(bakery_api, eva_sick, today):
    url = f"/api/v1/cases/{eva_sick.pk}/events/"
    made = bakery_api.post(
        url,
        {"kind": "problem_analysis", "date": "2026-02-10", "note": "Received from the arbodienst"},
    )
    assert made.status_code == 201, made.content
    assert Event.objects.get(case=eva_sick).kind == "problem_analysis"
    assert [e["kind"] for e in bakery_api.get(url).json()] == ["problem_analysis"]
    future = bakery_api.post(url, {"kind": "note", "date": "2026-12-01"})
    assert future.json()["errors"][0]["field"] == "date"
    unknown = bakery_api.post(url, {"kind": "diagnosis", "date": "2026-02-10"})
    assert unknown.json()["errors"][0]["field"] == "kind"


@pytest.mark.django_db
def test_the_timeline_is_the_engines_contract_with_its_citations(bakery_api, eva_sick, today):
    body = bakery_api.get(f"/api/v1/cases/{eva_sick.pk}/timeline/").json()
    assert body["first_sick_day"] == "2026-01-05" and body["as_of"] == today.isoformat()
    case = Case.objects.get(pk=eva_sick.pk)
    assert body == render(case_timeline(case, today))
    plan = next(m for m in body["milestones"] if m["id"] == "action_plan")
    assert plan["due"] == "2026-03-01" and "art." in plan["basis"]


@pytest.mark.django_db
def test_employments_are_added_through_the_service(bakery_api, eva):
    url = f"/api/v1/employees/{eva.pk}/employments/"
    made = bakery_api.post(url, {"start": "2024-01-01", "contract_hours": "24", "wage": "2500.00"})
    assert made.status_code == 201, made.content
    assert len(bakery_api.get(url).json()["results"]) == 2
    bad = bakery_api.post(url, {"start": "2024-01-01", "contract_hours": "NaN", "wage": "1"})
    assert bad.json()["errors"][0]["field"] == "contract_hours"
    inverted = bakery_api.post(
        url, {"start": "2024-01-01", "end": "2023-01-01", "contract_hours": "24", "wage": "1"}
    )
    assert inverted.status_code == 400


@pytest.mark.django_db
def test_an_employee_gets_only_a_department_of_the_keys_organisation(bakery_api, installer, bakery):
    theirs = Department.objects.create(organisation=installer, name="Montage")
    ours = Department.objects.create(organisation=bakery, name="Bakkerij")
    body = {"employee_number": "3001", "first_name": "Kees", "last_name": "Jansen"}
    refused = bakery_api.post("/api/v1/employees/", body | {"department": theirs.pk})
    assert refused.json()["errors"][0]["field"] == "department"
    made = bakery_api.post("/api/v1/employees/", body | {"department": ours.pk, "bsn": "111222333"})
    assert made.status_code == 201, made.content
    assert made.json()["masked_bsn"] == "*******33" and "bsn" not in made.json()


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_duty_list_reads_a_fixed_number_of_queries(
    bakery_api, bakery, anna, today, django_assert_max_num_queries
):
    from openverzuim.cases import services

    def report(number: int) -> None:
        employee = services.employee_create(
            organisation=bakery,
            by=anna,
            employee_number=f"8{number}",
            first_name="N",
            last_name=f"N{number}",
        )
        services.sick_report_create(
            employee=employee, first_sick_day=date(2026, 10, 5), by=anna, today=today
        )

    report(0)
    with django_assert_max_num_queries(30) as few:
        bakery_api.get("/api/v1/duties/")
    for number in range(1, 10):
        report(number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(bakery_api.get("/api/v1/duties/?page_size=100").json()["results"]) > 10


@pytest.mark.django_db
def test_text_that_looks_medical_is_refused_unless_confirmed_as_on_the_page(
    bakery_api, eva_sick, today
):
    url = f"/api/v1/cases/{eva_sick.pk}/events/"
    body = {"kind": "phone_call", "date": "2026-11-20", "note": "Eva heeft een hernia"}
    refused = bakery_api.post(url, body)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "note"
    assert "hernia" in refused.json()["errors"][0]["detail"]
    assert not Event.objects.filter(case=eva_sick).exists()
    confirmed = bakery_api.post(url, body | {"confirm_not_medical": True})
    assert confirmed.status_code == 201 and "confirm_not_medical" not in confirmed.json()


@pytest.mark.django_db
def test_tasks_are_added_through_the_service_and_listed(bakery_api, eva_sick, anna, carla, today):
    from openverzuim.cases.models import Duty, Task

    url = f"/api/v1/cases/{eva_sick.pk}/tasks/"
    made = bakery_api.post(url, {"title": "Terugbellen", "due": "2026-11-30", "assignee": anna.pk})
    assert made.status_code == 201, made.content
    task = Task.objects.get(case=eva_sick)
    assert (task.title, task.assignee_id, made.json()["status"]) == ("Terugbellen", anna.pk, "open")
    assert Duty.objects.filter(
        task=task, assignee=anna
    ).exists()  # in the worklist, as from the page
    assert [t["id"] for t in bakery_api.get(url).json()] == [task.pk]
    entry = AuditEntry.objects.filter(case_id=eva_sick.pk, subject=f"task {task.pk}").get()
    assert entry.route == "api:case-tasks"
    for body, field in (
        ({"title": "Bellen", "due": "2026-11-30", "assignee": carla.pk}, "assignee"),
        ({"title": "Bellen", "due": "2026-11-01", "assignee": anna.pk}, "due"),
        ({"title": "Bellen", "due": "9999-12-31", "assignee": anna.pk}, "due"),
        ({"title": "Bellen over de hernia", "due": "2026-11-30", "assignee": anna.pk}, "title"),
    ):
        refused = bakery_api.post(url, body)
        assert refused.status_code == 400, body
        assert refused.json()["errors"][0]["field"] == field
    assert Task.objects.count() == 1


@pytest.mark.django_db
def test_another_organisations_key_finds_no_tasks(installer_api, eva_sick, anna):
    url = f"/api/v1/cases/{eva_sick.pk}/tasks/"
    assert installer_api.get(url).status_code == 404
    response = installer_api.post(url, {"title": "x", "due": "2026-11-30", "assignee": anna.pk})
    assert response.status_code == 404


@pytest.mark.django_db
def test_files_from_outside_are_listed_and_downloaded(
    bakery_api, installer_api, eva_sick, anna, settings, tmp_path
):
    from openverzuim.documents import services as document_services
    from openverzuim.documents.spec import EMPLOYER

    settings.MEDIA_ROOT = tmp_path
    upload = document_services.upload_create(
        case=eva_sick,
        by=anna,
        parties={EMPLOYER},
        kind="uwv_letter",
        file_name="uwv.pdf",
        content=b"%PDF-1.4 UWV",
    )
    listed = bakery_api.get(f"/api/v1/cases/{eva_sick.pk}/uploads/")
    assert listed.status_code == 200
    [item] = listed.json()
    assert (item["id"], item["kind"], item["original_name"]) == (upload.pk, "uwv_letter", "uwv.pdf")
    response = bakery_api.get(item["file_url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 UWV"
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(
        case_id=eva_sick.pk, subject__contains=f"uploaded file {upload.pk} (file)"
    ).exists()
    assert installer_api.get(item["file_url"]).status_code == 404
    assert installer_api.get(f"/api/v1/cases/{eva_sick.pk}/uploads/").status_code == 404
    assert bakery_api.get(f"/api/v1/cases/{eva_sick.pk}/uploads/999999/file/").status_code == 404


@pytest.mark.django_db
def test_leave_is_recorded_through_the_service_and_listed(bakery_api, eva_sick, today):
    from openverzuim.cases.models import LeavePeriod

    url = f"/api/v1/cases/{eva_sick.pk}/leave/"
    stale = bakery_api.get(url)["ETag"]  # the empty list
    made = bakery_api.post(url, {"start": "2025-03-01", "end": "2025-06-20"}, **{"If-Match": stale})
    assert made.status_code == 201, made.content
    leave = LeavePeriod.objects.get(case=eva_sick)
    assert (leave.start, leave.end) == (date(2025, 3, 1), date(2025, 6, 20))
    assert [p["id"] for p in bakery_api.get(url).json()] == [leave.pk]
    assert AuditEntry.objects.filter(
        case_id=eva_sick.pk, action="write", route="api:case-leave"
    ).exists()
    for body, field in (
        ({"start": "2026-03-01", "end": "2026-06-20"}, "start"),  # while sick
        ({"start": "2025-08-01", "end": "2025-07-01"}, "end"),
        ({"start": "2025-04-01", "end": "2025-04-20"}, "start"),  # overlaps the first
        ({"start": "9999-01-01", "end": "9999-02-01"}, "start"),
    ):
        refused = bakery_api.post(url, body)
        assert refused.status_code == 400, body
        assert refused.json()["errors"][0]["field"] == field
    assert bakery_api.post(
        url, {"start": "2024-01-01", "end": "2024-02-01"}, **{"If-Match": stale}
    ).status_code in (412,)
    assert LeavePeriod.objects.count() == 1


@pytest.mark.django_db
def test_users_are_listed_with_the_roles_the_key_may_grant(
    bakery_api, bakery_keys, installer_api, anna, bram, carla, eva_user, bakery
):
    people = {u["id"]: u for u in bakery_api.get("/api/v1/users/").json()["results"]}
    assert set(people) == {anna.pk, bram.pk}  # not the employee, not the keys' own logins
    assert people[bram.pk]["roles"] == [{"organisation": bakery.pk, "role": "case_manager"}]
    assert bakery_api.get(f"/api/v1/users/{eva_user.pk}/").status_code == 404
    assert bakery_api.get(f"/api/v1/users/{carla.pk}/").status_code == 404
    assert installer_api.get(f"/api/v1/users/{anna.pk}/").status_code == 404
    assert [u["id"] for u in installer_api.get("/api/v1/users/").json()["results"]] == [carla.pk]
    case_manager = bakery_keys["case_manager"]
    assert case_manager.get("/api/v1/users/").json()["results"] == []  # grants nothing
