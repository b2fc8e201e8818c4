"""The audit trail's door: every read and write of dossier data is recorded through these two calls.

Callers pass what they touched; the log keeps plain identifiers (not foreign keys), so that an entry
outlives the retention of the dossier it is about and can be shown to the employee it concerns.
Entries are append-only (models.AuditEntry refuses update and delete). Reads are recorded outside any
service transaction, so that a rolled-back write cannot erase the record of a read (style.md §2.6).
Writes are recorded by the service that makes them, inside its transaction (`record_change`), so that
every page or command calling it leaves the same entry; the route is the request's (`current_route`).
A page declares what it shows with `note_read`; the route middleware (accounts.middleware) records
those reads once the view has answered, so that a page that fails (a 404 included) records none.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from openverzuim.core.bulk import insert_rows

from .models import AuditEntry, Membership

#: The subject of the entry that records a login linked to an employee record (by accepting an
#: invitation): the employee sees it under "who viewed my dossier", although they made it.
LOGIN_LINKED = "portal login linked to the employee record"


#: The route (URL name) of the request being served; set by accounts.middleware, empty for a command.
_route: ContextVar[str] = ContextVar("audit_route", default="")


def current_route() -> str:
    return _route.get()


def set_route(route: str):
    """Make `route` the current one; returns the token that `reset_route` takes."""
    return _route.set(route)


def reset_route(token) -> None:
    _route.reset(token)


def _dossier_of(case: Any, employee: Any) -> tuple[int, int | None, int]:
    """(organisation id, case id, employee id) of `case`, or without one of `employee`'s record."""
    if case is not None:
        return case.organisation_id, case.pk, case.employee_id
    return employee.organisation_id, None, employee.pk


def _who(user: Any) -> tuple[int | None, str, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, "", ""
    roles = sorted(set(Membership.objects.filter(user=user).values_list("role", flat=True)))
    if user.is_staff:
        roles.append("system_admin")
    return user.pk, str(user), ",".join(roles)


def _record(
    action: str,
    user: Any,
    organisation_id: int | None,
    case_id: int | None,
    employee_id: int | None,
    subject: str,
    fields: str,
    route: str,
) -> AuditEntry:
    user_id, user_name, roles = _who(user)
    return AuditEntry.objects.create(
        action=action,
        user_id=user_id,
        user_name=user_name[:300],
        roles=roles,
        organisation_id=organisation_id,
        case_id=case_id,
        employee_id=employee_id,
        subject=subject[:300],
        fields=fields[:1000],
        route=(route or current_route())[:300],
    )


def record_read(
    *,
    user: Any,
    organisation_id: int | None = None,
    case_id: int | None = None,
    employee_id: int | None = None,
    subject: str = "",
    fields: str = "",
    route: str = "",
) -> None:
    """`user` read `subject` (e.g. "case", "document 12 v3", "medical note 4") of a dossier."""
    record_reads(
        user=user,
        reads=[
            {
                "organisation_id": organisation_id,
                "case_id": case_id,
                "employee_id": employee_id,
                "subject": subject,
                "fields": fields,
            }
        ],
        route=route,
    )


#: The request attribute where a page's noted reads wait for the route middleware.
_NOTED_READS = "audit_noted_reads"


def note_read(
    request: Any,
    *,
    subject: str,
    case: Any = None,
    employee: Any = None,
    organisation_id: int | None = None,
    case_id: int | None = None,
    employee_id: int | None = None,
    fields: str = "",
    user: Any = None,
) -> None:
    """The page answering `request` shows `subject` of the dossier of `case` (or, without one,
    `employee`; or else of the plain ids given, as a vault record holds them). Call it once per
    dossier shown; `record_noted_reads` writes the entry, by `user` (the request's unless given)."""
    if case is not None or employee is not None:
        organisation_id, case_id, employee_id = _dossier_of(case, employee)
    request.__dict__.setdefault(_NOTED_READS, []).append(
        {
            "user": request.user if user is None else user,
            "organisation_id": organisation_id,
            "case_id": case_id,
            "employee_id": employee_id,
            "subject": subject,
            "fields": fields,
        }
    )


def record_noted_reads(request: Any) -> None:
    """Record the reads the page noted (accounts.middleware calls it when the view has answered):
    one statement for all of them, so that a page showing many dossiers (the risks overview) costs
    the same two queries as a page showing one, and each dossier still has its own entry."""
    match = getattr(request, "resolver_match", None)
    by_user: dict[Any, list[dict]] = {}
    for read in request.__dict__.pop(_NOTED_READS, ()):
        by_user.setdefault(read.pop("user"), []).append(read)
    for user, reads in by_user.items():
        record_reads(user=user, reads=reads, route=match.view_name if match else "")


def record_reads(*, user: Any, reads: list[dict[str, Any]], route: str = "") -> None:
    """`user` read many dossiers at once: `record_read`'s keyword arguments but the user, one dict
    per entry, written in one statement."""
    _insert(
        AuditEntry.Action.READ,
        user,
        route,
        (
            {
                "organisation_id": None,
                "case_id": None,
                "employee_id": None,
                "subject": "",
                "fields": "",
            }
            | read
            for read in reads
        ),
    )


def drop_noted_reads(request: Any) -> None:
    """The view failed: what it noted was not shown."""
    request.__dict__.pop(_NOTED_READS, None)


def record_write(
    *,
    user: Any,
    organisation_id: int | None = None,
    case_id: int | None = None,
    employee_id: int | None = None,
    subject: str = "",
    fields: str = "",
    route: str = "",
) -> None:
    """`user` created or changed `fields` of `subject` in a dossier."""
    _record(
        AuditEntry.Action.WRITE, user, organisation_id, case_id, employee_id, subject, fields, route
    )


def record_writes(
    *,
    user: Any,
    organisation_id: int,
    employee_fields: list[tuple[int, str]],
    subject: str,
    route: str = "",
) -> None:
    """`user` created or changed many employee records at once (the payroll import): one entry per
    (employee id, fields), inserted in batches (new rows only: the trail stays append-only)."""
    _insert(
        AuditEntry.Action.WRITE,
        user,
        route,
        (
            {
                "organisation_id": organisation_id,
                "employee_id": employee_id,
                "subject": subject,
                "fields": fields,
            }
            for employee_id, fields in employee_fields
        ),
    )


def _insert(action: str, user: Any, route: str, entries: Iterable[dict[str, Any]]) -> None:
    """Many entries by one `user` in batches (new rows only: the trail stays append-only); each
    entry gives organisation_id, case_id, employee_id, subject and fields (ids may be left out)."""
    user_id, user_name, roles = _who(user)
    common = {
        "action": action,
        "user_id": user_id,
        "user_name": user_name[:300],
        "roles": roles,
        "route": (route or current_route())[:300],
    }
    insert_rows(
        AuditEntry,
        (
            common | entry | {"subject": entry["subject"][:300], "fields": entry["fields"][:1000]}
            for entry in entries
        ),
    )


def record_change(
    *, by: Any, case: Any = None, employee: Any = None, subject: str, fields: str = ""
) -> None:
    """A service's change to a dossier: `case` (or, without one, `employee`) names whose. Call it
    once per change, inside the service's transaction."""
    organisation_id, case_id, employee_id = _dossier_of(case, employee)
    record_write(
        user=by,
        organisation_id=organisation_id,
        case_id=case_id,
        employee_id=employee_id,
        subject=subject,
        fields=fields,
    )


def record_removal(
    *,
    organisation_id: int | None,
    case_id: int | None = None,
    employee_id: int | None = None,
    subject: str,
    fields: str = "",
) -> None:
    """The retention job removed `subject`; the entry names what, never the removed content."""
    _record(
        AuditEntry.Action.REMOVE,
        None,
        organisation_id,
        case_id,
        employee_id,
        subject,
        fields,
        "retention",
    )
