"""Reading the vault: always through the physician's cases or the employee's own; a miss is a 404.

Callers note the read for the audit trail (accounts.audit.note_read); these functions only read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from openverzuim.accounts.models import User
from openverzuim.cases.models import Case

from .models import ConsultationNote, Correspondence, Diagnosis, ProblemAnalysisMedical, Release
from .policies import physician_cases


@dataclass(frozen=True)
class VaultFile:
    """Everything the vault holds about a set of cases, newest first, decrypted."""

    notes: tuple[ConsultationNote, ...]
    analyses: tuple[ProblemAnalysisMedical, ...]
    diagnoses: tuple[Diagnosis, ...]
    correspondence: tuple[Correspondence, ...]

    def __bool__(self) -> bool:
        return any((self.notes, self.analyses, self.diagnoses, self.correspondence))


def _vault_file(case_ids: list[int]) -> VaultFile:
    return VaultFile(
        notes=tuple(ConsultationNote.objects.filter(case_id__in=case_ids)),
        analyses=tuple(ProblemAnalysisMedical.objects.filter(case_id__in=case_ids)),
        diagnoses=tuple(Diagnosis.objects.filter(case_id__in=case_ids)),
        # The files stay in the database until someone downloads one.
        correspondence=tuple(
            Correspondence.objects.filter(case_id__in=case_ids).defer("file_content")
        ),
    )


def caseload_for(*, user: User) -> QuerySet[Case]:
    return (
        physician_cases(user)
        .select_related("employee", "organisation")
        .order_by("closed_on", "organisation__name", "employee__sort_name", "pk")
    )


def case_for_physician(*, user: User, case_id: int) -> Case:
    """The case if `user` is a physician who serves it; `Case.DoesNotExist` otherwise."""
    return physician_cases(user).select_related("employee", "organisation").get(pk=case_id)


def vault_for_case(case: Case) -> VaultFile:
    """Only for a case obtained through `case_for_physician`."""
    return _vault_file([case.pk])


def releases_of(case: Case) -> QuerySet[Release]:
    return Release.objects.filter(case=case).select_related("corrects")


def correspondence_file(*, case: Case, item_id: int) -> Correspondence:
    """A letter with its file, of a case obtained through a scoping selector."""
    return Correspondence.objects.get(pk=item_id, case_id=case.pk, file_size__gt=0)


# ── the employee's own medical file (architecture.md rule 5), released by the vault's pages ─


def own_cases(user: User) -> QuerySet[Case]:
    """The cases of the employee records linked to `user`: whose medical file is theirs."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    return Case.objects.filter(employee__user=user)


def _own_case_ids(user: User) -> list[int]:
    return list(own_cases(user).values_list("pk", flat=True))


def own_medical_file(user: User) -> VaultFile:
    """What the vault holds about `user` as an employee (AVG art. 15); empty for anyone else.
    Only for the vault's own pages, after the second factor (views.own_file)."""
    return _vault_file(_own_case_ids(user))


def own_medical_file_exists(user: User) -> bool:
    """Whether the vault holds anything about `user`, without reading (or decrypting) it: all the
    employer-side access request may say about the medical file."""
    case_ids = _own_case_ids(user)
    return any(
        model.objects.filter(case_id__in=case_ids).exists()
        for model in (ConsultationNote, ProblemAnalysisMedical, Diagnosis, Correspondence)
    )


def own_correspondence_file(*, user: User, item_id: int) -> Correspondence:
    """One of the employee's own letters with its file; `Correspondence.DoesNotExist` otherwise."""
    return Correspondence.objects.get(pk=item_id, case_id__in=_own_case_ids(user), file_size__gt=0)
