"""The whole-organisation export and its re-import (api.org_export, api.org_import): what the ZIP
holds and leaves out, the round trip into an emptied database, and the ZIPs that are refused."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from openverzuim.accounts.models import Assignment, AuditEntry, Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.api.org_export import MANIFEST, OrganisationExport
from openverzuim.api.org_import import ImportRefused, import_organisation
from openverzuim.cases import services as case_services
from openverzuim.cases import tasks as case_tasks
from openverzuim.cases.models import Case, Duty, Employee, LeavePeriod, Task
from openverzuim.documents import selectors as document_selectors
from openverzuim.documents import services as document_services
from openverzuim.documents.models import DocumentVersion, UploadedFile
from openverzuim.documents.spec import EMPLOYEE, EMPLOYER, PHYSICIAN
from openverzuim.measures import services as measure_services
from openverzuim.medical import services as medical_services
from tests.documents.conftest import VALID

PLANTED = "Xylofoonziekte-7731"  # a word only the vault holds
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def rich(bakery, anna, bram, eva, eva_user, dirk, today):
    """The bakery with a bit of everything: a case that relapsed, partial work, leave, events and
    a withdrawn one, a signed plan of action, an upload, a wage measure, an expert opinion, tasks,
    a note, an assignment, released advice, and a vault note only the physician reads."""
    bakery.kvk_number = "12345678"
    bakery.save()
    first = case_services.sick_report_create(
        employee=eva, first_sick_day=date(2025, 9, 1), by=anna, today=today
    ).case
    case_services.recovery_report_create(
        case=first, recovered_on=date(2025, 9, 20), by=anna, today=today
    )
    case = case_services.sick_report_create(  # within 28 days: the same case (BW 7:629 lid 10)
        employee=eva, first_sick_day=date(2025, 10, 1), by=anna, today=today
    ).case
    assert case.pk == first.pk
    LeavePeriod.objects.create(
        employee=eva, case=case, start=date(2025, 10, 10), end=date(2025, 10, 20)
    )
    case_services.work_resumption_create(
        case=case,
        start=date(2026, 3, 2),
        hours_per_week=Decimal("12.5"),
        kind="own_work",
        by=anna,
        today=today,
    )
    note = case_services.event_record(
        case=case, kind="note", date=date(2026, 3, 3), by=anna, today=today, note="Belde even"
    )
    call = case_services.event_record(
        case=case, kind="phone_call", date=date(2026, 3, 4), by=anna, today=today
    )
    case_services.event_withdraw(event=call, reason="Dubbel", by=anna, today=today)
    case_tasks.task_create(
        case=case,
        title="Terugbellen",
        due=today + timedelta(days=3),
        assignee=anna,
        by=anna,
        today=today,
    )
    case_tasks.follow_up_create(event=note, on=today + timedelta(days=7), by=anna, today=today)
    Assignment.objects.create(user=bram, role=Role.CASE_MANAGER, case_id=case.pk)
    measure_services.wage_measure_create(
        case=case,
        by=anna,
        today=today,
        kind="stop",
        ground="lid3_e",
        cause_known_on=date(2026, 2, 26),
        employee_told_on=date(2026, 2, 27),
        start=date(2026, 3, 1),
    )
    measure_services.expert_opinion_create(
        case=case,
        by=anna,
        today=today,
        requester="employer",
        question="suitable_work",
        requested_on=date(2026, 4, 1),
    )
    parties = {EMPLOYER: anna, EMPLOYEE: eva_user, PHYSICIAN: dirk}
    reach = document_selectors.case_reach_for(user=anna, case_id=case.pk)
    plan = document_services.document_create(
        case=reach.case,
        type_code="action_plan",
        by=anna,
        content=VALID["action_plan"],
        parties=reach.parties,
        free_text="Samen afgesproken",
    )
    version = plan.versions.get()
    for party in plan.spec.signers:
        user = parties[party]
        document_services.version_sign(
            version=version,
            party=party,
            by=user,
            parties=document_selectors.case_reach_for(user=user, case_id=case.pk).parties,
            today=today,
            expected_sha256=version.content_sha256,
        )
    document_services.document_create(  # a draft: its PDF is printed fresh
        case=reach.case,
        type_code="progress_review",
        by=anna,
        content=VALID["progress_review"],
        parties=reach.parties,
        free_text="",
    )
    document_services.upload_create(
        case=case,
        by=anna,
        parties={EMPLOYER},
        kind="uwv_letter",
        file_name="brief.png",
        content=PNG,
        description="Brief van UWV",
    )
    medical_services.note_add(
        case=case, author=dirk, today=today, consulted_on=today, text=f"Diagnose: {PLANTED}"
    )
    medical_services.release_add(
        case=case,
        author=dirk,
        today=today,
        released_on=date(2026, 3, 1),
        limitations="Niet tillen",
        possibilities="Kassawerk",
        expected_duration="Zes weken",
        work_advice="Halve dagen",
    )
    # a second employee, never sick, with a second factor on her login
    TOTPDevice.objects.create(user=anna, name="telefoon", confirmed=True)
    Employee.objects.create(
        organisation=bakery,
        first_name="Piet",
        last_name="Bakker",
        employee_number="1002",
        bsn="111222333",
    )
    return case


@pytest.fixture
def other_tenant(installer, carla, today):
    worker = Employee.objects.create(
        organisation=installer, first_name="Otto", last_name="Anders", employee_number="9001"
    )
    return case_services.sick_report_create(
        employee=worker, first_sick_day=date(2026, 2, 2), by=carla, today=today
    ).case


def export(organisation) -> bytes:
    target = io.BytesIO()
    OrganisationExport(organisation, target).write()
    return target.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rows(data: bytes, name: str) -> list[dict]:
    return [json.loads(line) for line in members(data)[name].splitlines()]


def test_the_export_holds_every_resource_with_its_counts_and_hashes(rich, bakery):
    data = export(bakery)
    found = members(data)
    manifest = json.loads(found[MANIFEST])
    assert manifest["format_version"] == 1
    assert manifest["organisation"]["id"] == bakery.pk
    counts = manifest["counts"]
    assert counts["cases"] == 1 and counts["employees"] == 2 and counts["documents"] == 2
    assert counts["leave"] == counts["uploads"] == counts["advice"] == counts["assignments"] == 1
    assert counts["events"] >= 2 and counts["tasks"] == 2 and counts["wage_measures"] == 1
    assert counts["document_pdfs"] == 2 and counts["files"] == 1
    assert set(found) - {MANIFEST} == set(manifest["members"])
    for name, member in manifest["members"].items():
        assert hashlib.sha256(found[name]).hexdigest() == member["sha256"], name
    (case,) = rows(data, "cases.jsonl")
    assert [p["start"] for p in case["periods"]] == ["2025-09-01", "2025-10-01"]
    assert case["resumptions"][0]["hours_per_week"] == "12.50"
    assert found[f"uploads/{UploadedFile.objects.get().pk}.png"] == PNG
    version = DocumentVersion.objects.get(signed_on__isnull=False)
    pdf = found[f"documents/{version.document_id}/v1.pdf"]
    assert pdf == version.pdf.read()  # the archived file of the signed version, as signed
    assert {e["kind"] for e in rows(data, "events.jsonl")} >= {"note", "phone_call"}
    # the API's own schema: the fields the API shows, under its names
    assert {"employee_name", "is_open", "next_due_on"} <= set(case)


def test_the_export_holds_no_vault_no_password_no_second_factor_no_other_tenant(
    rich, bakery, other_tenant, anna
):
    data = export(bakery)
    everything = b"".join(members(data).values())
    assert PLANTED.encode() not in everything
    assert anna.password.encode() not in everything
    assert b"pbkdf2" not in everything and b"argon2" not in everything
    for device in TOTPDevice.objects.all():
        assert device.key.encode() not in everything
    assert b"Otto" not in everything and b"Installatiebedrijf" not in everything
    (advice,) = rows(data, "advice.jsonl")
    assert advice["limitations"] == "Niet tillen"  # released advice, as released
    users = rows(data, "users.jsonl")
    assert all("password" not in u and "is_superuser" not in u for u in users)
    assert {u["username"] for u in users} == {"anna", "bram", "eva"}
    assert "carla" not in {u["username"] for u in users}
    piet = next(e for e in rows(data, "employees.jsonl") if e["first_name"] == "Piet")
    assert piet["bsn"] == "111222333"  # a move needs the full BSN


def flush_everything():
    """An empty database: nothing of the bakery, its logins or its files' rows remains."""
    if connection.vendor == "postgresql":
        # the test's transaction holds deferred foreign-key checks, which TRUNCATE may not skip
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert not Organisation.objects.exists() and not User.objects.exists()


def comparable(data: bytes) -> dict[str, bytes]:
    """The members, with the manifest's moment of export left out (the rest must be equal)."""
    found = members(data)
    manifest = json.loads(found.pop(MANIFEST))
    manifest.pop("exported_at")
    found[MANIFEST] = json.dumps(manifest, sort_keys=True).encode()
    return found


def test_the_round_trip_into_an_emptied_database_gives_an_equal_export(
    rich, bakery, today, settings, tmp_path
):
    # The arbodienst is another tenant of this server: the import drops the link to it (see
    # test_links_to_organisations_outside_the_export_are_dropped), so it is left out here.
    Organisation.objects.filter(pk=bakery.pk).update(served_by=None)
    first = export(bakery)
    duties_before = sorted(
        Duty.objects.filter(organisation=bakery).values_list("milestone", "due", "status")
    )
    flush_everything()
    settings.MEDIA_ROOT = tmp_path / "elsewhere"  # the new provider's storage, empty
    imported = import_organisation(io.BytesIO(first), today=today)
    assert imported.organisation.pk == bakery.pk
    again = export(imported.organisation)
    before, after = comparable(first), comparable(again)
    assert sorted(before) == sorted(after)
    for name in before:
        assert before[name] == after[name], f"{name} differs after the round trip"
    # derived again, not copied: the engine's duties and the tasks' rows
    assert (
        sorted(Duty.objects.filter(organisation=bakery).values_list("milestone", "due", "status"))
        == duties_before
    )
    assert Task.objects.filter(status="open", duty__isnull=True).count() == 0
    # logins come without a password: each person sets one anew
    assert not User.objects.get(username="anna").has_usable_password()
    assert AuditEntry.objects.filter(subject="organisation import").exists()
    # new rows take fresh ids after the imported ones
    assert Organisation.objects.create(name="Nieuw").pk > bakery.pk


def test_links_to_organisations_outside_the_export_are_dropped(rich, bakery, today):
    data = export(bakery)
    (row,) = rows(data, "organisation.jsonl")
    assert row["served_by"] == bakery.served_by_id is not None
    flush_everything()
    imported = import_organisation(io.BytesIO(data), today=today)
    assert imported.organisation.served_by is None


def test_import_refuses_an_organisation_that_is_here_already(rich, bakery, today):
    data = export(bakery)
    with pytest.raises(ImportRefused, match=f"organisation with id {bakery.pk} already exists"):
        import_organisation(io.BytesIO(data), today=today)


def test_import_refuses_when_one_of_the_logins_is_here_already(rich, bakery, today):
    data = export(bakery)
    flush_everything()
    User.objects.create_user("bram", "bram@elders.nl", "another-password-1")
    with pytest.raises(ImportRefused, match=r"the login 'bram' .* already exists"):
        import_organisation(io.BytesIO(data), today=today)
    assert not Organisation.objects.exists()


def rezip(data: bytes, change) -> bytes:
    """The export with `change(members)` applied, the manifest left as it was."""
    found = members(data)
    change(found)
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in found.items():
            archive.writestr(name, content)
    return target.getvalue()


def _tamper(found):
    found["cases.jsonl"] = found["cases.jsonl"].replace(b"2025-09-01", b"2025-09-02")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_tamper, "'cases.jsonl' does not match its SHA-256"),
        (lambda f: f.pop(MANIFEST), "has no manifest.json"),
        (lambda f: f.__setitem__("../../etc/passwd", b"x"), "'../../etc/passwd' is not part"),
        (lambda f: f.__setitem__("/abs.jsonl", b"x"), "'/abs.jsonl' is not part"),
        (lambda f: f.pop("events.jsonl"), "'events.jsonl' of manifest.json is missing"),
        (lambda f: f.__setitem__("extra.jsonl", b""), "'extra.jsonl' is not in manifest.json"),
        (lambda f: f.__setitem__(MANIFEST, b"{nonsense"), "not the manifest"),
    ],
)
def test_a_bad_zip_is_refused_naming_the_member_and_saves_nothing(
    rich, bakery, today, change, message, settings, tmp_path
):
    data = rezip(export(bakery), change)
    flush_everything()
    settings.MEDIA_ROOT = tmp_path / "elsewhere"
    with pytest.raises(ImportRefused, match=re.escape(message)):
        import_organisation(io.BytesIO(data), today=today)
    assert not Organisation.objects.exists() and not Case.objects.exists()
    assert not (tmp_path / "elsewhere").exists() or not any((tmp_path / "elsewhere").rglob("*.*"))


def test_not_a_zip_is_refused(db, today):
    with pytest.raises(ImportRefused, match="not a ZIP file"):
        import_organisation(io.BytesIO(b"PK? no, a letter"), today=today)


def test_a_member_larger_than_allowed_is_refused_unread(rich, bakery, today):
    huge = b"\0" * (11 * 1024 * 1024)  # an upload member over the upload limit, deflated to little
    data = rezip(export(bakery), lambda f: f.__setitem__("uploads/999.png", huge))
    flush_everything()
    with pytest.raises(ImportRefused, match=re.escape("'uploads/999.png' is larger")):
        import_organisation(io.BytesIO(data), today=today)
    assert not Organisation.objects.exists()


def test_a_row_that_fails_halfway_leaves_nothing_and_no_file(
    rich, bakery, today, settings, tmp_path
):
    """A refusal after the first resources were written: the transaction takes them all back."""
    data = export(bakery)

    def bad_date(found):
        found["expert_opinions.jsonl"] = found["expert_opinions.jsonl"].replace(
            b'"2026-04-01"', b'"2026-13-45"'
        )
        manifest = json.loads(found[MANIFEST])
        for name in ("expert_opinions.jsonl",):
            manifest["members"][name]["sha256"] = hashlib.sha256(found[name]).hexdigest()
        found[MANIFEST] = json.dumps(manifest).encode()

    tampered = rezip(data, bad_date)
    flush_everything()
    settings.MEDIA_ROOT = tmp_path / "elsewhere"
    with pytest.raises(
        ImportRefused, match=re.escape("expert_opinions.jsonl line 1: requested_on")
    ):
        import_organisation(io.BytesIO(tampered), today=today)
    assert not Organisation.objects.exists() and not Employee.objects.exists()
    assert not UploadedFile.objects.exists()
    assert not any(p.is_file() for p in (tmp_path / "elsewhere").rglob("*"))


def test_the_commands_export_and_import_with_progress_and_exit_codes(
    rich, bakery, today, tmp_path, capsys, settings
):
    target = tmp_path / "bakkerij.zip"
    call_command("export_organisation", "--organisation", str(bakery.pk), "--output", str(target))
    captured = capsys.readouterr()
    assert "cases" in captured.err and f"{target}" in captured.out
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_organisation", str(target))
    flush_everything()
    settings.MEDIA_ROOT = tmp_path / "elsewhere"
    call_command("import_organisation", str(target))
    assert "Imported Bakkerij De Korenschoof" in capsys.readouterr().out
    assert Case.objects.count() == 1
    with pytest.raises(CommandError, match="--organisation: no organisation with id '999999'"):
        call_command("export_organisation", "--organisation", "999999", "--output", str(target))
    (tmp_path / "letter.zip").write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a ZIP file"):
        call_command("import_organisation", str(tmp_path / "letter.zip"))


def test_the_export_reads_a_fixed_number_of_queries_whatever_the_size(
    rich, bakery, anna, today, django_assert_max_num_queries
):
    """Chunks with fixed prefetches: the same bound with one case as with thirty (PDF rendering of
    each version aside, which this organisation has one of)."""
    with django_assert_max_num_queries(80) as small:
        export(bakery)
    for number in range(30):
        worker = Employee.objects.create(
            organisation=bakery,
            first_name="W",
            last_name=str(number),
            employee_number=f"2{number:03}",
        )
        case_services.sick_report_create(
            employee=worker, first_sick_day=date(2026, 1, 5), by=anna, today=today
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        export(bakery)
