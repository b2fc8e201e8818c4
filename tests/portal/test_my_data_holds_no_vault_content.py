"""Issue 13 finding 3: the portal's "my data" (JSON and PDF) never contains the vault's content,
for anyone: a unique marker planted in every vault field of Eva's case is found in neither, while
the vault itself holds it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from openverzuim.medical import services as medical_services
from openverzuim.medical.selectors import own_medical_file

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

MARKER = "ZQXMARKER7731"


@pytest.fixture
def marked_vault(eva_sick, dirk, today):
    case = eva_sick
    medical_services.note_add(
        case=case, author=dirk, today=today, consulted_on=today, text=f"Note {MARKER}"
    )
    medical_services.analysis_add(
        case=case, author=dirk, today=today, analysed_on=today, text=f"Analysis {MARKER}"
    )
    medical_services.diagnosis_add(
        case=case,
        author=dirk,
        today=today,
        diagnosed_on=today,
        cas_code=MARKER[:6],
        text=f"Diagnosis {MARKER}",
    )
    medical_services.correspondence_add(
        case=case,
        author=dirk,
        today=today,
        dated=today,
        correspondent=f"Dr. {MARKER}",
        text=f"Letter {MARKER}",
        file_name=f"{MARKER}.pdf",
        file_content=MARKER.encode(),
    )
    return case


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("persona", ["eva_user", "anna", "bram", "carla", "dirk", "finn"])
def test_my_data_never_contains_the_vaults_content(
    request, client, verified_login, marked_vault, persona
):
    user = request.getfixturevalue(persona)
    assert MARKER in own_medical_file(request.getfixturevalue("eva_user")).notes[0].text
    verified_login(client, user)
    json_response = client.get(reverse("portal:my_data_json"))
    pdf_response = client.get(reverse("portal:my_data_pdf"))
    if persona != "eva_user":
        assert json_response.status_code == pdf_response.status_code == 404
    else:
        assert json_response.status_code == pdf_response.status_code == 200
        assert "true" in json_response.content.decode()  # a medical file is held: ask for it
        assert "/medical/my-file/" in pdf_text(pdf_response.content)
    assert MARKER not in json_response.content.decode()
    assert MARKER[:6] not in json_response.content.decode()
    if pdf_response.status_code == 200:
        assert MARKER not in pdf_text(pdf_response.content)
