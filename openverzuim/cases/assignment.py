"""Who works on a case: its case manager, line managers and re-integration consultants.

The case manager is `Case.case_manager` (the duty table copies it as the assignee of the case's
duties); line managers and consultants are `accounts.Assignment` rows. Only someone holding the role
in the case's organisation (or in its holding, with the child organisations) can be chosen. Each
change is one service call in one transaction: the case row is locked, the state the form was
rendered with must still hold (optimistic concurrency: two people reassigning at once cannot both
win), the duty rows are refreshed, and the change is an event in the case history and an audit
entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import Assignment, Organisation, User
from openverzuim.accounts.policies import ROLE_KINDS
from openverzuim.accounts.roles import Role
from openverzuim.core.outbox import OutboxKind

from . import notices
from .duties import duties_refresh, duties_refresh_many
from .models import Case, Event, EventKind
from .outbox import emit_for_case, emit_for_cases
from .policies import visible_cases, visible_organisation_ids

#: The roles held through Assignment rows, by the form field that lists them.
TEAM_ROLES = {"line_managers": Role.LINE_MANAGER, "consultants": Role.REINTEGRATION_CONSULTANT}


def eligible_people(organisation_ids: Iterable[int | None], role: str) -> QuerySet[User]:
    """Active people holding `role` in one of the organisations, directly or through a holding that
    includes its child organisations, or (a case manager) in the arbodienst serving it: the only
    ones a case there can be given in that role."""
    ids = [pk for pk in organisation_ids if pk is not None]
    employers = Organisation.objects.filter(pk__in=ids)
    where = Q(memberships__organisation_id__in=ids) | Q(
        memberships__organisation_id__in=employers.filter(parent__isnull=False).values("parent_id"),
        memberships__includes_children=True,
    )
    if Organisation.Kind.ARBODIENST in ROLE_KINDS[role]:  # the arbodienst serving the employer
        where |= Q(
            memberships__organisation_id__in=employers.filter(served_by__isnull=False).values(
                "served_by_id"
            )
        )
    held = Q(memberships__role=role) & where
    return (
        User.objects.filter(held, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def assignable_case_managers(user: User) -> QuerySet[User]:
    """The case managers of the employers whose cases `user` may assign: the bulk action's list."""
    organisations, _exact = visible_organisation_ids(user, "assign")
    return eligible_people(organisations, Role.CASE_MANAGER)


def team_of(case: Case) -> dict[str, list[User]]:
    """The people assigned to `case` by role field, each list by name."""
    rows = (
        Assignment.objects.filter(case_id=case.pk, role__in=TEAM_ROLES.values())
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user_id")
    )
    team: dict[str, list[User]] = {field: [] for field in TEAM_ROLES}
    by_role: dict[str, str] = {role.value: field for field, role in TEAM_ROLES.items()}
    for row in rows:
        team[by_role[row.role]].append(row.user)
    return team


def state_of(case: Case) -> str:
    """A fingerprint of who works on the case, carried by the form as it was rendered."""
    team = team_of(case)
    return "|".join(
        [str(case.case_manager_id or "")]
        + [",".join(str(u.pk) for u in sorted(team[f], key=lambda u: u.pk)) for f in TEAM_ROLES]
    )


def _changed_elsewhere() -> ValidationError:
    return ValidationError(
        {
            "__all__": _(
                "Someone else changed who works on this case since you opened the page. Nothing was "
                "saved: look at the case again and make your change."
            )
        }
    )


def _names(people: Iterable[object]) -> str:
    return ", ".join(str(p) for p in people) or "—"


@transaction.atomic
def case_assign(
    *,
    case: Case,
    by: User,
    today: date,
    seen: str,
    case_manager: User | None,
    line_managers: Iterable[User] = (),
    consultants: Iterable[User] = (),
) -> list[str]:
    """Make these the people on `case`; returns one line per role that changed (none: no write).
    `seen` is `state_of(case)` as the form showed it."""
    # of=self: PostgreSQL locks no row on the nullable side of the join to the case manager.
    locked = (
        Case.objects.select_for_update(of=("self",)).select_related("case_manager").get(pk=case.pk)
    )
    if state_of(locked) != seen:
        raise _changed_elsewhere()
    chosen = {
        "case_manager": [case_manager] if case_manager else [],
        "line_managers": list(line_managers),
        "consultants": list(consultants),
    }
    roles = {"case_manager": Role.CASE_MANAGER, **TEAM_ROLES}
    for field, people in chosen.items():
        allowed = set(
            eligible_people([locked.organisation_id], roles[field])
            .filter(pk__in=[p.pk for p in people])
            .values_list("pk", flat=True)
        )
        refused = [p for p in people if p.pk not in allowed]
        if refused:
            raise ValidationError(
                {
                    field: _(
                        "%(names)s cannot be chosen: they hold no such role in %(organisation)s."
                    )
                    % {"names": _names(refused), "organisation": locked.organisation}
                }
            )
    before = team_of(locked)
    before_manager_id = locked.case_manager_id
    lines = []
    if locked.case_manager_id != (case_manager.pk if case_manager else None):
        lines.append(
            _("Case manager: %(old)s → %(new)s")
            % {"old": locked.case_manager or "—", "new": case_manager or "—"}
        )
        locked.case_manager = case_manager
        locked.save(update_fields=["case_manager"])
    for field, role in TEAM_ROLES.items():
        old = {p.pk for p in before[field]}
        new = {p.pk for p in chosen[field]}
        if old == new:
            continue
        Assignment.objects.filter(case_id=locked.pk, role=role, user_id__in=old - new).delete()
        Assignment.objects.bulk_create(
            [Assignment(case_id=locked.pk, role=role, user_id=pk) for pk in new - old]
        )
        label = _("Line managers") if field == "line_managers" else _("Re-integration consultants")
        lines.append(f"{label}: {_names(before[field])} → {_names(chosen[field])}")
    if lines:
        event = Event.objects.create(
            case=locked,
            kind=EventKind.ASSIGNMENT,
            date=today,
            note="\n".join(lines),
            recorded_by=by,
        )
        duties_refresh(locked, today)
        emit_for_case(
            locked, OutboxKind.CASE_ASSIGNED, event.pk, case_manager=locked.case_manager_id
        )
        audit.record_change(
            by=by, case=locked, subject="case", fields="case_manager, line_managers, consultants"
        )
        if case_manager is not None and case_manager.pk != before_manager_id:
            notices.case_assigned(locked, case_manager, today, by)
    case.case_manager = locked.case_manager
    return lines


@dataclass(frozen=True)
class BulkResult:
    changed: int  # cases that got the new case manager
    unchanged: int  # cases that already had them


@transaction.atomic
def cases_assign_case_manager(
    *,
    case_ids: Iterable[int],
    case_manager: User,
    seen: dict[int, int | None],
    by: User,
    today: date,
) -> BulkResult:
    """Give every case in `case_ids` the case manager `case_manager`, all or none. `seen` maps each
    case to the case manager id the confirmation page showed: a case reassigned meanwhile refuses
    the whole request, so that nobody's change is overwritten unseen."""
    ids = sorted(set(case_ids))
    reachable = set(visible_cases(by, "assign").filter(pk__in=ids).values_list("pk", flat=True))
    if not ids or reachable != set(ids):
        raise ValidationError({"cases": _("Choose cases you may assign.")})
    cases = list(
        Case.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("employee", "case_manager")
        .order_by("pk")
    )
    moved = [c for c in cases if seen.get(c.pk, -1) != c.case_manager_id]
    if moved:
        raise ValidationError(
            {
                "__all__": _(
                    "Someone else changed the case manager of %(names)s since you chose. Nothing was "
                    "saved: look at the list again."
                )
                % {"names": _names(c.employee for c in moved)}
            }
        )
    allowed = {
        pk
        for pk in {c.organisation_id for c in cases}  # a few employers
        if eligible_people([pk], Role.CASE_MANAGER).filter(pk=case_manager.pk).exists()
    }
    outside = [c for c in cases if c.organisation_id not in allowed]
    if outside:
        raise ValidationError(
            {
                "case_manager": _("%(name)s is no case manager of the employer of %(names)s.")
                % {"name": case_manager, "names": _names(c.employee for c in outside)}
            }
        )
    changing = [c for c in cases if c.case_manager_id != case_manager.pk]
    note = _("Case manager: %(old)s → %(new)s")
    events = Event.objects.bulk_create(
        [
            Event(
                case=c,
                kind=EventKind.ASSIGNMENT,
                date=today,
                recorded_by=by,
                note=note % {"old": c.case_manager or "—", "new": case_manager},
            )
            for c in changing
        ]
    )
    Case.objects.filter(pk__in=[c.pk for c in changing]).update(case_manager=case_manager)
    duties_refresh_many(Case.objects.filter(pk__in=[c.pk for c in changing]), today)
    emit_for_cases(
        (case, OutboxKind.CASE_ASSIGNED, event.pk, {"case_manager": case_manager.pk})
        for case, event in zip(changing, events, strict=True)
    )
    for case in changing:
        audit.record_change(by=by, case=case, subject="case", fields="case_manager")
        notices.case_assigned(case, case_manager, today, by)
    return BulkResult(len(changing), len(cases) - len(changing))
