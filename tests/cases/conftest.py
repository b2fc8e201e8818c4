"""The dossier tests read messages in English, the source language; Dutch has its own page tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the source language); Dutch has its own page tests."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """A browser that asks for English pages (the default for a visitor is Dutch)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
