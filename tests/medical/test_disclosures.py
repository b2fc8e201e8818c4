"""The employer side learns from the physician only what disclosures hands out: the release."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from openverzuim.medical import disclosures, services

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

RELEASE_FIELDS = {
    "release_id",
    "case_id",
    "released_on",
    "limitations",
    "possibilities",
    "expected_duration",
    "work_advice",
    "author_name",
    "corrects_released_on",
}


def test_it_hands_out_the_release_and_nothing_of_the_vault(filled_vault, eva_sick):
    (release,) = disclosures.releases_for(eva_sick)
    assert {field.name for field in dataclasses.fields(release)} == RELEASE_FIELDS
    assert release.limitations == "No lifting above 5 kg; no standing longer than one hour."
    assert release.expected_duration == "About eight weeks"
    values = " ".join(str(value) for value in dataclasses.astuple(release))
    for secret in ("herniated", "Hernia", "L86", "neurologist", "radiculopathy", "MRI"):
        assert secret not in values


def test_the_values_are_immutable(filled_vault, eva_sick):
    release = disclosures.latest_release(eva_sick)
    with pytest.raises(dataclasses.FrozenInstanceError):
        release.limitations = "changed"


def test_latest_release_is_the_newest_and_none_before_any(eva_sick, dirk, today):
    assert disclosures.latest_release(eva_sick) is None
    assert disclosures.releases_for(eva_sick) == ()
    for day, duration in ((date(2026, 10, 1), "Six weeks"), (date(2026, 11, 20), "Two weeks")):
        services.release_add(
            case=eva_sick,
            author=dirk,
            today=today,
            released_on=day,
            limitations="x",
            possibilities="y",
            expected_duration=duration,
            work_advice="z",
        )
    assert disclosures.latest_release(eva_sick).expected_duration == "Two weeks"
    assert [r.released_on for r in disclosures.releases_for(eva_sick)] == [
        date(2026, 11, 20),
        date(2026, 10, 1),
    ]


def test_it_reads_only_the_default_database(filled_vault, eva_sick):
    """A disclosure never opens the vault: the query count on 'medical' stays at zero."""
    with CaptureQueriesContext(connections["medical"]) as vault_queries:
        disclosures.releases_for(eva_sick)
        disclosures.latest_release(eva_sick)
    assert len(vault_queries) == 0


def test_disclosures_imports_no_vault_model():
    source = Path(disclosures.__file__).read_text(encoding="utf-8")
    assert "from .models import Release\n" in source
    for vault_model in (
        "ConsultationNote",
        "ProblemAnalysisMedical",
        "Diagnosis",
        "Correspondence",
        "selectors",
        "crypto",
    ):
        assert vault_model not in source
