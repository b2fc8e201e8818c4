"""Fixtures of the measures and reminders tests: e-mail addresses for the personas and a note nobody should leak."""

from __future__ import annotations

import re

import pytest

#: Words that would make an e-mail or calendar entry medical. The notes below use some of them on
#: purpose, so that a digest or feed that copied notes would fail.
MEDICAL_TERMS = (
    "diagnose",
    "diagnosis",
    "hernia",
    "burn-out",
    "burnout",
    "depressie",
    "depression",
    "kanker",
    "cancer",
    "medicatie",
    "medication",
    "behandeling",
    "treatment",
    "therapie",
    "therapy",
    "griep",
    "influenza",
    "fractuur",
    "fracture",
    "zwanger",
    "pregnan",
    "psychisch",
    "symptoom",
    "symptom",
    "klachten",
    "ziektebeeld",
)
MEDICAL_NOTE = "Diagnose hernia; behandeling bij de fysiotherapeut, medicatie"


def medical_words(text: str) -> list[str]:
    return [term for term in MEDICAL_TERMS if re.search(re.escape(term), text, re.IGNORECASE)]


@pytest.fixture
def mailboxes(anna, bram, carla):
    """Every employer-side persona can receive the digest."""
    for user in (anna, bram, carla):
        user.email = f"{user.username}@example.nl"
        user.save(update_fields=["email"])


@pytest.fixture
def anna_client(client, anna):
    client.force_login(anna)
    return client


@pytest.fixture
def find_medical():
    """`find_medical(text)` lists the medical terms in `text`."""
    return medical_words


@pytest.fixture
def medical_note() -> str:
    return MEDICAL_NOTE


@pytest.fixture
def signed_on(eva_sick, anna, eva_user):
    """`signed_on(day, type_code, content)`: Anna drafts a document on Eva's case and every party it
    asks for signs it on `day`, each with the fingerprint of the content they read."""
    from openverzuim.documents import selectors as document_selectors
    from openverzuim.documents import services as document_services

    def make(day, type_code: str, content: dict):
        reach = document_selectors.case_reach_for(user=anna, case_id=eva_sick.pk)
        document = document_services.document_create(
            case=reach.case, type_code=type_code, by=anna, content=content, parties=reach.parties
        )
        for party in document.spec.signers:
            user = {"employer": anna, "employee": eva_user}[party]
            party_reach = document_selectors.case_reach_for(user=user, case_id=eva_sick.pk)
            version = document.latest()
            document_services.version_sign(
                version=version,
                party=party,
                by=user,
                parties=party_reach.parties,
                today=day,
                expected_sha256=version.content_sha256,
            )
        return document

    return make
