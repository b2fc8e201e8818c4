"""The vault keeps each record 20 years from when it was made (D17; BW 7:454 lid 3)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from openverzuim.medical.models import VAULT_MODELS, ConsultationNote, Correspondence, Release
from openverzuim.medical.retention import cutoff_for, purge_vault

pytestmark = pytest.mark.django_db(databases=["default", "medical"])
TODAY = date(2046, 11, 22)


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=ZoneInfo("Europe/Amsterdam"))


def _made_on(model, pk: int, day: date) -> None:
    model.objects.filter(pk=pk).update(created_at=_noon(day))


@pytest.fixture
def aged_vault(filled_vault):
    """The note made 20 years and a day before TODAY, the letter exactly 20 years before, the
    rest later (fixed dates: the test must not depend on the clock)."""
    for model in VAULT_MODELS:
        model.objects.update(created_at=_noon(date(2030, 1, 1)))
    _made_on(ConsultationNote, filled_vault["note"].pk, date(2026, 11, 21))
    _made_on(Correspondence, filled_vault["correspondence"].pk, date(2026, 11, 22))
    return filled_vault


def test_a_dry_run_counts_and_deletes_nothing(aged_vault):
    report = purge_vault(today=TODAY, dry_run=True)
    assert report.dry_run and report.cutoff == date(2026, 11, 22)
    assert report.expired["consultationnote"] == 1 and report.total == 1
    assert sum(model.objects.count() for model in VAULT_MODELS) == 4


def test_it_deletes_only_what_is_past_its_term(aged_vault):
    report = purge_vault(today=TODAY, dry_run=False)
    assert report.total == 1 and not report.dry_run
    assert not ConsultationNote.objects.exists()
    assert Correspondence.objects.count() == 1  # made on the cutoff day: still within its term
    assert Release.objects.count() == 1  # the employer's file has its own retention


def test_the_term_is_configurable(aged_vault, settings):
    settings.MEDICAL_RETENTION_YEARS = 15
    assert purge_vault(today=date(2041, 11, 23)).total == 2
    with pytest.raises(ValueError, match="at least 1"):
        purge_vault(today=TODAY, years=0)


def test_29_february_counts_back_to_28_february():
    assert cutoff_for(date(2048, 2, 29), 21) == date(2027, 2, 28)
    assert cutoff_for(date(2048, 2, 29), 20) == date(2028, 2, 29)
    assert cutoff_for(date(2046, 3, 1), 20) == date(2026, 3, 1)


def test_the_retention_command_reaches_the_vault_and_logs_what_went_not_what_it_said(aged_vault):
    from openverzuim.accounts.models import AuditEntry
    from openverzuim.accounts.retention import sweep_all
    from openverzuim.medical.retention import sweep

    planned = sweep(today=TODAY, execute=False)
    assert [(r.kind, r.object_id) for r in planned] == [("consultationnote", aged_vault["note"].pk)]
    assert ConsultationNote.objects.count() == 1
    assert sweep_all(today=TODAY, execute=False)["medical"] == planned

    sweep(today=TODAY, execute=True)
    assert not ConsultationNote.objects.exists()
    entry = AuditEntry.objects.get(subject__startswith="medical vault")
    assert entry.subject == f"medical vault consultationnote {aged_vault['note'].pk}"
    assert "made before 2026-11-22" in entry.fields
    assert "radiculopathy" not in entry.fields + entry.subject
