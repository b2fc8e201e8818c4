"""Field checks with messages for people."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_bsn(value: str) -> None:
    """A burgerservicenummer: nine digits passing the eleven test (elfproef)."""
    if not (value.isdigit() and len(value) == 9):
        raise ValidationError(_("A BSN has exactly nine digits."), code="bsn_format")
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True))
    if (total - int(value[8])) % 11 != 0:
        raise ValidationError(
            _("This is not a valid BSN (it fails the eleven test)."), code="bsn_checksum"
        )


def mask_bsn(value: str) -> str:
    """Shown everywhere but in a document that requires the full number."""
    return f"*******{value[-2:]}" if value else ""


def validate_some_hours(value) -> None:
    """Partial work: some hours a week, more than 0 (the model's check constraint, in words)."""
    if value <= 0:
        raise ValidationError(
            _("Partial work means working some hours: more than 0."), code="no_hours"
        )
