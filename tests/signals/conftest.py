"""Fixtures of the signals tests: e-mail addresses for the personas and a note nobody should leak."""

from __future__ import annotations

import re

import pytest

#: Words that would make an e-mail or calendar entry medical. The notes below use some of them on
#: purpose, so that a digest or feed that copied notes would fail.
MEDICAL_TERMS = ("diagnose", "diagnosis", "hernia", "burn-out", "burnout", "depressie", "depression",
                 "kanker", "cancer", "medicatie", "medication", "behandeling", "treatment",
                 "therapie", "therapy", "griep", "influenza", "fractuur", "fracture", "zwanger",
                 "pregnan", "psychisch", "symptoom", "symptom", "klachten", "ziektebeeld")
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
