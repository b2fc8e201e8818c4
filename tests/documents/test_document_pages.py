"""The documents pages: the spec-generated form with its guidance, errors on the field, the version
history, signing in the browser's way (POST), the employee's own view, and a 404 for strangers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from openverzuim.cases.models import Event
from openverzuim.documents.models import Document, DocumentVersion


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client

    return as_


def _plan_post(valid) -> dict:
    plan = valid["action_plan"]
    data = {k: v for k, v in plan.items() if isinstance(v, str)}
    for name in ("employer_activities", "employee_activities"):
        for column, value in plan[name][0].items():
            data[f"{name}-0-{column}"] = value
            data[f"{name}-1-{column}"] = ""
    return data


def test_the_form_shows_every_field_with_its_guidance(login, anna, eva_sick, today):
    page = login(anna).get(reverse("documents:new", args=[eva_sick.pk, "action_plan"]))
    html = page.content.decode()
    assert page.status_code == 200
    for name in (
        "goal",
        "employer_activities-0-owner",
        "employee_activities-2-term",
        "case_manager",
    ):
        assert f'name="{name}"' in html
    assert "RPG art. 4 lid 2 sub c" in html  # the case manager's guidance
    assert "Plan van aanpak" in html and "Doel" in html  # Dutch by default


def test_the_plan_starts_with_the_case_manager_of_the_case(login, anna, bram, eva_sick, today):
    eva_sick.case_manager = bram
    eva_sick.save()
    html = (
        login(anna)
        .get(reverse("documents:new", args=[eva_sick.pk, "action_plan"]))
        .content.decode()
    )
    assert 'name="case_manager" value="Bram"' in html


def test_it_saves_a_plan_from_the_form_and_names_the_bad_row(login, anna, eva_sick, today, valid):
    client = login(anna)
    url = reverse("documents:new", args=[eva_sick.pk, "action_plan"])
    bad = _plan_post(valid) | {"employer_activities-0-term": "1 maart"}
    response = client.post(url, bad)
    assert response.status_code == 400 and not Document.objects.exists()
    errors = re.findall(r'<p class="error">(.*?)</p>', response.content.decode())
    assert len(errors) == 1 and "1 maart" in errors[0]
    response = client.post(url, _plan_post(valid))
    document = Document.objects.get()
    assert response.status_code == 302
    assert (
        document.latest().content["employer_activities"]
        == valid["action_plan"]["employer_activities"]
    )


def test_employer_and_employee_sign_in_turn_and_the_plan_turns_done(
    login, anna, eva_user, eva_sick, today, draft
):
    document = draft("action_plan")
    client = login(anna)
    detail = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert detail.count('class="still-to-sign"') == 2
    sign_url = reverse("documents:sign", args=[document.pk, 1])
    read = {"sha256": document.latest().content_sha256}  # what the signing page carries
    assert client.post(sign_url, read).status_code == 302
    assert client.get(sign_url).status_code == 404  # the employer has signed: nothing left for anna
    assert not Event.objects.filter(kind="action_plan").exists()
    client = login(eva_user)
    mine = client.get(reverse("documents:mine")).content.decode()
    assert f"doc-{document.pk}" in mine
    assert client.post(sign_url, read).status_code == 302
    assert Event.objects.get(kind="action_plan").date == today
    pdf = client.get(reverse("documents:pdf", args=[document.pk, 1]))
    assert pdf["Content-Type"] == "application/pdf"
    assert DocumentVersion.objects.get(document=document).copy_to_employee_on == today


def test_a_changed_document_is_not_signed_on_stale_content(login, anna, eva_sick, today, draft):
    document = draft("action_plan")
    response = login(anna).post(
        reverse("documents:sign", args=[document.pk, 1]), {"sha256": "0" * 64}
    )
    assert response.status_code == 400 and not document.latest().signatures.exists()


def test_a_signature_without_the_fingerprint_of_the_text_read_is_refused(
    login, anna, eva_sick, draft
):
    """Issue 13 finding 8: a POST without `sha256` signed whatever the version held by then."""
    document = draft("action_plan")
    response = login(anna).post(reverse("documents:sign", args=[document.pk, 1]))
    assert response.status_code == 400 and not document.latest().signatures.exists()
    assert "vingerafdruk" in response.content.decode()


def test_after_signing_the_edit_page_asks_for_a_reason(
    login, anna, eva_sick, today, draft, sign, valid
):
    document = draft("action_plan")
    sign(document)
    client = login(anna)
    url = reverse("documents:edit", args=[document.pk])
    assert 'name="reason"' in client.get(url).content.decode()
    assert client.post(url, _plan_post(valid)).status_code == 400
    assert (
        client.post(url, _plan_post(valid) | {"reason": "Bijstelling na evaluatie"}).status_code
        == 302
    )
    assert [v.number for v in document.versions.all()] == [1, 2]


def test_the_employer_records_the_copy_to_the_employee(login, anna, eva_sick, today, draft, sign):
    version = sign(draft("progress_review"))
    client = login(anna)
    client.post(reverse("documents:copy", args=[version.document.pk, 1]), {"on": "2030-01-01"})
    version.refresh_from_db()
    assert version.copy_to_employee_on is None
    client.post(reverse("documents:copy", args=[version.document.pk, 1]), {"on": today.isoformat()})
    version.refresh_from_db()
    assert version.copy_to_employee_on == today


def _urls(case, document):
    return [
        reverse("documents:case", args=[case.pk]),
        reverse("documents:new", args=[case.pk, "action_plan"]),
        reverse("documents:report", args=[case.pk]),
        reverse("documents:bundle", args=[case.pk]),
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:edit", args=[document.pk]),
        reverse("documents:sign", args=[document.pk, 1]),
        reverse("documents:pdf", args=[document.pk, 1]),
        reverse("documents:copy", args=[document.pk, 1]),
    ]


def test_every_page_renders_for_the_employer(login, anna, eva_sick, today, draft):
    client = login(anna)
    for url in _urls(eva_sick, draft("action_plan"))[:-1]:
        assert client.get(url).status_code == 200, url


def test_another_employer_gets_a_404_everywhere(login, carla, eva_sick, today, draft):
    client = login(carla)
    for url in _urls(eva_sick, draft("action_plan")):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"on": "2026-11-01"}).status_code == 404, url
    assert "Eva" not in client.get(reverse("documents:mine")).content.decode()


def test_the_employee_reaches_her_documents_but_not_the_employer_report(
    login, eva_user, eva_sick, today, draft
):
    document = draft("action_plan")
    client = login(eva_user)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
    for name in ("documents:report", "documents:bundle"):
        assert client.get(reverse(name, args=[eva_sick.pk])).status_code == 404
    assert client.get(reverse("documents:edit", args=[document.pk])).status_code == 404


def test_the_physician_writes_the_problem_analysis_only(
    client, verified_login, dirk, eva_sick, today
):
    verified_login(client, dirk)  # a physician works with the second factor (issue 4)
    assert (
        client.get(reverse("documents:new", args=[eva_sick.pk, "problem_analysis"])).status_code
        == 200
    )
    assert (
        client.get(reverse("documents:new", args=[eva_sick.pk, "action_plan"])).status_code == 404
    )
