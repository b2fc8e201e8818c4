"""Who may do what: THE policy table (role x action x relation), and the organisation base.

`POLICY[role][action]` names the relation the user must have to an object for `action`: a role
without an entry for an action may not do it, and an action not in `ACTIONS` is refused outright.
Each model's policy (cases/policies.py; medical keeps its own) turns the relations into queries for
its objects, because the layers run one way: accounts never imports the apps that sit on it.
Views, the API, exports and admin reach dossiers only through those policies (style.md §2.6).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django_otp import user_has_device

from .models import Membership, Organisation, User
from .roles import Role


class UnknownAction(ValueError):
    pass


#: What can be done with a dossier.
ACTIONS = (
    "view",  # see the case exists, its timeline and status (the reduced view)
    "view_details",  # the full case page: contact details while sick, notes, events
    "change",  # report, record, correct, close
    "caseload",  # count cases per case manager; never their content
    "statistics",  # absence figures of the organisation's employees: sums of days, never a name
    "choose_sector",  # name the employer's sector (SBI section) its statistics are compared with
    "audit_log",  # search the audit trail of the organisation
    "export",  # the access request (AVG art. 15): everything held about oneself
    "grant_role",  # give people a role in the organisation (GRANTABLE says which roles)
    "link_login",  # invite an employee to link their own login to their record (by accepting)
    "enrol_device",  # add a second factor (authenticator, recovery codes) to one's own login
    "import_employees",  # create and update the organisation's employees from a payroll file
    "choose_arbodienst",  # name the arbodienst that serves the employer, and from when
    "assign",  # choose the case manager, line managers and re-integration consultants of a case
    "onboard_client",  # take on a client employer (served from now) and invite its first administrator
    "manage_api_keys",  # create and revoke the organisation's API keys (docs/api.md)
    "own_api_key",  # create and revoke a personal API key acting as one's own login (docs/api.md)
    "manage_webhooks",  # the organisation's webhook endpoints and their delivery log (docs/api.md)
    "export_lists",  # download the case list and the worklist as CSV or XLSX, as filtered on screen
    "export_all",  # the whole-organisation export, to leave for another provider (docs/exports.md)
)


class Relation:
    """How a user stands to a case; each model's policy knows how to query each relation."""

    ORGANISATION = "organisation"  # the case's employer is one the user holds the role in
    ASSIGNED = "assigned"  # the user is the case's case manager or assigned to it
    DEPARTMENT = "department"  # the case's employee works in the user's own department, or
    # the user is assigned to the case in this role
    OWN = "own"  # the user is the employee the case is about
    SERVED = "served"  # the user's arbodienst serves the employer (or a direct role)
    SELF = "self"  # the user's own login, once any second factor it has is verified


POLICY: dict[str, dict[str, str]] = {
    Role.EMPLOYER_ADMIN: dict.fromkeys(
        (
            "view",
            "view_details",
            "change",
            "caseload",
            "statistics",
            "choose_sector",
            "audit_log",
            "grant_role",
            "link_login",
            "import_employees",
            "choose_arbodienst",
            "assign",
            "manage_api_keys",
            "manage_webhooks",
            "export_lists",
            "export_all",
        ),
        Relation.ORGANISATION,
    )
    | {"enrol_device": Relation.SELF},
    # A case manager hands her own cases over (to a colleague, with a consultant beside her).
    Role.CASE_MANAGER: {
        "view": Relation.ASSIGNED,
        "view_details": Relation.ASSIGNED,
        "change": Relation.ASSIGNED,
        "assign": Relation.ASSIGNED,
        "export_lists": Relation.ASSIGNED,
        "enrol_device": Relation.SELF,
    },
    Role.LINE_MANAGER: {"view": Relation.DEPARTMENT, "enrol_device": Relation.SELF},
    Role.EMPLOYEE: {
        "view": Relation.OWN,
        "view_details": Relation.OWN,
        "export": Relation.OWN,
        "enrol_device": Relation.SELF,
        # The key reads what her own login reads (view and view_details of her own case), no more.
        "own_api_key": Relation.SELF,
    },
    Role.OCCUPATIONAL_PHYSICIAN: {
        "view": Relation.SERVED,
        "view_details": Relation.SERVED,
        "enrol_device": Relation.SELF,
    },
    Role.REINTEGRATION_CONSULTANT: {"view": Relation.ASSIGNED, "enrol_device": Relation.SELF},
    Role.ARBODIENST_ADMIN: {
        "caseload": Relation.SERVED,
        "statistics": Relation.SERVED,
        "choose_sector": Relation.SERVED,
        "grant_role": Relation.ORGANISATION,
        "onboard_client": Relation.ORGANISATION,
        "enrol_device": Relation.SELF,
    },
}


#: The kinds of organisation a role is held in. The physician and the arbodienst administrator
#: belong to an arbodienst and reach employers only through the arbodienst serving them; a
#: physician's membership placed on an employer opens nothing (served_organisations_for). A case
#: manager works for an employer or for the arbodienst that serves it, and then reaches the cases
#: of its clients she is assigned to (cases.policies), never the vault.
_EMPLOYER, _ARBODIENST = Organisation.Kind.EMPLOYER, Organisation.Kind.ARBODIENST
ROLE_KINDS: dict[str, frozenset[str]] = {
    Role.EMPLOYER_ADMIN: frozenset({_EMPLOYER}),
    Role.CASE_MANAGER: frozenset({_EMPLOYER, _ARBODIENST}),
    Role.LINE_MANAGER: frozenset({_EMPLOYER}),
    Role.REINTEGRATION_CONSULTANT: frozenset({_EMPLOYER}),
    Role.EMPLOYEE: frozenset({_EMPLOYER}),
    Role.OCCUPATIONAL_PHYSICIAN: frozenset({_ARBODIENST}),
    Role.ARBODIENST_ADMIN: frozenset({_ARBODIENST}),
}

#: Which roles a holder of the "grant_role" action grants, in an organisation where they hold it.
#: The employer side never grants the physician (nor any role that opens the vault); the
#: arbodienst grants its own people. The employee role is granted by no one: it comes only with
#: accepting an invitation sent to the address on the employee's record (cases.services).
GRANTABLE: dict[str, frozenset[str]] = {
    Role.EMPLOYER_ADMIN: frozenset(
        {Role.EMPLOYER_ADMIN, Role.CASE_MANAGER, Role.LINE_MANAGER, Role.REINTEGRATION_CONSULTANT}
    ),
    Role.ARBODIENST_ADMIN: frozenset(
        {Role.OCCUPATIONAL_PHYSICIAN, Role.ARBODIENST_ADMIN, Role.CASE_MANAGER}
    ),
}


def role_fits(role: str, organisation: Organisation) -> bool:
    """A membership of `role` may exist in `organisation` at all (its kind)."""
    return organisation.kind in ROLE_KINDS.get(role, frozenset())


def grantable_roles(user: User, organisation: Organisation) -> set[str]:
    """The roles `user` may give someone in `organisation`: from GRANTABLE for each role in which
    the policy table grants them "grant_role" there, and only roles that fit its kind."""
    if not user.is_active:
        return set()
    granting = grants("grant_role")  # each through Relation.ORGANISATION: roles held there
    roles: set[str] = set()
    for role in roles_in(user, organisation) & granting.keys():
        roles |= GRANTABLE.get(role, frozenset())
    return {role for role in roles if role_fits(role, organisation)}


def may_grant(user: User, role: str, organisation: Organisation) -> bool:
    return role in grantable_roles(user, organisation)


def grants(action: str) -> dict[str, str]:
    """role -> relation for `action`; raises UnknownAction for an action not in the table."""
    if action not in ACTIONS:
        raise UnknownAction(f"unknown action {action!r}; expected one of {ACTIONS}")
    return {role: rules[action] for role, rules in POLICY.items() if action in rules}


def may_enrol_device(user: User, *, verified: bool) -> bool:
    """The enrol_device action on the user's own login (Relation.SELF), in a session whose second
    factor is `verified` or not. Whoever already has an authenticator proves it first: otherwise
    the password alone would add a device and open what the second factor guards (issue 13,
    finding 1). A system administrator holds no role but guards the configuration, so may too."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not (user.is_staff or roles_of(user) & grants("enrol_device").keys()):
        return False
    return verified or not user_has_device(user, confirmed=True)


def organisations_for(user: User, roles: Iterable[str]) -> QuerySet[Organisation]:
    """Organisations in which `user` holds one of `roles`, with children where granted."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    memberships = Membership.objects.filter(user=user, role__in=list(roles))
    direct = memberships.values("organisation")
    via_holding = memberships.filter(includes_children=True).values("organisation")
    return Organisation.objects.filter(Q(pk__in=direct) | Q(parent__in=via_holding)).distinct()


def served_organisations_for(user: User, roles: Iterable[str]) -> QuerySet[Organisation]:
    """Employers served by an arbodienst where `user` holds one of `roles`. Only through the
    arbodienst: the same role held on an employer directly reaches nothing (ROLE_KINDS)."""
    arbodiensten = organisations_for(user, roles).filter(kind=Organisation.Kind.ARBODIENST)
    return Organisation.objects.filter(
        served_by__in=arbodiensten.values("pk"), kind=Organisation.Kind.EMPLOYER
    )


def start_request_memo(user: User | AnonymousUser) -> None:
    """Let the policy remember what it read about `user` until the end of this request: the roles
    and organisation ids a page asks for again and again (the route check, the selectors, the
    menu, each link's `opens`) are then read once. Set by RouteAccessMiddleware on the request's
    own user object, which lives as long as the request; a user object of anything else (a test,
    a command, a task) has no memo and is asked afresh every time."""
    user._policy_memo = {}  # type: ignore[union-attr]  # through a lazy request.user too


def request_memo(user: User | AnonymousUser) -> dict[Hashable, Any] | None:
    return getattr(user, "_policy_memo", None)


def roles_of(user: User | AnonymousUser) -> set[str]:
    """Every role the user holds anywhere: what the route declarations are checked against."""
    if not user.is_authenticated or not user.is_active:
        return set()
    memo = request_memo(user)
    if memo is not None and "roles" in memo:
        return set(memo["roles"])
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if memo is not None:
        memo["roles"] = frozenset(roles)
    return roles


def roles_in(user: User, organisation: Organisation) -> set[str]:
    if not user.is_authenticated:
        return set()
    direct = Membership.objects.filter(user=user, organisation=organisation)
    held = set(direct.values_list("role", flat=True))
    if organisation.parent_id:
        held |= set(
            Membership.objects.filter(
                user=user,
                organisation_id=organisation.parent_id,
                includes_children=True,
            ).values_list("role", flat=True)
        )
    return held


def primary_organisation(user: User) -> Organisation | None:
    """The organisation a user works in first: the one of their oldest employer-side membership."""
    membership = (
        Membership.objects.filter(user=user, role__in=[Role.EMPLOYER_ADMIN, Role.CASE_MANAGER])
        .select_related("organisation")
        .order_by("created_at", "pk")
        .first()
    )
    return membership.organisation if membership else None


#: Relations that reach every case of an organisation, and so can name the organisations themselves.
_WHOLE_ORGANISATION = {
    Relation.ORGANISATION: organisations_for,
    Relation.SERVED: served_organisations_for,
}


def organisations_granted(user: User, action: str) -> QuerySet[Organisation]:
    """Employers all of whose cases `user` reaches for `action`: the organisations a page of counts
    lists, with a row of zeros for one without cases. Relations narrower than a whole organisation
    (assigned, department, own) name none. The arbodienst itself is no employer it serves."""
    rules = grants(action)
    condition = Q(pk__in=[])
    for role in roles_of(user) & rules.keys():
        reach = _WHOLE_ORGANISATION.get(rules[role])
        if reach is not None:
            condition |= Q(pk__in=reach(user, [role]).values("pk"))
    return Organisation.objects.filter(condition, kind=Organisation.Kind.EMPLOYER)
