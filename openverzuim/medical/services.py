"""Writing to the vault and releasing to the employer: each a validated, audited transaction.

The author must be a physician who serves the case (policies.py); the case, employee and
organisation ids are copied from the case itself, so a vault record never names a dossier that does
not exist or one its author cannot reach.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import User
from openverzuim.cases import notices
from openverzuim.cases.models import Case
from openverzuim.core.uploads import file_size_problem

from .fields import EncryptedBinaryField, EncryptedTextField
from .models import (
    VAULT_MODELS,
    ConsultationNote,
    Correspondence,
    Diagnosis,
    ProblemAnalysisMedical,
    Release,
    VaultRecord,
)
from .policies import physician_cases
from .router import VAULT


def author_name(user: User) -> str:
    return user.get_full_name() or user.username


def _validate(
    *,
    case: Case,
    author: User,
    today: date,
    date_field: str,
    values: dict,
    required: tuple[str, ...],
) -> dict:
    """Stripped values; a ValidationError naming each field that is wrong."""
    if not physician_cases(author).filter(pk=case.pk).exists():
        raise ValidationError({"case": _("You are not the occupational physician of this case.")})
    cleaned: dict[str, Any] = {
        key: value.strip() if isinstance(value, str) else value for key, value in values.items()
    }
    errors = {
        name: _("This field is required.")
        for name in (date_field, *required)
        if cleaned.get(name) in (None, "")
    }
    when = cleaned.get(date_field)
    if when is not None and date_field not in errors and when > today:
        errors[date_field] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _record(
    model: type[VaultRecord],
    *,
    case: Case,
    author: User,
    today: date,
    values: dict,
    required: tuple[str, ...],
    subject: str,
):
    cleaned = _validate(
        case=case,
        author=author,
        today=today,
        date_field=model.date_field,
        values=values,
        required=required,
    )
    with transaction.atomic(using=VAULT):
        record = model._default_manager.create(
            case_id=case.pk,
            employee_id=case.employee_id,
            organisation_id=case.organisation_id,
            author_id=author.pk,
            author_name=author_name(author),
            **cleaned,
        )
    audit.record_change(
        by=author, case=case, subject=f"{subject} {record.pk}", fields=", ".join(sorted(cleaned))
    )
    return record


def note_add(
    *, case: Case, author: User, today: date, consulted_on: date | None, text: str
) -> ConsultationNote:
    return _record(
        ConsultationNote,
        case=case,
        author=author,
        today=today,
        values={"consulted_on": consulted_on, "text": text},
        required=("text",),
        subject="medical note",
    )


def analysis_add(
    *, case: Case, author: User, today: date, analysed_on: date | None, text: str
) -> ProblemAnalysisMedical:
    return _record(
        ProblemAnalysisMedical,
        case=case,
        author=author,
        today=today,
        values={"analysed_on": analysed_on, "text": text},
        required=("text",),
        subject="medical problem analysis",
    )


def diagnosis_add(
    *,
    case: Case,
    author: User,
    today: date,
    diagnosed_on: date | None,
    text: str,
    cas_code: str = "",
) -> Diagnosis:
    if len(cas_code.strip()) > 20:
        raise ValidationError({"cas_code": _("A CAS code has at most 20 characters.")})
    return _record(
        Diagnosis,
        case=case,
        author=author,
        today=today,
        values={"diagnosed_on": diagnosed_on, "text": text, "cas_code": cas_code},
        required=("text",),
        subject="medical diagnosis",
    )


def correspondence_add(
    *,
    case: Case,
    author: User,
    today: date,
    dated: date | None,
    correspondent: str,
    text: str = "",
    file_name: str = "",
    file_content: bytes | None = None,
) -> Correspondence:
    problem = file_size_problem(len(file_content or b""))
    if problem:
        raise ValidationError({"file": problem})
    if not text.strip() and not file_content:
        raise ValidationError({"text": _("Write the content or a summary, or attach a file.")})
    values = {
        "dated": dated,
        "correspondent": correspondent,
        "text": text,
        "file_name": file_name if file_content else "",
        "file_content": file_content or None,
        "file_size": len(file_content or b""),
    }
    return _record(
        Correspondence,
        case=case,
        author=author,
        today=today,
        values=values,
        required=("correspondent",),
        subject="medical correspondence",
    )


def release_add(
    *,
    case: Case,
    author: User,
    today: date,
    released_on: date | None,
    limitations: str,
    possibilities: str,
    expected_duration: str,
    work_advice: str,
    corrects: Release | None = None,
) -> Release:
    """Release to the employer what it may know (law.md §8.2); never a diagnosis or a cause.

    A release is never changed afterwards: a correction is a newer release naming the one it
    corrects (`corrects`), which must be an earlier release of the same case."""
    values = {
        "released_on": released_on,
        "limitations": limitations,
        "possibilities": possibilities,
        "expected_duration": expected_duration,
        "work_advice": work_advice,
    }
    cleaned = _validate(
        case=case,
        author=author,
        today=today,
        date_field="released_on",
        values=values,
        required=tuple(values)[1:],
    )
    if corrects is not None:
        if corrects.case_id != case.pk:
            raise ValidationError({"corrects": _("Choose a release of this case.")})
        if cleaned["released_on"] < corrects.released_on:
            raise ValidationError(
                {
                    "released_on": _(
                        "A correction cannot be dated before the release it corrects (%(day)s)."
                    )
                    % {"day": date_format(corrects.released_on, "j F Y")}
                }
            )
    with transaction.atomic():
        release = Release.objects.create(
            case=case, author=author, corrects=corrects, author_name=author_name(author), **cleaned
        )
        audit.record_change(
            by=author,
            case=case,
            subject=f"medical release {release.pk}",
            fields=", ".join(sorted(cleaned)),
        )
    # That advice came, never what it says: the text is fixed, with the employee's name and a date.
    notices.tell(
        "advice_released",
        case,
        notices.employer_side(case),
        f"release:{release.pk}",
        "cases:detail",
        day=release.released_on,
    )
    return release


def reencrypt_vault() -> int:
    """Re-save every encrypted field with the current key (after MEDICAL_ENCRYPTION_KEY changed
    and the old key moved to MEDICAL_ENCRYPTION_KEYS_OLD); returns the number of records."""
    count = 0
    with transaction.atomic(using=VAULT):
        for model in VAULT_MODELS:
            encrypted = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, EncryptedTextField | EncryptedBinaryField)
            ]
            for record in model.objects.select_for_update().iterator():
                record.save(update_fields=encrypted)
                count += 1
    return count
