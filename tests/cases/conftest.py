"""The dossier tests read messages in English, the source language; Dutch has its own page tests."""

from __future__ import annotations

from datetime import date

import pytest

from openverzuim.cases import services


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


@pytest.fixture
def anna_client(client, anna):
    """Anna, the bakery's employer administrator, logged in."""
    client.force_login(anna)
    return client


@pytest.fixture
def event(eva_sick, anna, today):
    """A problem analysis recorded in Eva's case on 10 February 2026."""
    return services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 2, 10), by=anna, today=today
    )
