"""Who hears of what happens in a case: the recipients of each notification kind, chosen by the
policy (who may open the case), and the one call per event the services make.

Every text is a fixed template of notifications.kinds with names and dates only: no note, advice
or diagnosis ever becomes a parameter, so nothing medical reaches a notification or an e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet
from django.utils import translation

from openverzuim.accounts.models import User
from openverzuim.accounts.roles import EMPLOYER_ROLES, Role
from openverzuim.notifications.services import Event, notify_all

from .models import Case
from .policies import can, who_can


def employer_side(case: Case) -> QuerySet[User]:
    """The employer's administrators and case managers who may open the whole case."""
    return who_can("view_details", case, roles=EMPLOYER_ROLES)


def physicians_of(case: Case) -> QuerySet[User]:
    """The occupational physicians of the arbodienst that serves the case's employer."""
    return who_can("view", case, roles=[Role.OCCUPATIONAL_PHYSICIAN])


def employee_of(case: Case) -> list[User]:
    """The employee herself, once her login is linked to her record and reaches her case."""
    user = case.employee.user
    return [user] if user is not None and can(user, "view", case) else []


def msgid(text) -> str:
    """The English source string of a lazy label (a document type's title): stored as the
    parameter, translated into the reader's language when the notification is read."""
    with translation.override(None):
        return str(text)


def tell(
    kind: str,
    case: Case,
    recipients: Iterable[User],
    key: str,
    route: str,
    *,
    day: date | None = None,
    **params: str,
) -> None:
    """One event of `case` to `recipients`: `key` names the event within the kind (dedupe)."""
    notify_all([event(kind, case, recipients, key, route, day=day, **params)])


def event(
    kind: str,
    case: Case,
    recipients: Iterable[User],
    key: str,
    route: str,
    *,
    day: date | None = None,
    **params: str,
) -> Event:
    """The event `tell` sends, for a caller that tells of many at once (`notify_all`)."""
    values = {"name": case.employee.full_name, "employer": case.organisation.name, **params}
    if day is not None:
        values["day"] = day.isoformat()
    return Event(
        kind,
        tuple(recipients),
        case.organisation_id,
        key,
        values,
        case.pk,
        route,
        () if route in EMPLOYEE_ROUTES else (case.pk,),
    )


#: The employee's own pages: they take no case number.
EMPLOYEE_ROUTES = frozenset({"portal:my_case", "documents:mine"})


def case_reported(case: Case, *, by: User, first_sick_day: date, new_case: bool) -> None:
    """A sick report: the employer hears when the employee reported herself; the physicians of
    the arbodienst hear of a new case."""
    if case.employee.user_id is not None and by.pk == case.employee.user_id:
        tell(
            "self_report",
            case,
            employer_side(case),
            f"period:{case.pk}:{first_sick_day}",
            "cases:detail",
            day=first_sick_day,
        )
    if new_case:
        tell(
            "new_case",
            case,
            physicians_of(case),
            f"case:{case.pk}",
            "medical:case",
            day=first_sick_day,
        )


def case_assigned(case: Case, case_manager: User, today: date, by: User) -> None:
    """The new case manager hears the case is hers (once a day per case, however often it moves);
    not when she took it herself."""
    if case_manager.pk == by.pk:
        return
    tell("case_assigned", case, [case_manager], f"{case_manager.pk}:{today}", "cases:detail")


def analysis_requested(case: Case, event_id: int, day: date) -> None:
    """The arbodienst was called in (the event `occupational_health_notified`): its physicians
    are asked for the problem analysis."""
    tell(
        "analysis_requested",
        case,
        physicians_of(case),
        f"event:{event_id}",
        "medical:case",
        day=day,
    )
