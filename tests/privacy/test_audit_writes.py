"""One way to write (issue 14 point 4): every service that changes a dossier records its own write,
exactly one entry per change, whichever page or command calls it; no view records a write itself."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from inspect import getmembers, isfunction

import pytest
from django.db.models import Q
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases import services as cases
from openverzuim.cases.models import Employee
from openverzuim.cases.uwv import services as uwv
from openverzuim.documents import selectors as document_selectors
from openverzuim.documents import services as documents
from openverzuim.measures import services as measures
from openverzuim.medical import services as medical
from openverzuim.reminders import services as reminders
from tests.privacy.view_modules import view_modules_naming

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

#: The services modules whose public functions change a dossier, and those of their functions that
#: do not (they read, or change a login or a calendar link rather than a dossier).
MODULES = (cases, uwv, documents, medical, measures, reminders)
NOT_DOSSIER_CHANGES = {
    "employee_invitation_for",
    "existing_login_for",  # cases: reads
    "author_name",
    "reencrypt_vault",  # medical: helpers, key rotation
    "calendar_feed_renew",
    "calendar_feed_revoke",  # reminders: the user's own calendar link
}


def _dossier_writes():
    return AuditEntry.objects.filter(action="write").filter(
        Q(case_id__isnull=False) | Q(employee_id__isnull=False)
    )


def _sick_eva(c):
    return {
        "employee": c.eva,
        "first_sick_day": c.today - timedelta(days=3),
        "by": c.anna,
        "today": c.today,
    }


def _event(c):
    return cases.event_record(
        case=c.case, kind="phone_call", date=c.today, by=c.anna, today=c.today
    )


def _recovered(c):
    cases.recovery_report_create(
        case=c.case, recovered_on=date(2026, 11, 1), by=c.anna, today=c.today
    )
    return c.case


def _opinion(c):
    return measures.expert_opinion_create(
        case=c.case,
        by=c.anna,
        today=c.today,
        requester="employer",
        question="suitable_work",
        requested_on=c.today,
    )


def _draft(c):
    reach = document_selectors.case_reach_for(user=c.eva_user, case_id=c.case.pk)
    return documents.document_create(
        case=c.case,
        type_code="employee_opinion",
        by=c.eva_user,
        content={"opinion": "Eens"},
        parties=reach.parties,
    ), reach


def _signed(c):
    document, reach = _draft(c)
    version = document.latest()
    documents.version_sign(
        version=version,
        party="employee",
        by=c.eva_user,
        parties=reach.parties,
        today=c.today,
        expected_sha256=version.content_sha256,
    )
    return document, reach


def _employee_leave(c):
    """Leave on Eva's employee page, long before her case."""
    return cases.employee_leave_record(
        employee=c.eva, start=date(2025, 3, 1), end=date(2025, 6, 20), by=c.anna
    )


def _sanction(c):
    return uwv.wage_sanction_record(
        case=c.case, weeks=10, decided_on=date(2026, 11, 2), version=0, by=c.anna, today=c.today
    )


def _leave(c):
    return uwv.leave_record(
        case=c.case,
        start=date(2026, 11, 1),
        end=date(2026, 11, 20),
        version=0,
        by=c.anna,
        today=c.today,
    )


#: Each service, called as a command would call it: (name, what it needs made first, the call).
CALLS = [
    (
        "employee_create",
        None,
        lambda c, _: cases.employee_create(
            organisation=c.eva.organisation,
            by=c.anna,
            first_name="Piet",
            last_name="Bakker",
            employee_number="1002",
        ),
    ),
    (
        "employee_update",
        None,
        lambda c, _: cases.employee_update(employee=c.eva, by=c.anna, last_name="Jansen"),
    ),
    (
        "employee_invite",
        None,
        lambda c, _: cases.employee_invite(
            employee=Employee.objects.create(
                organisation=c.eva.organisation,
                first_name="Piet",
                last_name="Bakker",
                employee_number="1002",
                work_email="piet@korenschoof.nl",
            ),
            by=c.anna,
            accept_url="https://example.nl/{token}/",
        ),
    ),
    (
        "employment_create",
        None,
        lambda c, _: cases.employment_create(
            employee=c.eva,
            by=c.anna,
            start=date(2027, 1, 1),
            contract_hours=Decimal("24"),
            wage=Decimal("2500"),
        ),
    ),
    ("recovery_report_create", None, lambda c, _: _recovered(c)),
    ("employee_leave_record", None, lambda c, _: _employee_leave(c)),
    (
        "employee_leave_remove",
        _employee_leave,
        lambda c, leave: cases.employee_leave_remove(employee=c.eva, leave=leave, by=c.anna),
    ),
    (
        "work_resumption_create",
        None,
        lambda c, _: cases.work_resumption_create(
            case=c.case,
            start=c.today,
            hours_per_week=Decimal("8"),
            kind="own_work",
            by=c.anna,
            today=c.today,
        ),
    ),
    ("event_record", None, lambda c, _: _event(c)),
    (
        "event_withdraw",
        _event,
        lambda c, event: cases.event_withdraw(
            event=event, reason="Vergissing", by=c.anna, today=c.today
        ),
    ),
    (
        "event_correct",
        _event,
        lambda c, event: cases.event_correct(
            event=event, date=c.today, note="Gebeld", by=c.anna, today=c.today
        ),
    ),
    (
        "case_close",
        _recovered,
        lambda c, case: cases.case_close(
            case=case, closed_on=date(2026, 11, 2), by=c.anna, today=c.today
        ),
    ),
    (
        "reintegration_cost_create",
        None,
        lambda c, _: cases.reintegration_cost_create(
            case=c.case,
            date=c.today,
            description="Coach",
            amount=Decimal("500"),
            by=c.anna,
            today=c.today,
        ),
    ),
    (
        "wage_measure_create",
        None,
        lambda c, _: measures.wage_measure_create(
            case=c.case,
            by=c.anna,
            today=c.today,
            kind="suspension",
            ground="lid6",
            cause_known_on=date(2026, 11, 2),
            employee_told_on=date(2026, 11, 3),
            start=date(2026, 11, 3),
            written_warning_on=date(2026, 11, 2),
            rules_in_writing=True,
        ),
    ),
    ("expert_opinion_create", None, lambda c, _: _opinion(c)),
    (
        "expert_opinion_outcome",
        _opinion,
        lambda c, opinion: measures.expert_opinion_outcome(
            request=opinion, opinion_on=c.today, outcome="yes", note="", by=c.anna, today=c.today
        ),
    ),
    (
        "step_record",
        None,
        lambda c, _: measures.step_record(
            case=c.case,
            path="stalled",
            step="work_order",
            taken_on=c.today,
            by=c.anna,
            today=c.today,
        ),
    ),
    ("document_create", None, lambda c, _: _draft(c)),
    (
        "version_edit",
        _draft,
        lambda c, made: documents.version_edit(
            version=made[0].latest(),
            content={"opinion": "Oneens"},
            by=c.eva_user,
            parties=made[1].parties,
        ),
    ),
    (
        "version_sign",
        _draft,
        lambda c, made: documents.version_sign(
            version=made[0].latest(),
            party="employee",
            by=c.eva_user,
            parties=made[1].parties,
            today=c.today,
            expected_sha256=made[0].latest().content_sha256,
        ),
    ),
    (
        "version_new",
        _signed,
        lambda c, made: documents.version_new(
            document=made[0],
            content={"opinion": "Oneens"},
            reason="Nagedacht",
            by=c.eva_user,
            parties=made[1].parties,
        ),
    ),
    (
        "copy_received_record",
        _signed,
        lambda c, made: documents.copy_received_record(
            version=made[0].latest(), on=c.today, by=c.anna, today=c.today
        ),
    ),
    (
        "note_add",
        None,
        lambda c, _: medical.note_add(
            case=c.case, author=c.dirk, today=c.today, consulted_on=c.today, text="Spreekuur"
        ),
    ),
    (
        "analysis_add",
        None,
        lambda c, _: medical.analysis_add(
            case=c.case, author=c.dirk, today=c.today, analysed_on=c.today, text="Analyse"
        ),
    ),
    (
        "diagnosis_add",
        None,
        lambda c, _: medical.diagnosis_add(
            case=c.case, author=c.dirk, today=c.today, diagnosed_on=c.today, text="Diagnose"
        ),
    ),
    (
        "correspondence_add",
        None,
        lambda c, _: medical.correspondence_add(
            case=c.case,
            author=c.dirk,
            today=c.today,
            dated=c.today,
            correspondent="Huisarts",
            text="Brief",
        ),
    ),
    (
        "release_add",
        None,
        lambda c, _: medical.release_add(
            case=c.case,
            author=c.dirk,
            today=c.today,
            released_on=c.today,
            limitations="Niet tillen",
            possibilities="Kassawerk",
            expected_duration="short",
            work_advice="Opbouw",
        ),
    ),
    ("wage_sanction_record", None, lambda c, _: _sanction(c)),
    (
        "report_sent_record",
        None,
        lambda c, _: uwv.report_sent_record(
            case=c.case, milestone="uwv_42_week_report", date=c.today, by=c.anna, today=c.today
        ),
    ),
    (
        "sanction_repair_record",
        _sanction,
        lambda c, _: uwv.sanction_repair_record(
            case=c.case, confirmed_on=c.today, version=1, by=c.anna, today=c.today
        ),
    ),
    (
        "voluntary_extension_record",
        None,
        lambda c, _: uwv.voluntary_extension_record(
            case=c.case, weeks=13, agreed_on=c.today, version=0, by=c.anna, today=c.today
        ),
    ),
    ("leave_record", _recovered, lambda c, _: _leave(c)),
    (
        "leave_remove",
        lambda c: (_recovered(c), _leave(c))[1],
        lambda c, leave: uwv.leave_remove(
            case=c.case, leave=leave, version=1, by=c.anna, today=c.today
        ),
    ),
    (
        "upload_create",
        None,
        lambda c, _: documents.upload_create(
            case=c.case,
            by=c.anna,
            parties={"employer"},
            kind="uwv_letter",
            file_name="uwv.pdf",
            content=b"%PDF-1.4 UWV",
        ),
    ),
]
#: Covered by the page tests below and by tests/cases/test_employee_invite.py (the acceptance).
BY_PAGE = {"sick_report_create", "employee_invitation_accept"}


class _Context:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


@pytest.fixture
def c(anna, eva, eva_sick, eva_user, dirk, today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded file
    return _Context(anna=anna, eva=eva, case=eva_sick, eva_user=eva_user, dirk=dirk, today=today)


def test_every_service_that_changes_a_dossier_is_in_this_test():
    public = {
        name
        for module in MODULES
        for name, f in getmembers(module, isfunction)
        if f.__module__ == module.__name__ and not name.startswith("_")
    }
    assert public - NOT_DOSSIER_CHANGES == {name for name, _, _ in CALLS} | BY_PAGE


@pytest.mark.parametrize("name, prepare, call", CALLS, ids=[name for name, _, _ in CALLS])
def test_a_service_called_as_a_command_leaves_exactly_one_entry(c, name, prepare, call):
    made = prepare(c) if prepare else None
    before = set(_dossier_writes().values_list("pk", flat=True))
    call(c, made)
    [entry] = _dossier_writes().exclude(pk__in=before)
    assert entry.route == ""  # no page
    assert entry.case_id in (c.case.pk, None) and entry.subject


@pytest.fixture
def anna_client(client, anna):
    client.force_login(anna)
    return client


SICK_REPORT = {"first_sick_day": "2026-11-20", "expected_duration": "unknown"}


def _report_entry(client, url: str, data: dict) -> dict:
    before = set(_dossier_writes().values_list("pk", flat=True))
    assert client.post(url, data).status_code == 302
    [entry] = _dossier_writes().exclude(pk__in=before)
    return {
        key: getattr(entry, key)
        for key in (
            "action",
            "user_id",
            "organisation_id",
            "case_id",
            "employee_id",
            "subject",
            "fields",
        )
    }


def test_the_wizard_and_the_plain_form_write_the_same_audit_entries(anna_client, eva, anna):
    """Issue 14: a sick report through /guide/first-sick-day/ wrote no entry at all."""
    plain = _report_entry(
        anna_client, reverse("cases:sick_report"), {"employee": eva.pk, **SICK_REPORT}
    )
    eva.cases.update(closed_on=date(2026, 11, 21))
    eva.cases.get().periods.update(end=date(2026, 11, 20))
    # Recovered and closed: the next report within 28 days joins the same case again.
    wizard = _report_entry(
        anna_client,
        reverse("guide:first_day"),
        {"employee": eva.pk, **SICK_REPORT, "first_sick_day": "2026-11-21"},
    )
    assert wizard == plain
    assert plain["subject"] == "case" and plain["fields"].startswith("first_sick_day")
    assert list(
        AuditEntry.objects.filter(action="write", case_id=plain["case_id"])
        .order_by("pk")
        .values_list("route", flat=True)
    ) == ["cases:sick_report", "guide:first_day"]


def test_the_employees_own_sick_report_writes_the_same_entry_but_by_her(client, eva_user, eva):
    client.force_login(eva_user)
    own = _report_entry(client, reverse("portal:report_sick"), SICK_REPORT)
    assert (own["user_id"], own["employee_id"], own["subject"]) == (eva_user.pk, eva.pk, "case")
    assert own["fields"].startswith("first_sick_day")


def test_a_refused_report_leaves_no_write(anna_client, eva):
    before = _dossier_writes().count()
    response = anna_client.post(
        reverse("guide:first_day"),
        {"employee": eva.pk, **SICK_REPORT, "first_sick_day": "2099-01-01"},
    )
    assert response.status_code == 200 and _dossier_writes().count() == before


def test_no_view_records_a_write_itself():
    """Writes are the services'; a view module that records one would record it twice."""
    assert view_modules_naming(r"\brecord_(write|change)\b") == []
