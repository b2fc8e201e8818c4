"""The page "Export everything": behind re-authentication, a background task with a progress
source, the download for the organisation's administrators only and for a limited time, audited."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from openverzuim.accounts.models import AuditEntry
from openverzuim.accounts.reauth import SESSION_KEY
from openverzuim.api import export_runs, retention
from openverzuim.api.models import OrganisationExportRun

Status = OrganisationExportRun.Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def fresh_login(client, user) -> None:
    """Logged in, and proved who she is a moment ago (as right after the password)."""
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = timezone.now().timestamp()
    session.save()


@pytest.fixture
def written(client, anna, eva_sick, django_capture_on_commit_callbacks):
    """Anna asked for the export and the task (the immediate backend) wrote it."""
    fresh_login(client, anna)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("orgexport:list"), {"organisation": anna.memberships.get().organisation_id}
        )
    assert response.status_code == 302
    run = OrganisationExportRun.objects.get()
    assert run.status == Status.DONE
    return run


def test_the_page_asks_for_the_password_again_first(client, anna):
    client.force_login(anna)
    session = client.session
    session[SESSION_KEY] -= 3600 * 24  # logged in yesterday, the session still open
    session.save()
    response = client.get(reverse("orgexport:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauthenticate"))


def test_asking_for_it_runs_the_task_and_audits_who_and_what(written, anna, bakery):
    assert written.requested_by == anna and written.steps_done == written.steps_total
    assert written.counts["cases"] == 1 and written.counts["employees"] == 1
    assert written.expires_at == written.finished_at + timedelta(hours=24)
    subjects = list(
        AuditEntry.objects.filter(organisation_id=bakery.pk, subject="organisation export")
        .order_by("pk")
        .values_list("user_id", "fields")
    )
    assert subjects[0] == (anna.pk, "asked for")
    assert subjects[1][0] == anna.pk and "cases 1" in subjects[1][1]


def test_the_progress_source_and_the_download(client, written, anna, bakery):
    status = client.get(reverse("orgexport:status", args=[written.pk])).json()
    assert status == {
        "status": "done",
        "done": status["total"],
        "total": status["total"],
        "percent": 100,
    }
    page = client.get(reverse("orgexport:list"))
    assert reverse("orgexport:download", args=[written.pk]).encode() in page.content
    response = client.get(reverse("orgexport:download", args=[written.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["organisation"]["id"] == bakery.pk
    assert AuditEntry.objects.filter(
        user_id=anna.pk, subject="organisation export download"
    ).exists()


def test_a_second_export_while_one_is_written_starts_nothing(client, anna, bakery):
    fresh_login(client, anna)
    OrganisationExportRun.objects.create(organisation=bakery, requested_by=anna)
    response = client.post(reverse("orgexport:list"), {"organisation": bakery.pk})
    assert response.status_code == 200
    assert "already" in response.content.decode() or "al " in response.content.decode()
    assert OrganisationExportRun.objects.count() == 1


@pytest.mark.parametrize("name", ["orgexport:status", "orgexport:download"])
def test_another_organisation_guessing_the_address_gets_a_404(client, written, carla, bram, name):
    for user in (carla, bram):  # another employer's administrator; the own case manager
        fresh_login(client, user)
        assert client.get(reverse(name, args=[written.pk])).status_code == 404
        assert client.get(reverse(name, args=[written.pk + 1])).status_code == 404


def test_bram_the_case_manager_has_no_such_page(client, bram):
    fresh_login(client, bram)
    assert client.get(reverse("orgexport:list")).status_code == 404


def test_after_its_time_the_download_is_gone_and_the_sweep_removes_file_and_row(
    client, written, anna, media_root
):
    path = media_root / written.file.name
    assert path.exists()
    OrganisationExportRun.objects.filter(pk=written.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(reverse("orgexport:download", args=[written.pk])).status_code == 404
    tomorrow = (timezone.now() + timedelta(days=1)).date()
    removals = retention.sweep(today=tomorrow, execute=True)
    assert [r.kind for r in removals] == ["organisation export"]
    assert not path.exists() and not OrganisationExportRun.objects.exists()


def test_a_task_delivered_twice_writes_once(written):
    assert export_runs.export_write(written.pk) == Status.DONE
    assert OrganisationExportRun.objects.get().file == written.file
