"""The payroll import's layouts and memory: the documented export layout of a payroll system
(columns.PRESETS), the tussenvoegsel column, the employer's saved mapping offered for the next file,
and large files run as a background task whose progress the status page follows (docs/import.md)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks.signals import task_enqueued

from openverzuim.cases.models import Employee, PayrollImport, PayrollImportMapping
from openverzuim.cases.payroll_import import service, tasks
from openverzuim.cases.payroll_import.columns import PRESETS, detect
from openverzuim.cases.payroll_import.reading import read
from tests.cases.test_payroll_import import CANONICAL, TODAY, state

UPLOAD = reverse("cases:employee_import")
MAPPING = reverse("cases:employee_import_mapping")
STATUS = reverse("cases:employee_import_status")
PROGRESS = reverse("cases:employee_import_progress")

#: The head of Visma Nmbrs's employee sheet (support.nmbrs.nl, "Importsheet tab: Werknemers"),
#: its columns in their documented order, some left out.
NMBRS = (
    "Debiteurnr;Bedrijfnr;Persnr;Naam;Voorletters;Roepnaam;Voornamen;Voorvoegsels;BSN;EmailWerk;"
    "Geslacht;Geboortedatum\n"
    "12;3;1001;Vries;E.;Eva;Eva Maria;de;111222333;eva@korenschoof.nl;2;14-03-1990\n"
)


def _upload(client, organisation, content: bytes, preset: str = ""):
    return client.post(
        UPLOAD,
        {
            "organisation": organisation.pk,
            "file": SimpleUploadedFile("export.csv", content),
            "preset": preset,
        },
    )


def _chosen(response) -> dict:
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_the_nmbrs_preset_maps_its_documented_header_row():
    headers = NMBRS.splitlines()[0].split(";")
    found = detect(headers, "nmbrs")
    assert {column: headers[index] for column, index in found.items()} == {
        "employee_number": "Persnr",
        "first_name": "Roepnaam",
        "last_name": "Naam",
        "last_name_prefix": "Voorvoegsels",
        "date_of_birth": "Geboortedatum",
        "work_email": "EmailWerk",
    }
    # without the preset "Persnr" and "Naam" are no known names: the file cannot be imported as is
    assert "employee_number" not in detect(headers) and "last_name" not in detect(headers)


def test_every_preset_names_only_canonical_columns_and_its_source():
    from openverzuim.cases.payroll_import.columns import COLUMNS

    for preset in PRESETS.values():
        assert set(preset.headers) <= set(COLUMNS) and preset.source


def test_a_nmbrs_file_imports_with_the_tussenvoegsel_before_the_last_name(bakery):
    table = read(NMBRS.encode(), "nmbrs.csv")
    outcome = service.import_table(
        organisation=bakery,
        table=table,
        mapping=detect(table.headers, "nmbrs"),
        by=None,
        today=TODAY,
    )
    assert outcome.created == 1 and not outcome.errors
    eva = Employee.objects.get(organisation=bakery)
    assert (eva.employee_number, eva.first_name, eva.last_name) == ("1001", "Eva", "de Vries")


def test_a_too_long_name_with_its_tussenvoegsel_is_a_bad_row(bakery):
    long_name = "x" * 99
    content = f"Persnr;Roepnaam;Naam;Voorvoegsels\n1;Eva;{long_name};van der\n".encode()
    table = read(content, "nmbrs.csv")
    outcome = service.import_table(
        organisation=bakery,
        table=table,
        mapping=detect(table.headers, "nmbrs"),
        by=None,
        today=TODAY,
    )
    assert [(error.row, error.column) for error in outcome.errors] == [(2, "last_name")]


def test_the_preset_is_chosen_on_the_upload_page(anna_client, bakery):
    response = _upload(anna_client, bakery, NMBRS.encode(), preset="nmbrs")
    chosen = _chosen(anna_client.get(response["Location"]))
    assert chosen["employee_number"] == "2" and chosen["last_name_prefix"] == "7"
    assert "Visma Nmbrs" in anna_client.get(UPLOAD).content.decode()


def test_an_unknown_preset_is_refused_naming_the_field(anna_client, bakery):
    response = _upload(anna_client, bakery, NMBRS.encode(), preset="exact")
    assert response.status_code == 200 and "preset" in response.context["form"].errors
    assert not PayrollImport.objects.exists()


def test_the_chosen_columns_are_saved_and_offered_for_the_next_file(anna_client, bakery, anna):
    content = b"Code;Voornaam;Familienaam\n1001;Eva;de Vries\n"
    response = _upload(anna_client, bakery, content)
    chosen = _chosen(anna_client.get(response["Location"]))
    assert chosen["employee_number"] == "" and chosen["last_name"] == ""  # unknown names
    chosen |= {"employee_number": "0", "last_name": "2"}
    anna_client.post(response["Location"], chosen)
    saved = PayrollImportMapping.objects.get(organisation=bakery)
    assert saved.columns == {
        "employee_number": "Code",
        "first_name": "Voornaam",
        "last_name": "Familienaam",
    }
    assert saved.saved_by == anna

    # the next file has its columns in another order: the saved names find them again
    again = _upload(anna_client, bakery, b"Familienaam;Code;Voornaam\nde Vries;1001;Eva\n")
    page = anna_client.get(again["Location"])
    chosen = _chosen(page)
    assert (chosen["employee_number"], chosen["first_name"], chosen["last_name"]) == ("1", "2", "0")
    assert "chosen again" in page.content.decode()


def test_a_saved_mapping_is_the_employers_own(anna_client, bakery, installer):
    PayrollImportMapping.objects.create(organisation=installer, columns={"employee_number": "Code"})
    response = _upload(anna_client, bakery, b"Code;Voornaam;Achternaam\n1;Eva;Vries\n")
    assert _chosen(anna_client.get(response["Location"]))["employee_number"] == ""


def test_the_saved_mapping_is_replaced_not_doubled(anna_client, bakery):
    for _ in range(2):
        response = _upload(anna_client, bakery, CANONICAL.encode())
        anna_client.post(response["Location"], _chosen(anna_client.get(response["Location"])))
    assert PayrollImportMapping.objects.filter(organisation=bakery).count() == 1


def _large_file(rows: int) -> bytes:
    lines = [CANONICAL.splitlines()[0]]
    lines += [
        f"{2000 + n},Piet,Bakker {n},1985-07-01,,Winkel,2021-06-01,,24,38,2450,month"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def reported(monkeypatch) -> list[int]:
    """The rows done each progress report wrote on the run, in order."""
    seen: list[int] = []
    real = tasks.import_table

    def watched(**kwargs):
        report = kwargs["progress"]

        def progress(done):
            seen.append(done)
            return report(done)

        return real(**kwargs | {"progress": progress})

    monkeypatch.setattr(tasks, "import_table", watched)
    monkeypatch.setattr(service, "PROGRESS_EVERY", 10)
    return seen


def _import_all(client, organisation, content: bytes) -> PayrollImport:
    response = _upload(client, organisation, content)
    job = PayrollImport.objects.latest("pk")
    client.post(response["Location"], _chosen(client.get(response["Location"])))
    client.post(f"{STATUS}?job={job.pk}", {"import": "all"})
    job.refresh_from_db()
    return job


def test_a_large_file_runs_as_a_task_its_progress_reaching_the_end(
    anna_client, bakery, installer, carla, client, reported, settings, request
):
    settings.PAYROLL_IMPORT_BACKGROUND_ROWS = 30
    queued: list[tuple] = []

    def enqueued(sender, task_result, **kwargs):
        queued.append(tuple(task_result.args))

    task_enqueued.connect(enqueued)
    request.addfinalizer(lambda: task_enqueued.disconnect(enqueued))
    content = _large_file(45)
    job = _import_all(anna_client, bakery, content)
    assert [args[1] for args in queued] == [False, True]  # the check, then the import: queued
    assert reported[:4] == [10, 20, 30, 40]  # the bar moved while the rows were checked
    status = json.loads(anna_client.get(PROGRESS, {"job": job.pk}).content)
    assert status == {
        "status": "done",
        "status_label": "imported",
        "running": False,
        "rows_done": 45,
        "rows_total": 45,
        "percent": 100,
        "created": 45,
        "changed": 0,
        "unchanged": 0,
        "errors": 0,
    }

    # the same file imported in the foreground (a small limit no longer applies) gives the same
    settings.PAYROLL_IMPORT_BACKGROUND_ROWS = 100
    queued.clear()
    client.force_login(carla)
    other = _import_all(client, installer, content)
    assert queued == []
    assert (other.created, other.changed, other.error_count) == (45, 0, 0)
    assert state(installer) == state(bakery)


def test_the_status_page_follows_a_running_job_and_has_a_refresh_link(anna_client, bakery):
    job = PayrollImport.objects.create(
        organisation=bakery,
        file_name="big.csv",
        status=PayrollImport.Status.IMPORTING,
        rows_total=5000,
        rows_done=2000,
    )
    page = anna_client.get(f"{STATUS}?job={job.pk}").content.decode()
    assert 'value="2000"' in page and "2000 of 5000 rows (40%)" in page
    assert f'data-url="{PROGRESS}?job={job.pk}"' in page
    assert f'href="{STATUS}?job={job.pk}">Refresh</a>' in page  # without JavaScript
    assert "import_progress.js" in page
    status = json.loads(anna_client.get(PROGRESS, {"job": job.pk}).content)
    assert (status["running"], status["percent"]) == (True, 40)
    assert anna_client.get(PROGRESS)["Location"] == UPLOAD  # no run named: back to the upload


def test_another_employer_cannot_follow_the_job(client, carla, bakery):
    job = PayrollImport.objects.create(organisation=bakery, file_name="x.csv", rows_total=1)
    client.force_login(carla)
    assert client.get(PROGRESS, {"job": job.pk}).status_code == 404
    assert client.get(PROGRESS, {"job": "x"}).status_code == 404
