"""Who may open which route: one declaration per URL name, collected from every app's `routes.py`.

Each app declares its routes in `openverzuim/<app>/routes.py` as ``ROUTES = {"app:name": Access(...)}``
and hands that module over in its AppConfig.ready() with `register_modules()`. `route_table()` gathers
them (the modules are `routes.py`, not `access.py`, so that nobody takes them for `access_request.py`,
the AVG art. 15 export). The permission matrix (tests/privacy) walks every URL pattern of the
project and fails for a route without a declaration; object-level scoping (which case, which
employee) stays in the selectors, which answer a miss with a 404 (style.md §2.6).

Roles are the values of `openverzuim.accounts.roles.Role`, as plain strings: core sits below accounts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType

#: What a route is about, and so which objects a role reaches through it.
SCOPES = (
    "public",  # anyone, logged in or not (home page, health check, login)
    "authenticated",  # any logged-in user; the page shows only the user's own things
    "organisation",  # pages about an organisation the user holds one of `roles` in
    "case",  # pages about one dossier, scoped by the case selector
    "own",  # the employee's own dossier (portal)
    "medical",  # the physician's vault: never an employer-side role
    "system",  # configuration, no dossier content
    "api",  # the REST API (openverzuim/api): an API key, whose role the policy table
    # judges in the API's own permission check; no session, no form
)


#: The only roles a medical route may name (accounts.roles.MEDICAL_ROLES, as plain strings).
MEDICAL_ROLE_NAMES = frozenset({"occupational_physician"})

#: Routes of a whole namespace declared at once: Django's admin, which is configuration.
WILDCARD = "*"


@dataclass(frozen=True, slots=True)
class Access:
    """A route's declaration: the roles that reach it at all, the scope within which they do, and
    for object routes the policy action (accounts.policies.ACTIONS) their selector checks."""

    scope: str
    roles: frozenset[str] = frozenset()
    note: str = ""
    action: str = "view"

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}; expected one of {SCOPES}")
        if self.scope in ("public", "authenticated", "system", "api") and self.roles:
            raise ValueError(f"a {self.scope} route names no roles")
        if self.scope not in ("public", "authenticated", "system", "api") and not self.roles:
            raise ValueError(f"a {self.scope} route names the roles that reach it")
        if self.scope == "medical" and not self.roles <= MEDICAL_ROLE_NAMES:
            raise ValueError(f"a medical route names only {sorted(MEDICAL_ROLE_NAMES)}")


def access(scope: str, *roles: str, note: str = "", action: str = "view") -> Access:
    return Access(
        scope=scope, roles=frozenset(str(role) for role in roles), note=note, action=action
    )


ROUTES = {
    "front_page": access("public", note="the worklist for a logged-in user, else the home page"),
    "healthz": access("public"),
    "set_language": access("public"),
    "core:home": access("public"),
    "core:about": access("public"),
    # Django's admin is configuration for the system administrator (is_staff); dossier models
    # are not registered in it.
    f"admin:{WILDCARD}": access("system"),
    # Mail that failed or was given up, across all organisations: the system administrator's.
    "core:mail_queue": access("system"),
    "core:mail_retry": access("system"),
}


#: The registries: per kind, (app label -> module), in the order the apps are installed.
REGISTRY_KINDS = ("routes", "retention", "access_request", "subscribers")
_registries: dict[str, dict[str, ModuleType]] = {kind: {} for kind in REGISTRY_KINDS}


def register_modules(label: str, **modules: ModuleType) -> None:
    """Called by each app's AppConfig.ready(): its route declarations (`routes`), its retention
    sweep (`retention`), its part of the AVG art. 15 export (`access_request`) and what it does when
    events of the outbox commit (`subscribers`, core/outbox.py)."""
    for kind, module in modules.items():
        if kind not in _registries:
            raise ValueError(f"unknown registry {kind!r}; one of {', '.join(REGISTRY_KINDS)}")
        _registries[kind][label] = module


def project_modules(kind: str) -> Iterator[tuple[str, ModuleType]]:
    """(app label, module) for every app that registered a module of this kind."""
    return iter(tuple(_registries[kind].items()))


@cache
def route_table() -> dict[str, Access]:
    """Every app's ROUTES, merged; a URL name declared twice is an error."""
    table: dict[str, Access] = {}
    for _label, module in project_modules("routes"):
        for name, declaration in module.ROUTES.items():
            if name in table:
                raise ValueError(f"route {name!r} is declared twice")
            table[name] = declaration
    return table


def declaration_for(view_name: str | None, namespaces: list[str]) -> Access | None:
    """The declaration of a resolved route: its own name, else its namespace's wildcard."""
    table = route_table()
    if view_name and view_name in table:
        return table[view_name]
    if namespaces:
        return table.get(f"{namespaces[0]}:{WILDCARD}")
    return None
