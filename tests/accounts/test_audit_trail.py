"""The audit trail: record_read/record_write store who, when, role(s) and what; entries cannot be
changed or deleted (model, queryset, admin); administrators search their own organisation's log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openverzuim.accounts.audit import record_read, record_write
from openverzuim.accounts.models import AppendOnly, AuditEntry, User


def test_it_records_a_read_with_who_roles_and_what(eva_sick, anna):
    record_read(
        user=anna,
        organisation_id=eva_sick.organisation_id,
        case_id=eva_sick.pk,
        employee_id=eva_sick.employee_id,
        subject="case",
        fields="timeline",
        route="cases:detail",
    )
    entry = AuditEntry.objects.latest("pk")  # after the writes that made Eva's case
    assert (entry.action, entry.user_id, entry.user_name, entry.roles) == (
        "read",
        anna.pk,
        "Anna",
        "employer_admin",
    )
    assert (entry.organisation_id, entry.case_id, entry.employee_id) == (
        eva_sick.organisation_id,
        eva_sick.pk,
        eva_sick.employee_id,
    )
    assert (entry.subject, entry.fields, entry.route) == ("case", "timeline", "cases:detail")


def test_an_entry_outlives_the_user_who_made_it(eva_sick, bram):
    record_write(
        user=bram,
        organisation_id=eva_sick.organisation_id,
        case_id=eva_sick.pk,
        subject="event",
        fields="note",
    )
    User.objects.filter(pk=bram.pk).delete()
    assert AuditEntry.objects.latest("pk").user_name == "Bram"


def test_it_cannot_be_changed_or_deleted_through_the_application(eva_sick, anna):
    record_read(user=anna, case_id=eva_sick.pk, subject="case")
    entry = AuditEntry.objects.latest("pk")
    entry.subject = "nothing"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(subject="nothing")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.latest("pk").subject == "case"


def test_the_admin_shows_entries_but_cannot_change_or_delete_them(client, eva_sick, anna):
    record_read(user=anna, case_id=eva_sick.pk, subject="case")
    entry = AuditEntry.objects.latest("pk")
    User.objects.create_user("sam", is_staff=True, is_superuser=True)
    client.force_login(User.objects.get(username="sam"))
    assert client.get(reverse("admin:accounts_auditentry_changelist")).status_code == 200
    assert (
        client.post(
            reverse("admin:accounts_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    client.post(reverse("admin:accounts_auditentry_change", args=[entry.pk]), {"subject": "x"})
    assert AuditEntry.objects.get(pk=entry.pk).subject == "case"


@pytest.fixture
def log(eva_sick, anna, bram, carla, installer):
    record_read(
        user=anna, organisation_id=eva_sick.organisation_id, case_id=eva_sick.pk, subject="case"
    )
    record_write(
        user=bram,
        organisation_id=eva_sick.organisation_id,
        case_id=eva_sick.pk,
        subject="event",
        fields="note",
    )
    record_read(user=carla, organisation_id=installer.pk, case_id=999, subject="case")


def test_an_administrator_searches_only_their_organisations_log(client, anna, log):
    client.force_login(anna)
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "Bram" in page and "Carla" not in page
    by_person = client.get(reverse("accounts:audit_log"), {"person": "bram"})
    assert [e.user_name for e in by_person.context["page"]] == ["Bram"]
    by_case = client.get(reverse("accounts:audit_log"), {"case": 999})
    assert list(by_case.context["page"]) == []  # Carla's case is not Anna's to search


def test_it_filters_by_date_range_and_names_a_backwards_range(client, anna, log, today):
    client.force_login(anna)
    entries = AuditEntry.objects.filter(organisation_id__isnull=False)
    day = entries.first().at.date()
    within = client.get(reverse("accounts:audit_log"), {"date_from": day, "date_to": day})
    # The two of the log, and the two writes that made Eva's contract and case.
    assert len(within.context["page"]) == 4
    later = client.get(reverse("accounts:audit_log"), {"date_from": "2099-01-01"})
    assert len(later.context["page"]) == 0
    backwards = client.get(
        reverse("accounts:audit_log"), {"date_from": "2026-02-02", "date_to": "2026-02-01"}
    )
    assert "date_to" in backwards.context["form"].errors


def test_a_case_manager_cannot_open_the_log(client, bram, log):
    client.force_login(bram)
    assert client.get(reverse("accounts:audit_log")).status_code == 404
