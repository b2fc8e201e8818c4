"""The one door to reading documents: every query starts from `policies.reachable_cases`.

A miss raises `DoesNotExist`, which the views turn into a 404 whether the document is elsewhere or out
of the user's reach (style.md §2.6).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from openverzuim.accounts.models import User
from openverzuim.cases.models import Case, Event

from .models import Document, DocumentVersion, Signature, UploadedFile
from .policies import parties_of, reachable_cases


@dataclass(frozen=True)
class Reach:
    """A case as one user reaches it: the parties they act as there."""

    case: Case
    parties: frozenset[str]


def _documents(cases: QuerySet[Case]) -> QuerySet[Document]:
    versions = DocumentVersion.objects.order_by("number").prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.select_related("user"))
    )
    return (
        Document.objects.filter(case__in=cases)
        .select_related("case", "case__employee", "case__organisation")
        .prefetch_related(Prefetch("versions", queryset=versions))
    )


def case_reach_for(*, user: User, case_id: int) -> Reach:
    case = (
        reachable_cases(user)
        .select_related("employee", "organisation", "organisation__served_by", "case_manager")
        .prefetch_related("periods")
        .get(pk=case_id)
    )
    return Reach(case, frozenset(parties_of(user, case)))


def case_documents(reach: Reach) -> list[Document]:
    return list(_documents(Case.objects.filter(pk=reach.case.pk)))


def document_get_for(*, user: User, document_id: int) -> tuple[Document, Reach]:
    document = _documents(reachable_cases(user)).get(pk=document_id)
    return document, case_reach_for(user=user, case_id=document.case_id)


def own_documents(user: User) -> list[Document]:
    """The employee's own documents (portal): only those of cases linked to her login."""
    if not user.is_authenticated:
        return []
    return list(_documents(Case.objects.filter(employee__user=user)).order_by("-created_at"))


def case_uploads(case: Case) -> list[UploadedFile]:
    """The files from outside of a case the caller reached through `case_reach_for`."""
    return list(UploadedFile.objects.filter(case=case).select_related("uploaded_by"))


def case_events(case: Case) -> list[Event]:
    """The active events of a case the caller reached through `case_reach_for`."""
    return list(Event.objects.filter(case=case, withdrawn_at=None).order_by("date", "pk"))


def uploaded_file(*, case: Case, file_id: int) -> UploadedFile:
    """One file of a case the caller reached through `case_reach_for`; a file of another case is
    a DoesNotExist, whatever its number."""
    return UploadedFile.objects.get(pk=file_id, case_id=case.pk)
