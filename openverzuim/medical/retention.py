"""Retention of the physician's medical file: 20 years from when each record was made.

law.md D17 sets the term (MEDICAL_RETENTION_YEARS, default 20); BW 7:454 lid 3 counts it "te
rekenen vanaf het tijdstip waarop zij zijn vervaardigd", so every record expires on its own,
independent of the case. The retention command calls `purge_vault`; a dry run only counts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from openverzuim.accounts.audit import record_removal
from openverzuim.accounts.retention import Removal, years_after

from .models import VAULT_MODELS
from .router import VAULT

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VaultRetentionReport:
    dry_run: bool
    cutoff: date  # records made before this day are past their term
    expired: dict[
        str, int
    ]  # model name → number of records past their term (deleted unless dry run)

    @property
    def total(self) -> int:
        return sum(self.expired.values())


def cutoff_for(today: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February falls back to 28 February."""
    return years_after(today, -years)


def _start_of(day: date) -> datetime:
    """Records made before this moment are past their term: the cutoff's midnight, local time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def purge_vault(
    *, today: date, dry_run: bool = True, years: int | None = None
) -> VaultRetentionReport:
    """Delete (or, in a dry run, count) the vault records made before the retention cutoff."""
    years = settings.MEDICAL_RETENTION_YEARS if years is None else years
    if years < 1:
        raise ValueError(f"retention years must be at least 1, not {years}")
    cutoff = cutoff_for(today, years)
    boundary = _start_of(cutoff)
    expired: dict[str, int] = {}
    with transaction.atomic(using=VAULT):
        for model in VAULT_MODELS:
            records = model.objects.filter(created_at__lt=boundary)
            # A model class always has its model_name; Django's types allow None for Options.
            expired[model._meta.model_name] = records.count()  # type: ignore[index]
            if not dry_run:
                records.delete()
    report = VaultRetentionReport(dry_run=dry_run, cutoff=cutoff, expired=expired)
    logger.info(
        "medical vault retention%s: %d records made before %s %s: %s",
        " (dry run)" if dry_run else "",
        report.total,
        cutoff,
        "would be deleted" if dry_run else "deleted",
        expired,
    )
    return report


def sweep(*, today: date, execute: bool) -> list[Removal]:
    """The `retention` command's door to the vault: one removal per record past its term, each
    recorded in the audit trail by kind and id, never by content."""
    years = settings.MEDICAL_RETENTION_YEARS
    cutoff = cutoff_for(today, years)
    boundary = _start_of(cutoff)
    removals = [
        Removal(
            model._meta.model_name,  # type: ignore[arg-type]
            pk,
            organisation_id,
            f"made before {cutoff}, term {years} years",
        )
        for model in VAULT_MODELS
        for pk, organisation_id in model.objects.filter(created_at__lt=boundary).values_list(
            "pk", "organisation_id"
        )
    ]
    if execute and removals:
        purge_vault(today=today, dry_run=False, years=years)
        for removal in removals:
            record_removal(
                organisation_id=removal.organisation_id,
                subject=f"medical vault {removal.kind} {removal.object_id}",
                fields=removal.reason,
            )
    return removals
